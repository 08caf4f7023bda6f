--TEST--
Segment\Rfm::summary() with custom maps: gaps go under "" (null's key), empty names stay with 0 and null means, repeated names add up; errors
--EXTENSIONS--
segment
--FILE--
<?php
// 9 customers on a 3 x 3 grid of recency and frequency; monetary = customer number.
$rows = [];
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
        ['name' => 'Top', 'r' => [3, 3], 'f' => [3, 3]],
        ['name' => 'Never', 'r' => [1, 1], 'f' => [3, 3], 'm' => [1, 1]],   // nobody: still listed
        ['name' => '123', 'f' => [2, 2], 'r' => [2, 3]],                   // a numeric name: int key, as in PHP
        ['name' => 'Top', 'r' => [1, 1], 'f' => [1, 1]],                   // the same name again: one entry
    ],                                                                    // the rest: no name
    'groups' => [
        ['name' => 'High', 'm' => [3, 3], 'group' => 'value'],
        ['name' => '', 'm' => [1, 1], 'group' => 'named ""'],            // a rule named "" shares the unmatched entry
    ],
    'retention' => [],                                                    // nobody matched
]);
foreach ($rfm->scores() as $cid => $s) {
    echo "$cid {$s['score']}: ", json_encode([$s['segment'], $s['value_segment'], $s['retention']]), "\n";
}
foreach (['segment', 'groups', 'retention'] as $role) {
    echo "-- $role\n";
    $sum = 0;
    foreach ($rfm->summary($role) as $name => $e) {
        echo var_export($name, true), ' => ', json_encode($e), "\n";
        $sum += $e['customers'];
    }
    echo "customers in all entries: $sum\n";
}
// PHP turns a null key into "": a customer's entry is $summary[$score[...]], matched or not.
$summary = $rfm->summary();
$byKey = [];
foreach ($rfm->scores() as $s) $byKey[$s['segment']] = ($byKey[$s['segment']] ?? 0) + 1;
foreach ($byKey as $name => $n) if ($summary[$name]['customers'] !== $n) echo "mismatch for '$name'\n";
echo "lookups by name agree\n";

// With bins other than 5 the built-in maps give no names: everyone is under "".
$all = Segment\Rfm::fit($p, ['bins' => 3])->summary('groups');
echo json_encode($all), "\n";

foreach (['map', 'Segment', '', 'value_segment'] as $bad) {
    try {
        $rfm->summary($bad);
    } catch (ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try {
    $rfm->summary([]);
} catch (TypeError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
$path = sys_get_temp_dir() . '/segment-rfm-summary-' . getmypid() . '.json';
$rfm->save($path);
try {
    Segment\Rfm::load($path)->summary();
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
unlink($path);
?>
--EXPECT--
c1 311: [null,"",null]
c2 321: ["123","",null]
c3 331: ["Top","",null]
c4 212: [null,null,null]
c5 222: ["123",null,null]
c6 232: [null,null,null]
c7 113: ["Top","High",null]
c8 123: [null,"High",null]
c9 133: [null,"High",null]
-- segment
'Top' => {"customers":2,"share":0.2222222222222222,"monetary":10,"recency_mean":50.5,"frequency_mean":2}
'Never' => {"customers":0,"share":0,"monetary":0,"recency_mean":null,"frequency_mean":null}
123 => {"customers":2,"share":0.2222222222222222,"monetary":7,"recency_mean":5.5,"frequency_mean":2}
'' => {"customers":5,"share":0.5555555555555556,"monetary":28,"recency_mean":44.2,"frequency_mean":2}
customers in all entries: 9
-- groups
'High' => {"group":"value","customers":3,"share":0.3333333333333333,"monetary":24,"recency_mean":100,"frequency_mean":2}
'' => {"group":"named \"\"","customers":6,"share":0.6666666666666666,"monetary":21,"recency_mean":5.5,"frequency_mean":2}
customers in all entries: 9
-- retention
'' => {"customers":9,"share":1,"monetary":45,"recency_mean":37,"frequency_mean":2}
customers in all entries: 9
lookups by name agree
{"":{"group":null,"customers":9,"share":1,"monetary":45,"recency_mean":37,"frequency_mean":2}}
ValueError: Segment\Rfm::summary(): Argument #1 ($map) must be "segment", "groups" or "retention"
ValueError: Segment\Rfm::summary(): Argument #1 ($map) must be "segment", "groups" or "retention"
ValueError: Segment\Rfm::summary(): Argument #1 ($map) must be "segment", "groups" or "retention"
ValueError: Segment\Rfm::summary(): Argument #1 ($map) must be "segment", "groups" or "retention"
TypeError: Segment\Rfm::summary(): Argument #1 ($map) must be of type string, array given
Error: a loaded Segment\Rfm has thresholds, not the customers it was fitted on: use score()
