<?php

namespace PrestaShop\Module\Segment\Store;

/**
 * Where each customer's profile, RFM scores, cluster and segments live, in
 * generations, with a history of moves. The module talks to the store only
 * through this interface, so the extension's own membership store (being
 * built on branch `store`, issue 6) can replace ModuleTableStore here
 * without touching the rest of the module.
 */
interface MembershipStore
{
    /** The generation readers see; 0 before the first recompute. */
    public function currentGeneration(): int;

    /** One customer's stored row in the current generation, or null. */
    public function profile(int $idCustomer): ?array;

    /** Starts a new generation (removing what an interrupted run left) and returns its number. */
    public function beginGeneration(): int;

    /**
     * Writes rows of a generation not yet visible. Each row: id_customer,
     * orders, monetary, first_order_at, last_order_at, country,
     * cancelled_orders, r, f, m, rfm_segment, cluster, cluster_name,
     * segments (list of codes, highest priority first).
     *
     * @param list<array<string, mixed>> $rows
     */
    public function write(int $generation, array $rows, string $modelVersion): void;

    /**
     * Makes $generation the current one in one transaction, recording every
     * customer whose first segment changed in the history; then drops older
     * generations. Returns the number of moves.
     */
    public function commit(int $generation, string $modelVersion): int;

    /** Replaces one customer's row in the current generation (incremental refresh); records a move. */
    public function upsert(array $row, string $modelVersion): void;

    /** Removes everything stored about one customer (GDPR). Returns rows removed. */
    public function forget(int $idCustomer): int;

    /** Everything stored about one customer (GDPR export). */
    public function export(int $idCustomer): array;

    /** @return array<string, array{customers: int, revenue: float}> per segment code, current generation */
    public function sizes(): array;

    /** @return list<array{from: string, to: string, customers: int}> moves recorded by the latest full run */
    public function moves(): array;

    /** @return array<int, array<int, int>> r => f => customers, current generation */
    public function heatmap(): array;

    /** @return list<int> customer ids in a segment, current generation */
    public function members(string $code): array;

    /** @return array<string, int> segment code => customers, current generation, for the given codes */
    public function counts(): array;

    /** Customer ids and stored rows of the current generation, in chunks (for previews). */
    public function each(callable $fn, int $chunk = 1000): void;
}
