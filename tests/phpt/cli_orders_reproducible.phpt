--TEST--
examples/generate-orders.php reproduces examples/orders.csv byte for byte, and the sample has the distributions it claims
--EXTENSIONS--
segment
--INI--
pcre.jit=0
--SKIPIF--
<?php if (!function_exists('proc_open')) die('skip proc_open is disabled'); ?>
--FILE--
<?php
$root = __DIR__ . '/../..';
$committed = "$root/examples/orders.csv";
$tmp = sys_get_temp_dir() . '/segment-orders-' . getmypid() . '.csv';
$p = proc_open([PHP_BINARY, '-n', '-d', 'pcre.jit=0', "$root/examples/generate-orders.php", $tmp], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$out = stream_get_contents($pipes[1]);
$err = stream_get_contents($pipes[2]);
echo 'generator exit ', proc_close($p), ', says: ', preg_replace('~^.*: ~', '', trim($err)), "\n";
echo 'identical: ', var_export(hash_file('sha256', $tmp) === hash_file('sha256', $committed), true), "\n";
unlink($tmp);
echo 'under 2 MB: ', var_export(filesize($committed) < 2 * 1024 * 1024, true), "\n";

// The distributions, counted here from the file itself.
$fh = fopen($committed, 'r');
echo 'header: ', implode(',', fgetcsv($fh, null, ',', '"', '')), "\n";
$lines = 0;
$customers = $orderStatus = $spend = $orders = $monthRevenue = $countries = [];
$guestLines = $returnLines = 0;
$min = '9999';
$max = '0000';
while (($r = fgetcsv($fh, null, ',', '"', '')) !== false) {
    [$order, $customer, $date, $status, $country, , $qty, $price] = $r;
    $lines++;
    $min = min($min, $date);
    $max = max($max, $date);
    $orderStatus[$order] = $status;
    $countries[$country] = true;
    if ($customer === '') { $guestLines++; continue; }
    $customers[$customer] = true;
    if ((int) $qty < 0) { $returnLines++; continue; }
    if ($status === 'canceled' || $status === 'refunded') continue;
    $spend[$customer] = ($spend[$customer] ?? 0) + $qty * $price;
    $orders[$customer][$order] = true;
    $monthRevenue[substr($date, 0, 7)] = ($monthRevenue[substr($date, 0, 7)] ?? 0) + $qty * $price;
}
fclose($fh);
printf("%s lines, %s customers, from %s to %s\n", number_format($lines), number_format(count($customers)), substr($min, 0, 10), substr($max, 0, 10));
echo 'about 25,000 lines and 3,000 customers: ', var_export($lines >= 20000 && $lines <= 30000 && count($customers) === 3000, true), "\n";
$statuses = array_count_values($orderStatus);
printf("orders cancelled %.1f %%, refunded %.1f %%\n", 100 * $statuses['canceled'] / count($orderStatus), 100 * $statuses['refunded'] / count($orderStatus));
echo 'guest lines and returns: ', var_export($guestLines > 0 && $returnLines > 0, true), ', countries: ', count($countries), "\n";
$counts = array_map('count', $orders);
$once = count(array_filter($counts, fn ($n) => $n === 1)) / count($counts);
echo 'most customers buy once (50-70 %), some often (10+ orders): ', var_export($once > 0.5 && $once < 0.7 && max($counts) >= 10, true), "\n";
rsort($spend);
$top = array_sum(array_slice($spend, 0, intdiv(count($spend), 5))) / array_sum($spend);
echo 'the top fifth brings 55-80 % of the revenue (Pareto-like): ', var_export($top > 0.55 && $top < 0.8, true), "\n";
// Seasonality: each December above the mean of the other months of its year window.
$mean = array_sum($monthRevenue) / count($monthRevenue);
echo 'December above the monthly mean by a third: ', var_export($monthRevenue['2024-12'] > 1.33 * $mean && $monthRevenue['2025-12'] > 1.33 * $mean, true), "\n";
?>
--EXPECT--
generator exit 0, says: 25236 order lines, 7663 orders, 3000 customers
identical: true
under 2 MB: true
header: order_id,customer_id,order_date,status,country,product_id,quantity,unit_price
25,236 lines, 3,000 customers, from 2024-11-01 to 2026-10-31
about 25,000 lines and 3,000 customers: true
orders cancelled 3.4 %, refunded 1.3 %
guest lines and returns: true, countries: 8
most customers buy once (50-70 %), some often (10+ orders): true
the top fifth brings 55-80 % of the revenue (Pareto-like): true
December above the monthly mean by a third: true
