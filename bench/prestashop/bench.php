<?php

/**
 * The module's added cost per front-office request, in one PHP process:
 * N simulated requests through the real hook,
 * CustomerSegments::hookActionFrontControllerInitAfter() of
 * module-prestashop/customersegments.php, on the PrestaShop 8.1 test doubles
 * of module-prestashop/tests/Doubles (Context, Customer, Cart, Cookie,
 * Configuration, Smarty 4) and a PDO link to the database setup.php filled.
 *
 * What one request times, as PrestaShop would run it for this module:
 *   - "hook": new CustomerSegments() (PrestaShop builds the hooked module's
 *     instance) and the hook: pages counter in the cookie, seg_visitor cookie
 *     for new visitors, cart figures, RequestContext::build()
 *     (Segment\Context::fromRequest()->with()), the profile read by primary
 *     key (ModuleTableStore::profile(), logged-in customers only),
 *     Segment\Model::load() (the extension's per-process cache) and
 *     ->assign(), and the Smarty variable $segment and plugins; and, when a
 *     rule reads `groups`, Customer::getGroupsStatic()'s read of
 *     customer_group (the double runs PrestaShop's query on the bench's link:
 *     a cold per-request cache; "groups" is that part of "hook").
 *   - inside "hook", "profile read": the time spent in PDO (prepare, execute,
 *     fetch, closeCursor) while the hook runs, measured with a PDOStatement
 *     subclass in separate rounds ("instrumented"); the headline totals come
 *     from rounds on a plain PDO link ("plain").
 *
 * Variants, interleaved in each round:
 *   - plain: the bench's 12 segments (none reads `groups`), no session cache
 *     (an empty profile stamp: what the module does before its first write);
 *   - instrumented: plain, with the time in PDO added up;
 *   - groups: the same segments plus a disabled one whose rule reads `groups`
 *     (the same assignments; the hook now reads the customer's groups, as
 *     every request did before the module learnt to skip it);
 *   - session: plain with the profile cached in the customer's session
 *     (ProfileCache in PrestaShop's cookie, a profile stamp set as a recompute
 *     sets it): each customer's cookie is kept from one of their requests to
 *     the next, round-tripped as PrestaShop would (values back as strings), so
 *     the first request of a customer in the bench misses and the next hit.
 * Every timed request's codes are compared with the checked ones.
 *
 * Before timing, every one of the N requests is checked: the $segment Smarty
 * variable the hook assigned must hold the codes and visitor type that
 * Segment\Model::assign() gives when called directly on the stored row, the
 * account and a context built here, and the module must have logged nothing.
 *
 *   php -d extension=.../segment.so bench/prestashop/bench.php DIR [--requests=N] [--rounds=R] > result.json
 */

declare(strict_types=1);

use PrestaShop\Module\Segment\Profile;

require __DIR__ . '/common.php';

$dir = null;
$opts = ['requests' => 10000, 'rounds' => 7];
foreach (array_slice($argv, 1) as $arg) {
    if (preg_match('/^--(requests|rounds)=(\d+)$/', $arg, $m)) {
        $opts[$m[1]] = (int) $m[2];
    } elseif ($dir === null && !str_starts_with($arg, '--')) {
        $dir = $arg;
    } else {
        $dir = '';
    }
}
[$n, $rounds] = [$opts['requests'], $opts['rounds']];
if ($dir === null || $dir === '' || !is_file("$dir/model-shop1.json") || $n < 1 || $rounds < 1) {
    fwrite(STDERR, "usage: bench.php DIR [--requests=N] [--rounds=R]  (DIR written by setup.php)\n");
    exit(64);
}
$setup = json_decode((string) file_get_contents("$dir/setup.json"), true);

// The PrestaShop doubles and the module, as the module's PHPUnit glue tests load them.
require_once MODULE_DIR . '/autoload.php';
require_once MODULE_DIR . '/tests/Doubles/prestashop.php';
require_once MODULE_DIR . '/tests/Doubles/grid.php';
require_once MODULE_DIR . '/customersegments.php';

