<?php

namespace PrestaShop\Module\Segment\Db;

/**
 * The only way the module's logic talks to the database: SQL text written in
 * this module with `?` placeholders, values always bound. Table names come
 * from table(), the only identifier ever built, from a checked prefix.
 */
interface Connection
{
    /** `{prefix}{name}` quoted as an identifier. */
    public function table(string $name): string;

    /** @return list<array<string, mixed>> */
    public function fetchAll(string $sql, array $params = []): array;

    /** @return array<string, mixed>|null */
    public function fetchRow(string $sql, array $params = []): ?array;

    public function fetchValue(string $sql, array $params = []): mixed;

    /** Runs a statement; returns the affected rows. */
    public function execute(string $sql, array $params = []): int;

    public function lastInsertId(): int;

    /**
     * Runs $fn in a transaction: committed when it returns, rolled back
     * when it throws (and the exception rethrown).
     */
    public function transactional(callable $fn): mixed;
}
