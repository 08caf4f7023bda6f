<?php

namespace PrestaShop\Module\Segment\Store;

use PrestaShop\Module\Segment\Db\Connection;

/**
 * The membership store in the module's own tables (segment_state,
 * segment_profile, segment_member, segment_history), used until the
 * extension's store (issue 6) is available. A generation is written aside
 * and switched to in one transaction: a run that fails or is killed leaves
 * the previous generation fully readable.
 */
final class ModuleTableStore implements MembershipStore
{
    private Connection $db;
    private int $idShop;

    public function __construct(Connection $db, int $idShop)
    {
        $this->db = $db;
        $this->idShop = $idShop;
    }

    private function t(string $n): string
    {
        return $this->db->table($n);
    }

    public function currentGeneration(): int
    {
        return (int) $this->db->fetchValue('SELECT generation FROM ' . $this->t('segment_state') . ' WHERE id_shop = ?', [$this->idShop]);
    }

    public function profile(int $idCustomer): ?array
    {
        return $this->db->fetchRow(
            'SELECT p.* FROM ' . $this->t('segment_state') . ' s
               JOIN ' . $this->t('segment_profile') . ' p
                 ON p.id_shop = s.id_shop AND p.id_customer = ? AND p.generation = s.generation
              WHERE s.id_shop = ?',
            [$idCustomer, $this->idShop]
        );
    }

    public function beginGeneration(): int
    {
        $current = $this->currentGeneration();
        // what a run that never committed left behind
        foreach (['segment_profile', 'segment_member'] as $table) {
            $this->db->execute('DELETE FROM ' . $this->t($table) . ' WHERE id_shop = ? AND generation > ?', [$this->idShop, $current]);
        }

        return $current + 1;
    }

    private static function codesField(array $codes): string
    {
        return $codes ? ',' . implode(',', $codes) . ',' : '';
    }

    public function write(int $generation, array $rows, string $modelVersion): void
    {
        $now = date('Y-m-d H:i:s');
        foreach (array_chunk($rows, 200) as $chunk) {
            $params = [];
            $members = [];
            foreach ($chunk as $row) {
                array_push($params, ...$this->rowParams($row, $generation, $modelVersion, $now));
                foreach ($row['segments'] as $code) {
                    array_push($members, $this->idShop, $generation, $code, (int) $row['id_customer']);
                }
            }
            $this->db->execute(
                'INSERT INTO ' . $this->t('segment_profile') . ' (' . self::PROFILE_COLUMNS . ') VALUES '
                . implode(',', array_fill(0, count($chunk), self::PROFILE_PLACEHOLDERS)),
                $params
            );
            if ($members) {
                $this->db->execute(
                    'INSERT INTO ' . $this->t('segment_member') . ' (id_shop, generation, code, id_customer) VALUES '
                    . implode(',', array_fill(0, count($members) / 4, '(?, ?, ?, ?)')),
                    $members
                );
            }
        }
    }

    private const PROFILE_COLUMNS = 'id_shop, id_customer, generation, orders, monetary, first_order_at, last_order_at, country,
        cancelled_orders, r, f, m, rfm_segment, cluster, cluster_name, segments, primary_segment, model_version, computed_at';
    private const PROFILE_PLACEHOLDERS = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

    private function rowParams(array $row, int $generation, string $modelVersion, string $now): array
    {
        $codes = array_values($row['segments']);

        return [
            $this->idShop, (int) $row['id_customer'], $generation, (int) ($row['orders'] ?? 0), (float) ($row['monetary'] ?? 0),
            $row['first_order_at'] ?? null, $row['last_order_at'] ?? null, $row['country'] ?? null,
            (int) ($row['cancelled_orders'] ?? 0),
            isset($row['r']) ? (int) $row['r'] : null, isset($row['f']) ? (int) $row['f'] : null, isset($row['m']) ? (int) $row['m'] : null,
            $row['rfm_segment'] ?? null, isset($row['cluster']) ? (int) $row['cluster'] : null, $row['cluster_name'] ?? null,
            self::codesField($codes), $codes[0] ?? '', $modelVersion, $now,
        ];
    }

