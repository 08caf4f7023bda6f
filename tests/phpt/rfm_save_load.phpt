--TEST--
Segment\Rfm::save() and load(): JSON round trip with exact thresholds, identical score() results, byte-identical re-save
--EXTENSIONS--
segment
--FILE--
<?php
$dir = sys_get_temp_dir() . '/segment_rfm_save_load_' . getmypid();
@mkdir($dir);
mt_srand(42);
$rows = [];
for ($c = 1; $c <= 300; $c++) {
    $n = mt_rand(1, 4) === 1 ? mt_rand(1, 25) : mt_rand(1, 3);
    for ($k = 0; $k < $n; $k++) {
        $rows[] = ['c' => "C$c", 'o' => "$c-$k", 'd' => 1700000000 - mt_rand(0, 400 * 86400), 'a' => mt_rand(1, 100000) / 100 + 0.1];
    }
}
$p = Segment\Profiles::fromIterable($rows, ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a',
                                            'reference' => '2023-11-15 00:00:00']);
$maps = [
    'map' => [['name' => 'Top "quoted" / ünïcode', 'r' => [4, 5], 'f' => [4, 5], 'm' => [4, 5]], ['name' => 'Other']],
    'groups' => 'core',
    'retention' => [['name' => 'Recent', 'group' => 'r', 'r' => [3, 5]]],
];
foreach ([['method' => 'quantile'], ['method' => 'pandas', 'bins' => 4], ['method' => 'quantile', 'bins' => 7] + $maps,
          ['bins' => 5] + $maps] as $i => $opts) {
    $rfm = Segment\Rfm::fit($p, $opts);
    $rfm->save("$dir/a.json");
    $loaded = Segment\Rfm::load("$dir/a.json");
    $loaded->save("$dir/b.json");
    $same = $loaded->toArray() === $rfm->toArray();
    $bytes = file_get_contents("$dir/a.json") === file_get_contents("$dir/b.json");
    $differ = 0;
    foreach ($p as $id => $profile) $differ += $rfm->score($profile) !== $loaded->score($profile);
    // Also for values nowhere in the data, and at every threshold.
    $t = $rfm->toArray()['thresholds'];
    foreach ([$t['r'], $t['f'], $t['m']] as $list) {
        foreach ($list as $v) {
            foreach ([$v, $v + 1e-9, $v - 1e-9, -$v] as $x) {
                $q = ['recency' => $x, 'orders' => max(1, $x), 'monetary' => $x];
                $differ += $rfm->score($q) !== $loaded->score($q);
            }
        }
    }
    echo "$i: toArray equal=", var_export($same, true), ", re-save byte-identical=", var_export($bytes, true),
        ", score() differs for $differ, no temp file left=", var_export(count(glob("$dir/*")) === 2, true), "\n";
}
// The file is pretty-printed JSON ending in a newline; floats keep their fraction.
$json = file_get_contents("$dir/a.json");
var_dump(str_ends_with($json, "}\n"), str_contains($json, "\n    \"format\": \"segment-rfm\""),
         json_decode($json, true) === $rfm->toArray());
// A loaded model scores one customer, but has no batch of customers.
try {
    $loaded->scores();
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
// save() replaces an existing file.
Segment\Rfm::fit($p)->save("$dir/a.json");
var_dump(Segment\Rfm::load("$dir/a.json")->toArray()['method']);
try {
    $rfm->save("$dir/missing/dir/x.json");
} catch (Segment\Exception $e) {
    echo get_class($e), ': ', str_replace($dir, 'DIR', $e->getMessage()), "\n";
}
foreach (glob("$dir/*") as $f) unlink($f);
rmdir($dir);
?>
--EXPECT--
0: toArray equal=true, re-save byte-identical=true, score() differs for 0, no temp file left=true
1: toArray equal=true, re-save byte-identical=true, score() differs for 0, no temp file left=true
2: toArray equal=true, re-save byte-identical=true, score() differs for 0, no temp file left=true
3: toArray equal=true, re-save byte-identical=true, score() differs for 0, no temp file left=true
bool(true)
bool(true)
bool(true)
Error: a loaded Segment\Rfm has thresholds, not the customers it was fitted on: use score()
string(8) "quantile"
Segment\Exception: cannot write the RFM model to 'DIR/missing/dir/x.json'
