<?php

namespace PrestaShop\Module\Segment;

use PrestaShop\Module\Segment\Db\Connection;
use PrestaShop\Module\Segment\Store\MembershipStore;

/**
 * The whole base, or one customer: profiles from the shop's orders, RFM
 * and k-means fitted (whole base), every segment rule evaluated by the
 * extension, the result written to the membership store, linked customer
 * groups synced. Cron-safe: one run per shop at a time (a named database
 * lock); a second caller gets status "busy" at once.
 */
final class Recompute
{
    public function __construct(
        private Connection $db,
        private int $idShop,
        private OrderSource $orders,
        private Definitions $definitions,
        private MembershipStore $store,
        private ModelRepository $models,
        private Settings $settings,
    ) {
    }

    private function lockName(): string
    {
        return 'segment_recompute_' . $this->idShop . '_' . substr(sha1($this->db->table('segment_run')), 0, 8);
    }

    /**
     * @return array{status: string, generation: int, customers: int, moves: int, seconds: float, message: string, groups: array}
     */
    public function run(?int $now = null): array
    {
        $now ??= time();
        $t0 = microtime(true);
        $result = ['status' => 'busy', 'generation' => 0, 'customers' => 0, 'moves' => 0, 'seconds' => 0.0, 'message' => '', 'groups' => []];
        if ((int) $this->db->fetchValue('SELECT GET_LOCK(?, 0)', [$this->lockName()]) !== 1) {
            $result['message'] = 'Another recompute of this shop is running.';

            return $result;
        }
        $this->db->execute(
            'INSERT INTO ' . $this->db->table('segment_run') . ' (id_shop, started_at, status) VALUES (?, ?, ?)',
            [$this->idShop, date('Y-m-d H:i:s', $now), 'running']
        );
        $idRun = $this->db->lastInsertId();
        try {
            $result = $this->compute($now) + $result;
            $result['status'] = 'ok';
        } catch (\Throwable $e) {
            $result['status'] = 'failed';
            $result['message'] = get_class($e) . ': ' . $e->getMessage();
        } finally {
            $result['seconds'] = round(microtime(true) - $t0, 3);
            $this->db->execute(
                'UPDATE ' . $this->db->table('segment_run') . ' SET finished_at = ?, status = ?, generation = ?, customers = ?, message = ? WHERE id_run = ?',
                [date('Y-m-d H:i:s'), $result['status'], $result['generation'], $result['customers'],
                 $result['message'] !== '' ? $result['message'] : sprintf('%d customers, %d moves, %.2f s', $result['customers'], $result['moves'], $result['seconds']),
                 $idRun]
            );
            $this->db->fetchValue('SELECT RELEASE_LOCK(?)', [$this->lockName()]);
        }

        return $result;
    }

