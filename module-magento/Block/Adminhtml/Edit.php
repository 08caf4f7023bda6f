<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Block\Adminhtml;

use Magento\Backend\Block\Template;
use Magento\Store\Model\StoreManagerInterface;
use Segment\CustomerSegment\Controller\Adminhtml\Segment\Save;
use Segment\CustomerSegment\Core\Attributes;
use Segment\CustomerSegment\Model\Services;

/** The segment form: values (or what was typed before a refused save) and the error to show next to its field. */
class Edit extends Template
{
    protected $_template = 'Segment_CustomerSegment::edit.phtml';
    private ?array $state = null;

    public function __construct(
        Template\Context $context,
        private Services $services,
        private StoreManagerInterface $storeManager,
        array $data = [],
    ) {
        parent::__construct($context, $data);
    }

    private function state(): array
    {
        if ($this->state !== null) {
            return $this->state;
        }
        $id = (int) $this->getRequest()->getParam('id');
        $values = ['segment_id' => null, 'code' => '', 'name' => '', 'rule' => '', 'priority' => 0, 'is_active' => 1, 'website_id' => 0];
        if ($id && Services::available()) {
            $values = array_merge($values, $this->services->module()->definitions()->get($id) ?? []);
        }
        $error = null;
        $session = $this->_backendSession->getData(Save::SESSION_KEY);
        if (is_array($session)) {
            $values = array_merge($values, $session['fields'] ?? []);
            $error = $session['error'] ?? null;
            $this->_backendSession->setData(Save::SESSION_KEY, null);
        }

        return $this->state = ['values' => $values, 'error' => $error];
    }

    public function value(string $field): string
    {
        return (string) ($this->state()['values'][$field] ?? '');
    }

    /** @return array{field: string, message: string, line: int, column: int}|null */
    public function error(): ?array
    {
        return $this->state()['error'];
    }

    /** @return array<int, string> website id => name (0: all websites) */
    public function websites(): array
    {
        $out = [0 => (string) __('All websites')];
        foreach ($this->storeManager->getWebsites() as $w) {
            $out[(int) $w->getId()] = (string) $w->getName();
        }

        return $out;
    }

    /** @return list<string> */
    public function attributes(): array
    {
        return Attributes::all();
    }

    public function saveUrl(): string
    {
        return $this->getUrl('*/*/save');
    }

    public function previewUrl(): string
    {
        return $this->getUrl('*/*/preview');
    }

    public function deleteUrl(): string
    {
        return $this->getUrl('*/*/delete');
    }

    public function backUrl(): string
    {
        return $this->getUrl('*/*/');
    }
}
