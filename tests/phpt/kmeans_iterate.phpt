--TEST--
Segment\KMeans is IteratorAggregate: row key (or customer id) => cluster, exactly labels(); the Profiles stay alive
--EXTENSIONS--
segment
--FILE--
<?php
$rows = [[1, 1], [1.2, 0.9], [9, 9], [8.8, 9.1], [5, 0]];
$km = Segment\KMeans::fit($rows, 2, ['seed' => 3]);
echo "list: ", var_export(iterator_to_array($km) === $km->labels(), true), "\n";
$keyed = Segment\KMeans::fit(['ann' => [1, 1], 'bob' => [9, 9], 7 => [1.1, 1], 'cy' => [9, 8.9]], 2, ['seed' => 3]);
foreach ($keyed as $key => $label) echo var_export($key, true), " => ", $label === $keyed->labels()[$key] ? 'its label' : 'wrong', "\n";

$orders = [['c' => '007', 'o' => 'a', 'd' => '2024-01-01', 'a' => 10], ['c' => '12', 'o' => 'b', 'd' => '2024-01-05', 'a' => 99],
           ['c' => 'x9', 'o' => 'c', 'd' => '2024-01-09', 'a' => 50], ['c' => '5', 'o' => 'C1', 'd' => '2024-01-09', 'a' => -5]];
$p = Segment\Profiles::fromIterable($orders, ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a', 'cancel_prefix' => 'C', 'reference' => '2024-02-01']);
$pk = Segment\KMeans::fit($p, 2, ['seed' => 1]);
unset($p);   // the model keeps the Profiles it needs for the ids
foreach ($pk as $id => $label) echo var_export($id, true), " => ", var_export($label === $pk->labels()[$id], true), "\n";
echo "iterator_to_array(): ", var_export(iterator_to_array($pk) === $pk->labels(), true), "\n";
$it = $pk->getIterator();
echo get_class($it), "\n";
foreach ($it as $x);
var_dump($it->valid(), $it->key(), $it->current());
// Nested and repeated iteration.
$n = 0;
foreach ($km as $a) foreach ($km as $b) $n++;
echo "nested: $n\n";
?>
--EXPECT--
list: true
'ann' => its label
'bob' => its label
7 => its label
'cy' => its label
'007' => true
12 => true
'x9' => true
iterator_to_array(): true
InternalIterator
bool(false)
NULL
NULL
nested: 25
