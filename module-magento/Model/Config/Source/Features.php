<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Model\Config\Source;

use Magento\Framework\Data\OptionSourceInterface;
use Segment\CustomerSegment\Core\Settings;

class Features implements OptionSourceInterface
{
    public function toOptionArray()
    {
        return array_map(static fn (string $f) => ['value' => $f, 'label' => $f], Settings::FEATURES);
    }
}
