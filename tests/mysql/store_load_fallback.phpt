--TEST--
Segment\Store::recompute(): a server that refuses LOCAL INFILE (local_infile=OFF, MySQL 8's default) is detected by the probe and the run writes with prepared INSERTs, complete; the store never reads a file for the server
--EXTENSIONS--
segment
--SKIPIF--
<?php require __DIR__ . '/mysql.inc'; if ($r = seg_db_skip_reason()) die("skip $r");
/* switching local_infile needs the test server's root account (unix_socket authentication: the OS user root) */
exec((trim((string)shell_exec('command -v mariadb || command -v mysql')) ?: 'mariadb') . ' --no-defaults --socket=' .
     escapeshellarg((string)getenv('SEG_MYSQL_SOCKET')) . ' -uroot -e "SELECT 1" 2>/dev/null', $o, $rc);
if ($rc !== 0) die('skip needs the test server\'s root account (run as the OS user root)');
--FILE--
<?php
require __DIR__ . '/mysql.inc';
function root_sql(string $sql): string {
    $client = trim((string)shell_exec('command -v mariadb || command -v mysql'));
    return trim((string)shell_exec(escapeshellarg($client) . ' --no-defaults --batch --skip-column-names --socket=' .
        escapeshellarg((string)getenv('SEG_MYSQL_SOCKET')) . ' -uroot -e ' . escapeshellarg($sql)));
}
$rows = [];
for ($c = 1; $c <= 3000; $c++) $rows[] = ['c' => "c\t$c", 'd' => sprintf('2024-%02d-01', $c % 12 + 1), 'a' => $c % 97 + 0.5];
$p = Segment\Profiles::fromIterable($rows, ['customer' => 'c', 'date' => 'd', 'amount' => 'a', 'reference' => '2025-01-01']);
$m = Segment\Model::build([['code' => 'big', 'rule' => 'monetary > 50'], ['code' => 'all', 'rule' => 'orders >= 1']]);
$s = new Segment\Store(seg_db('seg_store'), ['prefix' => 'fb_']);
$s->uninstall();
$s->install();
$was = root_sql('SELECT @@GLOBAL.local_infile');
root_sql('SET GLOBAL local_infile = 0');
try {
    $r = $s->recompute($m, $p);
} finally {
    root_sql("SET GLOBAL local_infile = $was");
}
$want = 0;
foreach ($p as $profile) $want += count($m->assign($profile)['segments']);
echo $r['write_method'], ' ', $r['customers'], ' ', $r['memberships'] === $want ? 'memberships as assign() says' : $r['memberships'], "\n";
[$nc, $nm, $tabs] = array_map('intval', seg_db_sql('seg_store', "SELECT COUNT(*), SUM(JSON_LENGTH(c.segments)),
    SUM(c.customer_id LIKE 'c\t%') FROM fb_segment_state s JOIN fb_segment_customer c ON c.generation = s.generation")[0]);
var_dump($nc === 3000, $nm === $want, $tabs === 3000);
var_dump((int)seg_db_sql('seg_store', "SELECT COUNT(*) FROM fb_segment_state s JOIN fb_segment_member m ON m.generation = s.generation")[0][0] === $want);
/* and with LOCAL INFILE allowed again: the fast path, the same rows */
$r = $s->recompute($m, $p);
echo $r['write_method'], ' ', $r['customers'], ' ', $r['memberships'] === $want ? 'same' : $r['memberships'], ' ', $r['entries'], ' ', $r['exits'], "\n";
$s->uninstall();
?>
--EXPECT--
insert 3000 memberships as assign() says
bool(true)
bool(true)
bool(true)
bool(true)
load 3000 same 0 0
