<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Observer;

use Magento\Framework\Event\Observer;
use Magento\Framework\Event\ObserverInterface;
use Segment\CustomerSegment\Model\CurrentSegments;

/**
 * layout_load_before: a handle customer_segment_<code> per segment of the
 * visitor, so a theme varies blocks in layout XML
 * (view/frontend/layout/customer_segment_vip.xml).
 */
class AddLayoutHandles implements ObserverInterface
{
    public const PREFIX = 'customer_segment_';

    public function __construct(private CurrentSegments $segments)
    {
    }

    public function execute(Observer $observer)
    {
        $layout = $observer->getEvent()->getData('layout');
        if ($layout === null) {
            return;
        }
        foreach ($this->segments->get() as $code) {
            $layout->getUpdate()->addHandle(self::PREFIX . $code);
        }
    }
}
