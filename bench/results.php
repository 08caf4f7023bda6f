<?php

/**
 * Shared by the benchmarks' report.php scripts: each owns one section of
 * bench/RESULTS.md, between its own begin and end markers.
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
