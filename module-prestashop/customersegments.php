<?php
/**
 * customersegments: dynamic customer segments for PrestaShop 8/9, decided by the
 * `segment` PHP extension. This class is the thin glue: install, hooks,
 * Smarty plugins, widget. The logic lives in src/ (framework-independent).
 *
 * The module is named `customersegments`, not `segment`: PrestaShop's own
 * bundled modules (ps_accounts, ps_checkout, ps_facebook, ps_metrics, ...)
 * ship segmentio/analytics-php, which declares a global class `Segment`,
 * and a module's main class must carry the module's name.
 */
if (!defined('_PS_VERSION_')) {
    exit;
}

require_once __DIR__ . '/autoload.php';

use PrestaShop\Module\Segment\Assigner;
use PrestaShop\Module\Segment\Banners;
use PrestaShop\Module\Segment\Db\PdoConnection;
use PrestaShop\Module\Segment\Profile;
use PrestaShop\Module\Segment\ProfileCache;
use PrestaShop\Module\Segment\RequestContext;
use PrestaShop\Module\Segment\Schema;
use PrestaShop\Module\Segment\Services;
use PrestaShop\Module\Segment\Settings;
use PrestaShop\PrestaShop\Core\Grid\Column\Type\DataColumn;
use PrestaShop\PrestaShop\Core\Grid\Filter\Filter;
use PrestaShop\PrestaShop\Core\Module\WidgetInterface;
use Symfony\Component\Form\Extension\Core\Type\TextType;

class CustomerSegments extends Module implements WidgetInterface
{
    /** The oldest extension with what this module uses (Model, Context, fromDatabase). */
    public const MIN_EXTENSION = '0.1.0';

    public const HOOKS = [
        'actionFrontControllerInitAfter',
        'displayHome', 'displayBanner', 'displayTop', 'displayProductAdditionalInfo',
        'actionValidateOrder', 'actionOrderStatusPostUpdate', 'actionCustomerAccountAdd', 'actionAuthentication',
        'actionObjectCustomerDeleteAfter',
        'actionCustomerGridDefinitionModifier', 'actionCustomerGridQueryBuilderModifier',
        'registerGDPRConsent', 'actionExportGDPRData', 'actionDeleteGDPRCustomer',
    ];

    /**
     * Configuration key (per shop) of the stamp that ProfileCache entries in
     * customers' sessions must carry: renewed after every store write that can
     * change a stored profile. Configuration is loaded once per request by
     * PrestaShop, so checking it costs no query.
     */
    public const PROFILE_STAMP = 'SEGMENT_PROFILE_STAMP';

    /** Configuration key (per shop): the version of the shop's model file (ModelRepository). */
    public const MODEL_VERSION = 'SEGMENT_MODEL_VERSION';

    private ?Services $services = null;
    /** The current visitor's assignment, once per request. */
    private ?array $current = null;

    public function __construct()
    {
        $this->name = 'customersegments';
        $this->tab = 'administration';
        $this->version = '1.1.0';
        $this->author = 'segment developers';
        $this->need_instance = 0;
        $this->bootstrap = true;
        $this->ps_versions_compliancy = ['min' => '8.0.0', 'max' => '9.99.99'];
        $this->tabs = [[
            'class_name' => 'AdminSegment',
            'parent_class_name' => 'AdminParentCustomer',
            'name' => 'Segments',
            'visible' => true,
            'icon' => 'group_work',
        ]];
        parent::__construct();
        $this->displayName = $this->trans('Customer segments', [], 'Modules.Segment.Admin');
        $this->description = $this->trans('Dynamic customer segments (rules, RFM, clusters) for banners, groups and themes, decided by the segment PHP extension.', [], 'Modules.Segment.Admin');
        $this->confirmUninstall = $this->trans('Uninstalling removes every segment, banner, stored profile and history of this module.', [], 'Modules.Segment.Admin');
    }

