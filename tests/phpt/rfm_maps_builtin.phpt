--TEST--
Segment\Rfm::maps(): the built-in maps rf11, core and retention as data, as docs/rfm.md section 7 defines them
--EXTENSIONS--
segment
--FILE--
<?php
$maps = Segment\Rfm::maps();
echo implode(',', array_keys($maps)), "\n";
$range = fn(array $r) => $r[0] === $r[1] ? "$r[0]" : ($r === [1, 5] ? 'any' : "$r[0]-$r[1]");
foreach ($maps as $name => $rules) {
    echo "== $name (", count($rules), ")\n";
    foreach ($rules as $i => $rule) {
        echo $i + 1, '. ', $rule['name'], ' R ', $range($rule['r']), ' F ', $range($rule['f']), ' M ', $range($rule['m']),
            isset($rule['group']) ? " [{$rule['group']}]" : '', "\n";
    }
}
// rf11 covers each (R, F) cell exactly once.
$cells = [];
foreach ($maps['rf11'] as $rule) {
    for ($r = $rule['r'][0]; $r <= $rule['r'][1]; $r++) {
        for ($f = $rule['f'][0]; $f <= $rule['f'][1]; $f++) $cells["$r$f"][] = $rule['name'];
    }
}
echo count($cells), ' cells, ', count(array_filter($cells, fn($c) => count($c) !== 1)), " covered twice\n";
// The grid of section 7.1.
for ($r = 5; $r >= 1; $r--) {
    echo $r, ': ';
    for ($f = 1; $f <= 5; $f++) echo str_pad($cells["$r$f"][0], 20);
    echo "\n";
}
// Rfm::fit() with the defaults uses exactly these maps.
$p = Segment\Profiles::fromIterable([['c' => 1, 'd' => '2024-01-01', 'a' => 1], ['c' => 2, 'd' => '2024-01-02', 'a' => 2]],
                                    ['customer' => 'c', 'date' => 'd', 'amount' => 'a']);
$m = Segment\Rfm::fit($p)->toArray()['maps'];
var_dump($m === ['segment' => $maps['rf11'], 'groups' => $maps['core'], 'retention' => $maps['retention']]);
// Named maps can be swapped between roles.
$m = Segment\Rfm::fit($p, ['map' => 'core', 'groups' => 'rf11', 'retention' => 'rf11'])->toArray()['maps'];
var_dump($m === ['segment' => $maps['core'], 'groups' => $maps['rf11'], 'retention' => $maps['rf11']]);
?>
--EXPECT--
rf11,core,retention
== rf11 (11)
1. Champions R 5 F 4-5 M any
2. Loyal Customers R 3-4 F 4-5 M any
3. Potential Loyalists R 4-5 F 2-3 M any
4. New Customers R 5 F 1 M any
5. Promising R 4 F 1 M any
6. Need Attention R 3 F 3 M any
7. About To Sleep R 3 F 1-2 M any
8. At Risk R 1-2 F 3-4 M any
9. Can't Lose Them R 1-2 F 5 M any
10. Hibernating R 2 F 1-2 M any
11. Lost R 1 F 1-2 M any
== core (7)
1. Champions R 4-5 F 4-5 M 4-5 [core]
2. Loyalists R any F 4-5 M any [core]
3. Big Spenders R any F any M 4-5 [core]
4. Promising R 4-5 F 2-3 M any [potential core]
5. New Customers R 4-5 F 1 M any [potential core]
6. Lost R 1-2 F 1-2 M 1-3 [non-core]
7. Low Value R any F any M any [non-core]
== retention (4)
1. Active R 4-5 F any M any
2. Drifting R 3 F any M any
3. Churn Risk R 2 F any M any
4. Lost R 1 F any M any
25 cells, 0 covered twice
5: New Customers       Potential Loyalists Potential Loyalists Champions           Champions           
4: Promising           Potential Loyalists Potential Loyalists Loyal Customers     Loyal Customers     
3: About To Sleep      About To Sleep      Need Attention      Loyal Customers     Loyal Customers     
2: Hibernating         Hibernating         At Risk             At Risk             Can't Lose Them     
1: Lost                Lost                At Risk             At Risk             Can't Lose Them     
bool(true)
bool(true)
