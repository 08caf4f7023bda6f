--TEST--
Segment\RuleSet::match() and Model::segments(): each answer is one shared immutable list; changing a copy never reaches another call, past 256 answers and 64 rules too
--EXTENSIONS--
segment
--FILE--
<?php
// ten independent rules: 1,024 possible answers, more than the 256 kept
$defs = [];
for ($b = 0; $b < 10; $b++) $defs[] = ['code' => "bit$b", 'rule' => "n % " . (2 << $b) . " >= " . (1 << $b), 'priority' => 100 - $b];
$set = new Segment\RuleSet($defs);
$want = function (int $n): array {
    $out = [];
    for ($b = 0; $b < 10; $b++) if ($n & (1 << $b)) $out[] = "bit$b";
    return $out;
};
$bad = 0;
$held = [];
for ($pass = 0; $pass < 2; $pass++) {
    for ($n = 0; $n < 1024; $n++) {
        $got = $set->match(['n' => $n]);
        if ($got !== $want($n)) $bad++;
        if ($pass === 0) {
            $held[$n] = $got;
            // change the copy every way PHP code can
            $got[] = 'added';
            $got[0] = 'changed';
            foreach ($got as &$v) $v = 'by reference';
            unset($v);
            sort($got);
        } elseif ($held[$n] !== $want($n)) {
            $bad++;
        }
    }
}
echo "1024 answers, two passes: $bad wrong\n";

// a set of more than 64 rules answers as before
$many = [];
for ($i = 0; $i < 70; $i++) $many[] = ['code' => "r$i", 'rule' => "x >= $i", 'priority' => -$i];
$big = new Segment\RuleSet($many);
echo '70 rules: ', implode(',', $big->match(['x' => 2])), ' / ', count($big->match(['x' => 69])), "\n";

// Model::segments() and segments_of() share them the same way
$model = Segment\Model::build($defs);
$a = $model->segments(['n' => 5]);
$a[] = 'x';
echo 'segments(): ', json_encode($model->segments(['n' => 5])), ', segments_of(): ', json_encode(segments_of(['n' => 5], $set)), "\n";

// the lists outlive their rule set
$keep = $set->match(['n' => 3]);
unset($set, $model);
gc_collect_cycles();
echo 'after the set is gone: ', json_encode($keep), "\n";
?>
--EXPECT--
1024 answers, two passes: 0 wrong
70 rules: r0,r1,r2 / 70
segments(): ["bit0","bit2"], segments_of(): ["bit0","bit2"]
after the set is gone: ["bit0","bit1"]
