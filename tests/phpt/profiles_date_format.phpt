--TEST--
Segment\Profiles: option date_format ("Y-m-d H:i:s", UCI's "n/j/Y G:i", "U", "auto") and a bad format
--EXTENSIONS--
segment
--FILE--
<?php
$dir = sys_get_temp_dir() . '/segment_profiles_date_format_' . getmypid();
@mkdir($dir);
$opts = ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a', 'reference' => '2011-12-10 12:50:00'];
$cases = [
    'Y-m-d H:i:s' => ["2010-12-01 08:26:00", "2011-12-09 12:50:00"],
    'n/j/Y G:i' => ["12/1/2010 8:26", "12/9/2011 12:50"],
    'U' => ["1291191960", "1323435000"],
    'auto' => ["2010-12-01T08:26:00", "1323435000"],
];
foreach ($cases as $format => [$first, $last]) {
    file_put_contents("$dir/o.csv", "c,o,d,a\n17850,536365,$first,15.3\n17850,581587,$last,1\n");
    $p = Segment\Profiles::fromCsv("$dir/o.csv", $opts + ['date_format' => $format]);
    $r = $p->get('17850');
    echo "$format: {$r['first_order_at']} .. {$r['last_order_at']} recency={$r['recency']} tenure={$r['tenure_days']}\n";
}
// UCI's format is strict about the shape: a 2-digit year does not match Y.
file_put_contents("$dir/o.csv", "c,o,d,a\n17850,536365,12/1/10 8:26,15.3\n");
try {
    Segment\Profiles::fromCsv("$dir/o.csv", $opts + ['date_format' => 'n/j/Y G:i']);
} catch (Segment\DataError $e) {
    echo $e->getDataLine(), ' ', $e->getColumn(), ': ', str_replace($dir, 'DIR', $e->getMessage()), "\n";
}
foreach (['Y-m-d Q', 'Y-m', 'U Y', '', 'Y-m-d\\'] as $bad) {
    try {
        Segment\Profiles::fromCsv("$dir/o.csv", $opts + ['date_format' => $bad]);
        echo "'$bad': no error\n";
    } catch (ValueError $e) {
        echo "'$bad': ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try {
    Segment\Profiles::fromCsv("$dir/o.csv", $opts + ['date_format' => 5]);
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
unlink("$dir/o.csv");
rmdir($dir);
?>
--EXPECT--
Y-m-d H:i:s: 2010-12-01 08:26:00 .. 2011-12-09 12:50:00 recency=1 tenure=373
n/j/Y G:i: 2010-12-01 08:26:00 .. 2011-12-09 12:50:00 recency=1 tenure=373
U: 2010-12-01 08:26:00 .. 2011-12-09 12:50:00 recency=1 tenure=373
auto: 2010-12-01 08:26:00 .. 2011-12-09 12:50:00 recency=1 tenure=373
2 d: DIR/o.csv:2, column 'd': "12/1/10 8:26" is not a date in the format n/j/Y G:i
'Y-m-d Q': ValueError: option 'date_format': the date format letter 'Q' is not supported (use Y y m n d j H G i s v u U O P p, or \Q for a literal Q)
'Y-m': ValueError: option 'date_format': the date format has no day (d or j)
'U Y': ValueError: option 'date_format': U (Unix timestamp) cannot be combined with other date, time or zone fields
'': ValueError: option 'date_format': the date format has no year (Y or y)
'Y-m-d\': ValueError: option 'date_format': the date format ends with a lone backslash
ValueError: option 'date_format' must be a string, int given
