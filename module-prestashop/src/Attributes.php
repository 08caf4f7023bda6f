<?php

namespace PrestaShop\Module\Segment;

/**
 * The attributes a rule may read in this module, for the back office's
 * validation (a misspelt attribute is an error with its position, not a
 * segment that silently never matches) and its help text.
 */
final class Attributes
{
    /** Stored profile (orders of the shop) and the customer account. */
    public const CUSTOMER = [
        'id' => 'customer id',
        'orders' => 'valid orders',
        'monetary' => 'total spent (valid orders, shop currency)',
        'total_spent' => 'same as monetary',
        'average_order_value' => 'monetary / orders',
        'first_order_at' => 'date of the first valid order',
        'last_order_at' => 'date of the latest valid order',
        'recency' => 'days since the latest valid order',
        'cancelled_orders' => 'orders that do not count (cancelled, refunded, ...)',
        'country' => 'ISO code of the latest order\'s delivery country, else the visitor\'s country',
        'email' => 'e-mail address',
        'newsletter' => 'subscribed to the newsletter',
        'optin' => 'partner offers opt-in',
        'groups' => 'ids of the customer\'s groups',
        'id_default_group' => 'default group id',
        'birthday' => 'date of birth',
        'registered_at' => 'account creation date',
        'id_gender' => 'social title id',
    ];

    /** The live request (Segment\Context plus what the module adds). */
    public const CONTEXT = [
        'device' => 'desktop, mobile, tablet or bot', 'is_bot' => '', 'bot_name' => '',
        'traffic_source' => 'direct, organic_search, paid_search, social, email, referral, campaign',
        'referrer_host' => '', 'search_engine' => '', 'social_network' => '',
        'utm_source' => '', 'utm_medium' => '', 'utm_campaign' => '', 'utm_term' => '', 'utm_content' => '',
        'landing_page' => '', 'visitor' => 'new or returning', 'returning' => '',
        'language' => 'browser language', 'languages' => '', 'month' => '', 'weekday' => '', 'hour' => '',
        'cart' => 'cart.total, cart.items, cart.products', 'cart_total' => 'cart total with taxes',
        'cart_items' => 'number of products in the cart', 'cart_products' => 'product ids in the cart',
        'pages_viewed' => 'pages viewed this session', 'shop_language' => 'ISO code of the shop language',
        'currency' => 'ISO code of the currency', 'visitor_country' => 'ISO code of the shop\'s country for this visitor', 'logged' => 'the visitor is logged in',
    ];

    /** Computed by the extension's model (docs/model.md). */
    public const DERIVED = [
        'visitor_type' => 'guest, registered or customer', 'rfm' => 'rfm.r, rfm.f, rfm.m, rfm.score, rfm.segment, ...',
        'retention' => '', 'cluster' => '', 'cluster_name' => '', 'cluster_distance' => '', 'model_version' => '',
    ];

    /** @return list<string> */
    public static function names(): array
    {
        return array_keys(self::CUSTOMER + self::CONTEXT + self::DERIVED);
    }
}
