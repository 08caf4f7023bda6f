--TEST--
bin/segment recompute --shop-root: a shop running one of the modules gets the module's own recompute, run with this PHP and this extension, its output passed through and its outcome mapped to the command's exit statuses
--EXTENSIONS--
segment
--INI--
pcre.jit=0
--SKIPIF--
<?php if (!function_exists('proc_open')) die('skip proc_open is disabled'); ?>
--FILE--
<?php
require __DIR__ . '/../cli/cli.inc';
$root = sys_get_temp_dir() . '/segment-cli-shop-root-' . getmypid();
@mkdir("$root/modules/customersegments/bin", 0777, true);
@mkdir("$root/bin", 0777, true);
// Stand-ins for the modules' entry points: they say how they were run, and
// exit with the status the test asks for in STATUS.
$probe = <<<'PHP'
<?php
echo json_encode(['script' => basename($argv[0]), 'args' => array_slice($argv, 1), 'segment' => extension_loaded('segment'),
    'cwd' => basename(getcwd())]), "\n";
exit((int) trim((string) @file_get_contents(__DIR__ . '/STATUS')));
PHP;
file_put_contents("$root/modules/customersegments/bin/recompute.php", $probe);
file_put_contents("$root/bin/magento", $probe);
$status = fn (string $dir, int $s) => file_put_contents("$dir/STATUS", (string) $s);

foreach ([['prestashop', "$root/modules/customersegments/bin", []], ['prestashop', "$root/modules/customersegments/bin", ['--shop', '2']],
          ['magento', "$root/bin", []], ['magento', "$root/bin", ['--shop', '1']]] as [$platform, $dir, $extra]) {
    foreach ([0, $platform === 'prestashop' ? 75 : 3, 1] as $s) {
        $status($dir, $s);
        [$rc, $out, $err] = segment_cli(['recompute', '--platform', $platform, '--shop-root', $root, ...$extra]);
        echo "$platform ", implode(' ', $extra), " (module exits $s): exit $rc, ", trim($out), $err !== '' ? " stderr: $err" : '', "\n";
    }
}
$status("$root/modules/customersegments/bin", 64);
echo "module not installed: exit ", segment_cli(['recompute', '--platform', 'prestashop', '--shop-root', $root])[0], "\n";
$status("$root/modules/customersegments/bin", 0);
[$rc, $out] = segment_cli(['recompute', '--platform', 'prestashop', '--shop-root', $root, '--quiet']);
echo "--quiet: exit $rc, output '", $out, "'\n";

// what does not apply, and shops without the module
foreach ([['--dsn', 'mysql://u:p@h/db'], ['--store-prefix', 'x_'], ['--install'], ['--shop', 'two'], ['--platform', 'custom']] as $bad) {
    $args = ['recompute', '--platform', 'prestashop', '--shop-root', $root, ...$bad];
    [$rc, , $err] = segment_cli($args);
    echo implode(' ', $bad), ": exit $rc, ", strtok($err, "\n"), "\n";
}
[$rc, , $err] = segment_cli(['recompute', '--platform', 'prestashop', '--shop-root', "$root/nowhere"]);
echo "no module: exit $rc, ", str_replace($root, 'ROOT', strtok($err, "\n")), "\n";
[$rc, , $err] = segment_cli(['recompute', '--platform', 'prestashop', '--dsn', 'mysql://u:p@h/db', '--shop', '2']);
echo "--shop without --shop-root: exit $rc, ", strtok($err, "\n"), "\n";

foreach (["$root/modules/customersegments/bin/recompute.php", "$root/modules/customersegments/bin/STATUS", "$root/bin/magento", "$root/bin/STATUS"] as $f) @unlink($f);
foreach (["$root/modules/customersegments/bin", "$root/modules/customersegments", "$root/modules", "$root/bin", $root] as $d) @rmdir($d);
?>
--EXPECTF--
prestashop  (module exits 0): exit 0, {"script":"recompute.php","args":[],"segment":true,"cwd":"segment-cli-shop-root-%d"}
prestashop  (module exits 75): exit 3, {"script":"recompute.php","args":[],"segment":true,"cwd":"segment-cli-shop-root-%d"}
prestashop  (module exits 1): exit 1, {"script":"recompute.php","args":[],"segment":true,"cwd":"segment-cli-shop-root-%d"}
prestashop --shop 2 (module exits 0): exit 0, {"script":"recompute.php","args":["--shop=2"],"segment":true,"cwd":"segment-cli-shop-root-%d"}
prestashop --shop 2 (module exits 75): exit 3, {"script":"recompute.php","args":["--shop=2"],"segment":true,"cwd":"segment-cli-shop-root-%d"}
prestashop --shop 2 (module exits 1): exit 1, {"script":"recompute.php","args":["--shop=2"],"segment":true,"cwd":"segment-cli-shop-root-%d"}
magento  (module exits 0): exit 0, {"script":"magento","args":["segment:recompute"],"segment":true,"cwd":"segment-cli-shop-root-%d"}
magento  (module exits 3): exit 3, {"script":"magento","args":["segment:recompute"],"segment":true,"cwd":"segment-cli-shop-root-%d"}
magento  (module exits 1): exit 1, {"script":"magento","args":["segment:recompute"],"segment":true,"cwd":"segment-cli-shop-root-%d"}
magento --shop 1 (module exits 0): exit 0, {"script":"magento","args":["segment:recompute","--website=1"],"segment":true,"cwd":"segment-cli-shop-root-%d"}
magento --shop 1 (module exits 3): exit 3, {"script":"magento","args":["segment:recompute","--website=1"],"segment":true,"cwd":"segment-cli-shop-root-%d"}
magento --shop 1 (module exits 1): exit 1, {"script":"magento","args":["segment:recompute","--website=1"],"segment":true,"cwd":"segment-cli-shop-root-%d"}
module not installed: exit 2
--quiet: exit 0, output ''
--dsn mysql://u:p@h/db: exit 2, segment recompute: --dsn does not apply with --shop-root: the module reads the shop's own settings
--store-prefix x_: exit 2, segment recompute: --store-prefix does not apply with --shop-root: the module reads the shop's own settings
--install: exit 2, segment recompute: --map, --install and --format do not apply with --shop-root
--shop two: exit 2, segment recompute: --shop two: expected a shop (PrestaShop) or website (Magento) id
--platform custom: exit 2, segment recompute: --shop-root needs --platform prestashop or magento
no module: exit 2, segment recompute: --shop-root ROOT/nowhere: no ROOT/nowhere/modules/customersegments/bin/recompute.php (the customersegments module is not in the shop's modules/ folder)
--shop without --shop-root: exit 2, segment recompute: --shop is for --shop-root (a shop running one of the modules)
