<?php

namespace PrestaShop\Module\Segment\Tests\Integration;

use PrestaShop\Module\Segment\Schema;
use PrestaShop\Module\Segment\Tests\Support\DbTestCase;
use PrestaShop\Module\Segment\Settings;
use PrestaShop\Module\Segment\Tests\Support\ShopFixture;

final class RecomputeTest extends DbTestCase
{
    private function defineSegments(\PrestaShop\Module\Segment\Services $s): void
    {
        $d = $s->definitions();
        $this->assertSame([], $d->save(['code' => 'vip', 'name' => 'VIP', 'rule' => 'orders >= 5 and monetary >= 1000', 'priority' => '100', 'active' => '1'])['errors']);
        $this->assertSame([], $d->save(['code' => 'lapsed', 'name' => 'Lapsed', 'rule' => 'orders >= 1 and recency > 200', 'priority' => '50', 'active' => '1'])['errors']);
        $this->assertSame([], $d->save(['code' => 'subscribers', 'name' => 'Newsletter', 'rule' => 'newsletter', 'priority' => '10', 'active' => '1'])['errors']);
    }

    public function testFullRecomputeStoresProfilesSegmentsAndScores(): void
    {
        $this->populate();
        $s = $this->services();
        $this->defineSegments($s);
        $result = $s->recompute()->run($this->now);
        $this->assertSame('ok', $result['status'], $result['message']);
        $this->assertSame(10, $result['customers']);
        $this->assertSame(1, $result['generation']);

        $store = $s->store();
        $one = $store->profile(1);
        $this->assertSame(5, (int) $one['orders']);
        $this->assertEqualsWithDelta(310 + 311 + 312 + 313 + 314, (float) $one['monetary'], 0.001);
        $this->assertSame('FR', $one['country']);
        $this->assertSame(',vip,subscribers,', $one['segments']);
        $this->assertSame('vip', $one['primary_segment']);
        $this->assertNotNull($one['r']);
        // canceled only: a profile with 0 orders and the canceled one counted
        $nine = $store->profile(9);
        $this->assertSame(0, (int) $nine['orders']);
        $this->assertSame(1, (int) $nine['cancelled_orders']);
        $this->assertSame(',subscribers,', $nine['segments']);
        $this->assertSame('US', $store->profile(4)['country']);

        $sizes = $store->sizes();
        $this->assertSame(3, $sizes['vip']['customers']);
        $this->assertEqualsWithDelta(3 * 1560 + 10 * 5 * 6 / 1, $sizes['vip']['revenue'] + 0, 1000); // sanity
        $this->assertSame([1, 2, 3], $store->members('vip'));
        $this->assertSame([4, 5, 6], $store->members('lapsed'));
        $this->assertSame([1, 3, 5, 7, 9], $store->members('subscribers'));

        // the model file has the rules and the fitted parts
        $model = $s->models()->load();
        $this->assertNotNull($model->rfm());
        $this->assertSame(['vip', 'lapsed', 'subscribers'], $model->rules()->codes());

        // RFM heatmap counts every customer with orders once
        $this->assertSame(8, array_sum(array_map('array_sum', $store->heatmap())));
        $runs = $s->recompute()->runs();
        $this->assertSame('ok', $runs[0]['status']);
    }

    public function testSecondRunRecordsMovesAndKeepsOneGeneration(): void
    {
        $this->populate();
        $s = $this->services();
        $this->defineSegments($s);
        $s->recompute()->run($this->now);
        // customer 4 comes back with big orders: lapsed -> vip
        foreach ([1, 2, 3, 4, 5] as $d) {
            $this->shop->order(4, 400, $d);
        }
        $result = $s->recompute()->run($this->now);
        $this->assertSame('ok', $result['status']);
        $this->assertSame(2, $result['generation']);
        $this->assertContains(['from' => 'lapsed', 'to' => 'vip', 'customers' => 1], $s->store()->moves());
        $this->assertSame(0, (int) $this->db->fetchValue('SELECT COUNT(*) FROM ps_segment_profile WHERE generation = 1'));
    }

    public function testFailedRunLeavesThePreviousGenerationReadable(): void
    {
        $this->populate();
        $s = $this->services();
        $this->defineSegments($s);
        $s->recompute()->run($this->now);
        $before = $s->store()->sizes();
        // a run that dies while reading orders: the orders table disappears
        $this->db->execute('RENAME TABLE ps_orders TO ps_orders_gone');
        $result = $s->recompute()->run($this->now);
        $this->db->execute('RENAME TABLE ps_orders_gone TO ps_orders');
        $this->assertSame('failed', $result['status']);
        $this->assertStringContainsString('ps_orders', $result['message']);
        $this->assertSame($before, $s->store()->sizes());
        $this->assertSame(1, $s->store()->currentGeneration());
        $this->assertSame('failed', $s->recompute()->runs()[0]['status']);
    }

    public function testInterruptedGenerationIsIgnoredAndCleanedUp(): void
    {
        $this->populate();
        $s = $this->services();
        $this->defineSegments($s);
        $s->recompute()->run($this->now);
        // rows of a generation that never committed (a killed run)
        $gen = $s->store()->beginGeneration();
        $s->store()->write($gen, [['id_customer' => 1, 'segments' => ['lapsed']]], 'x');
        $this->assertSame('vip', $s->store()->profile(1)['primary_segment']);
        $this->assertSame(2, $s->recompute()->run($this->now)['generation']);
        $this->assertSame('vip', $s->store()->profile(1)['primary_segment']);
    }

