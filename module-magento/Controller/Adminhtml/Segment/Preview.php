<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Controller\Adminhtml\Segment;

use Magento\Backend\App\Action;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\Controller\ResultFactory;
use Segment\CustomerSegment\Core\ValidationError;
use Segment\CustomerSegment\Model\Services;

/** The form's live preview (POST with the form key): {ok, matches, customers} or {ok: false, message, line, column}. */
class Preview extends Action implements HttpPostActionInterface
{
    public const ADMIN_RESOURCE = 'Segment_CustomerSegment::segments';

    public function __construct(Action\Context $context, private Services $services)
    {
        parent::__construct($context);
    }

    public function execute()
    {
        $json = $this->resultFactory->create(ResultFactory::TYPE_JSON);
        $request = $this->getRequest();
        if (!$this->_formKeyValidator->validate($request)) {
            return $json->setData(['ok' => false, 'message' => (string) __('Invalid form key. Please refresh the page.')]);
        }
        if (!Services::available()) {
            return $json->setData(['ok' => false, 'message' => Services::EXTENSION_MISSING]);
        }
        $websiteId = (int) $request->getParam('website_id');
        $websites = $websiteId > 0 ? [$websiteId] : $this->services->websiteIds();
        try {
            $matches = 0;
            $customers = 0;
            foreach ($websites as $w) {
                if ($w === 0) {
                    continue;
                }
                $r = $this->services->module()->preview()->count($w, (string) $request->getParam('rule'));
                $matches += $r['matches'];
                $customers += $r['customers'];
            }

            return $json->setData(['ok' => true, 'matches' => $matches, 'customers' => $customers]);
        } catch (ValidationError $e) {
            return $json->setData(['ok' => false, 'message' => $e->getMessage(), 'line' => $e->ruleLine, 'column' => $e->ruleColumn]);
        }
    }
}
