<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Test\Glue;

use Magento\Framework\DataObject;
use Magento\Framework\Event;
use Magento\Framework\Event\Observer;
use Magento\Store\Model\Store;
use Segment\CustomerSegment\Console\Command\Recompute as RecomputeCommand;
use Segment\CustomerSegment\Core\StoreBusy;
use Segment\CustomerSegment\Cron\Recompute as RecomputeCron;
use Segment\CustomerSegment\Model\CurrentSegments;
use Segment\CustomerSegment\Observer\AddCartRuleCondition;
use Segment\CustomerSegment\Observer\ForgetCustomer;
use Segment\CustomerSegment\Observer\RefreshCustomer;
use Segment\CustomerSegment\Test\Support\GlueTestCase;
use Segment\CustomerSegment\Test\Support\Shop;
use Segment\CustomerSegment\Test\Support\TestDb;
use Symfony\Component\Console\Input\ArrayInput;
use Symfony\Component\Console\Output\BufferedOutput;

final class BackendGlueTest extends GlueTestCase
{
    private function refresh(array $eventData): void
    {
        $current = $this->request(null, self::UA_DESKTOP);
        (new RefreshCustomer($this->services, $this->storeManager, $current, $this->logger))
            ->execute(new Observer(['event' => new Event($eventData)]));
    }

    public function testObserversRefreshTheCustomerOnOrderLoginAndRegistration(): void
    {
        $this->standardWithRules();
        $this->services->module()->recompute()->all(1, $this->services->settings(1));
        $this->assertSame(['repeat'], $this->services->module()->store(1)->customer(11)['segments']);

        // an order placed (sales_order_save_commit_after)
        $this->shop->order(11, 3000, 0);
        $this->refresh(['order' => new DataObject(['customer_id' => 11, 'store' => new Store(['website_id' => 1])])]);
        $this->assertSame(['vip', 'repeat'], $this->services->module()->store(1)->customer(11)['segments']);

        // a guest order: nothing stored, nothing logged
        $this->refresh(['order' => new DataObject(['customer_id' => null, 'store' => new Store(['website_id' => 1])])]);

        // registration (customer_register_success gives a CustomerInterface) and login (the customer model)
        $this->refresh(['customer' => new DataObject(['id' => 50, 'website_id' => 1])]);
        $this->assertSame(0, (int) $this->services->module()->store(1)->customer(50)['orders']);
        $this->assertSame(['french'], $this->services->module()->store(1)->customer(50)['segments']);
        $this->refresh(['customer' => new DataObject(['id' => 60, 'website_id' => 2])]);
        $this->assertSame(['vip', 'repeat'], $this->services->module()->store(2)->customer(60)['segments']);
        $this->assertSame([], $this->logger->lines);
    }

    public function testAFailingRefreshNeverBreaksTheCheckout(): void
    {
        $this->standardWithRules();
        $this->module->connection()->execute('DROP TABLE segment_member');
        $this->refresh(['order' => new DataObject(['customer_id' => 11, 'store' => new Store(['website_id' => 1])])]);
        $this->assertSame('error', $this->logger->lines[0][0]);
        $this->assertStringContainsString('refreshing customer 11 failed', $this->logger->lines[0][1]);
    }

    public function testDeletingACustomerForgetsThem(): void
    {
        $this->standardWithRules();
        $this->services->module()->recompute()->all(1, $this->services->settings(1));
        (new ForgetCustomer($this->services))->execute(new Observer(['event' => new Event(['customer' => new DataObject(['id' => 10])])]));
        foreach (['segment_profile', 'segment_member', 'segment_history'] as $t) {
            $this->assertSame(0, (int) $this->sql("SELECT COUNT(*) FROM $t WHERE customer_id = 10"), $t);
        }
        $this->assertGreaterThan(0, (int) $this->sql('SELECT COUNT(*) FROM segment_profile'));
    }

