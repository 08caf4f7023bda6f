<?php
// The same page without the extension's work: the baseline for requests per second.
$profiles = require __DIR__ . '/profiles.php';
$id = $_GET['c'] ?? '';
$profile = $profiles[$id] ?? null;
header('Content-Type: application/json');
echo json_encode(['v' => 'none', 'c' => $id, 's' => [], 'pid' => getmypid()]);
