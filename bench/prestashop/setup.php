<?php

/**
 * Prepares the PrestaShop front-office benchmark: a database of its own
 * (DATABASE, default seg_psbench) on the throw-away MariaDB whose socket is
 * SEG_MYSQL_SOCKET, holding PrestaShop's tables (../shared/schemas) and the
 * module's (Schema::install()), CUSTOMERS generated customers with orders
 * (tests/Support/ShopFixture.php, fixed seed), 12 segments saved through the
 * module's Definitions, and a full recompute (Recompute::run(): profiles,
 * RFM, k-means, memberships). Writes DIR/model-shop1.json (the model the
 * recompute saved) and DIR/setup.json.
 *
 *   php -d extension=.../segment.so bench/prestashop/setup.php DIR [CUSTOMERS]
 */

declare(strict_types=1);

use PrestaShop\Module\Segment\Schema;
use PrestaShop\Module\Segment\Services;
use PrestaShop\Module\Segment\Settings;
use PrestaShop\Module\Segment\Tests\Support\ShopFixture;

require __DIR__ . '/common.php';
require_once MODULE_DIR . '/autoload.php';
require_once MODULE_DIR . '/tests/Support/ShopFixture.php';

[$dir, $customers] = [$argv[1] ?? null, (int) ($argv[2] ?? 3000)];
if ($dir === null || $customers < 100) {
    fwrite(STDERR, "usage: setup.php DIR [CUSTOMERS >= 100]\n");
    exit(64);
}
@mkdir($dir, 0777, true);
$t0 = microtime(true);
$now = time();
$db = bench_fresh_database();
(new Schema($db))->install();

// Customers and orders, in one transaction (one commit instead of ~25,000).
mt_srand(20240615);
$shop = null;
$counts = ['with_orders' => 0, 'without_orders' => 0, 'orders' => 0];
$db->transactional(function () use ($db, $now, $customers, &$shop, &$counts): void {
    $shop = new ShopFixture($db, $now);
    $countries = [8, 8, 8, 21, 21, 3];
    for ($id = 1; $id <= $customers; ++$id) {
        $shop->customer($id, "customer$id@example." . ['com', 'fr', 'net'][$id % 3], [
            'newsletter' => mt_rand(0, 99) < 35 ? 1 : 0,
            'country' => $countries[mt_rand(0, count($countries) - 1)],
        ]);
        // a fifth of the accounts never ordered; the others 1 to 14 orders,
        // a few of them cancelled, over the last two years
        if ($id % 5 === 0) {
            ++$counts['without_orders'];
            continue;
        }
        ++$counts['with_orders'];
        $n = mt_rand(0, 99) < 60 ? mt_rand(1, 3) : mt_rand(4, 14);
        $lastAge = mt_rand(1, 700);
        for ($k = 0; $k < $n; ++$k) {
            $amount = round(15 + mt_rand(0, 10000) / 10000 * mt_rand(20, 400), 2);
            $state = mt_rand(0, 99) < 6 ? ShopFixture::CANCELED : (mt_rand(0, 1) ? ShopFixture::PAID : ShopFixture::DELIVERED);
            $shop->order($id, $amount, $lastAge + $k * mt_rand(5, 60), $state);
            ++$counts['orders'];
        }
    }
});

// The segments an admin would write: stored profile, RFM, cluster, account and live context.
$services = new Services($db, 1, bench_dsn(), 'ps_', $dir . '/model', Settings::defaults());
$segments = [
    ['vip', 'orders >= 8 and monetary >= 1200', 100],
    ['champions', 'rfm.segment == "Champions"', 90],
    ['big_cart', 'cart_total >= 150', 85],
    ['lapsed', 'orders >= 1 and recency > 365', 80],
    ['at_risk', 'orders >= 3 and recency between 120 and 365', 75],
    ['from_ads', 'traffic_source == "paid_search" and visitor_type == "guest"', 70],
    ['first_order_soon', 'visitor_type == "registered" and pages_viewed >= 3', 60],
    ['mobile_shopper', 'device == "mobile" and cart_items > 0', 50],
    ['newsletter_fr', 'newsletter and country == "FR"', 40],
    ['email_campaign', 'utm_medium == "email"', 30],
    ['returning_guest', 'visitor_type == "guest" and returning', 20],
    ['high_value_cluster', 'cluster_name != null and monetary > 600', 10],
];
foreach ($segments as [$code, $rule, $priority]) {
    $r = $services->definitions()->save(['code' => $code, 'name' => ucfirst(str_replace('_', ' ', $code)), 'rule' => $rule, 'priority' => (string) $priority, 'active' => '1']);
    if ($r['errors']) {
        fwrite(STDERR, "setup.php: segment $code: " . json_encode($r['errors']) . "\n");
        exit(1);
    }
}
$services->definitionsChanged();
$result = $services->recompute()->run($now);
if ($result['status'] !== 'ok') {
    fwrite(STDERR, "setup.php: recompute failed: {$result['message']}\n");
    exit(1);
}
$model = $services->models()->path();
copy($model, "$dir/model-shop1.json");
$info = $counts + [
    'customers' => $customers,
    'profiles' => (int) $db->fetchValue('SELECT COUNT(*) FROM ps_segment_profile p JOIN ps_segment_state s ON s.id_shop = p.id_shop AND s.generation = p.generation'),
    'segments' => count($segments),
    'recompute_seconds' => $result['seconds'],
    'setup_seconds' => round(microtime(true) - $t0, 2),
    'database' => bench_database(),
];
file_put_contents("$dir/setup.json", json_encode($info, JSON_PRETTY_PRINT) . "\n");
printf("setup: %d customers (%d with %d orders, %d without), %d profiles, recompute %.2f s, setup %.1f s\n",
    $customers, $counts['with_orders'], $counts['orders'], $counts['without_orders'], $info['profiles'], $result['seconds'], $info['setup_seconds']);
