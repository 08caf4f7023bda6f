--TEST--
Segment\Profiles::fromCsv(): bad lines throw Segment\DataError with file, line and column
--EXTENSIONS--
segment
--FILE--
<?php
$dir = sys_get_temp_dir() . '/segment_profiles_fromcsv_error_' . getmypid();
@mkdir($dir);
$amount = ['customer' => 'cust', 'order' => 'ord', 'date' => 'date', 'amount' => 'amt'];
$qp = ['customer' => 'cust', 'order' => 'ord', 'date' => 'date', 'quantity' => 'qty', 'price' => 'price'];
$head = "cust,ord,date,amt\n";
$good = "a,1,2024-01-01 10:00:00,5\n";
$cases = [
    'bad date' => [$amount, $head . $good . "b,2,2024-13-01,5\n"],
    'date not in format' => [$amount + ['date_format' => 'Y-m-d H:i:s'], $head . $good . "b,2,2024-01-01,5\n"],
    'bad amount' => [$amount, $head . $good . $good . "b,2,2024-01-01,12abc\n"],
    'empty amount' => [$amount, $head . "b,2,2024-01-01,\n"],
    'NaN amount' => [$amount, $head . "b,2,2024-01-01,NaN\n"],
    'INF amount' => [$amount, $head . "b,2,2024-01-01,INF\n"],
    '1e999 amount' => [$amount, $head . "b,2,2024-01-01,1e999\n"],
    '-1e999 amount' => [$amount, $head . "b,2,2024-01-01,-1e999\n"],
    'bad quantity' => [$qp, "cust,ord,date,qty,price\nb,2,2024-01-01,two,1\n"],
    'bad price' => [$qp, "cust,ord,date,qty,price\nb,2,2024-01-01,2,1.2.3\n"],
    'product overflows' => [$qp, "cust,ord,date,qty,price\nb,2,2024-01-01,1e200,1e200\n"],
    'missing column' => [$amount, "cust,order,date,amt\n" . $good],
    'missing status column' => [$amount + ['status' => 'Status'], $head . $good],
    'too few fields' => [$amount, $head . $good . "b,2\n"],
    'unterminated quote' => [$amount, $head . $good . "b,\"2,2024-01-01,5\n"],
    'quote inside a field' => [$amount, $head . "b,2\"x,2024-01-01,5\n"],
    'date before year 0' => [$amount + ['date_format' => 'U'], $head . "b,2,-99999999999,5\n"],
    'missing file' => [$amount, null],
];
foreach ($cases as $name => [$opts, $text]) {
    $file = "$dir/in.csv";
    if ($text === null) {
        $file = "$dir/missing.csv";
    } else {
        file_put_contents($file, $text);
    }
    try {
        Segment\Profiles::fromCsv($file, $opts);
        echo "$name: no error\n";
    } catch (Segment\DataError $e) {
        printf("%s: %s\n  file=%s line=%d column=%s\n", $name, str_replace($dir, 'DIR', $e->getMessage()),
            str_replace($dir, 'DIR', $e->getDataFile()), $e->getDataLine(), var_export($e->getColumn(), true));
    }
}
@unlink("$dir/in.csv");
rmdir($dir);
?>
--EXPECTF--
bad date: DIR/in.csv:3, column 'date': "2024-13-01" is not a date in the format auto
  file=DIR/in.csv line=3 column='date'
date not in format: DIR/in.csv:3, column 'date': "2024-01-01" is not a date in the format Y-m-d H:i:s
  file=DIR/in.csv line=3 column='date'
bad amount: DIR/in.csv:4, column 'amt': "12abc" is not a finite number
  file=DIR/in.csv line=4 column='amt'
empty amount: DIR/in.csv:2, column 'amt': "" is not a finite number
  file=DIR/in.csv line=2 column='amt'
NaN amount: DIR/in.csv:2, column 'amt': "NaN" is not a finite number
  file=DIR/in.csv line=2 column='amt'
INF amount: DIR/in.csv:2, column 'amt': "INF" is not a finite number
  file=DIR/in.csv line=2 column='amt'
1e999 amount: DIR/in.csv:2, column 'amt': "1e999" is not a finite number
  file=DIR/in.csv line=2 column='amt'
-1e999 amount: DIR/in.csv:2, column 'amt': "-1e999" is not a finite number
  file=DIR/in.csv line=2 column='amt'
bad quantity: DIR/in.csv:2, column 'qty': "two" is not a finite number
  file=DIR/in.csv line=2 column='qty'
bad price: DIR/in.csv:2, column 'price': "1.2.3" is not a finite number
  file=DIR/in.csv line=2 column='price'
product overflows: DIR/in.csv:2: the amount is not a finite number
  file=DIR/in.csv line=2 column=''
missing column: DIR/in.csv:1, column 'ord': the header has no column named 'ord' (columns: cust, order, date, amt)
  file=DIR/in.csv line=1 column='ord'
missing status column: DIR/in.csv:1, column 'Status': the header has no column named 'Status' (columns: cust, ord, date, amt)
  file=DIR/in.csv line=1 column='Status'
too few fields: DIR/in.csv:3: the line has 2 fields, expected at least 4
  file=DIR/in.csv line=3 column=''
unterminated quote: DIR/in.csv:3, column '3': unterminated quoted field%s
  file=DIR/in.csv line=3 column='3'
quote inside a field: DIR/in.csv:2, column '4': quote (") inside an unquoted field%s
  file=DIR/in.csv line=2 column='4'
date before year 0: DIR/in.csv:2, column 'date': "-99999999999" is not a date in the format U
  file=DIR/in.csv line=2 column='date'
missing file: DIR/missing.csv: cannot open: No such file or directory
  file=DIR/missing.csv line=0 column=''
