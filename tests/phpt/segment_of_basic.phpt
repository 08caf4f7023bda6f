--TEST--
segment_of() and segments_of() with a given rule set
--EXTENSIONS--
segment
--FILE--
<?php
$rs = new Segment\RuleSet([
    ['code' => 'regular', 'rule' => 'orders_count >= 2', 'priority' => 1],
    ['code' => 'vip', 'rule' => 'total_spent >= 1000', 'priority' => 10],
    ['code' => 'french', 'rule' => 'country == "FR"'],
    ['code' => 'off', 'rule' => 'true', 'priority' => 99, 'enabled' => false],
]);
$customers = [
    ['orders_count' => 12, 'total_spent' => 2400, 'country' => 'FR'],
    (object)['orders_count' => '3', 'total_spent' => '150.00', 'country' => 'BE'],
    new ArrayObject(['country' => 'FR']),
    [],
];
foreach ($customers as $c) {
    var_dump(segment_of($c, $rs));
    echo json_encode(segments_of($c, $rs)), "\n";
}
// They agree with the methods.
var_dump(segment_of($customers[0], $rs) === $rs->first($customers[0]));
var_dump(segments_of($customers[0], $rs) === $rs->match($customers[0]));
?>
--EXPECT--
string(3) "vip"
["vip","regular","french"]
string(7) "regular"
["regular"]
string(6) "french"
["french"]
NULL
[]
bool(true)
bool(true)
