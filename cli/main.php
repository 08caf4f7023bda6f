<?php
/**
 * bin/segment's dispatcher: the subcommand, usage texts, and the one place
 * that turns errors into messages and exit statuses (0 ok, 1 bad input,
 * 2 bad command line).
 */

declare(strict_types=1);

namespace Segment\Cli;

require_once __DIR__ . '/args.php';
require_once __DIR__ . '/table.php';
require_once __DIR__ . '/progress.php';
require_once __DIR__ . '/columns.php';
require_once __DIR__ . '/pipeline.php';
require_once __DIR__ . '/charts.php';
require_once __DIR__ . '/report.php';
require_once __DIR__ . '/analyze.php';
require_once __DIR__ . '/model.php';
require_once __DIR__ . '/store.php';

const ORDER_USAGE = <<<'TXT'
  --map FIELD=COLUMN      which column holds FIELD (customer, order, date, amount,
                          quantity, price, status); repeatable; overrides detection
  --date-format F         date format, e.g. "d/m/Y H:i" (default: auto, ISO dates)
  --cancelled-status S,.. statuses that mean cancelled (default: canceled,
                          cancelled, refunded, payment error, failed, voided)
  --cancel-prefix P       order ids starting with P are cancellations (UCI: C)
  --returns exclude|net   returned amounts ignored (default) or subtracted
  --delimiter C           field separator (default ,; "tab" for tabs)
  --reference DATE        measure recency to DATE (default: last order + 1 day)
  --progress              progress on stderr even when it is not a terminal
  --quiet                 print nothing but errors
TXT;

const USAGE = [
    '' => <<<'TXT'
usage: segment COMMAND [OPTIONS]

commands:
  analyze ORDERS.csv              segments, RFM and clusters of an order export,
                                  in the terminal and as an HTML report (--out)
  fit ORDERS.csv --model M.json   the same analysis, saved as a model file
  assign --model M.json ORDERS.csv [--customer ID ...]
                                  each customer's segments from a saved model
  explain --model M.json ORDERS.csv CUSTOMER
                                  why a customer is or is not in each segment
  recompute --dsn DSN --platform prestashop|magento|custom
                                  a shop database's customers into the
                                  membership store (docs/store.md)

segment COMMAND --help shows a command's options; docs/cli.md has them all.
TXT,
    'analyze' => <<<'TXT'
usage: segment analyze ORDERS.csv [OPTIONS]

  --k N|auto              k-means clusters (default 4; auto: best silhouette, 2..8)
  --rules FILE            segment rules (JSON, docs/rules.md; default: built-in)
  --out FILE.html         also write a self-contained HTML report
%ORDER%
TXT,
    'fit' => <<<'TXT'
usage: segment fit ORDERS.csv --model MODEL.json [OPTIONS]

  --model FILE            the model file to write (atomically)
  --k N|auto              k-means clusters (default 4; auto: best silhouette, 2..8)
  --rules FILE            segment rules (JSON; default: built-in)
%ORDER%
TXT,
    'assign' => <<<'TXT'
usage: segment assign --model MODEL.json ORDERS.csv [--customer ID ...] [OPTIONS]

  --model FILE            a model written by segment fit
  --customer ID           only this customer (repeatable; default: all)
  --format table|csv|json output format (default table)
%ORDER%
TXT,
    'recompute' => <<<'TXT'
usage: segment recompute --dsn DSN --platform prestashop|magento|custom [OPTIONS]

  --dsn DSN               the shop database, mysql://USER:PASSWORD@HOST:PORT/DATABASE
                          (default: the environment variable SEGMENT_DSN)
  --platform P            prestashop, magento or custom (docs/mysql.md)
  --prefix P              the shop's table prefix (default ps_ for prestashop)
  --query SQL             custom: the SELECT of the order rows
  --map FIELD=COLUMN      custom: result columns (customer, order, date, amount,
                          status, country); repeatable
  --cancelled-status S,.. magento, custom: statuses that do not count
  --store-dsn DSN         where the store's tables are (default: --dsn)
  --store-prefix P        the store's table prefix (default: --prefix)
  --install               create the store's tables if they are missing
  --model FILE            assign with this model (segment fit writes one) ...
  --rules FILE, --k N     ... or fit one in the run (default rules, k = 4)
  --reference DATE        measure recency to DATE (default: now)
  --format table|json     the summary's format (default table)
  --progress              progress on stderr even when it is not a terminal
  --quiet                 print nothing but errors

usage: segment recompute --platform prestashop|magento --shop-root DIR [--shop ID]

  a shop running this project's module (customersegments for PrestaShop,
  Segment_CustomerSegment for Magento) keeps its segments in the module's
  tables: --shop-root DIR (the shop's root folder) runs the module's own
  recompute with its settings, every shop or --shop ID (PrestaShop shop,
  Magento website)

exit status: 0 done, 1 bad input (or the module's run failed), 2 bad command
line, 3 another recompute of this store is running, 4 database error
(nothing was switched)
TXT,
    'explain' => <<<'TXT'
usage: segment explain --model MODEL.json ORDERS.csv CUSTOMER [OPTIONS]

  --model FILE            a model written by segment fit
%ORDER%
TXT,
];

function usage(string $command): string
{
    return str_replace('%ORDER%', ORDER_USAGE, USAGE[$command] ?? USAGE['']) . "\n";
}

/** Runs bin/segment; returns the exit status. */
function main(array $argv): int
{
    date_default_timezone_set('UTC');   // dates are wall-clock times: no zone, no DST
    $args = array_slice($argv, 1);
    $command = array_shift($args) ?? '';
    $commands = ['analyze' => cmd_analyze(...), 'fit' => cmd_fit(...), 'assign' => cmd_assign(...),
                 'explain' => cmd_explain(...), 'recompute' => cmd_recompute(...)];
    if ($command === '' || $command === 'help' || $command === '--help' || $command === '-h') {
        $topic = $args[0] ?? '';
        fwrite($command === '' ? STDERR : STDOUT, usage(isset($commands[$topic]) ? $topic : ''));
        return $command === '' ? 2 : 0;
    }
    if (!isset($commands[$command])) {
        fwrite(STDERR, "segment: unknown command '$command'" . suggest_command($command, array_keys($commands)) . "\n\n" . usage(''));
        return 2;
    }
    if (in_array('--help', $args, true) || in_array('-h', $args, true)) {
        echo usage($command);
        return 0;
    }
    try {
        return $commands[$command]($args);
    } catch (UsageError $e) {
        fwrite(STDERR, "segment $command: {$e->getMessage()}\n" . strtok(usage($command), "\n")
            . "\n(segment $command --help lists the options)\n");
        return 2;
    } catch (Failure $e) {
        fwrite(STDERR, "segment $command: {$e->getMessage()}\n");
        return 1;
    } catch (\Segment\DataError $e) {
        fwrite(STDERR, "segment $command: {$e->getMessage()}\n");
        return 1;
    } catch (\Segment\Exception | \ValueError $e) {
        fwrite(STDERR, "segment $command: {$e->getMessage()}\n");
        return 1;
    }
}

function suggest_command(string $c, array $commands): string
{
    foreach ($commands as $k) {
        if (levenshtein($c, $k) <= 2) return " (did you mean '$k'?)";
    }
    return '';
}
