<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Core;

/**
 * Which segments the current visitor is in, for one storefront request:
 * the stored profile (one primary-key lookup; none for a guest) and the live
 * context through the extension's Segment\Model::assign().
 */
final class Assigner
{
    /** @param callable(int): TableStore $stores */
    public function __construct(private ModelRepository $models, private $stores)
    {
    }

    /**
     * @param \Segment\Context|array<string, mixed>|null $context
     * @return list<string> segment codes, highest priority first
     */
    public function segments(int $websiteId, ?int $customerId, \Segment\Context|array|null $context, \DateTimeInterface|int|null $now = null): array
    {
        return $this->assign($websiteId, $customerId, $context, $now)['segments'];
    }

    /** @return array{segments: list<string>, attributes: array<string, mixed>} */
    public function assign(int $websiteId, ?int $customerId, \Segment\Context|array|null $context, \DateTimeInterface|int|null $now = null): array
    {
        $model = $this->models->current($websiteId);
        $profile = null;
        if ($customerId !== null && $customerId > 0) {
            $row = ($this->stores)($websiteId)->customer($customerId);
            // a signed-in customer without a stored row: registered, no order yet
            $profile = $row !== null ? TableStore::toProfile($row) : ['customer_id' => (string) $customerId, 'orders' => 0];
        }

        return $model->assign($profile, $context, $now);
    }
}
