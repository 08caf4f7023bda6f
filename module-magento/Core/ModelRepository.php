<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Core;

/**
 * The extension's model per website: built from the enabled definitions and
 * the settings (RFM fit, k-means fit) at recompute time, saved as a file
 * under the module's var directory (Segment\Model::save(), atomic) and as a
 * document in segment_state, so every web node can write its file from the
 * database. Requests load it with Segment\Model::load($path, $version): a
 * hash lookup in the process cache while the version is unchanged.
 *
 * The version (and the generation of stored profiles) comes from
 * segment_state, but not on every request: each web node keeps what it read
 * last in a small state file beside the model file, trusted for $stateTtl
 * seconds (its mtime is when the database was read). A PHP static would not
 * do: PHP-FPM forgets userland state at the end of every request, while a
 * file is shared by every worker of the node and costs a stat() and a short
 * read. publish() removes the file, so the node that recomputes or changes
 * the rules sees its own change on the next request; other nodes see it
 * within $stateTtl seconds.
 */
final class ModelRepository
{
    /** Seconds a web node trusts the state it read from segment_state. */
    public const STATE_TTL = 5;

    /**
     * @param callable(int): TableStore $stores website id => store
     * @param int $stateTtl seconds the node's state file is trusted; 0: read segment_state on every call
     */
    public function __construct(private string $dir, private Definitions $definitions, private $stores, private int $stateTtl = self::STATE_TTL)
    {
    }

    private function store(int $websiteId): TableStore
    {
        return ($this->stores)($websiteId);
    }

    public function path(int $websiteId): string
    {
        return rtrim($this->dir, '/') . '/model-website-' . $websiteId . '.json';
    }

    /** The node's copy of the website's segment_state (generation, model version); its mtime is when it was read. */
    public function statePath(int $websiteId): string
    {
        return rtrim($this->dir, '/') . '/state-website-' . $websiteId . '.json';
    }

    /**
     * The website's current generation and model version: from the node's
     * state file while it is younger than the TTL, else one primary-key read
     * of segment_state, which then rewrites the file (atomically). A model
     * version of null (nothing published yet) is not kept.
     *
     * @return array{generation: int, version: ?string}
     */
    public function state(int $websiteId, bool $fresh = false): array
    {
        $file = $this->statePath($websiteId);
        if (!$fresh && $this->stateTtl > 0) {
            clearstatcache(true, $file);
            $mtime = @filemtime($file);
            $age = $mtime === false ? -1 : time() - $mtime;
            // a file from the future (clock changes, a shared var/ on another clock) is not trusted
            if ($age >= 0 && $age < $this->stateTtl) {
                $kept = json_decode((string) @file_get_contents($file), true);
                if (is_array($kept) && is_int($kept['generation'] ?? null) && is_string($kept['version'] ?? null)) {
                    return ['generation' => $kept['generation'], 'version' => $kept['version']];
                }
            }
        }
        $state = $this->store($websiteId)->state();
        if ($this->stateTtl > 0 && $state['version'] !== null) {
            $this->keepState($file, $state);
        }

        return $state;
    }

    /** Drops the node's state file: the next state() reads the database. */
    public function forgetState(int $websiteId): void
    {
        @unlink($this->statePath($websiteId));
    }

    /** @param array{generation: int, version: ?string} $state */
    private function keepState(string $file, array $state): void
    {
        if (!is_dir($this->dir) && !@mkdir($this->dir, 0775, true) && !is_dir($this->dir)) {
            return; // not writable: every request reads the database, which stays correct
        }
        $tmp = $file . '.' . bin2hex(random_bytes(6)) . '.tmp';
        if (@file_put_contents($tmp, json_encode($state)) === false || !@rename($tmp, $file)) {
            @unlink($tmp);
        }
    }

    /** Fits RFM and clustering on $profiles as the settings say, with the website's definitions. */
    /** The definitions a model of the website is built from now (what build() and rebuildRules() use). */
    public function definitions(int $websiteId): array
    {
        return $this->definitions->forModel($websiteId);
    }

