#!/usr/bin/env bash
# Runs the module's PHPUnit suite (Debian's phpunit, Smarty 4 from Debian's
# smarty4 package) with the extension built in the repository root.
#
#   bash module-prestashop/tests/run.sh [phpunit arguments...]
#
# Uses the MariaDB server SEG_MYSQL_SOCKET names (scripts/test.sh and .ci/run
# start one with tests/mysql/server.sh), else starts a throw-away one here.
# Environment: SEGMENT_SO (default: <repo>/modules/segment.so).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
so=${SEGMENT_SO:-$root/modules/segment.so}
if [ ! -f "$so" ]; then
	echo "run.sh: $so is missing: build the extension first (phpize && ./configure --enable-segment --with-segment-mysql && make)" >&2
	exit 1
fi
if [ ! -f /usr/share/php/smarty4/bootstrap.php ]; then
	echo "run.sh: Smarty 4 is missing (apt-get install smarty4)" >&2
	exit 1
fi
db_dir=
if [ -z "${SEG_MYSQL_SOCKET:-}" ]; then
	db_dir=$(mktemp -d "${TMPDIR:-/tmp}/segment-module-db.XXXXXX")
	trap 'bash "$root/tests/mysql/server.sh" stop "$db_dir" >/dev/null 2>&1 || true' EXIT
	bash "$root/tests/mysql/server.sh" start "$db_dir"
	set -a
	# shellcheck disable=SC1091
	. "$db_dir/env"
	set +a
fi
cd "$here"
php -d extension="$so" "$(command -v phpunit)" -c phpunit.xml "$@"
