<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Core;

/**
 * Which segments the current visitor is in, for one storefront request:
 * the model (ModelRepository::snapshot(): no query while the node's state
 * file is fresh), the stored profile (one primary-key read for a signed-in
 * customer, none when $profiles holds it for this generation; none for a
 * guest) and the live context through the extension's Segment\Model::segments()
 * (or assign(), when the attributes are wanted too).
 */
final class Assigner
{
    /** @param callable(int): TableStore $stores */
    public function __construct(private ModelRepository $models, private $stores)
    {
    }

    /**
     * Model::segments(): the codes alone, without building the attributes
     * array (what storefront pages and cart rules ask for).
     *
     * @param \Segment\Context|array<string, mixed>|null $context
     * @return list<string> segment codes, highest priority first
     */
    public function segments(int $websiteId, ?int $customerId, \Segment\Context|array|null $context, \DateTimeInterface|int|null $now = null, ?ProfileCache $profiles = null): array
    {
        [$model, $profile] = $this->modelAndProfile($websiteId, $customerId, $profiles);

        return $model->segments($profile, $context, $now);
    }

    /** @return array{segments: list<string>, attributes: array<string, mixed>} */
    public function assign(int $websiteId, ?int $customerId, \Segment\Context|array|null $context, \DateTimeInterface|int|null $now = null, ?ProfileCache $profiles = null): array
    {
        [$model, $profile] = $this->modelAndProfile($websiteId, $customerId, $profiles);

        return $model->assign($profile, $context, $now);
    }

    /** @return array{0: \Segment\Model, 1: ?array<string, mixed>} */
    private function modelAndProfile(int $websiteId, ?int $customerId, ?ProfileCache $profiles): array
    {
        ['model' => $model, 'generation' => $generation] = $this->models->snapshot($websiteId);
        $profile = null;
        if ($customerId !== null && $customerId > 0) {
            $stored = $profiles !== null ? $profiles->get($websiteId, $customerId, $generation) : false;
            if ($stored === false) {
                $row = ($this->stores)($websiteId)->customer($customerId);
                $stored = $row !== null ? TableStore::toProfile($row) : null;
                $profiles?->put($websiteId, $customerId, $generation, $stored);
            }
            // a signed-in customer without a stored row: registered, no order yet
            $profile = $stored ?? ['customer_id' => (string) $customerId, 'orders' => 0];
        }

        return [$model, $profile];
    }
}
