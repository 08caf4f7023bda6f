<?php

declare(strict_types=1);

/*
 * PHPUnit bootstrap of the Magento module's tests. Classes of the module
 * (Segment\CustomerSegment\ => module-magento/) load by PSR-4, as Magento's
 * autoloader maps app/code/Segment/CustomerSegment; Magento classes the glue
 * touches come from Test/Doubles/ (minimal doubles written to Magento
 * 2.4.6's signatures), never from a Magento installation.
 */
if (!extension_loaded('segment')) {
    fwrite(STDERR, "the segment extension is not loaded (php -d extension=modules/segment.so)\n");
    exit(1);
}

spl_autoload_register(static function (string $class): void {
    $prefix = 'Segment\\CustomerSegment\\';
    if (str_starts_with($class, $prefix)) {
        $file = __DIR__ . '/../' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
        if (is_file($file)) {
            require $file;
        }
        return;
    }
    foreach (['Magento\\', 'Symfony\\'] as $ns) {
        if (str_starts_with($class, $ns)) {
            $file = __DIR__ . '/Doubles/' . str_replace('\\', '/', $class) . '.php';
            if (is_file($file)) {
                require $file;
            }
            return;
        }
    }
});

require __DIR__ . '/Doubles/magento.php';

date_default_timezone_set('UTC'); // as Magento's bootstrap does
