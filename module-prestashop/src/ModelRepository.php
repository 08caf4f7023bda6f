<?php

namespace PrestaShop\Module\Segment;

/**
 * The shop's Segment\Model file: built by a recompute (rules + RFM +
 * k-means), rebuilt with the same RFM and k-means parts when an admin
 * changes a segment, loaded on every request from the extension's
 * per-process cache.
 *
 * With a version store (the glue keeps the model's version in PrestaShop's
 * Configuration, which PrestaShop loads once per request anyway), a request
 * loads the model by its version: a hash lookup, no system call.  A file
 * that does not have that version (replaced by a recompute whose version is
 * not stored yet, or removed) is loaded the plain way: by its mtime.
 */
final class ModelRepository
{
    private string $path;

    /**
     * @param \Closure(): ?string|null $readVersion the stored version of the shop's model
     * @param \Closure(?string): void|null $writeVersion stores it (null: there is no model)
     */
    public function __construct(
        string $directory,
        int $idShop,
        private ?\Closure $readVersion = null,
        private ?\Closure $writeVersion = null,
    ) {
        $this->path = rtrim($directory, '/') . '/model-shop' . $idShop . '.json';
    }

    public function path(): string
    {
        return $this->path;
    }

    public function load(): ?\Segment\Model
    {
        $version = $this->readVersion ? ($this->readVersion)() : null;
        if ($version !== null && $version !== '') {
            try {
                return \Segment\Model::load($this->path, $version);
            } catch (\Segment\Exception $e) {
                // not that version, or no file: the file decides below
            }
        }
        if (!is_file($this->path)) {
            return null;
        }

        return \Segment\Model::load($this->path);
    }

    /** Saves a model built from these parts; returns it. */
    public function save(array $definitions, ?\Segment\Rfm $rfm, ?\Segment\KMeans $kmeans, array $settings = []): \Segment\Model
    {
        $dir = dirname($this->path);
        if (!is_dir($dir) && !@mkdir($dir, 0775, true) && !is_dir($dir)) {
            throw new \RuntimeException("cannot create the directory $dir for the segment model");
        }
        $model = \Segment\Model::build($definitions, $rfm, $kmeans, $settings);
        $model->save($this->path);
        if ($this->writeVersion) {
            ($this->writeVersion)($model->version());
        }

        return $model;
    }

    /** New rules, same fitted parts (after a segment is saved, toggled or deleted). */
    public function rebuildRules(array $definitions): \Segment\Model
    {
        $old = null;
        try {
            $old = $this->load();
        } catch (\Segment\Exception $e) {
            // an unreadable model is replaced by one with the rules only
        }

        return $this->save(
            $definitions,
            $old?->rfm(),
            $old?->kmeans(),
            $old ? ($old->toArray()['settings'] ?? []) : []
        );
    }

    public function delete(): void
    {
        if ($this->writeVersion) {
            ($this->writeVersion)(null);
        }
        if (is_file($this->path)) {
            unlink($this->path);
        }
    }
}
