--TEST--
Segment\Rfm::fit(): all customers tied: "quantile" gives everyone the same scores, "pandas" spreads them by customer order
--EXTENSIONS--
segment
--FILE--
<?php
function tied(array $ids): Segment\Profiles {
    $rows = [];
    foreach ($ids as $id) {
        $rows[] = ['c' => $id, 'o' => "$id-1", 'd' => '2024-01-01 12:00:00', 'a' => 9.99];
        $rows[] = ['c' => $id, 'o' => "$id-2", 'd' => '2024-01-05 12:00:00', 'a' => 0.01];
    }
    return Segment\Profiles::fromIterable($rows, ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a',
                                                  'reference' => '2024-01-10 00:00:00']);
}
function show(Segment\Rfm $rfm): void {
    foreach ($rfm->scores() as $id => $s) echo " $id:{$s['score']}";
    echo "\n";
}
$numeric = [10, 9, 100, 2, 30];
$mixed = ['10', '9a', '100', '2', '30'];
echo "quantile:";
$rfm = Segment\Rfm::fit(tied($numeric));
show($rfm);
echo json_encode($rfm->toArray()['thresholds']), "\n";
// Equal values always get equal scores: R is the best, F and M the lowest.
foreach ([2, 3, 7, 10] as $bins) {
    echo "quantile bins=$bins:";
    foreach (Segment\Rfm::fit(tied($numeric), ['bins' => $bins])->scores() as $id => $s) echo " {$s['r']}{$s['f']}{$s['m']}";
    echo "\n";
}
echo "pandas, numeric ids:";
show(Segment\Rfm::fit(tied($numeric), ['method' => 'pandas']));
echo "pandas, one id not an integer (byte order):";
show(Segment\Rfm::fit(tied($mixed), ['method' => 'pandas']));
echo "pandas bins=2:";
show(Segment\Rfm::fit(tied($numeric), ['method' => 'pandas', 'bins' => 2]));
// Fewer customers than bins but more than one: edges still unique, some bins stay empty.
echo "pandas, 3 customers, 5 bins:";
show(Segment\Rfm::fit(tied([3, 1, 2]), ['method' => 'pandas']));
echo "pandas, 2 customers, 10 bins:";
foreach (Segment\Rfm::fit(tied([2, 1]), ['method' => 'pandas', 'bins' => 10])->scores() as $id => $s) echo " $id:{$s['r']},{$s['f']},{$s['m']}";
echo "\n";
?>
--EXPECT--
quantile: 10:511 9:511 100:511 2:511 30:511
{"r":[4,4,4,4],"f":[2,2,2,2],"m":[10,10,10,10]}
quantile bins=2: 211 211 211 211 211
quantile bins=3: 311 311 311 311 311
quantile bins=7: 711 711 711 711 711
quantile bins=10: 1011 1011 1011 1011 1011
pandas, numeric ids: 10:333 9:422 100:155 2:511 30:244
pandas, one id not an integer (byte order): 10:511 9a:155 100:422 2:333 30:244
pandas bins=2: 10:211 9:211 100:122 2:211 30:122
pandas, 3 customers, 5 bins: 3:155 1:511 2:333
pandas, 2 customers, 10 bins: 2:1,10,10 1:10,1,1
