<?php
/**
 * Writes examples/orders.csv, the sample order export `segment analyze` runs on
 * in the README's main command (bin/segment, docs/cli.md).
 *
 *   php examples/generate-orders.php [OUT.csv]      (default: examples/orders.csv)
 *
 * Reproducible: seeded with mt_srand(20261121) (MT19937, the same sequence on
 * every PHP 8 and platform), and only integer arithmetic on the draws (plus
 * sqrt(), which IEEE 754 rounds exactly), so the file is the same byte for
 * byte wherever it is generated. tests/phpt/cli_orders_reproducible.phpt
 * regenerates it and compares hashes.
 *
 * The format is an order-lines export as a PrestaShop shop gives it from
 * ps_orders joined with ps_order_detail (one row per product in an order),
 * with the column names simplified: order_id, customer_id, order_date
 * (Y-m-d H:i:s, the shop's wall clock), status, country (ISO code),
 * product_id, quantity, unit_price (tax included, two decimals). Magento's
 * sales_order_item export has the same shape (increment_id, customer_id,
 * created_at, status, qty_ordered, price).
 *
 * What it models, two years of orders ending 2026-10-31:
 * - 3,000 customers; most buy once, a loyal minority often: one-off buyers
 *   (56 %), occasional (29 %, 2-5 orders), regulars (11.5 %, 4-16 orders)
 *   and a few very frequent buyers (3.5 %, 12-40 orders), each with a chance
 *   to stop buying after every order (churn), and none after 2026-10-31: in
 *   the file about 60 % of the customers have exactly one order;
 * - spend per customer from a Pareto distribution (shape 2, so a long tail
 *   of big baskets), combined with the order counts: the top fifth of the
 *   customers brings about two thirds of the revenue;
 * - seasonality: November and December (Black Friday, Christmas) about
 *   twice an ordinary month, a quieter January and August; evenings busier
 *   than nights;
 * - about 3 % of orders cancelled (status "canceled"), 1.5 % refunded in
 *   full (status "refunded"), and in 4 % of delivered orders one product
 *   returned: an extra line of the same order with a negative quantity;
 * - about 3 % guest checkouts (empty customer_id), recent orders still
 *   "shipped" or "processing";
 * - a few countries, France first (a French shop selling in Europe).
 */

declare(strict_types=1);

const SEED = 20261121;
const CUSTOMERS = 3000;
const FIRST_DAY = '2024-11-01';
const LAST_DAY = '2026-10-31';

$out = $argv[1] ?? __DIR__ . '/orders.csv';
mt_srand(SEED, MT_RAND_MT19937);

$start = (int) (new DateTimeImmutable(FIRST_DAY . ' 00:00:00', new DateTimeZone('UTC')))->format('U');
$end = (int) (new DateTimeImmutable(LAST_DAY . ' 23:59:59', new DateTimeZone('UTC')))->format('U');
$days = intdiv($end - $start + 1, 86400);

/** A uniform double in [0, 1) from 31 bits of MT19937: exact, no platform rounding. */
function uniform(): float
{
    return mt_rand() / 2147483648.0;
}

/** An index drawn from integer weights. */
function pick(array $weights): int|string
{
    $r = mt_rand(1, array_sum($weights));
    foreach ($weights as $k => $w) {
        if (($r -= $w) <= 0) return $k;
    }
    throw new LogicException('unreachable');
}

// Seasonality: relative weight of each month (tenths), used by rejection sampling.
const MONTH_WEIGHT = [1 => 8, 2 => 9, 3 => 10, 4 => 10, 5 => 10, 6 => 9, 7 => 9, 8 => 7, 9 => 10, 10 => 11, 11 => 19, 12 => 21];
// Hour of day weights: quiet nights, a lunch bump, busy evenings.
const HOUR_WEIGHT = [1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 7, 6, 6, 6, 7, 8, 10, 11, 10, 7, 3];
const COUNTRIES = ['FR' => 46, 'BE' => 12, 'DE' => 10, 'CH' => 8, 'ES' => 8, 'IT' => 7, 'NL' => 5, 'LU' => 4];

/** Day number (0 .. $days-1) drawn with the month weights, from $from on. */
function seasonal_day(int $start, int $from, int $days): int
{
    for (;;) {
        $d = mt_rand($from, $days - 1);
        $month = (int) gmdate('n', $start + $d * 86400);
        if (mt_rand(1, 21) <= MONTH_WEIGHT[$month]) return $d;
    }
}

function time_of_day(): int
{
    return (int) pick(HOUR_WEIGHT) * 3600 + mt_rand(0, 59) * 60 + mt_rand(0, 59);
}

// The catalogue: 400 products, prices in cents from 3.90 to about 300, most of them cheap.
$catalogue = [];
for ($p = 0; $p < 400; $p++) {
    $base = [390, 590, 790, 990, 1290, 1490, 1990, 2490, 2990, 3990, 4990, 6990, 8990, 12900, 17900, 24900, 29900];
    $w = [9, 10, 12, 14, 14, 12, 11, 10, 8, 6, 5, 4, 3, 2, 2, 1, 1];
    $catalogue[1000 + $p] = $base[pick($w)];
}
$productIds = array_keys($catalogue);

