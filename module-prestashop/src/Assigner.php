<?php

namespace PrestaShop\Module\Segment;

use PrestaShop\Module\Segment\Store\MembershipStore;

/**
 * The front-office decision for one request: the visitor's stored profile
 * (one primary-key read) plus the live context, assigned by the extension's
 * model. Results are kept per customer for the rest of the request.
 */
final class Assigner
{
    /** @var array<int, array> */
    private array $memo = [];

    public function __construct(private MembershipStore $store, private ModelRepository $models)
    {
    }

    /**
     * @param int $idCustomer 0 for a guest
     * @param array $account Profile::account() of the customer ([] for a guest)
     * @param \Segment\Context|array|null $context the live request
     *
     * @return array{segments: list<string>, segment: ?string, attributes: array, stored: bool}
     */
    public function assign(int $idCustomer, array $account = [], \Segment\Context|array|null $context = null, ?int $now = null): array
    {
        $now ??= time();
        $model = $this->models->load();
        if ($model === null) {
            return ['segments' => [], 'segment' => null, 'attributes' => [], 'stored' => false];
        }
        $profile = null;
        $stored = false;
        if ($idCustomer > 0) {
            $row = $this->store->profile($idCustomer);
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
