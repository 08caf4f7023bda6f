<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Test\Glue;

use Magento\Customer\Model\Session as CustomerSession;
use Magento\Framework\DataObject;
use Magento\Framework\Event;
use Magento\Framework\Event\Observer;
use Magento\Store\Model\Store;
use Segment\CustomerSegment\Core\ModelRepository;
use Segment\CustomerSegment\Core\Module;
use Segment\CustomerSegment\Model\SessionProfileCache;
use Segment\CustomerSegment\Observer\RefreshCustomer;
use Segment\CustomerSegment\Test\Support\GlueTestCase;
use Segment\CustomerSegment\Test\Support\Shop;

/**
 * What a storefront request reads from the database (counted by the server
 * on the glue's own session): the node's state file stands for segment_state
 * for ModelRepository::STATE_TTL seconds, the customer session for the
 * signed-in customer's stored profile; and what makes either read again.
 */
final class RequestCacheTest extends GlueTestCase
{
    protected function setUp(): void
    {
        parent::setUp();
        $this->standardWithRules();
        $this->services->module()->recompute()->all(1, $this->services->settings(1), null, Shop::now());
    }

    private function models(): ModelRepository
    {
        return $this->services->module()->models();
    }

    /** Makes the node's state file as old as the TTL: the next request must ask the database. */
    private function ageState(): void
    {
        $file = $this->models()->statePath(1);
        $this->assertFileExists($file);
        touch($file, time() - ModelRepository::STATE_TTL);
    }

    /** Another web node: its own model directory, the same database. */
    private function otherNode(): Module
    {
        return new Module($this->services->module()->connection(), $this->dir . '/node-b');
    }

    public function testAGuestOnAWarmNodeCostsNoQuery(): void
    {
        $before = $this->glueReads();
        $this->assertSame(['mobile_guest'], $this->request(null, self::UA_IPHONE)->get());
        $this->assertSame(1, $this->glueReads() - $before, 'the first request after a recompute reads segment_state once');

        $before = $this->glueReads();
        foreach (range(1, 5) as $_) {
            $this->assertSame(['mobile_guest'], $this->request(null, self::UA_IPHONE)->get());
            $this->assertSame([], $this->request(null, self::UA_DESKTOP)->get());
        }
        $this->assertSame(0, $this->glueReads() - $before, 'guests on a warm node: no query at all');
        $this->assertSame([], $this->logger->lines);
    }

    public function testASignedInCustomerReadsTheProfileOnceThenFromTheSession(): void
    {
        $this->request(null, self::UA_DESKTOP)->get(); // warms the node
        $session = new CustomerSession(['customer_id' => 10, 'customer_group_id' => 1]);
        $before = $this->glueReads();
        $this->assertSame(['vip', 'repeat', 'french'], $this->request(10, self::UA_DESKTOP, null, [], $session)->get());
        $this->assertSame(1, $this->glueReads() - $before, 'one primary-key profile read');
        $this->assertIsArray($session->getData(SessionProfileCache::KEY));

        $before = $this->glueReads();
        $this->assertSame(['vip', 'repeat', 'french'], $this->request(10, self::UA_DESKTOP, null, [], $session)->get());
        $this->assertSame(['vip', 'repeat', 'french', 'big_cart'], $this->request(10, self::UA_DESKTOP, 250.0, [], $session)->get());
        $this->assertSame(0, $this->glueReads() - $before, 'the next pages of the session: no query');

        // a customer without a stored row is kept too ("no row"), and stays "registered"
        $this->services->module()->definitions()->save(['code' => 'newcomer', 'name' => 'Newcomers', 'rule' => 'visitor_type == "registered"', 'is_active' => 1]);
        $this->services->rulesChanged(1);
        $this->services->module()->connection()->execute('DELETE FROM segment_profile WHERE customer_id = 50');
        $other = new CustomerSession(['customer_id' => 50, 'customer_group_id' => 1]);
        $this->assertSame(['newcomer'], $this->request(50, self::UA_DESKTOP, null, [], $other)->get());
        $before = $this->glueReads();
        $this->assertSame(['newcomer'], $this->request(50, self::UA_DESKTOP, null, [], $other)->get());
        $this->assertSame(0, $this->glueReads() - $before);
    }

    public function testTheSessionEntryIsNotSharedBetweenCustomers(): void
    {
        $session = new CustomerSession(['customer_id' => 10, 'customer_group_id' => 1]);
        $this->assertSame(['vip', 'repeat', 'french'], $this->request(10, self::UA_DESKTOP, null, [], $session)->get());
        // another customer signs in in the same browser session (no refresh ran)
        $session->setData('customer_id', 11);
        $before = $this->glueReads();
        $this->assertSame(['repeat'], $this->request(11, self::UA_DESKTOP, null, [], $session)->get());
        $this->assertSame(1, $this->glueReads() - $before, "customer 11 reads their own profile, not customer 10's entry");
        $this->assertSame(11, $session->getData(SessionProfileCache::KEY)['customer']);
        // a guest never reads the entry
        $session->unsetData('customer_id');
        $this->assertSame([], $this->request(null, self::UA_DESKTOP, null, [], $session)->get());
    }

