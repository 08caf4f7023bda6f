<?php

/**
 * k-means in plain PHP, without the extension: what a PHP developer writes
 * from the textbook (k-means++ seeding, then Lloyd), on the same rows the
 * extension gets.
 *
 *   php bench/kmeans/plain.php DATA.f64 --d=D --k=K [--n-init=3] [--max-iter=100]
 *       [--tol=1e-4] [--seed=0] [--init=INIT.f64] [--centroids=OUT.json]
 *
 * Seeding: plain k-means++ (one D²-weighted draw per centre, mt_rand seeded
 * with --seed), or the k rows of INIT.f64 (one restart). Each iteration:
 * every point against every centre (squared Euclidean distance, the lowest
 * index on a tie), then the means (an empty cluster keeps its centre).
 * Stops like scikit-learn's Lloyd: labels unchanged, or the summed squared
 * centre shift <= tol x the mean variance of the features, or max_iter;
 * a last assignment pass gives the inertia of the final centres. The
 * restart with the lowest inertia wins. Times only the fit (hrtime), after
 * the rows are built; prints one JSON line like ext.php's, with total_iter
 * (iterations of all restarts).
 */

declare(strict_types=1);

ini_set('memory_limit', '-1');
require __DIR__ . '/common.php';

/** @return array{0: float, 1: int} inertia, changed labels; fills $labels */
function plain_assign(array $x, array $c, int $k, int $d, array &$labels): array
{
    $inertia = 0.0;
    $changed = 0;
    foreach ($x as $i => $p) {
        $best = INF;
        $bj = 0;
        for ($j = 0; $j < $k; $j++) {
            $q = $c[$j];
            $s = 0.0;
            for ($f = 0; $f < $d; $f++) {
                $t = $p[$f] - $q[$f];
                $s += $t * $t;
            }
            if ($s < $best) {
                $best = $s;
                $bj = $j;
            }
        }
        if ($labels[$i] !== $bj) {
            $labels[$i] = $bj;
            $changed++;
        }
        $inertia += $best;
    }
    return [$inertia, $changed];
}

function plain_dist2(array $p, array $q, int $d): float
{
    $s = 0.0;
    for ($f = 0; $f < $d; $f++) {
        $t = $p[$f] - $q[$f];
        $s += $t * $t;
    }
    return $s;
}

/** k-means++: the first centre uniform, each next one drawn with probability ∝ D². */
function plain_seed(array $x, int $k, int $d): array
{
    $n = count($x);
    $c = [$x[mt_rand(0, $n - 1)]];
    $dist = [];
    $total = 0.0;
    foreach ($x as $i => $p) {
        $dist[$i] = plain_dist2($p, $c[0], $d);
        $total += $dist[$i];
    }
    for ($j = 1; $j < $k; $j++) {
        $r = mt_rand() / (mt_getrandmax() + 1) * $total;
        $acc = 0.0;
        $pick = $n - 1;
        foreach ($dist as $i => $v) {
            $acc += $v;
            if ($acc > $r) {
                $pick = $i;
                break;
            }
        }
        $c[$j] = $x[$pick];
        $total = 0.0;
        foreach ($x as $i => $p) {
            $s = plain_dist2($p, $c[$j], $d);
            if ($s < $dist[$i]) {
                $dist[$i] = $s;
            }
            $total += $dist[$i];
        }
    }
    return $c;
}

/** @return array{centroids: array, inertia: float, n_iter: int, total_iter: int} */
function plain_kmeans(array $x, int $k, int $d, int $nInit, int $maxIter, float $tol, ?array $init): array
{
    $n = count($x);
    // scikit-learn's tolerance: tol x the mean over features of the variance
    $var = 0.0;
    for ($f = 0; $f < $d; $f++) {
        $m = 0.0;
        foreach ($x as $p) {
            $m += $p[$f];
        }
        $m /= $n;
        $v = 0.0;
        foreach ($x as $p) {
            $t = $p[$f] - $m;
            $v += $t * $t;
        }
        $var += $v / $n;
    }
    $tolAbs = $tol * $var / $d;

    $best = ['centroids' => [], 'inertia' => INF, 'n_iter' => 0, 'total_iter' => 0];
    $total = 0;
    for ($run = 0; $run < $nInit; $run++) {
        $c = $init ?? plain_seed($x, $k, $d);
        $labels = array_fill(0, $n, -1);
        $it = 0;
        $inertia = 0.0;
        $strict = false;
        while ($it < $maxIter) {
            [$inertia, $changed] = plain_assign($x, $c, $k, $d, $labels);
            $it++;
            if ($changed === 0) {
                $strict = true;
                break;
            }
            $sum = array_fill(0, $k, array_fill(0, $d, 0.0));
            $cnt = array_fill(0, $k, 0);
            foreach ($x as $i => $p) {
                $j = $labels[$i];
                $cnt[$j]++;
                for ($f = 0; $f < $d; $f++) {
                    $sum[$j][$f] += $p[$f];
                }
            }
            $shift = 0.0;
            for ($j = 0; $j < $k; $j++) {
                if ($cnt[$j] === 0) {
                    continue;
                }
                for ($f = 0; $f < $d; $f++) {
                    $m = $sum[$j][$f] / $cnt[$j];
                    $t = $m - $c[$j][$f];
                    $shift += $t * $t;
                    $c[$j][$f] = $m;
                }
            }
            if ($shift <= $tolAbs) {
                break;
            }
        }
        $total += $it;
        if (!$strict) {
            [$inertia] = plain_assign($x, $c, $k, $d, $labels);
        }
        if ($inertia < $best['inertia']) {
            $best = ['centroids' => $c, 'inertia' => $inertia, 'n_iter' => $it];
        }
    }
    $best['total_iter'] = $total;
    return $best;
}

$a = kmb_args($argv);
$rows = kmb_rows($a['data'], $a['d']);
$init = $a['init'] !== null ? kmb_rows($a['init'], $a['d']) : null;
$nInit = $init !== null ? 1 : $a['n_init'];
mt_srand($a['seed']);
$rssLoaded = kmb_status_kb('VmRSS');
$jit = function_exists('opcache_get_status') ? (opcache_get_status(false)['jit']['on'] ?? false) : false;

$t0 = hrtime(true);
$r = plain_kmeans($rows, $a['k'], $a['d'], $nInit, $a['max_iter'], $a['tol'], $init);
$fit = (hrtime(true) - $t0) / 1e9;

kmb_finish($a['centroids'], [
    'method' => $jit ? 'plain-php-jit' : 'plain-php', 'threads' => 1, 'n' => count($rows), 'd' => $a['d'],
    'k' => $a['k'], 'n_init' => $nInit, 'max_iter' => $a['max_iter'], 'tol' => $a['tol'], 'fit_s' => $fit,
    'inertia' => $r['inertia'], 'n_iter' => $r['n_iter'], 'total_iter' => $r['total_iter'],
    'rss_loaded_kb' => $rssLoaded, 'jit' => $jit,
], $r['centroids']);
