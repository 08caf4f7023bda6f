<?php

namespace PrestaShop\Module\Segment;

use PrestaShop\Module\Segment\Store\MembershipStore;

/**
 * "Matches N customers now": a rule typed in the back office, evaluated by
 * the extension on every stored customer (with the current RFM and k-means
 * parts), without saving anything. Live-context attributes (cart, device,
 * ...) are absent here: a rule reading only them matches nobody.
 */
final class Preview
{
    public function __construct(private MembershipStore $store, private OrderSource $orders, private ModelRepository $models)
    {
    }

    /**
     * 'computed' is false while no recompute has stored a profile: every
     * order figure then reads as none, and the back office says so rather
     * than let "matches 0" look like the rule's answer.
     *
     * @return array{valid: bool, customers: int, of: int, message: string, line: int, column: int, sample: list<int>, computed: bool}
     */
    public function count(string $rule, ?int $now = null): array
    {
        $now ??= time();
        $check = (new RuleValidator())->validate($rule);
        $out = ['valid' => $check['valid'], 'customers' => 0, 'of' => 0, 'message' => $check['message'],
                'line' => $check['line'], 'column' => $check['column'], 'sample' => [], 'computed' => false];
        if (!$check['valid']) {
            return $out;
        }
        $current = null;
        try {
            $current = $this->models->load();
        } catch (\Segment\Exception $e) {
        }
        $model = \Segment\Model::build(
            [['code' => 'preview', 'rule' => $rule, 'priority' => 0, 'enabled' => true]],
            $current?->rfm(),
            $current?->kmeans()
        );
        $rows = [];
        $this->store->each(function (array $row) use (&$rows) {
            $rows[(int) $row['id_customer']] = $row;
        });
        $out['computed'] = $rows !== [];
        $this->orders->customers(function (int $id, array $account) use ($model, $rows, $now, &$out) {
            ++$out['of'];
            $result = $model->assign($account + Profile::orders($rows[$id] ?? null, $now), null, $now);
            if ($result['segments']) {
                ++$out['customers'];
                if (count($out['sample']) < 10) {
                    $out['sample'][] = $id;
                }
            }
        });

        return $out;
    }
}
