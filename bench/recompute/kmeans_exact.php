<?php

/**
 * The extension's k-means (src/seg_kmeans.c, src/seg_scale.c, as of this
 * benchmark) ported to plain PHP for three features, so that the PDO peer
 * makes the same clusters as the extension for every customer, not only
 * nearly the same:
 *
 * - the z-score scaler: Neumaier-compensated mean, corrected two-pass
 *   variance on t × 2^-e (seg_scale_fit);
 * - xoshiro256** seeded with splitmix64 (PHP's Random\Engine\Xoshiro256StarStar
 *   has the same sequence), one generator per restart seeded from a master;
 * - greedy k-means++ (seed_trials = 2 + floor(2 ln k) candidates per centre,
 *   the D² draws found by running sums over the two halves of the points,
 *   as km_seed_take_pass), then k steps of local search (Lattanzi-Sohler
 *   swaps, km_local_search);
 * - Lloyd with exact centre sums: every value as a 62-bit fixed-point
 *   integer, summed exactly (here as two 31-bit halves), turned into a
 *   double as km_acc_double does; stopping on unchanged labels or a summed
 *   squared shift <= tol × the mean feature variance, then a last
 *   assignment; the restart with the lowest inertia wins.
 *
 * Not ported (they do not occur on this data, and are checked): empty
 * clusters (km_relocate) and features that are constant. Distances are
 * (a0-b0)² + (a1-b1)² + (a2-b2)², left to right, as km_d2.
 */

declare(strict_types=1);

final class KmPrng
{
    private Random\Engine\Xoshiro256StarStar $e;

    public function __construct(int $seed)
    {
        $this->e = new Random\Engine\Xoshiro256StarStar($seed);
    }

    /** The next 64 bits as a (signed) PHP int. */
    public function next(): int
    {
        return unpack('P', $this->e->generate())[1];
    }

    /** seg_prng_double: the top 53 bits × 2^-53. */
    public function double(): float
    {
        return (($this->next() >> 11) & 0x1FFFFFFFFFFFFF) * 1.1102230246251565e-16;   // 2^-53
    }

    /** seg_prng_below: unbiased in [0, n), by rejection of the lowest 2^64 mod n values. */
    public function below(int $n): int
    {
        $m63 = (PHP_INT_MAX % $n + 1) % $n;          // 2^63 mod n
        $threshold = ($m63 * 2) % $n;                 // 2^64 mod n
        for (;;) {
            $r = $this->next();
            if ($r < 0) {                             // unsigned r >= 2^63 > threshold
                return (($r & PHP_INT_MAX) % $n + $m63) % $n;
            }
            if ($r >= $threshold) {
                return $r % $n;
            }
        }
    }
}

/** frexp()'s exponent: m = f × 2^e with f in [0.5, 1); 0 for 0. */
function km_frexp_exp(float $m): int
{
    if ($m == 0.0) {
        return 0;
    }
    $e = (int) floor(log($m, 2)) + 1;
    while (2.0 ** ($e - 1) > $m) {
        $e--;
    }
    while (2.0 ** $e <= $m) {
        $e++;
    }
    return $e;
}

/**
 * seg_scale_fit (z-score) of one column of t values: [center, scale].
 * @param list<float> $t
 */
function km_zscore(array $t): array
{
    $n = count($t);
    $s = $c = 0.0;
    $lo = INF;
    $hi = -INF;
    foreach ($t as $v) {
        if ($v < $lo) {
            $lo = $v;
        }
        if ($v > $hi) {
            $hi = $v;
        }
        $u = $s + $v;                                 // nsum_add (Neumaier)
        if (abs($s) >= abs($v)) {
            $c += ($s - $u) + $v;
        } else {
            $c += ($v - $u) + $s;
        }
        $s = $u;
    }
    if ($hi == $lo) {
        throw new RuntimeException('a constant feature: not ported');
    }
    $mean = ($s + $c) / $n;
    $amax = max(abs($lo), abs($hi));
    $factor = 2.0 ** -(km_frexp_exp($amax) - 1);      // ldexp(1, -ilogb(amax))
    $s1 = 0.0;
    $s = $c = 0.0;
    $mf = $mean * $factor;
    foreach ($t as $v) {
        $dev = $v * $factor - $mf;
        $s1 += $dev;
        $x = $dev * $dev;
        $u = $s + $x;
        if (abs($s) >= abs($x)) {
            $c += ($s - $u) + $x;
        } else {
            $c += ($x - $u) + $s;
        }
        $s = $u;
    }
    $var = (($s + $c) - $s1 * $s1 / $n) / $n;
    return [$mean, sqrt(max($var, 0.0)) / $factor];
}

