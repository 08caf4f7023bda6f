<?php

/**
 * Deterministic generator of shop customers for the rule benchmark.
 *
 * Every customer is a PHP array with exactly 13 attributes, shaped the way a
 * shop (PrestaShop / Magento module) hands them over:
 *
 *   orders_count  int
 *   total_spent   float (2 decimals; 0.0 when never ordered)
 *   last_order_at ?string 'Y-m-d H:i:s' (null when never ordered)
 *   country       string ISO 3166-1 alpha-2 (never null)
 *   age           ?int (null when unknown, ~25 %)
 *   email         string (domain always lower case, local part sometimes not)
 *   newsletter    bool
 *   device        'mobile' | 'desktop' | 'tablet'
 *   visits_30d    int
 *   interests     list<string>
 *   cart          array{total: float, items: int}
 *   created_at    string 'Y-m-d H:i:s'
 *   group         'retail' | 'wholesale' | 'vip'
 *
 * Dates are written in UTC (gmdate) relative to a fixed reference time so
 * that the same seed gives the same customers on every machine.  Only
 * last_order_at and age are ever null.
 *
 * Usage: require this file, then segment_bench_customers($n).
 * Standalone: php bench/rules/customers.php [N] prints N customers as JSON.
 */

declare(strict_types=1);

/** The fixed "now" of the benchmark: 2024-06-15 12:00:00 UTC. */
const SEGMENT_BENCH_NOW = 1718452800;
const SEGMENT_BENCH_SEED = 20240615;

/** Uniform float in [0, 1). */
function segment_bench_rand(): float
{
    return mt_rand(0, 0x7FFFFFFE) / 0x7FFFFFFF;
}

/**
 * Picks a key of $weights (key => relative weight).
 *
 * @param array<string|int, int|float> $weights
 */
function segment_bench_pick(array $weights): string|int
{
    $total = array_sum($weights);
    $x = segment_bench_rand() * $total;
    foreach ($weights as $key => $w) {
        $x -= $w;
        if ($x < 0) {
            return $key;
        }
    }
    return array_key_last($weights);
}

/** Standard normal sample (Box-Muller). */
function segment_bench_gauss(): float
{
    $u = max(segment_bench_rand(), 1e-12);
    $v = segment_bench_rand();
    return sqrt(-2.0 * log($u)) * cos(2.0 * M_PI * $v);
}

/** Geometric-like count with the given mean (>= 0). */
function segment_bench_count(float $mean): int
{
    return (int) floor(-log(max(1.0 - segment_bench_rand(), 1e-12)) * $mean);
}

/**
 * @return list<array<string, mixed>>
 */
