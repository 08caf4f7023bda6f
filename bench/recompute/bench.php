<?php

/**
 * The recompute benchmark's driver (run.sh calls it; see README.md).
 *
 *   php bench/recompute/bench.php DATABASE --json=OUT.json --ext=SEGMENT.so [--rounds=3]
 *       [--recompute-cmd=CMD] [--store-ext=SEGMENT.so] [--no-check] [--plain-jit=1]
 * (--store-ext: the build with Segment\Store that store_export.php loads; default --ext)
 *
 * 1. Check (untimed): the extension stand-in (ext.php) and the PDO peer
 *    (plain.php) write their memberships; compare.php compares them; with
 *    --recompute-cmd, the store's table is compared with ext.php's too
 *    (only when it is the same layout: skipped otherwise, and said so).
 * 2. Timed rounds: every method once per round, the order rotated each
 *    round; each run one process under /usr/bin/time -f '%e %M %U %S',
 *    with the MariaDB server's CPU time (utime + stime of mariadbd from
 *    /proc) over the run.
 */

declare(strict_types=1);

require __DIR__ . '/common.php';

$o = rb_args($argv);
$db = $o['_'][0] ?? null;
if ($db === null || !isset($o['json'], $o['ext'])) {
    fwrite(STDERR, "usage: php bench.php DATABASE --json=OUT.json --ext=SEGMENT.so [--rounds=3] [--recompute-cmd=CMD] [--no-check]\n");
    exit(2);
}
$rounds = (int) ($o['rounds'] ?? 3);
$php = $o['php'] ?? 'php';
$env = rb_env();
$dir = dirname($env['SEG_BENCH_SOCKET']);
$serverPid = (int) trim((string) @file_get_contents("$dir/mysqld.pid"));
$root = dirname(__DIR__, 2);
$jit = ['-d', 'opcache.enable_cli=1', '-d', 'opcache.jit=tracing', '-d', 'opcache.jit_buffer_size=64M'];

$methods = [];
$methods['floor'] = ['mariadb', '--no-defaults', '--quick', '--socket=' . $env['SEG_BENCH_SOCKET'], '-u' . $env['SEG_BENCH_USER'],
    $db, '-e', RB_FLOOR_SQL];
if (!empty($o['recompute-cmd'])) {
    $methods['recompute'] = ['sh', '-c', $o['recompute-cmd']];
}
$methods['extension'] = [$php, '-d', 'extension=' . $o['ext'], '-d', 'date.timezone=UTC', 'bench/recompute/ext.php', $db];
$methods['plain'] = array_merge([$php, '-d', 'date.timezone=UTC'], ($o['plain-jit'] ?? '1') === '1' ? $jit : [],
    ['bench/recompute/plain.php', $db]);

/** utime + stime of a process in seconds (0 when it is gone). */
function cpu_of(int $pid): float
{
    $s = @file_get_contents("/proc/$pid/stat");
    if ($s === false) {
        return 0.0;
    }
    $f = explode(' ', substr($s, strrpos($s, ')') + 2));
    return ((int) $f[11] + (int) $f[12]) / 100;   // fields 14 and 15, clock ticks (USER_HZ 100)
}

function run_timed(string $name, array $cmd, int $serverPid, string $root): array
{
    $tf = tempnam(sys_get_temp_dir(), 'rbtime');
    $full = array_merge(['/usr/bin/time', '-o', $tf, '-f', '%e %M %U %S'], $cmd);
    $c0 = cpu_of($serverPid);
    $t0 = hrtime(true);
    $p = proc_open($full, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, $root, ['MYSQL_PWD' => rb_env()['SEG_BENCH_PASSWORD']] + getenv());
    $out = '';
    // the floor's result goes to a pipe we drain; only the last line of the PHP methods is kept
    while (!feof($pipes[1])) {
        $chunk = fread($pipes[1], 1 << 16);
        if ($chunk === false) {
            break;
        }
        $out = substr($out . $chunk, -65536);
    }
    $err = stream_get_contents($pipes[2]);
    $rc = proc_close($p);
    $hr = (hrtime(true) - $t0) / 1e9;
    $serverCpu = cpu_of($serverPid) - $c0;
    [$wall, $rss, $user, $sys] = array_map('floatval', explode(' ', trim((string) @file_get_contents($tf))) + [0, 0, 0, 0]);
    @unlink($tf);
    $lines = array_values(array_filter(explode("\n", trim($out)), 'strlen'));
    $json = $name === 'floor' ? null : json_decode((string) end($lines), true);
    $res = ['rc' => $rc, 'wall_s' => $wall, 'rss_kb' => (int) $rss, 'cpu_s' => $user + $sys, 'hr_s' => $hr,
        'server_cpu_s' => $serverCpu, 'out' => $json, 'rows' => $name === 'floor' ? max(0, count(explode("\n", trim($out))) - 1) : null];
    if ($rc !== 0) {
        $res['error'] = trim($err);
        fwrite(STDERR, "$name failed ($rc): " . trim($err) . "\n");
    }
    return $res;
}

