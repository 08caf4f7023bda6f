--TEST--
Profiles and RFM scores on the UCI Online Retail data match pandas exactly (method "pandas")
--EXTENSIONS--
segment
--SKIPIF--
<?php
$data = getenv('SEG_SHARED_DATA') ?: dirname(__DIR__, 3) . '/shared/data';
if (!is_file("$data/online_retail.csv.xz")) die("skip the UCI Online Retail data set is not at $data");
if (!is_executable('/usr/bin/python3')) die('skip /usr/bin/python3 is missing');
exec('/usr/bin/python3 -c "import pandas" 2>&1', $out, $rc);
if ($rc !== 0) die('skip python3-pandas is not installed');
exec('command -v xz', $out, $rc);
if ($rc !== 0) die('skip xz is missing');
?>
--INI--
memory_limit=512M
--FILE--
<?php
$data = getenv('SEG_SHARED_DATA') ?: dirname(__DIR__, 3) . '/shared/data';
$tmp = sys_get_temp_dir() . '/segment-rfm-pandas-' . getmypid();
@mkdir($tmp);
$csv = "$tmp/online_retail.csv";
$ref = "$tmp/pandas.csv";
exec('xz -dc ' . escapeshellarg("$data/online_retail.csv.xz") . ' > ' . escapeshellarg($csv), $o, $rc);
if ($rc !== 0) die("xz failed\n");
// pandas, run by the test itself: the same definitions (docs/rfm.md).
exec('/usr/bin/python3 ' . escapeshellarg(dirname(__DIR__) . '/rfm/reference.py') . ' ' . escapeshellarg($csv) . ' '
    . escapeshellarg($ref) . ' --reference "2011-12-10 12:50:00" 2>/dev/null', $o, $rc);
if ($rc !== 0) die("reference.py failed ($rc)\n");

$profiles = Segment\Profiles::fromCsv($csv, [
    'customer' => 'CustomerID', 'order' => 'InvoiceNo', 'date' => 'InvoiceDate',
    'quantity' => 'Quantity', 'price' => 'UnitPrice', 'cancel_prefix' => 'C',
    'reference' => '2011-12-10 12:50:00',
]);
$rfm = Segment\Rfm::fit($profiles, ['method' => 'pandas']);
$scores = $rfm->scores();

$fh = fopen($ref, 'r');
$head = fgetcsv($fh);
$diff = array_fill_keys(['missing', 'recency', 'frequency', 'monetary', 'r', 'f', 'm', 'segment', 'value_segment', 'group', 'retention'], 0);
$rows = 0;
while (($row = fgetcsv($fh)) !== false) {
    $x = array_combine($head, $row);
    $rows++;
    $p = $profiles->get($x['customer']);
    $s = $scores[$x['customer']] ?? null;
    if (!$p || !$s) { $diff['missing']++; continue; }
    $diff['recency'] += $p['recency'] !== (int) $x['recency'];
    $diff['frequency'] += $p['orders'] !== (int) $x['frequency'];
    $diff['monetary'] += $p['monetary'] !== (float) $x['monetary'];   // exact: both are Kahan sums in file order
    foreach (['r', 'f', 'm'] as $k) $diff[$k] += $s[$k] !== (int) $x[$k];
    $diff['segment'] += $s['segment'] !== $x['segment'];
    $diff['value_segment'] += $s['value_segment'] !== $x['group'];
    $diff['group'] += $s['group'] !== $x['group_class'];
    $diff['retention'] += $s['retention'] !== $x['retention'];
}
fclose($fh);
echo "customers compared: $rows, scored here: ", count($scores), "\n";
foreach ($diff as $k => $n) echo "$k differences: $n\n";
unlink($csv); unlink($ref); rmdir($tmp);
?>
--EXPECT--
customers compared: 4339, scored here: 4339
missing differences: 0
recency differences: 0
frequency differences: 0
monetary differences: 0
r differences: 0
f differences: 0
m differences: 0
segment differences: 0
value_segment differences: 0
group differences: 0
retention differences: 0
