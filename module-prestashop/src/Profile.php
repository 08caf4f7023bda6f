<?php

namespace PrestaShop\Module\Segment;

/**
 * Builds the customer the rules see from a stored row and the account's
 * attributes. Recency and the other derived figures are computed here, at
 * the time of the request, so a stored row never goes stale by itself.
 */
final class Profile
{
    /**
     * The account attributes of Attributes::CUSTOMER from a customer table row
     * or from the fields of a PrestaShop Customer object.
     *
     * @param array $customer id_customer (or id), email, newsletter, optin, id_default_group, birthday, date_add, id_gender
     * @param list<int>|null $groups null when no rule reads `groups` (the
     *   front office then skips PrestaShop's customer_group query): no key
     */
    public static function account(array $customer, ?array $groups): array
    {
        $birthday = $customer['birthday'] ?? null;
        if ($birthday === '0000-00-00' || $birthday === '') {
            $birthday = null;
        }
        $account = [
            'id' => (int) ($customer['id_customer'] ?? $customer['id'] ?? 0),
            'email' => (string) ($customer['email'] ?? ''),
            'newsletter' => (bool) ($customer['newsletter'] ?? false),
            'optin' => (bool) ($customer['optin'] ?? false),
            'groups' => $groups === null ? null : array_values(array_map('intval', $groups)),
            'id_default_group' => (int) ($customer['id_default_group'] ?? 0),
            'birthday' => $birthday,
            'registered_at' => $customer['date_add'] ?? null,
            'id_gender' => (int) ($customer['id_gender'] ?? 0),
        ];
        if ($groups === null) {
            unset($account['groups']);
        }

        return $account;
    }

    /**
     * The order figures of a stored row (or of Segment\Profiles::get()),
     * with the derived ones computed as of $now.
     */
    public static function orders(?array $row, int $now): array
    {
        $orders = (int) ($row['orders'] ?? 0);
        $monetary = round((float) ($row['monetary'] ?? 0), 6);
        $first = $orders > 0 ? ($row['first_order_at'] ?? null) : null;
        $last = $orders > 0 ? ($row['last_order_at'] ?? null) : null;
        $lastTs = $last ? strtotime($last) : false;
        $firstTs = $first ? strtotime($first) : false;
        $out = [
            'orders' => $orders,
            'monetary' => $monetary,
            'total_spent' => $monetary,
            'average_order_value' => $orders > 0 ? $monetary / $orders : null,
            'first_order_at' => $first,
            'last_order_at' => $last,
            'recency' => $lastTs !== false && $lastTs !== null ? max(0, intdiv($now - $lastTs, 86400)) : null,
            'tenure_days' => $firstTs && $lastTs ? intdiv($lastTs - $firstTs, 86400) : null,
            'mean_days_between_orders' => $orders > 1 && $firstTs && $lastTs ? ($lastTs - $firstTs) / 86400 / ($orders - 1) : null,
            'cancelled_orders' => (int) ($row['cancelled_orders'] ?? 0),
        ];
        if (isset($row['country']) && $row['country'] !== '') {
            $out['country'] = (string) $row['country'];
        }

        return $out;
    }
}
