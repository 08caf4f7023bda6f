--TEST--
Segment\RuleSet::explain() and matches(): unknown codes are a ValueError, wrong arguments a TypeError
--EXTENSIONS--
segment
--FILE--
<?php
$rs = new Segment\RuleSet([['code' => 'vip', 'rule' => 'total > 100'], ['code' => 'VIP2', 'rule' => 'total > 1000']]);
$calls = [
    'explain unknown' => fn() => $rs->explain([], 'gold'),
    'matches unknown' => fn() => $rs->matches([], 'gold'),
    'codes are case-sensitive' => fn() => $rs->matches([], 'VIP'),
    'explain empty code' => fn() => $rs->explain([], ''),
    'explain customer string' => fn() => $rs->explain('alice', 'vip'),
    'matches now string' => fn() => $rs->matches([], 'vip', 'tomorrow'),
    'match now object' => fn() => $rs->match([], new stdClass()),
    'explain missing code' => fn() => $rs->explain([]),
    'match no customer' => fn() => $rs->match(),
];
foreach ($calls as $label => $call) {
    try {
        $call();
        echo "$label: no exception\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ": ", $e->getMessage(), "\n";
    }
}
?>
--EXPECTF--
explain unknown: ValueError: Segment\RuleSet::explain(): Argument #2 ($code) must be the code of a segment in this set, "gold" is not
matches unknown: ValueError: Segment\RuleSet::matches(): Argument #2 ($code) must be the code of a segment in this set, "gold" is not
codes are case-sensitive: ValueError: Segment\RuleSet::matches(): Argument #2 ($code) must be the code of a segment in this set, "VIP" is not
explain empty code: ValueError: Segment\RuleSet::explain(): Argument #2 ($code) must be the code of a segment in this set, "" is not
explain customer string: TypeError: Segment\RuleSet::explain(): Argument #1 ($customer) must be of type %s, string given
matches now string: TypeError: Segment\RuleSet::matches(): Argument #3 ($now) must be of type DateTimeInterface|int|null, string given
match now object: TypeError: Segment\RuleSet::match(): Argument #2 ($now) must be of type DateTimeInterface|int|null, stdClass given
explain missing code: ArgumentCountError: Segment\RuleSet::explain() expects at least 2 arguments, 1 given
match no customer: ArgumentCountError: Segment\RuleSet::match() expects at least 1 argument, 0 given
