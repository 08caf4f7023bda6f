<?php
// The module's classes without Composer (the zip a back office accepts);
// composer.json declares the same PSR-4 mapping.
spl_autoload_register(static function (string $class): void {
    $prefix = 'PrestaShop\\Module\\Segment\\';
    if (strncmp($class, $prefix, strlen($prefix)) === 0) {
        $file = __DIR__ . '/src/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
        if (is_file($file)) {
            require $file;
        }
    }
});
