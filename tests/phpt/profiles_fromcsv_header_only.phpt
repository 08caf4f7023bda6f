--TEST--
Segment\Profiles::fromCsv(): a file with only a header gives 0 profiles; Rfm::fit() then throws
--EXTENSIONS--
segment
--FILE--
<?php
$dir = sys_get_temp_dir() . '/segment_profiles_fromcsv_header_only_' . getmypid();
@mkdir($dir);
$opts = ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a', 'reference' => '2024-01-10 00:00:00'];
foreach (["c,o,d,a\n", "c,o,d,a", "\xEF\xBB\xBFc,o,d,a\r\n\r\n\n"] as $i => $text) {
    file_put_contents("$dir/h.csv", $text);
    $p = Segment\Profiles::fromCsv("$dir/h.csv", $opts);
    $s = $p->stats();
    echo "$i: count=", count($p), " lines=", $s['lines'], " customers=", $s['customers'],
        " first=", var_export($s['first_order_at'], true), " array=", json_encode($p->toArray()), "\n";
    foreach ($p as $k => $v) echo "unexpected $k\n";
    var_dump($p->get('x'));
    try {
        Segment\Rfm::fit($p);
    } catch (Segment\Exception $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
unlink("$dir/h.csv");
rmdir($dir);
?>
--EXPECT--
0: count=0 lines=0 customers=0 first=NULL array=[]
NULL
Segment\Exception: RFM fit: no customer has an order to score
1: count=0 lines=0 customers=0 first=NULL array=[]
NULL
Segment\Exception: RFM fit: no customer has an order to score
2: count=0 lines=0 customers=0 first=NULL array=[]
NULL
Segment\Exception: RFM fit: no customer has an order to score
