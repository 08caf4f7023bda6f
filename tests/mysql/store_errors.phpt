--TEST--
Segment\Store: bad input (prefix, options, missing tables, wrong password, a model that does not fit the profiles, a failing progress callback, a busy store) gives clear errors and leaves the previous generation readable
--EXTENSIONS--
segment
--SKIPIF--
<?php require __DIR__ . '/mysql.inc'; if ($r = seg_db_skip_reason()) die("skip $r");
--FILE--
<?php
require __DIR__ . '/mysql.inc';

function attempt(callable $f): void {
    try { $f(); echo "no error\n"; }
    catch (Throwable $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
}
$db = seg_db('seg_store');
attempt(fn () => new Segment\Store($db, ['prefix' => 'a`b']));
attempt(fn () => new Segment\Store($db, ['prefix' => str_repeat('p', 49)]));
attempt(fn () => new Segment\Store($db, ['prefx' => 'ps_']));
attempt(fn () => new Segment\Store(['host' => '127.0.0.1', 'port' => $db['port'], 'user' => 'segtest']));
$bad = $db;
$bad['password'] = 'wrong-' . $db['password'];
try { new Segment\Store($bad); } catch (Segment\DatabaseError $e) {
    echo preg_replace('/:\d+ /', ':PORT ', $e->getMessage()), "\n";
    var_dump(str_contains($e->getMessage(), 'wrong-'), str_contains((string)$e, 'wrong-'));
}

$profiles = Segment\Profiles::fromDatabase(seg_db('seg_presta'), ['platform' => 'prestashop', 'reference' => '2025-01-01']);
$model = Segment\Model::build([['code' => 'repeat', 'rule' => 'orders >= 2']]);
$s = new Segment\Store($db, ['prefix' => 'err_']);
$s->uninstall();
/* not installed */
attempt(fn () => $s->recompute($model, $profiles));
attempt(fn () => $s->customer(1));
attempt(fn () => $s->recompute($model, $profiles, ['batch' => 0]));
attempt(fn () => $s->recompute($model, $profiles, ['progres' => 'x']));
attempt(fn () => $s->members('repeat', 0));
$s->install();
$first = $s->recompute($model, $profiles);
$before = seg_db_sql('seg_store', "SELECT COUNT(*) FROM err_segment_state s JOIN err_segment_member m ON m.generation = s.generation")[0][0];

/* a model whose k-means part reads a feature the profiles do not have */
$km = Segment\KMeans::fit([['visits' => 1.0], ['visits' => 5.0], ['visits' => 9.0]], 2, ['seed' => 1]);
$mismatch = Segment\Model::build([['code' => 'x', 'rule' => 'cluster == 0']], null, $km);
attempt(fn () => $s->recompute($mismatch, $profiles));
/* a progress callback that throws stops the run */
attempt(fn () => $s->recompute($model, $profiles, ['batch' => 7, 'progress' => function (array $i) { throw new RuntimeException("stop at {$i['phase']}"); }]));
/* another recompute holds the lock (a mariadb client session) */
$holder = proc_open([trim(shell_exec('command -v mariadb || command -v mysql')), '--no-defaults', '--socket=' . getenv('SEG_MYSQL_SOCKET'),
    '--user=' . getenv('SEG_MYSQL_USER'), 'seg_store', '-e', "SELECT GET_LOCK(SHA1('segment-store/seg_store/err_'), 0); SELECT SLEEP(3);"],
    [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, ['MYSQL_PWD' => getenv('SEG_MYSQL_PASSWORD')]);
/* wait until the holder has the lock (a fixed sleep is too short under valgrind) */
for ($w = 0; $w < 100 && seg_db_sql('seg_store', "SELECT IS_USED_LOCK(SHA1('segment-store/seg_store/err_'))")[0][0] === null; $w++) usleep(100000);
attempt(fn () => $s->recompute($model, $profiles));
fclose($pipes[1]); fclose($pipes[2]);  // proc_close() waits for the session to end: its lock goes with it
proc_close($holder);

/* after all that: the first generation, complete; failed runs recorded */
echo json_encode(seg_db_sql('seg_store', "SELECT generation, running_run FROM err_segment_state")), "\n";
var_dump(seg_db_sql('seg_store', "SELECT COUNT(*) FROM err_segment_state s JOIN err_segment_member m ON m.generation = s.generation")[0][0] === $before);
echo json_encode(seg_db_sql('seg_store', "SELECT id, outcome, LEFT(message, 40) FROM err_segment_run ORDER BY id")), "\n";
echo implode(',', array_column(seg_db_sql('seg_store', "SELECT DISTINCT generation FROM err_segment_member"), 0)), "\n";
/* and the next run succeeds */
echo $s->recompute($model, $profiles)['generation'], "\n";
$s->uninstall();
?>
--EXPECTF--
ValueError: Segment\Store::__construct(): Argument #2 ($options) option 'prefix' may only hold the letters A-Z and a-z, digits and '_', at most 48 of them
ValueError: Segment\Store::__construct(): Argument #2 ($options) option 'prefix' may only hold the letters A-Z and a-z, digits and '_', at most 48 of them
ValueError: Segment\Store::__construct(): Argument #2 ($options) has an unknown option 'prefx' (known: prefix)
ValueError: Segment\Store::__construct(): Argument #1 ($connection) must name the database the store's tables are in (setting 'database')
the database server at 127.0.0.1:PORT refused the user name or password (error 1045)
bool(false)
bool(false)
Segment\DatabaseError: the segment store's tables (prefix 'err_') are missing: install them with Segment\Store::install(), or check option 'prefix' (error 1146: Table 'seg_store.err_segment_state' doesn't exist)
Segment\DatabaseError: the segment store's tables (prefix 'err_') are missing: install them with Segment\Store::install(), or check option 'prefix' (error 1146: Table 'seg_store.err_segment_%s' doesn't exist)
ValueError: Segment\Store::recompute(): Argument #3 ($options) option 'batch' must be an int from 1 to 3000 (customers per INSERT)
ValueError: Segment\Store::recompute(): Argument #3 ($options) has an unknown option 'progres' (known: now, progress, batch, write)
ValueError: Segment\Store::members(): Argument #2 ($limit) must be between 1 and 1000000
ValueError: the model (%s) does not fit customer '%s' of the profiles: the profile has no 'visits' (the model's features: visits)
RuntimeException: stop at write
Segment\StoreBusyError: another recompute of this store (prefix 'err_') is running: try again when it has finished
[["1",null]]
bool(true)
[["1","ok",null],["2","failed","%s"],["3","failed","stop at write"]]
1
2
