<?php

namespace PrestaShop\Module\Segment\Tests\Support;

use PrestaShop\Module\Segment\Db\Connection;

/**
 * Generated shop data in PrestaShop's tables: order states (logable or
 * not), countries, customers with addresses, orders at given ages.
 */
final class ShopFixture
{
    public const PAID = 2;        // Payment accepted, logable
    public const CANCELED = 6;    // Canceled, not logable
    public const DELIVERED = 5;   // Delivered, logable
    public const AWAITING = 10;   // Awaiting bank wire, not logable

    private int $nextOrder = 1;

    public function __construct(private Connection $db, private int $now)
    {
        foreach ([self::PAID => 1, self::CANCELED => 0, self::DELIVERED => 1, self::AWAITING => 0] as $id => $logable) {
            $db->execute('INSERT INTO ' . $db->table('order_state') . ' (id_order_state, logable, paid, unremovable) VALUES (?, ?, ?, 1)', [$id, $logable, $logable]);
        }
        foreach ([8 => 'FR', 21 => 'US', 3 => 'BE'] as $id => $iso) {
            $db->execute('INSERT INTO ' . $db->table('country') . ' (id_country, id_zone, iso_code, display_tax_label) VALUES (?, 1, ?, 1)', [$id, $iso]);
        }
        foreach ([1 => 'Visitor', 2 => 'Guest', 3 => 'Customer'] as $id => $name) {
            $db->execute('INSERT INTO ' . $db->table('group') . ' (id_group, date_add, date_upd) VALUES (?, NOW(), NOW())', [$id]);
            $db->execute('INSERT INTO ' . $db->table('group_lang') . ' (id_group, id_lang, name) VALUES (?, 1, ?)', [$id, $name]);
        }
    }

    public function customer(int $id, string $email, array $extra = []): int
    {
        $row = $extra + ['newsletter' => 0, 'is_guest' => 0, 'deleted' => 0, 'id_default_group' => 3, 'id_shop' => 1, 'country' => 8];
        $this->db->execute(
            'INSERT INTO ' . $this->db->table('customer') . ' (id_customer, id_shop, id_gender, id_default_group, firstname, lastname, email, passwd,
                newsletter, is_guest, deleted, active, date_add, date_upd) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)',
            [$id, $row['id_shop'], $row['id_default_group'], 'F' . $id, 'L' . $id, $email, 'x', $row['newsletter'], $row['is_guest'], $row['deleted'],
             date('Y-m-d H:i:s', $this->now - 400 * 86400), date('Y-m-d H:i:s', $this->now)]
        );
        $this->db->execute('INSERT INTO ' . $this->db->table('customer_group') . ' (id_customer, id_group) VALUES (?, ?)', [$id, $row['id_default_group']]);
        $this->db->execute(
            'INSERT INTO ' . $this->db->table('address') . ' (id_address, id_country, id_customer, alias, lastname, firstname, address1, city, date_add, date_upd)
             VALUES (?, ?, ?, \'home\', \'L\', \'F\', \'1 street\', \'City\', NOW(), NOW())',
            [$id, $row['country'], $id]
        );

        return $id;
    }

    /** An order $daysAgo days before now, worth $amount (in a currency at $rate). */
    public function order(int $idCustomer, float $amount, int $daysAgo, int $state = self::PAID, float $rate = 1.0, int $idShop = 1): int
    {
        $id = $this->nextOrder++;
        $date = date('Y-m-d H:i:s', $this->now - $daysAgo * 86400 - 3600);
        $this->db->execute(
            'INSERT INTO ' . $this->db->table('orders') . ' (id_order, reference, id_shop, id_carrier, id_lang, id_customer, id_cart, id_currency,
                id_address_delivery, id_address_invoice, current_state, payment, conversion_rate, total_paid, total_paid_real,
                valid, invoice_date, delivery_date, date_add, date_upd)
             VALUES (?, ?, ?, 1, 1, ?, ?, 1, ?, ?, ?, \'wire\', ?, ?, ?, ?, ?, ?, ?, ?)',
            [$id, 'REF' . $id, $idShop, $idCustomer, $id, $idCustomer, $idCustomer, $state, $rate, $amount, $amount,
             in_array($state, [self::PAID, self::DELIVERED], true) ? 1 : 0, $date, $date, $date, $date]
        );

        return $id;
    }

    public function setState(int $idOrder, int $state): void
    {
        $this->db->execute('UPDATE ' . $this->db->table('orders') . ' SET current_state = ? WHERE id_order = ?', [$state, $idOrder]);
    }

    /** The ids of a customer's groups, from customer_group. */
    public function groupsOf(int $idCustomer): array
    {
        return array_map('intval', array_column($this->db->fetchAll(
            'SELECT id_group FROM ' . $this->db->table('customer_group') . ' WHERE id_customer = ? ORDER BY id_group',
            [$idCustomer]
        ), 'id_group'));
    }
}
