--TEST--
Null and missing attributes: == != < in contains between is null, and truthiness
--EXTENSIONS--
segment
--FILE--
<?php
$rows = [
    'x == null', 'x != null', 'x is null', 'x is not null',
    'x == 0', 'x != 0', 'x == ""', 'x != ""', 'x == false',
    'x < 1', 'x >= 0', 'x > "a"', 'x between 0 and 10', 'x not between 0 and 10',
    'x in (1, 2)', 'x not in (1, 2)', 'x in (null, 1)', 'x in "abc"',
    'x contains "a"', 'x does not contain "a"', 'x starts with "a"', 'x not ends with "a"',
    'x', 'not x', 'x == y', 'x != y', 'x + 1 is null', 'length(x) == 0', 'count(x) == 0',
    'coalesce(x, 5) == 5', 'days_since(x) is null', 'lower(x) is null', 'x.deeper is null',
];
$customers = [
    'missing' => ['y' => null],
    'null' => ['x' => null, 'y' => null],
    'zero' => ['x' => 0, 'y' => null],
    'empty string' => ['x' => '', 'y' => null],
];
printf("%-26s", '');
foreach ($customers as $label => $c) printf("%-14s", $label);
echo "\n";
foreach ($rows as $rule) {
    $rs = new Segment\RuleSet([['code' => 'r', 'rule' => $rule]]);
    printf("%-26s", $rule);
    foreach ($customers as $c) printf("%-14s", $rs->matches($c, 'r') ? 'true' : 'false');
    echo "\n";
}
?>
--EXPECT--
                          missing       null          zero          empty string  
x == null                 true          true          false         false         
x != null                 false         false         true          true          
x is null                 true          true          false         false         
x is not null             false         false         true          true          
x == 0                    false         false         true          false         
x != 0                    true          true          false         true          
x == ""                   false         false         false         true          
x != ""                   true          true          true          false         
x == false                false         false         true          true          
x < 1                     false         false         true          false         
x >= 0                    false         false         true          false         
x > "a"                   false         false         false         false         
x between 0 and 10        false         false         true          false         
x not between 0 and 10    true          true          false         true          
x in (1, 2)               false         false         false         false         
x not in (1, 2)           true          true          true          true          
x in (null, 1)            true          true          false         false         
x in "abc"                false         false         false         true          
x contains "a"            false         false         false         false         
x does not contain "a"    true          true          true          true          
x starts with "a"         false         false         false         false         
x not ends with "a"       true          true          true          true          
x                         false         false         false         false         
not x                     true          true          true          true          
x == y                    true          true          false         false         
x != y                    false         false         true          true          
x + 1 is null             true          true          false         true          
length(x) == 0            true          true          false         true          
count(x) == 0             true          true          false         false         
coalesce(x, 5) == 5       true          true          false         false         
days_since(x) is null     true          true          false         true          
lower(x) is null          true          true          true          false         
x.deeper is null          true          true          true          true          
