<?php

/**
 * The inertia comparison of the k-means benchmark (bench.php, report.php).
 *
 * A fit with n_init restarts keeps the best of n_init independent restarts,
 * so from S single restarts of a library its expected inertia is the mean,
 * over every n_init-subset of the S, of the subset's lowest inertia.  How
 * sure that estimate is comes from a bootstrap: the S restarts of each
 * library resampled with replacement, a fixed seed, the ratio recomputed.
 */

declare(strict_types=1);

/** E[min of m of xs drawn without replacement]. */
function kmb_best_of(array $xs, int $m): float
{
    sort($xs);
    $s = count($xs);
    $m = max(1, min($m, $s));
    $total = 0.0;
    $ways = 0.0;
    for ($i = 0; $i <= $s - $m; $i++) {
        $c = 1.0; // C(s - 1 - i, m - 1): the subsets whose minimum is xs[i]
        for ($j = 0; $j < $m - 1; $j++) {
            $c *= ($s - 1 - $i - $j) / ($j + 1);
        }
        $total += $c * $xs[$i];
        $ways += $c;
    }
    return $total / $ways;
}

/**
 * The 95 % bootstrap interval of kmb_best_of($a, $m) / kmb_best_of($b, $m).
 *
 * @return array{0: float, 1: float}
 */
function kmb_ratio_interval(array $a, array $b, int $m, int $rounds = 2000, int $seed = 1): array
{
    mt_srand($seed, MT_RAND_MT19937);
    $na = count($a);
    $nb = count($b);
    $r = [];
    for ($k = 0; $k < $rounds; $k++) {
        $ra = [];
        $rb = [];
        for ($i = 0; $i < $na; $i++) $ra[] = $a[mt_rand(0, $na - 1)];
        for ($i = 0; $i < $nb; $i++) $rb[] = $b[mt_rand(0, $nb - 1)];
        $r[] = kmb_best_of($ra, $m) / kmb_best_of($rb, $m);
    }
    sort($r);
    return [$r[(int) floor(0.025 * ($rounds - 1))], $r[(int) ceil(0.975 * ($rounds - 1))]];
}
