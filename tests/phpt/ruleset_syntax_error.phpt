--TEST--
Segment\RuleSyntaxError: message, line, column, expected and segment code of bad rules
--EXTENSIONS--
segment
--FILE--
<?php
$rules = [
    'x ==',
    "orders_count > 3 and\n    (country == 'FR'",
    "total > 100\n  and country = 'FR')",
    'country == "FR',
    'x < y < z',
    "x is 5",
    "x & y",
    "x starts 'a'",
    "x does contain 'a'",
    "x between 1 or 5",
    'x == 1abc',
    "x == 'a\\q'",
    // columns count characters (UTF-8 code points), not bytes
    "name == 'Zoë' and\n  'Ünïcødé' == city @",
    '',
    "  # nothing but a comment",
    "unknown_fn(x) > 1",
];
foreach ($rules as $rule) {
    try {
        new Segment\RuleSet([['code' => 'seg_1', 'rule' => $rule]]);
        echo "no exception\n";
    } catch (Segment\RuleSyntaxError $e) {
        printf("%s\n  line=%d column=%d code=%s expected=%s\n", $e->getMessage(), $e->getRuleLine(),
            $e->getRuleColumn(), $e->getSegmentCode(), $e->getExpected());
    }
}

// The same error from validate() carries no segment code.
try {
    $phpLine = __LINE__ + 1;
    Segment\RuleSet::validate("a == 1 or\nb ==");
} catch (Segment\RuleSyntaxError $e) {
    var_dump($e->getMessage(), $e->getSegmentCode(), $e->getRuleLine(), $e->getRuleColumn());
    // getLine() is PHP's own line, not the rule's.
    var_dump($e->getLine() === $phpLine);
    var_dump($e instanceof Segment\Exception, $e instanceof Exception);
}
?>
--EXPECT--
segment 'seg_1': line 1, column 5: expected a value, an attribute or '(', found the end of the rule
  line=1 column=5 code=seg_1 expected=a value, an attribute or '('
segment 'seg_1': line 2, column 21: expected ',' or ')', found the end of the rule
  line=2 column=21 code=seg_1 expected=',' or ')'
segment 'seg_1': line 2, column 21: expected the end of the rule (this ')' has no '('), found ')'
  line=2 column=21 code=seg_1 expected=the end of the rule (this ')' has no '(')
segment 'seg_1': line 1, column 12: this string is never closed
  line=1 column=12 code=seg_1 expected=a closing quote
segment 'seg_1': line 1, column 7: expected 'and', 'or', ')' or the end of the rule (comparisons do not chain), found '<'
  line=1 column=7 code=seg_1 expected='and', 'or', ')' or the end of the rule (comparisons do not chain)
segment 'seg_1': line 1, column 6: expected 'null', 'not' or 'one of' after 'is', found number 5
  line=1 column=6 code=seg_1 expected='null', 'not' or 'one of' after 'is'
segment 'seg_1': line 1, column 3: a single '&' is not an operator; write 'and'
  line=1 column=3 code=seg_1 expected='&&' or 'and'
segment 'seg_1': line 1, column 10: expected 'with' after 'starts', found string "a"
  line=1 column=10 code=seg_1 expected='with' after 'starts'
segment 'seg_1': line 1, column 8: expected 'not' after 'does', found name "contain"
  line=1 column=8 code=seg_1 expected='not' after 'does'
segment 'seg_1': line 1, column 13: expected 'and' between the two bounds of 'between', found 'or'
  line=1 column=13 code=seg_1 expected='and' between the two bounds of 'between'
segment 'seg_1': line 1, column 7: a number runs into letters
  line=1 column=7 code=seg_1 expected=an operator or the end of the number
segment 'seg_1': line 1, column 8: unknown escape sequence in string
  line=1 column=8 code=seg_1 expected=one of \\ \" \' \n \t \r \xHH
segment 'seg_1': line 2, column 21: unexpected character '@'
  line=2 column=21 code=seg_1 expected=an attribute, a value or an operator
segment 'seg_1': line 1, column 1: the rule is empty
  line=1 column=1 code=seg_1 expected=a condition
segment 'seg_1': line 1, column 26: the rule is empty
  line=1 column=26 code=seg_1 expected=a condition
segment 'seg_1': line 1, column 1: unknown function 'unknown_fn'
  line=1 column=1 code=seg_1 expected=a known function
string(82) "line 2, column 5: expected a value, an attribute or '(', found the end of the rule"
string(0) ""
int(2)
int(5)
bool(true)
bool(true)
bool(true)
