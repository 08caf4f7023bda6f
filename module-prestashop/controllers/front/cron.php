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
    public $ajax = true;

    public function initContent()
    {
        $expected = (string) Configuration::getGlobalValue('SEGMENT_CRON_TOKEN');
        $given = (string) Tools::getValue('token');
        header('Content-Type: application/json');
        if ($expected === '' || !hash_equals($expected, $given)) {
            http_response_code(403);
            $this->ajaxRender(json_encode(['status' => 'forbidden']));

            return;
        }
        $result = $this->module->services()->recompute()->run();
        http_response_code(['ok' => 200, 'busy' => 409][$result['status']] ?? 500);
        $this->ajaxRender(json_encode($result));
    }
}
