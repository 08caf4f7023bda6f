--TEST--
Segment\KMeans::fit() errors: k < 1, k > n, n = 0, unequal rows, NaN/INF with row and feature, bad values, bad options (issue 4)
--EXTENSIONS--
segment
--FILE--
<?php
$rows = [[1, 2], [3, 4], [5, 6]];
$try = function (string $label, callable $f) {
    try {
        $f();
        echo "$label: no error\n";
    } catch (Segment\DataError $e) {
        echo "$label: ", get_class($e), ' (row ', $e->getDataLine(), ", column '", $e->getColumn(), "'): ", $e->getMessage(), "\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
};
$try('k = 0', fn () => Segment\KMeans::fit($rows, 0));
$try('k = -3', fn () => Segment\KMeans::fit($rows, -3));
$try('k > n', fn () => Segment\KMeans::fit($rows, 4));
$try('k = 1025', fn () => Segment\KMeans::fit($rows, 1025));
$try('n = 0', fn () => Segment\KMeans::fit([], 1));
$try('a row of unequal length', fn () => Segment\KMeans::fit([[1, 2], [3, 4], [5]], 2));
$try('a longer row', fn () => Segment\KMeans::fit([[1, 2], [3, 4, 5]], 2));
$try('an empty first row', fn () => Segment\KMeans::fit([[], [1]], 1));
$try('a keyed row after lists', fn () => Segment\KMeans::fit([[1, 2], ['a' => 1, 'b' => 2]], 1));
$try('a key missing', fn () => Segment\KMeans::fit([['a' => 1, 'b' => 2], ['a' => 3, 'c' => 4]], 1));
$try('a key missing, features given', fn () => Segment\KMeans::fit([['a' => 1, 'b' => 2], ['a' => 3]], 1, ['features' => ['a', 'b']]));
$try('an empty key', fn () => Segment\KMeans::fit([['' => 1, 'b' => 2]], 1));
$try('more keys than the first row', fn () => Segment\KMeans::fit([['a' => 1], ['a' => 3, 'b' => 4]], 1));
$try('NAN', fn () => Segment\KMeans::fit([[1, 2], [3, NAN], [5, 6]], 2));
$try('INF', fn () => Segment\KMeans::fit([[1, 2], [3, 4], [INF, 6]], 2));
$try('-INF keyed', fn () => Segment\KMeans::fit([['spend' => 1], ['spend' => -INF]], 1));
$try('a string', fn () => Segment\KMeans::fit([[1, 2], [3, 'four']], 1));
$try('"1e999"', fn () => Segment\KMeans::fit([[1, 2], [3, '1e999']], 1));
$try('null', fn () => Segment\KMeans::fit([[1, null]], 1));
$try('a bool', fn () => Segment\KMeans::fit([[1, true]], 1));
$try('a row that is not an array', fn () => Segment\KMeans::fit([[1, 2], 3], 1));
$try('an object', fn () => Segment\KMeans::fit(new ArrayObject([[1]]), 1));
$try('a string as data', fn () => Segment\KMeans::fit('rows', 1));
$try('log1p of -1', fn () => Segment\KMeans::fit([[1, 2], [-1, 4]], 1, ['log1p' => true]));
$try('minmax range beyond a double', fn () => Segment\KMeans::fit([[-1e308], [1e308]], 1, ['scale' => 'minmax']));
$try('257 features', fn () => Segment\KMeans::fit([range(0, 256)], 1));
// Options.
$try('unknown option', fn () => Segment\KMeans::fit($rows, 2, ['n_inti' => 3]));
$try('an integer key', fn () => Segment\KMeans::fit($rows, 2, [3]));
$try('scale', fn () => Segment\KMeans::fit($rows, 2, ['scale' => 'robust']));
$try('algorithm', fn () => Segment\KMeans::fit($rows, 2, ['algorithm' => 'full']));
$try('threads 3', fn () => Segment\KMeans::fit($rows, 2, ['threads' => 3]));
$try('n_init 0', fn () => Segment\KMeans::fit($rows, 2, ['n_init' => 0]));
$try('max_iter "10"', fn () => Segment\KMeans::fit($rows, 2, ['max_iter' => '10']));
$try('seed_trials 0', fn () => Segment\KMeans::fit($rows, 2, ['seed_trials' => 0]));
$try('seed_trials 17', fn () => Segment\KMeans::fit($rows, 2, ['seed_trials' => 17]));
$try('local_search -1', fn () => Segment\KMeans::fit($rows, 2, ['local_search' => -1]));
$try('local_search 1.5', fn () => Segment\KMeans::fit($rows, 2, ['local_search' => 1.5]));
$try('tol -1', fn () => Segment\KMeans::fit($rows, 2, ['tol' => -1]));
$try('tol NAN', fn () => Segment\KMeans::fit($rows, 2, ['tol' => NAN]));
$try('seed 1.5', fn () => Segment\KMeans::fit($rows, 2, ['seed' => 1.5]));
$try('features: count', fn () => Segment\KMeans::fit($rows, 2, ['features' => ['a']]));
$try('features: twice', fn () => Segment\KMeans::fit($rows, 2, ['features' => ['a', 'a']]));
$try('log1p: unknown', fn () => Segment\KMeans::fit($rows, 2, ['log1p' => ['x7']]));
$try('log1p: a string', fn () => Segment\KMeans::fit($rows, 2, ['log1p' => 'x0']));
$try('weights: unknown', fn () => Segment\KMeans::fit($rows, 2, ['weights' => ['x9' => 2]]));
$try('weights: 0', fn () => Segment\KMeans::fit($rows, 2, ['weights' => ['x1' => 0]]));
$try('init: a name', fn () => Segment\KMeans::fit($rows, 2, ['init' => 'random']));
$try('init: k - 1 rows', fn () => Segment\KMeans::fit($rows, 2, ['init' => [[1, 2]]]));
$try('init: a short row', fn () => Segment\KMeans::fit($rows, 2, ['init' => [[1, 2], [3]]]));
$try('init: NAN', fn () => Segment\KMeans::fit($rows, 2, ['init' => [[1, 2], [3, NAN]]]));
$try('init: a key missing', fn () => Segment\KMeans::fit($rows, 2, ['init' => [['x0' => 1, 'x1' => 2], ['x0' => 3]]]));
$try('init with n_init 2', fn () => Segment\KMeans::fit($rows, 2, ['init' => [[1, 2], [3, 4]], 'n_init' => 2]));
$try('names: count', fn () => Segment\KMeans::fit($rows, 2, ['names' => ['A']]));
$try('reference with rows', fn () => Segment\KMeans::fit($rows, 2, ['reference' => '2024-01-01']));
// Profiles.
$empty = Segment\Profiles::fromIterable([['c' => 1, 'o' => 'C1', 'd' => '2024-01-01', 'a' => -5]], ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a', 'cancel_prefix' => 'C']);
$try('Profiles without orders', fn () => Segment\KMeans::fit($empty, 1));
// Customer 8 returned more than they bought: monetary -15 under returns "net".
$p = Segment\Profiles::fromIterable([['c' => 7, 'o' => '1', 'd' => '2024-01-01', 'a' => 5], ['c' => 8, 'o' => '2', 'd' => '2024-01-02', 'a' => 5],
                                     ['c' => 8, 'o' => '3', 'd' => '2024-01-03', 'a' => -20]],
                                    ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a', 'returns' => 'net', 'reference' => '2024-02-01']);
$try('Profiles: k > customers', fn () => Segment\KMeans::fit($p, 3));
$try('Profiles: returns net has monetary < 0', fn () => print(json_encode(array_column($p->toArray(), 'monetary')) . "\n"));
$try('Profiles: an unknown feature', fn () => Segment\KMeans::fit($p, 1, ['features' => ['recency', 'age']]));
$try('Profiles: bad reference', fn () => Segment\KMeans::fit($p, 1, ['reference' => 'soon']));
$try('Profiles: log1p of a net refund', fn () => Segment\KMeans::fit($p, 1, ['features' => ['monetary']]));
$try('Profiles: without log1p', fn () => print(json_encode(Segment\KMeans::fit($p, 2, ['features' => ['monetary'], 'log1p' => false, 'scale' => 'none'])->centroids()) . "\n"));
$try('new KMeans()', fn () => (new Segment\KMeans())->labels());
$try('clone', fn () => clone Segment\KMeans::fit($rows, 1));
$try('serialize', fn () => serialize(Segment\KMeans::fit($rows, 1)));
?>
--EXPECT--
k = 0: ValueError: Segment\KMeans::fit(): Argument #2 ($k) must be between 1 and 1024
k = -3: ValueError: Segment\KMeans::fit(): Argument #2 ($k) must be between 1 and 1024
k > n: ValueError: Segment\KMeans::fit(): Argument #2 ($k) must be at most the number of rows (3)
k = 1025: ValueError: Segment\KMeans::fit(): Argument #2 ($k) must be between 1 and 1024
n = 0: ValueError: Segment\KMeans::fit(): Argument #1 ($data) must hold at least one row
a row of unequal length: Segment\DataError (row 3, column ''): row 3: the row has 1 value, the first row has 2
a longer row: Segment\DataError (row 2, column ''): row 2: the row has 3 values, the first row has 2
an empty first row: Segment\DataError (row 1, column ''): row 1: the row is empty
a keyed row after lists: Segment\DataError (row 2, column ''): row 2: the row is keyed, the first row is a list
a key missing: Segment\DataError (row 2, column 'b'): row 2, column 'b': the key is missing
a key missing, features given: Segment\DataError (row 2, column 'b'): row 2, column 'b': the key is missing
an empty key: Segment\DataError (row 1, column ''): row 1: a feature name (a key of the first row) must not be empty
more keys than the first row: Segment\DataError (row 2, column ''): row 2: the row has 2 keys, the first row has 1
NAN: Segment\DataError (row 2, column 'x1'): row 2, column 'x1': NAN is not a finite number
INF: Segment\DataError (row 3, column 'x0'): row 3, column 'x0': INF is not a finite number
-INF keyed: Segment\DataError (row 2, column 'spend'): row 2, column 'spend': -INF is not a finite number
a string: Segment\DataError (row 2, column 'x1'): row 2, column 'x1': "four" is not a finite number
"1e999": Segment\DataError (row 2, column 'x1'): row 2, column 'x1': "1e999" is not a finite number
null: Segment\DataError (row 1, column 'x1'): row 1, column 'x1': a number is needed, null given
a bool: Segment\DataError (row 1, column 'x1'): row 1, column 'x1': a number is needed, bool given
a row that is not an array: Segment\DataError (row 2, column ''): row 2: a row must be an array, int given
an object: TypeError: Segment\KMeans::fit(): Argument #1 ($data) must be of type Segment\Profiles|array, ArrayObject given
a string as data: TypeError: Segment\KMeans::fit(): Argument #1 ($data) must be of type Segment\Profiles|array, string given
log1p of -1: Segment\DataError (row 2, column 'x0'): row 2, column 'x0': log1p needs a value above -1, not -1
minmax range beyond a double: Segment\DataError (row 0, column 'x0'): column 'x0': the range of values (-1e+308 to 1e+308) is too wide for min-max scaling
257 features: ValueError: Segment\KMeans::fit(): Argument #1 ($data) has rows of 257 values, at most 256 features are supported
unknown option: ValueError: unknown option 'n_inti' (did you mean 'n_init'?)
an integer key: ValueError: options must be keyed by name, not by the integer 0
scale: ValueError: option 'scale' must be "zscore", "minmax" or "none"
algorithm: ValueError: option 'algorithm' must be "auto", "lloyd", "hamerly" or "elkan"
threads 3: ValueError: option 'threads' must be an integer from 1 to 2
n_init 0: ValueError: option 'n_init' must be an integer from 1 to 4294967295
max_iter "10": ValueError: option 'max_iter' must be an integer from 1 to 4294967295
seed_trials 0: ValueError: option 'seed_trials' must be an integer from 1 to 16
seed_trials 17: ValueError: option 'seed_trials' must be an integer from 1 to 16
local_search -1: ValueError: option 'local_search' must be an integer from 0 to 100000
local_search 1.5: ValueError: option 'local_search' must be an integer from 0 to 100000
tol -1: ValueError: option 'tol' must be a finite number >= 0
tol NAN: ValueError: option 'tol' must be a finite number >= 0
seed 1.5: ValueError: option 'seed' must be an integer
features: count: ValueError: option 'features' must name 2 columns, it names 1
features: twice: ValueError: option 'features' names 'a' twice
log1p: unknown: ValueError: option 'log1p': there is no feature 'x7' (x0, x1)
log1p: a string: ValueError: option 'log1p' must be true, false or a list of feature names
weights: unknown: ValueError: option 'weights': there is no feature 'x9' (x0, x1)
weights: 0: ValueError: option 'weights': the weight of 'x1' must be a finite number above 0
init: a name: ValueError: option 'init' must be "k-means++" or a list of k rows of initial centroids
init: k - 1 rows: ValueError: option 'init' must hold k = 2 rows, it holds 1
init: a short row: ValueError: option 'init', row 2: a row must be a list of 2 numbers or an array keyed by feature name
init: NAN: ValueError: option 'init', row 2, 'x1': NAN is not a finite number
init: a key missing: ValueError: option 'init', row 2: 'x1' is missing
init with n_init 2: ValueError: option 'n_init' must be 1 with explicit 'init' centroids
names: count: ValueError: option 'names' must be a list of k non-empty strings (k = 2)
reference with rows: ValueError: option 'reference' is for Segment\Profiles, not rows
Profiles without orders: ValueError: Segment\KMeans::fit(): Argument #1 ($data) has no customer with orders
Profiles: k > customers: ValueError: Segment\KMeans::fit(): Argument #2 ($k) must be at most the number of rows (2)
[5,-15]
Profiles: returns net has monetary < 0: no error
Profiles: an unknown feature: ValueError: option 'features': a profile has no feature 'age' (recency, frequency, monetary, avg_order_value, tenure_days, mean_days_between_orders, cancelled, returned)
Profiles: bad reference: ValueError: option 'reference' must be a date such as "2024-12-31 18:00:00", "soon" is not
Profiles: log1p of a net refund: Segment\DataError (row 2, column 'monetary'): row 2, column 'monetary': customer 8: log1p needs a value above -1, not -15
[{"monetary":-15},{"monetary":5}]
Profiles: without log1p: no error
new KMeans(): Error: Segment\KMeans must be made with KMeans::fit() or KMeans::load()
clone: Error: Trying to clone an uncloneable object of class Segment\KMeans
serialize: Exception: Serialization of 'Segment\KMeans' is not allowed
