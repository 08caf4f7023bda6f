--TEST--
Segment\Rfm::scores(): an earlier fit keeps each customer's scores when a later "pandas" fit re-sorts the shared profiles
--EXTENSIONS--
segment
--FILE--
<?php
$rows = [];
foreach (['30' => 1, '4' => 2, '200' => 3, '1' => 4, '5' => 5] as $id => $n) {
    for ($i = 0; $i < $n; $i++) $rows[] = ['c' => (string) $id, 'o' => "$id-$i", 'd' => "2024-01-0$n", 'a' => 10 * $n];
}
$p = Segment\Profiles::fromIterable($rows, ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a',
                                            'reference' => '2024-01-10']);
$quantile = Segment\Rfm::fit($p);
$before = array_map(fn($s) => $s['score'], $quantile->scores());
echo json_encode($before), "\n";
Segment\Rfm::fit($p, ['method' => 'pandas']);   // sorts $p by id: 1, 4, 5, 30, 200
echo implode(',', array_keys($p->toArray())), "\n";
$after = array_map(fn($s) => $s['score'], $quantile->scores());
ksort($before);
ksort($after);
echo json_encode($after), "\n";
var_dump($before === $after);
// Each customer's batch score still equals its score() from the profile.
foreach ($quantile->scores() as $id => $s) {
    if ($quantile->score($p->get((string) $id))['score'] !== $s['score']) echo "customer $id: scores() {$s['score']} != score()\n";
}
?>
--EXPECT--
{"30":"111","4":"222","200":"333","1":"444","5":"555"}
30,4,200,1,5
{"1":"444","4":"222","5":"555","30":"111","200":"333"}
bool(true)
