<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Model;

use Magento\Customer\Model\Session as CustomerSession;
use Segment\CustomerSegment\Core\ProfileCache;

/**
 * The signed-in customer's stored profile kept in their customer session,
 * keyed by website, customer id and generation, for at most TTL seconds:
 * a recompute (new generation) or another customer in the same session is
 * a miss; the module's own refresh (login, registration, an order placed in
 * this session) drops it (CurrentSegments::reset()). A change made outside
 * this session (an order placed elsewhere, a refund in the admin) is seen
 * within TTL seconds.
 */
final class SessionProfileCache implements ProfileCache
{
    public const KEY = 'segment_profile';
    public const TTL = 300;

    public function __construct(private CustomerSession $session, private int $ttl = self::TTL)
    {
    }

    public function get(int $websiteId, int $customerId, int $generation): array|null|false
    {
        $e = $this->session->getData(self::KEY);
        if (!is_array($e) || ($e['website'] ?? null) !== $websiteId || ($e['customer'] ?? null) !== $customerId
            || ($e['generation'] ?? null) !== $generation || !array_key_exists('profile', $e)) {
            return false;
        }
        $age = time() - (int) ($e['at'] ?? 0);
        if ($age < 0 || $age >= $this->ttl) {
            return false;
        }

        return is_array($e['profile']) ? $e['profile'] : null;
    }

    public function put(int $websiteId, int $customerId, int $generation, ?array $profile): void
    {
        $this->session->setData(self::KEY, ['website' => $websiteId, 'customer' => $customerId, 'generation' => $generation,
            'at' => time(), 'profile' => $profile]);
    }

    public function forget(): void
    {
        $this->session->unsetData(self::KEY);
    }
}
