--TEST--
Segment\KMeans::load(): not JSON, wrong format or version, missing fields, wrong k or d, NaN and infinities, inconsistent centroids: Segment\Exception naming the file and the field
--EXTENSIONS--
segment
--INI--
serialize_precision=-1
--FILE--
<?php
$dir = sys_get_temp_dir() . '/segment_kmeans_load_error_' . getmypid();
@mkdir($dir);
$rows = [[1, 10], [2, 11], [1.5, 9], [20, 50], [21, 52], [19, 49], [40, 5], [41, 6]];
$good = Segment\KMeans::fit($rows, 3, ['seed' => 1, 'log1p' => ['x1']])->toArray();
$set = function (array $m, string $path, $value) {
    $ref = &$m;
    foreach (explode('.', $path) as $k) $ref = &$ref[$k];
    $ref = $value;
    return json_encode($m);
};
$unset = function (array $m, string $path) {
    $keys = explode('.', $path);
    $last = array_pop($keys);
    $ref = &$m;
    foreach ($keys as $k) $ref = &$ref[$k];
    unset($ref[$last]);
    return json_encode($m);
};
$c1 = $good['clusters'][1];
$cases = [
    'good' => json_encode($good),
    'empty file' => '',
    'not JSON' => '{"format": "segment-kmeans",',
    'a JSON list' => '[1, 2, 3]',
    'NaN literal' => str_replace('"inertia":', '"inertia":NaN,"x":', json_encode($good)),
    'deeply nested' => str_repeat('[', 40) . str_repeat(']', 40),
    'no format' => $unset($good, 'format'),
    'wrong format' => $set($good, 'format', 'segment-rfm'),
    'version 2' => $set($good, 'version', 2),
    'version "1"' => $set($good, 'version', '1'),
    'k 0' => $set($good, 'k', 0),
    'k 4, 3 clusters' => $set($good, 'k', 4),
    'k 2000' => $set($good, 'k', 2000),
    'source' => $set($good, 'source', 'csv'),
    'no features' => $unset($good, 'features'),
    'features empty' => $set($good, 'features', []),
    'feature without name' => $unset($good, 'features.0.name'),
    'feature name twice' => $set($good, 'features.1.name', 'x0'),
    'log1p "yes"' => $set($good, 'features.0.log1p', 'yes'),
    'scaling robust' => $set($good, 'features.0.scaling', 'robust'),
    'center a string' => $set($good, 'features.1.center', '1.5'),
    'scale 0' => $set($good, 'features.1.scale', 0),
    'scale 1e999 (INF)' => str_replace('"scale":' . json_encode($good['features'][1]['scale']), '"scale":1e999', json_encode($good)),
    'weight -1' => $set($good, 'features.0.weight', -1),
    'scaling none, center 5' => $set(json_decode($set($good, 'features.0.scaling', 'none'), true), 'features.0.center', 5),
    'scaled: d - 1 values' => $set($good, 'clusters.1.scaled', [$c1['scaled'][0]]),
    'scaled: a null' => $set($good, 'clusters.1.scaled', [$c1['scaled'][0], null]),
    'scaled: 1e999' => str_replace(json_encode($c1['scaled'][1]), '-1e999', json_encode($good)),
    'centroid missing x1' => $unset($good, 'clusters.1.centroid.x1'),
    'centroid not the inverse' => $set($good, 'clusters.1.centroid.x1', $c1['centroid']['x1'] * 1.001),
    'cluster name twice' => $set($good, 'clusters.2.name', $good['clusters'][0]['name']),
    'cluster name empty' => $set($good, 'clusters.2.name', ''),
    'size -1' => $set($good, 'clusters.0.size', -1),
    'sizes do not add up' => $set($good, 'clusters.0.size', $good['clusters'][0]['size'] + 1),
    'share 1.5' => $set($good, 'clusters.0.share', 1.5),
    'percentile 101' => $set($good, 'clusters.2.percentiles.x0', 101),
    'no fit' => $unset($good, 'fit'),
    'fit.inertia missing' => $unset($good, 'fit.inertia'),
    'fit.algorithm_run auto' => $set($good, 'fit.algorithm_run', 'auto'),
    'fit.threads 3' => $set($good, 'fit.threads', 3),
    'fit.reference on rows' => $set($good, 'fit.reference', '2024-01-01 00:00:00'),
];
foreach ($cases as $label => $text) {
    file_put_contents("$dir/m.json", $text);
    try {
        $m = Segment\KMeans::load("$dir/m.json");
        echo "$label: loaded, predicts ", $m->predict([20, 50]), "\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ': ', str_replace($dir, 'DIR', $e->getMessage()), "\n";
    }
}
try {
    Segment\KMeans::load("$dir/missing.json");
} catch (Segment\Exception $e) {
    echo get_class($e), ': ', str_replace($dir, 'DIR', $e->getMessage()), "\n";
}
unlink("$dir/m.json");
rmdir($dir);
?>
--EXPECTF--
good: loaded, predicts %d
empty file: Segment\Exception: 'DIR/m.json' is not a valid k-means model: it is not a JSON object
not JSON: Segment\Exception: 'DIR/m.json' is not a valid k-means model: it is not a JSON object
a JSON list: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'format' is missing
NaN literal: Segment\Exception: 'DIR/m.json' is not a valid k-means model: it is not a JSON object
deeply nested: Segment\Exception: 'DIR/m.json' is not a valid k-means model: it is not a JSON object
no format: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'format' is missing
wrong format: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'format' is not "segment-kmeans"
version 2: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'version' is not 1, the version this extension reads
version "1": Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'version' is not 1, the version this extension reads
k 0: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'k' must be an integer from 1 to 1024
k 4, 3 clusters: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'clusters' must be a list of 4 entries
k 2000: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'k' must be an integer from 1 to 1024
source: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'source' must be one of "rows", "profiles"
no features: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'features' is missing
features empty: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'features' must be a list of 1 to 256 features
feature without name: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'features[0].name' is missing
feature name twice: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'features[1].name' repeats a name
log1p "yes": Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'features[0].log1p' must be true or false
scaling robust: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'features[0].scaling' must be one of "none", "zscore", "minmax"
center a string: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'features[1].center' must be a number, string given
scale 0: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'features[1].scale' must be a finite number above 0
scale 1e999 (INF): Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'features[1].scale' must be a finite number
weight -1: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'features[0].weight' must be a finite number above 0
scaling none, center 5: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'features[0]' scaling "none" must have center 0 and scale 1
scaled: d - 1 values: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'clusters[1].scaled' must be a list of 2 entries
scaled: a null: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'clusters[1].scaled[1]' must be a number, null given
scaled: 1e999: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'clusters[1].scaled[1]' must be a finite number
centroid missing x1: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'clusters[1].centroid' must map each of the 2 features to a number
centroid not the inverse: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'clusters[1].centroid.x1' is %f, but the scaler's inverse of the scaled centroid is %f
cluster name twice: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'clusters[2].name' repeats the name of clusters[0]
cluster name empty: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'clusters[2].name' must be a non-empty string
size -1: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'clusters[0].size' must be an integer from 0 to 9223372036854775807
sizes do not add up: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'fit.rows' is 8 but the cluster sizes add up to 9
share 1.5: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'clusters[0].share' must be from 0 to 1
percentile 101: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'clusters[2].percentiles.x0' must be from 0 to 100
no fit: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'fit' is missing
fit.inertia missing: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'fit.inertia' is missing
fit.algorithm_run auto: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'fit.algorithm_run' must be one of "lloyd", "hamerly", "elkan"
fit.threads 3: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'fit.threads' must be an integer from 1 to 2
fit.reference on rows: Segment\Exception: 'DIR/m.json' is not a valid k-means model: 'fit.reference' must be null for a model fitted on rows
Segment\Exception: cannot read the k-means model 'DIR/missing.json'
