--TEST--
Segment\RuleSet::__construct(): definitions, priority order, count(), codes(), definitions(), attributes()
--EXTENSIONS--
segment
--FILE--
<?php
$rs = new Segment\RuleSet([
    ['code' => 'regular', 'rule' => 'orders_count >= 1'],
    ['code' => 'vip', 'name' => 'VIP customers', 'rule' => 'total_spent > 1000 and cart . total > 0', 'priority' => 10],
    ['code' => 'new', 'rule' => 'orders_count == 0', 'priority' => '5', 'enabled' => '1'],
    ['code' => 'paused', 'rule' => 'cart.total > 0', 'priority' => 5, 'enabled' => 0],
    ['code' => 'tie', 'rule' => 'total_spent > 0', 'name' => null, 'enabled' => null],
]);

var_dump(count($rs), $rs->count());
// Priority order, highest first; equal priorities keep definition order.
echo implode(',', $rs->codes()), "\n";
// Every distinct path once, written canonically ("cart . total" is "cart.total").
echo implode(',', $rs->attributes()), "\n";
foreach ($rs->definitions() as $d) {
    echo json_encode($d), "\n";
}
?>
--EXPECT--
int(5)
int(5)
vip,new,paused,regular,tie
orders_count,total_spent,cart.total
{"code":"vip","name":"VIP customers","rule":"total_spent > 1000 and cart . total > 0","priority":10,"enabled":true}
{"code":"new","name":"new","rule":"orders_count == 0","priority":5,"enabled":true}
{"code":"paused","name":"paused","rule":"cart.total > 0","priority":5,"enabled":false}
{"code":"regular","name":"regular","rule":"orders_count >= 1","priority":0,"enabled":true}
{"code":"tie","name":"tie","rule":"total_spent > 0","priority":0,"enabled":true}
