<?php

namespace PrestaShop\Module\Segment;

/**
 * Checks a rule as the back office form submits it, through the extension's
 * compiler (Segment\RuleSet::validate): the rule is data, never PHP or SQL.
 */
final class RuleValidator
{
    public const MAX_LENGTH = 8192;

    /**
     * @return array{valid: bool, message: string, line: int, column: int, attributes: list<string>}
     */
    public function validate(string $rule): array
    {
        $result = ['valid' => false, 'message' => '', 'line' => 0, 'column' => 0, 'attributes' => []];
        if (trim($rule) === '') {
            $result['message'] = 'The rule is empty.';

            return $result;
        }
        if (strlen($rule) > self::MAX_LENGTH) {
            $result['message'] = 'The rule is longer than ' . self::MAX_LENGTH . ' bytes.';

            return $result;
        }
        if (!mb_check_encoding($rule, 'UTF-8')) {
            $result['message'] = 'The rule is not valid UTF-8 text.';

            return $result;
        }
        try {
            $result['attributes'] = \Segment\RuleSet::validate($rule, Attributes::names());
            $result['valid'] = true;
        } catch (\Segment\RuleSyntaxError $e) {
            $result['message'] = $e->getMessage();
            $result['line'] = $e->getRuleLine();
            $result['column'] = $e->getRuleColumn();
        }

        return $result;
    }
}
