<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Controller\Adminhtml\Segment;

use Magento\Backend\App\Action;
use Magento\Framework\App\Action\HttpGetActionInterface;
use Magento\Framework\Controller\ResultFactory;
use Segment\CustomerSegment\Model\Services;

/** Customers > Segments: the grid (ui_component segment_listing). */
class Index extends Action implements HttpGetActionInterface
{
    public const ADMIN_RESOURCE = 'Segment_CustomerSegment::segments';

    public function execute()
    {
        if (!Services::available()) {
            $this->messageManager->addErrorMessage(__(Services::EXTENSION_MISSING));
        }
        $page = $this->resultFactory->create(ResultFactory::TYPE_PAGE);
        $page->setActiveMenu('Segment_CustomerSegment::segments');
        $page->getConfig()->getTitle()->prepend(__('Customer Segments'));

        return $page;
    }
}
