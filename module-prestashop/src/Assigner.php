<?php

namespace PrestaShop\Module\Segment;

use PrestaShop\Module\Segment\Store\MembershipStore;

/**
 * The front-office decision for one request: the visitor's stored profile
 * (one primary-key read, or none when it is in the visitor's session:
 * ProfileCache) plus the live context, assigned by the extension's
 * model. Results are kept per customer for the rest of the request.
 */
final class Assigner
{
    /** @var array<int, array> */
    private array $memo = [];

    /**
     * The attribute paths a model's rules read, by model version: the same
     * for every request while the model file is unchanged, so computed once
     * per PHP process (the extension keeps the model itself per process too).
     *
     * @var array<string, array<string, true>>
     */
    private static array $reads = [];

    public function __construct(private MembershipStore $store, private ModelRepository $models)
    {
    }

    /**
     * @param int $idCustomer 0 for a guest
     * @param array $account Profile::account() of the customer ([] for a guest)
     * @param \Segment\Context|array|null $context the live request
     * @param ProfileCache|null $session the current visitor's session cache
     *   (only for the visitor whose session it is, never for another customer)
     *
     * @return array{segments: list<string>, segment: ?string, attributes: array, stored: bool}
     */
    public function assign(int $idCustomer, array $account = [], \Segment\Context|array|null $context = null, ?int $now = null, ?ProfileCache $session = null): array
    {
        $now ??= time();
        $model = $this->models->load();
        if ($model === null) {
            return ['segments' => [], 'segment' => null, 'attributes' => [], 'stored' => false];
        }
        $profile = null;
        $stored = false;
        if ($idCustomer > 0) {
            if ($session === null || !$session->get($idCustomer, $row)) {
                $row = $this->store->profile($idCustomer);
                $session?->put($idCustomer, $row);
            }
            $stored = $row !== null;
            $profile = $account + Profile::orders($row, $now);
            $profile['id'] = $idCustomer;
        }
        $result = $model->assign($profile, $context, $now);

        return $this->memo[$idCustomer] = [
            'segments' => $result['segments'],
            'segment' => $result['segments'][0] ?? null,
            'attributes' => $result['attributes'],
            'stored' => $stored,
        ];
    }

    /**
     * Whether the shop's rules read this attribute (its top-level name: 'groups'
     * is read by `2 in groups` and by `count(groups) > 1`), so that the glue
     * fetches what no rule uses only when some rule does. Disabled segments
     * count too (the answer must not depend on which ones are on). False when
     * there is no model yet: nothing is assigned then.
     */
    public function reads(string $attribute): bool
    {
        $model = $this->models->load();
        if ($model === null) {
            return false;
        }
        $version = $model->version();
        if (!isset(self::$reads[$version])) {
            if (count(self::$reads) >= 16) {
                self::$reads = [];   // a long-lived worker that saw many models
            }
            $names = [];
            foreach ($model->rules()->attributes() as $path) {
                $names[explode('.', $path, 2)[0]] = true;
            }
            self::$reads[$version] = $names;
        }

        return isset(self::$reads[$version][$attribute]);
    }

    /**
     * A customer other than the current visitor (a theme asking about
     * another id): the stored profile only, no live context.
     */
    public function forCustomer(int $idCustomer, array $account = [], ?int $now = null): array
    {
        return $this->memo[$idCustomer] ?? $this->assign($idCustomer, $account, null, $now);
    }

    /** Sets the current visitor's result (the glue assigns it first with the live context). */
    public function remember(int $idCustomer, array $result): void
    {
        $this->memo[$idCustomer] = $result;
    }

    /**
     * A customer as themes pass it: the presented array (key 'id'), an id, a
     * Customer object (property id), or null for the current visitor.
     */
    public static function customerId(mixed $customer): ?int
    {
        if ($customer === null || $customer === '') {
            return null;
        }
        if (is_int($customer) || (is_string($customer) && ctype_digit($customer))) {
            return (int) $customer;
        }
        if (is_array($customer)) {
            $id = $customer['id'] ?? $customer['id_customer'] ?? null;
        } elseif ($customer instanceof \ArrayAccess) {
            $id = $customer['id'] ?? null;
        } elseif (is_object($customer)) {
            $id = $customer->id ?? $customer->id_customer ?? null;
        } else {
            $id = null;
        }
        if ($id === null || $id === '' || $id === false) {
            // the presented customer array of a guest has id null
            return 0;
        }
        if (is_int($id) || (is_string($id) && ctype_digit($id))) {
            return (int) $id;
        }
        throw new \InvalidArgumentException('segment: a customer is a customer array, a Customer object or an id');
    }
}
