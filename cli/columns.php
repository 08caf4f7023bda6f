<?php
/**
 * Which column of an order export holds what: common names are recognised
 * (PrestaShop, Magento, WooCommerce, Shopify, the UCI Online Retail data,
 * generic exports), case-insensitively and ignoring spaces, "_" and "-";
 * `--map field=COLUMN` overrides. The result is the options of
 * Segment\Profiles::fromCsv().
 */

declare(strict_types=1);

namespace Segment\Cli;

/** Fields, in order of preference of the names recognised for each. */
const COLUMN_NAMES = [
    'customer' => ['customer_id', 'id_customer', 'customerid', 'customer', 'customer_email', 'customer_no',
                   'customer_number', 'client_id', 'id_client', 'user_id', 'email'],
    'order' => ['order_id', 'id_order', 'increment_id', 'invoiceno', 'invoice_no', 'invoice', 'order_number',
                'order_no', 'order', 'order_reference', 'reference'],
    'date' => ['order_date', 'date', 'invoicedate', 'invoice_date', 'created_at', 'date_add', 'order_created_at',
               'purchase_date', 'created', 'date_created', 'datetime'],
    'amount' => ['amount', 'total', 'total_paid', 'total_paid_tax_incl', 'grand_total', 'line_total', 'row_total',
                 'base_grand_total', 'total_price', 'revenue', 'sales'],
    'quantity' => ['quantity', 'qty', 'qty_ordered', 'product_quantity'],
    'price' => ['unit_price', 'unitprice', 'price', 'product_price', 'unit_price_tax_incl', 'price_incl_tax',
                'item_price'],
    'status' => ['status', 'order_status', 'state', 'current_state', 'order_state'],
];

/** Statuses that mean "not paid" in common shops; used when a status column exists. */
const DEFAULT_CANCELLED = ['canceled', 'cancelled', 'refunded', 'payment error', 'payment_error', 'failed', 'voided'];

function normalize_column(string $name): string
{
    return strtolower(str_replace([' ', '_', '-', "\t"], '', trim($name)));
}

/**
 * The header of a CSV file: its column names as written (BOM removed).
 *
 * @return list<string>
 */
function read_header(string $path, string $delimiter): array
{
    if (is_dir($path)) throw new Failure("$path: is a directory, not an order file");
    $fh = @fopen($path, 'rb');
    if ($fh === false) {
        throw new Failure("$path: cannot open: " . (error_get_last()['message'] ?? 'unknown error'));
    }
    $row = fgetcsv($fh, null, $delimiter, '"', '');
    fclose($fh);
    if ($row === false || $row === [null]) throw new Failure("$path: the file is empty (no header line)");
    if (isset($row[0]) && str_starts_with($row[0], "\xEF\xBB\xBF")) $row[0] = substr($row[0], 3);
    return array_map(fn ($c) => (string) $c, $row);
}

/**
 * Finds the columns. $map: field => column from --map (checked against the
 * header). Returns field => column name as written in the header, for the
 * fields found; 'amount' or 'quantity' + 'price', never both.
 *
 * @param list<string> $header
 * @param array<string, string> $map
 * @return array<string, string>
 */
