<?php

/**
 * Writes the "request" section of bench/RESULTS.md from run.sh's results.
 *
 *   php bench/request/report.php RESULTS.md results.jsonl SO REQUESTS COMMAND
 */

declare(strict_types=1);

require_once __DIR__ . '/../results.php';

[, $file, $jsonl, $so, $checked, $command] = $argv;
const TARGET_US = 10.0;
const TARGET_RATIO = 20.0;
$rows = array_map(fn($l) => json_decode($l, true), array_filter(explode("\n", file_get_contents($jsonl))));
$by = [];
foreach ($rows as $r) {
    $by[$r['method']][] = $r['us_per_request'];
}
$median = static function (array $xs): float {
    sort($xs);
    $n = count($xs);
    return $n % 2 ? $xs[intdiv($n, 2)] : ($xs[$n / 2 - 1] + $xs[$n / 2]) / 2;
};
// same-run ratios: the plain run of round i against each extension run of round i
$plain = array_values(array_filter($rows, fn($r) => $r['method'] === 'plain-php'));
$ratiosOf = static function (string $method) use ($rows, $plain): array {
    $out = [];
    foreach (array_values(array_filter($rows, fn($r) => $r['method'] === $method)) as $i => $e) {
        if (isset($plain[$i])) $out[] = $plain[$i]['us_per_request'] / $e['us_per_request'];
    }
    return $out;
};
$ratios = $ratiosOf('extension');
$me = $median($by['extension']);
$mp = $median($by['plain-php']);
$mr = $median($ratios);
$cpu = trim((string) shell_exec("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"));
$md = [];
$md[] = '## Per-request cost: model, context, RFM, clusters and 20 rules (`bench/request`)';
$md[] = '';
$md[] = '- Date: ' . gmdate('Y-m-d H:i') . ' UTC; machine: ' . php_uname('s') . ' ' . php_uname('r') . ", $cpu, nproc "
    . trim((string) shell_exec('nproc')) . '; load average before the report: ' . implode(' ', array_map(fn($x) => sprintf('%.2f', $x), sys_getloadavg()));
$md[] = '- PHP ' . PHP_VERSION . ' CLI with opcache (`opcache.enable_cli=1`, `opcache.file_update_protection=0`: the files were '
    . 'just written), each process pinned to one core; extension `' . $so . '`.';
$md[] = "- Command: `$command`. Every round runs both methods (order alternating), each over the 2,000 requests of "
    . '`setup.php` in a loop; the figure is the loop\'s wall time per request. Before timing, both produced **the same '
    . "segments for all $checked requests** (checked by run.sh). The requests span 21 days and are in time order, as "
    . 'a worker sees them.';
$md[] = '- One request, extension: `Segment\Model::load($file, $config[\'SEGMENT_MODEL_VERSION\'])` (the per-process '
    . 'cache by the version a module keeps in its configuration: a lookup, no stat), '
    . '`Segment\Context::fromRequest($_SERVER, $_COOKIE, $_GET)->with($cart)`, `$model->segments($profile, $context)` '
    . '(the segment codes, which is what the plain PHP computes). Also timed in every round, not counted: the same with '
    . '`$model->assign($profile, $context)[\'segments\']` (the attributes array built too, as the PrestaShop module\'s '
    . 'front hook uses it), and that with `Segment\Model::load($file)` (a stat per request: the previous runs\' request); '
    . 'and the counted request over the same requests in a fixed random order (`--shuffled`), where consecutive requests '
    . 'jump between days, as in runs before the time order, which no server sees.';
$md[] = '- One request, plain PHP: `require` of the model as a PHP array (opcache keeps it), the context with '
    . '`preg_match`/`parse_url`/`date`, RFM scores and segment maps, the nearest of 8 centroids, and the 20 rules with '
    . 'Symfony ExpressionLanguage 5.4 (Debian\'s), each parsed once per process and `evaluate()`d per request.';
$md[] = '';
$md[] = '| method | µs per request (median of ' . count($by['extension']) . ' rounds) | rounds |';
$md[] = '|---|---:|---|';
$labels = [
    'extension' => 'extension: load by version, `segments()`',
    'extension-assign' => 'also: load by version, `assign()`',
    'extension-stat-assign' => 'also: load by path (stat), `assign()`',
    'extension-shuffled' => 'also: load by version, `segments()`, requests in random time order',
];
$fmt = static fn(array $xs, string $f) => implode(', ', array_map(fn($x) => sprintf($f, $x), $xs));
foreach ($labels as $method => $label) {
    if (isset($by[$method])) {
        $md[] = sprintf('| %s | %.2f | %s |', $label, $median($by[$method]), $fmt($by[$method], '%.2f'));
    }
}
$md[] = sprintf('| plain PHP + ExpressionLanguage | %.1f | %s |', $mp, $fmt($by['plain-php'], '%.1f'));
$md[] = '';
$md[] = sprintf('Same-run ratio plain / extension: median %.1fx (rounds: %s).', $mr, $fmt($ratios, '%.1f'));
foreach (['extension-assign', 'extension-stat-assign', 'extension-shuffled'] as $method) {
    $rs = $ratiosOf($method);
    if ($rs) {
        $md[] = sprintf('Also, not counted: plain / %s: median %.1fx (rounds: %s).', strtr($labels[$method], ['also: ' => '']), $median($rs), $fmt($rs, '%.1f'));
    }
}
$md[] = '';
$md[] = sprintf('Targets (issue 5): under %.0f µs per request — **%s** (%.2f µs); at least %.0fx faster than the PHP equivalent — **%s** (%.1fx).',
    TARGET_US, $me < TARGET_US ? 'met' : 'NOT met', $me, TARGET_RATIO, $mr >= TARGET_RATIO ? 'met' : 'NOT met', $mr);
$section = "<!-- request:begin -->\n" . implode("\n", $md) . "\n<!-- request:end -->";
bench_replace_section($file, '<!-- request:begin -->', '<!-- request:end -->', $section);
echo "wrote the request section of $file\n";
