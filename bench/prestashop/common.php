<?php

/**
 * Shared by setup.php and bench.php: where the module is, and the
 * benchmark's database on the throw-away MariaDB (SEG_MYSQL_SOCKET, root by
 * Unix-socket authentication, as the module's tests do).
 */

declare(strict_types=1);

use PrestaShop\Module\Segment\Db\PdoConnection;

const MODULE_DIR = __DIR__ . '/../../module-prestashop';

if (!extension_loaded('segment') || !class_exists('Segment\\Model')) {
    fwrite(STDERR, "bench/prestashop: the segment extension is not loaded (php -d extension=.../segment.so)\n");
    exit(1);
}
if (!getenv('SEG_MYSQL_SOCKET')) {
    fwrite(STDERR, "bench/prestashop: SEG_MYSQL_SOCKET is not set (run bench/prestashop/run.sh)\n");
    exit(1);
}

function bench_database(): string
{
    $name = getenv('SEG_PS_BENCH_DB') ?: 'seg_psbench';
    if (!preg_match('/^[a-z_][a-z0-9_]{0,63}$/', $name)) {
        throw new InvalidArgumentException("bad database name '$name'");
    }

    return $name;
}

/** For Segment\Profiles::fromDatabase (the recompute's read). */
function bench_dsn(): array
{
    return ['socket' => getenv('SEG_MYSQL_SOCKET'), 'user' => 'root', 'password' => '', 'database' => bench_database()];
}

/** A PDO link like PrestaShop's DbPDO one (emulated prepares, exceptions), optionally of a subclass. */
function bench_pdo(string $class = PDO::class, bool $withDatabase = true): PDO
{
    return new $class('mysql:unix_socket=' . getenv('SEG_MYSQL_SOCKET') . ($withDatabase ? ';dbname=' . bench_database() : '') . ';charset=utf8mb4', 'root', '', [
        PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
    ]);
}

function bench_schema_file(): string
{
    foreach (array_filter([getenv('SEG_SHARED_SCHEMAS') ?: null, __DIR__ . '/../../../shared/schemas']) as $dir) {
        if (is_file("$dir/prestashop.sql")) {
            return "$dir/prestashop.sql";
        }
    }
    throw new RuntimeException('no prestashop.sql: set SEG_SHARED_SCHEMAS');
}

/** Drops and recreates the benchmark's database with PrestaShop's tables (installer placeholders as tests/mysql/server.sh fills them). */
function bench_fresh_database(): PdoConnection
{
    $pdo = bench_pdo(PDO::class, false);
    $name = bench_database();
    $pdo->exec("DROP DATABASE IF EXISTS $name");
    $pdo->exec("CREATE DATABASE $name CHARACTER SET utf8mb4");
    $pdo->exec("USE $name");
    $sql = str_replace(['PREFIX_', 'ENGINE_TYPE', 'COLLATION'], ['ps_', 'InnoDB', 'COLLATE=utf8mb4_general_ci'], (string) file_get_contents(bench_schema_file()));
    foreach (preg_split('/;\s*\n/', $sql) as $statement) {
        if (trim((string) preg_replace('/^\s*--.*$/m', '', $statement)) !== '') {
            $pdo->exec($statement);
        }
    }

    return new PdoConnection($pdo, 'ps_');
}
