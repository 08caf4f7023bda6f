<?php
/**
 * Customers > Segments: the segment list (toggle, priority, members,
 * revenue), the create/edit form (rule checked by the extension, errors
 * with line and column, live "matches N customers" preview), settings (RFM,
 * clustering), banners, the recompute action and the report.
 *
 * Every state change is a POST carrying the controller's token (checked by
 * PrestaShop's AdminController and again here) and needs the tab's
 * permission (view / add / edit / delete) from the employee's profile.
 */
require_once __DIR__ . '/../../autoload.php';

use PrestaShop\Module\Segment\Attributes;
use PrestaShop\Module\Segment\Banners;
use PrestaShop\Module\Segment\Settings;

class AdminSegmentController extends ModuleAdminController
{
    /** @var array|null form state after a failed save: values, errors, rule_error */
    private ?array $formState = null;
    private ?array $settingsState = null;
    private ?array $bannerState = null;

    private const PERMISSIONS = [
        'saveSegment' => 'edit', 'toggleSegment' => 'edit', 'deleteSegment' => 'delete',
        'saveSettings' => 'edit', 'recompute' => 'edit', 'saveBanner' => 'edit', 'deleteBanner' => 'delete',
    ];

    public function __construct()
    {
        $this->bootstrap = true;
        parent::__construct();
    }

    private function url(array $params = []): string
    {
        return $this->context->link->getAdminLink('AdminSegment', true, [], $params);
    }

    private function validPost(): bool
    {
        return ($_SERVER['REQUEST_METHOD'] ?? 'GET') === 'POST'
            && is_string(Tools::getValue('token')) && hash_equals((string) $this->token, (string) Tools::getValue('token'));
    }

    private function services()
    {
        return $this->module->services();
    }

    /**
     * Segments, banners, settings and runs belong to one shop. With multistore
     * and "All stores" or a shop group selected, PrestaShop hands the
     * controller the default shop: a change made there would silently go to
     * that one shop. The page is then read-only and says so.
     */
    private function shopContextProblem(): ?string
    {
        if (!Shop::isFeatureActive() || Shop::getContext() === Shop::CONTEXT_SHOP) {
            return null;
        }

        return $this->trans(
            'Segments, banners, settings and recomputes are kept per shop: choose a shop in the multistore selector to change them. Shown here, read-only: %shop% (the default shop).',
            ['%shop%' => (string) $this->context->shop->name],
            'Modules.Segment.Admin'
        );
    }

    public function postProcess()
    {
        $action = Tools::getValue('segment_action');
        if (!is_string($action) || $action === '' || $this->ajax) {
            return;
        }
        if (!isset(self::PERMISSIONS[$action])) {
            $this->errors[] = $this->trans('Unknown action.', [], 'Admin.Notifications.Error');

            return;
        }
        if (!$this->validPost()) {
            $this->errors[] = $this->trans('Invalid security token.', [], 'Admin.Notifications.Error');

            return;
        }
        $permission = self::PERMISSIONS[$action];
        if ($action === 'saveSegment' && (int) Tools::getValue('id_segment') === 0) {
            $permission = 'add';
        }
        if (!$this->access($permission)) {
            $this->errors[] = $this->trans('You do not have permission to do this.', [], 'Admin.Notifications.Error');

            return;
        }
        if ($problem = CustomerSegments::extensionProblem()) {
            $this->errors[] = $problem;

            return;
        }
        if ($problem = $this->shopContextProblem()) {
            $this->errors[] = $problem;

            return;
        }
        $this->{'process' . ucfirst($action)}();
    }

    private function processSaveSegment(): void
    {
        $id = (int) Tools::getValue('id_segment');
        $input = [];
        foreach (['code', 'name', 'rule', 'priority', 'active', 'id_group'] as $k) {
            $input[$k] = (string) Tools::getValue($k, '');
        }
        $result = $this->services()->definitions()->save($input, $id);
        if ($result['errors']) {
            $this->formState = ['values' => $input + ['id_segment' => $id], 'errors' => $result['errors'], 'rule_error' => $result['rule_error']];
            $this->errors[] = $this->trans('The segment was not saved: see the messages next to the fields.', [], 'Modules.Segment.Admin');

            return;
        }
        $this->changed();
        $this->redirect_after = $this->url(['conf' => $id > 0 ? 4 : 3]);
    }

    private function processToggleSegment(): void
    {
        if ($this->services()->definitions()->toggle((int) Tools::getValue('id_segment')) === null) {
            $this->errors[] = $this->trans('This segment does not exist.', [], 'Modules.Segment.Admin');

            return;
        }
        $this->changed();
        $this->redirect_after = $this->url(['conf' => 5]);
    }

