<?php

namespace PrestaShop\Module\Segment\Tests\Glue;

use PrestaShop\Module\Segment\Tests\Support\GlueTestCase;

final class AdminControllerTest extends GlueTestCase
{
    private function post(array $values): \AdminSegmentController
    {
        return $this->admin($values + ['token' => 'TOKEN123']);
    }

    public function testRuleErrorIsShownWithLineAndColumnAndNothingIsSaved(): void
    {
        $c = $this->post(['segment_action' => 'saveSegment', 'id_segment' => '0', 'code' => 'vip', 'name' => 'VIP',
            'rule' => "orders >= 3 and\n  monetary >> 500", 'priority' => '10', 'active' => '1', 'id_group' => '0']);
        $this->assertNull($c->redirect_after);
        $this->assertNotEmpty($c->errors);
        $html = $this->html($c);
        $this->assertStringContainsString('data-line="2" data-column="13"', $html);
        $this->assertStringContainsString('>line 2, column 13: expected a value, an attribute or', $html);
        // the rule typed is given back, escaped
        $this->assertStringContainsString('monetary &gt;&gt; 500</textarea>', $html);
        $this->assertSame([], $this->module->services()->definitions()->all());
    }

    public function testUnknownAttributeIsAnErrorWithASuggestion(): void
    {
        $c = $this->post(['segment_action' => 'saveSegment', 'code' => 'x', 'name' => 'X', 'rule' => 'ordrs > 1', 'priority' => '1']);
        $this->assertStringContainsString("unknown attribute 'ordrs'; did you mean 'orders'?", html_entity_decode($this->html($c), ENT_QUOTES));
    }

    public function testSaveToggleDeleteAndTheModelFollows(): void
    {
        $c = $this->post(['segment_action' => 'saveSegment', 'id_segment' => '0', 'code' => 'big', 'name' => 'Big <b>spenders</b>',
            'rule' => 'monetary > 100', 'priority' => '5', 'active' => '1', 'id_group' => '0']);
        $this->assertSame([], $c->errors);
        $this->assertStringContainsString('conf=3', $c->redirect_after);
        $id = $this->module->services()->definitions()->byCode('big')['id_segment'];
        $this->assertSame(['big'], $this->module->services()->models()->load()->rules()->codes());

        $html = $this->html($this->admin([], 'GET'));
        $this->assertStringContainsString('Big &lt;b&gt;spenders&lt;/b&gt;', $html);
        $this->assertStringNotContainsString('<b>spenders', $html);
        $this->assertStringContainsString('name="token" value="TOKEN123"', $html);

        $this->post(['segment_action' => 'toggleSegment', 'id_segment' => (string) $id]);
        $this->assertFalse($this->module->services()->definitions()->get($id)['active']);
        $this->assertFalse($this->module->services()->models()->load()->rules()->definitions()[0]['enabled']);
        $this->post(['segment_action' => 'deleteSegment', 'id_segment' => (string) $id]);
        $this->assertSame([], $this->module->services()->definitions()->all());
    }

    public function testRequestsLoadTheModelByTheVersionInConfiguration(): void
    {
        $this->post(['segment_action' => 'saveSegment', 'id_segment' => '0', 'code' => 'big', 'name' => 'Big',
            'rule' => 'monetary > 100', 'priority' => '5', 'active' => '1', 'id_group' => '0']);
        $models = $this->module->services()->models();
        $stored = \Configuration::get(\CustomerSegments::MODEL_VERSION, null, null, 1);
        $this->assertSame($models->load()->version(), $stored);

        // Another model written over the file behind the module's back (as a
        // copy from elsewhere would be): requests keep the stored version,
        // from the worker's cache, without looking at the file...
        $other = \Segment\Model::build([['code' => 'other', 'rule' => 'true']], null, null, ['version' => 'elsewhere']);
        $other->save($models->path());
        $this->assertSame(['big'], $models->load()->rules()->codes());
        // ... until Configuration names the file's version
        \Configuration::updateValue(\CustomerSegments::MODEL_VERSION, 'elsewhere', false, null, 1);
        $this->assertSame(['other'], $this->module->services()->models()->load()->rules()->codes());
        // a version the file does not have: the file as it is
        \Configuration::updateValue(\CustomerSegments::MODEL_VERSION, 'gone', false, null, 1);
        $this->assertSame('elsewhere', $this->module->services()->models()->load()->version());

        // the next save stores its version again; deleting the model forgets it
        $this->post(['segment_action' => 'toggleSegment',
            'id_segment' => (string) $this->module->services()->definitions()->byCode('big')['id_segment']]);
        $version = $this->module->services()->models()->load()->version();
        $this->assertSame($version, \Configuration::get(\CustomerSegments::MODEL_VERSION, null, null, 1));
        $this->assertNotSame('elsewhere', $version);
        $this->module->services()->models()->delete();
        $this->assertSame('', \Configuration::get(\CustomerSegments::MODEL_VERSION, null, null, 1));
        $this->assertNull($this->module->services()->models()->load());
    }

