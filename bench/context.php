<?php
/*
 * Segment\Context::fromRequest() + toArray() on a realistic php-fpm
 * $_SERVER (nginx, Chrome on Android, from a Google search with a tagged
 * link): microseconds per call, median of 5 runs of 100,000 calls.
 *
 *   php -d extension=modules/segment.so bench/context.php [runs] [calls]
 *
 * The loop's own cost (an empty loop body calling a PHP function with the
 * same arguments) is measured the same way and subtracted.
 */
$runs = (int)($argv[1] ?? 5);
$calls = (int)($argv[2] ?? 100000);
date_default_timezone_set('Europe/Paris');

$server = [
    'USER' => 'www-data', 'HOME' => '/var/www',
    'HTTP_COOKIE' => 'PHPSESSID=8u4j2k1l0m9n8b7v6c5x4z3a2s; seg_visitor=4f1c9e2a; cart=3',
    'HTTP_ACCEPT_LANGUAGE' => 'fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7',
    'HTTP_ACCEPT_ENCODING' => 'gzip, deflate, br',
    'HTTP_REFERER' => 'https://www.google.fr/',
    'HTTP_SEC_FETCH_DEST' => 'document', 'HTTP_SEC_FETCH_USER' => '?1',
    'HTTP_SEC_FETCH_MODE' => 'navigate', 'HTTP_SEC_FETCH_SITE' => 'cross-site',
    'HTTP_ACCEPT' => 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
    'HTTP_USER_AGENT' => 'Mozilla/5.0 (Linux; Android 14; Pixel 8 Pro) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.6045.163 Mobile Safari/537.36',
    'HTTP_UPGRADE_INSECURE_REQUESTS' => '1',
    'HTTP_SEC_CH_UA_PLATFORM' => '"Android"', 'HTTP_SEC_CH_UA_MOBILE' => '?1',
    'HTTP_SEC_CH_UA' => '"Google Chrome";v="119", "Chromium";v="119", "Not?A_Brand";v="24"',
    'HTTP_CONNECTION' => 'keep-alive', 'HTTP_HOST' => 'shop.example',
    'SCRIPT_FILENAME' => '/var/www/shop/index.php', 'REDIRECT_STATUS' => '200',
    'SERVER_NAME' => 'shop.example', 'SERVER_PORT' => '443', 'SERVER_ADDR' => '10.0.0.5',
    'REMOTE_PORT' => '52114', 'REMOTE_ADDR' => '203.0.113.7', 'SERVER_SOFTWARE' => 'nginx/1.22.1',
    'GATEWAY_INTERFACE' => 'CGI/1.1', 'HTTPS' => 'on', 'REQUEST_SCHEME' => 'https',
    'SERVER_PROTOCOL' => 'HTTP/2.0', 'DOCUMENT_ROOT' => '/var/www/shop', 'DOCUMENT_URI' => '/index.php',
    'REQUEST_URI' => '/fr/chaussures/running?utm_source=google&utm_medium=cpc&utm_campaign=hiver&gclid=Cj0KCQiA',
    'SCRIPT_NAME' => '/index.php', 'CONTENT_LENGTH' => '', 'CONTENT_TYPE' => '', 'REQUEST_METHOD' => 'GET',
    'QUERY_STRING' => 'utm_source=google&utm_medium=cpc&utm_campaign=hiver&gclid=Cj0KCQiA',
    'FCGI_ROLE' => 'RESPONDER', 'PHP_SELF' => '/index.php',
    'REQUEST_TIME_FLOAT' => 1763740800.123456, 'REQUEST_TIME' => 1763740800,
];
$cookie = ['PHPSESSID' => '8u4j2k1l0m9n8b7v6c5x4z3a2s', 'seg_visitor' => '4f1c9e2a', 'cart' => '3'];
$get = ['utm_source' => 'google', 'utm_medium' => 'cpc', 'utm_campaign' => 'hiver', 'gclid' => 'Cj0KCQiA'];

function noop(array $s, array $c, array $g) { return $s; }

function median(array $xs) { sort($xs); return $xs[intdiv(count($xs), 2)]; }

function noop4(array $s, array $c, array $g, array $o) { return $s; }

/* Same request time every call, as in a loop; and a new second every call
 * (the 'now' option), which is what one context per page view pays (the
 * zone offset then comes from the per-worker cache by zone and day). */
$base = $ctx = $base2 = $ctx2 = [];
$t0 = $server['REQUEST_TIME'];
for ($r = 0; $r < $runs; $r++) {
    $t = hrtime(true);
    for ($i = 0; $i < $calls; $i++) { $a = noop($server, $cookie, $get); }
    $base[] = (hrtime(true) - $t) / $calls;
    $t = hrtime(true);
    for ($i = 0; $i < $calls; $i++) { $a = Segment\Context::fromRequest($server, $cookie, $get)->toArray(); }
    $ctx[] = (hrtime(true) - $t) / $calls;
    $t = hrtime(true);
    for ($i = 0; $i < $calls; $i++) { $a = noop4($server, $cookie, $get, ['now' => $t0 + $i]); }
    $base2[] = (hrtime(true) - $t) / $calls;
    $t = hrtime(true);
    for ($i = 0; $i < $calls; $i++) { $a = Segment\Context::fromRequest($server, $cookie, $get, ['now' => $t0 + $i])->toArray(); }
    $ctx2[] = (hrtime(true) - $t) / $calls;
}
printf("fromRequest()+toArray(): %.3f us per call (median of %d x %d; loop overhead %.3f us subtracted)\n",
    (median($ctx) - median($base)) / 1000, $runs, $calls, median($base) / 1000);
printf("  with a new second every call: %.3f us per call\n",
    (median($ctx2) - median($base2)) / 1000);
printf("device=%s source=%s engine=%s language=%s hour=%d\n", $a['device'], $a['traffic_source'],
    $a['search_engine'], $a['language'], $a['hour']);
