--TEST--
Profiles::fromDatabase(): options 'since' (a reporting window) and 'shop' (PrestaShop multistore) read the orders a WHERE on date and id_shop would, whole shop and one customer alike
--EXTENSIONS--
segment
--SKIPIF--
<?php require __DIR__ . '/mysql.inc'; if ($r = seg_db_skip_reason()) die("skip $r");
--FILE--
<?php
require __DIR__ . '/mysql.inc';

/* The server's own aggregates of the orders that pass $where. */
function expected(string $where): array {
    $rows = seg_db_sql('seg_presta', "
        SELECT o.id_customer,
               COUNT(DISTINCT IF(os.logable = 1, o.id_order, NULL)),
               SUM(IF(os.logable = 1, o.total_paid / IF(o.conversion_rate > 0, o.conversion_rate, 1), 0)),
               MIN(IF(os.logable = 1, o.date_add, NULL)),
               MAX(IF(os.logable = 1, o.date_add, NULL)),
               COUNT(DISTINCT IF(os.logable = 1, NULL, o.id_order)),
               (SELECT co.iso_code FROM ps_orders o2
                  JOIN ps_order_state s2 ON s2.id_order_state = o2.current_state AND s2.logable = 1
                  JOIN ps_address a ON a.id_address = o2.id_address_delivery
                  JOIN ps_country co ON co.id_country = a.id_country
                 WHERE o2.id_customer = o.id_customer AND " . str_replace('o.', 'o2.', $where) . "
                 ORDER BY o2.date_add DESC LIMIT 1)
          FROM ps_orders o
          JOIN ps_customer c ON c.id_customer = o.id_customer AND c.deleted = 0 AND c.is_guest = 0
          LEFT JOIN ps_order_state os ON os.id_order_state = o.current_state
         WHERE $where
         GROUP BY o.id_customer");
    $want = [];
    foreach ($rows as $r) $want[$r[0]] = array_slice($r, 1);
    return $want;
}

$base = ['platform' => 'prestashop', 'reference' => '2025-01-01 00:00:00'];
$since = '2023-07-01 00:00:00';
$cases = [
    'since' => [['since' => $since], "o.date_add >= '$since'"],
    'since as a DateTimeImmutable' => [['since' => new DateTimeImmutable($since, new DateTimeZone('UTC'))], "o.date_add >= '$since'"],
    'shop 2' => [['shop' => 2], "o.id_shop = 2 AND o.date_add <> '0000-00-00 00:00:00'"],
    'shop 1 since' => [['shop' => 1, 'since' => $since], "o.id_shop = 1 AND o.date_add >= '$since'"],
];
$all = Segment\Profiles::fromDatabase(seg_db('seg_presta'), $base);
foreach ($cases as $name => [$opts, $where]) {
    $p = Segment\Profiles::fromDatabase(seg_db('seg_presta'), $base + $opts);
    echo "$name: ";
    seg_db_compare($p, expected($where));
    echo "  fewer customers than without it: ", count($p) < count($all) ? 'yes' : 'no', "\n";
    // one customer through the single query, with the same filters
    $id = (string) array_key_first($p->toArray());
    $one = Segment\Profiles::fromDatabase(seg_db('seg_presta'), $base + $opts + ['customer' => $id]);
    echo "  customer $id alone: ", $one->get($id) === $p->get($id) ? 'the same' : 'different', "\n";
}

foreach ([['shop' => 1, 'platform' => 'magento'], ['shop' => -1], ['shop' => '1'], ['since' => 'yesterday-ish']] as $bad) {
    try {
        Segment\Profiles::fromDatabase(seg_db('seg_presta'), $bad + $base);
        echo "accepted\n";
    } catch (ValueError|TypeError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
?>
--EXPECTF--
since: same customers, 0 differences
  fewer customers than without it: yes
  customer %d alone: the same
since as a DateTimeImmutable: same customers, 0 differences
  fewer customers than without it: yes
  customer %d alone: the same
shop 2: same customers, 0 differences
  fewer customers than without it: yes
  customer %d alone: the same
shop 1 since: same customers, 0 differences
  fewer customers than without it: yes
  customer %d alone: the same
ValueError: Segment\Profiles::fromDatabase(): Argument #2 ($options) option 'shop' (orders.id_shop) is for platform "prestashop"
ValueError: Segment\Profiles::fromDatabase(): Argument #2 ($options) option 'shop' must be a shop id (an int of 0 or more)
ValueError: Segment\Profiles::fromDatabase(): Argument #2 ($options) option 'shop' must be a shop id (an int of 0 or more)
ValueError: option 'since' must be a date such as "%s", "yesterday-ish" is not
