<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Core;

use Segment\CustomerSegment\Core\Db\Connection;

/**
 * The membership store in the module's declarative-schema tables
 * (segment_state, segment_profile, segment_member, segment_history), one
 * website per instance. A recompute writes generation g+1 beside g under a
 * named lock and switches in one transaction, so a storefront never reads a
 * half-written run; a failed run leaves g as it was.
 */
final class TableStore implements MembershipStore
{
    private const BATCH = 300;

    public function __construct(private Connection $db, private int $websiteId)
    {
    }

    private function t(string $name): string
    {
        return $this->db->table($name);
    }

    public function generation(): int
    {
        return (int) $this->db->fetchOne('SELECT generation FROM ' . $this->t('segment_state') . ' WHERE website_id = ?', [$this->websiteId]);
    }

    private function ensureState(): void
    {
        $this->db->execute('INSERT IGNORE INTO ' . $this->t('segment_state') . ' (website_id, generation) VALUES (?, 0)', [$this->websiteId]);
    }

    private static function utc(\DateTimeInterface|int|null $now): string
    {
        $ts = $now instanceof \DateTimeInterface ? $now->getTimestamp() : ($now ?? time());

        return gmdate('Y-m-d H:i:s', $ts);
    }

    /** The row stored for one assigned customer, as bound values in column order. */
    private function rowValues(int $generation, string $id, array $profile, array $result, string $now): array
    {
        $a = $result['attributes'];
        $rfm = is_array($a['rfm'] ?? null) ? $a['rfm'] : [];

        return [
            $this->websiteId, $generation, (int) $id, (int) ($profile['orders'] ?? 0), (float) ($profile['monetary'] ?? 0),
            $profile['first_order_at'] ?? null, $profile['last_order_at'] ?? null,
            isset($profile['recency']) ? max(0, (int) $profile['recency']) : null, (int) ($profile['cancelled_orders'] ?? 0),
            $profile['country'] ?? null,
            isset($rfm['r']) ? (int) $rfm['r'] : null, isset($rfm['f']) ? (int) $rfm['f'] : null, isset($rfm['m']) ? (int) $rfm['m'] : null,
            isset($rfm['segment']) ? (string) $rfm['segment'] : null,
            isset($a['cluster']) ? (int) $a['cluster'] : null, isset($a['cluster_name']) ? (string) $a['cluster_name'] : null,
            json_encode(array_values($result['segments'])), $now,
        ];
    }

    private const COLUMNS = 'website_id, generation, customer_id, orders, revenue, first_order_at, last_order_at, recency,
        cancelled_orders, country, rfm_r, rfm_f, rfm_m, rfm_segment, cluster, cluster_name, segments, computed_at';
    private const PLACEHOLDERS = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

    /** @param list<list<mixed>> $rows @param list<array{0: string, 1: int}> $members */
    private function flush(int $generation, array $rows, array $members): void
    {
        if ($rows) {
            $this->db->execute(
                'INSERT INTO ' . $this->t('segment_profile') . ' (' . self::COLUMNS . ') VALUES '
                . implode(', ', array_fill(0, count($rows), self::PLACEHOLDERS)),
                array_merge(...$rows)
            );
        }
        if ($members) {
            $params = [];
            foreach ($members as [$code, $cid]) {
                array_push($params, $this->websiteId, $generation, $code, $cid);
            }
            $this->db->execute(
                'INSERT INTO ' . $this->t('segment_member') . ' (website_id, generation, code, customer_id) VALUES '
                . implode(', ', array_fill(0, count($members), '(?, ?, ?, ?)')),
                $params
            );
        }
    }

    private function deleteGenerations(string $where, array $params): void
    {
        foreach (['segment_profile', 'segment_member'] as $table) {
            $this->db->execute('DELETE FROM ' . $this->t($table) . ' WHERE website_id = ? AND ' . $where, array_merge([$this->websiteId], $params));
        }
    }

