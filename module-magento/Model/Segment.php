<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Model;

use Magento\Framework\Model\AbstractModel;

/** A row of segment_definition, for the admin grid's collection and mass actions (saving goes through Core\Definitions). */
class Segment extends AbstractModel
{
    protected function _construct()
    {
        $this->_init(ResourceModel\Segment::class);
    }
}
