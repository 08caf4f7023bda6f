<?php

/**
 * The module's added cost per storefront request: N simulated requests in
 * one PHP process through what Magento calls on a storefront page (a
 * full-page-cache miss) for Segment_CustomerSegment, wired as the object
 * manager would from etc/di.xml and etc/frontend/*.xml:
 *
 *   - Services, CurrentSegments (shared: one per request), built per request
 *     over the request's DB connection (Magento opens it for the page anyway)
 *   - Plugin\HttpContextPlugin::beforeExecute()      (ActionInterface plugin)
 *   - Observer\AddLayoutHandles::execute()            (layout_load_before)
 *   - ViewModel\Segments::of(), in('vip'), in('big_cart'), all()  (a template)
 *
 * CurrentSegments::get() runs once: the model version and generation (the
 * web node's state file; segment_state once per ModelRepository::STATE_TTL
 * seconds), the stored profile (by primary key on a customer's first page,
 * then from their customer session: the doubles' sessions live for a visit),
 * the request context (Segment\Context) and Segment\Model::assign(). The
 * query-timed loop also sums time and queries per kind of visitor (guest,
 * customer with orders, customer without). Magento's own objects
 * (sessions, request, HTTP context, layout) are the doubles of
 * module-magento/Test/Doubles, made before the clock starts: they exist in a
 * real request whatever the module does.
 *
 * Before timing, every request's result through that path is compared with
 * the extension called directly (Segment\Model::load() of the module's model
 * file, the profile read with SQL of its own, Context::fromRequest()->with(),
 * Model::assign()); after every round, the HTTP-context values must still
 * be the checked ones and nothing may have been logged (CurrentSegments
 * logs a failure and answers "no segment", which would otherwise time a
 * broken path).
 *
 * Each round runs four loops, in an order that rotates: "module" (the path
 * as is), "module+db-timer" (the same with each query of the connection
 * timed: the DB part), "extension" (Context::fromRequest()->with() and
 * Model::assign() alone on pre-read profiles) and "select-1" (one SELECT 1
 * through the same adapter per request: what a round trip costs on this
 * machine now). One JSON line per round on stdout.
 *
 *   php -d extension=.../segment.so -d opcache.enable_cli=1 bench/magento/bench.php [--requests=10000] [--rounds=7]
 */

declare(strict_types=1);

require __DIR__ . '/common.php';

use Magento\Checkout\Model\Session as CheckoutSession;
use Magento\Customer\Model\Session as CustomerSession;
use Magento\Framework\App\ActionInterface;
use Magento\Framework\App\Filesystem\DirectoryList;
use Magento\Framework\App\Http\Context as HttpContext;
use Magento\Framework\App\Request\Http;
use Magento\Framework\App\ResourceConnection;
use Magento\Framework\DataObject;
use Magento\Framework\Event;
use Magento\Framework\Event\Observer;
use Magento\Framework\View\LayoutDouble;
use Magento\Store\Model\Store;
use Magento\Store\Model\StoreManagerDouble;
use Segment\CustomerSegment\Core\RequestContext;
use Segment\CustomerSegment\Model\CurrentSegments;
use Segment\CustomerSegment\Model\Db\MagentoConnection;
use Segment\CustomerSegment\Model\Services;
use Segment\CustomerSegment\Observer\AddLayoutHandles;
use Segment\CustomerSegment\Plugin\HttpContextPlugin;
use Segment\CustomerSegment\Test\Support\TestLogger;
use Segment\CustomerSegment\ViewModel\Segments as SegmentsViewModel;

$opt = getopt('', ['requests:', 'rounds:']);
$n = (int) ($opt['requests'] ?? 10000);
$rounds = (int) ($opt['rounds'] ?? 7);

/** Magento's ResourceConnection keeps one adapter (one DB connection) per request; the test double makes a new one per call. */
final class BenchResourceConnection extends ResourceConnection
{
    private $adapter = null;

    public function getConnection($resourceName = 'default')
    {
        return $this->adapter ??= parent::getConnection($resourceName);
    }
}

/** The module's connection with each query timed (the DB part of a request). */
final class TimedConnection extends MagentoConnection
{
    public static int $ns = 0;
    public static int $queries = 0;
    /** @var array<string, array{ns: int, queries: int, requests: int}> per kind of visitor */
    public static array $kinds = [];

    public function fetchRow(string $sql, array $params = []): ?array
    {
        return $this->timed(fn () => parent::fetchRow($sql, $params));
    }

    public function fetchOne(string $sql, array $params = []): mixed
    {
        return $this->timed(fn () => parent::fetchOne($sql, $params));
    }

    public function fetchAll(string $sql, array $params = []): array
    {
        return $this->timed(fn () => parent::fetchAll($sql, $params));
    }

