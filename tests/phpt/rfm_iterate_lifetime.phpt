--TEST--
Segment\Rfm iteration: break and rewind, nested loops, the Rfm keeps its Profiles (and an iterator its Rfm) alive, rows are fresh
--EXTENSIONS--
segment
--FILE--
<?php
function orders(): array {
    $rows = [];
    foreach (['c1' => 1, 'c2' => 2, 'c3' => 3, 'c4' => 4, 'c5' => 5, '6' => 6] as $id => $n) {
        for ($k = 0; $k < $n; $k++) $rows[] = ['c' => (string) $id, 'o' => "$id-$k", 'd' => "2024-01-0$n", 'a' => $n];
    }
    $rows[] = ['c' => 'none', 'o' => 'C9', 'd' => '2024-01-01', 'a' => -1];
    return $rows;
}
$opts = ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a', 'cancel_prefix' => 'C', 'reference' => '2024-01-10'];
$profiles = Segment\Profiles::fromIterable(orders(), $opts);
$rfm = Segment\Rfm::fit($profiles);
$scores = $rfm->scores();

// break, then a new foreach starts again from the first customer.
foreach ($rfm as $id => $s) { if ($id === 'c3') break; }
echo "stopped at $id\n";
foreach ($rfm as $id => $s) { echo "restarted at $id\n"; break; }

// Nested loops over the same Rfm are independent.
$pairs = [];
foreach ($rfm as $a => $_) foreach ($rfm as $b => $_) $pairs[] = "$a/$b";
echo count($pairs), ' pairs, first ', $pairs[0], ', last ', end($pairs), "\n";
// Two iterators side by side.
$i1 = $rfm->getIterator();
$i2 = $rfm->getIterator();
$i1->rewind(); $i2->rewind();
$i1->next(); $i1->next();
echo $i1->key(), ' ', $i2->key(), "\n";
// Past the end: not valid, and key() and current() are null (nothing read out of range).
while ($i1->valid()) $i1->next();
$i1->next();
var_dump($i1->valid(), $i1->key(), $i1->current());
$i1->rewind();
echo 'rewound: ', $i1->key(), "\n";

// Each row is a fresh array: changing it changes nothing else.
foreach ($rfm as $id => $s) { $s['segment'] = 'changed'; $kept[$id] = $s; }
var_dump(iterator_to_array($rfm) === $scores, $kept['c1']['segment']);

// The Rfm keeps its Profiles alive.
unset($profiles);
gc_collect_cycles();
var_dump(iterator_to_array($rfm) === $scores);

// An iterator keeps its Rfm alive (and the Rfm its Profiles).
$it = Segment\Rfm::fit(Segment\Profiles::fromIterable(orders(), $opts))->getIterator();
gc_collect_cycles();
$n = 0;
foreach ($it as $id => $s) { $n++; $last = "$id {$s['score']}"; }
echo "$n rows, last $last\n";
$it = (function () use ($opts) {
    $rfm = Segment\Rfm::fit(Segment\Profiles::fromIterable(orders(), $opts));
    foreach ($rfm as $id => $s) yield $id => $s;
})();
echo count(iterator_to_array($it)), " rows through a generator\n";

// The iterator does not copy: unsetting the Rfm mid-loop keeps going.
$rfm2 = Segment\Rfm::fit(Segment\Profiles::fromIterable(orders(), $opts));
$n = 0;
foreach ($rfm2 as $id => $s) { unset($rfm2); $n++; }
echo "$n rows after unset mid-loop\n";
?>
--EXPECT--
stopped at c3
restarted at c1
36 pairs, first c1/c1, last 6/6
c3 c1
bool(false)
NULL
NULL
rewound: c1
bool(true)
string(7) "changed"
bool(true)
6 rows, last 6 555
6 rows through a generator
6 rows after unset mid-loop
