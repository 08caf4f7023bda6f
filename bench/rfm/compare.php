<?php

/**
 * Compares two dumps written with --out by ext.php, plain.php or
 * pandas_rfm.py: the same customers, and for each the same recency,
 * frequency, monetary (bit for bit), R, F, M and segment names.
 *
 *   php bench/rfm/compare.php A.csv B.csv [--json]
 *
 * Prints the number of differences per field (or one JSON object with
 * --json); exits 1 when anything differs.
 */

declare(strict_types=1);

ini_set('memory_limit', '-1');

$json = in_array('--json', $argv, true);
$files = array_values(array_filter(array_slice($argv, 1), static fn(string $a): bool => $a !== '--json'));
if (count($files) !== 2) {
    fwrite(STDERR, "usage: php compare.php A.csv B.csv [--json]\n");
    exit(2);
}

/** @return array<string, list<string>> customer => fields */
function load_dump(string $path, ?array &$head): array
{
    $fh = fopen($path, 'rb');
    if (!$fh) {
        fwrite(STDERR, "cannot open $path\n");
        exit(2);
    }
    $head = fgetcsv($fh, null, ',', '"', '');
    $rows = [];
    while (($row = fgetcsv($fh, null, ',', '"', '')) !== false) {
        $rows[(string) $row[0]] = $row;
    }
    fclose($fh);
    return $rows;
}

$a = load_dump($files[0], $head);
$b = load_dump($files[1], $headB);
if ($head !== $headB) {
    fwrite(STDERR, "different headers\n");
    exit(2);
}
$diff = ['only_in_a' => 0, 'only_in_b' => 0];
foreach (array_slice($head, 1) as $k) {
    $diff[$k] = 0;
}
$examples = [];
foreach ($a as $id => $x) {
    $y = $b[$id] ?? null;
    if ($y === null) {
        $diff['only_in_a']++;
        continue;
    }
    foreach ($head as $i => $k) {
        if ($i === 0) {
            continue;
        }
        $same = $k === 'monetary' ? (float) $x[$i] === (float) $y[$i] : $x[$i] === $y[$i];
        if (!$same) {
            $diff[$k]++;
            if (count($examples) < 5) {
                $examples[] = "customer $id $k: {$x[$i]} vs {$y[$i]}";
            }
        }
    }
}
foreach ($b as $id => $_) {
    if (!isset($a[$id])) {
        $diff['only_in_b']++;
    }
}
$total = array_sum($diff);
if ($json) {
    echo json_encode(['customers_a' => count($a), 'customers_b' => count($b), 'differences' => $diff,
        'total' => $total, 'examples' => $examples]), "\n";
} else {
    printf("%s: %d customers, %s: %d customers\n", $files[0], count($a), $files[1], count($b));
    foreach ($diff as $k => $n) {
        echo "  $k differences: $n\n";
    }
    foreach ($examples as $e) {
        echo "  e.g. $e\n";
    }
}
exit($total === 0 ? 0 : 1);
