--TEST--
Segment\Store::recompute() killed with SIGKILL at random points: the previous generation stays complete and readable, and the next run succeeds and cleans up
--EXTENSIONS--
segment
--SKIPIF--
<?php require __DIR__ . '/mysql.inc'; if ($r = seg_db_skip_reason()) die("skip $r"); if (!function_exists('proc_open') || !defined('SIGKILL') && !function_exists('posix_kill')) die('skip proc_open');
// timing-based: under valgrind or ASan (USE_ZEND_ALLOC=0, inherited by the children) a child is
// often killed before it has started, so the kills test nothing; the plain run covers it
if (getenv('USE_ZEND_ALLOC') === '0') die('skip the kill test runs in the plain build only');
--FILE--
<?php
require __DIR__ . '/mysql.inc';
$s = new Segment\Store(seg_db('seg_store'), ['prefix' => 'kill_']);
$s->uninstall();
$s->install();
$n = 20000;

/* the generation the state names, and its customers and members, counted by the server */
function store_now(): array {
    return array_map('intval', seg_db_sql('seg_store', "SELECT s.generation,
        (SELECT COUNT(*) FROM kill_segment_customer c WHERE c.generation = s.generation),
        (SELECT COUNT(*) FROM kill_segment_member m WHERE m.generation = s.generation),
        (SELECT COUNT(*) FROM kill_segment_member m JOIN kill_segment_customer c ON c.generation = m.generation
           AND c.customer_id = m.customer_id WHERE m.generation = s.generation)
        FROM kill_segment_state s")[0]);
}
function run_child(int $n, int $seed, ?float $killAfter): string {
    for ($try = 0; $try < 60; $try++) {
        $out = run_child_once($n, $seed, $killAfter);
        if (!str_contains($out, 'busy')) return $out;
        usleep(500000);
    }
    return $out;
}
function run_child_once(int $n, int $seed, ?float $killAfter): string {
    $cmd = [PHP_BINARY, '-n', '-d', 'extension=' . SEG_EXT, __DIR__ . '/store_kill_child.inc', (string)$n, (string)$seed];
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    if ($killAfter !== null) {
        usleep((int)($killAfter * 1e6));
        proc_terminate($p, 9);   // SIGKILL: no clean-up of any kind
    }
    $out = stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]);
    proc_close($p);
    return trim($out);
}
/* the child loads the extension this test runs with (run-tests sets extension_dir) */
define('SEG_EXT', rtrim((string)ini_get('extension_dir'), '/') . '/segment.so');

/* a complete first generation */
$first = run_child($n, 1, null);
echo $first, "\n";
[$g, $customers, $members, $joined] = store_now();
var_dump($customers === $n, $members > 0, $members === $joined);

/* kill later runs at random points, several times: the readable generation never changes */
mt_srand(7);
$killedMidway = 0;
for ($i = 0; $i < 5; $i++) {
    $out = run_child($n, 2 + $i, mt_rand(250, 1500) / 1000);
    $now = store_now();
    if (str_contains($out, "done")) { [$g, $customers, $members] = $now; continue; }   // finished before the kill
    if (!str_contains($out, "started")) { echo "kill $i: the child had not started: $out\n"; continue; }
    $killedMidway++;
    if ($now[0] !== $g) {
        /* killed after its switch committed (while deleting the old generation):
         * the new generation must then be the complete one its run recorded */
        $rec = array_map('intval', seg_db_sql('seg_store', "SELECT customers, memberships FROM kill_segment_run
            WHERE generation = {$now[0]} AND outcome = 'ok'")[0] ?? [-1, -1]);
        if ($now !== [$now[0], $n, $rec[1], $rec[1]] || $rec[0] !== $n) echo "after kill $i: ", json_encode($now), " vs run ", json_encode($rec), "\n";
        [$g, $customers, $members] = $now;
    } elseif ($now !== [$g, $customers, $members, $members]) {
        echo "after kill $i: ", json_encode($now), " != ", json_encode([$g, $customers, $members]), "\n";
    }
    /* a web node reads the old generation, complete, meanwhile */
    $row = $s->customer('c1');
    if (!$row || $row['generation'] !== $g) echo "after kill $i: customer c1 not readable in generation $g\n";
}
echo $killedMidway > 0 ? "killed during a run\n" : "never killed during a run (too fast?)\n";
/* leftovers exist or not, but the next run succeeds and removes them */
$last = run_child($n, 99, null);
echo preg_replace('/\d+/', 'N', $last), "\n";
[$g2, $c2, $m2, $j2] = store_now();
var_dump($g2 > $g, $c2 === $n, $m2 === $j2);
echo implode(',', array_map(fn ($r) => $r[0] === (string)$g2 ? 'current' : 'other', seg_db_sql('seg_store',
    "SELECT DISTINCT generation FROM kill_segment_customer UNION SELECT DISTINCT generation FROM kill_segment_member"))), "\n";
echo json_encode(seg_db_sql('seg_store', "SELECT DISTINCT outcome FROM kill_segment_run WHERE outcome NOT IN ('ok', 'abandoned')")), "\n";
/* killed runs are marked abandoned by the next one (a child killed before it began a run has none) */
$abandoned = (int)seg_db_sql('seg_store', "SELECT COUNT(*) FROM kill_segment_run WHERE outcome = 'abandoned'")[0][0];
var_dump($abandoned >= 1 && $abandoned <= $killedMidway);
$s->uninstall();
?>
--EXPECT--
started
done 1
bool(true)
bool(true)
bool(true)
killed during a run
started
done N
bool(true)
bool(true)
bool(true)
current
[]
bool(true)
