<?php

/**
 * Writes the k-means benchmark's section of bench/RESULTS.md from bench.php's
 * JSON.
 *
 * Usage: php bench/kmeans/report.php RESULTS.md RESULTS.json [--root=DIR]
 *            [--alias=PATH=NAME ...] [--gen-cmd=CMD] [--run-cmd=CMD] [--lloyd-cmd=CMD] [--ext-build=TEXT]
 * Replaces the text between <!-- kmeans:begin --> and <!-- kmeans:end -->
 * (appends the section when missing); the rest of the file is left as it
 * is. --root is shown as $(pwd) in commands. Also prints the section.
 */

declare(strict_types=1);

require_once __DIR__ . '/../results.php';

require __DIR__ . '/quality.php';

const BEGIN = '<!-- kmeans:begin -->';
const END = '<!-- kmeans:end -->';
const TARGET_VS_PLAIN = 100.0;     // at least 100x faster than pure PHP
const INERTIA_TOLERANCE = 0.001;   // "no worse": at most 0.1 % above scikit-learn's (the issue's quality rule)

[$resultsPath, $R, $opt, , $show] = bench_report_args($argv,
    'php report.php RESULTS.md RESULTS.json [--root=DIR] [--alias=PATH=NAME] [--gen-cmd=CMD] [--run-cmd=CMD] [--lloyd-cmd=CMD] [--ext-build=TEXT]',
    ['root' => null, 'gen-cmd' => null, 'run-cmd' => null, 'lloyd-cmd' => null, 'ext-build' => null]);
$f = static fn(?float $x, int $dec = 2): string => $x === null ? '–' : number_format($x, $dec, '.', ',');
/** Seconds with 3 significant digits at least 0.001. */
$sec = static function (?float $x): string {
    if ($x === null) {
        return '–';
    }
    return $x >= 100 ? number_format($x, 0, '.', ',') : ($x >= 10 ? number_format($x, 1) : ($x >= 1 ? number_format($x, 2) : number_format($x, 3)));
};
$ratio = static fn(?float $x): string => $x === null ? '–' : ($x >= 100 ? number_format($x, 0, '.', ',') : number_format($x, $x >= 10 ? 1 : 2)) . 'x';
$verdict = static fn(?bool $ok, string $shown): string
    => $ok === null ? "n/a ($shown)" : ($ok ? "met ($shown)" : "**NOT met** ($shown)");

function med(array $xs): ?float
{
    $xs = array_values(array_filter($xs, static fn($x): bool => is_int($x) || is_float($x)));
    if (!$xs) {
        return null;
    }
    sort($xs);
    $k = count($xs);
    return $k % 2 ? (float) $xs[intdiv($k, 2)] : ($xs[$k / 2 - 1] + $xs[$k / 2]) / 2;
}

$P = $R['params'];
$V = $R['versions'];
$cfgs = $R['configs'];
$hasExt = false;
foreach ($cfgs as $c) {
    if (!empty($c['methods']['extension/1']['fit_s']) || !empty($c['methods']['extension/2']['fit_s'])) {
        $hasExt = true;
    }
}
$cfgName = static fn(array $c): string => sprintf('%s × %d, k %d', $c['n'] >= 1000000 ? ($c['n'] / 1000000) . 'M' : ($c['n'] / 1000) . 'k', $c['d'], $c['k']);
$fitMed = static fn(array $c, string $id, string $part = 'methods'): ?float => med($c[$part][$id]['fit_s'] ?? []);
/** Median over rounds of b/a where both ran in the same round (same index). */
$sameRun = static function (array $c, string $a, string $b): ?float {
    $x = $c['methods'][$a]['fit_s'] ?? [];
    $y = $c['methods'][$b]['fit_s'] ?? [];
    $r = [];
    for ($i = 0; $i < min(count($x), count($y)); $i++) {
        if ($x[$i] > 0) {
            $r[] = $y[$i] / $x[$i];
        }
    }
    return med($r);
};
$inert = static fn(array $c, string $id, string $part = 'methods'): ?float => isset($c[$part][$id]['inertia_check'])
    ? (float) $c[$part][$id]['inertia_check'] : null;

$plainRan = [];
foreach ($cfgs as $c) {
    if (!empty($c['methods']['plain-php/1']['fit_s']) || !empty($c['methods']['plain-php-jit/1']['fit_s'])) {
        $plainRan[] = $cfgName($c);
    }
}

