<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Plugin;

use Magento\Framework\App\ActionInterface;
use Magento\Framework\App\Http\Context as HttpContext;
use Segment\CustomerSegment\Model\CurrentSegments;

/**
 * Adds the visitor's segment codes to Magento's HTTP context before each
 * storefront action, as Magento_Customer does with the customer group.
 * The context's vary string (the X-Magento-Vary cookie) then differs per
 * set of segments, so the built-in full-page cache and Varnish keep one
 * copy per segment set instead of serving one visitor's banner to another:
 * for guests too (a guest in a segment gets the cookie; a guest in none
 * keeps the default cache entry).
 */
class HttpContextPlugin
{
    public const CONTEXT_SEGMENT = 'customer_segment';

    public function __construct(private CurrentSegments $segments, private HttpContext $httpContext)
    {
    }

    /** @SuppressWarnings(PHPMD.UnusedFormalParameter) */
    public function beforeExecute(ActionInterface $subject): void
    {
        $codes = $this->segments->get();
        sort($codes); // the set, not its order, decides the page
        $this->httpContext->setValue(self::CONTEXT_SEGMENT, implode(',', $codes), '');
    }
}
