<?php

namespace PrestaShop\Module\Segment;

/**
 * RFM and clustering settings, validated. Stored as JSON by the glue
 * (PrestaShop's Configuration, per shop).
 */
final class Settings
{
    public const FEATURES = ['recency', 'frequency', 'monetary', 'avg_order_value', 'tenure_days'];
    public const MAPS = ['rf11', 'core', 'retention'];

    public const DEFAULTS = [
        'rfm_enabled' => true,
        'rfm_bins' => 5,
        'rfm_method' => 'quantile',
        'rfm_map' => 'rf11',
        'window_days' => 0,          // orders of the last N days only; 0 = all orders
        'kmeans_enabled' => true,
        'kmeans_k' => 0,             // 0 = automatic (KMeans::suggestK over 2..6)
        'kmeans_features' => ['recency', 'frequency', 'monetary'],
        'kmeans_seed' => 1,
    ];

    /** @var array<string, mixed> */
    private array $values;

    private function __construct(array $values)
    {
        $this->values = $values;
    }

    public static function defaults(): self
    {
        return new self(self::DEFAULTS);
    }

    /** From stored JSON; anything unreadable falls back to the defaults (and is reported by validate on save). */
    public static function fromJson(?string $json): self
    {
        $data = $json ? json_decode($json, true) : null;
        if (!is_array($data)) {
            return self::defaults();
        }
        [$values, $errors] = self::check($data + self::DEFAULTS);

        return $errors ? self::defaults() : new self($values);
    }

    /**
     * From a form post. Returns [Settings|null, errors field => message].
     *
     * @return array{0: ?self, 1: array<string, string>}
     */
    public static function fromInput(array $input): array
    {
        $data = [
            'rfm_enabled' => !empty($input['rfm_enabled']),
            'rfm_bins' => $input['rfm_bins'] ?? null,
            'rfm_method' => $input['rfm_method'] ?? null,
            'rfm_map' => $input['rfm_map'] ?? null,
            'window_days' => $input['window_days'] ?? 0,
            'kmeans_enabled' => !empty($input['kmeans_enabled']),
            'kmeans_k' => $input['kmeans_k'] ?? 0,
            'kmeans_features' => $input['kmeans_features'] ?? [],
            'kmeans_seed' => $input['kmeans_seed'] ?? 1,
        ];
        [$values, $errors] = self::check($data);

        return [$errors ? null : new self($values), $errors];
    }

    private static function intIn(mixed $v, int $min, int $max): ?int
    {
        if (is_int($v)) {
            $i = $v;
        } elseif (is_string($v) && preg_match('/^\s*-?\d{1,9}\s*$/', $v)) {
            $i = (int) $v;
        } else {
            return null;
        }

        return $i >= $min && $i <= $max ? $i : null;
    }

    /** @return array{0: array, 1: array<string, string>} */
    private static function check(array $d): array
    {
        $e = [];
        $v = [];
        $v['rfm_enabled'] = (bool) $d['rfm_enabled'];
        $v['rfm_bins'] = self::intIn($d['rfm_bins'], 2, 10) ?? ($e['rfm_bins'] = 'Bins must be a whole number from 2 to 10.') ;
        $v['rfm_method'] = in_array($d['rfm_method'], ['quantile', 'pandas'], true) ? $d['rfm_method']
            : ($e['rfm_method'] = 'Method must be quantile or pandas.');
        $v['rfm_map'] = in_array($d['rfm_map'], self::MAPS, true) ? $d['rfm_map']
            : ($e['rfm_map'] = 'Segment map must be one of ' . implode(', ', self::MAPS) . '.');
        if (!isset($e['rfm_bins']) && !isset($e['rfm_map']) && $v['rfm_bins'] !== 5) {
            $e['rfm_bins'] = 'The built-in segment maps name segments for 5 bins only.';
        }
        $v['window_days'] = self::intIn($d['window_days'], 0, 36500) ?? ($e['window_days'] = 'The window must be 0 (all orders) or a number of days up to 36500.');
        $v['kmeans_enabled'] = (bool) $d['kmeans_enabled'];
        $v['kmeans_k'] = self::intIn($d['kmeans_k'], 0, 20) ?? ($e['kmeans_k'] = 'k must be 0 (automatic) or from 2 to 20.');
        if (!isset($e['kmeans_k']) && $v['kmeans_k'] === 1) {
            $e['kmeans_k'] = 'k must be 0 (automatic) or from 2 to 20.';
        }
        $features = is_array($d['kmeans_features']) ? array_values(array_unique(array_map('strval', $d['kmeans_features']))) : null;
        if ($features === null || !$features || array_diff($features, self::FEATURES)) {
            $e['kmeans_features'] = 'Pick one or more features among ' . implode(', ', self::FEATURES) . '.';
        }
        $v['kmeans_features'] = $features ?? [];
        $v['kmeans_seed'] = self::intIn($d['kmeans_seed'], 0, 2147483647) ?? ($e['kmeans_seed'] = 'The seed must be a non-negative whole number.');

        return [$v, $e];
    }

    public function get(string $key): mixed
    {
        if (!array_key_exists($key, $this->values)) {
            throw new \InvalidArgumentException("unknown setting '$key'");
        }

        return $this->values[$key];
    }

    public function toArray(): array
    {
        return $this->values;
    }

    public function toJson(): string
    {
        return json_encode($this->values, JSON_THROW_ON_ERROR);
    }
}
