/*
 * segment_mysql.c - Segment\Profiles::fromDatabase(): orders streamed from a
 * MySQL or MariaDB shop database into profiles (docs/mysql.md).
 *
 * The query runs with mysql_use_result(): the server sends rows as they are
 * read and the client keeps one row at a time, so memory stays that of the
 * profiles whatever the number of orders.  The SQL of the platforms comes
 * from the core (src/seg_shopdb.c) with nothing in it but a validated table
 * prefix; a custom query is the caller's own text, run as given.
 *
 * Built without --with-segment-mysql, the method still exists, checks its
 * arguments the same way, and throws Segment\DatabaseError saying so: code
 * written for a build with MySQL fails loudly, never silently.
 *
 * Credentials: the password and the user name never reach an exception.
 * Our messages name the host, the port or the socket, the database and the
 * table; a server message is shown only with every occurrence of the user
 * name and the password replaced by "***".
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>

#include "php.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"
#include "zend_attributes.h"
#include "ext/standard/php_string.h"

#include "php_segment.h"
#include "seg_dsn.h"
#include "seg_idmap.h"
#include "seg_shopdb.h"
#include "segment_db.h"

/* ---- errors -------------------------------------------------------------- */

void php_segment_db_throw(zend_long code, const char *sqlstate, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	zend_string *msg = zend_vstrpprintf(0, fmt, ap);
	va_end(ap);
	zval ex;
	object_init_ex(&ex, segment_ce_DatabaseError);
	zend_update_property_str(zend_ce_exception, Z_OBJ(ex), ZEND_STRL("message"), msg);
	zend_update_property_long(zend_ce_exception, Z_OBJ(ex), ZEND_STRL("code"), code);
	zend_update_property_string(segment_ce_DatabaseError, Z_OBJ(ex), ZEND_STRL("sqlState"), sqlstate ? sqlstate : "");
	zend_string_release(msg);
	zend_throw_exception_object(&ex);
}

/* ---- options --------------------------------------------------------------- */

typedef enum { PLATFORM_PRESTASHOP, PLATFORM_MAGENTO, PLATFORM_CUSTOM } platform_t;

/* The result columns a custom query's rows are read from (map option). */
enum { COL_CUSTOMER, COL_ORDER, COL_DATE, COL_AMOUNT, COL_STATUS, COL_COUNTRY, NCOLS };
static const char *const col_keys[NCOLS] = {"customer", "order", "date", "amount", "status", "country"};
/* The platform queries' column names, and a custom query's defaults. */
static const char *const col_defaults[NCOLS] = {"customer", "order_id", "date", "amount", "status", "country"};

typedef struct db_options {
	platform_t platform;
	zend_string *prefix; /* NULL: the platform's default */
	zend_string *query;
	zend_string *customer; /* one customer's orders only (a new reference); NULL: all */
	const char *cols[NCOLS];
	bool col_given[NCOLS]; /* named in 'map': must be in the result */
	bool has_since;        /* 'since': orders before it (or without a date) are not read */
	int64_t since;
	bool has_shop;         /* 'shop': PrestaShop orders of this id_shop only */
	uint64_t shop;
	php_segment_mapping m; /* returns, cancelled statuses, reference, progress */
} db_options;

static bool str_is(const zend_string *s, const char *c)
{
	return ZSTR_LEN(s) == strlen(c) && memcmp(ZSTR_VAL(s), c, ZSTR_LEN(s)) == 0;
}

static bool opt_str(HashTable *opts, const char *name, zend_string **out)
{
	zval *v = zend_hash_str_find_deref(opts, name, strlen(name));
	*out = NULL;
	if (!v || Z_TYPE_P(v) == IS_NULL) return true;
	if (Z_TYPE_P(v) != IS_STRING) {
		zend_argument_value_error(2, "option '%s' must be a string, %s given", name, zend_zval_type_name(v));
		return false;
	}
	*out = Z_STR_P(v);
	return true;
}

