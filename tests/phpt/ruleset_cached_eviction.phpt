--TEST--
The per-process cache is bounded by segment.cache_size (oldest entries go first)
--EXTENSIONS--
segment
--INI--
segment.cache_size=2
--FILE--
<?php
$calls = [];
function load(string $key): Segment\RuleSet
{
    global $calls;
    return Segment\RuleSet::cached($key, function () use ($key) {
        global $calls;
        $calls[] = $key;
        return [['code' => $key, 'rule' => 'true']];
    });
}
foreach (['a', 'b', 'a', 'c', 'b', 'a'] as $key) {
    load($key);
}
// a and b fit; c evicts a (the oldest); b is still there; a is loaded again.
echo implode(',', $calls), "\n";
var_dump(ini_get('segment.cache_size'));
var_dump(ini_set('segment.cache_size', '100')); // PHP_INI_SYSTEM
?>
--EXPECT--
a,b,c,a
string(1) "2"
bool(false)
