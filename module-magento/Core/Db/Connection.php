<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Core\Db;

/**
 * The little the module's core needs from a database: statements with bound
 * parameters (never values put into SQL text), table names and transactions.
 * Implemented over PDO (tests, scripts) and over Magento's DB adapter
 * (Model\Db\MagentoConnection).
 */
interface Connection
{
    /** The real name of one of the module's or the shop's tables (with the installation's prefix). */
    public function table(string $name): string;

    /** @param list<scalar|null> $params @return list<array<string, mixed>> */
    public function fetchAll(string $sql, array $params = []): array;

    /** @param list<scalar|null> $params @return array<string, mixed>|null */
    public function fetchRow(string $sql, array $params = []): ?array;

    /** The first column of the first row, or null. @param list<scalar|null> $params */
    public function fetchOne(string $sql, array $params = []): mixed;

    /** Runs a statement; returns the number of rows it changed. @param list<scalar|null> $params */
    public function execute(string $sql, array $params = []): int;

    public function lastInsertId(): int;

    /**
     * Runs $fn($this) in a transaction: committed when it returns, rolled
     * back when it throws (the exception propagates).
     *
     * @template T
     * @param callable(Connection): T $fn
     * @return T
     */
    public function transaction(callable $fn): mixed;
}
