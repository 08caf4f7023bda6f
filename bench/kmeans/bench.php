<?php

/**
 * Driver of the k-means benchmark (run.sh calls it; bench/kmeans/README.md).
 *
 *   php bench/kmeans/bench.php --dir=DATA_DIR --json=OUT.json --lloyd=BIN [--ext=SO | --no-ext]
 *       [--rounds=3] [--plain-rounds=1] [--plain-n=100000] [--fixed-rounds=3] [--quality-restarts=30]
 *       [--n=100000,1000000] [--d=3,8] [--k=4,8,16] [--n-init=3] [--max-iter=100] [--tol=1e-4]
 *       [--seed=0] [--php=php] [--python=/usr/bin/python3] [--methods=REGEX] [--openblas=DIR]
 *
 * DATA_DIR holds generate.py's files. For every n and d, one PHP worker
 * (ext.php --serve, the rows built once) and one Python worker (sk.py
 * --serve, the array loaded once) stay up while every k of that file is
 * run; the plain C loop (lloyd) and pure PHP (plain.php) are one process per
 * fit. Every method times only its fit, in its own process (hrtime /
 * perf_counter / clock_gettime), and reports its peak RSS (VmHWM, reset
 * before each fit in the workers).
 *
 * Per configuration (n, d, k), for each round: every method once, the order
 * rotated every round: the extension (1 and 2 threads, algorithm auto),
 * scikit-learn lloyd and elkan (1 and 2 threads), the C loop, and pure PHP
 * without and with the JIT (only for n in --plain-n and rounds < --plain-rounds).
 * All with k-means++, the same n_init, max_iter, tol and seed. Then the
 * fixed-init runs (--fixed-rounds rounds): the same k initial centroids for
 * the C loop, the extension (auto, 1 and 2 threads; lloyd, 1 thread) and
 * scikit-learn lloyd (1 thread), n_init 1: they do the same Lloyd iterations,
 * which gives the nanoseconds per point per iteration.
 *
 * The first round's centroids of every method go through check.py, which
 * recomputes every inertia the same way. Then the quality runs: the
 * extension and scikit-learn lloyd (1 thread), --quality-restarts single
 * restarts each (n_init 1, seeds 0, 1, ...), from which the expected inertia
 * of a fit with the grid's n_init is estimated (see below).
 *
 * --openblas=DIR (a directory with OpenBLAS's libblas.so.3) adds
 * sklearn-lloyd-openblas/1 and /2: a third worker, sk.py with
 * LD_LIBRARY_PATH=DIR, so scikit-learn's lloyd computes its distance blocks
 * with OpenBLAS instead of Debian's default reference BLAS.
 *
 * Exit 1 when a fit fails, a reported inertia differs from the recomputed
 * one, or the extension's expected inertia (quality runs) is above
 * scikit-learn's by more than 0.1 %.
 */

declare(strict_types=1);

require_once __DIR__ . '/../results.php';

ini_set('memory_limit', '-1');

$o = ['dir' => null, 'json' => null, 'lloyd' => null, 'ext' => '', 'no-ext' => false, 'rounds' => '3',
      'plain-rounds' => '1', 'plain-n' => '100000', 'fixed-rounds' => '3', 'quality-restarts' => '30', 'n' => '100000,1000000', 'd' => '3,8',
      'k' => '4,8,16', 'n-init' => '3', 'max-iter' => '100', 'tol' => '1e-4', 'seed' => '0', 'php' => 'php',
      'python' => '/usr/bin/python3', 'methods' => '', 'openblas' => ''];
foreach (array_slice($argv, 1) as $arg) {
    if ($arg === '--no-ext') {
        $o['no-ext'] = true;
    } elseif (preg_match('/^--([a-z-]+)=(.*)$/s', $arg, $m) && array_key_exists($m[1], $o) && $m[1] !== 'no-ext') {
        $o[$m[1]] = $m[2];
    } else {
        fwrite(STDERR, "unknown argument: $arg\n");
        exit(2);
    }
}
if (!$o['dir'] || !$o['json'] || !$o['lloyd']) {
    fwrite(STDERR, "usage: php bench.php --dir=DATA_DIR --json=OUT.json --lloyd=BIN [--ext=SO|--no-ext] [--rounds=3] ...\n");
    exit(2);
}
require __DIR__ . '/quality.php';
$ints = static fn(string $s): array => array_map('intval', array_filter(explode(',', $s), 'strlen'));
$P = ['n_init' => (int) $o['n-init'], 'max_iter' => (int) $o['max-iter'], 'tol' => (float) $o['tol'],
      'seed' => (int) $o['seed']];
