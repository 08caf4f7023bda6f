<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Core;

/**
 * The attribute names a rule may start with in this module: the stored
 * profile, what the Magento storefront adds per request, the extension's
 * request context and the model's derived attributes. A rule reading
 * anything else is refused on save ("did you mean ...").
 */
final class Attributes
{
    /** From the stored profile (segment_profile) and the customer. */
    public const PROFILE = [
        'customer_id', 'orders', 'monetary', 'average_order_value', 'first_order_at', 'last_order_at',
        'recency', 'tenure_days', 'mean_days_between_orders', 'cancelled_orders', 'returned', 'country',
    ];

    /** What the module adds per storefront request. */
    public const LIVE = [
        'cart_total', 'cart_items', 'cart_qty', 'store', 'website', 'customer_group', 'logged_in',
    ];

    /** Segment\Context::fromRequest() (docs/context.md). */
    public const CONTEXT = [
        'device', 'is_bot', 'bot_name', 'traffic_source', 'referrer_host', 'search_engine', 'social_network',
        'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'landing_page', 'visitor',
        'returning', 'language', 'languages', 'month', 'weekday', 'hour',
    ];

    /** Segment\Model::assign()'s derived attributes (docs/model.md). */
    public const DERIVED = ['visitor_type', 'rfm', 'retention', 'cluster', 'cluster_name', 'cluster_distance', 'model_version'];

    /** @return list<string> */
    public static function all(): array
    {
        return array_values(array_unique(array_merge(self::PROFILE, self::LIVE, self::CONTEXT, self::DERIVED)));
    }
}
