<?php

/**
 * The per-request work with the extension, ITER times over the requests of
 * setup.php: obtain the cached model, build the context from the request,
 * add what the module knows (cart, pages viewed), assign.
 *
 *   php -d extension=segment.so bench/request/ext.php DIR ITER [--dump] [--assign] [--stat] [--shuffled]
 *
 * One request, by default: Model::load($file, $version) (the version as a
 * module keeps it in its configuration: a hash lookup, no stat), the context,
 * and $model->segments($profile, $context) (the codes: what plain.php
 * computes).  --assign: $model->assign(...)['segments'] instead (the
 * attributes array built as well, as the PrestaShop module's front hook
 * needs it); --stat: Model::load($file), which stats the file; --shuffled:
 * the requests in a fixed random order instead of setup.php's time order, so
 * that consecutive requests jump between the 21 days they span (no server
 * sees that; it shows what the per-day zone offset cache saves).
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
$assign = in_array('--assign', $argv, true);
$stat = in_array('--stat', $argv, true);
$shuffled = in_array('--shuffled', $argv, true);
if ($shuffled) {
    mt_srand(5, MT_RAND_MT19937);
    shuffle($requests);
}
// what a module reads from its configuration on every request
$config = ['SEGMENT_MODEL_VERSION' => Segment\Model::load($file)->version()];
if (in_array('--dump', $argv, true)) {
    foreach ($requests as $q) {
        $ctx = Segment\Context::fromRequest($q['server'], $q['cookie'], $q['get'])->with($q['extra']);
        $model = Segment\Model::load($file, $config['SEGMENT_MODEL_VERSION']);
        $a = $model->assign($q['profile'], $ctx)['segments'];
        if ($a !== $model->segments($q['profile'], $ctx)) {
            fwrite(STDERR, "segments() and assign() differ\n");
            exit(1);
        }
        echo implode(',', $a), "\n";
    }
    exit;
}
$digest = 0;
$t0 = hrtime(true);
if (!$assign && !$stat) {
    for ($i = 0; $i < $iter; $i++) {
        $q = $requests[$i % $n];
        // --- one request ---
        $model = Segment\Model::load($file, $config['SEGMENT_MODEL_VERSION']);
        $ctx = Segment\Context::fromRequest($q['server'], $q['cookie'], $q['get'])->with($q['extra']);
        $segments = $model->segments($q['profile'], $ctx);
        // ---
        $digest += count($segments);
    }
} elseif (!$stat) {
    for ($i = 0; $i < $iter; $i++) {
        $q = $requests[$i % $n];
        $model = Segment\Model::load($file, $config['SEGMENT_MODEL_VERSION']);
        $ctx = Segment\Context::fromRequest($q['server'], $q['cookie'], $q['get'])->with($q['extra']);
        $segments = $model->assign($q['profile'], $ctx)['segments'];
        $digest += count($segments);
    }
} else {
    for ($i = 0; $i < $iter; $i++) {
        $q = $requests[$i % $n];
        $model = Segment\Model::load($file);
        $ctx = Segment\Context::fromRequest($q['server'], $q['cookie'], $q['get'])->with($q['extra']);
        $segments = $assign ? $model->assign($q['profile'], $ctx)['segments'] : $model->segments($q['profile'], $ctx);
        $digest += count($segments);
    }
}
$s = (hrtime(true) - $t0) / 1e9;
$method = 'extension' . ($stat ? '-stat' : '') . ($assign ? '-assign' : '') . ($shuffled ? '-shuffled' : '');
echo json_encode(['method' => $method, 'iterations' => $iter, 'us_per_request' => $s / $iter * 1e6, 'segments' => $digest]), "\n";
