<?php

namespace PrestaShop\Module\Segment;

use PrestaShop\Module\Segment\Db\Connection;
use PrestaShop\Module\Segment\Store\MembershipStore;

/**
 * Keeps a PrestaShop customer group equal to a segment's stored members:
 * rows in customer_group are added and removed; a customer whose default
 * group is that group keeps the row (the default group is never touched).
 * Cart rules check all of a customer's groups, so they can target a
 * segment; specific prices and group reductions read only the default group.
 */
final class GroupSync
{
    private Connection $db;
    private MembershipStore $store;

    public function __construct(Connection $db, MembershipStore $store)
    {
        $this->db = $db;
        $this->store = $store;
    }

    /** @return array{added: int, removed: int} */
    public function sync(string $code, int $idGroup): array
    {
        if ($idGroup <= 0) {
            return ['added' => 0, 'removed' => 0];
        }
        $members = array_flip($this->store->members($code));
        $current = [];
        foreach ($this->db->fetchAll(
            'SELECT cg.id_customer, c.id_default_group FROM ' . $this->db->table('customer_group') . ' cg
               JOIN ' . $this->db->table('customer') . ' c ON c.id_customer = cg.id_customer
              WHERE cg.id_group = ?',
            [$idGroup]
        ) as $r) {
            $current[(int) $r['id_customer']] = (int) $r['id_default_group'];
        }
        $add = array_keys(array_diff_key($members, $current));
        $remove = [];
        foreach ($current as $id => $default) {
            if (!isset($members[$id]) && $default !== $idGroup) {
                $remove[] = $id;
            }
        }

        return $this->db->transactional(function (Connection $db) use ($add, $remove, $idGroup) {
            foreach (array_chunk($add, 500) as $chunk) {
                $params = [];
                foreach ($chunk as $id) {
                    array_push($params, $id, $idGroup);
                }
                $db->execute(
                    'INSERT IGNORE INTO ' . $db->table('customer_group') . ' (id_customer, id_group) VALUES '
                    . implode(',', array_fill(0, count($chunk), '(?, ?)')),
                    $params
                );
            }
            foreach (array_chunk($remove, 500) as $chunk) {
                $db->execute(
                    'DELETE FROM ' . $db->table('customer_group') . ' WHERE id_group = ? AND id_customer IN ('
                    . implode(',', array_fill(0, count($chunk), '?')) . ')',
                    [$idGroup, ...$chunk]
                );
            }

            return ['added' => count($add), 'removed' => count($remove)];
        });
    }

    /** One customer after an incremental refresh: in the group exactly when in the segment. */
    public function syncCustomer(int $idCustomer, array $segments, array $definitions): void
    {
        foreach ($definitions as $d) {
            if ($d['id_group'] <= 0) {
                continue;
            }
            if (in_array($d['code'], $segments, true)) {
                $this->db->execute(
                    'INSERT IGNORE INTO ' . $this->db->table('customer_group') . ' (id_customer, id_group) VALUES (?, ?)',
                    [$idCustomer, $d['id_group']]
                );
            } else {
                $this->db->execute(
                    'DELETE cg FROM ' . $this->db->table('customer_group') . ' cg
                       JOIN ' . $this->db->table('customer') . ' c ON c.id_customer = cg.id_customer
                      WHERE cg.id_customer = ? AND cg.id_group = ? AND c.id_default_group <> cg.id_group',
                    [$idCustomer, $d['id_group']]
                );
            }
        }
    }
}
