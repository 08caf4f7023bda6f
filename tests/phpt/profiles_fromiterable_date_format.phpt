--TEST--
Segment\Profiles::fromIterable(): date_format is applied to string dates, and a bad format is a ValueError as in fromCsv()
--EXTENSIONS--
segment
--FILE--
<?php
$opts = ['customer' => 'c', 'date' => 'd', 'amount' => 'a', 'reference' => '2011-12-10 12:50:00'];
$p = Segment\Profiles::fromIterable([['c' => 'x', 'd' => '12/9/2011 8:26', 'a' => 1]], $opts + ['date_format' => 'n/j/Y G:i']);
echo $p->get('x')['last_order_at'], "\n";
$p = Segment\Profiles::fromIterable([['c' => 'x', 'd' => '1323419160', 'a' => 1]], $opts + ['date_format' => 'U']);
echo $p->get('x')['last_order_at'], "\n";
foreach ([[], [['c' => 'x', 'd' => '2011-12-09', 'a' => 1]]] as $rows) {
    try {
        Segment\Profiles::fromIterable($rows, $opts + ['date_format' => 'Y-m-d Q']);
        echo count($rows), " rows: no error\n";
    } catch (Throwable $e) {
        echo count($rows), ' rows: ', get_class($e), ': ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
2011-12-09 08:26:00
2011-12-09 08:26:00
0 rows: ValueError: option 'date_format': the date format letter 'Q' is not supported (use Y y m n d j H G i s v u U O P p, or \Q for a literal Q)
1 rows: ValueError: option 'date_format': the date format letter 'Q' is not supported (use Y y m n d j H G i s v u U O P p, or \Q for a literal Q)
