--TEST--
Segment\KMeans::suggestK(): picks the true k on well separated blobs; rows consistent with fit() and silhouette(); errors
--EXTENSIONS--
segment
--FILE--
<?php
// 4 blobs of 60 points in 3 dimensions, far apart (Box-Muller, seeded).
mt_srand(21);
$gauss = function () {
    $u = (mt_rand() + 1) / (mt_getrandmax() + 2);
    $v = mt_rand() / mt_getrandmax();
    return sqrt(-2 * log($u)) * cos(2 * M_PI * $v);
};
$rows = [];
foreach ([[0, 0, 0], [20, 0, 5], [0, 20, -5], [20, 20, 20]] as $c) {
    for ($i = 0; $i < 60; $i++) $rows[] = [$c[0] + $gauss(), $c[1] + $gauss(), $c[2] + $gauss()];
}
$r = Segment\KMeans::suggestK($rows, 2, 7, ['seed' => 3]);
echo "keys: ", implode(',', array_keys($r)), "; k: ", implode(',', array_column($r['rows'], 'k')), "; row keys: ", implode(',', array_keys($r['rows'][0])), "\n";
echo "suggested: {$r['suggested']}\n";
$sil = array_column($r['rows'], 'silhouette', 'k');
echo "highest silhouette at k = ", array_search(max($sil), $sil), "; all in [-1, 1]: ", var_export(min($sil) >= -1 && max($sil) <= 1, true), "\n";
$in = array_column($r['rows'], 'inertia', 'k');
echo "inertia falls from k = 2 to 4: ", var_export($in[2] > $in[3] && $in[3] > $in[4], true), "; and little after: ", var_export($in[5] > 0.5 * $in[4], true), "\n";
// A row is what fit() with the same options gives.
$km = Segment\KMeans::fit($rows, 4, ['seed' => 3]);
echo "k = 4 row equals fit(): inertia ", var_export($km->inertia() === $in[4], true), ", silhouette ", var_export($km->silhouette() === $sil[4], true),
    ", iterations ", var_export($km->iterations() === array_column($r['rows'], 'iterations', 'k')[4], true), "\n";
$one = Segment\KMeans::suggestK($rows, 1, 4, ['seed' => 3, 'sample' => 100]);
echo "k from 1: silhouette of k = 1 is ", var_export($one['rows'][0]['silhouette'], true), ", suggested ", $one['suggested'], "\n";
$same = Segment\KMeans::suggestK($rows, 3, 3);
echo "kMin = kMax: ", count($same['rows']), " row, suggested ", $same['suggested'], "\n";
// Profiles work too (the same data path as fit()).
$orders = [];
foreach ($rows as $i => $x) {
    $n = 1 + (int) abs(round($x[0] / 4));
    for ($j = 0; $j < $n; $j++) $orders[] = ['c' => $i, 'o' => "$i-$j", 'd' => 1700000000 - (int) abs($x[1]) * 86400 - $j * 86400, 'a' => 10 + abs($x[2]) * 10];
}
$p = Segment\Profiles::fromIterable($orders, ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a', 'reference' => 1700100000]);
$pr = Segment\KMeans::suggestK($p, 2, 3);
echo "on Profiles: ", count($pr['rows']), " rows\n";
foreach ([[0, 3, []], [3, 2, []], [2, 241, []], [2, 3, ['init' => [[0, 0, 0], [1, 1, 1]]]], [2, 3, ['sample' => -1]], [2, 3, ['bogus' => 1]]] as [$a, $b, $o]) {
    try {
        Segment\KMeans::suggestK($rows, $a, $b, $o);
    } catch (ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
keys: rows,suggested; k: 2,3,4,5,6,7; row keys: k,inertia,silhouette,iterations
suggested: 4
highest silhouette at k = 4; all in [-1, 1]: true
inertia falls from k = 2 to 4: true; and little after: true
k = 4 row equals fit(): inertia true, silhouette true, iterations true
k from 1: silhouette of k = 1 is NULL, suggested 4
kMin = kMax: 1 row, suggested 3
on Profiles: 2 rows
ValueError: Segment\KMeans::suggestK(): Argument #2 ($kMin) must be between 1 and 1024
ValueError: Segment\KMeans::suggestK(): Argument #3 ($kMax) must be between $kMin and 1024
ValueError: Segment\KMeans::suggestK(): Argument #3 ($kMax) must be at most the number of rows (240)
ValueError: option 'init' must be "k-means++" for suggestK(): explicit centroids are for one k
ValueError: option 'sample' must be an integer from 0 to 9223372036854775807
ValueError: unknown option 'bogus'
