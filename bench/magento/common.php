<?php

/**
 * Shared by setup.php and bench.php: the module's classes (PSR-4, as
 * Magento's autoloader maps app/code/Segment/CustomerSegment) and the
 * doubles of Magento's framework classes from module-magento/Test/Doubles,
 * the database, the shop's segment definitions and the generated requests.
 */

declare(strict_types=1);

const MB_DB = 'seg_mgbench';
const MB_WEBSITE = 1;
const MB_HOST = 'shop.test';

$mbModule = dirname(__DIR__, 2) . '/module-magento';
spl_autoload_register(static function (string $class) use ($mbModule): void {
    $prefix = 'Segment\\CustomerSegment\\';
    if (str_starts_with($class, $prefix)) {
        $file = "$mbModule/" . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
        if (is_file($file)) {
            require $file;
        }
    }
});
require "$mbModule/Test/Doubles/magento.php";
date_default_timezone_set('UTC'); // as Magento's bootstrap does

if (!extension_loaded('segment')) {
    fwrite(STDERR, "the segment extension is not loaded (php -d extension=.../segment.so)\n");
    exit(1);
}

function mb_socket(): string
{
    $s = getenv('SEG_MYSQL_SOCKET');
    if (!$s) {
        fwrite(STDERR, "SEG_MYSQL_SOCKET is not set (bench/magento/run.sh starts a server and sets it)\n");
        exit(1);
    }
    return $s;
}

/** A PDO on the bench database as the server's root over its Unix socket (the module's tests connect the same way). */
function mb_pdo(bool $withDb = true): \PDO
{
    return new \PDO('mysql:unix_socket=' . mb_socket() . ($withDb ? ';dbname=' . MB_DB : '') . ';charset=utf8mb4', 'root', '', [
        \PDO::ATTR_ERRMODE => \PDO::ERRMODE_EXCEPTION,
    ]);
}

/** The module's var/ directory of the bench (model files). */
function mb_var_dir(): string
{
    return (getenv('MAGENTO_BENCH_DIR') ?: sys_get_temp_dir() . '/segment-magento-bench') . '/magento';
}

/** Configuration of the bench's website: RFM (rf11) and 4 clusters, as an admin would set it. */
function mb_config(): \Magento\Framework\App\Config\ArrayConfig
{
    return new \Magento\Framework\App\Config\ArrayConfig([
        'customer_segment/rfm/enabled' => '1', 'customer_segment/rfm/bins' => '5', 'customer_segment/rfm/map' => 'rf11',
        'customer_segment/clustering/enabled' => '1', 'customer_segment/clustering/clusters' => '4',
        'customer_segment/clustering/features' => 'recency,frequency,monetary',
        'customer_segment/orders/cancelled_states' => 'canceled,closed',
    ]);
}

/**
 * The shop's segments: stored profile, RFM, clusters and live context
 * (device, traffic source, cart, store), 14 rules as a merchant might write.
 */
const MB_RULES = [
    ['vip', 'VIP', 'monetary >= 1500', 100],
    ['champions', 'Champions', 'rfm.segment == "Champions"', 95],
    ['at_risk', 'At risk', 'rfm.segment in ("At Risk", "Cannot Lose Them")', 90],
    ['repeat', 'Repeat buyers', 'orders >= 3 and days_since(last_order_at) <= 365', 80],
    ['lapsing', 'Lapsing', 'orders >= 1 and days_since(last_order_at) between 181 and 540', 70],
    ['cluster_a', 'Cluster A', 'cluster == 0', 60],
    ['newcomer', 'Registered, no order', 'visitor_type == "registered"', 50],
    ['french', 'French customers', 'country == "FR"', 40],
    ['mobile_guest', 'Mobile guests', 'visitor_type == "guest" and device == "mobile"', 30],
    ['from_ads', 'From paid search', 'traffic_source == "paid_search"', 25],
    ['social', 'From social networks', 'traffic_source == "social"', 20],
    ['newsletter', 'Newsletter campaign', 'utm_medium == "email" or traffic_source == "email"', 15],
    ['big_cart', 'Big cart', 'cart_total >= 200', 10],
    ['cart_abandon_risk', 'Cart, customer not seen for long', 'cart_items > 0 and logged_in and orders >= 1 and days_since(last_order_at) > 120', 5],
];

const MB_UA = [
    'desktop_chrome' => 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    'desktop_firefox' => 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
    'mac_safari' => 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
    'iphone' => 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
    'android' => 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
    'ipad' => 'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
    'googlebot' => 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
];