    public function testActionsNeedTheTokenAPostAndThePermission(): void
    {
        $values = ['segment_action' => 'saveSegment', 'code' => 'a', 'name' => 'A', 'rule' => 'orders > 1', 'priority' => '1'];
        $c = $this->admin($values + ['token' => 'forged']);
        $this->assertContains('Invalid security token.', $c->errors);
        $c = $this->admin($values + ['token' => 'TOKEN123'], 'GET');
        $this->assertContains('Invalid security token.', $c->errors);
        \TestPs::$access['add'] = false;
        $c = $this->admin($values + ['token' => 'TOKEN123']);
        $this->assertContains('You do not have permission to do this.', $c->errors);
        $this->assertSame([], $this->module->services()->definitions()->all());
        \TestPs::$access['view'] = false;
        $c = $this->admin([], 'GET');
        $this->assertContains('You do not have permission to view this.', $c->errors);
        $c = $this->admin(['ajax' => '1', 'action' => 'preview', 'rule' => 'orders > 1', 'token' => 'TOKEN123']);
        $this->assertSame('forbidden', json_decode($c->ajaxOutput, true)['message']);
    }

    public function testLivePreviewCountsCustomersNow(): void
    {
        $this->populate();
        // before the first recompute: no stored figures, and the answer says so
        $r = json_decode($this->admin(['ajax' => '1', 'action' => 'preview', 'rule' => 'orders >= 5', 'token' => 'TOKEN123'])->ajaxOutput, true);
        $this->assertTrue($r['valid']);
        $this->assertSame([0, false], [$r['customers'], $r['computed']]);
        $this->module->services()->recompute()->run();
        $c = $this->admin(['ajax' => '1', 'action' => 'preview', 'rule' => 'orders >= 5', 'token' => 'TOKEN123']);
        $r = json_decode($c->ajaxOutput, true);
        $this->assertTrue($r['valid']);
        $this->assertSame(3, $r['customers']);
        $this->assertSame(10, $r['of']);
        $this->assertSame([1, 2, 3], $r['sample']);
        $this->assertTrue($r['computed']);
        $r = json_decode($this->admin(['ajax' => '1', 'action' => 'preview', 'rule' => 'newsletter and', 'token' => 'TOKEN123'])->ajaxOutput, true);
        $this->assertFalse($r['valid']);
        $this->assertSame([1, 15], [$r['line'], $r['column']]);
    }

    public function testRecomputeListAndReport(): void
    {
        $this->populate();
        $this->post(['segment_action' => 'saveSegment', 'code' => 'vip', 'name' => 'VIP', 'rule' => 'orders >= 5', 'priority' => '10', 'active' => '1']);
        $c = $this->post(['segment_action' => 'recompute', 'back' => 'report']);
        $this->assertSame([], $c->errors);
        $this->assertStringContainsString('view=report', $c->redirect_after);
        $html = $this->html($this->admin([], 'GET'));
        $this->assertMatchesRegularExpression('#<td class="text-right segment-members">3</td>\s*<td class="text-right segment-revenue">\$4\d{3}\.\d\d</td>#', $html);
        $this->assertStringContainsString('<strong class="text-success">ok</strong>', $html);
        $report = $this->html($this->admin(['view' => 'report'], 'GET'));
        $this->assertStringContainsString('id="segment-heatmap"', $report);
        $this->assertMatchesRegularExpression('#<em>none</em></td><td>vip</td><td class="text-right">3</td>#', $report);
        // 8 customers with orders in the R x F cells
        preg_match_all('#rgba\(37,185,215,[0-9.]+\)">(\d+)</td>#', $report, $m);
        $this->assertSame(8, array_sum(array_map('intval', $m[1])));
    }