    public function isUsingNewTranslationSystem()
    {
        return true;
    }

    /** Null when the extension is usable, else why not (shown at install and in the back office). */
    public static function extensionProblem(string|false|null $version = null): ?string
    {
        $version ??= extension_loaded('segment') ? phpversion('segment') : false;
        if ($version === false) {
            return 'The PHP extension "segment" is not loaded: install it and enable it for PHP-FPM and the CLI (README.md of the module).';
        }
        if (version_compare($version, self::MIN_EXTENSION, '<')) {
            return sprintf('The PHP extension "segment" is too old (%s; this module needs %s or later).', $version, self::MIN_EXTENSION);
        }
        if (!class_exists('Segment\\Model') || !class_exists('Segment\\Context')) {
            return 'The PHP extension "segment" lacks Segment\\Model or Segment\\Context: rebuild it from a newer release.';
        }

        return null;
    }

    public function install()
    {
        if ($problem = self::extensionProblem()) {
            $this->_errors[] = $problem;

            return false;
        }
        if (!parent::install()) {
            return false;
        }
        (new Schema($this->connection(), defined('_MYSQL_ENGINE_') ? _MYSQL_ENGINE_ : 'InnoDB'))->install();

        return $this->registerHook(self::HOOKS)
            && Configuration::updateGlobalValue('SEGMENT_SETTINGS', Settings::defaults()->toJson())
            && Configuration::updateGlobalValue('SEGMENT_CRON_TOKEN', bin2hex(random_bytes(16)));
    }

    public function uninstall()
    {
        if (extension_loaded('segment')) {
            foreach ($this->shopIds() as $idShop) {
                try {
                    $services = $this->servicesFor($idShop);
                    // linked groups go back to their own members (default groups stay)
                    foreach ($services->definitions()->all() as $d) {
                        if ($d['id_group'] > 0) {
                            $services->db()->execute(
                                'DELETE cg FROM ' . $services->db()->table('customer_group') . ' cg
                                   JOIN ' . $services->db()->table('customer') . ' c ON c.id_customer = cg.id_customer
                                  WHERE cg.id_group = ? AND c.id_default_group <> cg.id_group',
                                [$d['id_group']]
                            );
                        }
                    }
                    $services->models()->delete();
                } catch (\Throwable $e) {
                    // tables already gone: nothing to clean
                }
            }
        }
        (new Schema($this->connection()))->uninstall();
        foreach (['SEGMENT_SETTINGS', 'SEGMENT_CRON_TOKEN', self::PROFILE_STAMP, self::MODEL_VERSION] as $key) {
            Configuration::deleteByName($key);
        }
        @rmdir($this->modelDirectory());

        return parent::uninstall();
    }

    /** upgrade/upgrade-1.1.0.php: new tables and columns, new hooks. */
    public function upgradeTo110(): bool
    {
        (new Schema($this->connection(), defined('_MYSQL_ENGINE_') ? _MYSQL_ENGINE_ : 'InnoDB'))->upgrade();

        return $this->registerHook(self::HOOKS);
    }

    public function getContent()
    {
        Tools::redirectAdmin($this->context->link->getAdminLink('AdminSegment'));
    }

    // ---- wiring ---------------------------------------------------------------

    public function connection(): PdoConnection
    {
        $link = Db::getInstance()->getLink();
        if (!$link instanceof \PDO) {
            // PrestaShop runs on DbPDO by default; with DbMySQLi the module opens its own PDO link
            $d = self::dbSettings();
            $dsn = isset($d['socket']) ? 'mysql:unix_socket=' . $d['socket'] : 'mysql:host=' . $d['host'] . ';port=' . ($d['port'] ?? 3306);
            $link = new \PDO($dsn . ';dbname=' . $d['database'] . ';charset=utf8mb4', $d['user'], $d['password'], [\PDO::ATTR_ERRMODE => \PDO::ERRMODE_EXCEPTION]);
        }

        return new PdoConnection($link, _DB_PREFIX_);
    }

