--TEST--
Segment\Context: traffic source and bot name through $_GET, $_SERVER and the options (table)
--EXTENSIONS--
segment
--FILE--
<?php
$chrome = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
$cases = [
    // [referrer, $_GET, options, expected source / network / referrer_host]
    ['https://www.facebook.com/', [], [], 'social Facebook facebook.com'],
    ['https://l.facebook.com/l.php', ['fbclid' => 'IwAR2'], [], 'social Facebook l.facebook.com'],
    [null, ['fbclid' => 'IwAR2'], [], 'social Facebook -'],
    [null, ['utm_source' => 'Facebook', 'utm_medium' => 'Paid_Social', 'utm_campaign' => 'BF'], [], 'social Facebook -'],
    [null, ['utm_source' => 'ig', 'utm_medium' => 'cpc'], [], 'social Instagram -'],
    [null, ['utm_source' => 'bing', 'utm_medium' => 'cpc', 'msclkid' => 'a1'], [], 'paid_search Bing -'],
    [null, ['gclid' => 'x', 'utm_source' => 'newsletter', 'utm_medium' => 'email'], [], 'paid_search Google -'],
    ['https://www.google.de/', ['page' => '2', 'sort' => 'price'], [], 'organic_search Google google.de'],
    ['https://duckduckgo.com/', ['q' => 'shoes'], [], 'organic_search DuckDuckGo duckduckgo.com'],
    ['https://mail.yahoo.com/d/folders/1', [], [], 'email - mail.yahoo.com'],
    ['https://news.ycombinator.com/item?id=1', [], [], 'referral - news.ycombinator.com'],
    [null, ['utm_campaign' => 'spring'], [], 'campaign - -'],
    [null, ['utm_source' => 'partner-blog', 'utm_medium' => 'referral'], [], 'referral - -'],
    // Only exact keys count, as analytics tools read them; empty and non-string values are absent.
    [null, ['UTM_SOURCE' => 'x', 'Gclid' => 'y'], [], 'direct - -'],
    [null, ['gclid' => '', 'fbclid' => ['a'], 'utm_source' => 7, 0 => 'utm_source'], [], 'direct - -'],
    // Own hosts: HTTP_HOST exactly, own_hosts with their subdomains, case, "www." and ports ignored.
    ['https://shop.example/cart', [], [], 'direct - shop.example'],
    ['https://blog.shop.example/', [], [], 'referral - blog.shop.example'],
    ['https://blog.shop.example/', [], ['own_hosts' => ['Shop.Example']], 'direct - blog.shop.example'],
    ['https://www.paypal.com/checkoutnow', [], ['own_hosts' => ['www.paypal.com:443']], 'direct - paypal.com'],
    ['https://paypal.com.evil.example/', [], ['own_hosts' => ['paypal.com']], 'referral - paypal.com.evil.example'],
];
foreach ($cases as [$ref, $get, $opts, $want]) {
    $server = ['HTTP_USER_AGENT' => $chrome, 'HTTP_HOST' => 'shop.example'];
    if ($ref !== null) $server['HTTP_REFERER'] = $ref;
    $a = Segment\Context::fromRequest($server, [], $get, $opts)->toArray();
    $got = $a['traffic_source'] . ' ' . ($a['search_engine'] ?? $a['social_network'] ?? '-') . ' ' . ($a['referrer_host'] ?? '-');
    echo $got === $want ? 'ok  ' : 'BAD ', ($ref ?? '(no referrer)'), ' ', json_encode($get), ': ', $got, "\n";
}

// utm_* values are the query's own strings, untouched (not trimmed, not lowercased).
$utm = ['utm_source' => ' Newsletter ', 'utm_medium' => 'E-Mail', 'utm_campaign' => 'Été 2026', 'utm_term' => 'a&b',
    'utm_content' => str_repeat('x', 5000)];
$a = Segment\Context::fromRequest([], [], $utm)->toArray();
echo $a['traffic_source'], ' ', json_encode(array_slice($a, 7, 4), JSON_UNESCAPED_UNICODE), ' ', strlen($a['utm_content']), "\n";
// Values that are references are read through.
$src = 'facebook';
$get = ['utm_source' => &$src];
echo Segment\Context::fromRequest([], [], $get)->get('social_network'), "\n";

// Bot names: canonical for known bots, the word itself for others.
foreach ([
    'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
    'Mozilla/5.0 (compatible; SuperShopBot/1.2; +https://example.com/bot)',
    'price-spider/3.1',
    'Mozilla/5.0 (compatible; +http://example.com/about-our-fetching)',
    'Python-urllib/3.11',
    '',
] as $ua) {
    $c = Segment\Context::fromRequest(['HTTP_USER_AGENT' => $ua]);
    echo json_encode([$c->get('device'), $c->get('is_bot'), $c->get('bot_name')]), "\n";
}
?>
--EXPECT--
ok  https://www.facebook.com/ []: social Facebook facebook.com
ok  https://l.facebook.com/l.php {"fbclid":"IwAR2"}: social Facebook l.facebook.com
ok  (no referrer) {"fbclid":"IwAR2"}: social Facebook -
ok  (no referrer) {"utm_source":"Facebook","utm_medium":"Paid_Social","utm_campaign":"BF"}: social Facebook -
ok  (no referrer) {"utm_source":"ig","utm_medium":"cpc"}: social Instagram -
ok  (no referrer) {"utm_source":"bing","utm_medium":"cpc","msclkid":"a1"}: paid_search Bing -
ok  (no referrer) {"gclid":"x","utm_source":"newsletter","utm_medium":"email"}: paid_search Google -
ok  https://www.google.de/ {"page":"2","sort":"price"}: organic_search Google google.de
ok  https://duckduckgo.com/ {"q":"shoes"}: organic_search DuckDuckGo duckduckgo.com
ok  https://mail.yahoo.com/d/folders/1 []: email - mail.yahoo.com
ok  https://news.ycombinator.com/item?id=1 []: referral - news.ycombinator.com
ok  (no referrer) {"utm_campaign":"spring"}: campaign - -
ok  (no referrer) {"utm_source":"partner-blog","utm_medium":"referral"}: referral - -
ok  (no referrer) {"UTM_SOURCE":"x","Gclid":"y"}: direct - -
ok  (no referrer) {"gclid":"","fbclid":["a"],"utm_source":7,"0":"utm_source"}: direct - -
ok  https://shop.example/cart []: direct - shop.example
ok  https://blog.shop.example/ []: referral - blog.shop.example
ok  https://blog.shop.example/ []: direct - blog.shop.example
ok  https://www.paypal.com/checkoutnow []: direct - paypal.com
ok  https://paypal.com.evil.example/ []: referral - paypal.com.evil.example
email {"utm_source":" Newsletter ","utm_medium":"E-Mail","utm_campaign":"Été 2026","utm_term":"a&b"} 5000
Facebook
["bot",true,"Bingbot"]
["bot",true,"SuperShopBot"]
["bot",true,"price-spider"]
["bot",true,null]
["bot",true,"Python-urllib"]
["bot",true,null]
