#!/usr/bin/env bash
# Regenerates segment_arginfo.h from segment.stub.php with php-src's
# gen_stub.php, using Debian's php-parser package (never downloads).
#
#   scripts/gen-arginfo.sh            regenerate segment_arginfo.h
#   scripts/gen-arginfo.sh --check    exit 1 (with a diff) if it is stale
#   scripts/gen-arginfo.sh --link-build
#                                     only make ./build/gen_stub.php (copied
#                                     by phpize) find PHP-Parser, so that
#                                     make's %_arginfo.h rule works offline
#
# Environment: PHP (default php), GEN_STUB (path to gen_stub.php),
# PHP_PARSER_DIR (directory holding PhpParser/, default /usr/share/php).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
php=${PHP:-php}
parser_dir=${PHP_PARSER_DIR:-/usr/share/php}
mode="generate"
case "${1:-}" in
	"") ;;
	--check) mode="check" ;;
	--link-build) mode="link" ;;
	-h|--help) sed -n '2,13p' "$0"; exit 0 ;;
	*) echo "usage: $0 [--check|--link-build]" >&2; exit 2 ;;
esac

die() { echo "gen-arginfo: $*" >&2; exit 2; }

find_gen_stub() {
	if [ -n "${GEN_STUB:-}" ]; then echo "$GEN_STUB"; return; fi
	local ext_dir
	ext_dir=$(php-config --extension-dir 2>/dev/null || true)
	# php-config --extension-dir is /usr/lib/php/<api>; the build dir sits in it.
	for f in "$ext_dir/build/gen_stub.php" \
	         "$(php-config --prefix 2>/dev/null || echo /usr)/lib/php/build/gen_stub.php"; do
		[ -f "$f" ] && { echo "$f"; return; }
	done
	f=$(find /usr/lib/php /usr/share/php -name gen_stub.php 2>/dev/null | sort | tail -n 1)
	[ -n "$f" ] && { echo "$f"; return; }
	die "gen_stub.php not found (install php-dev, or set GEN_STUB)"
}

# The PHP-Parser version gen_stub.php pins, e.g. 4.15.1.
parser_version() {
	sed -n 's/^[[:space:]]*\$version = "\([0-9.]*\)";.*/\1/p' "$1" | head -n 1
}

# Make <dir>/PHP-Parser-<ver>/lib/PhpParser point at Debian's package.
link_parser() {
	local dir=$1 ver=$2
	[ -d "$parser_dir/PhpParser" ] || die "$parser_dir/PhpParser missing (apt-get install php-parser)"
	mkdir -p "$dir/PHP-Parser-$ver/lib"
	ln -sfn "$parser_dir/PhpParser" "$dir/PHP-Parser-$ver/lib/PhpParser"
}

if [ "$mode" = link ]; then
	[ -f "$root/build/gen_stub.php" ] || exit 0 # phpize has not run; nothing to do
	ver=$(parser_version "$root/build/gen_stub.php")
	[ -n "$ver" ] || die "cannot read the PHP-Parser version from build/gen_stub.php"
	link_parser "$root/build" "$ver"
	exit 0
fi

gen_stub=$(find_gen_stub)
ver=$(parser_version "$gen_stub")
[ -n "$ver" ] || die "cannot read the PHP-Parser version from $gen_stub"

stub="$root/segment.stub.php"
arginfo="$root/segment_arginfo.h"
[ -f "$stub" ] || die "$stub not found"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/tool" "$tmp/src"
cp "$gen_stub" "$tmp/tool/gen_stub.php"
link_parser "$tmp/tool" "$ver"
cp "$stub" "$tmp/src/segment.stub.php"

# -f: regenerate even when the stub hash in an old header matches.
if ! (cd "$tmp/src" && "$php" "$tmp/tool/gen_stub.php" -f segment.stub.php) >"$tmp/log" 2>&1 ||
   [ ! -f "$tmp/src/segment_arginfo.h" ]; then
	cat "$tmp/log" >&2
	die "gen_stub.php failed"
fi

if [ "$mode" = check ]; then
	if [ -f "$arginfo" ] && cmp -s "$tmp/src/segment_arginfo.h" "$arginfo"; then
		echo "segment_arginfo.h is up to date"
		exit 0
	fi
	echo "segment_arginfo.h is stale; run scripts/gen-arginfo.sh" >&2
	if [ -f "$arginfo" ]; then
		diff -u --label a/segment_arginfo.h --label b/segment_arginfo.h \
			"$arginfo" "$tmp/src/segment_arginfo.h" >&2 || true
	else
		echo "(segment_arginfo.h does not exist)" >&2
	fi
	exit 1
fi

if [ -f "$arginfo" ] && cmp -s "$tmp/src/segment_arginfo.h" "$arginfo"; then
	echo "segment_arginfo.h unchanged"
else
	cp "$tmp/src/segment_arginfo.h" "$arginfo"
	echo "wrote segment_arginfo.h"
fi