    public function recompute(\Segment\Model $model, iterable $profiles, ?callable $progress = null, \DateTimeInterface|int|null $now = null): array
    {
        $lock = 'segment-magento/' . $this->db->table('segment_state') . '/' . $this->websiteId;
        if ((int) $this->db->fetchOne('SELECT GET_LOCK(?, 0)', [$lock]) !== 1) {
            throw new StoreBusy(sprintf('a recompute of website %d is already running; try again when it has finished', $this->websiteId));
        }
        $t0 = microtime(true);
        $stamp = self::utc($now);
        try {
            $this->ensureState();
            $current = $this->generation();
            $next = $current + 1;
            // what a failed or killed run left behind
            $this->deleteGenerations('generation <> ?', [$current]);
            $this->db->execute(
                'UPDATE ' . $this->t('segment_state') . ' SET run_outcome = \'running\', run_started_at = ?, run_finished_at = NULL, run_message = NULL WHERE website_id = ?',
                [gmdate('Y-m-d H:i:s'), $this->websiteId]
            );
            try {
                $customers = 0;
                $memberships = 0;
                $rows = [];
                $members = [];
                foreach ($profiles as $id => $profile) {
                    $result = $model->assign($profile, null, $now);
                    $rows[] = $this->rowValues($next, (string) $id, $profile, $result, $stamp);
                    foreach ($result['segments'] as $code) {
                        $members[] = [$code, (int) $id];
                    }
                    $customers++;
                    $memberships += count($result['segments']);
                    if (count($rows) >= self::BATCH) {
                        $this->flush($next, $rows, $members);
                        $rows = $members = [];
                    }
                    if ($progress !== null && $customers % 1000 === 0) {
                        $progress(['phase' => 'write', 'customers' => $customers, 'seconds' => microtime(true) - $t0]);
                    }
                }
                $this->flush($next, $rows, $members);
                if ($progress !== null) {
                    $progress(['phase' => 'write', 'customers' => $customers, 'seconds' => microtime(true) - $t0]);
                }
                [$entries, $exits] = $this->db->transaction(function (Connection $db) use ($current, $next, $model, $customers, $stamp) {
                    $db->fetchOne('SELECT generation FROM ' . $this->t('segment_state') . ' WHERE website_id = ? FOR UPDATE', [$this->websiteId]);
                    $m = $this->t('segment_member');
                    $diff = 'INSERT INTO ' . $this->t('segment_history') . ' (website_id, customer_id, code, event, generation, incremental, created_at)
                             SELECT a.website_id, a.customer_id, a.code, ?, ?, 0, ?
                               FROM ' . $m . ' a LEFT JOIN ' . $m . ' b
                                 ON b.website_id = a.website_id AND b.generation = ? AND b.code = a.code AND b.customer_id = a.customer_id
                              WHERE a.website_id = ? AND a.generation = ? AND b.customer_id IS NULL';
                    $entries = $db->execute($diff, ['enter', $next, $stamp, $current, $this->websiteId, $next]);
                    $exits = $db->execute($diff, ['exit', $next, $stamp, $next, $this->websiteId, $current]);
                    // the model's document goes with its version: a web node that
                    // reads the new version before publish() wrote its file can
                    // restore the model from here (never an older document)
                    $db->execute(
                        'UPDATE ' . $this->t('segment_state') . ' SET generation = ?, model_version = ?, model = ?, run_outcome = \'ok\', run_finished_at = ?,
                                run_customers = ?, run_entries = ?, run_exits = ? WHERE website_id = ?',
                        [$next, $model->version(), self::modelDocument($model), gmdate('Y-m-d H:i:s'), $customers, $entries, $exits, $this->websiteId]
                    );

                    return [$entries, $exits];
                });
            } catch (\Throwable $e) {
                $this->deleteGenerations('generation = ?', [$next]);
                $this->db->execute(
                    'UPDATE ' . $this->t('segment_state') . ' SET run_outcome = \'failed\', run_finished_at = ?, run_message = ? WHERE website_id = ?',
                    [gmdate('Y-m-d H:i:s'), substr($e->getMessage(), 0, 2000), $this->websiteId]
                );
                throw $e;
            }
            $this->deleteGenerations('generation = ?', [$current]);
            if ($progress !== null) {
                $progress(['phase' => 'cleanup', 'customers' => $customers, 'seconds' => microtime(true) - $t0]);
            }

            return ['generation' => $next, 'customers' => $customers, 'memberships' => $memberships, 'entries' => $entries,
                'exits' => $exits, 'segments' => $this->counts(), 'seconds' => microtime(true) - $t0];
        } finally {
            $this->db->fetchOne('SELECT RELEASE_LOCK(?)', [$lock]);
        }
    }

