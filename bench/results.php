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
