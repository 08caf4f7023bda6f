#!/bin/sh
# Rule-evaluation benchmark: runs bench/rules/bench.php under two PHP
# configurations (opcache without JIT, opcache with tracing JIT) and writes
# the "rules" section of bench/RESULTS.md.  Builds nothing: the extension is
# used when modules/segment.so exists at the repository root (or when PHP
# already loads it).
#
# Usage (from anywhere): bench/rules/run.sh [N=100000] [extra bench.php args]
#   ROUNDS=7  timed passes per method
#   PHP=php   PHP binary
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 2

PHP=${PHP:-php}
N=${1:-100000}
[ $# -gt 0 ] && shift
ROUNDS=${ROUNDS:-7}

EXT=""
if "$PHP" -m 2>/dev/null | grep -qx segment; then
    EXT=""
elif [ -f "$ROOT/modules/segment.so" ]; then
    EXT="-d extension=$ROOT/modules/segment.so"
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/segment-rules-bench.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT INT TERM

BASE="$PHP${EXT:+ $EXT} -d date.timezone=UTC -d memory_limit=4G -d opcache.enable_cli=1"
ARGS="$N --rounds=$ROUNDS${*:+ $*}"
CMD_OFF="$BASE -d opcache.jit=off bench/rules/bench.php $ARGS"
CMD_JIT="$BASE -d opcache.jit=tracing -d opcache.jit_buffer_size=64M bench/rules/bench.php $ARGS"
CMD_NOGC="$BASE -d opcache.jit=off bench/rules/bench.php $ARGS --no-gc"

rc=0
echo "== opcache, JIT off"
echo "\$ $CMD_OFF"
# shellcheck disable=SC2086
$CMD_OFF --json="$TMP/off.json" || rc=1
echo
echo "== opcache, JIT tracing"
echo "\$ $CMD_JIT"
# shellcheck disable=SC2086
$CMD_JIT --json="$TMP/jit.json" || rc=1
echo
echo "== opcache, JIT off, cycle collector off during the timed loops"
echo "\$ $CMD_NOGC"
# shellcheck disable=SC2086
$CMD_NOGC --json="$TMP/nogc.json" || rc=1
echo

# The report shows the commands as run from the repository root.
show() { printf '%s' "${1//$ROOT/\$(pwd)}"; }
"$PHP" bench/rules/report.php bench/RESULTS.md \
    "JIT off=$TMP/off.json=$(show "$CMD_OFF")" \
    "JIT tracing=$TMP/jit.json=$(show "$CMD_JIT")" \
    "JIT off, GC off=$TMP/nogc.json=$(show "$CMD_NOGC")" >/dev/null || rc=1
echo "wrote the rules section of bench/RESULTS.md"
exit $rc
