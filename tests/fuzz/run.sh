#!/usr/bin/env bash
# Builds the fuzz targets, replays the seed corpus through each one as a
# regression check, then fuzzes each for SECONDS (default 60) on a
# temporary copy of the corpus, so the repository is never modified.
#
#   bash tests/fuzz/run.sh 300
#
# Exits non-zero when any target reports a crash, a leak, undefined
# behaviour, a broken invariant, a timeout or running out of memory.
# Reproducers are kept in tests/fuzz/build/artifacts/<target>/ (ignored by
# git); replay one with:  tests/fuzz/build/fuzz_rules FILE
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
seconds=${1:-60}
case $seconds in
	'' | *[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;;
esac

bash "$here/build.sh" || exit 1

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

work=$(mktemp -d "${TMPDIR:-/tmp}/segment-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

failed=0
declare -A corpus=([fuzz_rules]=rules [fuzz_values]=values [fuzz_csv]=csv [fuzz_kmeans_model]=kmeans_model
	[fuzz_context]=context [fuzz_dsn]=dsn)
declare -A dict=([fuzz_rules]=rules.dict [fuzz_context]=context.dict)

for target in fuzz_rules fuzz_values fuzz_csv fuzz_kmeans_model fuzz_context fuzz_dsn; do
	bin=$here/build/$target
	seeds=$here/corpus/${corpus[$target]}
	artifacts=$here/build/artifacts/$target
	mkdir -p "$artifacts"

	echo "== $target: replaying $(find "$seeds" -type f | wc -l) seed inputs"
	files=()
	while IFS= read -r -d '' f; do files+=("$f"); done < <(find "$seeds" -type f -print0 | sort -z)
	if [ ${#files[@]} -gt 0 ]; then
		if ! "$bin" -runs=1 "${files[@]}" >"$work/$target.replay.log" 2>&1; then
			echo "== $target: a seed input fails:"
			tail -n 40 "$work/$target.replay.log"
			failed=1
			continue
		fi
	fi

	if [ "$seconds" -gt 0 ]; then
		echo "== $target: fuzzing for $seconds s"
		mkdir -p "$work/$target"
		cp -R "$seeds/." "$work/$target/"
		opts=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096
			-print_final_stats=1 -artifact_prefix="$artifacts/")
		if [ -n "${dict[$target]:-}" ] && [ -f "$here/${dict[$target]}" ]; then
			opts+=(-dict="$here/${dict[$target]}")
		fi
		if ! "$bin" "${opts[@]}" "$work/$target" >"$work/$target.log" 2>&1; then
			echo "== $target: FAILED; reproducer(s) in $artifacts:"
			ls -1 "$artifacts"
			grep -E -m 5 'ERROR|runtime error|invariant failed|SUMMARY' "$work/$target.log"
			tail -n 60 "$work/$target.log"
			failed=1
		else
			grep -E '^stat::(number_of_executed_units|peak_rss_mb)|cov:' "$work/$target.log" | tail -n 3
		fi
	fi
done

if [ $failed -ne 0 ]; then
	echo "run.sh: FAILED"
	exit 1
fi
echo "run.sh: ok"