function detect_columns(array $header, array $map, string $path): array
{
    $byNorm = [];
    foreach ($header as $h) $byNorm[normalize_column($h)] ??= $h;
    $exact = array_flip($header);
    $found = [];
    foreach ($map as $field => $column) {
        if ($column === '') continue;   // --map status= : do not use that column
        if (isset($exact[$column])) {
            $found[$field] = $column;
        } elseif (isset($byNorm[normalize_column($column)])) {
            $found[$field] = $byNorm[normalize_column($column)];
        } else {
            throw new Failure(sprintf("%s: --map %s=%s: the header has no column '%s'\n%s", $path, $field, $column,
                $column, describe_header($header)));
        }
    }
    foreach (COLUMN_NAMES as $field => $names) {
        if (array_key_exists($field, $map)) continue;
        foreach ($names as $n) {
            $k = normalize_column($n);
            if (isset($byNorm[$k]) && !in_array($byNorm[$k], $found, true)) {
                $found[$field] = $byNorm[$k];
                break;
            }
        }
    }
    // One way to value a line: --map amount wins, then quantity × price, then amount.
    if (isset($map['amount']) && $map['amount'] !== '') {
        unset($found['quantity'], $found['price']);
    } elseif (isset($found['quantity'], $found['price'])) {
        unset($found['amount']);
    } elseif (isset($found['amount'])) {
        unset($found['quantity'], $found['price']);
    }
    $missing = [];
    foreach (['customer', 'date'] as $f) {
        if (!isset($found[$f])) $missing[] = $f;
    }
    if (!isset($found['amount']) && !isset($found['quantity'], $found['price'])) {
        $missing[] = isset($found['quantity']) ? 'price' : (isset($found['price']) ? 'quantity' : 'amount (or quantity and price)');
    }
    if ($missing) {
        $lines = [];
        foreach ($missing as $f) {
            $key = explode(' ', $f)[0];
            $lines[] = sprintf("  %s: none of %s; say which with --map %s=COLUMN", $f,
                implode(', ', array_slice(COLUMN_NAMES[$key], 0, 6)) . ', ...', $key);
        }
        $names = array_map(fn ($f) => 'the ' . explode(' ', $f)[0], $missing);
        $last = array_pop($names);
        throw new Failure(sprintf("%s: cannot tell which column holds %s:\n%s\n%s", $path,
            $names ? implode(', ', $names) . " and $last" : $last, implode("\n", $lines), describe_header($header)));
    }
    return $found;
}

/** "the header's 5 columns: a, b, c" */
function describe_header(array $header): string
{
    return sprintf("the header's %d column%s: %s", count($header), count($header) === 1 ? '' : 's',
        implode(', ', array_map(fn ($h) => $h === '' ? '(empty)' : $h, $header)));
}

/**
 * Segment\Profiles::fromCsv() options from the command line's options.
 *
 * @param array<string, mixed> $opts parsed options (map, date-format, cancelled-status, cancel-prefix,
 *                                    delimiter, reference, returns)
 * @return array{0: array<string, mixed>, 1: array<string, string>} [options, columns]
 */
function profile_options(string $path, array $opts): array
{
    $delimiter = $opts['delimiter'] ?? ',';
    if ($delimiter === '\t' || $delimiter === 'tab') $delimiter = "\t";
    if (strlen($delimiter) !== 1) throw new UsageError('--delimiter must be one character', '');
    $map = [];
    foreach ($opts['map'] ?? [] as $m) {
        $eq = strpos($m, '=');
        $field = $eq === false ? '' : strtolower(trim(substr($m, 0, $eq)));
        if ($eq === false || !isset(COLUMN_NAMES[$field])) {
            throw new UsageError(sprintf("--map %s: expected FIELD=COLUMN with FIELD one of %s", $m,
                implode(', ', array_keys(COLUMN_NAMES))), '');
        }
        $map[$field] = substr($m, $eq + 1);
    }
    $columns = detect_columns(read_header($path, $delimiter), $map, $path);
    $o = $columns + ['delimiter' => $delimiter];
    if (isset($opts['date-format'])) $o['date_format'] = $opts['date-format'];
    if (isset($opts['cancel-prefix']) && $opts['cancel-prefix'] !== '') $o['cancel_prefix'] = $opts['cancel-prefix'];
    if (isset($opts['returns'])) $o['returns'] = $opts['returns'];
    if (isset($columns['status'])) {
        if (isset($opts['cancelled-status'])) {
            $list = array_values(array_filter(array_map('trim', explode(',', $opts['cancelled-status'])), 'strlen'));
        } else {
            $list = [];
            foreach (DEFAULT_CANCELLED as $s) array_push($list, $s, ucfirst($s), ucwords($s), strtoupper($s));
            $list = array_values(array_unique($list));
        }
        $o['cancelled_statuses'] = $list;
    } elseif (isset($opts['cancelled-status']) && $opts['cancelled-status'] !== '') {
        throw new Failure("$path: --cancelled-status needs a status column; none was found (--map status=COLUMN)\n"
            . describe_header(read_header($path, $delimiter)));
    }
    return [$o, $columns];
}
