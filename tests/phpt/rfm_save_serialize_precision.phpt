--TEST--
Segment\Rfm::save(): thresholds are written exactly whatever serialize_precision is (here the old default 14)
--EXTENSIONS--
segment
--INI--
serialize_precision=14
--FILE--
<?php
$data = [105 => [60, 1, 15], 101 => [1, 5, 500], 110 => [20, 4, 180], 103 => [10, 2, 75.5], 108 => [2, 12, 2500.25],
         102 => [3, 1, 20], 107 => [90, 2, 60], 104 => [30, 8, 1200], 109 => [45, 1, 40], 106 => [5, 3, 300]];
$rows = [];
foreach ($data as $id => [$rec, $n, $money]) {
    for ($k = $n - 1; $k >= 0; $k--) {
        $rows[] = ['c' => $id, 'o' => "$id-$k", 'd' => 1706745600 - $rec * 86400 - 6 * 3600 - $k * 86400, 'a' => $k === $n - 1 ? $money : 0];
    }
}
$p = Segment\Profiles::fromIterable($rows, ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a',
                                            'reference' => '2024-02-01 00:00:00']);
$rfm = Segment\Rfm::fit($p);   // r thresholds 2.8, 8, 24.000000000000004, 48
$file = sys_get_temp_dir() . '/segment_rfm_save_precision_' . getmypid() . '.json';
$rfm->save($file);
$loaded = Segment\Rfm::load($file);
unlink($file);
var_dump($loaded->toArray()['thresholds'] === $rfm->toArray()['thresholds']);
$q = ['recency' => 24.000000000000004, 'orders' => 1, 'monetary' => 1];
echo $rfm->score($q)['score'], ' ', $loaded->score($q)['score'], "\n";
?>
--EXPECT--
bool(true)
311 311