$md = [];
$md[] = BEGIN;
$md[] = '## k-means: fit time against scikit-learn, pure PHP and a plain C loop (`bench/kmeans`)';
$md[] = '';
if (!$hasExt) {
    $md[] = '**The extension did not run (no `Segment\\KMeans`): its columns are empty and its targets are n/a.**';
    $md[] = '';
}
if (!empty($R['partial'])) {
    $md[] = '**Partial results: the run was interrupted.**';
    $md[] = '';
}
$md[] = '- Date: ' . $R['date'] . ' UTC';
$md[] = '- Machine: `' . trim($R['uname']) . '`; CPU: ' . $R['cpu_model'] . ', nproc ' . $R['nproc']
    . '; load average (1, 5, 15 min) before / after: ' . $R['loadavg_before'] . ' / ' . ($R['loadavg_after'] ?? '?')
    . '. The machine was shared with other work while this ran: see the load column of the first table.';
$md[] = '- PHP ' . $V['php'] . ' CLI, segment extension ' . ($V['extension'] ?: '**not loaded**')
    . '; Python ' . ($V['python'] ?? '?') . ', scikit-learn ' . ($V['sklearn'] ?? '?') . ', numpy ' . ($V['numpy'] ?? '?')
    . ', scipy ' . ($V['scipy'] ?? '?') . ', threadpoolctl ' . ($V['threadpoolctl'] ?? '?')
    . ' (Debian packages); BLAS: `' . ($V['blas'] ?: '?') . '` (Debian\'s default, the reference netlib BLAS, which '
    . 'scikit-learn\'s lloyd uses for its distance blocks; elkan does not use BLAS); gcc ' . $V['gcc'] . '.';
if ($opt['ext-build']) {
    $md[] = '- Extension build: ' . $show($opt['ext-build']);
}
foreach ($V['threadpools_openblas'] ?? [] as $pool) {
    if (($pool['internal_api'] ?? '') === 'openblas') {
        $md[] = '- "sklearn lloyd + OpenBLAS": the same scikit-learn with OpenBLAS ' . ($pool['version'] ?? '?')
            . ' (' . ($pool['threading_layer'] ?? '?') . ' threading, `' . ($pool['filepath'] ?? '?') . '`, Debian\'s '
            . '`libopenblas0-pthread` unpacked, not installed) through `LD_LIBRARY_PATH`, for comparison with the BLAS '
            . 'a pip install of scikit-learn brings.';
        break;
    }
}
$md[] = sprintf('- Every fit: k-means++ (each library its own), `n_init` %d, `max_iter` %d, `tol` %s (scikit-learn\'s '
    . 'relative rule), seed %d, no scaling (`\'scale\' => \'none\'`). Each method times only its fit, inside its own '
    . 'process (`hrtime` / `perf_counter` / `clock_gettime`), after the data are loaded (PHP: built as a list of rows '
    . 'of floats; the extension\'s fit time includes copying them into its own buffer). %d round%s, every method once '
    . 'per round, the order rotated every round; tables give medians. %s',
    $P['n_init'], $P['max_iter'], (string) $P['tol'], $P['seed'], $P['rounds'], $P['rounds'] === 1 ? '' : 's',
    $plainRan ? sprintf('Pure PHP: %d round%s, only on %s (nothing extrapolated to the others).', $P['plain_rounds'],
        $P['plain_rounds'] === 1 ? '' : 's', implode(', ', $plainRan)) : 'Pure PHP: not run.');
$md[] = '- Data: Gaussian blobs from `bench/kmeans/generate.py` (numpy PCG64, seed 20240615, 10 blobs of unequal '
    . 'size and spread that overlap, one stretched axis each), n × d little-endian doubles in `$KMEANS_BENCH_DIR`, '
    . 'the same file for every method and every k.';
$md[] = '';
$md[] = 'Commands:';
$md[] = '';
$md[] = '```sh';
if ($opt['run-cmd']) {
    $md[] = '# all of it';
    $md[] = $show($opt['run-cmd']);
}
if ($opt['gen-cmd']) {
    $md[] = '# the data (made once, reused while they exist)';
    $md[] = $show($opt['gen-cmd']);
}
if ($opt['lloyd-cmd']) {
    $md[] = '# the C loop';
    $md[] = $show($opt['lloyd-cmd']);
}
$md[] = '# workers, one per data file: each fit is one request on stdin (see bench/kmeans/README.md);';
$md[] = '# the same fit as one process: ext.php / sk.py DATA.f64 --d=D --k=K --threads=T ... (without --serve)';
foreach (['extension worker', 'sklearn worker'] as $w) {
    if (isset($R['commands'][$w])) {
        $md[] = $show($R['commands'][$w]);
    }
}
foreach (['c-lloyd', 'c-lloyd fixed-init', 'plain-php/1', 'plain-php-jit/1'] as $w) {
    if (isset($R['commands'][$w])) {
        $md[] = $show($R['commands'][$w]) . '   # one of them';
    }
}
$md[] = '```';
$md[] = '';