    /** The shop's database settings for Segment\Profiles::fromDatabase (host[:port] or host:/socket). */
    public static function dbSettings(): array
    {
        $server = (string) _DB_SERVER_;
        $settings = ['user' => _DB_USER_, 'password' => _DB_PASSWD_, 'database' => _DB_NAME_];
        if (preg_match('/^(.+):(\d{1,5})$/', $server, $m)) {
            return $settings + ['host' => $m[1], 'port' => (int) $m[2]];
        }
        if (preg_match('#^([^:]*):(/.+)$#', $server, $m)) {
            return $settings + ['socket' => $m[2]];
        }

        return $settings + ['host' => $server];
    }

    public function modelDirectory(): string
    {
        return _PS_ROOT_DIR_ . '/var/modules/segment';
    }

    public function settings(int $idShop): Settings
    {
        $json = Configuration::get('SEGMENT_SETTINGS', null, null, $idShop);

        return Settings::fromJson(is_string($json) ? $json : null);
    }

    public function servicesFor(int $idShop): Services
    {
        return new Services(
            $this->connection(), $idShop, self::dbSettings(), _DB_PREFIX_, $this->modelDirectory(),
            $this->settings($idShop), Shop::isFeatureActive(),
            function () use ($idShop): void {
                $this->renewProfileStamp($idShop);
            },
            fn (): ?string => ($v = Configuration::get(self::MODEL_VERSION, null, null, $idShop)) ? (string) $v : null,
            function (?string $version) use ($idShop): void {
                Configuration::updateValue(self::MODEL_VERSION, (string) $version, false, null, $idShop);
            }
        );
    }

    /** After a store write: the profiles cached in sessions (ProfileCache) are read again once. */
    public function renewProfileStamp(int $idShop): void
    {
        try {
            Configuration::updateValue(self::PROFILE_STAMP, bin2hex(random_bytes(8)), false, null, $idShop);
        } catch (\Throwable $e) {
            // the write itself succeeded; sessions keep the old figures until the next renewal
            $this->log('profile stamp', $e);
        }
    }

    public function profileStamp(int $idShop): string
    {
        $stamp = Configuration::get(self::PROFILE_STAMP, null, null, $idShop);

        return is_string($stamp) ? $stamp : '';
    }

    public function services(): Services
    {
        return $this->services ??= $this->servicesFor((int) $this->context->shop->id);
    }

    /** @return list<int> */
    private function shopIds(): array
    {
        return array_map('intval', Shop::getShops(false, null, true) ?: [1]);
    }

    private function log(string $what, \Throwable $e): void
    {
        PrestaShopLogger::addLog('segment: ' . $what . ': ' . get_class($e) . ': ' . $e->getMessage(), 3, null, 'Module', (int) $this->id);
    }

    // ---- front office: the visitor's segments ---------------------------------------

    /**
     * Every front request: the visitor (customer or guest) is assigned by the
     * extension from the stored profile and the live context; the result goes
     * to Smarty as $segment and through the plugins {segment_of} and |in_segment.
     */
    public function hookActionFrontControllerInitAfter(array $params)
    {
        $this->current = ['segments' => [], 'segment' => null, 'attributes' => [], 'stored' => false];
        $smarty = $this->context->smarty;
        $this->registerSmartyPlugins($smarty);
        if (self::extensionProblem() !== null) {
            $smarty->assign('segment', $this->presentSegment($this->current));

            return;
        }
        try {
            $this->current = $this->assignCurrentVisitor();
        } catch (\Throwable $e) {
            // the shop keeps working without segments; the error is in the logs
            $this->log('front assignment', $e);
        }
        $smarty->assign('segment', $this->presentSegment($this->current));
    }