    public function testSettingsAreValidated(): void
    {
        $c = $this->post(['segment_action' => 'saveSettings', 'rfm_enabled' => '1', 'rfm_bins' => '99', 'rfm_method' => 'quantile', 'rfm_map' => 'rf11',
            'window_days' => '0', 'kmeans_enabled' => '1', 'kmeans_k' => '3', 'kmeans_features' => ['recency', 'evil'], 'kmeans_seed' => '1']);
        $html = $this->html($c);
        $this->assertStringContainsString('Bins must be a whole number from 2 to 10.', $html);
        $this->assertStringContainsString('Pick one or more features', $html);
        $c = $this->post(['segment_action' => 'saveSettings', 'rfm_enabled' => '1', 'rfm_bins' => '5', 'rfm_method' => 'pandas', 'rfm_map' => 'core',
            'window_days' => '365', 'kmeans_enabled' => '1', 'kmeans_k' => '3', 'kmeans_features' => ['recency', 'monetary'], 'kmeans_seed' => '7']);
        $this->assertSame([], $c->errors);
        $this->assertSame('pandas', json_decode(\Configuration::get('SEGMENT_SETTINGS', null, null, 1), true)['rfm_method']);
    }

    public function testBannerValidationRefusesScriptUrls(): void
    {
        $c = $this->post(['segment_action' => 'saveBanner', 'id_segment' => '0', 'hook' => 'displayHome', 'image' => 'javascript:alert(1)', 'link' => '//evil.example', 'text' => 'Hi', 'active' => '1']);
        $html = $this->html($c);
        $this->assertSame(2, substr_count($html, 'Use an http(s) address or a path starting with /'));
        $this->assertSame([], $this->module->services()->banners()->all());
    }

    public function testMultistoreAllStoresContextIsReadOnly(): void
    {
        // Seen on the real shop: with "All stores" selected PrestaShop gives the
        // controller the default shop, so a save went to shop 1 without saying so.
        \Shop::$featureActive = true;
        \Shop::$context = \Shop::CONTEXT_ALL;
        $values = ['segment_action' => 'saveSegment', 'code' => 'vip', 'name' => 'VIP', 'rule' => 'orders >= 5', 'priority' => '10', 'active' => '1'];
        $c = $this->post($values);
        $this->assertNull($c->redirect_after);
        $this->assertStringContainsString('kept per shop: choose a shop in the multistore selector', implode(' ', $c->errors));
        $this->assertSame([], $this->module->services()->definitions()->all());
        $c = $this->post(['segment_action' => 'recompute']);
        $this->assertNotEmpty($c->errors);
        $this->assertSame([], $this->module->services()->recompute()->runs());

        $c = $this->admin([], 'GET');
        $html = $this->html($c);
        $this->assertStringContainsString('read-only: Test Shop (the default shop)', implode(' ', $c->warnings));
        $this->assertStringNotContainsString('id="segment-add"', $html);
        $this->assertMatchesRegularExpression('#id="segment-recompute" disabled#', $html);

        \Shop::$context = \Shop::CONTEXT_GROUP;
        $this->assertNotEmpty($this->post($values)->errors);

        // one shop selected: saved, and no warning
        \Shop::$context = \Shop::CONTEXT_SHOP;
        $c = $this->post($values);
        $this->assertSame([], $c->errors);
        $this->assertSame(['vip'], array_column($this->module->services()->definitions()->all(), 'code'));
        $c = $this->admin([], 'GET');
        $this->html($c);
        $this->assertSame([], $c->warnings);
    }

    public function testCronUrlAnswersJsonWithoutAnAjaxParameter(): void
    {
        require_once __DIR__ . '/../../controllers/front/cron.php';
        $this->populate();
        \Configuration::updateGlobalValue('SEGMENT_CRON_TOKEN', 'crontoken');
        \TestPs::$getValues = ['token' => 'crontoken']; // the URL the settings page shows: no ajax=1
        $c = new \CustomerSegmentsCronModuleFrontController();
        $c->run();
        $this->assertSame('ok', json_decode($c->ajaxOutput, true)['status']);
        \TestPs::$getValues = ['token' => 'wrong'];
        $c = new \CustomerSegmentsCronModuleFrontController();
        $c->run();
        $this->assertSame('forbidden', json_decode($c->ajaxOutput, true)['status']);
    }
}
