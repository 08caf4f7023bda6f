--TEST--
contains / does not contain use an integer attribute as its decimal text, as starts with and ends with do
--DESCRIPTION--
Integers are text for the substring operators: `zip starts with "75"` and `zip ends with "01"` hold for
zip = 75001, and `"500" in "75001"`-style checks work with an integer needle.  The haystack of
`contains` must get the same treatment: `zip contains "50"` should hold for zip = 75001.
--EXTENSIONS--
segment
--FILE--
<?php
$rs = new Segment\RuleSet([
    ['code' => 'starts', 'rule' => 'zip starts with "75"'],
    ['code' => 'ends', 'rule' => 'zip ends with "01"'],
    ['code' => 'contains', 'rule' => 'zip contains "50"'],
    ['code' => 'contains_int', 'rule' => 'zip contains 500'],
    ['code' => 'not_contains', 'rule' => 'zip does not contain "50"'],
    ['code' => 'in', 'rule' => '"50" in zip'],
]);
foreach ([75001, '75001'] as $zip) {
    echo json_encode($zip), ': ', implode(',', $rs->match(['zip' => $zip])), "\n";
}
?>
--EXPECT--
75001: starts,ends,contains,contains_int,in
"75001": starts,ends,contains,contains_int,in
