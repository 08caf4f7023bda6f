--TEST--
Segment\Store::recompute(): every stored row and membership equals Model::assign() of the customer; history rows are the set difference of two runs; the old generation is deleted
--EXTENSIONS--
segment
--SKIPIF--
<?php require __DIR__ . '/mysql.inc'; if ($r = seg_db_skip_reason()) die("skip $r");
--FILE--
<?php
require __DIR__ . '/mysql.inc';

$ref = '2025-01-01 00:00:00';
$profiles = Segment\Profiles::fromDatabase(seg_db('seg_presta'), ['platform' => 'prestashop', 'reference' => $ref]);
$rules = Segment\RuleSet::fromFile(__DIR__ . '/../../cli/default-rules.json');
$model = Segment\Model::build($rules, Segment\Rfm::fit($profiles), Segment\KMeans::fit($profiles, 3, ['seed' => 1]));

$s = new Segment\Store(seg_db('seg_store'), ['prefix' => 'rc_']);
$s->uninstall();
$s->install();
$sum = $s->recompute($model, $profiles);

/* what assign() says, customer by customer */
function expected(Segment\Model $m, Segment\Profiles $p, string $now): array {
    $want = [];
    foreach ($p as $id => $profile) $want[(string)$id] = $m->assign($profile, null, new DateTimeImmutable($now, new DateTimeZone('UTC')));
    return $want;
}
/* what the server holds for the current generation (mariadb client, not the extension) */
function stored(): array {
    $rows = seg_db_sql('seg_store', "SELECT c.customer_id, c.orders, c.revenue, c.recency, c.rfm_r, c.rfm_f, c.rfm_m,
        c.rfm_score, c.rfm_segment, c.retention, c.cluster, c.cluster_name, c.segments, c.model_version
        FROM rc_segment_state s JOIN rc_segment_customer c ON c.generation = s.generation");
    $out = [];
    foreach ($rows as $r) $out[$r[0]] = $r;
    return $out;
}
function members(): array {
    $m = [];
    foreach (seg_db_sql('seg_store', "SELECT m.customer_id, m.segment FROM rc_segment_state s
        JOIN rc_segment_member m ON m.generation = s.generation") as [$id, $seg]) $m["$id $seg"] = true;
    return $m;
}
function compare(array $want, array $got, array $members, Segment\Model $model): array {
    $diffs = [];
    if (count($want) !== count($got)) $diffs[] = 'customers ' . count($got) . ' != ' . count($want);
    $nmem = 0;
    foreach ($want as $id => $a) {
        $g = $got[$id] ?? null;
        if (!$g) { $diffs[] = "$id missing"; continue; }
        $at = $a['attributes'];
        $rfm = $at['rfm'];
        $exp = [(string)$at['orders'], $at['recency'] === null ? null : (string)$at['recency'],
                $rfm ? (string)$rfm['r'] : null, $rfm ? (string)$rfm['f'] : null, $rfm ? (string)$rfm['m'] : null,
                $rfm['score'] ?? null, $rfm['segment'] ?? null, $at['retention'],
                $at['cluster'] === null ? null : (string)$at['cluster'], $at['cluster_name'],
                json_encode($a['segments']), $model->version()];
        $have = [$g[1], $g[3], $g[4], $g[5], $g[6], $g[7], $g[8], $g[9], $g[10], $g[11], $g[12], $g[13]];
        if ($exp !== $have) $diffs[] = "$id: " . json_encode($have) . ' != ' . json_encode($exp);
        if (abs((float)$g[2] - $at['monetary']) > 1e-9 * max(1, abs($at['monetary']))) $diffs[] = "$id: revenue";
        foreach ($a['segments'] as $code) { $nmem++; if (!isset($members["$id $code"])) $diffs[] = "$id not in $code"; }
    }
    if ($nmem !== count($members)) $diffs[] = 'memberships ' . count($members) . " != $nmem";
    return $diffs;
}

$want1 = expected($model, $profiles, $ref);
$diffs = compare($want1, stored(), members(), $model);
echo "run 1: ", count($diffs), " differences\n", implode("\n", array_slice($diffs, 0, 5));
$nmem = array_sum(array_map(fn ($a) => count($a['segments']), $want1));
var_dump($sum['customers'] === count($profiles), $sum['memberships'] === $nmem, $sum['entries'] === $nmem, $sum['exits'] === 0);
$c = $s->counts(); $e = array_map(fn ($x) => $x['members'], $sum['segments']); var_dump($c == $e);

/* run 2: other rules and another clock, so customers move */
$rules2 = new Segment\RuleSet([
    ['code' => 'champions', 'rule' => 'rfm.r >= 4 and rfm.f >= 4 and rfm.m >= 3', 'priority' => 100],
    ['code' => 'recent', 'rule' => 'days_since(last_order_at) < 600', 'priority' => 50],
    ['code' => 'big_spenders', 'rule' => 'monetary > 1500', 'priority' => 40],
]);
$model2 = Segment\Model::build($rules2, Segment\Rfm::fit($profiles), null);
$sum2 = $s->recompute($model2, $profiles, ['now' => '2025-03-01 00:00:00']);
$want2 = expected($model2, $profiles, '2025-03-01 00:00:00');
$diffs = compare($want2, stored(), members(), $model2);
echo "run 2: ", count($diffs), " differences\n", implode("\n", array_slice($diffs, 0, 5));

/* history of run 2 = set difference of the memberships of the two runs */
$m1 = $m2 = [];
foreach ($want1 as $id => $a) foreach ($a['segments'] as $c) $m1["$id $c"] = true;
foreach ($want2 as $id => $a) foreach ($a['segments'] as $c) $m2["$id $c"] = true;
$enter = array_keys(array_diff_key($m2, $m1)); sort($enter);
$exit = array_keys(array_diff_key($m1, $m2)); sort($exit);
$h = seg_db_sql('seg_store', "SELECT event, CONCAT(customer_id, ' ', segment) FROM rc_segment_history WHERE run_id = {$sum2['run']}");
$hEnter = array_column(array_filter($h, fn ($r) => $r[0] === 'enter'), 1); sort($hEnter);
$hExit = array_column(array_filter($h, fn ($r) => $r[0] === 'exit'), 1); sort($hExit);
var_dump(count($enter) > 10, count($exit) > 10, $hEnter === $enter, $hExit === $exit);
var_dump($sum2['entries'] === count($enter), $sum2['exits'] === count($exit));
var_dump($sum2['segments']['recent']['entered'] === count(array_filter($enter, fn ($k) => str_ends_with($k, ' recent'))));
var_dump($sum2['segments']['loyal']['members'] === 0 && $sum2['segments']['loyal']['previous'] > 0);

/* only the current generation is left; the state and runs say so */
echo implode(',', array_column(seg_db_sql('seg_store', "SELECT DISTINCT generation FROM rc_segment_customer
    UNION SELECT DISTINCT generation FROM rc_segment_member"), 0)), "\n";
echo json_encode(seg_db_sql('seg_store', "SELECT generation, run_id, running_run FROM rc_segment_state")), "\n";
echo json_encode(seg_db_sql('seg_store', "SELECT id, generation, outcome, customers = " . count($profiles) . " FROM rc_segment_run ORDER BY id")), "\n";
/* the read API agrees with the server */
$id = (string)array_key_first($want2);
$c = $s->customer($id);
var_dump($c['segments'] === $want2[$id]['segments'], $c['generation'], $s->customer('no such customer'));
$all = [];
foreach (array_keys($sum2['segments']) as $code) {
    $after = null;
    while ($page = $s->members((string)$code, 7, $after)) { foreach ($page as $m) $all["$m $code"] = true; $after = end($page); }
}
var_dump($all == $m2);
$s->uninstall();
?>
--EXPECT--
run 1: 0 differences
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
run 2: 0 differences
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
2
[["2","2",null]]
[["1","1","ok","1"],["2","2","ok","1"]]
bool(true)
int(2)
NULL
bool(true)
