<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Test\Support;

use Segment\CustomerSegment\Core\Db\PdoConnection;

/**
 * A fresh database on the throw-away MariaDB of tests/mysql/server.sh
 * (SEG_MYSQL_SOCKET, reached as the server's root over its Unix socket; the
 * tests run as root, as CI does): Magento's tables from
 * ../shared/schemas/magento.sql, the two Magento_Store tables the module
 * reads (not in that file), and the module's tables from etc/db_schema.xml.
 */
final class TestDb
{
    public const NAME = 'seg_mgmodule';
    private static ?\PDO $root = null;

    public static function unavailable(): ?string
    {
        return getenv('SEG_MYSQL_SOCKET') ? null
            : 'no test database server: run module-magento/Test/run.sh or scripts/test.sh (SEG_MYSQL_SOCKET is not set)';
    }

    public static function pdo(): \PDO
    {
        return self::$root ??= new \PDO('mysql:unix_socket=' . getenv('SEG_MYSQL_SOCKET') . ';charset=utf8mb4', 'root', '', [
            \PDO::ATTR_ERRMODE => \PDO::ERRMODE_EXCEPTION,
        ]);
    }

    private static function magentoSql(): string
    {
        foreach (array_filter([getenv('SEG_SHARED_SCHEMAS') ?: null, __DIR__ . '/../../../../shared/schemas']) as $dir) {
            if (is_file("$dir/magento.sql")) {
                return (string) file_get_contents("$dir/magento.sql");
            }
        }
        throw new \RuntimeException('no magento.sql: set SEG_SHARED_SCHEMAS');
    }

    /**
     * Magento's tables, the two Magento_Store tables the module reads and
     * the module's own, in the database $pdo is using (also the benchmark's
     * shop, bench/magento/setup.php).
     */
    public static function createTables(\PDO $pdo): void
    {
        $pdo->exec('SET FOREIGN_KEY_CHECKS = 0');
        foreach (preg_split('/;\s*\n/', self::magentoSql()) as $st) {
            if (trim(preg_replace('/^\s*--.*$/m', '', $st)) !== '') {
                $pdo->exec($st);
            }
        }
        // Magento_Store's store_website and store, the columns the module reads
        $pdo->exec('CREATE TABLE store_website (website_id smallint unsigned NOT NULL AUTO_INCREMENT, code varchar(32), name varchar(64),
            sort_order smallint unsigned NOT NULL DEFAULT 0, default_group_id smallint unsigned NOT NULL DEFAULT 0, is_default smallint unsigned DEFAULT 0,
            PRIMARY KEY (website_id), UNIQUE KEY STORE_WEBSITE_CODE (code))');
        $pdo->exec('CREATE TABLE store (store_id smallint unsigned NOT NULL AUTO_INCREMENT, code varchar(32), website_id smallint unsigned NOT NULL DEFAULT 0,
            group_id smallint unsigned NOT NULL DEFAULT 0, name varchar(255) NOT NULL, sort_order smallint unsigned NOT NULL DEFAULT 0,
            is_active smallint unsigned NOT NULL DEFAULT 0, PRIMARY KEY (store_id), UNIQUE KEY STORE_CODE (code))');
        $pdo->exec('SET FOREIGN_KEY_CHECKS = 1');
        foreach (DeclarativeSchema::statements(__DIR__ . '/../../etc/db_schema.xml') as $sql) {
            $pdo->exec($sql);
        }
    }

    public static function fresh(): PdoConnection
    {
        $pdo = self::pdo();
        $pdo->exec('DROP DATABASE IF EXISTS ' . self::NAME);
        $pdo->exec('CREATE DATABASE ' . self::NAME . ' CHARACTER SET utf8mb4');
        $pdo->exec('USE ' . self::NAME);
        self::createTables($pdo);

        return new PdoConnection(new \PDO('mysql:unix_socket=' . getenv('SEG_MYSQL_SOCKET') . ';dbname=' . self::NAME . ';charset=utf8mb4', 'root', ''));
    }
}