    /**
     * @param array $definitions the rules to build with (definitions(), read before the fit: publishRecomputed() compares them)
     */
    public function build(int $websiteId, Settings $settings, \Segment\Profiles $profiles, array $definitions,
                          \DateTimeInterface|int|null $reference = null): \Segment\Model
    {
        $buyers = 0;
        foreach ($profiles as $p) {
            if (($p['orders'] ?? 0) > 0) {
                $buyers++;
            }
        }
        $rfm = null;
        if ($settings->rfmEnabled && $buyers >= $settings->rfmBins) {
            $options = ['bins' => $settings->rfmBins, 'map' => $settings->rfmMap];
            if ($reference !== null) {
                $options['reference'] = $reference;
            }
            $rfm = \Segment\Rfm::fit($profiles, $options);
        }
        $kmeans = null;
        if ($settings->clusterEnabled && $buyers >= 10) {
            $options = ['features' => $settings->clusterFeatures, 'seed' => 1];
            if ($reference !== null) {
                $options['reference'] = $reference;
            }
            $k = $settings->clusterK;
            if ($k === 0) {
                $k = (int) (\Segment\KMeans::suggestK($profiles, 2, min(8, intdiv($buyers, 2)), $options)['k'] ?? 3);
            }
            if ($buyers >= 2 * $k) {
                $kmeans = \Segment\KMeans::fit($profiles, $k, $options);
            }
        }

        return \Segment\Model::build($definitions, $rfm, $kmeans, ['website' => $websiteId]);
    }

    /**
     * Publishes the model of a full recompute, built from $definitions. An
     * admin who saved a segment while the recompute ran has had their rules
     * published at once (rebuildRules()); the recompute's model, built from
     * the older rules, would undo that until the next run. So when the
     * definitions changed meanwhile, the rules part is rebuilt on top of the
     * freshly fitted RFM and k-means parts.
     */
    public function publishRecomputed(int $websiteId, \Segment\Model $model, array $definitions): \Segment\Model
    {
        $this->publish($websiteId, $model);
        if ($this->definitions->forModel($websiteId) !== $definitions) {
            return $this->rebuildRules($websiteId);
        }

        return $model;
    }

    /** Makes $model the website's model: the file, then the database. */
    public function publish(int $websiteId, \Segment\Model $model): void
    {
        if (!is_dir($this->dir) && !@mkdir($this->dir, 0775, true) && !is_dir($this->dir)) {
            throw new \RuntimeException(sprintf('cannot create the model directory %s', $this->dir));
        }
        $model->save($this->path($websiteId));
        $this->store($websiteId)->saveModel($model);
        $this->forgetState($websiteId);
    }

    /**
     * After an admin changed the definitions: the same fitted RFM and
     * k-means parts with the new rules, so live assignment uses them at
     * once; stored memberships follow at the next recompute.
     */
    public function rebuildRules(int $websiteId): \Segment\Model
    {
        $current = $this->stored($websiteId);
        $model = \Segment\Model::build(
            $this->definitions->forModel($websiteId),
            $current?->rfm(),
            $current?->kmeans(),
            ['website' => $websiteId]
        );
        $this->publish($websiteId, $model);

        return $model;
    }

    private function stored(int $websiteId): ?\Segment\Model
    {
        $version = $this->store($websiteId)->modelVersion();

        return $version === null ? null : $this->load($websiteId, $version);
    }

    /** The website's current model (built from the definitions alone before the first recompute), as state() names it. */
    public function current(int $websiteId): \Segment\Model
    {
        return $this->snapshot($websiteId)['model'];
    }

    /**
     * The current model and the generation of stored profiles it goes with,
     * as state() names them: no query while the node's state file is fresh.
     *
     * @return array{model: \Segment\Model, generation: int}
     */
    public function snapshot(int $websiteId): array
    {
        $state = $this->state($websiteId);
        if ($state['version'] === null) {
            return ['model' => $this->rebuildRules($websiteId), 'generation' => $state['generation']];
        }
        try {
            return ['model' => $this->load($websiteId, $state['version']), 'generation' => $state['generation']];
        } catch (\RuntimeException $e) {
            // the kept version may be gone from the database (another node published since): read it again, once
            $fresh = $this->state($websiteId, true);
            if ($fresh['version'] === $state['version']) {
                throw $e;
            }

            return ['model' => $fresh['version'] === null ? $this->rebuildRules($websiteId) : $this->load($websiteId, $fresh['version']),
                'generation' => $fresh['generation']];
        }
    }

    private function load(int $websiteId, string $version): \Segment\Model
    {
        $path = $this->path($websiteId);
        try {
            return \Segment\Model::load($path, $version);
        } catch (\Segment\Exception $e) {
            // the file is missing or older than the database's model (another node published it)
        }
        $doc = $this->store($websiteId)->storedModel();
        if ($doc === null || $doc['version'] !== $version) {
            throw new \RuntimeException(sprintf('the segment model of website %d changed while it was being read; try again', $websiteId));
        }
        if (!is_dir($this->dir)) {
            @mkdir($this->dir, 0775, true);
        }
        $tmp = $path . '.' . bin2hex(random_bytes(6)) . '.tmp';
        if (file_put_contents($tmp, $doc['json']) === false || !rename($tmp, $path)) {
            @unlink($tmp);
            throw new \RuntimeException(sprintf('cannot write the segment model to %s', $path));
        }

        return \Segment\Model::load($path, $version);
    }
}
