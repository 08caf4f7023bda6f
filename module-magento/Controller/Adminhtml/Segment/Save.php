<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Controller\Adminhtml\Segment;

use Magento\Backend\App\Action;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Segment\CustomerSegment\Core\ValidationError;
use Segment\CustomerSegment\Model\Services;

/**
 * Saves a segment. The rule is validated by the extension; a refused rule
 * comes back to the form with the message (line and column) next to the
 * field and the text as typed. The new rules apply on the storefront at
 * once; stored memberships follow at the next recompute.
 */
class Save extends Action implements HttpPostActionInterface
{
    public const ADMIN_RESOURCE = 'Segment_CustomerSegment::save';
    public const SESSION_KEY = 'segment_form_data';

    public function __construct(Action\Context $context, private Services $services)
    {
        parent::__construct($context);
    }

    public function execute()
    {
        $redirect = $this->resultRedirectFactory->create();
        $request = $this->getRequest();
        if (!$this->_formKeyValidator->validate($request)) {
            $this->messageManager->addErrorMessage(__('Invalid form key. Please refresh the page.'));

            return $redirect->setPath('*/*/');
        }
        if (!Services::available()) {
            $this->messageManager->addErrorMessage(__(Services::EXTENSION_MISSING));

            return $redirect->setPath('*/*/');
        }
        $data = (array) $request->getPostValue();
        $id = (int) ($data['segment_id'] ?? 0) ?: null;
        $fields = array_intersect_key($data, array_flip(['code', 'name', 'rule', 'priority', 'is_active', 'website_id']));
        $definitions = $this->services->module()->definitions();
        try {
            $before = $id !== null ? $definitions->get($id) : null;
            if ($id !== null && $before === null) {
                $this->messageManager->addErrorMessage(__('This segment no longer exists.'));

                return $redirect->setPath('*/*/');
            }
            $id = $definitions->save($fields, $id);
            $after = $definitions->get($id);
            $this->services->rulesChanged($after['website_id']);
            if ($before !== null && $before['website_id'] !== $after['website_id'] && $after['website_id'] !== 0) {
                $this->services->rulesChanged($before['website_id']);
            }
            $this->_session->setData(self::SESSION_KEY, null);
            $this->messageManager->addSuccessMessage(__('Segment "%1" saved. Its rule applies on the storefront now; stored memberships and counts follow at the next recompute.', $after['code']));
            if ($request->getParam('back')) {
                return $redirect->setPath('*/*/edit', ['id' => $id]);
            }

            return $redirect->setPath('*/*/');
        } catch (ValidationError $e) {
            $this->_session->setData(self::SESSION_KEY, [
                'fields' => $fields,
                'error' => ['field' => $e->field, 'message' => $e->getMessage(), 'line' => $e->ruleLine, 'column' => $e->ruleColumn],
            ]);
            $this->messageManager->addErrorMessage($e->getMessage());

            return $redirect->setPath('*/*/edit', $id !== null ? ['id' => $id] : []);
        }
    }
}
