<?php

/**
 * Set-up of the per-request benchmark: a shop's model and a day of requests.
 *
 *   php -d extension=segment.so bench/request/setup.php DIR
 *
 * DIR/model.json      Segment\Model: the 20 rules of rules.php, RFM (pandas
 *                     method, 5 bins) and k-means (k = 8) fitted on 20,000
 *                     generated orders of 3,000 customers
 * DIR/plain-model.php the same model as a PHP array (what a plain-PHP shop
 *                     would cache: var_export'ed, kept by opcache)
 * DIR/requests.php    2,000 requests: $_SERVER, $_COOKIE, $_GET as PHP sees
 *                     them (real User-Agent and referrer strings), the
 *                     stored profile or null (guests), and what a module
 *                     adds (cart, pages viewed)
 */

declare(strict_types=1);

$dir = $argv[1] ?? exit("usage: setup.php DIR\n");
@mkdir($dir, 0777, true);
mt_srand(20261121, MT_RAND_MT19937);
$rand = static fn(): float => mt_rand() / mt_getrandmax();

// orders: a few loyal customers, many one-off ones, spend log-normal-ish
$csv = "$dir/orders.csv";
$f = fopen($csv, 'w');
fwrite($f, "order,customer,date,amount\n");
$ref = strtotime('2026-11-01 00:00:00 UTC');
for ($i = 0; $i < 20000; $i++) {
    $c = (int) floor(3000 * $rand() ** 2.2) + 1;
    $t = $ref - (int) (730 * 86400 * $rand() ** 1.3);
    fprintf($f, "%d,c%d,%s,%.2f\n", $i, $c, gmdate('Y-m-d H:i:s', $t), exp(3.3 + 0.9 * ($rand() + $rand() + $rand() - 1.5)));
}
fclose($f);
$profiles = Segment\Profiles::fromCsv($csv, ['customer' => 'customer', 'order' => 'order', 'date' => 'date',
    'amount' => 'amount', 'reference' => '2026-11-01 00:00:00']);
$rfm = Segment\Rfm::fit($profiles);
$km = Segment\KMeans::fit($profiles, 8, ['seed' => 1]);
$rules = require __DIR__ . '/rules.php';
$model = Segment\Model::build(array_map(fn($r) => array_intersect_key($r, ['code' => 1, 'priority' => 1, 'rule' => 1]), $rules),
    $rfm, $km, ['version' => 'bench-1']);
$model->save("$dir/model.json");

// the plain-PHP copy of the same model
$doc = $model->toArray();
$plain = [
    'version' => $doc['model_version'],
    'rfm' => ['bins' => $doc['rfm']['bins'], 'thresholds' => $doc['rfm']['thresholds'], 'maps' => $doc['rfm']['maps']],
    'kmeans' => [
        'features' => $doc['kmeans']['features'],
        'centroids' => array_map(fn($c) => $c['scaled'], $doc['kmeans']['clusters']),
        'names' => array_map(fn($c) => $c['name'], $doc['kmeans']['clusters']),
    ],
    'rules' => array_map(fn($r) => ['code' => $r['code'], 'priority' => $r['priority'], 'symfony' => $r['symfony']], $rules),
];
file_put_contents("$dir/plain-model.php", "<?php\nreturn " . var_export($plain, true) . ";\n");

