--TEST--
Profiles::fromDatabase(): unreachable server, wrong password, unknown database, missing tables, a missing column, TLS required by the client: each a Segment\DatabaseError with a clear message that holds neither the user name nor the password, nor does the trace (#[\SensitiveParameter])
--INI--
zend.exception_ignore_args=0
pcre.jit=0
--EXTENSIONS--
segment
--SKIPIF--
<?php require __DIR__ . '/mysql.inc'; if ($r = seg_db_skip_reason()) die("skip $r");
--FILE--
<?php
require __DIR__ . '/mysql.inc';
$user = getenv('SEG_MYSQL_USER');
$secret = 'Wr0ng-Pa55word';

function attempt(string $label, #[\SensitiveParameter] array|string $conn, array $opts): void {
    global $user, $secret;
    try {
        Segment\Profiles::fromDatabase($conn, $opts);
        echo "$label: no error\n";
    } catch (Segment\DatabaseError $e) {
        $m = $e->getMessage();
        // volatile parts: the free port, the server's text after "error N:"
        $shown = preg_replace(['/127\.0\.0\.1:\d+/', '/\(error (\d+): .*\)$/'], ['127.0.0.1:PORT', '(error $1: ...)'], $m);
        echo "$label: ", get_class($e), " code ", $e->getCode(), " SQLSTATE '", $e->getSqlState(), "': $shown\n";
        foreach ([$user, $secret, getenv('SEG_MYSQL_PASSWORD')] as $s)
            if (str_contains($m . $e->getTraceAsString(), $s)) echo "  LEAK: the message shows a credential\n";
    }
}

// a port nobody listens on: bind one, note it, close it
$s = stream_socket_server('tcp://127.0.0.1:0');
$free = (int)explode(':', stream_socket_get_name($s, false))[1];
fclose($s);
$presta = ['platform' => 'prestashop'];

attempt('unreachable', ['host' => '127.0.0.1', 'port' => $free, 'user' => $user, 'password' => $secret, 'connect_timeout' => 5], $presta);
attempt('wrong password', ['password' => $secret] + seg_db('seg_presta'), $presta);
attempt('wrong password, DSN', sprintf('mysql://%s:%s@127.0.0.1:%d/seg_presta', $user, $secret, getenv('SEG_MYSQL_PORT')), $presta);
attempt('unknown database', seg_db('seg_nope'), $presta);
attempt('missing tables', seg_db('seg_presta'), $presta + ['prefix' => 'nope_']);
attempt('missing tables, Magento', seg_db('seg_presta'), ['platform' => 'magento']);
attempt('missing column', seg_db('seg_custom'), $presta + ['prefix' => 'broken_']);
attempt('TLS required, server without TLS', ['ssl_verify' => true] + seg_db('seg_presta'), $presta);
?>
--EXPECT--
unreachable: Segment\DatabaseError code 2002 SQLSTATE 'HY000': cannot reach the database server at 127.0.0.1:PORT (error 2002: ...)
wrong password: Segment\DatabaseError code 1045 SQLSTATE '28000': the database server at 127.0.0.1:PORT refused the user name or password (error 1045)
wrong password, DSN: Segment\DatabaseError code 1045 SQLSTATE '28000': the database server at 127.0.0.1:PORT refused the user name or password (error 1045)
unknown database: Segment\DatabaseError code 1044 SQLSTATE '42000': the database server at 127.0.0.1:PORT refused this user access to the database 'seg_nope' (error 1044)
missing tables: Segment\DatabaseError code 1146 SQLSTATE '42S02': a table of the shop is missing: check option 'platform' and the table prefix (option 'prefix') (error 1146: ...)
missing tables, Magento: Segment\DatabaseError code 1146 SQLSTATE '42S02': a table of the shop is missing: check option 'platform' and the table prefix (option 'prefix') (error 1146: ...)
missing column: Segment\DatabaseError code 1054 SQLSTATE '42S22': a column of the shop's tables is missing: the schema is not the one this platform reader knows (docs/mysql.md) (error 1054: ...)
TLS required, server without TLS: Segment\DatabaseError code 2026 SQLSTATE 'HY000': cannot connect to the database server at 127.0.0.1:PORT (error 2026: ...)
