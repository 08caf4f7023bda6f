--TEST--
Segment\KMeans::save() and load(): the file's fields, exact round trip (predict identical), atomic write, what a loaded model can do
--EXTENSIONS--
segment
--INI--
serialize_precision=5
--FILE--
<?php
$dir = sys_get_temp_dir() . '/segment_kmeans_save_' . getmypid();
@mkdir($dir);
mt_srand(8);
$rows = [];
for ($i = 0; $i < 300; $i++) $rows[] = ['spend' => mt_rand(1, 100000) / 7, 'visits' => mt_rand(0, 50), 'age' => mt_rand(18, 80) + 0.5];
$km = Segment\KMeans::fit($rows, 5, ['log1p' => ['spend'], 'weights' => ['age' => 0.5], 'seed' => 12, 'names' => ['A', 'B', 'C', 'D', 'E']]);
file_put_contents("$dir/model.json", 'an older model');
$km->save("$dir/model.json");
echo "files left: ", implode(',', array_map('basename', glob("$dir/*"))), "\n";
$doc = json_decode(file_get_contents("$dir/model.json"), true);
echo "top: ", implode(',', array_keys($doc)), "\n";
echo "format {$doc['format']}, version {$doc['version']}, k {$doc['k']}, source {$doc['source']}\n";
echo "feature: ", implode(',', array_keys($doc['features'][0])), "\n";
echo "cluster: ", implode(',', array_keys($doc['clusters'][0])), "\n";
echo "fit: ", implode(',', array_keys($doc['fit'])), "\n";
echo "file is toArray(): ", var_export($doc == $km->toArray(), true), "\n";

$loaded = Segment\KMeans::load("$dir/model.json");
echo "toArray() identical: ", var_export($loaded->toArray() === $km->toArray(), true),
    "; names, centroids, describe(), inertia, iterations: ",
    var_export($loaded->names() === $km->names() && $loaded->centroids() === $km->centroids() && $loaded->describe() === $km->describe()
               && $loaded->inertia() === $km->inertia() && $loaded->iterations() === $km->iterations(), true), "\n";
$same = 0;
$labels = $km->labels();
foreach ($rows as $i => $r) $same += $loaded->predict($r) === $labels[$i];
$fresh = 0;
for ($i = 0; $i < 500; $i++) {
    $r = ['spend' => mt_rand(0, 200000) / 3, 'visits' => mt_rand(0, 80), 'age' => mt_rand(10, 99)];
    $fresh += $loaded->assign($r) === $km->assign($r);
}
echo "predict() of the fitted rows: $same of 300; assign() of 500 new rows identical: $fresh\n";
foreach (['labels' => fn () => $loaded->labels(), 'silhouette' => fn () => $loaded->silhouette(), 'foreach' => function () use ($loaded) { foreach ($loaded as $l); }] as $what => $f) {
    try {
        $f();
    } catch (Error $e) {
        echo "$what: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
// Save a loaded model again: the same bytes.
$loaded->save("$dir/again.json");
echo "saved again identically: ", var_export(file_get_contents("$dir/again.json") === file_get_contents("$dir/model.json"), true), "\n";

// A Profiles model keeps its reference; predict() reads profile arrays after load.
$orders = [];
foreach (range(1, 40) as $c) for ($j = 0; $j <= $c % 5; $j++) $orders[] = ['c' => $c, 'o' => "$c-$j", 'd' => 1700000000 - $c * 86400 * 3 - $j * 86400, 'a' => $c * 10 + $j];
$p = Segment\Profiles::fromIterable($orders, ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a', 'reference' => '2023-11-20 00:00:00']);
$pk = Segment\KMeans::fit($p, 3, ['seed' => 2]);
$pk->save("$dir/profiles.json");
$pl = Segment\KMeans::load("$dir/profiles.json");
$same = 0;
foreach ($pk->labels() as $id => $l) $same += $pl->predict($p->get((string) $id)) === $l;
echo "profiles model: source ", $pl->toArray()['source'], ", reference ", $pl->toArray()['fit']['reference'], ", predict() after load: $same of ", count($p), "\n";

try {
    $km->save("$dir/no/such/dir/model.json");
} catch (Segment\Exception $e) {
    echo get_class($e), ': ', str_replace($dir, 'DIR', $e->getMessage()), "\n";
}
echo "files left: ", implode(',', array_map('basename', glob("$dir/*"))), "\n";
try {
    $km->save("$dir/x\0y");
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
foreach (glob("$dir/*") as $f) unlink($f);
rmdir($dir);
?>
--EXPECT--
files left: model.json
top: format,version,k,source,features,clusters,fit
format segment-kmeans, version 1, k 5, source rows
feature: name,log1p,scaling,center,scale,weight
cluster: name,description,size,share,centroid,scaled,percentiles
fit: rows,inertia,iterations,n_init,best_init,max_iter,tol,seed,seed_trials,local_search,algorithm,algorithm_run,init,threads,reference
file is toArray(): true
toArray() identical: true; names, centroids, describe(), inertia, iterations: true
predict() of the fitted rows: 300 of 300; assign() of 500 new rows identical: 500
labels: Error: a loaded Segment\KMeans has centroids, not the rows it was fitted on: use predict()
silhouette: Error: a loaded Segment\KMeans has centroids, not the rows it was fitted on: silhouette() needs them
foreach: Error: a loaded Segment\KMeans has centroids, not the rows it was fitted on: use predict()
saved again identically: true
profiles model: source profiles, reference 2023-11-20 00:00:00, predict() after load: 40 of 40
Segment\Exception: cannot write the k-means model to 'DIR/no/such/dir/model.json'
files left: again.json,model.json,profiles.json
ValueError: Segment\KMeans::save(): Argument #1 ($path) must not contain any null bytes