    public function testTheRefreshObserverDropsTheSessionEntry(): void
    {
        $session = new CustomerSession(['customer_id' => 11, 'customer_group_id' => 1]);
        $this->assertSame(['repeat'], $this->request(11, self::UA_DESKTOP, null, [], $session)->get());

        // the customer orders for 2000 in this session: the order observer refreshes their profile
        $this->shop->order(11, 2000, 0);
        $current = $this->request(11, self::UA_DESKTOP, null, [], $session);
        $observer = new RefreshCustomer($this->services, $this->storeManager, $current, $this->logger);
        $observer->execute(new Observer(['event' => new Event(['order' => new DataObject(['customer_id' => 11, 'store' => new Store(['website_id' => 1])])])]));
        $this->assertSame([], $this->logger->lines);
        $this->assertNull($session->getData(SessionProfileCache::KEY), 'the refresh drops the kept profile');
        $this->assertSame(['vip', 'repeat'], $this->request(11, self::UA_DESKTOP, null, [], $session)->get());
    }

    public function testAChangeOutsideTheSessionIsSeenAfterTheSessionTtl(): void
    {
        $session = new CustomerSession(['customer_id' => 11, 'customer_group_id' => 1]);
        $this->assertSame(['repeat'], $this->request(11, self::UA_DESKTOP, null, [], $session)->get());
        // an order placed elsewhere (the admin, another device): refreshed in the database, not in this session
        $this->shop->order(11, 2000, 0);
        $this->services->module()->recompute()->customer(1, 11, $this->services->settings(1));
        $this->assertSame(['repeat'], $this->request(11, self::UA_DESKTOP, null, [], $session)->get(), 'the kept profile, within its TTL');
        $entry = $session->getData(SessionProfileCache::KEY);
        $entry['at'] = time() - SessionProfileCache::TTL;
        $session->setData(SessionProfileCache::KEY, $entry);
        $this->assertSame(['vip', 'repeat'], $this->request(11, self::UA_DESKTOP, null, [], $session)->get());
    }

    public function testAModelPublishedOnAnotherNodeIsSeenAfterTheStateTtl(): void
    {
        $this->assertSame([], $this->request(null, self::UA_DESKTOP)->get()); // warms this node
        $b = $this->otherNode();
        $b->definitions()->save(['code' => 'desktop', 'name' => 'Desktop', 'rule' => 'device == "desktop"', 'is_active' => 1]);
        $b->models()->rebuildRules(1);

        $before = $this->glueReads();
        $this->assertSame([], $this->request(null, self::UA_DESKTOP)->get(), 'within the TTL this node keeps its model');
        $this->assertSame(0, $this->glueReads() - $before);

        $this->ageState();
        $this->assertSame(['desktop'], $this->request(null, self::UA_DESKTOP)->get());
        $this->assertSame([], $this->logger->lines);
    }

    public function testARecomputeOnAnotherNodeMovesSignedInCustomersToTheNewGenerationAfterTheTtl(): void
    {
        $session = new CustomerSession(['customer_id' => 11, 'customer_group_id' => 1]);
        $this->assertSame(['repeat'], $this->request(11, self::UA_DESKTOP, null, [], $session)->get());
        $generation = $session->getData(SessionProfileCache::KEY)['generation'];

        $this->shop->order(11, 2000, 0);
        $b = $this->otherNode();
        $b->recompute()->all(1, $this->services->settings(1), null, Shop::now());
        $this->assertSame(['repeat'], $this->request(11, self::UA_DESKTOP, null, [], $session)->get(), 'within the TTL');

        $this->ageState();
        $this->assertSame(['vip', 'repeat'], $this->request(11, self::UA_DESKTOP, null, [], $session)->get());
        $this->assertSame($generation + 1, $session->getData(SessionProfileCache::KEY)['generation']);
        $this->assertSame([], $this->logger->lines);
    }

    public function testChangesMadeOnThisNodeApplyOnTheNextRequest(): void
    {
        $this->assertSame([], $this->request(null, self::UA_DESKTOP)->get());
        $this->services->module()->definitions()->save(['code' => 'desktop', 'name' => 'Desktop', 'rule' => 'device == "desktop"', 'is_active' => 1]);
        $this->services->rulesChanged(1);
        $this->assertSame(['desktop'], $this->request(null, self::UA_DESKTOP)->get(), 'publish() dropped the state file: no wait');
    }

    public function testATtlOfZeroReadsTheStateEveryTime(): void
    {
        $models = (new Module($this->services->module()->connection(), $this->dir . '/var/segment', 0))->models();
        $before = $this->glueReads();
        $state = $models->state(1);
        $this->assertSame($state, $models->state(1));
        $this->assertSame(2, $this->glueReads() - $before);
        $this->assertFileDoesNotExist($models->statePath(1));
    }

    public function testAStateFileFromTheFutureOrDamagedIsNotTrusted(): void
    {
        $this->request(null, self::UA_DESKTOP)->get();
        $file = $this->models()->statePath(1);
        $real = json_decode((string) file_get_contents($file), true);
        file_put_contents($file, json_encode(['generation' => 99, 'version' => 'nope']));
        touch($file, time() + 3600);
        $this->assertSame($real, $this->models()->state(1));
        file_put_contents($file, '{"generation": "x"');
        $this->assertSame($real, $this->models()->state(1));
    }
}
