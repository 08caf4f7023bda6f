--TEST--
Segment\Model: loaded once per process, kept across requests, a replaced file picked up by the next request; segment_of() with INI segment.model (issue 5)
--EXTENSIONS--
segment
--SKIPIF--
<?php
if (!function_exists('proc_open')) die('skip proc_open is disabled');
if (!ini_get('allow_url_fopen')) die('skip allow_url_fopen is off');
?>
--FILE--
<?php
$dir = sys_get_temp_dir() . '/segment-model-cache-' . getmypid();
@mkdir($dir);
$file = "$dir/model.json";
$v1 = Segment\Model::build([['code' => 'vip', 'rule' => 'orders >= 3', 'priority' => 2],
                            ['code' => 'mobile', 'rule' => 'device == "mobile"', 'priority' => 1]], null, null, ['version' => 'v1']);
$v1->save($file);
file_put_contents("$dir/router.php", <<<'PHP'
<?php
if (isset($_GET['key'])) {
    // a caller-given version key: the cached model, without looking at the file
    $m = Segment\Model::load(__DIR__ . '/model.json', $_GET['key']);
    echo json_encode(['keyed' => $m->version(), 'segments' => $m->assign(['orders' => 12])['segments'],
                      'cache' => Segment\Model::cacheInfo()]);
    return;
}
$m = Segment\Model::load(__DIR__ . '/model.json');
echo json_encode([
    'version' => $m->version(),
    'segments' => $m->assign(['orders' => 5], ['device' => 'mobile'])['segments'],
    'segment_of' => segment_of(['orders' => 5]),
    'segments_of' => segments_of(['orders' => 1]),
    'cache' => Segment\Model::cacheInfo(),
]);
PHP);

$probe = stream_socket_server('tcp://127.0.0.1:0');
$port = (int) substr(strrchr(stream_socket_get_name($probe, false), ':'), 1);
fclose($probe);
$cmd = [PHP_BINARY, '-n', '-d', 'extension_dir=' . ini_get('extension_dir'), '-d', 'extension=segment',
        '-d', "segment.model=$file", '-S', "127.0.0.1:$port", "$dir/router.php"];
$server = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);

function fetch(int $port, string $q = ''): string {
    for ($i = 0; $i < 100; $i++) {
        $body = @file_get_contents("http://127.0.0.1:$port/$q");
        if ($body !== false) return $body;
        usleep(50000);
    }
    return 'server did not answer';
}

echo fetch($port), "\n";   // first request: read once (one miss; segment_of shares it)
echo fetch($port), "\n";   // from the cache
// Replace the model as a deploy would: write beside, rename over.
$v2 = Segment\Model::build([['code' => 'vip', 'rule' => 'orders >= 10'], ['code' => 'any', 'rule' => 'true']], null, null, ['version' => 'v2']);
$v2->save($file);
touch($file, time() + 10);
echo fetch($port), "\n";   // the next request sees v2
echo fetch($port, '?key=v2'), "\n";   // a version key: a hit
unlink($file);
echo fetch($port, '?key=v2'), "\n";   // the file is gone: the key still finds the cached model (no stat)
echo fetch($port, '?key=v3'), "\n";   // another key: read again, and the file is gone
proc_terminate($server);
proc_close($server);
foreach (glob("$dir/*") as $f) unlink($f);
rmdir($dir);
?>
--EXPECTF--
{"version":"v1","segments":["vip","mobile"],"segment_of":"vip","segments_of":[],"cache":{"hits":1,"misses":1,"entries":1}}
{"version":"v1","segments":["vip","mobile"],"segment_of":"vip","segments_of":[],"cache":{"hits":3,"misses":1,"entries":1}}
{"version":"v2","segments":["any"],"segment_of":"any","segments_of":["any"],"cache":{"hits":4,"misses":2,"entries":1}}
{"keyed":"v2","segments":["vip","any"],"cache":{"hits":5,"misses":2,"entries":1}}
{"keyed":"v2","segments":["vip","any"],"cache":{"hits":6,"misses":2,"entries":1}}
%aFatal error%aUncaught Segment\Exception: cannot read the segment model '%smodel.json'%a