    private function compute(int $now): array
    {
        $s = $this->settings;
        $profiles = $this->orders->all((int) $s->get('window_days'), $now);
        $withOrders = 0;
        foreach ($profiles as $p) {
            if ($p['orders'] > 0) {
                ++$withOrders;
            }
        }
        $notes = [];
        $rfm = null;
        if ($s->get('rfm_enabled')) {
            if ($withOrders >= $s->get('rfm_bins')) {
                $rfm = \Segment\Rfm::fit($profiles, [
                    'bins' => $s->get('rfm_bins'), 'method' => $s->get('rfm_method'),
                    'map' => $s->get('rfm_map'), 'reference' => $now,
                ]);
            } else {
                $notes[] = "RFM skipped: $withOrders customers with orders, fewer than the " . $s->get('rfm_bins') . ' bins';
            }
        }
        $kmeans = null;
        if ($s->get('kmeans_enabled')) {
            $k = (int) $s->get('kmeans_k');
            $options = ['features' => $s->get('kmeans_features'), 'seed' => $s->get('kmeans_seed'), 'reference' => $now];
            if ($k === 0 && $withOrders >= 12) {
                $k = (int) \Segment\KMeans::suggestK($profiles, 2, min(6, intdiv($withOrders, 3)), $options)['suggested'];
            }
            if ($k >= 2 && $withOrders >= 2 * $k) {
                $kmeans = \Segment\KMeans::fit($profiles, $k, $options);
            } else {
                $notes[] = "clustering skipped: $withOrders customers with orders are too few";
            }
        }
        $definitions = $this->definitions->ruleDefinitions();
        $model = $this->models->save($definitions, $rfm, $kmeans, ['shop' => $this->idShop, 'settings' => $s->toArray()]);
        $version = $model->version();

        $generation = $this->store->beginGeneration();
        $rows = [];
        $customers = 0;
        $this->orders->customers(function (int $id, array $account) use ($profiles, $model, $now, $generation, $version, &$rows, &$customers) {
            $rows[] = self::row($id, $profiles->get((string) $id), $account, $model, $now);
            ++$customers;
            if (count($rows) >= 500) {
                $this->store->write($generation, $rows, $version);
                $rows = [];
            }
        });
        if ($rows) {
            $this->store->write($generation, $rows, $version);
        }
        $moves = $this->store->commit($generation, $version);

        $groups = [];
        $sync = new GroupSync($this->db, $this->store);
        foreach ($this->definitions->all() as $d) {
            if ($d['id_group'] > 0) {
                $groups[$d['code']] = $sync->sync($d['code'], $d['id_group']);
            }
        }

        return ['generation' => $generation, 'customers' => $customers, 'moves' => $moves,
                'message' => implode('; ', $notes), 'groups' => $groups];
    }

    /** The stored row of one customer: order figures, scores, cluster and segments. */
    public static function row(int $id, ?array $orders, array $account, \Segment\Model $model, int $now): array
    {
        $figures = Profile::orders($orders, $now);
        $assigned = $model->assign($account + $figures, null, $now);
        $a = $assigned['attributes'];

        return [
            'id_customer' => $id,
            'orders' => $figures['orders'],
            'monetary' => $figures['monetary'],
            'first_order_at' => $figures['first_order_at'],
            'last_order_at' => $figures['last_order_at'],
            'country' => $figures['country'] ?? null,
            'cancelled_orders' => $figures['cancelled_orders'],
            'r' => $a['rfm']['r'] ?? null,
            'f' => $a['rfm']['f'] ?? null,
            'm' => $a['rfm']['m'] ?? null,
            'rfm_segment' => $a['rfm']['segment'] ?? null,
            'cluster' => $a['cluster'] ?? null,
            'cluster_name' => $a['cluster_name'] ?? null,
            'segments' => $assigned['segments'],
        ];
    }

    /**
     * One customer, at once (order validated, status changed, account
     * created, login): figures read with bound parameters, scored with the
     * stored model, written to the current generation, groups updated.
     * Returns the customer's segments, or null when there is nothing to
     * store (a guest, a deleted customer, no model yet).
     */
    public function refresh(int $idCustomer, ?int $now = null): ?array
    {
        $now ??= time();
        $model = $this->models->load();
        if ($model === null) {
            return null;
        }
        $figures = $this->orders->one($idCustomer, (int) $this->settings->get('window_days'), $now);
        if ($figures === null) {
            $this->store->forget($idCustomer);

            return null;
        }
        $account = null;
        $this->orders->customers(function (int $id, array $a) use (&$account) {
            $account = $a;
        }, 1, $idCustomer);
        if ($account === null) {
            return null;
        }
        $row = self::row($idCustomer, $figures, $account, $model, $now);
        $this->store->upsert($row, $model->version());
        (new GroupSync($this->db, $this->store))->syncCustomer($idCustomer, $row['segments'], $this->definitions->all());

        return $row['segments'];
    }

    /** The latest runs, newest first. */
    public function runs(int $limit = 5): array
    {
        return $this->db->fetchAll(
            'SELECT id_run, generation, started_at, finished_at, status, customers, message FROM ' . $this->db->table('segment_run') . '
              WHERE id_shop = ? ORDER BY id_run DESC LIMIT ' . max(1, min(100, $limit)),
            [$this->idShop]
        );
    }
}
