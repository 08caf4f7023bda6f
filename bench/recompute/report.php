<?php

/**
 * Writes the "recompute" section of bench/RESULTS.md from bench.php's JSON.
 *
 *   php bench/recompute/report.php RESULTS.md RESULTS.json [--note=TEXT] [--finding=TEXT] [--alias=PATH=NAME ...]
 *
 * --note: a line under the machine and data; --finding: a paragraph after the tables (what the
 * figures say, written by whoever ran it).
 */

declare(strict_types=1);

require_once __DIR__ . '/../results.php';

const BEGIN = '<!-- recompute:begin -->';
const END = '<!-- recompute:end -->';
const TARGET_VS_FLOOR = 1.5;
const TARGET_TOTAL_S = 60.0;

[$resultsPath, $R, , $lists, $show] = bench_report_args($argv,
    'php report.php RESULTS.md RESULTS.json [--note=TEXT] [--finding=TEXT] [--alias=PATH=NAME]', [], ['note', 'finding']);
['note' => $note, 'finding' => $finding] = $lists;
$f = static fn(?float $x, int $dec = 2): string => $x === null ? '–' : number_format($x, $dec, '.', ',');
$verdict = static fn(?bool $ok, string $shown): string
    => $ok === null ? "n/a ($shown)" : ($ok ? "met ($shown)" : "**NOT met** ($shown)");
$cpu = preg_match('/^model name\s*:\s*(.+)$/m', (string) @file_get_contents('/proc/cpuinfo'), $m) ? trim($m[1]) : php_uname('m');
$la = static fn(string $l): string => implode(' ', array_slice(explode(' ', $l), 0, 3));
$M = $R['methods'];
$labels = [
    'floor' => 'floor: the aggregating SELECT alone (`mariadb --quick`, result drained)',
    'recompute' => 'extension: `bin/segment recompute` (the store)',
    'extension' => 'extension stand-in: `ext.php` (extension pipeline, PDO writer)',
    'plain' => 'plain PHP + PDO: `plain.php` (JIT)',
];

$md = [];
$md[] = BEGIN;
$md[] = '## Full recompute from MariaDB: read, profile, RFM, k-means, rules, write (`bench/recompute`)';
$md[] = '';
$md[] = '- Date: ' . $R['date'] . ' UTC';
$md[] = '- Machine: `' . trim($R['uname']) . '`; CPU: ' . $cpu . ', nproc ' . trim((string) shell_exec('nproc'))
    . ', ' . $f(((int) preg_replace('/\D/', '', (string) shell_exec("grep MemTotal /proc/meminfo"))) / 1048576, 1)
    . ' GiB; load average before / after: ' . $la($R['loadavg_before']) . ' / ' . $la($R['loadavg_after'])
    . ' (the machine is shared: other jobs ran during the measurement)';
$md[] = '- ' . $R['server'] . ', its own instance (`bench/recompute/db.sh`), innodb_buffer_pool_size '
    . $f($R['buffer_pool'] / 1073741824, 0) . ' GiB, the shop fully cached (one untimed pass before); clients on the Unix socket';
$md[] = '- PHP ' . $R['php'] . ' CLI, segment extension ' . ($R['extension_version'] ?: '**not loaded**');
$md[] = sprintf('- Data: database `%s`, %s rows in ps_customer, %s in ps_orders (PrestaShop\'s own DDL with all its indexes; '
    . '`generate.py`: Pareto-like orders per customer, log-normal amounts, 3 years, 3 currencies, guests, deleted customers, '
    . 'about 6 %% of orders in states that are not logable); %d timed rounds, the order of the methods rotated every round; '
    . 'medians.', $R['database'], $f((float) $R['data']['customers'], 0), $f((float) $R['data']['orders'], 0), $R['rounds']);
foreach ($note as $n) {
    $md[] = '- ' . $n;
}
$md[] = '';
$md[] = 'Commands (each timed run is `/usr/bin/time -f \'%e %M %U %S\' COMMAND`, the password in `MYSQL_PWD`/`$DIR/env`):';
$md[] = '';
$md[] = '```sh';
foreach ($R['commands'] as $name => $cmd) {
    $md[] = "# $name";
    $md[] = $show($cmd);
}
$md[] = '# FLOOR_SQL:';
$md[] = '# ' . $R['floor_sql'];
$md[] = '```';
$md[] = '';

