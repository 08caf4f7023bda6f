--TEST--
Local-time functions follow date_default_timezone_set() and ini_set('date.timezone') within a request
--EXTENSIONS--
segment
--INI--
date.timezone=UTC
--FILE--
<?php
$set = new Segment\RuleSet([
    ['code' => 'utc', 'rule' => 'hour(d) == 10'],
    ['code' => 'paris', 'rule' => 'hour(d) == 11'],
    ['code' => 'tokyo', 'rule' => 'hour(d) == 19'],
    ['code' => 'naive_is_9_utc', 'rule' => 'd2 == "2024-01-01 09:00:00"'],
]);
$c = ['d' => new DateTimeImmutable('2024-01-01 10:00:00 UTC'), 'd2' => new DateTimeImmutable('2024-01-01 09:00:00 UTC')];
echo implode(',', $set->match($c)), "\n";           // cached zone: UTC
ini_set('date.timezone', 'Asia/Tokyo');
echo implode(',', $set->match($c)), "\n";           // the INI change is seen
date_default_timezone_set('Europe/Paris');
echo implode(',', $set->match($c)), "\n";           // and the function call
date_default_timezone_set('UTC');
echo implode(',', $set->match($c)), "\n";
?>
--EXPECT--
utc,naive_is_9_utc
tokyo
paris
utc,naive_is_9_utc
