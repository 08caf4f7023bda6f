<?php
/**
 * segment recompute: a shop database's orders into the membership store
 * (docs/store.md): profiles read with Profiles::fromDatabase(), a model
 * loaded (--model) or fitted on them, every customer assigned and written as
 * the store's next generation, switched to atomically. Meant for cron: the
 * exit status says what happened (docs/cli.md, section 8).
 */

declare(strict_types=1);

namespace Segment\Cli;

use Segment\Profiles;
use Segment\Store;

const RECOMPUTE_OPTIONS = [
    'dsn' => 'value', 'platform' => 'value', 'prefix' => 'value', 'query' => 'value', 'map' => 'list',
    'cancelled-status' => 'value', 'store-dsn' => 'value', 'store-prefix' => 'value', 'model' => 'value',
    'rules' => 'value', 'k' => 'value', 'reference' => 'value', 'install' => 'flag', 'format' => 'value',
    'quiet' => 'flag', 'progress' => 'flag', 'shop-root' => 'value', 'shop' => 'value',
];

/** Exit statuses beyond 0, 1 and 2 (docs/cli.md). */
const EXIT_BUSY = 3;       // another recompute of the same store is running: try later
const EXIT_DATABASE = 4;   // the database failed (unreachable, refused, tables missing ...): nothing switched

