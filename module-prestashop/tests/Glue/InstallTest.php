<?php

namespace PrestaShop\Module\Segment\Tests\Glue;

use PrestaShop\Module\Segment\Schema;
use PrestaShop\Module\Segment\Tests\Support\GlueTestCase;

final class InstallTest extends GlueTestCase
{
    public function testInstallCreatesTablesHooksTabAndSettings(): void
    {
        $schema = new Schema($this->db);
        foreach (Schema::TABLES as $t) {
            $this->assertTrue($schema->hasTable($t), $t);
        }
        foreach (['actionFrontControllerInitAfter', 'displayHome', 'actionValidateOrder', 'actionOrderStatusPostUpdate',
                  'actionCustomerAccountAdd', 'actionAuthentication', 'actionCustomerGridDefinitionModifier',
                  'actionCustomerGridQueryBuilderModifier', 'actionExportGDPRData', 'actionDeleteGDPRCustomer', 'registerGDPRConsent'] as $hook) {
            $this->assertArrayHasKey($hook, \TestPs::$hooks);
        }
        $this->assertSame('AdminSegment', \TestPs::$tabs[0]['class_name']);
        $this->assertSame('AdminParentCustomer', \TestPs::$tabs[0]['parent_class_name']);
        $this->assertSame(5, json_decode(\Configuration::getGlobalValue('SEGMENT_SETTINGS'), true)['rfm_bins']);
        $this->assertMatchesRegularExpression('/^[0-9a-f]{32}$/', \Configuration::getGlobalValue('SEGMENT_CRON_TOKEN'));
        // every hook the module registers has a method or goes through the widget
        foreach (\CustomerSegments::HOOKS as $hook) {
            $this->assertTrue(method_exists($this->module, 'hook' . ucfirst($hook)) || str_starts_with($hook, 'display') || $hook === 'registerGDPRConsent', $hook);
        }
    }

    public function testUninstallLeavesNothingBehind(): void
    {
        $this->shop->customer(1, 'a@example.com');
        $this->module->services()->definitions()->save(['code' => 'all', 'name' => 'All', 'rule' => 'orders >= 0', 'priority' => '1', 'active' => '1', 'id_group' => '4']);
        $this->module->services()->definitionsChanged();
        $this->assertSame('ok', $this->module->services()->recompute()->run()['status']);
        $this->assertSame([3, 4], $this->shop->groupsOf(1));
        $model = $this->module->services()->models()->path();
        $this->assertFileExists($model);
        $this->assertTrue($this->module->uninstall());
        $this->assertSame(0, (int) $this->db->fetchValue("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'ps\\_segment\\_%'"));
        $this->assertFileDoesNotExist($model);
        $this->assertFalse(\Configuration::getGlobalValue('SEGMENT_SETTINGS'));
        $this->assertSame([], \TestPs::$hooks);
        $this->assertSame([3], $this->shop->groupsOf(1), 'the segment\'s group rows go, the default group stays');
    }

    public function testInstallRefusesAMissingOrOldExtension(): void
    {
        $this->assertStringContainsString('not loaded', \CustomerSegments::extensionProblem(false));
        $this->assertStringContainsString('too old (0.0.1', \CustomerSegments::extensionProblem('0.0.1'));
        $this->assertNull(\CustomerSegments::extensionProblem());
    }

    public function testUpgradeScript(): void
    {
        $this->db->execute('ALTER TABLE ps_segment_definition DROP COLUMN id_group');
        $this->db->execute('DROP TABLE ps_segment_banner');
        require_once __DIR__ . '/../../upgrade/upgrade-1.1.0.php';
        $this->assertTrue(upgrade_module_1_1_0($this->module));
        $this->assertTrue((new Schema($this->db))->hasColumn('segment_definition', 'id_group'));
        $this->assertTrue((new Schema($this->db))->hasTable('segment_banner'));
    }

    public function testDatabaseSettingsFromPrestaShopsServerString(): void
    {
        $this->assertSame('localhost', \CustomerSegments::dbSettings()['socket'] === getenv('SEG_MYSQL_SOCKET') ? 'localhost' : 'x');
    }
}
