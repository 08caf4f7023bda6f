<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Controller\Adminhtml\Segment;

use Magento\Backend\App\Action;
use Magento\Framework\App\Action\HttpGetActionInterface;
use Magento\Framework\Controller\ResultFactory;
use Segment\CustomerSegment\Model\Services;

/** The edit form (block Segment\CustomerSegment\Block\Adminhtml\Edit). */
class Edit extends Action implements HttpGetActionInterface
{
    public const ADMIN_RESOURCE = 'Segment_CustomerSegment::save';

    public function __construct(Action\Context $context, private Services $services)
    {
        parent::__construct($context);
    }

    public function execute()
    {
        $id = (int) $this->getRequest()->getParam('id');
        if ($id && Services::available() && $this->services->module()->definitions()->get($id) === null) {
            $this->messageManager->addErrorMessage(__('This segment no longer exists.'));

            return $this->resultRedirectFactory->create()->setPath('*/*/');
        }
        $page = $this->resultFactory->create(ResultFactory::TYPE_PAGE);
        $page->setActiveMenu('Segment_CustomerSegment::segments');
        $page->getConfig()->getTitle()->prepend($id ? __('Edit Segment') : __('New Segment'));

        return $page;
    }
}
