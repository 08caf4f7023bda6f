--TEST--
Segment\Rfm::toArray(): format, version, method, bins, reference, customers, ascending thresholds and the maps as data
--EXTENSIONS--
segment
--FILE--
<?php
mt_srand(7);
$rows = [];
for ($c = 1; $c <= 200; $c++) {
    $n = mt_rand(1, 6);
    for ($k = 0; $k < $n; $k++) {
        $rows[] = ['c' => $c, 'o' => "$c-$k", 'd' => 1700000000 - mt_rand(0, 300 * 86400), 'a' => mt_rand(-200, 20000) / 100];
    }
}
$p = Segment\Profiles::fromIterable($rows, ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a', 'returns' => 'net',
                                            'reference' => 1700000000]);
foreach ([['method' => 'quantile', 'bins' => 5], ['method' => 'pandas', 'bins' => 4]] as $opts) {
    $m = Segment\Rfm::fit($p, $opts)->toArray();
    echo implode(',', array_keys($m)), "\n";
    echo "{$m['format']} v{$m['version']} {$m['method']} bins={$m['bins']} reference={$m['reference']} customers={$m['customers']}\n";
    echo implode(',', array_keys($m['thresholds'])), ' ', implode(',', array_keys($m['maps'])), "\n";
    foreach ($m['thresholds'] as $metric => $t) {
        $sorted = $t;
        sort($sorted);
        echo "$metric: ", count($t), ' floats=', (int) (array_filter($t, 'is_float') === $t), ' list=', (int) array_is_list($t),
            ' ascending=', (int) ($sorted === $t), "\n";
    }
    echo count($m['maps']['segment']), ' ', count($m['maps']['groups']), ' ', count($m['maps']['retention']), "\n";
}
// bins != 5: the built-in maps do not apply, so they are empty lists.
$m = Segment\Rfm::fit($p, ['bins' => 3])->toArray();
var_dump($m['maps']);
// Custom maps come back as given.
$mine = [['name' => 'Best', 'r' => [3, 3], 'f' => [3, 3]], ['name' => 'Rest', 'group' => 'other']];
$m = Segment\Rfm::fit($p, ['bins' => 3, 'map' => $mine])->toArray();
var_dump($m['maps']['segment'] === $mine);
?>
--EXPECT--
format,version,method,bins,reference,customers,thresholds,maps
segment-rfm v1 quantile bins=5 reference=2023-11-14 22:13:20 customers=200
r,f,m segment,groups,retention
r: 4 floats=1 list=1 ascending=1
f: 4 floats=1 list=1 ascending=1
m: 4 floats=1 list=1 ascending=1
11 7 4
format,version,method,bins,reference,customers,thresholds,maps
segment-rfm v1 pandas bins=4 reference=2023-11-14 22:13:20 customers=200
r,f,m segment,groups,retention
r: 3 floats=1 list=1 ascending=1
f: 3 floats=1 list=1 ascending=1
m: 3 floats=1 list=1 ascending=1
0 0 0
array(3) {
  ["segment"]=>
  array(0) {
  }
  ["groups"]=>
  array(0) {
  }
  ["retention"]=>
  array(0) {
  }
}
bool(true)
