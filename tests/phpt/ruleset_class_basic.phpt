--TEST--
Segment\RuleSet is final, Countable, immutable, not serializable and not cloneable; the exception hierarchy
--EXTENSIONS--
segment
--FILE--
<?php
$class = new ReflectionClass(Segment\RuleSet::class);
var_dump($class->isFinal(), $class->implementsInterface(Countable::class), $class->getProperties());
$rs = new Segment\RuleSet([['code' => 'a', 'rule' => 'x > 1']]);
var_dump(count($rs), $rs instanceof Countable);

$attempts = [
    'clone' => fn() => clone $rs,
    'serialize' => fn() => serialize($rs),
    'unserialize' => fn() => unserialize('O:15:"Segment\RuleSet":0:{}'),
    'dynamic property' => function () use ($rs) { $rs->extra = 1; },
    'without constructor' => fn() => $class->newInstanceWithoutConstructor(),
];
foreach ($attempts as $label => $attempt) {
    try {
        $attempt();
        echo "$label: allowed\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
var_dump(json_encode($rs), (array)$rs);

foreach ([Segment\Exception::class, Segment\RuleSyntaxError::class, Segment\AttributeError::class] as $name) {
    echo $name, ' extends ', get_parent_class($name), "\n";
}
$e = new Segment\RuleSyntaxError('message');
var_dump($e->getSegmentCode(), $e->getRuleLine(), $e->getRuleColumn(), $e->getExpected());
var_dump((new Segment\AttributeError())->getAttribute());
?>
--EXPECTF--
bool(true)
bool(true)
array(0) {
}
int(1)
bool(true)
clone: Error: Trying to clone an uncloneable object of class Segment\RuleSet
serialize: Exception: Serialization of 'Segment\RuleSet' is not allowed
unserialize: Exception: Unserialization of 'Segment\RuleSet' is not allowed
dynamic property: Error: Cannot create dynamic property Segment\RuleSet::$extra
without constructor: ReflectionException: Class Segment\RuleSet is an internal class marked as final that cannot be instantiated without invoking its constructor
string(2) "{}"
array(0) {
}
Segment\Exception extends Exception
Segment\RuleSyntaxError extends Segment\Exception
Segment\AttributeError extends Segment\Exception
string(0) ""
int(0)
int(0)
string(0) ""
string(0) ""
