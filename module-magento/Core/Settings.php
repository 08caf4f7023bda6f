<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Core;

/**
 * Stores > Configuration > Customers > Customer Segments, per website, as
 * plain values (Model\Services reads them from Magento's configuration).
 */
final class Settings
{
    public const FEATURES = ['recency', 'frequency', 'monetary', 'average_order_value', 'tenure_days', 'cancelled_orders'];

    /**
     * @param list<string> $clusterFeatures
     * @param list<string> $cancelledStates
     */
    public function __construct(
        public readonly bool $rfmEnabled = true,
        public readonly int $rfmBins = 5,
        public readonly string $rfmMap = 'rf11',
        public readonly bool $clusterEnabled = false,
        public readonly int $clusterK = 4,
        public readonly array $clusterFeatures = ['recency', 'frequency', 'monetary'],
        public readonly array $cancelledStates = ['canceled', 'closed'],
    ) {
        if ($rfmBins < 2 || $rfmBins > 10) {
            throw new ValidationError('rfm_bins', 'RFM bins: between 2 and 10.');
        }
        if (!in_array($rfmMap, ['rf11', 'core', 'retention'], true)) {
            throw new ValidationError('rfm_map', 'RFM segment map: rf11, core or retention.');
        }
        if ($clusterK < 0 || $clusterK > 20) {
            throw new ValidationError('cluster_k', 'Clusters: 0 (automatic) to 20.');
        }
        foreach ($clusterFeatures as $f) {
            if (!in_array($f, self::FEATURES, true)) {
                throw new ValidationError('cluster_features', sprintf('Clustering feature "%s" is not one of %s.', $f, implode(', ', self::FEATURES)));
            }
        }
        if ($clusterFeatures === []) {
            throw new ValidationError('cluster_features', 'Clustering: choose at least one feature.');
        }
    }

    /** From configuration values as strings (comma lists for the lists). */
    public static function fromConfig(array $c): self
    {
        $list = static fn ($v, array $d) => $v === null || $v === '' ? $d : array_values(array_filter(array_map('trim', is_array($v) ? $v : explode(',', (string) $v)), 'strlen'));

        return new self(
            (bool) ($c['rfm_enabled'] ?? true),
            (int) ($c['rfm_bins'] ?? 5),
            (string) ($c['rfm_map'] ?? 'rf11') ?: 'rf11',
            (bool) ($c['cluster_enabled'] ?? false),
            (int) ($c['cluster_k'] ?? 4),
            $list($c['cluster_features'] ?? null, ['recency', 'frequency', 'monetary']),
            $list($c['cancelled_states'] ?? null, ['canceled', 'closed']),
        );
    }
}
