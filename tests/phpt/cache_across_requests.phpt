--TEST--
Compiled rule sets survive the request: a PHP process compiles a file or a cached() key once
--EXTENSIONS--
segment
--SKIPIF--
<?php
if (!function_exists('proc_open')) die('skip proc_open is disabled');
if (!ini_get('allow_url_fopen')) die('skip allow_url_fopen is off');
?>
--FILE--
<?php
$dir = sys_get_temp_dir() . '/segment-cache-test-' . getmypid();
@mkdir($dir);
$rules = "$dir/rules.json";
file_put_contents($rules, json_encode([['code' => 'vip', 'rule' => 'orders >= 3']]));
file_put_contents("$dir/router.php", <<<'PHP'
<?php
$set = Segment\RuleSet::fromFile(__DIR__ . '/rules.json');
$loaderRan = false;
$keyed = Segment\RuleSet::cached('shop-42:v1', function () use (&$loaderRan) {
    $loaderRan = true;
    return [['code' => 'big', 'rule' => 'total > 100']];
});
ob_start();
phpinfo(INFO_MODULES);
preg_match('~Cache hits / misses\D*(\d+) / (\d+)~', strip_tags(ob_get_clean()), $m); // HTML under a web SAPI
echo json_encode([
    'hits' => (int) $m[1], 'misses' => (int) $m[2], 'loader' => $loaderRan,
    'file' => $set->match(['orders' => 5]), 'keyed' => $keyed->match(['total' => 500]),
]);
PHP);

$probe = stream_socket_server('tcp://127.0.0.1:0');
$port = (int) substr(strrchr(stream_socket_get_name($probe, false), ':'), 1);
fclose($probe);
$cmd = [PHP_BINARY, '-n', '-d', 'extension_dir=' . ini_get('extension_dir'), '-d', 'extension=segment',
        '-d', 'segment.validate_timestamps=1', '-S', "127.0.0.1:$port", "$dir/router.php"];
$server = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);

function fetch(int $port): string {
    for ($i = 0; $i < 100; $i++) {
        $body = @file_get_contents("http://127.0.0.1:$port/");
        if ($body !== false) return $body;
        usleep(50000);
    }
    return 'server did not answer';
}

echo fetch($port), "\n";   // first request compiles both: 2 misses
echo fetch($port), "\n";   // second: both from the cache
// Edit the rules file: a new size and mtime make the next request recompile it.
file_put_contents($rules, json_encode([['code' => 'vip', 'rule' => 'orders >= 10']]));
touch($rules, time() + 10);
echo fetch($port), "\n";
echo fetch($port), "\n";

proc_terminate($server);
proc_close($server);
unlink($rules);
unlink("$dir/router.php");
rmdir($dir);
?>
--EXPECT--
{"hits":0,"misses":2,"loader":true,"file":["vip"],"keyed":["big"]}
{"hits":2,"misses":2,"loader":false,"file":["vip"],"keyed":["big"]}
{"hits":3,"misses":3,"loader":false,"file":[],"keyed":["big"]}
{"hits":5,"misses":3,"loader":false,"file":[],"keyed":["big"]}
