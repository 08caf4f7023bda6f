#!/usr/bin/env bash
# Per-request benchmark (issue 5): obtain the cached model, build the context
# from a realistic request, assign with 20 rules, RFM and k = 8 clusters; the
# extension against the same in plain PHP (Symfony ExpressionLanguage for the
# rules). Both must give the same segments for every one of the 2,000
# requests; then ROUNDS rounds of ITER requests each, alternating, one core.
# Each round also times two variants of the extension's request (ext.php
# --assign: assign() with its attributes array; --stat --assign: the model
# loaded by path, with a stat, as before Model::segments() existed; --shuffled:
# the counted request over the requests in random instead of time order).
# Writes the "request" section of bench/RESULTS.md (REPORT_TO=FILE elsewhere).
#
#   bench/request/run.sh                  # ROUNDS=21, ITER=100000 (extension), PLAIN_ITER=10000
#
# Many short rounds rather than a few long ones: on a shared machine a slow
# spell then spoils a few rounds' ratios, not a third of them.
set -euo pipefail
cd "$(dirname "$0")/../.."
so=${SEGMENT_SO:-$(pwd)/modules/segment.so}
rounds=${ROUNDS:-21}
iter=${ITER:-100000}
plain_iter=${PLAIN_ITER:-10000}
dir=${REQUEST_BENCH_DIR:-${TMPDIR:-/tmp}/segment-request-bench}
report=${REPORT_TO:-bench/RESULTS.md}
pin=()
command -v taskset >/dev/null && pin=(taskset -c "${CPU:-1}")

php -d extension="$so" bench/request/setup.php "$dir"
# opcache.file_update_protection=0: setup.php has just written the files, and
# opcache would otherwise not keep a file younger than 2 s, so the plain
# PHP's require of its model compiled the file on every request of round 1.
ext=("${pin[@]}" php -d extension="$so" -d opcache.enable_cli=1 -d opcache.file_update_protection=0 bench/request/ext.php "$dir")
plain=("${pin[@]}" php -d opcache.enable_cli=1 -d opcache.file_update_protection=0 bench/request/plain.php "$dir")

"${ext[@]}" 0 --dump >"$dir/ext.out"
"${plain[@]}" 0 --dump >"$dir/plain.out"
if ! cmp -s "$dir/ext.out" "$dir/plain.out"; then
	echo "the extension and plain PHP disagree:" >&2
	diff "$dir/ext.out" "$dir/plain.out" | head -20 >&2
	exit 1
fi
echo "segments agree on all $(wc -l <"$dir/ext.out") requests"

: >"$dir/results.jsonl"
for r in $(seq "$rounds"); do
	if [ $((r % 2)) = 1 ]; then
		"${ext[@]}" "$iter" >>"$dir/results.jsonl"
		"${plain[@]}" "$plain_iter" >>"$dir/results.jsonl"
	else
		"${plain[@]}" "$plain_iter" >>"$dir/results.jsonl"
		"${ext[@]}" "$iter" >>"$dir/results.jsonl"
	fi
	"${ext[@]}" "$iter" --assign >>"$dir/results.jsonl"
	"${ext[@]}" "$iter" --stat --assign >>"$dir/results.jsonl"
	"${ext[@]}" "$iter" --shuffled >>"$dir/results.jsonl"
	tail -n 5 "$dir/results.jsonl"
done
php bench/request/report.php "$report" "$dir/results.jsonl" "$so" "$(wc -l <"$dir/ext.out")" \
	"bench/request/run.sh (ROUNDS=$rounds ITER=$iter PLAIN_ITER=$plain_iter)"
