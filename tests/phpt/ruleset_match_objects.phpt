--TEST--
Customers as objects: stdClass, public/protected/private properties (public only, even from inside the class), __get, ArrayAccess, nesting
--EXTENSIONS--
segment
--FILE--
<?php
$rs = new Segment\RuleSet([
    ['code' => 'pub', 'rule' => 'pub == 1'],
    ['code' => 'prot', 'rule' => 'prot == 2'],
    ['code' => 'priv', 'rule' => 'priv == 3'],
    ['code' => 'prot_null', 'rule' => 'prot is null and priv is null'],
    ['code' => 'nested', 'rule' => 'address.city == "Lyon" and address.geo.zone == 69'],
    ['code' => 'dyn', 'rule' => 'dyn == "yes"'],
]);

class Customer
{
    public $pub = 1;
    protected $prot = 2;
    private $priv = 3;
    public $address;

    public function segments(Segment\RuleSet $rs): array
    {
        // Called from inside the class: protected and private stay invisible.
        return [$rs->match($this), segments_of($this, $rs), segment_of($this, $rs)];
    }
}
class Child extends Customer
{
    public function fromChild(Segment\RuleSet $rs): array { return $rs->match($this); }
}
$c = new Customer();
$c->address = (object)['city' => 'Lyon', 'geo' => ['zone' => 69]];
echo 'outside: ', implode(',', $rs->match($c)), "\n";
echo 'inside:  ', json_encode($c->segments($rs)), "\n";
echo 'child:   ', implode(',', (new Child())->fromChild($rs)), "\n";

$std = new stdClass();
$std->pub = 1;
$std->dyn = 'yes';
$std->address = ['city' => 'Lyon', 'geo' => new ArrayObject(['zone' => '69'])];
echo 'stdClass: ', implode(',', $rs->match($std)), "\n";

class Magic
{
    public int $calls = 0;
    private array $data = ['pub' => 1, 'prot' => 2];
    public function __get($name) { $this->calls++; return $this->data[$name] ?? null; }
}
$m = new Magic();
echo '__get: ', implode(',', $rs->match($m)), ' calls=', $m->calls, "\n";

class MagicIsset extends Magic
{
    public function __isset($name) { return $name === 'pub'; }
}
echo '__isset: ', implode(',', $rs->match(new MagicIsset())), "\n";

class Row implements ArrayAccess
{
    public $prot = 'properties are not used for ArrayAccess';
    public array $reads = [];
    public function __construct(private array $row) {}
    public function offsetExists(mixed $o): bool { return isset($this->row[$o]); }
    public function offsetGet(mixed $o): mixed { $this->reads[] = $o; return $this->row[$o]; }
    public function offsetSet(mixed $o, mixed $v): void {}
    public function offsetUnset(mixed $o): void {}
}
$row = new Row(['pub' => '1', 'prot' => 2, 'address' => new Row(['city' => 'Lyon', 'geo' => ['zone' => 69]])]);
echo 'ArrayAccess: ', implode(',', $rs->match($row)), "\n";
sort($row->reads);
echo 'offsetGet calls (each path read once; a shared prefix once per path): ', implode(',', array_map('strval', $row->reads)), "\n";

class Typed { public int $uninit; public ?int $pub = 1; public readonly int $prot; public function __construct() { $this->prot = 2; } }
echo 'typed: ', implode(',', $rs->match(new Typed())), "\n";
?>
--EXPECT--
outside: pub,prot_null,nested
inside:  [["pub","prot_null","nested"],["pub","prot_null","nested"],"pub"]
child:   pub,prot_null
stdClass: pub,prot_null,nested,dyn
__get: pub,prot calls=5
__isset: pub,prot_null
ArrayAccess: pub,prot,nested
offsetGet calls (each path read once; a shared prefix once per path): address,address,prot,pub
typed: pub,prot
