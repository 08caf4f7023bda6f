<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Ui\Component\Listing\Column;

use Magento\Framework\View\Element\UiComponent\ContextInterface;
use Magento\Framework\View\Element\UiComponentFactory;
use Magento\Ui\Component\Listing\Columns\Column;
use Segment\CustomerSegment\Model\Services;

/** Members of each segment in the current generation (a segment of all websites: the sum over websites). */
class Members extends Column
{
    public function __construct(
        ContextInterface $context,
        UiComponentFactory $uiComponentFactory,
        private Services $services,
        array $components = [],
        array $data = [],
    ) {
        parent::__construct($context, $uiComponentFactory, $components, $data);
    }

    public function prepareDataSource(array $dataSource)
    {
        if (!isset($dataSource['data']['items'])) {
            return $dataSource;
        }
        $counts = [];
        if (Services::available()) {
            foreach ($this->services->websiteIds() as $w) {
                if ($w > 0) {
                    $counts[$w] = $this->services->module()->store($w)->counts();
                }
            }
        }
        $name = $this->getData('name');
        foreach ($dataSource['data']['items'] as &$item) {
            $code = (string) $item['code'];
            $website = (int) $item['website_id'];
            $n = 0;
            foreach ($counts as $w => $c) {
                if ($website === 0 || $website === $w) {
                    $n += $c[$code] ?? 0;
                }
            }
            $item[$name] = $n;
        }

        return $dataSource;
    }
}
