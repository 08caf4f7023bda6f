--TEST--
Segment\Rfm iteration errors: a loaded Rfm (thresholds, no customers) throws as scores() does; by reference throws
--EXTENSIONS--
segment
--FILE--
<?php
$p = Segment\Profiles::fromIterable([
    ['c' => 'a', 'd' => '2024-01-01', 'v' => 1], ['c' => 'b', 'd' => '2024-01-02', 'v' => 2],
    ['c' => 'c', 'd' => '2024-01-03', 'v' => 3], ['c' => 'd', 'd' => '2024-01-04', 'v' => 4],
    ['c' => 'e', 'd' => '2024-01-05', 'v' => 5],
], ['customer' => 'c', 'date' => 'd', 'amount' => 'v', 'reference' => '2024-01-10']);
$rfm = Segment\Rfm::fit($p);
$path = sys_get_temp_dir() . '/segment-rfm-iterate-error-' . getmypid() . '.json';
$rfm->save($path);
$loaded = Segment\Rfm::load($path);
unlink($path);
foreach ([
    'scores()' => fn() => $loaded->scores(),
    'foreach' => function () use ($loaded) { foreach ($loaded as $row) echo "unexpected\n"; },
    'getIterator()' => fn() => $loaded->getIterator(),
    'iterator_to_array()' => fn() => iterator_to_array($loaded),
    'yield from' => fn() => iterator_to_array((function () use ($loaded) { yield from $loaded; })()),
    'by reference' => function () use ($rfm) { foreach ($rfm as &$row) echo "unexpected\n"; },
] as $label => $f) {
    try {
        $f();
        echo "$label: no error\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
// The loaded model still scores one customer.
echo $loaded->score(['recency' => 6, 'orders' => 1, 'monetary' => 5])['score'], "\n";
echo count(iterator_to_array($rfm)), "\n";
?>
--EXPECT--
scores(): Error: a loaded Segment\Rfm has thresholds, not the customers it was fitted on: use score()
foreach: Error: a loaded Segment\Rfm has thresholds, not the customers it was fitted on: use score()
getIterator(): Error: a loaded Segment\Rfm has thresholds, not the customers it was fitted on: use score()
iterator_to_array(): Error: a loaded Segment\Rfm has thresholds, not the customers it was fitted on: use score()
yield from: Error: a loaded Segment\Rfm has thresholds, not the customers it was fitted on: use score()
by reference: Error: Segment\Rfm cannot be iterated by reference
415
5