// 1. Fit times.
$cols = ['extension/1' => 'extension, 1 thread', 'extension/2' => 'extension, 2 threads',
         'sklearn-lloyd/1' => 'sklearn lloyd, 1', 'sklearn-lloyd/2' => 'sklearn lloyd, 2',
         'sklearn-elkan/1' => 'sklearn elkan, 1', 'sklearn-elkan/2' => 'sklearn elkan, 2',
         'sklearn-lloyd-openblas/1' => 'sklearn lloyd + OpenBLAS, 1', 'sklearn-lloyd-openblas/2' => 'sklearn lloyd + OpenBLAS, 2',
         'c-lloyd/1' => 'C Lloyd loop', 'plain-php/1' => 'pure PHP', 'plain-php-jit/1' => 'pure PHP + JIT'];
// columns of methods that ran somewhere (the extension's always, so its absence shows)
$ranAnywhere = static function (string $id) use ($cfgs): bool {
    foreach ($cfgs as $c) {
        if (isset($c['methods'][$id])) {
            return true;
        }
    }
    return str_starts_with($id, 'extension');
};
$cols = array_filter($cols, $ranAnywhere, ARRAY_FILTER_USE_KEY);
$md[] = '### Fit time, seconds (median of the rounds)';
$md[] = '';
$md[] = '| n × d, k | ' . implode(' | ', $cols) . ' | load avg at start |';
$md[] = '|---|' . str_repeat('---:|', count($cols)) . '---:|';
foreach ($cfgs as $c) {
    $row = [];
    foreach ($cols as $id => $t) {
        $m = $c['methods'][$id] ?? null;
        $row[] = !$m ? '–' : (!empty($m['errors']) && empty($m['fit_s']) ? '**failed**' : $sec($fitMed($c, $id)));
    }
    $md[] = '| ' . $cfgName($c) . ' | ' . implode(' | ', $row) . ' | ' . explode(' ', $c['loadavg_start'])[0] . ' |';
}
$md[] = '';
// Two threads on a machine whose other core is taken measure contention, not speed-up: say so.
$loads = array_map(static fn(array $c): float => (float) explode(' ', $c['loadavg_start'])[0], $cfgs);
$nproc = max(1, (int) $R['nproc']);
if ($cfgs && max($loads) > $nproc - 1) {
    $e12 = [];
    $s21 = [];
    foreach ($cfgs as $c) {
        $x = $sameRun($c, 'extension/2', 'extension/1');
        if ($x !== null) {
            $e12[] = $x;
        }
        $y = $sameRun($c, 'sklearn-lloyd/1', 'sklearn-lloyd/2');
        if ($y !== null) {
            $s21[] = $y;
        }
    }
    $md[] = sprintf('**Two threads:** the load average was above %d (nproc − 1) at the start of %d of %d configurations '
        . '(up to %s): other processes held about one of the %d cores, so the two-thread columns measure contention '
        . 'rather than parallel speed-up%s%s. Compare two-thread figures only with each other, and rerun on an idle machine '
        . 'before drawing conclusions from them.',
        $nproc - 1, count(array_filter($loads, static fn(float $l): bool => $l > $nproc - 1)), count($cfgs),
        $f(max($loads)), $nproc,
        $e12 ? '; the extension\'s 1-thread / 2-thread time ratio was ' . $f(min($e12)) . '–' . $f(max($e12)) : '',
        $s21 ? ', scikit-learn lloyd\'s 2-thread / 1-thread ratio ' . $f(min($s21)) . '–' . $f(max($s21))
            . ' (OpenMP threads waiting for a descheduled partner)' : '');
    $md[] = '';
}

