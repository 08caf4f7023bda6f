--TEST--
segment_of() and segments_of(): no set and no segment.rules_file, bad files, wrong argument types
--EXTENSIONS--
segment
--FILE--
<?php
$calls = [
    'no set, no INI' => fn() => segment_of(['x' => 1]),
    'segments_of, no set' => fn() => segments_of(['x' => 1]),
    'customer string' => fn() => segment_of('alice'),
    'customer int' => fn() => segments_of(42),
    'set of the wrong class' => fn() => segment_of([], new stdClass()),
    'set as array' => fn() => segments_of([], []),
];
foreach ($calls as $label => $call) {
    try {
        $call();
        echo "$label: no exception\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
$file = sys_get_temp_dir() . '/segment_of_error.json';
file_put_contents($file, '[{"code": "a", "rule": "x >"}]');
ini_set('segment.rules_file', $file);
foreach ([1, 2] as $try) {
    try {
        segment_of(['x' => 1]);
    } catch (Segment\RuleSyntaxError $e) {
        echo "try $try: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
// A failed load is not remembered: once the file is fixed, the same request can use it.
file_put_contents($file, '[{"code": "a", "rule": "x > 0"}]');
touch($file, time() + 100);
clearstatcache();
var_dump(segment_of(['x' => 1]));
unlink($file);
?>
--EXPECT--
no set, no INI: Error: No rule set given and segment.rules_file is not set
segments_of, no set: Error: No rule set given and segment.rules_file is not set
customer string: TypeError: segment_of(): Argument #1 ($customer) must be of type array, string given
customer int: TypeError: segments_of(): Argument #1 ($customer) must be of type array, int given
set of the wrong class: TypeError: segment_of(): Argument #2 ($set) must be of type ?Segment\RuleSet, stdClass given
set as array: TypeError: segments_of(): Argument #2 ($set) must be of type ?Segment\RuleSet, array given
try 1: Segment\RuleSyntaxError: segment 'a': line 1, column 4: expected a value, an attribute or '(', found the end of the rule
try 2: Segment\RuleSyntaxError: segment 'a': line 1, column 4: expected a value, an attribute or '(', found the end of the rule
string(1) "a"
