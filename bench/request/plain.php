<?php

/**
 * The same per-request work as ext.php in plain PHP, written as a PHP shop
 * would: the model as a PHP array file (kept by opcache), the context from
 * $_SERVER with preg_match and parse_url, RFM and the nearest centroid in
 * PHP, and the 20 rules with Symfony ExpressionLanguage, each rule parsed
 * once per process (ParsedExpression) and evaluated per request.
 *
 *   php -d opcache.enable_cli=1 bench/request/plain.php DIR ITER [--dump]
 */

declare(strict_types=1);

use Symfony\Component\ExpressionLanguage\ExpressionFunction;
use Symfony\Component\ExpressionLanguage\ExpressionLanguage;

require_once getenv('SEGMENT_BENCH_SYMFONY_AUTOLOAD') ?: '/usr/share/php/Symfony/Component/ExpressionLanguage/autoload.php';

const SEARCH = '~(^|\.)(google|bing|duckduckgo|yahoo|yandex|baidu|ecosia|qwant|startpage|search\.brave|naver|seznam)\.~';
const SOCIAL = '~(^|\.)(facebook\.com|instagram\.com|t\.co|x\.com|twitter\.com|linkedin\.com|lnkd\.in|pinterest\.[a-z.]+|youtube\.com|reddit\.com|tiktok\.com|whatsapp\.com|telegram\.org)$~';
const WEBMAIL = '~^(mail\.google\.com|outlook\.live\.com|outlook\.office\.com|mail\.yahoo\.com)$~';

function plain_context(array $server, array $cookie, array $get): array
{
    $ua = $server['HTTP_USER_AGENT'] ?? '';
    if ($ua === '' || preg_match('~bot|crawl|spider|slurp|facebookexternalhit|curl|wget|python-requests|headless~i', $ua)) {
        $device = $ua === '' ? 'desktop' : 'bot';
    } elseif (preg_match('~iPad|Tablet|Kindle|Silk~i', $ua) || (stripos($ua, 'Android') !== false && stripos($ua, 'Mobile') === false)) {
        $device = 'tablet';
    } elseif (preg_match('~Mobile|iPhone|iPod|Android|Windows Phone~i', $ua)) {
        $device = 'mobile';
    } else {
        $device = 'desktop';
    }
    $host = strtolower((string) parse_url($server['HTTP_REFERER'] ?? '', PHP_URL_HOST));
    if (str_starts_with($host, 'www.')) {
        $host = substr($host, 4);
    }
    $own = strtolower($server['HTTP_HOST'] ?? '');
    $medium = strtolower($get['utm_medium'] ?? '');
    if (isset($get['gclid']) || isset($get['gbraid']) || isset($get['wbraid']) || isset($get['msclkid'])
        || in_array($medium, ['cpc', 'ppc', 'paid', 'paidsearch', 'paid_search'], true)) {
        $source = 'paid_search';
    } elseif (in_array($medium, ['email', 'e-mail', 'newsletter'], true)) {
        $source = 'email';
    } elseif (isset($get['utm_source']) || isset($get['utm_medium']) || isset($get['utm_campaign'])) {
        $source = 'campaign';
    } elseif (isset($get['fbclid'])) {
        $source = 'social';
    } elseif ($host === '' || $host === $own || 'www.' . $host === $own) {
        $source = 'direct';
    } elseif (preg_match(SEARCH, $host)) {
        $source = 'organic_search';
    } elseif (preg_match(SOCIAL, $host)) {
        $source = 'social';
    } elseif (preg_match(WEBMAIL, $host)) {
        $source = 'email';
    } else {
        $source = 'referral';
    }
    $langs = [];
    foreach (explode(',', $server['HTTP_ACCEPT_LANGUAGE'] ?? '') as $i => $part) {
        $bits = explode(';', trim($part));
        $tag = strtolower(trim($bits[0]));
        $q = 1.0;
        foreach (array_slice($bits, 1) as $p) {
            if (str_starts_with(trim($p), 'q=')) {
                $q = (float) substr(trim($p), 2);
            }
        }
        $primary = explode('-', $tag)[0];
        if ($primary === '' || $primary === '*' || $q <= 0) {
            continue;
        }
        $langs[] = [$q, -$i, $primary];
    }
    rsort($langs);
    $languages = array_values(array_unique(array_column($langs, 2)));
    $t = (int) ($server['REQUEST_TIME'] ?? time());
    return [
        'device' => $device, 'is_bot' => $device === 'bot', 'traffic_source' => $source,
        'referrer_host' => $host === '' ? null : $host,
        'landing_page' => parse_url($server['REQUEST_URI'] ?? '/', PHP_URL_PATH) ?: '/',
        'visitor' => ($cookie['seg_visitor'] ?? '') !== '' ? 'returning' : 'new',
        'language' => $languages[0] ?? null, 'languages' => $languages,
        'month' => (int) date('n', $t), 'weekday' => (int) date('N', $t), 'hour' => (int) date('G', $t),
    ];
}

