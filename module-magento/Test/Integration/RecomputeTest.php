<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Test\Integration;

use Segment\CustomerSegment\Core\Module;
use Segment\CustomerSegment\Core\StoreBusy;
use Segment\CustomerSegment\Test\Support\DbTestCase;
use Segment\CustomerSegment\Test\Support\Shop;
use Segment\CustomerSegment\Test\Support\TestDb;

final class RecomputeTest extends DbTestCase
{
    private function segmentsOf(int $website, int $customer): ?array
    {
        return $this->module->store($website)->customer($customer)['segments'] ?? null;
    }

    public function testRecomputeStoresEveryCustomersSegmentsPerWebsite(): void
    {
        $this->standardWithRules();
        $summary = $this->module->recompute()->all(1, $this->settings(), null, Shop::now());

        // customers with an order in website 1 (14 has only canceled/closed ones: a profile with 0 orders)
        $expected = (int) $this->sql('SELECT COUNT(DISTINCT o.customer_id) FROM sales_order o JOIN store s ON s.store_id = o.store_id WHERE s.website_id = 1 AND o.customer_id IS NOT NULL');
        $this->assertSame($expected, $summary['customers']);
        $this->assertSame(1, $summary['generation']);
        $this->assertSame(['vip', 'repeat', 'french'], $this->segmentsOf(1, 10));
        $this->assertSame(['repeat'], $this->segmentsOf(1, 11));
        $this->assertSame(['lapsing', 'french'], $this->segmentsOf(1, 12));
        $this->assertSame([], $this->segmentsOf(1, 13), '2000 refunded down to 800 is not VIP');
        $this->assertSame([], $this->segmentsOf(1, 14));
        $this->assertSame(0, (int) $this->module->store(1)->customer(14)['orders']);
        $this->assertNull($this->segmentsOf(1, 60), 'website 2 customer is not in website 1');
        $this->assertNull($this->segmentsOf(1, 50), 'no order, no stored row');

        // the stored aggregates agree with the server's own sums
        $this->assertEqualsWithDelta(
            (float) $this->sql("SELECT SUM(base_grand_total - COALESCE(base_total_refunded, 0)) FROM sales_order WHERE customer_id = 13"),
            (float) $this->module->store(1)->customer(13)['revenue'],
            0.001
        );
        $this->assertSame('FR', $this->module->store(1)->customer(10)['country']);
        $this->assertSame(6, (int) $this->module->store(1)->customer(10)['orders']);

        // counts: one membership row per customer and segment
        $counts = $this->module->store(1)->counts();
        $this->assertSame((int) $this->sql('SELECT COUNT(*) FROM segment_member WHERE website_id = 1 AND code = ?', ['french']), $counts['french']);
        $this->assertSame(1, $counts['vip']);
        // the first run records an entry for every membership
        $this->assertSame($summary['memberships'], $summary['entries']);
        $this->assertSame(0, $summary['exits']);

        // RFM: every customer with an order has R and F; the heatmap adds up to them
        $heat = $this->module->store(1)->heatmap();
        $this->assertSame($expected - 1, array_sum(array_map('array_sum', $heat)));
        $this->assertNotNull($this->module->store(1)->customer(10)['rfm_segment']);
        $this->assertNotNull($this->module->store(1)->customer(10)['cluster']);

        // website 2 is separate
        $this->module->recompute()->all(2, $this->settings(), null, Shop::now());
        $this->assertSame(['vip', 'repeat'], $this->segmentsOf(2, 60));
        $this->assertSame(['vip', 'repeat', 'french'], $this->segmentsOf(1, 10));
    }

    public function testASecondRunSwitchesGenerationsAndRecordsMoves(): void
    {
        $this->standardWithRules();
        $this->module->recompute()->all(1, $this->settings(), null, Shop::now());
        // 11 buys big: enters vip; 12's lapsing ends when they order again
        $this->shop->order(11, 2000, 1);
        $this->shop->order(12, 15, 1);
        $summary = $this->module->recompute()->all(1, $this->settings(), null, Shop::now());

        $this->assertSame(2, $summary['generation']);
        $this->assertSame(['vip', 'repeat'], $this->segmentsOf(1, 11));
        $this->assertSame(['french'], $this->segmentsOf(1, 12));
        $this->assertSame(1, $summary['entries']);
        $this->assertSame(1, $summary['exits']);
        $this->assertSame(0, (int) $this->sql('SELECT COUNT(*) FROM segment_profile WHERE generation <> 2'), 'generation 1 is gone');
        $moves = $this->module->store(1)->moves();
        $this->assertSame(['entered' => 1, 'exited' => 0], $moves['segments']['vip']);
        $this->assertSame(['entered' => 0, 'exited' => 1], $moves['segments']['lapsing']);
        $this->assertArrayNotHasKey('repeat', $moves['segments'], '12 has 2 orders now: not repeat');
        $this->assertSame([], $moves['pairs'], 'nobody left one segment for another');
    }

