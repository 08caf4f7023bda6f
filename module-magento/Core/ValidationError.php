<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Core;

/** A segment the admin entered that cannot be saved: which field, why, and for a rule the line and column. */
final class ValidationError extends \InvalidArgumentException
{
    public function __construct(
        public readonly string $field,
        string $message,
        public readonly int $ruleLine = 0,
        public readonly int $ruleColumn = 0,
    ) {
        parent::__construct($message);
    }

    /** The message as the admin sees it: "Rule, line 2, column 7: unknown attribute ..." */
    public function describe(): string
    {
        return $this->getMessage();
    }
}
