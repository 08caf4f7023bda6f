<?php

/**
 * The PHP API of the segment extension. This file is the single source of
 * truth: segment_arginfo.h is generated from it by scripts/gen-arginfo.
 *
 * @generate-class-entries
 */

namespace {
    /**
     * Code of the highest-priority enabled segment the customer is in, or
     * null. Uses $set, or the process default from INI segment.rules_file.
     *
     * @param array|object $customer
     */
    function segment_of(array|object $customer, ?Segment\RuleSet $set = null): ?string {}

    /**
     * Codes of every enabled segment the customer is in, highest priority first.
     *
     * @param array|object $customer
     * @return list<string>
     */
    function segments_of(array|object $customer, ?Segment\RuleSet $set = null): array {}
}

namespace Segment {
    /** Base class of every exception the extension throws for bad content. */
    class Exception extends \Exception
    {
    }

    /**
     * A rule that does not parse or cannot type-check. Positions are 1-based;
     * getRuleLine()/getRuleColumn() because Exception::getLine() is PHP's.
     */
    class RuleSyntaxError extends Exception
    {
        private string $segmentCode = "";
        private int $ruleLine = 0;
        private int $ruleColumn = 0;
        private string $expected = "";

        public function getSegmentCode(): string {}
        public function getRuleLine(): int {}
        public function getRuleColumn(): int {}
        public function getExpected(): string {}
    }

    /** A customer attribute whose value cannot be used by rules. */
    class AttributeError extends Exception
    {
        private string $attribute = "";

        public function getAttribute(): string {}
    }

    /**
     * A compiled, immutable set of segment rules.
     *
     * @strict-properties
     * @not-serializable
     */
    final class RuleSet implements \Countable
    {
        /**
         * Each definition: code (string), rule (string), and optionally
         * name (string), priority (int, higher first), enabled (bool).
         *
         * @param array $definitions list of definitions
         */
        public function __construct(array $definitions) {}

        /**
         * Loads a JSON file of definitions (a list, or {"segments": [...]}).
         * Compiled once per process and reused while the file's mtime and
         * size are unchanged (checked when segment.validate_timestamps is on).
         */
        public static function fromFile(string $path): RuleSet {}

        /**
         * Returns the set cached under $key, or calls $loader() for the
         * definitions, compiles and caches them. Change the key (e.g. include
         * a version or updated-at stamp) to change the rules.
         */
        public static function cached(string $key, callable $loader): RuleSet {}

        /**
         * Checks one rule for the back office. Returns the attribute paths it
         * reads; throws RuleSyntaxError with line and column otherwise. With
         * $attributes, a path whose first segment is not listed is an error.
         *
         * @param array|null $attributes list of attribute names
         * @return list<string>
         */
        public static function validate(string $rule, ?array $attributes = null): array {}

        /**
         * Codes of all enabled matching segments, highest priority first.
         *
         * @param array|object $customer
         * @return list<string>
         */
        public function match(array|object $customer, \DateTimeInterface|int|null $now = null): array {}

        /** @param array|object $customer */
        public function first(array|object $customer, \DateTimeInterface|int|null $now = null): ?string {}

        /** @param array|object $customer */
        public function matches(array|object $customer, string $code, \DateTimeInterface|int|null $now = null): bool {}

        /**
         * Which sub-conditions of one segment's rule held or failed.
         *
         * Returns code, rule, enabled, result, conditions (the leaf conditions
         * in source order, each with type, text, result and values) and tree.
         *
         * @param array|object $customer
         */
        public function explain(array|object $customer, string $code, \DateTimeInterface|int|null $now = null): array {}

        /** @return list<string> codes in priority order */
        public function codes(): array {}

        /** @return list<array> in priority order */
        public function definitions(): array {}

        /** @return list<string> attribute paths the rules read */
        public function attributes(): array {}

        public function count(): int {}
    }
}
