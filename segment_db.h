/*
 * segment_db.h - what the MySQL/MariaDB glue files share: parsing the
 * $connection argument, connecting, and throwing Segment\DatabaseError with
 * the credentials masked.  Defined in segment_mysql.c (Profiles::fromDatabase)
 * and used by segment_store.c (Segment\Store), so both treat connections,
 * credentials and error texts the same way (docs/mysql.md, section 2).
 */
#ifndef SEGMENT_DB_H
#define SEGMENT_DB_H

#include "php.h"
#include "seg_dsn.h"

#ifdef HAVE_SEGMENT_MYSQL
#include <mysql.h>
#endif

/* Throws Segment\DatabaseError with getCode() code and getSqlState() sqlstate. */
void php_segment_db_throw(zend_long code, const char *sqlstate, const char *fmt, ...) ZEND_ATTRIBUTE_FORMAT(printf, 3, 4);

/* $connection (argument arg), a URL string or an array, into d (which the
 * caller frees with seg_dsn_free() either way).  A ValueError or TypeError
 * names the setting, never a value. */
bool php_segment_db_connection_parse(zend_string *str, HashTable *ht, seg_dsn *d, uint32_t arg);

/* Where a connection goes, for messages: host:port or the socket, never the
 * credentials. */
void php_segment_db_where(const seg_dsn *d, char *buf, size_t cap);

#ifdef HAVE_SEGMENT_MYSQL
/* Connects with utf8mb4, LOCAL INFILE off and the TLS settings of d; NULL
 * with a Segment\DatabaseError that says what went wrong and where. */
MYSQL *php_segment_db_connect(const seg_dsn *d);
/* The same with LOCAL INFILE announced when local_infile: only for a
 * connection that installs its own mysql_set_local_infile_handler() before
 * any statement (the store's loader), so no file is ever read. */
MYSQL *php_segment_db_connect_ex(const seg_dsn *d, bool local_infile);
/* Throws "WHAT (error N: server message)", the message with every
 * occurrence of the user name and password replaced by "***". */
void php_segment_db_throw_mysql(MYSQL *db, const seg_dsn *d, const char *what);
/* The same for a prepared statement's error. */
void php_segment_db_throw_stmt(MYSQL_STMT *st, const seg_dsn *d, const char *what);
#endif

#endif
