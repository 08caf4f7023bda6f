--TEST--
Dates across a DST change: local fields and naive strings use the zone's offset at that date, not at "now"
--DESCRIPTION--
In Europe/Paris a summer date is UTC+2 and a winter "now" is UTC+1.  A DateTime for 1 July 00:00
(Paris) is 1 July in Paris whatever the season of the evaluation, and the naive string
"2024-07-01 09:00:00" means 09:00 Paris summer time (07:00 UTC), the same instant as the DateTime.
--EXTENSIONS--
segment
--INI--
date.timezone=Europe/Paris
--FILE--
<?php
$rs = new Segment\RuleSet([
    ['code' => 'july_birthday', 'rule' => 'month(birthday) == 7 and day(birthday) == 1'],
    ['code' => 'midnight', 'rule' => 'hour(birthday) == 0'],
    ['code' => 'same_instant', 'rule' => 'signup == "2024-07-01 09:00:00"'],
    ['code' => 'string_vs_date', 'rule' => 'signup == signup_text'],
    ['code' => 'string_hour', 'rule' => 'hour(signup_text) == 9'],
]);
$c = [
    'birthday' => new DateTimeImmutable('2000-07-01 00:00:00'),
    'signup' => new DateTimeImmutable('2024-07-01 09:00:00'),
    'signup_text' => '2024-07-01 09:00:00',
];
$winter = (new DateTimeImmutable('2024-01-15 12:00:00'))->getTimestamp();
$summer = (new DateTimeImmutable('2024-08-15 12:00:00'))->getTimestamp();
echo 'summer: ', implode(',', $rs->match($c, $summer)), "\n";
echo 'winter: ', implode(',', $rs->match($c, $winter)), "\n";
echo 'winter, DateTimeImmutable: ', implode(',', $rs->match($c, new DateTimeImmutable('2024-01-15 12:00:00'))), "\n";
?>
--EXPECT--
summer: july_birthday,midnight,same_instant,string_vs_date,string_hour
winter: july_birthday,midnight,same_instant,string_vs_date,string_hour
winter, DateTimeImmutable: july_birthday,midnight,same_instant,string_vs_date,string_hour