static bool options_parse(HashTable *opts, db_options *o)
{
	static const char *const known[] = {"platform", "prefix", "query", "map", "cancelled_statuses",
	                                    "returns", "reference", "progress", "customer", "since", "shop"};
	memset(o, 0, sizeof *o);
	zend_string *key;
	ZEND_HASH_FOREACH_STR_KEY(opts, key) {
		bool ok = false;
		for (size_t i = 0; key && i < sizeof known / sizeof known[0]; i++) ok |= str_is(key, known[i]);
		if (!ok) {
			zend_argument_value_error(2, "has an unknown option%s%s%s (known: platform, prefix, query, map, "
			                          "cancelled_statuses, returns, reference, progress, customer, since, shop)",
			                          key ? " '" : "", key ? ZSTR_VAL(key) : "", key ? "'" : "");
			return false;
		}
	} ZEND_HASH_FOREACH_END();

	zend_string *platform;
	if (!opt_str(opts, "platform", &platform) || !opt_str(opts, "prefix", &o->prefix) ||
	    !opt_str(opts, "query", &o->query))
		return false;
	if (!platform) {
		zend_argument_value_error(2, "must give option 'platform': \"prestashop\", \"magento\" or \"custom\"");
		return false;
	}
	if (zend_string_equals_literal(platform, "prestashop")) o->platform = PLATFORM_PRESTASHOP;
	else if (zend_string_equals_literal(platform, "magento")) o->platform = PLATFORM_MAGENTO;
	else if (zend_string_equals_literal(platform, "custom")) o->platform = PLATFORM_CUSTOM;
	else {
		zend_argument_value_error(2, "option 'platform' must be \"prestashop\", \"magento\" or \"custom\"");
		return false;
	}
	zval *map = zend_hash_str_find_deref(opts, ZEND_STRL("map"));
	if (map && Z_TYPE_P(map) == IS_NULL) map = NULL;
	if (o->platform == PLATFORM_CUSTOM) {
		if (!o->query || ZSTR_LEN(o->query) == 0) {
			zend_argument_value_error(2, "option 'query' (a SELECT) is required with platform \"custom\"");
			return false;
		}
		if (o->prefix) {
			zend_argument_value_error(2, "option 'prefix' is for the prestashop and magento platforms; a custom query names its own tables");
			return false;
		}
	} else if (o->query || map) {
		zend_argument_value_error(2, "options 'query' and 'map' are for platform \"custom\" only");
		return false;
	}
	for (int c = 0; c < NCOLS; c++) o->cols[c] = col_defaults[c];
	if (map) {
		if (Z_TYPE_P(map) != IS_ARRAY) {
			zend_argument_value_error(2, "option 'map' must be an array such as ['customer' => 'id_customer', ...]");
			return false;
		}
		zend_string *k;
		zval *v;
		ZEND_HASH_FOREACH_STR_KEY_VAL(Z_ARRVAL_P(map), k, v) {
			int c = -1;
			for (int i = 0; k && i < NCOLS; i++)
				if (str_is(k, col_keys[i])) c = i;
			if (c < 0) {
				zend_argument_value_error(2, "option 'map' has an unknown key%s%s%s (known: customer, order, date, "
				                          "amount, status, country)",
				                          k ? " '" : "", k ? ZSTR_VAL(k) : "", k ? "'" : "");
				return false;
			}
			ZVAL_DEREF(v);
			if (Z_TYPE_P(v) != IS_STRING || Z_STRLEN_P(v) == 0) {
				zend_argument_value_error(2, "option 'map': '%s' must name a column of the query's result", col_keys[c]);
				return false;
			}
			o->cols[c] = Z_STRVAL_P(v);
			o->col_given[c] = true;
		} ZEND_HASH_FOREACH_END();
	}
	if (o->prefix && !seg_shopdb_prefix_valid(ZSTR_VAL(o->prefix), ZSTR_LEN(o->prefix))) {
		zend_argument_value_error(2, "option 'prefix' may only hold the letters A-Z and a-z, digits and '_', at most %d of them",
		                          SEG_SHOPDB_MAX_PREFIX);
		return false;
	}
	zval *cust = zend_hash_str_find_deref(opts, ZEND_STRL("customer"));
	if (cust && Z_TYPE_P(cust) != IS_NULL) {
		if (Z_TYPE_P(cust) == IS_LONG) {
			o->customer = zend_long_to_str(Z_LVAL_P(cust));
		} else if (Z_TYPE_P(cust) == IS_STRING && Z_STRLEN_P(cust) > 0) {
			o->customer = zend_string_copy(Z_STR_P(cust));
		} else {
			zend_argument_value_error(2, "option 'customer' must be a customer id (a non-empty string or an int)");
			return false;
		}
		/* PrestaShop's id_customer and Magento's entity_id are unsigned
		 * integers: anything else cannot name a customer */
		bool digits = ZSTR_LEN(o->customer) <= 19;
		for (size_t i = 0; digits && i < ZSTR_LEN(o->customer); i++)
			digits = ZSTR_VAL(o->customer)[i] >= '0' && ZSTR_VAL(o->customer)[i] <= '9';
		if (o->platform != PLATFORM_CUSTOM && !digits) {
			zend_argument_value_error(2, "option 'customer' must be a customer id of digits for platform \"%s\"",
			                          o->platform == PLATFORM_MAGENTO ? "magento" : "prestashop");
			return false;
		}
	}
	/* A window and a shop are filters on the rows read, applied here rather
	 * than in SQL: the platform queries stay constant text (no value of the
	 * caller's ever goes into them), and the whole-shop read stays one scan. */
	zval *since = zend_hash_str_find_deref(opts, ZEND_STRL("since"));
	if (since && Z_TYPE_P(since) != IS_NULL) {
		if (!php_segment_option_time(since, "since", &o->since)) return false;
		o->has_since = true;
	}
	zval *shop = zend_hash_str_find_deref(opts, ZEND_STRL("shop"));
	if (shop && Z_TYPE_P(shop) != IS_NULL) {
		if (o->platform != PLATFORM_PRESTASHOP) {
			zend_argument_value_error(2, "option 'shop' (orders.id_shop) is for platform \"prestashop\"");
			return false;
		}
		if (Z_TYPE_P(shop) != IS_LONG || Z_LVAL_P(shop) < 0) {
			zend_argument_value_error(2, "option 'shop' must be a shop id (an int of 0 or more)");
			return false;
		}
		o->shop = (uint64_t)Z_LVAL_P(shop);
		o->has_shop = true;
	}
	zval *st = zend_hash_str_find_deref(opts, ZEND_STRL("cancelled_statuses"));
	if (o->platform == PLATFORM_PRESTASHOP && st && Z_TYPE_P(st) != IS_NULL) {
		zend_argument_value_error(2, "option 'cancelled_statuses' does not apply to PrestaShop: an order counts when its "
		                          "state is logable (docs/mysql.md)");
		return false;
	}
	if (!php_segment_policy_parse(opts, &o->m, true)) return false;
	if (o->platform == PLATFORM_PRESTASHOP) {
		o->m.policy.cancelled_statuses = seg_shopdb_prestashop_not_counted;
		o->m.policy.ncancelled_statuses = 1;
	} else if (o->platform == PLATFORM_MAGENTO && !o->m.statuses) {
		o->m.policy.cancelled_statuses = seg_shopdb_magento_not_counted;
		o->m.policy.ncancelled_statuses = 2;
	}
	return true;
}

