<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Core;

use Segment\CustomerSegment\Core\Db\Connection;

/**
 * Customer profiles of one website from Magento's own tables: orders of the
 * website's stores (sales_order, by state; amount base_grand_total minus
 * base_total_refunded; created_at in UTC), aggregated by the extension
 * (Segment\Profiles::fromIterable), plus each customer's country from the
 * default billing (else shipping) address. Read in keyset pages with bound
 * parameters.
 */
final class OrderSource
{
    private const PAGE = 5000;

    public function __construct(private Connection $db)
    {
    }

    /** @return \Generator<int, array{customer: string, order_id: int, date: string, amount: float, status: string}> */
    public function orders(int $websiteId, ?int $customerId = null): \Generator
    {
        $after = 0;
        $sql = 'SELECT o.entity_id AS order_id, o.customer_id AS customer, o.created_at AS date,
                       COALESCE(o.base_grand_total, 0) - COALESCE(o.base_total_refunded, 0) AS amount,
                       COALESCE(o.state, \'\') AS status
                  FROM ' . $this->db->table('sales_order') . ' o
                  JOIN ' . $this->db->table('store') . ' s ON s.store_id = o.store_id
                  JOIN ' . $this->db->table('customer_entity') . ' c ON c.entity_id = o.customer_id
                 WHERE s.website_id = ? AND o.entity_id > ?' . ($customerId !== null ? ' AND o.customer_id = ?' : '') . '
                 ORDER BY o.entity_id LIMIT ' . self::PAGE;
        do {
            $params = [$websiteId, $after];
            if ($customerId !== null) {
                $params[] = $customerId;
            }
            $rows = $this->db->fetchAll($sql, $params);
            foreach ($rows as $row) {
                $after = (int) $row['order_id'];
                yield ['customer' => (string) $row['customer'], 'order_id' => $after, 'date' => (string) $row['date'],
                    'amount' => (float) $row['amount'], 'status' => (string) $row['status']];
            }
        } while (count($rows) === self::PAGE);
    }

    /** @return array<string, string> customer id => country code, for the customers that have a default address */
    public function countries(?int $customerId = null): array
    {
        $sql = 'SELECT c.entity_id, a.country_id
                  FROM ' . $this->db->table('customer_entity') . ' c
                  JOIN ' . $this->db->table('customer_address_entity') . ' a
                    ON a.entity_id = COALESCE(c.default_billing, c.default_shipping) AND a.parent_id = c.entity_id'
            . ($customerId !== null ? ' WHERE c.entity_id = ?' : '');
        $out = [];
        foreach ($this->db->fetchAll($sql, $customerId !== null ? [$customerId] : []) as $row) {
            if ($row['country_id'] !== null && $row['country_id'] !== '') {
                $out[(string) $row['entity_id']] = strtoupper((string) $row['country_id']);
            }
        }

        return $out;
    }

    /** The extension's profiles of the website's customers (or of one customer). */
    public function profiles(int $websiteId, Settings $settings, ?int $customerId = null, \DateTimeInterface|int|null $reference = null, ?callable $progress = null): \Segment\Profiles
    {
        $options = [
            'customer' => 'customer', 'order' => 'order_id', 'date' => 'date', 'amount' => 'amount', 'status' => 'status',
            'cancelled_statuses' => $settings->cancelledStates, 'date_format' => 'Y-m-d H:i:s',
        ];
        if ($reference !== null) {
            $options['reference'] = $reference;
        }
        if ($progress !== null) {
            $options['progress'] = $progress;
        }

        return \Segment\Profiles::fromIterable($this->orders($websiteId, $customerId), $options);
    }

    /**
     * Profiles as the model's input: the extension's profile plus country.
     *
     * @return \Generator<string, array<string, mixed>>
     */
    public static function withCountries(\Segment\Profiles $profiles, array $countries): \Generator
    {
        foreach ($profiles as $id => $profile) {
            $profile['country'] = $countries[(string) $id] ?? null;
            yield (string) $id => $profile;
        }
    }
}