// 2. Same-run ratios.
$md[] = '### Same-run ratios: other method\'s fit time / the extension\'s (median over rounds of the per-round ratio; > 1: the extension is faster)';
$md[] = '';
$pairs = [['sklearn-lloyd/1', 'extension/1', 'sklearn lloyd / ext, 1 thread'],
          ['sklearn-elkan/1', 'extension/1', 'sklearn elkan / ext, 1 thread'],
          ['sklearn-lloyd/2', 'extension/2', 'sklearn lloyd / ext, 2 threads'],
          ['sklearn-elkan/2', 'extension/2', 'sklearn elkan / ext, 2 threads'],
          ['sklearn-lloyd-openblas/1', 'extension/1', 'sklearn lloyd + OpenBLAS / ext, 1 thread'],
          ['sklearn-lloyd-openblas/2', 'extension/2', 'sklearn lloyd + OpenBLAS / ext, 2 threads'],
          ['c-lloyd/1', 'extension/1', 'C loop / ext, 1 thread'],
          ['plain-php/1', 'extension/1', 'pure PHP / ext, 1 thread'],
          ['plain-php-jit/1', 'extension/1', 'pure PHP + JIT / ext, 1 thread'],
          ['plain-php/1', 'extension/2', 'pure PHP / ext, 2 threads'],
          ['extension/1', 'extension/2', 'ext 1 thread / ext 2 threads']];
$pairs = array_values(array_filter($pairs, static fn(array $p): bool => $ranAnywhere($p[0])));
$md[] = '| n × d, k | ' . implode(' | ', array_column($pairs, 2)) . ' |';
$md[] = '|---|' . str_repeat('---:|', count($pairs));
foreach ($cfgs as $c) {
    $md[] = '| ' . $cfgName($c) . ' | ' . implode(' | ', array_map(
        static fn(array $p): string => $ratio($sameRun($c, $p[1], $p[0])), $pairs)) . ' |';
}
$md[] = '';

// 3. Inertia.
$md[] = '### Inertia (recomputed by `check.py` from each method\'s centroids) and iterations of the best restart';
$md[] = '';
$md[] = '| n × d, k | extension, 1 thread | ext / sklearn, 1 thread | ext / sklearn, 2 threads | sklearn lloyd, 1 thread | C Lloyd loop / sklearn | pure PHP / sklearn | iterations: ext 1t, ext 2t, sklearn lloyd 1t, elkan 1t, C loop, pure PHP |';
$md[] = '|---|---:|---:|---:|---:|---:|---:|---|';
$irat = static fn(?float $a, ?float $b): string => $a === null || $b === null || $b == 0.0 ? '–' : number_format($a / $b, 5);
foreach ($cfgs as $c) {
    $it = static fn(string $id): string => isset($c['methods'][$id]['n_iter'][0]) ? (string) $c['methods'][$id]['n_iter'][0] : '–';
    $md[] = '| ' . $cfgName($c) . ' | ' . implode(' | ', [
        $f($inert($c, 'extension/1'), 1),
        $irat($inert($c, 'extension/1'), $inert($c, 'sklearn-lloyd/1')),
        $irat($inert($c, 'extension/2'), $inert($c, 'sklearn-lloyd/2')),
        $f($inert($c, 'sklearn-lloyd/1'), 1),
        $irat($inert($c, 'c-lloyd/1'), $inert($c, 'sklearn-lloyd/1')),
        $irat($inert($c, 'plain-php/1') ?? $inert($c, 'plain-php-jit/1'), $inert($c, 'sklearn-lloyd/1')),
        implode(', ', array_map($it, ['extension/1', 'extension/2', 'sklearn-lloyd/1', 'sklearn-elkan/1', 'c-lloyd/1', 'plain-php/1'])),
    ]) . ' |';
}
$md[] = '';
$notes = [];
foreach ($cfgs as $c) {
    $sl = $inert($c, 'sklearn-lloyd/1');
    $se = $inert($c, 'sklearn-elkan/1');
    if ($sl !== null && $se !== null && abs($sl - $se) > 1e-9 * $sl) {
        $notes[] = $cfgName($c) . ': sklearn elkan ' . $f($se, 1);
    }
    $e1 = $inert($c, 'extension/1');
    $e2 = $inert($c, 'extension/2');
    if ($e1 !== null && $e2 !== null && $e1 !== $e2) {
        $notes[] = $cfgName($c) . ': **the extension with 2 threads gave inertia ' . $f($e2, 4) . ', with 1 thread '
            . $f($e1, 4) . '**';
    }
    foreach ($c['methods'] as $id => $m) {
        if (($m['deterministic'] ?? true) === false) {
            $notes[] = $cfgName($c) . ": **$id gave different inertias in different rounds**";
        }
    }
}
$md[] = 'scikit-learn\'s lloyd and elkan give the same result from the same seed, and the extension the same with 1 and 2 threads,'
    . ($notes ? ' except: ' . implode('; ', $notes) : ' on every configuration') . '. Every method gets the same seed '
    . 'in every round; the same seed gave the same inertia in every round unless noted. Ratios use the recomputed '
    . 'inertia (the same code for every method); each method\'s own figure agreed with it to 1e-6 relative'
    . (array_filter($R['failures'] ?? [], static fn(string $s): bool => str_contains($s, 'recomputed')) ? ' **except where listed under failures**' : '') . '.';
