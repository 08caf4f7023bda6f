#!/usr/bin/env bash
# Runs every test of segment: source-list and arginfo checks, an in-tree
# build that must be free of compiler warnings in our sources, the PHPT
# suite, the PHPUnit suite (when there is one) and the C unit tests.
# The last line is "N passed, M failed" over all of those tests; the exit
# status is non-zero when a test or a step failed.
#
#   bash scripts/test.sh
#
# Environment: JOBS (make -j, default 2), SEG_NO_APT=1 (never install
# packages), TEST_PHP_ARGS (appended to -q), TESTS (PHPT subset).
#
# The build has MySQL/MariaDB support (--with-segment-mysql) when the client
# library is installed (scripts/mysql-flag.sh).  The database tests
# (tests/mysql) then run against a throw-away MariaDB server started here
# (tests/mysql/server.sh), or against the one SEG_MYSQL_PORT etc. name (as
# .ci/run starts one for every step); without server binaries they skip, and
# this script says so.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=${JOBS:-2}
logs=$(mktemp -d "${TMPDIR:-/tmp}/segment-test.XXXXXX")
trap 'rm -rf "$logs"' EXIT # replaced below once a database server may run

# ---- dependencies ------------------------------------------------------
deps=(php-dev php-cli php-parser php-xml php-mbstring phpunit make gcc libc6-dev python3-pandas python3-sklearn
	mariadb-server default-libmysqlclient-dev php-mysql smarty4)
missing=()
for p in "${deps[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	if [ "${SEG_NO_APT:-0}" = 1 ]; then
		echo "test.sh: missing packages: ${missing[*]} (SEG_NO_APT=1, not installing)" >&2
	else
		echo "== installing ${missing[*]}"
		sudo=
		if [ "$(id -u)" != 0 ]; then sudo=sudo; fi
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
	fi
fi

# ---- bookkeeping -------------------------------------------------------
passed=0
failed=0
broken_steps=()
step() { echo; echo "== $*"; }
broke() { broken_steps+=("$1"); echo "test.sh: FAILED: $1"; }

# ---- static checks ------------------------------------------------------
step "check-sources"
bash scripts/check-sources.sh --package || broke "check-sources (config.m4, config.w32, package.xml)"

step "gen-arginfo --check"
bash scripts/gen-arginfo.sh --check || broke "segment_arginfo.h is stale or cannot be generated"

# ---- build -------------------------------------------------------------
built=0
step "build (phpize, configure, make -j$jobs)"
if ! phpize >"$logs/phpize.log" 2>&1; then
	cat "$logs/phpize.log"
	broke "phpize"
elif ! bash scripts/gen-arginfo.sh --link-build ||
     ! ./configure --enable-segment $(bash scripts/mysql-flag.sh) >"$logs/configure.log" 2>&1; then
	tail -n 40 "$logs/configure.log" 2>/dev/null || true
	broke "configure"
else
	make clean >/dev/null 2>&1 || true # recompile everything so every warning shows
	if ! make -j"$jobs" >"$logs/make.log" 2>&1; then
		grep -E 'error|warning' "$logs/make.log" | head -n 60 || true
		tail -n 20 "$logs/make.log"
		broke "make"
	else
		built=1
	fi
	# Warnings in our own files (not in PHP's headers) fail the build.
	root_re=$(printf '%s' "$root" | sed 's/[.[\*^$()+?{|]/\\&/g')
	if grep -E "^(\./|$root_re/)?((src/)?seg[a-z0-9_]*|segment[a-z0-9_]*|php_segment)\.[ch]:[0-9]+(:[0-9]+)?: warning:" \
			"$logs/make.log" >"$logs/warnings.log"; then
		echo "compiler warnings in our sources:"
		cat "$logs/warnings.log"
		broke "compiler warnings"
	elif [ $built = 1 ]; then
		echo "build OK, no warnings in our sources"
	else
		echo "(no warnings in our sources before the failure)"
	fi
fi

# ---- a MariaDB server for tests/mysql ----------------------------------------
db_dir=
stop_db() { if [ -n "$db_dir" ]; then bash tests/mysql/server.sh stop "$db_dir" || true; fi; rm -rf "$logs"; }
trap stop_db EXIT
if [ $built = 1 ]; then
	step "database tests: MariaDB server"
	if [ -z "$(bash scripts/mysql-flag.sh)" ]; then
		echo "SKIPPING the database tests: no MySQL/MariaDB client library (apt-get install default-libmysqlclient-dev)"
	elif [ -n "${SEG_MYSQL_PORT:-}" ]; then
		echo "using the server at 127.0.0.1:$SEG_MYSQL_PORT (SEG_MYSQL_PORT)"
	else
		db_dir=$(mktemp -d "${TMPDIR:-/tmp}/segment-mariadb.XXXXXX")
		set +e
		bash tests/mysql/server.sh start "$db_dir"
		rc=$?
		set -e
		if [ $rc -eq 0 ]; then
			set -a
			# shellcheck disable=SC1091
			. "$db_dir/env"
			set +a
		elif [ $rc -eq 2 ]; then
			echo "SKIPPING the database tests (tests/mysql): see the reason above"
		else
			broke "tests/mysql/server.sh could not start MariaDB"
		fi
	fi
fi

