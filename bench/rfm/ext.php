<?php

/**
 * RFM with the segment extension: Segment\Profiles::fromCsv(), then
 * Segment\Rfm::fit(['method' => 'pandas']), then every scored customer's R,
 * F, M and three segment names.
 *
 *   php -d extension=modules/segment.so bench/rfm/ext.php FILE.csv --data=gen|uci
 *       [--stage=profiles|fit|iterate|summary|array] [--out=DUMP.csv]
 *
 * --stage says how far to go and how the names are read:
 *   profiles  stop after fromCsv()        (memory of the profiles)
 *   fit       stop after Rfm::fit()       (memory of the fitted model)
 *   iterate   foreach over the Rfm: each customer's array, one at a time,
 *             segment sizes counted in PHP (the default: the whole job)
 *   summary   Rfm::summary() for the three maps (sizes counted natively)
 *   array     Rfm::scores(): one PHP array of every customer's array
 * Prints one JSON line: counts, stage times, Profiles->stats()['memory_bytes'].
 */

declare(strict_types=1);

ini_set('memory_limit', '-1');
date_default_timezone_set('UTC');

require __DIR__ . '/common.php';

$stage = 'iterate';
$args = [];
foreach ($argv as $i => $a) {
    if (preg_match('/^--stage=(profiles|fit|iterate|summary|array)$/', $a, $m)) {
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
    if ($stage !== 'fit') {
        $segments = [];
        $scored = 0;
        $w = $out !== null && $stage === 'iterate' ? fopen($out, 'wb') : null;
        if ($w) {
            fwrite($w, RFM_BENCH_DUMP_HEADER . "\n");
        }
        if ($stage === 'iterate') {
            foreach ($rfm as $id => $s) {
                $seg = $s['segment'];
                $segments[$seg] = ($segments[$seg] ?? 0) + 1;
                $scored++;
                if ($w) {
                    $p = $profiles->get((string) $id);
                    rfm_bench_dump_row($w, (string) $id, $p['recency'], $p['orders'], $p['monetary'], $s);
                }
            }
        } elseif ($stage === 'summary') {
            foreach (['segment', 'groups', 'retention'] as $map) {
                $sum = $rfm->summary($map);
                if ($map === 'segment') {
                    foreach ($sum as $name => $e) {
                        if ($e['customers'] > 0) {
                            $segments[$name] = $e['customers'];
                            $scored += $e['customers'];
                        }
                    }
                }
            }
        } else {
            $scores = $rfm->scores();
            // Not a foreach: each $s copied out of $scores would become a GC root and
            // the cycle collector would scan the 1M score arrays again and again
            // (about 2 s for 1M customers), a cost of this harness, not of the method.
            $segments = array_count_values(array_column($scores, 'segment'));
            $scored = count($scores);
        }
        $t3 = hrtime(true);
        $result['names_s'] = ($t3 - $t2) / 1e9;
        if ($w) {
            fclose($w);
        }
        ksort($segments);
        $result['scored'] = $scored;
        $result['segments'] = $segments;
    }
}
$result['peak_php_bytes'] = memory_get_peak_usage(true);
echo json_encode($result), "\n";
