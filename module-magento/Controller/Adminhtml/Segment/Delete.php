<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Controller\Adminhtml\Segment;

use Magento\Backend\App\Action;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Segment\CustomerSegment\Model\Services;

class Delete extends Action implements HttpPostActionInterface
{
    public const ADMIN_RESOURCE = 'Segment_CustomerSegment::delete';

    public function __construct(Action\Context $context, private Services $services)
    {
        parent::__construct($context);
    }

    public function execute()
    {
        $redirect = $this->resultRedirectFactory->create()->setPath('*/*/');
        if (!$this->_formKeyValidator->validate($this->getRequest()) || !Services::available()) {
            $this->messageManager->addErrorMessage(__('Invalid form key. Please refresh the page.'));

            return $redirect;
        }
        $definitions = $this->services->module()->definitions();
        $def = $definitions->get((int) $this->getRequest()->getParam('id'));
        if ($def === null) {
            $this->messageManager->addErrorMessage(__('This segment no longer exists.'));

            return $redirect;
        }
        $definitions->delete($def['segment_id']);
        $this->services->rulesChanged($def['website_id']);
        $this->messageManager->addSuccessMessage(__('Segment "%1" deleted.', $def['code']));

        return $redirect;
    }
}
