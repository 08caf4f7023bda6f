<?php

/**
 * Driver of the RFM benchmark: runs every method as a separate process under
 * /usr/bin/time -f '%e %M %U %S' (wall time, peak RSS and CPU time of the
 * whole process, reading the file included), N times, interleaved round-robin, and writes the results
 * as JSON for report.php.
 *
 *   php bench/rfm/bench.php --json=OUT.json [--gen=ORDERS.csv] [--uci=ONLINE_RETAIL.csv]
 *       [--ext=/path/to/segment.so] [--runs-gen=3] [--runs-uci=5] [--cpu=0]
 *       [--php=php] [--python=/usr/bin/python3] [--no-check]
 *
 * Methods: extension (ext.php), pandas (pandas_rfm.py), plain (plain.php,
 * PHP CLI defaults: no opcache) and plain-jit (plain.php with opcache and the
 * tracing JIT). Every process is pinned to one core with taskset -c CPU.
 *
 * Before timing, each method runs once with --out and compare.php checks that
 * plain, plain-jit and pandas give every customer the same recency,
 * frequency, monetary, R, F, M and segment names as the extension (exit 1
 * otherwise). On the generated file the extension also runs with
 * --stage=profiles and --stage=fit (memory of each step), --stage=summary
 * and --stage=array (the other ways of reading the names), and a baseline
 * `php -r ''` (with the extension) gives the RSS a PHP process has anyway.
 */

declare(strict_types=1);

require_once __DIR__ . '/../results.php';

ini_set('memory_limit', '-1');

$o = ['json' => null, 'gen' => null, 'uci' => null, 'ext' => '', 'runs-gen' => '3', 'runs-uci' => '5',
      'cpu' => '0', 'php' => 'php', 'python' => '/usr/bin/python3', 'time' => '/usr/bin/time', 'no-check' => false];
foreach (array_slice($argv, 1) as $arg) {
    if (preg_match('/^--([a-z-]+)(?:=(.*))?$/s', $arg, $m) && array_key_exists($m[1], $o)) {
        $o[$m[1]] = $m[1] === 'no-check' ? true : ($m[2] ?? '');
    } else {
        fwrite(STDERR, "unknown argument: $arg\n");
        exit(2);
    }
}
if (!$o['json'] || (!$o['gen'] && !$o['uci'])) {
    fwrite(STDERR, "usage: php bench.php --json=OUT.json [--gen=FILE] [--uci=FILE] [--ext=SO] [--runs-gen=3] [--runs-uci=5] [--cpu=0]\n");
    exit(2);
}
$dir = __DIR__;
$tmp = sys_get_temp_dir() . '/segment-rfm-driver-' . getmypid();
@mkdir($tmp);
register_shutdown_function(static function () use ($tmp): void {
    foreach (glob("$tmp/*") ?: [] as $f) {
        @unlink($f);
    }
    @rmdir($tmp);
});

$php = [$o['php'], '-d', 'date.timezone=UTC', '-d', 'memory_limit=-1'];
$ext = $o['ext'] !== '' ? ['-d', 'extension=' . $o['ext']] : [];
$methods = [
    'extension' => fn(string $f, string $d): array => [...$php, ...$ext, "$dir/ext.php", $f, "--data=$d"],
    'pandas' => fn(string $f, string $d): array => [$o['python'], "$dir/pandas_rfm.py", $f, "--data=$d"],
    'plain' => fn(string $f, string $d): array => [...$php, '-d', 'opcache.enable_cli=0', "$dir/plain.php", $f, "--data=$d"],
    'plain-jit' => fn(string $f, string $d): array => [...$php, '-d', 'opcache.enable_cli=1', '-d', 'opcache.jit=tracing',
        '-d', 'opcache.jit_buffer_size=64M', "$dir/plain.php", $f, "--data=$d"],
];