$rounds = max(1, (int) $o['rounds']);
$plainRounds = max(0, (int) $o['plain-rounds']);
$fixedRounds = max(0, (int) $o['fixed-rounds']);
$qualityRestarts = max(0, (int) $o['quality-restarts']);
$plainN = $ints($o['plain-n']);
$dir = __DIR__;
$tmp = sys_get_temp_dir() . '/segment-kmeans-driver-' . getmypid();
@mkdir($tmp);
register_shutdown_function(static function () use ($tmp): void {
    foreach (glob("$tmp/*") ?: [] as $f) {
        @unlink($f);
    }
    @rmdir($tmp);
});

$php = [$o['php'], '-d', 'memory_limit=-1'];
$ext = $o['ext'] !== '' ? ['-d', 'extension=' . $o['ext']] : [];
$useExt = !$o['no-ext'];
// Thread counts of OpenMP / BLAS: workers may use 2, threadpool_limits() sets each fit's.
$env = ['OMP_NUM_THREADS' => '2', 'OPENBLAS_NUM_THREADS' => '2', 'MKL_NUM_THREADS' => '2',
        'PATH' => getenv('PATH') ?: '/usr/bin:/bin', 'HOME' => getenv('HOME') ?: '/tmp'];
$env1 = ['OMP_NUM_THREADS' => '1', 'OPENBLAS_NUM_THREADS' => '1', 'MKL_NUM_THREADS' => '1'] + $env;

function loadavg(): string
{
    return implode(' ', array_slice(explode(' ', trim((string) @file_get_contents('/proc/loadavg'))), 0, 3));
}

/** A long-running worker (ext.php / sk.py --serve): [process, stdin, stdout, ready line]. */
final class Worker
{
    private const TIMEOUT_S = 900; // one fit; the slowest (scikit-learn, 1M x 8, k 16) takes about 30 s
    /** @var resource|null */
    private $proc = null;
    private array $pipes = [];
    public ?array $ready = null;
    public string $error = '';

    public function __construct(public readonly array $cmd, private readonly array $env, private readonly string $errFile)
    {
    }

    public function start(): bool
    {
        $this->stop();
        $p = proc_open($this->cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', $this->errFile, 'a']],
            $this->pipes, null, $this->env);
        if (!is_resource($p)) {
            $this->error = 'cannot start ' . $this->cmd[0];
            return false;
        }
        $this->proc = $p;
        $line = fgets($this->pipes[1]);
        $doc = $line === false ? null : json_decode($line, true);
        if (!is_array($doc) || empty($doc['ready'])) {
            $this->error = 'worker did not start: ' . trim((string) $line . ' ' . (string) @file_get_contents($this->errFile));
            $this->stop();
            return false;
        }
        $this->ready = $doc;
        return true;
    }

    /** One request; the reply, or ['error' => ...]. */
    public function ask(array $req): array
    {
        if (!$this->proc && !$this->start()) {
            return ['error' => $this->error];
        }
        fwrite($this->pipes[0], json_encode($req, JSON_UNESCAPED_SLASHES) . "\n");
        fflush($this->pipes[0]);
        $r = [$this->pipes[1]];
        $w = $e = null;
        if (stream_select($r, $w, $e, self::TIMEOUT_S) !== 1) {
            proc_terminate($this->proc, 9);
            $this->stop();
            return ['error' => 'no answer within ' . self::TIMEOUT_S . ' s: worker killed'];
        }
        $line = fgets($this->pipes[1]);
        if ($line === false) {
            $err = trim((string) @file_get_contents($this->errFile));
            $this->stop();
            return ['error' => 'worker died' . ($err !== '' ? ': ' . substr($err, -2000) : '')];
        }
        $doc = json_decode($line, true);
        return is_array($doc) ? $doc : ['error' => 'bad reply: ' . substr($line, 0, 300)];
    }

