<?php
/**
 * The HTML report of `segment analyze --out`: one self-contained file
 * (inline CSS and SVG; no script, no font, no image, no URL), readable
 * offline and printable. Built from summarize()'s data; every text is
 * escaped with h().
 */

declare(strict_types=1);

namespace Segment\Cli;

const REPORT_CSS = <<<'CSS'
:root { --ink: #1a1a1a; --muted: #5b6470; --line: #dde1e6; --panel: #f7f8fa; --blue: #0072B2; --accent: #D55E00; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); background: #fff; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 24px 48px; }
header { border-bottom: 1px solid var(--line); margin-bottom: 24px; padding-bottom: 12px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 8px; }
h3 { font-size: 16px; margin: 0 0 4px; }
p.sub, .note, figcaption { color: var(--muted); }
.note { font-size: 13px; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; margin: 0; padding: 0; }
.kpi { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; list-style: none; }
.kpi .v { display: block; font-size: 22px; font-weight: 650; font-variant-numeric: tabular-nums; }
.kpi .l { color: var(--muted); font-size: 13px; }
.row { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
figure { margin: 0; }
figcaption { font-size: 13px; max-width: 420px; }
svg { max-width: 100%; height: auto; font-family: inherit; }
svg text { font-size: 12px; fill: var(--ink); }
svg .label { font-size: 12px; }
svg .value, svg .tick { fill: #3d4550; }
svg .axis { font-size: 12px; fill: var(--muted); }
svg .cell-value { font-size: 13px; font-weight: 600; }
svg .legend text { fill: #3d4550; }
table { border-collapse: collapse; margin: 8px 0 4px; font-size: 14px; }
th, td { padding: 5px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.segments { width: 100%; }
h3.rules { margin-top: 20px; font-size: 14px; }
table.rules td { border-bottom: 0; padding: 2px 10px; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--panel); padding: 1px 4px;
       border-radius: 4px; }
.clusters { display: grid; grid-template-columns: repeat(auto-fit, minmax(400px, 1fr)); gap: 16px; }
.cluster { border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; }
.cluster .meta { color: var(--muted); font-size: 13px; margin-bottom: 8px; }
.cluster table { width: 100%; margin: 0; }
.cluster td { border: 0; padding: 2px 4px; }
footer { margin-top: 40px; border-top: 1px solid var(--line); padding-top: 12px; color: var(--muted); font-size: 13px; }
@media print { main { padding: 0; } h2 { break-after: avoid; } .cluster, figure { break-inside: avoid; } }
CSS;

function render_report(array $s): string
{
    $t = $s['totals'];
    $title = 'Customer segments: ' . basename($s['file']);
    $o = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        . "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        . '<title>' . h($title) . "</title>\n<style>\n" . REPORT_CSS . "\n</style>\n</head>\n<body>\n<main>\n";
    $o .= '<header><h1>' . h($title) . '</h1><p class="sub">' . h(sprintf('%s · orders from %s to %s · recency measured to %s%s',
        $s['file'], substr($s['stats']['first_order_at'], 0, 10), substr($s['stats']['last_order_at'], 0, 10), $s['reference'],
        $s['reference_given'] ? '' : ' (the last order + 1 day)')) . "</p></header>\n";

    // Headline figures.
    $kpis = [
        ['customers', fmt_int($t['customers'])],
        ['with a counted order', fmt_int($t['with_orders'])],
        ['orders', fmt_int($t['orders'])],
        ['revenue', fmt_money($t['revenue'])],
        ['average order value', $t['orders'] ? fmt_money($t['revenue'] / $t['orders']) : '-'],
        ['orders per customer', $t['with_orders'] ? fmt_1($t['orders'] / $t['with_orders']) : '-'],
    ];
    $o .= '<section aria-label="Headline figures"><ul class="kpis">';
    foreach ($kpis as [$label, $value]) {
        $o .= '<li class="kpi"><span class="v">' . h($value) . '</span><span class="l">' . h($label) . '</span></li>';
    }
    $o .= "</ul></section>\n";

    $o .= section_segments($s);
    $o .= section_heatmaps($s);
    $o .= section_clusters($s);
    $o .= section_rfm($s);

    $st = $s['stats'];
    $o .= '<footer><p>' . h(sprintf('Read %s order lines; not counted: %s without a customer id, %s cancelled, %s returned. Columns: %s.',
        fmt_int($st['lines']), fmt_int($st['lines_without_customer']), fmt_int($st['cancelled_lines']),
        fmt_int($st['returned_lines']), describe_columns($s['columns']))) . '</p>';
    if ($s['cancelled_statuses']) {
        $o .= '<p>' . h('Statuses counted as cancelled: ' . implode(', ', array_unique(array_map('strtolower', $s['cancelled_statuses']))) . '.') . '</p>';
    }
    $o .= '<p>' . h(sprintf('Made by segment analyze (model %s). Revenue is the sum of the counted order lines; a customer\'s "monetary".',
        $s['model_version'])) . "</p></footer>\n";
    return $o . "</main>\n</body>\n</html>\n";
}

function section_segments(array $s): string
{
    $t = $s['totals'];
    $o = "<section id=\"segments\">\n<h2>Segments</h2>\n";
    $o .= '<p class="note">' . h(sprintf('Rules: %s. Each customer is counted once, in the highest-priority segment whose rule matches; "members" counts every customer a rule matches.',
        $s['rules_source'])) . "</p>\n";
    $customers = $revenue = [];
    foreach ($s['segments'] as $seg) {
        $label = $seg['code'] === '' ? '(none)' : $seg['code'];
        $customers[] = ['label' => $label, 'value' => $seg['customers'], 'title' => $seg['name'],
            'text' => sprintf('%s (%s)', fmt_int($seg['customers']), fmt_share($t['customers'] ? $seg['customers'] / $t['customers'] : null))];
        $revenue[] = ['label' => $label, 'value' => $seg['revenue'], 'title' => $seg['name'],
            'text' => sprintf('%s (%s)', fmt_money($seg['revenue']), fmt_share($t['revenue'] != 0 ? $seg['revenue'] / $t['revenue'] : null))];
    }
    $o .= '<div class="row">';
    $o .= '<figure>' . svg_bars('bars-customers', 'Customers per segment', $customers, BAR_BLUE, 'customers (share of all customers)')
        . '<figcaption>Customers per segment.</figcaption></figure>';
    $o .= '<figure>' . svg_bars('bars-revenue', 'Revenue per segment', $revenue, BAR_VERMILLION, 'revenue (share of all revenue)')
        . '<figcaption>Revenue per segment: what its customers spent over the whole file.</figcaption></figure>';
    $o .= "</div>\n";
    $o .= '<table class="segments"><thead><tr><th>segment</th><th>name</th><th class="n">customers</th><th class="n">share</th>'
        . '<th class="n">revenue</th><th class="n">revenue share</th><th class="n">average order</th><th class="n">members</th></tr></thead><tbody>';
    foreach ($s['segments'] as $seg) {
        $o .= '<tr><td>' . h($seg['code'] === '' ? '(none)' : $seg['code']) . '</td><td>' . h($seg['name']) . '</td>'
            . '<td class="n">' . h(fmt_int($seg['customers'])) . '</td>'
            . '<td class="n">' . h(fmt_share($t['customers'] ? $seg['customers'] / $t['customers'] : null)) . '</td>'
            . '<td class="n">' . h(fmt_money($seg['revenue'])) . '</td>'
            . '<td class="n">' . h(fmt_share($t['revenue'] != 0 ? $seg['revenue'] / $t['revenue'] : null)) . '</td>'
            . '<td class="n">' . h($seg['orders'] ? fmt_money($seg['revenue'] / $seg['orders']) : '-') . '</td>'
            . '<td class="n">' . h($seg['code'] === '' ? '' : fmt_int($seg['members'])) . '</td></tr>';
    }
    $o .= "</tbody></table>\n";
    $o .= '<h3 class="rules">The rules, highest priority first</h3><table class="rules"><thead><tr><th>segment</th><th>rule</th></tr></thead><tbody>';
    foreach ($s['segments'] as $seg) {
        if ($seg['code'] !== '') $o .= '<tr><td>' . h($seg['code']) . '</td><td><code>' . h($seg['rule']) . '</code></td></tr>';
    }
    return $o . "</tbody></table>\n</section>\n";
}

function section_heatmaps(array $s): string
{
    $bins = $s['rfm']['bins'];
    $o = "<section id=\"heatmaps\">\n<h2>Recency × frequency</h2>\n";
    $o .= '<p class="note">' . h(sprintf('Customers with a counted order by recency score R (%d = most recent) and frequency score F (%d = most orders), %s method with %d bins. The same grid twice: coloured by the number of customers, and by their revenue.',
        $bins, $bins, $s['rfm']['method'], $bins)) . "</p>\n";
    $empty = [];
    for ($f = 1; $f <= $bins; $f++) {
        $col = 0;
        for ($r = 1; $r <= $bins; $r++) $col += $s['heat']['customers'][$r][$f];
        if ($col === 0) $empty[] = "F $f";
    }
    $o .= '<div class="row">';
    $o .= '<figure>' . svg_heatmap('heat-customers', 'R × F: customers', $s['heat']['customers'], $bins, SCALE_BLUES,
        fn ($v) => fmt_int($v), 'customers') . '<figcaption>Customers per R × F cell.</figcaption></figure>';
    $o .= '<figure>' . svg_heatmap('heat-revenue', 'R × F: revenue', $s['heat']['revenue'], $bins, SCALE_ORANGES,
        fn ($v) => fmt_int(round((float) $v)), 'revenue') . '<figcaption>Revenue per R × F cell (k = thousands).</figcaption></figure>';
    $o .= "</div>\n";
    if ($empty) {
        $o .= '<p class="note">' . h(sprintf('%s %s empty: with the quantile method equal values get equal scores, and many customers have the same number of orders (most often one), so some frequency scores are never given.',
            implode(' and ', $empty), count($empty) === 1 ? 'is' : 'are')) . "</p>\n";
    }
    return $o . "</section>\n";
}

function section_clusters(array $s): string
{
    $o = "<section id=\"clusters\">\n<h2>Clusters</h2>\n";
    $o .= '<p class="note">' . h(sprintf('k-means with k = %d%s on %s (log1p for frequency and monetary, z-scores). The centre of each cluster is given in original units; each bar is the centre\'s percentile among all customers (the dashed line is the median).',
        $s['k'], $s['suggestion'] ? ' (the best silhouette over k = 2 to ' . end($s['suggestion']['rows'])['k'] . ')' : '',
        implode(', ', $s['features']))) . "</p>\n";
    $o .= '<div class="clusters">';
    foreach ($s['clusters'] as $c) {
        $o .= '<article class="cluster"><h3>' . h(sprintf('%d. %s', $c['cluster'], $c['name'])) . '</h3>';
        $o .= '<div class="meta">' . h(sprintf('%s customers (%s) · revenue %s', fmt_int($c['size']), fmt_share($c['share']),
            fmt_money($c['revenue']))) . '<br>' . h($c['description'] === '' ? 'close to the average on every feature' : $c['description']) . '</div>';
        $o .= '<table><tbody>';
        foreach ($c['centroid'] as $feature => $value) {
            $text = match ($feature) {
                'recency' => fmt_1($value) . ' days',
                'frequency' => fmt_1($value) . ' orders',
                'monetary', 'avg_order_value', 'returned' => fmt_money($value),
                default => fmt_1($value),
            };
            $pct = $c['percentiles'][$feature] ?? null;
            $o .= '<tr><td>' . h($feature) . '</td><td class="n">' . h($text) . '</td><td>'
                . ($pct === null ? '' : svg_percentile($feature, $pct, $text)) . '</td><td class="n">'
                . h($pct === null ? '' : 'p' . number_format($pct, 0)) . '</td></tr>';
        }
        $o .= '</tbody></table></article>';
    }
    $o .= "</div>\n";
    if ($s['suggestion']) {
        $o .= '<table class="suggest"><thead><tr><th class="n">k</th><th class="n">inertia</th><th class="n">silhouette</th></tr></thead><tbody>';
        foreach ($s['suggestion']['rows'] as $r) {
            $o .= sprintf('<tr><td class="n">%s</td><td class="n">%s</td><td class="n">%s</td></tr>', h($r['k']),
                h(number_format($r['inertia'], 1)), h($r['silhouette'] === null ? '-' : number_format($r['silhouette'], 4)));
        }
        $o .= "</tbody></table>\n";
    }
    return $o . "</section>\n";
}

function section_rfm(array $s): string
{
    $o = "<section id=\"rfm\">\n<h2>RFM segments</h2>\n";
    $o .= '<p class="note">' . h('The 11 classic segments on (R, F) (docs/rfm.md, section 7), for the customers with a counted order.') . "</p>\n";
    foreach (['summary' => 'segment', 'retention' => 'retention stage'] as $key => $what) {
        $o .= '<table class="rfm-' . h($key) . '"><thead><tr><th>' . h($what) . '</th><th class="n">customers</th><th class="n">share</th>'
            . '<th class="n">revenue</th><th class="n">mean recency (days)</th><th class="n">mean orders</th></tr></thead><tbody>';
        foreach ($s['rfm'][$key] as $name => $r) {
            $o .= '<tr><td>' . h($name === '' ? '(no name)' : (string) $name) . '</td><td class="n">' . h(fmt_int($r['customers']))
                . '</td><td class="n">' . h(fmt_share($r['share'])) . '</td><td class="n">' . h(fmt_money($r['monetary']))
                . '</td><td class="n">' . h(fmt_1($r['recency_mean'])) . '</td><td class="n">' . h(fmt_1($r['frequency_mean'])) . '</td></tr>';
        }
        $o .= "</tbody></table>\n";
    }
    return $o . "</section>\n";
}
