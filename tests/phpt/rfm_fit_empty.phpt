--TEST--
Segment\Rfm::fit(): no customer with an order (empty iterable, guests only, cancellations only) throws Segment\Exception
--EXTENSIONS--
segment
--FILE--
<?php
$opts = ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a', 'cancel_prefix' => 'C'];
$inputs = [
    'empty array' => [],
    'empty generator' => (function () { yield from []; })(),
    'guests only' => [['c' => '', 'o' => 1, 'd' => '2024-01-01', 'a' => 5], ['c' => null, 'o' => 2, 'd' => '2024-01-01', 'a' => 5]],
    'cancellations and returns only' => [['c' => 'x', 'o' => 'C1', 'd' => '2024-01-01', 'a' => -5],
                                         ['c' => 'y', 'o' => '2', 'd' => '2024-01-01', 'a' => -1]],
];
foreach ($inputs as $label => $rows) {
    $p = Segment\Profiles::fromIterable($rows, $opts);
    echo "$label: ", count($p), " profiles; ";
    foreach (['quantile', 'pandas'] as $method) {
        try {
            Segment\Rfm::fit($p, ['method' => $method]);
            echo "$method: no error ";
        } catch (Segment\Exception $e) {
            echo "$method: ", get_class($e), ' "', $e->getMessage(), '" ';
        }
    }
    echo "\n";
}
?>
--EXPECT--
empty array: 0 profiles; quantile: Segment\Exception "RFM fit: no customer has an order to score" pandas: Segment\Exception "RFM fit: no customer has an order to score" 
empty generator: 0 profiles; quantile: Segment\Exception "RFM fit: no customer has an order to score" pandas: Segment\Exception "RFM fit: no customer has an order to score" 
guests only: 0 profiles; quantile: Segment\Exception "RFM fit: no customer has an order to score" pandas: Segment\Exception "RFM fit: no customer has an order to score" 
cancellations and returns only: 2 profiles; quantile: Segment\Exception "RFM fit: no customer has an order to score" pandas: Segment\Exception "RFM fit: no customer has an order to score" 
