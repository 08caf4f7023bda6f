<?php

/**
 * The 20 segment rules of the benchmark, each in three equivalent forms:
 *
 *   rule     segment rule language (what Segment\RuleSet compiles)
 *   symfony  Symfony ExpressionLanguage over `c` (the customer array) and
 *            `now` (int Unix time); uses the functions registered by
 *            segment_bench_expression_language() in symfony.php:
 *            days_since(x), month(x), lower(s), count(list),
 *            str_contains/str_starts_with/str_ends_with (PHP's, via fromPhp;
 *            Debian's Symfony 5.4 has no contains/starts with/ends with
 *            operators, 6.1+ implements those operators with these very
 *            functions).
 *   php      hand-written closure fn(array $c, int $now): bool
 *
 * Null handling (the rule language's): a comparison with a null operand is
 * false, and days_since(null) / month(null) are null.  Only `age` and
 * `last_order_at` are ever null in the generated data, so the other forms
 * test `!== null` explicitly exactly where those two are compared.  Division
 * by zero is avoided in the rule itself (`orders_count > 0 and ...`), as a
 * rule author would write it, so no form depends on what x / 0 yields.
 *
 * days_since(x) = floor((now - strtotime(x)) / 86400); month(x) = month of
 * the date in the local time zone (the benchmark runs with UTC).
 *
 * Priorities are distinct and deliberately not in definition order, so the
 * "highest priority first" ordering of match() is exercised.
 */

declare(strict_types=1);

/**
 * @return list<array{code: string, name: string, priority: int, rule: string, symfony: string, php: \Closure}>
 */
