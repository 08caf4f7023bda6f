<?php
/**
 * The commands around a saved Segment\Model (docs/model.md):
 *   fit      the analysis of an order file, saved as a model file;
 *   assign   each customer's segments, RFM segment and cluster from the model;
 *   explain  why one customer is or is not in each of the model's segments.
 */

declare(strict_types=1);

namespace Segment\Cli;

use Segment\Model;

const FIT_OPTIONS = ORDER_OPTIONS + ['k' => 'value', 'rules' => 'value', 'model' => 'value'];
const ASSIGN_OPTIONS = ORDER_OPTIONS + ['model' => 'value', 'customer' => 'list', 'format' => 'value'];
const EXPLAIN_OPTIONS = ORDER_OPTIONS + ['model' => 'value'];

function cmd_fit(array $args): int
{
    [$opts, $pos] = parse_args($args, FIT_OPTIONS, 'fit');
    if (count($pos) !== 1) throw new UsageError(count($pos) ? 'one order file, please' : 'which order file?', 'fit');
    if (!isset($opts['model'])) throw new UsageError('--model FILE is required: where to write the model', 'fit');
    $progress = Progress::fromOptions($opts);
    $orders = read_orders($pos[0], $opts, $progress, 'fit');
    $f = fit_orders($orders, $opts, $progress, 'fit');
    $progress->step('writing ' . $opts['model']);
    try {
        $f->model->save($opts['model']);
    } catch (\Segment\Exception $e) {
        throw new Failure($e->getMessage(), 0, $e);
    }
    $progress->done('fitted ' . basename($orders->path));
    if (!$opts['quiet']) {
        $names = array_map(fn ($c) => $c['name'], $f->kmeans->describe());
        printf("model %s written to %s\n", $f->model->version(), $opts['model']);
        printf("  %d segment%s (%s rules), RFM %s with %d bins on %s customers (reference %s), k-means k = %d: %s\n",
            count($f->rules), count($f->rules) === 1 ? '' : 's', $f->rulesSource, $f->rfm->toArray()['method'],
            $f->rfm->toArray()['bins'], fmt_int($f->rfm->toArray()['customers']), $orders->referenceString(), $f->k,
            implode('; ', $names));
        foreach ($f->notes as $n) echo "  note: $n\n";
    }
    return 0;
}

/** --model FILE, loaded (a missing or invalid file is exit status 1). */
function load_model(array $opts, string $command): Model
{
    if (!isset($opts['model'])) throw new UsageError('--model FILE is required (segment fit writes one)', $command);
    $path = $opts['model'];
    if (!is_file($path)) throw new Failure("$path: no such model file (segment fit writes one)");
    try {
        return Model::load($path);
    } catch (\Segment\Exception $e) {
        throw new Failure($e->getMessage(), 0, $e);
    }
}

function cmd_assign(array $args): int
{
    [$opts, $pos] = parse_args($args, ASSIGN_OPTIONS, 'assign');
    $format = $opts['format'] ?? 'table';
    if (!in_array($format, ['table', 'csv', 'json'], true)) {
        throw new UsageError("--format $format: expected table, csv or json", 'assign');
    }
    if (count($pos) !== 1) throw new UsageError(count($pos) ? 'one order file, please' : 'which order file?', 'assign');
    $model = load_model($opts, 'assign');
    $progress = Progress::fromOptions($opts);
    $orders = read_orders($pos[0], $opts, $progress, 'assign');
    $now = $orders->now();
    $rows = [];
    $add = function (string $id, array $p) use (&$rows, $model, $now, $orders): void {
        $r = $model->assign($orders->profile($p), null, $now);
        $a = $r['attributes'];
        $rows[] = ['customer_id' => $id, 'segments' => $r['segments'], 'rfm_segment' => $a['rfm']['segment'] ?? null,
                   'rfm_score' => $a['rfm']['score'] ?? null, 'cluster' => $a['cluster'], 'cluster_name' => $a['cluster_name']];
    };
    if ($opts['customer']) {
        foreach ($opts['customer'] as $id) {
            $p = $orders->profiles->get($id);
            if ($p === null) throw new Failure(sprintf("customer %s is not in %s", $id, $orders->path));
            $add($id, $p);
        }
    } else {
        foreach ($orders->profiles as $id => $p) $add((string) $id, $p);
    }
    $progress->done('assigned ' . fmt_int(count($rows)) . ' customers');
    if ($opts['quiet']) return 0;
    if ($format === 'json') {
        echo "[\n";
        foreach ($rows as $i => $r) {
            echo '  ', json_encode($r, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION),
                $i < count($rows) - 1 ? ',' : '', "\n";
        }
        echo "]\n";
    } elseif ($format === 'csv') {
        echo csv_line(['customer_id', 'segments', 'rfm_segment', 'rfm_score', 'cluster', 'cluster_name']);
        foreach ($rows as $r) {
            $r['segments'] = implode(' ', $r['segments']);
            echo csv_line($r);
        }
    } else {
        $cells = array_map(fn ($r) => [$r['customer_id'], $r['segments'] ? implode(', ', $r['segments']) : '-',
            $r['rfm_segment'] ?? '-', $r['rfm_score'] ?? '-', $r['cluster_name'] ?? '-'], $rows);
        echo render_table([['customer', 'l'], ['segments', 'l'], ['RFM segment', 'l'], ['RFM', 'l'], ['cluster', 'l']],
            $cells, Style::forStdout(), '');
    }
    return 0;
}