$md[] = '';

// 3b. Inertia over restarts (what the inertia target is judged on).
$qual = static function (array $c) use ($P): ?array {
    $b = $c['quality']['best_of'] ?? null;
    if (!$b || !isset($b['extension/1'], $b['sklearn-lloyd/1']) || !($b['sklearn-lloyd/1'] > 0)) {
        return null;
    }
    $iv = $c['quality']['interval'] ?? kmb_ratio_interval($c['quality']['inertia']['extension/1'],
        $c['quality']['inertia']['sklearn-lloyd/1'], (int) $c['quality']['n_init']);
    return ['ratio' => $b['extension/1'] / $b['sklearn-lloyd/1'], 'n' => $c['quality']['restarts'], 'interval' => $iv];
};
$hasQual = false;
foreach ($cfgs as $c) {
    $hasQual = $hasQual || $qual($c) !== null;
}
if ($hasQual) {
    $q0 = null;
    foreach ($cfgs as $c) {
        $q0 ??= $c['quality'] ?? null;
    }
    $md[] = sprintf('### Inertia over %d single restarts per library (what the inertia target is judged on)', $q0['restarts']);
    $md[] = '';
    $md[] = 'One fit per library compares two random local minima: where k does not match the blobs, which one a fit '
        . 'reaches changes with the seed, and the minima of one configuration can differ by a few tenths of a per cent to '
        . 'several per cent. So each library also ran ' . $q0['restarts'] . ' single restarts (`n_init` 1, seeds 0, 1, ...; '
        . '1 thread: the thread count, and elkan for scikit-learn, give the same result from the same seed). A fit with '
        . '`n_init` ' . $q0['n_init'] . ' keeps the best of ' . $q0['n_init'] . ' independent restarts; its expected inertia '
        . 'is estimated from each sample as the mean, over every ' . $q0['n_init'] . '-subset of the restarts, of the '
        . 'subset\'s lowest inertia, with a 95 % bootstrap interval of the ratio (each library\'s restarts resampled '
        . '2,000 times, fixed seed). The target reads "inertia no worse" as: not demonstrably more than 0.1 % worse, '
        . 'i.e. met unless the whole interval lies above 1.001; a point estimate above 1.001 inside such an interval '
        . 'is marked "within sampling error".';
    $md[] = '';
    $md[] = '| n × d, k | expected inertia, `n_init` ' . $q0['n_init'] . ': extension | scikit-learn | ext / sklearn | 95 % interval | single restart, mean: extension | scikit-learn | ext / sklearn | lowest seen: extension | scikit-learn |';
    $md[] = '|---|---:|---:|---:|---|---:|---:|---:|---:|---:|';
    foreach ($cfgs as $c) {
        if ($qual($c) === null) {
            continue;
        }
        $Q = $c['quality'];
        $md[] = '| ' . $cfgName($c) . ' | ' . implode(' | ', [
            $f($Q['best_of']['extension/1'], 1), $f($Q['best_of']['sklearn-lloyd/1'], 1),
            $irat($Q['best_of']['extension/1'], $Q['best_of']['sklearn-lloyd/1']),
            (static fn(array $iv): string => number_format($iv[0], 5) . ' – ' . number_format($iv[1], 5))($qual($c)['interval']),
            $f($Q['mean']['extension/1'], 1), $f($Q['mean']['sklearn-lloyd/1'], 1),
            $irat($Q['mean']['extension/1'], $Q['mean']['sklearn-lloyd/1']),
            $f($Q['min']['extension/1'], 1), $f($Q['min']['sklearn-lloyd/1'], 1),
        ]) . ' |';
    }
    $md[] = '';
}

