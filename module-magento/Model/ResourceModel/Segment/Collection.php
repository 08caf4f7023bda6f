<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Model\ResourceModel\Segment;

use Magento\Framework\Model\ResourceModel\Db\Collection\AbstractCollection;

class Collection extends AbstractCollection
{
    protected $_idFieldName = 'segment_id';

    protected function _construct()
    {
        $this->_init(\Segment\CustomerSegment\Model\Segment::class, \Segment\CustomerSegment\Model\ResourceModel\Segment::class);
    }
}
