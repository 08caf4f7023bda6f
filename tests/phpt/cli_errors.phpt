--TEST--
bin/segment: exit 1 for bad data, files and mappings (with the header's columns), exit 2 for bad command lines (with usage)
--EXTENSIONS--
segment
--INI--
pcre.jit=0
--SKIPIF--
<?php if (!function_exists('proc_open')) die('skip proc_open is disabled'); ?>
--FILE--
<?php
require __DIR__ . '/../cli/cli.inc';
$dir = sys_get_temp_dir() . '/segment-cli-errors-' . getmypid();
@mkdir($dir);
file_put_contents("$dir/ok.csv", "Order,Client,When,Value,State\n1,a,2026-01-01,10,paid\n2,b,2026-01-02,20,paid\n3,a,2026-02-01,5,paid\n");
file_put_contents("$dir/baddate.csv", "customer_id,order_date,amount\na,2026-01-01,10\nb,2026-02-30,20\n");
file_put_contents("$dir/cancelled.csv", "customer_id,order_date,amount,status\na,2026-01-01,10,canceled\n");
file_put_contents("$dir/badrule.json", json_encode([['code' => 'x', 'rule' => 'orders >= 1'], ['code' => 'broken', 'rule' => "orders >=\n and"]]));
file_put_contents("$dir/net.csv", "customer_id,order_date,amount\na,2026-01-01,10\na,2026-01-03,-30\nb,2026-01-02,20\nc,2026-01-04,5\n");
file_put_contents("$dir/good.csv", "customer_id,order_date,amount\na,2026-01-01,10\nb,2026-01-05,20\nc,2026-01-09,30\n");
$cases = [
    'bad --map column' => ['analyze', "$dir/ok.csv", '--map', 'customer=Customer'],
    'columns not found' => ['analyze', "$dir/ok.csv"],
    'only some mapped' => ['analyze', "$dir/ok.csv", '--map', 'customer=Client', '--map', 'date=When'],
    'all mapped' => ['analyze', "$dir/ok.csv", '--map', 'customer=client', '--map', 'date=When', '--map', 'amount=value', '--quiet'],
    'unknown --map field' => ['analyze', "$dir/ok.csv", '--map', 'email=Client'],
    'unknown option' => ['analyze', "$dir/good.csv", '--colour'],
    'near miss' => ['analyze', "$dir/good.csv", '--reference=2026-01-10', '--quite'],
    'option without value' => ['analyze', "$dir/good.csv", '--k'],
    'flag with a value' => ['analyze', "$dir/good.csv", '--quiet=yes'],
    'unknown command' => ['analyse', "$dir/good.csv"],
    'no command' => [],
    'two files' => ['analyze', "$dir/good.csv", "$dir/ok.csv"],
    'missing file' => ['analyze', "$dir/missing.csv"],
    'a directory' => ['analyze', $dir],
    'bad date' => ['analyze', "$dir/baddate.csv"],
    'bad --date-format' => ['analyze', "$dir/good.csv", '--date-format', 'Y-m-d Q'],
    'bad --reference' => ['analyze', "$dir/good.csv", '--reference', 'yesterday'],
    '--k 0' => ['analyze', "$dir/good.csv", '--k', '0'],
    '--k many' => ['analyze', "$dir/good.csv", '--k', 'many'],
    'no counted order' => ['analyze', "$dir/cancelled.csv"],
    'net returns below -1' => ['analyze', "$dir/net.csv", '--returns', 'net'],
    'bad --returns' => ['analyze', "$dir/net.csv", '--returns', 'gross'],
    'rule syntax error' => ['analyze', "$dir/good.csv", '--rules', "$dir/badrule.json"],
    'missing rules file' => ['analyze', "$dir/good.csv", '--rules', "$dir/nope.json"],
    '--out in a missing directory' => ['analyze', "$dir/good.csv", '--out', "$dir/no/such/dir/r.html"],
    'fit without --model' => ['fit', "$dir/good.csv"],
    'assign, no model file' => ['assign', '--model', "$dir/none.json", "$dir/good.csv"],
    'assign, bad --format' => ['assign', '--model', "$dir/none.json", "$dir/good.csv", '--format', 'xml'],
    'explain, one argument' => ['explain', '--model', "$dir/none.json", "$dir/good.csv"],
    '--help' => ['analyze', '--help'],
];
foreach ($cases as $name => $args) {
    [$rc, $out, $err] = segment_cli($args);
    $err = str_replace($dir, 'DIR', $err);
    $lines = explode("\n", rtrim($err));
    echo "$name: exit $rc", $out !== '' && $rc !== 0 ? ' (with stdout!)' : '', "\n";
    foreach (array_slice($lines, 0, $rc === 2 ? 2 : 5) as $l) if ($l !== '') echo "  $l\n";
    if ($name === '--help') echo '  stdout: ', strtok($out, "\n"), "\n";
}
echo 'no temporary report left: ', var_export(glob("$dir/*.tmp.*") === [], true), "\n";

// Without the extension: how to load it, exit 2.
[$rc, $out, $err] = segment_cli(['analyze', "$dir/good.csv"], false);
echo "without the extension: exit $rc\n", preg_replace('~-d extension=\S+~', '-d extension=PATH', str_replace($dir, 'DIR', $err));
foreach (glob("$dir/*") as $f) unlink($f);
rmdir($dir);
?>
--EXPECTF--
bad --map column: exit 1
  segment analyze: DIR/ok.csv: --map customer=Customer: the header has no column 'Customer'
  the header's 5 columns: Order, Client, When, Value, State
columns not found: exit 1
  segment analyze: DIR/ok.csv: cannot tell which column holds the customer, the date and the amount:
    customer: none of customer_id, id_customer, customerid, customer, customer_email, customer_no, ...; say which with --map customer=COLUMN
    date: none of order_date, date, invoicedate, invoice_date, created_at, date_add, ...; say which with --map date=COLUMN
    amount (or quantity and price): none of amount, total, total_paid, total_paid_tax_incl, grand_total, line_total, ...; say which with --map amount=COLUMN
  the header's 5 columns: Order, Client, When, Value, State
only some mapped: exit 1
  segment analyze: DIR/ok.csv: cannot tell which column holds the amount:
    amount (or quantity and price): none of amount, total, total_paid, total_paid_tax_incl, grand_total, line_total, ...; say which with --map amount=COLUMN
  the header's 5 columns: Order, Client, When, Value, State
all mapped: exit 0
unknown --map field: exit 2
  segment analyze: --map email=Client: expected FIELD=COLUMN with FIELD one of customer, order, date, amount, quantity, price, status
  usage: segment analyze ORDERS.csv [OPTIONS]
unknown option: exit 2
  segment analyze: unknown option --colour
  usage: segment analyze ORDERS.csv [OPTIONS]
near miss: exit 2
  segment analyze: unknown option --quite (did you mean --quiet?)
  usage: segment analyze ORDERS.csv [OPTIONS]
option without value: exit 2
  segment analyze: option --k needs a value
  usage: segment analyze ORDERS.csv [OPTIONS]
flag with a value: exit 2
  segment analyze: option --quiet takes no value
  usage: segment analyze ORDERS.csv [OPTIONS]
unknown command: exit 2
  segment: unknown command 'analyse' (did you mean 'analyze'?)
no command: exit 2
  usage: segment COMMAND [OPTIONS]
two files: exit 2
  segment analyze: one order file, please
  usage: segment analyze ORDERS.csv [OPTIONS]
missing file: exit 1
  segment analyze: DIR/missing.csv: no such file
a directory: exit 1
  segment analyze: DIR: is a directory, not an order file
bad date: exit 1
  segment analyze: DIR/baddate.csv:3, column 'order_date': "2026-02-30" is not a date in the format auto
bad --date-format: exit 2
  segment analyze: --date-format: %s
  usage: segment analyze ORDERS.csv [OPTIONS]
bad --reference: exit 2
  segment analyze: --reference yesterday: expected a date such as 2026-11-01 or "2026-11-01 18:00:00"
  usage: segment analyze ORDERS.csv [OPTIONS]
--k 0: exit 2
  segment analyze: --k 0: expected auto or a number of clusters from 1 to 64
  usage: segment analyze ORDERS.csv [OPTIONS]
--k many: exit 2
  segment analyze: --k many: expected auto or a number of clusters from 1 to 64
  usage: segment analyze ORDERS.csv [OPTIONS]
no counted order: exit 1
  segment analyze: DIR/cancelled.csv: no counted order in 1 lines (0 without a customer id, 1 cancelled, 0 returned)
net returns below -1: exit 1
  segment analyze: k-means: %s: customer a: log1p needs a value above -1, not -20 (with --returns net a customer who returned more than they bought has a negative monetary, which k-means cannot log-scale; use --returns exclude)
bad --returns: exit 2
  segment analyze: --returns must be "exclude" or "net", "gross" given
  usage: segment analyze ORDERS.csv [OPTIONS]
rule syntax error: exit 1
  segment analyze: DIR/badrule.json: segment 'broken': line 2, column %d: %s
missing rules file: exit 1
  segment analyze: DIR/nope.json: no such rules file
--out in a missing directory: exit 1
  segment analyze: DIR/no/such/dir/r.html: no such directory: DIR/no/such/dir
fit without --model: exit 2
  segment fit: --model FILE is required: where to write the model
  usage: segment fit ORDERS.csv --model MODEL.json [OPTIONS]
assign, no model file: exit 1
  segment assign: DIR/none.json: no such model file (segment fit writes one)
assign, bad --format: exit 2
  segment assign: --format xml: expected table, csv or json
  usage: segment assign --model MODEL.json ORDERS.csv [--customer ID ...] [OPTIONS]
explain, one argument: exit 2
  segment explain: expected an order file and a customer id
  usage: segment explain --model MODEL.json ORDERS.csv CUSTOMER [OPTIONS]
--help: exit 0
  stdout: usage: segment analyze ORDERS.csv [OPTIONS]
no temporary report left: true
without the extension: exit 2
segment: the segment extension is not loaded. Load it with
  php -d extension=PATH %sbin/segment analyze DIR/good.csv
or install it (README.md, "Install"): phpize && ./configure --enable-segment && make
