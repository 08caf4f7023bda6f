--TEST--
Segment\Store: install() creates the six tables (idempotent), uninstall() leaves nothing behind, installed() and tables() say so
--EXTENSIONS--
segment
--SKIPIF--
<?php require __DIR__ . '/mysql.inc'; if ($r = seg_db_skip_reason()) die("skip $r");
--FILE--
<?php
require __DIR__ . '/mysql.inc';

/* the server's own list of this prefix's tables, through the mariadb client */
function tables_on_server(string $prefix): array {
    return array_column(seg_db_sql('seg_store', "SELECT TABLE_NAME FROM information_schema.TABLES
        WHERE TABLE_SCHEMA = 'seg_store' AND TABLE_NAME LIKE '{$prefix}%' ORDER BY TABLE_NAME"), 0);
}

$s = new Segment\Store(seg_db('seg_store'), ['prefix' => 'inst_']);
$s->uninstall();
var_dump($s->installed(), tables_on_server('inst_'));
$s->install();
$s->install();   // idempotent
var_dump($s->installed());
echo implode(' ', tables_on_server('inst_')), "\n";
$t = array_values($s->tables()); sort($t);
var_dump($t === tables_on_server('inst_'));
// InnoDB and utf8mb4 for every table
echo implode(' ', array_map(fn ($r) => "$r[0]/$r[1]", seg_db_sql('seg_store', "SELECT DISTINCT ENGINE, TABLE_COLLATION
    FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'seg_store' AND TABLE_NAME LIKE 'inst\\_%'"))), "\n";
// the state row: generation 0, no run
var_dump($s->state()['generation'], $s->lastRun(), $s->counts(), $s->customer(1));
// another prefix is another store
$other = new Segment\Store(seg_db('seg_store'), ['prefix' => 'inst2_']);
var_dump($other->installed());
$s->uninstall();
$s->uninstall();  // nothing left to drop: no error
var_dump($s->installed(), tables_on_server('inst_'));
?>
--EXPECT--
bool(false)
array(0) {
}
bool(true)
inst_segment_customer inst_segment_history inst_segment_member inst_segment_pending inst_segment_run inst_segment_state
bool(true)
InnoDB/utf8mb4_bin
int(0)
NULL
array(0) {
}
NULL
bool(false)
bool(false)
array(0) {
}
