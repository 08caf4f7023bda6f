#!/usr/bin/env bash
# The benchmark's own MariaDB: Debian's mariadbd on 127.0.0.1 and a Unix
# socket, its data directory kept in $RECOMPUTE_BENCH_DIR between runs (never
# the shops' servers on 3307/3308; the port is picked once, free, above 3400).
#
#   bench/recompute/db.sh start                 start (initialise the data directory the first time)
#   bench/recompute/db.sh load CUSTOMERS ORDERS generate (once) and load a shop into database
#                                               seg_CUSTOMERS_ORDERS (once; kept between runs)
#   bench/recompute/db.sh env                   print the connection settings (shell assignments)
#   bench/recompute/db.sh stop                  stop the server (the data stays)
#   bench/recompute/db.sh destroy               stop and delete the whole directory
#
# Environment: RECOMPUTE_BENCH_DIR (default ${TMPDIR:-/tmp}/segment-recompute-bench),
# BUFFER_POOL (innodb_buffer_pool_size, default 6G: the 10M-order shop is 5.9 GB with its indexes,
# 3.5 GB of it the rows the queries read),
# SEG_SHARED_SCHEMAS (default ../shared/schemas beside the repository),
# PYTHON (default /usr/bin/python3, with numpy).
#
# Tables: PrestaShop's own DDL (prestashop.sql, prefix ps_, InnoDB, utf8mb4) for ps_customer,
# ps_address, ps_country, ps_order_state and ps_orders, every index included; ps_country and
# ps_order_state hold 20 countries and PrestaShop's 13 default states (logable as the installer
# sets it); the rest comes from generate.py through LOAD DATA INFILE. The bench account
# `segbench` (password in $DIR/env) may read and write seg_* databases.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
DIR=${RECOMPUTE_BENCH_DIR:-${TMPDIR:-/tmp}/segment-recompute-bench}
BUFFER_POOL=${BUFFER_POOL:-6G}
PYTHON=${PYTHON:-/usr/bin/python3}
cmd=${1:-}

client() { mariadb --no-defaults --socket="$DIR/mysqld.sock" -uroot "$@"; }
running() { [ -S "$DIR/mysqld.sock" ] && client -e 'SELECT 1' >/dev/null 2>&1; }

