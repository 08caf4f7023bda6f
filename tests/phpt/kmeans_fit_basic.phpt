--TEST--
Segment\KMeans::fit() on list rows and keyed rows: labels, predict() of every row, centroids are member means, inertia
--EXTENSIONS--
segment
--FILE--
<?php
mt_srand(11);
$rows = [];
foreach ([[0, 0], [10, 0], [5, 9]] as [$cx, $cy]) {
    for ($i = 0; $i < 40; $i++) $rows[] = [$cx + mt_rand(-300, 300) / 100, $cy + mt_rand(-300, 300) / 100];
}
shuffle($rows);
$km = Segment\KMeans::fit($rows, 3, ['scale' => 'none', 'seed' => 5]);
$labels = $km->labels();
echo "labels: a list of ", count($labels), " ints in 0..2: ",
    var_export(array_is_list($labels) && count(array_filter($labels, fn ($l) => is_int($l) && $l >= 0 && $l <= 2)) === 120, true), "\n";
echo "cluster sizes: ", implode(', ', array_map(fn ($c) => $c['size'], $km->describe())), "\n";

// predict() of every fitted row is its label.
$same = 0;
foreach ($rows as $i => $r) $same += $km->predict($r) === $labels[$i];
echo "predict() equals labels() for $same of ", count($rows), " rows\n";

// With scale "none" a centroid is the mean of its members, and the inertia
// is the sum of squared distances to them (independent arithmetic here).
$sum = array_fill(0, 3, [0.0, 0.0]);
$cnt = array_fill(0, 3, 0);
foreach ($rows as $i => $r) {
    $sum[$labels[$i]][0] += $r[0];
    $sum[$labels[$i]][1] += $r[1];
    $cnt[$labels[$i]]++;
}
$worst = 0;
foreach ($km->centroids() as $c => $centroid) {
    echo "centroid $c keys: ", implode(',', array_keys($centroid)), "\n";
    $worst = max($worst, abs($centroid['x0'] - $sum[$c][0] / $cnt[$c]), abs($centroid['x1'] - $sum[$c][1] / $cnt[$c]));
}
echo "centroids equal the member means within 1e-12: ", var_export($worst < 1e-12, true), "\n";
$cent = array_map('array_values', $km->centroids());
$inertia = 0.0;
$nearest = 0;
foreach ($rows as $i => $r) {
    $d = [];
    foreach ($cent as $c => $ct) $d[$c] = ($r[0] - $ct[0]) ** 2 + ($r[1] - $ct[1]) ** 2;
    $inertia += $d[$labels[$i]];
    $nearest += $d[$labels[$i]] <= min($d);
}
echo "every row's label is its nearest centroid: ", var_export($nearest === count($rows), true), "\n";
echo "inertia equals the sum of squared distances within 1e-9: ", var_export(abs($km->inertia() - $inertia) <= 1e-9 * $inertia, true), "\n";
echo "iterations: ", var_export($km->iterations() >= 1, true), "\n";

// The same rows keyed by feature name, and with the features reordered.
$keyed = array_map(fn ($r) => ['spend' => $r[0], 'visits' => $r[1]], $rows);
$kk = Segment\KMeans::fit($keyed, 3, ['scale' => 'none', 'seed' => 5]);
echo "keyed rows: same labels: ", var_export($kk->labels() === $labels, true), ", centroid keys: ", implode(',', array_keys($kk->centroids()[0])), "\n";
$kr = Segment\KMeans::fit($keyed, 3, ['scale' => 'none', 'seed' => 5, 'features' => ['visits', 'spend']]);
echo "features reordered: same labels: ", var_export($kr->labels() === $labels, true), ", centroid keys: ", implode(',', array_keys($kr->centroids()[0])), "\n";
echo "predict() with extra keys: ", $kr->predict(['id' => 7, 'visits' => 9.0, 'spend' => 5, 'email' => 'x@y']) === $kk->predict([5, 9.0]) ? 'same' : 'differs', "\n";
// List rows with names for the columns.
$kn = Segment\KMeans::fit($rows, 3, ['scale' => 'none', 'seed' => 5, 'features' => ['spend', 'visits']]);
echo "named columns: ", implode(',', array_keys($kn->centroids()[0])), ", predict by name: ", $kn->predict(['spend' => 10, 'visits' => 0]) === $kn->predict([10, 0]) ? 'same' : 'differs', "\n";
// Numeric strings count as numbers, as elsewhere in the extension.
echo "numeric strings: ", $km->predict(['10.0', ' 0']) === $km->predict([10, 0]) ? 'same' : 'differs', "\n";

// Rows keyed by customer: labels() keeps the keys.
$byId = [];
foreach ($rows as $i => $r) $byId["c$i"] = $r;
$kc = Segment\KMeans::fit($byId, 3, ['scale' => 'none', 'seed' => 5]);
$l = $kc->labels();
echo "keyed data: keys kept: ", var_export(array_keys($l) === array_keys($byId), true), ", same labels: ", var_export(array_values($l) === $labels, true), "\n";
?>
--EXPECT--
labels: a list of 120 ints in 0..2: true
cluster sizes: 40, 40, 40
predict() equals labels() for 120 of 120 rows
centroid 0 keys: x0,x1
centroid 1 keys: x0,x1
centroid 2 keys: x0,x1
centroids equal the member means within 1e-12: true
every row's label is its nearest centroid: true
inertia equals the sum of squared distances within 1e-9: true
iterations: true
keyed rows: same labels: true, centroid keys: spend,visits
features reordered: same labels: true, centroid keys: visits,spend
predict() with extra keys: same
named columns: spend,visits, predict by name: same
numeric strings: same
keyed data: keys kept: true, same labels: true