function cmd_explain(array $args): int
{
    [$opts, $pos] = parse_args($args, EXPLAIN_OPTIONS, 'explain');
    if (count($pos) !== 2) throw new UsageError('expected an order file and a customer id', 'explain');
    [$file, $id] = $pos;
    $model = load_model($opts, 'explain');
    $progress = Progress::fromOptions($opts);
    $orders = read_orders($file, $opts, $progress, 'explain');
    $p = $orders->profiles->get($id);
    if ($p === null) throw new Failure("customer $id is not in $file");
    $p = $orders->profile($p);
    $now = $orders->now();
    $result = $model->assign($p, null, $now);
    $progress->done('explained customer ' . $id);
    if ($opts['quiet']) return 0;
    $st = Style::forStdout();
    $a = $result['attributes'];
    echo $st->bold("customer $id"), sprintf(' (model %s, recency to %s)', $model->version(), $orders->referenceString()), "\n";
    printf("  %s orders, monetary %s, last order %s (%s days), first order %s\n", fmt_int($p['orders']),
        fmt_money($p['monetary']), $p['last_order_at'] ?? '-', $p['recency'] ?? '-', $p['first_order_at'] ?? '-');
    if ($a['rfm'] !== null) {
        printf("  rfm: r %d, f %d, m %d (score %s), segment %s, value segment %s, retention %s\n", $a['rfm']['r'],
            $a['rfm']['f'], $a['rfm']['m'], $a['rfm']['score'] ?? '-', $a['rfm']['segment'] ?? '-',
            $a['rfm']['value_segment'] ?? '-', $a['retention'] ?? '-');
    } else {
        echo "  rfm: none (no counted order)\n";
    }
    echo '  cluster: ', $a['cluster'] === null ? 'none' : sprintf('%d, %s (distance %.3f)', $a['cluster'], $a['cluster_name'],
        $a['cluster_distance']), "\n";
    echo '  segments: ', $result['segments'] ? implode(', ', $result['segments']) : 'none', "\n";
    foreach ($model->rules()->definitions() as $d) {
        $e = $model->explain($p, null, $d['code'], $now);
        $in = in_array($d['code'], $result['segments'], true);
        $verdict = !$e['enabled'] ? $st->dim('DISABLED') : ($in ? $st->green('IN') : $st->red('NOT IN'));
        echo "\n", $verdict, ' ', $st->bold($d['code']), isset($d['name']) && $d['name'] !== $d['code'] ? " ({$d['name']})" : '',
            sprintf(', priority %d', $d['priority'] ?? 0),
            $e['enabled'] ? '' : ($e['result'] ? ' (the rule holds)' : ' (the rule does not hold)'), "\n";
        echo explain_tree($e['tree'], 1, $st);
    }
    return 0;
}

/** A rule's condition tree, one condition per line: [yes]/[no], the text and the values seen. */
function explain_tree(array $node, int $depth, Style $st): string
{
    $pad = str_repeat('  ', $depth);
    $mark = $node['result'] ? $st->green('[yes]') : $st->red('[no] ');
    if (($node['type'] ?? '') !== 'condition' && isset($node['children'])) {
        $out = "$pad$mark " . strtoupper($node['type']) . ($depth === 1 ? ": {$node['text']}" : '') . "\n";
        foreach ($node['children'] as $c) $out .= explain_tree($c, $depth + 1, $st);
        return $out;
    }
    $values = isset($node['values']) ? implode(' vs ', array_map('Segment\Cli\show_value', $node['values'])) : '';
    return "$pad$mark {$node['text']}" . ($values !== '' ? $st->dim("   ($values)") : '') . "\n";
}

/** A value seen by a rule, as the rule language writes it. */
function show_value(mixed $v): string
{
    return match (true) {
        $v === null => 'null',
        is_bool($v) => $v ? 'true' : 'false',
        is_string($v) => '"' . addcslashes($v, "\"\\\n") . '"',
        is_float($v) => rtrim(rtrim(sprintf('%.6f', $v), '0'), '.'),
        is_array($v) => '(' . implode(', ', array_map('Segment\Cli\show_value', $v)) . ')',
        $v instanceof \DateTimeInterface => $v->format('Y-m-d H:i:s'),
        default => (string) $v,
    };
}

/** One CSV record (RFC 4180: quoted only when needed, LF line end). */
function csv_line(array $fields): string
{
    $out = [];
    foreach ($fields as $f) {
        $f = $f === null ? '' : (string) $f;
        $out[] = strpbrk($f, ",\"\r\n") === false ? $f : '"' . str_replace('"', '""', $f) . '"';
    }
    return implode(',', $out) . "\n";
}
