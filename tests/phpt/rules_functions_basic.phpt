--TEST--
Functions on strings, numbers and lists: lower upper length count abs min max round floor ceil coalesce intersects
--EXTENSIONS--
segment
--INI--
date.timezone=UTC
--FILE--
<?php
function value_of(string $expr, array $c): mixed
{
    static $sets = [];
    $sets[$expr] ??= new Segment\RuleSet([['code' => 'v', 'rule' => "($expr) is null or true"]]);
    $e = $sets[$expr]->explain($c, 'v', 0);
    $v = $e['conditions'][0]['values'][0];
    unset($e);
    return $v;
}
$c = ['name' => 'ÉcOLE Straße', 'email' => 'Bob@Shop.FR', 'n' => -5, 'f' => 2.5, 'ps' => '500.000000',
    'tags' => ['b', 'a', 'c'], 'map' => ['9' => 3, 'k' => 10, 'z' => '7'], 'mixed' => [1, 'abc'],
    'empty' => [], 'nul' => null, 'd1' => '2024-03-01', 'd2' => new DateTimeImmutable('2024-02-01'),
    'groups' => [3, 5], 'zip' => 75001];
foreach ([
    'lower(email)', 'upper(email)', 'lower(name)', 'upper(name)', 'lower(zip)', 'lower(nul)',
    'length(name)', 'length(email)', 'length(tags)', 'length(nul)', 'length(zip)',
    'count(tags)', 'count(map)', 'count(empty)', 'count(nul)', 'count(email)',
    'abs(n)', 'abs("-3.5")', 'abs(ps)', 'abs(email)', 'abs(d2)',
    'min(3, "10", 2.5)', 'max(3, "10", 2.5)', 'min(tags)', 'max(tags)', 'min(map)', 'max(map)',
    'min(nul, 4, nul)', 'min(nul)', 'min(empty)', 'min(mixed)', 'max(1, "abc")', 'min("abc", "abd")',
    'min(d1, d2)', 'max(d1, d2)', 'min(7)',
    'round(f)', 'round(-2.5)', 'round(1234.5678, 2)', 'round(1234.5678, -2)', 'round(n, 1)', 'round(ps)',
    'round(f, 16)', 'round(f, "1")', 'round(email)', 'floor(f)', 'floor(-2.5)', 'ceil(f)', 'ceil(-2.5)',
    'ceil(ps)', 'floor(n)', 'floor(d2)',
    'coalesce(nul, nul, 3)', 'coalesce(nul)', 'coalesce(empty, 3)', 'coalesce(nul, email)',
    'intersects(tags, ("a", "z"))', 'intersects(tags, ["z"])', 'intersects(groups, (1, "5"))',
    'intersects(tags, nul)', 'intersects(email, ("a",))', 'intersects(empty, empty)',
] as $expr) {
    printf("%-30s %s\n", $expr, var_export(value_of($expr, $c), true));
}
?>
--EXPECT--
lower(email)                   'bob@shop.fr'
upper(email)                   'BOB@SHOP.FR'
lower(name)                    'École straße'
upper(name)                    'ÉCOLE STRAßE'
lower(zip)                     NULL
lower(nul)                     NULL
length(name)                   12
length(email)                  11
length(tags)                   3
length(nul)                    0
length(zip)                    NULL
count(tags)                    3
count(map)                     3
count(empty)                   0
count(nul)                     0
count(email)                   NULL
abs(n)                         5
abs("-3.5")                    3.5
abs(ps)                        500.0
abs(email)                     NULL
abs(d2)                        NULL
min(3, "10", 2.5)              2.5
max(3, "10", 2.5)              '10'
min(tags)                      'a'
max(tags)                      'c'
min(map)                       3
max(map)                       10
min(nul, 4, nul)               4
min(nul)                       NULL
min(empty)                     NULL
min(mixed)                     NULL
max(1, "abc")                  NULL
min("abc", "abd")              'abc'
min(d1, d2)                    '2024-02-01T00:00:00+00:00'
max(d1, d2)                    '2024-03-01'
min(7)                         7
round(f)                       3
round(-2.5)                    -3
round(1234.5678, 2)            1234.57
round(1234.5678, -2)           1200
round(n, 1)                    -5.0
round(ps)                      500
round(f, 16)                   NULL
round(f, "1")                  2.5
round(email)                   NULL
floor(f)                       2
floor(-2.5)                    -3
ceil(f)                        3
ceil(-2.5)                     -2
ceil(ps)                       500
floor(n)                       -5
floor(d2)                      NULL
coalesce(nul, nul, 3)          3
coalesce(nul)                  NULL
coalesce(empty, 3)             array (
)
coalesce(nul, email)           'Bob@Shop.FR'
intersects(tags, ("a", "z"))   true
intersects(tags, ["z"])        false
intersects(groups, (1, "5"))   true
intersects(tags, nul)          false
intersects(email, ("a",))      false
intersects(empty, empty)       false