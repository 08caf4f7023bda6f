#!/bin/bash
# k-means benchmark (issue 4): Segment\KMeans::fit() against scikit-learn
# KMeans (lloyd and elkan, 1 and 2 threads), a pure-PHP k-means (without and
# with the JIT) and a plain -O3 C Lloyd loop, on Gaussian blobs of
# n = 100k and 1M points, d = 3 and 8, k = 4, 8 and 16. Writes the "kmeans"
# section of bench/RESULTS.md. Builds nothing of the extension: it is
# modules/segment.so at the repository root (bash scripts/demo.sh builds it),
# or already loaded by PHP, or SEGMENT_SO=/path/to/segment.so.
#
# Usage (from anywhere): bench/kmeans/run.sh
#   ROUNDS=3            rounds of the k-means++ grid (every method once per round)
#   PLAIN_ROUNDS=1      rounds in which pure PHP runs (it takes minutes)
#   PLAIN_N=100000      the n pure PHP runs on (comma-separated; "" = never)
#   FIXED_ROUNDS=3      rounds of the fixed-init runs (ns per point per iteration; 0 = skip)
#   QUALITY_RESTARTS=30 single restarts per library for the inertia comparison (extension and sklearn lloyd, 1 thread; 0 = skip)
#   N=100000,1000000 D=3,8 K=4,8,16   the grid
#   N_INIT=3 MAX_ITER=100 TOL=1e-4 SEED=0   the same for every method
#   METHODS=REGEX       only these method ids (e.g. 'sklearn|c-lloyd'; fixed-init ids start with "fixed:")
#   KMEANS_BENCH_DIR=DIR  data and the compiled C loop
#                       (default ${TMPDIR:-/tmp}/segment-kmeans-bench; made when missing)
#   NO_EXT=1            run without the extension (its columns stay empty); the report then
#                       goes to $KMEANS_BENCH_DIR/last-report.md, not bench/RESULTS.md
#   OPENBLAS_DIR=DIR    also scikit-learn lloyd with OpenBLAS (DIR holds its libblas.so.3; loaded
#                       with LD_LIBRARY_PATH, nothing installed), e.g. after
#                       apt-get download libopenblas0-pthread && dpkg -x libopenblas0-pthread_*.deb X:
#                       OPENBLAS_DIR=X/usr/lib/x86_64-linux-gnu/openblas-pthread
#   SEGMENT_SO=FILE     the extension to load instead of modules/segment.so
#   REPORT_TO=FILE      write the section into FILE instead of bench/RESULTS.md
#   PHP=php, PYTHON=/usr/bin/python3, CC=gcc
# Exit status: 0 when every fit ran, every reported inertia matches the
# recomputed one and the extension's inertia is within 0.1 % of
# scikit-learn's at equal threads on every configuration; 1 otherwise;
# 2 when something needed is missing.
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 2

PHP=${PHP:-php}
PYTHON=${PYTHON:-/usr/bin/python3}
CC=${CC:-gcc}
ROUNDS=${ROUNDS:-3}
PLAIN_ROUNDS=${PLAIN_ROUNDS:-1}
PLAIN_N=${PLAIN_N-100000}
FIXED_ROUNDS=${FIXED_ROUNDS:-$ROUNDS}
QUALITY_RESTARTS=${QUALITY_RESTARTS:-30}
N=${N:-100000,1000000}
D=${D:-3,8}
K=${K:-4,8,16}
N_INIT=${N_INIT:-3}
MAX_ITER=${MAX_ITER:-100}
TOL=${TOL:-1e-4}
SEED=${SEED:-0}
DIR=${KMEANS_BENCH_DIR:-${TMPDIR:-/tmp}/segment-kmeans-bench}
DATA_SEED=20240615

EXT=""
NO_EXT=${NO_EXT:-0}
if [ "$NO_EXT" != 1 ]; then
    if [ -n "${SEGMENT_SO:-}" ]; then
        EXT=$(cd "$(dirname "$SEGMENT_SO")" && pwd)/$(basename "$SEGMENT_SO")
        [ -f "$EXT" ] || { echo "SEGMENT_SO=$SEGMENT_SO: no such file" >&2; exit 2; }
    elif "$PHP" -m 2>/dev/null | grep -qx segment; then
        EXT=""
    elif [ -f "$ROOT/modules/segment.so" ]; then
        EXT="$ROOT/modules/segment.so"
    else
        echo "modules/segment.so not found: build it first (bash scripts/demo.sh), or NO_EXT=1" >&2
        exit 2
    fi
    if ! "$PHP" ${EXT:+-d extension="$EXT"} -r 'exit(class_exists("Segment\\KMeans") ? 0 : 1);' 2>/dev/null; then
        echo "the extension has no Segment\\KMeans (or does not load): rebuild it (bash scripts/demo.sh), or NO_EXT=1" >&2
        exit 2
    fi
fi
"$PYTHON" -c 'import numpy, sklearn, threadpoolctl' 2>/dev/null ||
    { echo "$PYTHON cannot import numpy, sklearn, threadpoolctl: apt-get install python3-sklearn" >&2; exit 2; }
