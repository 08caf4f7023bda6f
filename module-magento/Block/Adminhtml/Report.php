<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Block\Adminhtml;

use Magento\Backend\Block\Template;
use Magento\Store\Model\StoreManagerInterface;
use Segment\CustomerSegment\Model\Services;

/** The report page: per website, segment sizes and revenue, moves of the last recompute, the R x F heatmap. */
class Report extends Template
{
    protected $_template = 'Segment_CustomerSegment::report.phtml';

    public function __construct(
        Template\Context $context,
        private Services $services,
        private StoreManagerInterface $storeManager,
        array $data = [],
    ) {
        parent::__construct($context, $data);
    }

    /** @return list<array{id: int, name: string, report: array}> */
    public function websites(): array
    {
        if (!Services::available()) {
            return [];
        }
        $out = [];
        foreach ($this->storeManager->getWebsites() as $w) {
            $out[] = ['id' => (int) $w->getId(), 'name' => (string) $w->getName(), 'report' => $this->services->module()->report()->build((int) $w->getId())];
        }

        return $out;
    }

    public function canRecompute(): bool
    {
        return $this->_authorization->isAllowed('Segment_CustomerSegment::recompute');
    }

    public function recomputeUrl(): string
    {
        return $this->getUrl('*/*/recompute');
    }
}
