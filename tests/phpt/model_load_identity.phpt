--TEST--
Segment\Model::load(): the same cached model gives the same object within a request; a replaced file a new one; every spelling of a path finds the entry
--EXTENSIONS--
segment
--FILE--
<?php
$dir = sys_get_temp_dir() . '/segment-model-identity-' . getmypid();
@mkdir($dir);
$dir = realpath($dir);
$file = "$dir/model.json";
Segment\Model::build([['code' => 'vip', 'rule' => 'orders >= 3']], null, null, ['version' => 'v1'])->save($file);

$a = Segment\Model::load($file);
$b = Segment\Model::load($file);
echo 'same object: ', var_export($a === $b, true), "\n";
$id = spl_object_id($a);
unset($a, $b);
$c = Segment\Model::load($file);
echo 'after the last holder went, a model again: ', $c->version(), "\n";

// other spellings of the same file: the same entry, and the same object
chdir($dir);
$d = Segment\Model::load('model.json');
$e = Segment\Model::load("$dir/./model.json");
$f = Segment\Model::load("$dir//model.json");
echo 'relative, ./ and // spellings: ', var_export($c === $d && $d === $e && $e === $f, true),
    ', entries ', Segment\Model::cacheInfo()['entries'], "\n";

// a version key finds the same object too
echo 'with the version key: ', var_export(Segment\Model::load($file, 'v1') === $c, true), "\n";

// build() makes a new object every time
$built = Segment\Model::build([['code' => 'vip', 'rule' => 'orders >= 3']], null, null, ['version' => 'v1']);
echo 'build() is not the cached object: ', var_export($built !== $c, true), "\n";

// a replaced file: a new object with the new model; the old one keeps its model
Segment\Model::build([['code' => 'vip', 'rule' => 'orders >= 10']], null, null, ['version' => 'v2'])->save($file);
$g = Segment\Model::load($file);
echo 'replaced: new object ', var_export($g !== $c, true), ', ', $c->version(), ' -> ', $g->version(),
    ', old still assigns: ', json_encode($c->assign(['orders' => 5])['segments']),
    ', new: ', json_encode($g->assign(['orders' => 5])['segments']), "\n";
echo 'and that one again: ', var_export(Segment\Model::load($file) === $g, true), "\n";
echo json_encode(Segment\Model::cacheInfo()), "\n";

// a loaded model cannot be cloned, so the shared object cannot be copied and changed
try {
    $h = clone $g;
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    $g->extra = 1;
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
unlink($file);
rmdir($dir);
?>
--EXPECT--
same object: true
after the last holder went, a model again: v1
relative, ./ and // spellings: true, entries 1
with the version key: true
build() is not the cached object: true
replaced: new object true, v1 -> v2, old still assigns: ["vip"], new: []
and that one again: true
{"hits":7,"misses":2,"entries":1}
Error: Trying to clone an uncloneable object of class Segment\Model
Error: Cannot create dynamic property Segment\Model::$extra
