--TEST--
Segment\Context::with(), get(), toArray(): immutable contexts, what the modules add
--EXTENSIONS--
segment
--FILE--
<?php
$server = [
    'HTTP_USER_AGENT' => 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1',
    'HTTP_REFERER' => 'https://t.co/x1',
    'REQUEST_URI' => '/fr/',
    'REQUEST_TIME' => 1790078400,
];
$ctx = Segment\Context::fromRequest($server, [], [], ['timezone' => 'UTC']);

// Modules add the cart, the session and the customer's country.
$cart = ['total' => 120.5, 'items' => 3, 'skus' => ['A-1', 'B-2']];
$c2 = $ctx->with(['cart_total' => 120.5, 'cart_items' => 3, 'pages_viewed' => 4, 'country' => 'FR',
    'cart' => $cart, 'coupon' => null, 'logged_in' => false]);
var_dump($c2 instanceof Segment\Context, $c2 !== $ctx);
echo 'added: ', json_encode(array_slice($c2->toArray(), 20)), "\n";
echo 'the original is unchanged: ', count($ctx->toArray()), ' attributes, cart_total ', var_export($ctx->get('cart_total'), true), "\n";
echo 'built-in attributes kept: ', $c2->get('device'), ' ', $c2->get('traffic_source'), ' ', $c2->get('social_network'), "\n";

// Replacing a built-in attribute, keeping its place.
$c3 = $c2->with(['device' => 'tablet', 'cart_total' => 99]);
echo 'replaced: ', $c3->get('device'), ' ', $c3->get('cart_total'), ', first key still ', array_key_first($c3->toArray()),
    ', ', count($c3->toArray()), " attributes\n";
echo 'previous: ', $c2->get('device'), ' ', $c2->get('cart_total'), "\n";
echo 'empty with(): ', $ctx->with([])->toArray() === $ctx->toArray() ? 'same attributes' : 'differs', "\n";

// get(): a default for a missing attribute, never for a null one.
var_dump($ctx->get('nope'), $ctx->get('nope', 'fallback'), $ctx->get('utm_source', 'fallback'), $c2->get('coupon', 'x'));
var_dump($ctx->get('languages'));

// toArray() results are copies as far as PHP code can tell.
$a = $ctx->toArray();
$a['device'] = 'changed';
$a['languages'][] = 'xx';
echo 'after writing to a toArray() result: ', $ctx->get('device'), ' ', json_encode($ctx->get('languages')), "\n";

// References are not kept: the context cannot change behind its back.
$total = 10;
$tags = ['vip'];
$nested = ['a' => &$total, 'list' => &$tags];
$c4 = $ctx->with(['total' => &$total, 'nested' => $nested]);
$total = 99;
$tags[] = 'new';
echo 'after changing the referenced variables: ', json_encode([$c4->get('total'), $c4->get('nested')]), "\n";

// Deep arrays of scalars are fine up to 32 levels.
$deep = 'leaf';
for ($i = 0; $i < 32; $i++) $deep = [$deep];
echo 'depth 32: ', $ctx->with(['deep' => $deep])->get('deep') === $deep ? 'kept' : 'changed', "\n";

// Clones share the attributes; var_dump() shows them.
$c5 = clone $c2;
echo 'clone: ', $c5->get('country'), ' ', $c5->toArray() === $c2->toArray() ? 'equal' : 'differs', "\n";
var_dump($ctx->with(['x' => 1.5])->get('x'));
$small = Segment\Context::fromRequest([], [], [], ['now' => 0, 'timezone' => 'UTC']);
var_dump($small);

// The rules see the context's attributes (a Model takes the context itself).
$set = new Segment\RuleSet([
    ['code' => 'social_mobile', 'rule' => 'device == "mobile" and traffic_source == "social"', 'priority' => 3],
    ['code' => 'big_cart', 'rule' => 'cart.total >= 100 and "B-2" in cart.skus', 'priority' => 2],
    ['code' => 'french_evening', 'rule' => 'country == "FR" and hour >= 18', 'priority' => 1],
    ['code' => 'bot', 'rule' => 'is_bot'],
]);
echo 'segments: ', implode(' ', $set->match($c2->toArray())), "\n";
$model = Segment\Model::build($set);
$r = $model->assign(null, $c2);
echo 'model: ', implode(' ', $r['segments']), '; device ', $r['attributes']['device'], ', visitor_type ',
    $r['attributes']['visitor_type'], "\n";
?>
--EXPECTF--
bool(true)
bool(true)
added: {"cart_total":120.5,"cart_items":3,"pages_viewed":4,"country":"FR","cart":{"total":120.5,"items":3,"skus":["A-1","B-2"]},"coupon":null,"logged_in":false}
the original is unchanged: 20 attributes, cart_total NULL
built-in attributes kept: mobile social X
replaced: tablet 99, first key still device, 27 attributes
previous: mobile 120.5
empty with(): same attributes
NULL
string(8) "fallback"
NULL
NULL
array(0) {
}
after writing to a toArray() result: mobile []
after changing the referenced variables: [10,{"a":10,"list":["vip"]}]
depth 32: kept
clone: FR equal
float(1.5)
object(Segment\Context)#%d (20) {
  ["device"]=>
  string(3) "bot"
  ["is_bot"]=>
  bool(true)
  ["bot_name"]=>
  NULL
  ["traffic_source"]=>
  string(6) "direct"
  ["referrer_host"]=>
  NULL
  ["search_engine"]=>
  NULL
  ["social_network"]=>
  NULL
  ["utm_source"]=>
  NULL
  ["utm_medium"]=>
  NULL
  ["utm_campaign"]=>
  NULL
  ["utm_term"]=>
  NULL
  ["utm_content"]=>
  NULL
  ["landing_page"]=>
  string(1) "/"
  ["visitor"]=>
  string(3) "new"
  ["returning"]=>
  bool(false)
  ["language"]=>
  NULL
  ["languages"]=>
  array(0) {
  }
  ["month"]=>
  int(1)
  ["weekday"]=>
  int(4)
  ["hour"]=>
  int(0)
}
segments: social_mobile big_cart
model: social_mobile big_cart; device mobile, visitor_type guest
