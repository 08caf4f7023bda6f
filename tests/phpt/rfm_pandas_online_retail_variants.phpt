--TEST--
The "quantile" method and the "net" returns policy also match the pandas reference on UCI Online Retail
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
$tmp = sys_get_temp_dir() . '/segment-rfm-variants-' . getmypid();
@mkdir($tmp);
$csv = "$tmp/online_retail.csv";
exec('xz -dc ' . escapeshellarg("$data/online_retail.csv.xz") . ' > ' . escapeshellarg($csv), $o, $rc);

function compare(string $csv, string $tmp, string $method, string $returns): void {
    $ref = "$tmp/ref-$method-$returns.csv";
    exec('/usr/bin/python3 ' . escapeshellarg(dirname(__DIR__) . '/rfm/reference.py') . ' ' . escapeshellarg($csv) . ' '
        . escapeshellarg($ref) . " --reference '2011-12-10 12:50:00' --method $method --returns $returns 2>/dev/null", $o, $rc);
    if ($rc !== 0) { echo "reference.py failed\n"; return; }
    $profiles = Segment\Profiles::fromCsv($csv, [
        'customer' => 'CustomerID', 'order' => 'InvoiceNo', 'date' => 'InvoiceDate', 'quantity' => 'Quantity',
        'price' => 'UnitPrice', 'cancel_prefix' => 'C', 'returns' => $returns, 'reference' => '2011-12-10 12:50:00',
    ]);
    $scores = Segment\Rfm::fit($profiles, ['method' => $method])->scores();
    $fh = fopen($ref, 'r');
    $head = fgetcsv($fh);
    $rows = $bad = 0;
    while (($row = fgetcsv($fh)) !== false) {
        $x = array_combine($head, $row);
        $rows++;
        $p = $profiles->get($x['customer']);
        $s = $scores[$x['customer']] ?? null;
        if (!$p || !$s || $p['monetary'] !== (float) $x['monetary'] || $p['returned'] !== (float) $x['returned']
            || $p['cancelled_orders'] !== (int) $x['cancelled_orders']
            || [$s['r'], $s['f'], $s['m']] !== [(int) $x['r'], (int) $x['f'], (int) $x['m']]
            || $s['segment'] !== $x['segment'] || $s['group'] !== $x['group_class']) {
            $bad++;
        }
    }
    fclose($fh);
    unlink($ref);
    echo "$method/$returns: $rows customers, ", count($scores), " scored, $bad differ\n";
}
compare($csv, $tmp, 'quantile', 'exclude');
compare($csv, $tmp, 'pandas', 'net');
unlink($csv);
rmdir($tmp);
?>
--EXPECT--
quantile/exclude: 4339 customers, 4339 scored, 0 differ
pandas/net: 4339 customers, 4339 scored, 0 differ