# ---- PHPT --------------------------------------------------------------
if [ $built = 1 ]; then
	step "PHPT (make test)"
	set +e
	NO_INTERACTION=1 REPORT_EXIT_STATUS=1 TEST_PHP_ARGS="-q ${TEST_PHP_ARGS:-}" \
		make test ${TESTS:+TESTS="$TESTS"} >"$logs/phpt.log" 2>&1
	rc=$?
	set -e
	sed -e 's/\x1b\[[0-9;]*m//g' "$logs/phpt.log" |
		sed -n -e '/^Number of tests/,/^Time taken/p' -e '/^[A-Z ]*TEST SUMMARY$/,/^=====/p'
	p=$(sed -n 's/^Tests passed *: *\([0-9]*\).*/\1/p' "$logs/phpt.log" | tail -n 1)
	f=$(sed -n 's/^Tests failed *: *\([0-9]*\).*/\1/p' "$logs/phpt.log" | tail -n 1)
	if [ -z "$p" ] && grep -qE 'No tests (were run|found)' "$logs/phpt.log"; then
		echo "no PHPT tests found"
		p=0 f=0
	fi
	if [ -z "$p" ]; then
		tail -n 30 "$logs/phpt.log"
		broke "make test produced no summary"
	else
		passed=$((passed + p))
		failed=$((failed + ${f:-0}))
		echo "PHPT: $p passed, ${f:-0} failed"
		if [ "$rc" -ne 0 ] && [ "${f:-0}" = 0 ]; then broke "make test exited $rc (borked or leaked tests?)"; fi
	fi
fi

# ---- PHPUnit (if the suite exists) ---------------------------------------
phpunit_cfg=
for c in phpunit.xml phpunit.xml.dist tests/phpunit/phpunit.xml tests/phpunit/phpunit.xml.dist; do
	[ -f "$c" ] && { phpunit_cfg=$c; break; }
done
# phpunit_step LABEL JUNIT COMMAND...: runs a PHPUnit command that writes
# a JUnit report to JUNIT and adds its counts to the totals.
phpunit_step() {
	local label=$1 junit=$2 rc p f
	shift 2
	set +e
	"$@" --log-junit "$junit"
	rc=$?
	set -e
	if [ -f "$junit" ]; then
		read -r p f < <(php -r '$x = simplexml_load_file($argv[1]); $t = $x->testsuite ?: $x;
			$n = (int)$t["tests"]; $bad = (int)$t["failures"] + (int)$t["errors"];
			echo ($n - $bad - (int)$t["skipped"]), " ", $bad, "\n";' "$junit")
		passed=$((passed + p))
		failed=$((failed + f))
		echo "$label: $p passed, $f failed"
		if [ "$rc" -ne 0 ] && [ "$f" = 0 ]; then broke "$label: phpunit exited $rc"; fi
	else
		broke "$label: phpunit wrote no report (exit $rc)"
	fi
}

if [ $built = 1 ] && { [ -n "$phpunit_cfg" ] || compgen -G 'tests/phpunit/*Test.php' >/dev/null; }; then
	step "PHPUnit"
	args=()
	if [ -n "$phpunit_cfg" ]; then args+=(-c "$phpunit_cfg"); else args+=(tests/phpunit); fi
	phpunit_step PHPUnit "$logs/phpunit.xml" php -d extension="$root/modules/segment.so" "$(command -v phpunit)" "${args[@]}"
fi

# ---- the PrestaShop module (module-prestashop/tests) ----------------------
if [ $built = 1 ] && [ -f module-prestashop/tests/phpunit.xml ]; then
	step "PrestaShop module: PHPUnit (module-prestashop/tests/run.sh)"
	if [ -z "${SEG_MYSQL_SOCKET:-}" ]; then
		echo "SKIPPING the PrestaShop module's tests: no database server (see above)"
	else
		SEGMENT_SO="$root/modules/segment.so" phpunit_step "PrestaShop module" "$logs/module-prestashop.xml" \
			bash module-prestashop/tests/run.sh
	fi
fi

# ---- the Magento module (module-magento/Test) -------------------------------
if [ $built = 1 ] && [ -f module-magento/Test/phpunit.xml ]; then
	step "Magento module: PHPUnit (module-magento/Test)"
	phpunit_step "Magento module" "$logs/phpunit-magento.xml" \
		php -d extension="$root/modules/segment.so" "$(command -v phpunit)" -c module-magento/Test/phpunit.xml
fi

# ---- C unit tests ------------------------------------------------------
step "C unit tests (make -C tests/c)"
set +e
make -C tests/c >"$logs/ctest.log" 2>&1
rc=$?
set -e
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$logs/ctest.log" | tail -n 1 || true)
if [ -z "$line" ]; then
	tail -n 40 "$logs/ctest.log"
	broke "C tests did not build or run"
else
	grep -vE '^(make|cc|gcc|clang|mkdir)|^[0-9]+ passed' "$logs/ctest.log" | grep -v '/seg_tests *$' || true
	echo "C: $line"
	passed=$((passed + ${line%% passed*}))
	c_failed=${line#*, }
	failed=$((failed + ${c_failed%% failed}))
	if [ "$rc" -ne 0 ] && [ "${c_failed%% failed}" = 0 ]; then broke "make -C tests/c exited $rc"; fi
fi

# ---- summary -----------------------------------------------------------
echo
status=0
if [ ${#broken_steps[@]} -gt 0 ]; then
	status=1
	for s in "${broken_steps[@]}"; do echo "failed step: $s"; done
fi
[ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed"
exit $status