$R = ['date' => gmdate('Y-m-d H:i:s'), 'uname' => php_uname(), 'php' => PHP_VERSION, 'database' => $db,
    'rounds' => $rounds, 'loadavg_before' => trim((string) file_get_contents('/proc/loadavg')),
    'server' => trim((string) shell_exec('mariadbd --version 2>/dev/null')),
    'buffer_pool' => trim((string) shell_exec('MYSQL_PWD=' . escapeshellarg($env['SEG_BENCH_PASSWORD'])
        . ' mariadb --no-defaults -N --socket=' . escapeshellarg($env['SEG_BENCH_SOCKET']) . ' -u' . $env['SEG_BENCH_USER']
        . ' -e "SELECT @@innodb_buffer_pool_size"')),
    'extension_version' => trim((string) shell_exec(escapeshellarg($php) . ' -d extension=' . escapeshellarg($o['ext'])
        . ' -r "echo phpversion(\'segment\');"')),
    'commands' => array_map(static fn(array $c) => str_replace('FLOOR_SQL_', '"$FLOOR_SQL"', show_cmd(array_map(
        static fn(string $a) => $a === RB_FLOOR_SQL ? 'FLOOR_SQL_' : $a, $c))), $methods),
    'floor_sql' => RB_FLOOR_SQL, 'methods' => [], 'check' => null];
$pdo = rb_pdo($db);
$counts = $pdo->query('SELECT (SELECT COUNT(*) FROM ps_customer) AS customers, (SELECT COUNT(*) FROM ps_orders) AS orders')
    ->fetch(PDO::FETCH_ASSOC);
$R['data'] = array_map('intval', $counts);
$pdo = null;

if (!isset($o['no-check'])) {
    echo "== check: extension stand-in and PDO peer, every customer\n";
    foreach (['extension', 'plain'] as $m) {
        $r = run_timed($m, $methods[$m], $serverPid, $root);
        if ($r['rc'] !== 0) {
            $R['check'] = ['error' => "$m failed"];
            break;
        }
    }
    if ($R['check'] === null) {
        $out = [];
        exec(show_cmd([$php, 'bench/recompute/compare.php', $db, 'seg_membership_ext', 'seg_membership_plain']), $out, $rc);
        $R['check'] = json_decode((string) end($out), true) ?: ['error' => 'compare.php failed'];
        echo end($out), "\n";
    }
    if (isset($methods['recompute'])) {
        // The store's own table against the peer's, when it can be exported.
        $r = run_timed('recompute', $methods['recompute'], $serverPid, $root);
        $out = [];
        exec(show_cmd([$php, '-d', 'extension=' . ($o['store-ext'] ?? $o['ext']), 'bench/recompute/store_export.php', $db])
            . ' 2>&1', $out, $rc);
        if ($r['rc'] === 0 && $rc === 0) {
            $out = [];
            exec(show_cmd([$php, 'bench/recompute/compare.php', $db, 'seg_membership_store', 'seg_membership_plain']), $out, $rc);
            $R['check_store'] = json_decode((string) end($out), true) ?: ['error' => 'compare.php failed'];
        } else {
            $R['check_store'] = ['error' => 'recompute or store_export.php failed: ' . implode(' ', $out)];
        }
        echo json_encode($R['check_store']), "\n";
    }
}

if (isset($o['no-check'])) {
    echo "== warm-up: the floor once, untimed\n";
    run_timed('floor', $methods['floor'], $serverPid, $root);
}
$names = array_keys($methods);
for ($round = 0; $round < $rounds; $round++) {
    $order = array_merge(array_slice($names, $round % count($names)), array_slice($names, 0, $round % count($names)));
    foreach ($order as $m) {
        echo "== round ", $round + 1, "/$rounds: $m\n";
        $r = run_timed($m, $methods[$m], $serverPid, $root);
        $R['methods'][$m]['runs'][] = $r;
        printf("   %.2f s wall, %.0f MiB peak RSS, %.2f s CPU, server CPU %.2f s\n", $r['wall_s'], $r['rss_kb'] / 1024,
            $r['cpu_s'], $r['server_cpu_s']);
    }
}
foreach ($R['methods'] as $m => &$mm) {
    $ok = array_values(array_filter($mm['runs'], static fn($r) => $r['rc'] === 0));
    $mm['ok_runs'] = count($ok);
    foreach (['wall_s', 'rss_kb', 'cpu_s', 'hr_s', 'server_cpu_s'] as $k) {
        $mm["{$k}_median"] = median(array_column($ok, $k));
    }
}
unset($mm);
$R['loadavg_after'] = trim((string) file_get_contents('/proc/loadavg'));
file_put_contents($o['json'], json_encode($R, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE));
$failed = array_sum(array_map(static fn($m) => count($m['runs']) - $m['ok_runs'], $R['methods']));
exit($failed || ($R['check'] !== null && empty($R['check']['ok'])) || (isset($R['check_store']) && empty($R['check_store']['ok'])) ? 1 : 0);
