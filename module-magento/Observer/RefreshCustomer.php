<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Observer;

use Magento\Framework\Event\Observer;
use Magento\Framework\Event\ObserverInterface;
use Magento\Store\Model\StoreManagerInterface;
use Psr\Log\LoggerInterface;
use Segment\CustomerSegment\Model\CurrentSegments;
use Segment\CustomerSegment\Model\Services;

/**
 * customer_register_success, customer_login, sales_order_save_commit_after:
 * that customer's stored profile and segments are refreshed at once
 * (milliseconds: their own orders, one transaction). Never breaks the
 * registration, the login or the checkout: failures are logged.
 */
class RefreshCustomer implements ObserverInterface
{
    public function __construct(
        private Services $services,
        private StoreManagerInterface $storeManager,
        private CurrentSegments $current,
        private LoggerInterface $logger,
    ) {
    }

    public function execute(Observer $observer)
    {
        if (!Services::available()) {
            return;
        }
        $event = $observer->getEvent();
        $customerId = null;
        $websiteId = null;
        if ($order = $event->getData('order')) {
            $customerId = $order->getCustomerId() ? (int) $order->getCustomerId() : null; // guests: nothing stored
            $websiteId = $order->getStore() ? (int) $order->getStore()->getWebsiteId() : null;
        } elseif ($customer = $event->getData('customer')) {
            $customerId = $customer->getId() ? (int) $customer->getId() : null;
            $websiteId = $customer->getWebsiteId() ? (int) $customer->getWebsiteId() : null;
        }
        if ($customerId === null) {
            return;
        }
        try {
            $websiteId ??= (int) $this->storeManager->getStore()->getWebsiteId();
            $this->services->module()->recompute()->customer($websiteId, $customerId, $this->services->settings($websiteId));
            $this->current->reset();
        } catch (\Throwable $e) {
            $this->logger->error(sprintf('segment: refreshing customer %d failed: %s', $customerId, $e->getMessage()), ['exception' => $e]);
        }
    }
}
