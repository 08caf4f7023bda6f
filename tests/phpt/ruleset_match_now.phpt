--TEST--
The $now argument: an int (Unix time, default time zone) or a DateTimeInterface (its own zone)
--EXTENSIONS--
segment
--INI--
date.timezone=UTC
--FILE--
<?php
$rs = new Segment\RuleSet([
    ['code' => 'january', 'rule' => 'month() == 1'],
    ['code' => 'february', 'rule' => 'month() == 2'],
    ['code' => 'sunday', 'rule' => 'weekday() == 7'],
    ['code' => 'monday', 'rule' => 'weekday() == 1'],
    ['code' => 'night', 'rule' => 'hour() < 6'],
    ['code' => 'lapsed', 'rule' => 'days_since(last_order) >= 30'],
    ['code' => 'same_day', 'rule' => 'date(last_order) == "2024-01-31 20:00:00"'],
    ['code' => 'clock', 'rule' => 'now() > "2024-01-01"'],
]);
$c = ['last_order' => '2024-01-01 20:00:00'];

// Naive date strings are read in the same zone as $now: in Pago Pago the last order was at
// 2024-01-02 07:00 UTC, 29.5 days before.
// 2024-01-31 20:00 UTC is a Wednesday in London but already Thursday 1 February, 05:00, in Tokyo.
$utc = new DateTimeImmutable('2024-01-31 20:00:00', new DateTimeZone('UTC'));
$tokyo = $utc->setTimezone(new DateTimeZone('Asia/Tokyo'));
$samoa = $utc->setTimezone(new DateTimeZone('Pacific/Pago_Pago')); // UTC-11
echo 'int:      ', implode(',', $rs->match($c, $utc->getTimestamp())), "\n";
echo 'UTC:      ', implode(',', $rs->match($c, $utc)), "\n";
echo 'Tokyo:    ', implode(',', $rs->match($c, $tokyo)), "\n";
echo 'Pago:     ', implode(',', $rs->match($c, $samoa)), "\n";
echo 'mutable:  ', implode(',', $rs->match($c, DateTime::createFromImmutable($tokyo))), "\n";
echo 'first:    ', $rs->first($c, $tokyo), "\n";
var_dump($rs->matches($c, 'sunday', strtotime('2024-02-04 12:00:00 UTC')));
var_dump($rs->matches($c, 'lapsed', strtotime('2024-01-31 19:59:59 UTC')));
var_dump($rs->matches($c, 'lapsed', strtotime('2024-01-31 20:00:00 UTC')));
// now() in explain() is shown in the evaluation's zone.
$e = $rs->explain([], 'clock', $tokyo);
echo $e['conditions'][0]['values'][0], ' ', json_encode($e['result']), "\n";
unset($e);
$e = $rs->explain($c, 'same_day', $tokyo);
echo json_encode($e['conditions'][0]['values']), "\n";
unset($e);

// Without $now, the clock and the default time zone are used.
date_default_timezone_set('Asia/Tokyo');
do { // retry if the hour turns while we look
    $before = date('Y-m-d H');
    $set = new Segment\RuleSet([['code' => 'today', 'rule' => 'year() == ' . date('Y') . ' and month() == ' . date('n')
        . ' and day() == ' . date('j') . ' and hour() == ' . date('G')]]);
    $result = $set->matches([], 'today');
} while ($before !== date('Y-m-d H'));
var_dump($result);
var_dump((new Segment\RuleSet([['code' => 'n', 'rule' => 'now() > "2024-01-01" and days_since(now()) == 0']]))->matches([], 'n'));
?>
--EXPECT--
int:      january,lapsed,clock
UTC:      january,lapsed,clock
Tokyo:    february,night,lapsed,clock
Pago:     january,clock
mutable:  february,night,lapsed,clock
first:    february
bool(true)
bool(false)
bool(true)
2024-02-01T05:00:00+09:00 true
["2024-01-01T20:00:00+09:00","2024-01-31 20:00:00"]
bool(true)
bool(true)
