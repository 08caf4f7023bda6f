/**
 * Runs on every storefront page, cached or not.
 *
 * 1. A page reached from outside the shop (another site's referrer, or tracking tags in the URL)
 *    is the visit's latest arrival: kept in the session cookie seg_landing as
 *    JSON {r: referrer, q: the tags, p: path}. The server reads it (RequestContext::landingCookie)
 *    when the request itself does not show an arrival, e.g. when the landing page came from the
 *    full-page cache and ran no module code.
 * 2. After an arrival, and once per browser session otherwise, the customer-segment section is
 *    reloaded: that request runs the module, which sets the visitor's segments in the HTTP context
 *    and so the X-Magento-Vary cookie; the next pages come from the cache entry of their segments.
 */
define(['Magento_Customer/js/customer-data'], function (customerData) {
    'use strict';

    var LANDING = 'seg_landing',
        SEEN = 'seg_seen',
        // the same list as Core/RequestContext::LANDING_TAGS
        TAGS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content',
            'gclid', 'gbraid', 'wbraid', 'gad_source', 'msclkid', 'yclid',
            'fbclid', 'igshid', 'ttclid', 'twclid', 'li_fat_id', 'ScCid', 'sccid', 'epik'];

    function cookie(name) {
        return document.cookie.split('; ').some(function (c) {
            return c.indexOf(name + '=') === 0;
        });
    }

    function setCookie(name, value) {
        document.cookie = name + '=' + encodeURIComponent(value) + '; path=/; SameSite=Lax' +
            (window.location.protocol === 'https:' ? '; Secure' : '');
    }

    return function () {
        var referrer = document.referrer || '',
            host = '',
            tags = [],
            params,
            arrival;

        try {
            host = referrer ? new URL(referrer).host : '';
            params = new URLSearchParams(window.location.search);
        } catch (e) {
            return;
        }
        TAGS.forEach(function (tag) {
            var v = params.get(tag);

            if (v) {
                tags.push(encodeURIComponent(tag) + '=' + encodeURIComponent(v.slice(0, 200)));
            }
        });
        arrival = tags.length > 0 || (host !== '' && host !== window.location.host);
        if (arrival) {
            setCookie(LANDING, JSON.stringify({
                r: referrer.slice(0, 2048),
                q: tags.join('&'),
                p: window.location.pathname.slice(0, 512)
            }));
        }
        if (arrival || !cookie(SEEN)) {
            setCookie(SEEN, '1');
            customerData.reload(['customer-segment'], true);
        }
    };
});
