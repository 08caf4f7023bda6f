--TEST--
Segment\Rfm::score(): for "quantile" a customer's own profile scores exactly as in scores(); for "pandas" it differs by at most one, towards the lower bin
--EXTENSIONS--
segment
--FILE--
<?php
mt_srand(20240101);
$rows = [];
$base = strtotime('2024-06-01 00:00:00 UTC');
for ($c = 0; $c < 600; $c++) {
    $id = $c % 7 === 0 ? "cust-$c" : 100000 + $c * 13 % 600;   // mixed string and int ids
    $orders = mt_rand(1, 4) === 1 ? mt_rand(1, 30) : mt_rand(1, 3);
    $start = $base - mt_rand(0, 400) * 86400 - mt_rand(0, 86399);
    for ($k = 0; $k < $orders; $k++) {
        // Amounts with few distinct values, so that many customers tie; some returns.
        $amount = mt_rand(1, 10) === 1 ? -mt_rand(1, 5) * 2.5 : mt_rand(0, 40) * 2.5 + (mt_rand(0, 1) ? 0.1 : 0);
        $rows[] = ['c' => $id, 'o' => "$c-$k", 'd' => $start + $k * 3600 * mt_rand(1, 200), 'a' => $amount];
    }
}
foreach (['exclude', 'net'] as $returns) {
    $p = Segment\Profiles::fromIterable($rows, ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a',
                                                'returns' => $returns, 'reference' => '2024-06-01 00:00:00']);
    foreach ([2, 3, 5, 7, 10] as $bins) {
        $rfm = Segment\Rfm::fit($p, ['bins' => $bins]);
        $scores = $rfm->scores();
        $same = $diff = 0;
        foreach ($p as $id => $profile) {
            $one = $rfm->score($profile);
            if ($one === null) {
                $diff += isset($scores[$id]);
                continue;
            }
            $one === $scores[$id] ? $same++ : $diff++;
        }
        echo "quantile $returns bins=$bins: ", count($p), ' profiles, ', count($scores), " scored, $same equal, $diff differ\n";
    }
    $rfm = Segment\Rfm::fit($p, ['method' => 'pandas']);
    $scores = $rfm->scores();
    $bad = $changed = 0;
    foreach ($p as $id => $profile) {
        $one = $rfm->score($profile);
        if ($one === null) {
            $bad += isset($scores[$id]);
            continue;
        }
        $b = $scores[$id];
        $changed += $one !== $b;
        // R: the threshold puts a boundary value in the better (lower-recency) bin.
        $bad += !in_array($one['r'] - $b['r'], [0, 1], true) || !in_array($b['f'] - $one['f'], [0, 1], true)
            || !in_array($b['m'] - $one['m'], [0, 1], true);
    }
    echo "pandas $returns: ", count($scores), " scored, ", $changed > 0 ? 'some differ' : 'none differ', ", $bad out of range\n";
}
?>
--EXPECT--
quantile exclude bins=2: 600 profiles, 584 scored, 584 equal, 0 differ
quantile exclude bins=3: 600 profiles, 584 scored, 584 equal, 0 differ
quantile exclude bins=5: 600 profiles, 584 scored, 584 equal, 0 differ
quantile exclude bins=7: 600 profiles, 584 scored, 584 equal, 0 differ
quantile exclude bins=10: 600 profiles, 584 scored, 584 equal, 0 differ
pandas exclude: 584 scored, some differ, 0 out of range
quantile net bins=2: 600 profiles, 584 scored, 584 equal, 0 differ
quantile net bins=3: 600 profiles, 584 scored, 584 equal, 0 differ
quantile net bins=5: 600 profiles, 584 scored, 584 equal, 0 differ
quantile net bins=7: 600 profiles, 584 scored, 584 equal, 0 differ
quantile net bins=10: 600 profiles, 584 scored, 584 equal, 0 differ
pandas net: 584 scored, some differ, 0 out of range
