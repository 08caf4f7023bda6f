<?php

/**
 * The whole recompute in plain PHP with PDO, without the extension: what a
 * PHP developer writes for the job the extension does.
 *
 *   php [-d opcache.enable_cli=1 -d opcache.jit=tracing -d opcache.jit_buffer_size=64M] \
 *       bench/recompute/plain.php DATABASE [--table=seg_membership_plain] [--kmeans=exact|textbook]
 *
 * 1. Read: pdo_mysql with unbuffered queries (MYSQL_ATTR_USE_BUFFERED_QUERY
 *    off, rows streamed), the extension's own PrestaShop SELECT
 *    (common.php RB_ORDERS_SQL), fetch(PDO::FETCH_NUM) row by row.
 * 2. Profiles in PHP arrays keyed by customer id, with the extension's
 *    definitions (docs/mysql.md, docs/rfm.md): rows without a customer are
 *    skipped, 'invalid' rows count as cancelled orders, the others as
 *    orders (one row = one order id); monetary a Kahan sum in row order;
 *    first/last order as date strings; the country of the latest counted
 *    order that has one.
 * 3. RFM: recency = whole days to the reference, method `quantile` (numpy
 *    linear quantiles at i × (1/5)), the rf11 map (docs/rfm.md 5a, 7.1).
 * 4. k-means on recency, log1p(orders), log1p(monetary), z-scored, k 4,
 *    n_init 10, max_iter 300, tol 1e-4, seed 0: by default (--kmeans=exact)
 *    the extension's own algorithm ported to PHP (kmeans_exact.php: greedy
 *    k-means++ with local search on xoshiro256**, Lloyd with exact sums), so
 *    that the clusters are the extension's for every customer; with
 *    --kmeans=textbook, textbook k-means++ (one D²-weighted draw per centre,
 *    mt_rand seeded 0, 1, ... per restart) and Lloyd, which reaches the same
 *    clusters up to customers near a boundary. Clusters are named as the
 *    extension names them (docs/kmeans.md 7: centroid percentiles among the
 *    customers, the two most extreme features).
 * 5. Rules: cli/default-rules.json written as plain PHP closures (no
 *    expression engine), every matching code in priority order.
 * 6. Write: common.php's RbWriter (prepared 1,000-row INSERTs in one
 *    transaction into a new table, then RENAME TABLE).
 *
 * Prints one JSON line like ext.php's.
 */

declare(strict_types=1);

ini_set('memory_limit', '-1');
require __DIR__ . '/common.php';
require __DIR__ . '/kmeans_exact.php';

$o = rb_args($argv);
$db = $o['_'][0] ?? null;
if ($db === null) {
    fwrite(STDERR, "usage: php plain.php DATABASE [--table=NAME]\n");
    exit(2);
}
$table = $o['table'] ?? 'seg_membership_plain';
$kmeansMode = $o['kmeans'] ?? 'exact';
if (!in_array($kmeansMode, ['exact', 'textbook'], true)) {
    fwrite(STDERR, "--kmeans=exact|textbook\n");
    exit(2);
}
$t0 = hrtime(true);

// 1-2. Read and aggregate.
$pdo = rb_pdo($db);
$pdo->setAttribute(PDO::MYSQL_ATTR_USE_BUFFERED_QUERY, false);
$st = $pdo->query(RB_ORDERS_SQL);
$orders = $mon = $comp = $first = $last = $cancelled = $country = $cdate = [];
$lines = $noCustomer = $cancelledLines = 0;
while ($row = $st->fetch(PDO::FETCH_NUM)) {
    $lines++;
    [$c, , $date, $amount, $status, $iso] = $row;
    if ($c === null || $c === '') {
        $noCustomer++;
        continue;
    }
    if (!isset($orders[$c])) {
        $orders[$c] = 0;
        $mon[$c] = 0.0;
        $comp[$c] = 0.0;
        $cancelled[$c] = 0;
        $first[$c] = null;
        $last[$c] = null;
        $country[$c] = null;
    }
    if ($status === 'invalid') {
        $cancelledLines++;
        $cancelled[$c]++;
        continue;
    }
    $orders[$c]++;
    $y = (float) $amount - $comp[$c];   // Kahan, as the extension sums
    $t = $mon[$c] + $y;
    $comp[$c] = ($t - $mon[$c]) - $y;
    $mon[$c] = $t;
    if ($first[$c] === null || $date < $first[$c]) {
        $first[$c] = $date;
    }
    if ($last[$c] === null || $date >= $last[$c]) {
        $last[$c] = $date;
    }
    if ($iso !== null && ($country[$c] === null || $date >= $cdate[$c])) {   // the latest counted order with one
        $country[$c] = $iso;
        $cdate[$c] = $date;
    }
}
$st = null;
unset($comp, $cdate);
$t1 = hrtime(true);

