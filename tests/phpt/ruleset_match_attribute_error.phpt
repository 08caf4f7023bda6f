--TEST--
Segment\AttributeError for values rules cannot use; exceptions from offsetGet, __get and __toString propagate
--EXTENSIONS--
segment
--FILE--
<?php
enum Pure { case A; }
class NoString {}
class BadString { public function __toString(): string { throw new RuntimeException('__toString failed'); } }
class Exploding implements ArrayAccess
{
    public function offsetExists(mixed $o): bool { return true; }
    public function offsetGet(mixed $o): mixed { throw new LogicException("offsetGet($o) failed"); }
    public function offsetSet(mixed $o, mixed $v): void {}
    public function offsetUnset(mixed $o): void {}
}
class MagicThrows { public function __get($n) { throw new DomainException("__get($n) failed"); } }

$rs = new Segment\RuleSet([['code' => 'seg', 'rule' => 'profile.value == 1']]);
$fh = fopen('php://memory', 'r');
$cases = [
    'resource' => ['profile' => ['value' => $fh]],
    'closure' => ['profile' => ['value' => fn() => 1]],
    'object' => ['profile' => ['value' => new NoString()]],
    'ArrayObject value' => ['profile' => ['value' => new ArrayObject([1])]],
    'pure enum' => ['profile' => ['value' => Pure::A]],
    'lists nested too deep' => ['profile' => ['value' => [[[[[[[[[1]]]]]]]]]]],
    'offsetGet throws' => ['profile' => new Exploding()],
    '__get throws' => ['profile' => new MagicThrows()],
    '__toString throws' => ['profile' => ['value' => new BadString()]],
];
foreach ($cases as $label => $customer) {
    foreach (['match', 'first', 'matches', 'explain', 'segment_of', 'segments_of'] as $how) {
        try {
            match ($how) {
                'match' => $rs->match($customer),
                'first' => $rs->first($customer),
                'matches' => $rs->matches($customer, 'seg'),
                'explain' => $rs->explain($customer, 'seg'),
                'segment_of' => segment_of($customer, $rs),
                'segments_of' => segments_of($customer, $rs),
            };
            echo "$label/$how: no exception\n";
        } catch (Segment\AttributeError $e) {
            if ($how === 'match') echo "$label: AttributeError: ", $e->getMessage(), " [", $e->getAttribute(), "]\n";
        } catch (Exception $e) {
            if ($how === 'match') echo "$label: ", get_class($e), ": ", $e->getMessage(), "\n";
        }
    }
}
var_dump(new Segment\AttributeError() instanceof Segment\Exception);
// Eight levels of nested lists are fine.
var_dump($rs->matches(['profile' => ['value' => [[[[[[[1]]]]]]]]], 'seg'));
?>
--EXPECT--
resource: AttributeError: attribute 'profile.value' is a resource; rules can use numbers, strings, booleans, dates and lists [profile.value]
closure: AttributeError: attribute 'profile.value' is an object of class Closure; rules can use numbers, strings, booleans, dates and lists [profile.value]
object: AttributeError: attribute 'profile.value' is an object of class NoString; rules can use numbers, strings, booleans, dates and lists [profile.value]
ArrayObject value: AttributeError: attribute 'profile.value' is an object of class ArrayObject; rules can use numbers, strings, booleans, dates and lists [profile.value]
pure enum: AttributeError: attribute 'profile.value' is a pure enum case of Pure; rules need a backed enum [profile.value]
lists nested too deep: AttributeError: attribute 'profile.value' nests lists too deeply [profile.value]
offsetGet throws: LogicException: offsetGet(value) failed
__get throws: DomainException: __get(value) failed
__toString throws: RuntimeException: __toString failed
bool(true)
bool(false)
