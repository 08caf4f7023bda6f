--TEST--
bin/segment fit, assign and explain: the model written, the printed segments equal Model::assign and Model::explain computed here
--EXTENSIONS--
segment
--INI--
pcre.jit=0
--SKIPIF--
<?php if (!function_exists('proc_open')) die('skip proc_open is disabled'); ?>
--FILE--
<?php
require __DIR__ . '/../cli/cli.inc';
$dir = sys_get_temp_dir() . '/segment-cli-model-' . getmypid();
@mkdir($dir);
mt_srand(11, MT_RAND_MT19937);
$csv = "id_order,id_customer,date_add,total_paid_tax_incl,current_state\n";   // PrestaShop's names
for ($i = 1; $i <= 500; $i++) {
    $c = 100 + (int) floor(80 * (mt_rand(0, 999) / 1000) ** 2);
    $state = $i % 31 === 0 ? 'Canceled' : 'Delivered';
    $csv .= sprintf("%d,%d,2026-%02d-%02d %02d:00:00,%.2f,%s\n", $i, $c, mt_rand(1, 10), mt_rand(1, 28), mt_rand(8, 22), mt_rand(500, 30000) / 100, $state);
}
$csv .= "501,999,2026-10-01 12:00:00,10.00,Canceled\n";   // a customer without a counted order
file_put_contents("$dir/orders.csv", $csv);
$model = "$dir/model.json";

[$rc, $out, $err] = segment_cli(['fit', "$dir/orders.csv", '--model', $model, '--k', '3']);
echo "fit: exit $rc, stderr ", var_export($err, true), "\n";
$m = Segment\Model::load($model);
echo str_starts_with($out, "model {$m->version()} written to $model\n") ? "fit names the version and the file\n" : $out;
echo preg_match('/^  10 segments \(built-in rules\), RFM quantile with 5 bins on (\d+) customers \(reference ([^)]+)\), k-means k = 3: (.*)$/m', $out, $x)
    ? "summary line: {$x[1]} customers, reference {$x[2]}, clusters " . ($x[3] === implode('; ', $m->kmeans()->names()) ? 'named as in the model' : $x[3]) . "\n" : $out;
echo 'model: ', count($m->rules()), ' rules, rfm ', var_export($m->rfm() !== null, true), ', kmeans k = ', count($m->kmeans()->names()),
    ', settings ', json_encode($m->toArray()['settings']), "\n";

// The test's own assignment: Model::assign on profiles read here, recency to the reference.
$profiles = Segment\Profiles::fromCsv("$dir/orders.csv", ['customer' => 'id_customer', 'order' => 'id_order', 'date' => 'date_add',
    'amount' => 'total_paid_tax_incl', 'status' => 'current_state', 'cancelled_statuses' => ['Canceled']]);
$ref = (new DateTimeImmutable($profiles->stats()['last_order_at'], new DateTimeZone('UTC')))->modify('+1 day');
$want = [];
foreach ($profiles as $id => $p) {
    if ($p['last_order_at'] !== null) $p['recency'] = cli_days($p['last_order_at'], $ref->format('Y-m-d H:i:s'));
    $r = $m->assign($p, null, $ref);
    $want[(string) $id] = ['customer_id' => (string) $id, 'segments' => $r['segments'], 'rfm_segment' => $r['attributes']['rfm']['segment'] ?? null,
        'rfm_score' => $r['attributes']['rfm']['score'] ?? null, 'cluster' => $r['attributes']['cluster'],
        'cluster_name' => $r['attributes']['cluster_name'], 'profile' => $p];
}

[$rc, $out] = segment_cli(['assign', '--model', $model, "$dir/orders.csv", '--format', 'json']);
$got = json_decode($out, true);
$diff = 0;
foreach ($got as $row) {
    $w = $want[$row['customer_id']] ?? null;
    if ($w === null || array_diff_key($w, ['profile' => 1]) !== $row) $diff++;
}
echo "assign json: exit $rc, ", count($got), ' customers (', count($want), " here), $diff differ\n";
$seen = array_unique(array_merge(...array_column($got, 'segments')));
sort($seen);
echo 'segments seen: ', implode(' ', $seen), "\n";

