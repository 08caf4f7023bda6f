--TEST--
Segment\KMeans::fit() on Segment\Profiles: ids as keys, default features, log1p and z-score checked by hand, centroids as the inverse transform, predict(Profiles::get())
--EXTENSIONS--
segment
--FILE--
<?php
// 30 customers: recency 1..90 days, 1..12 orders, spend 10..5000; one without orders.
mt_srand(3);
$rows = [];
for ($id = 100; $id < 130; $id++) {
    $orders = mt_rand(1, 12);
    $last = 1706745600 - mt_rand(1, 90) * 86400 - 3600;
    for ($k = 0; $k < $orders; $k++) {
        $rows[] = ['c' => $id, 'o' => "$id-$k", 'd' => $last - $k * 7 * 86400, 'a' => mt_rand(1000, 500000) / 100 / $orders];
    }
}
$rows[] = ['c' => 999, 'o' => 'C1', 'd' => '2024-01-01', 'a' => -10];   // a cancellation only: no orders
$p = Segment\Profiles::fromIterable($rows, ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a',
                                           'cancel_prefix' => 'C', 'reference' => '2024-02-01 00:00:00']);
$km = Segment\KMeans::fit($p, 3, ['seed' => 1]);
$labels = $km->labels();
echo count($p), " profiles, ", count($labels), " labelled; 999 left out: ", var_export(!isset($labels[999]), true),
    "; keys are the ids: ", var_export(array_keys($labels) === range(100, 129), true), "\n";
$same = 0;
foreach ($labels as $id => $l) $same += $km->predict($p->get((string) $id)) === $l;
echo "predict(\$profiles->get(\$id)) equals the label for $same customers\n";

// The scaler, by hand: log1p of frequency and monetary, population z-score.
$model = $km->toArray();
foreach ($model['features'] as $f) echo "{$f['name']}: log1p ", var_export($f['log1p'], true), ", {$f['scaling']}, weight {$f['weight']}\n";
$cols = ['recency' => [], 'frequency' => [], 'monetary' => []];
foreach ($labels as $id => $l) {
    $g = $p->get((string) $id);
    $cols['recency'][] = $g['recency'];
    $cols['frequency'][] = log1p($g['orders']);
    $cols['monetary'][] = log1p($g['monetary']);
}
$ok = true;
foreach (array_values($cols) as $j => $v) {
    $mean = array_sum($v) / count($v);
    $std = sqrt(array_sum(array_map(fn ($x) => ($x - $mean) ** 2, $v)) / count($v));
    $f = $model['features'][$j];
    $ok = $ok && abs($f['center'] - $mean) <= 1e-12 * abs($mean) && abs($f['scale'] - $std) <= 1e-12 * $std;
}
echo "center and scale are the mean and population std: ", var_export($ok, true), "\n";
// Each scaled centroid is the mean of its members' scaled values; the
// centroid in original units is its inverse transform.
$okMean = $okInv = true;
$lab = array_values($labels);
foreach ($model['clusters'] as $c => $cl) {
    foreach (array_values($cols) as $j => $v) {
        $f = $model['features'][$j];
        $s = [];
        foreach ($v as $i => $x) if ($lab[$i] === $c) $s[] = ($x - $f['center']) / $f['scale'];
        $okMean = $okMean && abs(array_sum($s) / count($s) - $cl['scaled'][$j]) <= 1e-12;
        $t = $cl['scaled'][$j] * $f['scale'] + $f['center'];
        $orig = $f['log1p'] ? expm1($t) : $t;
        $okInv = $okInv && abs($orig - $cl['centroid'][$f['name']]) <= 1e-12 * max(1, abs($orig));
    }
}
echo "scaled centroids are member means: ", var_export($okMean, true), "; centroids() is the inverse transform: ",
    var_export($okInv, true), "; toArray() centroids equal centroids(): ",
    var_export(array_column($model['clusters'], 'centroid') === $km->centroids(), true), "\n";
echo "fit.reference: {$model['fit']['reference']}, source: {$model['source']}\n";

// Recency to a reference 10 days later: every recency + 10, the same clusters.
$later = Segment\KMeans::fit($p, 3, ['seed' => 1, 'reference' => '2024-02-11 00:00:00']);
$shift = true;
foreach ($later->centroids() as $c => $ct) $shift = $shift && abs($ct['recency'] - $km->centroids()[$c]['recency'] - 10) < 1e-9;
echo "reference + 10 days: same labels ", var_export($later->labels() === $labels, true), ", recency centroids + 10: ", var_export($shift, true), "\n";

// Every profile feature.
$all = ['recency', 'frequency', 'monetary', 'avg_order_value', 'tenure_days', 'mean_days_between_orders', 'cancelled', 'returned'];
$k8 = Segment\KMeans::fit($p, 2, ['features' => $all, 'seed' => 2]);
echo "all features: ", implode(',', array_keys($k8->centroids()[0])), "\n";
echo "log1p by default: ", implode(',', array_column(array_filter($k8->toArray()['features'], fn ($f) => $f['log1p']), 'name')), "\n";
$same = 0;
foreach ($k8->labels() as $id => $l) $same += $k8->predict($p->get((string) $id)) === $l;
echo "predict() on profile arrays (aliases orders, average_order_value, cancelled_orders): $same of ", count($k8->labels()), "\n";
$k0 = Segment\KMeans::fit($p, 2, ['log1p' => false, 'scale' => 'minmax', 'weights' => ['monetary' => 2]]);
echo "log1p false, minmax, weights: ", json_encode(array_map(fn ($f) => [$f['log1p'], $f['scaling'], $f['weight']], $k0->toArray()['features'])), "\n";
?>
--EXPECT--
31 profiles, 30 labelled; 999 left out: true; keys are the ids: true
predict($profiles->get($id)) equals the label for 30 customers
recency: log1p false, zscore, weight 1
frequency: log1p true, zscore, weight 1
monetary: log1p true, zscore, weight 1
center and scale are the mean and population std: true
scaled centroids are member means: true; centroids() is the inverse transform: true; toArray() centroids equal centroids(): true
fit.reference: 2024-02-01 00:00:00, source: profiles
reference + 10 days: same labels true, recency centroids + 10: true
all features: recency,frequency,monetary,avg_order_value,tenure_days,mean_days_between_orders,cancelled,returned
log1p by default: frequency,monetary,avg_order_value,cancelled,returned
predict() on profile arrays (aliases orders, average_order_value, cancelled_orders): 30 of 30
log1p false, minmax, weights: [[false,"minmax",1],[false,"minmax",1],[false,"minmax",2]]