/** Exact sums: q as 31-bit halves into $H[f], $L[f] (signed hi, 0..2^31-1 lo). */
function km_acc_double(int $H, int $L): float
{
    $H += $L >> 31;                                   // carry (L may have grown past 2^31)
    $L &= 0x7FFFFFFF;
    $hi64 = $H >> 33;                                 // floor(S / 2^64)
    $remHi = $H & 0x1FFFFFFFF;                        // S mod 2^64 = remHi × 2^31 + L
    if ($hi64 === 0 && $remHi < 0x100000000) {        // fits in 63 bits: correctly rounded
        return (float) (($remHi << 31) | $L);
    }
    if ($hi64 === -1 && $remHi >= 0x100000000) {      // -2^63 <= S < 0: -(double)(-S)
        return -((float) (0x200000000 - $remHi) * 2147483648.0 - (float) $L);
    }
    // ldexp((double)hi, 64) + (double)lo, lo correctly rounded (one IEEE addition of exact values)
    return (float) $hi64 * 18446744073709551616.0 + ((float) $remHi * 2147483648.0 + (float) $L);
}

/**
 * k-means of the rows (x0[i], x1[i], x2[i]) (already scaled), k clusters.
 * @return array{0: list<list<float>>, 1: list<int>, 2: float, 3: int} centroids, labels, inertia, total iterations
 */