start() {
	mkdir -p "$DIR"
	DIR=$(cd "$DIR" && pwd)
	if running; then return 0; fi
	local mariadbd
	mariadbd=$(command -v mariadbd || echo /usr/sbin/mariadbd)
	[ -x "$mariadbd" ] && command -v mariadb-install-db >/dev/null && command -v mariadb >/dev/null ||
		{ echo "db.sh: no MariaDB server binaries (apt-get install mariadb-server)" >&2; exit 2; }
	if [ ! -d "$DIR/data/mysql" ]; then
		mariadb-install-db --no-defaults --user=root --datadir="$DIR/data" --auth-root-authentication-method=socket \
			--skip-test-db >"$DIR/install.log" 2>&1 || { cat "$DIR/install.log" >&2; exit 1; }
	fi
	if [ ! -f "$DIR/port" ]; then
		php -r 'for ($p = 3400; $p < 3500; $p++) { $s = @stream_socket_server("tcp://127.0.0.1:$p"); if ($s) { echo $p; exit; } } exit(1);' >"$DIR/port"
	fi
	local port
	port=$(cat "$DIR/port")
	# setsid: the server outlives this script; sized so that the whole shop stays in memory.
	setsid "$mariadbd" --no-defaults --user=root --datadir="$DIR/data" --socket="$DIR/mysqld.sock" \
		--pid-file="$DIR/mysqld.pid" --skip-networking=0 --bind-address=127.0.0.1 --port="$port" \
		--log-error="$DIR/error.log" --skip-log-bin --skip-name-resolve \
		--innodb-buffer-pool-size="$BUFFER_POOL" --innodb-log-file-size=1G --innodb-flush-log-at-trx-commit=2 \
		--local-infile=1 --secure-file-priv="" --max-allowed-packet=256M --tmp-table-size=256M \
		--max-heap-table-size=256M \
		</dev/null >/dev/null 2>&1 &
	for _ in $(seq 1 600); do running && break; sleep 0.1; done
	running || { echo "db.sh: mariadbd did not start:" >&2; tail -n 30 "$DIR/error.log" >&2; exit 1; }
	if [ ! -f "$DIR/env" ]; then
		local password
		password="b$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
		client <<-EOF
			CREATE USER IF NOT EXISTS 'segbench'@'localhost' IDENTIFIED BY '$password';
			CREATE USER IF NOT EXISTS 'segbench'@'127.0.0.1' IDENTIFIED BY '$password';
			GRANT ALL ON \`seg\\_%\`.* TO 'segbench'@'localhost', 'segbench'@'127.0.0.1';
		EOF
		cat >"$DIR/env" <<-EOF
			SEG_BENCH_HOST=127.0.0.1
			SEG_BENCH_PORT=$port
			SEG_BENCH_SOCKET=$DIR/mysqld.sock
			SEG_BENCH_USER=segbench
			SEG_BENCH_PASSWORD=$password
		EOF
	fi
	echo "db.sh: MariaDB $("$mariadbd" --version | awk '{print $3}') on 127.0.0.1:$port and $DIR/mysqld.sock (buffer pool $BUFFER_POOL)" >&2
}

load() {
	local nc=$1 no=$2
	local db="seg_${nc}_${no}" data="$DIR/shop-${nc}-${no}"
	start
	if [ "$(client -N -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema='$db' AND table_name='loaded'")" = 1 ]; then
		echo "db.sh: $db is loaded already" >&2
		return 0
	fi
	if [ ! -f "$data/done" ]; then
		echo "db.sh: generating $nc customers and $no orders into $data" >&2
		"$PYTHON" "$here/generate.py" "$data" --customers "$nc" --orders "$no" >&2
	fi
	local schemas=${SEG_SHARED_SCHEMAS:-}
	if [ -z "$schemas" ]; then
		[ -f "$root/../shared/schemas/prestashop.sql" ] && schemas="$root/../shared/schemas"
	fi
	[ -n "$schemas" ] && [ -f "$schemas/prestashop.sql" ] ||
		{ echo "db.sh: no prestashop.sql (set SEG_SHARED_SCHEMAS)" >&2; exit 2; }
	echo "db.sh: loading $db" >&2
	local t0=$SECONDS
	client -e "DROP DATABASE IF EXISTS \`$db\`; CREATE DATABASE \`$db\` CHARACTER SET utf8mb4"
	# The five tables, as PrestaShop's installer declares them.
	"$PYTHON" - "$schemas/prestashop.sql" <<-'EOF' | client "$db"
		import re, sys
		text = open(sys.argv[1]).read()
		for name in ("customer", "address", "country", "order_state", "orders"):
		    m = re.search(r"CREATE TABLE `PREFIX_%s` \(.*?\) ENGINE=ENGINE_TYPE[^;]*;" % name, text, re.S)
		    sql = m.group(0).replace("PREFIX_", "ps_").replace("ENGINE_TYPE", "InnoDB")
		    print(sql.replace("COLLATION", "COLLATE=utf8mb4_general_ci"))
	EOF
	client "$db" >/dev/null <<-EOF
		SET time_zone = '+00:00', unique_checks = 0, foreign_key_checks = 0;
		INSERT INTO ps_order_state (id_order_state, invoice, send_email, module_name, color, unremovable, hidden,
		                            logable, delivery, shipped, paid, pdf_invoice, pdf_delivery, deleted) VALUES
		 (1, 0, 1, 'ps_checkpayment', '#34209E', 1, 0, 0, 0, 0, 0, 0, 0, 0),
		 (2, 1, 1, '', '#3498D8', 1, 0, 1, 0, 0, 1, 1, 0, 0),
		 (3, 1, 1, '', '#3498D8', 1, 0, 1, 1, 0, 1, 0, 0, 0),
		 (4, 1, 1, '', '#01b887', 1, 0, 1, 1, 1, 1, 1, 1, 0),
		 (5, 1, 0, '', '#01b887', 1, 0, 1, 1, 1, 1, 1, 1, 0),
		 (6, 0, 1, '', '#2C3E50', 1, 0, 0, 0, 0, 0, 0, 0, 0),
		 (7, 1, 1, '', '#ec2e15', 1, 0, 0, 0, 0, 1, 0, 0, 0),
		 (8, 0, 1, '', '#8f0621', 1, 0, 0, 0, 0, 0, 0, 0, 0),
		 (9, 1, 1, '', '#3498D8', 1, 0, 1, 0, 0, 1, 0, 0, 0),
		 (10, 0, 1, 'ps_wirepayment', '#34209E', 1, 0, 0, 0, 0, 0, 0, 0, 0),
		 (11, 1, 1, '', '#3498D8', 1, 0, 1, 0, 0, 1, 0, 0, 0),
		 (12, 0, 1, '', '#34209E', 1, 0, 0, 0, 0, 0, 0, 0, 0),
		 (13, 0, 1, 'ps_cashondelivery', '#34209E', 1, 0, 0, 0, 0, 0, 0, 0, 0);
		INSERT INTO ps_country (id_country, id_zone, iso_code, active, display_tax_label) VALUES
		 (1, 1, 'FR', 1, 1), (2, 1, 'DE', 1, 1), (3, 1, 'GB', 1, 1), (4, 1, 'ES', 1, 1), (5, 1, 'IT', 1, 1),
		 (6, 1, 'BE', 1, 1), (7, 1, 'NL', 1, 1), (8, 2, 'US', 1, 1), (9, 1, 'CH', 1, 1), (10, 1, 'PL', 1, 1),
		 (11, 1, 'PT', 1, 1), (12, 1, 'AT', 1, 1), (13, 2, 'CA', 1, 1), (14, 1, 'SE', 1, 1), (15, 1, 'IE', 1, 1),
		 (16, 1, 'DK', 1, 1), (17, 1, 'FI', 1, 1), (18, 1, 'NO', 1, 1), (19, 1, 'LU', 1, 1), (20, 1, 'CZ', 1, 1);
		LOAD DATA INFILE '$data/customer.tsv' INTO TABLE ps_customer
		 (id_customer, id_gender, is_guest, deleted, newsletter, @ts)
		 SET date_add = FROM_UNIXTIME(@ts), date_upd = FROM_UNIXTIME(@ts), firstname = 'Jane', lastname = 'Doe',
		     email = CONCAT('customer', id_customer, '@example.com'), passwd = 'x', active = 1 - deleted,
		     id_lang = 1, secure_key = MD5(id_customer);
		LOAD DATA INFILE '$data/address.tsv' INTO TABLE ps_address
		 (id_address, id_customer, id_country, @ts)
		 SET date_add = FROM_UNIXTIME(@ts), date_upd = FROM_UNIXTIME(@ts), alias = 'Home', lastname = 'Doe',
		     firstname = 'Jane', address1 = '1 Main Street', postcode = '75001', city = 'Paris';
		LOAD DATA INFILE '$data/orders.tsv' INTO TABLE ps_orders
		 (id_order, id_customer, id_address_delivery, current_state, id_currency, @rate, @cents, @ts)
		 SET reference = LPAD(CONV(id_order, 10, 36), 9, 'X'), id_carrier = 1, id_lang = 1, id_cart = id_order,
		     id_address_invoice = id_address_delivery, payment = 'Card', module = 'ps_checkout',
		     conversion_rate = @rate / 1000000, total_paid = @cents / 100, total_paid_tax_incl = @cents / 100,
		     total_paid_tax_excl = ROUND(@cents / 120, 6), total_paid_real = @cents / 100,
		     total_products = @cents / 100, total_products_wt = @cents / 100,
		     invoice_date = FROM_UNIXTIME(@ts), delivery_date = FROM_UNIXTIME(@ts),
		     valid = current_state IN (2, 3, 4, 5, 9, 11), date_add = FROM_UNIXTIME(@ts), date_upd = FROM_UNIXTIME(@ts);
		ANALYZE TABLE ps_customer, ps_address, ps_country, ps_order_state, ps_orders;
		CREATE TABLE loaded (customers INT, orders INT, seconds INT);
	EOF
	client "$db" -e "INSERT INTO loaded VALUES ($nc, $no, $((SECONDS - t0)))"
	echo "db.sh: $db loaded in $((SECONDS - t0)) s" >&2
}

case "$cmd" in
start) start ;;
load)
	[ $# -eq 3 ] || { echo "usage: $0 load CUSTOMERS ORDERS" >&2; exit 64; }
	load "$2" "$3"
	;;
env)
	start
	cat "$DIR/env"
	;;
stop)
	if [ -f "$DIR/mysqld.pid" ]; then
		pid=$(cat "$DIR/mysqld.pid")
		kill "$pid" 2>/dev/null || true
		for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	fi
	;;
destroy)
	"$0" stop
	rm -rf "$DIR"
	;;
*)
	echo "usage: $0 start|load CUSTOMERS ORDERS|env|stop|destroy" >&2
	exit 64
	;;
esac
