<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Controller\Adminhtml\Segment;

use Magento\Backend\App\Action;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Segment\CustomerSegment\Core\StoreBusy;
use Segment\CustomerSegment\Model\Services;

/** "Recompute now" (POST with the form key): every website, then back to the report. */
class Recompute extends Action implements HttpPostActionInterface
{
    public const ADMIN_RESOURCE = 'Segment_CustomerSegment::recompute';

    public function __construct(Action\Context $context, private Services $services)
    {
        parent::__construct($context);
    }

    public function execute()
    {
        $redirect = $this->resultRedirectFactory->create()->setPath('*/*/report');
        if (!$this->_formKeyValidator->validate($this->getRequest())) {
            $this->messageManager->addErrorMessage(__('Invalid form key. Please refresh the page.'));

            return $redirect;
        }
        if (!Services::available()) {
            $this->messageManager->addErrorMessage(__(Services::EXTENSION_MISSING));

            return $redirect;
        }
        foreach ($this->services->websiteIds() as $websiteId) {
            if ($websiteId === 0) {
                continue;
            }
            try {
                $s = $this->services->module()->recompute()->all($websiteId, $this->services->settings($websiteId));
                $this->messageManager->addSuccessMessage(__(
                    'Website %1: %2 customers recomputed, %3 entries, %4 exits (%5 s).',
                    $websiteId, $s['customers'], $s['entries'], $s['exits'], sprintf('%.2f', $s['seconds'])
                ));
            } catch (StoreBusy $e) {
                $this->messageManager->addWarningMessage($e->getMessage());
            } catch (\Throwable $e) {
                $this->messageManager->addErrorMessage(__('Website %1: the recompute failed: %2', $websiteId, $e->getMessage()));
            }
        }

        return $redirect;
    }
}
