#!/bin/bash
# Recompute benchmark (issue 6): the full recompute of a PrestaShop shop in
# MariaDB (read, profiles, RFM, k-means, rules, write memberships) with the
# extension, the same pipeline in plain PHP with PDO, and the floor (MariaDB's
# aggregating SELECT alone). Writes the "recompute" section of
# bench/RESULTS.md. Builds nothing: the extension is modules/segment.so at the
# repository root, built with --with-segment-mysql.
#
# Usage (from anywhere): bench/recompute/run.sh
#   CUSTOMERS=1000000 ORDERS=10000000   the shop (generated and loaded once, kept)
#   ROUNDS=3                            timed rounds
#   NO_CHECK=1                          skip the customer-by-customer cross-check
#   RECOMPUTE_CMD='...'                 the store's recompute command (default: bin/segment recompute,
#                                       when this checkout has it); DSN and DB are in its environment
#   STORE_SO=PATH                       the segment.so with Segment\Store that RECOMPUTE_CMD uses, for
#                                       exporting its table to the cross-check (default modules/segment.so)
#   RECOMPUTE_BENCH_DIR=DIR             server and data (default ${TMPDIR:-/tmp}/segment-recompute-bench)
#   BUFFER_POOL=6G                      innodb_buffer_pool_size of the bench server
#   REPORT_TO=bench/RESULTS.md          the file whose recompute section is rewritten
#   REPORT_NOTE='...'                   one more line for the section (e.g. which build RECOMPUTE_CMD ran)
#   PHP=php
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 2
PHP=${PHP:-php}
CUSTOMERS=${CUSTOMERS:-1000000}
ORDERS=${ORDERS:-10000000}
ROUNDS=${ROUNDS:-3}
REPORT_TO=${REPORT_TO:-bench/RESULTS.md}
export RECOMPUTE_BENCH_DIR=${RECOMPUTE_BENCH_DIR:-${TMPDIR:-/tmp}/segment-recompute-bench}
DB="seg_${CUSTOMERS}_${ORDERS}"
SO="$ROOT/modules/segment.so"

[ -f "$SO" ] || { echo "modules/segment.so not found: phpize && ./configure --enable-segment --with-segment-mysql && make" >&2; exit 2; }
"$PHP" -d extension="$SO" --ri segment | grep -q 'fromDatabase) => enabled' ||
    { echo "modules/segment.so has no MySQL source: rebuild with ./configure --with-segment-mysql" >&2; exit 2; }
"$PHP" -m | grep -qx pdo_mysql || { echo "pdo_mysql missing: apt-get install php8.2-mysql" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time missing: apt-get install time" >&2; exit 2; }

bash bench/recompute/db.sh load "$CUSTOMERS" "$ORDERS" || exit 1
# shellcheck disable=SC1091
. "$RECOMPUTE_BENCH_DIR/env"
export SEG_BENCH_SOCKET SEG_BENCH_USER SEG_BENCH_PASSWORD SEG_BENCH_HOST SEG_BENCH_PORT
export SEG_BENCH_DB="$DB"
export SEG_BENCH_DSN="mariadb://$SEG_BENCH_USER:$SEG_BENCH_PASSWORD@localhost/$DB?socket=$SEG_BENCH_SOCKET"

ARGS=("$DB" --json="$RECOMPUTE_BENCH_DIR/last-results.json" --ext="$SO" --rounds="$ROUNDS" --php="$PHP")
[ "${NO_CHECK:-0}" = 1 ] && ARGS+=(--no-check)
[ -n "${STORE_SO:-}" ] && ARGS+=(--store-ext="$STORE_SO")
NOTES=()
# The store's command, when this checkout has it (branch store, docs/store.md).
if [ -z "${RECOMPUTE_CMD:-}" ] && "$PHP" -d extension="$SO" bin/segment recompute --help >/dev/null 2>&1; then
    RECOMPUTE_CMD="$PHP -d extension=$SO bin/segment recompute --dsn \"\$SEG_BENCH_DSN\" --platform prestashop --reference '2025-01-01 00:00:00' --install --quiet"
fi
if [ -n "${RECOMPUTE_CMD:-}" ]; then
    ARGS+=(--recompute-cmd="$RECOMPUTE_CMD")
else
    echo "== SKIPPED: the extension's own recompute (bin/segment recompute, the membership store) is not in this" >&2
    echo "   checkout yet. The extension side is measured with bench/recompute/ext.php, a stand-in: the" >&2
    echo "   extension's pipeline (fromDatabase, Rfm, KMeans, Model::assign) with the PDO membership writer." >&2
    NOTES+=(--note="**The store's \`bin/segment recompute\` was not available on this branch: the extension side is \`ext.php\`, a stand-in** (the extension's fromDatabase, Rfm::fit, KMeans::fit, Model::assign, and the same PDO membership writer as the peer). Rerun when the store is merged.")
fi
[ -n "${REPORT_NOTE:-}" ] && NOTES+=(--note="$REPORT_NOTE")
load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
    echo "warning: load average $load: other processes are running, timings will be slower" >&2
fi

rc=0
"$PHP" -d date.timezone=UTC bench/recompute/bench.php "${ARGS[@]}" || rc=1
[ -s "$RECOMPUTE_BENCH_DIR/last-results.json" ] || { echo "no results" >&2; exit 1; }
"$PHP" bench/recompute/report.php "$REPORT_TO" "$RECOMPUTE_BENCH_DIR/last-results.json" \
    --alias="$ROOT/=" --alias="$ROOT=." --alias="$RECOMPUTE_BENCH_DIR=\$RECOMPUTE_BENCH_DIR" "${NOTES[@]}" >/dev/null || rc=1
echo "wrote the recompute section of $REPORT_TO (exit $rc)"
exit $rc