    private function assignCurrentVisitor(): array
    {
        $ctx = $this->context;
        $customer = $ctx->customer;
        $id = $customer && $customer->isLogged() ? (int) $customer->id : 0;
        $pages = (int) $ctx->cookie->segment_pages + 1;
        $ctx->cookie->segment_pages = $pages;
        if (!isset($_COOKIE['seg_visitor']) && !headers_sent()) {
            setcookie('seg_visitor', bin2hex(random_bytes(8)), ['expires' => time() + 365 * 86400, 'path' => '/', 'samesite' => 'Lax', 'httponly' => true]);
        }
        $cart = $ctx->cart;
        $products = [];
        $total = 0.0;
        $items = 0;
        if ($cart && $cart->id) {
            $total = (float) $cart->getOrderTotal(true, Cart::BOTH);
            $items = (int) $cart->nbProducts();
            $products = array_map(static fn ($p) => (int) $p['id_product'], $cart->getProducts());
        }
        $shop = [
            'cart_total' => $total, 'cart_items' => $items, 'cart_products' => $products, 'pages_viewed' => $pages,
            'visitor_country' => $ctx->country->iso_code ?? null,
            'shop_language' => $ctx->language->iso_code ?? null,
            'currency' => $ctx->currency->iso_code ?? null,
            'logged' => $id > 0,
        ];
        if ($id === 0) {
            $shop['country'] = $shop['visitor_country'];
        }
        $timezone = Configuration::get('PS_TIMEZONE');
        $live = RequestContext::build($_SERVER, $_COOKIE, $_GET, $shop, $timezone ? ['timezone' => $timezone] : []);
        $account = $id > 0 ? $this->accountOf($customer) : [];
        $session = $id > 0 ? new ProfileCache($ctx->cookie, $this->profileStamp((int) $ctx->shop->id)) : null;

        return $this->services()->assigner()->assign($id, $account, $live, null, $session);
    }

    /** Profile::account() from a Customer object. */
    private function accountOf(object $customer): array
    {
        $id = (int) $customer->id;

        return Profile::account([
            'id_customer' => $id, 'email' => $customer->email, 'newsletter' => $customer->newsletter,
            'optin' => $customer->optin, 'id_default_group' => $customer->id_default_group,
            'birthday' => $customer->birthday, 'date_add' => $customer->date_add, 'id_gender' => $customer->id_gender,
        ], $this->groupsOf($id));
    }

    /**
     * The customer's groups when some rule reads `groups`, else null:
     * Customer::getGroupsStatic() is a customer_group query on PrestaShop's
     * first call in a request, which most rule sets never need.
     */
    private function groupsOf(int $id): ?array
    {
        return $this->services()->assigner()->reads('groups') ? Customer::getGroupsStatic($id) : null;
    }

    /** What themes see as $segment. */
    private function presentSegment(array $result): array
    {
        $a = $result['attributes'];

        return [
            'code' => $result['segment'],
            'codes' => $result['segments'],
            'visitor_type' => $a['visitor_type'] ?? 'guest',
            'rfm' => $a['rfm'] ?? null,
            'cluster' => $a['cluster_name'] ?? null,
            'device' => $a['device'] ?? null,
        ];
    }

    public function registerSmartyPlugins($smarty): void
    {
        // bound to this request's module instance (replacing any earlier registration)
        foreach (['function' => ['segment_of', 'smartySegmentOf'], 'modifier' => ['in_segment', 'smartyInSegment']] as $type => [$tag, $method]) {
            if (isset($smarty->registered_plugins[$type][$tag])) {
                $smarty->unregisterPlugin($type, $tag);
            }
            $smarty->registerPlugin($type, $tag, [$this, $method]);
        }
    }

