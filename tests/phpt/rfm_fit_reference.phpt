--TEST--
Segment\Rfm::fit(): option reference (string, int, DateTimeInterface) overrides the profiles' reference for recency
--EXTENSIONS--
segment
--FILE--
<?php
$rows = [];
foreach ([1 => '2024-01-01 08:00:00', 2 => '2024-01-05 08:00:00', 3 => '2024-01-09 08:00:00', 4 => '2024-01-20 08:00:00',
          5 => '2024-01-30 08:00:00'] as $id => $d) {
    $rows[] = ['c' => $id, 'd' => $d, 'a' => $id];
}
$p = Segment\Profiles::fromIterable($rows, ['customer' => 'c', 'date' => 'd', 'amount' => 'a', 'reference' => '2024-02-01 00:00:00']);
$variants = [
    'none (profiles)' => [],
    'same string' => ['reference' => '2024-02-01 00:00:00'],
    'ten days later' => ['reference' => '2024-02-11'],
    'int' => ['reference' => 1707609600],
    'DateTimeImmutable' => ['reference' => new DateTimeImmutable('2024-02-11 00:00:00', new DateTimeZone('Asia/Tokyo'))],
    'null' => ['reference' => null],
];
foreach ($variants as $label => $opts) {
    $rfm = Segment\Rfm::fit($p, $opts);
    $m = $rfm->toArray();
    echo "$label: {$m['reference']} r thresholds ", json_encode($m['thresholds']['r']), ' R';
    foreach ($rfm->scores() as $id => $s) echo " $id:{$s['r']}";
    echo "\n";
}
// The profiles keep their own reference.
echo $p->stats()['reference'], ' ', $p->get(5)['recency'], "\n";
?>
--EXPECT--
none (profiles): 2024-02-01 00:00:00 r thresholds [9,17.6,23.6,26.8] R 1:1 2:2 3:3 4:4 5:5
same string: 2024-02-01 00:00:00 r thresholds [9,17.6,23.6,26.8] R 1:1 2:2 3:3 4:4 5:5
ten days later: 2024-02-11 00:00:00 r thresholds [19,27.6,33.6,36.8] R 1:1 2:2 3:3 4:4 5:5
int: 2024-02-11 00:00:00 r thresholds [19,27.6,33.6,36.8] R 1:1 2:2 3:3 4:4 5:5
DateTimeImmutable: 2024-02-11 00:00:00 r thresholds [19,27.6,33.6,36.8] R 1:1 2:2 3:3 4:4 5:5
null: 2024-02-01 00:00:00 r thresholds [9,17.6,23.6,26.8] R 1:1 2:2 3:3 4:4 5:5
2024-02-01 00:00:00 1