// 4. Nanoseconds per point per iteration (fixed init).
$hasFixed = false;
foreach ($cfgs as $c) {
    $hasFixed = $hasFixed || !empty($c['fixed']);
}
if ($hasFixed) {
    $md[] = sprintf('### Nanoseconds per point per iteration (fixed initial centroids, `n_init` 1, %d round%s)',
        $P['fixed_rounds'], $P['fixed_rounds'] === 1 ? '' : 's');
    $md[] = '';
    $md[] = 'Every method starts from the same k rows of the data (`init-n…-d…-k….f64`, chosen by generate.py), so Lloyd-exact '
        . 'methods do the same iterations: ns per point per iteration = median fit time / (n × that method\'s iterations). '
        . 'The fit time includes each method\'s fixed costs (checks, the variance for `tol`, the last assignment pass); '
        . 'the C loop\'s iterations alone are in parentheses. The extension\'s `auto` skips distances with bounds '
        . '(Hamerly or Elkan), so it can go below the C loop, which computes all n × k distances every iteration.';
    $md[] = '';
    $fx = ['c-lloyd/1' => 'C Lloyd loop (-O3)', 'extension-lloyd/1' => 'extension lloyd, 1 thread',
           'extension-auto/1' => 'extension auto, 1 thread', 'extension-auto/2' => 'extension auto, 2 threads',
           'sklearn-lloyd/1' => 'sklearn lloyd, 1 thread'];
    $md[] = '| n × d, k | iterations (C loop / ext lloyd / ext auto / sklearn) | ' . implode(' | ', $fx) . ' | ext auto 1t / C loop | inertias agree (max rel. diff) |';
    $md[] = '|---|---|' . str_repeat('---:|', count($fx)) . '---:|---:|';
    foreach ($cfgs as $c) {
        if (empty($c['fixed'])) {
            continue;
        }
        $row = [];
        $ns = [];
        foreach ($fx as $id => $t) {
            $m = $c['fixed'][$id] ?? null;
            $fit = med($m['fit_s'] ?? []);
            $iters = $m['n_iter'][0] ?? null;
            $ns[$id] = $fit !== null && $iters ? $fit * 1e9 / ($c['n'] * $iters) : null;
            $cell = $f($ns[$id], 1);
            if ($id === 'c-lloyd/1' && $m && !empty($m['iter_s']) && $iters) {
                $cell .= ' (' . $f(med($m['iter_s']) * 1e9 / ($c['n'] * $iters), 1) . ')';
            }
            $row[] = $cell;
        }
        $its = implode(' / ', array_map(static fn(string $id): string => (string) ($c['fixed'][$id]['n_iter'][0] ?? '–'),
            ['c-lloyd/1', 'extension-lloyd/1', 'extension-auto/1', 'sklearn-lloyd/1']));
        $vals = array_values(array_filter(array_map(static fn(array $m) => $m['inertia_check'] ?? null, $c['fixed']), 'is_float'));
        $agree = count($vals) > 1 ? (max($vals) - min($vals)) / min($vals) : null;
        $md[] = '| ' . $cfgName($c) . " | $its | " . implode(' | ', $row) . ' | '
            . ($ns['extension-auto/1'] !== null && $ns['c-lloyd/1'] ? $f($ns['extension-auto/1'] / $ns['c-lloyd/1'], 2) : '–')
            . ' | ' . ($agree === null ? '–' : sprintf('%.1e', $agree)) . ' |';
    }
    $md[] = '';
    $grid = [];
    foreach ($cfgs as $c) {
        $m = $c['methods']['c-lloyd/1'] ?? null;
        if ($m && !empty($m['total_iter'][0]) && !empty($m['fit_s'])) {
            $grid[] = $cfgName($c) . ' ' . $f(med($m['fit_s']) * 1e9 / ($c['n'] * $m['total_iter'][0]), 1);
        }
    }
    if ($grid) {
        $md[] = 'The C loop in the k-means++ grid (all restarts\' iterations counted, seeding included), ns per point per iteration: '
            . implode('; ', $grid) . '.';
        $md[] = '';
    }
}

// 5. Memory.
$md[] = '### Peak RSS during the fit, MiB (median; data loaded before the fit in parentheses)';
$md[] = '';
$mcols = ['extension/1' => 'extension, 1 thread', 'extension/2' => 'extension, 2 threads', 'sklearn-lloyd/1' => 'sklearn lloyd, 1',
          'sklearn-elkan/1' => 'sklearn elkan, 1', 'c-lloyd/1' => 'C Lloyd loop', 'plain-php/1' => 'pure PHP'];
