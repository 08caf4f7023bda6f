--TEST--
Segment\KMeans seed_trials and local_search: defaults, recorded in the model, honoured, saved and loaded (issue 4)
--EXTENSIONS--
segment
--FILE--
<?php
// Eight overlapping blobs in 2-D from a fixed LCG, so k-means++ has choices to make.
$s = 12345;
$rnd = function () use (&$s): float {
    $s = ($s * 1103515245 + 12345) % 2147483648;
    return $s / 2147483648;
};
$rows = [];
for ($i = 0; $i < 2000; $i++) {
    $b = $i % 8;
    $rows[] = [($b % 4) * 3 + $rnd() * 4, intdiv($b, 4) * 3 + $rnd() * 4];
}
foreach ([1, 2, 5, 16, 100] as $k) {
    $m = Segment\KMeans::fit($rows, $k, ['n_init' => 1, 'max_iter' => 1, 'scale' => 'none']);
    $got = $m->toArray()['fit']['seed_trials'];
    $want = min(16, 2 + (int) floor(2 * log($k)));
    $ls = $m->toArray()['fit']['local_search'];
    echo "k $k: default seed_trials $got", $got === $want ? '' : " (expected $want)", ", local_search $ls\n";
}
$opts = ['n_init' => 1, 'max_iter' => 1, 'scale' => 'none', 'seed' => 3];
$default = Segment\KMeans::fit($rows, 8, $opts);
$explicit = Segment\KMeans::fit($rows, 8, $opts + ['seed_trials' => 2 + (int) floor(2 * log(8))]);
echo 'explicit default = default: ', var_export($default->centroids() === $explicit->centroids(), true), "\n";
$differ = 0;
foreach ([1, 3, 16] as $t) {
    $m = Segment\KMeans::fit($rows, 8, $opts + ['seed_trials' => $t]);
    echo "seed_trials $t recorded: ", $m->toArray()['fit']['seed_trials'], "\n";
    $differ += $m->centroids() !== $default->centroids();
}
echo "other trial counts seed differently: $differ of 3\n";
// Greedy seeding picks the best of its candidates: over 20 seeds, one candidate per
// centre (plain k-means++) must not seed better on average than sixteen.
$pot = [1 => 0.0, 16 => 0.0];
foreach ([1, 16] as $t) {
    for ($seed = 0; $seed < 20; $seed++) {
        $pot[$t] += Segment\KMeans::fit($rows, 8, ['n_init' => 1, 'max_iter' => 1, 'scale' => 'none', 'seed' => $seed, 'seed_trials' => $t, 'local_search' => 0])->inertia();
    }
}
echo 'sixteen candidates seed better than one: ', var_export($pot[16] < $pot[1], true), "\n";
// local_search: recorded, and 0 gives plain (greedy) k-means++; given centroids run none.
$noLs = Segment\KMeans::fit($rows, 8, $opts + ['local_search' => 0]);
$ls = Segment\KMeans::fit($rows, 8, $opts + ['local_search' => 20]);
echo 'local_search recorded: ', $noLs->toArray()['fit']['local_search'], ' ', $ls->toArray()['fit']['local_search'],
    ', given init: ', Segment\KMeans::fit($rows, 2, ['init' => [[0, 0], [5, 5]]])->toArray()['fit']['local_search'], "\n";
$sum = [0 => 0.0, 8 => 0.0];
foreach ([0, 8] as $steps) {
    for ($seed = 0; $seed < 20; $seed++) {
        $sum[$steps] += Segment\KMeans::fit($rows, 8, ['n_init' => 1, 'scale' => 'none', 'seed' => $seed, 'local_search' => $steps])->inertia();
    }
}
echo 'local search lowers the mean inertia over 20 seeds: ', var_export($sum[8] < $sum[0], true), "\n";
$file = tempnam(sys_get_temp_dir(), 'km');
$m = Segment\KMeans::fit($rows, 4, ['seed_trials' => 9, 'n_init' => 2]);
$m->save($file);
echo 'loaded seed_trials: ', Segment\KMeans::load($file)->toArray()['fit']['seed_trials'], "\n";
$json = json_decode(file_get_contents($file), true);
$json['fit']['seed_trials'] = 17;
file_put_contents($file, json_encode($json));
try {
    Segment\KMeans::load($file);
    echo "seed_trials 17 loaded\n";
} catch (Throwable $e) {
    echo get_class($e), ': ', str_replace($file, 'FILE', $e->getMessage()), "\n";
}
unlink($file);
?>
--EXPECT--
k 1: default seed_trials 2, local_search 0
k 2: default seed_trials 3, local_search 2
k 5: default seed_trials 5, local_search 5
k 16: default seed_trials 7, local_search 16
k 100: default seed_trials 11, local_search 100
explicit default = default: true
seed_trials 1 recorded: 1
seed_trials 3 recorded: 3
seed_trials 16 recorded: 16
other trial counts seed differently: 3 of 3
sixteen candidates seed better than one: true
local_search recorded: 0 20, given init: 0
local search lowers the mean inertia over 20 seeds: true
loaded seed_trials: 9
Segment\Exception: 'FILE' is not a valid k-means model: 'fit.seed_trials' must be an integer from 1 to 16
