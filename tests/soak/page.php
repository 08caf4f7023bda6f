<?php
// The page under test: the per-request work of a shop page. The model is
// the worker's default (INI segment.model), read once per worker and kept
// across requests; a replaced file is picked up by the next request.
$profiles = require __DIR__ . '/profiles.php';
$id = $_GET['c'] ?? '';
$profile = $profiles[$id] ?? null;
$context = class_exists(Segment\Context::class)
    ? Segment\Context::fromRequest($_SERVER, $_COOKIE, $_GET)
    : ['landing_page' => parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH)];
$model = Segment\Model::load(ini_get('segment.model'));
$result = $model->assign($profile, $context);
if (isset($_GET['hold'])) {
    // run.sh's final probe: held requests sent together land on different workers
    usleep(min(200, (int) $_GET['hold']) * 1000);
}
header('Content-Type: application/json');
echo json_encode(['v' => $model->version(), 'c' => $id, 's' => $result['segments'], 'pid' => getmypid()]);
