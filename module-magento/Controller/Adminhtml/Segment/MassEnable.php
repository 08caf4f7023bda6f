<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Controller\Adminhtml\Segment;

use Magento\Backend\App\Action;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Ui\Component\MassAction\Filter;
use Segment\CustomerSegment\Model\ResourceModel\Segment\CollectionFactory;
use Segment\CustomerSegment\Model\Services;

/** Grid mass action: enable the selected segments (the grid posts its form key). */
class MassEnable extends Action implements HttpPostActionInterface
{
    public const ADMIN_RESOURCE = 'Segment_CustomerSegment::save';
    protected const ACTIVE = true;

    public function __construct(
        Action\Context $context,
        private Filter $filter,
        private CollectionFactory $collectionFactory,
        private Services $services,
    ) {
        parent::__construct($context);
    }

    public function execute()
    {
        $redirect = $this->resultRedirectFactory->create()->setPath('*/*/');
        if (!Services::available()) {
            $this->messageManager->addErrorMessage(__(Services::EXTENSION_MISSING));

            return $redirect;
        }
        $ids = array_map('intval', $this->filter->getCollection($this->collectionFactory->create())->getAllIds());
        $n = $this->services->module()->definitions()->setActive($ids, static::ACTIVE);
        $this->services->rulesChanged(0);
        $this->messageManager->addSuccessMessage(
            static::ACTIVE ? __('%1 segment(s) enabled.', $n) : __('%1 segment(s) disabled.', $n)
        );

        return $redirect;
    }
}
