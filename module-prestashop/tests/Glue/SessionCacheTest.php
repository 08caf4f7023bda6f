<?php

namespace PrestaShop\Module\Segment\Tests\Glue;

use PrestaShop\Module\Segment\ProfileCache;
use PrestaShop\Module\Segment\Tests\Support\GlueTestCase;
use PrestaShop\Module\Segment\Tests\Support\ShopFixture;

/**
 * What a front request costs in queries (issue 7): the customer's groups are
 * read only when a rule reads `groups`, and the stored profile comes from the
 * customer's session (ProfileCache) until the store changes.
 */
final class SessionCacheTest extends GlueTestCase
{
    private function segments(array $defs): void
    {
        foreach ($defs as $d) {
            [$code, $rule, $priority] = $d;
            $active = $d[3] ?? '1';
            $r = $this->module->services()->definitions()->save(['code' => $code, 'name' => ucfirst($code), 'rule' => $rule, 'priority' => (string) $priority, 'active' => $active]);
            $this->assertSame([], $r['errors'], $code);
        }
        $this->module->services()->definitionsChanged();
    }

    /** The next request of the same browser: the cookie comes back, every value a string. */
    private function nextRequest(int $idCustomer): array
    {
        $ctx = \Context::getContext();
        $ctx->cookie = $ctx->cookie->roundTrip();
        \TestPs::$groupReads = [];
        $vars = $this->front($idCustomer);
        $vars['selects'] = $this->hookSelects;

        return $vars;
    }

    private function stamp(): string
    {
        return (string) \Configuration::get(\CustomerSegments::PROFILE_STAMP, null, null, 1);
    }

    public function testGroupsAreReadOnlyWhenARuleReadsThem(): void
    {
        $this->populate();
        $this->db->execute('INSERT INTO ps_group (id_group, date_add, date_upd) VALUES (4, NOW(), NOW())');
        $this->db->execute('INSERT INTO ps_customer_group (id_customer, id_group) VALUES (7, 4)');
        $this->segments([['vip', 'orders >= 5', 100], ['two_orders', 'orders == 2', 10]]);
        $this->module->services()->recompute()->run();

        $vars = $this->nextRequest(7);
        $this->assertSame(['two_orders'], $vars['codes']);
        $this->assertSame([], \TestPs::$groupReads, 'no rule reads groups: no customer_group query');
        \Context::getContext()->smarty->assign('someone', ['id' => 2, 'email' => 'c2@example.com', 'is_logged' => true]);
        $this->assertSame('vip', $this->render('{segment_of customer=$someone}'));
        $this->assertSame([], \TestPs::$groupReads, 'nor for another customer');

        // a rule on groups, even in a disabled segment, brings the read back
        $this->segments([['wholesale', '4 in groups', 200, '0']]);
        $vars = $this->nextRequest(7);
        $this->assertSame(['two_orders'], $vars['codes']);
        $this->assertSame([7], \TestPs::$groupReads);

        $id = $this->module->services()->definitions()->byCode('wholesale')['id_segment'];
        $this->module->services()->definitions()->toggle($id);
        $this->module->services()->definitionsChanged();
        $vars = $this->nextRequest(7);
        $this->assertSame(['wholesale', 'two_orders'], $vars['codes'], 'the groups read is the same as before');
        $this->assertSame([7], \TestPs::$groupReads);
        $this->assertSame('wholesale', $this->render('{segment_of customer=7}'));
        \Context::getContext()->smarty->assign('someone', ['id' => 8, 'email' => 'c8@example.com', 'is_logged' => true]);
        $this->assertSame('two_orders', $this->render('{segment_of customer=$someone}'));
        $this->assertSame([7, 8], \TestPs::$groupReads, 'another customer (as the presented array): their groups');
        $this->assertSame([], \TestPs::$logs);
    }

    public function testACachedProfileNeedsNoQueryUntilTheStoreChanges(): void
    {
        $this->populate();
        $this->segments([['vip', 'orders >= 5', 100], ['two_orders', 'orders == 2', 10]]);
        $this->module->services()->recompute()->run();
        $this->assertNotSame('', $this->stamp(), 'a recompute sets the stamp');

        $first = $this->nextRequest(2);
        $this->assertSame(['vip'], $first['codes']);
        $this->assertGreaterThanOrEqual(1, $first['selects']);
        $entry = \Context::getContext()->cookie->{ProfileCache::KEY};
        $this->assertIsString($entry);
        $this->assertLessThan(160, strlen($entry), 'a few fields');

        $second = $this->nextRequest(2);
        $this->assertSame(['vip'], $second['codes']);
        $this->assertSame('customer', $second['visitor_type']);
        $this->assertSame($first['rfm'], $second['rfm'], 'the same figures, back from the cookie as strings');
        $this->assertSame(0, $second['selects'], 'a hit: no query at all');

        // proof that the row is not read: a change behind the module's back is not seen...
        $this->db->execute('UPDATE ps_segment_profile SET orders = 2 WHERE id_customer = 2');
        $this->assertSame(['vip'], $this->nextRequest(2)['codes']);
        // ...until the stamp changes
        $this->module->renewProfileStamp(1);
        $vars = $this->nextRequest(2);
        $this->assertSame(['two_orders'], $vars['codes']);
        $this->assertGreaterThanOrEqual(1, $vars['selects']);
        $this->assertSame([], \TestPs::$logs);
    }