function km_exact(array $x0, array $x1, array $x2, int $k, int $nInit, int $maxIter, float $tol, int $seed): array
{
    $n = count($x0);
    $half = intdiv($n, 2);
    $halves = [[0, $half], [$half, $n]];
    $d = 3;
    // tolerance: tol × the mean over the features of the population variance (sums over the halves)
    $var = 0.0;
    $mx = [];
    foreach ([$x0, $x1, $x2] as $f => $col) {
        $sm = [0.0, 0.0];
        $m = 0.0;
        foreach ($halves as $h => [$lo, $hi]) {
            for ($i = $lo; $i < $hi; $i++) {
                $sm[$h] += $col[$i];
                $a = abs($col[$i]);
                if ($a > $m) {
                    $m = $a;
                }
            }
        }
        $mx[$f] = $m;
        $mean = ($sm[0] + $sm[1]) / $n;
        $v = [0.0, 0.0];
        foreach ($halves as $h => [$lo, $hi]) {
            for ($i = $lo; $i < $hi; $i++) {
                $t = $col[$i] - $mean;
                $v[$h] += $t * $t;
            }
        }
        $var += ($v[0] + $v[1]) / $n;
    }
    $tolAbs = $var / $d * $tol;
    $qscale = $qinv = [];
    foreach ($mx as $f => $m) {
        $e = max(km_frexp_exp($m), -900);
        $qscale[$f] = 2.0 ** (62 - $e);
        $qinv[$f] = 2.0 ** ($e - 62);
    }
    [$qs0, $qs1, $qs2] = $qscale;
    $trials = min(16, 2 + (int) floor(2.0 * log((float) $k)));
    $lsSteps = $k > 1 ? $k : 0;

    $master = new KmPrng($seed);
    $best = null;
    $totalIter = 0;
    for ($r = 0; $r < $nInit; $r++) {
        $g = new KmPrng($master->next());
        // ---- greedy k-means++ (km_seed)
        $dist = array_fill(0, $n, 0.0);
        $first = $g->below($n);
        $c = [[$x0[$first], $x1[$first], $x2[$first]]];
        [$p, $q, $w] = $c[0];
        $acc = [0.0, 0.0];
        foreach ($halves as $h => [$lo, $hi]) {
            $sum = 0.0;
            for ($i = $lo; $i < $hi; $i++) {
                $a = $x0[$i] - $p;
                $b = $x1[$i] - $q;
                $e = $x2[$i] - $w;
                $v = $a * $a + $b * $b + $e * $e;
                $dist[$i] = $v;
                $sum += $v;
            }
            $acc[$h] = $sum;
        }
        $pot = $acc[0] + $acc[1];
        $s0 = $acc[0];
        for ($s = 1; $s < $k; $s++) {
            $u = [];
            for ($m = 0; $m < $trials; $m++) {
                $u[$m] = $g->double() * $pot;
            }
            $draw = $u;
            sort($draw);
            $take = $s >= 2 ? $c[$s - 1] : null;
            [$found, $last, ] = km_take($x0, $x1, $x2, $dist, $halves, $take, $draw, $s0);
            $cand = [];
            for ($m = 0; $m < $trials; $m++) {
                $rr = array_search($u[$m], $draw, true);
                $idx = $found[$rr] ?? $last;
                $cand[$m] = [$x0[$idx], $x1[$idx], $x2[$idx]];
            }
            // the potential of each candidate, over the halves
            $potm = [[], []];
            foreach ($halves as $h => [$lo, $hi]) {
                $pp = array_fill(0, $trials, 0.0);
                for ($i = $lo; $i < $hi; $i++) {
                    $v = $dist[$i];
                    $a0 = $x0[$i];
                    $a1 = $x1[$i];
                    $a2 = $x2[$i];
                    for ($m = 0; $m < $trials; $m++) {
                        $cm = $cand[$m];
                        $a = $a0 - $cm[0];
                        $b = $a1 - $cm[1];
                        $e = $a2 - $cm[2];
                        $W = $a * $a + $b * $b + $e * $e;
                        $pp[$m] += $W < $v ? $W : $v;
                    }
                }
                $potm[$h] = $pp;
            }
            $bm = 0;
            $bestPot = $potm[0][0] + $potm[1][0];
            for ($m = 1; $m < $trials; $m++) {
                $v = $potm[0][$m] + $potm[1][$m];
                if ($v < $bestPot) {
                    $bestPot = $v;
                    $bm = $m;
                }
            }
            $c[$s] = $cand[$bm];
            $pot = $bestPot;
            $s0 = $potm[0][$bm];
        }
        if ($k > 1) {
            km_take($x0, $x1, $x2, $dist, $halves, $c[$k - 1], [], $s0);
        }
        // ---- local search (km_local_search)
        if ($lsSteps) {
            $lab = $a2n = $d2 = [];
            $acc = km_ls_near($x0, $x1, $x2, $c, $halves, $dist, $lab, $a2n, $d2, null, -1);
            for ($step = 0; $step < $lsSteps; $step++) {
                $pot = $acc[0] + $acc[1];
                if (!($pot > 0.0)) {
                    break;
                }
                $dr = [$g->double() * $pot];
                [$found, $last, $acc] = km_take($x0, $x1, $x2, $dist, $halves, null, $dr, $acc[0]);
                $idx = $found[0] ?? $last;
                if ($idx === null) {
                    break;
                }
                $cand = [$x0[$idx], $x1[$idx], $x2[$idx]];
                $base = 0.0;
                $delta = [array_fill(0, $k, 0.0), array_fill(0, $k, 0.0)];
                $baseh = [0.0, 0.0];
                foreach ($halves as $h => [$lo, $hi]) {
                    $bs = 0.0;
                    $dl = array_fill(0, $k, 0.0);
                    for ($i = $lo; $i < $hi; $i++) {
                        $a = $x0[$i] - $cand[0];
                        $b = $x1[$i] - $cand[1];
                        $e = $x2[$i] - $cand[2];
                        $W = $a * $a + $b * $b + $e * $e;
                        $v = $dist[$i];
                        $v2 = $d2[$i];
                        $with = $W < $v ? $W : $v;
                        $bs += $with;
                        $dl[$lab[$i]] += ($W < $v2 ? $W : $v2) - $with;
                    }
                    $baseh[$h] = $bs;
                    $delta[$h] = $dl;
                }
                $base = $baseh[0] + $baseh[1];
                $bj = 0;
                $bestCost = $base + ($delta[0][0] + $delta[1][0]);
                for ($j = 1; $j < $k; $j++) {
                    $v = $base + ($delta[0][$j] + $delta[1][$j]);
                    if ($v < $bestCost) {
                        $bestCost = $v;
                        $bj = $j;
                    }
                }
                if (!($bestCost < $pot * (1.0 - 1e-12))) {
                    continue;
                }
                $c[$bj] = $cand;
                $acc = km_ls_near($x0, $x1, $x2, $c, $halves, $dist, $lab, $a2n, $d2, $cand, $bj);
            }
        }
        // ---- Lloyd with exact sums (km_single)
        $lab = array_fill(0, $n, -1);
        $cnt = array_fill(0, $k, 0);
        $H = array_fill(0, $k, [0, 0, 0]);
        $L = array_fill(0, $k, [0, 0, 0]);
        $strict = false;
        $it = 0;
        while ($it < $maxIter) {
            $changed = 0;
            for ($i = 0; $i < $n; $i++) {
                $a0 = $x0[$i];
                $a1 = $x1[$i];
                $a2 = $x2[$i];
                $bd = INF;
                $bj = 0;
                for ($j = 0; $j < $k; $j++) {
                    $cj = $c[$j];
                    $a = $a0 - $cj[0];
                    $b = $a1 - $cj[1];
                    $e = $a2 - $cj[2];
                    $v = $a * $a + $b * $b + $e * $e;
                    if ($v < $bd) {
                        $bd = $v;
                        $bj = $j;
                    }
                }
                $from = $lab[$i];
                if ($from !== $bj) {
                    $changed++;
                    $q0 = (int) ($a0 * $qs0);
                    $q1 = (int) ($a1 * $qs1);
                    $q2 = (int) ($a2 * $qs2);
                    if ($from >= 0) {
                        $H[$from][0] -= $q0 >> 31;
                        $L[$from][0] -= $q0 & 0x7FFFFFFF;
                        $H[$from][1] -= $q1 >> 31;
                        $L[$from][1] -= $q1 & 0x7FFFFFFF;
                        $H[$from][2] -= $q2 >> 31;
                        $L[$from][2] -= $q2 & 0x7FFFFFFF;
                        $cnt[$from]--;
                    }
                    $H[$bj][0] += $q0 >> 31;
                    $L[$bj][0] += $q0 & 0x7FFFFFFF;
                    $H[$bj][1] += $q1 >> 31;
                    $L[$bj][1] += $q1 & 0x7FFFFFFF;
                    $H[$bj][2] += $q2 >> 31;
                    $L[$bj][2] += $q2 & 0x7FFFFFFF;
                    $cnt[$bj]++;
                    $lab[$i] = $bj;
                }
            }
            $tot = 0.0;
            for ($j = 0; $j < $k; $j++) {
                if ($cnt[$j] === 0) {
                    throw new RuntimeException('an empty cluster: km_relocate is not ported');
                }
                $m = (float) $cnt[$j];
                $nj = [];
                for ($f = 0; $f < 3; $f++) {
                    $nj[$f] = km_acc_double($H[$j][$f], $L[$j][$f]) * $qinv[$f] / $m;
                }
                $a = $c[$j][0] - $nj[0];
                $b = $c[$j][1] - $nj[1];
                $e = $c[$j][2] - $nj[2];
                $qq = sqrt($a * $a + $b * $b + $e * $e);
                $tot += $qq * $qq;
                $c[$j] = $nj;
            }
            $it++;
            if ($changed === 0) {
                $strict = true;
                break;
            }
            if ($tot <= $tolAbs) {
                break;
            }
        }
        $totalIter += $it;
        $inert = [0.0, 0.0];
        foreach ($halves as $h => [$lo, $hi]) {
            $s = 0.0;
            for ($i = $lo; $i < $hi; $i++) {
                $a0 = $x0[$i];
                $a1 = $x1[$i];
                $a2 = $x2[$i];
                if (!$strict) {   // the last assignment, labels only
                    $bd = INF;
                    $bj = 0;
                    for ($j = 0; $j < $k; $j++) {
                        $cj = $c[$j];
                        $a = $a0 - $cj[0];
                        $b = $a1 - $cj[1];
                        $e = $a2 - $cj[2];
                        $v = $a * $a + $b * $b + $e * $e;
                        if ($v < $bd) {
                            $bd = $v;
                            $bj = $j;
                        }
                    }
                    $lab[$i] = $bj;
                }
                $cj = $c[$lab[$i]];
                $a = $a0 - $cj[0];
                $b = $a1 - $cj[1];
                $e = $a2 - $cj[2];
                $s += $a * $a + $b * $b + $e * $e;
            }
            $inert[$h] = $s;
        }
        $inertia = $inert[0] + $inert[1];
        if ($r === 0 || $inertia < $best[2]) {
            $best = [$c, $lab, $inertia];
        }
    }
    return [$best[0], $best[1], $best[2], $totalIter];
}