/** Counts the time spent in PDO statements (the round trips of the emulated prepares). */
final class BenchStatement extends PDOStatement
{
    public static int $ns = 0;

    protected function __construct()
    {
    }

    public function execute(?array $params = null): bool
    {
        $t = hrtime(true);
        try {
            return parent::execute($params);
        } finally {
            self::$ns += hrtime(true) - $t;
        }
    }

    public function fetch(int $mode = PDO::FETCH_DEFAULT, int $cursorOrientation = PDO::FETCH_ORI_NEXT, int $cursorOffset = 0): mixed
    {
        $t = hrtime(true);
        $r = parent::fetch($mode, $cursorOrientation, $cursorOffset);
        self::$ns += hrtime(true) - $t;

        return $r;
    }

    public function fetchAll(int $mode = PDO::FETCH_DEFAULT, mixed ...$args): array
    {
        $t = hrtime(true);
        $r = parent::fetchAll($mode, ...$args);
        self::$ns += hrtime(true) - $t;

        return $r;
    }

    public function closeCursor(): bool
    {
        $t = hrtime(true);
        $r = parent::closeCursor();
        self::$ns += hrtime(true) - $t;

        return $r;
    }
}

final class BenchPdo extends PDO
{
    public function prepare(string $query, array $options = []): PDOStatement|false
    {
        $t = hrtime(true);
        $r = parent::prepare($query, $options);
        BenchStatement::$ns += hrtime(true) - $t;

        return $r;
    }
}

$links = ['plain' => bench_pdo()];
$links['instrumented'] = bench_pdo(BenchPdo::class);
$links['instrumented']->setAttribute(PDO::ATTR_STATEMENT_CLASS, [BenchStatement::class]);

// The shop's state as the module's install and a recompute leave it.
$root = _PS_ROOT_DIR_;
@mkdir("$root/var/modules/segment", 0777, true);
@mkdir("$root/smarty_compile", 0777, true);
@mkdir("$root/smarty_cache", 0777, true);
$modelPath = "$root/var/modules/segment/model-shop1.json";
copy("$dir/model-shop1.json", $modelPath);
register_shutdown_function(static function () use ($root): void {
    if (is_dir($root)) {
        foreach (new RecursiveIteratorIterator(new RecursiveDirectoryIterator($root, FilesystemIterator::SKIP_DOTS), RecursiveIteratorIterator::CHILD_FIRST) as $f) {
            $f->isDir() ? rmdir($f->getPathname()) : unlink($f->getPathname());
        }
        rmdir($root);
    }
});
TestPs::reset();
TestPs::$root = $root;
TestPs::$link = $links['plain'];
TestPs::$config[0]['SEGMENT_SETTINGS'] = PrestaShop\Module\Segment\Settings::defaults()->toJson();
TestPs::$config[0]['PS_TIMEZONE'] = 'Europe/Paris';
/** ns spent in Customer::getGroupsStatic()'s query (which runs inside the hook) */
$groupNs = 0;
$groupsSql = 'SELECT cg.`id_group` FROM `ps_customer_group` cg WHERE cg.`id_customer` = ';
TestPs::$groupsLoader = static function (int $id) use (&$groupNs, $groupsSql): array {
    // Customer::getGroupsStatic() of PrestaShop 8.1 on a cold per-request cache (DbPDO::executeS)
    $t = hrtime(true);
    $g = array_map('intval', array_column(TestPs::$link->query($groupsSql . $id)->fetchAll(PDO::FETCH_ASSOC), 'id_group'));
    $groupNs += hrtime(true) - $t;

    return $g;
};
// the "groups" variant's model: the same one plus a disabled segment that reads groups
$base = Segment\Model::load($modelPath);
$defs = $base->rules()->definitions();
$defs[] = ['code' => 'wholesale', 'rule' => '4 in groups', 'priority' => 1, 'enabled' => false];
$groupsModelPath = "$dir/model-groups.json";
Segment\Model::build($defs, $base->rfm(), $base->kmeans(), $base->toArray()['settings'] ?? [])->save($groupsModelPath);
$modelFiles = ['base' => (string) file_get_contents($modelPath), 'groups' => (string) file_get_contents($groupsModelPath)];
const STAMP = 'b3nch5e55101a1e5';
$ctx = Context::getContext();
$ctx->country = (object) ['id' => 8, 'iso_code' => 'FR'];
$ctx->language = (object) ['id' => 1, 'iso_code' => 'fr'];
$ctx->currency = (object) ['id' => 1, 'iso_code' => 'EUR', 'sign' => '€'];