function segment_bench_customers(int $n, int $seed = SEGMENT_BENCH_SEED, int $now = SEGMENT_BENCH_NOW): array
{
    mt_srand($seed, MT_RAND_MT19937);

    // Roughly a French-based shop selling across Europe and a bit overseas.
    $countries = [
        'FR' => 38, 'BE' => 9, 'CH' => 5, 'DE' => 10, 'GB' => 7, 'ES' => 6, 'IT' => 6,
        'NL' => 4, 'LU' => 1, 'PT' => 2, 'US' => 6, 'CA' => 3, 'MA' => 1, 'PL' => 1, 'SE' => 1,
    ];
    $domainsByCountry = [
        'FR' => ['gmail.com' => 34, 'orange.fr' => 16, 'hotmail.fr' => 12, 'free.fr' => 10, 'yahoo.fr' => 7,
                 'sfr.fr' => 5, 'laposte.net' => 6, 'wanadoo.fr' => 4, 'outlook.fr' => 6],
        'BE' => ['gmail.com' => 40, 'skynet.be' => 15, 'telenet.be' => 15, 'hotmail.com' => 15, 'outlook.be' => 15],
        'CH' => ['gmail.com' => 40, 'bluewin.ch' => 30, 'gmx.ch' => 15, 'hotmail.ch' => 15],
        'DE' => ['gmail.com' => 30, 'web.de' => 25, 'gmx.de' => 25, 't-online.de' => 20],
        'GB' => ['gmail.com' => 45, 'hotmail.co.uk' => 20, 'btinternet.com' => 15, 'yahoo.co.uk' => 20],
        'US' => ['gmail.com' => 55, 'yahoo.com' => 20, 'outlook.com' => 15, 'icloud.com' => 10],
        '*'  => ['gmail.com' => 50, 'hotmail.com' => 20, 'outlook.com' => 15, 'yahoo.com' => 15],
    ];
    $firstNames = ['marie', 'jean', 'pierre', 'camille', 'lucas', 'lea', 'hugo', 'chloe', 'louis', 'emma',
                   'thomas', 'sarah', 'nicolas', 'julie', 'anna', 'paul', 'laura', 'max', 'sofia', 'david',
                   'elena', 'marco', 'sophie', 'jan', 'olivia', 'james', 'noah', 'ines', 'adam', 'lina'];
    $lastNames = ['martin', 'bernard', 'dubois', 'thomas', 'robert', 'richard', 'petit', 'durand', 'leroy',
                  'moreau', 'simon', 'laurent', 'lefebvre', 'michel', 'garcia', 'muller', 'schmidt', 'rossi',
                  'smith', 'jones', 'peeters', 'janssens', 'fernandez', 'lopez', 'silva', 'weber', 'fontaine'];
    $businessWords = ['boulangerie', 'epicerie', 'bio', 'atelier', 'maison', 'cave', 'sport', 'librairie',
                      'cafe', 'hotel', 'restaurant', 'boutique'];
    $interests = [
        'vegan' => 9, 'sports' => 18, 'books' => 16, 'tech' => 17, 'cooking' => 14, 'travel' => 15,
        'fashion' => 13, 'gardening' => 7, 'music' => 12, 'gaming' => 10, 'kids' => 9, 'pets' => 8,
    ];
    // Sign-ups peak around Black Friday and Christmas.
    $monthWeights = [1 => 8, 2 => 7, 3 => 8, 4 => 7, 5 => 7, 6 => 6, 7 => 6, 8 => 6, 9 => 8, 10 => 9, 11 => 13, 12 => 15];

    $oldest = $now - 6 * 365 * 86400;
    $nowYear = (int) gmdate('Y', $now);
    $out = [];

    for ($i = 0; $i < $n; $i++) {
        $group = segment_bench_pick(['retail' => 85, 'wholesale' => 10, 'vip' => 5]);
        $country = segment_bench_pick($countries);

        // created_at: uniform year in the last 6, seasonal month, random day/time.
        do {
            $year = $nowYear - mt_rand(0, 6);
            $month = segment_bench_pick($monthWeights);
            $day = mt_rand(1, 28);
            $created = gmmktime(mt_rand(0, 23), mt_rand(0, 59), mt_rand(0, 59), $month, $day, $year);
        } while ($created >= $now - 3600 || $created < $oldest);

        // Orders: ~22 % never ordered; wholesale and vip order more.
        $neverOrdered = segment_bench_rand() < ($group === 'retail' ? 0.24 : 0.05);
        if ($neverOrdered) {
            $orders = 0;
        } else {
            $mean = ['retail' => 2.5, 'wholesale' => 9.0, 'vip' => 14.0][$group];
            $orders = 1 + segment_bench_count($mean);
        }
        $spent = 0.0;
        $basket = ['retail' => 4.0, 'wholesale' => 5.6, 'vip' => 5.0][$group]; // log of a typical order value
        for ($k = 0; $k < $orders; $k++) {
            $spent += exp($basket + 0.6 * segment_bench_gauss());
        }
        $spent = round($spent, 2);

        $lastOrder = null;
        if ($orders > 0) {
            // Skewed towards recent activity, never before the account existed.
            $span = $now - $created;
            $ago = (int) min($span - 60, $span * segment_bench_rand() ** (1.0 + min($orders, 10) / 2.0));
            $lastOrder = gmdate('Y-m-d H:i:s', $now - max($ago, 60));
        }

        $age = null;
        if (segment_bench_rand() >= 0.25) {
            $age = (int) max(18, min(92, round(41 + 14 * segment_bench_gauss())));
        }

        // E-mail: shops keep what the customer typed, so capitals happen in the local part.
        $domains = $domainsByCountry[$country] ?? $domainsByCountry['*'];
        $first = $firstNames[mt_rand(0, count($firstNames) - 1)];
        $last = $lastNames[mt_rand(0, count($lastNames) - 1)];
        $style = mt_rand(0, 99);
        if ($group === 'wholesale' && $style < 60) {
            $word = $businessWords[mt_rand(0, count($businessWords) - 1)];
            $local = ['info', 'contact', 'commandes', 'compta', 'Info', 'INFO'][mt_rand(0, 5)];
            $tld = ['FR' => 'fr', 'BE' => 'be', 'CH' => 'ch', 'DE' => 'de'][$country] ?? 'com';
            $domain = $word . '-' . $last . '.' . $tld;
        } else {
            $domain = segment_bench_pick($domains);
            if ($style < 45) {
                $local = $first . '.' . $last;
            } elseif ($style < 65) {
                $local = $first[0] . $last;
            } elseif ($style < 85) {
                $local = $first . $last . mt_rand(1, 99);
            } elseif ($style < 93) {
                $local = ucfirst($first) . '.' . ucfirst($last);
            } elseif ($style < 97) {
                $local = 'info.' . $last;
            } else {
                $local = $first . '_' . mt_rand(1950, 2005);
            }
        }
        $email = $local . ($i % 7 === 0 ? '+' . $i : '') . '@' . $domain;

        $device = segment_bench_pick(['mobile' => 58, 'desktop' => 34, 'tablet' => 8]);

        $cartItems = segment_bench_rand() < 0.33 ? 1 + segment_bench_count($group === 'wholesale' ? 8.0 : 1.8) : 0;
        $cartTotal = 0.0;
        for ($k = 0; $k < $cartItems; $k++) {
            $cartTotal += round(exp(3.1 + 0.8 * segment_bench_gauss()), 2);
        }
        $cartTotal = round($cartTotal, 2);

        $visits = segment_bench_count($cartItems > 0 ? 7.0 : 3.0) + ($group === 'vip' ? mt_rand(0, 10) : 0);

        $tags = [];
        $nTags = min(6, segment_bench_count(1.6));
        for ($k = 0; $k < $nTags; $k++) {
            $t = segment_bench_pick($interests);
            if (!in_array($t, $tags, true)) {
                $tags[] = $t;
            }
        }

        $out[] = [
            'orders_count' => $orders,
            'total_spent' => $spent,
            'last_order_at' => $lastOrder,
            'country' => $country,
            'age' => $age,
            'email' => $email,
            'newsletter' => segment_bench_rand() < 0.45,
            'device' => $device,
            'visits_30d' => $visits,
            'interests' => $tags,
            'cart' => ['total' => $cartTotal, 'items' => $cartItems],
            'created_at' => gmdate('Y-m-d H:i:s', $created),
            'group' => $group,
        ];
    }

    return $out;
}

if (PHP_SAPI === 'cli' && realpath($_SERVER['SCRIPT_FILENAME'] ?? '') === __FILE__) {
    $n = (int) ($argv[1] ?? 10);
    echo json_encode(segment_bench_customers($n), JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION), "\n";
}
