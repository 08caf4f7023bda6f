--TEST--
Segment\Rfm::summary(): per name of a map, in rule order: customers, share, monetary, mean recency and frequency; equals sums over scores()
--EXTENSIONS--
segment
--FILE--
<?php
// What summary() must give, computed in PHP from scores() and the profiles.
function expected(Segment\Rfm $rfm, Segment\Profiles $p, string $role): array {
    $field = ['segment' => 'segment', 'groups' => 'value_segment', 'retention' => 'retention'][$role];
    $empty = fn(?string $group) => ($role === 'groups' ? ['group' => $group] : [])
        + ['customers' => 0, 'share' => 0.0, 'monetary' => 0.0, 'comp' => 0.0, 'recency' => 0, 'orders' => 0];
    $out = [];
    foreach ($rfm->toArray()['maps'][$role] as $rule) {
        $out[$rule['name']] ??= $empty($rule['group'] ?? null);
    }
    $scores = $rfm->scores();
    foreach ($scores as $id => $s) {
        $name = $s[$field] ?? '';
        $out[$name] ??= $empty(null);
        $e = &$out[$name];
        $pr = $p->get((string) $id);
        $e['customers']++;
        $y = $pr['monetary'] - $e['comp'];   // Kahan, in profile order
        $t = $e['monetary'] + $y;
        $e['comp'] = ($t - $e['monetary']) - $y;
        $e['monetary'] = $t;
        $e['recency'] += $pr['recency'];
        $e['orders'] += $pr['orders'];
        unset($e);
    }
    foreach ($out as &$e) {
        $n = $e['customers'];
        $e['share'] = (float) ($n / count($scores));
        $e['recency_mean'] = $n ? (float) ($e['recency'] / $n) : null;
        $e['frequency_mean'] = $n ? (float) ($e['orders'] / $n) : null;
        unset($e['comp'], $e['recency'], $e['orders']);
    }
    return $out;
}

$rows = [];
$amounts = [0.1, 0.2, 0.3, 1e16, 1.0, 7.7, 19.99, 3.0];
for ($c = 1; $c <= 40; $c++) {
    $n = $c % 7 + 1;
    for ($k = 0; $k < $n; $k++) {
        $rows[] = ['c' => "c$c", 'o' => "$c-$k", 'd' => 1704067200 - ($c * 37 % 200) * 86400 - $k * 3600,
                   'a' => $amounts[($c + $k) % 8] * ($k + 1)];
    }
}
$rows[] = ['c' => 'no-orders', 'o' => 'C1', 'd' => 1704067200, 'a' => -3];
$p = Segment\Profiles::fromIterable($rows, ['customer' => 'c', 'order' => 'o', 'date' => 'd', 'amount' => 'a',
                                            'cancel_prefix' => 'C', 'reference' => 1704067200]);
foreach (['quantile', 'pandas'] as $method) {
    $rfm = Segment\Rfm::fit($p, ['method' => $method]);
    foreach (['segment', 'groups', 'retention'] as $role) {
        $s = $rfm->summary($role);
        echo "$method $role: ", count($s), ' names, ', array_sum(array_column($s, 'customers')), ' customers, equal: ',
            var_export($s === expected($rfm, $p, $role), true), "\n";
    }
}
var_dump($rfm->summary() === $rfm->summary('segment'));

// The shape: every rule name, in rule order, empty ones too.
foreach ($rfm->summary('groups') as $name => $e) {
    echo str_pad($name, 15), json_encode($e), "\n";
}
?>
--EXPECT--
quantile segment: 11 names, 40 customers, equal: true
quantile groups: 7 names, 40 customers, equal: true
quantile retention: 4 names, 40 customers, equal: true
pandas segment: 11 names, 40 customers, equal: true
pandas groups: 7 names, 40 customers, equal: true
pandas retention: 4 names, 40 customers, equal: true
bool(true)
Champions      {"group":"core","customers":5,"share":0.125,"monetary":1.800000000000005e+17,"recency_mean":42,"frequency_mean":6}
Loyalists      {"group":"core","customers":11,"share":0.275,"monetary":2.200000000000009e+17,"recency_mean":131.9090909090909,"frequency_mean":6}
Big Spenders   {"group":"core","customers":5,"share":0.125,"monetary":1.4000000000000003e+17,"recency_mean":98.8,"frequency_mean":3.6}
Promising      {"group":"potential core","customers":4,"share":0.1,"monetary":10000000000000198,"recency_mean":34.25,"frequency_mean":3.5}
New Customers  {"group":"potential core","customers":4,"share":0.1,"monetary":30.79,"recency_mean":36.5,"frequency_mean":1.5}
Lost           {"group":"non-core","customers":6,"share":0.15,"monetary":105.37,"recency_mean":157.16666666666666,"frequency_mean":2}
Low Value      {"group":"non-core","customers":5,"share":0.125,"monetary":20000000000000136,"recency_mean":111.8,"frequency_mean":2.8}