    private function processDeleteSegment(): void
    {
        if (!$this->services()->definitions()->delete((int) Tools::getValue('id_segment'))) {
            $this->errors[] = $this->trans('This segment does not exist.', [], 'Modules.Segment.Admin');

            return;
        }
        $this->changed();
        $this->redirect_after = $this->url(['conf' => 1]);
    }

    /** A definition changed: the model gets the new rules, cached banners go. */
    private function changed(): void
    {
        $this->services()->definitionsChanged();
        $this->module->clearBannerCache();
    }

    private function processSaveSettings(): void
    {
        $input = [];
        foreach (['rfm_enabled', 'rfm_bins', 'rfm_method', 'rfm_map', 'window_days', 'kmeans_enabled', 'kmeans_k', 'kmeans_seed'] as $k) {
            $input[$k] = (string) Tools::getValue($k, '');
        }
        $features = Tools::getValue('kmeans_features', []);
        $input['kmeans_features'] = is_array($features) ? array_map('strval', $features) : [];
        [$settings, $errors] = Settings::fromInput($input);
        if ($errors) {
            $this->settingsState = ['values' => $input, 'errors' => $errors];
            $this->errors[] = $this->trans('The settings were not saved: see the messages next to the fields.', [], 'Modules.Segment.Admin');

            return;
        }
        Configuration::updateValue('SEGMENT_SETTINGS', $settings->toJson(), false, null, (int) $this->context->shop->id);
        $this->redirect_after = $this->url(['view' => 'settings', 'conf' => 6]);
    }

    private function processRecompute(): void
    {
        $result = $this->services()->recompute()->run();
        $this->module->clearBannerCache();
        if ($result['status'] === 'ok') {
            $this->redirect_after = $this->url(['view' => Tools::getValue('back') === 'report' ? 'report' : 'list', 'conf' => 4]);
        } elseif ($result['status'] === 'busy') {
            $this->errors[] = $this->trans('A recompute is already running; try again in a moment.', [], 'Modules.Segment.Admin');
        } else {
            $this->errors[] = $this->trans('The recompute failed:', [], 'Modules.Segment.Admin') . ' ' . $result['message'];
        }
    }

    private function processSaveBanner(): void
    {
        $input = [];
        foreach (['id_segment', 'hook', 'image', 'link', 'text', 'active'] as $k) {
            $input[$k] = (string) Tools::getValue($k, '');
        }
        $id = (int) Tools::getValue('id_banner');
        $result = $this->services()->banners()->save($input, $id);
        if ($result['errors']) {
            $this->bannerState = ['values' => $input + ['id_banner' => $id], 'errors' => $result['errors']];
            $this->errors[] = $this->trans('The banner was not saved: see the messages next to the fields.', [], 'Modules.Segment.Admin');

            return;
        }
        $this->module->clearBannerCache();
        $this->redirect_after = $this->url(['view' => 'banners', 'conf' => 4]);
    }

    private function processDeleteBanner(): void
    {
        $this->services()->banners()->delete((int) Tools::getValue('id_banner'));
        $this->module->clearBannerCache();
        $this->redirect_after = $this->url(['view' => 'banners', 'conf' => 1]);
    }

    /** Ajax: the live "matches N customers now" preview of a rule being typed. */
    public function displayAjaxPreview()
    {
        if (!headers_sent()) {
            header('Content-Type: application/json');
        }
        if (!$this->validPost() || !$this->access('view')) {
            if (!headers_sent()) {
                http_response_code(403);
            }
            $this->ajaxRender(json_encode(['valid' => false, 'message' => 'forbidden']));

            return;
        }
        if ($problem = CustomerSegments::extensionProblem()) {
            $this->ajaxRender(json_encode(['valid' => false, 'message' => $problem]));

            return;
        }
        $rule = Tools::getValue('rule');
        $this->ajaxRender(json_encode($this->services()->preview()->count(is_string($rule) ? $rule : '')));
    }

    public function initContent()
    {
        if (!$this->viewAccess()) {
            $this->errors[] = $this->trans('You do not have permission to view this.', [], 'Admin.Notifications.Error');

            return;
        }
        if ($problem = CustomerSegments::extensionProblem()) {
            $this->errors[] = $problem;
            $this->context->smarty->assign('content', '');

            return;
        }
        if (($problem = $this->shopContextProblem()) && !$this->errors) {
            $this->warnings[] = $problem;
        }
        $view = (string) Tools::getValue('view', 'list');
        if ($this->formState !== null) {
            $view = 'edit';
        } elseif ($this->settingsState !== null) {
            $view = 'settings';
        } elseif ($this->bannerState !== null) {
            $view = 'banners';
        }
        $html = match ($view) {
            'edit' => $this->renderSegmentForm(),
            'settings' => $this->renderSettings(),
            'banners' => $this->renderBanners(),
            'report' => $this->renderReport(),
            default => $this->renderSegmentList(),
        };
        $this->content .= $this->renderTemplate('nav', ['view' => $view]) . $html;
        $this->context->smarty->assign('content', $this->content);
    }

