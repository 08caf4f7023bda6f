--TEST--
Rules are type-checked when compiled: impossible literal operands, arity, bucket(), conditions
--EXTENSIONS--
segment
--FILE--
<?php
$rules = [
    // a rule must be a condition
    '42', '"vip"', 'null', '(1, 2)', 'total + 1', 'days_since(last_order)', 'not 5',
    // ordering needs numbers, dates or strings
    'total < null', 'total >= true', 'total > (1, 2)', 'total between null and 5',
    // in / contains / starts with / ends with
    'country in 5', 'country in null', 'null in ("FR")', '("FR", "BE") in country',
    'tags contains ("a", "b")', 'tags contains null', '5.5 contains x', 'email ends with 1.5',
    'email starts with ("a", "b")',
    // arithmetic
    'total + "abc" > 1', 'total / 0 > 1', 'total % "0" > 1', 'total / 0.0 > 1', '-"abc" < 1',
    // functions: arity and literal arguments
    'days_since() > 1', 'days_since(a, b) > 1', 'min() > 1', 'round(x, 1, 2) > 1', 'now(1) > 1',
    'days_since("yesterday") > 1', 'days_since(true) > 1', 'year("0000-00-00") > 1',
    'lower(5) == "a"', 'count("abc") > 1', 'abs("abc") > 1', 'intersects(tags, "vip")',
    // bucket's salt and n are fixed
    'bucket(id, salt, 10) == 1', 'bucket(id, "s", 0) == 1', 'bucket(id, "s", 1000001) == 1',
    'bucket(id, "s", n) == 1', 'bucket(id, "s", 2.0) == 1', 'bucket((1, 2), "s", 2) == 1',
];
foreach ($rules as $rule) {
    try {
        Segment\RuleSet::validate($rule);
        echo "$rule: accepted\n";
    } catch (Segment\RuleSyntaxError $e) {
        echo "$rule: [", $e->getRuleColumn(), "] ", preg_replace('/^line 1, column \d+: /', '', $e->getMessage()),
            " (expected: ", $e->getExpected(), ")\n";
    }
}

