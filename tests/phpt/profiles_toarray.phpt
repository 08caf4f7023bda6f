--TEST--
Segment\Profiles::toArray(): id => profile for every customer, in iteration order, equal to get()
--EXTENSIONS--
segment
--FILE--
<?php
$p = Segment\Profiles::fromIterable([
    ['c' => 'b', 'o' => 1, 'd' => '2024-01-01 10:00:00', 'a' => 10],
    ['c' => 42, 'o' => 2, 'd' => '2024-01-02 10:00:00', 'a' => 5],
    ['c' => 'b', 'o' => 3, 'd' => '2024-01-04 22:00:00', 'a' => 2.5],
    ['c' => 'z', 'o' => 'C4', 'd' => '2024-01-05', 'a' => -3],
], ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a', 'cancel_prefix' => 'C',
    'reference' => '2024-01-10 00:00:00']);
$all = $p->toArray();
var_dump(array_keys($all));
foreach ($all as $id => $row) {
    var_dump($row === $p->get((string) $id));
}
var_dump(iterator_to_array($p) === $all);
var_dump($all['b']);
var_dump($all['z']);
?>
--EXPECT--
array(3) {
  [0]=>
  string(1) "b"
  [1]=>
  int(42)
  [2]=>
  string(1) "z"
}
bool(true)
bool(true)
bool(true)
bool(true)
array(11) {
  ["customer_id"]=>
  string(1) "b"
  ["orders"]=>
  int(2)
  ["monetary"]=>
  float(12.5)
  ["average_order_value"]=>
  float(6.25)
  ["first_order_at"]=>
  string(19) "2024-01-01 10:00:00"
  ["last_order_at"]=>
  string(19) "2024-01-04 22:00:00"
  ["recency"]=>
  int(5)
  ["tenure_days"]=>
  int(3)
  ["mean_days_between_orders"]=>
  float(3.5)
  ["cancelled_orders"]=>
  int(0)
  ["returned"]=>
  float(0)
}
array(11) {
  ["customer_id"]=>
  string(1) "z"
  ["orders"]=>
  int(0)
  ["monetary"]=>
  float(0)
  ["average_order_value"]=>
  NULL
  ["first_order_at"]=>
  NULL
  ["last_order_at"]=>
  NULL
  ["recency"]=>
  NULL
  ["tenure_days"]=>
  NULL
  ["mean_days_between_orders"]=>
  NULL
  ["cancelled_orders"]=>
  int(1)
  ["returned"]=>
  float(3)
}
