<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Ui\Component\Listing\Column;

use Magento\Framework\UrlInterface;
use Magento\Framework\View\Element\UiComponent\ContextInterface;
use Magento\Framework\View\Element\UiComponentFactory;
use Magento\Ui\Component\Listing\Columns\Column;

/** Edit (GET) and Delete (POST with the form key, confirmed) per row. */
class Actions extends Column
{
    public function __construct(
        ContextInterface $context,
        UiComponentFactory $uiComponentFactory,
        private UrlInterface $urlBuilder,
        array $components = [],
        array $data = [],
    ) {
        parent::__construct($context, $uiComponentFactory, $components, $data);
    }

    public function prepareDataSource(array $dataSource)
    {
        foreach ($dataSource['data']['items'] ?? [] as $i => $item) {
            if (!isset($item['segment_id'])) {
                continue;
            }
            $id = (int) $item['segment_id'];
            $dataSource['data']['items'][$i][$this->getData('name')] = [
                'edit' => ['href' => $this->urlBuilder->getUrl('segment/segment/edit', ['id' => $id]), 'label' => __('Edit')],
                'delete' => [
                    'href' => $this->urlBuilder->getUrl('segment/segment/delete', ['id' => $id]),
                    'label' => __('Delete'),
                    'confirm' => ['title' => __('Delete segment'), 'message' => __('Delete this segment?')],
                    'post' => true,
                ],
            ];
        }

        return $dataSource;
    }
}