function plain_rfm(array $m, array $p): ?array
{
    $orders = $p['orders'] ?? 0;
    if ($orders < 1) {
        return null;
    }
    $b = $m['bins'];
    $r = $b;
    foreach ($m['thresholds']['r'] as $t) {
        if ($p['recency'] > $t) $r--;
    }
    $f = 1;
    foreach ($m['thresholds']['f'] as $t) {
        if ($orders > $t) $f++;
    }
    $mm = 1;
    foreach ($m['thresholds']['m'] as $t) {
        if ($p['monetary'] > $t) $mm++;
    }
    $find = static function (array $rules) use ($r, $f, $mm): ?array {
        foreach ($rules as $rule) {
            if ($r >= $rule['r'][0] && $r <= $rule['r'][1] && $f >= $rule['f'][0] && $f <= $rule['f'][1]
                && $mm >= $rule['m'][0] && $mm <= $rule['m'][1]) {
                return $rule;
            }
        }
        return null;
    };
    $seg = $find($m['maps']['segment']);
    $grp = $find($m['maps']['groups']);
    $ret = $find($m['maps']['retention']);
    return ['r' => $r, 'f' => $f, 'm' => $mm, 'score' => "$r$f$mm", 'segment' => $seg['name'] ?? null,
            'value_segment' => $grp['name'] ?? null, 'group' => $grp['group'] ?? null, 'retention' => $ret['name'] ?? null];
}

function plain_cluster(array $k, array $p): array
{
    $alias = ['frequency' => 'orders'];
    $x = [];
    foreach ($k['features'] as $f) {
        $v = (float) ($p[$f['name']] ?? $p[$alias[$f['name']] ?? ''] ?? 0);
        if ($f['log1p']) $v = log1p($v);
        $x[] = $f['weight'] * (($v - $f['center']) / $f['scale']);
    }
    $best = 0;
    $bd = INF;
    foreach ($k['centroids'] as $j => $c) {
        $s = 0.0;
        foreach ($x as $i => $v) {
            $t = $v - $c[$i];
            $s += $t * $t;
        }
        if ($s < $bd) {
            $bd = $s;
            $best = $j;
        }
    }
    return ['cluster' => $best, 'cluster_name' => $k['names'][$best], 'cluster_distance' => sqrt($bd)];
}

const KEYS = ['rfm', 'device', 'traffic_source', 'cluster', 'cart_total', 'visitor_type', 'visitor', 'landing_page',
    'language', 'country', 'retention', 'month', 'weekday', 'pages_viewed', 'cart_items', 'newsletter', 'orders',
    'recency', 'monetary'];

function plain_assign(array $model, ?array $profile, array $context, ExpressionLanguage $el, array $parsed): array
{
    $c = array_fill_keys(KEYS, null);
    foreach ($profile ?? [] as $key => $v) $c[$key] = $v;
    foreach ($context as $key => $v) $c[$key] = $v;
    $type = $profile === null ? 'guest' : (($profile['orders'] ?? 0) >= 1 ? 'customer' : 'registered');
    $c['visitor_type'] = $type;
    $c['model_version'] = $model['version'];
    $rfm = $type === 'customer' ? plain_rfm($model['rfm'], $profile) : null;
    $c['rfm'] = $rfm;
    $c['retention'] = $rfm['retention'] ?? null;
    $cl = $type === 'customer' ? plain_cluster($model['kmeans'], $profile) : ['cluster' => null, 'cluster_name' => null, 'cluster_distance' => null];
    $c += $cl;
    $c = array_merge($c, $cl);
    $hits = [];
    foreach ($model['rules'] as $i => $rule) {
        if ($el->evaluate($parsed[$i], ['c' => $c])) {
            $hits[] = [$rule['priority'], -$i, $rule['code']];
        }
    }
    rsort($hits);
    return array_column($hits, 2);
}

[$dir, $iter] = [$argv[1], (int) ($argv[2] ?? 10000)];
$requests = require "$dir/requests.php";
$n = count($requests);
$el = new ExpressionLanguage();
$el->register('starts_with', fn($s, $p) => "str_starts_with($s, $p)", fn($a, $s, $p) => $s !== null && str_starts_with($s, $p));
$parsedFor = static function (array $model) use ($el): array {
    static $parsed = null; // parsed once per process, as a warmed worker would keep them
    return $parsed ??= array_map(fn($r) => $el->parse($r['symfony'], ['c']), $model['rules']);
};
if (in_array('--dump', $argv, true)) {
    foreach ($requests as $q) {
        $model = require "$dir/plain-model.php";
        $ctx = plain_context($q['server'], $q['cookie'], $q['get']) + $q['extra'];
        echo implode(',', plain_assign($model, $q['profile'], $ctx, $el, $parsedFor($model))), "\n";
    }
    exit;
}
$digest = 0;
$t0 = hrtime(true);
for ($i = 0; $i < $iter; $i++) {
    $q = $requests[$i % $n];
    // --- one request ---
    $model = require "$dir/plain-model.php";
    $ctx = plain_context($q['server'], $q['cookie'], $q['get']) + $q['extra'];
    $segments = plain_assign($model, $q['profile'], $ctx, $el, $parsedFor($model));
    // ---
    $digest += count($segments);
}
$s = (hrtime(true) - $t0) / 1e9;
echo json_encode(['method' => 'plain-php', 'iterations' => $iter, 'us_per_request' => $s / $iter * 1e6, 'segments' => $digest]), "\n";
