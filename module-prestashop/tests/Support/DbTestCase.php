<?php

namespace PrestaShop\Module\Segment\Tests\Support;

use PHPUnit\Framework\TestCase;
use PrestaShop\Module\Segment\Db\PdoConnection;
use PrestaShop\Module\Segment\Schema;
use PrestaShop\Module\Segment\Services;
use PrestaShop\Module\Segment\Settings;



abstract class DbTestCase extends TestCase
{
    protected PdoConnection $db;
    protected ShopFixture $shop;
    protected string $modelDir;
    protected ?int $now = null;

    protected function setUp(): void
    {
        if ($why = TestDb::available()) {
            $this->markTestSkipped($why);
        }
        $this->now ??= strtotime('2026-03-02 12:00:00');
        $this->db = TestDb::fresh();
        (new Schema($this->db))->install();
        $this->shop = new ShopFixture($this->db, $this->now);
        $this->modelDir = sys_get_temp_dir() . '/segment-module-test-' . getmypid() . '-' . bin2hex(random_bytes(4));
    }

    protected function tearDown(): void
    {
        if (isset($this->modelDir) && is_dir($this->modelDir)) {
            array_map('unlink', glob($this->modelDir . '/*') ?: []);
            rmdir($this->modelDir);
        }
    }

    protected function services(?Settings $settings = null, int $idShop = 1, bool $perShop = false): Services
    {
        return new Services($this->db, $idShop, TestDb::dsn(), 'ps_', $this->modelDir, $settings ?? Settings::defaults(), $perShop);
    }

    /** Ten customers: 1-3 big recent spenders, 4-6 one small old order, 7-8 medium, 9 only a canceled order, 10 no order. */
    protected function populate(): void
    {
        for ($i = 1; $i <= 10; ++$i) {
            $this->shop->customer($i, "c$i@example.com", ['newsletter' => $i % 2, 'country' => $i <= 3 ? 8 : 21]);
        }
        foreach ([1, 2, 3] as $c) {
            foreach ([5, 20, 40, 70, 100] as $k => $days) {
                $this->shop->order($c, 300 + 10 * $c + $k, $days + $c);
            }
        }
        foreach ([4, 5, 6] as $c) {
            $this->shop->order($c, 20 + $c, 300 + $c);
        }
        foreach ([7, 8] as $c) {
            $this->shop->order($c, 80, 30 + $c, ShopFixture::DELIVERED);
            $this->shop->order($c, 90, 60 + $c);
        }
        $this->shop->order(9, 500, 10, ShopFixture::CANCELED);
    }
}
