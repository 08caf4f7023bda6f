<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Model;

use Magento\Checkout\Model\Session as CheckoutSession;
use Magento\Customer\Model\Session as CustomerSession;
use Magento\Framework\App\RequestInterface;
use Magento\Store\Model\StoreManagerInterface;
use Psr\Log\LoggerInterface;
use Segment\CustomerSegment\Core\RequestContext;

/**
 * The current visitor's segments for this storefront request, computed
 * once (shared instance) from the stored profile (kept in the customer
 * session between pages: SessionProfileCache) and the live context:
 * device, traffic source (kept for the session), cart value and items,
 * shipping country, store view, website, customer group. A failure never
 * breaks the page: it is logged and the visitor is in no segment.
 */
class CurrentSegments
{
    public const SESSION_LANDING = 'segment_landing';
    public const VISITOR_COOKIE = 'seg_visitor';
    /** Written by view/frontend/web/js/landing.js on a page reached from outside (works on cached pages too). */
    public const LANDING_COOKIE = 'seg_landing';

    /** @var list<string>|null */
    private ?array $segments = null;

    public function __construct(
        private Services $services,
        private CustomerSession $customerSession,
        private CheckoutSession $checkoutSession,
        private StoreManagerInterface $storeManager,
        private RequestInterface $request,
        private LoggerInterface $logger,
    ) {
    }

    /** @return list<string> codes, highest priority first */
    public function get(): array
    {
        if ($this->segments !== null) {
            return $this->segments;
        }
        if (!Services::available()) {
            return $this->segments = [];
        }
        try {
            $store = $this->storeManager->getStore();
            $websiteId = (int) $store->getWebsiteId();
            $customerId = $this->customerSession->isLoggedIn() ? (int) $this->customerSession->getCustomerId() : null;
            $shop = [
                'store' => (string) $store->getCode(),
                'website' => $websiteId,
                'customer_group' => (int) $this->customerSession->getCustomerGroupId(),
                'logged_in' => $customerId !== null,
            ];
            if ($this->checkoutSession->getQuoteId()) {
                $quote = $this->checkoutSession->getQuote();
                $shop['cart_total'] = (float) $quote->getBaseGrandTotal();
                $shop['cart_items'] = (int) $quote->getItemsCount();
                $shop['cart_qty'] = (float) $quote->getItemsQty();
                $country = $quote->getShippingAddress() ? $quote->getShippingAddress()->getCountryId() : null;
                if ($country) {
                    $shop['country'] = strtoupper((string) $country);
                }
            } else {
                $shop['cart_total'] = 0.0;
                $shop['cart_items'] = 0;
                $shop['cart_qty'] = 0.0;
            }
            $server = method_exists($this->request, 'getServerValue') ? (array) $this->request->getServerValue() : $_SERVER;
            $query = method_exists($this->request, 'getQueryValue') ? (array) $this->request->getQueryValue() : [];
            $visitor = method_exists($this->request, 'getCookie') ? $this->request->getCookie(self::VISITOR_COOKIE) : null;
            $landing = $this->customerSession->getData(self::SESSION_LANDING);
            $built = RequestContext::build(
                $server,
                $visitor !== null ? [self::VISITOR_COOKIE => (string) $visitor] : [],
                $query,
                is_array($landing) ? $landing : null,
                $shop,
                [],
                RequestContext::landingCookie(method_exists($this->request, 'getCookie') ? $this->request->getCookie(self::LANDING_COOKIE) : null)
            );
            $this->customerSession->setData(self::SESSION_LANDING, $built['landing']);

            return $this->segments = $this->services->module()->assigner()->segments(
                $websiteId,
                $customerId,
                $built['context'],
                null,
                $customerId !== null ? new SessionProfileCache($this->customerSession) : null
            );
        } catch (\Throwable $e) {
            $this->logger->error('segment: assigning the visitor failed: ' . $e->getMessage(), ['exception' => $e]);

            return $this->segments = [];
        }
    }

    public function first(): ?string
    {
        return $this->get()[0] ?? null;
    }

    public function in(string $code): bool
    {
        return in_array($code, $this->get(), true);
    }

    /** The signed-in customer of this request, or null. */
    public function customerId(): ?int
    {
        return $this->customerSession->isLoggedIn() ? (int) $this->customerSession->getCustomerId() : null;
    }

    /**
     * Forget the computed result and the profile kept in the customer
     * session (after the customer's profile was refreshed: a login, a
     * registration or an order in this request).
     */
    public function reset(): void
    {
        $this->segments = null;
        (new SessionProfileCache($this->customerSession))->forget();
    }
}
