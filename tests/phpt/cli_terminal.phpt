--TEST--
bin/segment on a terminal (a pty from script(1)): progress redrawn with \r on stderr, bold headings; NO_COLOR and --quiet
--EXTENSIONS--
segment
--INI--
pcre.jit=0
--SKIPIF--
<?php
if (!function_exists('proc_open')) die('skip proc_open is disabled');
if (!is_executable('/usr/bin/script')) die('skip needs script(1) from util-linux for a pty');
?>
--FILE--
<?php
require __DIR__ . '/../cli/cli.inc';
$dir = sys_get_temp_dir() . '/segment-cli-tty-' . getmypid();
@mkdir($dir);
$csv = "customer_id,order_date,amount\n";
for ($i = 0; $i < 60; $i++) $csv .= sprintf("c%d,2026-%02d-%02d,%d\n", $i % 20, 1 + $i % 9, 1 + $i % 27, 10 + $i);
file_put_contents("$dir/o.csv", $csv);
$php = implode(' ', array_map('escapeshellarg', [PHP_BINARY, '-n', '-d', 'pcre.jit=0', '-d', 'extension_dir=' . ini_get('extension_dir'), '-d', 'extension=segment',
    CLI_ROOT . '/bin/segment', 'analyze', "$dir/o.csv", '--k', '2']));
function on_pty(string $cmd, string $env = ''): string
{
    // script(1) runs the command on a new pty; stdout and stderr both go to it.
    return (string) shell_exec('env ' . $env . ' /usr/bin/script -qec ' . escapeshellarg($cmd) . ' /dev/null 2>&1');
}
$out = on_pty($php, '-u NO_COLOR');
echo 'progress redrawn in place: ', var_export(preg_match('/\rreading o\.csv: 60 lines[^\n]*\r/', $out) === 1, true), "\n";
echo 'bold heading: ', var_export(str_contains($out, "\033[1msegment analyze "), true), "\n";
echo 'the summary follows: ', var_export(str_contains($out, 'Segments'), true), "\n";
$out = on_pty($php, 'NO_COLOR=1');
echo 'NO_COLOR: escape codes ', var_export(str_contains($out, "\033"), true), ', progress still there ', var_export(str_contains($out, "\rreading o.csv"), true), "\n";
$out = on_pty("$php --quiet", '-u NO_COLOR');
echo '--quiet: ', var_export($out, true), "\n";
unlink("$dir/o.csv");
rmdir($dir);
?>
--EXPECT--
progress redrawn in place: true
bold heading: true
the summary follows: true
NO_COLOR: escape codes false, progress still there true
--quiet: ''
