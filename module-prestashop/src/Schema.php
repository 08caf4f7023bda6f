<?php

namespace PrestaShop\Module\Segment;

use PrestaShop\Module\Segment\Db\Connection;

/**
 * The module's tables, created with the shop's prefix and engine. Every
 * table carries id_shop (multistore). install() and upgrade() are
 * idempotent; uninstall() drops everything the module created.
 */
final class Schema
{
    public const TABLES = [
        'segment_definition', 'segment_state', 'segment_profile', 'segment_member',
        'segment_history', 'segment_run', 'segment_banner',
    ];

    private const ENGINES = ['InnoDB', 'MyISAM', 'Aria'];

    private Connection $db;
    private string $engine;

    public function __construct(Connection $db, string $engine = 'InnoDB')
    {
        if (!in_array($engine, self::ENGINES, true)) {
            throw new \InvalidArgumentException("unsupported storage engine '$engine' (InnoDB, MyISAM or Aria)");
        }
        $this->db = $db;
        $this->engine = $engine;
    }

    /** @return array<string, string> table => CREATE TABLE statement */
    public function statements(): array
    {
        $t = fn (string $n) => $this->db->table($n);
        $tail = ' ENGINE=' . $this->engine . ' DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci';

        return [
            'segment_definition' => 'CREATE TABLE IF NOT EXISTS ' . $t('segment_definition') . ' (
                id_segment INT UNSIGNED NOT NULL AUTO_INCREMENT,
                id_shop INT UNSIGNED NOT NULL,
                code VARCHAR(64) NOT NULL,
                name VARCHAR(128) NOT NULL,
                rule TEXT NOT NULL,
                priority INT NOT NULL DEFAULT 0,
                active TINYINT(1) UNSIGNED NOT NULL DEFAULT 1,
                id_group INT UNSIGNED NOT NULL DEFAULT 0,
                date_add DATETIME NOT NULL,
                date_upd DATETIME NOT NULL,
                PRIMARY KEY (id_segment),
                UNIQUE KEY shop_code (id_shop, code)
            )' . $tail,
            'segment_state' => 'CREATE TABLE IF NOT EXISTS ' . $t('segment_state') . ' (
                id_shop INT UNSIGNED NOT NULL,
                generation INT UNSIGNED NOT NULL,
                model_version VARCHAR(128) NOT NULL DEFAULT \'\',
                updated_at DATETIME NOT NULL,
                PRIMARY KEY (id_shop)
            )' . $tail,
            'segment_profile' => 'CREATE TABLE IF NOT EXISTS ' . $t('segment_profile') . ' (
                id_shop INT UNSIGNED NOT NULL,
                id_customer INT UNSIGNED NOT NULL,
                generation INT UNSIGNED NOT NULL,
                orders INT UNSIGNED NOT NULL DEFAULT 0,
                monetary DECIMAL(20,6) NOT NULL DEFAULT 0,
                first_order_at DATETIME NULL,
                last_order_at DATETIME NULL,
                country VARCHAR(3) NULL,
                cancelled_orders INT UNSIGNED NOT NULL DEFAULT 0,
                r TINYINT UNSIGNED NULL,
                f TINYINT UNSIGNED NULL,
                m TINYINT UNSIGNED NULL,
                rfm_segment VARCHAR(64) NULL,
                cluster INT NULL,
                cluster_name VARCHAR(128) NULL,
                segments VARCHAR(2048) NOT NULL DEFAULT \'\',
                primary_segment VARCHAR(64) NOT NULL DEFAULT \'\',
                model_version VARCHAR(128) NOT NULL DEFAULT \'\',
                computed_at DATETIME NOT NULL,
                PRIMARY KEY (id_shop, id_customer, generation),
                KEY shop_generation (id_shop, generation)
            )' . $tail,
            'segment_member' => 'CREATE TABLE IF NOT EXISTS ' . $t('segment_member') . ' (
                id_shop INT UNSIGNED NOT NULL,
                generation INT UNSIGNED NOT NULL,
                code VARCHAR(64) NOT NULL,
                id_customer INT UNSIGNED NOT NULL,
                PRIMARY KEY (id_shop, generation, code, id_customer),
                KEY shop_customer (id_shop, id_customer)
            )' . $tail,
            'segment_history' => 'CREATE TABLE IF NOT EXISTS ' . $t('segment_history') . ' (
                id_history INT UNSIGNED NOT NULL AUTO_INCREMENT,
                id_shop INT UNSIGNED NOT NULL,
                id_customer INT UNSIGNED NOT NULL,
                generation INT UNSIGNED NOT NULL,
                from_segment VARCHAR(64) NOT NULL DEFAULT \'\',
                to_segment VARCHAR(64) NOT NULL DEFAULT \'\',
                date_add DATETIME NOT NULL,
                PRIMARY KEY (id_history),
                KEY shop_generation (id_shop, generation),
                KEY shop_customer (id_shop, id_customer)
            )' . $tail,
            'segment_run' => 'CREATE TABLE IF NOT EXISTS ' . $t('segment_run') . ' (
                id_run INT UNSIGNED NOT NULL AUTO_INCREMENT,
                id_shop INT UNSIGNED NOT NULL,
                generation INT UNSIGNED NOT NULL DEFAULT 0,
                started_at DATETIME NOT NULL,
                finished_at DATETIME NULL,
                status VARCHAR(16) NOT NULL,
                customers INT UNSIGNED NOT NULL DEFAULT 0,
                message TEXT NULL,
                PRIMARY KEY (id_run),
                KEY shop_run (id_shop, id_run)
            )' . $tail,
            'segment_banner' => 'CREATE TABLE IF NOT EXISTS ' . $t('segment_banner') . ' (
                id_banner INT UNSIGNED NOT NULL AUTO_INCREMENT,
                id_shop INT UNSIGNED NOT NULL,
                id_segment INT UNSIGNED NOT NULL DEFAULT 0,
                hook VARCHAR(64) NOT NULL,
                image VARCHAR(255) NOT NULL DEFAULT \'\',
                link VARCHAR(255) NOT NULL DEFAULT \'\',
                text VARCHAR(512) NOT NULL DEFAULT \'\',
                active TINYINT(1) UNSIGNED NOT NULL DEFAULT 1,
                date_add DATETIME NOT NULL,
                date_upd DATETIME NOT NULL,
                PRIMARY KEY (id_banner),
                KEY shop_hook (id_shop, hook)
            )' . $tail,
        ];
    }

    public function install(): void
    {
        foreach ($this->statements() as $sql) {
            $this->db->execute($sql);
        }
    }

    /**
     * Brings tables of an older version up to date: creates missing tables
     * and adds columns that later versions introduced (1.1.0: banners and
     * the segment's customer group).
     */
    public function upgrade(): void
    {
        $this->install();
        if (!$this->hasColumn('segment_definition', 'id_group')) {
            $this->db->execute('ALTER TABLE ' . $this->db->table('segment_definition')
                . ' ADD COLUMN id_group INT UNSIGNED NOT NULL DEFAULT 0 AFTER active');
        }
    }

    public function uninstall(): void
    {
        foreach (self::TABLES as $name) {
            $this->db->execute('DROP TABLE IF EXISTS ' . $this->db->table($name));
        }
    }

    public function hasColumn(string $table, string $column): bool
    {
        $name = trim($this->db->table($table), '`');

        return (int) $this->db->fetchValue(
            'SELECT COUNT(*) FROM information_schema.COLUMNS
              WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?',
            [$name, $column]
        ) > 0;
    }

    public function hasTable(string $table): bool
    {
        $name = trim($this->db->table($table), '`');

        return (int) $this->db->fetchValue(
            'SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
            [$name]
        ) > 0;
    }
}
