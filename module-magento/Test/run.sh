#!/usr/bin/env bash
# Runs the Magento module's PHPUnit suite: builds nothing, needs the
# extension at EXT (default: modules/segment.so of the repository) and a
# MariaDB from tests/mysql/server.sh (started here unless SEG_MYSQL_SOCKET
# is set). Extra arguments go to phpunit.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
ext=${EXT:-$root/modules/segment.so}
started=
if [ -z "${SEG_MYSQL_SOCKET:-}" ]; then
	dir=$(mktemp -d "${TMPDIR:-/tmp}/segment-mg-db.XXXXXX")
	if bash "$root/tests/mysql/server.sh" start "$dir" >/dev/null; then
		set -a; . "$dir/env"; set +a
		started=$dir
	else
		echo "run.sh: no MariaDB server; the database tests will be skipped" >&2
	fi
fi
trap '[ -n "$started" ] && bash "$root/tests/mysql/server.sh" stop "$started"' EXIT
php -d extension="$ext" "$(command -v phpunit)" -c "$here/phpunit.xml" "$@"
