<?php

namespace PrestaShop\Module\Segment;

/**
 * The live context of a front request: Segment\Context::fromRequest() for
 * what the request itself says (device, traffic source, languages, ...),
 * plus what only the shop knows (cart, pages viewed, country, language).
 */
final class RequestContext
{
    /**
     * @param array $shop cart_total (float), cart_items (int), cart_products (list<int>),
     *   pages_viewed (int), visitor_country (ISO, PrestaShop's context country), country (ISO, guests only), shop_language (ISO), currency (ISO), logged (bool)
     */
    public static function build(array $server, array $cookie, array $get, array $shop, array $options = []): \Segment\Context
    {
        $products = array_values(array_map('intval', $shop['cart_products'] ?? []));
        $extra = [
            'cart_total' => round((float) ($shop['cart_total'] ?? 0), 2),
            'cart_items' => (int) ($shop['cart_items'] ?? 0),
            'cart_products' => $products,
            'pages_viewed' => (int) ($shop['pages_viewed'] ?? 0),
            'shop_language' => isset($shop['shop_language']) ? (string) $shop['shop_language'] : null,
            'currency' => isset($shop['currency']) ? (string) $shop['currency'] : null,
            'logged' => (bool) ($shop['logged'] ?? false),
        ];
        $extra['cart'] = ['total' => $extra['cart_total'], 'items' => $extra['cart_items'], 'products' => $products];
        $extra['visitor_country'] = !empty($shop['visitor_country']) ? strtoupper((string) $shop['visitor_country']) : null;
        if (!empty($shop['country'])) {
            // given for guests only: a customer's stored profile keeps the
            // delivery country of their latest order
            $extra['country'] = strtoupper((string) $shop['country']);
        }

        return \Segment\Context::fromRequest($server, $cookie, $get, $options)->with($extra);
    }
}
