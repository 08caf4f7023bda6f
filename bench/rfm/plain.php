<?php

/**
 * RFM in plain PHP, without the extension: the same definitions as
 * Segment\Profiles + Segment\Rfm::fit(['method' => 'pandas']) (docs/rfm.md),
 * written the straightforward way: fgets + explode per line (str_getcsv for
 * a line with quotes), one PHP array per profile field keyed by customer id,
 * sort, quantiles, segment maps as data.
 *
 *   php bench/rfm/plain.php FILE.csv --data=gen|uci [--out=DUMP.csv]
 *
 * --data=gen: generate.py's columns customer_id,order_id,order_date,amount,
 *             reference 2025-01-01 00:00:00
 * --data=uci: UCI Online Retail (CustomerID, InvoiceNo, InvoiceDate,
 *             Quantity × UnitPrice), reference 2011-12-10 12:50:00
 * Both: cancel prefix "C", returns "exclude", 5 bins, method "pandas".
 *
 * Prints one JSON line (customers, scored, segment counts, stage times).
 * --out writes customer,recency,frequency,monetary,r,f,m,segment,
 * value_segment,group,retention for every scored customer (compare.php).
 *
 * Dates are "Y-m-d H:i:s" in both files, fixed width, so the earliest and
 * latest order of a customer are found by comparing the strings; each
 * customer's last order is converted to a timestamp once, at the end.
 */

declare(strict_types=1);

ini_set('memory_limit', '-1');
date_default_timezone_set('UTC'); // naive wall-clock times: no DST shifts

require __DIR__ . '/common.php';

[$path, $data, $out] = rfm_bench_args($argv);
$cfg = rfm_bench_dataset($data);
$t0 = hrtime(true);

// ------------------------------------------------------------------ read

$fh = fopen($path, 'rb');
if (!$fh) {
    fwrite(STDERR, "cannot open $path\n");
    exit(2);
}
$head = fgets($fh);
$head = str_getcsv(rtrim(preg_replace('/^\xEF\xBB\xBF/', '', (string) $head), "\r\n"));
$col = static function (?string $name) use ($head, $path): ?int {
    if ($name === null) {
        return null;
    }
    $i = array_search($name, $head, true);
    if ($i === false) {
        fwrite(STDERR, "$path: no column $name\n");
        exit(2);
    }
    return $i;
};
$ci = $col($cfg['customer']);
$oi = $col($cfg['order']);
$di = $col($cfg['date']);
$ai = $col($cfg['amount'] ?? null);
$qi = $col($cfg['quantity'] ?? null);
$pi = $col($cfg['price'] ?? null);
$prefix = $cfg['cancel_prefix'];
$plen = strlen($prefix);

$orders = [];     // customer => number of orders (counted lines)
$sum = [];        // customer => monetary (Kahan sum)
$comp = [];       // customer => Kahan compensation
$first = [];      // customer => earliest order date (string)
$last = [];       // customer => latest order date (string)
$lastOrder = [];  // customer => order id of the previous counted line
$returned = [];   // customer => sum of |amount| of excluded lines
$cancelled = [];  // customer => cancelled orders
$lastCancel = []; // customer => order id of the previous cancelled line
$lines = 0;
$noCustomer = 0;

while (($line = fgets($fh)) !== false) {
    if (strpos($line, '"') === false) {
        $f = explode(',', rtrim($line, "\r\n"));
    } else {
        // a quoted field, possibly with commas or line breaks
        while (substr_count($line, '"') % 2 === 1 && ($more = fgets($fh)) !== false) {
            $line .= $more;
        }
        $f = str_getcsv(rtrim($line, "\r\n"));
    }
    $lines++;
    $cid = $f[$ci];
    if ($cid === '') {
        $noCustomer++;
        continue;
    }
    $order = $f[$oi];
    if ($ai !== null) {
        $qty = 1.0;
        $amount = (float) $f[$ai];
    } else {
        $qty = (float) $f[$qi];
        $amount = $qty * (float) $f[$pi];
    }
    $isCancel = $plen > 0 && strncmp($order, $prefix, $plen) === 0;
    if ($isCancel || $amount < 0 || $qty < 0) {
        // excluded line: never an order
        $returned[$cid] = ($returned[$cid] ?? 0.0) + abs($amount);
        if ($isCancel && ($lastCancel[$cid] ?? null) !== $order) {
            $cancelled[$cid] = ($cancelled[$cid] ?? 0) + 1;
            $lastCancel[$cid] = $order;
        }
        continue;
    }
    $date = $f[$di];
    if (!isset($orders[$cid])) {
        $orders[$cid] = 1;
        $sum[$cid] = $amount;
        $comp[$cid] = 0.0;
        $first[$cid] = $date;
        $last[$cid] = $date;
        $lastOrder[$cid] = $order;
        continue;
    }
    if ($order === '' || $lastOrder[$cid] !== $order) {
        $orders[$cid]++;
        $lastOrder[$cid] = $order;
    }
    // Kahan summation in input order, as pandas' groupby().sum()
    $s = $sum[$cid];
    $y = $amount - $comp[$cid];
    $t = $s + $y;
    $comp[$cid] = ($t - $s) - $y;
    $sum[$cid] = $t;
    if ($date < $first[$cid]) {
        $first[$cid] = $date;
    }
    if ($date > $last[$cid]) {
        $last[$cid] = $date;
    }
}
fclose($fh);
unset($comp, $lastOrder, $lastCancel);
$profiles = count($orders + $returned); // customers with a profile (incl. no counted line)
$t1 = hrtime(true);

