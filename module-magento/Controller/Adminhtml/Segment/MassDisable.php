<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Controller\Adminhtml\Segment;

/** Grid mass action: disable the selected segments. */
class MassDisable extends MassEnable
{
    protected const ACTIVE = false;
}