    public function testOneCustomerIsRefreshedInTheCurrentGeneration(): void
    {
        $this->standardWithRules();
        $this->module->recompute()->all(1, $this->settings(), null, Shop::now());
        $this->shop->order(11, 5000, 0);
        $r = $this->module->recompute()->customer(1, 11, $this->settings(), Shop::now());
        $this->assertSame(['vip', 'repeat'], $r['segments']);
        $this->assertSame(['vip'], $r['entered']);
        $this->assertSame(1, $r['generation']);
        $this->assertSame(['vip', 'repeat'], $this->segmentsOf(1, 11));
        $this->assertSame(2, $this->module->store(1)->counts()['vip']);
        $h = $this->module->store(1)->history(11);
        $this->assertSame(['vip', 'enter', 1], [$h[0]['code'], $h[0]['event'], (int) $h[0]['incremental']]);

        // a new customer without orders gets a row with 0 orders
        $r = $this->module->recompute()->customer(1, 50, $this->settings(), Shop::now());
        $this->assertSame(['french'], $r['segments']);
        $this->assertSame(0, (int) $this->module->store(1)->customer(50)['orders']);
    }

    public function testASecondRecomputeOfTheSameWebsiteIsRefused(): void
    {
        $this->standardWithRules();
        $other = new \PDO('mysql:unix_socket=' . getenv('SEG_MYSQL_SOCKET') . ';dbname=' . TestDb::NAME, 'root', '');
        $this->assertSame(1, (int) $other->query("SELECT GET_LOCK('segment-magento/segment_state/1', 0)")->fetchColumn());
        try {
            $this->module->recompute()->all(1, $this->settings(), null, Shop::now());
            $this->fail('ran');
        } catch (StoreBusy $e) {
            $this->assertStringContainsString('already running', $e->getMessage());
        }
        $this->assertSame(0, (int) $this->sql('SELECT COUNT(*) FROM segment_profile'));
        // website 2 has its own lock
        $this->assertSame(1, $this->module->recompute()->all(2, $this->settings(), null, Shop::now())['customers']);
        $other->query("SELECT RELEASE_LOCK('segment-magento/segment_state/1')");
    }

    public function testAFailedRunLeavesTheCurrentGenerationAsItWas(): void
    {
        $this->standardWithRules();
        $this->module->recompute()->all(1, $this->settings(), null, Shop::now());
        $before = $this->module->store(1)->counts();
        $this->shop->order(11, 5000, 0);
        try {
            $this->module->recompute()->all(1, $this->settings(), function (array $p) {
                if ($p['phase'] === 'write') {
                    throw new \RuntimeException('disk full');
                }
            }, Shop::now());
            $this->fail('ran');
        } catch (\RuntimeException $e) {
            $this->assertSame('disk full', $e->getMessage());
        }
        $this->assertSame($before, $this->module->store(1)->counts());
        $this->assertSame(['repeat'], $this->segmentsOf(1, 11));
        $run = $this->module->store(1)->lastRun();
        $this->assertSame(['failed', 'disk full', 1], [$run['run_outcome'], $run['run_message'], (int) $run['generation']]);
        $this->assertSame(0, (int) $this->sql('SELECT COUNT(*) FROM segment_profile WHERE generation = 2'));
        // and the next run succeeds
        $this->assertSame(2, $this->module->recompute()->all(1, $this->settings(), null, Shop::now())['generation']);
        $this->assertSame(['vip', 'repeat'], $this->segmentsOf(1, 11));
    }

    public function testProgressIsReported(): void
    {
        $this->standardWithRules();
        $phases = [];
        $this->module->recompute()->all(1, $this->settings(), function (array $p) use (&$phases) {
            $phases[] = $p['phase'];
        }, Shop::now());
        $this->assertContains('read', $phases);
        $this->assertContains('fit', $phases);
        $this->assertContains('write', $phases);
        $this->assertSame('cleanup', end($phases));
    }

    public function testForgettingACustomerRemovesProfileScoresAndHistory(): void
    {
        $this->standardWithRules();
        $this->module->recompute()->all(1, $this->settings(), null, Shop::now());
        $this->assertGreaterThan(0, $this->module->forget(10));
        foreach (['segment_profile', 'segment_member', 'segment_history'] as $t) {
            $this->assertSame(0, (int) $this->sql("SELECT COUNT(*) FROM $t WHERE customer_id = 10"), $t);
        }
        // and deleting the customer row cascades (the foreign keys of db_schema.xml)
        $this->module->connection()->execute('DELETE FROM customer_entity WHERE entity_id = 11');
        foreach (['segment_profile', 'segment_member', 'segment_history'] as $t) {
            $this->assertSame(0, (int) $this->sql("SELECT COUNT(*) FROM $t WHERE customer_id = 11"), $t);
        }
    }

