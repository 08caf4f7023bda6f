<?php
/**
 * Aligned text tables and number formats for the terminal. Colour (bold
 * headings, dim notes) only when stdout is a terminal and NO_COLOR is unset.
 */

declare(strict_types=1);

namespace Segment\Cli;

final class Style
{
    public function __construct(public readonly bool $colour)
    {
    }

    public static function forStdout(): self
    {
        $tty = function_exists('stream_isatty') && stream_isatty(STDOUT);
        return new self($tty && getenv('NO_COLOR') === false);
    }

    public function bold(string $s): string
    {
        return $this->colour ? "\033[1m$s\033[0m" : $s;
    }

    public function dim(string $s): string
    {
        return $this->colour ? "\033[2m$s\033[0m" : $s;
    }

    public function green(string $s): string
    {
        return $this->colour ? "\033[32m$s\033[0m" : $s;
    }

    public function red(string $s): string
    {
        return $this->colour ? "\033[31m$s\033[0m" : $s;
    }
}

/** Display width of a UTF-8 string (terminal columns). */
function text_width(string $s): int
{
    return function_exists('mb_strwidth') ? mb_strwidth($s, 'UTF-8') : strlen($s);
}

/**
 * A table: a heading line, then one line per row; columns separated by two
 * spaces, each padded to its widest cell, numbers right-aligned.
 *
 * @param list<array{0: string, 1: 'l'|'r'}> $columns title and alignment
 * @param list<list<string>> $rows cells already formatted
 */
function render_table(array $columns, array $rows, Style $style, string $indent = '  '): string
{
    $widths = array_map(fn ($c) => text_width($c[0]), $columns);
    foreach ($rows as $row) {
        foreach ($row as $i => $cell) $widths[$i] = max($widths[$i], text_width($cell));
    }
    $line = function (array $cells) use ($columns, $widths): string {
        $parts = [];
        $last = count($columns) - 1;
        foreach ($columns as $i => [, $align]) {
            $cell = $cells[$i] ?? '';
            $pad = str_repeat(' ', $widths[$i] - text_width($cell));
            $parts[] = $align === 'r' ? $pad . $cell : ($i === $last ? $cell : $cell . $pad);
        }
        return rtrim(implode('  ', $parts));
    };
    $out = $indent . $style->bold($line(array_map(fn ($c) => $c[0], $columns))) . "\n";
    foreach ($rows as $row) $out .= $indent . $line($row) . "\n";
    return $out;
}

function fmt_int(int|float $n): string
{
    return number_format($n, 0, '.', ',');
}

function fmt_money(float $v): string
{
    return number_format($v, 2, '.', ',');
}

/** A share (0..1) as "12.3 %"; "-" without a total. */
function fmt_share(?float $v): string
{
    return $v === null ? '-' : number_format(100 * $v, 1, '.', ',') . ' %';
}

/** A mean or a figure with one decimal; "-" for null. */
function fmt_1(?float $v): string
{
    return $v === null ? '-' : number_format($v, 1, '.', ',');
}
