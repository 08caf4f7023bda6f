--TEST--
Segment\Rfm::summary() on the UCI Online Retail data: the segment sizes of docs/rfm.md section 9, and sums equal to PHP's over scores()
--EXTENSIONS--
segment
--SKIPIF--
<?php
$data = getenv('SEG_SHARED_DATA') ?: dirname(__DIR__, 3) . '/shared/data';
if (!is_file("$data/online_retail.csv.xz")) die("skip the UCI Online Retail data set is not at $data");
exec('command -v xz', $out, $rc);
if ($rc !== 0) die('skip xz is missing');
?>
--INI--
memory_limit=512M
--FILE--
<?php
$data = getenv('SEG_SHARED_DATA') ?: dirname(__DIR__, 3) . '/shared/data';
$csv = sys_get_temp_dir() . '/segment-rfm-summary-' . getmypid() . '.csv';
exec('xz -dc ' . escapeshellarg("$data/online_retail.csv.xz") . ' > ' . escapeshellarg($csv), $o, $rc);
if ($rc !== 0) die("xz failed\n");
$profiles = Segment\Profiles::fromCsv($csv, [
    'customer' => 'CustomerID', 'order' => 'InvoiceNo', 'date' => 'InvoiceDate',
    'quantity' => 'Quantity', 'price' => 'UnitPrice', 'cancel_prefix' => 'C',
    'reference' => '2011-12-10 12:50:00',
]);
unlink($csv);
$field = ['segment' => 'segment', 'groups' => 'value_segment', 'retention' => 'retention'];
foreach (['pandas', 'quantile'] as $method) {
    $rfm = Segment\Rfm::fit($profiles, ['method' => $method]);
    $scores = $rfm->scores();
    foreach ($field as $role => $key) {
        $summary = $rfm->summary($role);
        // In PHP: counts, monetary (Kahan, profile order), recency and orders per name.
        $php = [];
        foreach ($scores as $id => $s) {
            $e = &$php[$s[$key] ?? ''];
            $e ??= ['n' => 0, 'sum' => 0.0, 'c' => 0.0, 'rec' => 0, 'orders' => 0];
            $pr = $profiles->get((string) $id);
            $e['n']++;
            $y = $pr['monetary'] - $e['c'];
            $t = $e['sum'] + $y;
            $e['c'] = ($t - $e['sum']) - $y;
            $e['sum'] = $t;
            $e['rec'] += $pr['recency'];
            $e['orders'] += $pr['orders'];
            unset($e);
        }
        $bad = 0;
        foreach ($summary as $name => $e) {
            $x = $php[$name] ?? ['n' => 0, 'sum' => 0.0, 'rec' => 0, 'orders' => 0];
            $bad += $e['customers'] !== $x['n'] || $e['monetary'] !== $x['sum']
                || $e['share'] !== (float) ($x['n'] / count($scores))
                || $e['recency_mean'] !== ($x['n'] ? (float) ($x['rec'] / $x['n']) : null)
                || $e['frequency_mean'] !== ($x['n'] ? (float) ($x['orders'] / $x['n']) : null);
        }
        $bad += count(array_diff_key($php, $summary));
        echo "$method $role: ", implode(' ', array_map(fn($e) => $e['customers'], $summary)),
            ' | differences from PHP: ', $bad, "\n";
    }
    $total = array_sum(array_column($rfm->summary(), 'monetary'));
    printf("total monetary %.2f, shares sum to %.12f\n", $total, array_sum(array_column($rfm->summary('groups'), 'share')));
}
$g = $rfm->summary('groups');
echo implode(', ', array_map(fn($n, $e) => "$n ({$e['group']})", array_keys($g), $g)), "\n";
?>
--EXPECT--
pandas segment: 633 817 477 42 96 188 350 596 65 408 667 | differences from PHP: 0
pandas groups: 947 789 373 368 135 995 732 | differences from PHP: 0
pandas retention: 1736 867 868 868 | differences from PHP: 0
total monetary 8911407.90, shares sum to 1.000000000000
quantile segment: 604 695 495 67 176 118 476 348 35 547 778 | differences from PHP: 0
quantile groups: 918 584 459 344 234 1206 594 | differences from PHP: 0
quantile retention: 1773 858 843 865 | differences from PHP: 0
total monetary 8911407.90, shares sum to 1.000000000000
Champions (core), Loyalists (core), Big Spenders (core), Promising (potential core), New Customers (potential core), Lost (non-core), Low Value (non-core)