    public function stop(): void
    {
        if ($this->proc) {
            foreach ($this->pipes as $p) {
                @fclose($p);
            }
            proc_close($this->proc);
            $this->proc = null;
            $this->pipes = [];
        }
    }
}

/** One process per fit (lloyd, plain.php): its JSON line or ['error' => ...]. */
function run_process(array $cmd, array $env): array
{
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, $env);
    if (!is_resource($p)) {
        return ['error' => 'cannot start ' . $cmd[0]];
    }
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    fclose($pipes[1]);
    fclose($pipes[2]);
    $rc = proc_close($p);
    $lines = array_values(array_filter(explode("\n", trim((string) $out))));
    $doc = $lines ? json_decode(end($lines), true) : null;
    if ($rc !== 0 || !is_array($doc)) {
        return ['error' => "exit $rc: " . trim((string) $err)];
    }
    return $doc;
}

$res = [
    'date' => gmdate('Y-m-d H:i:s'),
    'uname' => php_uname(),
    'cpu_model' => preg_match('/^model name\s*:\s*(.+)$/m', (string) @file_get_contents('/proc/cpuinfo'), $m)
        ? trim($m[1]) : php_uname('m'),
    'nproc' => (int) trim((string) shell_exec('nproc 2>/dev/null')),
    'loadavg_before' => loadavg(),
    'params' => $P + ['rounds' => $rounds, 'plain_rounds' => $plainRounds, 'plain_n' => $plainN,
        'fixed_rounds' => $fixedRounds, 'n' => $ints($o['n']), 'd' => $ints($o['d']), 'k' => $ints($o['k'])],
    'versions' => [
        'php' => trim((string) shell_exec(show_cmd([$o['php'], '-r', 'echo PHP_VERSION;']))),
        'extension' => $useExt ? trim((string) shell_exec(show_cmd([...$php, ...$ext, '-r', 'echo phpversion("segment");']) . ' 2>/dev/null')) : null,
        'gcc' => trim((string) shell_exec('gcc -dumpfullversion 2>/dev/null')),
        'blas' => trim((string) shell_exec('readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null')),
    ],
    'commands' => [],
    'configs' => [],
    'failures' => [],
    'ok' => true,
];
$fail = static function (string $msg) use (&$res): void {
    fwrite(STDERR, "FAILED: $msg\n");
    $res['failures'][] = $msg;
    $res['ok'] = false;
};

$methodRe = $o['methods'] !== '' ? '~' . str_replace('~', '\~', $o['methods']) . '~' : null;
$want = static fn(string $id): bool => $methodRe === null || preg_match($methodRe, $id) === 1;