/**
 * km_seed_take_pass over both halves: takes centre $take (null: none) into
 * $dist, and finds for each sorted draw the first point whose running sum
 * of $dist exceeds it (half 1 runs from $s0, half 0's total before the pass).
 * @return array{0: array<int, int>, 1: ?int, 2: array{0: float, 1: float}} found, last point with dist > 0, sums
 */
function km_take(array $x0, array $x1, array $x2, array &$dist, array $halves, ?array $take, array $draw, float $s0): array
{
    $t = count($draw);
    $found = [];
    $last = null;
    $acc = [0.0, 0.0];
    foreach ($halves as $h => [$lo, $hi]) {
        $next = 0;
        if ($h === 1) {
            while ($next < $t && $draw[$next] < $s0) {
                $next++;
            }
        }
        $sum = 0.0;
        $lastH = null;
        for ($i = $lo; $i < $hi; $i++) {
            $v = $dist[$i];
            if ($take !== null) {
                $a = $x0[$i] - $take[0];
                $b = $x1[$i] - $take[1];
                $e = $x2[$i] - $take[2];
                $w = $a * $a + $b * $b + $e * $e;
                if ($w < $v) {
                    $v = $w;
                    $dist[$i] = $w;
                }
            }
            $sum += $v;
            if ($v > 0.0) {
                $lastH = $i;
            }
            if ($next < $t) {
                $run = $h === 0 ? $sum : $s0 + $sum;
                while ($next < $t && $run > $draw[$next]) {
                    if (!isset($found[$next])) {
                        $found[$next] = $i;
                    }
                    $next++;
                }
            }
        }
        $acc[$h] = $sum;
        if ($lastH !== null) {
            $last = $lastH;   // half 1's when it has one, else half 0's
        }
    }
    return [$found, $last, $acc];
}