/* $connection, a string or an array, into d.  Values are never shown. */
bool php_segment_db_connection_parse(zend_string *str, HashTable *ht, seg_dsn *d, uint32_t arg)
{
	seg_error err;
	seg_dsn_init(d);
	if (str) {
		if (seg_dsn_parse(d, ZSTR_VAL(str), ZSTR_LEN(str), &err) != SEG_OK) {
			zend_argument_value_error(arg, "is not a valid connection string: %s", err.message);
			return false;
		}
		return true;
	}
	zend_string *key;
	zval *v;
	ZEND_HASH_FOREACH_STR_KEY_VAL(ht, key, v) {
		if (!key) {
			zend_argument_value_error(arg, "must have string keys (host, port, socket, user, password, database, "
			                          "ssl_ca, ssl_cert, ssl_key, ssl_verify, connect_timeout)");
			return false;
		}
		ZVAL_DEREF(v);
		char buf[32];
		const char *s;
		size_t n;
		switch (Z_TYPE_P(v)) {
		case IS_NULL: continue;
		case IS_STRING: s = Z_STRVAL_P(v); n = Z_STRLEN_P(v); break;
		case IS_LONG: n = (size_t)snprintf(buf, sizeof buf, ZEND_LONG_FMT, Z_LVAL_P(v)); s = buf; break;
		case IS_TRUE: s = "1"; n = 1; break;
		case IS_FALSE: s = "0"; n = 1; break;
		default:
			zend_argument_type_error(arg, "setting '%s' must be a string, an int or a bool, %s given",
			                         ZSTR_LEN(key) <= 32 ? ZSTR_VAL(key) : "?", zend_zval_type_name(v));
			return false;
		}
		if (memchr(s, '\0', n)) {
			zend_argument_value_error(arg, "setting '%s' contains a NUL byte", ZSTR_LEN(key) <= 32 ? ZSTR_VAL(key) : "?");
			return false;
		}
		if (seg_dsn_set(d, ZSTR_VAL(key), ZSTR_LEN(key), s, n, &err) != SEG_OK) {
			zend_argument_value_error(arg, "%s", err.message);
			return false;
		}
	} ZEND_HASH_FOREACH_END();
	return true;
}

#ifdef HAVE_SEGMENT_MYSQL

/* ---- talking to the server ----------------------------------------------- */

/* A server or client message with the user name and password masked; "" when
 * there is none. */
static zend_string *scrubbed(const char *msg, const seg_dsn *d)
{
	zend_string *r = zend_string_init(msg, strlen(msg), 0);
	const char *secrets[] = {d->password, d->user};
	for (size_t i = 0; i < 2; i++) {
		if (!secrets[i] || !*secrets[i]) continue;
		zend_string *t = php_str_to_str(ZSTR_VAL(r), ZSTR_LEN(r), secrets[i], strlen(secrets[i]), "***", 3);
		zend_string_release(r);
		r = t;
	}
	return r;
}

void php_segment_db_throw_mysql(MYSQL *db, const seg_dsn *d, const char *what)
{
	zend_string *m = scrubbed(mysql_error(db), d);
	php_segment_db_throw((zend_long)mysql_errno(db), mysql_sqlstate(db), "%s (error %u: %s)", what, mysql_errno(db), ZSTR_VAL(m));
	zend_string_release(m);
}

void php_segment_db_throw_stmt(MYSQL_STMT *st, const seg_dsn *d, const char *what)
{
	zend_string *m = scrubbed(mysql_stmt_error(st), d);
	php_segment_db_throw((zend_long)mysql_stmt_errno(st), mysql_stmt_sqlstate(st), "%s (error %u: %s)", what,
	                     mysql_stmt_errno(st), ZSTR_VAL(m));
	zend_string_release(m);
}

/* Where we tried to connect, for messages: never the credentials. */
void php_segment_db_where(const seg_dsn *d, char *buf, size_t cap)
{
	if (d->socket) snprintf(buf, cap, "the socket %s", d->socket);
	else snprintf(buf, cap, "%s%s%s:%u", d->host && strchr(d->host, ':') ? "[" : "", d->host ? d->host : "localhost",
	              d->host && strchr(d->host, ':') ? "]" : "", d->port ? d->port : 3306);
}

