<?php
/**
 * `segment analyze ORDERS.csv`: profiles, RFM, clusters and rule segments
 * from an order export; a summary in the terminal and, with --out, an HTML
 * report (report.php).
 */

declare(strict_types=1);

namespace Segment\Cli;

const ANALYZE_OPTIONS = ORDER_OPTIONS + ['k' => 'value', 'rules' => 'value', 'out' => 'value'];

function cmd_analyze(array $args): int
{
    [$opts, $pos] = parse_args($args, ANALYZE_OPTIONS, 'analyze');
    if (count($pos) !== 1) throw new UsageError(count($pos) ? 'one order file, please' : 'which order file?', 'analyze');
    $progress = Progress::fromOptions($opts);
    $orders = read_orders($pos[0], $opts, $progress, 'analyze');
    $fitted = fit_orders($orders, $opts, $progress, 'analyze');
    $progress->step('segments');
    $summary = summarize($orders, $fitted);
    if (isset($opts['out'])) {
        $progress->step('writing ' . $opts['out']);
        write_atomically($opts['out'], render_report($summary));
    }
    $progress->done('analyzed ' . basename($orders->path));
    if (!$opts['quiet']) {
        echo render_summary($summary, Style::forStdout());
        if (isset($opts['out'])) echo "\nReport: ", realpath($opts['out']) ?: $opts['out'], "\n";
    }
    return 0;
}

/**
 * Everything analyze shows, as data: the terminal summary and the HTML
 * report are two views of it.
 */
function summarize(Orders $orders, Fitted $f): array
{
    $rfmModel = $f->rfm->toArray();
    $bins = $rfmModel['bins'];
    $segments = [];
    foreach ($f->rules->definitions() as $d) {
        if (!($d['enabled'] ?? true)) continue;
        $segments[$d['code']] = ['code' => $d['code'], 'name' => $d['name'] ?? $d['code'], 'rule' => $d['rule'],
            'customers' => 0, 'revenue' => 0.0, 'orders' => 0, 'members' => 0];
    }
    $none = ['code' => '', 'name' => 'in no segment', 'rule' => '', 'customers' => 0, 'revenue' => 0.0, 'orders' => 0, 'members' => 0];
    $heatCustomers = array_fill(1, $bins, array_fill(1, $bins, 0));
    $heatRevenue = array_fill(1, $bins, array_fill(1, $bins, 0.0));
    $clusterRevenue = array_fill(0, $f->k, 0.0);
    $totals = ['customers' => 0, 'with_orders' => 0, 'orders' => 0, 'revenue' => 0.0];
    foreach (assign_all($orders, $f->model) as [$p, $result]) {
        $totals['customers']++;
        $totals['orders'] += $p['orders'];
        $totals['revenue'] += $p['monetary'];
        if ($p['orders'] > 0) $totals['with_orders']++;
        $codes = $result['segments'];
        foreach ($codes as $c) $segments[$c]['members']++;
        $primary = $codes ? $codes[0] : null;
        if ($primary === null) {
            $none['customers']++;
            $none['revenue'] += $p['monetary'];
            $none['orders'] += $p['orders'];
        } else {
            $segments[$primary]['customers']++;
            $segments[$primary]['revenue'] += $p['monetary'];
            $segments[$primary]['orders'] += $p['orders'];
        }
        $a = $result['attributes'];
        if ($a['rfm'] !== null) {
            $heatCustomers[$a['rfm']['r']][$a['rfm']['f']]++;
            $heatRevenue[$a['rfm']['r']][$a['rfm']['f']] += $p['monetary'];
        }
        if ($a['cluster'] !== null) $clusterRevenue[$a['cluster']] += $p['monetary'];
    }
    if ($none['customers'] > 0) $segments[''] = $none;
    $clusters = $f->kmeans->describe();
    foreach ($clusters as $i => $c) $clusters[$i]['revenue'] = $clusterRevenue[$i];
    return [
        'file' => $orders->path,
        'columns' => $orders->columns,
        'cancelled_statuses' => $orders->options['cancelled_statuses'] ?? null,
        'stats' => $orders->stats,
        'reference' => $orders->referenceString(),
        'reference_given' => $orders->referenceGiven,
        'totals' => $totals,
        'segments' => $segments,
        'rules_source' => $f->rulesSource,
        'rfm' => ['method' => $rfmModel['method'], 'bins' => $bins, 'summary' => $f->rfm->summary('segment'),
                  'retention' => $f->rfm->summary('retention')],
        'heat' => ['customers' => $heatCustomers, 'revenue' => $heatRevenue],
        'k' => $f->k,
        'suggestion' => $f->suggestion,
        'clusters' => $clusters,
        'features' => array_map(fn ($x) => $x['name'], $f->kmeans->toArray()['features']),
        'notes' => $f->notes,
        'model_version' => $f->model->version(),
    ];
}

