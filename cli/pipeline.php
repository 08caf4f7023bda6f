<?php
/**
 * The analysis every command shares: order lines -> Segment\Profiles (with
 * progress) -> the reference time -> Segment\Rfm -> Segment\KMeans -> the
 * rules -> Segment\Model, and each customer's segments through
 * Model::assign(), which gives the rules the profile, `rfm`, `retention` and
 * the cluster attributes (docs/model.md).
 */

declare(strict_types=1);

namespace Segment\Cli;

use DateTimeImmutable;
use DateTimeZone;
use Segment\DataError;
use Segment\KMeans;
use Segment\Model;
use Segment\Profiles;
use Segment\Rfm;
use Segment\RuleSet;

/** The built-in rules used without --rules. */
const DEFAULT_RULES = __DIR__ . '/default-rules.json';

/** Options shared by every command that reads an order file. */
const ORDER_OPTIONS = [
    'map' => 'list', 'date-format' => 'value', 'cancelled-status' => 'value', 'cancel-prefix' => 'value',
    'delimiter' => 'value', 'returns' => 'value', 'reference' => 'value', 'quiet' => 'flag', 'progress' => 'flag',
];

/** An order file read into profiles, and the time recency is measured to. */
final class Orders
{
    public function __construct(
        public readonly string $path,
        public readonly Profiles $profiles,
        /** @var array<string, string> field => column */
        public readonly array $columns,
        /** @var array<string, mixed> the fromCsv() options used */
        public readonly array $options,
        public readonly int $reference,          // wall-clock seconds
        public readonly bool $referenceGiven,    // --reference, not the default
        public readonly array $stats,
    ) {
    }

    public function referenceString(): string
    {
        return gmdate('Y-m-d H:i:s', $this->reference);
    }

    /** The rules' clock: the reference (a UTC DateTime, whose wall clock is the reference). */
    public function now(): DateTimeImmutable
    {
        return new DateTimeImmutable('@' . $this->reference);
    }

    /**
     * The profile of one customer as the model should see it: recency in
     * whole days to the reference (the profiles were read before the default
     * reference was known).
     */
    public function profile(array $p): array
    {
        if ($p['last_order_at'] !== null) {
            $d = $this->reference - wall_seconds($p['last_order_at']);
            $p['recency'] = intdiv($d, 86400) - ($d < 0 && $d % 86400 !== 0 ? 1 : 0);   // floor
        }
        return $p;
    }
}

/** The fitted parts and the rules, bundled as a Segment\Model. */
final class Fitted
{
    public function __construct(
        public readonly Rfm $rfm,
        public readonly KMeans $kmeans,
        public readonly RuleSet $rules,
        public readonly string $rulesSource,     // the --rules file, or "built-in"
        public readonly int $k,
        public readonly ?array $suggestion,      // KMeans::suggestK()'s result with --k auto
        public readonly Model $model,
        /** @var list<string> notes for the user (k lowered, ...) */
        public readonly array $notes,
    ) {
    }
}

/** "Y-m-d H:i:s" (a wall-clock time as Profiles gives it) to seconds. */
function wall_seconds(string $s): int
{
    [$y, $m, $d, $h, $i, $sec] = sscanf($s, '%d-%d-%d %d:%d:%d');
    return gmmktime($h, $i, $sec, $m, $d, $y);
}

/** --reference: a date ("2026-11-01") or a date and time, read on the wall clock. */
function parse_reference(string $s, string $command): int
{
    $formats = ['!Y-m-d H:i:s', '!Y-m-d H:i', '!Y-m-d', '!Y-m-d\TH:i:s', '!Y-m-d\TH:i'];
    foreach ($formats as $f) {
        $d = DateTimeImmutable::createFromFormat($f, $s, new DateTimeZone('UTC'));
        $e = DateTimeImmutable::getLastErrors();   // false (8.2) or an array (8.1) when all went well
        if ($d !== false && ($e === false || $e['warning_count'] + $e['error_count'] === 0)) return $d->getTimestamp();
    }
    throw new UsageError(sprintf('--reference %s: expected a date such as 2026-11-01 or "2026-11-01 18:00:00"', $s), $command);
}

/**
 * Reads the order file. Without --reference, recency is measured to one day
 * after the last order in the file (the usual choice for an export; for a
 * shop's live export that is about now).
 */
