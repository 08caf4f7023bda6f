#!/bin/bash
# Where the extension's time goes: perf record (DWARF call graphs) of one
# ext.php run, then the share of samples (self and with children) of every
# symbol. report.php reads the text this writes and groups it (CSV parsing,
# date parsing, hash table, sorts, scores()).
#
# Usage: bench/rfm/profile.sh ORDERS.csv DATA(gen|uci) OUT.txt
#   PHP=php, EXT=-d extension=/path/to/segment.so (as run.sh sets it), CPU=0, FREQ=499
set -u
[ $# -eq 3 ] || { echo "usage: $0 ORDERS.csv gen|uci OUT.txt" >&2; exit 2; }
file=$1 data=$2 out=$3
dir=$(cd "$(dirname "$0")" && pwd)
command -v perf >/dev/null || { echo "perf not found (apt-get install linux-perf)" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/segment-rfm-perf.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# shellcheck disable=SC2086
cmd="${PHP:-php} ${EXT:-} -d date.timezone=UTC $dir/ext.php $file --data=$data"
# shellcheck disable=SC2086
taskset -c "${CPU:-0}" perf record -q -F "${FREQ:-499}" --call-graph dwarf,16384 -o "$tmp/perf.data" \
    $cmd >"$tmp/ext.json" 2>"$tmp/perf.err" || { cat "$tmp/perf.err" >&2; exit 1; }
{
    echo "# command: $cmd"
    echo "# ext.php: $(cat "$tmp/ext.json")"
    perf report -i "$tmp/perf.data" --children --sort symbol --stdio -g none 2>/dev/null |
        grep -E '^ +[0-9]|Samples|Event count'
} >"$out"
echo "wrote $out"
