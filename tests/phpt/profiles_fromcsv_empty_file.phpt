--TEST--
Segment\Profiles::fromCsv(): an empty file (0 bytes, no header) gives 0 profiles, like a header-only file
--EXTENSIONS--
segment
--FILE--
<?php
$dir = sys_get_temp_dir() . '/segment_profiles_fromcsv_empty_file_' . getmypid();
@mkdir($dir);
file_put_contents("$dir/empty.csv", '');
try {
    $p = Segment\Profiles::fromCsv("$dir/empty.csv", ['customer' => 'c', 'date' => 'd', 'amount' => 'a']);
    echo 'count=', count($p), ' lines=', $p->stats()['lines'], "\n";
    Segment\Rfm::fit($p);
} catch (Segment\Exception $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
unlink("$dir/empty.csv");
rmdir($dir);
?>
--EXPECT--
count=0 lines=0
Segment\Exception: RFM fit: no customer has an order to score
