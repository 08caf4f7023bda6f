--TEST--
bin/segment analyze on a small crafted UCI-style export: detected columns, --date-format, --cancel-prefix, --reference, --rules, --k, --quiet; every figure checked
--EXTENSIONS--
segment
--INI--
pcre.jit=0
--SKIPIF--
<?php if (!function_exists('proc_open')) die('skip proc_open is disabled'); ?>
--FILE--
<?php
require __DIR__ . '/../cli/cli.inc';
$dir = sys_get_temp_dir() . '/segment-cli-small-' . getmypid();
@mkdir($dir);
// 60 customers: a few frequent ones, cancellations ("C" invoices), a return,
// guest lines, one customer whose only order was cancelled; UCI's columns and
// US dates ("n/j/Y G:i").
mt_srand(42, MT_RAND_MT19937);
$csv = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";
$inv = 500000;
for ($i = 0; $i < 400; $i++) {
    $c = 12000 + (int) floor(60 * (mt_rand(0, 999) / 1000) ** 2);   // low ids buy more
    $date = sprintf('%d/%d/2025 %d:%02d', mt_rand(1, 12), mt_rand(1, 28), mt_rand(8, 20), mt_rand(0, 59));
    $no = ($i % 37 === 5 ? 'C' : '') . $inv++;
    for ($l = mt_rand(1, 3); $l > 0; $l--) {
        $csv .= sprintf("%s,SKU%d,\"Item, %d\",%d,%s,%.2f,%s,France\n", $no, $l, $l, $no[0] === 'C' ? -1 : mt_rand(1, 6), $date,
            mt_rand(100, 9000) / 100, $i % 50 === 7 ? '' : $c);
    }
}
$csv .= "600000,SKU1,Gift,-2,12/20/2025 10:00,5.00,12001,France\n";          // a return
$csv .= "C600001,SKU1,Gift,-1,12/21/2025 10:00,9.50,99999,France\n";         // only a cancellation
file_put_contents("$dir/orders.csv", $csv);
$rules = [
    ['code' => 'vip', 'name' => 'Three orders and 300 spent', 'rule' => 'orders >= 3 and monetary >= 300', 'priority' => 100],
    ['code' => 'recent_best', 'rule' => 'rfm.r >= 4 and days_since(last_order_at) <= 45', 'priority' => 90],
    ['code' => 'cluster_0', 'rule' => 'cluster == 0 and orders >= 2', 'priority' => 50],
    ['code' => 'lost', 'rule' => 'retention == "Lost"', 'priority' => 40],
    ['code' => 'prospect', 'rule' => 'visitor_type == "registered"', 'priority' => 30],
    ['code' => 'off', 'rule' => 'true', 'enabled' => false],
];
file_put_contents("$dir/rules.json", json_encode($rules));
$ref = '2026-01-15 00:00:00';
$args = ['analyze', "$dir/orders.csv", '--date-format', 'n/j/Y G:i', '--cancel-prefix', 'C', '--reference', '2026-01-15',
         '--rules', "$dir/rules.json", '--k', '2', '--out', "$dir/report.html"];
[$rc, $out, $err] = segment_cli($args);
echo "exit $rc, stderr: ", var_export($err, true), "\n";
echo preg_match('/^  columns: (.*)$/m', $out, $m) ? "columns: $m[1]\n" : "no columns line\n";

$profiles = Segment\Profiles::fromCsv("$dir/orders.csv", ['customer' => 'CustomerID', 'order' => 'InvoiceNo', 'date' => 'InvoiceDate',
    'quantity' => 'Quantity', 'price' => 'UnitPrice', 'date_format' => 'n/j/Y G:i', 'cancel_prefix' => 'C', 'reference' => $ref]);
$rfm = Segment\Rfm::fit($profiles, ['reference' => $ref]);
$km = Segment\KMeans::fit($profiles, 2, ['reference' => $ref, 'seed' => 0]);
$want = cli_expected($profiles, $rfm, $km, new Segment\RuleSet($rules), $ref);
$stats = $profiles->stats();
printf("%d customers, %d without a counted order, guest lines %d, cancelled %d, returned %d\n", $want['customers'],
    count(array_filter($want['attributes'], fn ($a) => $a['orders'] === 0)), $stats['lines_without_customer'],
    $stats['cancelled_lines'], $stats['returned_lines']);
echo str_contains($out, "recency measured to $ref\n") ? "reference as given\n" : "reference wrong\n";
$rows = cli_table($out, 'Segments');
echo count($rows), ' segment rows (', implode(', ', array_map(fn ($r) => $r[0], $rows)), '), ', cli_check_segments($rows, $want), " differences\n";
$members = array_sum(array_map(fn ($s) => $s['members'], $want['segments']));
echo "every segment non-empty: ", var_export(min(array_map(fn ($s) => $s['members'], array_diff_key($want['segments'], ['' => 1]))) > 0, true), "\n";
$cl = cli_table($out, 'Clusters');
echo count($cl), " clusters, sizes ", implode('+', array_map(fn ($r) => $r[2], $cl)), ' = ',
    array_sum(array_map(fn ($c) => $c['size'], $km->describe())), "\n";
echo cli_have_dom() ? cli_check_report("$dir/report.html", $want, $rows) : "(no ext/dom)\n";

// --quiet: nothing on stdout or stderr, the same report.
$before = file_get_contents("$dir/report.html");
[$rc, $out, $err] = segment_cli([...$args, '--quiet']);
echo "quiet: exit $rc, ", strlen($out), ' + ', strlen($err), ' bytes of output, same report: ', var_export(file_get_contents("$dir/report.html") === $before, true), "\n";

// --k auto: KMeans::suggestK over 2..8 decides.
[$rc, $out] = segment_cli(['analyze', "$dir/orders.csv", '--date-format', 'n/j/Y G:i', '--cancel-prefix', 'C', '--reference', '2026-01-15', '--k', 'auto']);
$s = Segment\KMeans::suggestK($profiles, 2, 8, ['reference' => $ref, 'seed' => 0]);
echo "k auto: exit $rc, ", str_contains($out, "k = {$s['suggested']}, chosen by silhouette over k = 2..8") ? 'the suggested k' : 'not the suggested k',
    ', ', count(cli_table($out, 'Clusters')) === $s['suggested'] ? 'that many clusters' : 'wrong cluster count', "\n";
foreach (glob("$dir/*") as $f) unlink($f);
rmdir($dir);
?>
--EXPECTF--
exit 0, stderr: ''
columns: customer=CustomerID, order=InvoiceNo, date=InvoiceDate, quantity=Quantity, price=UnitPrice
%d customers, 1 without a counted order, guest lines %d, cancelled %d, returned 1
reference as given
6 segment rows (vip, recent_best, cluster_0, lost, prospect, (none)), 0 differences
every segment non-empty: true
2 clusters, sizes %d+%d = %d
report loads: true
title: Customer segments: orders.csv
2 heatmaps
customers: 25 cells (25 distinct), 0 wrong, axis labels 2, legend 1
revenue: 25 cells (25 distinct), 0 wrong, axis labels 2, legend 1
bar charts: 2, with a legend: 2
cluster cards: 2, percentile bars: 6
report segment rows equal to the terminal's: 6 of 6
quiet: exit 0, 0 + 0 bytes of output, same report: true
k auto: exit 0, the suggested k, that many clusters
