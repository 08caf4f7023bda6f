<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\ViewModel;

use Magento\Framework\View\Element\Block\ArgumentInterface;
use Segment\CustomerSegment\Model\CurrentSegments;

/**
 * For templates: <argument name="segmentViewModel" xsi:type="object">Segment\CustomerSegment\ViewModel\Segments</argument>
 *   $segmentViewModel->of()        'vip' (the highest-priority segment) or null
 *   $segmentViewModel->in('vip')   true / false
 *   $segmentViewModel->all()       ['vip', 'french']
 * Pages using it are cached per segment set (the HTTP context), or load the
 * block as private content (customer-data section "customer-segment").
 */
class Segments implements ArgumentInterface
{
    public function __construct(private CurrentSegments $segments)
    {
    }

    public function of(): ?string
    {
        return $this->segments->first();
    }

    public function in(string $code): bool
    {
        return $this->segments->in($code);
    }

    /** @return list<string> */
    public function all(): array
    {
        return $this->segments->get();
    }
}
