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

    /** Query keys the landing cookie carries (view/frontend/web/js/landing.js keeps the same list). */
    public const LANDING_TAGS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content',
        'gclid', 'gbraid', 'wbraid', 'gad_source', 'msclkid', 'yclid',
        'fbclid', 'igshid', 'ttclid', 'twclid', 'li_fat_id', 'ScCid', 'sccid', 'epik'];

    /**
     * @param array<string, mixed> $server $_SERVER as the request has it
     * @param array<string, string> $cookies
     * @param array<string, mixed> $query
     * @param array<string, mixed>|null $landing what a previous request of the session stored (the return value's 'landing')
     * @param array<string, mixed> $shop cart_total, cart_items, country, store, website, customer_group, logged_in
     * @param array{referrer: string, query: array<string, string>, page: string}|null $client the browser's own record of
     *        the visit's latest external arrival (landingCookie()): the landing page may have been a full-page-cache hit,
     *        which runs no module code, and this request (an AJAX section, a later page) has the shop as referrer
     * @return array{context: \Segment\Context, landing: array<string, mixed>}
     */
    public static function build(array $server, array $cookies, array $query, ?array $landing, array $shop, array $options = [], ?array $client = null): array
    {
        $context = \Segment\Context::fromRequest($server, $cookies, $query, $options);
        if (self::arrival($context)) {
            // a new external arrival (another campaign) seen by this request itself
            $landing = self::sticky($context);
        } elseif ($client !== null && self::arrival($arrived = self::clientContext($server, $client, $options))) {
            $landing = self::sticky($arrived);
        } elseif ($landing === null) {
            $landing = self::sticky($context); // a new visit
        }
        $shop = array_filter($shop, static fn ($v) => $v !== null);

        return ['context' => $context->with($landing + $shop), 'landing' => $landing];
    }

    /**
     * The landing cookie (JSON {r: referrer, q: tags as a query string, p: path}) as build() takes it, or
     * null when absent or malformed. Only the known tags are kept; lengths are bounded.
     *
     * @return array{referrer: string, query: array<string, string>, page: string}|null
     */
    public static function landingCookie(?string $raw): ?array
    {
        if ($raw === null || $raw === '' || strlen($raw) > 4096) {
            return null;
        }
        $doc = json_decode($raw, true);
        if (!is_array($doc)) {
            return null;
        }
        $referrer = is_string($doc['r'] ?? null) ? substr($doc['r'], 0, 2048) : '';
        $page = is_string($doc['p'] ?? null) && str_starts_with($doc['p'], '/') ? substr($doc['p'], 0, 512) : '/';
        $query = [];
        if (is_string($doc['q'] ?? null)) {
            parse_str(substr($doc['q'], 0, 1024), $parsed);
            foreach (self::LANDING_TAGS as $tag) {
                if (isset($parsed[$tag]) && is_string($parsed[$tag]) && $parsed[$tag] !== '') {
                    $query[$tag] = $parsed[$tag];
                }
            }
        }
        if ($referrer === '' && $query === []) {
            return null;
        }

        return ['referrer' => $referrer, 'query' => $query, 'page' => $page];
    }

    /** The landing request as the browser saw it: this request's host and headers with the cookie's referrer, page and tags. */
    private static function clientContext(array $server, array $client, array $options): \Segment\Context
    {
        unset($server['HTTP_REFERER'], $server['QUERY_STRING']);
        $server['REQUEST_URI'] = $client['page'] . ($client['query'] ? '?' . http_build_query($client['query']) : '');
        if ($client['referrer'] !== '') {
            $server['HTTP_REFERER'] = $client['referrer'];
        }

        return \Segment\Context::fromRequest($server, [], $client['query'], $options);
    }

    private static function arrival(\Segment\Context $c): bool
    {
        return $c->get('traffic_source') !== 'direct' && $c->get('traffic_source') !== null && self::external($c);
    }

    /** @return array<string, mixed> */
    private static function sticky(\Segment\Context $c): array
    {
        $landing = [];
        foreach (self::STICKY as $k) {
            $landing[$k] = $c->get($k);
        }

        return $landing;
    }

    private static function external(\Segment\Context $c): bool
    {
        return $c->get('referrer_host') !== null || $c->get('utm_source') !== null || $c->get('utm_campaign') !== null;
    }
}
