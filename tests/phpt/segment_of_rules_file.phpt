--TEST--
segment_of() and segments_of() without a set use INI segment.rules_file, resolved once per request and again when the setting changes
--EXTENSIONS--
segment
--INI--
segment.rules_file={PWD}/segment_of_rules_file.json
--FILE--
<?php
$file = __DIR__ . '/segment_of_rules_file.json';
file_put_contents($file, json_encode(['segments' => [
    ['code' => 'vip', 'rule' => 'total_spent > 1000', 'priority' => 2],
    ['code' => 'buyer', 'rule' => 'orders_count > 0'],
]]));
var_dump(ini_get('segment.rules_file') === $file);
var_dump(segment_of(['total_spent' => 5000, 'orders_count' => 3]));
echo json_encode(segments_of(['total_spent' => 5000, 'orders_count' => 3])), "\n";
var_dump(segment_of(['orders_count' => 0]));
echo json_encode(segments_of((object)['orders_count' => 1])), "\n";
// null means "the default set" too.
var_dump(segment_of(['orders_count' => 1], null));

// The default set was resolved at the first call: a changed file is seen next request.
file_put_contents($file, json_encode([['code' => 'everyone', 'rule' => 'true']]));
touch($file, time() + 100);
clearstatcache();
var_dump(segment_of(['orders_count' => 1]));
// An explicit set is always used as given.
$given = new Segment\RuleSet([['code' => 'given', 'rule' => 'true']]);
var_dump(segment_of([], $given));
// fromFile() sees the new contents.
echo json_encode(Segment\RuleSet::fromFile($file)->codes()), "\n";
// Pointing segment.rules_file at another file during the request is followed.
$other = __DIR__ . '/segment_of_rules_file_other.json';
file_put_contents($other, json_encode([['code' => 'other', 'rule' => 'true']]));
ini_set('segment.rules_file', $other);
var_dump(segment_of([]));
?>
--CLEAN--
<?php
@unlink(__DIR__ . '/segment_of_rules_file.json');
@unlink(__DIR__ . '/segment_of_rules_file_other.json');
?>
--EXPECT--
bool(true)
string(3) "vip"
["vip","buyer"]
NULL
["buyer"]
string(5) "buyer"
string(5) "buyer"
string(5) "given"
["everyone"]
string(5) "other"
