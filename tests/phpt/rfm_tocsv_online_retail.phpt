--TEST--
Segment\Rfm::toCsv() on the UCI Online Retail data: reads back with fgetcsv() as scores() and the profiles, monetary bit for bit
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
$csv = sys_get_temp_dir() . '/segment-rfm-tocsv-' . getmypid() . '.csv';
$out = sys_get_temp_dir() . '/segment-rfm-tocsv-out-' . getmypid() . '.csv';
exec('xz -dc ' . escapeshellarg("$data/online_retail.csv.xz") . ' > ' . escapeshellarg($csv), $o, $rc);
if ($rc !== 0) die("xz failed\n");
$profiles = Segment\Profiles::fromCsv($csv, [
    'customer' => 'CustomerID', 'order' => 'InvoiceNo', 'date' => 'InvoiceDate',
    'quantity' => 'Quantity', 'price' => 'UnitPrice', 'cancel_prefix' => 'C',
    'reference' => '2011-12-10 12:50:00',
]);
unlink($csv);
$rfm = Segment\Rfm::fit($profiles, ['method' => 'pandas']);
echo $rfm->toCsv($out), " rows written\n";
$scores = $rfm->scores();
$fh = fopen($out, 'r');
$head = fgetcsv($fh, escape: '');
$diff = array_fill_keys($head, 0);
$n = 0;
$order = [];
while (($row = fgetcsv($fh, escape: '')) !== false) {
    $r = array_combine($head, $row);
    $n++;
    $id = $r['customer_id'];
    $order[] = $id;
    $s = $scores[$id];
    $p = $profiles->get($id);
    $diff['recency'] += (int) $r['recency'] !== $p['recency'];
    $diff['frequency'] += (int) $r['frequency'] !== $p['orders'];
    $diff['monetary'] += (float) $r['monetary'] !== $p['monetary'];
    foreach (['r', 'f', 'm'] as $k) $diff[$k] += (int) $r[$k] !== $s[$k];
    foreach (['score', 'segment', 'value_segment', 'group', 'retention'] as $k) $diff[$k] += $r[$k] !== $s[$k];
}
fclose($fh);
unlink($out);
echo "$n rows read, same order as scores(): ", var_export($order === array_map('strval', array_keys($scores)), true), "\n";
echo 'differences: ', json_encode(array_filter($diff)), "\n";
?>
--EXPECT--
4339 rows written
4339 rows read, same order as scores(): true
differences: []
