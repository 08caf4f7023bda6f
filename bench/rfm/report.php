<?php

/**
 * Writes the RFM benchmark's section of bench/RESULTS.md from bench.php's
 * JSON (and, when given, profile.sh's perf summary).
 *
 * Usage: php bench/rfm/report.php RESULTS.md RESULTS.json [--profile=PERF.txt]
 *            [--root=DIR] [--alias=PATH=NAME ...] [--gen-cmd=CMD] [--uci-cmd=CMD]
 * Replaces the text between <!-- rfm:begin --> and <!-- rfm:end --> (appends
 * the section when missing); the rest of the file is left as it is. --root is
 * shown as $(pwd) in commands; --gen-cmd / --uci-cmd say how the input files
 * were made.
 */

declare(strict_types=1);

require_once __DIR__ . '/../results.php';

const BEGIN = '<!-- rfm:begin -->';
const END = '<!-- rfm:end -->';

// Targets of the issue.
const TARGET_GEN_S = 3.0;        // 10M orders end to end, one core
const TARGET_VS_PANDAS = 5.0;    // at least 5x faster than pandas
const TARGET_BYTES_PER_CUSTOMER = 100.0;
const CSV_BUFFER_BYTES = 128 << 10; // SEG_CSV_DEFAULT_BUFFER (src/seg_csv.h)

// Paths shown as names: --alias=PATH=NAME (longest first), then --root as $(pwd).
[$resultsPath, $R, $opt, , $show] = bench_report_args($argv,
    'php report.php RESULTS.md RESULTS.json [--profile=PERF.txt] [--root=DIR] [--alias=PATH=NAME] [--gen-cmd=CMD] [--uci-cmd=CMD]',
    ['profile' => null, 'root' => null, 'gen-cmd' => null, 'uci-cmd' => null]);
$f = static fn(?float $x, int $dec = 2): string => $x === null ? '–' : number_format($x, $dec, '.', ',');
$verdict = static fn(?bool $ok, string $shown): string
    => $ok === null ? "n/a ($shown)" : ($ok ? "met ($shown)" : "**NOT met** ($shown)");

function cpu_model(): string
{
    $info = @file_get_contents('/proc/cpuinfo') ?: '';
    return preg_match('/^model name\s*:\s*(.+)$/m', $info, $m) ? trim($m[1]) : php_uname('m');
}

$labels = ['gen' => 'generated, 10M orders', 'uci' => 'UCI Online Retail'];
$methodNames = ['extension', 'pandas', 'plain', 'plain-jit'];
$gen = $R['datasets']['gen'] ?? null;
$uci = $R['datasets']['uci'] ?? null;
$baseKb = $R['baseline']['rss_kb'] ?? null;

$md = [];
$md[] = BEGIN;
$md[] = '## RFM from an order CSV: profiles, scores, segment names (`bench/rfm`)';
$md[] = '';
$md[] = '- Date: ' . $R['date'] . ' UTC';
$md[] = '- Machine: `' . trim($R['uname']) . '`';
$md[] = '- CPU: ' . cpu_model() . ', nproc ' . trim((string) @shell_exec('nproc 2>/dev/null'))
    . '; every process pinned to CPU ' . $R['cpu'] . ' (`taskset -c ' . $R['cpu'] . '`)'
    . '; load average before / after: ' . implode(' / ', array_map(
        static fn(string $l): string => implode(' ', array_slice(explode(' ', $l), 0, 3)),
        [$R['loadavg_before'], $R['loadavg_after'] ?? '?']));
$md[] = '- PHP ' . $R['php'] . ' CLI, segment extension ' . ($R['extension_version'] ?: '**not loaded**')
    . '; Python, pandas, numpy: ' . ($R['python'] ?: '?');
