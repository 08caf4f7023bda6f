<?php
/**
 * Segments the bundled sample customers with the bundled rules and prints
 * a summary: members per segment, the primary segment of each customer,
 * one explained decision, and the evaluation speed.
 *
 *   php -d extension=modules/segment.so examples/segment.php \
 *       [customers.csv] [rules.json] [--now="2026-11-15 12:00:00"] [--explain=ID] [--list]
 *
 * The CSV is read the way a shop's database returns rows: every value is a
 * string and an empty field is NULL. Dates in the sample are relative to
 * 2026-11-15, so that is the default "now" and the output is reproducible.
 */

declare(strict_types=1);

if (!extension_loaded('segment')) {
    fwrite(STDERR, "the segment extension is not loaded (php -d extension=modules/segment.so ...)\n");
    exit(2);
}

$dir = __DIR__;
$customersFile = "$dir/customers.csv";
$rulesFile = "$dir/rules.json";
$now = new DateTimeImmutable('2026-11-15 12:00:00', new DateTimeZone('UTC'));
$explainId = null;
$list = false;
$positional = [];
foreach (array_slice($argv, 1) as $arg) {
    if (str_starts_with($arg, '--now=')) {
        $now = new DateTimeImmutable(substr($arg, 6));
    } elseif (str_starts_with($arg, '--explain=')) {
        $explainId = substr($arg, 10);
    } elseif ($arg === '--list') {
        $list = true;
    } elseif (str_starts_with($arg, '--')) {
        fwrite(STDERR, "unknown option $arg\n");
        exit(2);
    } else {
        $positional[] = $arg;
    }
}
$customersFile = $positional[0] ?? $customersFile;
$rulesFile = $positional[1] ?? $rulesFile;

try {
    $set = Segment\RuleSet::fromFile($rulesFile);
} catch (Segment\RuleSyntaxError $e) {
    fprintf(STDERR, "%s: %s\n", $rulesFile, $e->getMessage());
    exit(1);
}

$fh = fopen($customersFile, 'r');
if ($fh === false) {
    exit(1);
}
$header = fgetcsv($fh);
$customers = [];
$line = 1;
while (($row = fgetcsv($fh)) !== false) {
    $line++;
    if (count($row) !== count($header)) {
        fprintf(STDERR, "%s:%d: expected %d fields, found %d\n", $customersFile, $line, count($header), count($row));
        exit(1);
    }
    $customers[] = array_map(static fn(string $v): ?string => $v === '' ? null : $v, array_combine($header, $row));
}
fclose($fh);

$defs = [];
foreach ($set->definitions() as $d) {
    $defs[$d['code']] = $d;
}
$members = array_fill_keys(array_keys($defs), 0);
$primary = ['(none)' => 0] + array_fill_keys(array_keys($defs), 0);

$t = hrtime(true);
$results = [];
foreach ($customers as $c) {
    $results[] = $set->match($c, $now);
}
$elapsed = (hrtime(true) - $t) / 1e3;

foreach ($results as $i => $codes) {
    foreach ($codes as $code) {
        $members[$code]++;
    }
    $primary[$codes[0] ?? '(none)']++;
    if ($list) {
        printf("%5s  %s\n", $customers[$i]['id'], implode(', ', $codes));
    }
}

$n = count($customers);
printf("%d customers, %d segments (%s), as of %s\n\n", $n, count($set), $rulesFile, $now->format('Y-m-d H:i:s T'));
printf("%-20s %-40s %4s %9s %8s %9s\n", 'segment', 'name', 'prio', 'members', 'share', 'primary');
foreach ($defs as $code => $d) {
    printf("%-20s %-40s %4d %9s %7.1f%% %9d\n", $code, $d['name'], $d['priority'],
        $d['enabled'] ? $members[$code] : 'disabled', $d['enabled'] ? 100 * $members[$code] / $n : 0, $primary[$code]);
}
printf("%-20s %-40s %4s %9s %8s %9d\n", '(none)', 'in no segment', '', '', '', $primary['(none)']);

$sample = null;
foreach ($customers as $c) {
    if ($explainId === null ? count($set->match($c, $now)) >= 2 : $c['id'] === $explainId) {
        $sample = $c;
        break;
    }
}
if ($sample !== null) {
    $codes = $set->match($sample, $now);
    printf("\ncustomer %s (%s) is in: %s\n", $sample['id'], $sample['email'], $codes ? implode(', ', $codes) : 'no segment');
    $code = $codes[0] ?? array_key_first($defs);
    $x = $set->explain($sample, $code, $now);
    printf("why %s %s: %s\n", $x['result'] ? 'in' : 'not in', $code, $x['rule']);
    foreach ($x['conditions'] as $cond) {
        printf("  %-5s %-45s values: %s\n", $cond['result'] ? 'yes' : 'no', $cond['text'],
            json_encode($cond['values'], JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE));
    }
}

printf("\nevaluated %d customers x %d rules in %.0f us (%.2f us per customer)\n", $n, count($set), $elapsed, $elapsed / $n);
