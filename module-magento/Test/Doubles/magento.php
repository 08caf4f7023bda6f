<?php

/*
 * Minimal test doubles of the Magento 2.4.6 (and Symfony Console, PSR-3)
 * classes and interfaces the module's glue touches, written to their
 * signatures (read in magento2 2.4.6's source), with just the behaviour the
 * glue relies on. Nothing here is copied from Magento.
 */

namespace {
    if (!function_exists('__')) {
        /** Magento's translation function: the phrase with %1, %2 ... replaced. */
        function __($text, ...$args)
        {
            $s = (string) $text;
            foreach ($args as $i => $a) {
                $s = str_replace('%' . ($i + 1), (string) $a, $s);
            }

            return $s;
        }
    }
}

namespace Psr\Log {
    if (!interface_exists(LoggerInterface::class)) {
        interface LoggerInterface
        {
            public function error($message, array $context = []);
            public function warning($message, array $context = []);
            public function info($message, array $context = []);
        }
    }
}

namespace Magento\Framework {
    class DataObject
    {
        protected $_data = [];

        public function __construct(array $data = [])
        {
            $this->_data = $data;
        }

        public function getData($key = '', $index = null)
        {
            return $key === '' ? $this->_data : ($this->_data[$key] ?? null);
        }

        public function setData($key, $value = null)
        {
            if (is_array($key)) {
                $this->_data = $key;
            } else {
                $this->_data[$key] = $value;
            }

            return $this;
        }

        /** As Magento's: null empties the object, a string or a list of strings removes those keys. */
        public function unsetData($key = null)
        {
            if ($key === null) {
                $this->_data = [];
            } else {
                foreach ((array) $key as $k) {
                    unset($this->_data[$k]);
                }
            }

            return $this;
        }

        public function __call($method, $args)
        {
            $key = strtolower(preg_replace('/(.)([A-Z])/', '$1_$2', substr($method, 3)));
            switch (substr($method, 0, 3)) {
                case 'get':
                    return $this->getData($key);
                case 'set':
                    return $this->setData($key, $args[0] ?? null);
                case 'has':
                    return isset($this->_data[$key]);
                case 'uns':
                    return $this->unsetData($key);
            }
            throw new \BadMethodCallException($method);
        }
    }

    interface UrlInterface
    {
        public function getUrl($routePath = null, $routeParams = null);
    }
}

namespace Magento\Framework\Event {
    class Observer extends \Magento\Framework\DataObject
    {
        public function getEvent()
        {
            return $this->_data['event'];
        }
    }

    interface ObserverInterface
    {
        public function execute(Observer $observer);
    }
}

namespace Magento\Framework {
    class Event extends DataObject
    {
    }
}

namespace Magento\Framework\App {
    interface ActionInterface
    {
        public function execute();
    }

    interface RequestInterface
    {
        public function getParam($key, $defaultValue = null);
    }

    /** Over PDO: getConnection() gives an adapter with Magento's query($sql, $bind) idiom. */
    class ResourceConnection
    {
        public function __construct(private \PDO $pdo, private string $prefix = '')
        {
        }

        public function getConnection($resourceName = 'default')
        {
            return new \Magento\Framework\DB\Adapter\PdoDouble($this->pdo);
        }

        public function getTableName($modelEntity, $connectionName = 'default')
        {
            return $this->prefix . $modelEntity;
        }
    }
}

namespace Magento\Framework\App\Request {
    class Http implements \Magento\Framework\App\RequestInterface
    {
        public function __construct(public array $server = [], public array $query = [], public array $cookies = [], public array $params = [], public array $post = [])
        {
        }

        public function getParam($key, $defaultValue = null)
        {
            return $this->params[$key] ?? $this->post[$key] ?? $defaultValue;
        }

        public function getServerValue($name = null, $default = null)
        {
            return $name === null ? $this->server : ($this->server[$name] ?? $default);
        }

        public function getQueryValue($name = null, $default = null)
        {
            return $name === null ? $this->query : ($this->query[$name] ?? $default);
        }

        public function getCookie($name = null, $default = null)
        {
            return $this->cookies[$name] ?? $default;
        }

        public function getPostValue($name = null, $default = null)
        {
            return $name === null ? $this->post : ($this->post[$name] ?? $default);
        }
    }
}