// 3. RFM, method quantile.
$ref = (new DateTimeImmutable(RB_REFERENCE . ' UTC'))->getTimestamp();
$R = $F = $M = [];
foreach ($orders as $c => $n) {
    if ($n > 0) {
        $d = $ref - gmmktime((int) substr($last[$c], 11, 2), (int) substr($last[$c], 14, 2), (int) substr($last[$c], 17, 2),
            (int) substr($last[$c], 5, 2), (int) substr($last[$c], 8, 2), (int) substr($last[$c], 0, 4));
        $R[$c] = intdiv($d, 86400) - ($d < 0 && $d % 86400 !== 0 ? 1 : 0);
        $F[$c] = $n;
        $M[$c] = $mon[$c];
    }
}

/** numpy.quantile(values, i × (1/5)), linear, i = 1..4. */
function thresholds(array $v): array
{
    sort($v);
    $n = count($v);
    $t = [];
    for ($i = 1; $i < 5; $i++) {
        $h = ($n - 1) * ($i * (1.0 / 5));
        if ($h >= $n - 1) {
            $t[] = (float) $v[$n - 1];
            continue;
        }
        $j = (int) floor($h);
        $g = $h - $j;
        $dd = $v[$j + 1] - $v[$j];
        $t[] = $g < 0.5 ? $v[$j] + $dd * $g : $v[$j + 1] - $dd * (1 - $g);
    }
    return $t;
}

$tr = thresholds(array_values($R));
$tf = thresholds(array_values($F));
$tm = thresholds(array_values($M));
$above = static function (float|int $v, array $t): int {
    return ($v > $t[0]) + ($v > $t[1]) + ($v > $t[2]) + ($v > $t[3]);
};
const RF11 = [
    5 => [1 => 'New Customers', 2 => 'Potential Loyalists', 3 => 'Potential Loyalists', 4 => 'Champions', 5 => 'Champions'],
    4 => [1 => 'Promising', 2 => 'Potential Loyalists', 3 => 'Potential Loyalists', 4 => 'Loyal Customers', 5 => 'Loyal Customers'],
    3 => [1 => 'About To Sleep', 2 => 'About To Sleep', 3 => 'Need Attention', 4 => 'Loyal Customers', 5 => 'Loyal Customers'],
    2 => [1 => 'Hibernating', 2 => 'Hibernating', 3 => 'At Risk', 4 => 'At Risk', 5 => "Can't Lose Them"],
    1 => [1 => 'Lost', 2 => 'Lost', 3 => 'At Risk', 4 => 'At Risk', 5 => "Can't Lose Them"],
];
$rfm = [];
foreach ($R as $c => $r) {
    $rs = 5 - $above($r, $tr);
    $fs = 1 + $above($F[$c], $tf);
    $ms = 1 + $above($M[$c], $tm);
    $rfm[$c] = [$rs, $fs, $ms, RF11[$rs][$fs]];
}
$t2 = hrtime(true);

