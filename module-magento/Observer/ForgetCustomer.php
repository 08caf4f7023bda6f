<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Observer;

use Magento\Framework\Event\Observer;
use Magento\Framework\Event\ObserverInterface;
use Segment\CustomerSegment\Model\Services;

/** customer_delete_after: the customer's stored profile, scores, memberships and history are deleted (the foreign keys cascade too). */
class ForgetCustomer implements ObserverInterface
{
    public function __construct(private Services $services)
    {
    }

    public function execute(Observer $observer)
    {
        $customer = $observer->getEvent()->getData('customer');
        if ($customer === null || !$customer->getId() || !Services::available()) {
            return;
        }
        $this->services->module()->forget((int) $customer->getId());
    }
}
