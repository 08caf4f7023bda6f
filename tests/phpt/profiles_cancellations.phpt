--TEST--
Segment\Profiles: cancellations (prefix and status) and returns under returns=exclude and returns=net
--EXTENSIONS--
segment
--FILE--
<?php
$dir = sys_get_temp_dir() . '/segment_profiles_cancellations_' . getmypid();
@mkdir($dir);
file_put_contents("$dir/o.csv", <<<CSV
cust,inv,date,qty,price,status
a,100,2024-01-01 10:00:00,2,5.5,paid
a,100,2024-01-01 10:00:00,1,3,paid
a,C100,2024-01-02 10:00:00,-1,3,paid
a,C100,2024-01-02 10:00:00,-2,5.5,paid
a,101,2024-01-05 10:00:00,4,2.5,canceled
a,102,2024-01-06 10:00:00,-1,7,paid
a,103,2024-01-07 10:00:00,3,-2,paid
a,104,2024-01-08 10:00:00,0,9,paid
a,105,2024-01-09 10:00:00,1,1,Canceled
b,C200,2024-01-03 10:00:00,-1,4,paid
b,201,2024-01-04 10:00:00,-1,-4,refunded
b,202,2024-01-04 10:00:00,-1,-4,paid
,300,2024-01-04 10:00:00,1,1,paid

CSV);
// a: 100 (11 + 3 = 14, one order); C100 two lines = one cancelled order (3 + 11);
//    101 cancelled by status (+10, never paid: not netted); 102 return by quantity (-7);
//    103 return by amount (-6); 104 a free line: an order; 105 "Canceled" (case differs): an order.
// b: C200 cancelled (-4); 201 cancelled by status, amount +4; 202 return by quantity, amount +4.
foreach (['exclude', 'net'] as $returns) {
    $p = Segment\Profiles::fromCsv("$dir/o.csv", [
        'customer' => 'cust', 'order' => 'inv', 'date' => 'date', 'quantity' => 'qty', 'price' => 'price',
        'status' => 'status', 'cancel_prefix' => 'C', 'cancelled_statuses' => ['canceled', 'refunded'],
        'returns' => $returns, 'reference' => '2024-01-10 00:00:00',
    ]);
    echo "== $returns\n";
    foreach ($p as $id => $r) {
        printf("%s: orders=%d monetary=%s aov=%s last=%s cancelled_orders=%d returned=%s\n", $id, $r['orders'],
            var_export($r['monetary'], true), var_export($r['average_order_value'], true),
            var_export($r['last_order_at'], true), $r['cancelled_orders'], var_export($r['returned'], true));
    }
    $s = $p->stats();
    echo "lines={$s['lines']} without_customer={$s['lines_without_customer']} cancelled={$s['cancelled_lines']}",
        " returned={$s['returned_lines']} customers={$s['customers']}\n";
}
// Without cancel_prefix, "C100" is an ordinary order id (its lines are returns by quantity).
$p = Segment\Profiles::fromCsv("$dir/o.csv", ['customer' => 'cust', 'order' => 'inv', 'date' => 'date',
    'quantity' => 'qty', 'price' => 'price']);
$s = $p->stats();
echo "no policy: a orders=", $p->get('a')['orders'], " cancelled_orders=", $p->get('a')['cancelled_orders'],
    " cancelled_lines={$s['cancelled_lines']} returned_lines={$s['returned_lines']}\n";

// Only cancellations: a profile with 0 orders, and nothing to fit.
$p = Segment\Profiles::fromIterable([
    ['c' => 'x', 'o' => 'C1', 'd' => '2024-01-01', 'a' => -5],
], ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a', 'cancel_prefix' => 'C']);
echo count($p), ' ', json_encode($p->get('x')), "\n";
try {
    Segment\Rfm::fit($p);
} catch (Segment\Exception $e) {
    echo $e->getMessage(), "\n";
}
unlink("$dir/o.csv");
rmdir($dir);
?>
--EXPECT--
== exclude
a: orders=3 monetary=15.0 aov=5.0 last='2024-01-09 10:00:00' cancelled_orders=2 returned=37.0
b: orders=0 monetary=0.0 aov=NULL last=NULL cancelled_orders=2 returned=12.0
lines=13 without_customer=1 cancelled=5 returned=3 customers=2
== net
a: orders=3 monetary=-12.0 aov=-4.0 last='2024-01-09 10:00:00' cancelled_orders=2 returned=37.0
b: orders=0 monetary=-4.0 aov=NULL last=NULL cancelled_orders=2 returned=12.0
lines=13 without_customer=1 cancelled=5 returned=3 customers=2
no policy: a orders=4 cancelled_orders=0 cancelled_lines=0 returned_lines=7
1 {"customer_id":"x","orders":0,"monetary":0,"average_order_value":null,"first_order_at":null,"last_order_at":null,"recency":null,"tenure_days":null,"mean_days_between_orders":null,"cancelled_orders":1,"returned":5}
RFM fit: no customer has an order to score
