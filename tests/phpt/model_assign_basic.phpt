--TEST--
Segment\Model::assign(): the same segments and attributes as the rule set, Rfm::score() and KMeans::assign() by hand, for every customer, guests and prospects (issue 5)
--EXTENSIONS--
segment
--FILE--
<?php
require __DIR__ . '/../model/fixture.inc';
$dir = sys_get_temp_dir() . '/segment-model-assign-' . getmypid();
[$profiles, $rfm, $km, $rules] = model_fixture($dir);
$model = Segment\Model::build($rules, $rfm, $km);
$set = new Segment\RuleSet($rules);
$version = $model->version();
echo 'version: ', preg_match('/^[0-9a-f]{12}$/', $version) ? 'a 12-digit digest' : $version, "\n";

$contexts = [[], ['device' => 'mobile', 'cart_total' => 120.0], ['device' => 'desktop', 'traffic_source' => 'paid_search']];
$checked = $differ = 0;
$seen = [];
foreach ($profiles as $id => $profile) {
    foreach ($contexts as $ctx) {
        $got = $model->assign($profile, $ctx);
        $want = model_expected($set, $rfm, $km, $profile, $ctx, $version);
        $checked++;
        if ($got !== $want) {
            if ($differ++ < 3) echo "customer $id differs:\n", json_encode($got), "\n", json_encode($want), "\n";
        }
        foreach ($got['segments'] as $s) $seen[$s] = true;
    }
}
echo "$checked assignments checked, $differ differ\n";
ksort($seen);
echo 'segments seen: ', implode(' ', array_keys($seen)), "\n";

// Guests and registered customers without orders: attributes, not errors.
$g = $model->assign(null, ['traffic_source' => 'paid_search']);
echo 'guest: ', implode(',', $g['segments']), '; ', json_encode(array_intersect_key($g['attributes'],
    array_flip(['visitor_type', 'rfm', 'retention', 'cluster', 'cluster_name', 'cluster_distance']))), "\n";
var_dump($g === model_expected($set, $rfm, $km, null, ['traffic_source' => 'paid_search'], $version));
$r = $model->assign(['customer' => 'new', 'orders' => 0, 'monetary' => 0.0], []);
echo 'registered: ', implode(',', $r['segments']), '; ', $r['attributes']['visitor_type'], "\n";
echo 'no arguments: ', implode(',', $model->assign()['segments']), "\n";

// The context replaces the profile's keys; derived attributes replace both.
$p = $profiles->get('1');
$a = $model->assign($p + ['device' => 'tablet'], ['device' => 'mobile', 'visitor_type' => 'spoofed', 'rfm' => 'x'])['attributes'];
echo 'device ', $a['device'], ', visitor_type ', $a['visitor_type'], ', rfm is ', gettype($a['rfm']), "\n";

// A Segment\Context gives what its toArray() would.
$ctx = Segment\Context::fromRequest(['HTTP_USER_AGENT' => 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    'HTTP_REFERER' => 'https://www.google.com/', 'REQUEST_URI' => '/sale?gclid=x', 'HTTP_HOST' => 'shop.example'], [], ['gclid' => 'x'])->with(['cart_total' => 150.0]);
$viaObject = $model->assign($p, $ctx);
echo 'Context object = its array: ', var_export($viaObject === $model->assign($p, $ctx->toArray()), true), ', device ',
    $viaObject['attributes']['device'], ', source ', $viaObject['attributes']['traffic_source'], ', full_cart ',
    var_export(in_array('full_cart', $viaObject['segments'], true), true), "\n";

// explain(): RuleSet::explain() on the same attributes.
$e = $model->explain($p, ['device' => 'mobile'], 'big_mobile');
$want = $set->explain(model_expected($set, $rfm, $km, $p, ['device' => 'mobile'], $version)['attributes'], 'big_mobile');
echo 'explain: ', $e['code'], ' ', var_export($e['result'], true), ', same as RuleSet::explain: ',
    var_export(array_diff_key($e, ['attributes' => 1]) === $want, true), ', has attributes: ', var_export(isset($e['attributes']['rfm']), true), "\n";

// A model without RFM or clusters: those attributes are null.
$plain = Segment\Model::build(new Segment\RuleSet([['code' => 'm', 'rule' => 'device == "mobile"']]));
$a = $plain->assign($p, ['device' => 'mobile']);
echo 'rules only: ', implode(',', $a['segments']), ', rfm ', var_export($a['attributes']['rfm'], true), ', cluster ',
    var_export($a['attributes']['cluster'], true), ', visitor_type ', $a['attributes']['visitor_type'], "\n";

// Bad input: clear errors.
$try = function (string $label, callable $f) {
    try {
        $f();
        echo "$label: no error\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
};
$try('orders without monetary', fn () => $model->assign(['orders' => 3, 'recency' => 10]));
$try('orders without recency', fn () => $model->assign(['orders' => 3, 'monetary' => 10.0]));
$try('context a string', fn () => $model->assign($p, 'mobile'));
$try('context an object without toArray', fn () => $model->assign($p, new stdClass()));
$try('now a string', fn () => $model->assign($p, [], '2026-01-01'));
$try('explain an unknown code', fn () => $model->explain($p, [], 'nope'));
$try('rules of the wrong type', fn () => Segment\Model::build('rules'));
$try('a bad rule', fn () => Segment\Model::build([['code' => 'x', 'rule' => 'orders >']]));
$try('a bad version', fn () => Segment\Model::build([], null, null, ['version' => '']));
$try('new Model', fn () => new Segment\Model());
foreach (glob("$dir/*") as $f) unlink($f);
rmdir($dir);
?>
--EXPECTF--
version: a 12-digit digest
%d assignments checked, 0 differ
segments seen: at_risk big_mobile champions drifting everyone full_cart near_centre
guest: guest_from_ads,everyone; {"visitor_type":"guest","rfm":null,"retention":null,"cluster":null,"cluster_name":null,"cluster_distance":null}
bool(true)
registered: prospect,everyone; registered
no arguments: everyone
device mobile, visitor_type customer, rfm is array
Context object = its array: true, device mobile, source paid_search, full_cart true
explain: big_mobile %s, same as RuleSet::explain: true, has attributes: true
rules only: m, rfm NULL, cluster NULL, visitor_type customer
orders without monetary: ValueError: Segment\Model::assign(): Argument #1 ($profile) needs 'monetary' (or 'total_spent') as a number
orders without recency: ValueError: Segment\Model::assign(): Argument #1 ($profile) needs 'recency' (days) or 'last_order_at'
context a string: TypeError: Segment\Model::assign(): Argument #2 ($context) must be of type Segment\Context|array|null, string given
context an object without toArray: TypeError: Segment\Model::assign(): Argument #2 ($context) must be an array, a Segment\Context or null, stdClass given
now a string: TypeError: Segment\Model::assign(): Argument #3 ($now) must be of type DateTimeInterface|int|null, string given
explain an unknown code: ValueError: Segment\Model::explain(): Argument #3 ($code) must be the code of a segment in this model, "nope" is not
rules of the wrong type: TypeError: Segment\Model::build(): Argument #1 ($rules) must be of type Segment\RuleSet|array, string given
a bad rule: Segment\RuleSyntaxError: %s
a bad version: ValueError: Segment\Model::build(): Argument #4 ($settings) 'version' must be a string of 1 to 128 bytes
new Model: Error: Call to private Segment\Model::__construct() from global scope
