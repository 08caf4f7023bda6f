--TEST--
Segment\RuleSet::validate(): the attribute paths a rule reads, with and without a list of known attributes
--EXTENSIONS--
segment
--FILE--
<?php
var_dump(Segment\RuleSet::validate('orders_count > 3 and cart . total > 50 or orders_count < 1 and days_since(last_order) > 30'));
var_dump(Segment\RuleSet::validate('true'));
var_dump(Segment\RuleSet::validate('bucket(id, "ab", 2) == 0 and address.geo.zone in (1, 2)', null));

$known = ['orders_count', 'cart', 'address', 'id'];
var_dump(Segment\RuleSet::validate('orders_count > 1 and cart.total > 10 and cart.anything == 1', $known));

foreach (['ordres_count > 3', 'cart.total > 1 and kart.total > 1', 'Orders_Count > 1', 'zzz == 1',
    "orders_count > 1 and\n  adress.city == 'Paris'", 'x > 1'] as $rule) {
    try {
        Segment\RuleSet::validate($rule, $rule === 'x > 1' ? [] : $known);
        echo "accepted\n";
    } catch (Segment\RuleSyntaxError $e) {
        printf("%s [line %d, column %d, expected: %s]\n", $e->getMessage(), $e->getRuleLine(), $e->getRuleColumn(), $e->getExpected());
    }
}

// Syntax errors come before unknown attributes.
try {
    Segment\RuleSet::validate('unknown_attr >', $known);
} catch (Segment\RuleSyntaxError $e) {
    echo $e->getMessage(), "\n";
}
try {
    Segment\RuleSet::validate('x > 1', ['x', 2]);
} catch (TypeError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
array(3) {
  [0]=>
  string(12) "orders_count"
  [1]=>
  string(10) "cart.total"
  [2]=>
  string(10) "last_order"
}
array(0) {
}
array(2) {
  [0]=>
  string(2) "id"
  [1]=>
  string(16) "address.geo.zone"
}
array(3) {
  [0]=>
  string(12) "orders_count"
  [1]=>
  string(10) "cart.total"
  [2]=>
  string(13) "cart.anything"
}
line 1, column 1: unknown attribute 'ordres_count'; did you mean 'orders_count'? [line 1, column 1, expected: a known attribute]
line 1, column 20: unknown attribute 'kart'; did you mean 'cart'? [line 1, column 20, expected: a known attribute]
line 1, column 1: unknown attribute 'Orders_Count'; did you mean 'orders_count'? [line 1, column 1, expected: a known attribute]
line 1, column 1: unknown attribute 'zzz' [line 1, column 1, expected: a known attribute]
line 2, column 3: unknown attribute 'adress'; did you mean 'address'? [line 2, column 3, expected: a known attribute]
line 1, column 1: unknown attribute 'x' [line 1, column 1, expected: a known attribute]
line 1, column 15: expected a value, an attribute or '(', found the end of the rule
TypeError: Segment\RuleSet::validate(): Argument #2 ($attributes) must be a list of attribute names (strings)
