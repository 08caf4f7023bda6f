--TEST--
Segment\RuleSet::explain(): code, rule, enabled, result, leaf conditions in source order and the and/or/not tree
--EXTENSIONS--
segment
--INI--
date.timezone=UTC
--FILE--
<?php
$rs = new Segment\RuleSet([
    ['code' => 'lapsing', 'name' => 'Lapsing regulars', 'enabled' => false, 'rule' => "orders_count >= 2\n"
        . "  and (days_since(last_order) > 90 or not newsletter)\n  and country in ('FR', 'BE')\n"
        . "  and total between 100 and 500 and phone is null"],
    ['code' => 'flag', 'rule' => 'vip'],
]);
$c = ['orders_count' => '3', 'last_order' => '2024-03-01 10:00:00', 'newsletter' => true, 'country' => 'FR',
    'total' => 99.5, 'vip' => '0'];
$e = $rs->explain($c, 'lapsing', strtotime('2024-06-01 00:00:00 UTC'));
var_dump(array_keys($e), $e['code'], $e['enabled'], $e['result']);
// Every condition is evaluated, even those an and/or would skip.
foreach ($e['conditions'] as $cond) {
    echo $cond['type'], ' | ', $cond['text'], ' | ', json_encode($cond['result']), ' | ', json_encode($cond['values']), "\n";
}
function show(array $node, int $depth = 0): void
{
    echo str_repeat('  ', $depth), $node['type'], ' ', json_encode($node['result']),
        $node['type'] === 'condition' ? ' ' . $node['text'] : ' (' . count($node['children']) . ')', "\n";
    foreach ($node['children'] ?? [] as $child) show($child, $depth + 1);
}
show($e['tree']);
echo $e['tree']['children'][1]['text'], "\n";
// The explanation agrees with matches().
var_dump($e['result'] === $rs->matches($c, 'lapsing', strtotime('2024-06-01 00:00:00 UTC')));
unset($e);

// A rule that is a single condition: the tree is that condition.
$e = $rs->explain($c, 'flag');
echo json_encode($e), "\n";
unset($e);
?>
--EXPECT--
array(6) {
  [0]=>
  string(4) "code"
  [1]=>
  string(4) "rule"
  [2]=>
  string(7) "enabled"
  [3]=>
  string(6) "result"
  [4]=>
  string(10) "conditions"
  [5]=>
  string(4) "tree"
}
string(7) "lapsing"
bool(false)
bool(false)
condition | orders_count >= 2 | true | ["3",2]
condition | days_since(last_order) > 90 | true | [91,90]
condition | newsletter | true | [true]
condition | country in ('FR', 'BE') | true | ["FR",["FR","BE"]]
condition | total between 100 and 500 | false | [99.5,100,500]
condition | phone is null | true | [null]
and false (5)
  condition true orders_count >= 2
  or true (2)
    condition true days_since(last_order) > 90
    not false (1)
      condition true newsletter
  condition true country in ('FR', 'BE')
  condition false total between 100 and 500
  condition true phone is null
(days_since(last_order) > 90 or not newsletter)
bool(true)
{"code":"flag","rule":"vip","enabled":true,"result":false,"conditions":[{"type":"condition","text":"vip","result":false,"values":["0"]}],"tree":{"type":"condition","text":"vip","result":false,"values":["0"]}}
