--TEST--
Segment\Rfm::toCsv(): every scored customer with a header, RFC 4180 quoting; reads back with fgetcsv() as scores() and the profiles
--EXTENSIONS--
segment
--FILE--
<?php
$dir = sys_get_temp_dir() . '/segment_rfm_tocsv_' . getmypid();
@mkdir($dir);
$ids = ['17850', 'Smith, "Jo"', "multi\nline", "cr\rhere", '007', ' spaced ', 'plain'];
$rows = [];
foreach ($ids as $i => $id) {
    for ($k = 0; $k <= $i; $k++) {
        $rows[] = ['c' => $id, 'o' => "$i-$k", 'd' => '2024-01-0' . ($i + 1) . ' 10:00:00', 'a' => [0.1, 0.2, 1e20, 7, 1 / 3, 250.04, 2][$i]];
    }
}
$rows[] = ['c' => 'gone', 'o' => 'C9', 'd' => '2024-01-07 00:00:00', 'a' => -2.5];
$opts = ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a', 'cancel_prefix' => 'C',
         'reference' => '2024-01-10 00:00:00'];
$p = Segment\Profiles::fromIterable($rows, $opts);
$rfm = Segment\Rfm::fit($p, [
    'bins' => 3,
    'map' => [['name' => 'Big, "Spender"', 'm' => [3, 3]], ['name' => "two\nlines", 'f' => [2, 2]]],
    'groups' => [['name' => 'All', 'group' => 'g,1']],
    'retention' => [['name' => 'Recent', 'r' => [3, 3]]],
]);
var_dump($rfm->toCsv("$dir/scores.csv"));
echo strtr(file_get_contents("$dir/scores.csv"), ["\r" => '\r']); // a CR, shown
echo "--\n";

// Read back: every field equals scores() and the profile (same reference).
function check(Segment\Rfm $rfm, Segment\Profiles $p, string $path, int $shift = 0): void {
    $scores = $rfm->scores();
    $fh = fopen($path, 'r');
    $head = fgetcsv($fh, escape: '');
    $n = $bad = 0;
    $seen = [];
    while (($row = fgetcsv($fh, escape: '')) !== false) {
        $r = array_combine($head, $row);
        $id = $r['customer_id'];
        $s = $scores[$id];
        $pr = $p->get($id);
        $seen[] = $id;
        $n++;
        $bad += (int) $r['recency'] !== $pr['recency'] + $shift || (int) $r['frequency'] !== $pr['orders']
            || (float) $r['monetary'] !== $pr['monetary'];
        foreach (['r', 'f', 'm'] as $k) $bad += (int) $r[$k] !== $s[$k];
        $bad += $r['score'] !== (string) ($s['score'] ?? '');
        foreach (['segment', 'value_segment', 'group', 'retention'] as $k) $bad += $r[$k] !== (string) $s[$k];
    }
    fclose($fh);
    echo implode(',', $head), "\n";
    echo "$n rows, ", count($scores), " scored, same order: ", var_export(array_map('strval', array_keys($scores)) === $seen, true),
        ", differences: $bad\n";
}
check($rfm, $p, "$dir/scores.csv");
// Recency is measured to the fit's reference (the one R was scored on).
$later = Segment\Rfm::fit($p, ['reference' => '2024-01-15 00:00:00']);
var_dump($later->toCsv("$dir/later.csv"));
check($later, $p, "$dir/later.csv", 5);
// 10 bins: no "score" in scores(), an empty score column here.
$ten = Segment\Rfm::fit($p, ['bins' => 10]);
$ten->toCsv("$dir/ten.csv");
check($ten, $p, "$dir/ten.csv");
foreach (['scores.csv', 'later.csv', 'ten.csv'] as $f) unlink("$dir/$f");
var_dump(scandir($dir));
rmdir($dir);
?>
--EXPECT--
int(7)
customer_id,recency,frequency,monetary,r,f,m,score,segment,value_segment,group,retention
17850,8,1,0.10000000000000001,1,1,1,111,,All,"g,1",
"Smith, ""Jo""",7,2,0.40000000000000002,1,1,1,111,,All,"g,1",
"multi
line",6,3,3.0e+20,2,1,3,213,"Big, ""Spender""",All,"g,1",
"cr\rhere",5,4,28,2,2,2,222,"two
lines",All,"g,1",
007,4,5,1.6666666666666665,3,2,1,321,"two
lines",All,"g,1",Recent
 spaced ,3,6,1500.24,3,3,3,333,"Big, ""Spender""",All,"g,1",Recent
plain,2,7,14,3,3,2,332,,All,"g,1",Recent
--
customer_id,recency,frequency,monetary,r,f,m,score,segment,value_segment,group,retention
7 rows, 7 scored, same order: true, differences: 0
int(7)
customer_id,recency,frequency,monetary,r,f,m,score,segment,value_segment,group,retention
7 rows, 7 scored, same order: true, differences: 0
customer_id,recency,frequency,monetary,r,f,m,score,segment,value_segment,group,retention
7 rows, 7 scored, same order: true, differences: 0
array(2) {
  [0]=>
  string(1) "."
  [1]=>
  string(2) ".."
}