MYSQL *php_segment_db_connect(const seg_dsn *d)
{
	return php_segment_db_connect_ex(d, false);
}

MYSQL *php_segment_db_connect_ex(const seg_dsn *d, bool local_infile)
{
	MYSQL *db = mysql_init(NULL);
	if (!db) {
		zend_throw_error(NULL, "segment: out of memory for the MySQL client");
		return NULL;
	}
	unsigned timeout = d->connect_timeout ? d->connect_timeout : 10;
	mysql_options(db, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	/* utf8mb4 on the wire: the server converts latin1 and other columns, so
	 * ids and statuses reach us in one encoding (checked per row). */
	mysql_options(db, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	/* Off: a hostile server cannot ask for our files.  On only for the
	 * store's loader connection, whose handler (segment_store.c) streams
	 * rows from memory and never opens a file. */
	unsigned int li = local_infile ? 1 : 0;
	mysql_options(db, MYSQL_OPT_LOCAL_INFILE, &li);
	if (d->ssl_ca) mysql_options(db, MYSQL_OPT_SSL_CA, d->ssl_ca);
	if (d->ssl_cert) mysql_options(db, MYSQL_OPT_SSL_CERT, d->ssl_cert);
	if (d->ssl_key) mysql_options(db, MYSQL_OPT_SSL_KEY, d->ssl_key);
	if (d->ssl_verify >= 0) {
#ifdef MARIADB_PACKAGE_VERSION
		my_bool v = d->ssl_verify ? 1 : 0;
		mysql_options(db, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &v);
		if (d->ssl_verify) {
			/* verifying implies TLS: without it there is no certificate to check */
			my_bool enforce = 1;
			mysql_options(db, MYSQL_OPT_SSL_ENFORCE, &enforce);
		}
#else
		unsigned int mode = d->ssl_verify ? SSL_MODE_VERIFY_IDENTITY : SSL_MODE_PREFERRED;
		mysql_options(db, MYSQL_OPT_SSL_MODE, &mode);
#endif
	}
	if (mysql_real_connect(db, d->host, d->user, d->password, d->database, d->port, d->socket, 0)) return db;

	unsigned e = mysql_errno(db);
	char at[300];
	php_segment_db_where(d, at, sizeof at);
	switch (e) {
	case 1044:
		php_segment_db_throw(e, mysql_sqlstate(db), "the database server at %s refused this user access to the database '%s' (error %u)",
		               at, d->database ? d->database : "", e);
		break;
	case 1045: case 1698: case 1251: case 2059:
		/* the server's text names the user: ours does not */
		php_segment_db_throw(e, mysql_sqlstate(db), "the database server at %s refused the user name or password (error %u)", at, e);
		break;
	case 1130:
		php_segment_db_throw(e, mysql_sqlstate(db), "the database server at %s does not accept connections from this host (error %u)", at, e);
		break;
	case 1049:
		php_segment_db_throw(e, mysql_sqlstate(db), "the database server at %s has no database '%s' (error %u)", at,
		               d->database ? d->database : "", e);
		break;
	case 2002: case 2003: case 2005: case 2006: case 2013: {
		char what[400];
		snprintf(what, sizeof what, "cannot reach the database server at %s", at);
		php_segment_db_throw_mysql(db, d, what);
		break;
	}
	default: {
		char what[400];
		snprintf(what, sizeof what, "cannot connect to the database server at %s", at);
		php_segment_db_throw_mysql(db, d, what);
	}
	}
	mysql_close(db);
	return NULL;
}

/*
 * Lines wait in a batch so that seg_profiles_add_many() can look their
 * customers up together (as segment_csv.c does): a row's strings only live
 * until the next mysql_fetch_row(), so they are copied here.
 */
#define BATCH_LINES 64
#define BATCH_BYTES 8192

typedef struct db_batch {
	seg_order_line lines[BATCH_LINES];
	zend_long rowno[BATCH_LINES];
	size_t n, used;
	char bytes[BATCH_BYTES];
} db_batch;

static void batch_copy(db_batch *b, seg_str *s)
{
	if (!s->len) return;
	memcpy(b->bytes + b->used, s->s, s->len);
	s->s = b->bytes + b->used;
	b->used += s->len;
}

static bool batch_flush(php_segment_profiles *self, db_batch *b)
{
	size_t done;
	seg_error err;
	seg_status st = seg_profiles_add_many(self->profiles, b->lines, b->n, &done, &err);
	size_t n = b->n;
	b->n = b->used = 0;
	if (st == SEG_OK) return true;
	php_segment_throw_data_error(NULL, done < n ? b->rowno[done] : 0, NULL, "%s", err.message);
	return false;
}

static seg_shopdb_field field_at(MYSQL_ROW row, unsigned long *lens, int idx)
{
	seg_shopdb_field f = {NULL, 0};
	if (idx >= 0 && row[idx]) {
		f.s = row[idx];
		f.len = lens[idx];
	}
	return f;
}

/*
 * Where rows come from: the text protocol with mysql_use_result() (a whole
 * shop, streamed), or a prepared statement with the customer id bound (one
 * customer's orders for the store's incremental update: a few rows, kept
 * buffered, and the id never part of the SQL text).  Both give rows as the
 * text protocol does: an array of NUL-terminated strings (NULL for SQL
 * NULL) and their lengths.
 */
typedef struct row_source {
	MYSQL *db;
	MYSQL_RES *res;       /* text protocol; for a statement, its metadata */
	MYSQL_STMT *stmt;     /* NULL: text protocol */
	unsigned nf;
	MYSQL_BIND *binds;
	char **bufs;
	unsigned long *lens;
	my_bool *nulls;
	char **row;
} row_source;

/* 1: a row in *row and *lens; 0: the end; -1: an error (not yet thrown). */
static int source_fetch(row_source *src, MYSQL_ROW *row, unsigned long **lens)
{
	if (!src->stmt) {
		*row = mysql_fetch_row(src->res);
		if (!*row) return mysql_errno(src->db) ? -1 : 0;
		*lens = mysql_fetch_lengths(src->res);
		return 1;
	}
	int r = mysql_stmt_fetch(src->stmt);
	if (r == MYSQL_NO_DATA) return 0;
	if (r != 0 && r != MYSQL_DATA_TRUNCATED) return -1; /* truncation cannot happen: buffers hold max_length */
	for (unsigned i = 0; i < src->nf; i++) {
		src->row[i] = src->nulls[i] ? NULL : src->bufs[i];
		if (!src->nulls[i]) src->bufs[i][src->lens[i]] = '\0';
	}
	*row = src->row;
	*lens = src->lens;
	return 1;
}

static void source_free(row_source *src)
{
	if (src->stmt) {
		for (unsigned i = 0; src->bufs && i < src->nf; i++) efree(src->bufs[i]);
		if (src->bufs) efree(src->bufs);
		if (src->binds) efree(src->binds);
		if (src->lens) efree(src->lens);
		if (src->nulls) efree(src->nulls);
		if (src->row) efree(src->row);
		if (src->res) mysql_free_result(src->res);
		mysql_stmt_close(src->stmt);
	} else if (src->res) {
		mysql_free_result(src->res);
	}
}

static void throw_query_failed(unsigned e, MYSQL *db, MYSQL_STMT *st, const seg_dsn *d, const db_options *o)
{
	const char *hint = o->platform == PLATFORM_CUSTOM ? "the custom query failed"
	                   : e == 1146 ? "a table of the shop is missing: check option 'platform' and the table "
	                                 "prefix (option 'prefix')"
	                   : e == 1054 ? "a column of the shop's tables is missing: the schema is not the one this "
	                                 "platform reader knows (docs/mysql.md)"
	                               : "the orders query failed";
	if (st) php_segment_db_throw_stmt(st, d, hint);
	else php_segment_db_throw_mysql(db, d, hint);
}

/* The prepared statement for one customer (option 'customer'), executed and
 * buffered into src; false with an exception. */
static bool source_prepare(row_source *src, MYSQL *db, const seg_dsn *d, const char *sql, const db_options *o)
{
	MYSQL_STMT *st = src->stmt = mysql_stmt_init(db);
	if (!st) {
		php_segment_db_throw_mysql(db, d, "cannot prepare the orders query");
		return false;
	}
	if (mysql_stmt_prepare(st, sql, strlen(sql))) {
		throw_query_failed(mysql_stmt_errno(st), db, st, d, o);
		return false;
	}
	if (mysql_stmt_param_count(st) != 1) {
		zend_argument_value_error(2, "option 'customer' needs a query with exactly one parameter marker (?) for the "
		                          "customer id, this one has %lu", (unsigned long)mysql_stmt_param_count(st));
		return false;
	}
	MYSQL_BIND param;
	memset(&param, 0, sizeof param);
	long long idnum = 0;
	if (o->platform == PLATFORM_CUSTOM) {
		param.buffer_type = MYSQL_TYPE_STRING;
		param.buffer = ZSTR_VAL(o->customer);
		param.buffer_length = ZSTR_LEN(o->customer);
	} else {
		idnum = ZEND_STRTOL(ZSTR_VAL(o->customer), NULL, 10); /* checked to be digits by options_parse */
		param.buffer_type = MYSQL_TYPE_LONGLONG;
		param.buffer = &idnum;
	}
	my_bool update_max = 1;
	mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &update_max);
	if (mysql_stmt_bind_param(st, &param) || mysql_stmt_execute(st)) {
		throw_query_failed(mysql_stmt_errno(st), db, st, d, o);
		return false;
	}
	src->res = mysql_stmt_result_metadata(st);
	if (!src->res) {
		php_segment_db_throw(0, "", "the query returns no result set: it must be a SELECT");
		return false;
	}
	if (mysql_stmt_store_result(st)) {
		php_segment_db_throw_stmt(st, d, "reading the orders failed");
		return false;
	}
	unsigned nf = src->nf = mysql_num_fields(src->res);
	MYSQL_FIELD *fields = mysql_fetch_fields(src->res);
	src->binds = ecalloc(nf, sizeof *src->binds);
	src->bufs = ecalloc(nf, sizeof *src->bufs);
	src->lens = ecalloc(nf, sizeof *src->lens);
	src->nulls = ecalloc(nf, sizeof *src->nulls);
	src->row = ecalloc(nf, sizeof *src->row);
	for (unsigned i = 0; i < nf; i++) {
		/* every column as text, as the text protocol gives it */
		unsigned long cap = fields[i].max_length + 1;
		if (cap < 64) cap = 64;
		src->bufs[i] = emalloc(cap + 1);
		src->binds[i].buffer_type = MYSQL_TYPE_STRING;
		src->binds[i].buffer = src->bufs[i];
		src->binds[i].buffer_length = cap;
		src->binds[i].length = &src->lens[i];
		src->binds[i].is_null = &src->nulls[i];
	}
	if (mysql_stmt_bind_result(st, src->binds)) {
		php_segment_db_throw_stmt(st, d, "cannot read the orders query's result");
		return false;
	}
	return true;
}

static bool stream(php_segment_profiles *self, MYSQL *db, const seg_dsn *d, const char *sql, db_options *o,
                   const seg_shopdb_lookup *lk);

/*
 * One of the small tables of a split read (seg_shopdb.h) into lk; false
 * with an exception.
 */
static bool read_part(MYSQL *db, const seg_dsn *d, seg_shopdb_part part, const char *sql, seg_shopdb_lookup *lk,
                      const db_options *o)
{
	if (mysql_real_query(db, sql, strlen(sql))) {
		throw_query_failed(mysql_errno(db), db, NULL, d, o);
		return false;
	}
	MYSQL_RES *res = mysql_use_result(db);
	if (!res) {
		php_segment_db_throw_mysql(db, d, "cannot read the shop's tables");
		return false;
	}
	int second = mysql_num_fields(res) > 1 ? 1 : -1;
	bool ok = true;
	MYSQL_ROW row;
	while (ok && (row = mysql_fetch_row(res))) {
		unsigned long *lens = mysql_fetch_lengths(res);
		if (!seg_shopdb_lookup_add(lk, part, field_at(row, lens, 0), field_at(row, lens, second))) {
			zend_throw_error(NULL, "segment: out of memory reading the shop's tables");
			ok = false;
		}
	}
	if (ok && mysql_errno(db)) {
		php_segment_db_throw_mysql(db, d, "reading the shop's tables failed");
		ok = false;
	}
#ifdef MARIADB_PACKAGE_VERSION
	if (!ok) mariadb_cancel(db);
#endif
	mysql_free_result(res);
	return ok;
}

/*
 * A whole shop: the small tables into maps, then the orders table alone,
 * streamed and joined in the client (seg_shopdb.h says why).  All reads see
 * one snapshot, as the single query's one statement did.
 */
static bool stream_split(php_segment_profiles *self, MYSQL *db, const seg_dsn *d, seg_shop_platform platform,
                         const char *prefix, size_t plen, db_options *o)
{
	if (mysql_query(db, "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ") ||
	    mysql_query(db, "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY")) {
		php_segment_db_throw_mysql(db, d, "cannot start a read-only transaction");
		return false;
	}
	seg_shopdb_lookup *lk = seg_shopdb_lookup_new(platform);
	if (!lk) {
		zend_throw_error(NULL, "segment: out of memory");
		return false;
	}
	const seg_shopdb_part *parts;
	size_t nparts = seg_shopdb_split_parts(platform, &parts);
	bool ok = true;
	for (size_t i = 0; ok && i < nparts; i++) {
		char *sql;
		seg_error err;
		if (seg_shopdb_split_query(platform, parts[i], prefix, plen, &sql, &err) != SEG_OK) {
			zend_throw_error(NULL, "segment: %s", err.message); /* the prefix was checked: out of memory */
			ok = false;
			break;
		}
		ok = parts[i] == SEG_SHOPDB_ORDERS ? stream(self, db, d, sql, o, lk) : read_part(db, d, parts[i], sql, lk, o);
		free(sql);
	}
	seg_shopdb_lookup_free(lk);
	if (ok) mysql_query(db, "COMMIT"); /* read only: nothing to keep; the connection closes next */
	return ok;
}

/* Reads every row of the query into self; false with an exception. */
static bool stream(php_segment_profiles *self, MYSQL *db, const seg_dsn *d, const char *sql, db_options *o,
                   const seg_shopdb_lookup *lk)
{
	/* TIMESTAMP columns (Magento's created_at) in UTC, as Magento stores
	 * them; DATETIME columns (PrestaShop) are not affected. */
	if (mysql_query(db, "SET time_zone = '+00:00'")) {
		php_segment_db_throw_mysql(db, d, "cannot set the session time zone");
		return false;
	}
	row_source src;
	memset(&src, 0, sizeof src);
	src.db = db;
	if (o->customer) {
		if (!source_prepare(&src, db, d, sql, o)) {
			source_free(&src);
			return false;
		}
	} else {
		if (mysql_real_query(db, sql, strlen(sql))) {
			throw_query_failed(mysql_errno(db), db, NULL, d, o);
			return false;
		}
		src.res = mysql_use_result(db);
		if (!src.res) {
			if (mysql_errno(db)) php_segment_db_throw_mysql(db, d, "cannot read the result");
			else php_segment_db_throw(0, "", "the query returns no result set: it must be a SELECT");
			return false;
		}
	}
	MYSQL_RES *res = src.res;

	/* the result's columns */
	unsigned nf = mysql_num_fields(res);
	MYSQL_FIELD *fields = mysql_fetch_fields(res);
	int idx[NCOLS];
	bool ok = true;
	for (int c = 0; c < NCOLS && ok; c++) {
		idx[c] = -1;
		/* the split orders query: the state and address ids, resolved below */
		const char *name = lk && c == COL_STATUS ? "state" : lk && c == COL_COUNTRY ? "address" : o->cols[c];
		for (unsigned i = 0; i < nf; i++)
			if (strcmp(fields[i].name, name) == 0) {
				idx[c] = (int)i;
				break;
			}
		bool required = c == COL_CUSTOMER || c == COL_DATE || c == COL_AMOUNT || o->col_given[c];
		if (idx[c] < 0 && required) {
			smart_str names = {0};
			for (unsigned i = 0; i < nf && i < 20; i++) {
				if (i) smart_str_appends(&names, ", ");
				smart_str_appends(&names, fields[i].name);
			}
			smart_str_0(&names);
			php_segment_db_throw(0, "", "the query's result has no column '%s' for '%s' (columns: %s)%s", name,
			               col_keys[c], names.s ? ZSTR_VAL(names.s) : "none",
			               o->col_given[c] ? "" : "; name it with option 'map'");
			smart_str_free(&names);
			ok = false;
		}
	}
	self->with_country = lk || idx[COL_COUNTRY] >= 0; /* a split read's country comes from the maps */
	int shop_idx = -1;
	if (o->has_shop) {
		for (unsigned i = 0; i < nf; i++)
			if (strcmp(fields[i].name, "shop") == 0) shop_idx = (int)i;
		if (shop_idx < 0 && ok) {
			php_segment_db_throw(0, "", "the orders query's result has no column 'shop' for option 'shop'");
			ok = false;
		}
	}

	db_batch *batch = emalloc(sizeof *batch);
	batch->n = batch->used = 0;
	zend_long rowno = 0;
	bool complete = false;
	MYSQL_ROW row;
	unsigned long *lens;
	while (ok) {
		int got = source_fetch(&src, &row, &lens);
		if (got <= 0) {
			if (got < 0) {
				char what[120];
				snprintf(what, sizeof what, "reading the orders failed after " ZEND_LONG_FMT " rows", rowno);
				ok = batch_flush(self, batch);
				if (ok && src.stmt) php_segment_db_throw_stmt(src.stmt, d, what);
				else if (ok) php_segment_db_throw_mysql(db, d, what);
				ok = false;
				break;
			}
			complete = true;
			ok = batch_flush(self, batch) && php_segment_progress_report(&o->m.progress, rowno, 0);
			break;
		}
		if ((++rowno & (PHP_SEGMENT_PROGRESS_EVERY - 1)) == 0 &&
		    (!batch_flush(self, batch) || !php_segment_progress_report(&o->m.progress, rowno, 0))) {
			ok = false;
			break;
		}
		seg_shopdb_row r = {
			.customer = field_at(row, lens, idx[COL_CUSTOMER]),
			.order = field_at(row, lens, idx[COL_ORDER]),
			.date = field_at(row, lens, idx[COL_DATE]),
			.amount = field_at(row, lens, idx[COL_AMOUNT]),
			.status = field_at(row, lens, idx[COL_STATUS]),
			.country = field_at(row, lens, idx[COL_COUNTRY]),
			.has_order = idx[COL_ORDER] >= 0,
			.has_status = idx[COL_STATUS] >= 0,
			.has_country = idx[COL_COUNTRY] >= 0,
		};
		if (shop_idx >= 0) {
			uint64_t id;
			if (!row[shop_idx] || !seg_idmap_parse_id(row[shop_idx], lens[shop_idx], &id) || id != o->shop) continue;
		}
		if (o->has_since) { /* as WHERE date >= since: a zero or missing date is outside */
			int64_t ts;
			if (!r.date.s || !seg_shopdb_parse_datetime(r.date.s, r.date.len, &ts) || ts < o->since) continue;
		}
		if (lk) seg_shopdb_resolve(lk, &r);
		seg_order_line l;
		seg_error err;
		if (seg_shopdb_line(&r, &l, &err) != SEG_OK) {
			if (batch_flush(self, batch)) {
				int c = strcmp(err.attribute, "customer") == 0 ? COL_CUSTOMER : COL_AMOUNT;
				php_segment_throw_data_error(NULL, rowno, o->cols[c], "%s", err.message);
			}
			ok = false;
			break;
		}
		size_t bytes = l.customer.len + l.order.len + l.status.len + l.country.len;
		if (bytes > BATCH_BYTES - batch->used && !batch_flush(self, batch)) {
			ok = false;
			break;
		}
		if (bytes > BATCH_BYTES) { /* huge fields: this line on its own, straight from the row */
			if (seg_profiles_add(self->profiles, &l, &err) != SEG_OK) {
				php_segment_throw_data_error(NULL, rowno, NULL, "%s", err.message);
				ok = false;
				break;
			}
			continue;
		}
		batch_copy(batch, &l.customer);
		batch_copy(batch, &l.order);
		batch_copy(batch, &l.status);
		batch_copy(batch, &l.country);
		batch->rowno[batch->n] = rowno;
		batch->lines[batch->n++] = l;
		if (batch->n == BATCH_LINES && !batch_flush(self, batch)) {
			ok = false;
			break;
		}
	}
	efree(batch);
	/* Stopped early: mysql_free_result() would read every remaining row of
	 * an unbuffered result first; cancel the connection so it cannot. */
#ifdef MARIADB_PACKAGE_VERSION
	if (!complete && !src.stmt) mariadb_cancel(db);
#endif
	(void)res;
	source_free(&src);
	return ok;
}

#endif /* HAVE_SEGMENT_MYSQL */

PHP_METHOD(Segment_Profiles, fromDatabase)
{
	zend_string *conn_str = NULL;
	HashTable *conn_ht = NULL, *opts = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_ARRAY_HT_OR_STR(conn_ht, conn_str)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();

	HashTable empty;
	if (!opts) {
		zend_hash_init(&empty, 0, NULL, NULL, 0);
		opts = &empty;
	}
	db_options o;
	seg_dsn d;
	bool ok = options_parse(opts, &o);
	if (opts == &empty) zend_hash_destroy(&empty);
	if (!ok) {
		if (o.customer) zend_string_release(o.customer);
		php_segment_mapping_free(&o.m);
		RETURN_THROWS();
	}
	if (!php_segment_db_connection_parse(conn_str, conn_ht, &d, 1)) {
		seg_dsn_free(&d);
		if (o.customer) zend_string_release(o.customer);
		php_segment_mapping_free(&o.m);
		RETURN_THROWS();
	}

#ifdef HAVE_SEGMENT_MYSQL
	char *sql = NULL;
	seg_error err;
	/* a whole shop: joined in the client; one customer: the single query */
	bool split = o.platform != PLATFORM_CUSTOM && !o.customer;
	const char *pre = o.prefix ? ZSTR_VAL(o.prefix) : o.platform == PLATFORM_PRESTASHOP ? "ps_" : "";
	size_t plen = o.prefix ? ZSTR_LEN(o.prefix) : strlen(pre);
	seg_shop_platform pf = o.platform == PLATFORM_MAGENTO ? SEG_SHOP_MAGENTO : SEG_SHOP_PRESTASHOP;
	if (o.platform != PLATFORM_CUSTOM && o.customer) {
		if (seg_shopdb_query_customer(pf, pre, plen, &sql, &err) != SEG_OK)
			zend_throw_error(NULL, "segment: %s", err.message); /* the prefix was checked: out of memory */
	}
	if (!EG(exception)) {
		MYSQL *db = php_segment_db_connect(&d);
		if (db) {
			php_segment_profiles *self = php_segment_new_profiles(return_value, &o.m);
			if (self && split)
				stream_split(self, db, &d, pf, pre, plen, &o);
			else if (self)
				stream(self, db, &d, sql ? sql : ZSTR_VAL(o.query), &o, NULL);
			mysql_close(db);
		}
	}
	free(sql);
#else
	php_segment_db_throw(0, "", "Profiles::fromDatabase() needs MySQL/MariaDB support, and this build of segment has none: "
	                      "rebuild with ./configure --with-segment-mysql (Debian: default-libmysqlclient-dev)");
#endif
	seg_dsn_free(&d);
	if (o.customer) zend_string_release(o.customer);
	php_segment_mapping_free(&o.m);
	if (EG(exception)) {
		if (Z_TYPE_P(return_value) == IS_OBJECT) zval_ptr_dtor(return_value);
		ZVAL_UNDEF(return_value);
		RETURN_THROWS();
	}
}

/* ---- module hooks ---------------------------------------------------------- */

void php_segment_mysql_minit(zend_class_entry *profiles)
{
	/* The connection holds the password: a stack trace shows it as
	 * Object(SensitiveParameterValue), as PDO's constructor does. */
#if PHP_VERSION_ID >= 80200
	zend_function *f = zend_hash_str_find_ptr(&profiles->function_table, ZEND_STRL("fromdatabase"));
	if (f) zend_add_parameter_attribute(f, 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);
#endif
#ifdef HAVE_SEGMENT_MYSQL
	mysql_library_init(0, NULL, NULL);
#endif
}

void php_segment_mysql_mshutdown(void)
{
#ifdef HAVE_SEGMENT_MYSQL
	mysql_library_end();
#endif
}

const char *php_segment_mysql_info(void)
{
#ifdef HAVE_SEGMENT_MYSQL
	static char buf[96];
	if (!buf[0]) snprintf(buf, sizeof buf, "enabled (client library %s)", mysql_get_client_info());
	return buf;
#else
	return "disabled (build with ./configure --with-segment-mysql)";
#endif
}
