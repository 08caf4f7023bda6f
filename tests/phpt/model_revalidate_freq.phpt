--TEST--
INI segment.revalidate_freq: a cached model file is stat()ed at most once per that many seconds; 0 (the default) checks on every load()
--EXTENSIONS--
segment
--INI--
segment.revalidate_freq=3600
--FILE--
<?php
$dir = sys_get_temp_dir() . '/segment-model-revalidate-' . getmypid();
@mkdir($dir);
$file = "$dir/model.json";
$v = fn(string $version, string $rule) => Segment\Model::build([['code' => 's', 'rule' => $rule]], null, null, ['version' => $version]);
$v('v1', 'true')->save($file);
echo Segment\Model::load($file)->version(), "\n";
$v('v2', 'false')->save($file);
echo 'within the interval, no stat: ', Segment\Model::load($file)->version(), "\n";
unlink($file);
echo 'even a removed file is not noticed: ', Segment\Model::load($file)->version(), "\n";
$v('v3', 'false')->save($file);

ini_set('segment.revalidate_freq', '0');
echo 'revalidate_freq 0: ', Segment\Model::load($file)->version(), "\n";
$v('v4', 'false')->save($file);
echo 'checked on every call: ', Segment\Model::load($file)->version(), "\n";

ini_set('segment.revalidate_freq', '1');
$v('v5', 'false')->save($file);
sleep(2);
echo 'revalidate_freq 1, two seconds later: ', Segment\Model::load($file)->version(), "\n";

ini_set('segment.validate_timestamps', '0');
ini_set('segment.revalidate_freq', '0');
$v('v7', 'false')->save($file);
echo 'validate_timestamps=0 wins over revalidate_freq: ', Segment\Model::load($file)->version(), "\n";
ini_set('segment.validate_timestamps', '1');

var_dump(ini_set('segment.revalidate_freq', '-1'));
echo 'still ', ini_get('segment.revalidate_freq'), "\n";
unlink($file);
rmdir($dir);
?>
--EXPECTF--
v1
within the interval, no stat: v1
even a removed file is not noticed: v1
revalidate_freq 0: v3
checked on every call: v4
revalidate_freq 1, two seconds later: v5
validate_timestamps=0 wins over revalidate_freq: v5

Warning: ini_set(): segment.revalidate_freq must be 0 or more seconds in %s on line %d
bool(false)
still 0
