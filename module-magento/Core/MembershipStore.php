<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Core;

/**
 * Where each customer's stored profile, RFM scores, cluster, segments and
 * history live, for one website. The module uses the store only through
 * this interface, shaped like the extension's Segment\Store (branch
 * `store`: recompute/update/customer/counts/lastRun/history), so that
 * adapting to it, or replacing TableStore with it, stays in one class.
 */
interface MembershipStore
{
    /**
     * Assigns every profile with $model, writes the next generation beside
     * the current one, records entries and exits and switches in one
     * transaction, which also stores $model with its version (a web node
     * that sees the new version can always restore that model). Throws
     * StoreBusy when a recompute of the same website runs.
     *
     * @param iterable<string, array> $profiles customer id => profile (with country)
     * @param null|callable(array{phase: string, customers: int, seconds: float}): void $progress
     * @return array{generation: int, customers: int, memberships: int, entries: int, exits: int, segments: array<string, int>, seconds: float}
     */
    public function recompute(\Segment\Model $model, iterable $profiles, ?callable $progress = null, \DateTimeInterface|int|null $now = null): array;

    /**
     * Reassigns one customer in the current generation (after an order, a
     * login, a registration).
     *
     * @return array{segments: list<string>, entered: list<string>, exited: list<string>, generation: int}
     */
    public function update(\Segment\Model $model, string $customerId, array $profile, \DateTimeInterface|int|null $now = null): array;

    /** The customer's stored row in the current generation ('segments' decoded), or null. */
    public function customer(int $customerId): ?array;

    /** @return array<string, int> members per segment code, current generation */
    public function counts(): array;

    /** @return list<int> customer ids of a segment, in id order, after $after */
    public function members(string $code, int $limit = 1000, int $after = 0): array;

    /** @return array<string, mixed>|null the state: generation, model version, last run */
    public function lastRun(): ?array;

    /** @return list<array{code: string, event: string, generation: int, incremental: int, created_at: string}> newest first */
    public function history(int $customerId, int $limit = 100): array;

    /** Removes everything stored about a customer, in every website. Returns rows removed. */
    public function forget(int $customerId): int;

    /** @return array<string, array{customers: int, revenue: float}> */
    public function sizes(): array;

    /** @return array{segments: array<string, array{entered: int, exited: int}>, pairs: list<array{from: string, to: string, customers: int}>} moves of the latest recompute */
    public function moves(): array;

    /** @return array<int, array<int, int>> R => F => customers */
    public function heatmap(): array;

    /** Calls $fn($customerId, $row) for each stored row of the current generation. */
    public function each(callable $fn, int $chunk = 1000): void;
}
