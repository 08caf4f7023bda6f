--TEST--
Profiles::fromDatabase(), PrestaShop: every profile equals the server's own aggregates (valid orders, amounts in the default currency, dates, delivery country), for two table prefixes
--EXTENSIONS--
segment
--SKIPIF--
<?php require __DIR__ . '/mysql.inc'; if ($r = seg_db_skip_reason()) die("skip $r");
--FILE--
<?php
require __DIR__ . '/mysql.inc';

/* docs/mysql.md, PrestaShop: registered customers (not guests, not deleted,
 * still in {p}customer); an order counts when its current state is logable;
 * amount total_paid / conversion_rate (0 taken as 1); a zero date is no date. */
function expected(string $p): array {
    $rows = seg_db_sql('seg_presta', "
        SELECT o.id_customer,
               COUNT(DISTINCT IF(os.logable = 1, o.id_order, NULL)),
               SUM(IF(os.logable = 1, o.total_paid / IF(o.conversion_rate > 0, o.conversion_rate, 1), 0)),
               MIN(IF(os.logable = 1, o.date_add, NULL)),
               MAX(IF(os.logable = 1, o.date_add, NULL)),
               COUNT(DISTINCT IF(os.logable = 1, NULL, o.id_order)),
               (SELECT co.iso_code FROM {$p}orders o2
                  JOIN {$p}order_state s2 ON s2.id_order_state = o2.current_state AND s2.logable = 1
                  JOIN {$p}address a ON a.id_address = o2.id_address_delivery
                  JOIN {$p}country co ON co.id_country = a.id_country
                 WHERE o2.id_customer = o.id_customer AND o2.date_add <> '0000-00-00 00:00:00'
                 ORDER BY o2.date_add DESC LIMIT 1)
          FROM {$p}orders o
          JOIN {$p}customer c ON c.id_customer = o.id_customer AND c.deleted = 0 AND c.is_guest = 0
          LEFT JOIN {$p}order_state os ON os.id_order_state = o.current_state
         WHERE o.date_add <> '0000-00-00 00:00:00'
         GROUP BY o.id_customer");
    $want = [];
    foreach ($rows as $r) $want[$r[0]] = array_slice($r, 1);
    return $want;
}

function stats_expected(string $p): array {
    return array_map('intval', seg_db_sql('seg_presta', "
        SELECT COUNT(*),
               SUM(c.id_customer IS NULL OR c.deleted = 1 OR c.is_guest = 1),
               SUM(c.id_customer IS NOT NULL AND c.deleted = 0 AND c.is_guest = 0 AND o.date_add = '0000-00-00 00:00:00')
          FROM {$p}orders o LEFT JOIN {$p}customer c ON c.id_customer = o.id_customer")[0]);
}

foreach (['ps_' => null, 'shop2_' => 'shop2_'] as $p => $prefix) {
    $opts = ['platform' => 'prestashop', 'reference' => '2025-01-01 00:00:00'];
    if ($prefix) $opts['prefix'] = $prefix;
    $profiles = Segment\Profiles::fromDatabase(seg_db('seg_presta'), $opts);
    echo "$p: ";
    seg_db_compare($profiles, expected($p));
    $s = $profiles->stats();
    [$lines, $guests, $nodate] = stats_expected($p);
    echo "  stats: lines ", $s['lines'] === $lines ? 'ok' : "{$s['lines']} != $lines",
        ", without customer ", $s['lines_without_customer'] === $guests ? 'ok' : "{$s['lines_without_customer']} != $guests",
        ", without date ", $s['lines_without_date'] === $nodate ? 'ok' : "{$s['lines_without_date']} != $nodate", "\n";
    echo "  the data has guests, deleted or unknown customers: ", $guests > 0 ? 'yes' : 'no',
        "; zero dates: ", $nodate > 0 ? 'yes' : 'no', "\n";
}

// the same through a connection string on the Unix socket
$dsn = sprintf('mysql://%s:%s@localhost/seg_presta?socket=%s', rawurlencode(getenv('SEG_MYSQL_USER')),
               rawurlencode(getenv('SEG_MYSQL_PASSWORD')), rawurlencode(getenv('SEG_MYSQL_SOCKET')));
$a = Segment\Profiles::fromDatabase($dsn, ['platform' => 'prestashop', 'reference' => '2025-01-01 00:00:00']);
$b = Segment\Profiles::fromDatabase(seg_db('seg_presta'), ['platform' => 'prestashop', 'reference' => '2025-01-01 00:00:00']);
echo "socket and TCP give the same profiles: ", $a->toArray() === $b->toArray() ? 'yes' : 'no', "\n";
// a customer's profile has the documented keys
echo implode(',', array_keys($a->get(array_key_first($a->toArray())))), "\n";
?>
--EXPECT--
ps_: same customers, 0 differences
  stats: lines ok, without customer ok, without date ok
  the data has guests, deleted or unknown customers: yes; zero dates: yes
shop2_: same customers, 0 differences
  stats: lines ok, without customer ok, without date ok
  the data has guests, deleted or unknown customers: yes; zero dates: yes
socket and TCP give the same profiles: yes
customer_id,orders,monetary,average_order_value,first_order_at,last_order_at,recency,tenure_days,mean_days_between_orders,cancelled_orders,returned,country
