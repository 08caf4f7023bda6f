--TEST--
Profiles::fromDatabase(), custom query: a column map over order lines, latin1 text converted to UTF-8, non-UTF-8 ids and NULL amounts refused with the row and column, progress, and an early stop that does not read the rest
--EXTENSIONS--
segment
--SKIPIF--
<?php require __DIR__ . '/mysql.inc'; if ($r = seg_db_skip_reason()) die("skip $r");
--FILE--
<?php
require __DIR__ . '/mysql.inc';
$db = seg_db('seg_custom');
$ref = '2025-01-01 00:00:00';

// order lines, several per invoice, adjacent (ORDER BY id); 'refunded' is not counted
$p = Segment\Profiles::fromDatabase($db, [
    'platform' => 'custom',
    'query' => 'SELECT shopper, invoice, placed, price * qty AS line_total, state, land FROM order_lines ORDER BY id',
    'map' => ['customer' => 'shopper', 'order' => 'invoice', 'date' => 'placed', 'amount' => 'line_total',
              'status' => 'state', 'country' => 'land'],
    'cancelled_statuses' => ['refunded'],
    'reference' => $ref,
]);
$rows = seg_db_sql('seg_custom', "
    SELECT shopper,
           COUNT(DISTINCT IF(COALESCE(state, '') <> 'refunded', invoice, NULL)),
           SUM(IF(COALESCE(state, '') <> 'refunded', price * qty, 0)),
           MIN(IF(COALESCE(state, '') <> 'refunded', placed, NULL)),
           MAX(IF(COALESCE(state, '') <> 'refunded', placed, NULL)),
           COUNT(DISTINCT IF(COALESCE(state, '') = 'refunded', invoice, NULL)),
           (SELECT o2.land FROM order_lines o2 WHERE o2.shopper = o.shopper AND o2.placed IS NOT NULL
               AND COALESCE(o2.state, '') <> 'refunded' AND o2.land IS NOT NULL ORDER BY o2.placed DESC LIMIT 1)
      FROM order_lines o WHERE shopper IS NOT NULL AND placed IS NOT NULL GROUP BY shopper");
$want = [];
foreach ($rows as $r) $want[$r[0]] = array_slice($r, 1);
echo "order lines: ";
seg_db_compare($p, $want);
[$nulldate] = seg_db_sql('seg_custom', 'SELECT COUNT(*) FROM order_lines WHERE shopper IS NOT NULL AND placed IS NULL')[0];
echo "NULL dates skipped and counted: ", $p->stats()['lines_without_date'] === (int)$nulldate && $nulldate > 0 ? 'yes' : 'no', "\n";

// default column names (customer, date, amount) need no map; no country column: no 'country' key
$p = Segment\Profiles::fromDatabase($db, ['platform' => 'custom', 'reference' => $ref,
    'query' => 'SELECT who AS customer, at AS date, total AS amount FROM latin']);
foreach ($p as $id => $r) echo bin2hex($id), " orders={$r['orders']} monetary={$r['monetary']} country key: ",
    array_key_exists('country', $r) ? 'yes' : 'no', "\n";

function attempt(string $label, array $db, array $opts): void {
    try {
        Segment\Profiles::fromDatabase($db, $opts + ['platform' => 'custom']);
        echo "$label: no error\n";
    } catch (Segment\DataError $e) {
        echo "$label: ", get_class($e), ": ", $e->getMessage(), " [row ", $e->getDataLine(), ", column ", $e->getColumn(), "]\n";
    } catch (Segment\DatabaseError $e) {
        echo "$label: ", get_class($e), " (", $e->getCode(), "): ", $e->getMessage(), "\n";
    }
}
attempt('not UTF-8', $db, ['query' => 'SELECT who AS customer, at AS date, total AS amount FROM raw_ids ORDER BY at']);
attempt('NULL amount', $db, ['query' => "SELECT who, at, total FROM raw_ids WHERE who <> X'C328' ORDER BY at",
    'map' => ['customer' => 'who', 'date' => 'at', 'amount' => 'total']]);
attempt('mapped column missing', $db, ['query' => 'SELECT who, at, total FROM latin',
    'map' => ['customer' => 'who', 'date' => 'at', 'amount' => 'total', 'status' => 'state']]);
attempt('default column missing', $db, ['query' => 'SELECT who AS customer, total AS amount FROM latin']);
attempt('syntax error', $db, ['query' => 'SELEC 1']);
attempt('no result set', $db, ['query' => 'DO 1']);

// progress every 65,536 rows and at the end
$calls = [];
$p = Segment\Profiles::fromDatabase($db, ['platform' => 'custom', 'reference' => $ref,
    'query' => 'SELECT who AS customer, id AS order_id, at AS date, total AS amount FROM big',
    'progress' => function (array $i) use (&$calls) { $calls[] = $i['lines']; }]);
[$n, $customers] = seg_db_sql('seg_custom', 'SELECT COUNT(*), COUNT(DISTINCT who) FROM big')[0];
echo "progress: ", implode(',', $calls) === implode(',', [65536, 131072, 196608, (int)$n]) ? 'ok' : implode(',', $calls),
    "; customers ", count($p) === (int)$customers ? 'ok' : count($p), "\n";

// an exception from progress stops the reading at once: the connection is
// cancelled, not drained, and the next call works
$t = hrtime(true);
try {
    Segment\Profiles::fromDatabase($db, ['platform' => 'custom',
        'query' => 'SELECT who AS customer, at AS date, total AS amount FROM big, (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5) five',
        'progress' => function (array $i) { throw new RuntimeException("stopped at {$i['lines']}"); }]);
} catch (RuntimeException $e) {
    echo $e->getMessage(), "\n";
}
$p = Segment\Profiles::fromDatabase($db, ['platform' => 'custom', 'query' => 'SELECT who AS customer, at AS date, total AS amount FROM latin']);
echo "next call: ", count($p), " customers\n";
?>
--EXPECT--
order lines: same customers, 0 differences
NULL dates skipped and counted: yes
4a6f73c3a9 orders=2 monetary=15 country key: no
416e61 orders=1 monetary=1 country key: no
not UTF-8: Segment\DataError: row 2, column 'customer': the customer id is not valid UTF-8 [row 2, column customer]
NULL amount: Segment\DataError: row 2, column 'total': the amount is NULL [row 2, column total]
mapped column missing: Segment\DatabaseError (0): the query's result has no column 'state' for 'status' (columns: who, at, total)
default column missing: Segment\DatabaseError (0): the query's result has no column 'date' for 'date' (columns: customer, amount); name it with option 'map'
syntax error: Segment\DatabaseError (1064): the custom query failed (error 1064: You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version for the right syntax to use near 'SELEC 1' at line 1)
no result set: Segment\DatabaseError (0): the query returns no result set: it must be a SELECT
progress: ok; customers ok
stopped at 65536
next call: 2 customers
