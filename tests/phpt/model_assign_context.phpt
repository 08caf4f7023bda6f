--TEST--
Segment\Model::assign() with a Segment\Context gives what it gives with the context's toArray(): order, clashes with the profile, with() additions and replacements, references
--EXTENSIONS--
segment
--FILE--
<?php
$server = [
    'HTTP_USER_AGENT' => 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
    'HTTP_REFERER' => 'https://www.google.fr/',
    'HTTP_HOST' => 'shop.example',
    'HTTP_ACCEPT_LANGUAGE' => 'fr-CH, fr;q=0.9, en;q=0.8',
    'REQUEST_URI' => '/sale/shoes?utm_source=news',
    'REQUEST_TIME' => 1790078400,
];
$model = Segment\Model::build([
    ['code' => 'mobile_fr', 'rule' => 'device == "mobile" and language == "fr"', 'priority' => 3],
    ['code' => 'cart', 'rule' => 'cart_total >= 100', 'priority' => 2],
    ['code' => 'tablet', 'rule' => 'device == "tablet"', 'priority' => 1],
    ['code' => 'shop_device', 'rule' => 'device == "shop"'],
], null, null, ['version' => 't1']);

$base = Segment\Context::fromRequest($server, ['seg_visitor' => '1'], ['utm_source' => 'news'], ['timezone' => 'UTC']);
$contexts = [
    'plain' => $base,
    'with additions' => $base->with(['cart_total' => 120.0, 'pages_viewed' => 3]),
    'replacing device' => $base->with(['cart_total' => 120.0])->with(['device' => 'tablet', 'zz' => [1, 2]]),
    'replacing twice' => $base->with(['device' => 'tablet'])->with(['device' => 'shop', 'cart_total' => 5]),
];
$n = 1;
$ref = 7;
$profiles = [
    'guest' => null,
    'empty' => [],
    'a customer' => ['orders' => 3, 'monetary' => 250.0, 'recency' => 12, 'country' => 'FR'],
    'clashing keys' => ['device' => 'from-profile', 'language' => 'de', 'cart_total' => 1, 'visitor_type' => 'x',
                        'rfm' => 'y', 'orders' => 0, 'zz' => 'p'],
    'int keys' => [5 => 'five', 'orders' => 1, 7 => 'seven'],
    'a list' => ['a', 'b'],
    'a reference' => ['orders' => &$ref, 'n' => &$n],
];
$same = 0;
foreach ($profiles as $pl => $profile) {
    foreach ($contexts as $cl => $ctx) {
        $fresh = clone $ctx;                       // its attribute array not built yet
        $got = $model->assign($profile, $fresh);
        $want = $model->assign($profile, $ctx->toArray());
        $again = $model->assign($profile, $ctx);   // after toArray() built it
        if ($got === $want && $again === $want) {
            $same++;
        } else {
            echo "$pl / $cl differs:\n", json_encode($got), "\n", json_encode($want), "\n";
        }
    }
}
echo "$same of ", count($profiles) * count($contexts), " the same\n";

$r = $model->assign($profiles['clashing keys'], $contexts['replacing device']);
echo 'keys: ', implode(',', array_keys($r['attributes'])), "\n";
echo 'device ', $r['attributes']['device'], ', language ', $r['attributes']['language'], ', cart_total ',
    $r['attributes']['cart_total'], ', zz ', json_encode($r['attributes']['zz']), ', visitor_type ',
    $r['attributes']['visitor_type'], ', segments ', json_encode($r['segments']), "\n";
$r = $model->assign(null, $contexts['replacing twice']);
echo 'replaced twice: ', $r['attributes']['device'], ' ', json_encode($r['segments']), "\n";

// references: as in any PHP array copy, one the caller still holds stays a
// reference in the attributes (as before: the profile was copied with
// zend_array_dup()); one only the profile held is copied as its value
$r = $model->assign($profiles['a reference'], $base);
$ref = 100;
echo 'reference: orders ', $r['attributes']['orders'], ', n ', $r['attributes']['n'], "\n";
?>
--EXPECT--
28 of 28 the same
keys: device,language,cart_total,visitor_type,rfm,orders,zz,is_bot,bot_name,traffic_source,referrer_host,search_engine,social_network,utm_source,utm_medium,utm_campaign,utm_term,utm_content,landing_page,visitor,returning,languages,month,weekday,hour,model_version,retention,cluster,cluster_name,cluster_distance
device tablet, language fr, cart_total 120, zz [1,2], visitor_type registered, segments ["cart","tablet"]
replaced twice: shop ["shop_device"]
reference: orders 100, n 1
