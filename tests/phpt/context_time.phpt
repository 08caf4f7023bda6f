--TEST--
Segment\Context: month, weekday and hour in a time zone, across DST transitions, checked against DateTime
--EXTENSIONS--
segment
--FILE--
<?php
// The oracle: PHP's own DateTime.
function want(int $ts, DateTimeZone $z): array
{
    $d = (new DateTimeImmutable('@' . $ts))->setTimezone($z);
    return [(int)$d->format('n'), (int)$d->format('N'), (int)$d->format('G')];
}
function got(Segment\Context $c): array
{
    return [$c->get('month'), $c->get('weekday'), $c->get('hour')];
}
function ctx(array $opts, array $server = []): Segment\Context
{
    return Segment\Context::fromRequest($server, [], [], $opts);
}

$zones = ['UTC', 'Europe/Paris', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'America/St_Johns',
    'America/Sao_Paulo', 'Australia/Sydney', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Asia/Kathmandu',
    'Pacific/Chatham', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', '+05:30', 'CEST'];
mt_srand(20261121);
$checked = $differ = 0;
foreach ($zones as $name) {
    $z = new DateTimeZone($name);
    // every quarter hour for two hours around each transition of 2025-2027, and random instants
    $stamps = [];
    foreach ($z->getTransitions(1735689600, 1830297600) ?: [] as $t) {
        for ($d = -7200; $d <= 7200; $d += 900) $stamps[] = $t['ts'] + $d;
    }
    for ($i = 0; $i < 150; $i++) $stamps[] = mt_rand(-86400 * 365, 4102444800);
    date_default_timezone_set(in_array($name, ['+05:30', 'CEST'], true) ? 'UTC' : $name);
    foreach ($stamps as $ts) {
        $w = want($ts, $z);
        $ways = [
            'name' => ctx(['now' => $ts, 'timezone' => $name]),
            'object' => ctx(['now' => $ts, 'timezone' => $z]),
            'datetime' => ctx(['now' => (new DateTimeImmutable('@' . $ts))->setTimezone($z)]),
        ];
        if (date_default_timezone_get() === $name) {
            $ways['default'] = ctx(['now' => $ts]);
            $ways['REQUEST_TIME'] = ctx([], ['REQUEST_TIME' => $ts]);
        }
        foreach ($ways as $how => $c) {
            $checked++;
            if (got($c) !== $w && $differ++ < 5) {
                echo "$name $ts ($how): got ", json_encode(got($c)), ', want ', json_encode($w), "\n";
            }
        }
    }
}
echo $checked > 10000 ? 'more than 10000' : $checked, " checked, $differ differ\n";

date_default_timezone_set('UTC');
$show = fn(string $label, Segment\Context $c) => printf("%s: month %d, weekday %d, hour %d\n", $label, ...got($c));
// Paris springs forward at 01:00 UTC on 29 March 2026 (02:00 -> 03:00) ...
$show('Paris 00:59:59 UTC', ctx(['now' => 1774745999, 'timezone' => 'Europe/Paris']));
$show('Paris 01:00:00 UTC', ctx(['now' => 1774746000, 'timezone' => 'Europe/Paris']));
// ... and falls back at 01:00 UTC on 25 October 2026 (03:00 -> 02:00): 02:30 twice.
$show('Paris 00:30 UTC', ctx(['now' => 1792888200, 'timezone' => 'Europe/Paris']));
$show('Paris 01:30 UTC', ctx(['now' => 1792891800, 'timezone' => 'Europe/Paris']));
// New Year's Eve 23:30 UTC: already Friday 1 January 2027 in Paris, still Thursday afternoon in Los Angeles.
$show('Paris NYE', ctx(['now' => 1798759800, 'timezone' => 'Europe/Paris']));
$show('Los Angeles NYE', ctx(['now' => 1798759800, 'timezone' => 'America/Los_Angeles']));
// A DateTime's own zone, unless the timezone option says otherwise (Tuesday 14 July 2026).
$d = new DateTimeImmutable('2026-07-14 23:15', new DateTimeZone('Europe/Paris'));
$show('DateTime in Paris', ctx(['now' => $d]));
$show('same, timezone UTC', ctx(['now' => $d, 'timezone' => 'UTC']));
$show('mutable DateTime', ctx(['now' => new DateTime('2026-02-28 07:00', new DateTimeZone('Asia/Tokyo'))]));
$show('before 1970', ctx(['now' => -1]));
// The request's time: REQUEST_TIME_FLOAT first (10:59:59.9), then REQUEST_TIME (12:00).
$show('REQUEST_TIME_FLOAT', ctx([], ['REQUEST_TIME_FLOAT' => 1790074799.9, 'REQUEST_TIME' => 1790078400]));
$show('REQUEST_TIME', ctx([], ['REQUEST_TIME' => 1790078400]));
$show('now null', ctx(['now' => null, 'timezone' => null], ['REQUEST_TIME' => 1790078400]));
$show('bad REQUEST_TIME_FLOAT', ctx([], ['REQUEST_TIME_FLOAT' => NAN, 'REQUEST_TIME' => 1790078400]));
// Neither: the current time.
$before = [(int)date('n'), (int)date('N'), (int)date('G')];
$c = got(ctx([]));
$after = [(int)date('n'), (int)date('N'), (int)date('G')];
var_dump($c === $before || $c === $after);
// The default zone can change during the request.
date_default_timezone_set('Asia/Tokyo');
$show('default Tokyo', ctx([], ['REQUEST_TIME' => 1790078400]));
date_default_timezone_set('America/New_York');
$show('default New York', ctx([], ['REQUEST_TIME' => 1790078400]));
ini_set('date.timezone', 'Europe/Paris');
date_default_timezone_set('Europe/Paris');
$show('default Paris', ctx([], ['REQUEST_TIME' => 1790078400]));
?>
--EXPECT--
more than 10000 checked, 0 differ
Paris 00:59:59 UTC: month 3, weekday 7, hour 1
Paris 01:00:00 UTC: month 3, weekday 7, hour 3
Paris 00:30 UTC: month 10, weekday 7, hour 2
Paris 01:30 UTC: month 10, weekday 7, hour 2
Paris NYE: month 1, weekday 5, hour 0
Los Angeles NYE: month 12, weekday 4, hour 15
DateTime in Paris: month 7, weekday 2, hour 23
same, timezone UTC: month 7, weekday 2, hour 21
mutable DateTime: month 2, weekday 6, hour 7
before 1970: month 12, weekday 3, hour 23
REQUEST_TIME_FLOAT: month 9, weekday 2, hour 10
REQUEST_TIME: month 9, weekday 2, hour 12
now null: month 9, weekday 2, hour 12
bad REQUEST_TIME_FLOAT: month 9, weekday 2, hour 12
bool(true)
default Tokyo: month 9, weekday 2, hour 21
default New York: month 9, weekday 2, hour 8
default Paris: month 9, weekday 2, hour 14
