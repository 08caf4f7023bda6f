#!/usr/bin/env bash
# Builds segment with AddressSanitizer + UBSan in a scratch copy of the tree
# and runs the PHPT suite with Debian's (uninstrumented) php.
#
#   bash scripts/asan-phpt.sh                  all tests
#   TESTS=tests/phpt/foo bash scripts/asan-phpt.sh   some tests
#
# php loads extensions with RTLD_DEEPBIND, which the sanitizer runtime
# refuses; tests/asan/deepbind_shim.c is preloaded (before libasan and
# libubsan) to clear that flag.  Every php that run-tests.php starts goes
# through a wrapper that sets LD_PRELOAD and copies its stderr to a log, so
# a sanitizer report fails the run even when a test's EXPECTF would have
# matched it.  (UBSan ignores log_path when ASan is loaded, hence the tee.)
#
# Environment: CC (default gcc: its libasan/libubsan are preloaded),
# SEG_ASAN_CFLAGS, SEG_ASAN_DIR (build here instead of a fresh temp dir),
# SEG_ASAN_KEEP=1 (keep the build dir even on success), TEST_PHP_ARGS.
# Exit status: 0 when every test passed and no sanitizer reported anything.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cc=${CC:-gcc}
san_cflags=${SEG_ASAN_CFLAGS:--fsanitize=address,undefined -fno-omit-frame-pointer -g}
php_bin=$(command -v "${PHP:-php}")
php_bin=$(readlink -f "$php_bin")

libasan=$("$cc" -print-file-name=libasan.so)
libubsan=$("$cc" -print-file-name=libubsan.so)
for lib in "$libasan" "$libubsan"; do
	[ -e "$lib" ] || { echo "asan-phpt: $cc has no $lib (install libasan/libubsan for $cc)" >&2; exit 2; }
done

if [ -n "${SEG_ASAN_DIR:-}" ]; then
	work=$SEG_ASAN_DIR
	rm -rf "$work"
	mkdir -p "$work"
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/segment-asan.XXXXXX")
fi
echo "asan-phpt: building in $work"

# Copy the sources (tracked and untracked-but-not-ignored files, with their
# mtimes, so make does not think segment_arginfo.h is stale).
if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
	(cd "$root" && git ls-files -z -co --exclude-standard |
		tar --null -T - --ignore-failed-read -cf - 2>/dev/null) | tar -xf - -C "$work"
else
	(cd "$root" && tar -cf - --exclude=./.git .) | tar -xf - -C "$work"
	if [ -f "$work/Makefile" ]; then (cd "$work" && make distclean >/dev/null 2>&1) || true; fi
fi

cd "$work"
phpize >phpize.log 2>&1 || { cat phpize.log; exit 1; }
bash scripts/gen-arginfo.sh --link-build
CFLAGS="$san_cflags" LDFLAGS="-fsanitize=address,undefined" CC="$cc" \
	./configure --enable-segment $(bash scripts/mysql-flag.sh) >configure.log 2>&1 || { tail -n 40 configure.log; exit 1; }
make -j"$(nproc 2>/dev/null || echo 2)" >make.log 2>&1 || { tail -n 60 make.log; exit 1; }

"$cc" -shared -fPIC -O2 -o "$work/deepbind_shim.so" tests/asan/deepbind_shim.c -ldl

san_log="$work/sanitizer-stderr.log"
: >"$san_log"
cat >"$work/php-san" <<EOF
#!/usr/bin/env bash
export LD_PRELOAD="$work/deepbind_shim.so:$libasan:$libubsan\${LD_PRELOAD:+:\$LD_PRELOAD}"
exec 2> >(tee -a "$san_log" >&2)
exec "$php_bin" "\$@"
EOF
chmod +x "$work/php-san"

export USE_ZEND_ALLOC=0 ZEND_DONT_UNLOAD_MODULES=1 SKIP_ASAN=1 NO_INTERACTION=1 REPORT_EXIT_STATUS=1
export ASAN_OPTIONS=${ASAN_OPTIONS:-verify_asan_link_order=0:detect_leaks=0:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TEST_PHP_ARGS="-q ${TEST_PHP_ARGS:-}"

set +e
make test PHP_EXECUTABLE="$work/php-san" ${TESTS:+TESTS="$TESTS"} 2>&1 | tee test.log
test_rc=${PIPESTATUS[0]}
set -e

fail=0
failed=$(sed -n 's/^Tests failed *: *\([0-9]*\).*/\1/p' test.log | tail -n 1)
passed=$(sed -n 's/^Tests passed *: *\([0-9]*\).*/\1/p' test.log | tail -n 1)
if [ "$test_rc" -ne 0 ] || [ -z "$passed" ] || [ "${failed:-0}" != 0 ]; then
	echo "asan-phpt: run-tests failed (exit $test_rc, passed ${passed:-?}, failed ${failed:-?})"
	fail=1
fi

pattern='ERROR: (Address|Leak|Undefined)Sanitizer|runtime error:|AddressSanitizer:DEADLYSIGNAL|SUMMARY: (Address|Undefined)Sanitizer'
reports=$( { grep -lE "$pattern" "$san_log" 2>/dev/null || true
	find tests -name '*.out' -exec grep -lE "$pattern" {} + 2>/dev/null || true; } | sort -u)
if [ -n "$reports" ]; then
	echo "asan-phpt: sanitizer reports in:"
	echo "$reports" | sed 's/^/  /'
	echo "---- first reports ----"
	grep -E -A 30 "$pattern" "$san_log" | head -n 120
	fail=1
fi

if [ $fail -ne 0 ]; then
	echo "asan-phpt: FAILED; build and logs kept in $work"
	exit 1
fi
echo "asan-phpt: OK (${passed} passed, 0 failed, no sanitizer reports)"
if [ -z "${SEG_ASAN_DIR:-}" ] && [ "${SEG_ASAN_KEEP:-0}" != 1 ]; then
	cd / && rm -rf "$work"
fi