    /** The current visitor's result, or another customer's from the store. */
    public function segmentsFor(mixed $customer): array
    {
        $id = Assigner::customerId($customer);
        $current = $this->current ?? ['segments' => [], 'segment' => null];
        $currentId = $this->context->customer && $this->context->customer->isLogged() ? (int) $this->context->customer->id : 0;
        if ($id === null || $id === $currentId || self::extensionProblem() !== null) {
            return $current['segments'];
        }
        if ($id === 0) {
            return [];
        }
        $account = [];
        if (is_object($customer) && isset($customer->email)) {
            $account = $this->accountOf($customer);
        } elseif (is_array($customer) && isset($customer['email'])) {
            $account = Profile::account($customer + ['id_customer' => $id], $this->groupsOf($id));
        }

        return $this->services()->assigner()->forCustomer($id, $account)['segments'];
    }

    /**
     * {segment_of customer=$customer} prints the customer's first segment code
     * ('' when none); all=true prints every code, comma-separated;
     * assign=name stores the result (list with all=true) in a template variable.
     */
    public function smartySegmentOf(array $params, $smarty): string
    {
        $segments = $this->segmentsFor($params['customer'] ?? null);
        $all = !empty($params['all']);
        $value = $all ? $segments : ($segments[0] ?? '');
        if (!empty($params['assign'])) {
            $smarty->assign((string) $params['assign'], $value);

            return '';
        }

        return $all ? implode(',', $segments) : (string) $value;
    }

    /** {if 'vip'|in_segment} for the visitor, {if 'vip'|in_segment:$customer} for a customer. */
    public function smartyInSegment($code, $customer = null): bool
    {
        return in_array((string) $code, $this->segmentsFor($customer), true);
    }

    // ---- widget and banners -----------------------------------------------------------

    public function getWidgetVariables($hookName, array $configuration)
    {
        $hook = (string) ($configuration['hook'] ?? $hookName);
        $segments = $this->current['segments'] ?? [];
        $banner = null;
        if (self::extensionProblem() === null && isset(Banners::HOOKS[$hook])) {
            try {
                $banner = $this->services()->banners()->pick($hook, $segments);
            } catch (\Throwable $e) {
                $this->log('banner', $e);
            }
        }

        return ['segment' => $this->presentSegment($this->current ?? ['segments' => [], 'segment' => null, 'attributes' => []]),
                'banner' => $banner, 'hook' => $hook];
    }

    /**
     * The banner for this hook and the visitor's highest-priority segment
     * that has one (else the default banner). The template is cached per
     * hook and per banner's segment: the segment is part of the cache id.
     */
    public function renderWidget($hookName, array $configuration)
    {
        $hook = (string) ($configuration['hook'] ?? $hookName);
        $vars = $this->getWidgetVariables($hookName, $configuration);
        if ($vars['banner'] === null) {
            return '';
        }
        $template = 'module:customersegments/views/templates/hook/banner.tpl';
        $cacheId = $this->getCacheId('segment|' . $hook . '|' . ($vars['banner']['code'] !== '' ? $vars['banner']['code'] : 'default') . '|' . $vars['banner']['id_banner']);
        if (!$this->isCached($template, $cacheId)) {
            $this->smarty->assign($vars);
        }

        return $this->fetch($template, $cacheId);
    }

    /** Called by the back office after a banner or segment changed. */
    public function clearBannerCache(): void
    {
        $this->_clearCache('*');
    }

    // ---- dynamic membership --------------------------------------------------------------

    private function refresh(int $idCustomer, string $why): void
    {
        if ($idCustomer <= 0 || self::extensionProblem() !== null) {
            return;
        }
        try {
            $this->services()->recompute()->refresh($idCustomer);
        } catch (\Throwable $e) {
            // never break checkout or login for segments
            $this->log("refresh after $why", $e);
        }
    }

    public function hookActionValidateOrder(array $params)
    {
        $this->refresh((int) ($params['customer']->id ?? $params['order']->id_customer ?? 0), 'order validation');
    }

