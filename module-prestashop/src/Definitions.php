<?php

namespace PrestaShop\Module\Segment;

use PrestaShop\Module\Segment\Db\Connection;

/**
 * The segments of a shop: code, name, rule, priority, enabled, linked
 * customer group. Saving validates everything and returns field errors
 * (the rule's with line and column) instead of throwing.
 */
final class Definitions
{
    private Connection $db;
    private int $idShop;

    public function __construct(Connection $db, int $idShop)
    {
        $this->db = $db;
        $this->idShop = $idShop;
    }

    /** @return list<array<string, mixed>> highest priority first */
    public function all(bool $onlyActive = false): array
    {
        $rows = $this->db->fetchAll(
            'SELECT id_segment, code, name, rule, priority, active, id_group, date_add, date_upd
               FROM ' . $this->db->table('segment_definition') . '
              WHERE id_shop = ?' . ($onlyActive ? ' AND active = 1' : '') . '
              ORDER BY priority DESC, code ASC',
            [$this->idShop]
        );

        return array_map([$this, 'cast'], $rows);
    }

    public function get(int $id): ?array
    {
        $row = $this->db->fetchRow(
            'SELECT id_segment, code, name, rule, priority, active, id_group, date_add, date_upd
               FROM ' . $this->db->table('segment_definition') . ' WHERE id_shop = ? AND id_segment = ?',
            [$this->idShop, $id]
        );

        return $row ? $this->cast($row) : null;
    }

    public function byCode(string $code): ?array
    {
        $row = $this->db->fetchRow(
            'SELECT id_segment, code, name, rule, priority, active, id_group, date_add, date_upd
               FROM ' . $this->db->table('segment_definition') . ' WHERE id_shop = ? AND code = ?',
            [$this->idShop, $code]
        );

        return $row ? $this->cast($row) : null;
    }

    private function cast(array $row): array
    {
        $row['id_segment'] = (int) $row['id_segment'];
        $row['priority'] = (int) $row['priority'];
        $row['active'] = (bool) $row['active'];
        $row['id_group'] = (int) $row['id_group'];

        return $row;
    }

    /**
     * The definitions as Segment\RuleSet takes them (every segment, with its
     * enabled flag, so disabled ones are kept but never matched).
     *
     * @return list<array{code: string, name: string, rule: string, priority: int, enabled: bool}>
     */
    public function ruleDefinitions(): array
    {
        return array_map(static fn (array $d) => [
            'code' => $d['code'], 'name' => $d['name'], 'rule' => $d['rule'],
            'priority' => $d['priority'], 'enabled' => $d['active'],
        ], $this->all());
    }

    /**
     * Validates and stores a segment. $input: code, name, rule, priority,
     * active, id_group (strings as a form posts them). Returns
     * ['id' => id or 0, 'errors' => field => message, 'rule_error' => the
     * validator's result when the rule is wrong].
     */
    public function save(array $input, int $id = 0): array
    {
        $errors = [];
        $code = trim((string) ($input['code'] ?? ''));
        $name = trim((string) ($input['name'] ?? ''));
        $rule = str_replace("\r\n", "\n", (string) ($input['rule'] ?? ''));
        $priorityRaw = trim((string) ($input['priority'] ?? '0'));
        $active = !empty($input['active']);
        $groupRaw = trim((string) ($input['id_group'] ?? '0'));
        $groupRaw = $groupRaw === '' ? '0' : $groupRaw;

        if (!preg_match('/^[a-z][a-z0-9_]{0,63}$/', $code)) {
            $errors['code'] = 'The code must start with a lowercase letter and hold only a-z, 0-9 and _ (at most 64).';
        } else {
            $other = $this->byCode($code);
            if ($other !== null && $other['id_segment'] !== $id) {
                $errors['code'] = "Another segment already has the code '$code'.";
            }
        }
        if ($name === '' || mb_strlen($name) > 128 || !mb_check_encoding($name, 'UTF-8')) {
            $errors['name'] = 'The name is required (at most 128 characters).';
        }
        if (!preg_match('/^-?\d{1,9}$/', $priorityRaw)) {
            $errors['priority'] = 'The priority must be a whole number.';
        }
        if (!preg_match('/^\d{1,10}$/', $groupRaw)) {
            $errors['id_group'] = 'The customer group must be a group id or 0 for none.';
        }
        $check = (new RuleValidator())->validate($rule);
        $ruleError = null;
        if (!$check['valid']) {
            $ruleError = $check;
            // the extension's message starts with "line L, column C: "
            $errors['rule'] = $check['message'];
        }
        if ($id > 0 && $this->get($id) === null) {
            $errors['id_segment'] = 'This segment does not exist (any more).';
        }
        if ($errors) {
            return ['id' => 0, 'errors' => $errors, 'rule_error' => $ruleError];
        }

        $now = date('Y-m-d H:i:s');
        $values = [$code, $name, $rule, (int) $priorityRaw, $active ? 1 : 0, (int) $groupRaw];
        if ($id > 0) {
            $this->db->execute(
                'UPDATE ' . $this->db->table('segment_definition') . '
                    SET code = ?, name = ?, rule = ?, priority = ?, active = ?, id_group = ?, date_upd = ?
                  WHERE id_shop = ? AND id_segment = ?',
                [...$values, $now, $this->idShop, $id]
            );
        } else {
            $this->db->execute(
                'INSERT INTO ' . $this->db->table('segment_definition') . '
                    (id_shop, code, name, rule, priority, active, id_group, date_add, date_upd)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
                [$this->idShop, ...$values, $now, $now]
            );
            $id = $this->db->lastInsertId();
        }

        return ['id' => $id, 'errors' => [], 'rule_error' => null];
    }

    public function toggle(int $id): ?bool
    {
        $n = $this->db->execute(
            'UPDATE ' . $this->db->table('segment_definition') . '
                SET active = 1 - active, date_upd = ? WHERE id_shop = ? AND id_segment = ?',
            [date('Y-m-d H:i:s'), $this->idShop, $id]
        );
        if ($n === 0) {
            return null;
        }

        return $this->get($id)['active'];
    }

    public function setGroup(int $id, int $idGroup): void
    {
        $this->db->execute(
            'UPDATE ' . $this->db->table('segment_definition') . ' SET id_group = ? WHERE id_shop = ? AND id_segment = ?',
            [$idGroup, $this->idShop, $id]
        );
    }

    public function delete(int $id): bool
    {
        return $this->db->transactional(function (Connection $db) use ($id) {
            $db->execute('DELETE FROM ' . $db->table('segment_banner') . ' WHERE id_shop = ? AND id_segment = ?', [$this->idShop, $id]);

            return $db->execute(
                'DELETE FROM ' . $db->table('segment_definition') . ' WHERE id_shop = ? AND id_segment = ?',
                [$this->idShop, $id]
            ) > 0;
        });
    }

    /** A stamp that changes whenever a definition does: part of the model's cache key. */
    public function stamp(): string
    {
        $row = $this->db->fetchRow(
            'SELECT COUNT(*) AS n, MAX(date_upd) AS upd, COALESCE(SUM(id_segment * (priority + 7) * (active + 3)), 0) AS h
               FROM ' . $this->db->table('segment_definition') . ' WHERE id_shop = ?',
            [$this->idShop]
        );

        return substr(sha1(json_encode($row)), 0, 12);
    }
}
