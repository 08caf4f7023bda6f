<?php
/**
 * Minimal test doubles of the PrestaShop 8.1 classes the module's glue
 * touches, with the signatures of PrestaShop 8.1.2 (classes/module/Module.php,
 * classes/controller/AdminController.php, classes/Configuration.php,
 * classes/Tools.php, classes/Customer.php, classes/Cart.php, src/Core/Grid/...).
 * Written for these tests: they record what the glue does and hold state in
 * memory (or in the test database, for Db).
 */

namespace {
    define('_PS_VERSION_', '8.1.2');
    define('_DB_PREFIX_', 'ps_');
    define('_MYSQL_ENGINE_', 'InnoDB');
    // the throw-away test server, in PrestaShop's "host:/socket" form
    define('_DB_SERVER_', 'localhost:' . (getenv('SEG_MYSQL_SOCKET') ?: '/nonexistent'));
    define('_DB_USER_', 'root');
    define('_PS_ROOT_DIR_', sys_get_temp_dir() . '/segment-module-shop-' . getmypid());
    define('_DB_PASSWD_', '');
    define('_DB_NAME_', 'seg_psmodule');
    require_once '/usr/share/php/smarty4/bootstrap.php';

    final class TestPs
    {
        /** Per test: where model files go, the PDO link, the shop's root. */
        public static string $root = '/tmp';
        public static ?\PDO $link = null;
        public static array $config = [];
        public static array $hooks = [];
        public static array $tabs = [];
        public static array $logs = [];
        public static array $groups = [];      // id_customer => list of group ids (Customer::getGroupsStatic)
        public static array $groupReads = [];  // the ids Customer::getGroupsStatic was asked for, in order
        /** @var (callable(int): list<int>)|null answers getGroupsStatic instead of $groups (the bench runs PrestaShop's query) */
        public static $groupsLoader = null;
        public static array $access = ['view' => true, 'add' => true, 'edit' => true, 'delete' => true];
        public static array $getValues = [];   // Tools::getValue source (GET + POST)
        public static $module = null;          // the module instance ModuleAdminController gets

        public static function reset(): void
        {
            self::$config = [];
            self::$hooks = [];
            self::$tabs = [];
            self::$logs = [];
            self::$groups = [];
            self::$groupReads = [];
            self::$groupsLoader = null;
            self::$access = ['view' => true, 'add' => true, 'edit' => true, 'delete' => true];
            self::$getValues = [];
            Context::$instance = null;
            Module::$templateCache = [];
            Shop::$featureActive = false;
            Shop::$context = Shop::CONTEXT_SHOP;
        }
    }

    class Db
    {
        private static ?Db $instance = null;

        public static function getInstance($master = true)
        {
            return self::$instance ??= new Db();
        }

        public function getLink()
        {
            return TestPs::$link;
        }
    }

    class Configuration
    {
        public static function get($key, $idLang = null, $idShopGroup = null, $idShop = null, $default = false)
        {
            return TestPs::$config[$idShop ?? 0][$key] ?? TestPs::$config[0][$key] ?? $default;
        }

        public static function getGlobalValue($key, $idLang = null)
        {
            return TestPs::$config[0][$key] ?? false;
        }

        public static function updateValue($key, $values, $html = false, $idShopGroup = null, $idShop = null)
        {
            TestPs::$config[$idShop ?? 0][$key] = $values;

            return true;
        }

        public static function updateGlobalValue($key, $values, $html = false)
        {
            TestPs::$config[0][$key] = $values;

            return true;
        }

        public static function deleteByName($key)
        {
            foreach (TestPs::$config as &$c) {
                unset($c[$key]);
            }

            return true;
        }
    }

    class Tools
    {
        public static function getValue($key, $defaultValue = false)
        {
            return TestPs::$getValues[$key] ?? $defaultValue;
        }

        public static function isSubmit($submit)
        {
            return isset(TestPs::$getValues[$submit]);
        }

        public static function redirectAdmin($url)
        {
            throw new \RuntimeException('redirect ' . $url);
        }
    }

    class Validate
    {
        public static function isEmail($email)
        {
            return (bool) filter_var($email, FILTER_VALIDATE_EMAIL);
        }
    }

