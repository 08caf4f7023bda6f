--TEST--
Rule language lexing: comments, strings and escapes, numbers, case-insensitive keywords, lists, trailing commas
--EXTENSIONS--
segment
--FILE--
<?php
$c = [
    'x' => 1, 'y' => 2, 'name' => "it's \"quoted\"\\", 'nl' => "a\nb\tc\rd", 'bin' => "A\x00\xff",
    'country' => 'FR', 'code' => '#1', 'big' => 1500, 'tags' => ['a', 'b'],
    'starts' => 'word as attribute', 'cart' => ['in' => 3, 'null' => 4],
];
$rows = [
    "x == 1 # trailing comment",
    "x == 1 // another\n  and y == 2",
    "# only a comment line\nx == 1",
    "code == '#1' and code != \"//\"",
    "name == 'it\\'s \"quoted\"\\\\'",
    "name == \"it's \\\"quoted\\\"\\\\\"",
    'nl == "a\nb\tc\rd"',
    'bin == "\x41\x00\xFF"',
    'big == 1500 and big == 1.5e3 and big == 15E2 and big == 1500.0 and big == 0001500',
    'x == +1 and -x == -1 and - -x == 1',
    'X == 1',
    'x IS NOT NULL AND y Is Not Null aNd NOT (x == 2) OR FALSE',
    'x = 1 && y <> 1 && !(x != 1) || false',
    'country in ("FR")',
    'country in ("FR",)',
    'country in ["FR", "BE",]',
    'country in ()',
    'country IN ("BE") or country Not In ("BE")',
    'country Is One Of ("FR") and country is not one of ("DE")',
    'min(3, 2, 1,) == 1',
    'starts == "word as attribute"',
    'cart.in == 3 and cart.null == 4',
    'DAYS_SINCE("2024-01-01") >= 0 and Lower(country) == "fr"',
    'TRUE and not FALSE and x is not NULL',
];
foreach ($rows as $rule) {
    $rs = new Segment\RuleSet([['code' => 'r', 'rule' => $rule]]);
    printf("%-5s %s\n", $rs->matches($c, 'r') ? 'true' : 'false', json_encode($rule));
}
?>
--EXPECT--
true  "x == 1 # trailing comment"
true  "x == 1 \/\/ another\n  and y == 2"
true  "# only a comment line\nx == 1"
true  "code == '#1' and code != \"\/\/\""
true  "name == 'it\\'s \"quoted\"\\\\'"
true  "name == \"it's \\\"quoted\\\"\\\\\""
true  "nl == \"a\\nb\\tc\\rd\""
true  "bin == \"\\x41\\x00\\xFF\""
true  "big == 1500 and big == 1.5e3 and big == 15E2 and big == 1500.0 and big == 0001500"
true  "x == +1 and -x == -1 and - -x == 1"
false "X == 1"
true  "x IS NOT NULL AND y Is Not Null aNd NOT (x == 2) OR FALSE"
true  "x = 1 && y <> 1 && !(x != 1) || false"
true  "country in (\"FR\")"
true  "country in (\"FR\",)"
true  "country in [\"FR\", \"BE\",]"
false "country in ()"
true  "country IN (\"BE\") or country Not In (\"BE\")"
true  "country Is One Of (\"FR\") and country is not one of (\"DE\")"
true  "min(3, 2, 1,) == 1"
true  "starts == \"word as attribute\""
true  "cart.in == 3 and cart.null == 4"
true  "DAYS_SINCE(\"2024-01-01\") >= 0 and Lower(country) == \"fr\""
true  "TRUE and not FALSE and x is not NULL"
