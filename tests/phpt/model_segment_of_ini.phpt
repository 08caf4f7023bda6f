--TEST--
segment_of()/segments_of() with INI segment.model: the customer is the profile; objects by their properties; ini_set() switches models; errors (issue 5)
--EXTENSIONS--
segment
--FILE--
<?php
$dir = sys_get_temp_dir() . '/segment-model-ini-' . getmypid();
@mkdir($dir);
Segment\Model::build([
    ['code' => 'vip', 'rule' => 'orders >= 3 and country == "FR"', 'priority' => 3],
    ['code' => 'prospect', 'rule' => 'visitor_type == "registered"', 'priority' => 2],
    ['code' => 'known', 'rule' => 'visitor_type != "guest"', 'priority' => 1],
], null, null, ['version' => 'a'])->save("$dir/a.json");
Segment\Model::build([['code' => 'b_any', 'rule' => 'true']], null, null, ['version' => 'b'])->save("$dir/b.json");

ini_set('segment.model', "$dir/a.json");
var_dump(segment_of(['orders' => 5, 'country' => 'FR']));
var_dump(segments_of(['orders' => 5, 'country' => 'FR']));
var_dump(segments_of(['orders' => 0]));
$o = new stdClass();
$o->orders = 4;
$o->country = 'FR';
var_dump(segment_of($o));
// a given rule set still wins over the default model
var_dump(segment_of(['orders' => 5], new Segment\RuleSet([['code' => 'own', 'rule' => 'orders > 1']])));
ini_set('segment.model', "$dir/b.json");
var_dump(segment_of(['orders' => 5, 'country' => 'FR']));
ini_set('segment.model', "$dir/missing.json");
try {
    segment_of([]);
} catch (Segment\Exception $e) {
    echo get_class($e), ': ', str_replace($dir, 'DIR', $e->getMessage()), "\n";
}
file_put_contents("$dir/bad.json", '{"format": "segment-model", "version": 1}');
ini_set('segment.model', "$dir/bad.json");
try {
    segments_of([]);
} catch (Segment\Exception $e) {
    echo get_class($e), ': ', str_replace($dir, 'DIR', $e->getMessage()), "\n";
}
ini_set('segment.model', '');
try {
    segment_of(['orders' => 5]);   // no default model, no rules file
} catch (Throwable $e) {
    echo get_class($e), "\n";
}
foreach (glob("$dir/*") as $f) unlink($f);
rmdir($dir);
?>
--EXPECT--
string(3) "vip"
array(2) {
  [0]=>
  string(3) "vip"
  [1]=>
  string(5) "known"
}
array(2) {
  [0]=>
  string(8) "prospect"
  [1]=>
  string(5) "known"
}
string(3) "vip"
string(3) "own"
string(5) "b_any"
Segment\Exception: cannot read the segment model 'DIR/missing.json'
Segment\Exception: 'DIR/bad.json' is not a valid segment model: 'model_version' must be a string of 1 to 128 bytes
Error
