<?php

/**
 * The recompute with the extension, as a stand-in for `bin/segment
 * recompute` until the membership store exists (run.sh uses the command
 * when it does): Profiles::fromDatabase (PrestaShop), Rfm::fit,
 * KMeans::fit (k 4, seed 0), the built-in rules (cli/default-rules.json) in
 * a Segment\Model, Model::assign() for every customer with a profile, and
 * the memberships written with common.php's PDO writer (the same one as
 * plain.php).
 *
 *   php -d extension=modules/segment.so bench/recompute/ext.php DATABASE [--table=seg_membership_ext]
 *
 * Prints one JSON line: counts, segment sizes, stage times, peak RSS.
 */

declare(strict_types=1);

ini_set('memory_limit', '-1');
require __DIR__ . '/common.php';

$o = rb_args($argv);
$db = $o['_'][0] ?? null;
if ($db === null) {
    fwrite(STDERR, "usage: php ext.php DATABASE [--table=NAME]\n");
    exit(2);
}
$table = $o['table'] ?? 'seg_membership_ext';
$t0 = hrtime(true);

$profiles = Segment\Profiles::fromDatabase(rb_connection($db), ['platform' => 'prestashop', 'reference' => RB_REFERENCE]);
$t1 = hrtime(true);
$rfm = Segment\Rfm::fit($profiles, ['reference' => RB_REFERENCE]);
$t2 = hrtime(true);
$km = Segment\KMeans::fit($profiles, RB_K, ['reference' => RB_REFERENCE, 'seed' => 0]);
$t3 = hrtime(true);
$model = Segment\Model::build(Segment\RuleSet::fromFile(RB_RULES), $rfm, $km, ['reference' => RB_REFERENCE]);
$now = new DateTimeImmutable(RB_REFERENCE . ' UTC');
$w = new RbWriter(rb_pdo($db), $table, $model->toArray()['model_version']);
$sizes = [];
$n = 0;
foreach ($profiles as $id => $p) {
    $a = $model->assign($p, null, $now);
    $at = $a['attributes'];
    $rf = $at['rfm'];
    $w->add($id, $a['segments'], $p['orders'], (float) $p['monetary'], $p['recency'], $rf['r'] ?? null, $rf['f'] ?? null,
        $rf['m'] ?? null, $rf['segment'] ?? null, $at['cluster'], $at['cluster_name']);
    $s = $a['segments'][0] ?? '(none)';
    $sizes[$s] = ($sizes[$s] ?? 0) + 1;
    $n++;
}
$w->finish();
$t4 = hrtime(true);
ksort($sizes);
echo json_encode([
    'method' => 'extension-standin', 'customers' => $n, 'stats' => $profiles->stats(), 'sizes' => $sizes,
    'clusters' => array_column($km->describe(), 'name'), 'inertia' => $km->toArray()['fit']['inertia'] ?? null,
    'kmeans_iterations' => $km->toArray()['fit']['iterations'] ?? null,
    'read_s' => ($t1 - $t0) / 1e9, 'rfm_s' => ($t2 - $t1) / 1e9, 'kmeans_s' => ($t3 - $t2) / 1e9,
    'assign_write_s' => ($t4 - $t3) / 1e9, 'total_s' => ($t4 - $t0) / 1e9, 'peak_kb' => rb_peak_kb(),
], JSON_UNESCAPED_SLASHES), "\n";