    public function testTheCartRuleConditionIsOffered(): void
    {
        $additional = new DataObject(['conditions' => [['value' => 'Other\\Condition', 'label' => 'Other']]]);
        (new AddCartRuleCondition())->execute(new Observer(['event' => new Event(['additional' => $additional])]));
        $this->assertSame([
            ['value' => 'Other\\Condition', 'label' => 'Other'],
            ['value' => 'Segment\\CustomerSegment\\Model\\Rule\\Condition\\Segment|customer_segment', 'label' => 'Customer segment'],
        ], $additional->getData('conditions'));
    }

    public function testTheConsoleCommandRecomputesEveryWebsiteWithProgress(): void
    {
        $this->standardWithRules();
        $cmd = new RecomputeCommand($this->services);
        $this->assertSame('segment:recompute', $cmd->getName());
        $out = new BufferedOutput();
        $this->assertSame(0, $cmd->run(new ArrayInput([]), $out));
        $this->assertStringContainsString("Website 1\n  reading orders:", $out->text);
        $this->assertMatchesRegularExpression('/writing segments: 35 \/ 35 customers/', $out->text);
        $this->assertMatchesRegularExpression('/done: 35 customers, \d+ memberships, \d+ entries, 0 exits, generation 1/', $out->text);
        $this->assertStringContainsString("Website 2\n", $out->text);
        $this->assertMatchesRegularExpression('/^    vip +1$/m', $out->text);

        $out = new BufferedOutput();
        $this->assertSame(1, $cmd->run(new ArrayInput(['website' => '1; DROP TABLE x']), $out));
        $this->assertStringContainsString('--website takes a website id', $out->text);

        // busy: exit status 3, the other website still runs
        $other = new \PDO('mysql:unix_socket=' . getenv('SEG_MYSQL_SOCKET') . ';dbname=' . TestDb::NAME, 'root', '');
        $other->query("SELECT GET_LOCK('segment-magento/segment_state/1', 0)");
        $out = new BufferedOutput();
        $this->assertSame(RecomputeCommand::EXIT_BUSY, $cmd->run(new ArrayInput([]), $out));
        $this->assertStringContainsString('already running', $out->text);
        $this->assertSame(2, (int) $this->services->module()->store(2)->lastRun()['generation']);
    }

    public function testTheCronJobRecomputesAndLogs(): void
    {
        $this->standardWithRules();
        (new RecomputeCron($this->services, $this->logger))->execute();
        $this->assertSame(['info', 'segment: website 1 recomputed: 35 customers, ' . (int) $this->sql('SELECT COUNT(*) FROM segment_member WHERE website_id = 1') . ' entries, 0 exits'], $this->logger->lines[0]);
        $this->assertSame(1, (int) $this->services->module()->store(2)->lastRun()['generation']);
    }

    public function testSetupRefusesToRunWithoutTheExtension(): void
    {
        $script = 'require ' . var_export(__DIR__ . '/../Doubles/magento.php', true) . ';'
            . 'require ' . var_export(__DIR__ . '/../../Setup/Recurring.php', true) . ';'
            . '$s = new class implements Magento\Framework\Setup\SchemaSetupInterface {};'
            . '$c = new class implements Magento\Framework\Setup\ModuleContextInterface {};'
            . 'try { (new Segment\CustomerSegment\Setup\Recurring())->install($s, $c); echo "installed"; }'
            . 'catch (Magento\Framework\Exception\LocalizedException $e) { echo "refused: ", $e->getMessage(); }';
        $out = shell_exec(escapeshellarg(PHP_BINARY) . ' -n -r ' . escapeshellarg($script));
        $this->assertStringStartsWith('refused: Segment_CustomerSegment needs the "segment" PHP extension', (string) $out);
        $this->assertStringContainsString('module:disable Segment_CustomerSegment', (string) $out);
        // with the extension (this process) it goes through
        (new \Segment\CustomerSegment\Setup\Recurring())->install(
            new class () implements \Magento\Framework\Setup\SchemaSetupInterface {},
            new class () implements \Magento\Framework\Setup\ModuleContextInterface {}
        );
        $this->addToAssertionCount(1);
    }
}
