--TEST--
Segment\RuleSet::cached(): the loader runs once per key; errors from the loader or its definitions propagate and are not cached
--EXTENSIONS--
segment
--FILE--
<?php
$calls = [];
$loader = function () use (&$calls) {
    $calls[] = 'shop-1';
    return [['code' => 'vip', 'rule' => 'total_spent > 1000'], ['code' => 'new', 'rule' => 'orders_count == 0']];
};
$a = Segment\RuleSet::cached('shop-1:v1', $loader);
$b = Segment\RuleSet::cached('shop-1:v1', $loader);
$c = Segment\RuleSet::cached('shop-1:v1', fn() => throw new LogicException('not called on a hit'));
echo 'loader calls: ', count($calls), "\n";
var_dump($a === $b, $a->codes() === $c->codes(), $c->first(['total_spent' => 5000]));

// A new key (e.g. a version or updated-at stamp) gets new rules.
$d = Segment\RuleSet::cached('shop-1:v2', fn() => [['code' => 'gold', 'rule' => 'total_spent > 10000']]);
echo implode(',', $d->codes()), ' / ', implode(',', $a->codes()), "\n";
// Keys are exact strings.
$e = Segment\RuleSet::cached('SHOP-1:v1', fn() => [['code' => 'other', 'rule' => 'true']]);
echo implode(',', $e->codes()), "\n";
// Any callable.
class Repo { public static function load(): array { return [['code' => 'static', 'rule' => 'true']]; } }
echo implode(',', Segment\RuleSet::cached('repo', [Repo::class, 'load'])->codes()), "\n";
echo implode(',', Segment\RuleSet::cached('repo', 'Repo::load')->codes()), "\n";

// Failures are not cached: the next call runs the loader again.
$attempts = 0;
$flaky = function () use (&$attempts) {
    if (++$attempts === 1) throw new RuntimeException('database is down');
    return [['code' => 'ok', 'rule' => 'true']];
};
foreach ([1, 2, 3] as $try) {
    try {
        $codes = Segment\RuleSet::cached('flaky', $flaky)->codes();
        echo "try $try: ", implode(',', $codes), "\n";
    } catch (RuntimeException $e) {
        echo "try $try: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
echo "attempts: $attempts\n";

foreach ([
    'not an array' => fn() => 'vip',
    'null' => fn() => null,
    'bad definition' => fn() => [['code' => 'x']],
    'bad rule' => fn() => [['code' => 'x', 'rule' => 'total >']],
] as $label => $bad) {
    try {
        Segment\RuleSet::cached("bad:$label", $bad);
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try {
    Segment\RuleSet::cached('k', 'no_such_function');
} catch (TypeError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
loader calls: 1
bool(false)
bool(true)
string(3) "vip"
gold / vip,new
other
static
static
try 1: RuntimeException: database is down
try 2: ok
try 3: ok
attempts: 2
not an array: TypeError: Segment\RuleSet::cached(): the loader must return an array of definitions, string returned
null: TypeError: Segment\RuleSet::cached(): the loader must return an array of definitions, null returned
bad definition: Segment\Exception: Segment\RuleSet::cached(): definition 0 needs 'rule' as a string
bad rule: Segment\RuleSyntaxError: segment 'x': line 1, column 8: expected a value, an attribute or '(', found the end of the rule
Segment\RuleSet::cached(): Argument #2 ($loader) must be a valid callback, function "no_such_function" not found or invalid function name
