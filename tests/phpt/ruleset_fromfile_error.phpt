--TEST--
Segment\RuleSet::fromFile(): invalid JSON, wrong shapes and bad definitions throw Segment\Exception
--EXTENSIONS--
segment
--FILE--
<?php
$file = sys_get_temp_dir() . '/segment_fromfile_error.json';
$contents = [
    '{"segments": [',
    '',
    "\xEF\xBB\xBF[]",
    '5',
    '"rules"',
    '{"rules": []}',
    '{"segments": {"code": "a", "rule": "true"}}',
    '[5]',
    '[{"code": 1, "rule": "true"}]',
    '[{"code": "a", "rule": "true"}, {"code": "a", "rule": "false"}]',
    '[{"code": "a", "rule": "true", "priority": 1.5}]',
    '[{"code": "bad", "rule": "total >"}]',
    str_repeat('[', 70) . str_repeat(']', 70),
    '[]',
    '{"segments": []}',
];
$i = 0;
foreach ($contents as $json) {
    file_put_contents($file, $json);
    touch($file, 1700000000 + $i++); // a new mtime each time: never a stale cache hit
    clearstatcache();
    try {
        $set = Segment\RuleSet::fromFile($file);
        echo json_encode($json), ": ", count($set), " segments\n";
    } catch (Segment\Exception $e) {
        echo json_encode(substr($json, 0, 40)), ": ", get_class($e), ": ", str_replace($file, 'FILE', $e->getMessage()), "\n";
    }
}
unlink($file);
try {
    Segment\RuleSet::fromFile('');
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
try {
    Segment\RuleSet::fromFile("rules\0.json");
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
"{\"segments\": [": Segment\Exception: rules file 'FILE' is not valid JSON: syntax error
"": Segment\Exception: rules file 'FILE' is not valid JSON: syntax error
"\ufeff[]": Segment\Exception: rules file 'FILE' is not valid JSON: syntax error
"5": Segment\Exception: rules file 'FILE' must hold a list of definitions or {"segments": [...]}
"\"rules\"": Segment\Exception: rules file 'FILE' must hold a list of definitions or {"segments": [...]}
"{\"rules\": []}": Segment\Exception: rules file 'FILE' must hold a list of definitions or {"segments": [...]}
"{\"segments\": {\"code\": \"a\", \"rule\": \"true": Segment\Exception: FILE: definition 0 is not an array with 'code' and 'rule'
"[5]": Segment\Exception: FILE: definition 0 is not an array with 'code' and 'rule'
"[{\"code\": 1, \"rule\": \"true\"}]": Segment\Exception: FILE: definition 0 needs 'code' as a string
"[{\"code\": \"a\", \"rule\": \"true\"}, {\"code\":": Segment\Exception: FILE: definition 1: segment code 'a' is defined twice (definitions 0 and 1)
"[{\"code\": \"a\", \"rule\": \"true\", \"priority": Segment\Exception: FILE: definition 0 has a 'priority' that is not an integer
"[{\"code\": \"bad\", \"rule\": \"total >\"}]": Segment\RuleSyntaxError: segment 'bad': line 1, column 8: expected a value, an attribute or '(', found the end of the rule
"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[": Segment\Exception: rules file 'FILE' is not valid JSON: maximum depth exceeded
"[]": 0 segments
"{\"segments\": []}": 0 segments
Segment\RuleSet::fromFile(): Argument #1 ($path) cannot be empty
ValueError: Segment\RuleSet::fromFile(): Argument #1 ($path) must not contain any null bytes
