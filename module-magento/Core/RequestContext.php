<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Core;

/**
 * The live attributes of one storefront request: the extension's context
 * (device, traffic source, visitor, language, time) parsed from the
 * request, with the attribution of the session's landing request kept
 * (later pages of a visit come from the shop itself, not from the ad or
 * the search engine), plus what only the shop knows (cart, country, store).
 */
final class RequestContext
{
    /** Attributes that describe how the visit started: kept for the whole session. */
    public const STICKY = ['traffic_source', 'referrer_host', 'search_engine', 'social_network',
        'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'landing_page'];

    /**
     * @param array<string, mixed> $server $_SERVER as the request has it
     * @param array<string, string> $cookies
     * @param array<string, mixed> $query
     * @param array<string, mixed>|null $landing what a previous request of the session stored (the return value's 'landing')
     * @param array<string, mixed> $shop cart_total, cart_items, country, store, website, customer_group, logged_in
     * @return array{context: \Segment\Context, landing: array<string, mixed>}
     */
    public static function build(array $server, array $cookies, array $query, ?array $landing, array $shop, array $options = []): array
    {
        $context = \Segment\Context::fromRequest($server, $cookies, $query, $options);
        if ($landing === null || ($context->get('traffic_source') !== 'direct' && $context->get('traffic_source') !== null && self::external($context))) {
            // a new visit, or a new external arrival (another campaign) during the session
            $landing = [];
            foreach (self::STICKY as $k) {
                $landing[$k] = $context->get($k);
            }
        }
        $shop = array_filter($shop, static fn ($v) => $v !== null);

        return ['context' => $context->with($landing + $shop), 'landing' => $landing];
    }

    private static function external(\Segment\Context $c): bool
    {
        return $c->get('referrer_host') !== null || $c->get('utm_source') !== null || $c->get('utm_campaign') !== null;
    }
}
