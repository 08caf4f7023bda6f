--TEST--
Segment\Model::segments() gives assign()'s segments, and throws what assign() throws, for every kind of profile and context
--EXTENSIONS--
segment
--FILE--
<?php
require __DIR__ . '/../model/fixture.inc';
$dir = sys_get_temp_dir() . '/segment-model-segments-' . getmypid();
[$profiles, $rfm, $km, $rules] = model_fixture($dir);

// Rules over every source of attributes: the profile (nested keys, lists,
// dates), the context's own attributes, with() additions, and the derived
// ones, including names that clash between them.
$rules = array_merge($rules, [
    ['code' => 'fr_speaker', 'rule' => '"fr" in languages and language == "fr"', 'priority' => 25],
    ['code' => 'googled', 'rule' => 'search_engine == "Google" and referrer_host ends with "google.fr"', 'priority' => 24],
    ['code' => 'sale_page', 'rule' => 'landing_page starts with "/sale" and visitor == "returning"', 'priority' => 23],
    ['code' => 'news', 'rule' => 'utm_source == "news" and hour >= 0 and month == 9 and weekday >= 1', 'priority' => 22],
    ['code' => 'in_paris', 'rule' => 'address.city == "Paris"', 'priority' => 21],
    ['code' => 'vip_tag', 'rule' => '"vip" in tags', 'priority' => 20],
    ['code' => 'signed_up_early', 'rule' => 'signed_up < "2026-01-01"', 'priority' => 19],
    ['code' => 'clash_device', 'rule' => 'device == "from-profile"', 'priority' => 18],
    ['code' => 'clash_type', 'rule' => 'visitor_type == "x" or rfm == "y" or model_version == "z"', 'priority' => 17],
    ['code' => 'bot', 'rule' => 'is_bot and bot_name == "Googlebot"', 'priority' => 16],
    ['code' => 'extra', 'rule' => 'zz == "p" or zz == 5 or n == 1', 'priority' => 15],
    ['code' => 'big_spender', 'rule' => 'monetary > 300 and orders >= 2', 'priority' => 14],
    ['code' => 'other_fields', 'rule' => 'returning == false and (social_network == "Facebook" or utm_medium == "email" '
        . 'or utm_campaign == "c" or utm_term == "t" or utm_content == "x" or device.kind == "k")', 'priority' => 13],
]);
$model = Segment\Model::build($rules, $rfm, $km, ['version' => 'seg-1']);
$bare = Segment\Model::build([['code' => 'mobile', 'rule' => 'device == "mobile"'], ['code' => 'any', 'rule' => 'true']]);

