<?php

namespace PrestaShop\Module\Segment\Store;

use PrestaShop\Module\Segment\ProfileCache;

/**
 * A membership store that says when a stored profile may have changed, so
 * that the profiles cached in customers' sessions (ProfileCache) stop being
 * used: after a full recompute's commit, after a one-customer refresh whose
 * cached figures differ from what was stored (a login refresh that changes
 * nothing keeps every session's cache), after a GDPR deletion. The callback
 * runs after the write, never before: a request that read the old row under
 * the old stamp then misses on its next request.
 */
final class StampedStore implements MembershipStore
{
    /** @param \Closure(): void $changed */
    public function __construct(private MembershipStore $inner, private \Closure $changed)
    {
    }

    public function inner(): MembershipStore
    {
        return $this->inner;
    }

    public function currentGeneration(): int
    {
        return $this->inner->currentGeneration();
    }

    public function profile(int $idCustomer): ?array
    {
        return $this->inner->profile($idCustomer);
    }

    public function beginGeneration(): int
    {
        return $this->inner->beginGeneration();
    }

    public function write(int $generation, array $rows, string $modelVersion): void
    {
        // not visible before commit()
        $this->inner->write($generation, $rows, $modelVersion);
    }

    public function commit(int $generation, string $modelVersion): int
    {
        $moves = $this->inner->commit($generation, $modelVersion);
        ($this->changed)();

        return $moves;
    }

    public function upsert(array $row, string $modelVersion): void
    {
        $before = $this->inner->profile((int) $row['id_customer']);
        $this->inner->upsert($row, $modelVersion);
        if ($before === null || !self::same(ProfileCache::fields($before), ProfileCache::fields($row))) {
            ($this->changed)();
        }
    }

    public function forget(int $idCustomer): int
    {
        $n = $this->inner->forget($idCustomer);
        if ($n > 0) {
            ($this->changed)();
        }

        return $n;
    }

    /** The same figures, whatever the types the database and the refresh give them. */
    private static function same(array $a, array $b): bool
    {
        foreach ($a as $i => $x) {
            $x = $x === '' ? null : $x;   // a country is null or '' for none
            $y = $b[$i] === '' ? null : $b[$i];
            if ($x === null || $y === null) {
                if ($x !== $y) {
                    return false;
                }
            } elseif (is_numeric($x) && is_numeric($y)) {
                if (abs((float) $x - (float) $y) > 1e-6) {
                    return false;
                }
            } elseif ((string) $x !== (string) $y) {
                // dates in another format only cost one more query per session
                return false;
            }
        }

        return true;
    }

    public function export(int $idCustomer): array
    {
        return $this->inner->export($idCustomer);
    }

    public function sizes(): array
    {
        return $this->inner->sizes();
    }

    public function moves(): array
    {
        return $this->inner->moves();
    }

    public function heatmap(): array
    {
        return $this->inner->heatmap();
    }

    public function members(string $code): array
    {
        return $this->inner->members($code);
    }

    public function counts(): array
    {
        return $this->inner->counts();
    }

    public function each(callable $fn, int $chunk = 1000): void
    {
        $this->inner->each($fn, $chunk);
    }
}
