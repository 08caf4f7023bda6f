--TEST--
Segment\RuleSet::match(), first(), matches(): priority order, disabled segments, customers as arrays
--EXTENSIONS--
segment
--FILE--
<?php
$rs = new Segment\RuleSet([
    ['code' => 'newcomer', 'rule' => 'orders_count == 0'],
    ['code' => 'regular', 'rule' => 'orders_count >= 1', 'priority' => 1],
    ['code' => 'vip', 'rule' => 'orders_count >= 5 and total_spent > 1000', 'priority' => 10],
    ['code' => 'french', 'rule' => 'country == "FR"', 'priority' => 1],
    ['code' => 'archived', 'rule' => 'true', 'priority' => 100, 'enabled' => false],
]);

$customers = [
    'anna' => ['orders_count' => 7, 'total_spent' => 1520.5, 'country' => 'FR'],
    'ben' => ['orders_count' => 2, 'total_spent' => 80, 'country' => 'DE'],
    'chloe' => ['orders_count' => 0, 'country' => 'FR'],
    'dan' => [],
];
foreach ($customers as $name => $c) {
    echo $name, ': match=', json_encode($rs->match($c)), ' first=', json_encode($rs->first($c)), "\n";
}

// matches() evaluates one segment, enabled or not; match()/first() skip disabled ones.
var_dump($rs->matches($customers['ben'], 'archived'));
var_dump($rs->matches($customers['ben'], 'vip'));
var_dump($rs->matches($customers['anna'], 'vip'));
var_dump($rs->first($customers['dan']));
?>
--EXPECT--
anna: match=["vip","regular","french"] first="vip"
ben: match=["regular"] first="regular"
chloe: match=["french","newcomer"] first="french"
dan: match=[] first=null
bool(true)
bool(false)
bool(true)
NULL
