<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Core\Db;

/** Connection over PDO (MySQL/MariaDB), for tests and stand-alone scripts. */
final class PdoConnection implements Connection
{
    public function __construct(private \PDO $pdo, private string $prefix = '')
    {
        if (!preg_match('/^[A-Za-z0-9_]*$/', $prefix)) {
            throw new \InvalidArgumentException('a table prefix holds only A-Z, a-z, 0-9 and _');
        }
        $this->pdo->setAttribute(\PDO::ATTR_ERRMODE, \PDO::ERRMODE_EXCEPTION);
        $this->pdo->setAttribute(\PDO::ATTR_EMULATE_PREPARES, false);
        // Magento stores TIMESTAMP columns in UTC and reads them so; do the same.
        $this->pdo->exec("SET time_zone = '+00:00'");
    }

    public function table(string $name): string
    {
        return $this->prefix . $name;
    }

    public function fetchAll(string $sql, array $params = []): array
    {
        $st = $this->pdo->prepare($sql);
        $st->execute($params);

        return $st->fetchAll(\PDO::FETCH_ASSOC);
    }

    public function fetchRow(string $sql, array $params = []): ?array
    {
        $st = $this->pdo->prepare($sql);
        $st->execute($params);
        $row = $st->fetch(\PDO::FETCH_ASSOC);

        return $row === false ? null : $row;
    }

    public function fetchOne(string $sql, array $params = []): mixed
    {
        $st = $this->pdo->prepare($sql);
        $st->execute($params);
        $v = $st->fetchColumn();

        return $v === false ? null : $v;
    }

    public function execute(string $sql, array $params = []): int
    {
        $st = $this->pdo->prepare($sql);
        $st->execute($params);

        return $st->rowCount();
    }

    public function lastInsertId(): int
    {
        return (int) $this->pdo->lastInsertId();
    }

    public function transaction(callable $fn): mixed
    {
        $this->pdo->beginTransaction();
        try {
            $result = $fn($this);
            $this->pdo->commit();

            return $result;
        } catch (\Throwable $e) {
            if ($this->pdo->inTransaction()) {
                $this->pdo->rollBack();
            }
            throw $e;
        }
    }
}
