#!/bin/bash
# RFM benchmark: profiles + RFM scores + segment names from an order CSV,
# extension vs pandas vs plain PHP, on (i) a generated file of 10 million
# orders over 1 million customers and (ii) the UCI Online Retail data set.
# Writes the "rfm" section of bench/RESULTS.md. Builds nothing: the extension
# is modules/segment.so at the repository root (bash scripts/demo.sh or
# scripts/test.sh build it), or already loaded by PHP.
#
# Usage (from anywhere): bench/rfm/run.sh
#   RUNS_GEN=3          timed runs per method on the generated file
#   RUNS_UCI=5          timed runs per method on UCI
#   RFM_BENCH_DIR=DIR   where the generated file is kept
#                       (default ${TMPDIR:-/tmp}/segment-rfm-bench; made when missing)
#   SEG_SHARED_DATA=DIR the data sets (default ../shared/data from the repository root)
#   CPU=0               the core every process is pinned to (taskset -c)
#   PROFILE=1           perf profile of the extension (0: skip; needs perf)
#   SKIP_GEN=1 / SKIP_UCI=1, NO_CHECK=1 (skip the cross-check runs)
#   PHP=php, PYTHON=/usr/bin/python3
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 2

PHP=${PHP:-php}
PYTHON=${PYTHON:-/usr/bin/python3}
RUNS_GEN=${RUNS_GEN:-3}
RUNS_UCI=${RUNS_UCI:-5}
CPU=${CPU:-0}
DATA=${SEG_SHARED_DATA:-$ROOT/../shared/data}
DIR=${RFM_BENCH_DIR:-${TMPDIR:-/tmp}/segment-rfm-bench}
SEED=20240615
GEN="$DIR/orders-10m-1m-seed$SEED.csv"

EXT=""
if "$PHP" -m 2>/dev/null | grep -qx segment; then
    EXT=""
elif [ -f "$ROOT/modules/segment.so" ]; then
    EXT="$ROOT/modules/segment.so"
else
    echo "modules/segment.so not found: build it first (bash scripts/demo.sh)" >&2
    exit 2
fi
[ -x /usr/bin/time ] || { echo "/usr/bin/time missing: apt-get install time" >&2; exit 2; }
command -v taskset >/dev/null || { echo "taskset missing (util-linux)" >&2; exit 2; }
"$PYTHON" -c 'import pandas, numpy' 2>/dev/null ||
    { echo "$PYTHON cannot import pandas: apt-get install python3-pandas" >&2; exit 2; }

load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
    echo "warning: load average $load: other processes are running, timings will be slower" >&2
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/segment-rfm-run.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT INT TERM

ARGS=(--json="$TMP/results.json" --runs-gen="$RUNS_GEN" --runs-uci="$RUNS_UCI" --cpu="$CPU"
      --php="$PHP" --python="$PYTHON")
[ -n "$EXT" ] && ARGS+=(--ext="$EXT")
[ "${NO_CHECK:-0}" = 1 ] && ARGS+=(--no-check)
REPORT=()

GEN_CMD="$PYTHON bench/rfm/generate.py $GEN --rows 10000000 --customers 1000000 --seed $SEED"
if [ "${SKIP_GEN:-0}" != 1 ]; then
    if [ ! -s "$GEN" ]; then
        mkdir -p "$DIR" || exit 2
        echo "== generating $GEN (about 450 MB, 30 s)"
        $GEN_CMD || exit 1
    fi
    ARGS+=(--gen="$GEN")
    REPORT+=(--gen-cmd="$GEN_CMD")
fi
if [ "${SKIP_UCI:-0}" != 1 ]; then
    if [ -f "$DATA/online_retail.csv.xz" ]; then
        echo "== decompressing $DATA/online_retail.csv.xz"
        xz -dc "$DATA/online_retail.csv.xz" >"$TMP/online_retail.csv" || exit 1
        ARGS+=(--uci="$TMP/online_retail.csv")
        REPORT+=(--uci-cmd="xz -dc ${SEG_SHARED_DATA:-../shared/data}/online_retail.csv.xz > \$TMP/online_retail.csv")
    else
        echo "UCI data not found at $DATA (set SEG_SHARED_DATA): skipped" >&2
    fi
fi

rc=0
"$PHP" bench/rfm/bench.php "${ARGS[@]}" || rc=1
[ -s "$TMP/results.json" ] || { echo "no results" >&2; exit 1; }

if [ "${PROFILE:-1}" != 0 ] && [ "${SKIP_GEN:-0}" != 1 ] && command -v perf >/dev/null; then
    echo "== perf profile of the extension on the generated file"
    if PHP="$PHP" EXT="${EXT:+-d extension=$EXT}" CPU="$CPU" bash bench/rfm/profile.sh "$GEN" gen "$TMP/perf.txt"; then
        REPORT+=(--profile="$TMP/perf.txt")
    fi
fi

# Kept next to the generated file, so the section can be rewritten without rerunning:
#   php bench/rfm/report.php bench/RESULTS.md $RFM_BENCH_DIR/last-results.json [--profile=...]
mkdir -p "$DIR" && cp "$TMP/results.json" "$DIR/last-results.json" &&
    { [ ! -s "$TMP/perf.txt" ] || cp "$TMP/perf.txt" "$DIR/last-perf.txt"; }

"$PHP" bench/rfm/report.php bench/RESULTS.md "$TMP/results.json" --root="$ROOT" \
    --alias="$TMP=\$TMP" --alias="$DIR=\$RFM_BENCH_DIR" \
    "${REPORT[@]}" >/dev/null || rc=1
echo "wrote the rfm section of bench/RESULTS.md"
exit $rc
