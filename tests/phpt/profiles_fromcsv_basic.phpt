--TEST--
Segment\Profiles::fromCsv(): order lines (quantity x price) to one profile per customer
--EXTENSIONS--
segment
--FILE--
<?php
$dir = sys_get_temp_dir() . '/segment_profiles_fromcsv_basic_' . getmypid();
@mkdir($dir);
$csv = "$dir/orders.csv";
// Two lines of order 1001, a guest line, a quoted description with a comma,
// CRLF line ends and columns in an unusual order.
file_put_contents($csv, "InvoiceNo,Description,Quantity,InvoiceDate,UnitPrice,CustomerID\r\n"
    . "1001,\"Mug, red\",2,2024-01-01 10:00:00,3.5,17850\r\n"
    . "1001,Plate,1,2024-01-01 10:00:00,10,17850\r\n"
    . "1002,Plate,4,2024-01-02 09:30:00,2.5,\r\n"
    . "1003,\"Bowl \"\"XL\"\"\",3,2024-01-03 08:00:00,1.25,12347\r\n"
    . "1004,Mug,1,2024-01-08 10:00:00,3.5,17850\r\n");
$p = Segment\Profiles::fromCsv($csv, [
    'customer' => 'CustomerID', 'order' => 'InvoiceNo', 'date' => 'InvoiceDate',
    'quantity' => 'Quantity', 'price' => 'UnitPrice', 'reference' => '2024-01-10 12:00:00',
]);
var_dump($p instanceof Countable, $p instanceof IteratorAggregate, count($p));
var_dump($p->get('17850'));
var_dump($p->get('12347')['monetary'], $p->get('12347')['orders']);
$s = $p->stats();
unset($s['memory_bytes']);
var_dump($s);
unlink($csv);
rmdir($dir);
?>
--EXPECT--
bool(true)
bool(true)
int(2)
array(11) {
  ["customer_id"]=>
  string(5) "17850"
  ["orders"]=>
  int(2)
  ["monetary"]=>
  float(20.5)
  ["average_order_value"]=>
  float(10.25)
  ["first_order_at"]=>
  string(19) "2024-01-01 10:00:00"
  ["last_order_at"]=>
  string(19) "2024-01-08 10:00:00"
  ["recency"]=>
  int(2)
  ["tenure_days"]=>
  int(7)
  ["mean_days_between_orders"]=>
  float(7)
  ["cancelled_orders"]=>
  int(0)
  ["returned"]=>
  float(0)
}
float(3.75)
int(1)
array(9) {
  ["lines"]=>
  int(5)
  ["lines_without_customer"]=>
  int(1)
  ["lines_without_date"]=>
  int(0)
  ["cancelled_lines"]=>
  int(0)
  ["returned_lines"]=>
  int(0)
  ["customers"]=>
  int(2)
  ["first_order_at"]=>
  string(19) "2024-01-01 10:00:00"
  ["last_order_at"]=>
  string(19) "2024-01-08 10:00:00"
  ["reference"]=>
  string(19) "2024-01-10 12:00:00"
}
