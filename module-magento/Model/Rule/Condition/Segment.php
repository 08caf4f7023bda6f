<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Model\Rule\Condition;

use Magento\Framework\Model\AbstractModel;
use Magento\Rule\Model\Condition\AbstractCondition;
use Magento\Rule\Model\Condition\Context;
use Segment\CustomerSegment\Core\SegmentCondition;
use Segment\CustomerSegment\Model\CurrentSegments;
use Segment\CustomerSegment\Model\Services;

/**
 * "Customer segment is one of / is not one of ..." in cart price rules.
 * The quote's customer is the current visitor on the storefront: their
 * live segments; otherwise (admin orders, API) the customer's stored
 * segments with the quote's cart values.
 */
class Segment extends AbstractCondition
{
    public function __construct(
        Context $context,
        private Services $services,
        private CurrentSegments $current,
        array $data = [],
    ) {
        parent::__construct($context, $data);
    }

    public function loadAttributeOptions()
    {
        $this->setAttributeOption(['customer_segment' => __('Customer segment')]);

        return $this;
    }

    public function loadOperatorOptions()
    {
        $this->setOperatorOption(array_map(static fn ($label) => __($label), SegmentCondition::OPERATORS));

        return $this;
    }

    public function getInputType()
    {
        return 'multiselect';
    }

    public function getValueElementType()
    {
        return 'multiselect';
    }

    public function getValueSelectOptions()
    {
        $options = [];
        if (Services::available()) {
            foreach ($this->services->module()->definitions()->all() as $def) {
                $options[] = ['value' => $def['code'], 'label' => $def['name'] . ' (' . $def['code'] . ')'];
            }
        }

        return $options;
    }

    public function validate(AbstractModel $model)
    {
        $quote = $model->getQuote() ?: $model;
        $customerId = $quote->getCustomerId() ? (int) $quote->getCustomerId() : null;
        $segments = $this->current->get();
        if ($customerId !== null && Services::available() && !$this->isCurrentVisitor($customerId)) {
            $websiteId = (int) $quote->getStore()->getWebsiteId();
            $segments = $this->services->module()->assigner()->segments($websiteId, $customerId, [
                'cart_total' => (float) $quote->getBaseGrandTotal(),
                'cart_items' => (int) $quote->getItemsCount(),
                'website' => $websiteId,
            ]);
        }
        $value = $this->getValue();

        return SegmentCondition::matches($segments, (string) $this->getOperator(), is_array($value) ? $value : (string) $value);
    }

    private function isCurrentVisitor(int $customerId): bool
    {
        return $this->current->customerId() === $customerId;
    }
}
