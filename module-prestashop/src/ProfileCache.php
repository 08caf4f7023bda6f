<?php

namespace PrestaShop\Module\Segment;

/**
 * The current visitor's stored profile kept in their session, so that a
 * logged-in customer's front request needs no profile query once the first
 * one has read it (issue 7).
 *
 * One entry, under one key of the session (PrestaShop's Context cookie):
 * the customer id, the stamp it was read under and the six stored figures
 * the assignment uses (Profile::orders()), about 100 bytes as JSON. It is a
 * hit only for the same customer and the same stamp:
 *
 * - the customer id is the one PrestaShop logged in (Customer::isLogged()),
 *   never taken from the entry: another customer's entry left in a shared
 *   browser is a miss and is overwritten;
 * - the stamp is a random token the module changes after every write to the
 *   store that can change a stored profile (a full recompute's commit, a
 *   one-customer refresh whose figures changed, a GDPR deletion: StampedStore)
 *   and keeps where every request already has it for free (PrestaShop's
 *   Configuration, loaded once per request). A change anywhere in the shop
 *   makes every session read its profile once more; that is the price of not
 *   querying a per-customer marker. An empty stamp (before the first write
 *   since this version was installed) turns the cache off.
 *
 * Trust: PrestaShop encrypts its cookie and checks a checksum on every
 * request (classes/Cookie.php: PhpEncryption with _NEW_COOKIE_KEY_, sha256
 * with _COOKIE_IV_; a cookie that fails is emptied), so a visitor cannot
 * forge or edit an entry; even so, the entry is read defensively (shape and
 * types checked, anything odd is a miss), and it only ever feeds segments,
 * which pick banners and group memberships recomputed server-side, never
 * prices or access.
 */
final class ProfileCache
{
    public const KEY = 'segment_profile';

    /** Entry format; a change of layout changes it and old entries are misses. */
    private const FORMAT = 1;

    /** The stored row's keys Profile::orders() reads, in entry order. */
    public const FIELDS = ['orders', 'monetary', 'first_order_at', 'last_order_at', 'cancelled_orders', 'country'];

    /**
     * @param object $session PrestaShop's Cookie (__get gives false when unset, __set)
     * @param string $stamp the store's current stamp ('' = cache off)
     */
    public function __construct(private object $session, private string $stamp)
    {
    }

    public function enabled(): bool
    {
        return $this->stamp !== '';
    }

    /**
     * On a hit, sets $row to the cached figures (null: the customer has no
     * stored profile, which is cached too) and returns true.
     */
    public function get(int $idCustomer, ?array &$row): bool
    {
        $row = null;
        if (!$this->enabled() || $idCustomer <= 0) {
            return false;
        }
        $raw = $this->session->{self::KEY};
        if (!is_string($raw) || $raw === '' || strlen($raw) > 512) {
            return false;
        }
        $e = json_decode($raw, false, 3);
        if (!is_array($e) || count($e) < 3 || ($e[0] ?? null) !== self::FORMAT
            || ($e[1] ?? null) !== $idCustomer || ($e[2] ?? null) !== $this->stamp) {
            return false;
        }
        if (count($e) === 3) {
            return true;
        }
        if (count($e) !== 3 + count(self::FIELDS)) {
            return false;
        }
        $values = array_slice($e, 3);
        foreach ($values as $v) {
            if ($v !== null && !is_string($v) && !is_int($v) && !is_float($v)) {
                return false;
            }
        }
        $row = array_combine(self::FIELDS, $values);

        return true;
    }

    /** Keeps the row just read from the store (null: none) for this customer. */
    public function put(int $idCustomer, ?array $row): void
    {
        if (!$this->enabled() || $idCustomer <= 0) {
            return;
        }
        $entry = [self::FORMAT, $idCustomer, $this->stamp];
        if ($row !== null) {
            foreach (self::fields($row) as $v) {
                $entry[] = $v;
            }
        }
        // JSON escapes every non-ASCII character, so '¤' cannot appear; '|'
        // (PrestaShop's other separator) could only come from a stored string
        $json = json_encode($entry, JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION);
        if ($json === false || str_contains($json, '|') || strlen($json) > 512) {
            return;
        }
        $this->session->{self::KEY} = $json;
    }

    /**
     * The figures of a stored row that the cache keeps, as scalars: what
     * StampedStore compares to tell whether a refresh changed anything.
     *
     * @return list<string|int|float|null>
     */
    public static function fields(array $row): array
    {
        $out = [];
        foreach (self::FIELDS as $k) {
            $v = $row[$k] ?? null;
            $out[] = is_bool($v) ? (int) $v : (is_scalar($v) ? $v : null);
        }

        return $out;
    }
}
