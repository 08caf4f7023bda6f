--TEST--
Segment\Rfm::fit() options map, groups, retention: custom lists of rules, first match wins, unmatched gives null
--EXTENSIONS--
segment
--FILE--
<?php
$rows = [];
// 9 customers on a 3 x 3 grid of recency and frequency; monetary = customer number (M: 1-3, 4-6, 7-9).
$id = 0;
foreach ([1, 10, 100] as $days) {
    foreach ([1, 2, 3] as $orders) {
        $id++;
        for ($k = 0; $k < $orders; $k++) {
            $rows[] = ['c' => "c$id", 'o' => "$id-$k", 'd' => 1704067200 - $days * 86400 - $k * 60, 'a' => $k ? 0 : $id];
        }
    }
}
$p = Segment\Profiles::fromIterable($rows, ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a',
                                            'reference' => 1704067200]);
$rfm = Segment\Rfm::fit($p, [
    'bins' => 3,
    'map' => [
        ['name' => 'VIP', 'r' => [3, 3], 'f' => [3, 3]],           // tried first
        ['name' => 'Frequent', 'f' => [3, 3]],                      // would also match VIPs
        ['name' => 'Recent', 'r' => [3, 3], 'f' => null],           // null = any
        ['name' => 'Big', 'm' => [3, 3], 'group' => null],
    ],                                                             // the rest: no name
    'groups' => [['name' => 'Everyone', 'group' => 'all']],
    'retention' => [['name' => 'Gone', 'r' => [1, 1], 'group' => 'ignored here']],
]);
foreach ($rfm->scores() as $cid => $s) {
    echo "$cid: {$s['score']} segment=", var_export($s['segment'], true), ' value_segment=', var_export($s['value_segment'], true),
        ' group=', var_export($s['group'], true), ' retention=', var_export($s['retention'], true), "\n";
}
// An empty list gives no names at all; a rule with only a name matches everyone.
$s = Segment\Rfm::fit($p, ['map' => [], 'groups' => [['name' => 'All']], 'retention' => []])->scores()['c5'];
echo json_encode($s), "\n";
// Order matters: the same rules reversed.
$rfm = Segment\Rfm::fit($p, ['bins' => 3, 'map' => [['name' => 'Frequent', 'f' => [3, 3]], ['name' => 'VIP', 'r' => [3, 3], 'f' => [3, 3]]]]);
echo 'reversed: c3 ', $rfm->scores()['c3']['segment'], "\n";
// score() uses the same maps.
echo 'score(): ', json_encode($rfm->score(['recency' => 0, 'orders' => 3, 'monetary' => 5])), "\n";
?>
--EXPECT--
c1: 311 segment='Recent' value_segment='Everyone' group='all' retention=NULL
c2: 321 segment='Recent' value_segment='Everyone' group='all' retention=NULL
c3: 331 segment='VIP' value_segment='Everyone' group='all' retention=NULL
c4: 212 segment=NULL value_segment='Everyone' group='all' retention=NULL
c5: 222 segment=NULL value_segment='Everyone' group='all' retention=NULL
c6: 232 segment='Frequent' value_segment='Everyone' group='all' retention=NULL
c7: 113 segment='Big' value_segment='Everyone' group='all' retention='Gone'
c8: 123 segment='Big' value_segment='Everyone' group='all' retention='Gone'
c9: 133 segment='Frequent' value_segment='Everyone' group='all' retention='Gone'
{"r":4,"f":2,"m":3,"score":"423","segment":null,"value_segment":"All","group":null,"retention":null}
reversed: c3 Frequent
score(): {"r":3,"f":3,"m":2,"score":"332","segment":"Frequent","value_segment":null,"group":null,"retention":null}
