<?php
/**
 * Cron entry point over HTTP for hosts without a command line:
 *   /index.php?fc=module&module=customersegments&controller=cron&token=SEGMENT_CRON_TOKEN
 * (the back office's settings page shows the URL). Runs a full recompute of
 * the current shop; a run already in progress answers "busy" (HTTP 409).
 * The command line entry point is bin/recompute.php.
 */
class CustomerSegmentsCronModuleFrontController extends ModuleFrontController
{
    public $auth = false;

    public function __construct()
    {
        parent::__construct();
        // PrestaShop's Controller::__construct() sets $ajax from the request
        // (an `ajax` parameter or an Accept: application/json header), not from
        // this class: the cron URL has neither, and the page rendering that
        // followed the run answered HTTP 500 (seen on the real 8.1.2 shop).
        $this->ajax = true;
    }

    public function initContent()
    {
        $expected = (string) Configuration::getGlobalValue('SEGMENT_CRON_TOKEN');
        $given = (string) Tools::getValue('token');
        if (!headers_sent()) {
            header('Content-Type: application/json');
        }
        if ($expected === '' || !hash_equals($expected, $given)) {
            $this->status(403);
            $this->ajaxRender(json_encode(['status' => 'forbidden']));

            return;
        }
        $result = $this->module->services()->recompute()->run();
        $this->status(['ok' => 200, 'busy' => 409][$result['status']] ?? 500);
        $this->ajaxRender(json_encode($result));
    }

    private function status(int $code): void
    {
        if (!headers_sent()) {
            http_response_code($code);
        }
    }
}