    class PrestaShopLogger
    {
        public static function addLog($message, $severity = 1, $errorCode = null, $objectType = null, $objectId = null, $allowDuplicate = false, $idEmployee = null)
        {
            TestPs::$logs[] = $message;

            return true;
        }
    }

    class Shop
    {
        public const CONTEXT_SHOP = 1;
        public const CONTEXT_GROUP = 2;
        public const CONTEXT_ALL = 4;

        /** Per test: multistore on or off, and the back office's shop context. */
        public static bool $featureActive = false;
        public static int $context = self::CONTEXT_SHOP;

        public $id = 1;
        public $name = 'Test Shop';

        public static function isFeatureActive()
        {
            return self::$featureActive;
        }

        public static function getContext()
        {
            return self::$context;
        }

        public static function getShops($active = true, $id_shop_group = null, $get_as_list_id = false)
        {
            return [1 => 1];
        }
    }

    class Group
    {
        public static function getGroups($idLang, $idShop = false)
        {
            return [['id_group' => 1, 'name' => 'Visitor'], ['id_group' => 2, 'name' => 'Guest'], ['id_group' => 3, 'name' => 'Customer'], ['id_group' => 4, 'name' => 'VIP <club>']];
        }
    }

    class Customer
    {
        public $id;
        public $email;
        public $newsletter = 0;
        public $optin = 0;
        public $id_default_group = 3;
        public $birthday;
        public $date_add;
        public $id_gender = 0;
        public $is_guest = 0;
        public $logged = 0;

        public function __construct($id = null)
        {
            $this->id = $id;
        }

        public function isLogged($withGuest = false)
        {
            return (bool) $this->logged && $this->id && ($withGuest || !$this->is_guest);
        }

        public static function getGroupsStatic($idCustomer)
        {
            TestPs::$groupReads[] = (int) $idCustomer;
            if (TestPs::$groupsLoader !== null) {
                return (TestPs::$groupsLoader)((int) $idCustomer);
            }

            return TestPs::$groups[(int) $idCustomer] ?? [1];
        }

        public static function getCustomersByEmail($email)
        {
            $stmt = TestPs::$link->prepare('SELECT id_customer, email FROM ps_customer WHERE email = ?');
            $stmt->execute([$email]);

            return $stmt->fetchAll(\PDO::FETCH_ASSOC);
        }
    }

    class Cart
    {
        public const BOTH = 3;
        public $id;
        public array $products = [];

        public function __construct($id = null)
        {
            $this->id = $id;
        }

        public function getOrderTotal($withTaxes = true, $type = Cart::BOTH, $products = null, $id_carrier = null, $use_cache = false, bool $keepOrderPrices = false)
        {
            return array_sum(array_map(static fn ($p) => $p['price_wt'] * $p['quantity'], $this->products));
        }

        public function nbProducts()
        {
            return array_sum(array_column($this->products, 'quantity'));
        }

        public function getProducts($refresh = false, $id_product = false, $id_country = null, $fullInfos = true, bool $keepOrderPrices = false)
        {
            return $this->products;
        }
    }

    /** PrestaShop's Cookie keeps arbitrary fields; unset ones read as false. */
    /**
     * classes/Cookie.php of 8.1: __get gives false for a missing key; __set
     * refuses arrays and the separators '¤' and '|' of its serialisation;
     * write() serialises (and the real one encrypts and signs) what changed.
     * roundTrip() is the next request's cookie: every value back as a string.
     */
    class Cookie
    {
        private array $content = [];
        public int $writes = 0;
        public bool $modified = false;

        public function __get($key)
        {
            return $this->content[$key] ?? false;
        }

        public function __set($key, $value)
        {
            if (is_array($value)) {
                throw new \LogicException('Cookie::__set: arrays die in PrestaShop (Tools::displayError)');
            }
            if (preg_match('/¤|\|/', $key . $value)) {
                throw new \Exception('Forbidden chars in cookie');
            }
            if (!array_key_exists($key, $this->content) || $this->content[$key] != $value) {
                $this->modified = true;
            }
            $this->content[$key] = $value;
        }

        public function __isset($key)
        {
            return isset($this->content[$key]);
        }

        public function __unset($key)
        {
            if (isset($this->content[$key])) {
                $this->modified = true;
            }
            unset($this->content[$key]);
        }

        public function write()
        {
            if ($this->modified) {
                ++$this->writes;
                $this->modified = false;
            }
        }