    /** One query, its time and count added to the totals. */
    private function timed(\Closure $query): mixed
    {
        $t = hrtime(true);
        $r = $query();
        self::$ns += hrtime(true) - $t;
        self::$queries++;
        return $r;
    }
}

$pdo = mb_pdo();
$resource = new BenchResourceConnection($pdo);
$config = mb_config();
$dirs = new DirectoryList(mb_var_dir());
$storeManager = new StoreManagerDouble(new Store(['website_id' => MB_WEBSITE, 'code' => 'default']));
$logger = new TestLogger();
$action = new class () implements ActionInterface {
    public function execute()
    {
    }
};

// Who the visitors are: customers with and without orders, from the shop's tables (not the module's).
$buyers = array_map('intval', $pdo->query('SELECT DISTINCT customer_id FROM sales_order WHERE customer_id IS NOT NULL ORDER BY 1')->fetchAll(\PDO::FETCH_COLUMN));
$noOrder = array_map('intval', $pdo->query('SELECT entity_id FROM customer_entity c WHERE NOT EXISTS (SELECT 1 FROM sales_order o WHERE o.customer_id = c.entity_id) ORDER BY 1')->fetchAll(\PDO::FETCH_COLUMN));
if (count($buyers) < 10 || count($noOrder) < 10) {
    fwrite(STDERR, "bench.php: run setup.php first (too few customers in " . MB_DB . ")\n");
    exit(1);
}
$requests = mb_requests($n, $buyers, $noOrder);
$buyerSet = array_flip($buyers);
$kindOf = array_map(static fn (array $r) => $r['customer'] === null ? 'guest' : (isset($buyerSet[$r['customer']]) ? 'buyer' : 'no_order'), $requests);
$time = time();

/** Magento's side of each request, made fresh per round (sessions shared by the pages of a visit). */
$environments = static function () use ($requests, $time): array {
    $sessions = [];
    $out = [];
    foreach ($requests as $r) {
        $session = $sessions[$r['visit']] ??= new CustomerSession($r['customer'] !== null ? ['customer_id' => $r['customer'], 'customer_group_id' => 1] : []);
        $checkout = new CheckoutSession();
        if ($r['cart'] !== null) {
            $checkout->setData('quote_id', 1000 + $r['visit']);
            $checkout->setData('quote', new DataObject(['base_grand_total' => $r['cart']['total'], 'items_count' => $r['cart']['items'],
                'items_qty' => $r['cart']['qty'], 'shipping_address' => new DataObject(['country_id' => $r['cart']['country']])]));
        }
        $layout = new LayoutDouble();
        $out[] = [
            'session' => $session,
            'checkout' => $checkout,
            'request' => new Http(mb_server($r, $time), $r['query'], [CurrentSegments::VISITOR_COOKIE => $r['cookie']]),
            'http' => new HttpContext(),
            'layout' => $layout,
            'observer' => new Observer(['event' => new Event(['layout' => $layout, 'full_action_name' => 'cms_index_index'])]),
        ];
    }
    return $out;
};

/**
 * One storefront request's module work; returns what a template saw
 * (kept out of the way of the optimiser, checked after the round).
 */
$storefront = static function (array $e, MagentoConnection $conn) use ($config, $dirs, $storeManager, $logger, $action): ?string {
    $services = new Services($conn, $config, $dirs, $storeManager);
    $current = new CurrentSegments($services, $e['session'], $e['checkout'], $storeManager, $e['request'], $logger);
    (new HttpContextPlugin($current, $e['http']))->beforeExecute($action);
    (new AddLayoutHandles($current))->execute($e['observer']);
    $vm = new SegmentsViewModel($current);
    $primary = $vm->of();
    if ($vm->in('vip') || $vm->in('big_cart')) {
        $primary .= '*';
    }
    count($vm->all());

    return $primary;
};

