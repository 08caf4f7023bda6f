<?php

namespace PrestaShop\Module\Segment;

use PrestaShop\Module\Segment\Store\MembershipStore;

/** What the report page and the segment list show, from the store. */
final class Report
{
    public function __construct(private MembershipStore $store, private Definitions $definitions)
    {
    }

    /** The segments with their stored member count and revenue. */
    public function segments(): array
    {
        $sizes = $this->store->sizes();
        $out = [];
        foreach ($this->definitions->all() as $d) {
            $d['customers'] = $sizes[$d['code']]['customers'] ?? 0;
            $d['revenue'] = $sizes[$d['code']]['revenue'] ?? 0.0;
            $out[] = $d;
        }

        return $out;
    }

    public function build(): array
    {
        $segments = $this->segments();
        $total = max(1, array_sum(array_column($segments, 'customers')));
        $maxRevenue = max(1.0, ...array_map(fn ($s) => (float) $s['revenue'], $segments ?: [['revenue' => 0]]));
        foreach ($segments as &$s) {
            $s['share'] = round(100 * $s['customers'] / $total, 1);
            $s['revenue_bar'] = (int) round(100 * $s['revenue'] / $maxRevenue);
        }
        unset($s);
        $heat = $this->store->heatmap();
        $max = 1;
        foreach ($heat as $row) {
            $max = max($max, ...array_values($row));
        }
        $grid = [];
        for ($r = 5; $r >= 1; --$r) {
            $cells = [];
            for ($f = 1; $f <= 5; ++$f) {
                $n = $heat[$r][$f] ?? 0;
                $cells[] = ['f' => $f, 'customers' => $n, 'level' => (int) round(9 * $n / $max)];
            }
            $grid[] = ['r' => $r, 'cells' => $cells];
        }

        return [
            'segments' => $segments,
            'moves' => $this->store->moves(),
            'heatmap' => $grid,
            'generation' => $this->store->currentGeneration(),
        ];
    }
}
