<?php
/*
 * Prints the SQL that fills the test databases made by tests/mysql/server.sh
 * with generated shop data (fixed seed, so every run has the same rows):
 *
 *   seg_presta   PrestaShop: order states as PrestaShop's defaults (logable or
 *                not), customers (some guests, some soft-deleted), addresses in
 *                three countries (a few in one that is gone), orders of
 *                customers that exist, are guests, are deleted or never
 *                existed, in shops 1 and 2, with zero dates, a state id that
 *                does not exist, conversion rates of 1, 1.25 and 0;
 *                the same tables with prefix shop2_, with other orders
 *   seg_magento  Magento 2: customers with default billing and/or shipping
 *                addresses (one with a country that is not a code), orders
 *                in every state, guest orders (customer_id NULL), orders of
 *                customers that are gone, NULL totals, partial refunds,
 *                zero dates
 *   seg_custom   tables for custom queries: order lines (several per order),
 *                a latin1 table, non-UTF-8 ids, NULL amounts, 200,000 rows
 *                for progress and early stops, and broken_* PrestaShop tables
 *                that lack a column
 *
 * The tests compute their expectations with SQL on this data, on the server.
 */
mt_srand(20240611);

function q(?string $s): string { return $s === null ? 'NULL' : "'" . addslashes($s) . "'"; }
function money(): string { return sprintf('%.6f', mt_rand(0, 5000000) / 10000); }
/* Unique date slots, shuffled: no two orders share a date, so "the latest
 * order" is never a tie. */
function dates(int $n): array {
    $slots = range(0, $n - 1);
    shuffle($slots);
    $base = strtotime('2023-01-01 00:00:00 UTC');
    return array_map(fn ($i) => gmdate('Y-m-d H:i:s', $base + $i * 9000 + mt_rand(0, 8999)), $slots);
}

echo "SET SESSION sql_mode = '';\nSET time_zone = '+00:00';\nSET NAMES utf8mb4;\nSET FOREIGN_KEY_CHECKS = 0;\n";

/* ---- PrestaShop ---------------------------------------------------------- */
echo "USE seg_presta;\n";
foreach (['ps_', 'shop2_'] as $p) {
    // id, logable, paid: as PrestaShop's default states
    $states = [[1, 0, 0], [2, 1, 1], [3, 1, 1], [4, 1, 1], [5, 1, 1], [6, 0, 0], [7, 0, 1], [8, 0, 0], [10, 1, 0]];
    foreach ($states as [$id, $logable, $paid]) {
        echo "INSERT INTO {$p}order_state (id_order_state, unremovable, logable, paid) VALUES ($id, 1, $logable, $paid);\n";
    }
    foreach ([[1, 'FR'], [2, 'DE'], [3, 'BE']] as [$id, $iso]) {
        echo "INSERT INTO {$p}country (id_country, id_zone, iso_code, display_tax_label) VALUES ($id, 1, '$iso', 1);\n";
    }
    $ncust = $p === 'ps_' ? 300 : 40;
    $addr = [];
    $aid = 0;
    for ($c = 1; $c <= $ncust; $c++) {
        $guest = $c % 17 == 0 ? 1 : 0;
        $deleted = $c % 23 == 0 ? 1 : 0;
        $first = $c == 7 ? 'Zoë' : "First$c";
        echo "INSERT INTO {$p}customer (id_customer, id_gender, firstname, lastname, email, passwd, is_guest, deleted, date_add, date_upd)",
            " VALUES ($c, 1, " . q($first) . ", 'Last', 'c$c@example.com', 'x', $guest, $deleted, '2022-01-01', '2022-01-01');\n";
        for ($k = 0; $k < 1 + $c % 2; $k++) {
            $aid++;
            $addr[$c][] = $aid;
            $country = mt_rand(1, 3);
            if ($c % 29 == 0) $country = 42; // a country row that is gone: no country for this address
            echo "INSERT INTO {$p}address (id_address, id_country, id_customer, alias, lastname, firstname, address1, city, date_add, date_upd)",
                " VALUES ($aid, $country, $c, 'a', 'L', 'F', 'street', 'city', '2022-01-01', '2022-01-01');\n";
        }
    }
    $norders = $p === 'ps_' ? 3000 : 200;
    $dates = dates($norders);
    for ($o = 1; $o <= $norders; $o++) {
        $cust = mt_rand(1, $ncust + 20); // the last 20 ids have no customer row
        $state = mt_rand(0, 40) == 0 ? 99 : $states[mt_rand(0, count($states) - 1)][0];
        $date = mt_rand(0, 60) == 0 ? '0000-00-00 00:00:00' : $dates[$o - 1];
        $rate = [1, 1, 1, 1.25, 0][mt_rand(0, 4)];
        $delivery = isset($addr[$cust]) ? $addr[$cust][mt_rand(0, count($addr[$cust]) - 1)] : 0;
        $shop = $o % 5 == 0 ? 2 : 1; // multistore: every fifth order in shop 2
        echo "INSERT INTO {$p}orders (id_order, id_shop, id_carrier, id_lang, id_customer, id_cart, id_currency, id_address_delivery,",
            " id_address_invoice, current_state, payment, conversion_rate, total_paid, valid, date_add, date_upd)",
            " VALUES ($o, $shop, 1, 1, $cust, $o, 1, $delivery, $delivery, $state, 'check', $rate, " . money() . ", 0, '$date', '$date');\n";
    }
}

