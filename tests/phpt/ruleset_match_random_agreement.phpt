--TEST--
match(), first(), matches() and explain() agree on many generated rules and customers
--DESCRIPTION--
match() runs all enabled rules as one linked program, matches() runs one rule's own program and
explain() evaluates every node separately, without short-circuits.  Generated rules with nested
and/or/not, comparisons, in, between, functions and arithmetic must give the same answers all
three ways.
--EXTENSIONS--
segment
--INI--
date.timezone=UTC
--FILE--
<?php
mt_srand(20240601);
$attrs = ['a', 'b', 'c', 's', 'd', 'l', 'n'];
function leaf(): string
{
    global $attrs;
    $x = $attrs[mt_rand(0, count($attrs) - 1)];
    $lit = [0, 1, 5, '"5"', '"x"', '2.5', '"2024-01-01"', 'true'][mt_rand(0, 7)];
    switch (mt_rand(0, 11)) {
        case 0: return "$x == $lit";
        case 1: return "$x != $lit";
        case 2: return "$x " . ['<', '<=', '>', '>='][mt_rand(0, 3)] . ' ' . [0, 1, 5, '"5"', '"m"'][mt_rand(0, 4)];
        case 3: return "$x in (1, \"x\", 5)";
        case 4: return "$x not in (\"a\", \"b\")";
        case 5: return "$x between 1 and 5";
        case 6: return "$x is null";
        case 7: return "l contains $lit";
        case 8: return "$x";
        case 9: return "$x + 1 > 2";
        case 10: return "coalesce($x, 3) == 3";
        default: return "s starts with \"x\"";
    }
}
function expr(int $depth): string
{
    if ($depth <= 0 || mt_rand(0, 3) === 0) return leaf();
    switch (mt_rand(0, 2)) {
        case 0: return '(' . expr($depth - 1) . ' and ' . expr($depth - 1) . ')';
        case 1: return '(' . expr($depth - 1) . ' or ' . expr($depth - 1) . (mt_rand(0, 1) ? ' or ' . expr($depth - 1) : '') . ')';
        default: return 'not ' . expr($depth - 1);
    }
}
function value(): mixed
{
    return [null, true, false, 0, 1, 3, 5, 7, '5', 'x', 'xyz', 2.5, '', [1, 'x'], []][mt_rand(0, 14)];
}
$bad = 0;
$evaluations = 0;
for ($set = 0; $set < 40; $set++) {
    $defs = [];
    for ($i = 0; $i < 12; $i++) {
        $defs[] = ['code' => "r$i", 'rule' => expr(4), 'priority' => mt_rand(0, 3), 'enabled' => mt_rand(0, 5) > 0];
    }
    $rs = new Segment\RuleSet($defs);
    // Priority order computed here: highest first, ties in definition order.
    $sorted = $defs;
    uksort($sorted, fn($i, $j) => [$defs[$j]['priority'], $i] <=> [$defs[$i]['priority'], $j]);
    $order = array_column($sorted, 'enabled', 'code');
    for ($k = 0; $k < 25; $k++) {
        $c = [];
        foreach ($attrs as $name) {
            if (mt_rand(0, 6)) $c[$name] = value();
        }
        $expected = [];
        foreach ($order as $code => $enabled) {
            $one = $rs->matches($c, $code);
            $e = $rs->explain($c, $code);
            $why = $e['result'];
            unset($e);
            $evaluations++;
            if ($one !== $why) {
                $bad++;
                echo "matches/explain disagree on $code: ", json_encode($c), "\n";
            }
            if ($enabled && $one) $expected[] = $code;
        }
        $all = $rs->match($c);
        $first = $rs->first($c);
        $o = (object)$c;
        if ($all !== $expected || $first !== ($expected[0] ?? null) || $rs->match($o) !== $expected) {
            $bad++;
            echo "match disagrees: ", json_encode($all), ' vs ', json_encode($expected), ' for ', json_encode($c), "\n";
        }
        unset($all, $first);
    }
}
echo "$evaluations evaluations, $bad disagreements\n";
?>
--EXPECT--
12000 evaluations, 0 disagreements
