--TEST--
Segment\Profiles::fromIterable(): the 'progress' callable counts rows, with bytes 0 and total_bytes null
--EXTENSIONS--
segment
--FILE--
<?php
$opts = ['customer' => 'c', 'date' => 'd', 'amount' => 'a'];
$n = 140000;
$row = ['c' => 'k', 'd' => '2025-03-01', 'a' => 2];
$gen = (function () use ($n, $row) { for ($i = 0; $i < $n; $i++) yield $row; })();
$calls = [];
$p = Segment\Profiles::fromIterable($gen, $opts + ['progress' => function (array $i) use (&$calls) { $calls[] = $i; }]);
echo json_encode(array_map(fn ($c) => [$c['lines'], $c['bytes'], $c['total_bytes'], is_float($c['seconds'])], $calls)), "\n";
echo 'last = rows = stats lines: ', var_export(end($calls)['lines'] === $n && $p->stats()['lines'] === $n, true), "\n";

// An array, and a callable given as a string and as a first-class callable.
$rows = array_fill(0, 70000, ['c' => 'x', 'd' => '2025-03-01', 'a' => 1]);
function report(array $i): void { echo "report {$i['lines']}\n"; }
Segment\Profiles::fromIterable($rows, $opts + ['progress' => 'report']);
class Counter { public int $n = 0; public function __invoke(array $i): void { $this->n++; } public function __call($m, $a) { echo "$m {$a[0]['lines']}\n"; } }
$c = new Counter();
Segment\Profiles::fromIterable($rows, $opts + ['progress' => $c]);
echo "invokable: {$c->n} calls\n";
Segment\Profiles::fromIterable(array_slice($rows, 0, 3), $opts + ['progress' => [$c, 'viaMagic']]);
Segment\Profiles::fromIterable([], $opts + ['progress' => $c->firstClass(...)]);
?>
--EXPECT--
[[65536,0,null,true],[131072,0,null,true],[140000,0,null,true]]
last = rows = stats lines: true
report 65536
report 70000
invokable: 2 calls
viaMagic 3
firstClass 0
