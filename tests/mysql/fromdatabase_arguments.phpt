--TEST--
Profiles::fromDatabase(): bad options and connection settings are ValueError/TypeError before any connection, and never show a password (with or without MySQL support)
--EXTENSIONS--
segment
--FILE--
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
--EXPECT--
no platform: ValueError: Segment\Profiles::fromDatabase(): Argument #2 ($options) must give option 'platform': "prestashop", "magento" or "custom"
bad platform: ValueError: Segment\Profiles::fromDatabase(): Argument #2 ($options) option 'platform' must be "prestashop", "magento" or "custom"
custom without query: ValueError: Segment\Profiles::fromDatabase(): Argument #2 ($options) option 'query' (a SELECT) is required with platform "custom"
query with prestashop: ValueError: Segment\Profiles::fromDatabase(): Argument #2 ($options) options 'query' and 'map' are for platform "custom" only
prefix with a quote: ValueError: Segment\Profiles::fromDatabase(): Argument #2 ($options) option 'prefix' may only hold the letters A-Z and a-z, digits and '_', at most 64 of them
prefix too long: ValueError: Segment\Profiles::fromDatabase(): Argument #2 ($options) option 'prefix' may only hold the letters A-Z and a-z, digits and '_', at most 64 of them
prefix with custom: ValueError: Segment\Profiles::fromDatabase(): Argument #2 ($options) option 'prefix' is for the prestashop and magento platforms; a custom query names its own tables
unknown option: ValueError: Segment\Profiles::fromDatabase(): Argument #2 ($options) has an unknown option 'prefx' (known: platform, prefix, query, map, cancelled_statuses, returns, reference, progress, customer, since, shop)
map not an array: ValueError: Segment\Profiles::fromDatabase(): Argument #2 ($options) option 'map' must be an array such as ['customer' => 'id_customer', ...]
map unknown key: ValueError: Segment\Profiles::fromDatabase(): Argument #2 ($options) option 'map' has an unknown key 'client' (known: customer, order, date, amount, status, country)
map empty column: ValueError: Segment\Profiles::fromDatabase(): Argument #2 ($options) option 'map': 'customer' must name a column of the query's result
statuses with prestashop: ValueError: Segment\Profiles::fromDatabase(): Argument #2 ($options) option 'cancelled_statuses' does not apply to PrestaShop: an order counts when its state is logable (docs/mysql.md)
bad returns: ValueError: option 'returns' must be "exclude" or "net", "keep" given
not a mysql URL: ValueError: Segment\Profiles::fromDatabase(): Argument #1 ($connection) is not a valid connection string: a connection string must start with mysql:// or mariadb://
bad port: ValueError: Segment\Profiles::fromDatabase(): Argument #1 ($connection) is not a valid connection string: the port must be a number from 1 to 65535
bad escape in password: ValueError: Segment\Profiles::fromDatabase(): Argument #1 ($connection) is not a valid connection string: the password has a '%' not followed by two hex digits
unknown URL key: ValueError: Segment\Profiles::fromDatabase(): Argument #1 ($connection) is not a valid connection string: unknown connection setting 'sslmode' (known: host, port, socket, user, password, database, ssl_ca, ssl_cert, ssl_key, ssl_verify, connect_timeout)
unknown array key: ValueError: Segment\Profiles::fromDatabase(): Argument #1 ($connection) unknown connection setting 'passwd' (known: host, port, socket, user, password, database, ssl_ca, ssl_cert, ssl_key, ssl_verify, connect_timeout)
list instead of settings: ValueError: Segment\Profiles::fromDatabase(): Argument #1 ($connection) must have string keys (host, port, socket, user, password, database, ssl_ca, ssl_cert, ssl_key, ssl_verify, connect_timeout)
array value: TypeError: Segment\Profiles::fromDatabase(): Argument #1 ($connection) setting 'host' must be a string, an int or a bool, array given
NUL in password: ValueError: Segment\Profiles::fromDatabase(): Argument #1 ($connection) setting 'password' contains a NUL byte
bad timeout: ValueError: Segment\Profiles::fromDatabase(): Argument #1 ($connection) connect_timeout must be a number of seconds from 1 to 3600