$md[] = '| n × d, k | ' . implode(' | ', $mcols) . ' |';
$md[] = '|---|' . str_repeat('---:|', count($mcols));
foreach ($cfgs as $c) {
    $row = [];
    foreach ($mcols as $id => $t) {
        $m = $c['methods'][$id] ?? null;
        $pk = med($m['peak_rss_kb'] ?? []);
        $ld = med($m['rss_loaded_kb'] ?? []);
        $row[] = $pk === null ? '–' : $f($pk / 1024, 0) . ($ld !== null ? ' (' . $f($ld / 1024, 0) . ')' : '');
    }
    $md[] = '| ' . $cfgName($c) . ' | ' . implode(' | ', $row) . ' |';
}
$md[] = '';
$md[] = 'The extension and scikit-learn run in long-lived workers (one per data file) whose peak is reset before each fit '
    . '(`/proc/self/clear_refs`), so the figure is the peak of that fit with the data already in memory; the PHP rows of '
    . 'n × d floats are most of the extension\'s figure. The C loop and pure PHP are one process per fit.';
$md[] = '';

// 6. Targets.
$md[] = '### Targets (issue 4)';
$md[] = '';
$md[] = sprintf('"Faster than scikit-learn at equal threads with inertia no worse": the extension\'s median fit time below '
    . 'the scikit-learn variant\'s at the same thread count (same-run ratio > 1), and its inertia at most %.1f %% above '
    . 'scikit-learn\'s (the issue\'s quality rule for separate k-means++ runs). "≥ %dx faster than pure PHP": judged where '
    . 'pure PHP ran, against the extension with 1 thread; "pure PHP" is the straightforward implementation in `bench/` '
    . 'run as PHP runs by default (Debian\'s PHP ships with the JIT off); the same code with the tracing JIT is shown '
    . 'beside it ("also:"), not counted. The inertia compared is the expected inertia of a fit with '
    . 'the same `n_init` from the restarts above ("expected inertia"); where those did not run, the one draw of seed '
    . '%d, `n_init` %d ("inertia").',
    INERTIA_TOLERANCE * 100, TARGET_VS_PLAIN, $P['seed'], $P['n_init']);
$md[] = '';
$ob = $ranAnywhere('sklearn-lloyd-openblas/1');
$md[] = '| n × d, k | vs sklearn lloyd, 1 thread | vs sklearn elkan, 1 thread | vs sklearn lloyd, 2 threads | vs sklearn elkan, 2 threads | vs pure PHP | also: vs pure PHP + JIT |'
    . ($ob ? ' also: vs sklearn lloyd + OpenBLAS, 1 thread | also: vs sklearn lloyd + OpenBLAS, 2 threads |' : '');
