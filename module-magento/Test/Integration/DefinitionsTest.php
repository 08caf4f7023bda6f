<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Test\Integration;

use Segment\CustomerSegment\Core\ValidationError;
use Segment\CustomerSegment\Test\Support\DbTestCase;

final class DefinitionsTest extends DbTestCase
{
    public function testSavesAndReadsBackAValidSegment(): void
    {
        $defs = $this->module->definitions();
        $id = $defs->save(['code' => 'vip', 'name' => 'VIP', 'rule' => "monetary >= 1000\n  and orders > 2", 'priority' => '7', 'is_active' => '1']);
        $row = $defs->get($id);
        $this->assertSame('vip', $row['code']);
        $this->assertSame("monetary >= 1000\n  and orders > 2", $row['rule']);
        $this->assertSame(7, $row['priority']);
        $this->assertSame(1, $row['is_active']);
        $this->assertSame([['code' => 'vip', 'name' => 'VIP', 'rule' => "monetary >= 1000\n  and orders > 2", 'priority' => 7, 'enabled' => true]], $defs->forModel(1));
    }

    public function testARuleWithASyntaxErrorIsRefusedWithLineAndColumn(): void
    {
        try {
            $this->module->definitions()->save(['code' => 'x', 'name' => 'X', 'rule' => "orders >= 1 and\n   monetary >"]);
            $this->fail('saved');
        } catch (ValidationError $e) {
            $this->assertSame('rule', $e->field);
            $this->assertSame(2, $e->ruleLine);
            $this->assertSame(14, $e->ruleColumn);
            $this->assertStringStartsWith('Rule, line 2, column 14: ', $e->getMessage());
        }
        $this->assertSame([], $this->module->definitions()->all());
    }

    public function testAnUnknownAttributeIsRefusedWithASuggestion(): void
    {
        try {
            $this->module->definitions()->save(['code' => 'x', 'name' => 'X', 'rule' => 'montary > 5']);
            $this->fail('saved');
        } catch (ValidationError $e) {
            $this->assertSame([1, 1], [$e->ruleLine, $e->ruleColumn]);
            $this->assertStringContainsString("did you mean 'monetary'", $e->getMessage());
        }
    }

    /** @dataProvider badInput */
    public function testBadFieldsNameTheField(array $data, string $field): void
    {
        $this->module->definitions()->save(['code' => 'taken', 'name' => 'T', 'rule' => 'orders > 1']);
        try {
            $this->module->definitions()->save($data + ['code' => 'ok', 'name' => 'N', 'rule' => 'orders > 1']);
            $this->fail('saved');
        } catch (ValidationError $e) {
            $this->assertSame($field, $e->field);
        }
    }

    public static function badInput(): array
    {
        return [
            'upper-case code' => [['code' => 'VIP'], 'code'],
            'code with a dash' => [['code' => 'a-b'], 'code'],
            'code taken' => [['code' => 'taken'], 'code'],
            'empty name' => [['name' => '  '], 'name'],
            'empty rule' => [['rule' => ''], 'rule'],
            'priority not a number' => [['priority' => '1; DROP TABLE x'], 'priority'],
            'negative website' => [['website_id' => -1], 'website_id'],
        ];
    }

    public function testRuleTextIsDataNeverSql(): void
    {
        $rule = "country == \"x'); DROP TABLE segment_definition; --\"";
        $id = $this->module->definitions()->save(['code' => 'weird', 'name' => "Robert'); --", 'rule' => $rule]);
        $this->assertSame($rule, $this->module->definitions()->get($id)['rule']);
        $this->assertSame("Robert'); --", $this->module->definitions()->get($id)['name']);
        $this->assertSame(1, (int) $this->sql('SELECT COUNT(*) FROM segment_definition'));
    }

    public function testMassEnableDisableAndWebsiteScope(): void
    {
        $defs = $this->module->definitions();
        $a = $defs->save(['code' => 'a', 'name' => 'A', 'rule' => 'orders > 1', 'website_id' => 0, 'is_active' => 1]);
        $b = $defs->save(['code' => 'b', 'name' => 'B', 'rule' => 'orders > 2', 'website_id' => 2, 'is_active' => 1, 'priority' => 5]);
        $this->assertSame(['a'], array_column($defs->forModel(1), 'code'));
        $this->assertSame(['b', 'a'], array_column($defs->forModel(2), 'code'));
        $this->assertSame(2, $defs->setActive([$a, $b], false));
        $this->assertSame([], $defs->forModel(2));
        $this->assertSame(1, $defs->setActive([$b], true));
        $this->assertSame(['b'], array_column($defs->forModel(2), 'code'));
        $this->assertTrue($defs->delete($a));
        $this->assertNull($defs->get($a));
    }
}