$lines = [];
foreach (['gen' => $gen, 'uci' => $uci] as $k => $ds) {
    if (!$ds) {
        continue;
    }
    $o = $ds['methods']['extension']['out'][0] ?? [];
    $lines[] = sprintf('%s: %s lines, %s MB, %s customers with a profile, %s scored, %d runs',
        $labels[$k], $f((float) ($o['lines'] ?? 0), 0), $f($ds['bytes'] / 1e6, 0),
        $f((float) ($o['customers'] ?? 0), 0), $f((float) ($o['scored'] ?? 0), 0), $ds['runs']);
}
$md[] = '- Data: ' . implode('; ', $lines) . '.';
$md[] = '- Job, the same for every method: read the CSV, build one profile per customer (first and last order, '
    . 'orders, Kahan-summed monetary, cancelled orders, returned amount; cancel prefix `C`, returns `exclude`), '
    . 'R, F, M with the `pandas` method (rank(method="first") + qcut, 5 bins), and for every scored customer '
    . 'the rf11 segment, core group and retention names. Each run is one process, timed as a whole with '
    . "`/usr/bin/time -f '%e %M %U %S'` (wall seconds, peak RSS, user and system CPU seconds): interpreter start, "
    . 'reading the file and exit included. '
    . 'Methods run round-robin, the order rotated every round; the tables give medians.';
$md[] = '';
$md[] = 'Commands:';
$md[] = '';
$md[] = '```sh';
if ($opt['gen-cmd']) {
    $md[] = '# the generated file (made once, reused while it exists)';
    $md[] = $show($opt['gen-cmd']);
}
if ($opt['uci-cmd']) {
    $md[] = '# the UCI file';
    $md[] = $show($opt['uci-cmd']);
}
$md[] = '# each timed run: /usr/bin/time -f \'%e %M %U %S\' taskset -c ' . $R['cpu'] . ' COMMAND';
foreach (['gen' => $gen, 'uci' => $uci] as $k => $ds) {
    if (!$ds) {
        continue;
    }
    foreach ($methodNames as $name) {
        if (isset($ds['methods'][$name])) {
            $md[] = $show($ds['methods'][$name]['cmd']);
        }
    }
}
$md[] = '# memory of the steps (generated file): ext.php ... --stage=profiles, fit, summary and array';
$md[] = '# baseline RSS: ' . $show($R['baseline']['cmd'] ?? '?');
$md[] = '```';
$md[] = '';

// Cross-check.
$parts = [];
foreach (['gen' => $gen, 'uci' => $uci] as $k => $ds) {
    if (!$ds) {
        continue;
    }
    if (!$ds['check']) {
        $parts[] = "$labels[$k]: not checked (--no-check)";
        continue;
    }
    $p = [];
    foreach ($ds['check'] as $name => $c) {
        $p[] = isset($c['total'])
            ? ($c['total'] === 0 ? "$name identical" : "**$name: {$c['total']} differences**")
            : "**$name: " . ($c['error'] ?? 'failed') . '**';
    }
    $n = reset($ds['check'])['customers_a'] ?? null;
    $parts[] = "$labels[$k]" . ($n !== null ? ' (' . $f((float) $n, 0) . ' customers)' : '') . ': ' . implode(', ', $p);
}
$md[] = 'Cross-check against the extension, every scored customer, recency, frequency, monetary (bit for bit), '
    . 'R, F, M and the three names: ' . implode('; ', $parts) . '.';
$md[] = '';

