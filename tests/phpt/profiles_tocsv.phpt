--TEST--
Segment\Profiles::toCsv(): one line per customer with a header; reads back with fgetcsv()
--EXTENSIONS--
segment
--FILE--
<?php
$dir = sys_get_temp_dir() . '/segment_profiles_tocsv_' . getmypid();
@mkdir($dir);
$p = Segment\Profiles::fromIterable([
    ['c' => '17850', 'o' => '1', 'd' => '2024-01-01 10:00:00', 'a' => 0.1],
    ['c' => '17850', 'o' => '2', 'd' => '2024-01-03 11:00:00', 'a' => 0.2],
    ['c' => 'Smith, "Jo"', 'o' => '3', 'd' => '2024-01-05 12:00:00', 'a' => 1e20],
    ['c' => "multi\nline", 'o' => '4', 'd' => '2024-01-06 00:00:00', 'a' => 7],
    ['c' => 'gone', 'o' => 'C5', 'd' => '2024-01-07 00:00:00', 'a' => -2.5],
], ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a', 'cancel_prefix' => 'C',
    'reference' => '2024-01-10 00:00:00']);
$p->toCsv("$dir/profiles.csv");
echo file_get_contents("$dir/profiles.csv");
echo "--\n";
$fh = fopen("$dir/profiles.csv", 'r');
$head = fgetcsv($fh, escape: '');
while (($row = fgetcsv($fh, escape: '')) !== false) {
    $r = array_combine($head, $row);
    $orig = $p->get($r['customer_id']);
    echo json_encode($r['customer_id']), ': ',
        (float) $r['monetary'] === $orig['monetary'] ? 'monetary exact' : 'monetary differs', ', ',
        $r['last_order_at'] === (string) $orig['last_order_at'] ? 'dates equal' : 'dates differ', ', ',
        $r['recency'] === (string) $orig['recency'] ? 'recency equal' : 'recency differs', "\n";
}
fclose($fh);
try {
    $p->toCsv("$dir/no/such/dir/x.csv");
} catch (Segment\Exception $e) {
    echo get_class($e), "\n";
}
unlink("$dir/profiles.csv");
rmdir($dir);
?>
--EXPECTF--
customer_id,orders,monetary,first_order_at,last_order_at,recency,cancelled_orders,returned
17850,2,0.30000000000000004,2024-01-01 10:00:00,2024-01-03 11:00:00,6,0,0
"Smith, ""Jo""",1,1.0e+20,2024-01-05 12:00:00,2024-01-05 12:00:00,4,0,0
"multi
line",1,7,2024-01-06 00:00:00,2024-01-06 00:00:00,4,0,0
gone,0,0,,,,1,2.5
--
"17850": monetary exact, dates equal, recency equal
"Smith, \"Jo\"": monetary exact, dates equal, recency equal
"multi\nline": monetary exact, dates equal, recency equal
"gone": monetary exact, dates equal, recency equal

Warning: Segment\Profiles::toCsv(%s): Failed to open stream: No such file or directory in %s on line %d
Segment\Exception
