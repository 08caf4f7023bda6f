#!/usr/bin/env bash
# The Magento module's added cost per storefront request (issue 8): a
# throw-away MariaDB (tests/mysql/server.sh, as the module's tests use; reused
# when SEG_MYSQL_SOCKET is set), a generated shop with the module's tables and
# its own full recompute (setup.php), then REQUESTS simulated storefront
# requests through the module's plugin, observer, view model and
# CurrentSegments, checked against Segment\Model::assign() and timed ROUNDS
# times (bench.php). Writes the "magento" section of bench/RESULTS.md
# (REPORT_TO=FILE elsewhere). Every PHP process and the server run under
# nice -n NICE (default 19: the machine may be shared).
#
#   bench/magento/run.sh                         # CUSTOMERS=3000 REQUESTS=10000 ROUNDS=7
#   SEGMENT_SO=/path/segment.so ROUNDS=3 bench/magento/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
so=${SEGMENT_SO:-$root/modules/segment.so}
customers=${CUSTOMERS:-3000}
requests=${REQUESTS:-10000}
rounds=${ROUNDS:-7}
niceness=${NICE:-19}
report=${REPORT_TO:-bench/RESULTS.md}
export MAGENTO_BENCH_DIR=${MAGENTO_BENCH_DIR:-${TMPDIR:-/tmp}/segment-magento-bench}
if [ ! -f "$so" ]; then
	echo "run.sh: no extension at $so (build with --with-segment-mysql, or set SEGMENT_SO)" >&2
	exit 1
fi
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
mkdir -p "$MAGENTO_BENCH_DIR"

started=
stop_db() {
	if [ -n "$started" ]; then
		bash tests/mysql/server.sh stop "$started"
		started=
	fi
}
trap stop_db EXIT
if [ -z "${SEG_MYSQL_SOCKET:-}" ]; then
	db=$(mktemp -d "${TMPDIR:-/tmp}/segment-mgbench-db.XXXXXX")
	started=$db
	nice -n "$niceness" bash tests/mysql/server.sh start "$db" >/dev/null
	set -a; . "$db/env"; set +a
fi

php=(nice -n "$niceness" php -d extension="$so" -d opcache.enable_cli=1 -d opcache.jit=off -d memory_limit=512M)
"${php[@]}" bench/magento/setup.php "$customers"
"${php[@]}" bench/magento/bench.php --requests="$requests" --rounds="$rounds" >"$MAGENTO_BENCH_DIR/results.jsonl"
stop_db

cmd="SEGMENT_SO=$so CUSTOMERS=$customers REQUESTS=$requests ROUNDS=$rounds NICE=$niceness bench/magento/run.sh"
php bench/magento/report.php "$report" "$MAGENTO_BENCH_DIR/results.jsonl" "$so" "$cmd" "$load_before"