function read_orders(string $path, array $opts, Progress $progress, string $command): Orders
{
    if (!file_exists($path)) throw new Failure("$path: no such file");
    if (is_dir($path)) throw new Failure("$path: is a directory, not an order file");
    // The header is read first to find the columns, then the file again by
    // the extension: a pipe would lose its first line.
    if (!is_file($path)) throw new Failure("$path: not a regular file (save the export to a file first)");
    [$o, $columns] = profile_options($path, $opts);
    $given = isset($opts['reference']);
    if ($given) $o['reference'] = gmdate('Y-m-d H:i:s', parse_reference($opts['reference'], $command));
    $reader = $progress->reader($path);
    if ($reader !== null) $o['progress'] = $reader;
    try {
        $profiles = Profiles::fromCsv($path, $o);
    } catch (DataError $e) {
        $progress->clear();
        throw new Failure($e->getMessage(), 0, $e);
    } catch (\ValueError $e) {
        $progress->clear();
        throw new UsageError(preg_replace_callback("/option '([a-z_]+)'/", fn ($m) => '--' . str_replace('_', '-', $m[1]),
            $e->getMessage()), $command);
    }
    unset($o['progress']);
    $stats = $profiles->stats();
    $counted = false;
    foreach ($profiles as $p) {
        if ($p['orders'] > 0) { $counted = true; break; }   // usually the first customer
    }
    if (!$counted) {
        $progress->clear();
        throw new Failure(sprintf('%s: no counted order in %s lines (%s without a customer id, %s cancelled, %s returned)',
            $path, fmt_int($stats['lines']), fmt_int($stats['lines_without_customer']),
            fmt_int($stats['cancelled_lines']), fmt_int($stats['returned_lines'])));
    }
    $ref = $given ? wall_seconds($o['reference']) : wall_seconds($stats['last_order_at']) + 86400;
    return new Orders($path, $profiles, $columns, $o, $ref, $given, $stats);
}

/** --k: "auto" or a number of clusters from 1 to 64. */
function parse_k(?string $k, string $command): int|string
{
    if ($k === null) return 4;
    if ($k === 'auto') return 'auto';
    if (!preg_match('/^[1-9][0-9]?$/', $k) || (int) $k > 64) {
        throw new UsageError("--k $k: expected auto or a number of clusters from 1 to 64", $command);
    }
    return (int) $k;
}

/** RFM scores (default method and bins), k-means (seed 0, reproducible), rules, model. */
function fit_orders(Orders $orders, array $opts, Progress $progress, string $command): Fitted
{
    $k = parse_k($opts['k'] ?? null, $command);
    $rules = load_rules($opts['rules'] ?? null);
    $ref = $orders->referenceString();
    $notes = [];
    $progress->step('RFM scores');
    $rfm = Rfm::fit($orders->profiles, ['reference' => $ref]);
    $n = $rfm->toArray()['customers'];
    $options = ['reference' => $ref, 'seed' => 0];
    $suggestion = null;
    if ($k === 'auto') {
        if ($n >= 3) {
            $progress->step('choosing k (k-means for k = 2 to ' . min(8, $n - 1) . ')');
            $suggestion = KMeans::suggestK($orders->profiles, 2, min(8, $n - 1), $options);
            $k = $suggestion['suggested'];
        } else {
            $k = 1;
            $notes[] = "--k auto: only $n customer" . ($n === 1 ? '' : 's') . ' with orders, one cluster';
        }
    } elseif ($k > $n) {
        $notes[] = "--k $k: only $n customer" . ($n === 1 ? '' : 's') . " with orders, so k = $n";
        $k = $n;
    }
    $progress->step("k-means (k = $k)");
    try {
        $km = KMeans::fit($orders->profiles, $k, $options);
    } catch (DataError $e) {
        // log1p(monetary) needs monetary > -1: only net returns can break that.
        $progress->clear();
        throw new Failure('k-means: ' . $e->getMessage() . (($opts['returns'] ?? '') === 'net'
            ? ' (with --returns net a customer who returned more than they bought has a negative monetary,'
              . ' which k-means cannot log-scale; use --returns exclude)' : ''), 0, $e);
    }
    $model = Model::build($rules, $rfm, $km, ['reference' => $ref, 'source' => basename($orders->path)]);
    return new Fitted($rfm, $km, $rules, $opts['rules'] ?? 'built-in', $k, $suggestion, $model, $notes);
}

function load_rules(?string $file): RuleSet
{
    $path = $file ?? DEFAULT_RULES;
    if (!is_file($path)) throw new Failure("$path: no such rules file");
    try {
        return RuleSet::fromFile($path);
    } catch (\Segment\RuleSyntaxError $e) {
        throw new Failure("$path: " . $e->getMessage(), 0, $e);   // names the segment, line and column
    } catch (\Segment\Exception $e) {
        throw new Failure("$path: " . $e->getMessage(), 0, $e);
    }
}

/**
 * Every customer of the file with what the model makes of them:
 * customer id => [profile (recency to the reference), Model::assign()'s result].
 *
 * @return \Generator<string, array{0: array, 1: array}>
 */
function assign_all(Orders $orders, Model $model): \Generator
{
    $now = $orders->now();
    foreach ($orders->profiles as $id => $p) {
        $p = $orders->profile($p);
        yield (string) $id => [$p, $model->assign($p, null, $now)];
    }
}