// One customer as CSV and as a table.
$first = (string) array_key_first($want);
$none = '999';
[$rc, $out] = segment_cli(['assign', '--model', $model, "$dir/orders.csv", '--customer', $first, '--customer', $none, '--format', 'csv']);
$lines = array_map(fn ($l) => str_getcsv($l, ',', '"', ''), explode("\n", rtrim($out)));
echo "assign csv: exit $rc, header ", implode(',', $lines[0]), "\n";
foreach ([$first, $none] as $k => $id) {
    $w = $want[$id];
    $exp = [$id, implode(' ', $w['segments']), (string) $w['rfm_segment'], (string) $w['rfm_score'], (string) $w['cluster'], (string) $w['cluster_name']];
    echo "  $id: ", $lines[$k + 1] === $exp ? 'as computed' : json_encode($lines[$k + 1]) . ' vs ' . json_encode($exp), "\n";
}
[$rc, $out] = segment_cli(['assign', '--model', $model, "$dir/orders.csv", '--customer', $none]);
echo "assign table: exit $rc\n", $out;
[$rc, $out, $err] = segment_cli(['assign', '--model', $model, "$dir/orders.csv", '--customer', 'nobody']);
echo "unknown customer: exit $rc, ", trim(str_replace($dir, 'DIR', $err)), "\n";

// explain: every segment, IN exactly when assign has it, the conditions of Model::explain.
foreach ([$first, $none] as $id) {
    [$rc, $out] = segment_cli(['explain', '--model', $model, "$dir/orders.csv", $id]);
    $w = $want[$id];
    $ok = $rc === 0;
    $n = 0;
    foreach ($m->rules()->definitions() as $d) {
        $e = $m->explain($w['profile'], null, $d['code'], $ref);
        $verdict = in_array($d['code'], $w['segments'], true) ? 'IN' : 'NOT IN';
        $ok = $ok && preg_match('/^' . $verdict . ' ' . preg_quote($d['code'], '/') . ' /m', $out);
        foreach ($e['conditions'] as $c) {
            $mark = $c['result'] ? '[yes]' : '[no] ';
            $ok = $ok && str_contains($out, "$mark {$c['text']}");
            $n++;
        }
    }
    echo "explain $id: ", $ok ? "every segment and its $n conditions as Model::explain says" : "differs:\n$out", "\n";
}
[$rc, $out] = segment_cli(['explain', '--model', $model, "$dir/orders.csv", $first]);
echo implode("\n", array_slice(explode("\n", $out), 0, 2)) === sprintf("customer %s (model %s, recency to %s)\n  %d orders, monetary %s, last order %s (%d days), first order %s",
    $first, $m->version(), $ref->format('Y-m-d H:i:s'), $want[$first]['profile']['orders'], cli_money($want[$first]['profile']['monetary']),
    $want[$first]['profile']['last_order_at'], $want[$first]['profile']['recency'], $want[$first]['profile']['first_order_at'])
    ? "explain header: right\n" : "explain header:\n$out\n";
foreach (glob("$dir/*") as $f) unlink($f);
rmdir($dir);
?>
--EXPECTF--
fit: exit 0, stderr ''
fit names the version and the file
summary line: %d customers, reference 2026-10-%d %d:00:00, clusters named as in the model
model: 10 rules, rfm true, kmeans k = 3, settings {"reference":"2026-10-%s","source":"orders.csv"}
assign json: exit 0, %d customers (%d here), 0 differ
segments seen: %s
assign csv: exit 0, header customer_id,segments,rfm_segment,rfm_score,cluster,cluster_name
  %d: as computed
  999: as computed
assign table: exit 0
customer  segments   RFM segment  RFM  cluster
999       no_orders  -            -    -
unknown customer: exit 1, segment assign: customer nobody is not in DIR/orders.csv
explain %d: every segment and its %d conditions as Model::explain says
explain 999: every segment and its %d conditions as Model::explain says
explain header: right