    /** Fills a module template with the variables every page needs. */
    public function renderTemplate(string $name, array $vars): string
    {
        $tpl = $this->context->smarty->createTemplate($this->module->getLocalPath() . 'views/templates/admin/' . $name . '.tpl', $this->context->smarty);
        $tpl->assign($vars + [
            'seg_token' => $this->token,
            'seg_url' => $this->url(),
            'seg_links' => [
                'list' => $this->url(), 'add' => $this->url(['view' => 'edit']), 'settings' => $this->url(['view' => 'settings']),
                'banners' => $this->url(['view' => 'banners']), 'report' => $this->url(['view' => 'report']),
            ],
            'seg_can' => $this->shopContextProblem() !== null ? ['add' => false, 'edit' => false, 'delete' => false]
                : ['add' => (bool) $this->access('add'), 'edit' => (bool) $this->access('edit'), 'delete' => (bool) $this->access('delete')],
        ]);

        return $tpl->fetch();
    }

    private function lastRun(): ?array
    {
        return $this->services()->recompute()->runs(1)[0] ?? null;
    }

    private function renderSegmentList(): string
    {
        $segments = $this->services()->report()->segments();
        foreach ($segments as &$s) {
            $s['edit_url'] = $this->url(['view' => 'edit', 'id_segment' => $s['id_segment']]);
        }
        unset($s);

        return $this->renderTemplate('list', [
            'segments' => $segments,
            'last_run' => $this->lastRun(),
            'currency_sign' => $this->context->currency->sign ?? '',
        ]);
    }

    private function groups(): array
    {
        $out = [];
        foreach (Group::getGroups((int) $this->context->language->id) as $g) {
            $out[(int) $g['id_group']] = $g['name'];
        }

        return $out;
    }

    private function renderSegmentForm(): string
    {
        if ($this->formState !== null) {
            $values = $this->formState['values'];
        } else {
            $id = (int) Tools::getValue('id_segment');
            $values = $id > 0 ? $this->services()->definitions()->get($id) : null;
            if ($id > 0 && $values === null) {
                $this->errors[] = $this->trans('This segment does not exist.', [], 'Modules.Segment.Admin');
            }
            $values ??= ['id_segment' => 0, 'code' => '', 'name' => '', 'rule' => '', 'priority' => 0, 'active' => true, 'id_group' => 0];
        }

        return $this->renderTemplate('form', [
            'values' => $values,
            'errors' => $this->formState['errors'] ?? [],
            'rule_error' => $this->formState['rule_error'] ?? null,
            'groups' => $this->groups(),
            'attributes' => ['Customer' => Attributes::CUSTOMER, 'This visit' => Attributes::CONTEXT, 'Computed' => Attributes::DERIVED],
            'preview_url' => $this->url(['ajax' => 1, 'action' => 'preview']),
        ]);
    }

    private function renderSettings(): string
    {
        $settings = $this->services()->settings()->toArray();

        return $this->renderTemplate('settings', [
            'values' => $this->settingsState['values'] ?? $settings,
            'errors' => $this->settingsState['errors'] ?? [],
            'features' => Settings::FEATURES,
            'maps' => Settings::MAPS,
            'cron_url' => $this->context->link->getModuleLink('customersegments', 'cron', ['token' => Configuration::getGlobalValue('SEGMENT_CRON_TOKEN')]),
            'cron_cli' => 'php modules/customersegments/bin/recompute.php',
            'runs' => $this->services()->recompute()->runs(10),
        ]);
    }

    private function renderBanners(): string
    {
        $banners = $this->services()->banners()->all();

        return $this->renderTemplate('banners', [
            'banners' => $banners,
            'hooks' => Banners::HOOKS,
            'segments' => $this->services()->definitions()->all(),
            'values' => $this->bannerState['values'] ?? ['id_banner' => 0, 'id_segment' => 0, 'hook' => 'displayHome', 'image' => '', 'link' => '', 'text' => '', 'active' => 1],
            'errors' => $this->bannerState['errors'] ?? [],
        ]);
    }

    private function renderReport(): string
    {
        return $this->renderTemplate('report', $this->services()->report()->build() + [
            'last_run' => $this->lastRun(),
            'currency_sign' => $this->context->currency->sign ?? '',
        ]);
    }
}