/** How a visit arrives: referrer and query of its first page. */
const MB_ARRIVALS = [
    ['direct', null, []],
    ['google', 'https://www.google.com/', []],
    ['bing', 'https://www.bing.com/search?q=shoes', []],
    ['google_ads', 'https://www.google.com/', ['gclid' => 'EAIaIQobChMI']],
    ['facebook', 'https://m.facebook.com/', ['fbclid' => 'IwAR0x']],
    ['newsletter', null, ['utm_source' => 'newsletter', 'utm_medium' => 'email', 'utm_campaign' => 'spring']],
    ['blog', 'https://blog.example.org/best-shoes-2024', []],
];

const MB_PAGES = ['/', '/women/shoes.html', '/men.html', '/sale.html', '/catalogsearch/result/?q=boots',
    '/checkout/cart/', '/running-shoe-x.html', '/customer/account/'];

/**
 * The N simulated storefront requests, deterministic (seed): visits of 1 to
 * 6 pages; per visit one visitor (45 % guests, 40 % customers with orders,
 * 15 % registered customers without an order), one User-Agent, one arrival
 * (referrer / campaign query on the first page, the shop itself as referrer
 * on the next ones), a cart on some pages. Customers are drawn from the ids
 * setup.php wrote (bench.php reads them back with SQL).
 *
 * @param list<int> $buyers  customer ids with orders
 * @param list<int> $noOrder customer ids without an order
 * @return list<array{visit: int, page: int, customer: ?int, ua: string, referer: ?string, query: array, uri: string, cookie: string, lang: string, cart: ?array}>
 */
function mb_requests(int $n, array $buyers, array $noOrder, int $seed = 20240818): array
{
    mt_srand($seed);
    $uaKeys = array_keys(MB_UA);
    $uaWeights = [30, 10, 10, 25, 15, 6, 4];
    $pick = static function (array $weights): int {
        $r = mt_rand(1, array_sum($weights));
        foreach ($weights as $i => $w) {
            if (($r -= $w) <= 0) {
                return $i;
            }
        }
        return 0;
    };
    $out = [];
    $visit = 0;
    while (count($out) < $n) {
        $visit++;
        $kind = mt_rand(1, 100);
        $customer = $kind <= 45 ? null : ($kind <= 85 ? $buyers[mt_rand(0, count($buyers) - 1)] : $noOrder[mt_rand(0, count($noOrder) - 1)]);
        $ua = MB_UA[$uaKeys[$pick($uaWeights)]];
        [, $referer, $query] = MB_ARRIVALS[$pick([35, 25, 5, 12, 8, 8, 7])];
        $pages = mt_rand(1, 6);
        $cookie = sprintf('%016x', mt_rand() << 20 ^ mt_rand());
        $lang = ['fr-FR,fr;q=0.9,en;q=0.8', 'en-GB,en;q=0.9', 'de-DE,de;q=0.9', 'en-US,en;q=0.9'][mt_rand(0, 3)];
        $cartFrom = mt_rand(1, 100) <= 35 ? mt_rand(1, $pages) : 99;
        for ($p = 1; $p <= $pages && count($out) < $n; $p++) {
            $uri = MB_PAGES[mt_rand(0, count(MB_PAGES) - 1)];
            $cart = null;
            if ($p >= $cartFrom) {
                $cart = ['total' => round(mt_rand(900, 45000) / 100, 2), 'items' => mt_rand(1, 5), 'qty' => (float) mt_rand(1, 8),
                    'country' => mt_rand(1, 3) === 1 ? ['FR', 'DE', 'GB', 'US'][mt_rand(0, 3)] : null];
            }
            $out[] = [
                'visit' => $visit, 'page' => $p, 'customer' => $customer, 'ua' => $ua,
                'referer' => $p === 1 ? $referer : 'https://' . MB_HOST . MB_PAGES[mt_rand(0, count(MB_PAGES) - 1)],
                'query' => $p === 1 ? $query : [], 'uri' => $uri, 'cookie' => $cookie, 'lang' => $lang, 'cart' => $cart,
            ];
        }
    }
    return $out;
}

/** $_SERVER of a generated request, as PHP-FPM behind nginx would fill it. */
function mb_server(array $r, int $time): array
{
    $s = [
        'REQUEST_METHOD' => 'GET', 'HTTP_HOST' => MB_HOST, 'SERVER_NAME' => MB_HOST, 'HTTPS' => 'on', 'SERVER_PORT' => '443',
        'REQUEST_URI' => $r['uri'] . ($r['query'] ? (str_contains($r['uri'], '?') ? '&' : '?') . http_build_query($r['query']) : ''),
        'HTTP_USER_AGENT' => $r['ua'], 'HTTP_ACCEPT_LANGUAGE' => $r['lang'],
        'HTTP_ACCEPT' => 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
        'REMOTE_ADDR' => '203.0.113.' . ($r['visit'] % 250 + 1), 'REQUEST_TIME' => $time, 'REQUEST_TIME_FLOAT' => (float) $time,
    ];
    if ($r['referer'] !== null) {
        $s['HTTP_REFERER'] = $r['referer'];
    }
    return $s;
}
