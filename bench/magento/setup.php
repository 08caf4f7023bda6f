<?php

/**
 * The bench's shop: database seg_mgbench on the server of SEG_MYSQL_SOCKET
 * (dropped and made again), with Magento's tables (../shared/schemas/
 * magento.sql), the two Magento_Store tables the module reads and the
 * module's tables from etc/db_schema.xml, as the module's tests make them;
 * CUSTOMERS generated customers (about 80 % with orders over two years, the
 * rest registered without one), guest orders, the 14 definitions of
 * common.php; then the module's own full recompute of website 1, so the
 * stored profiles, memberships and the model file exist.
 *
 *   php -d extension=.../segment.so bench/magento/setup.php [CUSTOMERS]
 */

declare(strict_types=1);

require __DIR__ . '/common.php';

use Segment\CustomerSegment\Core\Db\PdoConnection;
use Segment\CustomerSegment\Core\Module;
use Segment\CustomerSegment\Model\Services;
use Segment\CustomerSegment\Test\Support\TestDb;

$customers = (int) ($argv[1] ?? 3000);
$t0 = microtime(true);

$root = mb_pdo(false);
$root->exec('DROP DATABASE IF EXISTS ' . MB_DB);
$root->exec('CREATE DATABASE ' . MB_DB . ' CHARACTER SET utf8mb4');
$pdo = mb_pdo();
$pdo->exec("SET time_zone = '+00:00'");
TestDb::createTables($pdo);
$pdo->exec("INSERT INTO store_website (website_id, code, name) VALUES (1, 'base', 'Main Website')");
$pdo->exec("INSERT INTO store (store_id, code, website_id, name, is_active) VALUES (1, 'default', 1, 'Default Store View', 1), (2, 'fr', 1, 'French', 1)");

/** Rows in INSERTs of 1,000. */
function insert_rows(\PDO $pdo, string $head, array $rows): void
{
    foreach (array_chunk($rows, 1000) as $chunk) {
        $pdo->exec($head . ' VALUES ' . implode(',', array_map(
            static fn (array $r) => '(' . implode(',', array_map(static fn ($v) => $v === null ? 'NULL' : $pdo->quote((string) $v), $r)) . ')',
            $chunk
        )));
    }
}

mt_srand(20240817);
$now = time();
$countries = ['FR', 'FR', 'FR', 'DE', 'DE', 'GB', 'GB', 'US', 'US', 'BE', 'IT', 'ES'];
$cust = $addr = $orders = [];
$orderId = 0;
$order = static function (?int $customer, int $daysAgo) use (&$orders, &$orderId, $now): void {
    $orderId++;
    $s = mt_rand(1, 100);
    $state = $s <= 88 ? 'complete' : ($s <= 93 ? 'canceled' : ($s <= 97 ? 'processing' : 'closed'));
    // long-tailed order values: most 20-150, a few large
    $total = round(exp(mt_rand(2900, 6400) / 1000), 2);
    $refunded = mt_rand(1, 100) <= 4 ? round($total * mt_rand(10, 100) / 100, 2) : null;
    $orders[] = [$orderId, $state, $state, mt_rand(1, 4) === 1 ? 2 : 1, $customer, $customer === null ? 1 : 0, $total, $refunded, $total,
        gmdate('Y-m-d H:i:s', $now - $daysAgo * 86400 - mt_rand(0, 86399)), sprintf('%09d', $orderId)];
};
for ($id = 1; $id <= $customers; $id++) {
    $cust[] = [$id, 1, "c$id@example.com", 1, 1, "First$id", "Last$id"];
    if (mt_rand(1, 100) <= 95) {
        $addr[] = [$id, $id, $countries[mt_rand(0, count($countries) - 1)], 'City', 'F', 'L', 'Street 1', '0123'];
    }
    if (mt_rand(1, 100) <= 80) {
        // 1 to ~20 orders, most customers few; the first within the last two years
        $n = min(20, 1 + (int) floor(-log(mt_rand(1, 1000000) / 1000000) * 2.2));
        $first = mt_rand(1, 730);
        for ($k = 0; $k < $n; $k++) {
            $order($id, mt_rand(0, $first));
        }
    }
}
for ($k = 0; $k < intdiv($customers, 10); $k++) {
    $order(null, mt_rand(0, 730)); // guest checkouts: no customer, not in any profile
}
insert_rows($pdo, 'INSERT INTO customer_entity (entity_id, website_id, email, group_id, store_id, firstname, lastname)', $cust);
insert_rows($pdo, 'INSERT INTO customer_address_entity (entity_id, parent_id, country_id, city, firstname, lastname, street, telephone)', $addr);
$pdo->exec('UPDATE customer_entity c JOIN customer_address_entity a ON a.parent_id = c.entity_id SET c.default_billing = a.entity_id');
insert_rows($pdo, 'INSERT INTO sales_order (entity_id, state, status, store_id, customer_id, customer_is_guest, base_grand_total, base_total_refunded, grand_total, created_at, increment_id)', $orders);
$pdo->exec('SET FOREIGN_KEY_CHECKS = 1');

// The module's own code from here: definitions, then the full recompute (what cron or bin/magento segment:recompute runs).
$dir = mb_var_dir();
if (is_dir($dir)) {
    foreach (glob("$dir/segment/*") ?: [] as $f) {
        unlink($f);
    }
}
$services = new Services(
    new \Segment\CustomerSegment\Model\Db\MagentoConnection(new \Magento\Framework\App\ResourceConnection(mb_pdo())),
    mb_config(),
    new \Magento\Framework\App\Filesystem\DirectoryList($dir),
    new \Magento\Store\Model\StoreManagerDouble(new \Magento\Store\Model\Store(['website_id' => MB_WEBSITE, 'code' => 'default']))
);
$module = $services->module();
foreach (MB_RULES as [$code, $name, $rule, $priority]) {
    $module->definitions()->save(['code' => $code, 'name' => $name, 'rule' => $rule, 'priority' => $priority, 'is_active' => 1]);
}
$summary = $module->recompute()->all(MB_WEBSITE, $services->settings(MB_WEBSITE));
$profiles = (int) $pdo->query('SELECT COUNT(*) FROM segment_profile')->fetchColumn();
$members = (int) $pdo->query('SELECT COUNT(*) FROM segment_member')->fetchColumn();
printf("setup.php: %d customers, %d orders (%d guest checkouts), %d stored profiles, %d memberships; recompute done in %.1f s in all\n",
    $customers, count($orders), intdiv($customers, 10), $profiles, $members, microtime(true) - $t0);
if ($profiles === 0 || $members === 0) {
    fwrite(STDERR, "setup.php: the recompute stored no profiles or no memberships\n" . json_encode($summary) . "\n");
    exit(1);
}
