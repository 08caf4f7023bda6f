#!/usr/bin/env bash
# The main job on bundled data, no server needed: builds the extension if
# modules/segment.so is missing or older than the sources, then runs
# `bin/segment analyze` on the sample order export examples/orders.csv: a
# summary in the terminal and segment-report.html, a self-contained report.
#
#   bash scripts/demo.sh                 the analysis and the report
#   bash scripts/demo.sh rules [ARGS]    the rule-language example instead:
#                                        examples/segment.php on
#                                        examples/customers.csv (ARGS e.g. --list)
#
# Installs Debian's php-dev and php-cli first when they are missing.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

missing=()
for p in php-dev php-cli php-parser make gcc; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	sudo=
	if [ "$(id -u)" != 0 ]; then sudo=sudo; fi
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

stale=0
if [ ! -f modules/segment.so ]; then
	stale=1
elif [ -n "$(find segment*.c php_segment.h segment_arginfo.h src -newer modules/segment.so -print -quit)" ]; then
	stale=1
fi
if [ "$stale" = 1 ]; then
	echo "== building the extension (phpize, configure, make)" >&2
	log=$(mktemp)
	if ! { phpize && bash scripts/gen-arginfo.sh --link-build && ./configure --enable-segment &&
	       make clean && make -j"${JOBS:-2}"; } >"$log" 2>&1; then
		tail -n 40 "$log" >&2
		rm -f "$log"
		exit 1
	fi
	rm -f "$log"
fi

if [ "${1:-}" = rules ]; then
	shift
	exec php -d extension="$root/modules/segment.so" examples/segment.php "$@"
fi

php -d extension="$root/modules/segment.so" bin/segment analyze examples/orders.csv --out segment-report.html
echo
echo "The report: $root/segment-report.html (open it in a browser: one file, no server, no network)."
echo "More: php -d extension=$root/modules/segment.so bin/segment --help (docs/cli.md)"
