--TEST--
Segment\Profiles: an iterator asked for key() and current() past the end gives null
--EXTENSIONS--
segment
--FILE--
<?php
$p = Segment\Profiles::fromIterable([
    ['c' => 'a', 'd' => '2024-01-01', 'v' => 10],
    ['c' => 'b', 'd' => '2024-01-02', 'v' => 5],
], ['customer' => 'c', 'date' => 'd', 'amount' => 'v', 'reference' => '2024-02-01']);
$it = new IteratorIterator($p);
$it->rewind();
$seen = [];
while ($it->valid()) {
    $seen[] = $it->key() . '=' . $it->current()['orders'];
    $it->next();
}
echo implode(' ', $seen), "\n";
var_dump($it->valid(), $it->key(), $it->current());
$inner = $p->getIterator();
foreach ($inner as $k => $v) {
}
var_dump($inner->valid(), $inner->key(), $inner->current());
?>
--EXPECT--
a=1 b=1
bool(false)
NULL
NULL
bool(false)
NULL
NULL