// Timing and memory tables.
$md[] = '| data | method | wall, s (median) | min–max | CPU user+sys, s (median) | peak RSS, MiB (median) | method / extension, wall | method / extension, RSS |';
$md[] = '|---|---|---:|---:|---:|---:|---:|---:|';
$med = [];
foreach (['gen' => $gen, 'uci' => $uci] as $k => $ds) {
    if (!$ds) {
        continue;
    }
    $e = $ds['methods']['extension'] ?? null;
    foreach ($methodNames as $name) {
        $m = $ds['methods'][$name] ?? null;
        if (!$m || !$m['wall_s']) {
            $md[] = "| $labels[$k] | $name | failed | | | | | |";
            continue;
        }
        $med[$k][$name] = $m;
        $md[] = sprintf('| %s | %s | %s | %s–%s | %s | %s | %s | %s |', $labels[$k], $name, $f($m['wall_median']),
            $f(min($m['wall_s'])), $f(max($m['wall_s'])), $f($m['cpu_median'] ?? null), $f($m['rss_median'] / 1024, 0),
            $name === 'extension' || !$e ? '' : $f($m['wall_median'] / $e['wall_median'], 1) . 'x',
            $name === 'extension' || !$e ? '' : $f($m['rss_median'] / $e['rss_median'], 1) . 'x');
    }
}
$md[] = '';
$md[] = '`plain` = bench/rfm/plain.php with PHP CLI defaults (no opcache); `plain-jit` = the same with opcache and '
    . 'the tracing JIT. Wall times are /usr/bin/time\'s (10 ms resolution); the driver\'s own clock gives medians of '
    . implode(', ', array_map(static function (string $k) use ($med, $labels, $f): string {
        return $labels[$k] . ': ' . implode(', ', array_map(static fn(string $n): string
            => "$n " . $f($med[$k][$n]['hr_median'], 3) . ' s', array_keys($med[$k])));
    }, array_keys($med))) . '.';
$md[] = '';

// Extension steps.
$stageMed = static function (array $outs, string $key): ?float {
    $xs = array_values(array_filter(array_map(static fn(array $o) => $o[$key] ?? null, $outs), 'is_float'));
    if (!$xs) {
        return null;
    }
    sort($xs);
    $n = count($xs);
    return $n % 2 ? $xs[intdiv($n, 2)] : ($xs[$n / 2 - 1] + $xs[$n / 2]) / 2;
};
$md[] = '| extension, inside the process (median s) | `Profiles::fromCsv()` | `Rfm::fit()` | names of every customer (`foreach` over the Rfm) | whole process (wall) |';
$md[] = '|---|---:|---:|---:|---:|';
foreach (['gen' => $gen, 'uci' => $uci] as $k => $ds) {
    $outs = $ds['methods']['extension']['out'] ?? [];
    if (!$outs) {
        continue;
    }
    $md[] = sprintf('| %s | %s | %s | %s | %s |', $labels[$k], $f($stageMed($outs, 'read_s'), 3),
        $f($stageMed($outs, 'fit_s'), 3), $f($stageMed($outs, 'names_s'), 3), $f($ds['methods']['extension']['wall_median']));
}
$md[] = '';

