--TEST--
Segment\Profiles::fromIterable(): a non-finite amount, a date of the wrong type or out of range is a Segment\DataError naming the row and the key
--EXTENSIONS--
segment
--FILE--
<?php
$row = ['c' => 'x', 'o' => '1', 'd' => '2024-01-01', 'a' => 1, 'q' => 2, 'p' => 3];
$amount = ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a'];
$qp = ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'quantity' => 'q', 'price' => 'p'];
$cases = [
    'amount NAN' => [$amount, ['a' => NAN]],
    'amount INF' => [$amount, ['a' => INF]],
    'amount -INF' => [$amount, ['a' => -INF]],
    'amount "1e999"' => [$amount, ['a' => '1e999']],
    'quantity NAN' => [$qp, ['q' => NAN]],
    'price "1e999"' => [$qp, ['p' => '1e999']],
    'date a float' => [$amount, ['d' => 1.5]],
    'date an object' => [$amount, ['d' => new stdClass]],
    'date an int out of range' => [$amount, ['d' => 300000000000]],
];
foreach ($cases as $label => [$opts, $bad]) {
    try {
        Segment\Profiles::fromIterable([$row, $bad + $row], $opts);
        echo "$label: no error\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ' row=', $e instanceof Segment\DataError ? $e->getDataLine() : '-',
            ' column=', $e instanceof Segment\DataError ? var_export($e->getColumn(), true) : '-', "\n";
    }
}
?>
--EXPECT--
amount NAN: Segment\DataError row=2 column='a'
amount INF: Segment\DataError row=2 column='a'
amount -INF: Segment\DataError row=2 column='a'
amount "1e999": Segment\DataError row=2 column='a'
quantity NAN: Segment\DataError row=2 column='q'
price "1e999": Segment\DataError row=2 column='p'
date a float: Segment\DataError row=2 column='d'
date an object: Segment\DataError row=2 column='d'
date an int out of range: Segment\DataError row=2 column='d'
