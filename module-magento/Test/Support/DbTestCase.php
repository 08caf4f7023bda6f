<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Test\Support;

use PHPUnit\Framework\TestCase;
use Segment\CustomerSegment\Core\Module;
use Segment\CustomerSegment\Core\Settings;

abstract class DbTestCase extends TestCase
{
    protected Module $module;
    protected Shop $shop;
    protected string $dir;

    protected function setUp(): void
    {
        if ($why = TestDb::unavailable()) {
            $this->markTestSkipped($why);
        }
        $db = TestDb::fresh();
        $this->dir = sys_get_temp_dir() . '/segment-mg-test-' . getmypid() . '-' . bin2hex(random_bytes(3));
        $this->module = new Module($db, $this->dir);
        $this->shop = new Shop($db);
    }

    protected function tearDown(): void
    {
        if (isset($this->dir) && is_dir($this->dir)) {
            $it = new \RecursiveIteratorIterator(new \RecursiveDirectoryIterator($this->dir, \FilesystemIterator::SKIP_DOTS), \RecursiveIteratorIterator::CHILD_FIRST);
            foreach ($it as $f) {
                $f->isDir() ? rmdir((string) $f) : unlink((string) $f);
            }
            rmdir($this->dir);
        }
    }

    protected function standardWithRules(): void
    {
        $this->shop->standard();
        foreach (Shop::RULES as $r) {
            $this->module->definitions()->save($r + ['is_active' => 1]);
        }
    }

    protected function settings(): Settings
    {
        return new Settings(true, 5, 'rf11', true, 3);
    }

    /** Independent SQL: the value the server computes itself. */
    protected function sql(string $sql, array $params = []): mixed
    {
        return $this->module->connection()->fetchOne($sql, $params);
    }
}
