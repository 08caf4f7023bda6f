--TEST--
Profiles::fromDatabase(), Magento 2: every profile equals the server's own aggregates (states, refunds, NULL totals, guests, zero dates, default billing country); cancelled_statuses replaces the excluded states
--EXTENSIONS--
segment
--SKIPIF--
<?php require __DIR__ . '/mysql.inc'; if ($r = seg_db_skip_reason()) die("skip $r");
--FILE--
<?php
require __DIR__ . '/mysql.inc';

/* docs/mysql.md, Magento: customers still in customer_entity; states in
 * $excluded do not count; amount base_grand_total - base_total_refunded with
 * NULL as 0, and a negative amount is a return (not an order); created_at
 * in UTC; a zero date is no date; the country of the default billing address,
 * else the default shipping one, when it is 2 or 3 letters (upper-cased). */
function expected(array $excluded): array {
    $in = implode(',', array_map(fn ($s) => "'$s'", $excluded)); // constants of this test
    $rows = seg_db_sql('seg_magento', "
        SELECT x.customer_id,
               COUNT(DISTINCT IF(x.counted, x.entity_id, NULL)),
               SUM(IF(x.counted, x.amount, 0)),
               DATE_FORMAT(MIN(IF(x.counted, x.created_at, NULL)), '%Y-%m-%d %H:%i:%s'),
               DATE_FORMAT(MAX(IF(x.counted, x.created_at, NULL)), '%Y-%m-%d %H:%i:%s'),
               COUNT(DISTINCT IF(x.excluded, x.entity_id, NULL)),
               IF(SUM(x.counted) > 0, MAX(x.country), NULL)
          FROM (SELECT o.entity_id, o.customer_id, o.created_at,
                       COALESCE(o.base_grand_total, 0) - COALESCE(o.base_total_refunded, 0) AS amount,
                       COALESCE(o.state, '') IN ($in) AS excluded,
                       COALESCE(o.state, '') NOT IN ($in)
                         AND COALESCE(o.base_grand_total, 0) - COALESCE(o.base_total_refunded, 0) >= 0 AS counted,
                       IF(a.country_id REGEXP '^[A-Za-z]{2,3}\$', UPPER(a.country_id), NULL) AS country
                  FROM sales_order o
                  JOIN customer_entity ce ON ce.entity_id = o.customer_id
                  LEFT JOIN customer_address_entity a
                         ON a.entity_id = COALESCE(ce.default_billing, ce.default_shipping) AND a.parent_id = ce.entity_id
                 WHERE o.created_at <> '0000-00-00 00:00:00') x
         GROUP BY x.customer_id");
    $want = [];
    foreach ($rows as $r) $want[$r[0]] = array_slice($r, 1);
    return $want;
}

$ref = ['platform' => 'magento', 'reference' => '2025-01-01 00:00:00'];
$p = Segment\Profiles::fromDatabase(seg_db('seg_magento'), $ref);
echo "default (canceled, closed): ";
seg_db_compare($p, expected(['canceled', 'closed']));

[$lines, $guests, $nodate, $returns] = array_map('intval', seg_db_sql('seg_magento', "
    SELECT COUNT(*), SUM(ce.entity_id IS NULL),
           SUM(ce.entity_id IS NOT NULL AND o.created_at = '0000-00-00 00:00:00'),
           SUM(ce.entity_id IS NOT NULL AND o.created_at <> '0000-00-00 00:00:00'
               AND COALESCE(o.state, '') NOT IN ('canceled', 'closed')
               AND COALESCE(o.base_grand_total, 0) - COALESCE(o.base_total_refunded, 0) < 0)
      FROM sales_order o LEFT JOIN customer_entity ce ON ce.entity_id = o.customer_id")[0]);
$s = $p->stats();
echo "stats: lines ", $s['lines'] === $lines ? 'ok' : "{$s['lines']} != $lines",
    ", without customer ", $s['lines_without_customer'] === $guests ? 'ok' : "{$s['lines_without_customer']} != $guests",
    ", without date ", $s['lines_without_date'] === $nodate ? 'ok' : "{$s['lines_without_date']} != $nodate",
    ", returns ", $s['returned_lines'] === $returns ? 'ok' : "{$s['returned_lines']} != $returns", "\n";
echo "the data has guests or gone customers: ", $guests > 0 ? 'yes' : 'no', "; zero dates: ", $nodate > 0 ? 'yes' : 'no',
    "; refunds above the total: ", $returns > 0 ? 'yes' : 'no', "\n";

echo "pending_payment excluded too: ";
$p = Segment\Profiles::fromDatabase(seg_db('seg_magento'), $ref + ['cancelled_statuses' => ['canceled', 'closed', 'pending_payment']]);
seg_db_compare($p, expected(['canceled', 'closed', 'pending_payment']));

// customer 5's only address has country_id 'XX1': no country, not an error
var_dump($p->get(5)['country']);
?>
--EXPECT--
default (canceled, closed): same customers, 0 differences
stats: lines ok, without customer ok, without date ok, returns ok
the data has guests or gone customers: yes; zero dates: yes; refunds above the total: yes
pending_payment excluded too: same customers, 0 differences
NULL
