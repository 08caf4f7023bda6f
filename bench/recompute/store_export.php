<?php

/**
 * Copies the store's current generation (docs/store.md on branch store:
 * Segment\Store, its customer table) into a table with common.php's
 * membership layout, so that compare.php can check it against the peer.
 *
 *   php -d extension=modules/segment.so bench/recompute/store_export.php DATABASE [--table=seg_membership_store] [--prefix=ps_]
 *
 * Written against the store branch as it was while this benchmark was
 * made (tables() with roles 'state' and 'customer', the state row id 1
 * holding the current generation, segments as a JSON list): check it
 * again when the store is merged.
 */

declare(strict_types=1);

require __DIR__ . '/common.php';

$o = rb_args($argv);
$db = $o['_'][0] ?? null;
if ($db === null || !class_exists('Segment\Store')) {
    fwrite(STDERR, "usage: php -d extension=... store_export.php DATABASE (needs Segment\\Store)\n");
    exit(2);
}
$table = $o['table'] ?? 'seg_membership_store';
$t = (new Segment\Store(rb_connection($db), ['prefix' => $o['prefix'] ?? 'ps_']))->tables();
$pdo = rb_pdo($db);
$pdo->exec("DROP TABLE IF EXISTS `$table`");
$pdo->exec(rb_membership_ddl($table));
$n = $pdo->exec("INSERT INTO `$table`
    SELECT CAST(c.customer_id AS UNSIGNED), NULLIF(JSON_UNQUOTE(JSON_EXTRACT(c.segments, '$[0]')), 'null'),
           REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(c.segments, '[', ''), ']', ''), '\"', ''), ', ', ' '), ',', ' '),
           c.orders, c.revenue, c.recency, c.rfm_r, c.rfm_f, c.rfm_m, c.rfm_segment, c.cluster, c.cluster_name,
           c.model_version, c.computed_at
      FROM `{$t['customer']}` c WHERE c.generation = (SELECT generation FROM `{$t['state']}` WHERE id = 1)");
echo json_encode(['table' => $table, 'rows' => $n, 'store_tables' => $t]), "\n";
