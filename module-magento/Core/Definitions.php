<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Core;

use Segment\CustomerSegment\Core\Db\Connection;

/**
 * The segments admins define (table segment_definition). A rule is text in
 * the extension's rule language: it is validated with
 * Segment\RuleSet::validate() before it is stored and compiled by the
 * extension; it never becomes PHP code or SQL.
 */
final class Definitions
{
    public const CODE_PATTERN = '/^[a-z][a-z0-9_]{0,63}$/';

    public function __construct(private Connection $db)
    {
    }

    private function t(): string
    {
        return $this->db->table('segment_definition');
    }

    /** @return list<array<string, mixed>> every segment, highest priority first */
    public function all(?int $websiteId = null): array
    {
        if ($websiteId === null) {
            $rows = $this->db->fetchAll('SELECT * FROM ' . $this->t() . ' ORDER BY priority DESC, segment_id');
        } else {
            $rows = $this->db->fetchAll(
                'SELECT * FROM ' . $this->t() . ' WHERE website_id IN (0, ?) ORDER BY priority DESC, segment_id',
                [$websiteId]
            );
        }

        return array_map([self::class, 'typed'], $rows);
    }

    public function get(int $id): ?array
    {
        $row = $this->db->fetchRow('SELECT * FROM ' . $this->t() . ' WHERE segment_id = ?', [$id]);

        return $row === null ? null : self::typed($row);
    }

    public function byCode(string $code): ?array
    {
        $row = $this->db->fetchRow('SELECT * FROM ' . $this->t() . ' WHERE code = ?', [$code]);

        return $row === null ? null : self::typed($row);
    }

    private static function typed(array $row): array
    {
        foreach (['segment_id', 'priority', 'is_active', 'website_id'] as $k) {
            $row[$k] = (int) $row[$k];
        }

        return $row;
    }

    /**
     * The definitions the extension compiles for one website: enabled
     * segments of that website and of all websites.
     *
     * @return list<array{code: string, name: string, rule: string, priority: int, enabled: bool}>
     */
    public function forModel(int $websiteId): array
    {
        $out = [];
        foreach ($this->all($websiteId) as $row) {
            if ($row['is_active']) {
                $out[] = ['code' => $row['code'], 'name' => $row['name'], 'rule' => $row['rule'],
                    'priority' => $row['priority'], 'enabled' => true];
            }
        }

        return $out;
    }

    /**
     * Checks what an admin entered. Throws ValidationError naming the field;
     * for the rule, with the line and column the extension reports.
     *
     * @return array{code: string, name: string, rule: string, priority: int, is_active: int, website_id: int}
     */
    public function validate(array $data, ?int $id = null): array
    {
        $code = trim((string) ($data['code'] ?? ''));
        if (!preg_match(self::CODE_PATTERN, $code)) {
            throw new ValidationError('code', 'Code: use 1 to 64 lower-case letters, digits and _, starting with a letter (it names the layout handle customer_segment_CODE).');
        }
        $other = $this->byCode($code);
        if ($other !== null && $other['segment_id'] !== $id) {
            throw new ValidationError('code', sprintf('Code: another segment already uses "%s".', $code));
        }
        $name = trim((string) ($data['name'] ?? ''));
        if ($name === '' || strlen($name) > 255) {
            throw new ValidationError('name', 'Name: enter 1 to 255 characters.');
        }
        $rule = (string) ($data['rule'] ?? '');
        self::checkRule($rule);
        $priority = $data['priority'] ?? 0;
        if (!is_numeric($priority) || (int) $priority != $priority || abs((int) $priority) > 1000000) {
            throw new ValidationError('priority', 'Priority: enter a whole number between -1000000 and 1000000.');
        }
        $website = $data['website_id'] ?? 0;
        if (!is_numeric($website) || (int) $website < 0 || (int) $website > 65535) {
            throw new ValidationError('website_id', 'Website: not a website.');
        }

        return ['code' => $code, 'name' => $name, 'rule' => $rule, 'priority' => (int) $priority,
            'is_active' => empty($data['is_active']) ? 0 : 1, 'website_id' => (int) $website];
    }

    /** Throws ValidationError (field "rule", with line and column) for a rule the extension refuses. @return list<string> the attribute paths it reads */
    public static function checkRule(string $rule): array
    {
        if (trim($rule) === '') {
            throw new ValidationError('rule', 'Rule: enter a rule, e.g. orders >= 3 and monetary > 500.');
        }
        try {
            return \Segment\RuleSet::validate($rule, Attributes::all());
        } catch (\Segment\RuleSyntaxError $e) {
            $msg = $e->getMessage();
            // The extension's message starts "line L, column C: "; say it once, with the field.
            $msg = preg_replace('/^line \d+, column \d+: /', '', $msg);
            throw new ValidationError(
                'rule',
                sprintf('Rule, line %d, column %d: %s', $e->getRuleLine(), $e->getRuleColumn(), $msg),
                $e->getRuleLine(),
                $e->getRuleColumn()
            );
        }
    }

    /** Validates and stores; returns the segment id. */
    public function save(array $data, ?int $id = null): int
    {
        $v = $this->validate($data, $id);
        if ($id === null) {
            $this->db->execute(
                'INSERT INTO ' . $this->t() . ' (code, name, rule, priority, is_active, website_id) VALUES (?, ?, ?, ?, ?, ?)',
                [$v['code'], $v['name'], $v['rule'], $v['priority'], $v['is_active'], $v['website_id']]
            );

            return $this->db->lastInsertId();
        }
        $this->db->execute(
            'UPDATE ' . $this->t() . ' SET code = ?, name = ?, rule = ?, priority = ?, is_active = ?, website_id = ? WHERE segment_id = ?',
            [$v['code'], $v['name'], $v['rule'], $v['priority'], $v['is_active'], $v['website_id'], $id]
        );

        return $id;
    }

    public function delete(int $id): bool
    {
        return $this->db->execute('DELETE FROM ' . $this->t() . ' WHERE segment_id = ?', [$id]) > 0;
    }

    /** Enables or disables segments; returns how many changed. @param list<int> $ids */
    public function setActive(array $ids, bool $active): int
    {
        $ids = array_values(array_map('intval', $ids));
        if ($ids === []) {
            return 0;
        }

        return $this->db->execute(
            'UPDATE ' . $this->t() . ' SET is_active = ? WHERE segment_id IN (' . implode(', ', array_fill(0, count($ids), '?')) . ')',
            array_merge([$active ? 1 : 0], $ids)
        );
    }
}
