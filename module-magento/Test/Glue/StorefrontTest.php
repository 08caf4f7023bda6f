<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Test\Glue;

use Magento\Framework\App\ActionInterface;
use Magento\Framework\App\Http\Context as HttpContext;
use Magento\Framework\DataObject;
use Magento\Framework\Event;
use Magento\Framework\Event\Observer;
use Magento\Framework\View\LayoutDouble;
use Segment\CustomerSegment\CustomerData\Segments as Section;
use Segment\CustomerSegment\Model\CurrentSegments;
use Segment\CustomerSegment\Observer\AddLayoutHandles;
use Segment\CustomerSegment\Plugin\HttpContextPlugin;
use Segment\CustomerSegment\Test\Support\GlueTestCase;
use Segment\CustomerSegment\Test\Support\Shop;
use Segment\CustomerSegment\ViewModel\Segments as ViewModel;

final class StorefrontTest extends GlueTestCase
{
    protected function setUp(): void
    {
        parent::setUp();
        $this->standardWithRules();
        $this->services->module()->recompute()->all(1, $this->services->settings(1), null, Shop::now());
    }

    private function action(): ActionInterface
    {
        return new class () implements ActionInterface {
            public function execute()
            {
            }
        };
    }

    public function testASignedInCustomerGetsStoredAndLiveSegments(): void
    {
        $current = $this->request(10, self::UA_DESKTOP);
        $this->assertSame(['vip', 'repeat', 'french'], $current->get());
        $vm = new ViewModel($current);
        $this->assertSame('vip', $vm->of());
        $this->assertTrue($vm->in('vip'));
        $this->assertFalse($vm->in('lapsing'));
        $this->assertSame(['codes' => ['vip', 'repeat', 'french'], 'primary' => 'vip'], (new Section($current))->getSectionData());
        $this->assertSame([], $this->logger->lines);
    }

    public function testTheHttpContextVariesBySegmentSetForGuestsToo(): void
    {
        $values = [];
        foreach ([[10, self::UA_DESKTOP], [null, self::UA_IPHONE], [null, self::UA_DESKTOP], [11, self::UA_DESKTOP]] as [$id, $ua]) {
            $ctx = new HttpContext();
            (new HttpContextPlugin($this->request($id, $ua), $ctx))->beforeExecute($this->action());
            $values[] = [$ctx->getValue(HttpContextPlugin::CONTEXT_SEGMENT), $ctx->getVaryString()];
        }
        $this->assertSame('french,repeat,vip', $values[0][0], 'sorted: the set decides the page');
        $this->assertSame(sha1(json_encode(['customer_segment' => 'french,repeat,vip'])), $values[0][1]);
        $this->assertSame('mobile_guest', $values[1][0]);
        $this->assertSame(sha1(json_encode(['customer_segment' => 'mobile_guest'])), $values[1][1], 'a guest in a segment gets a cache key of their own');
        $this->assertSame('', $values[2][0]);
        $this->assertNull($values[2][1], 'a guest in no segment keeps the default cache entry');
        $this->assertSame('repeat', $values[3][0]);
    }

    public function testLayoutHandlesPerSegment(): void
    {
        $layout = new LayoutDouble();
        (new AddLayoutHandles($this->request(12, self::UA_DESKTOP)))
            ->execute(new Observer(['event' => new Event(['layout' => $layout, 'full_action_name' => 'cms_index_index'])]));
        $this->assertSame(['customer_segment_lapsing', 'customer_segment_french'], $layout->update->handles);
    }

    public function testTheCartIsPartOfTheLiveContext(): void
    {
        $this->assertSame(['repeat', 'big_cart'], $this->request(11, self::UA_DESKTOP, 250.0)->get());
        $this->assertSame(['repeat'], $this->request(11, self::UA_DESKTOP, 50.0)->get());
        $this->assertSame(['mobile_guest', 'big_cart'], $this->request(null, self::UA_IPHONE, 300.0)->get());
    }

    public function testTheLandingTrafficSourceIsKeptForTheSession(): void
    {
        $this->services->module()->definitions()->save(['code' => 'from_ads', 'name' => 'From ads', 'rule' => 'traffic_source == "paid_search"', 'is_active' => 1]);
        $this->services->rulesChanged(0);
        $session = new \Magento\Customer\Model\Session();
        $first = $this->request(null, self::UA_DESKTOP, null, ['gclid' => 'abc'], $session);
        $this->assertSame(['from_ads'], $first->get());
        // the next page of the visit: no click id, an internal page
        $this->assertSame(['from_ads'], $this->request(null, self::UA_DESKTOP, null, [], $session)->get());
        // another visitor, no session: direct
        $this->assertSame([], $this->request(null, self::UA_DESKTOP)->get());
    }

    public function testARegisteredCustomerWithoutOrdersIsRegistered(): void
    {
        $this->services->module()->definitions()->save(['code' => 'newcomer', 'name' => 'Newcomers', 'rule' => 'visitor_type == "registered"', 'is_active' => 1]);
        $this->services->rulesChanged(1);
        $this->assertSame(['newcomer'], $this->request(50, self::UA_DESKTOP)->get());
    }

    public function testAFailureIsLoggedAndThePageGoesOn(): void
    {
        $this->module->connection()->execute('DROP TABLE segment_profile');
        $current = $this->request(10, self::UA_DESKTOP);
        $this->assertSame([], $current->get());
        $this->assertSame('error', $this->logger->lines[0][0]);
        $this->assertStringContainsString('segment: assigning the visitor failed', $this->logger->lines[0][1]);
    }
}
