--TEST--
Segment\RuleSet::fromFile(): JSON list or {"segments": [...]}, compiled once, reloaded when size or mtime change
--EXTENSIONS--
segment
--INI--
segment.validate_timestamps=1
--FILE--
<?php
function cache_stats(): string
{
    ob_start();
    phpinfo(INFO_MODULES);
    preg_match('/Cache hits \/ misses => (\d+ \/ \d+)/', ob_get_clean(), $m);
    return $m[1];
}
$dir = sys_get_temp_dir() . '/segment_fromfile_basic';
@mkdir($dir);
$list = "$dir/list.json";
$wrapped = "$dir/wrapped.json";
file_put_contents($list, json_encode([
    ['code' => 'vip', 'rule' => 'total_spent > 1000', 'priority' => 10, 'name' => 'VIP'],
    ['code' => 'regular', 'rule' => 'orders_count > 0'],
]));
file_put_contents($wrapped, json_encode(['version' => 3, 'segments' => [
    ['code' => 'lapsing', 'rule' => 'days_since(last_order) > 90', 'enabled' => true],
]], JSON_PRETTY_PRINT));

$a = Segment\RuleSet::fromFile($list);
echo 'stats after first load: ', cache_stats(), "\n";
$b = Segment\RuleSet::fromFile($list);
echo 'stats after second load: ', cache_stats(), "\n";
var_dump($a === $b, $a->codes() === $b->codes(), count($b));
echo implode(',', $a->match(['total_spent' => 2000, 'orders_count' => 3])), "\n";
echo implode(',', Segment\RuleSet::fromFile($wrapped)->codes()), "\n";

// Same mtime but a different size: reloaded.
$mtime = filemtime($list);
file_put_contents($list, json_encode([['code' => 'big_spender', 'rule' => 'total_spent > 5000']]));
touch($list, $mtime);
clearstatcache();
echo 'size changed: ', implode(',', Segment\RuleSet::fromFile($list)->codes()), "\n";

// Same size but a newer mtime: reloaded.
file_put_contents($list, json_encode([['code' => 'big_spender', 'rule' => 'total_spent > 9000']]));
touch($list, $mtime + 100);
clearstatcache();
$c = Segment\RuleSet::fromFile($list);
echo 'mtime changed: ', json_encode($c->definitions()[0]['rule']), "\n";
// Sets loaded earlier keep their own rules.
echo 'old object: ', implode(',', $a->codes()), "\n";

// With validate_timestamps off, the cached set is used even though the file changed.
ini_set('segment.validate_timestamps', '0');
file_put_contents($list, json_encode([['code' => 'changed', 'rule' => 'true'], ['code' => 'again', 'rule' => 'true']]));
touch($list, $mtime + 200);
clearstatcache();
echo 'not validated: ', implode(',', Segment\RuleSet::fromFile($list)->codes()), "\n";
ini_set('segment.validate_timestamps', '1');
echo 'validated again: ', implode(',', Segment\RuleSet::fromFile($list)->codes()), "\n";
echo 'stats at the end: ', cache_stats(), "\n";
?>
--CLEAN--
<?php
$dir = sys_get_temp_dir() . '/segment_fromfile_basic';
@unlink("$dir/list.json");
@unlink("$dir/wrapped.json");
@rmdir($dir);
?>
--EXPECT--
stats after first load: 0 / 1
stats after second load: 1 / 1
bool(false)
bool(true)
int(2)
vip,regular
lapsing
size changed: big_spender
mtime changed: "total_spent > 9000"
old object: vip,regular
not validated: big_spender
validated again: changed,again
stats at the end: 2 / 5