// Memory per customer, and the other ways of reading the names.
$mem = [];
if ($gen && $baseKb !== null) {
    $cust = (float) ($gen['methods']['extension']['out'][0]['customers'] ?? 0);
    $perCust = static fn(?float $kb): ?float => $kb === null || $cust <= 0 ? null : ($kb * 1024 - $baseKb * 1024 - CSV_BUFFER_BYTES) / $cust;
    $st = $gen['stages'];
    $mem['whole job (fromCsv + fit + `foreach` over every customer)'] = [$gen['methods']['extension']['rss_median'] ?? null, true];
    $mem['after `Profiles::fromCsv()` (`--stage=profiles`)'] = [$st['profiles']['rss_median'] ?? null, true];
    $mem['after `Rfm::fit()` (`--stage=fit`)'] = [$st['fit']['rss_median'] ?? null, true];
    $mem['names by `Rfm::summary()` for the three maps (`--stage=summary`)'] = [$st['summary']['rss_median'] ?? null, true];
    $mem['names by `Rfm::scores()`, one PHP array of all customers (`--stage=array`)'] = [$st['array']['rss_median'] ?? null, false];
    $md[] = sprintf('Memory, generated file (%s customers): baseline PHP process with the extension %s MiB peak RSS; '
        . 'bytes per customer = (peak RSS − baseline − the 128 KiB CSV input buffer) / customers.',
        $f($cust, 0), $f($baseKb / 1024, 1));
    $md[] = '';
    $md[] = '| extension run | wall, s (median) | names step, s (median) | peak RSS, MiB (median) | bytes per customer |';
    $md[] = '|---|---:|---:|---:|---:|';
    $stageOf = ['whole' => 'iterate', 'after `Profiles' => 'profiles', 'after `Rfm' => 'fit', 'names by `Rfm::summary' => 'summary',
        'names by `Rfm::scores' => 'array'];
    foreach ($mem as $title => [$kb, $judged]) {
        $key = null;
        foreach ($stageOf as $prefix => $k) {
            if (str_starts_with($title, $prefix)) {
                $key = $k;
            }
        }
        $run = $key === 'iterate' ? $gen['methods']['extension'] : ($st[$key] ?? []);
        $wall = $run['wall_median'] ?? null;
        $names = isset($run['out']) && is_array($run['out']) ? $stageMed(isset($run['out']['method']) ? [$run['out']] : $run['out'], 'names_s') : null;
        $mem[$title][2] = $perCust($kb);
        $md[] = sprintf('| %s | %s | %s | %s | %s |', $title, $f($wall), $f($names, 3), $f($kb === null ? null : $kb / 1024, 0),
            $f($perCust($kb), 0));
    }
    $mb = $gen['methods']['extension']['out'][0]['memory_bytes'] ?? null;
    $mem['memory_bytes'] = [null, true, $mb !== null && $cust > 0 ? $mb / $cust : null];
    $md[] = sprintf('| `Profiles->stats()[\'memory_bytes\']` / customers | | | %s | %s |',
        $f($mb === null ? null : $mb / 1048576, 0), $f($mem['memory_bytes'][2], 1));
    $md[] = '';
    $md[] = 'The whole job reads every customer\'s names with `foreach ($rfm as $id => $score)` (one array at a time, '
        . 'segment sizes counted in PHP); `summary()` counts natively; `scores()` builds one PHP array of all '
        . 'customers, which a script needs only when it wants them all in memory at once (not judged against the '
        . 'memory target, shown for comparison).';
    $md[] = '';
}

// Targets.
$md[] = '| target (issue) | result |';
$md[] = '|---|---|';
$eg = $med['gen']['extension']['wall_median'] ?? null;
$md[] = sprintf('| 10 million orders in < %.0f s end to end on one core (extension, whole process) | %s |', TARGET_GEN_S,
    $verdict($eg === null ? null : $eg < TARGET_GEN_S, $f($eg) . ' s'));
foreach (['gen', 'uci'] as $k) {
    $e = $med[$k]['extension']['wall_median'] ?? null;
    $p = $med[$k]['pandas']['wall_median'] ?? null;
    if ($e === null && $p === null) {
        continue;
    }
    $x = $e && $p ? $p / $e : null;
    $he = $med[$k]['extension']['hr_median'] ?? null;
    $hp = $med[$k]['pandas']['hr_median'] ?? null;
    $md[] = sprintf('| ≥ %.0fx faster than pandas, %s | %s |', TARGET_VS_PANDAS, $labels[$k],
        $verdict($x === null ? null : $x >= TARGET_VS_PANDAS, $f($x, 2) . 'x'
            . ($he && $hp ? '; driver clock ' . $f($hp / $he, 2) . 'x' : '')));
}
foreach ($mem as $title => [$kb, $judged, $b]) {
    if (!$judged) {
        continue;
    }
    $md[] = sprintf('| ≤ %.0f bytes per customer beyond the input buffer: %s | %s |', TARGET_BYTES_PER_CUSTOMER,
        $title === 'memory_bytes' ? "`memory_bytes` / customers" : $title,
        $verdict($b === null ? null : $b <= TARGET_BYTES_PER_CUSTOMER, $f($b, 0) . ' B'));
}
$md[] = '';

