--TEST--
Segment\Store: a table with one of the store's names that is not the store's (a shop module's own segment_state, segment_member ...) is never written to or dropped; install(), uninstall(), recompute() and update() refuse with an error naming it
--EXTENSIONS--
segment
--SKIPIF--
<?php require __DIR__ . '/mysql.inc'; if ($r = seg_db_skip_reason()) die("skip $r");
--FILE--
<?php
require __DIR__ . '/mysql.inc';

// what a shop module leaves under prefix mod_: its own tables of the same names
seg_db_sql('seg_store', "DROP TABLE IF EXISTS mod_segment_state, mod_segment_member, mod_segment_customer,
    mod_segment_run, mod_segment_history, mod_segment_pending;
    CREATE TABLE mod_segment_state (id_shop INT NOT NULL PRIMARY KEY, generation INT NOT NULL);
    CREATE TABLE mod_segment_member (id_shop INT NOT NULL, generation INT NOT NULL, code VARCHAR(64) NOT NULL, id_customer INT NOT NULL,
        PRIMARY KEY (id_shop, generation, code, id_customer));
    INSERT INTO mod_segment_state VALUES (1, 7);
    INSERT INTO mod_segment_member VALUES (1, 7, 'vip', 42), (1, 6, 'vip', 43)");
$rows = fn () => seg_db_sql('seg_store', "SELECT (SELECT COUNT(*) FROM mod_segment_member), (SELECT generation FROM mod_segment_state),
    (SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'seg_store' AND TABLE_NAME LIKE 'mod\\_segment\\_%')")[0];

$s = new Segment\Store(seg_db('seg_store'), ['prefix' => 'mod_']);
$model = Segment\Model::build([['code' => 'vip', 'rule' => 'orders >= 2']]);
$profiles = Segment\Profiles::fromIterable([['customer' => '42', 'order' => '1', 'date' => '2024-01-01', 'amount' => 10],
                                            ['customer' => '42', 'order' => '2', 'date' => '2024-02-01', 'amount' => 10]],
                                           ['customer' => 'customer', 'order' => 'order', 'date' => 'date',
                                            'amount' => 'amount', 'reference' => '2024-06-01']);
foreach (['install' => fn () => $s->install(), 'uninstall' => fn () => $s->uninstall(),
          'recompute' => fn () => $s->recompute($model, $profiles), 'update' => fn () => $s->update($model, $profiles)] as $name => $call) {
    try {
        $call();
        echo "$name: accepted\n";
    } catch (Segment\DatabaseError $e) {
        echo "$name: ", $e->getMessage(), "\n";
    }
    echo "  the module's rows, its generation, tables with that prefix: ", implode(', ', $rows()), "\n";
}
try {
    $s->installed();
    echo "installed: answered\n";
} catch (Segment\DatabaseError $e) {
    echo "installed: ", substr($e->getMessage(), 0, 70), "\n";
}

// the store's own tables carry the mark, and a store under another prefix works beside them
$own = new Segment\Store(seg_db('seg_store'), ['prefix' => 'own_']);
$own->uninstall();
$own->install();
echo implode(' ', array_unique(array_column(seg_db_sql('seg_store', "SELECT TABLE_COMMENT FROM information_schema.TABLES
    WHERE TABLE_SCHEMA = 'seg_store' AND TABLE_NAME LIKE 'own\\_%'"), 0))), "\n";
$r = $own->recompute($model, $profiles);
echo "own_: generation {$r['generation']}, {$r['customers']} customer, vip ", $own->counts()['vip'] ?? 0, "\n";
$own->install();   // its own tables: fine again
$own->uninstall();
echo "  the module's rows, its generation, tables with that prefix: ", implode(', ', $rows()), "\n";
seg_db_sql('seg_store', 'DROP TABLE mod_segment_state, mod_segment_member');
?>
--EXPECT--
install: the table `mod_segment_member` exists and is not one of the segment store's (it lacks the comment 'segment store'; the customersegments PrestaShop module and the Segment_CustomerSegment Magento module keep their own tables under such names): nothing was changed; give the store another table prefix (option 'prefix', --store-prefix on the command line)
  the module's rows, its generation, tables with that prefix: 2, 7, 2
uninstall: the table `mod_segment_member` exists and is not one of the segment store's (it lacks the comment 'segment store'; the customersegments PrestaShop module and the Segment_CustomerSegment Magento module keep their own tables under such names): nothing was changed; give the store another table prefix (option 'prefix', --store-prefix on the command line)
  the module's rows, its generation, tables with that prefix: 2, 7, 2
recompute: the table `mod_segment_member` exists and is not one of the segment store's (it lacks the comment 'segment store'; the customersegments PrestaShop module and the Segment_CustomerSegment Magento module keep their own tables under such names): nothing was changed; give the store another table prefix (option 'prefix', --store-prefix on the command line)
  the module's rows, its generation, tables with that prefix: 2, 7, 2
update: the table `mod_segment_member` exists and is not one of the segment store's (it lacks the comment 'segment store'; the customersegments PrestaShop module and the Segment_CustomerSegment Magento module keep their own tables under such names): nothing was changed; give the store another table prefix (option 'prefix', --store-prefix on the command line)
  the module's rows, its generation, tables with that prefix: 2, 7, 2
installed: the table `mod_segment_member` exists and is not one of the segment st
segment store
own_: generation 1, 1 customer, vip 1
  the module's rows, its generation, tables with that prefix: 2, 7, 2
