--TEST--
Segment\Profiles 'progress' option: an exception from the callable stops reading and propagates; a non-callable is a TypeError
--EXTENSIONS--
segment
--FILE--
<?php
$file = sys_get_temp_dir() . '/segment-progress-error-' . getmypid() . '.csv';
file_put_contents($file, "customer,date,amount\n" . str_repeat("a,2025-01-01,1\nb,2025-01-02,2.5\n", 70000));
$opts = ['customer' => 'customer', 'date' => 'date', 'amount' => 'amount'];

// Thrown at the first report: nothing returned, the same exception object, no later call.
$seen = [];
$thrown = new RuntimeException('stop reading');
$result = 'unset';
try {
    $result = Segment\Profiles::fromCsv($file, $opts + ['progress' => function (array $i) use (&$seen, $thrown) {
        $seen[] = $i['lines'];
        throw $thrown;
    }]);
} catch (RuntimeException $e) {
    echo 'caught: ', $e->getMessage(), ', same object: ', var_export($e === $thrown, true), "\n";
}
echo 'calls: ', implode(',', $seen), '; result: ', var_export($result, true), "\n";

// Thrown at the final report of a small file, and from fromIterable().
try {
    Segment\Profiles::fromCsv($file . '.small', $opts);
} catch (Segment\DataError $e) {
    echo "missing file: DataError\n";
}
file_put_contents($file, "customer,date,amount\na,2025-01-01,1\n");
try {
    Segment\Profiles::fromCsv($file, $opts + ['progress' => fn ($i) => throw new LogicException("end at {$i['lines']}")]);
} catch (LogicException $e) {
    echo 'final report: ', $e->getMessage(), "\n";
}
$row = ['customer' => 'x', 'date' => '2025-01-01', 'amount' => 1];
$rows = (function () use ($row) { for ($i = 0; $i < 70000; $i++) yield $row; })();
try {
    Segment\Profiles::fromIterable($rows, $opts + ['progress' => fn ($i) => throw new DomainException("rows {$i['lines']}")]);
} catch (DomainException $e) {
    echo 'fromIterable: ', $e->getMessage(), ', generator stopped at ', $rows->key(), "\n";
}
// A data error after a report: the DataError, not the callable, decides.
file_put_contents($file, "customer,date,amount\na,2025-01-01,1\nb,not a date,2\n");
try {
    Segment\Profiles::fromCsv($file, $opts + ['progress' => fn ($i) => print("reported {$i['lines']}\n")]);
} catch (Segment\DataError $e) {
    echo 'data error: line ', $e->getDataLine(), ", no report\n";
}

// Not callable: TypeError before the file is read.
foreach (['an int' => 42, 'a string' => 'no_such_function_here', 'an array' => [1, 2], 'an object' => new stdClass(),
          'a private method' => [new class { private function f() {} }, 'f']] as $what => $bad) {
    try {
        Segment\Profiles::fromCsv('/nonexistent/file.csv', $opts + ['progress' => $bad]);
        echo "$what: accepted\n";
    } catch (TypeError $e) {
        echo "$what: ", $e->getMessage(), "\n";
    }
}
try {
    Segment\Profiles::fromIterable([], $opts + ['progress' => 'strlen_nope']);
} catch (TypeError $e) {
    echo 'fromIterable: ', get_class($e), "\n";
}
// null means no callable.
echo count(Segment\Profiles::fromIterable([['customer' => 1, 'date' => '2025-01-01', 'amount' => 1]], $opts + ['progress' => null])), " profile\n";
unlink($file);
?>
--EXPECTF--
caught: stop reading, same object: true
calls: 65536; result: 'unset'
missing file: DataError
final report: end at 1
fromIterable: rows 65536, generator stopped at 65535
data error: line 3, no report
an int: option 'progress' must be a valid callback, no array or string given
a string: option 'progress' must be a valid callback, function "no_such_function_here" not found or invalid function name
an array: option 'progress' must be a valid callback, %s
an object: option 'progress' must be a valid callback, no array or string given
a private method: option 'progress' must be a valid callback, cannot access private method %s::f()
fromIterable: TypeError
1 profile