    public function update(\Segment\Model $model, string $customerId, array $profile, \DateTimeInterface|int|null $now = null): array
    {
        $result = $model->assign($profile, null, $now);
        $stamp = self::utc($now);
        $this->ensureState();

        return $this->db->transaction(function (Connection $db) use ($customerId, $profile, $result, $stamp) {
            $generation = (int) $db->fetchOne('SELECT generation FROM ' . $this->t('segment_state') . ' WHERE website_id = ? LOCK IN SHARE MODE', [$this->websiteId]);
            $cid = (int) $customerId;
            $old = array_column($db->fetchAll(
                'SELECT code FROM ' . $this->t('segment_member') . ' WHERE website_id = ? AND generation = ? AND customer_id = ? FOR UPDATE',
                [$this->websiteId, $generation, $cid]
            ), 'code');
            $new = array_values($result['segments']);
            $db->execute('DELETE FROM ' . $this->t('segment_profile') . ' WHERE website_id = ? AND generation = ? AND customer_id = ?', [$this->websiteId, $generation, $cid]);
            $entered = array_values(array_diff($new, $old));
            $exited = array_values(array_diff($old, $new));
            foreach ($exited as $code) {
                $db->execute('DELETE FROM ' . $this->t('segment_member') . ' WHERE website_id = ? AND generation = ? AND code = ? AND customer_id = ?', [$this->websiteId, $generation, $code, $cid]);
            }
            $this->flush($generation, [$this->rowValues($generation, $customerId, $profile, $result, $stamp)], array_map(fn ($c) => [$c, $cid], $entered));
            foreach ([['enter', $entered], ['exit', $exited]] as [$event, $codes]) {
                foreach ($codes as $code) {
                    $db->execute(
                        'INSERT INTO ' . $this->t('segment_history') . ' (website_id, customer_id, code, event, generation, incremental, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)',
                        [$this->websiteId, $cid, $code, $event, $generation, $stamp]
                    );
                }
            }

            return ['segments' => $new, 'entered' => $entered, 'exited' => $exited, 'generation' => $generation];
        });
    }

    public function customer(int $customerId): ?array
    {
        $row = $this->db->fetchRow(
            'SELECT p.* FROM ' . $this->t('segment_state') . ' s
               JOIN ' . $this->t('segment_profile') . ' p ON p.website_id = s.website_id AND p.generation = s.generation AND p.customer_id = ?
              WHERE s.website_id = ?',
            [$customerId, $this->websiteId]
        );
        if ($row === null) {
            return null;
        }
        $row['segments'] = json_decode((string) $row['segments'], true) ?: [];

        return $row;
    }

    public function counts(): array
    {
        $out = [];
        foreach ($this->db->fetchAll(
            'SELECT m.code, COUNT(*) AS n FROM ' . $this->t('segment_state') . ' s
               JOIN ' . $this->t('segment_member') . ' m ON m.website_id = s.website_id AND m.generation = s.generation
              WHERE s.website_id = ? GROUP BY m.code ORDER BY m.code',
            [$this->websiteId]
        ) as $row) {
            $out[$row['code']] = (int) $row['n'];
        }

        return $out;
    }

