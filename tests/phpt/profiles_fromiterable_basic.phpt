--TEST--
Segment\Profiles::fromIterable(): arrays, stdClass and declared objects, Generator, ArrayIterator; int ids, DateTimeImmutable dates
--EXTENSIONS--
segment
--FILE--
<?php
final class OrderLine {
    public function __construct(public int $customer, public string $invoice, public DateTimeImmutable $at,
                                public float $total) {}
}
$rows = [
    ['customer' => 12347, 'invoice' => 537626, 'at' => '2010-12-07 14:57:00', 'total' => 711.79],
    ['customer' => '12347', 'invoice' => '542237', 'at' => new DateTimeImmutable('2011-01-26 14:30:00'), 'total' => 475.39],
    ['customer' => 12348, 'invoice' => 539318, 'at' => 1292230740, 'total' => 892.8],   // int date: Unix time, wall clock
    ['customer' => null, 'invoice' => 1, 'at' => '2011-01-01', 'total' => 5],             // guest
    ['customer' => '', 'invoice' => 2, 'at' => 'not read', 'total' => 'not read'],        // guest
];
$opts = ['customer' => 'customer', 'order' => 'invoice', 'date' => 'at', 'amount' => 'total',
         'reference' => '2011-12-10 12:50:00'];
function show(Segment\Profiles $p): void {
    $s = $p->stats();
    echo count($p), " customers, {$s['lines']} lines, {$s['lines_without_customer']} guest\n";
    foreach ($p as $id => $r) {
        echo "  ", var_export($id, true), ": orders={$r['orders']} monetary={$r['monetary']} ",
            "{$r['first_order_at']} .. {$r['last_order_at']} recency={$r['recency']}\n";
    }
}
echo "array of arrays: ";
show(Segment\Profiles::fromIterable($rows, $opts));
echo "stdClass: ";
show(Segment\Profiles::fromIterable(array_map(fn($r) => (object) $r, $rows), $opts));
echo "Generator: ";
show(Segment\Profiles::fromIterable((function () use ($rows) { foreach ($rows as $k => $r) yield "key$k" => $r; })(), $opts));
echo "ArrayIterator: ";
show(Segment\Profiles::fromIterable(new ArrayIterator($rows), $opts));
echo "declared properties: ";
show(Segment\Profiles::fromIterable([
    new OrderLine(12347, '537626', new DateTimeImmutable('2010-12-07 14:57:00'), 711.79),
    new OrderLine(12347, '542237', new DateTimeImmutable('2011-01-26 14:30:00', new DateTimeZone('Europe/Paris')), 475.39),
], $opts));
echo "empty array: ";
show(Segment\Profiles::fromIterable([], $opts));
echo "empty generator: ";
show(Segment\Profiles::fromIterable((function () { yield from []; })(), $opts));

// quantity and price instead of amount; a negative quantity is a return.
$p = Segment\Profiles::fromIterable([
    ['c' => 1, 'o' => 'A', 'd' => '2011-01-01', 'q' => 3, 'p' => '2.5'],
    ['c' => 1, 'o' => 'A', 'd' => '2011-01-01', 'q' => '-1', 'p' => 2.5],
    ['c' => 1, 'o' => 'B', 'd' => '2011-01-02', 'q' => 2, 'p' => 0.1],
], ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'quantity' => 'q', 'price' => 'p', 'reference' => '2011-01-03']);
$r = $p->get(1);
var_dump($r['orders'], $r['monetary'], $r['returned'], $p->stats()['returned_lines']);
?>
--EXPECT--
array of arrays: 2 customers, 5 lines, 2 guest
  '12347': orders=2 monetary=1187.18 2010-12-07 14:57:00 .. 2011-01-26 14:30:00 recency=317
  '12348': orders=1 monetary=892.8 2010-12-13 08:59:00 .. 2010-12-13 08:59:00 recency=362
stdClass: 2 customers, 5 lines, 2 guest
  '12347': orders=2 monetary=1187.18 2010-12-07 14:57:00 .. 2011-01-26 14:30:00 recency=317
  '12348': orders=1 monetary=892.8 2010-12-13 08:59:00 .. 2010-12-13 08:59:00 recency=362
Generator: 2 customers, 5 lines, 2 guest
  '12347': orders=2 monetary=1187.18 2010-12-07 14:57:00 .. 2011-01-26 14:30:00 recency=317
  '12348': orders=1 monetary=892.8 2010-12-13 08:59:00 .. 2010-12-13 08:59:00 recency=362
ArrayIterator: 2 customers, 5 lines, 2 guest
  '12347': orders=2 monetary=1187.18 2010-12-07 14:57:00 .. 2011-01-26 14:30:00 recency=317
  '12348': orders=1 monetary=892.8 2010-12-13 08:59:00 .. 2010-12-13 08:59:00 recency=362
declared properties: 1 customers, 2 lines, 0 guest
  '12347': orders=2 monetary=1187.18 2010-12-07 14:57:00 .. 2011-01-26 14:30:00 recency=317
empty array: 0 customers, 0 lines, 0 guest
empty generator: 0 customers, 0 lines, 0 guest
int(2)
float(7.7)
float(2.5)
int(1)
