<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\CustomerData;

use Magento\Customer\CustomerData\SectionSourceInterface;
use Segment\CustomerSegment\Model\CurrentSegments;

/**
 * The customer-data section "customer-segment" (private content): JS on a
 * cached page reads customerData.get('customer-segment')() =>
 * {codes: ['vip', ...], primary: 'vip'} and shows segment blocks.
 */
class Segments implements SectionSourceInterface
{
    public function __construct(private CurrentSegments $segments)
    {
    }

    public function getSectionData()
    {
        $codes = $this->segments->get();

        return ['codes' => $codes, 'primary' => $codes[0] ?? null];
    }
}
