--TEST--
Segment\Rfm::load(): missing file, not JSON, wrong format or version, bad bins, reference or thresholds, no maps: Segment\Exception
--EXTENSIONS--
segment
--FILE--
<?php
$dir = sys_get_temp_dir() . '/segment_rfm_load_error_' . getmypid();
@mkdir($dir);
$good = [
    'format' => 'segment-rfm', 'version' => 1, 'method' => 'quantile', 'bins' => 3, 'reference' => '2024-01-01 00:00:00',
    'customers' => 10, 'thresholds' => ['r' => [5, 10.5], 'f' => [1, 2], 'm' => [10.25, 99]],
    'maps' => ['segment' => [['name' => 'Best', 'r' => [3, 3]]], 'groups' => [], 'retention' => []],
];
$with = function (array $change, array $remove = []) use ($good) {
    $m = array_replace_recursive($good, $change);
    foreach ($remove as $k) unset($m[$k]);
    return json_encode($m);
};
$thr = fn(array $t) => json_encode(['thresholds' => $t] + $good);
$cases = [
    'good' => json_encode($good),
    'empty file' => '',
    'not JSON' => "{\"format\": \"segment-rfm\",",
    'JSON list' => '[1, 2, 3]',
    'JSON string' => '"segment-rfm"',
    'no format' => $with([], ['format']),
    'wrong format' => $with(['format' => 'segment-kmeans']),
    'version 2' => $with(['version' => 2]),
    'version "1"' => $with(['version' => '1']),
    'no version' => $with([], ['version']),
    'bins 1' => $with(['bins' => 1]),
    'bins 11' => $with(['bins' => 11]),
    'bins 3.0' => str_replace('"bins":3,', '"bins":3.0,', $with([])),
    'no reference' => $with([], ['reference']),
    'bad reference' => $with(['reference' => 'yesterday']),
    'no thresholds' => $with([], ['thresholds']),
    'thresholds not ascending' => $thr(['r' => [10.5, 5], 'f' => [1, 2], 'm' => [10.25, 99]]),
    'too few thresholds' => $thr(['r' => [5], 'f' => [1, 2], 'm' => [10.25, 99]]),
    'too many thresholds' => $thr(['r' => [5, 10.5], 'f' => [1, 2, 3], 'm' => [10.25, 99]]),
    'threshold a string' => $thr(['r' => [5, 10.5], 'f' => [1, 2], 'm' => ['10.25', 99]]),
    'threshold null' => $thr(['r' => [5, 10.5], 'f' => [1, null], 'm' => [10.25, 99]]),
    'thresholds missing m' => $thr(['r' => [5, 10.5], 'f' => [1, 2]]),
    'equal thresholds (allowed)' => $thr(['r' => [5, 5], 'f' => [1, 1], 'm' => [10.25, 10.25]]),
    'no maps' => $with([], ['maps']),
    'maps a string' => $with(['maps' => 'rf11']),
    'maps empty (built-in maps, empty for 3 bins)' => json_encode(['maps' => []] + $good),
    'deeply nested' => str_repeat('[', 40) . str_repeat(']', 40),
];
foreach ($cases as $label => $text) {
    file_put_contents("$dir/m.json", $text);
    try {
        $m = Segment\Rfm::load("$dir/m.json");
        echo "$label: loaded, ", json_encode($m->score(['recency' => 4, 'orders' => 3, 'monetary' => 100])), "\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ': ', str_replace($dir, 'DIR', $e->getMessage()), "\n";
    }
}
try {
    Segment\Rfm::load("$dir/missing.json");
} catch (Segment\Exception $e) {
    echo get_class($e), ': ', str_replace($dir, 'DIR', $e->getMessage()), "\n";
}
try {
    Segment\Rfm::load("$dir/m.json\0x");
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
unlink("$dir/m.json");
rmdir($dir);
?>
--EXPECT--
good: loaded, {"r":3,"f":3,"m":3,"score":"333","segment":"Best","value_segment":null,"group":null,"retention":null}
empty file: Segment\Exception: 'DIR/m.json' is not a valid RFM model: it is not a JSON object
not JSON: Segment\Exception: 'DIR/m.json' is not a valid RFM model: it is not a JSON object
JSON list: Segment\Exception: 'DIR/m.json' is not a valid RFM model: 'format' is not "segment-rfm"
JSON string: Segment\Exception: 'DIR/m.json' is not a valid RFM model: it is not a JSON object
no format: Segment\Exception: 'DIR/m.json' is not a valid RFM model: 'format' is not "segment-rfm"
wrong format: Segment\Exception: 'DIR/m.json' is not a valid RFM model: 'format' is not "segment-rfm"
version 2: Segment\Exception: 'DIR/m.json' is not a valid RFM model: its version is not 1
version "1": Segment\Exception: 'DIR/m.json' is not a valid RFM model: its version is not 1
no version: Segment\Exception: 'DIR/m.json' is not a valid RFM model: its version is not 1
bins 1: Segment\Exception: 'DIR/m.json' is not a valid RFM model: bins must be an integer from 2 to 10
bins 11: Segment\Exception: 'DIR/m.json' is not a valid RFM model: bins must be an integer from 2 to 10
bins 3.0: Segment\Exception: 'DIR/m.json' is not a valid RFM model: bins must be an integer from 2 to 10
no reference: Segment\Exception: 'DIR/m.json' is not a valid RFM model: 'reference' is not a date
bad reference: Segment\Exception: 'DIR/m.json' is not a valid RFM model: 'reference' is not a date
no thresholds: Segment\Exception: 'DIR/m.json' is not a valid RFM model: 'thresholds' must hold r, f and m, each bins - 1 ascending numbers
thresholds not ascending: Segment\Exception: 'DIR/m.json' is not a valid RFM model: 'thresholds' must hold r, f and m, each bins - 1 ascending numbers
too few thresholds: Segment\Exception: 'DIR/m.json' is not a valid RFM model: 'thresholds' must hold r, f and m, each bins - 1 ascending numbers
too many thresholds: Segment\Exception: 'DIR/m.json' is not a valid RFM model: 'thresholds' must hold r, f and m, each bins - 1 ascending numbers
threshold a string: Segment\Exception: 'DIR/m.json' is not a valid RFM model: 'thresholds' must hold r, f and m, each bins - 1 ascending numbers
threshold null: Segment\Exception: 'DIR/m.json' is not a valid RFM model: 'thresholds' must hold r, f and m, each bins - 1 ascending numbers
thresholds missing m: Segment\Exception: 'DIR/m.json' is not a valid RFM model: 'thresholds' must hold r, f and m, each bins - 1 ascending numbers
equal thresholds (allowed): loaded, {"r":3,"f":3,"m":3,"score":"333","segment":"Best","value_segment":null,"group":null,"retention":null}
no maps: Segment\Exception: 'DIR/m.json' is not a valid RFM model: 'maps' is missing
maps a string: Segment\Exception: 'DIR/m.json' is not a valid RFM model: 'maps' is missing
maps empty (built-in maps, empty for 3 bins): loaded, {"r":3,"f":3,"m":3,"score":"333","segment":null,"value_segment":null,"group":null,"retention":null}
deeply nested: Segment\Exception: 'DIR/m.json' is not a valid RFM model: it is not a JSON object
Segment\Exception: cannot read the RFM model 'DIR/missing.json'
ValueError: Segment\Rfm::load(): Argument #1 ($path) must not contain any null bytes
