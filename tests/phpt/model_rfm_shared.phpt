--TEST--
Segment\Model: the RFM array every customer of a cell gets is shared and immutable; changing one's copy never reaches another's
--EXTENSIONS--
segment
--FILE--
<?php
require __DIR__ . '/../model/fixture.inc';
$dir = sys_get_temp_dir() . '/segment-model-rfm-shared-' . getmypid();
[$profiles, $rfm, $km, $rules] = model_fixture($dir);
$model = Segment\Model::build($rules, $rfm, $km);

$kept = [];
$checked = $differ = 0;
foreach ($profiles as $id => $profile) {
    $a = $model->assign($profile);
    $got = $a['attributes']['rfm'];
    if ($got !== $rfm->score($profile)) $differ++;
    $checked++;
    // every way PHP code can change what it was given
    $a['attributes']['rfm']['segment'] = 'changed';
    $a['attributes']['rfm']['extra'] = 1;
    unset($a['attributes']['rfm']['r']);
    foreach ($a['attributes']['rfm'] as &$v) $v = 'by reference';
    unset($v);
    $copy = $got;
    array_walk($copy, function (&$x) { $x = 'walked'; });
    $copy[] = 'appended';
    $kept[$id] = $got; // held across the next customers' calls
}
echo "$checked customers, $differ differ from Rfm::score()\n";

// a second pass sees the arrays of the first unchanged, and gets the same again
$differ = $cells = 0;
$byCell = [];
foreach ($profiles as $id => $profile) {
    $again = $model->assign($profile)['attributes']['rfm'];
    if ($again !== $kept[$id] || $kept[$id] !== $rfm->score($profile)) $differ++;
    $byCell[$again['score']][] = $again;
}
foreach ($byCell as $score => $list) {
    $cells++;
    foreach ($list as $x) if ($x !== $list[0]) $differ++;
}
echo "second pass: $differ differ, $cells cells\n";

// the arrays outlive their model: a new model, the old one dropped
$one = $kept[array_key_first($kept)];
unset($model);
$model = Segment\Model::build($rules, $rfm, $km);
echo 'after the model is gone: ', $one === $rfm->score($profiles->get((string) array_key_first($kept))) ? 'same' : 'DIFFERENT', "\n";
echo 'json: ', json_encode(array_keys($one)), "\n";
?>
--CLEAN--
<?php
$dir = sys_get_temp_dir() . '/segment-model-rfm-shared-' . getmypid();
foreach (glob("$dir/*") ?: [] as $f) unlink($f);
@rmdir($dir);
?>
--EXPECTF--
%d customers, 0 differ from Rfm::score()
second pass: 0 differ, %d cells
after the model is gone: same
json: ["r","f","m","score","segment","value_segment","group","retention"]
