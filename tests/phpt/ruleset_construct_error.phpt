--TEST--
Segment\RuleSet::__construct(): bad definitions throw Segment\Exception, bad rules RuleSyntaxError
--EXTENSIONS--
segment
--FILE--
<?php
$cases = [
    'not an array' => ['vip'],
    'no code' => [['rule' => 'x > 1']],
    'code not a string' => [['code' => 5, 'rule' => 'x > 1']],
    'no rule' => [['code' => 'a']],
    'rule not a string' => [['code' => 'a', 'rule' => true]],
    'empty code' => [['code' => '', 'rule' => 'x > 1']],
    'code too long' => [['code' => str_repeat('c', 256), 'rule' => 'x > 1']],
    'duplicate' => [['code' => 'a', 'rule' => 'x > 1'], ['code' => 'b', 'rule' => 'x > 2'], ['code' => 'a', 'rule' => 'x > 3']],
    'float priority' => [['code' => 'a', 'rule' => 'x > 1', 'priority' => 1.5]],
    'word priority' => [['code' => 'a', 'rule' => 'x > 1', 'priority' => 'high']],
    'array enabled' => [['code' => 'a', 'rule' => 'x > 1', 'enabled' => []]],
    'int name' => [['code' => 'a', 'rule' => 'x > 1', 'name' => 5]],
    'bad rule' => [['code' => 'ok', 'rule' => 'x > 1'], ['code' => 'broken', 'rule' => 'x >']],
];
foreach ($cases as $label => $defs) {
    try {
        new Segment\RuleSet($defs);
        echo "$label: no exception\n";
    } catch (Segment\Exception $e) {
        echo "$label: ", get_class($e), ": ", $e->getMessage(), "\n";
    }
}
$ok = str_repeat('c', 255);
var_dump(count(new Segment\RuleSet([['code' => $ok, 'rule' => 'x > 1']])));

try {
    new Segment\RuleSet('x > 1');
} catch (TypeError $e) {
    echo $e->getMessage(), "\n";
}

$rs = new Segment\RuleSet([['code' => 'a', 'rule' => 'x > 1']]);
try {
    $rs->__construct([['code' => 'b', 'rule' => 'x > 2']]);
} catch (Error $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
var_dump($rs->codes());
?>
--EXPECT--
not an array: Segment\Exception: Segment\RuleSet::__construct(): definition 0 is not an array with 'code' and 'rule'
no code: Segment\Exception: Segment\RuleSet::__construct(): definition 0 needs 'code' as a string
code not a string: Segment\Exception: Segment\RuleSet::__construct(): definition 0 needs 'code' as a string
no rule: Segment\Exception: Segment\RuleSet::__construct(): definition 0 needs 'rule' as a string
rule not a string: Segment\Exception: Segment\RuleSet::__construct(): definition 0 needs 'rule' as a string
empty code: Segment\Exception: Segment\RuleSet::__construct(): definition 0: a segment code must be 1 to 255 bytes long
code too long: Segment\Exception: Segment\RuleSet::__construct(): definition 0: a segment code must be 1 to 255 bytes long
duplicate: Segment\Exception: Segment\RuleSet::__construct(): definition 2: segment code 'a' is defined twice (definitions 0 and 2)
float priority: Segment\Exception: Segment\RuleSet::__construct(): definition 0 has a 'priority' that is not an integer
word priority: Segment\Exception: Segment\RuleSet::__construct(): definition 0 has a 'priority' that is not an integer
array enabled: Segment\Exception: Segment\RuleSet::__construct(): definition 0 has an 'enabled' that is not a boolean
int name: Segment\Exception: Segment\RuleSet::__construct(): definition 0 has a 'name' that is not a string
bad rule: Segment\RuleSyntaxError: segment 'broken': line 1, column 4: expected a value, an attribute or '(', found the end of the rule
int(1)
Segment\RuleSet::__construct(): Argument #1 ($definitions) must be of type array, string given
Error: Segment\RuleSet is immutable; create a new one
array(1) {
  [0]=>
  string(1) "a"
}
