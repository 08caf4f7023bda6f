<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Test\Support;

use Magento\Checkout\Model\Session as CheckoutSession;
use Magento\Customer\Model\Session as CustomerSession;
use Magento\Framework\App\Config\ArrayConfig;
use Magento\Framework\App\Filesystem\DirectoryList;
use Magento\Framework\App\Request\Http;
use Magento\Framework\App\ResourceConnection;
use Magento\Framework\DataObject;
use Magento\Store\Model\Store;
use Magento\Store\Model\StoreManagerDouble;
use Psr\Log\LoggerInterface;
use Segment\CustomerSegment\Model\CurrentSegments;
use Segment\CustomerSegment\Model\Db\MagentoConnection;
use Segment\CustomerSegment\Model\Services;

/**
 * The glue wired as Magento's object manager would, over the test database:
 * Services on MagentoConnection on a ResourceConnection double (PDO with the
 * adapter's query($sql, $bind) idiom), sessions and request doubles.
 */
abstract class GlueTestCase extends DbTestCase
{
    public const UA_DESKTOP = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';
    public const UA_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';

    protected Services $services;
    protected StoreManagerDouble $storeManager;
    protected TestLogger $logger;
    /** The glue's own database session (Magento's connection of the request). */
    protected \PDO $gluePdo;

    protected function setUp(): void
    {
        parent::setUp();
        $pdo = $this->gluePdo = new \PDO('mysql:unix_socket=' . getenv('SEG_MYSQL_SOCKET') . ';dbname=' . TestDb::NAME . ';charset=utf8mb4', 'root', '');
        $this->storeManager = new StoreManagerDouble(new Store(['website_id' => 1, 'code' => 'default']), [1 => 'Main Website', 2 => 'Second Website']);
        $this->services = new Services(
            new MagentoConnection(new ResourceConnection($pdo)),
            new ArrayConfig(['customer_segment/rfm/enabled' => '1', 'customer_segment/rfm/bins' => '5', 'customer_segment/rfm/map' => 'rf11',
                'customer_segment/clustering/enabled' => '1', 'customer_segment/clustering/clusters' => '3',
                'customer_segment/clustering/features' => 'recency,frequency,monetary', 'customer_segment/orders/cancelled_states' => 'canceled,closed']),
            new DirectoryList($this->dir),
            $this->storeManager,
        );
        $this->logger = new TestLogger();
    }

    /**
     * Statements that read, as the server counted them on the glue's
     * session so far (SHOW STATUS is not one of them).
     */
    protected function glueReads(): int
    {
        $n = 0;
        foreach ($this->gluePdo->query("SHOW SESSION STATUS WHERE Variable_name IN ('Com_select', 'Com_stmt_execute')") as $row) {
            $n += (int) $row[1];
        }

        return $n;
    }

    /** One storefront request's CurrentSegments. */
    protected function request(?int $customerId, string $ua, ?float $cartTotal = null, array $query = [], ?CustomerSession $session = null, array $cookies = [], array $server = []): CurrentSegments
    {
        $session ??= new CustomerSession($customerId ? ['customer_id' => $customerId, 'customer_group_id' => 1] : []);
        $checkout = new \Magento\Checkout\Model\Session();
        if ($cartTotal !== null) {
            $checkout->setData('quote_id', 7);
            $checkout->setData('quote', new DataObject(['base_grand_total' => $cartTotal, 'items_count' => 2, 'items_qty' => 3,
                'shipping_address' => new DataObject(['country_id' => null])]));
        }
        $request = new Http($server + ['HTTP_USER_AGENT' => $ua, 'HTTP_HOST' => 'shop.test', 'REQUEST_URI' => '/', 'REQUEST_TIME' => Shop::now()], $query, $cookies);

        return new CurrentSegments($this->services, $session, $checkout, $this->storeManager, $request, $this->logger);
    }
}
