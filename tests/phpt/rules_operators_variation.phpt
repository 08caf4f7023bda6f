--TEST--
Every operator and alias, table-driven: (rule, customer) -> result
--EXTENSIONS--
segment
--INI--
date.timezone=UTC
--FILE--
<?php
$rows = [
    // equality and its aliases
    ['x == 1', ['x' => 1]], ['x = 1', ['x' => 1]], ['x != 1', ['x' => 2]], ['x <> 1', ['x' => 1]],
    ['x == "FR"', ['x' => 'FR']], ['x == "fr"', ['x' => 'FR']], ['x != "FR"', ['x' => 'fr']],
    // ordering
    ['x < 10', ['x' => 9.99]], ['x <= 10', ['x' => '10']], ['x > 10', ['x' => '10.5']], ['x >= 10', ['x' => 9]],
    ['x > "m"', ['x' => 'n']], ['10 < x', ['x' => 11]],
    // logic and aliases, precedence: not > and > or
    ['a and b', ['a' => 1, 'b' => 0]], ['a && b', ['a' => 1, 'b' => 1]], ['a or b', ['a' => 0, 'b' => 'x']],
    ['a || b', ['a' => 0, 'b' => 0]], ['not a', ['a' => 0]], ['!a', ['a' => 1]], ['! !a', ['a' => 1]],
    ['a or b and c', ['a' => 1, 'b' => 0, 'c' => 0]], ['(a or b) and c', ['a' => 1, 'b' => 0, 'c' => 0]],
    ['not a and b', ['a' => 0, 'b' => 1]], ['not (a and b)', ['a' => 1, 'b' => 0]],
    ['not x == 1', ['x' => 2]],
    // in, not in, is one of, is not one of
    ['x in (1, 2, 3)', ['x' => 2]], ['x in [1, 2, 3]', ['x' => '3']], ['x not in (1, 2)', ['x' => 3]],
    ['x is one of ("FR", "BE")', ['x' => 'BE']], ['x is not one of ("FR", "BE")', ['x' => 'BE']],
    ['x in ("FR")', ['x' => 'FR']], ['x in ("FR")', ['x' => 'F']], ['x in "FRANCE"', ['x' => 'FRAN']],
    ['x in "12345"', ['x' => 234]], ['x in "1.5"', ['x' => 1.5]], ['x in list', ['x' => 2, 'list' => [1, 2]]],
    ['x in (list)', ['x' => 2, 'list' => [1, 2]]], ['x in (list)', ['x' => [1, 2], 'list' => [1, 2]]],
    ['x in (y, z)', ['x' => 5, 'y' => 4, 'z' => '5']], ['x in (1, (2, 3))', ['x' => [2, 3]]],
    // contains and its negations
    ['tags contains "vip"', ['tags' => ['new', 'vip']]], ['tags contains "VIP"', ['tags' => ['new', 'vip']]],
    ['tags contains 2', ['tags' => ['1', '2']]], ['email contains "@shop"', ['email' => 'a@shop.fr']],
    ['email contains 42', ['email' => 'user42@x.fr']], ['email contains ""', ['email' => 'a']],
    ['email not contains "@"', ['email' => 'nobody']], ['email does not contain "@"', ['email' => 'a@b']],
    ['tags does not contain "vip"', ['tags' => []]], ['"vip" in tags', ['tags' => ['vip']]],
    ['tags contains x', ['tags' => [1, 2], 'x' => 2.0]],
    // starts with / ends with and negations
    ['email starts with "admin"', ['email' => 'admin@shop.fr']], ['email ends with ".fr"', ['email' => 'a@b.FR']],
    ['email not starts with "admin"', ['email' => 'bob@shop.fr']], ['email not ends with ".fr"', ['email' => 'a@b.fr']],
    ['zip starts with "75"', ['zip' => 75001]], ['zip ends with 1', ['zip' => 75001]], ['zip starts with 7', ['zip' => '75001']],
    ['ratio starts with "1"', ['ratio' => 1.5]], ['flag starts with "1"', ['flag' => true]],
    ['tags starts with "a"', ['tags' => ['ab']]], ['email starts with ""', ['email' => '']],
    // between (inclusive) and not between
    ['x between 1 and 5', ['x' => 1]], ['x between 1 and 5', ['x' => 5]], ['x between 1 and 5', ['x' => 5.01]],
    ['x between 5 and 1', ['x' => 3]], ['x not between 1 and 5', ['x' => 0]], ['x between "b" and "d"', ['x' => 'c']],
    ['x between "2024-01-01" and "2024-12-31 23:59:59"', ['x' => new DateTime('2024-06-30')]],
    ['x between lo and hi', ['x' => 3, 'lo' => '2', 'hi' => 4]], ['x between 1 and 5 and y', ['x' => 3, 'y' => 1]],
    // is null / is not null
    ['x is null', ['x' => null]], ['x is null', []], ['x is not null', ['x' => false]], ['x IS NOT NULL', ['x' => '']],
    // arithmetic in comparisons
    ['a + b == 5', ['a' => 2, 'b' => '3']], ['a - b < 0', ['a' => 2, 'b' => 3]], ['a * 2 == 5', ['a' => 2.5]],
    ['a / b == 2.5', ['a' => 5, 'b' => 2]], ['a % 3 == 2', ['a' => 8]], ['-a == 3', ['a' => -3]],
    ['a + b * 2 == 7', ['a' => 1, 'b' => 3]], ['(a + b) * 2 == 8', ['a' => 1, 'b' => 3]],
    ['a - b - c == 0', ['a' => 5, 'b' => 3, 'c' => 2]], ['a / b / c == 1', ['a' => 8, 'b' => 4, 'c' => 2]],
    // truthiness of a bare attribute
    ['x', ['x' => 'yes']], ['x', ['x' => '0']], ['x', ['x' => '0.0']], ['x', ['x' => 0.0]], ['x', ['x' => []]],
    ['x', ['x' => [0]]], ['x', ['x' => ' ']], ['x', ['x' => new DateTime('1970-01-01')]],
];
foreach ($rows as [$rule, $c]) {
    $rs = new Segment\RuleSet([['code' => 'r', 'rule' => $rule]]);
    $shown = array_map(fn($v) => $v instanceof DateTimeInterface ? $v->format('Y-m-d') : $v, $c);
    printf("%-5s %-48s %s\n", $rs->matches($c, 'r') ? 'true' : 'false', $rule, json_encode($shown));
}
?>
--EXPECT--
true  x == 1                                           {"x":1}
true  x = 1                                            {"x":1}
true  x != 1                                           {"x":2}
false x <> 1                                           {"x":1}
true  x == "FR"                                        {"x":"FR"}
false x == "fr"                                        {"x":"FR"}
true  x != "FR"                                        {"x":"fr"}
true  x < 10                                           {"x":9.99}
true  x <= 10                                          {"x":"10"}
true  x > 10                                           {"x":"10.5"}
false x >= 10                                          {"x":9}
true  x > "m"                                          {"x":"n"}
true  10 < x                                           {"x":11}
false a and b                                          {"a":1,"b":0}
true  a && b                                           {"a":1,"b":1}
true  a or b                                           {"a":0,"b":"x"}
false a || b                                           {"a":0,"b":0}
true  not a                                            {"a":0}
false !a                                               {"a":1}
true  ! !a                                             {"a":1}
true  a or b and c                                     {"a":1,"b":0,"c":0}
false (a or b) and c                                   {"a":1,"b":0,"c":0}
true  not a and b                                      {"a":0,"b":1}
true  not (a and b)                                    {"a":1,"b":0}
true  not x == 1                                       {"x":2}
true  x in (1, 2, 3)                                   {"x":2}
true  x in [1, 2, 3]                                   {"x":"3"}
true  x not in (1, 2)                                  {"x":3}
true  x is one of ("FR", "BE")                         {"x":"BE"}
false x is not one of ("FR", "BE")                     {"x":"BE"}
true  x in ("FR")                                      {"x":"FR"}
false x in ("FR")                                      {"x":"F"}
true  x in "FRANCE"                                    {"x":"FRAN"}
true  x in "12345"                                     {"x":234}
false x in "1.5"                                       {"x":1.5}
true  x in list                                        {"x":2,"list":[1,2]}
false x in (list)                                      {"x":2,"list":[1,2]}
true  x in (list)                                      {"x":[1,2],"list":[1,2]}
true  x in (y, z)                                      {"x":5,"y":4,"z":"5"}
true  x in (1, (2, 3))                                 {"x":[2,3]}
true  tags contains "vip"                              {"tags":["new","vip"]}
false tags contains "VIP"                              {"tags":["new","vip"]}
true  tags contains 2                                  {"tags":["1","2"]}
true  email contains "@shop"                           {"email":"a@shop.fr"}
true  email contains 42                                {"email":"user42@x.fr"}
true  email contains ""                                {"email":"a"}
true  email not contains "@"                           {"email":"nobody"}
false email does not contain "@"                       {"email":"a@b"}
true  tags does not contain "vip"                      {"tags":[]}
true  "vip" in tags                                    {"tags":["vip"]}
true  tags contains x                                  {"tags":[1,2],"x":2}
true  email starts with "admin"                        {"email":"admin@shop.fr"}
false email ends with ".fr"                            {"email":"a@b.FR"}
true  email not starts with "admin"                    {"email":"bob@shop.fr"}
false email not ends with ".fr"                        {"email":"a@b.fr"}
true  zip starts with "75"                             {"zip":75001}
true  zip ends with 1                                  {"zip":75001}
true  zip starts with 7                                {"zip":"75001"}
false ratio starts with "1"                            {"ratio":1.5}
false flag starts with "1"                             {"flag":true}
false tags starts with "a"                             {"tags":["ab"]}
true  email starts with ""                             {"email":""}
true  x between 1 and 5                                {"x":1}
true  x between 1 and 5                                {"x":5}
false x between 1 and 5                                {"x":5.01}
false x between 5 and 1                                {"x":3}
true  x not between 1 and 5                            {"x":0}
true  x between "b" and "d"                            {"x":"c"}
true  x between "2024-01-01" and "2024-12-31 23:59:59" {"x":"2024-06-30"}
true  x between lo and hi                              {"x":3,"lo":"2","hi":4}
true  x between 1 and 5 and y                          {"x":3,"y":1}
true  x is null                                        {"x":null}
true  x is null                                        []
true  x is not null                                    {"x":false}
true  x IS NOT NULL                                    {"x":""}
true  a + b == 5                                       {"a":2,"b":"3"}
true  a - b < 0                                        {"a":2,"b":3}
true  a * 2 == 5                                       {"a":2.5}
true  a / b == 2.5                                     {"a":5,"b":2}
true  a % 3 == 2                                       {"a":8}
true  -a == 3                                          {"a":-3}
true  a + b * 2 == 7                                   {"a":1,"b":3}
true  (a + b) * 2 == 8                                 {"a":1,"b":3}
true  a - b - c == 0                                   {"a":5,"b":3,"c":2}
true  a / b / c == 1                                   {"a":8,"b":4,"c":2}
true  x                                                {"x":"yes"}
false x                                                {"x":"0"}
true  x                                                {"x":"0.0"}
false x                                                {"x":0}
false x                                                {"x":[]}
true  x                                                {"x":[0]}
true  x                                                {"x":" "}
true  x                                                {"x":"1970-01-01"}