foreach ($ints($o['n']) as $n) {
    foreach ($ints($o['d']) as $d) {
        $data = "{$o['dir']}/blobs-n$n-d$d.f64";
        if (!is_file($data) || filesize($data) !== $n * $d * 8) {
            $fail("$data missing or of the wrong size (run generate.py)");
            continue;
        }
        $pyCmd = [$o['python'], "$dir/sk.py", $data, '--d', (string) $d, '--serve'];
        $phpCmd = [...$php, ...$ext, "$dir/ext.php", $data, "--d=$d", '--serve'];
        $py = new Worker($pyCmd, $env, "$tmp/py.err");
        $pyOb = $o['openblas'] !== '' ? new Worker($pyCmd, ['LD_LIBRARY_PATH' => $o['openblas']] + $env, "$tmp/pyob.err") : null;
        $ew = $useExt ? new Worker($phpCmd, $env, "$tmp/ext.err") : null;
        $res['commands']['sklearn worker'] ??= show_cmd($pyCmd);
        if ($o['openblas'] !== '') {
            $res['commands']['sklearn OpenBLAS worker'] ??= 'LD_LIBRARY_PATH=' . $o['openblas'] . ' ' . show_cmd($pyCmd);
        }
        if ($ew) {
            $res['commands']['extension worker'] ??= show_cmd($phpCmd);
        }
        echo "\n== n=$n d=$d ($data), load average " . loadavg() . "\n";
        if (!$py->start()) {
            $fail("sklearn worker n=$n d=$d: {$py->error}");
        } else {
            $r = $py->ready;
            $res['versions'] += ['python' => $r['python'], 'sklearn' => $r['sklearn'], 'numpy' => $r['numpy'],
                'scipy' => $r['scipy'], 'threadpoolctl' => $r['threadpoolctl']];
            $res['versions']['threadpools'] ??= $r['threadpools'];
        }
        if ($pyOb) {
            if (!$pyOb->start()) {
                $fail("sklearn OpenBLAS worker n=$n d=$d: {$pyOb->error}");
            } else {
                $pools = $pyOb->ready['threadpools'] ?? [];
                $res['versions']['threadpools_openblas'] ??= $pools;
                if (!array_filter($pools, static fn(array $p): bool => ($p['internal_api'] ?? '') === 'openblas')) {
                    $fail("sklearn OpenBLAS worker n=$n d=$d: OpenBLAS not loaded from {$o['openblas']}");
                    $pyOb->stop();
                    $pyOb = null;
                }
            }
        }
        if ($ew && !$ew->start()) {
            $fail("extension worker n=$n d=$d: {$ew->error}");
        }

        foreach ($ints($o['k']) as $ki => $k) {
            $init = "{$o['dir']}/init-n$n-d$d-k$k.f64";
            $cfg = ['n' => $n, 'd' => $d, 'k' => $k, 'data' => $data, 'loadavg_start' => loadavg(),
                    'methods' => [], 'fixed' => [], 'check' => []];
            // Grid methods: id => [kind, request]
            $grid = [];
            $fixed = [];
            if ($ew) {
                foreach ([1, 2] as $t) {
                    $grid["extension/$t"] = ['ext', ['algorithm' => 'auto', 'threads' => $t]];
                }
                $fixed['extension-auto/1'] = ['ext', ['algorithm' => 'auto', 'threads' => 1]];
                $fixed['extension-auto/2'] = ['ext', ['algorithm' => 'auto', 'threads' => 2]];
                $fixed['extension-lloyd/1'] = ['ext', ['algorithm' => 'lloyd', 'threads' => 1]];
            }
            foreach (['lloyd', 'elkan'] as $alg) {
                foreach ([1, 2] as $t) {
                    $grid["sklearn-$alg/$t"] = ['py', ['algorithm' => $alg, 'threads' => $t]];
                }
            }
            if ($pyOb) {
                foreach ([1, 2] as $t) {
                    $grid["sklearn-lloyd-openblas/$t"] = ['pyob', ['algorithm' => 'lloyd', 'threads' => $t]];
                }
            }
            $fixed['sklearn-lloyd/1'] = ['py', ['algorithm' => 'lloyd', 'threads' => 1]];
            $grid['c-lloyd/1'] = ['c', []];
            $fixed['c-lloyd/1'] = ['c', []];
            if (in_array($n, $plainN, true)) {
                $grid['plain-php/1'] = ['plain', ['jit' => false]];
                $grid['plain-php-jit/1'] = ['plain', ['jit' => true]];
            }
            $grid = array_filter($grid, $want, ARRAY_FILTER_USE_KEY);
            $fixed = array_filter($fixed, static fn(string $id): bool => $want("fixed:$id"), ARRAY_FILTER_USE_KEY);

            $runOne = static function (string $id, array $spec, ?string $initFile, ?string $centroids, array $over = [])
                use ($o, $P, $k, $d, $data, $py, $pyOb, $ew, $php, $dir, $env, $env1, &$res): array {
                [$kind, $q] = $spec;
                $req = $over + ['k' => $k] + $P + ['init' => $initFile, 'centroids' => $centroids] + $q;
                $t0 = hrtime(true);
                switch ($kind) {
                    case 'ext':
                        $r = $ew->ask($req);
                        break;
                    case 'py':
                        $r = $py->ask($req);
                        break;
                    case 'pyob':
                        $r = $pyOb->ask($req);
                        break;
                    case 'c':
                        $cmd = [$o['lloyd'], $data, '--d', (string) $d, '--k', (string) $k, '--n-init', (string) $P['n_init'],
                                '--max-iter', (string) $P['max_iter'], '--tol', (string) $P['tol'], '--seed', (string) $P['seed']];
                        if ($initFile) {
                            array_push($cmd, '--init', $initFile);
                        }
                        $res['commands'][$initFile ? 'c-lloyd fixed-init' : 'c-lloyd'] ??= show_cmd($cmd);
                        if ($centroids) {
                            array_push($cmd, '--centroids', $centroids);
                        }
                        $r = run_process($cmd, $env1);
                        break;
                    default: // plain
                        $cmd = [...$php, '-d', 'opcache.enable_cli=' . ($q['jit'] ? 1 : 0)];
                        if ($q['jit']) {
                            array_push($cmd, '-d', 'opcache.jit=tracing', '-d', 'opcache.jit_buffer_size=64M');
                        }
                        array_push($cmd, "$dir/plain.php", $data, "--d=$d", "--k=$k", "--n-init={$P['n_init']}",
                            "--max-iter={$P['max_iter']}", "--tol={$P['tol']}", "--seed={$P['seed']}");
                        $res['commands'][$id] ??= show_cmd($cmd);
                        if ($centroids) {
                            $cmd[] = "--centroids=$centroids";
                        }
                        $r = run_process($cmd, $env1);
                }
                $r['driver_s'] = (hrtime(true) - $t0) / 1e9;
                return $r;
            };

            $record = static function (array &$slot, array $r): void {
                foreach (['fit_s', 'inertia', 'n_iter', 'total_iter', 'iter_s', 'peak_rss_kb', 'rss_loaded_kb', 'driver_s'] as $f) {
                    if (array_key_exists($f, $r)) {
                        $slot[$f][] = $r[$f];
                    }
                }
                $slot['last'] = $r;
            };

            foreach ([['methods', $grid, $rounds, null], ['fixed', $fixed, $fixedRounds, $init]] as [$part, $set, $nr, $initFile]) {
                if (!$set || $nr < 1) {
                    continue;
                }
                $ids = array_keys($set);
                for ($round = 0; $round < $nr; $round++) {
                    $line = sprintf('n=%d d=%d k=%d %s round %d/%d:', $n, $d, $k, $part === 'fixed' ? 'fixed-init' : 'k-means++', $round + 1, $nr);
                    echo $line;
                    $c = count($ids);
                    for ($j = 0; $j < $c; $j++) {
                        $id = $ids[($j + $round + $ki) % $c];
                        if (str_starts_with($id, 'plain') && $round >= $plainRounds) {
                            continue;
                        }
                        $cf = $round === 0 ? "$tmp/c-$n-$d-$k-$part-" . str_replace('/', '-', $id) . '.json' : null;
                        $r = $runOne($id, $set[$id], $initFile, $cf);
                        $cfg[$part][$id] ??= ['fit_s' => [], 'errors' => []];
                        if (isset($r['error'])) {
                            $fail("n=$n d=$d k=$k $part $id: {$r['error']}");
                            $cfg[$part][$id]['errors'][] = $r['error'];
                            continue;
                        }
                        $record($cfg[$part][$id], $r);
                        if ($cf) {
                            $cfg[$part][$id]['centroids_file'] = $cf;
                        }
                        printf(' %s %.3fs', $id, $r['fit_s']);
                    }
                    echo "\n";
                }
                foreach ($cfg[$part] as $id => &$m) {
                    foreach (['fit_s', 'peak_rss_kb', 'rss_loaded_kb', 'iter_s'] as $f) {
                        if (!empty($m[$f])) {
                            $m[$f . '_median'] = median($m[$f]);
                        }
                    }
                    // the same seed every round: the result must not change between rounds
                    $m['deterministic'] = isset($m['inertia']) ? count(array_unique(array_map('strval', $m['inertia']))) === 1 : null;
                }
                unset($m);
            }

            // Every method's centroids of the first round, inertia recomputed the same way.
            $files = [];
            foreach (['methods', 'fixed'] as $part) {
                foreach ($cfg[$part] as $id => $m) {
                    if (isset($m['centroids_file']) && is_file($m['centroids_file'])) {
                        $files["$part:$id"] = $m['centroids_file'];
                    }
                }
            }
            if ($files) {
                $chk = run_process([$o['python'], "$dir/check.py", $data, '--d', (string) $d, ...array_values($files)], $env1);
                foreach ($files as $key => $f) {
                    [$part, $id] = explode(':', $key, 2);
                    $v = $chk[$f] ?? null;
                    $cfg[$part][$id]['inertia_check'] = $v;
                    @unlink($f);
                    unset($cfg[$part][$id]['centroids_file']);
                    $own = $cfg[$part][$id]['inertia'][0] ?? null;
                    if ($v === null || $own === null || abs($own - $v) > 1e-6 * max(1.0, abs($v))) {
                        $fail("n=$n d=$d k=$k $part $id: reported inertia " . var_export($own, true)
                            . ' differs from the recomputed ' . var_export($v, true));
                    }
                }
                if (isset($chk['error'])) {
                    $fail("n=$n d=$d k=$k check.py: {$chk['error']}");
                }
            }
            // Quality: one fit per library compares two random local minima
            // (where k does not match the blobs, which one a fit reaches
            // changes with the seed), so the inertia target is judged on the
            // distribution of single restarts: --quality-restarts restarts
            // (n_init 1, seeds 0, 1, ...) per library, 1 thread (the thread
            // count, and elkan for scikit-learn, do not change a result). A
            // fit with n_init restarts keeps the best of n_init independent
            // restarts; its expected inertia is estimated from the sample as
            // the mean of the minimum over all n_init-subsets of it.
            $q = ['extension/1' => $grid['extension/1'] ?? null, 'sklearn-lloyd/1' => $grid['sklearn-lloyd/1'] ?? null];
            if ($qualityRestarts > 0 && $q['extension/1'] && $q['sklearn-lloyd/1']) {
                $cfg['quality'] = ['restarts' => $qualityRestarts, 'n_init' => $P['n_init'], 'inertia' => []];
                printf('n=%d d=%d k=%d quality, %d single restarts:', $n, $d, $k, $qualityRestarts);
                for ($seed = 0; $seed < $qualityRestarts; $seed++) {
                    foreach ($seed % 2 ? array_reverse($q) : $q as $id => $spec) {
                        $r = $runOne($id, $spec, null, null, ['seed' => $seed, 'n_init' => 1]);
                        if (isset($r['error'])) {
                            $fail("n=$n d=$d k=$k quality seed $seed $id: {$r['error']}");
                            continue;
                        }
                        $cfg['quality']['inertia'][$id][] = $r['inertia'];
                        $cfg['quality']['fit_s'][$id][] = $r['fit_s'];
                    }
                    if ($seed % 10 === 9) echo ' ', $seed + 1;
                }
                echo "\n";
                $e = $cfg['quality']['inertia']['extension/1'] ?? [];
                $sk = $cfg['quality']['inertia']['sklearn-lloyd/1'] ?? [];
                if (count($e) !== $qualityRestarts || count($sk) !== $qualityRestarts) {
                    $fail("n=$n d=$d k=$k quality: restarts missing");
                } else {
                    $cfg['quality']['mean'] = ['extension/1' => array_sum($e) / count($e), 'sklearn-lloyd/1' => array_sum($sk) / count($sk)];
                    $cfg['quality']['best_of'] = ['extension/1' => kmb_best_of($e, $P['n_init']), 'sklearn-lloyd/1' => kmb_best_of($sk, $P['n_init'])];
                    $cfg['quality']['min'] = ['extension/1' => min($e), 'sklearn-lloyd/1' => min($sk)];
                    $be = $cfg['quality']['best_of']['extension/1'];
                    $bs = $cfg['quality']['best_of']['sklearn-lloyd/1'];
                    $cfg['quality']['interval'] = kmb_ratio_interval($e, $sk, $P['n_init']);
                    // worse only when the whole 95 % interval is more than 0.1 % above
                    if ($cfg['quality']['interval'][0] > 1.001) {
                        $fail(sprintf('n=%d d=%d k=%d: extension expected inertia with n_init %d, from %d restarts, %.10g is %.3f %% above sklearn-lloyd\'s %.10g (95 %% interval of the ratio %.5f .. %.5f)',
                            $n, $d, $k, $P['n_init'], $qualityRestarts, $be, ($be / $bs - 1) * 100, $bs, ...$cfg['quality']['interval']));
                    }
                }
            }
            $cfg['loadavg_end'] = loadavg();
            $res['configs'][] = $cfg;
            // partial results survive an interrupted run
            file_put_contents($o['json'], json_encode($res + ['partial' => true], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES));
        }
        $py->stop();
        $pyOb?->stop();
        $ew?->stop();
    }
}
$res['loadavg_after'] = loadavg();
file_put_contents($o['json'], json_encode($res, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES));
exit($res['ok'] ? 0 : 1);
