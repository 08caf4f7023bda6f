<?php

/**
 * The 20 segment rules of the per-request benchmark, over what
 * Segment\Model::assign() gives the rules: the stored profile (orders,
 * monetary, recency ... plus the shop's country and newsletter), the live
 * context (device, traffic_source, language, landing_page, visitor, month,
 * weekday, plus the module's cart_total, cart_items, pages_viewed) and the
 * derived attributes (visitor_type, rfm.*, retention, cluster, cluster_name).
 *
 * Each rule twice: `rule` in the rule language, `symfony` as Symfony
 * ExpressionLanguage over `c` (the same attributes as an array), with the
 * rule language's null semantics spelled out (a comparison with null is
 * false), using starts_with (str_starts_with, registered in plain.php).
 */

declare(strict_types=1);

return [
    ['code' => 'champions_mobile', 'priority' => 200,
     'rule' => 'rfm.segment == "Champions" and device == "mobile"',
     'symfony' => 'c["rfm"] !== null and c["rfm"]["segment"] == "Champions" and c["device"] == "mobile"'],
    ['code' => 'winback_email', 'priority' => 195,
     'rule' => 'rfm.segment in ("At Risk", "Can\'t Lose Them", "Hibernating") and traffic_source == "email"',
     'symfony' => 'c["rfm"] !== null and c["rfm"]["segment"] in ["At Risk", "Can\'t Lose Them", "Hibernating"] and c["traffic_source"] == "email"'],
    ['code' => 'big_cluster', 'priority' => 190,
     'rule' => 'cluster in (1, 5) and cart_total >= 50',
     'symfony' => 'c["cluster"] !== null and c["cluster"] in [1, 5] and c["cart_total"] >= 50'],
    ['code' => 'ads_guest', 'priority' => 185,
     'rule' => 'visitor_type == "guest" and traffic_source == "paid_search"',
     'symfony' => 'c["visitor_type"] == "guest" and c["traffic_source"] == "paid_search"'],
    ['code' => 'sale_landing_new', 'priority' => 180,
     'rule' => 'visitor == "new" and landing_page starts with "/sale"',
     'symfony' => 'c["visitor"] == "new" and starts_with(c["landing_page"], "/sale")'],
    ['code' => 'francophone_abroad', 'priority' => 175,
     'rule' => 'language == "fr" and country != "FR"',
     'symfony' => 'c["language"] !== null and c["language"] == "fr" and c["country"] != "FR"'],
    ['code' => 'high_value_cart', 'priority' => 170,
     'rule' => 'cart_total >= 150 and rfm.m >= 4',
     'symfony' => 'c["cart_total"] >= 150 and c["rfm"] !== null and c["rfm"]["m"] >= 4'],
    ['code' => 'drifting', 'priority' => 165,
     'rule' => 'retention == "Drifting"',
     'symfony' => 'c["retention"] !== null and c["retention"] == "Drifting"'],
    ['code' => 'loyal', 'priority' => 160,
     'rule' => 'rfm.r >= 4 and rfm.f >= 4',
     'symfony' => 'c["rfm"] !== null and c["rfm"]["r"] >= 4 and c["rfm"]["f"] >= 4'],
    ['code' => 'holiday_tablet', 'priority' => 155,
     'rule' => 'device == "tablet" and month in (11, 12)',
     'symfony' => 'c["device"] == "tablet" and c["month"] in [11, 12]'],
    ['code' => 'social_prospect', 'priority' => 150,
     'rule' => 'traffic_source == "social" and visitor_type != "customer"',
     'symfony' => 'c["traffic_source"] == "social" and c["visitor_type"] != "customer"'],
    ['code' => 'weekend_browser', 'priority' => 145,
     'rule' => 'weekday >= 6 and pages_viewed >= 5 and cart_items == 0',
     'symfony' => 'c["weekday"] >= 6 and c["pages_viewed"] >= 5 and c["cart_items"] == 0'],
    ['code' => 'newsletter_regular', 'priority' => 140,
     'rule' => 'newsletter and orders >= 3',
     'symfony' => 'c["newsletter"] === true and c["orders"] !== null and c["orders"] >= 3'],
    ['code' => 'lapsed_big', 'priority' => 135,
     'rule' => 'recency > 180 and monetary > 400',
     'symfony' => 'c["recency"] !== null and c["recency"] > 180 and c["monetary"] !== null and c["monetary"] > 400'],
    ['code' => 'new_customer', 'priority' => 130,
     'rule' => 'rfm.segment == "New Customers" or (orders == 1 and recency <= 30)',
     'symfony' => '(c["rfm"] !== null and c["rfm"]["segment"] == "New Customers") or (c["orders"] !== null and c["orders"] == 1 and c["recency"] !== null and c["recency"] <= 30)'],
    ['code' => 'returning_campaign', 'priority' => 125,
     'rule' => 'visitor == "returning" and traffic_source == "campaign"',
     'symfony' => 'c["visitor"] == "returning" and c["traffic_source"] == "campaign"'],
    ['code' => 'german_desktop', 'priority' => 120,
     'rule' => 'country == "DE" and device == "desktop"',
     'symfony' => 'c["country"] == "DE" and c["device"] == "desktop"'],
    ['code' => 'organic_registered', 'priority' => 115,
     'rule' => 'traffic_source == "organic_search" and visitor_type == "registered"',
     'symfony' => 'c["traffic_source"] == "organic_search" and c["visitor_type"] == "registered"'],
    ['code' => 'cluster_zero_mobile', 'priority' => 110,
     'rule' => 'cluster == 0 and device != "desktop"',
     'symfony' => 'c["cluster"] !== null and c["cluster"] == 0 and c["device"] != "desktop"'],
    ['code' => 'everyone', 'priority' => 0,
     'rule' => 'true',
     'symfony' => 'true'],
];
