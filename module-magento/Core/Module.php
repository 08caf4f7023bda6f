<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Core;

use Segment\CustomerSegment\Core\Db\Connection;

/**
 * The module's core services over one connection, free of Magento classes:
 * the glue (Model\Services) builds it with Magento's DB adapter, the tests
 * and scripts with PDO.
 */
final class Module
{
    /** @var array<int, TableStore> */
    private array $stores = [];
    private ?Definitions $definitions = null;
    private ?ModelRepository $models = null;

    /** @param int $stateTtl seconds a web node trusts the segment_state it read (ModelRepository::STATE_TTL) */
    public function __construct(private Connection $db, private string $modelDir, private int $stateTtl = ModelRepository::STATE_TTL)
    {
    }

    public function connection(): Connection
    {
        return $this->db;
    }

    public function definitions(): Definitions
    {
        return $this->definitions ??= new Definitions($this->db);
    }

    /** The membership store of one website (the adapter boundary: see MembershipStore). */
    public function store(int $websiteId): TableStore
    {
        return $this->stores[$websiteId] ??= new TableStore($this->db, $websiteId);
    }

    private function storeFn(): \Closure
    {
        return fn (int $websiteId) => $this->store($websiteId);
    }

    public function models(): ModelRepository
    {
        return $this->models ??= new ModelRepository($this->modelDir, $this->definitions(), $this->storeFn(), $this->stateTtl);
    }

    public function source(): OrderSource
    {
        return new OrderSource($this->db);
    }

    public function recompute(): Recompute
    {
        return new Recompute($this->source(), $this->models(), $this->storeFn());
    }

    public function assigner(): Assigner
    {
        return new Assigner($this->models(), $this->storeFn());
    }

    public function preview(): Preview
    {
        return new Preview($this->models(), $this->storeFn());
    }

    public function report(): Report
    {
        return new Report($this->definitions(), $this->storeFn());
    }

    /** Removes a customer's stored profile, scores, memberships and history (every website). */
    public function forget(int $customerId): int
    {
        return $this->store(0)->forget($customerId);
    }

    /** Website ids that have a store view (the websites to recompute). @return list<int> */
    public function websites(): array
    {
        return array_map('intval', array_column($this->db->fetchAll(
            'SELECT DISTINCT website_id FROM ' . $this->db->table('store') . ' WHERE website_id > 0 ORDER BY website_id'
        ), 'website_id'));
    }
}
