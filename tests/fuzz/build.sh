#!/usr/bin/env bash
# Builds the libFuzzer targets into tests/fuzz/build/ (ignored by git):
#   fuzz_rules   the rule language: compile, validate, eval, match, explain
#   fuzz_values  numeric strings, date strings, comparison
#   fuzz_csv     the CSV reader against a reference reader; date formats
#   fuzz_kmeans_model  a k-means model's numbers as load() checks them; predict
#   fuzz_context the request context: User-Agent, referrer, tags, languages
#   fuzz_dsn     connection strings and settings; database rows and dates; the split read's client-side join
#
#   bash tests/fuzz/build.sh
#
# Environment: CC (default clang-14, else clang), SEG_SRC (the core's
# sources, default src/ of this checkout), EXTRA_CFLAGS.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
src=${SEG_SRC:-$root/src}
out=$here/build
cc=${CC:-$(command -v clang-14 || command -v clang || true)}
if [ -z "$cc" ]; then
	echo "build.sh: clang is required for -fsanitize=fuzzer" >&2
	exit 1
fi

mkdir -p "$out"
flags=(-g -O1 -std=c11 -Wall -Wextra -Werror -fno-omit-frame-pointer
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
	-I"$src")
# shellcheck disable=SC2206
extra=(${EXTRA_CFLAGS:-})

for target in fuzz_rules fuzz_values fuzz_csv fuzz_kmeans_model fuzz_context fuzz_dsn; do
	echo "build.sh: $target"
	"$cc" "${flags[@]}" "${extra[@]}" -o "$out/$target" "$here/$target.c" "$src"/*.c -lm
done
