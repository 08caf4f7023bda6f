<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Model\Config\Source;

use Magento\Framework\Data\OptionSourceInterface;
use Magento\Store\Model\StoreManagerInterface;

class Websites implements OptionSourceInterface
{
    public function __construct(private StoreManagerInterface $storeManager)
    {
    }

    public function toOptionArray()
    {
        $options = [['value' => '0', 'label' => __('All websites')]];
        foreach ($this->storeManager->getWebsites() as $w) {
            $options[] = ['value' => (string) $w->getId(), 'label' => $w->getName()];
        }

        return $options;
    }
}
