--TEST--
bin/segment analyze examples/orders.csv: the printed segments, RFM segments and clusters and the report's heatmaps equal the test's own computation
--EXTENSIONS--
segment
--INI--
pcre.jit=0
--SKIPIF--
<?php
require __DIR__ . '/../cli/cli.inc';
if (!cli_have_dom()) die('skip needs proc_open and ext/dom in ' . PHP_EXTENSION_DIR);
?>
--FILE--
<?php
require __DIR__ . '/../cli/cli.inc';
$orders = CLI_ROOT . '/examples/orders.csv';
$html = sys_get_temp_dir() . '/segment-report-' . getmypid() . '.html';
[$rc, $out, $err] = segment_cli(['analyze', $orders, '--out', $html, '--progress']);
echo "exit $rc\n";

// The test's own analysis: explicit columns, the statuses of the file, the
// reference it documents (the last order + 1 day), the defaults of docs/cli.md.
$profiles = Segment\Profiles::fromCsv($orders, ['customer' => 'customer_id', 'order' => 'order_id', 'date' => 'order_date',
    'quantity' => 'quantity', 'price' => 'unit_price', 'status' => 'status', 'cancelled_statuses' => ['canceled', 'refunded']]);
$last = $profiles->stats()['last_order_at'];
$ref = (new DateTimeImmutable($last, new DateTimeZone('UTC')))->modify('+1 day')->format('Y-m-d H:i:s');
$rfm = Segment\Rfm::fit($profiles, ['reference' => $ref]);
$km = Segment\KMeans::fit($profiles, 4, ['reference' => $ref, 'seed' => 0]);
$set = Segment\RuleSet::fromFile(CLI_ROOT . '/cli/default-rules.json');
$want = cli_expected($profiles, $rfm, $km, $set, $ref);

echo str_contains($out, "recency measured to $ref") ? "reference: the last order + 1 day\n" : "reference missing\n";
echo str_contains($out, sprintf('%s customers', number_format($want['customers']))) ? "customers: right\n" : "customers: wrong\n";
echo str_contains($out, 'revenue ' . cli_money($want['revenue'])) ? "revenue: right\n" : "revenue: wrong\n";

// Segments: every row, every figure.
$rows = cli_table($out, 'Segments');
echo count($rows), " segment rows, ", cli_check_segments($rows, $want), " differences\n";

// RFM segments: Rfm::summary() of the test's fit, formatted.
$bad = 0;
$rfmRows = cli_table($out, 'RFM segments');
$i = 0;
foreach ($rfm->summary() as $name => $r) {
    $exp = [(string) $name, number_format($r['customers']), number_format(100 * $r['share'], 1) . ' %', cli_money($r['monetary']),
            $r['recency_mean'] === null ? '-' : number_format($r['recency_mean'], 1), $r['frequency_mean'] === null ? '-' : number_format($r['frequency_mean'], 1)];
    if (($rfmRows[$i++] ?? null) !== $exp) { $bad++; echo 'rfm row: ', json_encode($rfmRows[$i - 1] ?? null), ' vs ', json_encode($exp), "\n"; }
}
echo count($rfmRows), " RFM rows, $bad differences\n";

// Clusters: names and sizes of the test's KMeans (same data, options and seed).
$bad = 0;
$clRows = cli_table($out, 'Clusters');
foreach ($km->describe() as $c) {
    $r = $clRows[$c['cluster']] ?? [];
    if (($r[0] ?? null) !== (string) $c['cluster'] || ($r[1] ?? null) !== $c['name'] || ($r[2] ?? null) !== number_format($c['size'])) {
        $bad++;
        echo 'cluster row: ', json_encode($r), "\n";
    }
}
echo count($clRows), " cluster rows, $bad differences\n";

// Progress on stderr with --progress (stderr is not a terminal here: plain lines).
$lines = count(file($orders)) - 1;
$mb = sprintf('%.1f MB', filesize($orders) / 1e6);
echo preg_match('/^reading orders\.csv: ' . preg_quote(number_format($lines) . " lines, $mb of $mb (100 %)") . '/m', $err)
    ? "progress: the final reading line\n" : "progress: $err\n";
echo str_contains($err, "\r") ? "progress: has \\r\n" : "progress: plain lines\n";
echo 'escape codes (colour) on a pipe: ', var_export(str_contains($out . $err, "\033"), true), "\n";

// The report: one self-contained HTML file, checked with DOMDocument in a child process.
echo cli_check_report($html, $want, $rows);
unlink($html);
echo 'no temporary file left: ', var_export(glob("$html.tmp.*") === [], true), "\n";
?>
--EXPECT--
exit 0
reference: the last order + 1 day
customers: right
revenue: right
10 segment rows, 0 differences
11 RFM rows, 0 differences
4 cluster rows, 0 differences
progress: the final reading line
progress: plain lines
escape codes (colour) on a pipe: false
report loads: true
title: Customer segments: orders.csv
2 heatmaps
customers: 25 cells (25 distinct), 0 wrong, axis labels 2, legend 1
revenue: 25 cells (25 distinct), 0 wrong, axis labels 2, legend 1
bar charts: 2, with a legend: 2
cluster cards: 4, percentile bars: 12
report segment rows equal to the terminal's: 10 of 10
no temporary file left: true
