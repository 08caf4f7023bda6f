#!/usr/bin/env bash
# A throw-away MariaDB server for the database tests: Debian's mariadbd on
# loopback, in a temporary data directory, with the PrestaShop and Magento
# tables of ../shared/schemas filled with generated orders (tests/mysql/fill.php,
# fixed seed).
#
#   bash tests/mysql/server.sh start DIR   start, load, write DIR/env
#   bash tests/mysql/server.sh stop DIR    stop the server, remove DIR
#
# DIR/env holds shell assignments the tests read from the environment:
#   SEG_MYSQL_HOST=127.0.0.1 SEG_MYSQL_PORT=<free port> SEG_MYSQL_SOCKET=DIR/mysqld.sock
#   SEG_MYSQL_USER=segtest SEG_MYSQL_PASSWORD=<per run>
# (a test-only account on a server that lives as long as the test run; the
# password is made up per run, and is never a secret worth keeping).
#
# Exit status 2 (and a message) when mariadbd, mariadb-install-db or the
# schemas are missing, so callers can skip.  Environment: SEG_SHARED_SCHEMAS
# (default: ../shared/schemas beside the repository).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cmd=${1:-}
dir=${2:-}
if [ -z "$cmd" ] || [ -z "$dir" ]; then
	echo "usage: $0 start|stop DIR" >&2
	exit 64
fi

if [ "$cmd" = stop ]; then
	if [ -f "$dir/mysqld.pid" ]; then
		pid=$(cat "$dir/mysqld.pid")
		kill "$pid" 2>/dev/null || true
		for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$pid" 2>/dev/null || true
	fi
	rm -rf "$dir"
	exit 0
fi
[ "$cmd" = start ] || { echo "usage: $0 start|stop DIR" >&2; exit 64; }

mariadbd=$(command -v mariadbd || command -v /usr/sbin/mariadbd || true)
install_db=$(command -v mariadb-install-db || true)
client=$(command -v mariadb || command -v mysql || true)
if [ -z "$mariadbd" ] || [ -z "$install_db" ] || [ -z "$client" ]; then
	echo "server.sh: no MariaDB server binaries (apt-get install mariadb-server)" >&2
	exit 2
fi
schemas=${SEG_SHARED_SCHEMAS:-}
if [ -z "$schemas" ]; then
	[ -f "$root/../shared/schemas/prestashop.sql" ] && schemas="$root/../shared/schemas"
fi
if [ -z "$schemas" ] || [ ! -f "$schemas/prestashop.sql" ] || [ ! -f "$schemas/magento.sql" ]; then
	echo "server.sh: no shop schemas (set SEG_SHARED_SCHEMAS to the directory of prestashop.sql and magento.sql)" >&2
	exit 2
fi

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
# A free port: the kernel picks one for a socket we close at once.
port=$(php -r '$s = stream_socket_server("tcp://127.0.0.1:0"); echo explode(":", stream_socket_get_name($s, false))[1];')

"$install_db" --no-defaults --user=root --datadir="$dir/data" --auth-root-authentication-method=socket \
	--skip-test-db >"$dir/install.log" 2>&1 || { cat "$dir/install.log" >&2; exit 1; }

# setsid: the server outlives this script, and a Ctrl-C of the caller's
# terminal does not reach it before `stop`.
setsid "$mariadbd" --no-defaults --user=root --datadir="$dir/data" --socket="$dir/mysqld.sock" \
	--pid-file="$dir/mysqld.pid" --skip-networking=0 --bind-address=127.0.0.1 --port="$port" \
	--log-error="$dir/error.log" --innodb-buffer-pool-size=64M --skip-log-bin --skip-name-resolve \
	</dev/null >/dev/null 2>&1 &

for _ in $(seq 1 300); do
	[ -S "$dir/mysqld.sock" ] && "$client" --no-defaults --socket="$dir/mysqld.sock" -uroot -e 'SELECT 1' >/dev/null 2>&1 && break
	sleep 0.1
done
if ! "$client" --no-defaults --socket="$dir/mysqld.sock" -uroot -e 'SELECT 1' >/dev/null 2>&1; then
	echo "server.sh: mariadbd did not start:" >&2
	tail -n 30 "$dir/error.log" >&2
	exit 1
fi

password="t$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
sql() { "$client" --no-defaults --socket="$dir/mysqld.sock" -uroot "$@"; }

sql <<EOF
CREATE DATABASE seg_presta CHARACTER SET utf8mb4;
CREATE DATABASE seg_magento CHARACTER SET utf8mb4;
CREATE DATABASE seg_custom CHARACTER SET utf8mb4;
CREATE DATABASE seg_store CHARACTER SET utf8mb4;
CREATE USER 'segtest'@'127.0.0.1' IDENTIFIED BY '$password';
CREATE USER 'segtest'@'localhost' IDENTIFIED BY '$password';
GRANT SELECT ON seg_presta.* TO 'segtest'@'127.0.0.1', 'segtest'@'localhost';
GRANT SELECT ON seg_magento.* TO 'segtest'@'127.0.0.1', 'segtest'@'localhost';
GRANT SELECT ON seg_custom.* TO 'segtest'@'127.0.0.1', 'segtest'@'localhost';
-- the membership store's tests (tests/mysql/store_*.phpt) create, fill and
-- drop their own tables here, each test with its own table prefix
GRANT ALL ON seg_store.* TO 'segtest'@'127.0.0.1', 'segtest'@'localhost';
EOF

# PrestaShop's installer placeholders, twice: prefix ps_ and a second shop
# with prefix shop2_ (the prefix option).
for prefix in ps_ shop2_; do
	sed -e "s/PREFIX_/$prefix/g" -e 's/ENGINE_TYPE/InnoDB/g' -e 's/COLLATION/COLLATE=utf8mb4_general_ci/g' \
		"$schemas/prestashop.sql" | sql seg_presta
done
{ echo 'SET FOREIGN_KEY_CHECKS=0;'; cat "$schemas/magento.sql"; } | sql seg_magento

php "$here/fill.php" | sql

cat >"$dir/env" <<EOF
SEG_MYSQL_HOST=127.0.0.1
SEG_MYSQL_PORT=$port
SEG_MYSQL_SOCKET=$dir/mysqld.sock
SEG_MYSQL_USER=segtest
SEG_MYSQL_PASSWORD=$password
EOF
echo "server.sh: MariaDB $("$mariadbd" --version | awk '{print $3}') on 127.0.0.1:$port and $dir/mysqld.sock, data loaded"
