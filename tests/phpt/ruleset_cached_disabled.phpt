--TEST--
segment.cache_size=0 turns the per-process cache off: every cached() and fromFile() call compiles again
--EXTENSIONS--
segment
--INI--
segment.cache_size=0
--FILE--
<?php
$calls = 0;
for ($i = 0; $i < 3; $i++) {
    Segment\RuleSet::cached('k', function () use (&$calls) {
        $calls++;
        return [['code' => 'a', 'rule' => 'true']];
    });
}
echo "loader calls: $calls\n";
$file = sys_get_temp_dir() . '/segment_cached_disabled.json';
file_put_contents($file, '[{"code": "a", "rule": "x > 1"}]');
Segment\RuleSet::fromFile($file);
Segment\RuleSet::fromFile($file);
unlink($file);
ob_start();
phpinfo(INFO_MODULES);
preg_match('/Cached rule sets => (\d+)/', $info = ob_get_clean(), $m);
preg_match('/Cache hits \/ misses => (\d+ \/ \d+)/', $info, $h);
echo "cached sets: $m[1], hits / misses: $h[1]\n";
?>
--EXPECT--
loader calls: 3
cached sets: 0, hits / misses: 0 / 5
