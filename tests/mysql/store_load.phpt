--TEST--
Segment\Store::recompute() through LOAD DATA LOCAL INFILE (the default) and through prepared INSERTs (write => insert) stores the same bytes: ids and codes with tabs, newlines, CR, backslashes, NUL, "\N" and non-ASCII text; customer() and members() read them back
--EXTENSIONS--
segment
--SKIPIF--
<?php require __DIR__ . '/mysql.inc'; if ($r = seg_db_skip_reason()) die("skip $r");
--FILE--
<?php
require __DIR__ . '/mysql.inc';

$ids = ["a\tb", "new\nline", "cr\rx", "back\\slash", "nul\0byte", "\\N", "\\", "N", "é", "日本", "🙂", "x\\ty", "end\\",
        " lead", "q\"'`", "a\\\tb", "tab\t", str_repeat('long', 47), '42', "\\0", "semi;--", "NULL"];
$rows = [];
foreach ($ids as $i => $id) {
    for ($k = 0; $k <= $i % 3; $k++)
        $rows[] = ['c' => $id, 'o' => "$i-$k", 'd' => sprintf('2024-%02d-%02d 10:00:00', $i % 12 + 1, $k + 1), 'a' => 10.1 + $i / 3 + $k];
}
$p = Segment\Profiles::fromIterable($rows, ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a',
                                            'reference' => '2025-01-01 00:00:00']);
$codes = ["tab\there", "back\\slash\nnl", 'é🙂', "nul\0code", '\\N'];
$rules = new Segment\RuleSet([
    ['code' => $codes[0], 'rule' => 'orders >= 2', 'priority' => 50],
    ['code' => $codes[1], 'rule' => 'monetary > 20', 'priority' => 40],
    ['code' => $codes[2], 'rule' => 'orders >= 1', 'priority' => 30],
    ['code' => $codes[3], 'rule' => 'orders == 3', 'priority' => 20],
    ['code' => $codes[4], 'rule' => 'monetary < 12', 'priority' => 10],
]);
$model = Segment\Model::build($rules, Segment\Rfm::fit($p), null);

$load = new Segment\Store(seg_db('seg_store'), ['prefix' => 'ld_']);
$ins = new Segment\Store(seg_db('seg_store'), ['prefix' => 'li_']);
foreach ([$load, $ins] as $s) { $s->uninstall(); $s->install(); }
$rl = $load->recompute($model, $p);
$ri = $ins->recompute($model, $p, ['write' => 'insert']);
echo $rl['write_method'], ' ', $ri['write_method'], ' ', $rl['customers'], ' ', $rl['memberships'] === $ri['memberships'] ? 'same' : 'different', "\n";

/* what the server holds, byte for byte (HEX), apart from the time of writing */
function dump(string $prefix): array {
    return seg_db_sql('seg_store', "SELECT HEX(c.customer_id), c.orders, c.revenue, c.first_order_at, c.last_order_at,
        c.recency, c.cancelled_orders, HEX(c.country), c.rfm_r, c.rfm_f, c.rfm_m, c.rfm_score, c.rfm_segment, c.retention,
        c.cluster, c.cluster_name, HEX(c.segments), c.model_version
        FROM {$prefix}segment_state s JOIN {$prefix}segment_customer c ON c.generation = s.generation ORDER BY c.customer_id");
}
function members_of(string $prefix): array {
    return array_map(fn ($r) => $r[0], seg_db_sql('seg_store', "SELECT CONCAT(HEX(m.segment), ' ', HEX(m.customer_id))
        FROM {$prefix}segment_state s JOIN {$prefix}segment_member m ON m.generation = s.generation ORDER BY 1"));
}
$dl = dump('ld_');
var_dump($dl === dump('li_'), members_of('ld_') === members_of('li_'));

/* and it is what assign() says */
$want = $wantM = [];
foreach ($p as $id => $profile) {
    $a = $model->assign($profile, null, new DateTimeImmutable('2025-01-01 00:00:00', new DateTimeZone('UTC')));
    $want[bin2hex((string)$id)] = [$a['attributes']['monetary'], $a['attributes']['rfm']['segment'] ?? null,
        bin2hex(json_encode($a['segments'], JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES))];
    foreach ($a['segments'] as $c) $wantM[] = strtoupper(bin2hex($c) . ' ' . bin2hex((string)$id));
}
$got = [];
foreach ($dl as $r) $got[strtolower($r[0])] = [(float)$r[2], $r[12], strtolower($r[16])];
ksort($want); ksort($got);
sort($wantM);
$gotM = members_of('ld_');
sort($gotM);
var_dump(count($got) === count($ids), $got === $want, $gotM === $wantM);

/* the read API, through its kept statements: every id, twice, long after short */
$ok = 0;
foreach ([$ids, array_reverse($ids)] as $list)
    foreach ($list as $id) {
        $c = $load->customer($id);
        $ok += $c !== null && $c['customer_id'] === $id && $c['segments'] === $model->assign($p->get($id), null, new DateTimeImmutable('2025-01-01', new DateTimeZone('UTC')))['segments'];
    }
echo $ok, ' of ', 2 * count($ids), "\n";
var_dump($load->customer("a\tb\t") ?? 'null', $load->customer('a') ?? 'null');
$all = [];
foreach ($codes as $code) foreach ($load->members($code, 1000) as $m) $all[] = strtoupper(bin2hex($code) . ' ' . bin2hex((string)$m));
sort($all);
var_dump($all === $wantM);

/* a second run through each path: the history is the same set difference */
$model2 = Segment\Model::build(new Segment\RuleSet([
    ['code' => $codes[0], 'rule' => 'orders >= 3', 'priority' => 50],
    ['code' => $codes[2], 'rule' => 'orders >= 1', 'priority' => 30],
    ['code' => "new\tone", 'rule' => 'monetary > 15', 'priority' => 5],
]), Segment\Rfm::fit($p), null);
$rl2 = $load->recompute($model2, $p);
$ri2 = $ins->recompute($model2, $p, ['write' => 'insert', 'batch' => 5]);
function moves(string $prefix, int $run): array {
    return array_map(fn ($r) => implode(' ', $r), seg_db_sql('seg_store', "SELECT event, HEX(segment), HEX(customer_id)
        FROM {$prefix}segment_history WHERE run_id = $run ORDER BY 1, 2, 3"));
}
var_dump($rl2['entries'] > 0, $rl2['exits'] > 0, $rl2['entries'] === $ri2['entries'], $rl2['exits'] === $ri2['exits'],
         moves('ld_', $rl2['run']) === moves('li_', $ri2['run']), dump('ld_') === dump('li_'));
echo implode(',', array_column(seg_db_sql('seg_store', "SELECT DISTINCT generation FROM ld_segment_customer
    UNION SELECT DISTINCT generation FROM ld_segment_member"), 0)), "\n";
foreach ([$load, $ins] as $s) $s->uninstall();
?>
--EXPECT--
load insert 22 same
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
44 of 44
string(4) "null"
string(4) "null"
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
2
