--TEST--
Strings returned by a rule set (codes, names, rules, path keys) outlive the set
--DESCRIPTION--
match(), first(), codes(), definitions(), explain(), segment_of() and segments_of() return codes,
names and rules, and ArrayAccess::offsetGet() / __get() receive attribute names.  They are ordinary
PHP strings that may live longer than the RuleSet that produced them.
--EXTENSIONS--
segment
--FILE--
<?php
function results(): array
{
    $rs = new Segment\RuleSet([['code' => 'vip', 'name' => 'Very important', 'rule' => 'total > 100']]);
    return [$rs->match(['total' => 500]), $rs->first(['total' => 500]), $rs->codes(), $rs->definitions(),
        $rs->explain(['total' => 500], 'vip'), segments_of(['total' => 500], $rs)];
}
function churn(): void
{
    $junk = [];
    for ($i = 0; $i < 2000; $i++) $junk[] = str_repeat('x', $i % 64 + 1) . $i;
}

$r = results(); // the set is gone now
churn();
echo json_encode($r), "\n";
unset($r);
churn();

// A temporary set passed to segment_of().
$code = segment_of(['total' => 500], new Segment\RuleSet([['code' => 'temp', 'rule' => 'total > 1']]));
churn();
var_dump($code);
unset($code);
churn();

// Attribute names handed to user code.
class Recorder implements ArrayAccess
{
    public array $seen = [];
    public function offsetExists(mixed $o): bool { return true; }
    public function offsetGet(mixed $o): mixed { $this->seen[] = $o; return 1; }
    public function offsetSet(mixed $o, mixed $v): void {}
    public function offsetUnset(mixed $o): void {}
}
class MagicRecorder
{
    public array $seen = [];
    public function __get($name) { $this->seen[] = $name; return 1; }
}
$rec = new Recorder();
$magic = new MagicRecorder();
(function () use ($rec, $magic) {
    $rs = new Segment\RuleSet([['code' => 'a', 'rule' => 'lifetime_value == 1 and cart.items == 1']]);
    $rs->match($rec);
    $rs->match($magic);
})();
churn();
echo json_encode([$rec->seen, $magic->seen]), "\n";
$rec->seen = $magic->seen = [];
churn();
echo "done\n";
?>
--EXPECT--
[["vip"],"vip",["vip"],[{"code":"vip","name":"Very important","rule":"total > 100","priority":0,"enabled":true}],{"code":"vip","rule":"total > 100","enabled":true,"result":true,"conditions":[{"type":"condition","text":"total > 100","result":true,"values":[500,100]}],"tree":{"type":"condition","text":"total > 100","result":true,"values":[500,100]}},["vip"]]
string(4) "temp"
[["lifetime_value","cart"],["lifetime_value","cart"]]
done
