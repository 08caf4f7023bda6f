<?php

/**
 * Shared by ext.php and plain.php: arguments, the two data sets' columns and
 * options, the built-in segment maps (docs/rfm.md section 7) and the dump
 * format compare.php reads.
 */

declare(strict_types=1);

const RFM_BENCH_DUMP_HEADER = 'customer,recency,frequency,monetary,r,f,m,segment,value_segment,group,retention';

/** @return array{0: string, 1: string, 2: ?string} path, data set, dump path */
function rfm_bench_args(array $argv): array
{
    $path = null;
    $data = null;
    $out = null;
    foreach (array_slice($argv, 1) as $arg) {
        if (preg_match('/^--data=(gen|uci)$/', $arg, $m)) {
            $data = $m[1];
        } elseif (preg_match('/^--out=(.+)$/', $arg, $m)) {
            $out = $m[1];
        } elseif ($arg !== '' && $arg[0] !== '-' && $path === null) {
            $path = $arg;
        } else {
            $path = null;
            break;
        }
    }
    if ($path === null || $data === null) {
        fwrite(STDERR, "usage: php {$argv[0]} FILE.csv --data=gen|uci [--out=DUMP.csv]\n");
        exit(2);
    }
    return [$path, $data, $out];
}

/** Column names and options of a data set (the same in every method). */
function rfm_bench_dataset(string $data): array
{
    return $data === 'uci'
        ? ['customer' => 'CustomerID', 'order' => 'InvoiceNo', 'date' => 'InvoiceDate',
           'quantity' => 'Quantity', 'price' => 'UnitPrice', 'cancel_prefix' => 'C',
           'reference' => '2011-12-10 12:50:00']
        : ['customer' => 'customer_id', 'order' => 'order_id', 'date' => 'order_date',
           'amount' => 'amount', 'cancel_prefix' => 'C',
           'reference' => '2025-01-01 00:00:00'];
}

/** The built-in maps rf11, core and retention, as Segment\Rfm::maps() returns them. */
function rfm_bench_maps(): array
{
    $any = [1, 5];
    $rule = static fn(string $name, array $r, array $f, array $m, ?string $group = null): array
        => ['name' => $name, 'r' => $r, 'f' => $f, 'm' => $m] + ($group !== null ? ['group' => $group] : []);
    return [
        'rf11' => [
            $rule('Champions', [5, 5], [4, 5], $any),
            $rule('Loyal Customers', [3, 4], [4, 5], $any),
            $rule('Potential Loyalists', [4, 5], [2, 3], $any),
            $rule('New Customers', [5, 5], [1, 1], $any),
            $rule('Promising', [4, 4], [1, 1], $any),
            $rule('Need Attention', [3, 3], [3, 3], $any),
            $rule('About To Sleep', [3, 3], [1, 2], $any),
            $rule('At Risk', [1, 2], [3, 4], $any),
            $rule("Can't Lose Them", [1, 2], [5, 5], $any),
            $rule('Hibernating', [2, 2], [1, 2], $any),
            $rule('Lost', [1, 1], [1, 2], $any),
        ],
        'core' => [
            $rule('Champions', [4, 5], [4, 5], [4, 5], 'core'),
            $rule('Loyalists', $any, [4, 5], $any, 'core'),
            $rule('Big Spenders', $any, $any, [4, 5], 'core'),
            $rule('Promising', [4, 5], [2, 3], $any, 'potential core'),
            $rule('New Customers', [4, 5], [1, 1], $any, 'potential core'),
            $rule('Lost', [1, 2], [1, 2], [1, 3], 'non-core'),
            $rule('Low Value', $any, $any, $any, 'non-core'),
        ],
        'retention' => [
            $rule('Active', [4, 5], $any, $any),
            $rule('Drifting', [3, 3], $any, $any),
            $rule('Churn Risk', [2, 2], $any, $any),
            $rule('Lost', [1, 1], $any, $any),
        ],
    ];
}

/** One dump line; monetary with 17 significant digits (exact round trip). */
function rfm_bench_dump_row($w, string $id, int $recency, int $frequency, float $monetary, array $s): void
{
    fputcsv($w, [$id, $recency, $frequency, sprintf('%.17g', $monetary), $s['r'], $s['f'], $s['m'],
        $s['segment'] ?? '', $s['value_segment'] ?? '', $s['group'] ?? '', $s['retention'] ?? ''], ',', '"', '');
}