    public function testARecomputeIsSeenOnTheNextRequest(): void
    {
        $this->populate();
        $this->segments([['vip', 'orders >= 5', 100], ['two_orders', 'orders == 2', 10]]);
        $this->module->services()->recompute()->run();
        $this->assertSame(['two_orders'], $this->nextRequest(7)['codes']);
        $this->assertSame(0, $this->nextRequest(7)['selects']);
        foreach ([3, 4, 5] as $d) {
            $this->shop->order(7, 60, $d);
        }
        $stamp = $this->stamp();
        // the cron's recompute: another process, another module instance
        $this->assertSame('ok', (new \CustomerSegments())->servicesFor(1)->recompute()->run()['status']);
        $this->assertNotSame($stamp, $this->stamp());
        $vars = $this->nextRequest(7);
        $this->assertSame(['vip'], $vars['codes']);
        $this->assertGreaterThanOrEqual(1, $vars['selects']);
        $this->assertSame(0, $this->nextRequest(7)['selects'], 'cached again');
    }

    public function testAnOrderRefreshIsSeenAndALoginThatChangesNothingKeepsTheCache(): void
    {
        $this->populate();
        $this->segments([['vip', 'orders >= 5', 100], ['two_orders', 'orders == 2', 10]]);
        $this->module->services()->recompute()->run();
        $this->assertSame(['two_orders'], $this->nextRequest(8)['codes']);

        // a login refresh with the same figures: every session keeps its entry
        $stamp = $this->stamp();
        $this->module->hookActionAuthentication(['customer' => new \Customer(8)]);
        $this->assertSame($stamp, $this->stamp());
        $this->assertSame(0, $this->nextRequest(8)['selects']);

        // an order validated in the back office (another session): the next request sees it
        $ids = [];
        foreach ([1, 2, 3] as $d) {
            $ids[] = $this->shop->order(8, 50, $d, ShopFixture::AWAITING);
        }
        foreach ($ids as $id) {
            $this->shop->setState($id, ShopFixture::PAID);
        }
        (new \CustomerSegments())->hookActionOrderStatusPostUpdate(['newOrderStatus' => null, 'oldOrderStatus' => null, 'id_order' => $ids[2]]);
        $this->assertNotSame($stamp, $this->stamp());
        $vars = $this->nextRequest(8);
        $this->assertSame(['vip'], $vars['codes']);
        $this->assertGreaterThanOrEqual(1, $vars['selects']);

        // GDPR deletion: the profile is gone on the next request
        $stamp = $this->stamp();
        $this->module->hookActionDeleteGDPRCustomer(['id' => 8, 'email' => 'c8@example.com']);
        $this->assertNotSame($stamp, $this->stamp());
        $this->assertSame([], $this->nextRequest(8)['codes']);
        $this->assertSame([], \TestPs::$logs);
    }

    public function testAnotherCustomersEntryIsIgnored(): void
    {
        $this->populate();
        $this->segments([['vip', 'orders >= 5', 100], ['lapsed', 'orders >= 1 and recency > 200', 50]]);
        $this->module->services()->recompute()->run();
        $this->assertSame(['vip'], $this->nextRequest(1)['codes']);
        $vipEntry = \Context::getContext()->cookie->{ProfileCache::KEY};

        // customer 5 logs in on the same browser: customer 1's entry is not theirs
        $vars = $this->nextRequest(5);
        $this->assertSame(['lapsed'], $vars['codes']);
        $this->assertGreaterThanOrEqual(1, $vars['selects']);
        $this->assertSame(0, $this->nextRequest(5)['selects']);

        // an entry naming customer 1 (say, a tampered cookie) does not serve customer 5
        \Context::getContext()->cookie->{ProfileCache::KEY} = $vipEntry;
        $vars = $this->nextRequest(5);
        $this->assertSame(['lapsed'], $vars['codes']);
        $this->assertGreaterThanOrEqual(1, $vars['selects']);

        // nor does customer 5's entry under an old stamp, with figures changed to a VIP's
        $forged = json_decode((string) \Context::getContext()->cookie->{ProfileCache::KEY}, true);
        $forged[2] = '0123456789abcdef';
        $forged[3] = '50';
        $forged[4] = '99999';
        \Context::getContext()->cookie->{ProfileCache::KEY} = json_encode($forged);
        $this->assertSame(['lapsed'], $this->nextRequest(5)['codes']);

        // a guest never uses an entry
        $vars = $this->nextRequest(0);
        $this->assertSame([], $vars['codes']);
        $this->assertSame('guest', $vars['visitor_type']);
        $this->assertSame([], \TestPs::$logs);
    }

    private function render(string $template): string
    {
        return \Context::getContext()->smarty->fetch('string:' . $template);
    }
}
