<?php

namespace PrestaShop\Module\Segment\Tests\Glue;

use PrestaShop\Module\Segment\Tests\Doubles\GridDefinition;
use PrestaShop\Module\Segment\Tests\Doubles\QueryBuilder;
use PrestaShop\Module\Segment\Tests\Doubles\SearchCriteria;
use PrestaShop\Module\Segment\Tests\Support\GlueTestCase;
use PrestaShop\Module\Segment\Tests\Support\ShopFixture;

final class FrontTest extends GlueTestCase
{
    private function segments(array $defs): void
    {
        foreach ($defs as [$code, $rule, $priority]) {
            $r = $this->module->services()->definitions()->save(['code' => $code, 'name' => ucfirst($code), 'rule' => $rule, 'priority' => (string) $priority, 'active' => '1']);
            $this->assertSame([], $r['errors'], $code);
        }
        $this->module->services()->definitionsChanged();
    }

    private function banner(string $code, string $hook, string $text): void
    {
        $id = $code === '' ? 0 : $this->module->services()->definitions()->byCode($code)['id_segment'];
        $r = $this->module->services()->banners()->save(['id_segment' => (string) $id, 'hook' => $hook, 'text' => $text, 'link' => '/sale', 'active' => '1']);
        $this->assertSame([], $r['errors']);
    }

    private function render(string $template): string
    {
        return \Context::getContext()->smarty->fetch('string:' . $template);
    }

