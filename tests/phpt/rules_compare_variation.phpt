--TEST--
Comparisons between values of different types (numeric strings, bools, dates, lists, incomparable pairs)
--EXTENSIONS--
segment
--INI--
date.timezone=UTC
--FILE--
<?php
$d = new DateTimeImmutable('2024-01-01 00:00:00');
// [left, operator, right] with x = left and y = right, both attributes
$rows = [
    // numbers and numeric strings compare as numbers (PHP 8)
    [5, '==', '5'], [5, '==', '5.0'], ['5', '==', '5.0'], ['500.000000', '==', 500], ['1e3', '==', '1000'],
    [' 5', '==', '5'], ['5 ', '==', 5], ['0x1A', '==', 26], ['10', '>', '9'], ['abc', '==', 0],
    // two non-numeric strings: byte-wise and case-sensitive
    ['abc', '==', 'ABC'], ['a', '<', 'b'], ['a', '<', 'B'], ['10', '<', '9a'], ['', '<', 'a'],
    // incomparable: == < <= > >= false, != true
    ['abc', '<', 5], ['abc', '>=', 5], ['abc', '!=', 5], [[1], '==', 1], [[1], '!=', 1],
    // bool against a scalar compares truthiness
    [true, '==', 'abc'], [true, '==', 5], [false, '==', '0'], [false, '==', ''], [false, '==', '0.0'],
    [true, '>', false], [false, '<', 'abc'], [true, '==', [1]], [true, '!=', [1]],
    // null equals only null
    [null, '==', null], [null, '==', false], [null, '==', 0], [null, '!=', ''], [null, '<', 1], [null, '>=', null],
    // dates: against numbers (Unix time), date strings, numeric strings, other dates
    [$d, '==', 1704067200], [$d, '<', 1704067201.5], [$d, '==', '2024-01-01'], [$d, '==', '2024-01-01 00:00:00'],
    [$d, '==', '2024-01-01T01:00:00+01:00'], [$d, '==', '1704067200'], [$d, '>', '2023-12-31 23:59:59'],
    [$d, '==', 'yesterday'], [$d, '!=', 'yesterday'], [$d, '==', '0000-00-00 00:00:00'],
    [$d, '==', new DateTime('2024-01-01')], [$d, '==', true], [$d, '==', [1704067200]],
    // a date string is a plain string unless the other side is a date
    ['2024-01-01', '<', '2024-01-02'], ['2024-1-1', '<', '2024-01-02'],
    // lists: equal item by item, never ordered
    [[1, 2], '==', [1, '2']], [[1, 2], '==', [2, 1]], [[1, 2], '<=', [1, 2]], [[], '==', []], [['a' => 1], '==', [1]],
    // floats
    [0.1 + 0.2, '==', 0.3], [NAN, '==', NAN], [NAN, '!=', NAN], [NAN, '<', 1], [INF, '>', PHP_INT_MAX],
    [PHP_INT_MAX, '==', (float)PHP_INT_MAX],
];
function fmt($v): string
{
    if ($v instanceof DateTimeInterface) return 'date ' . $v->format('Y-m-d H:i:sP');
    if (is_float($v) && !is_finite($v)) return var_export($v, true);
    return json_encode($v);
}
foreach ($rows as [$x, $op, $y]) {
    $rs = new Segment\RuleSet([['code' => 'r', 'rule' => "x $op y"]]);
    printf("%-31s %-2s %-31s %s\n", fmt($x), $op, fmt($y), $rs->matches(['x' => $x, 'y' => $y], 'r') ? 'true' : 'false');
}
?>
--EXPECT--
5                               == "5"                             true
5                               == "5.0"                           true
"5"                             == "5.0"                           true
"500.000000"                    == 500                             true
"1e3"                           == "1000"                          true
" 5"                            == "5"                             true
"5 "                            == 5                               true
"0x1A"                          == 26                              false
"10"                            >  "9"                             true
"abc"                           == 0                               false
"abc"                           == "ABC"                           false
"a"                             <  "b"                             true
"a"                             <  "B"                             false
"10"                            <  "9a"                            true
""                              <  "a"                             true
"abc"                           <  5                               false
"abc"                           >= 5                               false
"abc"                           != 5                               true
[1]                             == 1                               false
[1]                             != 1                               true
true                            == "abc"                           true
true                            == 5                               true
false                           == "0"                             true
false                           == ""                              true
false                           == "0.0"                           false
true                            >  false                           true
false                           <  "abc"                           true
true                            == [1]                             false
true                            != [1]                             true
null                            == null                            true
null                            == false                           false
null                            == 0                               false
null                            != ""                              true
null                            <  1                               false
null                            >= null                            true
date 2024-01-01 00:00:00+00:00  == 1704067200                      true
date 2024-01-01 00:00:00+00:00  <  1704067201.5                    true
date 2024-01-01 00:00:00+00:00  == "2024-01-01"                    true
date 2024-01-01 00:00:00+00:00  == "2024-01-01 00:00:00"           true
date 2024-01-01 00:00:00+00:00  == "2024-01-01T01:00:00+01:00"     true
date 2024-01-01 00:00:00+00:00  == "1704067200"                    true
date 2024-01-01 00:00:00+00:00  >  "2023-12-31 23:59:59"           true
date 2024-01-01 00:00:00+00:00  == "yesterday"                     false
date 2024-01-01 00:00:00+00:00  != "yesterday"                     true
date 2024-01-01 00:00:00+00:00  == "0000-00-00 00:00:00"           false
date 2024-01-01 00:00:00+00:00  == date 2024-01-01 00:00:00+00:00  true
date 2024-01-01 00:00:00+00:00  == true                            true
date 2024-01-01 00:00:00+00:00  == [1704067200]                    false
"2024-01-01"                    <  "2024-01-02"                    true
"2024-1-1"                      <  "2024-01-02"                    false
[1,2]                           == [1,"2"]                         true
[1,2]                           == [2,1]                           false
[1,2]                           <= [1,2]                           true
[]                              == []                              true
{"a":1}                         == [1]                             true
0.30000000000000004             == 0.3                             false
NAN                             == NAN                             false
NAN                             != NAN                             true
NAN                             <  1                               false
INF                             >  9223372036854775807             true
9223372036854775807             == 9.223372036854776e+18           true