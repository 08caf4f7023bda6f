--TEST--
Date functions: days_since days_between years_since now date year month day weekday hour; date strings and zero dates
--EXTENSIONS--
segment
--INI--
date.timezone=UTC
--FILE--
<?php
function value_of(string $expr, array $c, int|DateTimeInterface $now): mixed
{
    static $sets = [];
    $sets[$expr] ??= new Segment\RuleSet([['code' => 'v', 'rule' => "($expr) is null or true"]]);
    $e = $sets[$expr]->explain($c, 'v', $now);
    $v = $e['conditions'][0]['values'][0];
    unset($e);
    return $v;
}
$now = strtotime('2024-06-10 06:13:20 UTC'); // a Monday
$c = [
    'last_order' => '2024-03-01 12:00:00', 'signup' => new DateTimeImmutable('2021-06-10 06:13:21'),
    'birthday' => '2000-02-29', 'ts' => 1700000000, 'sts' => '1700000000', 'zero' => '0000-00-00 00:00:00',
    'zero_date' => '0000-00-00', 'bad' => '2024-02-30', 'loose' => '2024-6-1', 'text' => 'last week',
    'iso' => '2024-03-01T10:00:00+02:00', 'utc' => '2024-03-01T10:00:00Z', 'frac' => '2024-03-01 10:00:00.75',
    'nul' => null, 'yes' => true, 'sunday' => '2024-06-09', 'late' => '2024-06-09 23:59:59',
];
foreach ([
    'now()', 'date(last_order)', 'date(ts)', 'date(sts)', 'date(iso)', 'date(utc)', 'date(frac)',
    'date(zero)', 'date(zero_date)', 'date(bad)', 'date(loose)', 'date(text)', 'date(nul)', 'date(yes)',
    'days_since(last_order)', 'days_since(signup)', 'days_since(late)', 'days_since("2024-06-11")',
    'days_since(zero)', 'days_since(text)',
    'days_between(last_order, "2024-03-31")', 'days_between("2024-03-31", last_order)', 'days_between(last_order, nul)',
    'years_since(birthday)', 'years_since(signup)', 'years_since("2023-06-10")', 'years_since("2023-06-11")',
    'year()', 'month()', 'day()', 'weekday()', 'hour()',
    'year(birthday)', 'month(birthday)', 'day(birthday)', 'weekday(birthday)', 'weekday(sunday)', 'hour(late)',
    'month(ts)', 'weekday(0)', 'weekday(-86400)', 'hour(iso)', 'month(zero)',
    'now() - date(last_order)', 'date(last_order) + 86400',
] as $expr) {
    printf("%-40s %s\n", $expr, var_export(value_of($expr, $c, $now), true));
}

echo "-- leap-day birthdays\n";
foreach (['2023-02-28 12:00', '2023-03-01 00:00', '2024-02-28 12:00', '2024-02-29 00:00'] as $when) {
    printf("%s: %s\n", $when, var_export(value_of('years_since(birthday)', $c, strtotime("$when UTC")), true));
}
?>
--EXPECT--
now()                                    '2024-06-10T06:13:20+00:00'
date(last_order)                         '2024-03-01T12:00:00+00:00'
date(ts)                                 '2023-11-14T22:13:20+00:00'
date(sts)                                '2023-11-14T22:13:20+00:00'
date(iso)                                '2024-03-01T08:00:00+00:00'
date(utc)                                '2024-03-01T10:00:00+00:00'
date(frac)                               '2024-03-01T10:00:00+00:00'
date(zero)                               NULL
date(zero_date)                          NULL
date(bad)                                NULL
date(loose)                              NULL
date(text)                               NULL
date(nul)                                NULL
date(yes)                                NULL
days_since(last_order)                   100
days_since(signup)                       1095
days_since(late)                         0
days_since("2024-06-11")                 -1
days_since(zero)                         NULL
days_since(text)                         NULL
days_between(last_order, "2024-03-31")   29
days_between("2024-03-31", last_order)   -30
days_between(last_order, nul)            NULL
years_since(birthday)                    24
years_since(signup)                      3
years_since("2023-06-10")                1
years_since("2023-06-11")                0
year()                                   2024
month()                                  6
day()                                    10
weekday()                                1
hour()                                   6
year(birthday)                           2000
month(birthday)                          2
day(birthday)                            29
weekday(birthday)                        2
weekday(sunday)                          7
hour(late)                               23
month(ts)                                11
weekday(0)                               4
weekday(-86400)                          3
hour(iso)                                8
month(zero)                              NULL
now() - date(last_order)                 8705600
date(last_order) + 86400                 1709380800
-- leap-day birthdays
2023-02-28 12:00: 22
2023-03-01 00:00: 23
2024-02-28 12:00: 23
2024-02-29 00:00: 24