// ---- the check: the module's path against the extension called directly ----
$version = (string) $pdo->query('SELECT model_version FROM segment_state WHERE website_id = ' . MB_WEBSITE)->fetchColumn();
$generation = (int) $pdo->query('SELECT generation FROM segment_state WHERE website_id = ' . MB_WEBSITE)->fetchColumn();
$model = \Segment\Model::load(mb_var_dir() . '/var/segment/model-website-' . MB_WEBSITE . '.json');
if ($model->version() !== $version) {
    fwrite(STDERR, "bench.php: the model file is not the published model ($version)\n");
    exit(1);
}
$profileSt = $pdo->prepare('SELECT customer_id, orders, revenue, first_order_at, last_order_at, cancelled_orders, country
    FROM segment_profile WHERE website_id = ? AND generation = ? AND customer_id = ?');
$profileOf = static function (?int $id) use ($profileSt, $generation): ?array {
    if ($id === null) {
        return null;
    }
    $profileSt->execute([MB_WEBSITE, $generation, $id]);
    $row = $profileSt->fetch(\PDO::FETCH_ASSOC);
    if ($row === false) {
        return ['customer_id' => (string) $id, 'orders' => 0];
    }
    $o = (int) $row['orders'];
    return ['customer_id' => (string) $id, 'orders' => $o, 'monetary' => (float) $row['revenue'],
        'average_order_value' => $o > 0 ? (float) $row['revenue'] / $o : null, 'first_order_at' => $row['first_order_at'],
        'last_order_at' => $row['last_order_at'], 'cancelled_orders' => (int) $row['cancelled_orders'], 'country' => $row['country']];
};
/** The live context as the module documents it: the request, the landing page's attribution for the visit, the shop's values. */
$contextOf = static function (array $r, array $server, array &$landings): \Segment\Context {
    $ctx = \Segment\Context::fromRequest($server, [CurrentSegments::VISITOR_COOKIE => $r['cookie']], $r['query']);
    if ($r['page'] === 1) {
        $landings[$r['visit']] = array_filter(array_intersect_key($ctx->toArray(), array_flip(RequestContext::STICKY)), static fn ($v) => $v !== null);
    }
    $shop = ['store' => 'default', 'website' => MB_WEBSITE, 'customer_group' => $r['customer'] !== null ? 1 : 0,
        'logged_in' => $r['customer'] !== null,
        'cart_total' => (float) ($r['cart']['total'] ?? 0.0), 'cart_items' => (int) ($r['cart']['items'] ?? 0),
        'cart_qty' => (float) ($r['cart']['qty'] ?? 0.0)];
    if (($r['cart']['country'] ?? null) !== null) {
        $shop['country'] = $r['cart']['country'];
    }
    return $ctx->with($landings[$r['visit']] + $shop);
};

$expected = [];
$profiles = [];
$landings = [];
foreach ($requests as $i => $r) {
    $profiles[$i] = $profileOf($r['customer']);
    $expected[$i] = $model->assign($profiles[$i], $contextOf($r, mb_server($r, $time), $landings))['segments'];
}
$sortedCodes = static function (array $codes): string {
    sort($codes);
    return implode(',', $codes);
};
$wantHttp = array_map($sortedCodes, $expected);
$wantView = array_map(static fn (array $codes) => ($codes[0] ?? null) === null && !array_intersect(['vip', 'big_cart'], $codes) ? null
    : ($codes[0] ?? '') . (array_intersect(['vip', 'big_cart'], $codes) ? '*' : ''), $expected);
$envs = $environments();
$bad = 0;
foreach ($envs as $i => $e) {
    $view = $storefront($e, new MagentoConnection($resource));
    $handles = $e['layout']->update->handles;
    $ok = $e['http']->getValue(HttpContextPlugin::CONTEXT_SEGMENT) === $wantHttp[$i]
        && $handles === array_map(static fn ($c) => AddLayoutHandles::PREFIX . $c, $expected[$i])
        && $view === $wantView[$i];
    if (!$ok && $bad++ < 5) {
        fprintf(STDERR, "bench.php: request %d (%s): module %s / %s, extension directly %s\n", $i, json_encode($requests[$i]),
            json_encode($handles), json_encode($view), json_encode($expected[$i]));
    }
}
if ($bad || $logger->lines) {
    fprintf(STDERR, "bench.php: %d of %d requests differ; logged: %s\n", $bad, $n, json_encode(array_slice($logger->lines, 0, 3)));
    exit(1);
}
// the mix must reach stored, derived and live segments, else the bench measures a trivial path
$seen = array_count_values(array_merge(...$expected));
ksort($seen);
$kinds = ['guests' => 0, 'buyers' => 0, 'no_order' => 0, 'with_cart' => 0, 'in_a_segment' => 0];
foreach ($requests as $i => $r) {
    $kinds[$r['customer'] === null ? 'guests' : (in_array($r['customer'], $buyers, true) ? 'buyers' : 'no_order')]++;
    $kinds['with_cart'] += $r['cart'] !== null ? 1 : 0;
    $kinds['in_a_segment'] += $expected[$i] ? 1 : 0;
}
$missing = array_diff(['vip', 'champions', 'repeat', 'newcomer', 'mobile_guest', 'from_ads', 'big_cart'], array_keys($seen));
if ($missing) {
    fwrite(STDERR, 'bench.php: no request reached ' . implode(', ', $missing) . "\n");
    exit(1);
}
fprintf(STDERR, "bench.php: the module's path and Segment\\Model::assign() agree on all %d requests (%d visits); %s; segments seen: %s\n",
    $n, count(array_unique(array_column($requests, 'visit'))), json_encode($kinds), json_encode($seen));
echo json_encode(['check' => ['requests' => $n, 'visits' => count(array_unique(array_column($requests, 'visit'))), 'mix' => $kinds, 'segments' => $seen,
    'customers' => count($buyers) + count($noOrder), 'stored_profiles' => (int) $pdo->query('SELECT COUNT(*) FROM segment_profile')->fetchColumn(),
    'rules' => count(MB_RULES), 'orders' => (int) $pdo->query('SELECT COUNT(*) FROM sales_order')->fetchColumn(),
    'model_version' => $version, 'mariadb' => (string) $pdo->query('SELECT VERSION()')->fetchColumn(), 'peak_mb' => round(memory_get_peak_usage() / 1048576)]]) . "\n";

// ---- timing ----
$methods = [
    'module' => static function (array $envs) use ($storefront, $resource): void {
        foreach ($envs as $e) {
            $storefront($e, new MagentoConnection($resource));
        }
    },
    'module+db-timer' => static function (array $envs) use ($storefront, $resource, $kindOf): void {
        foreach ($envs as $i => $e) {
            $q = TimedConnection::$queries;
            $t = hrtime(true);
            $storefront($e, new TimedConnection($resource));
            $k = &TimedConnection::$kinds[$kindOf[$i]];
            $k['ns'] = ($k['ns'] ?? 0) + (hrtime(true) - $t);
            $k['queries'] = ($k['queries'] ?? 0) + (TimedConnection::$queries - $q);
            $k['requests'] = ($k['requests'] ?? 0) + 1;
            unset($k);
        }
    },
    'extension' => static function (array $envs) use ($requests, $profiles, $version, $dirs, $contextOf): void {
        $path = $dirs->getPath(DirectoryList::VAR_DIR) . '/segment/model-website-' . MB_WEBSITE . '.json';
        $landings = [];
        foreach ($requests as $i => $r) {
            \Segment\Model::load($path, $version)->assign($profiles[$i], $contextOf($r, $envs[$i]['request']->server, $landings));
        }
    },
    // the floor of a query here: one round trip of SELECT 1 through the same adapter, per request
    'select-1' => static function (array $envs) use ($resource): void {
        foreach ($envs as $e) {
            (new MagentoConnection($resource))->fetchOne('SELECT 1');
        }
    },
];
$names = array_keys($methods);
for ($round = 1; $round <= $rounds; $round++) {
    $row = ['round' => $round, 'requests' => $n, 'load1' => sys_getloadavg()[0]];
    $order = $names;
    for ($k = 0; $k < ($round - 1) % count($names); $k++) {
        $order[] = array_shift($order);
    }
    foreach ($order as $name) {
        $envs = $environments();
        gc_collect_cycles();
        TimedConnection::$ns = TimedConnection::$queries = 0;
        TimedConnection::$kinds = [];
        $t = hrtime(true);
        $methods[$name]($envs);
        $ns = hrtime(true) - $t;
        $row[$name] = $ns / 1e6 / $n; // ms per request
        if ($name === 'module+db-timer') {
            $row['db'] = TimedConnection::$ns / 1e6 / $n;
            $row['queries'] = TimedConnection::$queries / $n;
            foreach (TimedConnection::$kinds as $kind => $k) {
                $row['kinds'][$kind] = ['ms' => $k['ns'] / 1e6 / $k['requests'], 'queries' => $k['queries'] / $k['requests']];
            }
        }
        if ($name === 'module' || $name === 'module+db-timer') {
            foreach ($envs as $i => $e) {
                if ($e['http']->getValue(HttpContextPlugin::CONTEXT_SEGMENT) !== $wantHttp[$i]) {
                    fprintf(STDERR, "bench.php: round %d, %s: request %d changed its segments\n", $round, $name, $i);
                    exit(1);
                }
            }
            if ($logger->lines) {
                fprintf(STDERR, "bench.php: round %d, %s logged: %s\n", $round, $name, json_encode($logger->lines[0]));
                exit(1);
            }
        }
    }
    fprintf(STDERR, "round %d: module %.4f ms/request; with the DB timer %.4f, of which DB %.4f (%.3f queries); extension alone %.4f; SELECT 1 %.4f ms; %s\n",
        $round, $row['module'], $row['module+db-timer'], $row['db'], $row['queries'], $row['extension'], $row['select-1'],
        implode(', ', array_map(static fn ($k, $v) => sprintf('%s %.4f ms %.3f q', $k, $v['ms'], $v['queries']), array_keys($row['kinds']), $row['kinds'])));
    echo json_encode($row) . "\n";
}
