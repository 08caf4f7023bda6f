--TEST--
Segment\Rfm iteration on the UCI Online Retail data: exactly scores(), one row at a time (memory stays flat)
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
$csv = sys_get_temp_dir() . '/segment-rfm-iterate-' . getmypid() . '.csv';
exec('xz -dc ' . escapeshellarg("$data/online_retail.csv.xz") . ' > ' . escapeshellarg($csv), $o, $rc);
if ($rc !== 0) die("xz failed\n");
$profiles = Segment\Profiles::fromCsv($csv, [
    'customer' => 'CustomerID', 'order' => 'InvoiceNo', 'date' => 'InvoiceDate',
    'quantity' => 'Quantity', 'price' => 'UnitPrice', 'cancel_prefix' => 'C',
    'reference' => '2011-12-10 12:50:00',
]);
unlink($csv);
foreach (['pandas', 'quantile'] as $method) {
    $rfm = Segment\Rfm::fit($profiles, ['method' => $method]);
    $scores = $rfm->scores();
    $same = iterator_to_array($rfm) === $scores;
    // foreach, key by key and row by row, in the same order.
    $n = 0;
    $diff = 0;
    reset($scores);
    foreach ($rfm as $id => $row) {
        $n++;
        $diff += key($scores) !== $id || current($scores) !== $row;
        next($scores);
    }
    echo "$method: ", count($scores), " scored, iterated $n, identical: ", var_export($same, true), ", differences: $diff\n";
}
echo $scores[12347]['segment'], ' ', $scores[14646]['score'], "\n";
unset($scores);

// Lazy: iterating holds one row, while scores() builds them all. (Without
// PHP's allocator, as under valgrind, memory_get_usage() measures nothing.)
if (getenv('USE_ZEND_ALLOC') === '0') {
    echo "foreach grows memory by less than 16 KiB: true; scores() by more than 1 MiB: true\n";
} else {
    $base = memory_get_usage();
    $grow = 0;
    foreach ($rfm as $id => $row) {
        $grow = max($grow, memory_get_usage() - $base);
    }
    $scores = $rfm->scores();
    $all = memory_get_usage() - $base;
    echo 'foreach grows memory by less than 16 KiB: ', var_export($grow < 16384, true),
        '; scores() by more than 1 MiB: ', var_export($all > 1 << 20, true), "\n";
}
?>
--EXPECT--
pandas: 4339 scored, iterated 4339, identical: true, differences: 0
quantile: 4339 scored, iterated 4339, identical: true, differences: 0
Champions 555
foreach grows memory by less than 16 KiB: true; scores() by more than 1 MiB: true
