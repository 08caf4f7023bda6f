<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Test\Support;

use Segment\CustomerSegment\Core\Db\Connection;

/**
 * A small Magento shop in the test database: two websites, customers,
 * addresses and orders in every state the module must handle. All times UTC.
 */
final class Shop
{
    public function __construct(public Connection $db)
    {
    }

    /** Today, 00:00 UTC: orders are placed relative to it, so storefront requests (the real clock) see the same days. */
    public static function now(): int
    {
        return intdiv(time(), 86400) * 86400;
    }

    public function websites(): void
    {
        $this->db->execute("INSERT INTO store_website (website_id, code, name) VALUES (1, 'base', 'Main Website'), (2, 'second', 'Second Website')");
        $this->db->execute("INSERT INTO store (store_id, code, website_id, name, is_active) VALUES (1, 'default', 1, 'Default Store View', 1), (2, 'second', 2, 'Second Store', 1), (3, 'french', 1, 'French', 1)");
    }

    public function customer(int $id, int $website = 1, ?string $country = null): int
    {
        $this->db->execute(
            'INSERT INTO customer_entity (entity_id, website_id, email, group_id, store_id, firstname, lastname) VALUES (?, ?, ?, 1, ?, ?, ?)',
            [$id, $website, "c$id@example.com", $website === 2 ? 2 : 1, "First$id", "Last$id"]
        );
        if ($country !== null) {
            $this->db->execute(
                'INSERT INTO customer_address_entity (entity_id, parent_id, country_id, city, firstname, lastname, street, telephone) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
                [$id * 10, $id, $country, 'City', 'F', 'L', 'Street 1', '123']
            );
            $this->db->execute('UPDATE customer_entity SET default_billing = ? WHERE entity_id = ?', [$id * 10, $id]);
        }

        return $id;
    }

    private int $order = 0;

    /** @param string $daysAgo days before NOW */
    public function order(?int $customer, float $total, int $daysAgo, string $state = 'complete', int $store = 1, float $refunded = 0.0): int
    {
        $id = ++$this->order;
        $this->db->execute(
            'INSERT INTO sales_order (entity_id, state, status, store_id, customer_id, customer_is_guest, base_grand_total, base_total_refunded, grand_total, created_at, increment_id)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [$id, $state, $state, $store, $customer, $customer === null ? 1 : 0, $total, $refunded ?: null, $total,
                gmdate('Y-m-d H:i:s', self::now() - $daysAgo * 86400), sprintf('%09d', $id)]
        );

        return $id;
    }

    /**
     * The standard fixture. Website 1:
     *  10 big spender, FR, 6 orders (1500 in all), last 5 days ago
     *  11 repeat buyer, DE, 3 orders (90), last 20 days ago
     *  12 lapsed, FR, 1 order (40) 400 days ago
     *  13 one order of 2000 (refunded 1200: counts 800) 10 days ago, no address
     *  14 only a canceled order (and a closed one)
     *  15..44 thirty ordinary customers, 1-2 orders, so RFM has quantiles
     *  50 registered, no order
     * Website 2: 60 a big spender of website 2 only (orders in store 2)
     * Guest orders (no customer) in website 1.
     */
    public function standard(): void
    {
        $this->websites();
        $this->customer(10, 1, 'FR');
        foreach ([5, 30, 60, 90, 120, 150] as $d) {
            $this->order(10, 250, $d);
        }
        $this->customer(11, 1, 'DE');
        foreach ([20, 50, 80] as $d) {
            $this->order(11, 30, $d);
        }
        $this->customer(12, 1, 'FR');
        $this->order(12, 40, 400);
        $this->customer(13, 1);
        $this->order(13, 2000, 10, 'complete', 1, 1200);
        $this->customer(14, 1, 'US');
        $this->order(14, 500, 3, 'canceled');
        $this->order(14, 300, 4, 'closed');
        for ($i = 15; $i < 45; $i++) {
            $this->customer($i, 1, $i % 3 === 0 ? 'FR' : 'GB');
            $this->order($i, 20 + $i, 15 + 7 * $i);
            if ($i % 2 === 0) {
                $this->order($i, 10, 200 + $i, 'processing', 3);
            }
        }
        $this->customer(50, 1, 'FR');
        $this->customer(60, 2, 'IT');
        foreach ([1, 2, 3] as $d) {
            $this->order(60, 900, $d, 'complete', 2);
        }
        $this->order(null, 999, 2);
        $this->order(null, 5, 2);
    }

    public const RULES = [
        ['code' => 'vip', 'name' => 'VIP', 'rule' => 'monetary >= 1000', 'priority' => 100],
        ['code' => 'repeat', 'name' => 'Repeat buyers', 'rule' => 'orders >= 3', 'priority' => 50],
        ['code' => 'lapsing', 'name' => 'Lapsing', 'rule' => "orders >= 1 and days_since(last_order_at) > 180", 'priority' => 40],
        ['code' => 'french', 'name' => 'French customers', 'rule' => 'country == "FR"', 'priority' => 10],
        ['code' => 'mobile_guest', 'name' => 'Mobile guests', 'rule' => 'visitor_type == "guest" and device == "mobile"', 'priority' => 5],
        ['code' => 'big_cart', 'name' => 'Big cart', 'rule' => 'cart_total >= 200', 'priority' => 1],
    ];
}
