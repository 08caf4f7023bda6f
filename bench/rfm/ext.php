<?php

/**
 * RFM with the segment extension: Segment\Profiles::fromCsv(), then
 * Segment\Rfm::fit(['method' => 'pandas']) and ->scores() (R, F, M and the
 * three segment names of every scored customer, as a PHP array).
 *
 *   php -d extension=modules/segment.so bench/rfm/ext.php FILE.csv --data=gen|uci
 *       [--stage=profiles|fit|scores] [--out=DUMP.csv]
 *
 * --stage stops early (to see what each step costs in memory): "profiles"
 * after fromCsv(), "fit" after Rfm::fit(); "scores" (default) is the whole job.
 * Prints one JSON line: counts, stage times, Profiles->stats()['memory_bytes'].
 */

declare(strict_types=1);

ini_set('memory_limit', '-1');
date_default_timezone_set('UTC');

require __DIR__ . '/common.php';

$stage = 'scores';
$args = [];
foreach ($argv as $i => $a) {
    if (preg_match('/^--stage=(profiles|fit|scores)$/', $a, $m)) {
        $stage = $m[1];
    } else {
        $args[] = $a;
    }
}
[$path, $data, $out] = rfm_bench_args($args);
if (!extension_loaded('segment')) {
    fwrite(STDERR, "the segment extension is not loaded\n");
    exit(2);
}
$cfg = rfm_bench_dataset($data);

$t0 = hrtime(true);
$profiles = Segment\Profiles::fromCsv($path, $cfg + ['returns' => 'exclude']);
$t1 = hrtime(true);
$stats = $profiles->stats();
$result = [
    'method' => 'extension',
    'stage' => $stage,
    'lines' => $stats['lines'],
    'lines_without_customer' => $stats['lines_without_customer'],
    'customers' => $stats['customers'],
    'memory_bytes' => $stats['memory_bytes'],
    'read_s' => ($t1 - $t0) / 1e9,
];
if ($stage !== 'profiles') {
    $rfm = Segment\Rfm::fit($profiles, ['method' => 'pandas', 'bins' => 5, 'reference' => $cfg['reference']]);
    $t2 = hrtime(true);
    $result['fit_s'] = ($t2 - $t1) / 1e9;
    if ($stage === 'scores') {
        $scores = $rfm->scores();
        $t3 = hrtime(true);
        $result['scores_s'] = ($t3 - $t2) / 1e9;
        // Not a foreach: each $s copied out of $scores would become a GC root and
        // the cycle collector would scan the 1M score arrays again and again
        // (about 2 s for 1M customers), a cost of this harness, not of the method.
        $segments = array_count_values(array_column($scores, 'segment'));
        ksort($segments);
        $result['scored'] = count($scores);
        $result['segments'] = $segments;
        if ($out !== null) {
            $w = fopen($out, 'wb');
            fwrite($w, RFM_BENCH_DUMP_HEADER . "\n");
            foreach ($scores as $id => $s) {
                $p = $profiles->get((string) $id);
                rfm_bench_dump_row($w, (string) $id, $p['recency'], $p['orders'], $p['monetary'], $s);
            }
            fclose($w);
        }
    }
}
$result['peak_php_bytes'] = memory_get_peak_usage(true);
echo json_encode($result), "\n";
