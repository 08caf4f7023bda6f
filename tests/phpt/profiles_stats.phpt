--TEST--
Segment\Profiles::stats(): lines, guests, cancelled and returned lines, customers, first and last date, reference, memory
--EXTENSIONS--
segment
--FILE--
<?php
$p = Segment\Profiles::fromIterable([
    ['c' => 'a', 'o' => '1', 'd' => '2023-12-31 23:59:59', 'a' => 5],
    ['c' => '', 'o' => '2', 'd' => '1999-01-01', 'a' => 5],        // guest: not in the dates
    ['c' => null, 'o' => '3', 'd' => '2030-01-01', 'a' => 5],
    ['c' => 'b', 'o' => 'C4', 'd' => '2023-06-01 08:00:00', 'a' => -1], // cancelled: in the dates
    ['c' => 'b', 'o' => '5', 'd' => '2024-02-29 12:00:00', 'a' => -2],  // return
    ['c' => 'c', 'o' => '6', 'd' => '2024-01-15', 'a' => 0],
], ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a', 'cancel_prefix' => 'C',
    'reference' => new DateTimeImmutable('2024-03-01 00:00:00')]);
$s = $p->stats();
var_dump(array_keys($s));
$mem = $s['memory_bytes'];
unset($s['memory_bytes']);
var_dump($s);
var_dump(is_int($mem) && $mem > 0);
// Memory grows with customers.
$rows = [];
for ($i = 0; $i < 20000; $i++) $rows[] = ['c' => $i, 'd' => 1700000000, 'a' => 1];
$big = Segment\Profiles::fromIterable($rows, ['customer' => 'c', 'date' => 'd', 'amount' => 'a']);
$bigmem = $big->stats()['memory_bytes'];
var_dump($bigmem > $mem, $bigmem / 20000 < 200);
?>
--EXPECT--
array(10) {
  [0]=>
  string(5) "lines"
  [1]=>
  string(22) "lines_without_customer"
  [2]=>
  string(18) "lines_without_date"
  [3]=>
  string(15) "cancelled_lines"
  [4]=>
  string(14) "returned_lines"
  [5]=>
  string(9) "customers"
  [6]=>
  string(14) "first_order_at"
  [7]=>
  string(13) "last_order_at"
  [8]=>
  string(9) "reference"
  [9]=>
  string(12) "memory_bytes"
}
array(9) {
  ["lines"]=>
  int(6)
  ["lines_without_customer"]=>
  int(2)
  ["lines_without_date"]=>
  int(0)
  ["cancelled_lines"]=>
  int(1)
  ["returned_lines"]=>
  int(1)
  ["customers"]=>
  int(3)
  ["first_order_at"]=>
  string(19) "2023-06-01 08:00:00"
  ["last_order_at"]=>
  string(19) "2024-02-29 12:00:00"
  ["reference"]=>
  string(19) "2024-03-01 00:00:00"
}
bool(true)
bool(true)
bool(true)
