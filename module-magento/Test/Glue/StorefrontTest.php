<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Test\Glue;

use Magento\Framework\App\ActionInterface;
use Magento\Framework\App\Http\Context as HttpContext;
use Magento\Framework\DataObject;
use Magento\Framework\Event;
use Magento\Framework\Event\Observer;
use Magento\Framework\View\LayoutDouble;
use Segment\CustomerSegment\Core\RequestContext;
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

    /**
     * The landing page was a full-page-cache hit (no module code ran), so the
     * browser's landing.js kept the arrival in the seg_landing cookie; the
     * next request that reaches PHP (the customer-segment section, whose
     * referrer is the shop's own page, or an uncached page) takes it from there.
     */
    public function testTheLandingSourceComesFromTheBrowserWhenTheLandingPageWasCached(): void
    {
        $this->services->module()->definitions()->save(['code' => 'social', 'name' => 'From social', 'rule' => 'traffic_source == "social"', 'is_active' => 1]);
        $this->services->module()->definitions()->save(['code' => 'mail', 'name' => 'From a newsletter', 'rule' => 'traffic_source == "email"', 'is_active' => 1]);
        $this->services->rulesChanged(0);
        $internal = ['HTTP_REFERER' => 'http://shop.test/gear/bags.html', 'REQUEST_URI' => '/customer/section/load/?sections=customer-segment'];
        $fromFacebook = [CurrentSegments::LANDING_COOKIE => json_encode(['r' => 'https://l.facebook.com/', 'q' => '', 'p' => '/gear/bags.html'])];

        $session = new \Magento\Customer\Model\Session();
        $this->assertSame(['social'], $this->request(null, self::UA_DESKTOP, null, [], $session, $fromFacebook, $internal)->get());
        // kept for the session, also once the cookie is gone
        $this->assertSame(['social'], $this->request(null, self::UA_DESKTOP, null, [], $session, [], $internal)->get());
        // a later arrival recorded by the browser (a newsletter link with tags) replaces it
        $newsletter = [CurrentSegments::LANDING_COOKIE => json_encode(['r' => '', 'q' => 'utm_source=newsletter&utm_medium=email&other=1', 'p' => '/'])];
        $this->assertSame(['mail'], $this->request(null, self::UA_DESKTOP, null, [], $session, $newsletter, $internal)->get());

        // without the cookie a first request from the shop's own page is direct, as before
        $this->assertSame([], $this->request(null, self::UA_DESKTOP, null, [], null, [], $internal)->get());
        // a cookie naming the shop itself, or a damaged one, is no arrival
        $own = [CurrentSegments::LANDING_COOKIE => json_encode(['r' => 'http://shop.test/', 'q' => '', 'p' => '/'])];
        $this->assertSame([], $this->request(null, self::UA_DESKTOP, null, [], null, $own, $internal)->get());
        $this->assertSame([], $this->request(null, self::UA_DESKTOP, null, [], null, [CurrentSegments::LANDING_COOKIE => '{"r": [1]'], $internal)->get());
        // the request's own external arrival outranks the cookie
        $this->assertSame(['mail'], $this->request(null, self::UA_DESKTOP, null, ['utm_source' => 'newsletter', 'utm_medium' => 'email'], null, $fromFacebook)->get());
    }

    public function testTheLandingCookieKeepsOnlyKnownTagsWithinBounds(): void
    {
        $this->assertNull(RequestContext::landingCookie(null));
        $this->assertNull(RequestContext::landingCookie('not json'));
        $this->assertNull(RequestContext::landingCookie(json_encode(['r' => '', 'q' => 'a=1', 'p' => '/'])), 'nothing that tells a source');
        $this->assertSame(
            ['referrer' => 'https://www.google.com/', 'query' => ['utm_source' => 'x', 'gclid' => 'g'], 'page' => '/'],
            RequestContext::landingCookie(json_encode(['r' => 'https://www.google.com/', 'q' => 'utm_source=x&gclid=g&utm_medium[]=y&foo=bar', 'p' => 'https://evil.test/']))
        );
        $this->assertSame(2048, strlen(RequestContext::landingCookie(json_encode(['r' => 'https://a.test/' . str_repeat('x', 3000)]))['referrer']));
        $this->assertNull(RequestContext::landingCookie(str_repeat('x', 5000)));
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
