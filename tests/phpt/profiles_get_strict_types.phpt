--TEST--
Segment\Profiles::get(): an int id is accepted under strict_types, as the signature string|int says
--EXTENSIONS--
segment
--FILE--
<?php
declare(strict_types=1);
$p = Segment\Profiles::fromIterable([['c' => 12347, 'd' => '2024-01-01', 'a' => 1]],
                                    ['customer' => 'c', 'date' => 'd', 'amount' => 'a']);
echo (new ReflectionMethod(Segment\Profiles::class, 'get'))->getParameters()[0]->getType(), "\n";
try {
    var_dump($p->get(12347)['customer_id'], $p->get(7));
} catch (TypeError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
string|int
string(5) "12347"
NULL
