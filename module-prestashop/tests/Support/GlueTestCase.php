<?php

namespace PrestaShop\Module\Segment\Tests\Support;

/**
 * Glue tests: the real module class and admin controller against the
 * PrestaShop doubles (tests/Doubles), on the test database.
 */
abstract class GlueTestCase extends DbTestCase
{
    protected \CustomerSegments $module;
    /** The SELECTs the last front() request's hook ran. */
    protected int $hookSelects = 0;

    protected function setUp(): void
    {
        // the glue reads the clock itself (time()): the orders are placed relative to it
        $this->now = time();
        parent::setUp();
        \TestPs::reset();
        \TestPs::$link = $this->db->pdo();
        \TestPs::$root = _PS_ROOT_DIR_;
        foreach (['/smarty_compile', '/smarty_cache'] as $d) {
            @mkdir(_PS_ROOT_DIR_ . $d, 0777, true);
        }
        self::removeTree(_PS_ROOT_DIR_ . '/var');
        $_SERVER = ['HTTP_USER_AGENT' => 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0', 'HTTP_HOST' => 'shop.test',
                    'REQUEST_URI' => '/', 'REQUEST_METHOD' => 'GET', 'REQUEST_TIME' => $this->now];
        $_COOKIE = [];
        $_GET = [];
        require_once __DIR__ . '/../../customersegments.php';
        require_once __DIR__ . '/../../controllers/admin/AdminSegmentController.php';
        // the shop's tables are fresh: drop the module's and install it
        foreach (\PrestaShop\Module\Segment\Schema::TABLES as $t) {
            $this->db->execute("DROP TABLE IF EXISTS ps_$t");
        }
        $this->module = new \CustomerSegments();
        \TestPs::$module = $this->module;
        $this->assertTrue($this->module->install(), implode("\n", $this->module->_errors));
    }

    protected static function removeTree(string $dir): void
    {
        if (!is_dir($dir)) {
            return;
        }
        foreach (new \RecursiveIteratorIterator(new \RecursiveDirectoryIterator($dir, \FilesystemIterator::SKIP_DOTS), \RecursiveIteratorIterator::CHILD_FIRST) as $f) {
            $f->isDir() ? rmdir($f->getPathname()) : unlink($f->getPathname());
        }
        rmdir($dir);
    }

    /** A back-office request to Customers > Segments: GET or POST values, then postProcess + initContent. */
    protected function admin(array $values, string $method = 'POST'): \AdminSegmentController
    {
        \TestPs::$getValues = $values;
        $_SERVER['REQUEST_METHOD'] = $method;
        \Context::getContext()->smarty->clearAllAssign();
        $c = new \AdminSegmentController();
        if (!empty($values['ajax'])) {
            $c->ajax = true;
            $c->displayAjaxPreview();

            return $c;
        }
        $c->postProcess();
        if ($c->redirect_after === null) {
            $c->initContent();
        }

        return $c;
    }

    protected function html(\AdminSegmentController $c): string
    {
        return (string) \Context::getContext()->smarty->getTemplateVars('content');
    }

    /** A front request for a visitor: 0 = guest. Returns the module's Smarty variable. */
    protected function front(int $idCustomer, array $cartProducts = [], array $server = []): array
    {
        $ctx = \Context::getContext();
        $ctx->smarty->clearAllAssign();
        $ctx->customer = new \Customer($idCustomer ?: null);
        if ($idCustomer > 0) {
            $row = $this->db->fetchRow('SELECT * FROM ps_customer WHERE id_customer = ?', [$idCustomer]);
            foreach (['email', 'newsletter', 'optin', 'id_default_group', 'birthday', 'date_add', 'id_gender'] as $k) {
                $ctx->customer->$k = $row[$k];
            }
            $ctx->customer->logged = 1;
            \TestPs::$groups[$idCustomer] = $this->shop->groupsOf($idCustomer);
        }
        $ctx->cart = new \Cart($cartProducts ? 99 : null);
        // a new request: a new module instance (PrestaShop builds one per request)
        $this->module = new \CustomerSegments();
        \TestPs::$module = $this->module;
        $ctx->cart->products = $cartProducts;
        $_SERVER = $server + $_SERVER;
        // what FrontController assigns: the presented customer array
        $ctx->smarty->assign('customer', ['id' => $idCustomer ?: null, 'is_logged' => $idCustomer > 0, 'email' => $ctx->customer->email]);
        $before = $this->selects();
        $this->module->hookActionFrontControllerInitAfter(['controller' => null]);
        $this->hookSelects = $this->selects() - $before;

        return $ctx->smarty->getTemplateVars('segment');
    }

    /** SELECTs run so far on the link the module shares with the test (the session's Com_select). */
    protected function selects(): int
    {
        return (int) $this->db->fetchRow("SHOW SESSION STATUS LIKE 'Com_select'")['Value'];
    }
}