$server = [
    'HTTP_USER_AGENT' => 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
    'HTTP_REFERER' => 'https://www.google.fr/',
    'HTTP_HOST' => 'shop.example',
    'HTTP_ACCEPT_LANGUAGE' => 'fr-CH, fr;q=0.9, en;q=0.8',
    'REQUEST_URI' => '/sale/shoes?utm_source=news',
    'REQUEST_TIME' => 1790078400,
];
$bot = ['HTTP_USER_AGENT' => 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'] + $server;
$base = Segment\Context::fromRequest($server, ['seg_visitor' => '1'], ['utm_source' => 'news'], ['timezone' => 'UTC']);
$n = 1;
$ref = 7;
$contexts = [
    'none' => null,
    'plain' => $base,
    'bot' => Segment\Context::fromRequest($bot, [], [], ['timezone' => 'UTC']),
    'no headers' => Segment\Context::fromRequest([], [], [], ['timezone' => 'UTC']),
    'with additions' => $base->with(['cart_total' => 120.0, 'zz' => 'p', 'tags' => ['vip']]),
    'replacing built-ins' => $base->with(['device' => 'from-profile', 'language' => 'de', 'languages' => []]),
    'replacing derived' => $base->with(['visitor_type' => 'x', 'rfm' => 'y', 'cluster' => 99, 'model_version' => 'z']),
    'replacing a feature' => $base->with(['monetary' => 100000.0, 'orders' => 50]),
    'a reference inside' => $base->with(['address' => ['city' => 'Paris'], 'n' => 1]),
    'an array' => ['device' => 'mobile', 'cart_total' => 150, 'tags' => ['vip'], 'languages' => ['fr'], 'language' => 'fr'],
    'an empty array' => [],
];
$customers = [];
foreach ($profiles as $id => $p) {
    $customers["customer $id"] = $p;
}
$customers = array_slice($customers, 0, 60, true) + [
    'guest' => null,
    'registered' => ['orders' => 0, 'country' => 'FR'],
    'clashing keys' => ['device' => 'from-profile', 'language' => 'de', 'cart_total' => 1, 'visitor_type' => 'x',
                        'rfm' => 'y', 'orders' => 0, 'zz' => 'p', 'cluster_name' => 'Big'],
    'nested and dated' => ['address' => ['city' => 'Paris'], 'tags' => ['new', 'vip'], 'signed_up' => new DateTimeImmutable('2025-03-01'),
                           'orders' => 0],
    'int keys' => [5 => 'five', 'orders' => 0, 7 => 'seven'],
    'a list' => ['a', 'b'],
    'references' => ['orders' => &$ref, 'n' => &$n, 'monetary' => 120.0, 'recency' => 3, 'zz' => &$n],
];

$same = $total = 0;
foreach ([$model, $bare] as $m) {
    foreach ($customers as $cl => $profile) {
        foreach ($contexts as $xl => $ctx) {
            $total++;
            $want = $m->assign($profile, $ctx, 1790078400)['segments'];
            $got = $m->segments($profile, $ctx, 1790078400);
            if ($got === $want) {
                $same++;
            } else {
                echo "$cl / $xl: segments() ", json_encode($got), ", assign() ", json_encode($want), "\n";
            }
        }
    }
}
echo "$same of $total the same\n";
// the layers are read in assign()'s order: a sample of what that gives
echo json_encode($model->segments($customers['clashing keys'], $base)), "\n";
echo json_encode($model->segments($customers['clashing keys'], null)), "\n";
echo json_encode($model->segments($customers['nested and dated'], $contexts['replacing built-ins'])), "\n";
echo json_encode($model->segments(null, $contexts['bot'])), "\n";

// the same exceptions, from the same checks
$calls = [
    'a customer without the cluster features' => [['orders' => 3, 'recency' => 5], $base],
    'a bad date for now' => [null, $base, -999999999999999],
    'an object that is not a context' => [null, new ArrayObject([])],
    'a string context' => [null, 'mobile'],
    'an object attribute' => [['tags' => new stdClass(), 'orders' => 0], $base],
];
foreach ($calls as $label => $args) {
    $msgs = [];
    foreach (['assign', 'segments'] as $method) {
        try {
            $model->$method(...$args);
            $msgs[] = 'no exception';
        } catch (Throwable $e) {
            $msgs[] = get_class($e) . ': ' . str_replace('::segments()', '::assign()', $e->getMessage());
        }
    }
    echo $label, ': ', $msgs[0] === $msgs[1] ? 'same: ' . $msgs[0] : 'DIFFERENT: ' . implode(' | ', $msgs), "\n";
}

// a model whose rules read more than 64 attributes takes assign()'s path
$wide = [];
for ($i = 0; $i < 70; $i++) {
    $wide[] = ['code' => "w$i", 'rule' => "a$i == $i or device == \"mobile\""];
}
$wm = Segment\Model::build($wide);
$p = ['a3' => 3, 'a69' => 69];
echo 'wide: ', $wm->segments($p, null) === $wm->assign($p, null)['segments'] ? 'same' : 'different', ' ',
    count($wm->segments($p, null)), ' ', count($wm->segments($p, $base)), "\n";
@unlink("$dir/orders.csv");
@rmdir($dir);
?>
--EXPECTF--
1474 of 1474 the same
["prospect","fr_speaker","sale_page","news","extra","everyone"]
["prospect","clash_device","extra","everyone"]
["prospect","sale_page","news","in_paris","vip_tag","signed_up_early","clash_device","everyone"]
["fr_speaker","googled","bot","everyone"]
a customer without the cluster features: same: ValueError: Segment\Model::assign(): Argument #1 ($profile) needs 'monetary' (or 'total_spent') as a number
a bad date for now: same: ValueError: option 'now' is outside years 0000-9999
an object that is not a context: same: TypeError: Segment\Model::assign(): Argument #2 ($context) must be an array, a Segment\Context or null, ArrayObject given
a string context: same: TypeError: Segment\Model::assign(): Argument #2 ($context) must be of type Segment\Context|array|null, string given
an object attribute: same: Segment\AttributeError: attribute 'tags' is an object of class stdClass; %s
wide: same 2 70
