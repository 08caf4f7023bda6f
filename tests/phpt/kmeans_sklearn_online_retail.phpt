--TEST--
Segment\KMeans on the standardized RFM features of UCI Online Retail agrees with scikit-learn (labels, inertia, centroids, silhouette)
--EXTENSIONS--
segment
--SKIPIF--
<?php
$data = getenv('SEG_SHARED_DATA') ?: dirname(__DIR__, 3) . '/shared/data';
if (!is_file("$data/online_retail.csv.xz")) die("skip the UCI Online Retail data set is not at $data");
if (getenv('USE_ZEND_ALLOC') === '0') die('skip USE_ZEND_ALLOC=0 (valgrind or ASan run): python3 would run under valgrind or with the sanitizer preloaded too');
if (!is_executable('/usr/bin/python3')) die('skip /usr/bin/python3 is missing');
exec('/usr/bin/python3 -c "import sklearn" 2>&1', $out, $rc);
if ($rc !== 0) die('skip python3-sklearn is not installed');
exec('command -v xz', $out, $rc);
if ($rc !== 0) die('skip xz is missing');
?>
--INI--
memory_limit=512M
--FILE--
<?php
$data = getenv('SEG_SHARED_DATA') ?: dirname(__DIR__, 3) . '/shared/data';
$tmp = sys_get_temp_dir() . '/segment-kmeans-retail-' . getmypid();
@mkdir($tmp);
exec('xz -dc ' . escapeshellarg("$data/online_retail.csv.xz") . ' > ' . escapeshellarg("$tmp/orders.csv"), $o, $rc);
if ($rc !== 0) die("xz failed\n");
$profiles = Segment\Profiles::fromCsv("$tmp/orders.csv", [
    'customer' => 'CustomerID', 'order' => 'InvoiceNo', 'date' => 'InvoiceDate',
    'quantity' => 'Quantity', 'price' => 'UnitPrice', 'cancel_prefix' => 'C',
    'reference' => '2011-12-10 12:50:00',
]);
unlink("$tmp/orders.csv");

// The raw features, as Profiles gives them, go to scikit-learn as CSV with
// 17 significant digits; it takes log1p of frequency and monetary and
// standardizes (StandardScaler), as KMeans::fit($profiles) does by default.
$raw = [];
$ids = [];
foreach ($profiles as $id => $p) {
    if ($p['orders'] < 1) continue;
    $raw[] = [$p['recency'], $p['orders'], $p['monetary']];
    $ids[] = $id;
}
$n = count($raw);
$fh = fopen("$tmp/rfm.csv", 'w');
fwrite($fh, "recency,frequency,monetary\n");
foreach ($raw as $r) fwrite($fh, sprintf("%d,%d,%.17g\n", $r[0], $r[1], $r[2]));
fclose($fh);

// Explicit initial centroids: k data rows, in original units.
$k = 4;
$rows = [];
for ($c = 0; $c < $k; $c++) $rows[] = intdiv($c * $n, $k) + 7;
$init = array_map(fn ($i) => $raw[$i], $rows);
$given = [];
foreach (['lloyd', 'hamerly', 'elkan', 'auto'] as $algo) {
    foreach ([1, 2] as $threads) {
        $given["$algo/$threads"] = Segment\KMeans::fit($profiles, $k, ['init' => $init, 'algorithm' => $algo, 'threads' => $threads]);
    }
}
$pp = [];
foreach ([4, 8] as $kk) $pp[$kk] = Segment\KMeans::fit($profiles, $kk, ['n_init' => 10, 'seed' => 0]);
$ours = array_values($given['lloyd/1']->labels());
$silhouette = $given['lloyd/1']->silhouette(0);   // exact: every customer

file_put_contents("$tmp/job.json", json_encode([
    'data' => "$tmp/rfm.csv", 'log1p' => ['frequency', 'monetary'], 'scale' => 'zscore',
    'runs' => [
        ['k' => $k, 'init' => ['rows' => $rows], 'n_init' => 1],
        ['k' => 4, 'n_init' => 10, 'seed' => 0],
        ['k' => 8, 'n_init' => 10, 'seed' => 0],
    ],
    'silhouette' => [$ours],
]));
exec('/usr/bin/python3 ' . escapeshellarg(dirname(__DIR__) . '/kmeans/reference.py') . ' ' . escapeshellarg("$tmp/job.json")
    . ' ' . escapeshellarg("$tmp/out.json") . ' 2>&1', $o, $rc);