namespace Magento\Framework\DB\Adapter {
    interface AdapterInterface
    {
    }

    class PdoDouble implements AdapterInterface
    {
        public array $log = [];

        public function __construct(private \PDO $pdo)
        {
            $this->pdo->setAttribute(\PDO::ATTR_ERRMODE, \PDO::ERRMODE_EXCEPTION);
            $this->pdo->exec("SET time_zone = '+00:00'");
        }

        public function query($sql, $bind = [])
        {
            $st = $this->pdo->prepare($sql);
            $st->execute((array) $bind);

            return $st;
        }

        public function fetchAll($sql, $bind = [], $fetchMode = null)
        {
            return $this->query($sql, $bind)->fetchAll(\PDO::FETCH_ASSOC);
        }

        public function fetchRow($sql, $bind = [], $fetchMode = null)
        {
            return $this->query($sql, $bind)->fetch(\PDO::FETCH_ASSOC);
        }

        public function fetchOne($sql, $bind = [])
        {
            return $this->query($sql, $bind)->fetchColumn();
        }

        public function lastInsertId($tableName = null, $primaryKey = null)
        {
            return $this->pdo->lastInsertId();
        }

        public function beginTransaction()
        {
            $this->pdo->beginTransaction();

            return $this;
        }

        public function commit()
        {
            $this->pdo->commit();

            return $this;
        }

        public function rollBack()
        {
            if ($this->pdo->inTransaction()) {
                $this->pdo->rollBack();
            }

            return $this;
        }
    }
}

namespace Magento\Framework\App\Http {
    /** Magento\Framework\App\Http\Context: values, defaults, and the vary string (sha1 of the JSON of non-default values, sorted by name). */
    class Context
    {
        protected $data = [];
        protected $default = [];

        public function setValue($name, $value, $default)
        {
            if ($default !== null) {
                $this->default[$name] = $default;
            }
            $this->data[$name] = $value;

            return $this;
        }

        public function getValue($name)
        {
            return $this->data[$name] ?? ($this->default[$name] ?? null);
        }

        public function getData()
        {
            $out = [];
            foreach ($this->data as $k => $v) {
                if ($v && $v != ($this->default[$k] ?? null)) {
                    $out[$k] = $v;
                }
            }

            return $out;
        }

        public function getVaryString()
        {
            $data = $this->getData();
            if ($data === []) {
                return null;
            }
            ksort($data);

            return sha1(json_encode($data));
        }
    }
}

namespace Magento\Framework\App\Config {
    interface ScopeConfigInterface
    {
        public function getValue($path, $scopeType = 'default', $scopeCode = null);
    }

    class ArrayConfig implements ScopeConfigInterface
    {
        public function __construct(public array $values = [])
        {
        }

        public function getValue($path, $scopeType = 'default', $scopeCode = null)
        {
            return $this->values[$path] ?? null;
        }
    }
}

namespace Magento\Framework\App\Filesystem {
    class DirectoryList
    {
        public const VAR_DIR = 'var';

        public function __construct(private string $root)
        {
        }

        public function getPath($code)
        {
            return $this->root . '/' . $code;
        }
    }
}

namespace Magento\Store\Model {
    interface ScopeInterface
    {
        public const SCOPE_WEBSITES = 'websites';
    }

    interface StoreManagerInterface
    {
        public function getStore($storeId = null);
        public function getWebsites($withDefault = false, $codeKey = false);
    }

    class Store extends \Magento\Framework\DataObject
    {
    }

    class Website extends \Magento\Framework\DataObject
    {
    }

    class StoreManagerDouble implements StoreManagerInterface
    {
        /** @param array<int, string> $websites id => name */
        public function __construct(public Store $store, public array $websites = [1 => 'Main Website'])
        {
        }

        public function getStore($storeId = null)
        {
            return $this->store;
        }

        public function getWebsites($withDefault = false, $codeKey = false)
        {
            $out = [];
            foreach ($this->websites as $id => $name) {
                $out[$id] = new Website(['id' => $id, 'name' => $name]);
            }

            return $out;
        }
    }
}

