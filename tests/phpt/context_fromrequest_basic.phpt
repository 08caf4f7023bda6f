--TEST--
Segment\Context::fromRequest(): whole $_SERVER, $_COOKIE and $_GET arrays of real requests
--EXTENSIONS--
segment
--FILE--
<?php
// php-fpm behind nginx fills $_SERVER like this; only a few keys matter.
function server(array $http, string $uri): array
{
    return $http + [
        'USER' => 'www-data', 'HOME' => '/var/www', 'HTTP_ACCEPT' => 'text/html,*/*;q=0.8',
        'HTTP_ACCEPT_ENCODING' => 'gzip, deflate, br', 'HTTP_CONNECTION' => 'keep-alive',
        'SCRIPT_FILENAME' => '/var/www/shop/index.php', 'REDIRECT_STATUS' => '200',
        'SERVER_NAME' => 'shop.example', 'SERVER_PORT' => '443', 'SERVER_ADDR' => '10.0.0.5',
        'REMOTE_PORT' => '52114', 'REMOTE_ADDR' => '203.0.113.7', 'SERVER_SOFTWARE' => 'nginx/1.22.1',
        'GATEWAY_INTERFACE' => 'CGI/1.1', 'HTTPS' => 'on', 'REQUEST_SCHEME' => 'https',
        'SERVER_PROTOCOL' => 'HTTP/2.0', 'DOCUMENT_ROOT' => '/var/www/shop', 'DOCUMENT_URI' => '/index.php',
        'REQUEST_URI' => $uri, 'SCRIPT_NAME' => '/index.php', 'REQUEST_METHOD' => 'GET',
        'QUERY_STRING' => (string)parse_url($uri, PHP_URL_QUERY), 'PHP_SELF' => '/index.php',
        'REQUEST_TIME_FLOAT' => 1790000000.5, 'REQUEST_TIME' => 1790000000, 'argv' => [], 'argc' => 0,
    ];
}
function get(string $uri): array
{
    parse_str((string)parse_url($uri, PHP_URL_QUERY), $q);
    return $q;
}
function show(string $label, Segment\Context $c): void
{
    $a = $c->toArray();
    unset($a['month'], $a['weekday'], $a['hour']);
    echo $label, ":\n";
    foreach ($a as $k => $v) echo '  ', $k, ' = ', json_encode($v, JSON_UNESCAPED_SLASHES), "\n";
}
$opts = ['timezone' => 'UTC'];

// An iPhone, from a link in an Instagram story (Instagram adds fbclid), back for a second visit.
$uri = '/fr/robes-ete?fbclid=PAZXh0bgNhZW0CMTEAAaZ';
show('instagram', Segment\Context::fromRequest(server([
    'HTTP_USER_AGENT' => 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 302.0.0.23.114 (iPhone14,2; iOS 17_0; fr_FR; fr; scale=3.00; 1170x2532; 522797009)',
    'HTTP_REFERER' => 'https://l.instagram.com/',
    'HTTP_ACCEPT_LANGUAGE' => 'fr-FR,fr;q=0.9',
    'HTTP_HOST' => 'shop.example',
], $uri), ['PHPSESSID' => 'abc', 'seg_visitor' => '4f1c9e2a'], get($uri), $opts));

// Chrome on Windows, a Google Ads click: auto-tagging (gclid) plus the shop's own utm tags.
$uri = '/collections/running?utm_source=google&utm_medium=cpc&utm_campaign=winter-sale&utm_term=running+shoes&gclid=Cj0KCQiA';
show('google ads', Segment\Context::fromRequest(server([
    'HTTP_USER_AGENT' => 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    'HTTP_REFERER' => 'https://www.google.com/',
    'HTTP_ACCEPT_LANGUAGE' => 'en-GB,en;q=0.9,de;q=0.5',
    'HTTP_SEC_CH_UA_MOBILE' => '?0',
    'HTTP_HOST' => 'shop.example',
], $uri), [], get($uri), $opts));

