<?php

/**
 * The extension on one data file of the k-means benchmark:
 *
 *   php -d extension=modules/segment.so bench/kmeans/ext.php DATA.f64 --d=D --k=K [--n-init=3]
 *       [--max-iter=100] [--tol=1e-4] [--seed=0] [--threads=1] [--algorithm=auto]
 *       [--init=INIT.f64] [--centroids=OUT.json]
 *   php -d extension=modules/segment.so bench/kmeans/ext.php DATA.f64 --d=D --serve
 *
 * Builds the rows (a list of lists of floats, as a PHP caller has them) before
 * timing, then times only Segment\KMeans::fit($rows, $k, ['scale' => 'none',
 * 'n_init', 'max_iter', 'tol', 'seed', 'threads', 'algorithm'(, 'init')])
 * with hrtime(). Prints one JSON line: fit_s, inertia, n_iter (iterations()
 * of the best restart), rss_loaded_kb (VmRSS before the fit), peak_rss_kb
 * (VmHWM after it, reset before the fit: the peak of the fit, rows included).
 *
 * --serve keeps the rows and answers fits requested on stdin, one JSON object
 * per line ({"k", "algorithm", "threads", "n_init", "max_iter", "tol",
 * "seed", "init": null|path, "centroids": null|path}), one JSON line each
 * (bench.php's worker).
 */

declare(strict_types=1);

ini_set('memory_limit', '-1');
require __DIR__ . '/common.php';

/** One fit; $p as a --serve request. */
function ext_fit(array $rows, int $d, array $p): array
{
    $k = (int) $p['k'];
    $opts = ['scale' => 'none', 'n_init' => (int) ($p['n_init'] ?? 3), 'max_iter' => (int) ($p['max_iter'] ?? 100),
             'tol' => (float) ($p['tol'] ?? 1e-4), 'seed' => (int) ($p['seed'] ?? 0),
             'threads' => (int) ($p['threads'] ?? 1), 'algorithm' => (string) ($p['algorithm'] ?? 'auto')];
    if (!empty($p['init'])) {
        $opts['init'] = kmb_rows($p['init'], $d);
        $opts['n_init'] = 1;
    }
    gc_collect_cycles();
    $rssLoaded = kmb_status_kb('VmRSS');
    $reset = kmb_reset_peak();

    $t0 = hrtime(true);
    $model = Segment\KMeans::fit($rows, $k, $opts);
    $fit = (hrtime(true) - $t0) / 1e9;

    $out = ['method' => 'extension', 'algorithm' => $opts['algorithm'], 'threads' => $opts['threads'],
            'n' => count($rows), 'd' => $d, 'k' => $k, 'n_init' => $opts['n_init'], 'max_iter' => $opts['max_iter'],
            'tol' => $opts['tol'], 'fit_s' => $fit, 'inertia' => $model->inertia(), 'n_iter' => $model->iterations(),
            'rss_loaded_kb' => $rssLoaded, 'peak_reset' => $reset];
    return [$out, array_map(static fn(array $c): array => array_values($c), $model->centroids())];
}

$a = kmb_args($argv);
if (!class_exists('Segment\KMeans')) {
    fwrite(STDERR, "Segment\\KMeans not found: load the extension (-d extension=modules/segment.so)\n");
    exit(2);
}
$rows = kmb_rows($a['data'], $a['d']);

if (!$a['serve']) {
    [$out, $centroids] = ext_fit($rows, $a['d'], ['k' => $a['k'], 'n_init' => $a['n_init'],
        'max_iter' => $a['max_iter'], 'tol' => $a['tol'], 'seed' => $a['seed'], 'threads' => $a['threads'],
        'algorithm' => $a['algorithm'], 'init' => $a['init']]);
    kmb_finish($a['centroids'], $out, $centroids);
    exit(0);
}

echo json_encode(['ready' => true, 'n' => count($rows), 'd' => $a['d'], 'php' => PHP_VERSION,
    'extension' => phpversion('segment'), 'rss_loaded_kb' => kmb_status_kb('VmRSS')]), "\n";
while (($line = fgets(STDIN)) !== false) {
    $p = json_decode(trim($line), true);
    if (!is_array($p)) {
        continue;
    }
    try {
        [$out, $centroids] = ext_fit($rows, $a['d'], $p);
        kmb_finish($p['centroids'] ?? null, $out, $centroids);
    } catch (Throwable $e) {
        echo json_encode(['error' => get_class($e) . ': ' . $e->getMessage()]), "\n";
    }
    unset($out, $centroids);
}