/** Runs one command under /usr/bin/time and taskset; returns wall s, max RSS KiB, the program's JSON line. */
function timed(array $cmd, array $o, string $tmp): array
{
    $tf = "$tmp/time.txt";
    @unlink($tf);
    // wall s, peak RSS KiB, user s, system s of the whole process
    $full = [$o['time'], '-f', '%e %M %U %S', '-o', $tf, 'taskset', '-c', $o['cpu'], ...$cmd];
    $t0 = hrtime(true);
    $p = proc_open($full, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    if (!is_resource($p)) {
        return ['error' => 'cannot start ' . $cmd[0]];
    }
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    fclose($pipes[1]);
    fclose($pipes[2]);
    $rc = proc_close($p);
    $hr = (hrtime(true) - $t0) / 1e9;
    $t = trim((string) @file_get_contents($tf));
    $lines = array_values(array_filter(explode("\n", trim($out))));
    $doc = $lines ? json_decode(end($lines), true) : null;
    if ($rc !== 0 || !preg_match('/(?:^|\n)([0-9.]+) ([0-9]+) ([0-9.]+) ([0-9.]+)$/', $t, $m) || !is_array($doc)) {
        return ['error' => "exit $rc: " . trim($err . "\n" . $t), 'cmd' => $cmd];
    }
    return ['wall_s' => (float) $m[1], 'rss_kb' => (int) $m[2], 'cpu_s' => (float) $m[3] + (float) $m[4],
            'hr_s' => $hr, 'out' => $doc];
}

$res = [
    'date' => gmdate('Y-m-d H:i:s'),
    'uname' => php_uname(),
    'cpu' => $o['cpu'],
    'loadavg_before' => trim((string) @file_get_contents('/proc/loadavg')),
    'php' => trim((string) shell_exec(escapeshellarg($o['php']) . ' -r "echo PHP_VERSION;"')),
    'python' => trim((string) shell_exec(escapeshellarg($o['python'])
        . ' -c "import sys, pandas, numpy; print(sys.version.split()[0], pandas.__version__, numpy.__version__)" 2>/dev/null')),
    'extension_version' => trim((string) shell_exec(show_cmd([...$php, ...$ext, '-r', 'echo phpversion("segment");']) . ' 2>/dev/null')),
    'datasets' => [],
    'ok' => true,
];
$fail = static function (string $msg) use (&$res): void {
    fwrite(STDERR, "FAILED: $msg\n");
    $res['ok'] = false;
};

// Baseline: a PHP process with the extension that does nothing.
$base = [];
for ($i = 0; $i < 5; $i++) {
    $r = timed([...$php, ...$ext, '-r', 'echo "{}\n";'], $o, $tmp); // timed() wants a JSON line
    if (isset($r['rss_kb'])) {
        $base[] = $r['rss_kb'];
    }
}
$res['baseline'] = ['cmd' => show_cmd([...$php, ...$ext, '-r', 'echo "{}\n";']), 'rss_kb' => median($base)];
printf("baseline PHP process (with the extension): %.0f KiB\n", $res['baseline']['rss_kb']);

$sets = [];
if ($o['gen']) {
    $sets['gen'] = [$o['gen'], max(1, (int) $o['runs-gen'])];
}
if ($o['uci']) {
    $sets['uci'] = [$o['uci'], max(1, (int) $o['runs-uci'])];
}

foreach ($sets as $data => [$file, $runs]) {
    $ds = ['file' => $file, 'bytes' => filesize($file), 'runs' => $runs, 'methods' => [], 'check' => [], 'stages' => []];
    echo "\n== $data: $file (" . number_format(filesize($file) / 1e6, 0) . " MB), $runs runs\n";

    // Cross-check: every method's dump against the extension's.
    if (!$o['no-check']) {
        $dumps = [];
        foreach ($methods as $name => $mk) {
            $dumps[$name] = "$tmp/$data-$name.csv";
            $r = timed([...$mk($file, $data), '--out=' . $dumps[$name]], $o, $tmp);
            if (isset($r['error'])) {
                $fail("$data $name (check run): {$r['error']}");
                $ds['check'][$name] = ['error' => $r['error']];
                unset($dumps[$name]);
            }
        }
        foreach ($dumps as $name => $f) {
            if ($name === 'extension' || !isset($dumps['extension'])) {
                continue;
            }
            $c = json_decode((string) shell_exec(show_cmd([$o['php'], "$dir/compare.php", $dumps['extension'], $f, '--json'])), true);
            $ds['check'][$name] = $c ?: ['error' => 'compare.php failed'];
            $n = $c['total'] ?? null;
            printf("check: %s vs extension: %s\n", $name, $n === null ? 'compare failed'
                : ($n === 0 ? "identical for all {$c['customers_a']} customers" : "$n DIFFERENCES"));
            if ($n !== 0) {
                $fail("$data: $name differs from the extension");
            }
        }
        foreach ($dumps as $f) {
            @unlink($f);
        }
    }

    // Memory of the extension's steps (generated file only).
    if ($data === 'gen') {
        foreach (['profiles', 'fit', 'summary', 'array'] as $stage) {
            $w = [];
            $rss = [];
            $outs = [];
            for ($i = 0; $i < $runs; $i++) {
                $cmd = [...$methods['extension']($file, $data), "--stage=$stage"];
                $r = timed($cmd, $o, $tmp);
                if (isset($r['error'])) {
                    $fail("$data extension --stage=$stage: {$r['error']}");
                    break;
                }
                $w[] = $r['wall_s'];
                $rss[] = $r['rss_kb'];
                $outs[] = $r['out'];
            }
            $ds['stages'][$stage] = ['cmd' => show_cmd($cmd), 'wall_s' => $w, 'rss_kb' => $rss,
                'wall_median' => median($w), 'rss_median' => median($rss), 'out' => $outs];
            printf("extension --stage=%s: %.2f s, %.0f MiB (medians)\n", $stage, median($w) ?? 0, (median($rss) ?? 0) / 1024);
        }
    }

    // Timed runs, round-robin with the order rotated every round.
    $names = array_keys($methods);
    foreach ($names as $name) {
        $ds['methods'][$name] = ['cmd' => show_cmd($methods[$name]($file, $data)), 'wall_s' => [], 'rss_kb' => [],
            'cpu_s' => [], 'hr_s' => [], 'out' => []];
    }
    for ($round = 0; $round < $runs; $round++) {
        $k = count($names);
        printf("round %d/%d:", $round + 1, $runs);
        for ($j = 0; $j < $k; $j++) {
            $name = $names[($j + $round) % $k];
            $r = timed($methods[$name]($file, $data), $o, $tmp);
            if (isset($r['error'])) {
                $fail("$data $name: {$r['error']}");
                continue;
            }
            $ds['methods'][$name]['wall_s'][] = $r['wall_s'];
            $ds['methods'][$name]['rss_kb'][] = $r['rss_kb'];
            $ds['methods'][$name]['hr_s'][] = $r['hr_s'];
            $ds['methods'][$name]['cpu_s'][] = $r['cpu_s'];
            $ds['methods'][$name]['out'][] = $r['out'];
            printf("  %s %.2f s %.0f MiB", $name, $r['wall_s'], $r['rss_kb'] / 1024);
        }
        echo "\n";
    }
    foreach ($names as $name) {
        $m = &$ds['methods'][$name];
        $m['wall_median'] = median($m['wall_s']);
        $m['rss_median'] = median($m['rss_kb']);
        $m['hr_median'] = median($m['hr_s']);
        $m['cpu_median'] = median($m['cpu_s']);
        unset($m);
    }
    // Every run of every method must report the same segment sizes.
    $ref = $ds['methods']['extension']['out'][0]['segments'] ?? null;
    foreach ($names as $name) {
        foreach ($ds['methods'][$name]['out'] as $doc) {
            if (($doc['segments'] ?? null) != $ref) {
                $fail("$data $name: segment sizes differ from the extension's");
                break;
            }
        }
    }
    foreach (['summary', 'array'] as $stage) {
        foreach ($ds['stages'][$stage]['out'] ?? [] as $doc) {
            if (($doc['segments'] ?? null) != $ref) {
                $fail("$data extension --stage=$stage: segment sizes differ from foreach's");
                break;
            }
        }
    }
    $res['datasets'][$data] = $ds;
}
$res['loadavg_after'] = trim((string) @file_get_contents('/proc/loadavg'));

file_put_contents($o['json'], json_encode($res, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES));
exit($res['ok'] ? 0 : 1);