// Googlebot (smartphone) crawling: no referrer, no cookie, no Accept-Language.
$uri = '/p/trail-runner-3';
show('googlebot', Segment\Context::fromRequest(server([
    'HTTP_USER_AGENT' => 'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.129 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    'HTTP_HOST' => 'shop.example',
], $uri), [], get($uri), $opts));

// A Galaxy Tab, from the newsletter opened in the Gmail app.
$uri = '/de/sale?utm_source=newsletter&utm_medium=email&utm_campaign=2026-11';
show('newsletter', Segment\Context::fromRequest(server([
    'HTTP_USER_AGENT' => 'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36',
    'HTTP_REFERER' => 'android-app://com.google.android.gm/',
    'HTTP_ACCEPT_LANGUAGE' => 'de-DE,de;q=0.9,en;q=0.8',
    'HTTP_HOST' => 'shop.example',
], $uri), ['seg_visitor' => ''], get($uri), $opts));

// Safari on a Mac (or an iPad asking for the desktop site), from Bing.
$uri = '/';
show('bing', Segment\Context::fromRequest(server([
    'HTTP_USER_AGENT' => 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
    'HTTP_REFERER' => 'https://www.bing.com/search?q=trail+shoes',
    'HTTP_ACCEPT_LANGUAGE' => 'nl-BE, fr-BE;q=0.7, *;q=0.1',
    'HTTP_HOST' => 'shop.example',
], $uri), [], [], $opts));

// Internal navigation (HTTP_HOST with www. and a port), and a return from the payment page.
$uri = '/checkout/done?order=1042';
$ua = 'Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0';
$c = Segment\Context::fromRequest(server(['HTTP_USER_AGENT' => $ua, 'HTTP_REFERER' => 'https://shop.example/cart',
    'HTTP_HOST' => 'www.shop.example:443'], $uri), [], get($uri), $opts);
echo 'internal: ', $c->get('traffic_source'), ' from ', $c->get('referrer_host'), ', landing ', $c->get('landing_page'), "\n";
$s = server(['HTTP_USER_AGENT' => $ua, 'HTTP_REFERER' => 'https://checkout.pay.example.net/return', 'HTTP_HOST' => 'shop.example'], $uri);
echo 'payment, not own: ', Segment\Context::fromRequest($s, [], [], $opts)->get('traffic_source'), "\n";
echo 'payment, own: ', Segment\Context::fromRequest($s, [], [], $opts + ['own_hosts' => ['pay.example.net']])->get('traffic_source'), "\n";
// Without HTTP_HOST, SERVER_NAME names the shop.
$s = server(['HTTP_USER_AGENT' => $ua, 'HTTP_REFERER' => 'https://shop.example/'], $uri);
echo 'SERVER_NAME: ', Segment\Context::fromRequest($s, [], [], $opts)->get('traffic_source'), "\n";

// Client hints: Chrome on a phone says Sec-CH-UA-Mobile: ?1.
$s = server(['HTTP_USER_AGENT' => 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    'HTTP_SEC_CH_UA_MOBILE' => '?1'], '/');
echo 'hint ?1: ', Segment\Context::fromRequest($s)->get('device'), "\n";
$s['HTTP_SEC_CH_UA_MOBILE'] = '?0';
echo 'hint ?0: ', Segment\Context::fromRequest($s)->get('device'), "\n";

// The visitor cookie's name is an option (the modules set it).
$s = server(['HTTP_USER_AGENT' => $ua], '/');
echo 'cookie option: ', Segment\Context::fromRequest($s, ['shop_seen' => '1'], [], ['visitor_cookie' => 'shop_seen'])->get('visitor'),
    ', default name: ', Segment\Context::fromRequest($s, ['shop_seen' => '1'])->get('visitor'), "\n";