// Check.
$c = $R['check'];
if ($c === null) {
    $md[] = 'Cross-check: not run (`NO_CHECK=1`).';
} elseif (isset($c['error'])) {
    $md[] = '**Cross-check failed: ' . $c['error'] . '.**';
} else {
    $d = $c['differences'];
    $md[] = sprintf('Cross-check, extension stand-in against the PDO peer, every customer with a profile (%s and %s), on the '
        . 'server (`compare.php`): customers only in one table %d / %d; differences in orders %d, monetary (the same double) %d, '
        . 'recency %d, R/F/M %d, rf11 segment %d, cluster number %d, segment lists %d (of which only `big_spenders`, the rule '
        . 'that reads the cluster: %d)%s. The peer\'s k-means is the extension\'s algorithm ported to PHP '
        . '(`kmeans_exact.php`), so the clusters are the same for every customer (%s).',
        $f((float) $c['customers_a'], 0), $f((float) $c['customers_b'], 0), $c['only_a'], $c['only_b'], $d['orders'],
        $d['monetary'], $d['recency'], $d['rfm_scores'], $d['rfm_segment'], $d['cluster_numbers'] ?? -1, $d['segments'],
        $c['kmeans_differences'] - ($d['segments_without_big_spenders'] ?? 0), $c['ok'] ? ($d['segments'] ? ' (allowed by --max-kmeans-share)' : ': identical') : ' — **FAILED**',
        implode('; ', array_map(static fn(string $n): string => "`$n`", $c['clusters_a'])));
}
if (isset($R['check_store'])) {
    $cs = $R['check_store'];
    $md[] = '';
    $md[] = isset($cs['error']) ? '**The store\'s table could not be checked: ' . $cs['error'] . '.**'
        : sprintf('The store\'s current generation (`store_export.php`) against the PDO peer: %s differences outside the segment lists, '
            . '%s customers with other segment lists, partition agreement %s %%%s.', $cs['strict_differences'],
            $cs['kmeans_differences'], $f(($cs['partition_agreement'] ?? 0) * 100, 3), $cs['ok'] ? '' : ' — **FAILED**');
}
$md[] = '';

$md[] = '| method | wall, s (median) | min–max | peak RSS of the client, MiB | client CPU, s | MariaDB CPU, s | wall / floor | wall / extension |';
$md[] = '|---|---:|---:|---:|---:|---:|---:|---:|';
$floor = $M['floor']['wall_s_median'] ?? null;
$extKey = isset($M['recompute']) && ($M['recompute']['ok_runs'] ?? 0) ? 'recompute' : 'extension';
$ext = $M[$extKey]['wall_s_median'] ?? null;
foreach ($labels as $k => $label) {
    $m = $M[$k] ?? null;
    if (!$m) {
        continue;
    }
    if (!$m['ok_runs']) {
        $md[] = "| $label | failed | | | | | | |";
        continue;
    }
    $walls = array_column(array_filter($m['runs'], static fn($r) => $r['rc'] === 0), 'wall_s');
    $w = $m['wall_s_median'];
    $md[] = sprintf('| %s | %s | %s–%s | %s | %s | %s | %s | %s |', $label, $f($w), $f(min($walls)), $f(max($walls)),
        $f($m['rss_kb_median'] / 1024, 0), $f($m['cpu_s_median']), $f($m['server_cpu_s_median']),
        $floor && $k !== 'floor' ? $f($w / $floor, 2) . 'x' : '', $ext && $k !== $extKey && $k !== 'floor' ? $f($w / $ext, 2) . 'x' : '');
}
$md[] = '';

// Stages.
$stage = static function (array $runs, string $key): ?float {
    $xs = [];
    foreach ($runs as $r) {
        if (isset($r['out'][$key])) {
            $xs[] = (float) $r['out'][$key];
        }
    }
    return median($xs);
};
$md[] = '| inside the process, s (median) | read + profiles | RFM | k-means | rules + write memberships | whole (own clock) |';
$md[] = '|---|---:|---:|---:|---:|---:|';
foreach (['extension', 'plain'] as $k) {
    if (empty($M[$k]['runs'])) {
        continue;
    }
    $runs = $M[$k]['runs'];
    $md[] = sprintf('| %s | %s | %s | %s | %s | %s |', $k === 'plain' ? 'plain PHP + PDO' : 'extension stand-in',
        $f($stage($runs, 'read_s')), $f($stage($runs, 'rfm_s')), $f($stage($runs, 'kmeans_s')),
        $f($stage($runs, 'assign_write_s')), $f($stage($runs, 'total_s')));
}
$md[] = '';

foreach ($finding as $t) {
    $md[] = $t;
    $md[] = '';
}
$md[] = '| target (issue 6) | result |';
$md[] = '|---|---|';
$full = ($R['data']['customers'] ?? 0) >= 1000000 && ($R['data']['orders'] ?? 0) >= 10000000;
$what = $extKey === 'recompute' ? '`bin/segment recompute`' : 'the extension stand-in (not yet the store\'s command)';
$md[] = sprintf('| full recompute within %.1fx of the floor: %s | %s |', TARGET_VS_FLOOR, $what,
    $verdict($ext && $floor ? $ext / $floor <= TARGET_VS_FLOOR : null, $ext && $floor ? $f($ext / $floor, 2) . 'x' : '–'));
$md[] = sprintf('| under %.0f s in total%s | %s |', TARGET_TOTAL_S, $full ? '' : ' (judged on 1M customers / 10M orders only)',
    $full ? $verdict($ext === null ? null : $ext < TARGET_TOTAL_S, $f($ext) . ' s') : 'n/a (' . $f($ext) . ' s on this smaller set)');
$md[] = '';
$md[] = 'Peak RSS is the client process\'s (the PHP process, or the `mariadb` client for the floor); the server\'s memory is '
    . 'its buffer pool, the same for every method. MariaDB CPU is the `mariadbd` process\'s user + system time over the run '
    . '(from /proc), which includes anything else the server did meanwhile (run.sh runs nothing else against this instance). '
    . 'Files: `bench/recompute/` (README.md).';
$md[] = END;
$section = implode("\n", $md);
bench_replace_section($resultsPath, BEGIN, END, $section);
echo $section, "\n";
