--TEST--
Segment\Rfm is IteratorAggregate: foreach yields id => the same array scores() gives, in profile order, scored customers only
--EXTENSIONS--
segment
--FILE--
<?php
$rows = [];
foreach (['b' => 3, '12' => 1, 'a' => 2, '007' => 4, 'x' => 5, '-' => 2, '-5' => 3] as $id => $n) {
    for ($k = 0; $k < $n; $k++) $rows[] = ['c' => (string) $id, 'o' => "$id$k", 'd' => "2024-01-1$n 12:00:00", 'a' => 10 * $n];
}
$rows[] = ['c' => 'only-cancelled', 'o' => 'C1', 'd' => '2024-01-01', 'a' => -5];
$rows[] = ['c' => '99', 'o' => 'C2', 'd' => '2024-01-01', 'a' => -5];
$opts = ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a', 'cancel_prefix' => 'C',
         'reference' => '2024-01-20 00:00:00'];
$p = Segment\Profiles::fromIterable($rows, $opts);
$rfm = Segment\Rfm::fit($p);
var_dump($rfm instanceof IteratorAggregate, $rfm instanceof Traversable);
echo count($p), ' profiles, ', count($rfm->scores()), " scored\n";

// foreach: keys as scores() keys them ("12" and "-5" are ints, "007" and "-" strings).
foreach ($rfm as $id => $s) {
    echo var_export($id, true), ' => ', json_encode($s), "\n";
}
// Exactly scores(): same keys, key types, order and values.
var_dump(iterator_to_array($rfm) === $rfm->scores());
// getIterator() is a native Iterator.
$it = $rfm->getIterator();
echo get_class($it), ' ', var_export($it instanceof Iterator, true), "\n";
$ids = [];
foreach ($it as $id => $_) $ids[] = $id;
var_dump($ids === array_keys($rfm->scores()));
// By hand: rewind, valid, current, key, next.
$it->rewind();
echo var_export($it->key(), true), ' ', $it->current()['score'], "\n";
$it->next();
$it->next();
echo var_export($it->key(), true), ' ', $it->current()['segment'], "\n";

// Same results with another bin count (no "score" key) and custom maps.
$rfm3 = Segment\Rfm::fit($p, ['bins' => 10, 'map' => [['name' => 'Recent', 'r' => [6, 10]]],
                              'groups' => [['name' => 'All']], 'retention' => []]);
var_dump(iterator_to_array($rfm3) === $rfm3->scores());
echo json_encode(iterator_to_array($rfm3)['x']), "\n";
?>
--EXPECT--
bool(true)
bool(true)
9 profiles, 7 scored
'b' => {"r":4,"f":3,"m":3,"score":"433","segment":"Potential Loyalists","value_segment":"Promising","group":"potential core","retention":"Active"}
12 => {"r":1,"f":1,"m":1,"score":"111","segment":"Lost","value_segment":"Lost","group":"non-core","retention":"Lost"}
'a' => {"r":2,"f":1,"m":1,"score":"211","segment":"Hibernating","value_segment":"Lost","group":"non-core","retention":"Churn Risk"}
'007' => {"r":5,"f":5,"m":5,"score":"555","segment":"Champions","value_segment":"Champions","group":"core","retention":"Active"}
'x' => {"r":5,"f":5,"m":5,"score":"555","segment":"Champions","value_segment":"Champions","group":"core","retention":"Active"}
'-' => {"r":2,"f":1,"m":1,"score":"211","segment":"Hibernating","value_segment":"Lost","group":"non-core","retention":"Churn Risk"}
-5 => {"r":4,"f":3,"m":3,"score":"433","segment":"Potential Loyalists","value_segment":"Promising","group":"potential core","retention":"Active"}
bool(true)
InternalIterator true
bool(true)
'b' 433
'a' Hibernating
bool(true)
{"r":10,"f":10,"m":10,"segment":"Recent","value_segment":"All","group":null,"retention":null}
