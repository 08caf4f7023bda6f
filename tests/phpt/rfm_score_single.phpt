--TEST--
Segment\Rfm::score(): one customer from the stored thresholds (recency or last_order_at, frequency or orders, monetary or total_spent)
--EXTENSIONS--
segment
--INI--
date.timezone=UTC
--FILE--
<?php
$data = [105 => [60, 1, 15], 101 => [1, 5, 500], 110 => [20, 4, 180], 103 => [10, 2, 75.5], 108 => [2, 12, 2500.25],
         102 => [3, 1, 20], 107 => [90, 2, 60], 104 => [30, 8, 1200], 109 => [45, 1, 40], 106 => [5, 3, 300]];
$ref = strtotime('2024-02-01 00:00:00 UTC');
$rows = [];
foreach ($data as $id => [$rec, $n, $money]) {
    for ($k = $n - 1; $k >= 0; $k--) {
        $rows[] = ['c' => $id, 'o' => "$id-$k", 'd' => gmdate('Y-m-d H:i:s', $ref - $rec * 86400 - 6 * 3600 - $k * 86400),
                   'a' => $k === $n - 1 ? $money : 0];
    }
}
$p = Segment\Profiles::fromIterable($rows, ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a',
                                            'reference' => '2024-02-01 00:00:00']);
$rfm = Segment\Rfm::fit($p);
// thresholds r [2.8, 8, 24.000000000000004, 48], f [1, 2, 3.4000000000000004, 5.6000000000000005],
// m [36, 69.3, 228.00000000000006, 640.0000000000001]; a value equal to a threshold stays below it.
$cases = [
    'profile 108' => $p->get(108),
    'profile 105' => $p->get(105),
    'recency 8 (= t2)' => ['recency' => 8, 'orders' => 1, 'monetary' => 36],
    'recency 8.0001' => ['recency' => 8.0001, 'orders' => 1, 'monetary' => 36.01],
    'recency 48 (= t4)' => ['recency' => 48, 'orders' => 2, 'monetary' => 69.3],
    'recency 49' => ['recency' => 49, 'orders' => 3, 'monetary' => 69.30000000000001],
    'recency -3 (future)' => ['recency' => -3, 'orders' => 4, 'monetary' => 640.0000000000001],
    'recency 0' => ['recency' => 0, 'orders' => 6, 'monetary' => 640.0000000000002],
    'frequency beats orders' => ['recency' => 2.8, 'frequency' => 6, 'orders' => 1, 'monetary' => 1e9],
    'total_spent' => ['recency' => 2.9, 'orders' => 3.4000000000000004, 'total_spent' => 228.00000000000006],
    'monetary beats total_spent' => ['recency' => 24, 'orders' => 3, 'monetary' => 0, 'total_spent' => 1e9],
    'numeric strings' => ['recency' => '24.5', 'orders' => '5', 'monetary' => '-10'],
    'recency null, last_order_at string' => ['recency' => null, 'last_order_at' => gmdate('Y-m-d H:i:s', time() - 10 * 86400 - 600),
                                             'orders' => 2, 'monetary' => 100],
    'last_order_at DateTimeImmutable' => ['last_order_at' => new DateTimeImmutable('-30 days -10 minutes'), 'orders' => 2, 'monetary' => 100],
    'last_order_at int' => ['last_order_at' => time() - 86400 - 600, 'orders' => 2, 'monetary' => 100],
    'orders 0' => ['recency' => 1, 'orders' => 0, 'monetary' => 10],
    'orders null' => ['recency' => 1, 'orders' => null, 'monetary' => 10],
    'no orders key' => ['recency' => 1, 'monetary' => 10],
    'profile without orders' => ['customer_id' => 'x', 'orders' => 0, 'monetary' => 0.0, 'recency' => null, 'last_order_at' => null],
];
foreach ($cases as $label => $profile) {
    $s = $rfm->score($profile);
    echo "$label: ", $s === null ? 'null' : "{$s['score']} {$s['segment']} / {$s['value_segment']} / {$s['retention']}", "\n";
}
var_dump($rfm->score($p->get(101)));
foreach ([
    'no monetary' => ['recency' => 1, 'orders' => 1],
    'monetary not a number' => ['recency' => 1, 'orders' => 1, 'monetary' => 'lots'],
    'monetary INF' => ['recency' => 1, 'orders' => 1, 'monetary' => INF],
    'no recency, no last_order_at' => ['orders' => 1, 'monetary' => 1],
    'last_order_at not a date' => ['orders' => 1, 'monetary' => 1, 'last_order_at' => 'yesterday-ish'],
] as $label => $profile) {
    try {
        $rfm->score($profile);
        echo "$label: no error\n";
    } catch (ValueError $e) {
        echo "$label: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
profile 108: 555 Champions / Champions / Active
profile 105: 111 Lost / Lost / Lost
recency 8 (= t2): 411 Promising / New Customers / Active
recency 8.0001: 312 About To Sleep / Low Value / Drifting
recency 48 (= t4): 222 Hibernating / Lost / Churn Risk
recency 49: 133 At Risk / Low Value / Lost
recency -3 (future): 544 Champions / Champions / Active
recency 0: 555 Champions / Champions / Active
frequency beats orders: 555 Champions / Champions / Active
total_spent: 433 Potential Loyalists / Promising / Active
monetary beats total_spent: 331 Need Attention / Low Value / Drifting
numeric strings: 241 At Risk / Loyalists / Churn Risk
recency null, last_order_at string: 323 About To Sleep / Low Value / Drifting
last_order_at DateTimeImmutable: 223 Hibernating / Lost / Churn Risk
last_order_at int: 523 Potential Loyalists / Promising / Active
orders 0: null
orders null: null
no orders key: null
profile without orders: null
array(8) {
  ["r"]=>
  int(5)
  ["f"]=>
  int(4)
  ["m"]=>
  int(4)
  ["score"]=>
  string(3) "544"
  ["segment"]=>
  string(9) "Champions"
  ["value_segment"]=>
  string(9) "Champions"
  ["group"]=>
  string(4) "core"
  ["retention"]=>
  string(6) "Active"
}
no monetary: ValueError: Segment\Rfm::score(): Argument #1 ($profile) needs 'monetary' (or 'total_spent') as a number
monetary not a number: ValueError: Segment\Rfm::score(): Argument #1 ($profile) needs 'monetary' (or 'total_spent') as a number
monetary INF: ValueError: Segment\Rfm::score(): Argument #1 ($profile) needs 'monetary' (or 'total_spent') as a number
no recency, no last_order_at: ValueError: Segment\Rfm::score(): Argument #1 ($profile) needs 'recency' (days) or 'last_order_at'
last_order_at not a date: ValueError: option 'last_order_at' must be a date such as "2024-12-31 18:00:00", "yesterday-ish" is not
