--TEST--
Profiles::fromDatabase(): the whole-shop read (orders joined in the client to PrestaShop's states, customers, addresses and countries, or to Magento's customers and their addresses) gives every customer the same profile as the one-customer read (the server's joins)
--EXTENSIONS--
segment
--SKIPIF--
<?php require __DIR__ . '/mysql.inc'; if ($r = seg_db_skip_reason()) die("skip $r");
--FILE--
<?php
require __DIR__ . '/mysql.inc';

foreach (['ps_', 'shop2_'] as $p) {
    $opts = ['platform' => 'prestashop', 'prefix' => $p, 'reference' => '2025-01-01 00:00:00'];
    $all = Segment\Profiles::fromDatabase(seg_db('seg_presta'), $opts)->toArray();
    // every customer id the orders name, with or without a customer row that counts
    $ids = array_map(fn($r) => (string) $r[0], seg_db_sql('seg_presta', "SELECT DISTINCT id_customer FROM {$p}orders ORDER BY id_customer"));
    $same = $differ = $absent = $countries = $nocountry = 0;
    foreach ($ids as $id) {
        $one = Segment\Profiles::fromDatabase(seg_db('seg_presta'), $opts + ['customer' => $id])->toArray();
        $a = $all[$id] ?? null;
        $b = $one[$id] ?? null;
        if ($a === $b) $same++;
        else { $differ++; echo "customer $id differs:\n"; var_dump($a, $b); }
        if ($a === null) $absent++;
        elseif ($a['country'] === null || $a['country'] === '') $nocountry++;
        else $countries++;
    }
    echo "$p: ", count($ids), " customer ids, $same the same, $differ different",
        "; absent (guests, deleted, unknown, no valid order with a date): ", $absent > 0 ? 'some' : 'none',
        "; with a country: ", $countries > 0 ? 'some' : 'none', ", without: ", $nocountry > 0 ? 'some' : 'none', "\n";
    echo "  no other customers in the whole read: ", array_diff(array_map('strval', array_keys($all)), $ids) === [] ? 'yes' : 'no', "\n";
}

$opts = ['platform' => 'magento', 'reference' => '2025-01-01 00:00:00'];
$all = Segment\Profiles::fromDatabase(seg_db('seg_magento'), $opts)->toArray();
$ids = array_map(fn($r) => (string) $r[0], seg_db_sql('seg_magento', "SELECT DISTINCT customer_id FROM sales_order WHERE customer_id IS NOT NULL ORDER BY customer_id"));
$same = $differ = $absent = $countries = $nocountry = 0;
foreach ($ids as $id) {
    $one = Segment\Profiles::fromDatabase(seg_db('seg_magento'), $opts + ['customer' => $id])->toArray();
    $a = $all[$id] ?? null;
    $b = $one[$id] ?? null;
    if ($a === $b) $same++;
    else { $differ++; echo "customer $id differs:\n"; var_dump($a, $b); }
    if ($a === null) $absent++;
    elseif ($a['country'] === null || $a['country'] === '') $nocountry++;
    else $countries++;
}
echo "magento: ", count($ids), " customer ids, $same the same, $differ different",
    "; absent (gone, no order with a date): ", $absent > 0 ? 'some' : 'none',
    "; with a country: ", $countries > 0 ? 'some' : 'none', ", without: ", $nocountry > 0 ? 'some' : 'none', "\n";
echo "  no other customers in the whole read: ", array_diff(array_map('strval', array_keys($all)), $ids) === [] ? 'yes' : 'no', "\n";

// a missing table or column is named as before
try {
    Segment\Profiles::fromDatabase(seg_db('seg_presta'), ['platform' => 'prestashop', 'prefix' => 'nosuch_']);
} catch (Segment\DatabaseError $e) {
    echo get_class($e), ': ', str_contains($e->getMessage(), 'a table of the shop is missing') ? 'table missing' : $e->getMessage(), "\n";
}
?>
--EXPECT--
ps_: 320 customer ids, 320 the same, 0 different; absent (guests, deleted, unknown, no valid order with a date): some; with a country: some, without: some
  no other customers in the whole read: yes
shop2_: 58 customer ids, 58 the same, 0 different; absent (guests, deleted, unknown, no valid order with a date): some; with a country: some, without: some
  no other customers in the whole read: yes
magento: 210 customer ids, 210 the same, 0 different; absent (gone, no order with a date): some; with a country: some, without: some
  no other customers in the whole read: yes
Segment\DatabaseError: table missing
