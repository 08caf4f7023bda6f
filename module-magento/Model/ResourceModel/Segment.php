<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Model\ResourceModel;

use Magento\Framework\Model\ResourceModel\Db\AbstractDb;

class Segment extends AbstractDb
{
    protected function _construct()
    {
        $this->_init('segment_definition', 'segment_id');
    }
}
