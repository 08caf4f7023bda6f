#!/usr/bin/env bash
# Fails when the C sources listed in config.m4, listed in config.w32 and
# present on disk (./*.c and src/*.c) are not the same set.
#
#   scripts/check-sources.sh                     the check above
#   scripts/check-sources.sh --package           also: package.xml lists exactly
#                                                the files a release ships
#   scripts/check-sources.sh --package-contents  print <file> lines for
#                                                package.xml's <contents>
set -euo pipefail
cd "$(dirname "$0")/.."

# Files a PECL release ships: build files, glue, core, docs and tests.
packaged_files() {
	if git rev-parse --git-dir >/dev/null 2>&1; then
		git ls-files -co --exclude-standard
	else
		find . -type f -not -path './.git/*' | sed 's|^\./||'
	fi | grep -E '^(config\.m4|config\.w32|[^/]+\.[ch]|[^/]+\.stub\.php|LICENSE|CHANGELOG\.md|README\.md|src/.+|docs/.+|tests/.+|bin/segment|cli/.+|examples/.+)$' |
		grep -vE '^tests/c/build(-san)?/' | LC_ALL=C sort
}

# bin/segment is installed as a command (bin_dir), cli/ beside PEAR's PHP
# code (php_dir/segment/cli/, where bin/segment looks when it is not in a
# checkout), the examples as documentation.
role_of() {
	case "$1" in
	tests/*) echo test ;;
	docs/* | examples/* | LICENSE | CHANGELOG.md | README.md) echo doc ;;
	bin/*) echo script ;;
	cli/*) echo php ;;
	*) echo src ;;
	esac
}

if [ "${1:-}" = --package-contents ]; then
	packaged_files | while read -r f; do
		extra=
		case "$f" in cli/*) extra=' baseinstalldir="segment"' ;; esac
		printf '   <file name="%s" role="%s"%s/>\n' "$f" "$(role_of "$f")" "$extra"
	done
	exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

c_files() { grep -oE '[A-Za-z0-9_./-]+\.c\b' | sed 's|^\./||' || true; }

# config.m4: every *.c word outside dnl comments (root files and src/...).
sed -e 's/\bdnl\b.*//' config.m4 | c_files | sort -u >"$tmp/m4"

# config.w32: EXTENSION() names root files; ADD_SOURCES(... "/src", ...) src/ files.
sed -e 's|//.*||' config.w32 >"$tmp/w32.js"
{
	grep -E '^[[:space:]]*EXTENSION\(' "$tmp/w32.js" | c_files
	grep -E '^[[:space:]]*ADD_SOURCES\(.*"/src"' "$tmp/w32.js" |
		sed -E 's/^[^,]*,//' | c_files | sed 's|^|src/|'
} | sort -u >"$tmp/w32"

# Disk.
{ ls -1 -- *.c 2>/dev/null || true; ls -1 src/*.c 2>/dev/null || true; } | sort -u >"$tmp/disk"

status=0
report() { # name-a file-a name-b file-b
	if ! cmp -s "$2" "$4"; then
		status=1
		echo "check-sources: $1 and $3 differ:"
		comm -23 "$2" "$4" | sed "s|^|  only in $1: |"
		comm -13 "$2" "$4" | sed "s|^|  only in $3: |"
	fi
}
report config.m4 "$tmp/m4" config.w32 "$tmp/w32"
report config.m4 "$tmp/m4" disk "$tmp/disk"
[ -s "$tmp/m4" ] || { echo "check-sources: no sources found in config.m4"; status=1; }

if [ "${1:-}" = --package ]; then
	packaged_files >"$tmp/shipped"
	grep -oE '<file [^>]*name="[^"]+"' package.xml | sed -E 's/.*name="([^"]+)"/\1/' |
		LC_ALL=C sort -u >"$tmp/pkg"
	if ! cmp -s "$tmp/pkg" "$tmp/shipped"; then
		status=1
		echo "check-sources: package.xml and the tree differ (scripts/check-sources.sh --package-contents prints the list):"
		comm -23 "$tmp/pkg" "$tmp/shipped" | sed 's|^|  only in package.xml: |'
		comm -13 "$tmp/pkg" "$tmp/shipped" | sed 's|^|  not in package.xml: |'
	fi
fi
if [ $status -eq 0 ]; then
	echo "check-sources: $(wc -l <"$tmp/m4") C files agree in config.m4, config.w32 and on disk"
fi
exit $status
