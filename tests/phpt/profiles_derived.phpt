--TEST--
Segment\Profiles: derived fields (average_order_value, tenure_days, mean_days_between_orders) and recency to the reference (string, int, DateTimeImmutable, future orders)
--EXTENSIONS--
segment
--INI--
date.timezone=Europe/Paris
--FILE--
<?php
$rows = [
    ['c' => 'three', 'o' => 1, 'd' => '2024-01-01 10:00:00', 'a' => 10],
    ['c' => 'three', 'o' => 2, 'd' => '2024-01-11 22:00:00', 'a' => 20],
    ['c' => 'three', 'o' => 3, 'd' => '2024-01-31 09:59:59', 'a' => 0.5],
    ['c' => 'one', 'o' => 4, 'd' => '2024-02-01 00:00:00', 'a' => 7],
    ['c' => 'future', 'o' => 5, 'd' => '2024-02-11 12:00:00', 'a' => 1],
    ['c' => 'exact', 'o' => 6, 'd' => '2024-02-09 00:00:00', 'a' => 1],
    ['c' => 'exact', 'o' => 7, 'd' => '2024-02-08 23:59:59', 'a' => 1], // out of order: first_order_at is the min
];
$opts = ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a'];
$refs = [
    'string' => '2024-02-10 00:00:00',
    'string with T' => '2024-02-10T00:00:00',
    'int' => 1707523200, // 2024-02-10 00:00:00 on the wall clock, as order dates are read
    'DateTimeImmutable (Paris)' => new DateTimeImmutable('2024-02-10 00:00:00'),
    'DateTime (New York)' => new DateTime('2024-02-10 00:00:00', new DateTimeZone('America/New_York')),
];
foreach ($refs as $label => $ref) {
    $p = Segment\Profiles::fromIterable($rows, $opts + ['reference' => $ref]);
    echo "$label: reference {$p->stats()['reference']}: recency";
    foreach ($p as $id => $r) echo " $id=", $r['recency'];
    echo "\n";
}
$p = Segment\Profiles::fromIterable($rows, $opts + ['reference' => '2024-02-10']);
foreach ($p as $id => $r) {
    echo "$id: orders={$r['orders']} aov=", var_export($r['average_order_value'], true),
        " first={$r['first_order_at']} last={$r['last_order_at']} tenure_days={$r['tenure_days']}",
        " mean_days_between_orders=", var_export($r['mean_days_between_orders'], true), "\n";
}
// The default reference is now.
$p = Segment\Profiles::fromIterable([['c' => 'x', 'd' => time() - 86400 * 3 - 60, 'a' => 1]], $opts);
echo "default reference: recency=", $p->get('x')['recency'], "\n";
?>
--EXPECT--
string: reference 2024-02-10 00:00:00: recency three=9 one=9 future=-2 exact=1
string with T: reference 2024-02-10 00:00:00: recency three=9 one=9 future=-2 exact=1
int: reference 2024-02-10 00:00:00: recency three=9 one=9 future=-2 exact=1
DateTimeImmutable (Paris): reference 2024-02-10 00:00:00: recency three=9 one=9 future=-2 exact=1
DateTime (New York): reference 2024-02-10 00:00:00: recency three=9 one=9 future=-2 exact=1
three: orders=3 aov=10.166666666666666 first=2024-01-01 10:00:00 last=2024-01-31 09:59:59 tenure_days=29 mean_days_between_orders=14.999994212962964
one: orders=1 aov=7.0 first=2024-02-01 00:00:00 last=2024-02-01 00:00:00 tenure_days=0 mean_days_between_orders=NULL
future: orders=1 aov=1.0 first=2024-02-11 12:00:00 last=2024-02-11 12:00:00 tenure_days=0 mean_days_between_orders=NULL
exact: orders=2 aov=1.0 first=2024-02-08 23:59:59 last=2024-02-09 00:00:00 tenure_days=0 mean_days_between_orders=1.1574074074074073E-5
default reference: recency=3