// ------------------------------------------------------------------ scores

// Customers with orders in customer order: ascending numeric id when every id
// is an integer (PHP made those array keys ints), else byte order.
$ids = array_keys($orders);
$numeric = true;
foreach ($ids as $id) {
    if (!is_int($id)) {
        $numeric = false;
        break;
    }
}
sort($ids, $numeric ? SORT_NUMERIC : SORT_STRING);
$n = count($ids);

$ref = (new DateTimeImmutable($cfg['reference']))->getTimestamp();
$rec = [];
$freq = [];
$mon = [];
foreach ($ids as $k => $id) {
    $rec[$k] = (int) floor(($ref - strtotime($last[$id])) / 86400); // whole days, rounded down
    $freq[$k] = $orders[$id];
    $mon[$k] = $sum[$id];
}

$q = 5;
// qcut bin edges in rank space: numpy.quantile (linear) of 1..n at i * (1/q)
$edges = [];
for ($i = 0; $i <= $q; $i++) {
    $p = $i === 0 ? 0.0 : ($i === $q ? 1.0 : $i * (1.0 / $q));
    $h = ($n - 1) * $p;
    if ($h >= $n - 1) {
        $edges[$i] = (float) $n;
        continue;
    }
    $j = (int) floor($h);
    $g = $h - $j;
    $a = $j + 1.0;  // the ranks: a_j = j + 1, a_{j+1} - a_j = 1
    $edges[$i] = $g < 0.5 ? $a + $g : ($a + 1.0) - (1 - $g);
}
for ($i = 1; $i <= $q; $i++) {
    if (!($edges[$i] > $edges[$i - 1])) {
        fwrite(STDERR, "Bin edges must be unique\n");
        exit(1);
    }
}

/**
 * pandas-compatible bins 1..q: rank(method="first") (stable sort: ties by
 * customer order), then qcut of the ranks.
 *
 * @param array<int, int|float> $values position => value, in customer order
 * @return array<int, int> position => bin
 */
$bins = static function (array $values) use ($edges, $q): array {
    asort($values); // stable since PHP 8.0: equal values keep customer order
    $bin = [];
    $b = 1;
    $rank = 0;
    foreach ($values as $k => $_) {
        $rank++;
        while ($b < $q && $rank > $edges[$b]) {
            $b++;
        }
        $bin[$k] = $b;
    }
    return $bin;
};
$rb = $bins($rec);
$fb = $bins($freq);
$mb = $bins($mon);

// Segment maps as data (docs/rfm.md section 7), first matching rule wins;
// precomputed for the q^3 score triples.
$maps = rfm_bench_maps();
$cell = [];
for ($r = 1; $r <= $q; $r++) {
    for ($f = 1; $f <= $q; $f++) {
        for ($m = 1; $m <= $q; $m++) {
            $pick = static function (array $rules) use ($r, $f, $m): ?array {
                foreach ($rules as $rule) {
                    if ($r >= $rule['r'][0] && $r <= $rule['r'][1] && $f >= $rule['f'][0] && $f <= $rule['f'][1]
                        && $m >= $rule['m'][0] && $m <= $rule['m'][1]) {
                        return $rule;
                    }
                }
                return null;
            };
            $core = $pick($maps['core']);
            $cell[$r * 100 + $f * 10 + $m] = [
                'segment' => $pick($maps['rf11'])['name'] ?? null,
                'value_segment' => $core['name'] ?? null,
                'group' => $core['group'] ?? null,
                'retention' => $pick($maps['retention'])['name'] ?? null,
            ];
        }
    }
}

$scores = [];
foreach ($ids as $k => $id) {
    $r = $q + 1 - $rb[$k];
    $f = $fb[$k];
    $m = $mb[$k];
    $code = $r * 100 + $f * 10 + $m;
    $scores[$id] = ['r' => $r, 'f' => $f, 'm' => $m, 'score' => (string) $code] + $cell[$code];
}
$t2 = hrtime(true);

// Not a foreach: each $s copied out of $scores would become a GC root and
// the cycle collector would scan the 1M score arrays again and again
// (about 2 s for 1M customers), a cost of this harness, not of the method.
$segments = array_count_values(array_column($scores, 'segment'));
ksort($segments);

if ($out !== null) {
    $w = fopen($out, 'wb');
    fwrite($w, RFM_BENCH_DUMP_HEADER . "\n");
    foreach ($ids as $k => $id) {
        rfm_bench_dump_row($w, (string) $id, $rec[$k], $freq[$k], $mon[$k], $scores[$id]);
    }
    fclose($w);
}

echo json_encode([
    'method' => 'plain',
    'lines' => $lines,
    'lines_without_customer' => $noCustomer,
    'customers' => $profiles,
    'scored' => $n,
    'segments' => $segments,
    'read_s' => ($t1 - $t0) / 1e9,
    'score_s' => ($t2 - $t1) / 1e9,
    'peak_php_bytes' => memory_get_peak_usage(true),
]), "\n";
