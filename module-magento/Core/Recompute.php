<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Core;

/**
 * The whole base of a website (cron, bin/magento segment:recompute, the
 * admin's "Recompute now") and one customer at once (observers on
 * registration, login and order placement).
 */
final class Recompute
{
    /** @param callable(int): TableStore $stores */
    public function __construct(
        private OrderSource $source,
        private ModelRepository $models,
        private $stores,
    ) {
    }

    /**
     * @param null|callable(array): void $progress told ['phase' => 'read'|'fit'|'write'|'cleanup', 'customers' => n, ...]
     * @return array summary of TableStore::recompute() plus 'model_version'
     */
    public function all(int $websiteId, Settings $settings, ?callable $progress = null, \DateTimeInterface|int|null $now = null): array
    {
        $store = ($this->stores)($websiteId);
        $readProgress = $progress === null ? null : static function (array $p) use ($progress): void {
            $progress(['phase' => 'read', 'customers' => 0, 'lines' => $p['lines'], 'seconds' => $p['seconds']]);
        };
        $profiles = $this->source->profiles($websiteId, $settings, null, $now, $readProgress);
        if ($progress !== null) {
            $progress(['phase' => 'fit', 'customers' => count($profiles), 'total' => count($profiles)]);
        }
        $definitions = $this->models->definitions($websiteId);
        $model = $this->models->build($websiteId, $settings, $profiles, $definitions, $now);
        $countries = $this->source->countries();
        $total = count($profiles);
        $summary = $store->recompute(
            $model,
            OrderSource::withCountries($profiles, $countries),
            $progress === null ? null : static fn (array $p) => $progress($p + ['total' => $total]),
            $now
        );
        $model = $this->models->publishRecomputed($websiteId, $model, $definitions);

        return $summary + ['model_version' => $model->version()];
    }

    /**
     * One customer, now: their orders are read again and their row,
     * memberships and history updated in the current generation. A customer
     * without an order gets a row with 0 orders (visitor_type "registered").
     */
    public function customer(int $websiteId, int $customerId, Settings $settings, \DateTimeInterface|int|null $now = null): array
    {
        $profiles = $this->source->profiles($websiteId, $settings, $customerId, $now);
        $profile = $profiles->get((string) $customerId) ?? ['customer_id' => (string) $customerId, 'orders' => 0, 'monetary' => 0.0];
        $profile['country'] = $this->source->countries($customerId)[(string) $customerId] ?? null;

        return ($this->stores)($websiteId)->update($this->models->current($websiteId), (string) $customerId, $profile, $now);
    }
}
