<?php

namespace PrestaShop\Module\Segment;

use PrestaShop\Module\Segment\Db\Connection;

/**
 * Customer order figures from PrestaShop's tables, with PrestaShop's own
 * meaning of a valid order (order_state.logable of the current state,
 * total_paid / conversion_rate, guests and deleted customers left out), as
 * the extension's PrestaShop reader (docs/mysql.md, section 4) defines it.
 */
final class OrderSource
{
    private Connection $db;
    /** @var array connection settings for Segment\Profiles::fromDatabase */
    private array $dsn;
    private string $prefix;
    private ?int $idShop;

    /**
     * @param array $dsn host, port or socket, user, password, database
     * @param int|null $idShop only this shop's orders (multistore); null: every shop's
     */
    public function __construct(Connection $db, array $dsn, string $prefix, ?int $idShop = null)
    {
        $this->db = $db;
        $this->dsn = $dsn;
        $this->prefix = $prefix;
        $this->idShop = $idShop;
    }

    /**
     * Every customer's profile, read natively by the extension. $windowDays
     * > 0 keeps the orders of the last N days only.
     */
    public function all(int $windowDays = 0, ?int $now = null): \Segment\Profiles
    {
        $now ??= time();
        // The extension's PrestaShop reader with its own filters: the shop
        // and the window never become SQL text.
        $options = ['platform' => 'prestashop', 'prefix' => $this->prefix, 'reference' => $now];
        if ($this->idShop !== null) {
            $options['shop'] = $this->idShop;
        }
        if ($windowDays > 0) {
            $options['since'] = date('Y-m-d H:i:s', $now - $windowDays * 86400); // as one() bounds it
        }

        return \Segment\Profiles::fromDatabase($this->dsn, $options);
    }

    /**
     * One customer's figures with bound parameters (the incremental refresh
     * after an order or a sign-up), or null for a guest or deleted customer.
     */
    public function one(int $idCustomer, int $windowDays = 0, ?int $now = null): ?array
    {
        $now ??= time();
        $customer = $this->db->fetchRow(
            'SELECT is_guest, deleted FROM ' . $this->db->table('customer') . ' WHERE id_customer = ?',
            [$idCustomer]
        );
        if ($customer === null || (int) $customer['is_guest'] === 1 || (int) $customer['deleted'] === 1) {
            return null;
        }
        $where = 'o.id_customer = ?';
        $params = [$idCustomer];
        if ($this->idShop !== null) {
            $where .= ' AND o.id_shop = ?';
            $params[] = $this->idShop;
        }
        if ($windowDays > 0) {
            $where .= ' AND o.date_add >= ?';
            $params[] = date('Y-m-d H:i:s', $now - $windowDays * 86400);
        }
        $row = $this->db->fetchRow(
            'SELECT COUNT(DISTINCT IF(os.logable = 1, o.id_order, NULL)) AS orders,
                    COALESCE(SUM(IF(os.logable = 1, o.total_paid / IF(o.conversion_rate = 0, 1, o.conversion_rate), 0)), 0) AS monetary,
                    MIN(IF(os.logable = 1, o.date_add, NULL)) AS first_order_at,
                    MAX(IF(os.logable = 1, o.date_add, NULL)) AS last_order_at,
                    COUNT(DISTINCT IF(COALESCE(os.logable, 0) = 1, NULL, o.id_order)) AS cancelled_orders
               FROM ' . $this->db->table('orders') . ' o
               LEFT JOIN ' . $this->db->table('order_state') . ' os ON os.id_order_state = o.current_state
              WHERE ' . $where . " AND o.date_add > '0000-00-00 00:00:00'",
            $params
        );
        $country = $this->db->fetchValue(
            'SELECT co.iso_code FROM ' . $this->db->table('orders') . ' o
               JOIN ' . $this->db->table('order_state') . ' os ON os.id_order_state = o.current_state AND os.logable = 1
               JOIN ' . $this->db->table('address') . ' a ON a.id_address = o.id_address_delivery
               JOIN ' . $this->db->table('country') . ' co ON co.id_country = a.id_country
              WHERE ' . $where . ' ORDER BY o.date_add DESC, o.id_order DESC LIMIT 1',
            $params
        );

        return [
            'orders' => (int) $row['orders'],
            'monetary' => (float) $row['monetary'],
            'first_order_at' => $row['first_order_at'],
            'last_order_at' => $row['last_order_at'],
            'cancelled_orders' => (int) $row['cancelled_orders'],
            'country' => $country !== null ? strtoupper((string) $country) : null,
        ];
    }

    /**
     * Account attributes of customers (registered, not deleted), id =>
     * Profile::account(), in chunks by id.
     */
    public function customers(callable $fn, int $chunk = 1000, ?int $only = null): void
    {
        $last = 0;
        do {
            $sql = 'SELECT id_customer, email, newsletter, optin, id_default_group, birthday, date_add, id_gender
                      FROM ' . $this->db->table('customer') . '
                     WHERE is_guest = 0 AND deleted = 0 AND id_customer > ?';
            $params = [$last];
            if ($this->idShop !== null) {
                $sql .= ' AND id_shop = ?';
                $params[] = $this->idShop;
            }
            if ($only !== null) {
                $sql .= ' AND id_customer = ?';
                $params[] = $only;
            }
            $rows = $this->db->fetchAll($sql . ' ORDER BY id_customer LIMIT ' . (int) $chunk, $params);
            if (!$rows) {
                break;
            }
            $ids = array_map(static fn ($r) => (int) $r['id_customer'], $rows);
            $groups = [];
            foreach ($this->db->fetchAll(
                'SELECT id_customer, id_group FROM ' . $this->db->table('customer_group') . '
                  WHERE id_customer IN (' . implode(',', array_fill(0, count($ids), '?')) . ') ORDER BY id_group',
                $ids
            ) as $g) {
                $groups[(int) $g['id_customer']][] = (int) $g['id_group'];
            }
            foreach ($rows as $r) {
                $id = (int) $r['id_customer'];
                $fn($id, Profile::account($r, $groups[$id] ?? []));
                $last = $id;
            }
        } while (count($rows) === $chunk);
    }
}