return [
    [
        'code' => 'loyal_big_spender',
        'name' => 'Loyal big spenders',
        'priority' => 190,
        'rule' => 'orders_count >= 3 and total_spent > 500',
        'symfony' => 'c["orders_count"] >= 3 and c["total_spent"] > 500',
        'php' => static fn(array $c, int $now): bool => $c['orders_count'] >= 3 && $c['total_spent'] > 500,
    ],
    [
        'code' => 'young_francophone',
        'name' => 'Young, French-speaking countries',
        'priority' => 120,
        'rule' => 'country in ("FR", "BE", "CH") and age < 30',
        'symfony' => 'c["country"] in ["FR", "BE", "CH"] and c["age"] !== null and c["age"] < 30',
        'php' => static fn(array $c, int $now): bool =>
            in_array($c['country'], ['FR', 'BE', 'CH'], true) && $c['age'] !== null && $c['age'] < 30,
    ],
    [
        'code' => 'lapsing',
        'name' => 'Last order 1 to 3 months ago',
        'priority' => 175,
        'rule' => 'days_since(last_order_at) between 31 and 90',
        'symfony' => 'c["last_order_at"] !== null and days_since(c["last_order_at"]) >= 31 and days_since(c["last_order_at"]) <= 90',
        'php' => static fn(array $c, int $now): bool =>
            $c['last_order_at'] !== null
            && ($d = (int) floor(($now - strtotime($c['last_order_at'])) / 86400)) >= 31 && $d <= 90,
    ],
    [
        'code' => 'vegan',
        'name' => 'Interested in vegan products',
        'priority' => 60,
        'rule' => '"vegan" in interests',
        'symfony' => '"vegan" in c["interests"]',
        'php' => static fn(array $c, int $now): bool => in_array('vegan', $c['interests'], true),
    ],
    [
        'code' => 'gmail',
        'name' => 'Gmail addresses',
        'priority' => 20,
        'rule' => 'email contains "@gmail."',
        'symfony' => 'str_contains(c["email"], "@gmail.")',
        'php' => static fn(array $c, int $now): bool => str_contains($c['email'], '@gmail.'),
    ],
    [
        'code' => 'big_cart',
        'name' => 'Cart of 100 or more',
        'priority' => 160,
        'rule' => 'cart.total >= 100',
        'symfony' => 'c["cart"]["total"] >= 100',
        'php' => static fn(array $c, int $now): bool => $c['cart']['total'] >= 100,
    ],
    [
        'code' => 'no_newsletter',
        'name' => 'Not subscribed to the newsletter',
        'priority' => 30,
        'rule' => 'not newsletter',
        'symfony' => 'not c["newsletter"]',
        'php' => static fn(array $c, int $now): bool => !$c['newsletter'],
    ],
    [
        'code' => 'mobile_or_active',
        'name' => 'Mobile or very active',
        'priority' => 40,
        'rule' => 'device == "mobile" or visits_30d > 10',
        'symfony' => 'c["device"] == "mobile" or c["visits_30d"] > 10',
        'php' => static fn(array $c, int $now): bool => $c['device'] === 'mobile' || $c['visits_30d'] > 10,
    ],
    [
        'code' => 'high_basket',
        'name' => 'Average order above 80',
        'priority' => 150,
        'rule' => 'orders_count > 0 and total_spent / orders_count > 80',
        'symfony' => 'c["orders_count"] > 0 and c["total_spent"] / c["orders_count"] > 80',
        'php' => static fn(array $c, int $now): bool =>
            $c['orders_count'] > 0 && $c['total_spent'] / $c['orders_count'] > 80,
    ],
    [
        'code' => 'fr_mailbox',
        'name' => 'Mailbox in .fr',
        'priority' => 10,
        'rule' => 'email ends with ".fr"',
        'symfony' => 'str_ends_with(c["email"], ".fr")',
        'php' => static fn(array $c, int $now): bool => str_ends_with($c['email'], '.fr'),
    ],
    [
        'code' => 'never_ordered',
        'name' => 'Registered, never ordered',
        'priority' => 110,
        'rule' => 'last_order_at is null',
        'symfony' => 'c["last_order_at"] === null',
        'php' => static fn(array $c, int $now): bool => $c['last_order_at'] === null,
    ],
    [
        'code' => 'non_na_consumer',
        'name' => 'Outside North America, not wholesale',
        'priority' => 15,
        'rule' => 'country not in ("US", "CA") and group != "wholesale"',
        'symfony' => 'c["country"] not in ["US", "CA"] and c["group"] != "wholesale"',
        'php' => static fn(array $c, int $now): bool =>
            !in_array($c['country'], ['US', 'CA'], true) && $c['group'] !== 'wholesale',
    ],
    [
        'code' => 'vip',
        'name' => 'VIP group',
        'priority' => 200,
        'rule' => 'group == "vip"',
        'symfony' => 'c["group"] == "vip"',
        'php' => static fn(array $c, int $now): bool => $c['group'] === 'vip',
    ],
    [
        'code' => 'december_signup',
        'name' => 'Signed up in December',
        'priority' => 50,
        'rule' => 'month(created_at) == 12',
        'symfony' => 'month(c["created_at"]) == 12',
        // The month of a zone-less local date string is its literal month.
        'php' => static fn(array $c, int $now): bool => substr($c['created_at'], 5, 2) === '12',
    ],
    [
        'code' => 'info_address',
        'name' => 'Generic info@ address',
        'priority' => 70,
        'rule' => 'lower(email) starts with "info"',
        'symfony' => 'str_starts_with(lower(c["email"]), "info")',
        'php' => static fn(array $c, int $now): bool => str_starts_with(strtolower($c['email']), 'info'),
    ],
    [
        'code' => 'multi_interest',
        'name' => 'Three or more interests',
        'priority' => 80,
        'rule' => 'count(interests) >= 3',
        'symfony' => 'count(c["interests"]) >= 3',
        'php' => static fn(array $c, int $now): bool => count($c['interests']) >= 3,
    ],
    [
        'code' => 'dormant_repeat',
        'name' => 'Repeat buyer, nothing for 6 months',
        'priority' => 170,
        'rule' => 'orders_count >= 2 and days_since(last_order_at) > 180',
        'symfony' => 'c["orders_count"] >= 2 and c["last_order_at"] !== null and days_since(c["last_order_at"]) > 180',
        'php' => static fn(array $c, int $now): bool =>
            $c['orders_count'] >= 2 && $c['last_order_at'] !== null
            && (int) floor(($now - strtotime($c['last_order_at'])) / 86400) > 180,
    ],
    [
        'code' => 'cart_abandoner',
        'name' => 'Engaged, cart waiting, no recent order',
        'priority' => 180,
        'rule' => "cart.items > 0 and visits_30d >= 3\n  and (last_order_at is null or days_since(last_order_at) > 30)",
        'symfony' => 'c["cart"]["items"] > 0 and c["visits_30d"] >= 3 and (c["last_order_at"] === null or days_since(c["last_order_at"]) > 30)',
        'php' => static fn(array $c, int $now): bool =>
            $c['cart']['items'] > 0 && $c['visits_30d'] >= 3
            && ($c['last_order_at'] === null || (int) floor(($now - strtotime($c['last_order_at'])) / 86400) > 30),
    ],
    [
        'code' => 'senior_big_screen',
        'name' => '60+ on tablet or desktop',
        'priority' => 90,
        'rule' => 'age >= 60 and device in ("tablet", "desktop")',
        'symfony' => 'c["age"] !== null and c["age"] >= 60 and c["device"] in ["tablet", "desktop"]',
        'php' => static fn(array $c, int $now): bool =>
            $c['age'] !== null && $c['age'] >= 60 && in_array($c['device'], ['tablet', 'desktop'], true),
    ],
    [
        'code' => 'wholesale_key',
        'name' => 'Key wholesale accounts (not book trade)',
        'priority' => 140,
        'rule' => 'group == "wholesale" and (orders_count >= 10 or cart.total > 500) and not ("books" in interests)',
        'symfony' => 'c["group"] == "wholesale" and (c["orders_count"] >= 10 or c["cart"]["total"] > 500) and not ("books" in c["interests"])',
        'php' => static fn(array $c, int $now): bool =>
            $c['group'] === 'wholesale' && ($c['orders_count'] >= 10 || $c['cart']['total'] > 500)
            && !in_array('books', $c['interests'], true),
    ],
];