// Profile.
if ($opt['profile'] && is_file($opt['profile'])) {
    $sym = [];
    $samples = '';
    foreach (file($opt['profile'], FILE_IGNORE_NEW_LINES) ?: [] as $line) {
        if (preg_match('/^\s+([\d.]+)%\s+([\d.]+)%\s+\[(.)\]\s+(\S.*?)\s*(?:-\s+-\s*)?$/', $line, $m)) {
            $name = preg_replace('/\s+\(inlined\)$/', '', trim($m[4]));
            $sym[$name] ??= ['children' => (float) $m[1], 'self' => (float) $m[2], 'kind' => $m[3]];
        } elseif (preg_match('/Samples: (\S+)/', $line, $m)) {
            $samples = $m[1];
        }
    }
    $c = static fn(string $s): ?float => $sym[$s]['children'] ?? null;
    $pct = static fn(?float $x): string => $x === null ? '–' : number_format($x, 1) . ' %';
    $secs = static fn(?float $x): string => $x === null || $eg === null ? '–' : '≈ ' . number_format($x / 100 * $eg, 2) . ' s';
    $rows = [
        ['`Profiles::fromCsv()` (all of it)', $c('zim_Segment_Profiles_fromCsv')],
        ['  lookups and profile updates (`seg_profiles_add_many`, batched with prefetches)', $c('seg_profiles_add_many')],
        ['    of which growing the id index (`table_rebuild`)', $c('table_rebuild')],
        ['  CSV tokenizing and buffer refill (`seg_csv_next`)', $c('seg_csv_next')],
        ['    of which `read()` system calls (`ksys_read`)', $c('ksys_read')],
        ['  date parsing (`seg_datefmt_parse`)', $c('seg_datefmt_parse')],
        ['  amount parsing (`field_number`)', $c('field_number')],
        ['`Rfm::fit()` (all of it)', $c('zim_Segment_Rfm_fit')],
        ['  customers in id order (`seg_profiles_id_rank`: radix sort)', $c('seg_profiles_id_rank')],
        ['  bin boundaries and scores (`seg_rfm_fit`: radix select)', $c('seg_rfm_fit')],
        ['`foreach` over the Rfm: one array per customer (`rit_current`)', $c('rit_current')],
        ['page faults, anywhere (`asm_exc_page_fault`)', $c('asm_exc_page_fault')],
        ['cycle collector (`zend_gc_collect_cycles`)', $c('zend_gc_collect_cycles')],
    ];
    $head = [];
    foreach (file($opt['profile'], FILE_IGNORE_NEW_LINES) ?: [] as $line) {
        if (str_starts_with($line, '# command: ')) {
            $head[] = substr($line, 11);
        }
    }
    $md[] = sprintf('Where the extension\'s time goes (generated file): `perf record -F 499 --call-graph dwarf` of one '
        . 'run (%s samples), share of samples including callees; seconds = share × the median wall time above. '
        . 'Command: `bench/rfm/profile.sh` (`%s`).', $samples ?: '?', $show($head[0] ?? '?'));
    $md[] = '';
    $md[] = '| part | share | time |';
    $md[] = '|---|---:|---:|';
    foreach ($rows as [$title, $x]) {
        if ($x === null) {
            continue;
        }
        $md[] = sprintf('| %s | %s | %s |', str_replace('  ', '&nbsp;&nbsp;', $title), $pct($x), $secs($x));
    }
    $self = $sym;
    uasort($self, static fn(array $a, array $b): int => $b['self'] <=> $a['self']);
    $top = [];
    foreach (array_slice($self, 0, 10, true) as $name => $s) {
        $top[] = sprintf('`%s` %.1f %%', $name, $s['self']);
    }
    $md[] = '';
    $md[] = 'Top symbols by self time: ' . implode(', ', $top) . '.';
    $md[] = '';
}

$md[] = 'Files: `bench/rfm/generate.py` (data), `ext.php`, `pandas_rfm.py`, `plain.php` (the methods), `compare.php` '
    . '(cross-check), `bench.php` (driver), `report.php` (this section), `profile.sh` (perf), `run.sh` (all of it); '
    . 'see `bench/rfm/README.md`.';
$md[] = END;
$section = implode("\n", $md);

bench_replace_section($resultsPath, BEGIN, END, $section);
echo $section, "\n";
