--TEST--
Segment\Rfm::load(): a corrupt map or an unknown method in the file is bad content (Segment\Exception), not a ValueError or a silent default
--EXTENSIONS--
segment
--FILE--
<?php
$file = sys_get_temp_dir() . '/segment_rfm_load_strict_' . getmypid() . '.json';
$good = [
    'format' => 'segment-rfm', 'version' => 1, 'method' => 'quantile', 'bins' => 3, 'reference' => '2024-01-01 00:00:00',
    'customers' => 10, 'thresholds' => ['r' => [5, 10.5], 'f' => [1, 2], 'm' => [10.25, 99]],
    'maps' => ['segment' => [['name' => 'Best', 'r' => [3, 3]]], 'groups' => [], 'retention' => []],
];
$cases = [
    'rule range beyond bins' => ['maps' => ['segment' => [['name' => 'Best', 'r' => [3, 5]]], 'groups' => [], 'retention' => []]],
    'rule without name' => ['maps' => ['segment' => [['r' => [1, 3]]], 'groups' => [], 'retention' => []]],
    'map not a list' => ['maps' => ['segment' => ['x' => ['name' => 'Best']], 'groups' => [], 'retention' => []]],
    'unknown method' => ['method' => 'kmeans'],
];
foreach ($cases as $label => $change) {
    file_put_contents($file, json_encode($change + $good));
    try {
        $m = Segment\Rfm::load($file);
        echo "$label: loaded as method {$m->toArray()['method']}\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), "\n";
    }
}
unlink($file);
?>
--EXPECT--
rule range beyond bins: Segment\Exception
rule without name: Segment\Exception
map not a list: Segment\Exception
unknown method: Segment\Exception
