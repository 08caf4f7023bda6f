--TEST--
Arithmetic: ints, floats, numeric strings, dates as timestamps; overflow to float; division by zero and non-numbers give null
--EXTENSIONS--
segment
--INI--
date.timezone=UTC
--FILE--
<?php
// explain() reports the operand of `is null`, which is how a value is printed here.
function value_of(string $expr, array $c): mixed
{
    static $sets = [];
    $sets[$expr] ??= new Segment\RuleSet([['code' => 'v', 'rule' => "($expr) is null or true"]]);
    $e = $sets[$expr]->explain($c, 'v', 0);
    $v = $e['conditions'][0]['values'][0];
    unset($e);
    return $v;
}
$c = ['i' => 7, 'neg' => -7, 'f' => 2.5, 's' => '3', 'ps' => '500.000000', 'word' => 'abc', 'zero' => 0,
    'fzero' => 0.0, 'szero' => '0', 'yes' => true, 'nul' => null, 'list' => [1], 'max' => PHP_INT_MAX,
    'min' => PHP_INT_MIN, 'd' => new DateTimeImmutable('2024-01-01 00:00:00'), 'ds' => '2024-01-01 00:00:00'];
foreach ([
    'i + 1', 'i - 10', 'i * 3', 'i / 7', 'i / 2', 'i % 3', 'neg % 3', 'i % -3', 'neg / 2',
    'f + 1', 'f * 2', 'f / 0.5', 'i % 2.5', 'f % 2', 's + 1', 's * f', 'ps + 0', 'ps / 3', '"10" + "5"',
    'max + 1', 'min - 1', 'max * 2', '-min', 'min / -1', 'min % -1', '-i', '-f', '-s',
    'i / zero', 'i % zero', 'f / fzero', 'i / szero', 'i % 0.5',
    'word + 1', 'yes + 1', 'nul + 1', 'list + 1', '-word', '-nul',
    'd + 86400', 'd - 1704067200', 'ds + 0', 'd % 86400',
    '1 + 2 * 3 - 4 / 2', '(1 + 2) * 3', '2 - 3 - 4', '100 / 10 / 5', '7 % 4 % 2', '0.1 + 0.2',
] as $expr) {
    printf("%-20s %s\n", $expr, var_export(value_of($expr, $c), true));
}
?>
--EXPECT--
i + 1                8
i - 10               -3
i * 3                21
i / 7                1
i / 2                3.5
i % 3                1
neg % 3              -1
i % -3               1
neg / 2              -3.5
f + 1                3.5
f * 2                5.0
f / 0.5              5.0
i % 2.5              1
f % 2                0
s + 1                4
s * f                7.5
ps + 0               500.0
ps / 3               166.66666666666666
"10" + "5"           15
max + 1              9.223372036854776E+18
min - 1              -9.223372036854776E+18
max * 2              1.8446744073709552E+19
-min                 9.223372036854776E+18
min / -1             9.223372036854776E+18
min % -1             0
-i                   -7
-f                   -2.5
-s                   -3
i / zero             NULL
i % zero             NULL
f / fzero            NULL
i / szero            NULL
i % 0.5              NULL
word + 1             NULL
yes + 1              NULL
nul + 1              NULL
list + 1             NULL
-word                NULL
-nul                 NULL
d + 86400            1704153600
d - 1704067200       0
ds + 0               NULL
d % 86400            0
1 + 2 * 3 - 4 / 2    5
(1 + 2) * 3          9
2 - 3 - 4            -5
100 / 10 / 5         2
7 % 4 % 2            1
0.1 + 0.2            0.30000000000000004