<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Observer;

use Magento\Framework\Event\Observer;
use Magento\Framework\Event\ObserverInterface;
use Segment\CustomerSegment\Model\Rule\Condition\Segment as SegmentCondition;

/** salesrule_rule_condition_combine: offers "Customer segment" among the conditions of cart price rules. */
class AddCartRuleCondition implements ObserverInterface
{
    public function execute(Observer $observer)
    {
        $additional = $observer->getEvent()->getData('additional');
        $conditions = (array) $additional->getData('conditions');
        $conditions[] = ['value' => SegmentCondition::class . '|customer_segment', 'label' => __('Customer segment')];
        $additional->setData('conditions', $conditions);
    }
}