    public function testPreviewCountsStoredCustomersAndReportAddsUp(): void
    {
        $this->standardWithRules();
        $this->module->recompute()->all(1, $this->settings(), null, Shop::now());
        $p = $this->module->preview()->count(1, 'country == "FR"', Shop::now());
        $this->assertSame($this->module->store(1)->counts()['french'], $p['matches']);
        $this->assertSame(35, $p['customers']);
        $this->assertContains(10, $p['sample']);
        $this->assertSame(0, $this->module->preview()->count(1, 'device == "mobile"', Shop::now())['matches']);

        $report = $this->module->report()->build(1);
        $vip = array_values(array_filter($report['segments'], fn ($s) => $s['code'] === 'vip'))[0];
        $this->assertSame(['customers' => 1, 'revenue' => 1500.0], ['customers' => $vip['customers'], 'revenue' => $vip['revenue']]);
        $this->assertSame('ok', $report['last_run']['run_outcome']);
        $this->assertGreaterThan(0, $report['heatmap_max']);
    }

    public function testTheModelIsRestoredFromTheDatabaseOnANodeWithoutTheFile(): void
    {
        $this->standardWithRules();
        $summary = $this->module->recompute()->all(1, $this->settings(), null, Shop::now());
        unlink($this->module->models()->path(1));
        $model = $this->module->models()->current(1);
        $this->assertSame($summary['model_version'], $model->version());
        $this->assertFileExists($this->module->models()->path(1));
        $this->assertNotNull($model->rfm());
    }

    /**
     * Another web node serving a request while a recompute has switched the
     * generation but not yet saved its model file: segment_state must name a
     * model version whose document it also holds, or that node (file missing
     * or older) cannot load the model and its visitor gets no segment.
     */
    public function testOtherNodesServeRequestsBetweenTheSwitchAndThePublish(): void
    {
        $this->standardWithRules();
        $this->module->recompute()->all(1, $this->settings(), null, Shop::now());
        $db = $this->module->connection();
        // node B has read the first model (its own file); node C has no file yet
        $nodeB = new Module($db, $this->dir . '/node-b', 0);
        $nodeC = new Module($db, $this->dir . '/node-c', 0);
        $first = $nodeB->models()->current(1)->version();
        $this->shop->order(11, 2000, 1); // 11 becomes VIP in the second run

        $seen = [];
        $summary = $this->module->recompute()->all(1, $this->settings(), function (array $p) use ($nodeB, $nodeC, &$seen) {
            if ($p['phase'] !== 'cleanup') {
                return;
            }
            // the new generation is current; publish() has not run
            foreach (['b' => $nodeB, 'c' => $nodeC] as $name => $node) {
                $snapshot = $node->models()->snapshot(1);
                $seen[$name] = [$snapshot['model']->version(), $node->assigner()->segments(1, 11, null, Shop::now())];
            }
        }, Shop::now());

        $this->assertNotSame($first, $summary['model_version']);
        $this->assertSame([$summary['model_version'], ['vip', 'repeat']], $seen['b'] ?? null, 'node with the old file');
        $this->assertSame([$summary['model_version'], ['vip', 'repeat']], $seen['c'] ?? null, 'node without a file');
    }

    public function testRulesSavedDuringARecomputeAreNotUndoneByIt(): void
    {
        $this->standardWithRules();
        $this->module->recompute()->all(1, $this->settings(), null, Shop::now());
        $saved = false;
        $summary = $this->module->recompute()->all(1, $this->settings(), function (array $p) use (&$saved) {
            if ($p['phase'] !== 'write' || $saved) {
                return;
            }
            // an admin saves a segment while the recompute writes: the save publishes the new rules at once
            $this->module->definitions()->save(['code' => 'champ', 'name' => 'Champions', 'rule' => 'rfm.r >= 4 and orders >= 3', 'priority' => 200, 'is_active' => 1]);
            $this->module->models()->rebuildRules(1);
            $saved = true;
        }, Shop::now());

        $this->assertTrue($saved);
        $live = $this->module->models()->snapshot(1)['model'];
        $this->assertSame($summary['model_version'], $live->version());
        $this->assertSame('champ', $live->rules()->codes()[0], 'the admin\'s rule survives the recompute');
        $this->assertNotNull($live->rfm(), 'with the RFM part the recompute fitted');
        $this->assertContains('champ', $this->module->assigner()->segments(1, 10, null, Shop::now()));
    }

    public function testChangedRulesApplyAtOnceWithTheFittedParts(): void
    {
        $this->standardWithRules();
        $this->module->recompute()->all(1, $this->settings(), null, Shop::now());
        $this->module->definitions()->save(['code' => 'champ', 'name' => 'Champions', 'rule' => 'rfm.r >= 4 and orders >= 3', 'priority' => 200, 'is_active' => 1]);
        $model = $this->module->models()->rebuildRules(1);
        $this->assertSame('champ', $model->rules()->codes()[0]);
        $this->assertNotNull($model->rfm());
        $this->assertContains('champ', $this->module->assigner()->segments(1, 10, null, Shop::now()));
    }
}
