<?php
$pw = 'Hunter2-secret';
function attempt(string $label, #[\SensitiveParameter] array|string $conn, array $opts): void {
    global $pw;
    try {
        Segment\Profiles::fromDatabase($conn, $opts);
        echo "$label: no error\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ": ", $e->getMessage(), "\n";
        if (str_contains($e->getMessage(), $pw)) echo "  LEAK\n";
    }
}
$c = ['host' => '127.0.0.1', 'user' => 'u', 'password' => $pw];
attempt('no platform', $c, []);
attempt('bad platform', $c, ['platform' => 'shopify']);
attempt('custom without query', $c, ['platform' => 'custom']);
attempt('query with prestashop', $c, ['platform' => 'prestashop', 'query' => 'SELECT 1']);
attempt('prefix with a quote', $c, ['platform' => 'prestashop', 'prefix' => 'ps_`; DROP TABLE x; --']);
attempt('prefix too long', $c, ['platform' => 'magento', 'prefix' => str_repeat('a', 65)]);
attempt('prefix with custom', $c, ['platform' => 'custom', 'query' => 'SELECT 1', 'prefix' => 'x_']);
attempt('unknown option', $c, ['platform' => 'prestashop', 'prefx' => 'ps_']);
attempt('map not an array', $c, ['platform' => 'custom', 'query' => 'SELECT 1', 'map' => 'customer']);
attempt('map unknown key', $c, ['platform' => 'custom', 'query' => 'SELECT 1', 'map' => ['client' => 'id']]);
attempt('map empty column', $c, ['platform' => 'custom', 'query' => 'SELECT 1', 'map' => ['customer' => '']]);
attempt('statuses with prestashop', $c, ['platform' => 'prestashop', 'cancelled_statuses' => ['6']]);
attempt('bad returns', $c, ['platform' => 'magento', 'returns' => 'keep']);
attempt('not a mysql URL', "pgsql://u:$pw@h/db", ['platform' => 'magento']);
attempt('bad port', "mysql://u:$pw@h:70000/db", ['platform' => 'magento']);
attempt('bad escape in password', "mysql://u:$pw%G1@h/db", ['platform' => 'magento']);
attempt('unknown URL key', "mysql://u:$pw@h/db?sslmode=require", ['platform' => 'magento']);
attempt('unknown array key', $c + ['passwd' => $pw], ['platform' => 'magento']);
attempt('list instead of settings', ['127.0.0.1', 'u', $pw], ['platform' => 'magento']);
attempt('array value', ['host' => ['a']] + $c, ['platform' => 'magento']);
attempt('NUL in password', ['password' => "a\0b"] + $c, ['platform' => 'magento']);
attempt('bad timeout', ['connect_timeout' => 0] + $c, ['platform' => 'magento']);
?>