    public function hookActionOrderStatusPostUpdate(array $params)
    {
        if (self::extensionProblem() !== null) {
            return;
        }
        $db = $this->services()->db();
        $id = (int) $db->fetchValue('SELECT id_customer FROM ' . $db->table('orders') . ' WHERE id_order = ?', [(int) ($params['id_order'] ?? 0)]);
        $this->refresh($id, 'order status change');
    }

    public function hookActionCustomerAccountAdd(array $params)
    {
        $this->refresh((int) ($params['newCustomer']->id ?? 0), 'account creation');
    }

    public function hookActionAuthentication(array $params)
    {
        $this->refresh((int) ($params['customer']->id ?? 0), 'login');
    }

    public function hookActionObjectCustomerDeleteAfter(array $params)
    {
        if (self::extensionProblem() === null && isset($params['object']->id)) {
            $this->services()->gdpr()->delete((int) $params['object']->id);
        }
    }

    // ---- back office Customers grid ----------------------------------------------------------

    public function hookActionCustomerGridDefinitionModifier(array $params)
    {
        $definition = $params['definition'];
        $definition->getColumns()->addAfter('email',
            (new DataColumn('segments'))
                ->setName($this->trans('Segments', [], 'Modules.Segment.Admin'))
                ->setOptions(['field' => 'segments'])
        );
        $definition->getFilters()->add(
            (new Filter('segments', TextType::class))
                ->setTypeOptions(['required' => false, 'attr' => ['placeholder' => $this->trans('Segment code', [], 'Modules.Segment.Admin')]])
                ->setAssociatedColumn('segments')
        );
    }

    public function hookActionCustomerGridQueryBuilderModifier(array $params)
    {
        $idShop = (int) $this->context->shop->id;
        $filters = $params['search_criteria']->getFilters();
        $code = isset($filters['segments']) ? trim((string) $filters['segments']) : '';
        foreach (['search_query_builder', 'count_query_builder'] as $key) {
            $qb = $params[$key];
            $qb->leftJoin('c', _DB_PREFIX_ . 'segment_state', 'seg_state', 'seg_state.id_shop = :seg_shop')
               ->leftJoin('c', _DB_PREFIX_ . 'segment_profile', 'seg',
                   'seg.id_shop = seg_state.id_shop AND seg.generation = seg_state.generation AND seg.id_customer = c.id_customer')
               ->setParameter('seg_shop', $idShop);
            if ($key === 'search_query_builder') {
                $qb->addSelect("TRIM(BOTH ',' FROM seg.segments) AS segments");
            }
            if ($code !== '') {
                $qb->andWhere('seg.segments LIKE :seg_code')
                   ->setParameter('seg_code', '%,' . addcslashes($code, '%_\\') . ',%');
            }
        }
    }

    // ---- GDPR (psgdpr) ----------------------------------------------------------------------------

    public function hookActionExportGDPRData(array $customer)
    {
        if (self::extensionProblem() !== null) {
            return json_encode([]);
        }
        $rows = [];
        foreach ($this->gdprCustomerIds($customer) as $id) {
            $rows = array_merge($rows, $this->services()->gdpr()->export($id));
        }

        return json_encode($rows);
    }

    public function hookActionDeleteGDPRCustomer(array $customer)
    {
        if (self::extensionProblem() !== null) {
            return json_encode(true);
        }
        foreach ($this->gdprCustomerIds($customer) as $id) {
            $this->services()->gdpr()->delete($id);
        }

        return json_encode(true);
    }

    /** psgdpr passes the customer as an array: id and email, or only email. */
    private function gdprCustomerIds(array $customer): array
    {
        if (!empty($customer['id'])) {
            return [(int) $customer['id']];
        }
        if (!empty($customer['email']) && Validate::isEmail($customer['email'])) {
            return array_map(static fn ($c) => (int) $c['id_customer'], Customer::getCustomersByEmail($customer['email']));
        }

        return [];
    }
}