// Customer behaviour types: share (per mille), order count range, mean gap between orders
// in days, chance per mille of stopping after each order.
$types = [
    'once' => [560, [1, 1], 0, 1000],
    'occasional' => [290, [2, 5], 140, 160],
    'regular' => [115, [4, 16], 50, 60],
    'frequent' => [35, [12, 40], 20, 30],
];
$typeWeights = array_map(fn ($t) => $t[0], $types);

$orders = [];   // [timestamp, seq, customer (0 = guest), country, status, lines]
$seq = 0;
// Customers are drawn until 3,000 have ordered within the two years. Some started a
// year earlier (an existing customer base, so the second year is not all repeat
// business built up in the first): their orders before FIRST_DAY are not in the file.
$made = 0;
while ($made < CUSTOMERS) {
    $type = pick($typeWeights);
    [, [$min, $max], $gap, $churn] = $types[$type];
    $n = mt_rand($min, $max);
    $country = pick(COUNTRIES);
    // Spend level: Pareto with shape 2 (x = 1 / sqrt(u)), capped at 12 times the typical basket.
    $u = 1.0 - uniform();
    $level = min(12.0, 1.0 / sqrt($u));
    $day = seasonal_day($start, -365, $days);
    $mine = [];
    for ($k = 0; $k < $n && $day < $days; $k++) {
        $at = $start + $day * 86400 + time_of_day();
        if ($day >= 0) $mine[] = $at;
        if ($k > 0 && mt_rand(1, 1000) <= $churn) break;
        if ($gap > 0) {
            // A gap around the mean (sum of two uniforms), drawn again until the month
            // accepts it with its seasonal weight: repeat orders follow the season too.
            do {
                $next = $day + mt_rand(1, $gap) + mt_rand(0, $gap);
            } while ($next < $days && mt_rand(1, 21) > MONTH_WEIGHT[(int) gmdate('n', $start + $next * 86400)]);
            $day = $next;
        }
    }
    if (!$mine) continue;
    $made++;
    foreach ($mine as $at) $orders[] = [$at, $seq++, $made, $country, $level];
}
// Guest checkouts: one order each, no customer id.
$guests = intdiv(count($orders) * 3, 100);
for ($g = 0; $g < $guests; $g++) {
    $orders[] = [$start + seasonal_day($start, 0, $days) * 86400 + time_of_day(), $seq++, 0, pick(COUNTRIES), 1.0];
}
usort($orders, fn ($a, $b) => [$a[0], $a[1]] <=> [$b[0], $b[1]]);

// Customer ids: numbered in order of first purchase from 1001, as a shop numbers sign-ups
// (with gaps: accounts that never ordered).
$ids = [];
$next = 1001;
foreach ($orders as $o) {
    if ($o[2] !== 0 && !isset($ids[$o[2]])) {
        $ids[$o[2]] = $next;
        $next += mt_rand(1, 3);
    }
}

$fh = fopen($out, 'wb');
if ($fh === false) {
    fwrite(STDERR, "cannot write $out\n");
    exit(1);
}
fwrite($fh, "order_id,customer_id,order_date,status,country,product_id,quantity,unit_price\n");
$orderId = 250000;
$lines = 0;
$money = fn (int $cents): string => ($cents < 0 ? '-' : '') . intdiv(abs($cents), 100) . '.' . str_pad((string) (abs($cents) % 100), 2, '0', STR_PAD_LEFT);
foreach ($orders as [$ts, , $c, $country, $level]) {
    $orderId += mt_rand(1, 2);
    $age = intdiv($end - $ts, 86400);
    $r = mt_rand(1, 1000);
    $status = match (true) {
        $r <= 30 => 'canceled',
        $r <= 45 => 'refunded',
        $age < 3 => 'processing',
        $age < 10 => 'shipped',
        default => 'delivered',
    };
    // Products per order: 1 to 6, more for bigger spenders.
    $items = 1 + pick([18, 20, 20, 17, 13, 12]) + ($level > 3.0 && mt_rand(0, 1) ? 1 : 0);
    $rows = [];
    for ($i = 0; $i < $items; $i++) {
        $product = $productIds[min(count($productIds) - 1, (int) (count($productIds) * uniform() * uniform()))];
        $qty = 1 + pick([80, 12, 5, 3]);
        // Bigger spenders buy more units of an item.
        $qty += (int) (($level - 1.0) * uniform());
        $rows[] = [$product, $qty, $catalogue[$product]];
    }
    if ($status === 'delivered' && mt_rand(1, 1000) <= 40) {
        [$product, , $price] = $rows[mt_rand(0, count($rows) - 1)];
        $rows[] = [$product, -1, $price];
    }
    $date = gmdate('Y-m-d H:i:s', $ts);
    $customer = $c === 0 ? '' : (string) $ids[$c];
    foreach ($rows as [$product, $qty, $price]) {
        fwrite($fh, "$orderId,$customer,$date,$status,$country,$product,$qty," . $money($price) . "\n");
        $lines++;
    }
}
fclose($fh);
fprintf(STDERR, "%s: %d order lines, %d orders, %d customers\n", $out, $lines, count($orders), count($ids));
