<?php
/**
 * Inline SVG charts for the HTML report: horizontal bars, the R×F heatmap,
 * percentile bars. Pure functions from numbers to markup; every text goes
 * through h(). No script, no external resource: a chart is readable on its
 * own (values written on it, a <title> per mark for a tooltip, a legend).
 */

declare(strict_types=1);

namespace Segment\Cli;

/** Colour-blind-safe colours (Okabe and Ito) for the bar charts. */
const BAR_BLUE = '#0072B2';
const BAR_VERMILLION = '#D55E00';

/** Sequential scales (ColorBrewer Blues and Oranges), light to dark. */
const SCALE_BLUES = ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b'];
const SCALE_ORANGES = ['#fff5eb', '#fee6ce', '#fdd0a2', '#fdae6b', '#fd8d3c', '#f16913', '#d94801', '#a63603', '#7f2704'];

/** HTML and SVG text escaping. */
function h(string|int|float|null $s): string
{
    return htmlspecialchars((string) $s, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
}

/** A number for an SVG attribute (no locale, at most 2 decimals). */
function n(float|int $v): string
{
    $s = number_format($v, 2, '.', '');
    return str_contains($s, '.') ? rtrim(rtrim($s, '0'), '.') : $s;
}

/** The colour at t (0..1) along a scale, interpolated in RGB. */
function scale_colour(array $scale, float $t): string
{
    $t = max(0.0, min(1.0, $t));
    $x = $t * (count($scale) - 1);
    $i = min((int) floor($x), count($scale) - 2);
    $f = $x - $i;
    $a = sscanf($scale[$i], '#%02x%02x%02x');
    $b = sscanf($scale[$i + 1], '#%02x%02x%02x');
    return sprintf('#%02x%02x%02x', ...array_map(fn ($k) => (int) round($a[$k] + ($b[$k] - $a[$k]) * $f), [0, 1, 2]));
}

/** Dark or white text, whichever reads better on $bg (WCAG relative luminance). */
function text_on(string $bg): string
{
    $lin = fn (int $c) => ($c /= 255) <= 0.03928 ? $c / 12.92 : (($c + 0.055) / 1.055) ** 2.4;
    [$r, $g, $b] = sscanf($bg, '#%02x%02x%02x');
    $l = 0.2126 * $lin($r) + 0.7152 * $lin($g) + 0.0722 * $lin($b);
    // Contrast against white (1.05 / (l + 0.05)) vs against #1a1a1a (l + 0.05) / 0.0604.
    return 1.05 / ($l + 0.05) >= ($l + 0.05) / 0.0604 ? '#ffffff' : '#1a1a1a';
}

/**
 * Horizontal bars, one per item, the value written after the bar.
 *
 * @param list<array{label: string, value: float|int, text: string, title?: string}> $items
 */
function svg_bars(string $id, string $title, array $items, string $colour, string $legend): string
{
    $rowH = 26;
    $top = 34;
    $max = 0;
    $longestLabel = $longestText = 0;
    foreach ($items as $it) {
        $max = max($max, $it['value']);
        $longestLabel = max($longestLabel, strlen($it['label']));
        $longestText = max($longestText, strlen($it['text']));
    }
    // Room for the labels and the values at 12px (about 7px a character): nothing is clipped.
    $labelW = max(60, 7 * $longestLabel + 12);
    $barW = 220;
    $valueW = 7 * $longestText + 12;
    $height = $top + count($items) * $rowH + 10;
    $width = $labelW + $barW + $valueW;
    $o = sprintf('<svg class="chart bars" id="%s" role="img" aria-labelledby="%1$s-t" viewBox="0 0 %d %d" width="%2$d" height="%3$d">',
        h($id), $width, $height);
    $o .= sprintf('<title id="%s-t">%s</title>', h($id), h($title));
    // Legend: a swatch and what the bars measure.
    $o .= sprintf('<g class="legend"><rect x="%d" y="6" width="14" height="14" rx="2" fill="%s"/><text x="%d" y="17">%s</text></g>',
        $labelW, $colour, $labelW + 20, h($legend));
    foreach ($items as $i => $it) {
        $y = $top + $i * $rowH;
        $w = $max > 0 ? max(0.0, $it['value']) / $max * $barW : 0;
        $o .= '<g class="bar">';
        $o .= sprintf('<title>%s</title>', h(($it['title'] ?? $it['label']) . ': ' . $it['text']));
        $o .= sprintf('<text class="label" x="%d" y="%s" text-anchor="end">%s</text>', $labelW - 8, n($y + 17), h($it['label']));
        $o .= sprintf('<rect x="%d" y="%d" width="%s" height="%d" rx="2" fill="%s"/>', $labelW, $y + 4, n($w), $rowH - 8, $colour);
        $o .= sprintf('<text class="value" x="%s" y="%s">%s</text>', n($labelW + $w + 6), n($y + 17), h($it['text']));
        $o .= '</g>';
    }
    return $o . '</svg>';
}

/**
 * The R×F heatmap: rows R = bins (top, most recent) .. 1, columns
 * F = 1 .. bins; one <rect class="cell"> per (R, F) with its value written
 * in it, coloured on $scale from 0 to the largest cell; a colour legend.
 *
 * @param array<int, array<int, int|float>> $m $m[r][f]
 */
function svg_heatmap(string $id, string $title, array $m, int $bins, array $scale, callable $format, string $metric): string
{
    $cell = 64;
    $left = 78;
    $top = 16;
    $gridW = $bins * $cell;
    $legendY = $top + $gridW + 54;
    $width = $left + $gridW + 20;
    $height = $legendY + 46;
    $max = 0;
    foreach ($m as $row) foreach ($row as $v) $max = max($max, $v);
    $o = sprintf('<svg class="chart heatmap" id="%s" data-metric="%s" role="img" aria-labelledby="%1$s-t %1$s-d" viewBox="0 0 %d %d" width="%3$d" height="%4$d">',
        h($id), h($metric), $width, $height);
    $o .= sprintf('<title id="%s-t">%s</title>', h($id), h($title));
    $o .= sprintf('<desc id="%s-d">Rows: recency score R from %d (most recent, top) to 1; columns: frequency score F from 1 to %d (most orders, right). Each cell gives the %s of the customers with that R and F.</desc>',
        h($id), $bins, $bins, h($metric));
    for ($r = $bins; $r >= 1; $r--) {
        $y = $top + ($bins - $r) * $cell;
        $o .= sprintf('<text class="tick" x="%d" y="%d" text-anchor="end">R %d</text>', $left - 8, $y + $cell / 2 + 5, $r);
        for ($f = 1; $f <= $bins; $f++) {
            $x = $left + ($f - 1) * $cell;
            $v = $m[$r][$f] ?? 0;
            $fill = $v > 0 ? scale_colour($scale, $max > 0 ? $v / $max : 0) : '#f1f3f5';
            $o .= sprintf('<g><title>R %d, F %d: %s</title><rect class="cell" data-r="%d" data-f="%d" data-value="%s" x="%d" y="%d" width="%d" height="%d" fill="%s"/>',
                $r, $f, h($format($v)), $r, $f, h((string) $v), $x + 1, $y + 1, $cell - 2, $cell - 2, $fill);
            // style, not the fill attribute: the page's CSS for svg text would win over an attribute.
            $o .= sprintf('<text class="cell-value" x="%d" y="%d" text-anchor="middle" style="fill:%s">%s</text></g>',
                $x + $cell / 2, $y + $cell / 2 + 5, $v > 0 ? text_on($fill) : '#6b7280', h(short_number($v)));
        }
    }
    for ($f = 1; $f <= $bins; $f++) {
        $o .= sprintf('<text class="tick" x="%d" y="%d" text-anchor="middle">F %d</text>', $left + ($f - 0.5) * $cell,
            $top + $gridW + 18, $f);
    }
    $o .= sprintf('<text class="axis" x="%d" y="%d" text-anchor="middle">Frequency score F: more orders →</text>',
        $left + $gridW / 2, $top + $gridW + 38);
    $o .= sprintf('<text class="axis" transform="translate(16 %d) rotate(-90)" text-anchor="middle">Recency score R: more recent ↑</text>',
        $top + $gridW / 2);
    // Legend: the colour scale from 0 to the largest cell.
    $gid = $id . '-scale';
    $o .= sprintf('<defs><linearGradient id="%s">', h($gid));
    foreach ($scale as $i => $c) $o .= sprintf('<stop offset="%s" stop-color="%s"/>', n($i / (count($scale) - 1)), $c);
    $o .= '</linearGradient></defs>';
    $o .= sprintf('<g class="legend"><rect x="%d" y="%d" width="%d" height="12" fill="url(#%s)" stroke="#d0d4d9"/>', $left, $legendY,
        $gridW, h($gid));
    $o .= sprintf('<text class="tick" x="%d" y="%d">%s</text>', $left, $legendY + 28, h($format(0)));
    $o .= sprintf('<text class="tick" x="%d" y="%d" text-anchor="end">%s</text>', $left + $gridW, $legendY + 28, h($format($max)));
    $o .= sprintf('<text class="tick" x="%d" y="%d" text-anchor="middle">%s per cell</text></g>', $left + $gridW / 2, $legendY + 28,
        h($metric));
    return $o . '</svg>';
}

/** 1234 -> "1,234"; 123456.7 -> "123k"; for values written inside cells. */
function short_number(int|float $v): string
{
    $a = abs($v);
    if ($a >= 1e6) return number_format($v / 1e6, $a >= 1e7 ? 0 : 1) . 'M';
    if ($a >= 1e5) return number_format($v / 1e3, 0) . 'k';
    if (is_float($v) && $a >= 1e3) return number_format($v / 1e3, 1) . 'k';   // money: 3 digits are enough
    return number_format($v, 0, '.', ',');
}

/**
 * One feature's percentile (0..100) as a bar with a tick at the median.
 */
function svg_percentile(string $feature, float $percentile, string $valueText): string
{
    $w = 160;
    $x = $percentile / 100 * $w;
    $level = match (true) {
        $percentile < 10 => 'very low', $percentile < 30 => 'low', $percentile <= 70 => 'average',
        $percentile <= 90 => 'high', default => 'very high',
    };
    $o = sprintf('<svg class="pct" role="img" viewBox="0 0 %d 22" width="%1$d" height="22"><title>%s: %s, percentile %s (%s)</title>',
        $w + 2, h($feature), h($valueText), h(number_format($percentile, 0)), h($level));
    $o .= sprintf('<rect x="1" y="6" width="%d" height="10" rx="5" fill="#e9ecef"/>', $w);
    $o .= sprintf('<rect x="1" y="6" width="%s" height="10" rx="5" fill="%s"/>', n(max(2.0, $x)), BAR_BLUE);
    $o .= sprintf('<line x1="%s" x2="%1$s" y1="2" y2="20" stroke="#1a1a1a" stroke-width="1.5" stroke-dasharray="2 2"/>', n(1 + $w / 2));
    return $o . '</svg>';
}
