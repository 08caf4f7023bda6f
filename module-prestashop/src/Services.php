<?php

namespace PrestaShop\Module\Segment;

use PrestaShop\Module\Segment\Db\Connection;
use PrestaShop\Module\Segment\Store\MembershipStore;
use PrestaShop\Module\Segment\Store\ModuleTableStore;
use PrestaShop\Module\Segment\Store\StampedStore;

/**
 * The module's objects for one shop, built once per request by the glue
 * (customersegments.php) or by a test. The one place that picks the membership
 * store implementation.
 */
final class Services
{
    private ?Definitions $definitions = null;
    private ?MembershipStore $store = null;
    private ?Assigner $assigner = null;
    private ?Banners $banners = null;

    /**
     * @param array $dsn connection settings for Segment\Profiles::fromDatabase
     * @param bool $perShopOrders read only this shop's orders (multistore)
     * @param \Closure|null $profilesChanged called after a store write that can
     *   change a stored profile (the glue renews the stamp of ProfileCache)
     * @param \Closure|null $readModelVersion, $writeModelVersion where the
     *   model's version is kept (ModelRepository: loading by version, no stat)
     */
    public function __construct(
        private Connection $db,
        private int $idShop,
        private array $dsn,
        private string $prefix,
        private string $modelDirectory,
        private Settings $settings,
        private bool $perShopOrders = false,
        private ?\Closure $profilesChanged = null,
        private ?\Closure $readModelVersion = null,
        private ?\Closure $writeModelVersion = null,
    ) {
    }

    public function db(): Connection
    {
        return $this->db;
    }

    public function idShop(): int
    {
        return $this->idShop;
    }

    public function settings(): Settings
    {
        return $this->settings;
    }

    public function definitions(): Definitions
    {
        return $this->definitions ??= new Definitions($this->db, $this->idShop);
    }

    public function store(): MembershipStore
    {
        if ($this->store === null) {
            $store = new ModuleTableStore($this->db, $this->idShop);
            $this->store = $this->profilesChanged ? new StampedStore($store, $this->profilesChanged) : $store;
        }

        return $this->store;
    }

    public function models(): ModelRepository
    {
        return new ModelRepository($this->modelDirectory, $this->idShop, $this->readModelVersion, $this->writeModelVersion);
    }

    public function orders(): OrderSource
    {
        return new OrderSource($this->db, $this->dsn, $this->prefix, $this->perShopOrders ? $this->idShop : null);
    }

    public function recompute(): Recompute
    {
        return new Recompute($this->db, $this->idShop, $this->orders(), $this->definitions(), $this->store(), $this->models(), $this->settings);
    }

    public function assigner(): Assigner
    {
        return $this->assigner ??= new Assigner($this->store(), $this->models());
    }

    public function banners(): Banners
    {
        return $this->banners ??= new Banners($this->db, $this->idShop);
    }

    public function report(): Report
    {
        return new Report($this->store(), $this->definitions());
    }

    public function preview(): Preview
    {
        return new Preview($this->store(), $this->orders(), $this->models());
    }

    public function gdpr(): Gdpr
    {
        return new Gdpr($this->store());
    }

    public function groups(): GroupSync
    {
        return new GroupSync($this->db, $this->store());
    }

    /** After a definition changed: the model gets the new rules at once. */
    public function definitionsChanged(): void
    {
        $this->models()->rebuildRules($this->definitions()->ruleDefinitions());
    }
}
