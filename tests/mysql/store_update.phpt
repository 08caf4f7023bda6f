--TEST--
Segment\Store::update(): a new order of one customer, read with fromDatabase()'s 'customer' option, updates that customer's row, memberships and history in the current generation
--EXTENSIONS--
segment
--SKIPIF--
<?php require __DIR__ . '/mysql.inc'; if ($r = seg_db_skip_reason()) die("skip $r");
--FILE--
<?php
require __DIR__ . '/mysql.inc';

/* a writable copy of the PrestaShop shop (prefix upd_) beside the store */
$tables = ['orders', 'customer', 'order_state', 'address', 'country'];
foreach ($tables as $t) seg_db_sql('seg_store', "DROP TABLE IF EXISTS upd_$t; CREATE TABLE upd_$t LIKE seg_presta.ps_$t;
    INSERT INTO upd_$t SELECT * FROM seg_presta.ps_$t");
$shop = seg_db('seg_store');
$src = ['platform' => 'prestashop', 'prefix' => 'upd_', 'reference' => '2025-01-01 00:00:00'];
$profiles = Segment\Profiles::fromDatabase($shop, $src);
$model = Segment\Model::build([
    ['code' => 'big', 'rule' => 'monetary >= 5000', 'priority' => 10],
    ['code' => 'repeat', 'rule' => 'orders >= 2', 'priority' => 5],
    ['code' => 'one_order', 'rule' => 'orders == 1', 'priority' => 1],
], Segment\Rfm::fit($profiles));
$s = new Segment\Store(seg_db('seg_store'), ['prefix' => 'upd_']);
$s->uninstall();
$s->install();
$s->recompute($model, $profiles);

/* a customer with exactly one counted order, under 5000 */
$id = null;
foreach ($profiles as $cid => $p) if ($p['orders'] === 1 && $p['monetary'] < 1000) { $id = (string)$cid; break; }
var_dump($s->customer($id)['segments']);

/* a new valid order of 9000 for them, by the shop */
$state = seg_db_sql('seg_store', "SELECT id_order_state FROM upd_order_state WHERE logable = 1 LIMIT 1")[0][0];
seg_db_sql('seg_store', "INSERT INTO upd_orders (reference, id_shop_group, id_shop, id_carrier, id_lang, id_customer, id_cart,
    id_currency, id_address_delivery, id_address_invoice, current_state, secure_key, payment, conversion_rate, module,
    total_paid, total_paid_tax_incl, total_paid_tax_excl, total_paid_real, total_products, total_products_wt,
    invoice_date, delivery_date, date_add, date_upd)
    SELECT 'NEWORDER1', 1, 1, 1, 1, $id, 1, 1, 0, 0, $state, '', 'test', 1, 'test', 9000, 9000, 9000, 9000, 9000, 9000,
    NOW(), NOW(), '2024-12-30 10:00:00', NOW()");

$t = hrtime(true);
$one = Segment\Profiles::fromDatabase($shop, $src + ['customer' => $id]);
$r = $s->update($model, $one);
$ms = (hrtime(true) - $t) / 1e6;
echo count($one), " profile read\n";
print_r($r[$id]);
echo $ms < 1000 ? "fast enough\n" : "slow: $ms ms\n";

/* the row equals assign() of the profile a full read gives now */
$full = Segment\Profiles::fromDatabase($shop, $src)->get($id);
$want = $model->assign($full, null, new DateTimeImmutable('2025-01-01 00:00:00', new DateTimeZone('UTC')));
$row = seg_db_sql('seg_store', "SELECT c.orders, c.revenue, c.segments, c.rfm_segment FROM upd_segment_state s
    JOIN upd_segment_customer c ON c.generation = s.generation AND c.customer_id = '$id'")[0];
var_dump((int)$row[0] === $full['orders'], abs($row[1] - $full['monetary']) < 1e-6, $row[2] === json_encode($want['segments']),
    $row[3] === $want['attributes']['rfm']['segment']);
echo implode(' ', array_column(seg_db_sql('seg_store', "SELECT m.segment FROM upd_segment_state s
    JOIN upd_segment_member m ON m.generation = s.generation AND m.customer_id = '$id' ORDER BY m.segment"), 0)), "\n";
echo json_encode(seg_db_sql('seg_store', "SELECT segment, event, run_id FROM upd_segment_history
    WHERE customer_id = '$id' ORDER BY id")), "\n";
/* the counts moved by one */
$c = $s->counts();
echo $c['big'] - $s->recompute($model, Segment\Profiles::fromDatabase($shop, $src))['segments']['big']['previous'], "\n";
/* an update with nothing new changes nothing */
$again = $s->update($model, Segment\Profiles::fromDatabase($shop, $src + ['customer' => $id]));
var_dump($again[$id]['entered'], $again[$id]['exited']);
/* a customer without orders has no profile: nothing to update */
var_dump($s->update($model, Segment\Profiles::fromDatabase($shop, $src + ['customer' => 999999])));
$s->uninstall();
foreach ($tables as $t) seg_db_sql('seg_store', "DROP TABLE upd_$t");
?>
--EXPECT--
array(1) {
  [0]=>
  string(9) "one_order"
}
1 profile read
Array
(
    [segments] => Array
        (
            [0] => big
            [1] => repeat
        )

    [entered] => Array
        (
            [0] => big
            [1] => repeat
        )

    [exited] => Array
        (
            [0] => one_order
        )

    [generation] => 1
    [recompute_running] => 
)
fast enough
bool(true)
bool(true)
bool(true)
bool(true)
big repeat
[["one_order","enter","1"],["one_order","exit",null],["big","enter",null],["repeat","enter",null]]
0
array(0) {
}
array(0) {
}
array(0) {
}
