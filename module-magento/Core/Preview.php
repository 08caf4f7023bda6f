<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Core;

/**
 * "Matches N customers now": a rule being edited, evaluated on every stored
 * profile of the website's current generation with the website's fitted
 * RFM and k-means parts (without a live context: request attributes are
 * null, so a rule that needs them matches no stored customer).
 */
final class Preview
{
    /** @param callable(int): TableStore $stores */
    public function __construct(private ModelRepository $models, private $stores)
    {
    }

    /** @return array{matches: int, customers: int, sample: list<int>} @throws ValidationError for a rule the extension refuses */
    public function count(int $websiteId, string $rule, \DateTimeInterface|int|null $now = null): array
    {
        Definitions::checkRule($rule);
        $current = $this->models->current($websiteId);
        $model = \Segment\Model::build([['code' => 'preview', 'rule' => $rule]], $current->rfm(), $current->kmeans());
        $matches = 0;
        $customers = 0;
        $sample = [];
        ($this->stores)($websiteId)->each(function (int $id, array $row) use ($model, $now, &$matches, &$customers, &$sample) {
            $customers++;
            if ($model->assign(TableStore::toProfile($row), null, $now)['segments'] !== []) {
                $matches++;
                if (count($sample) < 10) {
                    $sample[] = $id;
                }
            }
        });

        return ['matches' => $matches, 'customers' => $customers, 'sample' => $sample];
    }
}
