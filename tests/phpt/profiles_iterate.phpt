--TEST--
Segment\Profiles: count(), foreach and getIterator() yield id => profile in first-seen order; keys are the id strings
--EXTENSIONS--
segment
--FILE--
<?php
$rows = [];
foreach (['b', '30', 'a', '4', '30', 'b', '200'] as $i => $c) {
    $rows[] = ['c' => $c, 'o' => "o$i", 'd' => '2024-01-0' . ($i + 1), 'a' => $i + 1];
}
$p = Segment\Profiles::fromIterable($rows, ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a',
                                            'reference' => '2024-01-10']);
var_dump(count($p), $p->count());
foreach ($p as $id => $profile) {
    echo var_export($id, true), ': ', $profile['customer_id'], ' orders=', $profile['orders'],
        ' monetary=', $profile['monetary'], "\n";
}
$it = $p->getIterator();
var_dump($it instanceof Iterator);
foreach ($it as $id => $profile) echo $id, ' ';
echo "\n";
// Nested loops over the same object are independent.
$pairs = 0;
foreach ($p as $a => $_) foreach ($p as $b => $_) $pairs++;
var_dump($pairs);
// iterator_to_array() keeps the keys (PHP turns numeric strings into ints).
var_dump(array_keys(iterator_to_array($p)));
// break and rewind
foreach ($p as $id => $_) break;
foreach ($p as $id => $_) { echo "first again: $id\n"; break; }
try {
    foreach ($p as $id => &$ref) {}
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
// The iterator keeps the object alive.
$it = (function () use ($rows) {
    return Segment\Profiles::fromIterable($rows, ['customer' => 'c', 'date' => 'd', 'amount' => 'a']);
})()->getIterator();
$n = 0;
foreach ($it as $_) $n++;
var_dump($n);
?>
--EXPECT--
int(5)
int(5)
'b': b orders=2 monetary=7
'30': 30 orders=2 monetary=7
'a': a orders=1 monetary=3
'4': 4 orders=1 monetary=4
'200': 200 orders=1 monetary=7
bool(true)
b 30 a 4 200 
int(25)
array(5) {
  [0]=>
  string(1) "b"
  [1]=>
  int(30)
  [2]=>
  string(1) "a"
  [3]=>
  int(4)
  [4]=>
  int(200)
}
first again: b
Error: Segment\Profiles cannot be iterated by reference
int(5)
