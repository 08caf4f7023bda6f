<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Model\Config\Source;

use Magento\Framework\Data\OptionSourceInterface;

class RfmMap implements OptionSourceInterface
{
    public function toOptionArray()
    {
        return [
            ['value' => 'rf11', 'label' => __('rf11: the 11 classic segments (Champions, Loyal, At Risk, ...)')],
            ['value' => 'core', 'label' => __('core: value groups')],
            ['value' => 'retention', 'label' => __('retention: active, cooling, lapsed')],
        ];
    }
}