// 4. k-means.
$ids = array_keys($R);
$n = count($ids);
$raw = [array_values($R), [], []];
$x = [[], [], []];
foreach ($ids as $i => $c) {
    $raw[1][$i] = $F[$c];
    $raw[2][$i] = $M[$c];
}
if ($kmeansMode === 'exact') {
    // The extension's own algorithm, ported (kmeans_exact.php): the same clusters for every customer.
    $center = $scale = $x = [];
    for ($f = 0; $f < 3; $f++) {
        $col = $f === 0 ? array_map('floatval', $raw[0]) : array_map('log1p', $raw[$f]);
        [$center[$f], $scale[$f]] = km_zscore($col);
        foreach ($col as $i => $v) {
            $x[$f][$i] = ($v - $center[$f]) / $scale[$f];
        }
    }
    [$centroids, $labels, $inertia, $iterations] = km_exact($x[0], $x[1], $x[2], RB_K, RB_N_INIT, RB_MAX_ITER, RB_TOL, 0);
    unset($x, $col);
} else {
    $center = $scale = [];
    for ($f = 0; $f < 3; $f++) {
        $col = $f === 0 ? $raw[0] : array_map('log1p', $raw[$f]);
        $mean = array_sum($col) / $n;
        $var = 0.0;
        foreach ($col as $v) {
            $var += ($v - $mean) ** 2;
        }
        $sd = sqrt($var / $n);
        $sd = $sd > 0 ? $sd : 1.0;
        $center[$f] = $mean;
        $scale[$f] = $sd;
        foreach ($col as $i => $v) {
            $x[$f][$i] = ($v - $mean) / $sd;
        }
    }
    [$x0, $x1, $x2] = $x;
    unset($x);
    // mean variance of the scaled features, for the relative tolerance
    $mv = 0.0;
    foreach ([$x0, $x1, $x2] as $col) {
        $mean = array_sum($col) / $n;
        $s = 0.0;
        foreach ($col as $v) {
            $s += ($v - $mean) ** 2;
        }
        $mv += $s / $n / 3;
    }
    $tolAbs = RB_TOL * $mv;

    /** Nearest centre of every point; returns [inertia, changed]. */
    function km_assign(array $x0, array $x1, array $x2, array $c, array &$labels): array
    {
        $k = count($c);
        $inertia = 0.0;
        $changed = 0;
        foreach ($x0 as $i => $a) {
            $b = $x1[$i];
            $e = $x2[$i];
            $best = INF;
            $bj = 0;
            for ($j = 0; $j < $k; $j++) {
                [$p, $q, $r] = $c[$j];
                $s = ($a - $p) * ($a - $p) + ($b - $q) * ($b - $q) + ($e - $r) * ($e - $r);
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

    function km_seed(array $x0, array $x1, array $x2, int $k): array
    {
        $n = count($x0);
        $i = mt_rand(0, $n - 1);
        $c = [[$x0[$i], $x1[$i], $x2[$i]]];
        $dist = [];
        $total = 0.0;
        [$p, $q, $r] = $c[0];
        foreach ($x0 as $i => $a) {
            $s = ($a - $p) ** 2 + ($x1[$i] - $q) ** 2 + ($x2[$i] - $r) ** 2;
            $dist[$i] = $s;
            $total += $s;
        }
        for ($j = 1; $j < $k; $j++) {
            $u = mt_rand() / (mt_getrandmax() + 1) * $total;
            $acc = 0.0;
            $pick = $n - 1;
            foreach ($dist as $i => $s) {
                $acc += $s;
                if ($acc > $u) {
                    $pick = $i;
                    break;
                }
            }
            $c[] = [$p, $q, $r] = [$x0[$pick], $x1[$pick], $x2[$pick]];
            $total = 0.0;
            foreach ($x0 as $i => $a) {
                $s = ($a - $p) ** 2 + ($x1[$i] - $q) ** 2 + ($x2[$i] - $r) ** 2;
                if ($s < $dist[$i]) {
                    $dist[$i] = $s;
                }
                $total += $dist[$i];
            }
        }
        return $c;
    }

    $best = null;
    $iterations = 0;
    for ($run = 0; $run < RB_N_INIT; $run++) {
        mt_srand($run);
        $c = km_seed($x0, $x1, $x2, RB_K);
        $labels = array_fill(0, $n, -1);
        for ($it = 0; $it < RB_MAX_ITER; $it++) {
            [, $changed] = km_assign($x0, $x1, $x2, $c, $labels);
            $iterations++;
            if ($changed === 0 && $it > 0) {
                break;
            }
            $sum = array_fill(0, RB_K, [0.0, 0.0, 0.0]);
            $cnt = array_fill(0, RB_K, 0);
            foreach ($labels as $i => $l) {
                $sum[$l][0] += $x0[$i];
                $sum[$l][1] += $x1[$i];
                $sum[$l][2] += $x2[$i];
                $cnt[$l]++;
            }
            $shift = 0.0;
            for ($j = 0; $j < RB_K; $j++) {
                if ($cnt[$j] > 0) {   // an empty cluster keeps its centre
                    $nc = [$sum[$j][0] / $cnt[$j], $sum[$j][1] / $cnt[$j], $sum[$j][2] / $cnt[$j]];
                    $shift += ($nc[0] - $c[$j][0]) ** 2 + ($nc[1] - $c[$j][1]) ** 2 + ($nc[2] - $c[$j][2]) ** 2;
                    $c[$j] = $nc;
                }
            }
            if ($shift <= $tolAbs) {
                break;
            }
        }
        [$inertia] = km_assign($x0, $x1, $x2, $c, $labels);
        if ($best === null || $inertia < $best[0]) {
            $best = [$inertia, $c, $labels];
        }
    }
    [$inertia, $centroids, $labels] = $best;
    unset($best, $x0, $x1, $x2);
}

// Names (docs/kmeans.md 7): centroid in original units, its percentile among the customers.
$words = [['recency', 'recent', 'lapsed'], ['frequency', null, null], ['monetary', null, null]];
$names = [];
foreach ($centroids as $j => $cj) {
    $pct = [];
    for ($f = 0; $f < 3; $f++) {
        $t = $cj[$f] * $scale[$f] + $center[$f];
        $v = $f === 0 ? $t : expm1($t);
        $below = $equal = 0;
        foreach ($raw[$f] as $rv) {
            if ($rv < $v) {
                $below++;
            } elseif ($rv == $v) {
                $equal++;
            }
        }
        $pct[$f] = (2.0 * $below + $equal) * 50.0 / $n;
    }
    $rank = [];
    foreach ($pct as $f => $p) {
        if ($p < 30.0 || $p > 70.0) {
            $rank[] = [$f, abs($p - 50.0)];
        }
    }
    usort($rank, static fn($a, $b) => $b[1] <=> $a[1] ?: $a[0] <=> $b[0]);
    $parts = [];
    foreach (array_slice($rank, 0, 2) as [$f, ]) {
        $p = $pct[$f];
        $very = $p < 10.0 || $p > 90.0 ? 'very ' : '';
        $word = $p < 30.0 ? $words[$f][1] : $words[$f][2];
        $parts[] = ucwords($very . ($word ?? ($p < 30.0 ? 'low ' : 'high ') . $words[$f][0]), ' ');
    }
    $name = $parts ? implode(', ', $parts) : 'Average';
    $same = 0;
    foreach ($names as $prev) {
        $same += $prev === $name;
    }
    if ($same) {
        for ($num = $same + 1; in_array("$name $num", $names, true); $num++);
        $name = "$name $num";
    }
    $names[$j] = $name;
}
$t3 = hrtime(true);

// 5. Rules (cli/default-rules.json as closures, priority order), 6. write.
$rules = [
    'champions' => static fn($r) => $r !== null && $r[0] >= 4 && $r[1] >= 4 && $r[2] >= 4,
    'loyal' => static fn($r) => $r !== null && ($r[3] === 'Champions' || $r[3] === 'Loyal Customers'),
    'cant_lose' => static fn($r) => $r !== null && $r[3] === "Can't Lose Them",
    'at_risk' => static fn($r) => $r !== null && $r[3] === 'At Risk',
    'big_spenders' => static fn($r, $cn) => $r !== null && $r[2] >= 4 && $cn !== null && str_contains($cn, 'High Monetary'),
    'promising' => static fn($r) => $r !== null && in_array($r[3], ['New Customers', 'Promising', 'Potential Loyalists'], true),
    'need_attention' => static fn($r) => $r !== null && ($r[3] === 'Need Attention' || $r[3] === 'About To Sleep'),
    'hibernating' => static fn($r) => $r !== null && $r[3] === 'Hibernating',
    'lost' => static fn($r) => $r !== null && $r[3] === 'Lost',
    'no_orders' => static fn($r, $cn, $orders) => $orders < 1,
];
$pos = array_flip($ids);
$w = new RbWriter($pdo, $table, 'plain-' . substr(sha1(serialize([$tr, $tf, $tm, $centroids])), 0, 12));
$sizes = [];
$count = 0;
foreach ($orders as $c => $no) {
    $r = $rfm[$c] ?? null;
    $i = $pos[$c] ?? null;
    $cl = $i === null ? null : $labels[$i];
    $cn = $cl === null ? null : $names[$cl];
    $segs = [];
    foreach ($rules as $code => $rule) {
        if ($rule($r, $cn, $no)) {
            $segs[] = $code;
        }
    }
    $w->add($c, $segs, $no, $mon[$c], $R[$c] ?? null, $r[0] ?? null, $r[1] ?? null, $r[2] ?? null, $r[3] ?? null, $cl, $cn);
    $s = $segs[0] ?? '(none)';
    $sizes[$s] = ($sizes[$s] ?? 0) + 1;
    $count++;
}
$w->finish();
$t4 = hrtime(true);
ksort($sizes);
echo json_encode([
    'method' => 'plain', 'customers' => $count, 'lines' => $lines, 'lines_without_customer' => $noCustomer,
    'cancelled_lines' => $cancelledLines, 'sizes' => $sizes, 'clusters' => array_values($names), 'inertia' => $inertia,
    'kmeans' => $kmeansMode, 'kmeans_iterations' => $iterations,
    'read_s' => ($t1 - $t0) / 1e9, 'rfm_s' => ($t2 - $t1) / 1e9, 'kmeans_s' => ($t3 - $t2) / 1e9,
    'assign_write_s' => ($t4 - $t3) / 1e9, 'total_s' => ($t4 - $t0) / 1e9, 'peak_kb' => rb_peak_kb(),
], JSON_UNESCAPED_SLASHES), "\n";