/* ---- Magento 2 ------------------------------------------------------------- */
echo "USE seg_magento;\n";
$aid = 0;
for ($c = 1; $c <= 200; $c++) {
    $billing = $shipping = 'NULL';
    $n = $c % 4; // 0: no address; 1: billing; 2: shipping only; 3: both, different countries
    for ($k = 0; $k < ($n == 3 ? 2 : min($n, 1)); $k++) {
        $aid++;
        $country = $c == 5 ? 'XX1' : ['FR', 'US', 'DE', 'nl'][mt_rand(0, 3)];
        echo "INSERT INTO customer_address_entity (entity_id, parent_id, city, country_id, firstname, lastname, street, telephone)",
            " VALUES ($aid, $c, 'city', '$country', 'F', 'L', 'street', '1');\n";
        if ($n == 1 || ($n == 3 && $k == 0)) $billing = $aid;
        if ($n == 2 || ($n == 3 && $k == 1)) $shipping = $aid;
    }
    echo "INSERT INTO customer_entity (entity_id, website_id, email, firstname, default_billing, default_shipping)",
        " VALUES ($c, 1, 'm$c@example.com', 'F$c', $billing, $shipping);\n";
}
$mstates = ['new', 'processing', 'complete', 'complete', 'complete', 'closed', 'canceled', 'holded', 'pending_payment', null];
$dates = dates(2000);
for ($o = 1; $o <= 2000; $o++) {
    $r = mt_rand(0, 20);
    $cust = $r == 0 ? null : mt_rand(1, 210); // NULL: guest; 201-210: customer gone
    $state = $mstates[mt_rand(0, count($mstates) - 1)];
    $date = mt_rand(0, 60) == 0 ? '0000-00-00 00:00:00' : $dates[$o - 1];
    $total = mt_rand(0, 30) == 0 ? 'NULL' : money();
    $refunded = mt_rand(0, 10) == 0 ? sprintf('%.4f', mt_rand(0, 1000) / 100) : 'NULL';
    echo "INSERT INTO sales_order (entity_id, state, status, customer_id, customer_is_guest, base_grand_total, base_total_refunded, increment_id, store_id, created_at)",
        " VALUES ($o, " . q($state) . ", " . q($state) . ", " . ($cust ?? 'NULL') . ", " . ($cust === null ? 1 : 0) . ", $total, $refunded, '$o', 1, '$date');\n";
}

/* ---- custom -------------------------------------------------------------- */
echo "USE seg_custom;\n";
echo "CREATE TABLE order_lines (id INT AUTO_INCREMENT PRIMARY KEY, shopper VARCHAR(32) NULL, invoice VARCHAR(16) NOT NULL,",
    " placed DATETIME NULL, price DECIMAL(12,2) NULL, qty INT NOT NULL, state VARCHAR(16) NULL, land CHAR(2) NULL) CHARACTER SET utf8mb4;\n";
$line = 0;
for ($inv = 1; $inv <= 400; $inv++) {
    $shopper = mt_rand(0, 25) == 0 ? null : 'S' . mt_rand(1, 60);
    $placed = mt_rand(0, 50) == 0 ? null : gmdate('Y-m-d H:i:s', strtotime('2024-01-01 UTC') + $inv * 3600 * 7);
    $state = ['paid', 'paid', 'paid', 'refunded', null][mt_rand(0, 4)];
    $land = [null, 'FR', 'IT'][mt_rand(0, 2)];
    for ($k = mt_rand(1, 4); $k > 0; $k--) {
        echo "INSERT INTO order_lines (shopper, invoice, placed, price, qty, state, land) VALUES (", q($shopper), ", 'INV$inv', ",
            q($placed), ", ", sprintf('%.2f', mt_rand(100, 20000) / 100), ", ", mt_rand(1, 3), ", ", q($state), ", ", q($land), ");\n";
    }
}
// latin1: the server converts to the connection's utf8mb4
echo "CREATE TABLE latin (who VARCHAR(16) NOT NULL, at DATETIME NOT NULL, total DECIMAL(8,2) NOT NULL) CHARACTER SET latin1;\n";
echo "INSERT INTO latin VALUES ('José', '2024-03-01 10:00:00', 10.50), ('José', '2024-03-02 10:00:00', 4.50), ('Ana', '2024-03-03 00:00:00', 1);\n";
// bytes that are not UTF-8 in a binary column
echo "CREATE TABLE raw_ids (who VARBINARY(16) NOT NULL, at DATETIME NOT NULL, total DECIMAL(8,2) NULL);\n";
echo "INSERT INTO raw_ids VALUES ('ok-1', '2024-01-01 00:00:00', 1), (X'C328', '2024-01-02 00:00:00', 2);\n";
echo "INSERT INTO raw_ids VALUES ('ok-2', '2024-01-03 00:00:00', NULL);\n";
// 200,000 rows, made by the server
echo "CREATE TABLE big (id INT PRIMARY KEY, who VARCHAR(16) NOT NULL, at DATETIME NOT NULL, total DECIMAL(8,2) NOT NULL);\n";
echo "SET SESSION max_recursive_iterations = 1000000;\n";
echo "INSERT INTO big WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 200000)",
    " SELECT n, CONCAT('B', n % 5000), '2024-01-01 00:00:00' + INTERVAL n MINUTE, (n % 100) + 0.5 FROM seq;\n";
// PrestaShop tables lacking a column the reader needs
foreach (['orders', 'customer', 'order_state', 'address', 'country'] as $t) {
    echo "CREATE TABLE broken_$t LIKE seg_presta.ps_$t;\n";
}
echo "ALTER TABLE broken_orders DROP COLUMN conversion_rate;\n";
