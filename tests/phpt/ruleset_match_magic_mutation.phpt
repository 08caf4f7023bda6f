--TEST--
An attribute read earlier in an evaluation stays valid when a later __get()/offsetGet() replaces it
--DESCRIPTION--
Lazy-loading models often rebuild their data arrays inside __get().  Every attribute is read once
per evaluation; a value read before such a rebuild must still be the value the rules see, not
freed memory.
--EXTENSIONS--
segment
--FILE--
<?php
class LazyCustomer
{
    public array $data;
    public string $junk = '';
    public function __construct() { $this->data = ['name' => str_repeat('a', 40) . '1']; }
    public function __get($n)
    {
        $this->data = [];                   // frees the string read as data.name
        $this->junk = str_repeat('b', 41);  // and reuses its memory
        return 1;
    }
}
class LazyRow implements ArrayAccess
{
    public array $data;
    public string $junk = '';
    public function __construct() { $this->data = ['name' => str_repeat('a', 40) . '1']; }
    public function offsetExists(mixed $o): bool { return true; }
    public function offsetGet(mixed $o): mixed
    {
        if ($o === 'profile') return $this;
        if ($o === 'data') return $this->data;
        $this->data = [];
        $this->junk = str_repeat('b', 41);
        return 1;
    }
    public function offsetSet(mixed $o, mixed $v): void {}
    public function offsetUnset(mixed $o): void {}
}
$rs = new Segment\RuleSet([
    ['code' => 'lazy', 'rule' => 'data.name starts with "aaaa" and other == 1 and data.name ends with "a1" and length(data.name) == 41'],
]);
var_dump($rs->match(new LazyCustomer()));
$rs2 = new Segment\RuleSet([
    ['code' => 'lazy', 'rule' => 'profile.data.name starts with "aaaa" and profile.other == 1 and profile.data.name ends with "a1"'],
]);
var_dump($rs2->match(new LazyRow()));
?>
--EXPECT--
array(1) {
  [0]=>
  string(4) "lazy"
}
array(1) {
  [0]=>
  string(4) "lazy"
}
