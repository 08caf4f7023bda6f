--TEST--
segment_of() follows every change of segment.rules_file, also when it is changed twice between calls
--DESCRIPTION--
The default set is reloaded when segment.rules_file changes during the request.  Whether it
changed must not be decided by the address of the INI string: a new value may be allocated where
an earlier, freed value was.
--EXTENSIONS--
segment
--FILE--
<?php
$dir = sys_get_temp_dir() . '/segment_of_rules_file_change';
@mkdir($dir);
foreach (['a', 'b', 'c'] as $n) {
    file_put_contents("$dir/$n.json", json_encode([['code' => "from_$n", 'rule' => 'true']]));
}
ini_set('segment.rules_file', $dir . '/a.json'); // computed strings, freed when replaced
var_dump(segment_of([]));
ini_set('segment.rules_file', $dir . '/b.json');
ini_set('segment.rules_file', $dir . '/c.json');
var_dump(segment_of([]));
ini_set('segment.rules_file', $dir . '/b.json');
var_dump(segments_of([]));
?>
--CLEAN--
<?php
$dir = sys_get_temp_dir() . '/segment_of_rules_file_change';
foreach (['a', 'b', 'c'] as $n) @unlink("$dir/$n.json");
@rmdir($dir);
?>
--EXPECT--
string(6) "from_a"
string(6) "from_c"
array(1) {
  [0]=>
  string(6) "from_b"
}
