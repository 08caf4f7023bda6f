--TEST--
Segment\Profiles::fromIterable(): bad options (ValueError, TypeError) and bad rows (Segment\DataError with the row and key)
--EXTENSIONS--
segment
--FILE--
<?php
function attempt(string $label, callable $f): void {
    try {
        $f();
        echo "$label: no error\n";
    } catch (Segment\DataError $e) {
        printf("%s: DataError: %s [file=%s line=%d column=%s]\n", $label, $e->getMessage(),
            var_export($e->getDataFile(), true), $e->getDataLine(), var_export($e->getColumn(), true));
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
$base = ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a'];
$row = ['c' => 'x', 'o' => '1', 'd' => '2024-01-01', 'a' => 1, 'q' => 2, 'p' => 3];
$opt = fn(array $o) => fn() => Segment\Profiles::fromIterable([$row], $o);
attempt('no amount, no quantity', $opt(['customer' => 'c', 'date' => 'd']));
attempt('quantity without price', $opt(['customer' => 'c', 'date' => 'd', 'quantity' => 'q']));
attempt('price without quantity', $opt(['customer' => 'c', 'date' => 'd', 'price' => 'p']));
attempt('amount and quantity+price', $opt($base + ['quantity' => 'q', 'price' => 'p']));
attempt('amount and price', $opt($base + ['price' => 'p']));
attempt('no customer', $opt(['date' => 'd', 'amount' => 'a']));
attempt('no date', $opt(['customer' => 'c', 'amount' => 'a']));
attempt('no options', fn() => Segment\Profiles::fromIterable([$row]));
attempt('customer not a string', $opt(['customer' => 1] + $base));
attempt('returns', $opt($base + ['returns' => 'refund']));
attempt('delimiter', $opt($base + ['delimiter' => ';;']));
attempt('cancelled_statuses not a list', $opt($base + ['cancelled_statuses' => 'canceled']));
attempt('cancelled_statuses of ints', $opt($base + ['cancelled_statuses' => ['canceled', 3]]));
attempt('reference string', $opt($base + ['reference' => 'yesterday']));
attempt('reference float', $opt($base + ['reference' => 1.5]));
attempt('reference out of range', $opt($base + ['reference' => PHP_INT_MAX]));
attempt('not iterable', fn() => Segment\Profiles::fromIterable('rows', $base));

$rows = fn(array ...$bad) => fn() => Segment\Profiles::fromIterable(array_merge([$row, $row], $bad), $base);
attempt('row is an int', fn() => Segment\Profiles::fromIterable([$row, 5], $base));
attempt('row is a string', fn() => Segment\Profiles::fromIterable([$row, 'x'], $base));
attempt('customer is a float', $rows(['c' => 1.5] + $row));
attempt('customer is an array', $rows(['c' => []] + $row));
attempt('date missing', $rows(array_diff_key($row, ['d' => 0])));
attempt('date null', $rows(['d' => null] + $row));
attempt('date unparseable', $rows(['d' => '2024-02-30'] + $row));
attempt('amount missing', $rows(array_diff_key($row, ['a' => 0])));
attempt('amount null', $rows(['a' => null] + $row));
attempt('amount not numeric', $rows(['a' => '12 EUR'] + $row));
attempt('amount bool', $rows(['a' => true] + $row));
$qp = ['customer' => 'c', 'date' => 'd', 'quantity' => 'q', 'price' => 'p'];
attempt('quantity missing', fn() => Segment\Profiles::fromIterable([array_diff_key($row, ['q' => 0])], $qp));
attempt('price not numeric', fn() => Segment\Profiles::fromIterable([['p' => 'free'] + $row], $qp));
attempt('generator throws', fn() => Segment\Profiles::fromIterable((function () use ($row) {
    yield $row;
    throw new RuntimeException('cursor lost');
})(), $base));
?>
--EXPECT--
no amount, no quantity: ValueError: option 'amount', or both 'quantity' and 'price', must name the value of a line
quantity without price: ValueError: option 'amount', or both 'quantity' and 'price', must name the value of a line
price without quantity: ValueError: option 'amount', or both 'quantity' and 'price', must name the value of a line
amount and quantity+price: ValueError: give either 'amount' or 'quantity' and 'price', not both
amount and price: ValueError: give either 'amount' or 'quantity' and 'price', not both
no customer: ValueError: options 'customer' and 'date' are required: the column (or key) of the customer id and of the order date
no date: ValueError: options 'customer' and 'date' are required: the column (or key) of the customer id and of the order date
no options: ValueError: options 'customer' and 'date' are required: the column (or key) of the customer id and of the order date
customer not a string: ValueError: option 'customer' must be a string, int given
returns: ValueError: option 'returns' must be "exclude" or "net", "refund" given
delimiter: ValueError: option 'delimiter' must be one character
cancelled_statuses not a list: ValueError: option 'cancelled_statuses' must be a list of strings
cancelled_statuses of ints: ValueError: option 'cancelled_statuses' must be a list of strings
reference string: ValueError: option 'reference' must be a date such as "2024-12-31 18:00:00", "yesterday" is not
reference float: TypeError: option 'reference' must be a DateTimeInterface, an int or a date string, float given
reference out of range: ValueError: option 'reference' is outside years 0000-9999
not iterable: TypeError: Segment\Profiles::fromIterable(): Argument #1 ($orders) must be of type Traversable|array, string given
row is an int: DataError: row 2: an order row must be an array or an object, int given [file='' line=2 column='']
row is a string: DataError: row 2: an order row must be an array or an object, string given [file='' line=2 column='']
customer is a float: DataError: row 3, column 'c': a customer id must be a string or an int, float given [file='' line=3 column='c']
customer is an array: DataError: row 3, column 'c': a customer id must be a string or an int, array given [file='' line=3 column='c']
date missing: DataError: row 3, column 'd': the order date is missing [file='' line=3 column='d']
date null: DataError: row 3, column 'd': the order date is missing [file='' line=3 column='d']
date unparseable: DataError: row 3, column 'd': "2024-02-30" is not a date in the format auto [file='' line=3 column='d']
amount missing: DataError: row 3, column 'a': the amount is missing or not a finite number [file='' line=3 column='a']
amount null: DataError: row 3, column 'a': the amount is missing or not a finite number [file='' line=3 column='a']
amount not numeric: DataError: row 3, column 'a': the amount is missing or not a finite number [file='' line=3 column='a']
amount bool: DataError: row 3, column 'a': the amount is missing or not a finite number [file='' line=3 column='a']
quantity missing: DataError: row 1, column 'q': the quantity is missing or not a finite number [file='' line=1 column='q']
price not numeric: DataError: row 1, column 'p': the price is missing or not a finite number [file='' line=1 column='p']
generator throws: RuntimeException: cursor lost
