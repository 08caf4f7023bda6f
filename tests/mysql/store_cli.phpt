--TEST--
bin/segment recompute: a PrestaShop database into the store (--install, fitted model), the summary, and the exit statuses 2 (command line), 3 (busy) and 4 (database)
--EXTENSIONS--
segment
--SKIPIF--
<?php require __DIR__ . '/mysql.inc'; if ($r = seg_db_skip_reason()) die("skip $r");
--FILE--
<?php
require __DIR__ . '/mysql.inc';
function segment(array $args): array {
    $cmd = array_merge([PHP_BINARY, '-n', '-d', 'extension=' . rtrim((string)ini_get('extension_dir'), '/') . '/segment.so',
        __DIR__ . '/../../bin/segment', 'recompute'], $args);
    $env = getenv();
    $env['SEGMENT_DSN'] = sprintf('mysql://%s:%s@127.0.0.1:%d/seg_presta', getenv('SEG_MYSQL_USER'),
        rawurlencode(getenv('SEG_MYSQL_PASSWORD')), getenv('SEG_MYSQL_PORT'));
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, $env);
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    return [proc_close($p), $out, $err];
}
$store = sprintf('mysql://%s:%s@127.0.0.1:%d/seg_store', getenv('SEG_MYSQL_USER'), rawurlencode(getenv('SEG_MYSQL_PASSWORD')),
    getenv('SEG_MYSQL_PORT'));
(new Segment\Store(seg_db('seg_store'), ['prefix' => 'cli_']))->uninstall();

[$rc, $out, $err] = segment(['--platform', 'prestashop', '--store-dsn', $store, '--store-prefix', 'cli_', '--install',
    '--reference', '2025-01-01', '--format', 'json']);
$sum = json_decode($out, true);
$n = (int)seg_db_sql('seg_presta', "SELECT COUNT(DISTINCT o.id_customer) FROM ps_orders o JOIN ps_customer c
    ON c.id_customer = o.id_customer AND c.deleted = 0 AND c.is_guest = 0")[0][0];
var_dump($rc, $sum['customers'] === $n, $sum['generation'], $sum['previous_run'], $err);
[$rc, $out, $err] = segment(['--platform', 'prestashop', '--store-dsn', $store, '--store-prefix', 'cli_', '--reference', '2025-01-01']);
var_dump($rc);
echo preg_replace(['/\d[\d,.]*/', '/model \w+/'], ['N', 'model V'], strtok($out, "\n")), "\n";
var_dump(str_contains($out, 'since the last run (1,'), str_contains($out, 'champions'));
/* 4: the store's tables are missing (another prefix), nothing written */
[$rc, $out, $err] = segment(['--platform', 'prestashop', '--store-dsn', $store, '--store-prefix', 'nope_']);
var_dump($rc, $out);
echo preg_replace('/\(error.*/', '', $err);
var_dump(str_contains($err, getenv('SEG_MYSQL_PASSWORD')));
/* 2: the command line */
[$rc, , $err] = segment(['--platform', 'oscommerce']);
var_dump($rc);
echo strtok($err, "\n"), "\n";
/* 3: busy */
$holder = proc_open([trim(shell_exec('command -v mariadb || command -v mysql')), '--no-defaults', '--socket=' . getenv('SEG_MYSQL_SOCKET'),
    '--user=' . getenv('SEG_MYSQL_USER'), 'seg_store', '-e', "SELECT GET_LOCK(SHA1('segment-store/seg_store/cli_'), 0); SELECT SLEEP(6);"],
    [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, ['MYSQL_PWD' => getenv('SEG_MYSQL_PASSWORD')]);
/* wait until the holder has the lock (a fixed sleep is too short under valgrind) */
for ($w = 0; $w < 100 && seg_db_sql('seg_store', "SELECT IS_USED_LOCK(SHA1('segment-store/seg_store/cli_'))")[0][0] === null; $w++) usleep(100000);
[$rc, , $err] = segment(['--platform', 'prestashop', '--store-dsn', $store, '--store-prefix', 'cli_']);
fclose($pipes[1]); fclose($pipes[2]); proc_close($holder);
var_dump($rc);
echo $err;
(new Segment\Store(seg_db('seg_store'), ['prefix' => 'cli_']))->uninstall();
?>
--EXPECT--
int(0)
bool(true)
int(1)
NULL
string(0) ""
int(0)
run N: generation N of N customers, N memberships, model V, N s
bool(true)
bool(true)
int(4)
string(0) ""
segment recompute: the segment store's tables (prefix 'nope_') are missing: install them with Segment\Store::install(), or check option 'prefix' 
bool(false)
int(2)
segment recompute: --platform prestashop, magento or custom is required
int(3)
segment recompute: another recompute of this store (prefix 'cli_') is running: try again when it has finished
