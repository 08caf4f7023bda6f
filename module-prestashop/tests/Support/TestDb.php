<?php

namespace PrestaShop\Module\Segment\Tests\Support;

use PrestaShop\Module\Segment\Db\PdoConnection;

/**
 * A fresh database holding PrestaShop's tables (../shared/schemas, the
 * installer's own definitions) on the throw-away MariaDB that
 * tests/mysql/server.sh starts (SEG_MYSQL_* in the environment). The
 * database is created through the server's root account on its Unix
 * socket (the tests run as root, as CI does; server.sh's own test user may
 * only read).
 */
final class TestDb
{
    public const NAME = 'seg_psmodule';
    private static ?\PDO $root = null;

    public static function available(): ?string
    {
        if (!getenv('SEG_MYSQL_SOCKET')) {
            return 'no test database server: run through scripts/test.sh or module-prestashop/tests/run.sh (SEG_MYSQL_SOCKET is not set)';
        }
        if (function_exists('posix_getuid') && posix_getuid() !== 0) {
            return 'the database tests create their database through the test server\'s root account (Unix socket authentication): run them as root, as CI does';
        }

        return null;
    }

    public static function dsn(): array
    {
        return ['socket' => getenv('SEG_MYSQL_SOCKET'), 'user' => 'root', 'password' => '', 'database' => self::NAME];
    }

    public static function pdo(): \PDO
    {
        if (self::$root === null) {
            self::$root = new \PDO('mysql:unix_socket=' . getenv('SEG_MYSQL_SOCKET') . ';charset=utf8mb4', 'root', '', [
                \PDO::ATTR_ERRMODE => \PDO::ERRMODE_EXCEPTION,
            ]);
        }

        return self::$root;
    }

    private static function schemaFile(): string
    {
        $candidates = array_filter([
            getenv('SEG_SHARED_SCHEMAS') ?: null,
            __DIR__ . '/../../../../shared/schemas',
        ]);
        foreach ($candidates as $dir) {
            if (is_file("$dir/prestashop.sql")) {
                return "$dir/prestashop.sql";
            }
        }
        throw new \RuntimeException('no prestashop.sql: set SEG_SHARED_SCHEMAS');
    }

    /** Drops and recreates the database with PrestaShop's tables; returns a connection to it. */
    public static function fresh(string $prefix = 'ps_'): PdoConnection
    {
        $pdo = self::pdo();
        $pdo->exec('DROP DATABASE IF EXISTS ' . self::NAME);
        $pdo->exec('CREATE DATABASE ' . self::NAME . ' CHARACTER SET utf8mb4');
        $pdo->exec('USE ' . self::NAME);
        $sql = str_replace(
            ['PREFIX_', 'ENGINE_TYPE', 'COLLATION'],
            [$prefix, 'InnoDB', 'COLLATE=utf8mb4_general_ci'],
            file_get_contents(self::schemaFile())
        );
        foreach (preg_split('/;\s*\n/', $sql) as $statement) {
            if (trim(preg_replace('/^\s*--.*$/m', '', $statement)) !== '') {
                $pdo->exec($statement);
            }
        }

        return new PdoConnection($pdo, $prefix);
    }
}
