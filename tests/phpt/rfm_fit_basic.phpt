--TEST--
Segment\Rfm::fit(): the default "quantile" method on 10 customers (thresholds and scores checked against numpy)
--EXTENSIONS--
segment
--FILE--
<?php
// customer => [recency days, orders, monetary]; rows in a shuffled customer order.
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
$m = $rfm->toArray();
echo "{$m['method']} bins={$m['bins']} reference={$m['reference']} customers={$m['customers']}\n";
// numpy.quantile(values, numpy.linspace(0, 1, 6)[1:-1]) with numpy 1.24.2
foreach ($m['thresholds'] as $k => $t) echo "$k: ", json_encode($t, JSON_PRESERVE_ZERO_FRACTION), "\n";
foreach ($rfm->scores() as $id => $s) {
    echo var_export($id, true), ": {$s['r']} {$s['f']} {$s['m']} {$s['score']} | {$s['segment']} | {$s['value_segment']} ",
        "({$s['group']}) | {$s['retention']}\n";
}
// The quantile fit does not reorder the profiles.
echo implode(',', array_keys($p->toArray())), "\n";
?>
--EXPECT--
quantile bins=5 reference=2024-02-01 00:00:00 customers=10
r: [2.8,8.0,24.000000000000004,48.0]
f: [1.0,2.0,3.4000000000000004,5.6000000000000005]
m: [36.0,69.3,228.00000000000006,640.0000000000001]
105: 1 1 1 111 | Lost | Lost (non-core) | Lost
101: 5 4 4 544 | Champions | Champions (core) | Active
110: 3 4 3 343 | Loyal Customers | Loyalists (core) | Drifting
103: 3 2 3 323 | About To Sleep | Low Value (non-core) | Drifting
108: 5 5 5 555 | Champions | Champions (core) | Active
102: 4 1 1 411 | Promising | New Customers (potential core) | Active
107: 1 2 2 122 | Lost | Lost (non-core) | Lost
104: 2 5 5 255 | Can't Lose Them | Loyalists (core) | Churn Risk
109: 2 1 2 212 | Hibernating | Lost (non-core) | Churn Risk
106: 4 3 4 434 | Potential Loyalists | Big Spenders (core) | Active
105,101,110,103,108,102,107,104,109,106