command -v "$CC" >/dev/null || { echo "$CC missing" >&2; exit 2; }

load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
    echo "warning: load average $load: other processes are running, timings will be slower" >&2
fi

mkdir -p "$DIR" || exit 2
GEN_CMD="$PYTHON bench/kmeans/generate.py $DIR --n ${N//,/ } --d ${D//,/ } --k ${K//,/ } --seed $DATA_SEED"
echo "== data in $DIR"
$GEN_CMD || exit 1

# The C loop: x86-64-v2 (SSE4.2, no AVX) when the CPU has it, else plain -O3.
LLOYD="$DIR/lloyd"
CFLAGS_LLOYD="-std=c11 -O3 -march=x86-64-v2"
if ! grep -qw sse4_2 /proc/cpuinfo || ! grep -qw popcnt /proc/cpuinfo; then
    CFLAGS_LLOYD="-std=c11 -O3"
fi
LLOYD_CMD="$CC $CFLAGS_LLOYD -Wall -Wextra -o $LLOYD bench/kmeans/lloyd.c -lm"
$LLOYD_CMD || exit 2

TMP=$(mktemp -d "${TMPDIR:-/tmp}/segment-kmeans-run.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT INT TERM

ARGS=(--dir="$DIR" --json="$TMP/results.json" --lloyd="$LLOYD" --rounds="$ROUNDS" --plain-rounds="$PLAIN_ROUNDS"
      --plain-n="$PLAIN_N" --fixed-rounds="$FIXED_ROUNDS" --quality-restarts="$QUALITY_RESTARTS" --n="$N" --d="$D" --k="$K" --n-init="$N_INIT"
      --max-iter="$MAX_ITER" --tol="$TOL" --seed="$SEED" --php="$PHP" --python="$PYTHON")
[ -n "${METHODS:-}" ] && ARGS+=(--methods="$METHODS")
if [ -n "${OPENBLAS_DIR:-}" ]; then
    [ -f "$OPENBLAS_DIR/libblas.so.3" ] || { echo "OPENBLAS_DIR=$OPENBLAS_DIR has no libblas.so.3" >&2; exit 2; }
    ARGS+=(--openblas="$(cd "$OPENBLAS_DIR" && pwd)")
fi
if [ "$NO_EXT" = 1 ]; then
    ARGS+=(--no-ext)
elif [ -n "$EXT" ]; then
    ARGS+=(--ext="$EXT")
fi

rc=0
start=$(date +%s)
"$PHP" bench/kmeans/bench.php "${ARGS[@]}" || rc=1
echo "== $(( ($(date +%s) - start) / 60 )) min $(( ($(date +%s) - start) % 60 )) s"
[ -s "$TMP/results.json" ] || { echo "no results" >&2; exit 1; }

# Kept next to the data, so the section can be rewritten without rerunning:
#   php bench/kmeans/report.php bench/RESULTS.md $KMEANS_BENCH_DIR/last-results.json
cp "$TMP/results.json" "$DIR/last-results.json"

RUN_CMD="bench/kmeans/run.sh"
for v in ROUNDS PLAIN_ROUNDS PLAIN_N FIXED_ROUNDS QUALITY_RESTARTS N D K N_INIT MAX_ITER TOL SEED METHODS NO_EXT OPENBLAS_DIR SEGMENT_SO; do
    if [ -n "${!v+x}" ] && [ -n "$(printenv "$v")" ]; then
        RUN_CMD="$v=$(printenv "$v") $RUN_CMD"
    fi
done
EXT_BUILD=""
if [ "$NO_EXT" != 1 ]; then
    if [ -n "$EXT" ]; then
        EXT_BUILD="\`$EXT\` ($(date -u -r "$EXT" '+%Y-%m-%d %H:%M:%S') UTC)"
    else
        EXT_BUILD="loaded by PHP's configuration"
    fi
    if head=$(git rev-parse --short HEAD 2>/dev/null); then
        dirty=$(git status --porcelain -- 'src/*' 'segment*' config.m4 2>/dev/null | wc -l)
        EXT_BUILD="$EXT_BUILD; repository at $head"
        [ "$dirty" != 0 ] && EXT_BUILD="$EXT_BUILD with $dirty uncommitted source files"
    fi
fi
REPORT_ARGS=()
[ -n "$EXT_BUILD" ] && REPORT_ARGS+=(--ext-build="$EXT_BUILD")
OUT=${REPORT_TO:-bench/RESULTS.md}
[ "$NO_EXT" = 1 ] && OUT=${REPORT_TO:-$DIR/last-report.md}
"$PHP" bench/kmeans/report.php "$OUT" "$TMP/results.json" --root="$ROOT" \
    --alias="$DIR=\$KMEANS_BENCH_DIR" --alias="$TMP=\$TMP" \
    --gen-cmd="$GEN_CMD" --lloyd-cmd="$LLOYD_CMD" --run-cmd="$RUN_CMD" "${REPORT_ARGS[@]}" >/dev/null || rc=1
echo "wrote the kmeans section of $OUT"
exit $rc
