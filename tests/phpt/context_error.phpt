--TEST--
Segment\Context: bad options and attributes are TypeError / ValueError with clear messages
--EXTENSIONS--
segment
--FILE--
<?php
function try_(string $label, callable $f): void
{
    try {
        $f();
        echo "$label: no error\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
$req = fn(array $opts) => Segment\Context::fromRequest([], [], [], $opts);

try_('unknown option', fn() => $req(['timezon' => 'UTC']));
try_('unknown option, far', fn() => $req(['colour' => 'red']));
try_('integer key', fn() => $req(['UTC']));
try_('own_hosts string', fn() => $req(['own_hosts' => 'shop.example']));
try_('own_hosts int', fn() => $req(['own_hosts' => ['shop.example', 42]]));
try_('own_hosts empty', fn() => $req(['own_hosts' => ['']]));
try_('visitor_cookie int', fn() => $req(['visitor_cookie' => 1]));
try_('visitor_cookie empty', fn() => $req(['visitor_cookie' => '']));
try_('timezone unknown', fn() => $req(['timezone' => 'Mars/Olympus_Mons']));
try_('timezone int', fn() => $req(['timezone' => 3600]));
try_('timezone object', fn() => $req(['timezone' => new stdClass()]));
try_('now string', fn() => $req(['now' => '2026-01-01']));
try_('now float', fn() => $req(['now' => 1.5]));
try_('now far', fn() => $req(['now' => PHP_INT_MAX]));
try_('now far DateTime', fn() => $req(['now' => new DateTimeImmutable('+20000 years')]));
// Subclasses may override the methods the zone and time are read with.
class ThrowingDate extends DateTimeImmutable
{
    public function getTimestamp(): int { throw new RuntimeException('no time here'); }
}
class OddZone extends DateTimeZone
{
    #[\ReturnTypeWillChange]
    public function getOffset(DateTimeInterface $d) { return 'two hours'; }
}
try_('now throws', fn() => $req(['now' => new ThrowingDate()]));
try_('zone returns a string', fn() => $req(['now' => 0, 'timezone' => new OddZone('Asia/Tokyo')]));
try_('null options', fn() => $req(['own_hosts' => null, 'visitor_cookie' => null, 'timezone' => null, 'now' => null]));

try_('server not an array', fn() => Segment\Context::fromRequest('x'));
try_('no arguments', fn() => Segment\Context::fromRequest());
try_('get not an array', fn() => Segment\Context::fromRequest([], [], null));
try_('new', fn() => new Segment\Context());
try_('serialize', fn() => serialize(Segment\Context::fromRequest([])));
try_('unserialize', fn() => unserialize('O:15:"Segment\Context":0:{}'));
try_('dynamic property', function () { $c = Segment\Context::fromRequest([]); $c->x = 1; });
try_('reflection instance', function () {
    $c = (new ReflectionClass(Segment\Context::class))->newInstanceWithoutConstructor();
    $c->toArray();
});

$ctx = Segment\Context::fromRequest([]);
try_('with object', fn() => $ctx->with(['cart' => new ArrayObject([1])]));
try_('with nested object', fn() => $ctx->with(['cart' => ['items' => [1, 2, new stdClass()]]]));
try_('with closure', fn() => $ctx->with(['f' => fn() => 1]));
try_('with resource', fn() => $ctx->with(['r' => STDERR]));
try_('with integer key', fn() => $ctx->with(['a' => 1, 7 => 'x']));
try_('with list', fn() => $ctx->with(['x', 'y']));
try_('with empty key', fn() => $ctx->with(['' => 1]));
$deep = 1;
for ($i = 0; $i < 33; $i++) $deep = [$deep];
try_('with too deep', fn() => $ctx->with(['deep' => $deep]));
$self = [];
$self['me'] = &$self;
try_('with recursive', fn() => $ctx->with(['loop' => $self]));
try_('with not an array', fn() => $ctx->with('x'));
try_('get int', fn() => $ctx->get(1));
echo 'after the errors: ', count($ctx->toArray()), " attributes\n";
?>
--EXPECT--
unknown option: ValueError: unknown option 'timezon' (did you mean 'timezone'?)
unknown option, far: ValueError: unknown option 'colour'
integer key: ValueError: options must be keyed by name, not by the integer 0
own_hosts string: TypeError: option 'own_hosts' must be an array of host names, string given
own_hosts int: TypeError: option 'own_hosts' must hold host names (strings), int given
own_hosts empty: ValueError: option 'own_hosts' must not hold an empty host name
visitor_cookie int: TypeError: option 'visitor_cookie' must be a string, int given
visitor_cookie empty: ValueError: option 'visitor_cookie' must not be empty
timezone unknown: ValueError: option 'timezone' must be a time zone name such as "Europe/Paris", "Mars/Olympus_Mons" is not
timezone int: TypeError: option 'timezone' must be a time zone name or a DateTimeZone, int given
timezone object: TypeError: option 'timezone' must be a time zone name or a DateTimeZone, stdClass given
now string: TypeError: option 'now' must be a DateTimeInterface or a Unix timestamp (int), string given
now float: TypeError: option 'now' must be a DateTimeInterface or a Unix timestamp (int), float given
now far: ValueError: option 'now' is outside years 0000-9999
now far DateTime: ValueError: option 'now' is outside years 0000-9999
now throws: RuntimeException: no time here
zone returns a string: TypeError: OddZone::getOffset() must return an int, string returned
null options: no error
server not an array: TypeError: Segment\Context::fromRequest(): Argument #1 ($server) must be of type array, string given
no arguments: ArgumentCountError: Segment\Context::fromRequest() expects at least 1 argument, 0 given
get not an array: TypeError: Segment\Context::fromRequest(): Argument #3 ($get) must be of type array, null given
new: Error: Call to private Segment\Context::__construct() from global scope
serialize: Exception: Serialization of 'Segment\Context' is not allowed
unserialize: Exception: Unserialization of 'Segment\Context' is not allowed
dynamic property: Error: Cannot create dynamic property Segment\Context::$x
reflection instance: ReflectionException: Class Segment\Context is an internal class marked as final that cannot be instantiated without invoking its constructor
with object: ValueError: Segment\Context::with(): Argument #1 ($attributes) value of "cart" must be null, bool, int, float, string or an array of those, ArrayObject given
with nested object: ValueError: Segment\Context::with(): Argument #1 ($attributes) value of "cart" must be null, bool, int, float, string or an array of those, stdClass given
with closure: ValueError: Segment\Context::with(): Argument #1 ($attributes) value of "f" must be null, bool, int, float, string or an array of those, Closure given
with resource: ValueError: Segment\Context::with(): Argument #1 ($attributes) value of "r" must be null, bool, int, float, string or an array of those, resource given
with integer key: ValueError: Segment\Context::with(): Argument #1 ($attributes) must have non-empty string keys, integer key 7 given
with list: ValueError: Segment\Context::with(): Argument #1 ($attributes) must have non-empty string keys, integer key 0 given
with empty key: ValueError: Segment\Context::with(): Argument #1 ($attributes) must have non-empty string keys, "" given
with too deep: ValueError: Segment\Context::with(): Argument #1 ($attributes) value of "deep" is nested more than 32 levels deep
with recursive: ValueError: Segment\Context::with(): Argument #1 ($attributes) value of "loop" is nested more than 32 levels deep
with not an array: TypeError: Segment\Context::with(): Argument #1 ($attributes) must be of type array, string given
get int: no error
after the errors: 20 attributes