// requests
$agents = [
    ['mobile', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'],
    ['mobile', 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.122 Mobile Safari/537.36'],
    ['mobile', 'Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36'],
    ['tablet', 'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1'],
    ['tablet', 'Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'],
    ['desktop', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'],
    ['desktop', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15'],
    ['desktop', 'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0'],
    ['desktop', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0'],
    ['bot', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
];
$sources = [ // [referer, query]
    ['', []], ['', []], ['https://www.google.com/', []], ['https://www.google.fr/', []],
    ['https://www.bing.com/search?q=shoes', []], ['https://duckduckgo.com/', []],
    ['https://www.google.com/', ['gclid' => 'Cj0KCQjw']], ['', ['utm_source' => 'google', 'utm_medium' => 'cpc', 'utm_campaign' => 'brand']],
    ['https://l.facebook.com/', []], ['https://t.co/abc', []], ['https://www.instagram.com/', []],
    ['', ['utm_source' => 'newsletter', 'utm_medium' => 'email', 'utm_campaign' => 'nov']],
    ['', ['utm_source' => 'partner', 'utm_medium' => 'affiliate', 'utm_campaign' => 'winter']],
    ['https://blog.example.org/best-shoes', []], ['https://shop.example.com/category/shoes', []],
];
$pages = ['/', '/sale/winter', '/sale', '/category/shoes', '/product/123-red-shoe', '/cart', '/sale/shoes?size=42'];
$langs = ['fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7', 'en-US,en;q=0.9', 'de-DE,de;q=0.9,en;q=0.5', 'fr-BE,fr;q=0.8', 'es-ES,es;q=0.9', ''];
$ids = array_keys(iterator_to_array($profiles));
$requests = [];
for ($i = 0; $i < 2000; $i++) {
    [$referer, $query] = $sources[mt_rand(0, count($sources) - 1)];
    $page = $pages[mt_rand(0, count($pages) - 1)];
    $uri = $page . ($query ? (str_contains($page, '?') ? '&' : '?') . http_build_query($query) : '');
    $server = [
        'HTTP_HOST' => 'shop.example.com', 'SERVER_NAME' => 'shop.example.com', 'HTTPS' => 'on',
        'REQUEST_METHOD' => 'GET', 'REQUEST_URI' => $uri, 'SCRIPT_NAME' => '/index.php',
        'HTTP_USER_AGENT' => $agents[mt_rand(0, count($agents) - 1)][1],
        'HTTP_ACCEPT' => 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
        'HTTP_ACCEPT_LANGUAGE' => $langs[mt_rand(0, count($langs) - 1)],
        'HTTP_ACCEPT_ENCODING' => 'gzip, deflate, br', 'REMOTE_ADDR' => '203.0.113.' . mt_rand(1, 254),
        'REQUEST_TIME' => $ref + 86400 * mt_rand(0, 20) + mt_rand(0, 86399),
    ];
    $server['REQUEST_TIME_FLOAT'] = $server['REQUEST_TIME'] + 0.25;
    if ($referer !== '') $server['HTTP_REFERER'] = $referer;
    parse_str((string) parse_url($uri, PHP_URL_QUERY), $get);
    $cookie = mt_rand(0, 2) ? ['PHPSESSID' => sprintf('%016x', mt_rand() << 31 | mt_rand())] : [];
    if (mt_rand(0, 1)) $cookie['seg_visitor'] = '1';
    $guest = mt_rand(0, 99) < 35;
    $profile = $guest ? null : $profiles->get($ids[mt_rand(0, count($ids) - 1)])
        + ['country' => ['FR', 'DE', 'BE', 'US', 'ES'][mt_rand(0, 4)], 'newsletter' => (bool) mt_rand(0, 1)];
    $items = mt_rand(0, 3) ? 0 : mt_rand(1, 5);
    $extra = ['cart_total' => $items ? round(mt_rand(500, 40000) / 100, 2) : 0.0, 'cart_items' => $items,
              'pages_viewed' => mt_rand(1, 12)];
    $requests[] = ['server' => $server, 'cookie' => $cookie, 'get' => $get, 'profile' => $profile, 'extra' => $extra];
}
// In the order a worker sees them: time only moves forward on a server (the
// requests span 21 days; ext.php --shuffled times them in random order).
usort($requests, fn($a, $b) => $a['server']['REQUEST_TIME_FLOAT'] <=> $b['server']['REQUEST_TIME_FLOAT']);
file_put_contents("$dir/requests.php", "<?php\nreturn " . var_export($requests, true) . ";\n");
printf("%d customers, %d requests, model %s\n", count($ids), count($requests), $model->version());
