<?php

namespace PrestaShop\Module\Segment;

use PrestaShop\Module\Segment\Store\MembershipStore;

/** The GDPR hooks' work: a customer's stored profile, scores and history. */
final class Gdpr
{
    public function __construct(private MembershipStore $store)
    {
    }

    /** Rows for psgdpr's export (one list of flat rows, as its CSV/PDF expect). */
    public function export(int $idCustomer): array
    {
        if ($idCustomer <= 0) {
            return [];
        }
        $data = $this->store->export($idCustomer);
        $rows = [];
        foreach ($data['profile'] as $p) {
            $rows[] = ['type' => 'profile'] + $p;
        }
        foreach ($data['history'] as $h) {
            $rows[] = ['type' => 'segment move'] + $h;
        }

        return $rows;
    }

    public function delete(int $idCustomer): bool
    {
        if ($idCustomer <= 0) {
            return true;
        }
        $this->store->forget($idCustomer);

        return true;
    }
}
