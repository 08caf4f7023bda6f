--TEST--
Limits: list items, function arguments, path parts, rule length and nesting (INI segment.max_rule_length, segment.max_depth)
--EXTENSIONS--
segment
--FILE--
<?php
function check(string $label, string $rule): void
{
    try {
        Segment\RuleSet::validate($rule);
        echo "$label: ok\n";
    } catch (Segment\RuleSyntaxError $e) {
        echo "$label: ", $e->getMessage(), "\n";
    }
}
var_dump(ini_get('segment.max_rule_length'), ini_get('segment.max_depth'));

check('4096 list items', 'id in (' . implode(',', range(1, 4096)) . ')');
check('4097 list items', 'id in (' . implode(',', range(1, 4097)) . ')');
check('16 arguments', 'min(' . implode(', ', array_fill(0, 16, 'a')) . ') > 1');
check('17 arguments', 'min(' . implode(', ', array_fill(0, 17, 'a')) . ') > 1');
check('16 path parts', implode('.', range('a', 'p')) . ' == 1');
check('17 path parts', implode('.', range('a', 'q')) . ' == 1');
check('31 parentheses', str_repeat('(', 31) . 'vip' . str_repeat(')', 31));
check('32 parentheses', str_repeat('(', 32) . 'vip' . str_repeat(')', 32));
check('40 parentheses', str_repeat('(', 40) . 'vip' . str_repeat(')', 40));
check('1000 conditions in one and', implode(' and ', array_fill(0, 1000, 'x == 1')));

// 65536 bytes is the default limit.
$rule = 'x == "' . str_repeat('a', 65536 - 7) . '"';
check(strlen($rule) . ' bytes', $rule);
check(strlen($rule . ' ') . ' bytes', $rule . ' ');

ini_set('segment.max_rule_length', '20');
check('20 bytes', 'total_spent > 123456');
check('21 bytes', 'total_spent > 1234567');
try {
    new Segment\RuleSet([['code' => 'long', 'rule' => 'total_spent > 1234567']]);
} catch (Segment\RuleSyntaxError $e) {
    echo $e->getMessage(), "\n";
}

ini_set('segment.max_depth', '4');
check('depth 4: (vip)', '(vip)');
check('depth 4: ((vip))', '((vip))');

// Limits must be positive and bounded: a zero would disable the guard.
var_dump(ini_set('segment.max_depth', '0'));
var_dump(ini_set('segment.max_depth', '257'));
var_dump(ini_set('segment.max_rule_length', '-1'));
var_dump(ini_get('segment.max_depth'), ini_get('segment.max_rule_length'));
?>
--EXPECTF--
string(5) "65536"
string(2) "64"
4096 list items: ok
4097 list items: line 1, column %d: too many list items (at most 4096)
16 arguments: ok
17 arguments: line 1, column 53: too many function arguments (at most 16)
16 path parts: ok
17 path parts: line 1, column 33: an attribute path has at most 16 parts
31 parentheses: ok
32 parentheses: line 1, column 33: the rule is nested more than 64 levels deep
40 parentheses: line 1, column 33: the rule is nested more than 64 levels deep
1000 conditions in one and: ok
65536 bytes: ok
65537 bytes: line 1, column 1: the rule is 65537 bytes long; the limit is 65536
20 bytes: ok
21 bytes: line 1, column 1: the rule is 21 bytes long; the limit is 20
segment 'long': line 1, column 1: the rule is 21 bytes long; the limit is 20
depth 4: (vip): ok
depth 4: ((vip)): line 1, column 3: the rule is nested more than 4 levels deep

Warning: ini_set(): segment.max_depth must be between 1 and 256 in %s on line %d
bool(false)

Warning: ini_set(): segment.max_depth must be between 1 and 256 in %s on line %d
bool(false)

Warning: ini_set(): segment.max_rule_length must be between 1 and 16777216 in %s on line %d
bool(false)
string(1) "4"
string(2) "20"