function cmd_recompute(array $args): int
{
    [$opts, $pos] = parse_args($args, RECOMPUTE_OPTIONS, 'recompute');
    if ($pos) throw new UsageError('unexpected argument ' . $pos[0], 'recompute');
    if (isset($opts['shop-root'])) return recompute_with_module($opts);
    if (isset($opts['shop'])) throw new UsageError('--shop is for --shop-root (a shop running one of the modules)', 'recompute');
    // The DSN holds a password: SEGMENT_DSN keeps it out of `ps` and shell history.
    $dsn = $opts['dsn'] ?? (getenv('SEGMENT_DSN') ?: null);
    if ($dsn === null) throw new UsageError('--dsn mysql://USER:PASSWORD@HOST/DATABASE (or SEGMENT_DSN) is required', 'recompute');
    $platform = $opts['platform'] ?? null;
    if (!in_array($platform, ['prestashop', 'magento', 'custom'], true)) {
        throw new UsageError('--platform prestashop, magento or custom is required', 'recompute');
    }
    if ($platform === 'custom' && !isset($opts['query'])) throw new UsageError('--platform custom needs --query SELECT...', 'recompute');
    if ($platform !== 'custom' && (isset($opts['query']) || $opts['map'])) {
        throw new UsageError('--query and --map are for --platform custom', 'recompute');
    }
    if (isset($opts['model']) && (isset($opts['rules']) || isset($opts['k']))) {
        throw new UsageError('--model is a fitted model: --rules and --k are for fitting one in the run', 'recompute');
    }
    $format = $opts['format'] ?? 'table';
    if (!in_array($format, ['table', 'json'], true)) throw new UsageError("--format $format: expected table or json", 'recompute');
    $source = ['platform' => $platform];
    if (isset($opts['prefix'])) $source['prefix'] = $opts['prefix'];
    if (isset($opts['query'])) $source['query'] = $opts['query'];
    foreach ($opts['map'] as $m) {
        if (!preg_match('/^(\w+)=(.+)$/', $m, $mm)) throw new UsageError("--map $m: expected FIELD=COLUMN", 'recompute');
        $source['map'][$mm[1]] = $mm[2];
    }
    if (isset($opts['cancelled-status'])) $source['cancelled_statuses'] = array_map('trim', explode(',', $opts['cancelled-status']));
    $ref = isset($opts['reference']) ? parse_reference($opts['reference'], 'recompute') : null;
    if ($ref !== null) $source['reference'] = gmdate('Y-m-d H:i:s', $ref);
    // The store's tables: beside the shop's by default, named after its prefix
    // (ps_ gives ps_segment_customer ...). A shop module's own tables of the
    // same names are refused by the store (docs/store.md, section 1).
    $storePrefix = $opts['store-prefix'] ?? ($opts['prefix'] ?? ($platform === 'prestashop' ? 'ps_' : ''));
    $progress = Progress::fromOptions($opts);
    $model = isset($opts['model']) ? load_model($opts, 'recompute') : null;

    try {
        $store = new Store($opts['store-dsn'] ?? $dsn, ['prefix' => $storePrefix]);
        if ($opts['install']) $store->install();
        else $store->installed();          // a shop module's tables of the same names: refused here
        $previous = $store->lastRun();   // also: the tables exist, before minutes of reading
        $source['progress'] = $progress->enabled ? function (array $i) use ($progress): void {
            $progress->line(reading_db_line($i));
        } : null;
        $profiles = Profiles::fromDatabase($dsn, $source);
        if (count($profiles) === 0) throw new Failure('the shop has no customer with an order: nothing to recompute');
        if ($model === null) {
            $orders = new Orders('database', $profiles, [], $source, (int) strtotime($profiles->stats()['reference'] . ' UTC'),
                isset($opts['reference']), $profiles->stats());
            $model = fit_orders($orders, $opts, $progress, 'recompute')->model;
        }
        $progress->step(sprintf('assigning and writing %s customers', fmt_int(count($profiles))));
        $summary = $store->recompute($model, $profiles, ['progress' => $progress->enabled ? function (array $i) use ($progress): void {
            $progress->line(writing_line($i));
        } : null]);
        // Customers updated by the shop while this run read: their rows are
        // older than their last order; bring them up to date now.
        foreach ($summary['updated_during_run'] as $id) {
            $one = $source;
            unset($one['progress']);
            $store->update($model, Profiles::fromDatabase($dsn, $one + ['customer' => $id]));
        }
    } catch (\Segment\StoreBusyError $e) {
        $progress->clear();
        fwrite(STDERR, "segment recompute: {$e->getMessage()}\n");
        return EXIT_BUSY;
    } catch (\Segment\DatabaseError $e) {
        $progress->clear();
        fwrite(STDERR, "segment recompute: {$e->getMessage()}\n");
        if (str_contains($e->getMessage(), "is not one of the segment store's")) {
            fwrite(STDERR, "segment recompute: if this shop runs the module, --shop-root DIR runs the module's own recompute (docs/cli.md, section 11)\n");
        }
        return EXIT_DATABASE;
    }
    $progress->done(sprintf('recomputed %s customers', fmt_int($summary['customers'])));
    if ($opts['quiet']) return 0;
    if ($format === 'json') {
        echo json_encode($summary + ['previous_run' => $previous], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE), "\n";
        return 0;
    }
    printf("run %d: generation %d of %s customers, %s memberships, model %s, %.1f s\n", $summary['run'],
        $summary['generation'], fmt_int($summary['customers']), fmt_int($summary['memberships']),
        $summary['model_version'], $summary['seconds']);
    printf("since the last run%s: %s entries, %s exits\n",
        $previous ? sprintf(' (%d, %s, %s)', $previous['id'], $previous['started_at'], $previous['outcome']) : ' (none)',
        fmt_int($summary['entries']), fmt_int($summary['exits']));
    $rows = [];
    foreach ($summary['segments'] as $code => $s) {
        $rows[] = [(string) $code, fmt_int($s['members']), fmt_int($s['previous']), sprintf('%+d', $s['members'] - $s['previous']),
            fmt_int($s['entered']), fmt_int($s['exited'])];
    }
    $style = new Style(function_exists('stream_isatty') && stream_isatty(STDOUT) && getenv('NO_COLOR') === false);
    echo render_table([['segment', 'l'], ['members', 'r'], ['before', 'r'], ['change', 'r'], ['entered', 'r'], ['exited', 'r']],
        $rows, $style);
    if ($summary['updated_during_run']) {
        printf("%d customer(s) changed during the run were updated again\n", count($summary['updated_during_run']));
    }
    return 0;
}

/**
 * A shop that runs one of this project's modules keeps its memberships in
 * the module's own tables (module-prestashop/README.md, module-magento/
 * README.md), which the extension's store refuses to touch. There the
 * whole-base recompute is the module's: --shop-root runs it, as cron would,
 * with this PHP and this extension, and gives its outcome this command's
 * exit statuses.
 */