    public function members(string $code, int $limit = 1000, int $after = 0): array
    {
        $limit = max(1, min(100000, $limit));

        return array_map('intval', array_column($this->db->fetchAll(
            'SELECT m.customer_id FROM ' . $this->t('segment_state') . ' s
               JOIN ' . $this->t('segment_member') . ' m ON m.website_id = s.website_id AND m.generation = s.generation AND m.code = ?
              WHERE s.website_id = ? AND m.customer_id > ? ORDER BY m.customer_id LIMIT ' . $limit,
            [$code, $this->websiteId, $after]
        ), 'customer_id'));
    }

    public function lastRun(): ?array
    {
        return $this->db->fetchRow(
            'SELECT website_id, generation, model_version, run_outcome, run_started_at, run_finished_at, run_message,
                    run_customers, run_entries, run_exits FROM ' . $this->t('segment_state') . ' WHERE website_id = ?',
            [$this->websiteId]
        );
    }

    public function history(int $customerId, int $limit = 100): array
    {
        return $this->db->fetchAll(
            'SELECT code, event, generation, incremental, created_at FROM ' . $this->t('segment_history') . '
              WHERE website_id = ? AND customer_id = ? ORDER BY history_id DESC LIMIT ' . max(1, min(10000, $limit)),
            [$this->websiteId, $customerId]
        );
    }

    public function forget(int $customerId): int
    {
        return $this->db->transaction(function (Connection $db) use ($customerId) {
            $n = 0;
            foreach (['segment_profile', 'segment_member', 'segment_history'] as $table) {
                $n += $db->execute('DELETE FROM ' . $this->t($table) . ' WHERE customer_id = ?', [$customerId]);
            }

            return $n;
        });
    }

    public function sizes(): array
    {
        $out = [];
        foreach ($this->db->fetchAll(
            'SELECT m.code, COUNT(*) AS customers, COALESCE(SUM(p.revenue), 0) AS revenue
               FROM ' . $this->t('segment_state') . ' s
               JOIN ' . $this->t('segment_member') . ' m ON m.website_id = s.website_id AND m.generation = s.generation
               JOIN ' . $this->t('segment_profile') . ' p ON p.website_id = m.website_id AND p.generation = m.generation AND p.customer_id = m.customer_id
              WHERE s.website_id = ? GROUP BY m.code ORDER BY customers DESC, m.code',
            [$this->websiteId]
        ) as $row) {
            $out[$row['code']] = ['customers' => (int) $row['customers'], 'revenue' => round((float) $row['revenue'], 2)];
        }

        return $out;
    }

    public function moves(): array
    {
        $generation = $this->generation();
        $segments = [];
        foreach ($this->db->fetchAll(
            'SELECT code, event, COUNT(*) AS n FROM ' . $this->t('segment_history') . '
              WHERE website_id = ? AND generation = ? AND incremental = 0 GROUP BY code, event ORDER BY code',
            [$this->websiteId, $generation]
        ) as $row) {
            $segments[$row['code']] ??= ['entered' => 0, 'exited' => 0];
            $segments[$row['code']][$row['event'] === 'enter' ? 'entered' : 'exited'] = (int) $row['n'];
        }
        $h = $this->t('segment_history');
        $pairs = array_map(fn ($r) => ['from' => $r['from_code'], 'to' => $r['to_code'], 'customers' => (int) $r['n']], $this->db->fetchAll(
            'SELECT x.code AS from_code, e.code AS to_code, COUNT(DISTINCT x.customer_id) AS n
               FROM ' . $h . ' x JOIN ' . $h . ' e
                 ON e.website_id = x.website_id AND e.generation = x.generation AND e.customer_id = x.customer_id
                AND e.event = \'enter\' AND e.incremental = 0
              WHERE x.website_id = ? AND x.generation = ? AND x.event = \'exit\' AND x.incremental = 0
              GROUP BY x.code, e.code ORDER BY n DESC, from_code, to_code LIMIT 100',
            [$this->websiteId, $generation]
        ));

        return ['segments' => $segments, 'pairs' => $pairs];
    }

