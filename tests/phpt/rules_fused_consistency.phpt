--TEST--
attribute <op> constant (fused instructions) agrees with the generic comparison, in both orders
--EXTENSIONS--
segment
--INI--
date.timezone=UTC
--FILE--
<?php
// `x op literal`, `literal op' x`, `x op y` (y holding the literal's value), `y op' x` and
// `coalesce(x) op coalesce(literal)` take different paths through the compiler and VM;
// they must all give the same answer.  So must `x in (literal)` and `x == literal`.
$values = [null, true, false, 0, 1, 5, -1, 1.5, 0.0, '', '0', '5', '5.0', ' 5', 'abc', 'ABC',
    '2024-01-01', '2024-01-01 00:00:00', [1, 2], [], new DateTimeImmutable('2024-01-01'), 1704067200,
    NAN, '1e3', 1000, PHP_INT_MAX, 9.3e18];
$literals = ['0' => 0, '1' => 1, '5' => 5, '-1' => -1, '1.5' => 1.5, '0.0' => 0.0, '""' => '', '"0"' => '0',
    '"5"' => '5', '"5.0"' => '5.0', '"abc"' => 'abc', '"ABC"' => 'ABC', '"2024-01-01"' => '2024-01-01',
    '"2024-01-01 00:00:00"' => '2024-01-01 00:00:00', '1704067200' => 1704067200, '"1e3"' => '1e3',
    '1000' => 1000, 'true' => true, 'false' => false, 'null' => null, '(1, 2)' => [1, 2], '[]' => [],
    '9223372036854775807' => PHP_INT_MAX];
$mirror = ['==' => '==', '!=' => '!=', '<' => '>', '<=' => '>=', '>' => '<', '>=' => '<='];
$checked = 0;
$disagree = 0;
foreach ($mirror as $op => $mop) {
    foreach ($literals as $lit => $litValue) {
        try {
            Segment\RuleSet::validate("x $op $lit");
        } catch (Segment\RuleSyntaxError $e) {
            continue; // e.g. x < null is refused at compile time
        }
        $defs = [
            ['code' => 'fused', 'rule' => "x $op $lit"],
            ['code' => 'mirrored', 'rule' => "$lit $mop x"],
            ['code' => 'generic', 'rule' => "x $op y"],
            ['code' => 'generic_mirrored', 'rule' => "y $mop x"],
            ['code' => 'computed', 'rule' => "coalesce(x) $op coalesce($lit)"],
        ];
        $scalar = !is_array($litValue) && $litValue !== null;
        if ($op === '==' && $scalar) {
            $defs[] = ['code' => 'in', 'rule' => "x in ($lit)"];
            $defs[] = ['code' => 'in_list', 'rule' => "x in ($lit, (9, 9, 9))"];
        }
        $rs = new Segment\RuleSet($defs);
        foreach ($values as $v) {
            $results = [];
            foreach (array_column($defs, 'code') as $code) {
                $results[$code] = $rs->matches(['x' => $v, 'y' => $litValue], $code);
            }
            $checked++;
            if (count(array_unique($results)) > 1) {
                $disagree++;
                echo "x = ", var_export($v instanceof DateTimeInterface ? 'date' : $v, true), ", $op $lit: ",
                    json_encode($results), "\n";
            }
        }
    }
}
echo "$checked cases, $disagree disagreements\n";
?>
--EXPECT--
3186 cases, 0 disagreements
