<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Core;

/**
 * Somewhere a signed-in visitor's stored profile may be kept between their
 * requests (the glue: the customer session), so that repeat pages need no
 * database read. An entry belongs to one website, one customer and one
 * generation of stored profiles: any other key is a miss.
 */
interface ProfileCache
{
    /**
     * @return array<string, mixed>|null|false the profile (TableStore::toProfile()), null for "no stored row", false for a miss
     */
    public function get(int $websiteId, int $customerId, int $generation): array|null|false;

    /** @param array<string, mixed>|null $profile null: the customer has no stored row */
    public function put(int $websiteId, int $customerId, int $generation, ?array $profile): void;

    /** Drops the entry (after the customer's profile was refreshed). */
    public function forget(): void;
}
