--TEST--
Segment\KMeans on scikit-learn's make_blobs data agrees with scikit-learn's KMeans (scale none and zscore)
--EXTENSIONS--
segment
--SKIPIF--
<?php
if (getenv('USE_ZEND_ALLOC') === '0') die('skip USE_ZEND_ALLOC=0 (valgrind or ASan run): python3 would run under valgrind or with the sanitizer preloaded too');
if (!is_executable('/usr/bin/python3')) die('skip /usr/bin/python3 is missing');
exec('/usr/bin/python3 -c "import sklearn" 2>&1', $out, $rc);
if ($rc !== 0) die('skip python3-sklearn is not installed');
?>
--FILE--
<?php
$tmp = sys_get_temp_dir() . '/segment-kmeans-blobs-' . getmypid();
@mkdir($tmp);
$rel = fn ($a, $b) => abs($a - $b) / max(abs($a), abs($b), 1e-300);
$report = [];
// 3000 points of 5 features around 6 centres, overlapping (std 2.5).
$blobs = ['n_samples' => 3000, 'n_features' => 5, 'centers' => 6, 'cluster_std' => 2.5, 'random_state' => 7];
$initRows = [0, 1, 2, 3, 4, 5];
foreach (['none', 'zscore'] as $scale) {
    file_put_contents("$tmp/job.json", json_encode([
        'blobs' => $blobs, 'data' => "$tmp/blobs.csv", 'scale' => $scale, 'silhouette_of_runs' => true,
        'runs' => [
            ['k' => 6, 'init' => ['rows' => $initRows], 'n_init' => 1],
            ['k' => 6, 'n_init' => 10, 'seed' => 0],
            ['k' => 10, 'n_init' => 10, 'seed' => 0],
        ],
    ]));
    exec('/usr/bin/python3 ' . escapeshellarg(dirname(__DIR__) . '/kmeans/reference.py') . ' ' . escapeshellarg("$tmp/job.json")
        . ' ' . escapeshellarg("$tmp/out.json") . ' 2>&1', $o, $rc);
    if ($rc !== 0) die("reference.py failed ($rc): " . implode("\n", $o) . "\n");
    $ref = json_decode(file_get_contents("$tmp/out.json"), true);
    // The points exactly as scikit-learn wrote them (repr(): shortest round trip).
    $fh = fopen("$tmp/blobs.csv", 'r');
    $head = fgetcsv($fh);
    $rows = [];
    while (($r = fgetcsv($fh)) !== false) $rows[] = array_map('floatval', $r);
    fclose($fh);
    $init = array_map(fn ($i) => $rows[$i], $initRows);

    $sk = $ref['runs'][0];
    foreach (['lloyd', 'hamerly', 'elkan'] as $algo) {
        $km = Segment\KMeans::fit($rows, 6, ['init' => $init, 'scale' => $scale, 'algorithm' => $algo]);
        $diff = 0;
        foreach ($km->labels() as $i => $l) $diff += $l !== $sk['labels'][$i];
        $cent = 0;
        foreach ($km->centroids() as $c => $centroid) {
            foreach (array_values($centroid) as $j => $v) $cent = max($cent, $rel($v, $sk['centers_original'][$c][$j]));
        }
        $report[] = sprintf('blobs %s %s: inertia %.17g vs %.17g (%.2g), centroids %.2g, iterations %d vs %d', $scale, $algo,
                            $km->inertia(), $sk['inertia'], $rel($km->inertia(), $sk['inertia']), $cent, $km->iterations(), $sk['n_iter']);
        echo "$scale, $algo, given init: labels differ for $diff of ", count($rows), ", inertia within 1e-9: ",
            var_export($rel($km->inertia(), $sk['inertia']) <= 1e-9, true), ", iterations equal: ",
            var_export($km->iterations() === $sk['n_iter'], true), ", centroids within 1e-9: ", var_export($cent <= 1e-9, true), "\n";
    }
    $s = $km->silhouette(0);
    $report[] = sprintf('blobs %s silhouette %.17g vs %.17g (%.2g)', $scale, $s, $sk['silhouette'], $rel($s, $sk['silhouette']));
    echo "$scale: silhouette within 1e-9 of silhouette_score: ", var_export($rel($s, $sk['silhouette']) <= 1e-9, true), "\n";
    foreach ([1 => 6, 2 => 10] as $run => $k) {
        $km = Segment\KMeans::fit($rows, $k, ['scale' => $scale, 'n_init' => 10, 'seed' => 0]);
        $ratio = $km->inertia() / $ref['runs'][$run]['inertia'];
        $report[] = sprintf('blobs %s k-means++ k=%d: %.17g vs %.17g, ratio %.9f', $scale, $k, $km->inertia(), $ref['runs'][$run]['inertia'], $ratio);
        echo "$scale, k-means++, n_init 10, k = $k: inertia <= scikit-learn's x 1.001: ", var_export($ratio <= 1.001, true), "\n";
    }
}
if ($f = getenv('SEG_KMEANS_REPORT')) file_put_contents($f, implode("\n", $report) . "\n", FILE_APPEND);
unlink("$tmp/blobs.csv"); unlink("$tmp/job.json"); unlink("$tmp/out.json"); rmdir($tmp);
?>
--EXPECT--
none, lloyd, given init: labels differ for 0 of 3000, inertia within 1e-9: true, iterations equal: true, centroids within 1e-9: true
none, hamerly, given init: labels differ for 0 of 3000, inertia within 1e-9: true, iterations equal: true, centroids within 1e-9: true
none, elkan, given init: labels differ for 0 of 3000, inertia within 1e-9: true, iterations equal: true, centroids within 1e-9: true
none: silhouette within 1e-9 of silhouette_score: true
none, k-means++, n_init 10, k = 6: inertia <= scikit-learn's x 1.001: true
none, k-means++, n_init 10, k = 10: inertia <= scikit-learn's x 1.001: true
zscore, lloyd, given init: labels differ for 0 of 3000, inertia within 1e-9: true, iterations equal: true, centroids within 1e-9: true
zscore, hamerly, given init: labels differ for 0 of 3000, inertia within 1e-9: true, iterations equal: true, centroids within 1e-9: true
zscore, elkan, given init: labels differ for 0 of 3000, inertia within 1e-9: true, iterations equal: true, centroids within 1e-9: true
zscore: silhouette within 1e-9 of silhouette_score: true
zscore, k-means++, n_init 10, k = 6: inertia <= scikit-learn's x 1.001: true
zscore, k-means++, n_init 10, k = 10: inertia <= scikit-learn's x 1.001: true
