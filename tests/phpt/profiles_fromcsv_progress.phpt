--TEST--
Segment\Profiles::fromCsv(): the 'progress' callable every 65,536 lines and at the end, with exact byte offsets
--EXTENSIONS--
segment
--FILE--
<?php
$file = sys_get_temp_dir() . '/segment-progress-' . getmypid() . '.csv';
// 140,000 records in blocks of four: a quoted field across two physical lines,
// CRLF and LF line ends, an empty line; so records, lines and bytes all differ.
$header = "\xEF\xBB\xBFcustomer,order,date,amount\r\n";
$block = ["7,o1,2025-01-02 10:00:00,12.5\n", "\"c\n8\",o2,2025-02-03,3\r\n", "\n9,o3,2025-03-04 11:00:00,1\n",
          "10,o4,2025-04-05,2.25\r\n"];
$n = 140000;
$text = $header . str_repeat(implode('', $block), $n / 4);
// Bytes consumed after record $k: the header, whole blocks, then the records of the last block.
$offset = function (int $k) use ($header, $block): int {
    $partial = 0;
    for ($i = 0; $i < $k % 4; $i++) $partial += strlen($block[$i]);
    return strlen($header) + intdiv($k, 4) * strlen(implode('', $block)) + $partial;
};
file_put_contents($file, $text);

$calls = [];
$p = Segment\Profiles::fromCsv($file, ['customer' => 'customer', 'order' => 'order', 'date' => 'date',
    'amount' => 'amount', 'progress' => function (array $info) use (&$calls) { $calls[] = $info; }]);
echo count($calls), " calls\n";
$ok = true;
$prev = ['lines' => -1, 'bytes' => -1, 'seconds' => -1.0];
foreach ($calls as $k => $c) {
    echo "lines {$c['lines']}: bytes ", $c['bytes'] === $offset($c['lines']) ? 'exact' : "{$c['bytes']}, expected {$offset($c['lines'])}",
        ', total_bytes ', $c['total_bytes'] === strlen($text) ? 'the file size' : var_export($c['total_bytes'], true), "\n";
    $ok = $ok && array_keys($c) === ['lines', 'bytes', 'total_bytes', 'seconds'] && is_float($c['seconds'])
        && $c['lines'] > $prev['lines'] && $c['bytes'] > $prev['bytes'] && $c['seconds'] >= $prev['seconds'];
    if ($k < count($calls) - 1) $ok = $ok && $c['lines'] % 65536 === 0;
    $prev = $c;
}
echo 'keys, types, monotonic, powers of two: ', var_export($ok, true), "\n";
$last = end($calls);
echo 'last = lines read: ', var_export($last['lines'] === $n && $p->stats()['lines'] === $n, true), "\n";
echo 'last bytes = file size: ', var_export($last['bytes'] === filesize($file), true), "\n";

// Without the option, the same profiles.
$q = Segment\Profiles::fromCsv($file, ['customer' => 'customer', 'order' => 'order', 'date' => 'date', 'amount' => 'amount']);
echo 'same profiles without progress: ', var_export($q->toArray() === $p->toArray(), true), "\n";

// A small file: one call, at the end.
file_put_contents($file, "customer,date,amount\na,2025-01-01,1\nb,2025-01-02,2");
$calls = [];
Segment\Profiles::fromCsv($file, ['customer' => 'customer', 'date' => 'date', 'amount' => 'amount',
    'progress' => function ($i) use (&$calls) { $calls[] = $i; }]);
echo json_encode(array_map(fn ($c) => [$c['lines'], $c['bytes'], $c['total_bytes']], $calls)), "\n";
// An empty file: one call with zeros.
file_put_contents($file, '');
$calls = [];
Segment\Profiles::fromCsv($file, ['customer' => 'customer', 'date' => 'date', 'amount' => 'amount',
    'progress' => function ($i) use (&$calls) { $calls[] = $i; }]);
echo json_encode(array_map(fn ($c) => [$c['lines'], $c['bytes'], $c['total_bytes']], $calls)), "\n";
unlink($file);

// A pipe: total_bytes is null, bytes still exact.
if (function_exists('proc_open') && is_readable('/dev/stdin')) {
    $ini = php_ini_loaded_file();
    $child = [PHP_BINARY, '-n', '-d', 'pcre.jit=0', '-d', 'extension_dir=' . ini_get('extension_dir'), '-d', 'extension=segment', '-r',
        '$c = []; Segment\Profiles::fromCsv("/dev/stdin", ["customer" => "c", "date" => "d", "amount" => "a",
         "progress" => function ($i) use (&$c) { $c[] = $i; }]); echo json_encode(array_map(fn ($x) => [$x["lines"], $x["bytes"], $x["total_bytes"]], $c));'];
    $proc = proc_open($child, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $in = "c,d,a\n" . str_repeat("x,2025-01-01,1\n", 1000);
    fwrite($pipes[0], $in);
    fclose($pipes[0]);
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    proc_close($proc);
    echo 'pipe: ', $out === json_encode([[1000, strlen($in), null]]) ? 'total_bytes null, bytes exact' : "$out $err", "\n";
} else {
    echo "pipe: total_bytes null, bytes exact\n";
}
?>
--EXPECT--
3 calls
lines 65536: bytes exact, total_bytes the file size
lines 131072: bytes exact, total_bytes the file size
lines 140000: bytes exact, total_bytes the file size
keys, types, monotonic, powers of two: true
last = lines read: true
last bytes = file size: true
same profiles without progress: true
[[2,50,50]]
[[0,0,0]]
pipe: total_bytes null, bytes exact
