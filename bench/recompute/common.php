<?php

/**
 * Shared by the recompute benchmark's scripts: the connection (from
 * db.sh's env file), the reference time, the PrestaShop query the
 * extension runs (src/seg_shopdb.c), the floor query, the membership table
 * and its PDO writer.
 */

declare(strict_types=1);

require_once __DIR__ . '/../results.php';

/** Recency is measured to this wall-clock time by every method (the day after the generated data ends). */
const RB_REFERENCE = '2025-01-01 00:00:00';
const RB_K = 4;            // cli/pipeline.php's k-means: k 4, seed 0, KMeans::fit's defaults otherwise
const RB_N_INIT = 10;
const RB_MAX_ITER = 300;
const RB_TOL = 1e-4;
const RB_RULES = __DIR__ . '/../../cli/default-rules.json';

/**
 * The extension's PrestaShop query (src/seg_shopdb.c, prefix ps_), verbatim:
 * the PDO peer reads exactly these rows.
 */
const RB_ORDERS_SQL = 'SELECT IF(c.id_customer IS NULL OR c.deleted <> 0 OR c.is_guest <> 0, NULL, o.id_customer) AS customer,'
    . ' o.id_order AS order_id, o.date_add AS date,'
    . ' o.total_paid / IF(o.conversion_rate > 0, o.conversion_rate, 1) AS amount,'
    . " IF(os.logable = 1, 'valid', 'invalid') AS status,"
    . ' co.iso_code AS country'
    . ' FROM `ps_orders` o'
    . ' LEFT JOIN `ps_customer` c ON c.id_customer = o.id_customer'
    . ' LEFT JOIN `ps_order_state` os ON os.id_order_state = o.current_state'
    . ' LEFT JOIN `ps_address` a ON a.id_address = o.id_address_delivery'
    . ' LEFT JOIN `ps_country` co ON co.id_country = a.id_country';

/**
 * The floor: what MariaDB needs to compute the same profiles itself, one row
 * per registered customer with counted orders (same joins, the same
 * filters as inner conditions; MAX(iso_code) keeps the address and country
 * joins in the plan, which table elimination would otherwise drop).
 */
const RB_FLOOR_SQL = 'SELECT o.id_customer, COUNT(DISTINCT o.id_order) AS orders,'
    . ' SUM(o.total_paid / IF(o.conversion_rate > 0, o.conversion_rate, 1)) AS monetary,'
    . ' MIN(o.date_add) AS first_order_at, MAX(o.date_add) AS last_order_at, MAX(co.iso_code) AS country'
    . ' FROM `ps_orders` o'
    . ' JOIN `ps_customer` c ON c.id_customer = o.id_customer AND c.deleted = 0 AND c.is_guest = 0'
    . ' JOIN `ps_order_state` os ON os.id_order_state = o.current_state AND os.logable = 1'
    . ' LEFT JOIN `ps_address` a ON a.id_address = o.id_address_delivery'
    . ' LEFT JOIN `ps_country` co ON co.id_country = a.id_country'
    . ' GROUP BY o.id_customer';

/** db.sh's env file as an array (SEG_BENCH_*), from $RECOMPUTE_BENCH_DIR. */
function rb_env(): array
{
    $dir = getenv('RECOMPUTE_BENCH_DIR') ?: (getenv('TMPDIR') ?: '/tmp') . '/segment-recompute-bench';
    $env = @parse_ini_file("$dir/env", false, INI_SCANNER_RAW);
    if (!$env) {
        fwrite(STDERR, "no $dir/env: start the server first (bench/recompute/db.sh start)\n");
        exit(2);
    }
    return $env;
}