namespace Magento\Customer\Model {
    /**
     * Magento's Customer\Model\Session extends Framework\Session\SessionManager,
     * whose getData($key = '', $clear = false) reads the session storage (a
     * DataObject) and whose __call passes get/set/uns/has to it.
     */
    class Session extends \Magento\Framework\DataObject
    {
        public function getData($key = '', $clear = false)
        {
            $data = parent::getData($key);
            if ($clear && $data !== null) {
                $this->unsetData($key);
            }

            return $data;
        }

        public function isLoggedIn()
        {
            return (bool) $this->getData('customer_id');
        }

        public function getCustomerId()
        {
            return $this->getData('customer_id');
        }

        public function getCustomerGroupId()
        {
            return $this->getData('customer_group_id') ?? 0;
        }
    }
}

namespace Magento\Checkout\Model {
    class Session extends \Magento\Framework\DataObject
    {
        public function getQuoteId()
        {
            return $this->getData('quote_id');
        }

        public function getQuote()
        {
            return $this->getData('quote');
        }
    }
}

namespace Magento\Customer\CustomerData {
    interface SectionSourceInterface
    {
        public function getSectionData();
    }
}

namespace Magento\Framework\View\Element\Block {
    interface ArgumentInterface
    {
    }
}

namespace Magento\Framework\View {
    class LayoutUpdateDouble
    {
        public array $handles = [];

        public function addHandle($handleName)
        {
            foreach ((array) $handleName as $h) {
                $this->handles[] = $h;
            }

            return $this;
        }
    }

    class LayoutDouble
    {
        public LayoutUpdateDouble $update;

        public function __construct()
        {
            $this->update = new LayoutUpdateDouble();
        }

        public function getUpdate()
        {
            return $this->update;
        }
    }
}

namespace Magento\Framework\Exception {
    class LocalizedException extends \Exception
    {
        public function __construct($phrase, ?\Exception $cause = null, $code = 0)
        {
            parent::__construct((string) $phrase, (int) $code, $cause);
        }
    }
}

namespace Magento\Framework\Setup {
    interface SchemaSetupInterface
    {
    }

    interface ModuleContextInterface
    {
    }

    interface InstallSchemaInterface
    {
        public function install(SchemaSetupInterface $setup, ModuleContextInterface $context);
    }
}

namespace Symfony\Component\Console\Input {
    interface InputInterface
    {
        public function getOption(string $name);
    }

    class InputOption
    {
        public const VALUE_NONE = 1;
        public const VALUE_REQUIRED = 2;
        public const VALUE_OPTIONAL = 4;
    }

    class ArrayInput implements InputInterface
    {
        public function __construct(private array $options = [])
        {
        }

        public function getOption(string $name)
        {
            return $this->options[$name] ?? null;
        }
    }
}

namespace Symfony\Component\Console\Output {
    interface OutputInterface
    {
        public function writeln($messages, int $options = 0);
    }

    class BufferedOutput implements OutputInterface
    {
        public string $text = '';

        public function writeln($messages, int $options = 0)
        {
            foreach ((array) $messages as $m) {
                $this->text .= strip_tags($m) . "\n";
            }
        }
    }
}

namespace Symfony\Component\Console\Command {
    use Symfony\Component\Console\Input\InputInterface;
    use Symfony\Component\Console\Output\OutputInterface;

    class Command
    {
        public const SUCCESS = 0;
        public const FAILURE = 1;
        private ?string $name = null;
        public array $options = [];

        public function __construct(?string $name = null)
        {
            $this->name = $name;
            $this->configure();
        }

        protected function configure()
        {
        }

        public function setName(string $name)
        {
            $this->name = $name;

            return $this;
        }

        public function getName()
        {
            return $this->name;
        }

        public function setDescription(string $d)
        {
            return $this;
        }

        public function addOption(string $name, $shortcut = null, ?int $mode = null, string $description = '', $default = null)
        {
            $this->options[$name] = [$shortcut, $mode];

            return $this;
        }

        /** What Application::run() does for the command: execute() and its exit status. */
        public function run(InputInterface $input, OutputInterface $output): int
        {
            return (int) $this->execute($input, $output);
        }

        protected function execute(InputInterface $input, OutputInterface $output)
        {
            throw new \LogicException('not implemented');
        }
    }
}
