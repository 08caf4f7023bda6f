<?php
/**
 * Soak test set-up (tests/soak/run.sh): profiles for the page, and K
 * versions of a segment model whose rules differ, with the segments every
 * profile must get under each version (what the wrk script checks every
 * response against).
 *
 *   php make_models.php DIR K
 *
 * Writes DIR/profiles.php (id => profile array, included by the page),
 * DIR/model-v1.json .. model-vK.json, DIR/expected.lua (version => id =>
 * the JSON of the segment list) and DIR/ids.lua.
 */
declare(strict_types=1);

[$dir, $k] = [$argv[1], (int) ($argv[2] ?? 5)];
mt_srand(42, MT_RAND_MT19937);
$csv = "$dir/orders.csv";
$f = fopen($csv, 'w');
fwrite($f, "order,customer,date,amount\n");
for ($i = 0; $i < 6000; $i++) {
    $c = (int) floor(400 * (mt_rand() / mt_getrandmax()) ** 2) + 1;
    fprintf($f, "%d,c%d,2026-%02d-%02d 12:00:00,%.2f\n", $i, $c, mt_rand(1, 10), mt_rand(1, 28), mt_rand(500, 30000) / 100);
}
fclose($f);
$profiles = Segment\Profiles::fromCsv($csv, ['customer' => 'customer', 'order' => 'order', 'date' => 'date',
    'amount' => 'amount', 'reference' => '2026-11-01 00:00:00']);
$rfm = Segment\Rfm::fit($profiles);
$km = Segment\KMeans::fit($profiles, 8, ['seed' => 3]);
$list = [];
foreach ($profiles as $id => $p) {
    $list[$id] = $p + ['country' => ['FR', 'DE', 'US', 'BE'][crc32($id) % 4], 'newsletter' => crc32($id) % 3 === 0];
}
file_put_contents("$dir/profiles.php", '<?php return ' . var_export($list, true) . ";\n");

$expected = [];
for ($v = 1; $v <= $k; $v++) {
    // each version moves the thresholds, so most customers change segments between versions
    $rules = [
        ['code' => "vip$v", 'rule' => 'monetary >= ' . (300 + 150 * $v), 'priority' => 100],
        ['code' => 'champions', 'rule' => 'rfm.segment == "Champions"', 'priority' => 90 - $v],
        ['code' => 'at_risk', 'rule' => 'rfm.segment in ("At Risk", "Can\'t Lose Them", "Hibernating")', 'priority' => 80],
        ['code' => "cluster_$v", 'rule' => 'cluster == ' . ($v % 8), 'priority' => 70],
        ['code' => 'loyal', 'rule' => 'orders >= ' . (2 + $v % 3), 'priority' => 60],
        ['code' => 'francophone', 'rule' => 'country in ("FR", "BE") and newsletter', 'priority' => 50],
        ['code' => 'guest', 'rule' => 'visitor_type == "guest"', 'priority' => 40],
    ];
    $model = Segment\Model::build($rules, $rfm, $km, ['version' => "v$v"]);
    $model->save("$dir/model-v$v.json");
    foreach ($list as $id => $p) {
        $expected["v$v"][$id] = json_encode($model->assign($p)['segments']);
    }
    $expected["v$v"]['guest'] = json_encode($model->assign(null)['segments']);
}
$lua = "return {\n";
foreach ($expected as $v => $byId) {
    $lua .= "  [\"$v\"] = {\n";
    foreach ($byId as $id => $json) {
        $lua .= '    ["' . $id . '"] = ' . var_export($json, true) . ",\n";
    }
    $lua .= "  },\n";
}
file_put_contents("$dir/expected.lua", $lua . "}\n");
file_put_contents("$dir/ids.lua", 'return {' . implode(', ', array_map(fn($id) => '"' . $id . '"', [...array_keys($list), 'guest'])) . "}\n");
echo count($list), " profiles, $k model versions\n";
