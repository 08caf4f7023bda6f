--TEST--
Segment\Profiles::get(): by string or int id, exact bytes, null when unknown
--EXTENSIONS--
segment
--FILE--
<?php
$p = Segment\Profiles::fromIterable([
    ['c' => 12347, 'd' => '2024-01-01', 'a' => 1],
    ['c' => 'ABC', 'd' => '2024-01-01', 'a' => 2],
    ['c' => '007', 'd' => '2024-01-01', 'a' => 3],
    ['c' => "a\0b", 'd' => '2024-01-01', 'a' => 4],
    ['c' => 'é', 'd' => '2024-01-01', 'a' => 5],
], ['customer' => 'c', 'date' => 'd', 'amount' => 'a', 'reference' => '2024-01-02']);
foreach ([12347, '12347', 'ABC', 'abc', '007', 7, '7', "a\0b", 'a', 'é', '', ' 12347', -1] as $id) {
    $r = $p->get($id);
    echo var_export($id, true), ' => ', $r === null ? 'null' : var_export($r['customer_id'], true) . ' monetary=' . $r['monetary'], "\n";
}
// Each call builds a fresh array: changing it does not change the profile.
$r = $p->get('ABC');
$r['orders'] = 99;
var_dump($p->get('ABC')['orders']);
?>
--EXPECT--
12347 => '12347' monetary=1
'12347' => '12347' monetary=1
'ABC' => 'ABC' monetary=2
'abc' => null
'007' => '007' monetary=3
7 => null
'7' => null
'a' . "\0" . 'b' => 'a' . "\0" . 'b' monetary=4
'a' => null
'é' => 'é' monetary=5
'' => null
' 12347' => null
-1 => null
int(1)