        public function getAll()
        {
            return $this->content;
        }

        /** The cookie the browser sends back: the same keys, every value a string. */
        public function roundTrip(): self
        {
            $next = new self();
            foreach ($this->content as $k => $v) {
                $next->content[$k] = (string) $v;
            }

            return $next;
        }
    }

    class Link
    {
        public function getAdminLink($controller, $withToken = true, $sfRouteParams = [], $params = [])
        {
            return 'index.php?controller=' . $controller . ($withToken ? '&token=TOKEN123' : '') . ($params ? '&' . http_build_query($params) : '');
        }

        public function getModuleLink($module, $controller = 'default', array $params = [], $ssl = null, $idLang = null, $idShop = null, $relativeProtocol = false)
        {
            return 'http://shop.test/module/' . $module . '/' . $controller . ($params ? '?' . http_build_query($params) : '');
        }
    }

    class Context
    {
        public static ?Context $instance = null;
        public $smarty;
        public $shop;
        public $customer;
        public $cart;
        public $cookie;
        public $country;
        public $language;
        public $currency;
        public $link;
        public $employee;

        public static function getContext()
        {
            if (self::$instance === null) {
                $c = new Context();
                $c->smarty = new Smarty();
                $c->smarty->setCompileDir(TestPs::$root . '/smarty_compile');
                $c->smarty->setCacheDir(TestPs::$root . '/smarty_cache');
                // PrestaShop 8.1 registers these PHP functions as modifiers (config/smarty.config.inc.php)
                foreach (['intval', 'json_encode', 'sizeof'] as $f) {
                    $c->smarty->registerPlugin('modifier', $f, $f);
                }
                $c->smarty->registerPlugin('function', 'l', static fn (array $p) => htmlspecialchars((string) ($p['s'] ?? ''), ENT_QUOTES, 'UTF-8'));
                $c->shop = new Shop();
                $c->customer = new Customer();
                $c->cart = new Cart();
                $c->cookie = new Cookie();
                $c->country = (object) ['id' => 21, 'iso_code' => 'US'];
                $c->language = (object) ['id' => 1, 'iso_code' => 'en'];
                $c->currency = (object) ['id' => 1, 'iso_code' => 'USD', 'sign' => '$'];
                $c->link = new Link();
                $c->employee = (object) ['id' => 1, 'id_profile' => 1];
                self::$instance = $c;
            }

            return self::$instance;
        }
    }

    abstract class Module
    {
        public $id = 7;
        public $name;
        public $tab;
        public $version;
        public $author;
        public $need_instance;
        public $bootstrap = false;
        public $ps_versions_compliancy = [];
        public $displayName;
        public $description;
        public $confirmUninstall;
        protected $tabs = [];
        public $_errors = [];
        protected $context;
        protected $smarty;
        /** fetch() cache of this double: cache id => html (PrestaShop keeps it in Smarty's cache) */
        public static array $templateCache = [];
        public array $fetched = [];

        public function __construct($name = null, Context $context = null)
        {
            $this->context = $context ?: Context::getContext();
            $this->smarty = $this->context->smarty->createData($this->context->smarty);
        }

        public function install()
        {
            TestPs::$tabs = $this->tabs;

            return true;
        }

        public function uninstall()
        {
            TestPs::$tabs = [];
            TestPs::$hooks = [];

            return true;
        }

        public function registerHook($hook_name, $shop_list = null)
        {
            foreach ((array) $hook_name as $h) {
                TestPs::$hooks[$h] = true;
            }

            return true;
        }

        protected function trans($id, array $parameters = [], $domain = null, $locale = null)
        {
            return strtr($id, $parameters);
        }

        public function getLocalPath()
        {
            return dirname(__DIR__, 2) . '/';
        }

        protected function getCacheId($name = null)
        {
            return ($name ?? $this->name) . '|' . (int) $this->context->shop->id . '|' . (int) $this->context->language->id;
        }

        public function isCached($template, $cache_id = null, $compile_id = null)
        {
            return $cache_id !== null && isset(self::$templateCache[$template . '#' . $cache_id]);
        }

