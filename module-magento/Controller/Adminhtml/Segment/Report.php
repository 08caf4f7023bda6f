<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Controller\Adminhtml\Segment;

use Magento\Backend\App\Action;
use Magento\Framework\App\Action\HttpGetActionInterface;
use Magento\Framework\Controller\ResultFactory;
use Segment\CustomerSegment\Model\Services;

class Report extends Action implements HttpGetActionInterface
{
    public const ADMIN_RESOURCE = 'Segment_CustomerSegment::report';

    public function execute()
    {
        if (!Services::available()) {
            $this->messageManager->addErrorMessage(__(Services::EXTENSION_MISSING));
        }
        $page = $this->resultFactory->create(ResultFactory::TYPE_PAGE);
        $page->setActiveMenu('Segment_CustomerSegment::report');
        $page->getConfig()->getTitle()->prepend(__('Customer Segment Report'));

        return $page;
    }
}
