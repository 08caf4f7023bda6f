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
 */
final class ModelRepository
{
    /** @param callable(int): TableStore $stores website id => store */
    public function __construct(private string $dir, private Definitions $definitions, private $stores)
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

    /** Fits RFM and clustering on $profiles as the settings say, with the website's definitions. */
    public function build(int $websiteId, Settings $settings, \Segment\Profiles $profiles, \DateTimeInterface|int|null $reference = null): \Segment\Model
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

        return \Segment\Model::build($this->definitions->forModel($websiteId), $rfm, $kmeans, ['website' => $websiteId]);
    }

    /** Makes $model the website's model: the file, then the database. */
    public function publish(int $websiteId, \Segment\Model $model): void
    {
        if (!is_dir($this->dir) && !@mkdir($this->dir, 0775, true) && !is_dir($this->dir)) {
            throw new \RuntimeException(sprintf('cannot create the model directory %s', $this->dir));
        }
        $model->save($this->path($websiteId));
        $this->store($websiteId)->saveModel($model);
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

    /** The website's current model (built from the definitions alone before the first recompute). */
    public function current(int $websiteId): \Segment\Model
    {
        return $this->stored($websiteId) ?? $this->rebuildRules($websiteId);
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
