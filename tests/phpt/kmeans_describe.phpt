--TEST--
Segment\KMeans::describe(), names() and withNames(): shapes, sizes and shares, percentiles by hand, readable descriptions
--EXTENSIONS--
segment
--FILE--
<?php
$rows = [];
mt_srand(5);
foreach ([[30, 2], [300, 8], [3000, 20]] as [$spend, $visits]) {
    for ($i = 0; $i < 20; $i++) $rows[] = ['spend' => $spend * mt_rand(80, 120) / 100, 'days_since_visit' => $visits * mt_rand(80, 120) / 100];
}
$km = Segment\KMeans::fit($rows, 3, ['log1p' => true, 'seed' => 9]);
$d = $km->describe();
echo count($d), " clusters; keys: ", implode(',', array_keys($d[0])), "\n";
echo "sizes add up to ", array_sum(array_column($d, 'size')), ", shares to ", round(array_sum(array_column($d, 'share')), 12), "\n";
echo "cluster numbers: ", implode(',', array_column($d, 'cluster')), "; names are unique: ",
    var_export(count(array_unique($km->names())) === 3 && array_column($d, 'name') === $km->names(), true), "\n";
echo "centroids are centroids(): ", var_export(array_column($d, 'centroid') === $km->centroids(), true), "\n";
// Percentile: the share of rows below the centroid's value, equal ones counting half.
$ok = true;
foreach ($d as $c) {
    foreach ($c['centroid'] as $f => $v) {
        $below = $equal = 0;
        foreach ($rows as $r) {
            $below += $r[$f] < $v;
            $equal += $r[$f] == $v;
        }
        $ok = $ok && abs($c['percentiles'][$f] - 100 * ($below + $equal / 2) / count($rows)) < 1e-9;
    }
}
echo "percentiles by hand: ", var_export($ok, true), "\n";
// The top spenders (a third of the rows: their centroid is near the 83rd
// percentile, "high") read as such; underscores become spaces.
$top = $d[array_search(max(array_column(array_column($d, 'centroid'), 'spend')), array_column(array_column($d, 'centroid'), 'spend'))];
echo "top spenders: ", $top['description'], " / ", $top['name'], "\n";

$named = $km->withNames(['Bronze', 'Silver', 'Gold']);
echo "withNames(): ", implode(',', $named->names()), "; the original keeps ", var_export($km->names() !== $named->names(), true),
    "; same model: ", var_export($named->labels() === $km->labels() && $named->centroids() === $km->centroids(), true), "\n";
echo "describe() uses them: ", implode(',', array_column($named->describe(), 'name')), "\n";
echo "toArray() too: ", implode(',', array_column($named->toArray()['clusters'], 'name')), "\n";
foreach ([['A', 'B'], ['A', 'B', 'A'], ['A', 'B', ''], ['A', 'B', 3], ['x' => 'A', 'B', 'C']] as $bad) {
    try {
        $km->withNames($bad);
    } catch (ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
// A model with more features than descriptions support (64) still fits and names its clusters.
$wide = [];
for ($i = 0; $i < 10; $i++) $wide[] = array_map(fn ($j) => ($i * 7 + $j * 3) % 11, range(0, 69));
$w = Segment\KMeans::fit($wide, 2, ['seed' => 1]);
echo "70 features: ", implode(', ', $w->names()), "; description \"", $w->describe()[0]['description'], "\", percentiles ", count($w->describe()[0]['percentiles']), "\n";
?>
--EXPECT--
3 clusters; keys: cluster,name,description,size,share,centroid,percentiles
sizes add up to 60, shares to 1
cluster numbers: 0,1,2; names are unique: true
centroids are centroids(): true
percentiles by hand: true
top spenders: high spend, high days since visit / High Spend, High Days Since Visit
withNames(): Bronze,Silver,Gold; the original keeps true; same model: true
describe() uses them: Bronze,Silver,Gold
toArray() too: Bronze,Silver,Gold
ValueError: Segment\KMeans::withNames(): Argument #1 ($names) must be a list of k non-empty strings (k = 3)
ValueError: Segment\KMeans::withNames(): Argument #1 ($names) must not name two clusters the same (k = 3)
ValueError: Segment\KMeans::withNames(): Argument #1 ($names) must be a list of k non-empty strings (k = 3)
ValueError: Segment\KMeans::withNames(): Argument #1 ($names) must be a list of k non-empty strings (k = 3)
ValueError: Segment\KMeans::withNames(): Argument #1 ($names) must be a list of k non-empty strings (k = 3)
70 features: Cluster 1, Cluster 2; description "", percentiles 0
