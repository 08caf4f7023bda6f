--TEST--
Segment\KMeans::predict() and assign() errors: missing feature, wrong length, NaN/INF, log1p of <= -1, a profile without orders, an unfitted object
--EXTENSIONS--
segment
--FILE--
<?php
$km = Segment\KMeans::fit([['spend' => 10, 'visits' => 1], ['spend' => 500, 'visits' => 9], ['spend' => 20, 'visits' => 2]], 2, ['log1p' => ['spend'], 'seed' => 1]);
$try = function (string $label, callable $f) {
    try {
        $out = var_export($f(), true);
        echo "$label: $out\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
};
$try('missing visits', fn () => $km->predict(['spend' => 10]));
$try('empty', fn () => $km->predict([]));
$try('a list of 3', fn () => $km->predict([1, 2, 3]));
$try('a list of 2 (positional)', fn () => $km->predict([500, 9]) === $km->predict(['spend' => 500, 'visits' => 9]));
$try('NAN', fn () => $km->predict(['spend' => NAN, 'visits' => 1]));
$try('INF', fn () => $km->assign(['spend' => 10, 'visits' => INF]));
$try('a string', fn () => $km->predict(['spend' => 'lots', 'visits' => 1]));
$try('null', fn () => $km->predict(['spend' => null, 'visits' => 1]));
$try('log1p of -1', fn () => $km->predict(['spend' => -1, 'visits' => 1]));
$try('not an array', fn () => $km->predict('spend'));
// A Profiles model.
$p = Segment\Profiles::fromIterable([
    ['c' => 1, 'o' => 'a', 'd' => '2024-01-01', 'a' => 10], ['c' => 2, 'o' => 'b', 'd' => '2024-01-05', 'a' => 99],
    ['c' => 2, 'o' => 'c', 'd' => '2024-01-09', 'a' => 50], ['c' => 3, 'o' => 'C9', 'd' => '2024-01-09', 'a' => -5],
], ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a', 'cancel_prefix' => 'C', 'reference' => '2024-02-01']);
$pk = Segment\KMeans::fit($p, 2);
$try('a profile without orders', fn () => $pk->predict($p->get('3')));
$try('no recency and no last_order_at', fn () => $pk->predict(['orders' => 2, 'monetary' => 40]));
$try('a bad last_order_at', fn () => $pk->predict(['orders' => 2, 'monetary' => 40, 'last_order_at' => 'someday']));
$try('last_order_at instead of recency', fn () => is_int($pk->predict(['orders' => 2, 'monetary' => 40, 'last_order_at' => '2024-01-09 10:00:00'])));
$try('frequency and monetary by feature name', fn () => $pk->predict(['recency' => 5, 'frequency' => 2, 'monetary' => 149]) === $pk->predict($p->get('2')));
$try('new KMeans()', fn () => (new Segment\KMeans())->predict([1]));
$try('new KMeans(), centroids()', fn () => (new Segment\KMeans())->centroids());
$try('foreach by reference', function () use ($km) { foreach ($km as &$l); });
?>
--EXPECT--
missing visits: ValueError: Segment\KMeans::predict(): Argument #1 ($row) has no 'visits' (the model's features: spend, visits)
empty: ValueError: Segment\KMeans::predict(): Argument #1 ($row) has no 'spend' (the model's features: spend, visits)
a list of 3: ValueError: Segment\KMeans::predict(): Argument #1 ($row) has 3 values, the model has 2 features
a list of 2 (positional): true
NAN: ValueError: Segment\KMeans::predict(): Argument #1 ($row) 'spend': NAN is not a finite number
INF: ValueError: Segment\KMeans::assign(): Argument #1 ($row) 'visits': INF is not a finite number
a string: ValueError: Segment\KMeans::predict(): Argument #1 ($row) 'spend': "lots" is not a finite number
null: ValueError: Segment\KMeans::predict(): Argument #1 ($row) 'spend': a number is needed, null given
log1p of -1: ValueError: Segment\KMeans::predict(): Argument #1 ($row) 'spend': log1p needs a value above -1, not -1
not an array: TypeError: Segment\KMeans::predict(): Argument #1 ($row) must be of type array, string given
a profile without orders: ValueError: Segment\KMeans::predict(): Argument #1 ($row) is a profile without orders, which has no cluster
no recency and no last_order_at: ValueError: Segment\KMeans::predict(): Argument #1 ($row) has no 'recency' (the model's features: recency, frequency, monetary)
a bad last_order_at: ValueError: option 'last_order_at' must be a date such as "2024-12-31 18:00:00", "someday" is not
last_order_at instead of recency: true
frequency and monetary by feature name: true
new KMeans(): Error: Segment\KMeans must be made with KMeans::fit() or KMeans::load()
new KMeans(), centroids(): Error: Segment\KMeans must be made with KMeans::fit() or KMeans::load()
foreach by reference: Error: Segment\KMeans cannot be iterated by reference
