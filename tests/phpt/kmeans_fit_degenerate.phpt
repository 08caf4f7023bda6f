--TEST--
Segment\KMeans on degenerate data (issue 4): all points identical, duplicate points, k = n, one row, a constant feature, huge and tiny values
--EXTENSIONS--
segment
--INI--
serialize_precision=-1
--FILE--
<?php
$show = function (string $label, callable $f) {
    try {
        $out = $f();
        echo "$label: $out\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
};
// All points identical: every k works, inertia 0, extra centroids repeat
// the point, ties go to the lowest cluster.
$same = array_fill(0, 10, [5, 5]);
foreach (['zscore', 'minmax', 'none'] as $scale) {
    foreach ([1, 3] as $k) {
        $show("identical, $scale, k = $k", function () use ($same, $scale, $k) {
            $km = Segment\KMeans::fit($same, $k, ['scale' => $scale]);
            return json_encode(['labels' => array_values(array_unique($km->labels())), 'inertia' => $km->inertia(), 'centroids' => array_unique(array_map('json_encode', $km->centroids())),
                                'sizes' => array_column($km->describe(), 'size'), 'predict' => $km->predict([5, 5]), 'far away' => $km->predict([1e6, -3])]);
        });
    }
}
$show('identical: silhouette', fn () => Segment\KMeans::fit($same, 3)->silhouette());
$show('identical: suggestK', fn () => json_encode(Segment\KMeans::suggestK($same, 1, 3)));

// Duplicate points: 3 distinct points, 4 times each.
$dup = [];
foreach ([[1, 1], [4, 1], [1, 7]] as $p) for ($i = 0; $i < 4; $i++) $dup[] = $p;
foreach ([3, 4, 12] as $k) {
    $show("duplicates, k = $k", function () use ($dup, $k) {
        $km = Segment\KMeans::fit($dup, $k, ['seed' => 1]);
        $l = $km->labels();
        $groups = count(array_unique([$l[0], $l[4], $l[8]])) === 3 && count(array_unique(array_slice($l, 0, 4))) === 1
            && count(array_unique(array_slice($l, 4, 4))) === 1 && count(array_unique(array_slice($l, 8, 4))) === 1;
        $sizes = array_column($km->describe(), 'size');
        rsort($sizes);
        return 'inertia ' . $km->inertia() . ', the three points apart: ' . var_export($groups, true) . ', sizes ' . implode(',', $sizes);
    });
}
$show('duplicates: silhouette (each point with its copies)', fn () => Segment\KMeans::fit($dup, 3, ['seed' => 1])->silhouette());

// k = n, and one row.
$show('k = n', function () {
    $km = Segment\KMeans::fit([[3, 1], [1, 2], [2, 9], [7, 7]], 4);
    $l = $km->labels();
    sort($l);
    return 'labels ' . implode(',', $l) . ', inertia ' . $km->inertia();
});
$show('one row, k = 1', fn () => json_encode([Segment\KMeans::fit([[3, 1]], 1)->labels(), Segment\KMeans::fit([[3, 1]], 1)->centroids()]));
// A constant feature scales to 0 (scale 1, as StandardScaler), the other decides.
$show('a constant feature', function () {
    $km = Segment\KMeans::fit([[1, 7], [2, 7], [10, 7], [11, 7]], 2, ['seed' => 1]);
    $f = $km->toArray()['features'][1];
    $l = $km->labels();
    return "center {$f['center']}, scale {$f['scale']}; groups " . var_export($l[0] === $l[1] && $l[2] === $l[3] && $l[0] !== $l[2], true);
});

// Huge values: scaled, they cluster like any others; unscaled, distances
// overflow, the clusters are still right and the inertia is INF (its true
// value, about 5e597, is beyond a double); it saves as null.
$huge = [[1e300, 1], [1.1e300, 2], [-1e300, 1], [-1.2e300, 3], [1, 2], [2, 1]];
$h = Segment\KMeans::fit($huge, 3, ['scale' => 'none', 'seed' => 2]);
$l = $h->labels();
echo "huge, none: groups ", var_export($l[0] === $l[1] && $l[2] === $l[3] && $l[4] === $l[5] && count(array_unique($l)) === 3, true),
    ", inertia ", var_export($h->inertia(), true), ", predict(1.05e300, 1) is the first group: ", var_export($h->predict([1.05e300, 1]) === $l[0], true), "\n";
$file = sys_get_temp_dir() . '/segment_kmeans_huge_' . getmypid() . '.json';
$h->save($file);
$doc = json_decode(file_get_contents($file), true);
$back = Segment\KMeans::load($file);
echo "saved inertia: ", var_export($doc['fit']['inertia'], true), ", loaded: ", var_export($back->inertia(), true), ", predicts the same: ",
    var_export($back->predict([-1.1e300, 2]) === $h->predict([-1.1e300, 2]), true), "\n";
unlink($file);
foreach (['zscore', 'minmax'] as $scale) {
    $z = Segment\KMeans::fit($huge, 3, ['scale' => $scale, 'seed' => 2]);
    $ok = is_finite($z->inertia());
    foreach ($huge as $i => $r) $ok = $ok && $z->predict($r) === $z->labels()[$i];
    foreach ($z->centroids() as $c) $ok = $ok && is_finite($c['x0']) && is_finite($c['x1']);
    echo "huge, $scale: finite inertia and centroids, predict() = labels(): ", var_export($ok, true), "\n";
}
$show('huge weight: a value that scales beyond a double', function () {
    $km = Segment\KMeans::fit([[0, 0], [1, 1]], 2, ['weights' => ['x0' => 1e300]]);
    return $km->predict([1e300, 1]);
});
// Tiny values: squares underflow, the clusters are still found.
$tiny = Segment\KMeans::fit([[1e-300], [1.1e-300], [5e-300], [5.2e-300]], 2, ['scale' => 'none', 'seed' => 2]);
$l = $tiny->labels();
echo "tiny, none: groups ", var_export($l[0] === $l[1] && $l[2] === $l[3] && $l[0] !== $l[2], true), "\n";
?>
--EXPECT--
identical, zscore, k = 1: {"labels":[0],"inertia":0,"centroids":["{\"x0\":5,\"x1\":5}"],"sizes":[10],"predict":0,"far away":0}
identical, zscore, k = 3: {"labels":[0],"inertia":0,"centroids":["{\"x0\":5,\"x1\":5}"],"sizes":[10,0,0],"predict":0,"far away":0}
identical, minmax, k = 1: {"labels":[0],"inertia":0,"centroids":["{\"x0\":5,\"x1\":5}"],"sizes":[10],"predict":0,"far away":0}
identical, minmax, k = 3: {"labels":[0],"inertia":0,"centroids":["{\"x0\":5,\"x1\":5}"],"sizes":[10,0,0],"predict":0,"far away":0}
identical, none, k = 1: {"labels":[0],"inertia":0,"centroids":["{\"x0\":5,\"x1\":5}"],"sizes":[10],"predict":0,"far away":0}
identical, none, k = 3: {"labels":[0],"inertia":0,"centroids":["{\"x0\":5,\"x1\":5}"],"sizes":[10,0,0],"predict":0,"far away":0}
identical: silhouette: ValueError: the silhouette needs 2 to 9 clusters with rows (the rows scored minus 1), this model has 1
identical: suggestK: {"rows":[{"k":1,"inertia":0,"silhouette":null,"iterations":1},{"k":2,"inertia":0,"silhouette":null,"iterations":1},{"k":3,"inertia":0,"silhouette":null,"iterations":1}],"suggested":1}
duplicates, k = 3: inertia 0, the three points apart: true, sizes 4,4,4
duplicates, k = 4: inertia 0, the three points apart: true, sizes 4,4,4,0
duplicates, k = 12: inertia 0, the three points apart: true, sizes 4,4,4,0,0,0,0,0,0,0,0,0
duplicates: silhouette (each point with its copies): 1
k = n: labels 0,1,2,3, inertia 0
one row, k = 1: [[0],[{"x0":3,"x1":1}]]
a constant feature: center 7, scale 1; groups true
huge, none: groups true, inertia INF, predict(1.05e300, 1) is the first group: true
saved inertia: NULL, loaded: INF, predicts the same: true
huge, zscore: finite inertia and centroids, predict() = labels(): true
huge, minmax: finite inertia and centroids, predict() = labels(): true
huge weight: a value that scales beyond a double: ValueError: Segment\KMeans::predict(): Argument #1 ($row) 'x0': the scaled value of 1.0000000000000001e+300 is beyond the range of a double
tiny, none: groups true
