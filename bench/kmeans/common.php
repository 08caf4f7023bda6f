<?php

/**
 * Shared by ext.php and plain.php: arguments, loading a generate.py file as
 * PHP rows, memory figures, the JSON line.
 */

declare(strict_types=1);

/**
 * DATA.f64 --d=D --k=K [--n-init=3] [--max-iter=100] [--tol=1e-4] [--seed=0]
 * [--threads=1] [--algorithm=auto] [--init=INIT.f64] [--centroids=OUT.json], or
 * DATA.f64 --d=D --serve (fits requested on stdin, see ext.php)
 *
 * @return array{data: string, d: int, k: int, n_init: int, max_iter: int, tol: float, seed: int,
 *               threads: int, algorithm: string, init: ?string, centroids: ?string}
 */
function kmb_args(array $argv): array
{
    $o = ['data' => null, 'd' => 0, 'k' => 0, 'n-init' => '3', 'max-iter' => '100', 'tol' => '1e-4', 'seed' => '0',
          'threads' => '1', 'algorithm' => 'auto', 'init' => null, 'centroids' => null, 'serve' => false];
    foreach (array_slice($argv, 1) as $arg) {
        if ($arg === '--serve') {
            $o['serve'] = true;
        } elseif (preg_match('/^--([a-z-]+)=(.*)$/s', $arg, $m) && array_key_exists($m[1], $o) && $m[1] !== 'data') {
            $o[$m[1]] = $m[2];
        } elseif ($o['data'] === null && !str_starts_with($arg, '--')) {
            $o['data'] = $arg;
        } else {
            fwrite(STDERR, "unknown argument: $arg\n");
            exit(2);
        }
    }
    if ($o['data'] === null || (int) $o['d'] < 1 || ((int) $o['k'] < 1 && !$o['serve'])) {
        fwrite(STDERR, "usage: php {$argv[0]} DATA.f64 --d=D --k=K [--n-init=3] [--max-iter=100] [--tol=1e-4] "
            . "[--seed=0] [--threads=1] [--algorithm=auto] [--init=INIT.f64] [--centroids=OUT.json]\n");
        exit(2);
    }
    return ['data' => $o['data'], 'd' => (int) $o['d'], 'k' => (int) $o['k'], 'n_init' => (int) $o['n-init'],
            'max_iter' => (int) $o['max-iter'], 'tol' => (float) $o['tol'], 'seed' => (int) $o['seed'],
            'threads' => (int) $o['threads'], 'algorithm' => $o['algorithm'], 'init' => $o['init'],
            'centroids' => $o['centroids'], 'serve' => $o['serve']];
}

/** A file of little-endian doubles as a list of rows of $d floats. */
function kmb_rows(string $path, int $d): array
{
    $bytes = file_get_contents($path);
    if ($bytes === false || strlen($bytes) % (8 * $d) !== 0) {
        fwrite(STDERR, "$path: cannot read, or not a multiple of $d doubles\n");
        exit(2);
    }
    $flat = unpack('e*', $bytes); // keys 1..n*d
    unset($bytes);
    $rows = array_chunk($flat, $d); // lists of $d floats
    unset($flat);
    return $rows;
}

function kmb_status_kb(string $key): ?int
{
    $s = (string) @file_get_contents('/proc/self/status');
    return preg_match('/^' . preg_quote($key, '/') . ':\s+(\d+)/m', $s, $m) ? (int) $m[1] : null;
}

/** Resets the process's peak RSS (VmHWM) to its current RSS; false when the kernel refuses. */
function kmb_reset_peak(): bool
{
    return @file_put_contents('/proc/self/clear_refs', '5') === 1;
}

/** Prints the JSON line; writes the centroids when asked. */
function kmb_finish(?string $centroidsPath, array $out, array $centroids): void
{
    if ($centroidsPath !== null) {
        file_put_contents($centroidsPath, json_encode($centroids, JSON_PRESERVE_ZERO_FRACTION));
    }
    $out['peak_rss_kb'] = kmb_status_kb('VmHWM');
    echo json_encode($out, JSON_PRESERVE_ZERO_FRACTION | JSON_UNESCAPED_SLASHES), "\n";
}