function rb_pdo(string $db): PDO
{
    $e = rb_env();
    return new PDO("mysql:unix_socket={$e['SEG_BENCH_SOCKET']};dbname=$db;charset=utf8mb4", $e['SEG_BENCH_USER'],
        $e['SEG_BENCH_PASSWORD'], [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
}

/** The connection array of Profiles::fromDatabase(). */
function rb_connection(string $db): array
{
    $e = rb_env();
    return ['socket' => $e['SEG_BENCH_SOCKET'], 'user' => $e['SEG_BENCH_USER'], 'password' => $e['SEG_BENCH_PASSWORD'],
        'database' => $db];
}

/** Options: --name=value and --flag; the rest positional. */
function rb_args(array $argv): array
{
    $o = ['_' => []];
    foreach (array_slice($argv, 1) as $a) {
        if (preg_match('/^--([a-z-]+)(?:=(.*))?$/s', $a, $m)) {
            $o[$m[1]] = $m[2] ?? true;
        } else {
            $o['_'][] = $a;
        }
    }
    return $o;
}

/**
 * The membership table (a documented stand-in until the store's DDL exists):
 * one row per customer with a profile, its segments (every matching code,
 * highest priority first, space-separated; `segment` is the first), R, F,
 * M, the rf11 segment, cluster and cluster name, and the model version.
 */
function rb_membership_ddl(string $table): string
{
    return "CREATE TABLE `$table` (
  id_customer INT UNSIGNED NOT NULL PRIMARY KEY,
  segment VARCHAR(64) NULL,
  segments VARCHAR(700) NOT NULL,
  orders INT UNSIGNED NOT NULL,
  monetary DOUBLE NOT NULL,
  recency INT NULL,
  rfm_r TINYINT UNSIGNED NULL, rfm_f TINYINT UNSIGNED NULL, rfm_m TINYINT UNSIGNED NULL,
  rfm_segment VARCHAR(32) NULL,
  cluster TINYINT UNSIGNED NULL,
  cluster_name VARCHAR(128) NULL,
  model_version VARCHAR(64) NOT NULL,
  computed_at DATETIME NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
}

/**
 * Writes memberships as a new generation: CREATE TABLE `$table`_new, prepared
 * multi-row INSERTs (1,000 rows each) in one transaction, then one atomic
 * RENAME TABLE swaps it in (readers see the old or the new table, never half).
 * $rows yields [id, segments (list), orders, monetary, recency, r, f, m, rfm_segment, cluster, cluster_name].
 */
final class RbWriter
{
    private const BATCH = 1000;
    private const COLS = 14;
    private array $buf = [];
    private int $n = 0;
    private ?PDOStatement $stmt = null;
    private string $now;

    public function __construct(private PDO $pdo, private string $table, private string $version)
    {
        $this->now = gmdate('Y-m-d H:i:s');
        $pdo->exec("DROP TABLE IF EXISTS `{$table}_new`");
        $pdo->exec(rb_membership_ddl("{$table}_new"));
        $pdo->beginTransaction();
    }

    private function statement(int $rows): PDOStatement
    {
        $one = '(' . implode(',', array_fill(0, self::COLS, '?')) . ')';
        return $this->pdo->prepare("INSERT INTO `{$this->table}_new` VALUES " . implode(',', array_fill(0, $rows, $one)));
    }

    public function add(int|string $id, array $segments, int $orders, float $monetary, ?int $recency, ?int $r, ?int $f,
        ?int $m, ?string $rfmSegment, ?int $cluster, ?string $clusterName): void
    {
        // '%.17g': the double itself (PDO would send it with `precision`, 14 digits, and lose bits)
        array_push($this->buf, $id, $segments[0] ?? null, implode(' ', $segments), $orders, sprintf('%.17g', $monetary), $recency, $r, $f, $m,
            $rfmSegment, $cluster, $clusterName, $this->version, $this->now);
        if (++$this->n === self::BATCH) {
            ($this->stmt ??= $this->statement(self::BATCH))->execute($this->buf);
            $this->buf = [];
            $this->n = 0;
        }
    }

    public function finish(): void
    {
        if ($this->n) {
            $this->statement($this->n)->execute($this->buf);
        }
        $this->buf = [];
        $this->pdo->commit();
        $t = $this->table;
        $exists = (bool) $this->pdo->query("SHOW TABLES LIKE " . $this->pdo->quote($t))->fetchColumn();
        if ($exists) {
            $this->pdo->exec("DROP TABLE IF EXISTS `{$t}_old`");
            $this->pdo->exec("RENAME TABLE `$t` TO `{$t}_old`, `{$t}_new` TO `$t`");
            $this->pdo->exec("DROP TABLE `{$t}_old`");
        } else {
            $this->pdo->exec("RENAME TABLE `{$t}_new` TO `$t`");
        }
    }
}

/** Peak RSS of this process so far, in KiB (VmHWM). */
function rb_peak_kb(): int
{
    return preg_match('/VmHWM:\s+(\d+)/', (string) @file_get_contents('/proc/self/status'), $m) ? (int) $m[1] : 0;
}
