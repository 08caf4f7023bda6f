--TEST--
Segment\Rfm scores in rules: $customer['rfm'] = $rfm->score($profile), then rfm.r, rfm.segment, retention in a RuleSet
--EXTENSIONS--
segment
--FILE--
<?php
$data = [105 => [60, 1, 15], 101 => [1, 5, 500], 110 => [20, 4, 180], 103 => [10, 2, 75.5], 108 => [2, 12, 2500.25],
         102 => [3, 1, 20], 107 => [90, 2, 60], 104 => [30, 8, 1200], 109 => [45, 1, 40], 106 => [5, 3, 300]];
$rows = [];
foreach ($data as $id => [$rec, $n, $money]) {
    for ($k = $n - 1; $k >= 0; $k--) {
        $rows[] = ['c' => $id, 'o' => "$id-$k", 'd' => 1706745600 - $rec * 86400 - 6 * 3600 - $k * 86400, 'a' => $k === $n - 1 ? $money : 0];
    }
}
$rows[] = ['c' => 999, 'o' => 'C1', 'd' => '2024-01-01', 'a' => -10];   // no order: no scores
$p = Segment\Profiles::fromIterable($rows, ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a',
                                            'cancel_prefix' => 'C', 'reference' => '2024-02-01 00:00:00']);
$rfm = Segment\Rfm::fit($p);
$set = new Segment\RuleSet([
    ['code' => 'champions', 'rule' => 'rfm.segment == "Champions"', 'priority' => 50],
    ['code' => 'loyal_offer', 'rule' => 'rfm.r >= 4 and rfm.f >= 4', 'priority' => 40],
    ['code' => 'winback', 'rule' => 'rfm.segment in ("At Risk", "Can\'t Lose Them") or rfm.score == "255"', 'priority' => 30],
    ['code' => 'core', 'rule' => 'rfm.group == "core" and rfm.m >= 4', 'priority' => 20],
    ['code' => 'drifting', 'rule' => 'retention == "Drifting"', 'priority' => 10],
    ['code' => 'unscored', 'rule' => 'rfm == null', 'priority' => 0],
]);
foreach ($p as $id => $profile) {
    $customer = ['id' => $id];
    $customer['rfm'] = $rfm->score($profile);
    $customer['retention'] = $customer['rfm']['retention'] ?? null;
    echo $id, ' ', $customer['rfm']['score'] ?? '---', ': ', implode(',', $set->match($customer)), "\n";
}
// Objects work as well.
$c = (object) ['rfm' => $rfm->score($p->get('108')), 'retention' => 'Active'];
echo implode(',', $set->match($c)), ' / first: ', $set->first($c), "\n";
var_dump(Segment\RuleSet::validate('rfm.r >= 4 and rfm.segment == "Champions"', ['rfm', 'retention']));
?>
--EXPECT--
105 111: 
101 544: champions,loyal_offer,core
110 343: drifting
103 323: drifting
108 555: champions,loyal_offer,core
102 411: 
107 122: 
104 255: winback,core
109 212: 
106 434: core
999 ---: unscored
champions,loyal_offer,core / first: champions
array(2) {
  [0]=>
  string(5) "rfm.r"
  [1]=>
  string(11) "rfm.segment"
}
