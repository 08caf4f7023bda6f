--TEST--
Segment\Rfm::fit(): bins 2..10: bins - 1 thresholds, scores in 1..bins, no built-in map names unless bins = 5, no "score" string at 10
--EXTENSIONS--
segment
--FILE--
<?php
$rows = [];
// 40 customers: recency i days, i orders, monetary i * 10 (customer i).
for ($i = 1; $i <= 40; $i++) {
    for ($k = 0; $k < $i; $k++) {
        $rows[] = ['c' => $i, 'o' => "$i-$k", 'd' => gmdate('Y-m-d H:i:s', strtotime('2024-03-01 UTC') - $i * 86400 - $k * 3600),
                   'a' => $k === 0 ? $i * 10 : 0];
    }
}
$p = Segment\Profiles::fromIterable($rows, ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a',
                                            'reference' => '2024-03-01 00:00:00']);
for ($bins = 2; $bins <= 10; $bins++) {
    foreach (['quantile', 'pandas'] as $method) {
        $rfm = Segment\Rfm::fit($p, ['bins' => $bins, 'method' => $method]);
        $m = $rfm->toArray();
        $counts = array_fill(1, $bins, 0);
        $named = 0;
        $keys = null;
        foreach ($rfm->scores() as $s) {
            $counts[$s['f']]++;
            $named += $s['segment'] !== null || $s['value_segment'] !== null || $s['retention'] !== null;
            $keys ??= implode(',', array_keys($s));
        }
        printf("%-8s bins=%2d: %d thresholds each, F counts %s, %d named\n", $method, $bins, count($m['thresholds']['f']),
            implode('/', $counts), $named);
        if ($bins === 5 || $bins === 10) echo "  keys: $keys\n";
    }
}
// With 10 bins the scores still work in rules and with custom maps.
$rfm = Segment\Rfm::fit($p, ['bins' => 10, 'map' => [['name' => 'loyal but gone', 'r' => [1, 2], 'f' => [9, 10]]]]);
$s = $rfm->scores()[40];
echo "customer 40: r={$s['r']} f={$s['f']} m={$s['m']} segment=", var_export($s['segment'], true), "\n";
$s = $rfm->scores()[1];
echo "customer 1: r={$s['r']} f={$s['f']} m={$s['m']} segment=", var_export($s['segment'], true), "\n";
// bins 10 is the maximum: thresholds of recency for the quantile method.
echo json_encode($rfm->toArray()['thresholds']['r']), "\n";
?>
--EXPECT--
quantile bins= 2: 1 thresholds each, F counts 20/20, 0 named
pandas   bins= 2: 1 thresholds each, F counts 20/20, 0 named
quantile bins= 3: 2 thresholds each, F counts 14/13/13, 0 named
pandas   bins= 3: 2 thresholds each, F counts 14/13/13, 0 named
quantile bins= 4: 3 thresholds each, F counts 10/10/10/10, 0 named
pandas   bins= 4: 3 thresholds each, F counts 10/10/10/10, 0 named
quantile bins= 5: 4 thresholds each, F counts 8/8/8/8/8, 40 named
  keys: r,f,m,score,segment,value_segment,group,retention
pandas   bins= 5: 4 thresholds each, F counts 8/8/8/8/8, 40 named
  keys: r,f,m,score,segment,value_segment,group,retention
quantile bins= 6: 5 thresholds each, F counts 7/7/6/7/6/7, 0 named
pandas   bins= 6: 5 thresholds each, F counts 7/7/6/7/6/7, 0 named
quantile bins= 7: 6 thresholds each, F counts 6/6/5/6/5/6/6, 0 named
pandas   bins= 7: 6 thresholds each, F counts 6/6/5/6/5/6/6, 0 named
quantile bins= 8: 7 thresholds each, F counts 5/5/5/5/5/5/5/5, 0 named
pandas   bins= 8: 7 thresholds each, F counts 5/5/5/5/5/5/5/5, 0 named
quantile bins= 9: 8 thresholds each, F counts 5/4/5/4/4/5/4/4/5, 0 named
pandas   bins= 9: 8 thresholds each, F counts 5/4/5/4/4/5/4/4/5, 0 named
quantile bins=10: 9 thresholds each, F counts 4/4/4/4/4/4/4/4/4/4, 0 named
  keys: r,f,m,segment,value_segment,group,retention
pandas   bins=10: 9 thresholds each, F counts 4/4/4/4/4/4/4/4/4/4, 0 named
  keys: r,f,m,segment,value_segment,group,retention
customer 40: r=1 f=10 m=10 segment='loyal but gone'
customer 1: r=10 f=1 m=1 segment=NULL
[4.9,8.8,12.700000000000001,16.6,20.5,24.400000000000002,28.300000000000004,32.2,36.1]