    /**
     * The end-to-end path: orders generated in PrestaShop's tables ->
     * recompute -> a front request for three customers -> their banner and
     * Smarty variables.
     */
    public function testOrdersRecomputeAndFrontRequestsForThreeCustomers(): void
    {
        $this->populate();   // 1-3 frequent big spenders, 4-6 one old small order, 7-8 two medium orders
        $this->segments([
            ['vip', 'orders >= 5 and monetary >= 1000', 100],
            ['lapsed', 'orders >= 1 and recency > 200', 50],
            ['big_cart', 'cart_total >= 200', 80],
        ]);
        $this->banner('vip', 'displayHome', 'Thank you, VIP: free shipping');
        $this->banner('lapsed', 'displayHome', 'We miss you: 15% off');
        $this->banner('', 'displayHome', 'Welcome to our shop');
        $result = $this->module->services()->recompute()->run();
        $this->assertSame('ok', $result['status'], $result['message']);

        // customer 2: a VIP
        $vars = $this->front(2);
        $this->assertSame('vip', $vars['code']);
        $this->assertSame(['vip'], $vars['codes']);
        $this->assertSame('customer', $vars['visitor_type']);
        $this->assertSame('desktop', $vars['device']);
        $this->assertNotNull($vars['rfm']);
        $html = $this->module->renderWidget('displayHome', []);
        $this->assertStringContainsString('data-segment="vip"', $html);
        $this->assertStringContainsString('Thank you, VIP: free shipping', $html);
        $this->assertSame('vip|yes', $this->render("{segment_of customer=\$customer}|{if 'vip'|in_segment}yes{else}no{/if}"));

        // customer 5: lapsed, on a phone
        $vars = $this->front(5, [], ['HTTP_USER_AGENT' => 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148']);
        $this->assertSame('lapsed', $vars['code']);
        $this->assertSame('mobile', $vars['device']);
        $html = $this->module->renderWidget('displayHome', []);
        $this->assertStringContainsString('We miss you: 15% off', $html);
        $this->assertStringNotContainsString('VIP', $html);
        $this->assertSame('no', $this->render("{if 'vip'|in_segment}yes{else}no{/if}"));

        // customer 8: no stored segment, but a big cart this visit; the banner is the default one
        $vars = $this->front(8, [['id_product' => 3, 'quantity' => 2, 'price_wt' => 150.0]]);
        $this->assertSame('big_cart', $vars['code']);
        $html = $this->module->renderWidget('displayHome', []);
        $this->assertStringContainsString('Welcome to our shop', $html);
        $this->assertStringContainsString('data-segment=""', $html);

        // the banner template was cached once per segment: the segment is in the cache id
        $ids = array_unique(array_column($this->module->fetched, 1));
        $this->assertCount(1, $ids);
        $this->assertStringContainsString('|default|', $ids[0]);
        $all = array_keys(\Module::$templateCache);
        $this->assertCount(3, $all);
        $this->assertCount(1, preg_grep('/\|vip\|/', $all));
        $this->assertCount(1, preg_grep('/\|lapsed\|/', $all));
    }

    public function testGuestGetsDefaultsAndPluginsAcceptArraysIdsAndObjects(): void
    {
        $this->populate();
        $this->segments([['vip', 'orders >= 5', 100], ['from_ads', 'traffic_source == "paid_search" and visitor_type == "guest"', 10]]);
        $this->module->services()->recompute()->run();
        $vars = $this->front(0, [], ['REQUEST_URI' => '/?gclid=abc']);
        $_GET = ['gclid' => 'abc'];
        $vars = $this->front(0);
        $_GET = [];
        $this->assertSame('from_ads', $vars['code']);
        $this->assertSame('guest', $vars['visitor_type']);
        $smarty = \Context::getContext()->smarty;
        // another customer, as the presented array, an id or a Customer object
        $smarty->assign('someone', ['id' => 1, 'email' => 'c1@example.com', 'is_logged' => true]);
        $smarty->assign('obj', new \Customer(3));
        $this->assertSame('vip|vip|vip|yes|no', $this->render("{segment_of customer=\$someone}|{segment_of customer=2}|{segment_of customer=\$obj}|{if 'vip'|in_segment:\$someone}yes{/if}|{if 'vip'|in_segment}yes{else}no{/if}"));
        $this->assertSame('', $this->render('{segment_of customer=9}'));
        // a guest's presented customer array has id null
        $smarty->assign('g', ['id' => null, 'is_logged' => false]);
        $this->assertSame('from_ads|from_ads', $this->render('{segment_of customer=$g}|{segment_of}'));
        $this->assertSame('vip;', $this->render('{segment_of customer=1 all=true assign=list}{foreach $list as $c}{$c};{/foreach}'));
        // pages viewed are counted in the visitor's cookie
        $this->assertSame(2, (int) \Context::getContext()->cookie->segment_pages);
    }

    public function testOrderAndAccountHooksRefreshAtOnce(): void
    {
        $this->populate();
        $this->segments([['vip', 'orders >= 5', 100], ['newbie', 'orders == 0', 1]]);
        $this->module->services()->recompute()->run();
        $this->assertSame('', $this->module->services()->store()->profile(7)['primary_segment']);
        $ids = [];
        foreach ([1, 2, 3] as $d) {
            $ids[] = $this->shop->order(7, 50, $d, ShopFixture::AWAITING);
        }
        $customer = new \Customer(7);
        $this->module->hookActionValidateOrder(['customer' => $customer, 'order' => (object) ['id_customer' => 7]]);
        $this->assertSame('', $this->module->services()->store()->profile(7)['primary_segment'], 'awaiting payment does not count');
        foreach ($ids as $id) {
            $this->shop->setState($id, ShopFixture::PAID);
        }
        $this->module->hookActionOrderStatusPostUpdate(['newOrderStatus' => null, 'oldOrderStatus' => null, 'id_order' => $ids[2]]);
        $this->assertSame('vip', $this->module->services()->store()->profile(7)['primary_segment']);

        $this->shop->customer(20, 'new@example.com');
        $this->module->hookActionCustomerAccountAdd(['newCustomer' => new \Customer(20)]);
        $this->assertSame('newbie', $this->module->services()->store()->profile(20)['primary_segment']);
        $this->module->hookActionAuthentication(['customer' => new \Customer(20)]);
        $this->assertSame([], \TestPs::$logs);
    }

    public function testGroupsFollowTheSegmentAndTheDefaultGroupStays(): void
    {
        $this->populate();
        $this->db->execute("INSERT INTO ps_group (id_group, date_add, date_upd) VALUES (4, NOW(), NOW())");
        $this->module->services()->definitions()->save(['code' => 'vip', 'name' => 'VIP', 'rule' => 'orders >= 5', 'priority' => '1', 'active' => '1', 'id_group' => '4']);
        $this->module->services()->definitionsChanged();
        // customer 9's default group is 4 (set by an admin), 8 was put in 4 by hand
        $this->db->execute('UPDATE ps_customer SET id_default_group = 4 WHERE id_customer = 9');
        $this->db->execute('INSERT INTO ps_customer_group (id_customer, id_group) VALUES (9, 4), (8, 4)');
        $r = $this->module->services()->recompute()->run();
        $this->assertSame(['added' => 3, 'removed' => 1], $r['groups']['vip']);
        $this->assertSame([1, 2, 3, 9], array_map('intval', array_column($this->db->fetchAll('SELECT id_customer FROM ps_customer_group WHERE id_group = 4 ORDER BY id_customer'), 'id_customer')));
        $this->assertSame([3, 4], $this->shop->groupsOf(1), 'the customer keeps their other groups');
    }

    public function testCustomersGridColumnAndFilter(): void
    {
        $this->populate();
        $this->segments([['vip', 'orders >= 5', 100], ['subscriber', 'newsletter', 10]]);
        $this->module->services()->recompute()->run();
        $definition = new GridDefinition();
        $this->module->hookActionCustomerGridDefinitionModifier(['definition' => $definition]);
        $this->assertSame('segments', $definition->columns->ids[array_search('email', $definition->columns->ids) + 1]);
        $this->assertSame('segments', $definition->filters->filters['segments']->getAssociatedColumn());

        $grid = function (array $filters) {
            $search = new QueryBuilder($this->db->pdo(), 'c.id_customer, c.email', 'ps_customer c');
            $count = new QueryBuilder($this->db->pdo(), 'COUNT(*) AS n', 'ps_customer c');
            $this->module->hookActionCustomerGridQueryBuilderModifier([
                'search_query_builder' => $search, 'count_query_builder' => $count, 'search_criteria' => new SearchCriteria($filters),
            ]);

            return [$search->run(), (int) $count->run()[0]['n']];
        };
        [$rows, $n] = $grid([]);
        $this->assertSame(10, $n);
        $this->assertSame('vip,subscriber', $rows[0]['segments']);
        $this->assertSame('vip', $rows[1]['segments']);
        $this->assertSame('', $rows[9]['segments']);
        [$rows, $n] = $grid(['segments' => 'vip']);
        $this->assertSame([1, 2, 3], array_map('intval', array_column($rows, 'id_customer')));
        $this->assertSame(3, $n);
        // the filter is a bound value: quotes and wildcards are only text
        [$rows, $n] = $grid(['segments' => "%' OR 1=1 -- "]);
        $this->assertSame(0, $n);
        [$rows, $n] = $grid(['segments' => '%']);
        $this->assertSame(0, $n);
    }

    public function testGdprExportAndDelete(): void
    {
        $this->populate();
        $this->segments([['vip', 'orders >= 5', 100]]);
        $this->module->services()->recompute()->run();
        $export = json_decode($this->module->hookActionExportGDPRData(['id' => 1, 'email' => 'c1@example.com']), true);
        $this->assertSame('profile', $export[0]['type']);
        $this->assertSame('vip', $export[0]['segments']);
        $this->assertSame('segment move', $export[1]['type']);
        $this->assertSame('vip', $export[1]['to_segment']);
        // psgdpr's delete by e-mail only
        $this->module->hookActionDeleteGDPRCustomer(['email' => 'c1@example.com']);
        $this->assertNull($this->module->services()->store()->profile(1));
        $this->assertSame(0, (int) $this->db->fetchValue('SELECT COUNT(*) FROM ps_segment_history WHERE id_customer = 1'));
        $this->assertSame([], json_decode($this->module->hookActionExportGDPRData(['id' => 1]), true));
        $this->assertNotNull($this->module->services()->store()->profile(2));
    }
}
