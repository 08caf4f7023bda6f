<?php

/**
 * Shared by the benchmarks' drivers and report scripts: the command line as
 * it is shown, the median, and the section of bench/RESULTS.md each report
 * owns, between its own begin and end markers.
 */

declare(strict_types=1);

/**
 * Puts $section (which starts with $begin and ends with $end) in place of
 * the text between those markers in the file at $path, or appends it when
 * the markers are missing; creates the file when there is none.
 */
function bench_replace_section(string $path, string $begin, string $end, string $section): void
{
    $text = is_file($path) ? (string) file_get_contents($path) : "# Benchmark results\n";
    $b = strpos($text, $begin);
    $e = strpos($text, $end);
    if ($b !== false && $e !== false && $e > $b) {
        $text = substr($text, 0, $b) . $section . substr($text, $e + strlen($end));
    } else {
        $text = rtrim($text) . "\n\n" . $section . "\n";
    }
    file_put_contents($path, $text);
}

/** A command as a shell would take it, quoting only what needs it. */
function show_cmd(array $cmd): string
{
    return implode(' ', array_map(static fn(string $a): string
        => preg_match('/^[A-Za-z0-9_\/.=:,+@%-]+$/', $a) ? $a : escapeshellarg($a), $cmd));
}

/** The median; null for no values. */
function median(array $xs): ?float
{
    if (!$xs) {
        return null;
    }
    sort($xs);
    $k = count($xs);
    return $k % 2 ? (float) $xs[intdiv($k, 2)] : ($xs[$k / 2 - 1] + $xs[$k / 2]) / 2;
}

/**
 * A report script's command line: RESULTS.md RESULTS.json, --alias=PATH=NAME
 * (any number; how paths are shown), --NAME=VALUE for each name in $opts
 * (given: its default), and --NAME=VALUE collected into a list for each
 * name in $lists.  Exits 2 with $usage on anything else, or when the JSON
 * cannot be read.
 *
 * Returns [$resultsPath, $results (the decoded JSON), $opts, $lists, $show]:
 * $show(string) puts the aliases (longest first) and then --root, when one
 * of $opts, as $(pwd) in place of the paths in a command.
 */
function bench_report_args(array $argv, string $usage, array $opts = [], array $lists = []): array
{
    $alias = [];
    $pos = [];
    $collected = array_fill_keys($lists, []);
    foreach (array_slice($argv, 1) as $arg) {
        if (preg_match('/^--alias=(.+)=([^=]*)$/s', $arg, $m)) {
            $alias[$m[1]] = $m[2];
        } elseif (preg_match('/^--([a-z-]+)=(.*)$/s', $arg, $m) && array_key_exists($m[1], $collected)) {
            $collected[$m[1]][] = $m[2];
        } elseif (preg_match('/^--([a-z-]+)=(.*)$/s', $arg, $m) && array_key_exists($m[1], $opts)) {
            $opts[$m[1]] = $m[2];
        } else {
            $pos[] = $arg;
        }
    }
    if (count($pos) !== 2) {
        fwrite(STDERR, "usage: $usage\n");
        exit(2);
    }
    [$resultsPath, $jsonPath] = $pos;
    $results = json_decode((string) @file_get_contents($jsonPath), true);
    if (!is_array($results)) {
        fwrite(STDERR, "cannot read $jsonPath\n");
        exit(2);
    }
    uksort($alias, static fn(string $a, string $b): int => strlen($b) <=> strlen($a));
    $root = $opts['root'] ?? null;
    $show = static function (string $cmd) use ($alias, $root): string {
        $cmd = strtr($cmd, $alias);
        return $root ? str_replace($root, '$(pwd)', $cmd) : $cmd;
    };
    return [$resultsPath, $results, $opts, $collected, $show];
}
