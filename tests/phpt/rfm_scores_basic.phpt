--TEST--
Segment\Rfm::scores(): id => [r, f, m, score, segment, value_segment, group, retention] for customers with orders only
--EXTENSIONS--
segment
--FILE--
<?php
$rows = [];
foreach (['b' => 3, '12' => 1, 'a' => 2, '007' => 4, 'x' => 5] as $id => $n) {
    for ($k = 0; $k < $n; $k++) $rows[] = ['c' => (string) $id, 'o' => "$id$k", 'd' => "2024-01-1$n 12:00:00", 'a' => 10 * $n];
}
$rows[] = ['c' => 'only-cancelled', 'o' => 'C1', 'd' => '2024-01-01', 'a' => -5];
$rows[] = ['c' => 'only-returns', 'o' => 'r1', 'd' => '2024-01-01', 'a' => -5];
$p = Segment\Profiles::fromIterable($rows, ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a',
                                            'cancel_prefix' => 'C', 'reference' => '2024-01-20 00:00:00']);
$rfm = Segment\Rfm::fit($p);
$scores = $rfm->scores();
echo count($p), ' profiles, ', count($scores), ' scored, customers=', $rfm->toArray()['customers'], "\n";
var_dump(array_keys($scores));
foreach ($scores as $id => $s) {
    echo json_encode($id), ' ', json_encode($s), "\n";
}
// Every call gives a fresh array.
$scores['b']['r'] = 0;
var_dump($rfm->scores()['b']['r']);
// The Rfm keeps its profiles alive.
$rfm = Segment\Rfm::fit(Segment\Profiles::fromIterable($rows, ['customer' => 'c', 'date' => 'd', 'amount' => 'a']));
gc_collect_cycles();
echo count($rfm->scores()), "\n";
?>
--EXPECT--
7 profiles, 5 scored, customers=5
array(5) {
  [0]=>
  string(1) "b"
  [1]=>
  int(12)
  [2]=>
  string(1) "a"
  [3]=>
  string(3) "007"
  [4]=>
  string(1) "x"
}
"b" {"r":3,"f":3,"m":3,"score":"333","segment":"Need Attention","value_segment":"Low Value","group":"non-core","retention":"Drifting"}
12 {"r":1,"f":1,"m":1,"score":"111","segment":"Lost","value_segment":"Lost","group":"non-core","retention":"Lost"}
"a" {"r":2,"f":2,"m":2,"score":"222","segment":"Hibernating","value_segment":"Lost","group":"non-core","retention":"Churn Risk"}
"007" {"r":4,"f":4,"m":4,"score":"444","segment":"Loyal Customers","value_segment":"Champions","group":"core","retention":"Active"}
"x" {"r":5,"f":5,"m":5,"score":"555","segment":"Champions","value_segment":"Champions","group":"core","retention":"Active"}
int(3)
5
