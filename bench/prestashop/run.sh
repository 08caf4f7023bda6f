#!/usr/bin/env bash
# The PrestaShop module's added cost per front-office request (issue 7):
# a throw-away MariaDB (tests/mysql/server.sh, as the module's tests use; or
# the one SEG_MYSQL_SOCKET names), PrestaShop's and the module's tables,
# CUSTOMERS generated customers with orders and a full recompute (setup.php),
# then REQUESTS simulated front requests through the module's hook, ROUNDS
# rounds, after a check of every request against Segment\Model::assign()
# (bench.php). Writes the "prestashop" section of bench/RESULTS.md
# (REPORT_TO=FILE elsewhere). About a minute on two shared cores.
#
#   nice -n 19 bench/prestashop/run.sh      # CUSTOMERS=3000 REQUESTS=10000 ROUNDS=7
#
# Environment: SEGMENT_SO (default: <repo>/modules/segment.so), SEG_MYSQL_SOCKET
# (reuse a running server: root by Unix-socket authentication; the bench
# creates and drops its own database, SEG_PS_BENCH_DB, default seg_psbench).
set -euo pipefail
cd "$(dirname "$0")/../.."
so=${SEGMENT_SO:-$(pwd)/modules/segment.so}
customers=${CUSTOMERS:-3000}
requests=${REQUESTS:-10000}
rounds=${ROUNDS:-7}
report=${REPORT_TO:-bench/RESULTS.md}
if [ ! -f "$so" ]; then
	echo "run.sh: $so is missing: build the extension with --with-segment-mysql, or set SEGMENT_SO" >&2
	exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/segment-ps-bench.XXXXXX")
db_dir=
cleanup() {
	if [ -n "$db_dir" ]; then
		bash tests/mysql/server.sh stop "$db_dir" >/dev/null 2>&1 || true
	elif [ -n "${SEG_MYSQL_SOCKET:-}" ]; then
		mariadb --no-defaults --socket="$SEG_MYSQL_SOCKET" -uroot -e "DROP DATABASE IF EXISTS ${SEG_PS_BENCH_DB:-seg_psbench}" >/dev/null 2>&1 || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT
if [ -z "${SEG_MYSQL_SOCKET:-}" ]; then
	db_dir=$(mktemp -d "${TMPDIR:-/tmp}/segment-ps-bench-db.XXXXXX")
	bash tests/mysql/server.sh start "$db_dir"
	set -a
	# shellcheck disable=SC1091
	. "$db_dir/env"
	set +a
fi

php=(php -d extension="$so" -d opcache.enable_cli=1 -d date.timezone=UTC)
"${php[@]}" bench/prestashop/setup.php "$work" "$customers"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
"${php[@]}" bench/prestashop/bench.php "$work" --requests="$requests" --rounds="$rounds" >"$work/result.json"
php bench/prestashop/report.php "$report" "$work/result.json" "$so" "$load_before" \
	"nice -n 19 bench/prestashop/run.sh (CUSTOMERS=$customers REQUESTS=$requests ROUNDS=$rounds)"
