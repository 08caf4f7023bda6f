<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Model\Db;

use Magento\Framework\App\ResourceConnection;
use Magento\Framework\DB\Adapter\AdapterInterface;
use Segment\CustomerSegment\Core\Db\Connection;

/**
 * The core's Connection over Magento's DB adapter: every value is bound
 * (query($sql, $bind)), table names go through getTableName() (prefix).
 */
class MagentoConnection implements Connection
{
    private ?AdapterInterface $adapter = null;

    public function __construct(private ResourceConnection $resource)
    {
    }

    private function db(): AdapterInterface
    {
        return $this->adapter ??= $this->resource->getConnection();
    }

    public function table(string $name): string
    {
        return $this->resource->getTableName($name);
    }

    public function fetchAll(string $sql, array $params = []): array
    {
        return $this->db()->fetchAll($sql, $params);
    }

    public function fetchRow(string $sql, array $params = []): ?array
    {
        $row = $this->db()->fetchRow($sql, $params);

        return $row === false || $row === null ? null : $row;
    }

    public function fetchOne(string $sql, array $params = []): mixed
    {
        $v = $this->db()->fetchOne($sql, $params);

        return $v === false ? null : $v;
    }

    public function execute(string $sql, array $params = []): int
    {
        return $this->db()->query($sql, $params)->rowCount();
    }

    public function lastInsertId(): int
    {
        return (int) $this->db()->lastInsertId();
    }

    public function transaction(callable $fn): mixed
    {
        $db = $this->db();
        $db->beginTransaction();
        try {
            $result = $fn($this);
            $db->commit();

            return $result;
        } catch (\Throwable $e) {
            $db->rollBack();
            throw $e;
        }
    }
}