    public function commit(int $generation, string $modelVersion): int
    {
        $moves = $this->db->transactional(function (Connection $db) use ($generation, $modelVersion) {
            $current = (int) $db->fetchValue('SELECT generation FROM ' . $this->t('segment_state') . ' WHERE id_shop = ? FOR UPDATE', [$this->idShop]);
            $now = date('Y-m-d H:i:s');
            $moves = 0;
            if ($current > 0) {
                // customers whose first segment changed, including new and gone customers
                $moves += $db->execute(
                    'INSERT INTO ' . $this->t('segment_history') . ' (id_shop, id_customer, generation, from_segment, to_segment, date_add)
                     SELECT n.id_shop, n.id_customer, n.generation, COALESCE(o.primary_segment, \'\'), n.primary_segment, ?
                       FROM ' . $this->t('segment_profile') . ' n
                       LEFT JOIN ' . $this->t('segment_profile') . ' o
                         ON o.id_shop = n.id_shop AND o.id_customer = n.id_customer AND o.generation = ?
                      WHERE n.id_shop = ? AND n.generation = ? AND COALESCE(o.primary_segment, \'\') <> n.primary_segment',
                    [$now, $current, $this->idShop, $generation]
                );
                $moves += $db->execute(
                    'INSERT INTO ' . $this->t('segment_history') . ' (id_shop, id_customer, generation, from_segment, to_segment, date_add)
                     SELECT o.id_shop, o.id_customer, ?, o.primary_segment, \'\', ?
                       FROM ' . $this->t('segment_profile') . ' o
                       LEFT JOIN ' . $this->t('segment_profile') . ' n
                         ON n.id_shop = o.id_shop AND n.id_customer = o.id_customer AND n.generation = ?
                      WHERE o.id_shop = ? AND o.generation = ? AND n.id_customer IS NULL AND o.primary_segment <> \'\'',
                    [$generation, $now, $generation, $this->idShop, $current]
                );
            } else {
                $moves += $db->execute(
                    'INSERT INTO ' . $this->t('segment_history') . ' (id_shop, id_customer, generation, from_segment, to_segment, date_add)
                     SELECT id_shop, id_customer, generation, \'\', primary_segment, ?
                       FROM ' . $this->t('segment_profile') . ' WHERE id_shop = ? AND generation = ? AND primary_segment <> \'\'',
                    [$now, $this->idShop, $generation]
                );
            }
            $db->execute(
                'INSERT INTO ' . $this->t('segment_state') . ' (id_shop, generation, model_version, updated_at) VALUES (?, ?, ?, ?)
                 ON DUPLICATE KEY UPDATE generation = VALUES(generation), model_version = VALUES(model_version), updated_at = VALUES(updated_at)',
                [$this->idShop, $generation, $modelVersion, $now]
            );

            return $moves;
        });
        foreach (['segment_profile', 'segment_member'] as $table) {
            $this->db->execute('DELETE FROM ' . $this->t($table) . ' WHERE id_shop = ? AND generation < ?', [$this->idShop, $generation]);
        }

        return $moves;
    }

    public function upsert(array $row, string $modelVersion): void
    {
        $this->db->transactional(function (Connection $db) use ($row, $modelVersion) {
            $generation = (int) $db->fetchValue('SELECT generation FROM ' . $this->t('segment_state') . ' WHERE id_shop = ? FOR UPDATE', [$this->idShop]);
            if ($generation === 0) {
                $generation = 1;
                $db->execute(
                    'INSERT INTO ' . $this->t('segment_state') . ' (id_shop, generation, model_version, updated_at) VALUES (?, 1, ?, ?)',
                    [$this->idShop, $modelVersion, date('Y-m-d H:i:s')]
                );
            }
            $id = (int) $row['id_customer'];
            $old = (string) $db->fetchValue(
                'SELECT primary_segment FROM ' . $this->t('segment_profile') . ' WHERE id_shop = ? AND id_customer = ? AND generation = ?',
                [$this->idShop, $id, $generation]
            );
            $db->execute('DELETE FROM ' . $this->t('segment_profile') . ' WHERE id_shop = ? AND id_customer = ? AND generation = ?', [$this->idShop, $id, $generation]);
            $db->execute('DELETE FROM ' . $this->t('segment_member') . ' WHERE id_shop = ? AND id_customer = ? AND generation = ?', [$this->idShop, $id, $generation]);
            $this->write($generation, [$row], $modelVersion);
            $new = $row['segments'][0] ?? '';
            if ($old !== $new) {
                $db->execute(
                    'INSERT INTO ' . $this->t('segment_history') . ' (id_shop, id_customer, generation, from_segment, to_segment, date_add) VALUES (?, ?, ?, ?, ?, ?)',
                    [$this->idShop, $id, $generation, $old, $new, date('Y-m-d H:i:s')]
                );
            }
        });
    }

    public function forget(int $idCustomer): int
    {
        return $this->db->transactional(function (Connection $db) use ($idCustomer) {
            $n = 0;
            foreach (['segment_profile', 'segment_member', 'segment_history'] as $table) {
                $n += $db->execute('DELETE FROM ' . $this->t($table) . ' WHERE id_customer = ?', [$idCustomer]);
            }

            return $n;
        });
    }

    public function export(int $idCustomer): array
    {
        $profile = $this->db->fetchAll(
            'SELECT id_shop, orders, monetary, first_order_at, last_order_at, country, cancelled_orders, r, f, m,
                    rfm_segment, cluster, cluster_name, TRIM(BOTH \',\' FROM segments) AS segments, computed_at
               FROM ' . $this->t('segment_profile') . ' WHERE id_customer = ? ORDER BY id_shop, generation',
            [$idCustomer]
        );
        $history = $this->db->fetchAll(
            'SELECT id_shop, from_segment, to_segment, date_add FROM ' . $this->t('segment_history') . '
              WHERE id_customer = ? ORDER BY id_history',
            [$idCustomer]
        );

        return ['profile' => $profile, 'history' => $history];
    }

    public function sizes(): array
    {
        $rows = $this->db->fetchAll(
            'SELECT m.code, COUNT(*) AS customers, COALESCE(SUM(p.monetary), 0) AS revenue
               FROM ' . $this->t('segment_state') . ' s
               JOIN ' . $this->t('segment_member') . ' m ON m.id_shop = s.id_shop AND m.generation = s.generation
               JOIN ' . $this->t('segment_profile') . ' p ON p.id_shop = m.id_shop AND p.id_customer = m.id_customer AND p.generation = m.generation
              WHERE s.id_shop = ? GROUP BY m.code',
            [$this->idShop]
        );
        $out = [];
        foreach ($rows as $r) {
            $out[$r['code']] = ['customers' => (int) $r['customers'], 'revenue' => round((float) $r['revenue'], 2)];
        }

        return $out;
    }

    public function counts(): array
    {
        return array_map(static fn (array $s) => $s['customers'], $this->sizes());
    }

    public function moves(): array
    {
        $rows = $this->db->fetchAll(
            'SELECT h.from_segment, h.to_segment, COUNT(*) AS customers
               FROM ' . $this->t('segment_state') . ' s
               JOIN ' . $this->t('segment_history') . ' h ON h.id_shop = s.id_shop AND h.generation = s.generation
              WHERE s.id_shop = ? GROUP BY h.from_segment, h.to_segment ORDER BY customers DESC, h.from_segment, h.to_segment',
            [$this->idShop]
        );

        return array_map(static fn (array $r) => [
            'from' => $r['from_segment'], 'to' => $r['to_segment'], 'customers' => (int) $r['customers'],
        ], $rows);
    }

    public function heatmap(): array
    {
        $rows = $this->db->fetchAll(
            'SELECT p.r, p.f, COUNT(*) AS customers
               FROM ' . $this->t('segment_state') . ' s
               JOIN ' . $this->t('segment_profile') . ' p ON p.id_shop = s.id_shop AND p.generation = s.generation
              WHERE s.id_shop = ? AND p.r IS NOT NULL AND p.f IS NOT NULL GROUP BY p.r, p.f',
            [$this->idShop]
        );
        $out = [];
        foreach ($rows as $r) {
            $out[(int) $r['r']][(int) $r['f']] = (int) $r['customers'];
        }

        return $out;
    }

    public function members(string $code): array
    {
        return array_map('intval', array_column($this->db->fetchAll(
            'SELECT m.id_customer FROM ' . $this->t('segment_state') . ' s
               JOIN ' . $this->t('segment_member') . ' m ON m.id_shop = s.id_shop AND m.generation = s.generation
              WHERE s.id_shop = ? AND m.code = ? ORDER BY m.id_customer',
            [$this->idShop, $code]
        ), 'id_customer'));
    }

    public function each(callable $fn, int $chunk = 1000): void
    {
        $generation = $this->currentGeneration();
        if ($generation === 0) {
            return;
        }
        $last = 0;
        do {
            $rows = $this->db->fetchAll(
                'SELECT * FROM ' . $this->t('segment_profile') . '
                  WHERE id_shop = ? AND generation = ? AND id_customer > ? ORDER BY id_customer LIMIT ' . (int) $chunk,
                [$this->idShop, $generation, $last]
            );
            foreach ($rows as $row) {
                $fn($row);
                $last = (int) $row['id_customer'];
            }
        } while (count($rows) === $chunk);
    }
}
