<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Model;

use Magento\Framework\App\Config\ScopeConfigInterface;
use Magento\Framework\App\Filesystem\DirectoryList;
use Magento\Store\Model\ScopeInterface;
use Magento\Store\Model\StoreManagerInterface;
use Segment\CustomerSegment\Core\Module;
use Segment\CustomerSegment\Core\Settings;
use Segment\CustomerSegment\Model\Db\MagentoConnection;

/**
 * The module's core (Segment\CustomerSegment\Core, free of Magento classes)
 * built from Magento's services: its DB adapter, configuration and var/.
 */
class Services
{
    public const EXTENSION_MISSING = 'The segment PHP extension is not loaded in this PHP (add extension=segment.so to its ini files and restart PHP-FPM); customer segments are inactive.';

    private ?Module $module = null;

    public function __construct(
        private MagentoConnection $connection,
        private ScopeConfigInterface $config,
        private DirectoryList $directoryList,
        private StoreManagerInterface $storeManager,
    ) {
    }

    public static function available(): bool
    {
        return extension_loaded('segment');
    }

    public function module(): Module
    {
        if (!self::available()) {
            throw new \RuntimeException(self::EXTENSION_MISSING);
        }

        return $this->module ??= new Module($this->connection, $this->directoryList->getPath(DirectoryList::VAR_DIR) . '/segment');
    }

    public function settings(int $websiteId): Settings
    {
        $get = fn (string $path) => $this->config->getValue('customer_segment/' . $path, ScopeInterface::SCOPE_WEBSITES, $websiteId);

        return Settings::fromConfig([
            'rfm_enabled' => $get('rfm/enabled'),
            'rfm_bins' => $get('rfm/bins'),
            'rfm_map' => $get('rfm/map'),
            'cluster_enabled' => $get('clustering/enabled'),
            'cluster_k' => $get('clustering/clusters'),
            'cluster_features' => $get('clustering/features'),
            'cancelled_states' => $get('orders/cancelled_states'),
        ]);
    }

    public function currentWebsiteId(): int
    {
        return (int) $this->storeManager->getStore()->getWebsiteId();
    }

    /** @return list<int> */
    public function websiteIds(): array
    {
        $ids = [];
        foreach ($this->storeManager->getWebsites() as $website) {
            $ids[] = (int) $website->getId();
        }
        sort($ids);

        return $ids;
    }

    /** After definitions changed: the new rules apply at once on the storefront of the websites concerned (0: all). */
    public function rulesChanged(int $websiteId): void
    {
        foreach ($websiteId === 0 ? $this->websiteIds() : [$websiteId] as $id) {
            $this->module()->models()->rebuildRules($id);
        }
    }
}
