<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Core;

/** The "Customer segment" condition of cart price rules: the operators it offers and what they mean. */
final class SegmentCondition
{
    public const OPERATORS = ['()' => 'is one of', '!()' => 'is not one of'];

    /** @param list<string> $segments the customer's @param list<string>|string $value the rule's codes (a list, or comma-separated) */
    public static function matches(array $segments, string $operator, array|string $value): bool
    {
        $wanted = array_values(array_filter(array_map('trim', is_array($value) ? $value : explode(',', $value)), 'strlen'));
        $hit = array_intersect($segments, $wanted) !== [];

        return match ($operator) {
            '()' => $hit,
            '!()' => !$hit,
            default => throw new \InvalidArgumentException(sprintf('unknown operator "%s"', $operator)),
        };
    }
}