function recompute_with_module(array $opts): int
{
    $platform = $opts['platform'] ?? null;
    $root = rtrim((string) $opts['shop-root'], '/');
    foreach (['dsn', 'query', 'store-dsn', 'store-prefix', 'model', 'rules', 'k', 'reference', 'prefix', 'cancelled-status'] as $o) {
        if (isset($opts[$o])) throw new UsageError("--$o does not apply with --shop-root: the module reads the shop's own settings", 'recompute');
    }
    if ($opts['map'] || $opts['install'] || (isset($opts['format']) && $opts['format'] !== 'table')) {
        throw new UsageError('--map, --install and --format do not apply with --shop-root', 'recompute');
    }
    $shop = null;
    if (isset($opts['shop'])) {
        if (!preg_match('/^[1-9][0-9]{0,9}$/', $opts['shop'])) throw new UsageError("--shop {$opts['shop']}: expected a shop (PrestaShop) or website (Magento) id", 'recompute');
        $shop = $opts['shop'];
    }
    if ($platform === 'prestashop') {
        $script = "$root/modules/customersegments/bin/recompute.php";
        $args = $shop !== null ? ["--shop=$shop"] : [];
        $busy = 75;  // EX_TEMPFAIL, the module script's "a run of this shop is in progress"
    } elseif ($platform === 'magento') {
        $script = "$root/bin/magento";
        $args = array_merge(['segment:recompute'], $shop !== null ? ["--website=$shop"] : []);
        $busy = 3;   // segment:recompute's "a recompute of that website is running"
    } else {
        throw new UsageError('--shop-root needs --platform prestashop or magento', 'recompute');
    }
    if (!is_file($script)) {
        throw new UsageError("--shop-root $root: no $script (" . ($platform === 'prestashop'
            ? 'the customersegments module is not in the shop\'s modules/ folder' : 'not a Magento installation') . ')', 'recompute');
    }
    $cmd = array_merge([PHP_BINARY], extension_args(), [$script], $args);
    $null = DIRECTORY_SEPARATOR === '/' ? '/dev/null' : 'NUL';
    $io = [0 => ['file', $null, 'r'], 1 => $opts['quiet'] ? ['file', $null, 'w'] : STDOUT, 2 => STDERR];
    $proc = proc_open($cmd, $io, $pipes, $root);
    if (!is_resource($proc)) throw new Failure("cannot run $script");
    $status = proc_close($proc);
    return match (true) {
        $status === 0 => 0,
        $status === $busy => EXIT_BUSY,
        $platform === 'prestashop' && $status === 64 => 2,  // the module script's bad usage (not installed ...)
        default => 1,
    };
}

/**
 * The -d extension=... that loads this process's segment extension in a
 * child PHP: none when php.ini loads it anyway (the usual install), else the
 * shared object this process mapped (Linux's /proc/self/maps).
 */
function extension_args(): array
{
    $ini = php_ini_loaded_file();
    $scanned = (string) php_ini_scanned_files();
    foreach (array_filter(array_merge([$ini ?: ''], array_map('trim', explode(',', $scanned)))) as $file) {
        if (preg_match('/^\s*extension\s*=\s*["\']?[^\s"\']*segment(\.so)?["\']?\s*$/mi', (string) @file_get_contents($file))) return [];
    }
    foreach (@file('/proc/self/maps', FILE_IGNORE_NEW_LINES) ?: [] as $line) {
        if (preg_match('~\s(/\S*/segment\.so)$~', $line, $m)) return ['-d', 'extension=' . $m[1]];
    }
    return [];
}

/** "reading the database: 1,310,720 rows, 410,000 rows/s" (the total is unknown while streaming). */
function reading_db_line(array $i): string
{
    $s = sprintf('reading the database: %s rows', number_format($i['lines']));
    if ($i['seconds'] > 0.05) $s .= sprintf(', %s rows/s', number_format($i['lines'] / $i['seconds']));
    return $s;
}

/** "writing: 131,072 of 1,000,000 customers (13 %), 95,000/s, about 9 s left" */
function writing_line(array $i): string
{
    if ($i['phase'] !== 'write') return 'switching to the new generation, deleting the old one';
    $s = sprintf('writing: %s of %s customers (%d %%)', number_format($i['customers']), number_format($i['total']),
        $i['total'] ? (int) floor(100 * $i['customers'] / $i['total']) : 100);
    if ($i['seconds'] > 0.05 && $i['customers'] > 0) {
        $s .= sprintf(', %s/s', number_format($i['customers'] / $i['seconds']));
        if ($i['customers'] < $i['total']) {
            $s .= ', about ' . format_seconds($i['seconds'] * ($i['total'] - $i['customers']) / $i['customers']) . ' left';
        }
    }
    return $s;
}
