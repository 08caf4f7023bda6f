--TEST--
Segment\Rfm::fit(): method "pandas" (qcut of rank(method="first") by customer id; checked against pandas 1.5.3)
--EXTENSIONS--
segment
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
$rfm = Segment\Rfm::fit($p, ['method' => 'pandas']);
$m = $rfm->toArray();
echo "{$m['method']} bins={$m['bins']} customers={$m['customers']}\n";
// The largest value in each of the bins 1..4.
foreach ($m['thresholds'] as $k => $t) echo "$k: ", json_encode($t, JSON_PRESERVE_ZERO_FRACTION), "\n";
// 102, 105, 109 ordered once: ranks 1, 2, 3 by customer id, so 109 lands in bin 2.
// 103 and 107 ordered twice: 103 gets F=2, 107 gets F=3.
foreach ($rfm->scores() as $id => $s) {
    echo var_export($id, true), ": {$s['score']} | {$s['segment']} | {$s['value_segment']} | {$s['retention']}\n";
}
// The pandas fit sorted the profiles by id (numerically).
echo implode(',', array_keys($p->toArray())), "\n";
// score() from the thresholds: tied customers at a boundary get the lower bin's score.
foreach ([109, 107] as $id) echo "$id: batch {$rfm->scores()[$id]['score']}, score() {$rfm->score($p->get($id))['score']}\n";
?>
--EXPECT--
pandas bins=5 customers=10
r: [2.0,5.0,20.0,45.0]
f: [1.0,2.0,3.0,5.0]
m: [20.0,60.0,180.0,500.0]
105: 111 | Lost | Lost | Lost
101: 544 | Champions | Champions | Active
110: 343 | Loyal Customers | Loyalists | Drifting
103: 323 | About To Sleep | Low Value | Drifting
108: 555 | Champions | Champions | Active
102: 411 | Promising | New Customers | Active
107: 132 | At Risk | Low Value | Lost
104: 255 | Can't Lose Them | Loyalists | Churn Risk
109: 222 | Hibernating | Lost | Churn Risk
106: 434 | Potential Loyalists | Big Spenders | Active
105,101,110,103,108,102,107,104,109,106
109: batch 222, score() 212
107: batch 132, score() 122