if ($rc !== 0) die("reference.py failed ($rc): " . implode("\n", $o) . "\n");
$ref = json_decode(file_get_contents("$tmp/out.json"), true);
$sk = $ref['runs'][0];
$rel = fn ($a, $b) => abs($a - $b) / max(abs($a), abs($b), 1e-300);

echo "customers: ", count($ours), " here, ", $ref['n'], " in scikit-learn\n";
$report = [];
foreach ($given as $label => $km) {
    $labels = array_values($km->labels());
    $diff = 0;
    foreach ($labels as $i => $l) $diff += $l !== $sk['labels'][$i];
    $cent = 0;
    foreach ($km->centroids() as $c => $centroid) {
        foreach (array_values($centroid) as $j => $v) $cent = max($cent, $rel($v, $sk['centers_original'][$c][$j]));
    }
    $report[] = sprintf('%s: inertia %.17g vs %.17g (%.2g), centroids %.2g', $label, $km->inertia(), $sk['inertia'],
                        $rel($km->inertia(), $sk['inertia']), $cent);
    echo "$label: labels differ for $diff, inertia within 1e-9: ", var_export($rel($km->inertia(), $sk['inertia']) <= 1e-9, true),
        ", iterations equal: ", var_export($km->iterations() === $sk['n_iter'], true),
        ", centroids (original units) within 1e-9: ", var_export($cent <= 1e-9, true), "\n";
}
// The customer ids are the keys.
echo "keys are the customer ids: ", var_export(array_map('strval', array_keys($given['lloyd/1']->labels())) === array_map('strval', $ids), true), "\n";
foreach ([1 => 4, 2 => 8] as $run => $kk) {
    $ratio = $pp[$kk]->inertia() / $ref['runs'][$run]['inertia'];
    $report[] = sprintf('k-means++ k=%d: %.17g vs %.17g, ratio %.9f', $kk, $pp[$kk]->inertia(), $ref['runs'][$run]['inertia'], $ratio);
    echo "k-means++, n_init 10, k = $kk: inertia <= scikit-learn's x 1.001: ", var_export($ratio <= 1.001, true), "\n";
}
$report[] = sprintf('silhouette %.17g vs %.17g (%.2g)', $silhouette, $ref['silhouette'][0], $rel($silhouette, $ref['silhouette'][0]));
echo "silhouette within 1e-9: ", var_export($rel($silhouette, $ref['silhouette'][0]) <= 1e-9, true), "\n";
if ($f = getenv('SEG_KMEANS_REPORT')) file_put_contents($f, implode("\n", $report) . "\n", FILE_APPEND);
unlink("$tmp/rfm.csv"); unlink("$tmp/job.json"); unlink("$tmp/out.json"); rmdir($tmp);
?>
--EXPECT--
customers: 4339 here, 4339 in scikit-learn
lloyd/1: labels differ for 0, inertia within 1e-9: true, iterations equal: true, centroids (original units) within 1e-9: true
lloyd/2: labels differ for 0, inertia within 1e-9: true, iterations equal: true, centroids (original units) within 1e-9: true
hamerly/1: labels differ for 0, inertia within 1e-9: true, iterations equal: true, centroids (original units) within 1e-9: true
hamerly/2: labels differ for 0, inertia within 1e-9: true, iterations equal: true, centroids (original units) within 1e-9: true
elkan/1: labels differ for 0, inertia within 1e-9: true, iterations equal: true, centroids (original units) within 1e-9: true
elkan/2: labels differ for 0, inertia within 1e-9: true, iterations equal: true, centroids (original units) within 1e-9: true
auto/1: labels differ for 0, inertia within 1e-9: true, iterations equal: true, centroids (original units) within 1e-9: true
auto/2: labels differ for 0, inertia within 1e-9: true, iterations equal: true, centroids (original units) within 1e-9: true
keys are the customer ids: true
k-means++, n_init 10, k = 4: inertia <= scikit-learn's x 1.001: true
k-means++, n_init 10, k = 8: inertia <= scikit-learn's x 1.001: true
silhouette within 1e-9: true
