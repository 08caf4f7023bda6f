--TEST--
Segment\KMeans is deterministic: the same seed gives the same model; 1 or 2 threads and every algorithm give identical results
--EXTENSIONS--
segment
--FILE--
<?php
// 20000 points in 4 dimensions, 8 loose groups (a fixed LCG: the same data everywhere).
$s = 12345;
$next = function () use (&$s) { $s = ($s * 1103515245 + 12345) % 2147483648; return $s / 2147483648; };
$rows = [];
for ($i = 0; $i < 20000; $i++) {
    $g = $i % 8;
    $rows[] = [$g * 3 + $next() * 4, ($g % 3) * 5 + $next() * 4, $next() * 10, ($g >> 1) + $next()];
}
$fp = fn ($km) => [$km->labels(), $km->centroids(), $km->inertia(), $km->iterations()];
$a = Segment\KMeans::fit($rows, 8, ['seed' => 42, 'n_init' => 3]);
$b = Segment\KMeans::fit($rows, 8, ['seed' => 42, 'n_init' => 3]);
echo "same seed, same model: ", var_export($fp($a) === $fp($b) && $a->toArray() === $b->toArray(), true), "\n";
$c = Segment\KMeans::fit($rows, 8, ['seed' => 43, 'n_init' => 3]);
echo "the seed is recorded: ", $c->toArray()['fit']['seed'], "\n";
$t = Segment\KMeans::fit($rows, 8, ['seed' => 42, 'n_init' => 3, 'threads' => 2]);
echo "2 threads: identical labels, centroids, inertia, iterations: ", var_export($fp($t) === $fp($a), true), "; recorded: ", $t->toArray()['fit']['threads'], "\n";
foreach (['lloyd', 'hamerly', 'elkan', 'auto'] as $algo) {
    foreach ([1, 2] as $threads) {
        $m = Segment\KMeans::fit($rows, 8, ['seed' => 42, 'n_init' => 3, 'algorithm' => $algo, 'threads' => $threads]);
        echo "$algo, $threads thread(s): identical: ", var_export($fp($m) === $fp($a), true), "; ran ", $m->toArray()['fit']['algorithm_run'] === ($algo === 'auto' ? $a->toArray()['fit']['algorithm_run'] : $algo) ? 'as asked' : 'something else', "\n";
    }
}
// Row order matters only through the seeding: a reordered copy with explicit
// init gives the same centroids (the sums are exact enough to agree to 1e-12).
$init = array_map(fn ($c) => array_values($c), $a->centroids());
$x = Segment\KMeans::fit($rows, 8, ['init' => $init]);
$y = Segment\KMeans::fit(array_reverse($rows), 8, ['init' => $init]);
$worst = 0;
foreach ($x->centroids() as $i => $cx) foreach ($cx as $f => $v) $worst = max($worst, abs($v - $y->centroids()[$i][$f]));
echo "reversed rows, same init: same clusters ", var_export(array_reverse($x->labels()) === $y->labels(), true), ", centroids within 1e-9: ", var_export($worst < 1e-9, true), "\n";
?>
--EXPECT--
same seed, same model: true
the seed is recorded: 43
2 threads: identical labels, centroids, inertia, iterations: true; recorded: 2
lloyd, 1 thread(s): identical: true; ran as asked
lloyd, 2 thread(s): identical: true; ran as asked
hamerly, 1 thread(s): identical: true; ran as asked
hamerly, 2 thread(s): identical: true; ran as asked
elkan, 1 thread(s): identical: true; ran as asked
elkan, 2 thread(s): identical: true; ran as asked
auto, 1 thread(s): identical: true; ran as asked
auto, 2 thread(s): identical: true; ran as asked
reversed rows, same init: same clusters true, centroids within 1e-9: true
