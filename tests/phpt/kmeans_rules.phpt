--TEST--
Segment\KMeans::assign() in rules: cluster == N and cluster_name == "..." in a RuleSet, names from withNames() and the names option
--EXTENSIONS--
segment
--FILE--
<?php
// Three obvious groups of customers: small, regular and big spenders.
$customers = [];
foreach ([['s', 20, 1], ['r', 150, 4], ['b', 2000, 12]] as $g => [$prefix, $spend, $visits]) {
    for ($i = 0; $i < 5; $i++) $customers["$prefix$i"] = ['spend' => $spend * (1 + $i / 20), 'visits' => $visits + $i % 2, 'email' => "$prefix$i@example.org"];
}
$km = Segment\KMeans::fit($customers, 3, ['features' => ['spend', 'visits'], 'log1p' => ['spend'], 'seed' => 4]);
// Which cluster the big spenders are in, from the centroids (not assumed).
$spend = array_column($km->centroids(), 'spend');
arsort($spend);
$big = array_key_first($spend);
$names = [];
foreach (array_keys($spend) as $rank => $c) $names[$c] = ['Big Spenders', 'Regulars', 'Occasional'][$rank];
ksort($names);
$km = $km->withNames($names);

$set = new Segment\RuleSet([
    ['code' => 'vip', 'rule' => 'cluster_name == "Big Spenders"', 'priority' => 20],
    ['code' => 'big_by_number', 'rule' => "cluster == $big", 'priority' => 10],
    ['code' => 'regular_close', 'rule' => 'cluster_name == "Regulars" and distance < 1', 'priority' => 5],
]);
foreach ($customers as $id => $c) {
    $c += $km->assign($c);   // cluster, cluster_name, distance merged into the customer
    echo "$id {$c['cluster_name']}: ", implode(',', $set->match($c)), "\n";
}
$a = $km->assign(['spend' => 5000, 'visits' => 20]);
echo "assign(): ", implode(',', array_keys($a)), "; ", gettype($a['cluster']), ', ', gettype($a['cluster_name']), ', ', gettype($a['distance']),
    "; a new customer spending 5000 is a ", $a['cluster_name'], "\n";
echo "distance is the euclidean distance in scaled space: ";
$m = $km->toArray();
$x = [];
foreach ($m['features'] as $j => $f) {
    $v = ['spend' => 5000, 'visits' => 20][$f['name']];
    $x[] = (($f['log1p'] ? log1p($v) : $v) - $f['center']) / $f['scale'] * $f['weight'];
}
$s = $m['clusters'][$a['cluster']]['scaled'];
var_dump(abs(sqrt(($x[0] - $s[0]) ** 2 + ($x[1] - $s[1]) ** 2) - $a['distance']) < 1e-12);
// Names as an option give the same.
$k2 = Segment\KMeans::fit($customers, 3, ['features' => ['spend', 'visits'], 'log1p' => ['spend'], 'seed' => 4, 'names' => $names]);
echo "names option: ", var_export($k2->names() === $km->names() && $k2->assign($customers['b0'])['cluster_name'] === 'Big Spenders', true), "\n";
var_dump(Segment\RuleSet::validate('cluster == 2 and cluster_name == "Big Spenders"', ['cluster', 'cluster_name']));
?>
--EXPECT--
s0 Occasional: 
s1 Occasional: 
s2 Occasional: 
s3 Occasional: 
s4 Occasional: 
r0 Regulars: regular_close
r1 Regulars: regular_close
r2 Regulars: regular_close
r3 Regulars: regular_close
r4 Regulars: regular_close
b0 Big Spenders: vip,big_by_number
b1 Big Spenders: vip,big_by_number
b2 Big Spenders: vip,big_by_number
b3 Big Spenders: vip,big_by_number
b4 Big Spenders: vip,big_by_number
assign(): cluster,cluster_name,distance; integer, string, double; a new customer spending 5000 is a Big Spenders
distance is the euclidean distance in scaled space: bool(true)
names option: true
array(2) {
  [0]=>
  string(7) "cluster"
  [1]=>
  string(12) "cluster_name"
}
