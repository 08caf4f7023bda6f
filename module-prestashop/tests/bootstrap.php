<?php
// PHPUnit bootstrap of the module's tests: the module's classes, the test
// doubles of the PrestaShop classes the glue touches, Debian's Smarty 4.

if (!extension_loaded('segment')) {
    fwrite(STDERR, "module-prestashop tests: the segment extension is not loaded (php -d extension=.../segment.so)\n");
    exit(1);
}

spl_autoload_register(static function (string $class): void {
    $prefix = 'PrestaShop\\Module\\Segment\\';
    if (str_starts_with($class, $prefix)) {
        $file = __DIR__ . '/../src/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
        if (is_file($file)) {
            require $file;
        }
    }
});
require __DIR__ . '/Support/TestDb.php';
require __DIR__ . '/Support/ShopFixture.php';
require __DIR__ . '/Support/DbTestCase.php';
require __DIR__ . '/Doubles/prestashop.php';
require __DIR__ . '/Doubles/grid.php';
require __DIR__ . '/Support/GlueTestCase.php';
