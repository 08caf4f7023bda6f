<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Core;

/** The admin report of one website: sizes and revenue per segment, moves of the last recompute, the R x F heatmap, the last run. */
final class Report
{
    /** @param callable(int): TableStore $stores */
    public function __construct(private Definitions $definitions, private $stores)
    {
    }

    public function build(int $websiteId): array
    {
        $store = ($this->stores)($websiteId);
        $sizes = $store->sizes();
        $rows = [];
        foreach ($this->definitions->all($websiteId) as $def) {
            $s = $sizes[$def['code']] ?? ['customers' => 0, 'revenue' => 0.0];
            $rows[] = ['code' => $def['code'], 'name' => $def['name'], 'active' => (bool) $def['is_active']] + $s;
            unset($sizes[$def['code']]);
        }
        foreach ($sizes as $code => $s) {
            // stored memberships of a segment since deleted: shown until the next recompute
            $rows[] = ['code' => (string) $code, 'name' => (string) $code, 'active' => false] + $s;
        }
        $heat = $store->heatmap();
        $max = 0;
        foreach ($heat as $fs) {
            $max = max($max, ...array_values($fs));
        }

        return ['segments' => $rows, 'moves' => $store->moves(), 'heatmap' => $heat, 'heatmap_max' => $max, 'last_run' => $store->lastRun()];
    }
}
