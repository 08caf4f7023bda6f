<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Core;

/** Another recompute of the same website is running. */
final class StoreBusy extends \RuntimeException
{
}
