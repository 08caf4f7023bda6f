--TEST--
Segment\Profiles::fromCsv(): delimiter, BOM, padded header names, status column, extra columns, quoted fields with line breaks
--EXTENSIONS--
segment
--FILE--
<?php
$dir = sys_get_temp_dir() . '/segment_profiles_fromcsv_options_' . getmypid();
@mkdir($dir);
file_put_contents("$dir/o.csv", "\xEF\xBB\xBF Customer ; Order ;Date;Total;Status;Note\r\n"
    . "k1;A1;2024-03-01 10:00:00;19,90;paid;\"multi\r\nline; note\"\r\n"     // "19,90" is not a number
    . "k2;A2;2024-03-02 10:00:00;5.5;paid;\r\n");
$opts = ['customer' => 'Customer', 'order' => 'Order', 'date' => 'Date', 'amount' => 'Total', 'status' => 'Status',
         'delimiter' => ';', 'cancelled_statuses' => ['void'], 'reference' => '2024-03-10'];
try {
    Segment\Profiles::fromCsv("$dir/o.csv", $opts);
} catch (Segment\DataError $e) {
    echo str_replace($dir, 'DIR', $e->getMessage()), "\n";
}
file_put_contents("$dir/o.csv", "\xEF\xBB\xBF Customer ; Order ;Date;Total;Status;Note\r\n"
    . "k1;A1;2024-03-01 10:00:00;19.90;paid;\"multi\r\nline; note\"\r\n"
    . "k1;A2;2024-03-02 10:00:00;5.5;void;\r\n"
    . "k2;A3;2024-03-09 23:59:59;-0;paid;x\r\n"
    . "k2;A4;2024-03-09 23:59:59;1e3;paid;\r\n"
    . "k3;A5;2024-03-03;7;paid;trailing;extra;fields\r\n");
$p = Segment\Profiles::fromCsv("$dir/o.csv", $opts);
foreach ($p as $id => $r) echo "$id: orders={$r['orders']} monetary={$r['monetary']} cancelled={$r['cancelled_orders']} returned={$r['returned']} recency={$r['recency']}\n";
echo json_encode(array_intersect_key($p->stats(), ['lines' => 1, 'cancelled_lines' => 1, 'returned_lines' => 1])), "\n";
// The wrong delimiter: the whole header is one column.
try {
    Segment\Profiles::fromCsv("$dir/o.csv", ['delimiter' => ','] + $opts);
} catch (Segment\DataError $e) {
    echo str_replace($dir, 'DIR', $e->getMessage()), "\n";
}
unlink("$dir/o.csv");
rmdir($dir);
?>
--EXPECT--
DIR/o.csv:2, column 'Total': "19,90" is not a finite number
k1: orders=1 monetary=19.9 cancelled=1 returned=5.5 recency=8
k2: orders=2 monetary=1000 cancelled=0 returned=0 recency=0
k3: orders=1 monetary=7 cancelled=0 returned=0 recency=7
{"lines":5,"cancelled_lines":1,"returned_lines":0}
DIR/o.csv:1, column 'Customer': the header has no column named 'Customer' (columns:  Customer ; Order ;Date;Total;Status;Note)
