/*
 * seg_dsn.h - MySQL/MariaDB connection settings: a URL-style DSN or
 * key/value pairs (the PHP array form) into one struct.
 *
 *   mysql://user:password@host:3306/database?socket=/run/mysqld/mysqld.sock&ssl_ca=/etc/ca.pem
 *
 * "mariadb://" is accepted too.  Every part is optional; user, password,
 * host, database and query values are percent-decoded (a password with '@'
 * or ':' must be written %40, %3A).  Query keys are the same names as the
 * array form: host, port, socket, user, password, database, ssl_ca,
 * ssl_cert, ssl_key, ssl_verify, connect_timeout.
 *
 * Credentials are never copied into an error message: messages name the
 * part that is wrong (the port, a percent escape in the password, an
 * unknown key), never a value.  seg_dsn_free() wipes the password before
 * freeing it.  Nothing here talks to a server; the glue does
 * (segment_mysql.c).
 */
#ifndef SEG_DSN_H
#define SEG_DSN_H

#include <stdbool.h>
#include <stddef.h>

#include "seg_error.h"

typedef struct seg_dsn {
	char *host;     /* NULL: the client's default (localhost, i.e. the socket) */
	char *user;
	char *password;
	char *database;
	char *socket;
	char *ssl_ca, *ssl_cert, *ssl_key;
	unsigned port;            /* 0: the client's default (3306) */
	int ssl_verify;           /* -1 unset, 0 off, 1 verify the server's certificate and name */
	unsigned connect_timeout; /* seconds; 0: the caller's default */
} seg_dsn;

void seg_dsn_init(seg_dsn *d);

/* Frees the strings (the password wiped first) and re-initializes *d. */
void seg_dsn_free(seg_dsn *d);

/*
 * Parses a "mysql://" or "mariadb://" URL into *d (initialized by the
 * caller; settings already there are replaced).  On error *d keeps what it
 * had parsed so far; free it either way.
 */
seg_status seg_dsn_parse(seg_dsn *d, const char *s, size_t len, seg_error *err);

/*
 * Sets one setting by name, as the array form and the URL's query do.
 * Values are taken as given (no percent-decoding).  Fails on an unknown
 * key, an empty or NUL-containing value where one is needed, a port
 * outside 1-65535, a timeout outside 1-3600, ssl_verify not 0/1/true/false.
 */
seg_status seg_dsn_set(seg_dsn *d, const char *key, size_t klen, const char *val, size_t vlen, seg_error *err);

#endif
