<?php
/**
 * Cron-safe full recompute from the command line, for every shop (or one):
 *
 *   cd /path/to/shop && sudo -u www-data php modules/customersegments/bin/recompute.php [--shop=ID]
 *
 * Exit status: 0 every shop recomputed, 1 a run failed, 75 (EX_TEMPFAIL)
 * another run of a shop was in progress (try again later), 64 bad usage.
 * Runs as the web server's user so the model file stays writable by PHP-FPM.
 */
if (PHP_SAPI !== 'cli') {
    http_response_code(404);
    exit;
}
$options = getopt('', ['shop:', 'help']);
if (isset($options['help'])) {
    fwrite(STDOUT, "usage: php modules/customersegments/bin/recompute.php [--shop=ID]\n");
    exit(0);
}
$shopRoot = dirname(__DIR__, 3);
if (!is_file($shopRoot . '/config/config.inc.php')) {
    fwrite(STDERR, "recompute.php: no PrestaShop at $shopRoot (the module must be in modules/customersegments)\n");
    exit(64);
}
require $shopRoot . '/config/config.inc.php';

$module = Module::getInstanceByName('customersegments');
if (!$module || !Module::isInstalled('customersegments')) {
    fwrite(STDERR, "recompute.php: the customersegments module is not installed\n");
    exit(64);
}
if ($problem = CustomerSegments::extensionProblem()) {
    fwrite(STDERR, "recompute.php: $problem\n");
    exit(1);
}
$shops = isset($options['shop']) ? [(int) $options['shop']] : array_map('intval', Shop::getShops(true, null, true));
$status = 0;
foreach ($shops as $idShop) {
    if ($idShop <= 0) {
        fwrite(STDERR, "recompute.php: --shop must be a shop id\n");
        exit(64);
    }
    $r = $module->servicesFor($idShop)->recompute()->run();
    printf("shop %d: %s, generation %d, %d customers, %d moves, %.2f s%s\n", $idShop, $r['status'], $r['generation'],
        $r['customers'], $r['moves'], $r['seconds'], $r['message'] !== '' ? ' (' . $r['message'] . ')' : '');
    if ($r['status'] === 'failed') {
        $status = 1;
    } elseif ($r['status'] === 'busy' && $status === 0) {
        $status = 75;
    }
}
exit($status);