/** The terminal view of summarize(). */
function render_summary(array $s, Style $st): string
{
    $t = $s['totals'];
    $out = $st->bold('segment analyze ' . $s['file']) . "\n";
    $out .= sprintf("  %s order lines, %s customers (%s with a counted order), %s orders\n",
        fmt_int($s['stats']['lines']), fmt_int($t['customers']), fmt_int($t['with_orders']), fmt_int($t['orders']));
    $out .= sprintf("  revenue %s, average order value %s\n", fmt_money($t['revenue']),
        $t['orders'] ? fmt_money($t['revenue'] / $t['orders']) : '-');
    $out .= sprintf("  orders from %s to %s; recency measured to %s%s\n", substr($s['stats']['first_order_at'], 0, 10),
        substr($s['stats']['last_order_at'], 0, 10), $s['reference'], $s['reference_given'] ? '' : ' (the last order + 1 day)');
    $out .= $st->dim('  columns: ' . describe_columns($s['columns'])) . "\n";
    $skipped = [];
    if ($s['stats']['lines_without_customer']) $skipped[] = fmt_int($s['stats']['lines_without_customer']) . ' without a customer id (guests)';
    if ($s['stats']['cancelled_lines']) $skipped[] = fmt_int($s['stats']['cancelled_lines']) . ' cancelled';
    if ($s['stats']['returned_lines']) $skipped[] = fmt_int($s['stats']['returned_lines']) . ' returned';
    if ($skipped) $out .= $st->dim('  lines not counted: ' . implode(', ', $skipped)) . "\n";
    foreach ($s['notes'] as $n) $out .= "  note: $n\n";

    $out .= "\n" . $st->bold('Segments') . $st->dim(sprintf(' (rules: %s)', $s['rules_source'])) . "\n";
    $rows = [];
    foreach ($s['segments'] as $seg) {
        $rows[] = [$seg['code'] === '' ? '(none)' : $seg['code'], $seg['name'], fmt_int($seg['customers']),
            fmt_share($t['customers'] ? $seg['customers'] / $t['customers'] : null), fmt_money($seg['revenue']),
            fmt_share($t['revenue'] != 0 ? $seg['revenue'] / $t['revenue'] : null),
            $seg['orders'] ? fmt_money($seg['revenue'] / $seg['orders']) : '-',
            $seg['code'] === '' ? '' : fmt_int($seg['members'])];
    }
    $out .= render_table([['segment', 'l'], ['name', 'l'], ['customers', 'r'], ['share', 'r'], ['revenue', 'r'],
        ['revenue share', 'r'], ['avg order', 'r'], ['members', 'r']], $rows, $st);
    $out .= $st->dim('  each customer is counted once, in its highest-priority segment; members: every customer the rule matches') . "\n";

    $out .= "\n" . $st->bold('RFM segments') . $st->dim(sprintf(' (rf11 map, %s method, %d bins; customers with a counted order)',
        $s['rfm']['method'], $s['rfm']['bins'])) . "\n";
    $rows = [];
    foreach ($s['rfm']['summary'] as $name => $r) {
        $rows[] = [$name === '' ? '(no name)' : (string) $name, fmt_int($r['customers']), fmt_share($r['share']),
            fmt_money($r['monetary']), fmt_1($r['recency_mean']), fmt_1($r['frequency_mean'])];
    }
    $out .= render_table([['segment', 'l'], ['customers', 'r'], ['share', 'r'], ['revenue', 'r'],
        ['mean recency (days)', 'r'], ['mean orders', 'r']], $rows, $st);

    $title = sprintf(' (k-means, k = %d%s; features %s)', $s['k'],
        $s['suggestion'] ? ', chosen by silhouette over k = 2..' . end($s['suggestion']['rows'])['k'] : '',
        implode(', ', $s['features']));
    $out .= "\n" . $st->bold('Clusters') . $st->dim($title) . "\n";
    $rows = [];
    foreach ($s['clusters'] as $c) {
        $rows[] = [(string) $c['cluster'], $c['name'], fmt_int($c['size']), fmt_share($c['share']),
            fmt_1($c['centroid']['recency'] ?? null), fmt_1($c['centroid']['frequency'] ?? null),
            fmt_money($c['centroid']['monetary'] ?? 0.0), fmt_money($c['revenue']), $c['description']];
    }
    $out .= render_table([['#', 'r'], ['name', 'l'], ['customers', 'r'], ['share', 'r'], ['recency', 'r'],
        ['orders', 'r'], ['monetary', 'r'], ['revenue', 'r'], ['description', 'l']], $rows, $st);
    $out .= $st->dim('  recency, orders, monetary: the cluster centre, in days, orders and money') . "\n";
    return $out;
}

/** "customer=customer_id, order=order_id, ..." */
function describe_columns(array $columns): string
{
    $parts = [];
    foreach ($columns as $field => $col) $parts[] = "$field=$col";
    return implode(', ', $parts);
}

/** Writes $path through a temporary file in the same directory and a rename. */
function write_atomically(string $path, string $data): void
{
    $dir = dirname($path);
    if (!is_dir($dir)) throw new Failure("$path: no such directory: $dir");
    $tmp = $path . '.tmp.' . getmypid();
    if (@file_put_contents($tmp, $data) !== strlen($data)) {
        $why = error_get_last()['message'] ?? 'write failed';
        @unlink($tmp);
        throw new Failure("$path: cannot write: $why");
    }
    if (!@rename($tmp, $path)) {
        $why = error_get_last()['message'] ?? 'rename failed';
        @unlink($tmp);
        throw new Failure("$path: cannot write: $why");
    }
}
