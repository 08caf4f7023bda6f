--TEST--
Segment\Model::save()/load(): the file round-trips, the parts come back, and a bad file names what is wrong (issue 5)
--EXTENSIONS--
segment
--FILE--
<?php
require __DIR__ . '/../model/fixture.inc';
$dir = sys_get_temp_dir() . '/segment-model-file-' . getmypid();
[$profiles, $rfm, $km, $rules] = model_fixture($dir);
$model = Segment\Model::build(new Segment\RuleSet($rules), $rfm, $km, ['shop' => 'demo', 'k' => 3]);
$file = "$dir/model.json";
$model->save($file);
echo 'files after save: ', implode(' ', array_map('basename', glob("$dir/*"))), "\n";
$doc = json_decode(file_get_contents($file), true);
echo 'keys: ', implode(',', array_keys($doc)), "\n";
echo 'format ', $doc['format'], ' version ', $doc['version'], ', model_version = version(): ',
    var_export($doc['model_version'] === $model->version(), true), ', settings ', json_encode($doc['settings']), "\n";
echo 'toArray() is the file: ', var_export($model->toArray() == $doc, true), "\n";

$loaded = Segment\Model::load($file);
echo 'same version: ', var_export($loaded->version() === $model->version(), true), "\n";
$same = 0;
foreach ($profiles as $id => $p) {
    $same += $loaded->assign($p, ['device' => 'mobile']) === $model->assign($p, ['device' => 'mobile']);
}
echo "same assignment for $same of ", count($profiles), " customers\n";
// the parts, as objects of their own classes
$r2 = $loaded->rfm();
$k2 = $loaded->kmeans();
$p = $profiles->get('2');
echo 'rfm(): ', get_class($r2), ', same score: ', var_export($r2->score($p) === $rfm->score($p), true), "\n";
echo 'kmeans(): ', get_class($k2), ', same cluster: ', var_export($k2->assign($p) === $km->assign($p), true), "\n";
echo 'rules(): ', get_class($loaded->rules()), ', codes equal: ', var_export($loaded->rules()->codes() === (new Segment\RuleSet($rules))->codes(), true), "\n";
// equal contents, equal digest; a different setting, a different one
echo 'digest stable: ', var_export(Segment\Model::build($rules, $rfm, $km, ['shop' => 'demo', 'k' => 3])->version() === $model->version(), true),
    ', changes with settings: ', var_export(Segment\Model::build($rules, $rfm, $km, ['shop' => 'x'])->version() !== $model->version(), true), "\n";
$named = Segment\Model::build($rules, null, null, ['version' => '2026-11-21.1']);
echo 'given version: ', $named->version(), ', rfm() ', var_export($named->rfm(), true), ', kmeans() ', var_export($named->kmeans(), true), "\n";

// A bad file: Segment\Exception naming the file and the part.
$bad = "$dir/bad.json";
$cases = [
    'missing file' => null,
    'not JSON' => '{"format": ',
    'a JSON list' => '[1, 2]',
    'wrong format' => ['format' => 'segment-rfm'] + $doc,
    'version 2' => ['version' => 2] + $doc,
    'no model_version' => array_diff_key($doc, ['model_version' => 1]),
    'rules not a list' => ['rules' => ['a' => 1]] + $doc,
    'a rule with a syntax error' => ['rules' => [['code' => 'x', 'rule' => "orders >=\n  and"]]] + $doc,
    'a rule without code' => ['rules' => [['rule' => 'true']]] + $doc,
    'rfm of the wrong format' => ['rfm' => ['format' => 'nope']] + $doc,
    'rfm thresholds missing' => ['rfm' => array_diff_key($doc['rfm'], ['thresholds' => 1])] + $doc,
    'kmeans k 0' => ['kmeans' => ['k' => 0] + $doc['kmeans']] + $doc,
    'kmeans edited centroid' => (function () use ($doc) {
        $d = $doc;
        $f = array_key_first($d['kmeans']['clusters'][0]['centroid']);
        $d['kmeans']['clusters'][0]['centroid'][$f] += 1000;
        return $d;
    })(),
    'settings a string' => ['settings' => 'x'] + $doc,
];
foreach ($cases as $label => $content) {
    @unlink($bad);
    if ($content !== null) file_put_contents($bad, is_string($content) ? $content : json_encode($content));
    try {
        Segment\Model::load($bad);
        echo "$label: loaded\n";
    } catch (Segment\Exception $e) {
        echo "$label: ", get_class($e), ': ', str_replace($dir, 'DIR', $e->getMessage()), "\n";
    }
}
try {
    Segment\Model::load($file, 'not-this-version');
} catch (Segment\Exception $e) {
    echo 'wrong version key: ', str_replace($dir, 'DIR', $e->getMessage()), "\n";
}
try {
    $model->save("$dir/no/such/dir/m.json");
} catch (Segment\Exception $e) {
    echo 'save into a missing directory: ', get_class($e), "\n";
}
echo 'the good file is intact: ', var_export(Segment\Model::load($file)->version() === $model->version(), true), "\n";
foreach (glob("$dir/*") as $f) unlink($f);
rmdir($dir);
?>
--EXPECTF--
files after save: model.json orders.csv
keys: format,version,model_version,rules,rfm,kmeans,settings
format segment-model version 1, model_version = version(): true, settings {"shop":"demo","k":3}
toArray() is the file: true
same version: true
same assignment for %d of %d customers
rfm(): Segment\Rfm, same score: true
kmeans(): Segment\KMeans, same cluster: true
rules(): Segment\RuleSet, codes equal: true
digest stable: true, changes with settings: true
given version: 2026-11-21.1, rfm() NULL, kmeans() NULL
missing file: Segment\Exception: cannot read the segment model 'DIR/bad.json'
not JSON: Segment\Exception: 'DIR/bad.json' is not a valid segment model: it is not a JSON object
a JSON list: Segment\Exception: 'DIR/bad.json' is not a valid segment model: 'format' is not "segment-model"
wrong format: Segment\Exception: 'DIR/bad.json' is not a valid segment model: 'format' is not "segment-model"
version 2: Segment\Exception: 'DIR/bad.json' is not a valid segment model: 'version' is not 1, the version this extension reads
no model_version: Segment\Exception: 'DIR/bad.json' is not a valid segment model: 'model_version' must be a string of 1 to 128 bytes
rules not a list: Segment\Exception: 'DIR/bad.json' is not a valid segment model: 'rules' must be a list of segment definitions
a rule with a syntax error: Segment\RuleSyntaxError: %s
a rule without code: Segment\Exception: 'DIR/bad.json' (rules): definition 0 needs 'code' as a string
rfm of the wrong format: Segment\Exception: 'DIR/bad.json' (rfm) is not a valid RFM model: 'format' is not "segment-rfm"
rfm thresholds missing: Segment\Exception: 'DIR/bad.json' (rfm) is not a valid RFM model: 'thresholds' must hold r, f and m, each bins - 1 ascending numbers
kmeans k 0: Segment\Exception: 'DIR/bad.json' (kmeans) is not a valid k-means model: 'k' must be an integer from 1 to 1024
kmeans edited centroid: Segment\Exception: 'DIR/bad.json' (kmeans) is not a valid k-means model: 'clusters[0].centroid.%s' %s
settings a string: Segment\Exception: 'DIR/bad.json' is not a valid segment model: 'settings' must be an object
wrong version key: 'DIR/model.json' is not a valid segment model: its model_version is "%s", not the "not-this-version" asked for
save into a missing directory: Segment\Exception
the good file is intact: true
