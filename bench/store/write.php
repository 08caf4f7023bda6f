<?php
/*
 * How fast Segment\Store::recompute() writes a generation (docs/store.md,
 * section 6): N generated customers (1 to 5 orders each, fixed seed), the
 * default rules with RFM and k-means, into a fresh store; then
 *   run 1: first run (every membership an entry),
 *   run 2: other rules, so customers move (history as set difference, and
 *          generation 1 deleted),
 *   run 3: the same model again (no moves);
 * and customer() read latency.  Profiles and model are built before the clock
 * starts: only recompute() is timed (its phases through the progress callback).
 *
 *   php -d extension=modules/segment.so bench/store/write.php DSN N [option=value ...]
 *   DSN: mysql://user:password@127.0.0.1:PORT/database (the store uses prefix bench_)
 *   options: passed to recompute() (ints), e.g. batch=1000
 */
if ($argc < 3) { fwrite(STDERR, "usage: write.php DSN N [option=value ...]\n"); exit(64); }
[$_, $dsn, $n] = $argv;
$n = (int)$n;
$opts = [];
foreach (array_slice($argv, 3) as $a) { [$k, $v] = explode('=', $a, 2); $opts[$k] = is_numeric($v) ? (int)$v : $v; }

function orders(int $n): Generator {
    mt_srand(42);
    for ($c = 1; $c <= $n; $c++) {
        for ($k = mt_rand(1, 5); $k > 0; $k--) {
            yield ['customer' => (string)$c, 'order' => "$c-$k",
                   'date' => sprintf('20%02d-%02d-%02d 12:00:00', mt_rand(22, 24), mt_rand(1, 12), mt_rand(1, 28)),
                   'amount' => mt_rand(100, 90000) / 100];
        }
    }
}
$t = hrtime(true);
$p = Segment\Profiles::fromIterable(orders($n), ['customer' => 'customer', 'order' => 'order', 'date' => 'date',
                                                  'amount' => 'amount', 'reference' => '2025-01-01 00:00:00']);
$rules = Segment\RuleSet::fromFile(__DIR__ . '/../../cli/default-rules.json');
$rfm = Segment\Rfm::fit($p);
$km = Segment\KMeans::fit($p, 4, ['seed' => 1]);
$model = Segment\Model::build($rules, $rfm, $km);
/* run 2's rules: thresholds moved, so that customers enter and leave segments */
$moved = [['code' => 'champions', 'rule' => 'rfm.r >= 4 and rfm.f >= 3 and rfm.m >= 4', 'priority' => 100],
          ['code' => 'recent', 'rule' => 'recency < 120', 'priority' => 95]];
foreach (json_decode(file_get_contents(__DIR__ . '/../../cli/default-rules.json'), true)['segments'] as $r)
    if ($r['code'] !== 'champions' && $r['code'] !== 'lost') $moved[] = $r;
$model2 = Segment\Model::build(new Segment\RuleSet($moved), $rfm, $km);
printf("profiles and model: %d customers, %.2f s\n", count($p), (hrtime(true) - $t) / 1e9);

$s = new Segment\Store($dsn, ['prefix' => 'bench_']);
$s->uninstall();
$s->install();
$phase = [];
$opts['progress'] = function (array $e) use (&$phase) { $phase[$e['phase']] = $e['seconds']; };
foreach ([1 => $model, 2 => $model2, 3 => $model2] as $i => $m) {
    $phase = [];
    $t = hrtime(true);
    $r = $s->recompute($m, $p, $opts);
    $sec = (hrtime(true) - $t) / 1e9;
    printf("run %d: %.2f s (write %.2f, switch %.2f, cleanup %.2f), %d customers, %d memberships, %d entries, %d exits, %.0f customers/s%s\n",
        $i, $sec, $phase['write'], $phase['cleanup'] - $phase['write'], $sec - $phase['cleanup'], $r['customers'],
        $r['memberships'], $r['entries'], $r['exits'], $r['customers'] / $sec,
        isset($r['write_method']) ? ", method {$r['write_method']}" : '');
}
$ids = array_map(fn () => (string)mt_rand(1, $n), range(1, 2000));
$s->customer($ids[0]);
$t = hrtime(true);
foreach ($ids as $id) $s->customer($id);
printf("customer(): %.3f ms per call (2000 calls)\n", (hrtime(true) - $t) / 1e6 / count($ids));
$s->uninstall();
