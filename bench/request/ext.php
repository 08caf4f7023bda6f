<?php

/**
 * The per-request work with the extension, ITER times over the requests of
 * setup.php: obtain the cached model, build the context from the request,
 * add what the module knows (cart, pages viewed), assign.
 *
 *   php -d extension=segment.so bench/request/ext.php DIR ITER [--dump]
 *
 * Prints JSON: microseconds per request (the loop's wall time / ITER) and a
 * digest of every request's segments, or with --dump the segments of each
 * of the 2,000 requests (one line each) for the comparison with plain.php.
 */

declare(strict_types=1);

[$dir, $iter] = [$argv[1], (int) ($argv[2] ?? 100000)];
$requests = require "$dir/requests.php";
$n = count($requests);
$file = "$dir/model.json";
if (in_array('--dump', $argv, true)) {
    foreach ($requests as $q) {
        $ctx = Segment\Context::fromRequest($q['server'], $q['cookie'], $q['get'])->with($q['extra']);
        echo implode(',', Segment\Model::load($file)->assign($q['profile'], $ctx)['segments']), "\n";
    }
    exit;
}
$digest = 0;
$t0 = hrtime(true);
for ($i = 0; $i < $iter; $i++) {
    $q = $requests[$i % $n];
    // --- one request ---
    $model = Segment\Model::load($file);
    $ctx = Segment\Context::fromRequest($q['server'], $q['cookie'], $q['get'])->with($q['extra']);
    $segments = $model->assign($q['profile'], $ctx)['segments'];
    // ---
    $digest += count($segments);
}
$s = (hrtime(true) - $t0) / 1e9;
echo json_encode(['method' => 'extension', 'iterations' => $iter, 'us_per_request' => $s / $iter * 1e6, 'segments' => $digest]), "\n";
