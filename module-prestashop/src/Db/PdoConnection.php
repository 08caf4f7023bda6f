<?php

namespace PrestaShop\Module\Segment\Db;

/**
 * Connection over a PDO link: in the shop, PrestaShop's own link
 * (Db::getInstance()->getLink(), one connection per request); in the tests,
 * a PDO to a throw-away MariaDB.
 */
final class PdoConnection implements Connection
{
    private \PDO $pdo;
    private string $prefix;

    public function __construct(\PDO $pdo, string $prefix)
    {
        if (!preg_match('/^[A-Za-z0-9_]{0,64}$/', $prefix)) {
            throw new \InvalidArgumentException('table prefix may only hold A-Z a-z 0-9 _ (at most 64)');
        }
        $this->pdo = $pdo;
        $this->prefix = $prefix;
    }

    public function pdo(): \PDO
    {
        return $this->pdo;
    }

    public function prefix(): string
    {
        return $this->prefix;
    }

    public function table(string $name): string
    {
        if (!preg_match('/^[a-z_]{1,64}$/', $name)) {
            throw new \InvalidArgumentException("not a table name: '$name'");
        }

        return '`' . $this->prefix . $name . '`';
    }

    private function run(string $sql, array $params): \PDOStatement
    {
        $stmt = $this->pdo->prepare($sql);
        if ($stmt === false) {
            throw new \RuntimeException('cannot prepare statement');
        }
        $i = 1;
        foreach ($params as $value) {
            $type = match (true) {
                is_int($value) => \PDO::PARAM_INT,
                is_bool($value) => \PDO::PARAM_BOOL,
                $value === null => \PDO::PARAM_NULL,
                default => \PDO::PARAM_STR,
            };
            if (is_float($value)) {
                $value = sprintf('%.10F', $value);
            }
            $stmt->bindValue($i++, $value, $type);
        }
        if ($stmt->execute() === false) {
            $info = $stmt->errorInfo();
            throw new \RuntimeException('query failed: ' . ($info[2] ?? 'unknown error'));
        }

        return $stmt;
    }

    public function fetchAll(string $sql, array $params = []): array
    {
        $stmt = $this->run($sql, $params);
        $rows = $stmt->fetchAll(\PDO::FETCH_ASSOC);
        $stmt->closeCursor();

        return $rows;
    }

    public function fetchRow(string $sql, array $params = []): ?array
    {
        $stmt = $this->run($sql, $params);
        $row = $stmt->fetch(\PDO::FETCH_ASSOC);
        $stmt->closeCursor();

        return $row === false ? null : $row;
    }

    public function fetchValue(string $sql, array $params = []): mixed
    {
        $stmt = $this->run($sql, $params);
        $value = $stmt->fetchColumn();
        $stmt->closeCursor();

        return $value === false ? null : $value;
    }

    public function execute(string $sql, array $params = []): int
    {
        $stmt = $this->run($sql, $params);
        $n = $stmt->rowCount();
        $stmt->closeCursor();

        return $n;
    }

    public function lastInsertId(): int
    {
        return (int) $this->pdo->lastInsertId();
    }

    public function transactional(callable $fn): mixed
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