// Nothing at all: no User-Agent is a bot (every browser sends one).
$a = Segment\Context::fromRequest([])->toArray();
unset($a['month'], $a['weekday'], $a['hour']);
echo 'empty: ', json_encode($a), "\n";
// Keys of the wrong type are ignored like missing ones.
$a = Segment\Context::fromRequest(['HTTP_USER_AGENT' => 42, 'HTTP_REFERER' => ['x'], 'REQUEST_URI' => null,
    'HTTP_ACCEPT_LANGUAGE' => 1.5], ['seg_visitor' => ['x']], ['utm_source' => ['a'], 'gclid' => 7, 5 => 'x'])->toArray();
unset($a['month'], $a['weekday'], $a['hour']);
echo 'wrong types: ', json_encode($a), "\n";
?>
--EXPECT--
instagram:
  device = "mobile"
  is_bot = false
  bot_name = null
  traffic_source = "social"
  referrer_host = "l.instagram.com"
  search_engine = null
  social_network = "Instagram"
  utm_source = null
  utm_medium = null
  utm_campaign = null
  utm_term = null
  utm_content = null
  landing_page = "/fr/robes-ete"
  visitor = "returning"
  returning = true
  language = "fr"
  languages = ["fr"]
google ads:
  device = "desktop"
  is_bot = false
  bot_name = null
  traffic_source = "paid_search"
  referrer_host = "google.com"
  search_engine = "Google"
  social_network = null
  utm_source = "google"
  utm_medium = "cpc"
  utm_campaign = "winter-sale"
  utm_term = "running shoes"
  utm_content = null
  landing_page = "/collections/running"
  visitor = "new"
  returning = false
  language = "en"
  languages = ["en","de"]
googlebot:
  device = "bot"
  is_bot = true
  bot_name = "Googlebot"
  traffic_source = "direct"
  referrer_host = null
  search_engine = null
  social_network = null
  utm_source = null
  utm_medium = null
  utm_campaign = null
  utm_term = null
  utm_content = null
  landing_page = "/p/trail-runner-3"
  visitor = "new"
  returning = false
  language = null
  languages = []
newsletter:
  device = "tablet"
  is_bot = false
  bot_name = null
  traffic_source = "email"
  referrer_host = "com.google.android.gm"
  search_engine = null
  social_network = null
  utm_source = "newsletter"
  utm_medium = "email"
  utm_campaign = "2026-11"
  utm_term = null
  utm_content = null
  landing_page = "/de/sale"
  visitor = "new"
  returning = false
  language = "de"
  languages = ["de","en"]
bing:
  device = "desktop"
  is_bot = false
  bot_name = null
  traffic_source = "organic_search"
  referrer_host = "bing.com"
  search_engine = "Bing"
  social_network = null
  utm_source = null
  utm_medium = null
  utm_campaign = null
  utm_term = null
  utm_content = null
  landing_page = "/"
  visitor = "new"
  returning = false
  language = "nl"
  languages = ["nl","fr"]
internal: direct from shop.example, landing /checkout/done
payment, not own: referral
payment, own: direct
SERVER_NAME: direct
hint ?1: mobile
hint ?0: tablet
cookie option: returning, default name: new
empty: {"device":"bot","is_bot":true,"bot_name":null,"traffic_source":"direct","referrer_host":null,"search_engine":null,"social_network":null,"utm_source":null,"utm_medium":null,"utm_campaign":null,"utm_term":null,"utm_content":null,"landing_page":"\/","visitor":"new","returning":false,"language":null,"languages":[]}
wrong types: {"device":"bot","is_bot":true,"bot_name":null,"traffic_source":"direct","referrer_host":null,"search_engine":null,"social_network":null,"utm_source":null,"utm_medium":null,"utm_campaign":null,"utm_term":null,"utm_content":null,"landing_page":"\/","visitor":"new","returning":false,"language":null,"languages":[]}