        public function fetch($templatePath, $cache_id = null, $compile_id = null)
        {
            $this->fetched[] = [$templatePath, $cache_id];
            $key = $templatePath . '#' . $cache_id;
            if ($cache_id !== null && isset(self::$templateCache[$key])) {
                return self::$templateCache[$key];
            }
            $file = preg_replace('#^module:' . preg_quote($this->name, '#') . '/#', $this->getLocalPath(), $templatePath);
            $html = $this->context->smarty->createTemplate($file, $this->smarty)->fetch();
            if ($cache_id !== null) {
                self::$templateCache[$key] = $html;
            }

            return $html;
        }

        protected function _clearCache($template, $cache_id = null, $compile_id = null)
        {
            self::$templateCache = [];

            return 1;
        }
    }

    abstract class AdminController
    {
        public $token = 'TOKEN123';
        public $bootstrap = false;
        public $errors = [];
        public $warnings = [];
        public $content = '';
        public $redirect_after;
        public $ajax = false;
        public $context;
        public string $ajaxOutput = '';

        public function __construct()
        {
            $this->context = Context::getContext();
        }

        public function access($action, $disable = false)
        {
            return TestPs::$access[$action] ?? false;
        }

        public function viewAccess($disable = false)
        {
            return $this->access('view', $disable);
        }

        protected function ajaxRender($value = null, $controller = null, $method = null)
        {
            $this->ajaxOutput .= $value;
        }

        protected function trans($id, array $parameters = [], $domain = null, $local = null)
        {
            return strtr($id, $parameters);
        }
    }

    abstract class ModuleAdminController extends AdminController
    {
        public $module;

        public function __construct()
        {
            parent::__construct();
            $this->module = TestPs::$module;
        }
    }
}

namespace {
    /**
     * PrestaShop 8.1's Controller as far as a front module controller sees
     * it: the constructor sets $ajax from the request (Controller::isAjax(),
     * whatever the class declares), run() renders the page template unless
     * $ajax (a controller without one dies there: HTTP 500).
     */
    abstract class ModuleFrontController
    {
        public $module;
        public $context;
        public $ajax = false;
        public string $ajaxOutput = '';

        public function __construct()
        {
            $this->context = Context::getContext();
            $this->module = TestPs::$module;
            $this->ajax = (bool) (Tools::getValue('ajax') || Tools::isSubmit('ajax'));
        }

        public function run(): void
        {
            $this->initContent();
            if ($this->ajax) {
                if (method_exists($this, 'displayAjax')) {
                    $this->displayAjax();
                }
            } else {
                $this->display();
            }
        }

        public function initContent()
        {
        }

        public function display()
        {
            throw new \LogicException("Smarty: Missing '\$template' parameter (no page template: HTTP 500)");
        }

        protected function ajaxRender($value = null, $controller = null, $method = null)
        {
            $this->ajaxOutput .= $value;
        }
    }
}

namespace PrestaShop\PrestaShop\Core\Module {
    interface WidgetInterface
    {
        public function renderWidget($hookName, array $configuration);

        public function getWidgetVariables($hookName, array $configuration);
    }
}

namespace Symfony\Component\Form\Extension\Core\Type {
    class TextType
    {
    }
}

namespace PrestaShop\PrestaShop\Core\Grid\Column\Type {
    class DataColumn
    {
        private $name = '';
        private array $options = [];

        public function __construct(private $id)
        {
        }

        public function getId()
        {
            return $this->id;
        }

        public function setName($name)
        {
            $this->name = $name;

            return $this;
        }

        public function getName()
        {
            return $this->name;
        }

        public function setOptions(array $options)
        {
            $this->options = $options;

            return $this;
        }

        public function getOptions()
        {
            return $this->options;
        }
    }
}

namespace PrestaShop\PrestaShop\Core\Grid\Filter {
    class Filter
    {
        private array $typeOptions = [];
        private $column;

        public function __construct(private $name, private $filterFormType)
        {
        }

        public function getName()
        {
            return $this->name;
        }

        public function getType()
        {
            return $this->filterFormType;
        }

        public function setTypeOptions(array $filterTypeOptions)
        {
            $this->typeOptions = $filterTypeOptions;

            return $this;
        }

        public function getTypeOptions()
        {
            return $this->typeOptions;
        }

        public function setAssociatedColumn($columnId)
        {
            $this->column = $columnId;

            return $this;
        }

        public function getAssociatedColumn()
        {
            return $this->column;
        }
    }
}