    public function testConcurrentRunIsRefusedAsBusy(): void
    {
        $this->populate();
        $s = $this->services();
        $other = new \PDO('mysql:unix_socket=' . getenv('SEG_MYSQL_SOCKET') . ';dbname=seg_psmodule', 'root', '');
        $name = $other->query("SELECT CONCAT('segment_recompute_1_', LEFT(SHA1('`ps_segment_run`'), 8))")->fetchColumn();
        $this->assertSame(1, (int) $other->query("SELECT GET_LOCK('$name', 0)")->fetchColumn());
        $result = $s->recompute()->run($this->now);
        $this->assertSame('busy', $result['status']);
        $this->assertSame(1, (int) $other->query("SELECT RELEASE_LOCK('$name')")->fetchColumn());
        $other = null;
        $this->assertSame('ok', $s->recompute()->run($this->now)['status']);
    }

    public function testIncrementalRefreshOfOneCustomer(): void
    {
        $this->populate();
        $s = $this->services();
        $this->defineSegments($s);
        $s->recompute()->run($this->now);
        $this->assertSame('lapsed', $s->store()->profile(5)['primary_segment']);
        $ids = [];
        foreach ([1, 2, 3, 4, 6] as $d) {
            $ids[] = $this->shop->order(5, 300, $d);
        }
        $this->assertSame(['vip', 'subscribers'], $s->recompute()->refresh(5, $this->now));
        $row = $s->store()->profile(5);
        $this->assertSame(6, (int) $row['orders']);
        $this->assertSame('vip', $row['primary_segment']);
        $this->assertContains(5, $s->store()->members('vip'));
        // a status change to canceled takes the orders out again
        foreach ($ids as $id) {
            $this->shop->setState($id, ShopFixture::CANCELED);
        }
        $this->assertSame(['lapsed', 'subscribers'], $s->recompute()->refresh(5, $this->now));
        $this->assertSame(5, (int) $s->store()->profile(5)['cancelled_orders']);
        $moves = $this->db->fetchAll('SELECT from_segment, to_segment FROM ps_segment_history WHERE id_customer = 5 ORDER BY id_history');
        $this->assertSame([['from_segment' => '', 'to_segment' => 'lapsed'], ['from_segment' => 'lapsed', 'to_segment' => 'vip'], ['from_segment' => 'vip', 'to_segment' => 'lapsed']], $moves);
    }

    public function testNewAccountGetsARowAndGuestsDoNot(): void
    {
        $this->populate();
        $s = $this->services();
        $this->defineSegments($s);
        $s->recompute()->run($this->now);
        $this->shop->customer(11, 'new@example.com', ['newsletter' => 1]);
        $this->assertSame(['subscribers'], $s->recompute()->refresh(11, $this->now));
        $this->shop->customer(12, 'guest@example.com', ['is_guest' => 1]);
        $this->assertNull($s->recompute()->refresh(12, $this->now));
        $this->assertNull($s->store()->profile(12));
    }

    public function testWindowAndShopRestrictOrders(): void
    {
        $this->populate();
        $this->shop->order(10, 999, 3, ShopFixture::PAID, 1.0, 2);
        $settings = Settings::fromInput(['rfm_enabled' => '1', 'rfm_bins' => '5', 'rfm_method' => 'quantile', 'rfm_map' => 'rf11',
            'window_days' => '200', 'kmeans_enabled' => '', 'kmeans_k' => '0', 'kmeans_features' => ['recency'], 'kmeans_seed' => '1'])[0];
        $s = $this->services($settings, 1, true);
        $s->definitions()->save(['code' => 'buyers', 'name' => 'Buyers', 'rule' => 'orders >= 1', 'priority' => '1', 'active' => '1']);
        $run = $s->recompute()->run($this->now);
        $this->assertSame('ok', $run['status'], $run['message']);
        // 4-6 ordered 300 days ago (outside the window); 10 only in shop 2
        $this->assertSame([1, 2, 3, 7, 8], $s->store()->members('buyers'));
        $this->assertSame(0, (int) $s->store()->profile(4)['orders']);
        // conversion rate: amounts are in the default currency
        $this->shop->order(7, 100, 2, ShopFixture::PAID, 2.0);
        $s->recompute()->refresh(7, $this->now);
        $this->assertEqualsWithDelta(80 + 90 + 50, (float) $s->store()->profile(7)['monetary'], 0.001);
    }

    public function testUpgradeAddsWhatOlderVersionsLacked(): void
    {
        $schema = new Schema($this->db);
        $schema->uninstall();
        foreach (Schema::TABLES as $t) {
            $this->assertFalse($schema->hasTable($t));
        }
        // 1.0.0 had no group column and no banners
        $this->db->execute('CREATE TABLE ps_segment_definition (id_segment INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, id_shop INT UNSIGNED NOT NULL,
            code VARCHAR(64) NOT NULL, name VARCHAR(128) NOT NULL, rule TEXT NOT NULL, priority INT NOT NULL DEFAULT 0,
            active TINYINT(1) UNSIGNED NOT NULL DEFAULT 1, date_add DATETIME NOT NULL, date_upd DATETIME NOT NULL)');
        $this->db->execute("INSERT INTO ps_segment_definition (id_shop, code, name, rule, date_add, date_upd) VALUES (1, 'old', 'Old', 'orders > 1', NOW(), NOW())");
        $schema->upgrade();
        $this->assertTrue($schema->hasColumn('segment_definition', 'id_group'));
        $this->assertTrue($schema->hasTable('segment_banner'));
        $this->assertSame('old', $this->services()->definitions()->all()[0]['code']);
        $schema->uninstall();
        $this->assertSame(0, (int) $this->db->fetchValue("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'ps\\_segment\\_%'"));
    }

    public function testEngineAndPrefixAreChecked(): void
    {
        $this->expectException(\InvalidArgumentException::class);
        new Schema($this->db, 'InnoDB; DROP TABLE x');
    }
}