// ---- the N requests: who, from where, with what ----------------------------------------------
$customers = [];
foreach ($links['plain']->query('SELECT c.id_customer, c.email, c.newsletter, c.optin, c.id_default_group, c.birthday, c.date_add, c.id_gender,
        p.orders FROM ps_customer c LEFT JOIN ps_segment_profile p ON p.id_customer = c.id_customer') as $row) {
    $customers[(int) $row['id_customer']] = $row;
}
$withOrders = array_keys(array_filter($customers, static fn ($c) => (int) $c['orders'] > 0));
$withoutOrders = array_keys(array_filter($customers, static fn ($c) => (int) $c['orders'] === 0));

const USER_AGENTS = [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
    'Mozilla/5.0 (iPad; CPU OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
];
// [Referer, query string]
const ARRIVALS = [
    [null, ''],
    [null, ''],
    ['https://www.google.fr/', ''],
    ['https://www.google.com/', 'gclid=Cj0KCQiA'],
    ['https://www.facebook.com/', 'fbclid=IwAR3'],
    ['https://mail.example.net/', 'utm_source=newsletter&utm_medium=email&utm_campaign=spring'],
    ['https://blog.example.org/best-shoes', ''],
    ['https://www.bing.com/', ''],
];
const LANGUAGES = ['fr-FR,fr;q=0.9,en;q=0.8', 'en-US,en;q=0.9', 'de-DE,de;q=0.9,en;q=0.5', 'fr-BE,fr;q=0.9,nl;q=0.7'];

mt_srand(7);
$requests = [];
for ($i = 0; $i < $n; ++$i) {
    $p = mt_rand(0, 99);
    [$kind, $id] = $p < 50 ? ['customer', $withOrders[mt_rand(0, count($withOrders) - 1)]]
        : ($p < 65 ? ['no_orders', $withoutOrders[mt_rand(0, count($withoutOrders) - 1)]] : ['guest', 0]);
    [$referer, $query] = ARRIVALS[mt_rand(0, count(ARRIVALS) - 1)];
    $server = [
        'HTTP_USER_AGENT' => USER_AGENTS[mt_rand(0, count(USER_AGENTS) - 1)],
        'HTTP_ACCEPT_LANGUAGE' => LANGUAGES[mt_rand(0, count(LANGUAGES) - 1)],
        'HTTP_HOST' => 'shop.test', 'HTTPS' => 'on', 'REQUEST_METHOD' => 'GET',
        'REQUEST_URI' => '/' . ['', 'women/2-dress.html', 'men/5-shirt.html', 'cart?action=show'][mt_rand(0, 3)] . ($query !== '' ? '?' . $query : ''),
        'QUERY_STRING' => $query, 'REMOTE_ADDR' => '203.0.113.' . mt_rand(1, 254),
    ];
    if ($referer !== null) {
        $server['HTTP_REFERER'] = $referer;
    }
    parse_str($query, $get);
    $products = [];
    if (mt_rand(0, 99) < 30) {
        for ($k = mt_rand(1, 4); $k > 0; --$k) {
            $products[] = ['id_product' => mt_rand(1, 500), 'quantity' => mt_rand(1, 3), 'price_wt' => mt_rand(990, 12000) / 100];
        }
    }
    $requests[] = [
        'kind' => $kind, 'id' => $id, 'server' => $server, 'get' => $get, 'products' => $products,
        'cookie' => mt_rand(0, 99) < 60 ? ['seg_visitor' => sprintf('%016x', mt_rand())] : [],
        'pages' => mt_rand(0, 99) < 40 ? 0 : mt_rand(1, 8),
    ];
}

// ---- one front request ----------------------------------------------------------------------------
$serverBase = ['REQUEST_TIME' => time(), 'SCRIPT_NAME' => '/index.php', 'SERVER_PROTOCOL' => 'HTTP/1.1'];

/** What PrestaShop sets up before the hook (not timed): the visitor, the cart, the cookie, the superglobals. */
function prepare_request(array $r, array $customers, array $serverBase, ?Cookie $session = null): void
{
    $ctx = Context::getContext();
    $ctx->smarty->clearAllAssign();
    $customer = new Customer($r['id'] ?: null);
    if ($r['id'] > 0) {
        foreach (['email', 'newsletter', 'optin', 'id_default_group', 'birthday', 'date_add', 'id_gender'] as $k) {
            $customer->$k = $customers[$r['id']][$k];
        }
        $customer->logged = 1;
    }
    $ctx->customer = $customer;
    $ctx->cart = new Cart($r['products'] ? 1000 + $r['id'] : null);
    $ctx->cart->products = $r['products'];
    // the customer's cookie from their previous request, or a new one
    $ctx->cookie = $session !== null ? $session->roundTrip() : new Cookie();
    if ($r['pages'] > 0) {
        $ctx->cookie->segment_pages = $r['pages'];
    } else {
        unset($ctx->cookie->segment_pages);   // a kept cookie: this request's own count
    }
    $_SERVER = $r['server'] + $serverBase;
    $_COOKIE = $r['cookie'];
    $_GET = $r['get'];
    TestPs::$groups = [];
    $ctx->smarty->assign('customer', ['id' => $r['id'] ?: null, 'is_logged' => $r['id'] > 0, 'email' => $customer->email]);
}

/** @return array{0: int, 1: int, 2: int} ns in the groups read (part of the hook), in the hook, in PDO during the hook */
function run_request(): array
{
    global $groupNs;
    $g0 = $groupNs;
    $db0 = BenchStatement::$ns;
    $t1 = hrtime(true);
    $module = new CustomerSegments();
    $module->hookActionFrontControllerInitAfter(['controller' => null]);
    $t2 = hrtime(true);

    return [$groupNs - $g0, $t2 - $t1, BenchStatement::$ns - $db0];
}

/** The model file of a variant (the extension reloads it: other size and mtime). */
function use_model(string $which): void
{
    global $modelFiles, $modelPath;
    file_put_contents($modelPath, $modelFiles[$which]);
    clearstatcache();
    touch($modelPath, time() + ($which === 'groups' ? 1 : 0));
}

function fail(string $why): never
{
    fwrite(STDERR, "bench.php: $why\n");
    exit(1);
}

// ---- check every request against Segment\Model::assign() called directly -----------------------
$model = Segment\Model::load($modelPath);
$profileStmt = $links['plain']->prepare('SELECT p.* FROM ps_segment_profile p JOIN ps_segment_state s ON s.id_shop = p.id_shop AND s.generation = p.generation WHERE p.id_shop = 1 AND p.id_customer = ?');
$distribution = [];
$byKind = [];
$expected = [];
foreach ($requests as $i => $r) {
    prepare_request($r, $customers, $serverBase);
    TestPs::$groupReads = [];
    run_request();
    if (TestPs::$groupReads !== []) {
        fail("request $i: the hook read groups, which no rule of the bench uses");
    }
    $got = $ctx->smarty->getTemplateVars('segment');
    $expected[$i] = $got['codes'];
    header_remove();
    $now = time();
    $profile = null;
    if ($r['id'] > 0) {
        $profileStmt->execute([$r['id']]);
        $row = $profileStmt->fetch(PDO::FETCH_ASSOC) ?: null;
        $profileStmt->closeCursor();
        if ($row === null) {
            fail("customer {$r['id']} has no stored profile");
        }
        $profile = Profile::account($customers[$r['id']], null) + Profile::orders($row, $now);
        $profile['id'] = $r['id'];
    }
    $cartTotal = round(array_sum(array_map(static fn ($p) => $p['price_wt'] * $p['quantity'], $r['products'])), 2);
    $ids = array_map(static fn ($p) => $p['id_product'], $r['products']);
    $items = array_sum(array_column($r['products'], 'quantity'));
    $extra = [
        'cart_total' => $cartTotal, 'cart_items' => $items, 'cart_products' => $ids, 'pages_viewed' => $r['pages'] + 1,
        'shop_language' => 'fr', 'currency' => 'EUR', 'logged' => $r['id'] > 0,
        'cart' => ['total' => $cartTotal, 'items' => $items, 'products' => $ids], 'visitor_country' => 'FR',
    ];
    if ($r['id'] === 0) {
        $extra['country'] = 'FR';
    }
    $context = Segment\Context::fromRequest($_SERVER, $_COOKIE, $_GET, ['timezone' => 'Europe/Paris'])->with($extra);
    $want = $model->assign($profile, $context, $now);
    if ($got['codes'] !== $want['segments'] || $got['visitor_type'] !== ($want['attributes']['visitor_type'] ?? 'guest')
        || $got['code'] !== ($want['segments'][0] ?? null)) {
        fail("request $i ({$r['kind']} {$r['id']}): the hook assigned " . json_encode($got) . ', Segment\Model::assign() says '
            . json_encode(['segments' => $want['segments'], 'visitor_type' => $want['attributes']['visitor_type'] ?? null]));
    }
    if ($ctx->cookie->segment_pages !== $r['pages'] + 1) {
        fail("request $i: the pages counter is {$ctx->cookie->segment_pages}");
    }
    foreach ($got['codes'] ?: ['(none)'] as $code) {
        $distribution[$code] = ($distribution[$code] ?? 0) + 1;
    }
    $byKind[$r['kind']]['requests'] = ($byKind[$r['kind']]['requests'] ?? 0) + 1;
    $byKind[$r['kind']]['in_a_segment'] = ($byKind[$r['kind']]['in_a_segment'] ?? 0) + ($got['codes'] ? 1 : 0);
    $byKind[$r['kind']]['types'][$got['visitor_type']] = ($byKind[$r['kind']]['types'][$got['visitor_type']] ?? 0) + 1;
}
if (TestPs::$logs) {
    fail('the module logged: ' . implode(' | ', array_slice(TestPs::$logs, 0, 3)));
}
if (($byKind['customer']['types']['customer'] ?? 0) !== $byKind['customer']['requests']
    || ($byKind['guest']['types']['guest'] ?? 0) !== $byKind['guest']['requests']
    || ($byKind['no_orders']['types']['registered'] ?? 0) !== $byKind['no_orders']['requests']) {
    fail('unexpected visitor types: ' . json_encode($byKind));
}
arsort($distribution);
fwrite(STDERR, sprintf("bench.php: all %d requests agree with Segment\\Model::assign() (%s)\n", $n, json_encode($byKind)));

// ---- the floor: the profile read alone, same SQL, same link --------------------------------------
$floor = static function () use ($requests, $links): float {
    $db = new PrestaShop\Module\Segment\Db\PdoConnection($links['plain'], 'ps_');
    $store = new PrestaShop\Module\Segment\Store\ModuleTableStore($db, 1);
    $k = 0;
    $t = hrtime(true);
    foreach ($requests as $r) {
        if ($r['id'] > 0) {
            $store->profile($r['id']);
            ++$k;
        }
    }

    return (hrtime(true) - $t) / $k / 1e6;
};

// ---- timed rounds ---------------------------------------------------------------------------------
$kinds = ['customer', 'no_orders', 'guest'];
$variants = ['plain', 'instrumented', 'groups', 'session'];
$out = ['rounds' => [], 'floor_ms' => []];
$jar = [];   // the session variant's cookies, per customer, kept across rounds
for ($round = 1; $round <= $rounds; ++$round) {
    $order = $round % 2 ? $variants : array_reverse($variants);
    foreach ($order as $variant) {
        TestPs::$link = $links[$variant === 'instrumented' ? 'instrumented' : 'plain'];
        use_model($variant === 'groups' ? 'groups' : 'base');
        TestPs::$config[0][CustomerSegments::PROFILE_STAMP] = $variant === 'session' ? STAMP : '';
        $sum = ['groups' => 0, 'hook' => 0, 'db' => 0, 'hits' => 0, 'logged' => 0];
        $perKind = array_fill_keys($kinds, ['n' => 0, 'groups' => 0, 'hook' => 0, 'db' => 0]);
        $each = [];
        foreach ($requests as $i => $r) {
            $session = $variant === 'session' && $r['id'] > 0 ? ($jar[$r['id']] ?? null) : null;
            prepare_request($r, $customers, $serverBase, $session);
            $entry = $ctx->cookie->{PrestaShop\Module\Segment\ProfileCache::KEY};
            [$g, $h, $d] = run_request();
            header_remove();
            if ($ctx->smarty->getTemplateVars('segment')['codes'] !== $expected[$i]) {
                fail("round $round, $variant, request $i: other codes than in the check");
            }
            if ($variant === 'session' && $r['id'] > 0) {
                $jar[$r['id']] = $ctx->cookie;
                ++$sum['logged'];
                // a hit leaves the entry as it came
                $sum['hits'] += (int) ($entry !== false && $entry === $ctx->cookie->{PrestaShop\Module\Segment\ProfileCache::KEY});
            }
            $sum['groups'] += $g;
            $sum['hook'] += $h;
            $sum['db'] += $d;
            $pk = &$perKind[$r['kind']];
            ++$pk['n'];
            $pk['groups'] += $g;
            $pk['hook'] += $h;
            $pk['db'] += $d;
            unset($pk);
            $each[] = $h;
        }
        if (TestPs::$logs) {
            fail('the module logged during the timed rounds: ' . TestPs::$logs[0]);
        }
        sort($each);
        $row = ['round' => $round, 'variant' => $variant, 'requests' => $n,
            'groups_ms' => $sum['groups'] / $n / 1e6, 'hook_ms' => $sum['hook'] / $n / 1e6, 'db_ms' => $sum['db'] / $n / 1e6,
            'p50_ms' => $each[intdiv($n, 2)] / 1e6, 'p99_ms' => $each[(int) floor($n * 0.99)] / 1e6, 'kinds' => []];
        if ($variant === 'session') {
            $row['session_hits'] = $sum['hits'];
            $row['session_requests'] = $sum['logged'];
        }
        foreach ($perKind as $kind => $pk) {
            $row['kinds'][$kind] = ['requests' => $pk['n'], 'groups_ms' => $pk['groups'] / max(1, $pk['n']) / 1e6,
                'hook_ms' => $pk['hook'] / max(1, $pk['n']) / 1e6, 'db_ms' => $pk['db'] / max(1, $pk['n']) / 1e6];
        }
        $out['rounds'][] = $row;
        fwrite(STDERR, sprintf("round %d %-12s hook %.4f ms (profile read %.4f, groups read %.4f) per request%s\n",
            $round, $variant, $row['hook_ms'], $row['db_ms'], $row['groups_ms'],
            $variant === 'session' ? sprintf(', session hits %d of %d', $sum['hits'], $sum['logged']) : ''));
    }
    $out['floor_ms'][] = $floor();
}
use_model('base');
$out += [
    'checked' => $n, 'by_kind' => $byKind, 'distribution' => $distribution, 'setup' => $setup,
    'php' => PHP_VERSION, 'opcache' => (bool) (function_exists('opcache_get_status') && (opcache_get_status(false)['opcache_enabled'] ?? false)),
    'jit' => (string) ini_get('opcache.jit'), 'extension' => phpversion('segment'),
    'mariadb' => $links['plain']->query('SELECT VERSION()')->fetchColumn(),
];
echo json_encode($out, JSON_PRETTY_PRINT), "\n";