/**
 * km_ls_near_pass (all centres) or, after centre $j was replaced by $cj,
 * km_ls_swap_pass: nearest centre, its D and the second nearest's.
 */
function km_ls_near(array $x0, array $x1, array $x2, array $c, array $halves, array &$dist, array &$lab, array &$a2n,
    array &$d2, ?array $cj, int $j): array
{
    $k = count($c);
    $acc = [0.0, 0.0];
    foreach ($halves as $h => [$lo, $hi]) {
        $s = 0.0;
        for ($i = $lo; $i < $hi; $i++) {
            $a0 = $x0[$i];
            $a1 = $x1[$i];
            $a2 = $x2[$i];
            if ($cj === null || $lab[$i] === $j || $a2n[$i] === $j) {
                $D = [];
                for ($m = 0; $m < $k; $m++) {
                    $a = $a0 - $c[$m][0];
                    $b = $a1 - $c[$m][1];
                    $e = $a2 - $c[$m][2];
                    $D[$m] = $a * $a + $b * $b + $e * $e;
                }
                $fa = 0;
                $fb = 1;
                if ($D[1] < $D[0]) {
                    $fa = 1;
                    $fb = 0;
                }
                for ($m = 2; $m < $k; $m++) {
                    if ($D[$m] < $D[$fa]) {
                        $fb = $fa;
                        $fa = $m;
                    } elseif ($D[$m] < $D[$fb]) {
                        $fb = $m;
                    }
                }
                $lab[$i] = $fa;
                $dist[$i] = $D[$fa];
                $a2n[$i] = $fb;
                $d2[$i] = $D[$fb];
            } else {
                $a = $a0 - $cj[0];
                $b = $a1 - $cj[1];
                $e = $a2 - $cj[2];
                $w = $a * $a + $b * $b + $e * $e;
                if ($w < $dist[$i]) {
                    $d2[$i] = $dist[$i];
                    $a2n[$i] = $lab[$i];
                    $dist[$i] = $w;
                    $lab[$i] = $j;
                } elseif ($w < $d2[$i]) {
                    $d2[$i] = $w;
                    $a2n[$i] = $j;
                }
            }
            $s += $dist[$i];
        }
        $acc[$h] = $s;
    }
    return $acc;
}
