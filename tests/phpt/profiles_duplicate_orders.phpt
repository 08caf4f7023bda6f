--TEST--
Segment\Profiles: adjacent lines of one order id are one order; the same id again later counts again
--EXTENSIONS--
segment
--FILE--
<?php
$dir = sys_get_temp_dir() . '/segment_profiles_duplicate_orders_' . getmypid();
@mkdir($dir);
file_put_contents("$dir/o.csv", "c,o,d,a\n"
    . "a,1,2024-01-01 10:00:00,5\n"   // order 1
    . "a,1,2024-01-01 10:00:00,6\n"   // same order, adjacent: still 1 order
    . "b,7,2024-01-01 11:00:00,1\n"   // another customer in between does not split a's order
    . "a,1,2024-01-01 10:00:00,1\n"   // a's previous counted line was order 1: same order
    . "a,2,2024-01-02 10:00:00,1\n"   // order 2
    . "a,1,2024-01-03 10:00:00,1\n"   // order 1 again, not adjacent: counts again (documented)
    . "a,,2024-01-04 10:00:00,1\n"    // no order id: an order of its own
    . "a,,2024-01-04 10:00:00,1\n"    // ... and again
    . "b,7,2024-01-05 11:00:00,1\n");  // b: order 7 again, adjacent for b: still 1 order
$p = Segment\Profiles::fromCsv("$dir/o.csv", ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a',
                                                'reference' => '2024-01-10 00:00:00']);
foreach ($p as $id => $row) echo "$id: orders={$row['orders']} monetary={$row['monetary']}\n";

// Without an 'order' option every line is an order.
$p = Segment\Profiles::fromCsv("$dir/o.csv", ['customer' => 'c', 'date' => 'd', 'amount' => 'a']);
foreach ($p as $id => $row) echo "$id: orders={$row['orders']}\n";

// Int order ids from an iterable behave like their strings.
$p = Segment\Profiles::fromIterable([
    ['c' => 1, 'o' => 10, 'd' => '2024-01-01', 'a' => 1],
    ['c' => 1, 'o' => '10', 'd' => '2024-01-01', 'a' => 1],
    ['c' => 1, 'o' => 11, 'd' => '2024-01-02', 'a' => 1],
], ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a']);
echo "iterable: orders=", $p->get(1)['orders'], "\n";
unlink("$dir/o.csv");
rmdir($dir);
?>
--EXPECT--
a: orders=5 monetary=16
b: orders=1 monetary=2
a: orders=7
b: orders=2
iterable: orders=2
