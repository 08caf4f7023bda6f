--TEST--
Segment\Rfm::fit(): one customer: "pandas" refuses (bin edges coincide), "quantile" gives R = bins, F = M = 1
--EXTENSIONS--
segment
--FILE--
<?php
$p = Segment\Profiles::fromIterable([
    ['c' => 'solo', 'o' => 1, 'd' => '2024-01-01 10:00:00', 'a' => 120],
    ['c' => 'solo', 'o' => 2, 'd' => '2024-01-08 10:00:00', 'a' => 30],
    ['c' => 'ghost', 'o' => 'C3', 'd' => '2024-01-08 10:00:00', 'a' => -30], // no order: not scored
], ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a', 'cancel_prefix' => 'C',
    'reference' => '2024-01-10 00:00:00']);
foreach ([5, 2] as $bins) {
    try {
        Segment\Rfm::fit($p, ['method' => 'pandas', 'bins' => $bins]);
        echo "pandas bins=$bins: no error\n";
    } catch (Segment\Exception $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
$rfm = Segment\Rfm::fit($p);
var_dump($rfm->scores());
$m = $rfm->toArray();
echo 'customers=', $m['customers'], ' ', json_encode($m['thresholds']), "\n";
// Every threshold is the one value: score() of that value gives the same scores.
echo $rfm->score($p->get('solo'))['score'], "\n";
// Anything better than the only customer also gets R = 5; more orders or money gets F = M = 5.
echo $rfm->score(['recency' => 0, 'orders' => 3, 'monetary' => 150.01])['score'], "\n";
echo $rfm->score(['recency' => 2, 'orders' => 1, 'monetary' => 150])['score'], "\n";
var_dump($rfm->score($p->get('ghost')));
?>
--EXPECT--
Segment\Exception: RFM fit: 1 customers are too few for 5 bins: quantile edges coincide
Segment\Exception: RFM fit: 1 customers are too few for 2 bins: quantile edges coincide
array(1) {
  ["solo"]=>
  array(8) {
    ["r"]=>
    int(5)
    ["f"]=>
    int(1)
    ["m"]=>
    int(1)
    ["score"]=>
    string(3) "511"
    ["segment"]=>
    string(13) "New Customers"
    ["value_segment"]=>
    string(13) "New Customers"
    ["group"]=>
    string(14) "potential core"
    ["retention"]=>
    string(6) "Active"
  }
}
customers=1 {"r":[1,1,1,1],"f":[2,2,2,2],"m":[150,150,150,150]}
511
555
111
NULL
