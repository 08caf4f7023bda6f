#!/usr/bin/env bash
# Prints the configure flag for MySQL/MariaDB support when the client
# library is installed (mariadb_config, mysql_config, or pkg-config's
# libmariadb / mysqlclient), else nothing.  SEG_MYSQL=0 forces nothing,
# SEG_MYSQL=1 forces the flag (configure then fails loudly if it cannot).
case "${SEG_MYSQL:-auto}" in
	0) exit 0 ;;
	1) echo --with-segment-mysql; exit 0 ;;
esac
if command -v mariadb_config >/dev/null 2>&1 || command -v mysql_config >/dev/null 2>&1 ||
	pkg-config --exists libmariadb 2>/dev/null || pkg-config --exists mysqlclient 2>/dev/null; then
	echo --with-segment-mysql
fi
