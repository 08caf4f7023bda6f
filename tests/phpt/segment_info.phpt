--TEST--
Extension information: version, INI settings and defaults, phpinfo() section, functions and classes
--EXTENSIONS--
segment
--FILE--
<?php
$ext = new ReflectionExtension('segment');
var_dump($ext->getVersion() === phpversion('segment'));
var_dump((bool)preg_match('/^\d+\.\d+\.\d+/', $ext->getVersion()));
$ini = $ext->getINIEntries();
ksort($ini);
print_r($ini);
print_r(array_keys($ext->getFunctions()));
$classes = $ext->getClassNames();
sort($classes);
print_r($classes);
print_r($ext->getDependencies());

ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();
$section = substr($info, strpos($info, "\nsegment\n"));
$section = substr($section, 0, strpos($section, "segment.validate_timestamps") + 60);
echo preg_replace('/(segment\.validate_timestamps[^\n]*)\n.*/s', '$1', $section), "\n";
?>
--EXPECTF--
bool(true)
bool(true)
Array
(
    [segment.cache_size] => 64
    [segment.max_depth] => 64
    [segment.max_rule_length] => 65536
    [segment.model] => 
    [segment.revalidate_freq] => 0
    [segment.rules_file] => 
    [segment.validate_timestamps] => 1
)
Array
(
    [0] => segment_of
    [1] => segments_of
)
Array
(
    [0] => Segment\AttributeError
    [1] => Segment\Context
    [2] => Segment\DataError
    [3] => Segment\DatabaseError
    [4] => Segment\Exception
    [5] => Segment\KMeans
    [6] => Segment\Model
    [7] => Segment\Profiles
    [8] => Segment\Rfm
    [9] => Segment\RuleSet
    [10] => Segment\RuleSyntaxError
    [11] => Segment\Store
    [12] => Segment\StoreBusyError
)
Array
(
    [date] => Required
    [json] => Required
    [spl] => Required
)

segment

segment support => enabled
Version => %d.%d.%s
Cached rule sets => 0
Cache hits / misses => 0 / 0
Cached models => 0
Model cache hits / misses => 0 / 0
MySQL/MariaDB source (Profiles::fromDatabase) => %renabled \(client library [^)]+\)|disabled \(build with \.\/configure --with-segment-mysql\)%r

Directive => Local Value => Master Value
segment.cache_size => 64 => 64
segment.max_depth => 64 => 64
segment.max_rule_length => 65536 => 65536
segment.model => no value => no value
segment.revalidate_freq => 0 => 0
segment.rules_file => no value => no value
segment.validate_timestamps => On => On