$md[] = '|---|---|---|---|---|---|---|' . ($ob ? '---|---|' : '');
$met = 0;
$missed = [];
$total = 0;
$obMet = 0;
$obTotal = 0;
$obMissed = [];
$jitMet = 0;
$jitTotal = 0;
$jitRatios = [];
foreach ($cfgs as $c) {
    $row = [];
    $sk = static function (string $alg, int $t) use ($c, $sameRun, $inert, $ratio, $irat, $qual): array {
        $x = $sameRun($c, "extension/$t", "sklearn-$alg/$t");
        $qq = $qual($c);
        if ($qq !== null) {
            $ok = $x === null ? null : ($x > 1.0 && $qq['interval'][0] <= 1 + INERTIA_TOLERANCE);
            $note = $qq['ratio'] > 1 + INERTIA_TOLERANCE && $qq['interval'][0] <= 1 + INERTIA_TOLERANCE ? ', within sampling error' : '';
            return [$ok, $ratio($x) . ', expected inertia ' . number_format($qq['ratio'], 5) . $note];
        }
        $ie = $inert($c, "extension/$t");
        $is = $inert($c, "sklearn-$alg/$t");
        $ok = $x === null || $ie === null || $is === null ? null : ($x > 1.0 && $ie <= $is * (1 + INERTIA_TOLERANCE));
        return [$ok, $ratio($x) . ', inertia ' . $irat($ie, $is)];
    };
    foreach ([['lloyd', 1], ['elkan', 1], ['lloyd', 2], ['elkan', 2]] as [$alg, $t]) {
        [$ok, $shown] = $sk($alg, $t);
        $row[] = $verdict($ok, $shown);
        if ($ok !== null) {
            $total++;
            $ok ? $met++ : $missed[] = $cfgName($c) . " vs sklearn $alg, $t thread" . ($t > 1 ? 's' : '') . " ($shown)";
        }
    }
    foreach (['plain-php/1', 'plain-php-jit/1'] as $id) {
        $x = $sameRun($c, 'extension/1', $id);
        $ran = !empty($c['methods'][$id]['fit_s']);
        $ok = $x === null ? null : $x >= TARGET_VS_PLAIN;
        $row[] = !$ran ? 'not run' : $verdict($ok, $ratio($x));
        if ($ok !== null && $id === 'plain-php-jit/1') {
            $jitTotal++;
            $jitMet += $ok ? 1 : 0;
            $jitRatios[] = $x;
        } elseif ($ok !== null) {
            $total++;
            $ok ? $met++ : $missed[] = $cfgName($c) . " vs $id (" . $ratio($x) . ')';
        }
    }
    if ($ob) {
        foreach ([1, 2] as $t) {
            [$ok, $shown] = $sk('lloyd-openblas', $t);
            $row[] = $verdict($ok, $shown);
            if ($ok !== null) {
                $obTotal++;
                $ok ? $obMet++ : $obMissed[] = $cfgName($c) . " vs sklearn lloyd + OpenBLAS, $t thread" . ($t > 1 ? 's' : '') . " ($shown)";
            }
        }
    }
    $md[] = '| ' . $cfgName($c) . ' | ' . implode(' | ', $row) . ' |';
}
$md[] = '';
$md[] = $total === 0 ? 'No target could be judged (the extension did not run).'
    : sprintf('%d of %d comparisons met.', $met, $total) . ($missed ? ' **Not met:** ' . implode('; ', $missed) . '.' : '');
if ($jitTotal > 0) {
    $md[] = '';
    $md[] = sprintf('Also, not counted (the target reads "pure PHP" as PHP runs by default): against the same pure-PHP '
        . 'k-means with opcache\'s tracing JIT, %d of %d at %dx or more; the extension with 1 thread was %s to %s faster.',
        $jitMet, $jitTotal, TARGET_VS_PLAIN, $ratio(min($jitRatios)), $ratio(max($jitRatios)));
}
if ($ob && $obTotal > 0) {
    $md[] = '';
    $md[] = sprintf('Also, not part of the issue\'s target (which names Debian\'s scikit-learn, with its default BLAS): against '
        . 'scikit-learn lloyd with OpenBLAS (`LD_LIBRARY_PATH` to OpenBLAS\'s libblas.so.3, nothing else changed), %d of %d met.',
        $obMet, $obTotal) . ($obMissed ? ' **Not met:** ' . implode('; ', $obMissed) . '.' : '');
}
$md[] = '';
// The inertia verdicts are the report's (the interval rule above); a driver
// of an earlier version flagged point estimates, which are not failures.
$failures = array_values(array_filter($R['failures'] ?? [], static fn(string $f): bool => !preg_match('/: extension (expected|mean) inertia/', $f)));
foreach ($cfgs as $c) {
    $qq = $qual($c);
    if ($qq !== null && $qq['interval'][0] > 1 + INERTIA_TOLERANCE) {
        $failures[] = sprintf('%s: the extension\'s expected inertia is %.3f %% above scikit-learn\'s (95 %% interval of the ratio %.5f .. %.5f)',
            $cfgName($c), ($qq['ratio'] - 1) * 100, $qq['interval'][0], $qq['interval'][1]);
    }
}
if ($failures) {
    $md[] = '**Failures in this run:**';
    $md[] = '';
    foreach ($failures as $fl) {
        $md[] = '- ' . $show(str_replace("\n", ' ', mb_substr($fl, 0, 400)));
    }
    $md[] = '';
}
$md[] = 'Files: `bench/kmeans/generate.py` (data), `ext.php`, `sk.py`, `plain.php`, `lloyd.c` (the methods), `check.py` '
    . '(inertia recomputed), `bench.php` (driver), `report.php` (this section), `run.sh` (all of it); see '
    . '`bench/kmeans/README.md`.';
$md[] = END;
$section = implode("\n", $md);

bench_replace_section($resultsPath, BEGIN, END, $section);
echo $section, "\n";
