<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Test\Integration;

use Magento\Framework\App\ActionInterface;
use Magento\Framework\App\Http\Context as HttpContext;
use Magento\Framework\DataObject;
use Magento\Framework\Event;
use Magento\Framework\Event\Observer;
use Magento\Framework\View\LayoutDouble;
use Segment\CustomerSegment\Console\Command\Recompute as RecomputeCommand;
use Segment\CustomerSegment\Observer\AddLayoutHandles;
use Segment\CustomerSegment\Plugin\HttpContextPlugin;
use Segment\CustomerSegment\Test\Support\GlueTestCase;
use Segment\CustomerSegment\ViewModel\Segments as ViewModel;
use Symfony\Component\Console\Input\ArrayInput;
use Symfony\Component\Console\Output\BufferedOutput;

/**
 * Orders in Magento's tables -> bin/magento segment:recompute -> three
 * simulated storefront requests (a VIP on a desktop, a guest on a phone
 * with a full cart, a lapsed customer) -> the expected segments, layout
 * handles, HTTP-context value (the X-Magento-Vary cookie) and banner.
 */
final class EndToEndTest extends GlueTestCase
{
    public function testOrdersToRecomputeToStorefrontRequests(): void
    {
        $this->standardWithRules();
        $this->assertSame(0, (new RecomputeCommand($this->services))->run(new ArrayInput([]), new BufferedOutput()));

        $visitors = [
            'vip' => [10, self::UA_DESKTOP, null],
            'guest' => [null, self::UA_IPHONE, 420.0],
            'lapsed' => [12, self::UA_DESKTOP, null],
        ];
        $seen = [];
        foreach ($visitors as $who => [$id, $ua, $cart]) {
            $current = $this->request($id, $ua, $cart);   // one request: one shared CurrentSegments
            $ctx = new HttpContext();
            (new HttpContextPlugin($current, $ctx))->beforeExecute(new class () implements ActionInterface {
                public function execute()
                {
                }
            });
            $layout = new LayoutDouble();
            (new AddLayoutHandles($current))->execute(new Observer(['event' => new Event(['layout' => $layout])]));
            $seen[$who] = [
                'segments' => $current->get(),
                'handles' => $layout->update->handles,
                'vary' => $ctx->getVaryString(),
                'banner' => $this->renderBanner(new ViewModel($current)),
            ];
        }

        $this->assertSame(['vip', 'repeat', 'french'], $seen['vip']['segments']);
        $this->assertSame(['customer_segment_vip', 'customer_segment_repeat', 'customer_segment_french'], $seen['vip']['handles']);
        $this->assertSame(sha1('{"customer_segment":"french,repeat,vip"}'), $seen['vip']['vary']);
        $this->assertStringContainsString('data-segment="vip"', $seen['vip']['banner']);

        $this->assertSame(['mobile_guest', 'big_cart'], $seen['guest']['segments']);
        $this->assertSame(['customer_segment_mobile_guest', 'customer_segment_big_cart'], $seen['guest']['handles']);
        $this->assertSame(sha1('{"customer_segment":"big_cart,mobile_guest"}'), $seen['guest']['vary']);
        $this->assertSame('', trim($seen['guest']['banner']));

        $this->assertSame(['lapsing', 'french'], $seen['lapsed']['segments']);
        $this->assertSame(sha1('{"customer_segment":"french,lapsing"}'), $seen['lapsed']['vary']);
        $this->assertSame('', trim($seen['lapsed']['banner']));

        // three different cache keys
        $this->assertCount(3, array_unique(array_column($seen, 'vary')));
    }

    private function renderBanner(ViewModel $segmentViewModel): string
    {
        $block = new DataObject(['segmentViewModel' => $segmentViewModel]);
        $escaper = new class () {
            public function escapeHtml($s)
            {
                return htmlspecialchars((string) $s, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
            }

            public function escapeHtmlAttr($s)
            {
                return htmlspecialchars((string) $s, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
            }
        };
        ob_start();
        try {
            (static function () use ($block, $escaper) {
                require __DIR__ . '/../../view/frontend/templates/banner.phtml';
            })();
        } finally {
            $html = (string) ob_get_clean();
        }

        return $html;
    }
}