    public function heatmap(): array
    {
        $out = [];
        foreach ($this->db->fetchAll(
            'SELECT p.rfm_r, p.rfm_f, COUNT(*) AS n FROM ' . $this->t('segment_state') . ' s
               JOIN ' . $this->t('segment_profile') . ' p ON p.website_id = s.website_id AND p.generation = s.generation
              WHERE s.website_id = ? AND p.rfm_r IS NOT NULL AND p.rfm_f IS NOT NULL GROUP BY p.rfm_r, p.rfm_f',
            [$this->websiteId]
        ) as $row) {
            $out[(int) $row['rfm_r']][(int) $row['rfm_f']] = (int) $row['n'];
        }

        return $out;
    }

    public function each(callable $fn, int $chunk = 1000): void
    {
        $generation = $this->generation();
        $after = 0;
        do {
            $rows = $this->db->fetchAll(
                'SELECT * FROM ' . $this->t('segment_profile') . ' WHERE website_id = ? AND generation = ? AND customer_id > ?
                  ORDER BY customer_id LIMIT ' . max(1, $chunk),
                [$this->websiteId, $generation, $after]
            );
            foreach ($rows as $row) {
                $after = (int) $row['customer_id'];
                $row['segments'] = json_decode((string) $row['segments'], true) ?: [];
                $fn($after, $row);
            }
        } while (count($rows) === $chunk);
    }

    /** The model document stored with the state, for web nodes whose model file is missing. */
    public function saveModel(\Segment\Model $model): void
    {
        $this->ensureState();
        $this->db->execute(
            'UPDATE ' . $this->t('segment_state') . ' SET model_version = ?, model = ? WHERE website_id = ?',
            [$model->version(), self::modelDocument($model), $this->websiteId]
        );
    }

    private static function modelDocument(\Segment\Model $model): string
    {
        return json_encode($model->toArray(), JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION | JSON_THROW_ON_ERROR);
    }

    /** The stored model's version: one primary-key lookup. */
    public function modelVersion(): ?string
    {
        $v = $this->db->fetchOne('SELECT model_version FROM ' . $this->t('segment_state') . ' WHERE website_id = ?', [$this->websiteId]);

        return $v === null ? null : (string) $v;
    }

    /**
     * The current generation and model version in one primary-key lookup
     * (ModelRepository keeps it per web node for a few seconds).
     *
     * @return array{generation: int, version: ?string}
     */
    public function state(): array
    {
        $row = $this->db->fetchRow('SELECT generation, model_version FROM ' . $this->t('segment_state') . ' WHERE website_id = ?', [$this->websiteId]);

        return ['generation' => (int) ($row['generation'] ?? 0), 'version' => isset($row['model_version']) ? (string) $row['model_version'] : null];
    }

    /** @return array{version: string, json: string}|null */
    public function storedModel(): ?array
    {
        $row = $this->db->fetchRow('SELECT model_version, model FROM ' . $this->t('segment_state') . ' WHERE website_id = ?', [$this->websiteId]);
        if ($row === null || $row['model'] === null || $row['model_version'] === null) {
            return null;
        }

        return ['version' => (string) $row['model_version'], 'json' => (string) $row['model']];
    }

    /** The stored row as a profile for Model::assign(): recency is measured again to the request's clock. */
    public static function toProfile(array $row): array
    {
        $orders = (int) $row['orders'];

        return [
            'customer_id' => (string) $row['customer_id'],
            'orders' => $orders,
            'monetary' => (float) $row['revenue'],
            'average_order_value' => $orders > 0 ? (float) $row['revenue'] / $orders : null,
            'first_order_at' => $row['first_order_at'],
            'last_order_at' => $row['last_order_at'],
            'cancelled_orders' => (int) $row['cancelled_orders'],
            'country' => $row['country'],
        ];
    }
}