echo "-- accepted\n";
foreach ([
    'vip', 'not newsletter', 'true', 'days_since(5) > 1', 'count(null) == 0', 'abs("5") > 1',
    'intersects(tags, null)', 'coalesce(a, b)', 'bucket(id, "s", 1000000) == 1', 'bucket(id, "s", 1) == 0',
    'total == null', 'total != null', 'email starts with 44', 'year("2024-02-29") == 2024',
    'min(a, b)', 'x == "5" + 0', 'total / divisor > 1',
] as $rule) {
    echo $rule, ': ', json_encode(Segment\RuleSet::validate($rule)), "\n";
}
?>
--EXPECT--
42: [1] a condition is expected here, not the number 42 (expected: a condition)
"vip": [1] a condition is expected here, not the string "vip" (expected: a condition)
null: [1] a condition is expected here, not null (expected: a condition)
(1, 2): [1] a condition is expected here, not a list (expected: a condition)
total + 1: [1] a condition is expected here, not a calculation; compare it, e.g. 'total + 1 > 0' (expected: a condition)
days_since(last_order): [1] a condition is expected here, not a function result; compare it, e.g. 'days_since(last_order) > 0' (expected: a condition)
not 5: [5] a condition is expected here, not the number 5 (expected: a condition)
total < null: [9] '<' cannot compare with null; use 'is null' or 'is not null' (expected: a number, a date or a string)
total >= true: [10] '>=' cannot order true (expected: a number, a date or a string)
total > (1, 2): [9] '>' cannot order a list (expected: a number, a date or a string)
total between null and 5: [15] 'between' cannot compare with null; use 'is null' or 'is not null' (expected: a number, a date or a string)
country in 5: [12] 'in' needs a list or a string, not the number 5 (expected: a list or a string)
country in null: [12] 'in' needs a list or a string, not null (expected: a list or a string)
null in ("FR"): [1] 'in' with null is never true; use 'is null' (expected: a value)
("FR", "BE") in country: [1] 'in' takes a single value, not a list (expected: a single value)
tags contains ("a", "b"): [15] 'contains' takes a single value, not a list; use intersects(a, b) for any-of (expected: a single value)
tags contains null: [15] 'contains' with null is never true; use 'is null' (expected: a value)
5.5 contains x: [1] 'contains' needs a string, not the number 5.5 (expected: a string)
email ends with 1.5: [17] 'ends with' needs a string, not the number 1.5 (expected: a string)
email starts with ("a", "b"): [19] 'starts with' needs a string, not a list (expected: a string)
total + "abc" > 1: [9] '+' needs numbers, not the string "abc" (expected: a number)
total / 0 > 1: [9] division by zero (expected: a non-zero number)
total % "0" > 1: [9] division by zero (expected: a non-zero number)
total / 0.0 > 1: [9] division by zero (expected: a non-zero number)
-"abc" < 1: [2] '-' needs numbers, not the string "abc" (expected: a number)
days_since() > 1: [1] days_since(date) takes 1 argument, not 0 (expected: days_since(date))
days_since(a, b) > 1: [1] days_since(date) takes 1 argument, not 2 (expected: days_since(date))
min() > 1: [1] min(a, b, ...) or min(list) takes 1 to 255 arguments, not 0 (expected: min(a, b, ...) or min(list))
round(x, 1, 2) > 1: [1] round(number[, places]) takes 1 to 2 arguments, not 3 (expected: round(number[, places]))
now(1) > 1: [1] now() takes 0 arguments, not 1 (expected: now())
days_since("yesterday") > 1: [12] days_since(date) needs a date, not the string "yesterday" (expected: a date such as "2024-12-31" or "2024-12-31 18:00:00")
days_since(true) > 1: [12] days_since(date) needs a date, not true (expected: a date such as "2024-12-31" or "2024-12-31 18:00:00")
year("0000-00-00") > 1: [6] year([date]) needs a date, not the string "0000-00-00" (expected: a date such as "2024-12-31" or "2024-12-31 18:00:00")
lower(5) == "a": [7] lower(string) needs a string, not the number 5 (expected: a string)
count("abc") > 1: [7] count(list) needs a list, not the string "abc" (expected: a list)
abs("abc") > 1: [5] abs(number) needs numbers, not the string "abc" (expected: a number)
intersects(tags, "vip"): [18] intersects(list, list) needs a list, not the string "vip" (expected: a list)
bucket(id, salt, 10) == 1: [12] the second argument of bucket() must be a fixed string, the split's salt (expected: a string literal (the salt))
bucket(id, "s", 0) == 1: [17] the third argument of bucket() must be a fixed whole number of buckets from 1 to 1000000 (expected: a whole number from 1 to 1000000)
bucket(id, "s", 1000001) == 1: [17] the third argument of bucket() must be a fixed whole number of buckets from 1 to 1000000 (expected: a whole number from 1 to 1000000)
bucket(id, "s", n) == 1: [17] the third argument of bucket() must be a fixed whole number of buckets from 1 to 1000000 (expected: a whole number from 1 to 1000000)
bucket(id, "s", 2.0) == 1: [17] the third argument of bucket() must be a fixed whole number of buckets from 1 to 1000000 (expected: a whole number from 1 to 1000000)
bucket((1, 2), "s", 2) == 1: [8] bucket() hashes a single value, not a list (expected: a single value)
-- accepted
vip: ["vip"]
not newsletter: ["newsletter"]
true: []
days_since(5) > 1: []
count(null) == 0: []
abs("5") > 1: []
intersects(tags, null): ["tags"]
coalesce(a, b): ["a","b"]
bucket(id, "s", 1000000) == 1: ["id"]
bucket(id, "s", 1) == 0: ["id"]
total == null: ["total"]
total != null: ["total"]
email starts with 44: ["email"]
year("2024-02-29") == 2024: []
min(a, b): ["a","b"]
x == "5" + 0: ["x"]
total / divisor > 1: ["total","divisor"]
