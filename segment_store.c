/*
 * segment_store.c - Segment\Store: the segment memberships of every customer
 * in MySQL/MariaDB tables that web nodes read (docs/store.md).
 *
 * Generations.  Every row of the customer and membership tables carries a
 * generation number; the state table's single row names the current one,
 * and readers join it (one row, a constant for the optimizer), so a reader
 * sees exactly one generation.  A recompute writes generation g+1 beside g,
 * then in one short transaction records the history (the set difference of
 * the two generations' memberships, computed by the server) and moves the
 * state to g+1.  Until that commit readers see g, complete; after it, g+1,
 * complete.  A recompute that fails or is killed leaves rows of g+1 that no
 * reader looks at; the next recompute deletes them first.
 *
 * Values never enter SQL text: every statement with a value is prepared and
 * the value bound.  The only variable text is the table prefix, checked
 * against [A-Za-z0-9_] (seg_shopdb_prefix_valid) and quoted as part of an
 * identifier.  Connections, credentials and error texts are those of
 * Profiles::fromDatabase() (segment_db.h): no password in any message.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"
#include "zend_attributes.h"
#include "zend_interfaces.h"
#include "ext/json/php_json.h"
#include "ext/standard/hrtime.h"

#include "php_segment.h"
#include "seg_shopdb.h"
#include "segment_db.h"

zend_class_entry *segment_ce_Store;
zend_class_entry *segment_ce_StoreBusyError;
static zend_object_handlers store_handlers;

/* A table name is the prefix + "segment_customer" (16 bytes), at most 64. */
#define STORE_MAX_PREFIX 48

typedef struct php_segment_store {
	seg_dsn dsn;
	char prefix[STORE_MAX_PREFIX + 1];
#ifdef HAVE_SEGMENT_MYSQL
	MYSQL *db;
	/* the web nodes' reads, prepared at their first call and kept (a
	 * prepare is a round trip and a parse: most of a lookup's time) */
	MYSQL_STMT *st_customer, *st_members, *st_history;
#endif
	zend_object std;
} php_segment_store;

static inline php_segment_store *store_from_obj(zend_object *obj)
{
	return (php_segment_store *)((char *)obj - XtOffsetOf(php_segment_store, std));
}

static zend_object *store_create(zend_class_entry *ce)
{
	php_segment_store *s = zend_object_alloc(sizeof(php_segment_store), ce);
	seg_dsn_init(&s->dsn);
	zend_object_std_init(&s->std, ce);
	object_properties_init(&s->std, ce);
	s->std.handlers = &store_handlers;
	return &s->std;
}

static void store_free(zend_object *obj)
{
	php_segment_store *s = store_from_obj(obj);
#ifdef HAVE_SEGMENT_MYSQL
	if (s->st_customer) mysql_stmt_close(s->st_customer);
	if (s->st_members) mysql_stmt_close(s->st_members);
	if (s->st_history) mysql_stmt_close(s->st_history);
	if (s->db) mysql_close(s->db);
	s->db = NULL;
#endif
	seg_dsn_free(&s->dsn); /* wipes the password */
	zend_object_std_dtor(obj);
}

/* The six tables, by the letter that stands for them in SQL templates. */
static const struct {
	char letter;
	const char *suffix;
} store_tables[] = {
	{'s', "segment_state"}, {'r', "segment_run"},     {'c', "segment_customer"},
	{'m', "segment_member"}, {'h', "segment_history"}, {'p', "segment_pending"},
};
#define STORE_NTABLES (sizeof store_tables / sizeof store_tables[0])

static php_segment_store *this_store(zval *this_zv)
{
	php_segment_store *s = store_from_obj(Z_OBJ_P(this_zv));
#ifdef HAVE_SEGMENT_MYSQL
	if (!s->db) {
		zend_throw_error(NULL, "Segment\\Store was not constructed");
		return NULL;
	}
	return s;
#else
	(void)s;
	zend_throw_error(NULL, "Segment\\Store was not constructed");
	return NULL;
#endif
}

/* ---- options --------------------------------------------------------------- */

typedef struct run_options {
	zval now;      /* UNDEF: the profiles' reference */
	zval progress; /* UNDEF: none */
	zend_long batch;
	bool insert;   /* option write = 'insert': no LOAD DATA */
} run_options;

static bool run_options_parse(HashTable *opts, run_options *o, bool recompute)
{
	ZVAL_UNDEF(&o->now);
	ZVAL_UNDEF(&o->progress);
	o->batch = 500;
	o->insert = false;
	if (!opts) return true;
	zend_string *key;
	zval *v;
	ZEND_HASH_FOREACH_STR_KEY_VAL(opts, key, v) {
		ZVAL_DEREF(v);
		if (key && zend_string_equals_literal(key, "now")) {
			int64_t ts;
			if (Z_TYPE_P(v) != IS_NULL && !php_segment_option_time(v, "now", &ts)) return false;
			if (Z_TYPE_P(v) != IS_NULL) ZVAL_LONG(&o->now, (zend_long)ts);
		} else if (recompute && key && zend_string_equals_literal(key, "progress")) {
			if (Z_TYPE_P(v) == IS_NULL) continue;
			if (!zend_is_callable(v, 0, NULL)) {
				zend_argument_type_error(3, "option 'progress' must be a callable, %s given", zend_zval_type_name(v));
				return false;
			}
			ZVAL_COPY(&o->progress, v);
		} else if (recompute && key && zend_string_equals_literal(key, "batch")) {
			if (Z_TYPE_P(v) != IS_LONG || Z_LVAL_P(v) < 1 || Z_LVAL_P(v) > 3000) {
				zend_argument_value_error(3, "option 'batch' must be an int from 1 to 3000 (customers per INSERT)");
				return false;
			}
			o->batch = Z_LVAL_P(v);
		} else if (recompute && key && zend_string_equals_literal(key, "write")) {
			if (Z_TYPE_P(v) != IS_STRING || (!zend_string_equals_literal(Z_STR_P(v), "auto") &&
			                                 !zend_string_equals_literal(Z_STR_P(v), "insert"))) {
				zend_argument_value_error(3, "option 'write' must be 'auto' or 'insert'");
				return false;
			}
			o->insert = zend_string_equals_literal(Z_STR_P(v), "insert");
		} else {
			zend_argument_value_error(3, "has an unknown option%s%s%s (known: now%s)", key ? " '" : "",
			                          key ? ZSTR_VAL(key) : "", key ? "'" : "", recompute ? ", progress, batch, write" : "");
			return false;
		}
	} ZEND_HASH_FOREACH_END();
	return true;
}

static void run_options_free(run_options *o)
{
	zval_ptr_dtor(&o->progress);
	ZVAL_UNDEF(&o->progress);
}

#ifdef HAVE_SEGMENT_MYSQL

/* A template with {s} {r} {c} {m} {h} {p} standing for `prefix + table`:
 * the prefix (checked) is the only thing ever put into SQL text. */
static char *sqlt(const php_segment_store *s, const char *tpl)
{
	smart_str out = {0};
	for (const char *p = tpl; *p; p++) {
		if (p[0] == '{' && p[1] && p[2] == '}') {
			for (size_t t = 0; t < STORE_NTABLES; t++)
				if (store_tables[t].letter == p[1]) {
					smart_str_appendc(&out, '`');
					smart_str_appends(&out, s->prefix);
					smart_str_appends(&out, store_tables[t].suffix);
					smart_str_appendc(&out, '`');
				}
			p += 2;
			continue;
		}
		smart_str_appendc(&out, *p);
	}
	smart_str_0(&out);
	char *r = estrndup(ZSTR_VAL(out.s), ZSTR_LEN(out.s));
	smart_str_free(&out);
	return r;
}

/* ---- statements ---------------------------------------------------------- */

typedef enum { SP_NULL, SP_LONG, SP_DOUBLE, SP_STR } sparam_type;
typedef struct sparam {
	sparam_type t;
	long long l;
	double d;
	const char *s;
	size_t len;
} sparam;

static inline sparam P_LONG(long long v) { return (sparam){.t = SP_LONG, .l = v}; }
static inline sparam P_STR(const char *s, size_t len) { return (sparam){.t = SP_STR, .s = s, .len = len}; }
static inline sparam P_ZSTR(const zend_string *z) { return (sparam){.t = SP_STR, .s = ZSTR_VAL(z), .len = ZSTR_LEN(z)}; }

/* The store's own message for a failed statement: a missing table means the
 * store is not installed (or the prefix is wrong). */
static void throw_on(php_segment_store *s, MYSQL *db, MYSQL_STMT *st, const char *what)
{
	unsigned e = st ? mysql_stmt_errno(st) : mysql_errno(db);
	if (e == 1146) {
		char msg[200];
		snprintf(msg, sizeof msg, "the segment store's tables (prefix '%s') are missing: install them with "
		         "Segment\\Store::install(), or check option 'prefix'", s->prefix);
		if (st) php_segment_db_throw_stmt(st, &s->dsn, msg);
		else php_segment_db_throw_mysql(db, &s->dsn, msg);
		return;
	}
	if (st) php_segment_db_throw_stmt(st, &s->dsn, what);
	else php_segment_db_throw_mysql(db, &s->dsn, what);
}

static void throw_stmt(php_segment_store *s, MYSQL_STMT *st, const char *what) { throw_on(s, s->db, st, what); }

static void bind_param(MYSQL_BIND *b, sparam *p)
{
	memset(b, 0, sizeof *b);
	switch (p->t) {
	case SP_NULL: b->buffer_type = MYSQL_TYPE_NULL; break;
	case SP_LONG: b->buffer_type = MYSQL_TYPE_LONGLONG; b->buffer = &p->l; break;
	case SP_DOUBLE: b->buffer_type = MYSQL_TYPE_DOUBLE; b->buffer = &p->d; break;
	case SP_STR:
		b->buffer_type = MYSQL_TYPE_STRING;
		b->buffer = (void *)p->s;
		b->buffer_length = p->len;
		break;
	}
}

/* A result field as PHP sees it: ints for integer columns, floats for
 * DOUBLE, strings otherwise (DATETIME as "Y-m-d H:i:s[.fff]"), null. */
static void field_zval(const MYSQL_FIELD *f, const char *v, unsigned long len, bool null, zval *out)
{
	if (null) {
		ZVAL_NULL(out);
		return;
	}
	switch (f->type) {
	case MYSQL_TYPE_TINY: case MYSQL_TYPE_SHORT: case MYSQL_TYPE_LONG: case MYSQL_TYPE_INT24:
	case MYSQL_TYPE_LONGLONG:
		ZVAL_LONG(out, ZEND_STRTOL(v, NULL, 10));
		return;
	case MYSQL_TYPE_DOUBLE: case MYSQL_TYPE_FLOAT:
		ZVAL_DOUBLE(out, zend_strtod(v, NULL));
		return;
	default:
		ZVAL_STRINGL(out, v, len);
	}
}

/*
 * Runs one prepared statement with params; rows (when not NULL) receives a
 * list of associative arrays of its result; *affected the affected rows.
 * quiet: no exception on failure (clean-up after an error already thrown).
 */
static bool run_ex(php_segment_store *s, MYSQL_STMT **cached, const char *tpl, const char *what, sparam *params,
                   unsigned np, zval *rows, unsigned long long *affected, bool quiet)
{
	char *sql = NULL;
	MYSQL_STMT *st = cached && *cached ? *cached : NULL;
	bool ok = false, prepared = st != NULL;
	if (!st) st = mysql_stmt_init(s->db);
	MYSQL_BIND pb[16];
	MYSQL_RES *meta = NULL;
	MYSQL_BIND *rb = NULL;
	char **bufs = NULL;
	unsigned long *lens = NULL;
	my_bool *nulls = NULL;
	unsigned nf = 0;
	ZEND_ASSERT(np <= 16);
	if (rows) array_init(rows);
	if (!st) {
		if (!quiet) throw_stmt(s, NULL, what);
		goto done;
	}
	if (!prepared) {
		sql = sqlt(s, tpl);
		if (mysql_stmt_prepare(st, sql, strlen(sql))) goto fail;
		my_bool upd = 1;
		mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &upd);
	}
	for (unsigned i = 0; i < np; i++) bind_param(&pb[i], &params[i]);
	if (np && mysql_stmt_bind_param(st, pb)) goto fail;
	if (mysql_stmt_execute(st)) goto fail;
	if (affected) *affected = (unsigned long long)mysql_stmt_affected_rows(st);
	meta = mysql_stmt_result_metadata(st);
	if (meta) {
		if (mysql_stmt_store_result(st)) goto fail;
		nf = mysql_num_fields(meta);
		MYSQL_FIELD *fields = mysql_fetch_fields(meta);
		rb = ecalloc(nf, sizeof *rb);
		bufs = ecalloc(nf, sizeof *bufs);
		lens = ecalloc(nf, sizeof *lens);
		nulls = ecalloc(nf, sizeof *nulls);
		for (unsigned i = 0; i < nf; i++) {
			unsigned long cap = fields[i].max_length + 2;
			if (cap < 32) cap = 32;
			bufs[i] = emalloc(cap);
			rb[i].buffer_type = MYSQL_TYPE_STRING;
			rb[i].buffer = bufs[i];
			rb[i].buffer_length = cap;
			rb[i].length = &lens[i];
			rb[i].is_null = &nulls[i];
		}
		if (mysql_stmt_bind_result(st, rb)) goto fail;
		int r;
		while ((r = mysql_stmt_fetch(st)) == 0 || r == MYSQL_DATA_TRUNCATED) {
			if (!rows) continue;
			zval row;
			array_init_size(&row, nf);
			for (unsigned i = 0; i < nf; i++) {
				zval v;
				if (!nulls[i]) bufs[i][lens[i]] = '\0';
				field_zval(&fields[i], bufs[i], lens[i], nulls[i], &v);
				zend_hash_str_update(Z_ARRVAL(row), fields[i].name, strlen(fields[i].name), &v);
			}
			zend_hash_next_index_insert(Z_ARRVAL_P(rows), &row);
		}
		if (r != MYSQL_NO_DATA) goto fail;
	}
	ok = true;
	goto done;
fail:
	if (!quiet) throw_stmt(s, st, what);
done:
	for (unsigned i = 0; bufs && i < nf; i++) efree(bufs[i]);
	if (bufs) efree(bufs);
	if (rb) efree(rb);
	if (lens) efree(lens);
	if (nulls) efree(nulls);
	if (meta) mysql_free_result(meta);
	if (st && cached && ok) {
		mysql_stmt_free_result(st); /* kept, prepared, for the next call */
		*cached = st;
	} else if (st) {
		mysql_stmt_close(st);
		if (cached) *cached = NULL;
	}
	if (sql) efree(sql);
	return ok;
}

/* A statement prepared for this call only. */
static bool run(php_segment_store *s, const char *tpl, const char *what, sparam *params, unsigned np, zval *rows,
                unsigned long long *affected, bool quiet)
{
	return run_ex(s, NULL, tpl, what, params, np, rows, affected, quiet);
}

/* A statement without values (DDL, transaction control). */
static bool exec_text(php_segment_store *s, const char *tpl, const char *what, bool quiet)
{
	char *sql = sqlt(s, tpl);
	bool ok = mysql_real_query(s->db, sql, strlen(sql)) == 0;
	efree(sql);
	if (!ok && !quiet) throw_stmt(s, NULL, what);
	return ok;
}

/* The first value of a row. */
static zval *first_value_of(zval *row)
{
	zend_string *k;
	zval *v;
	ZEND_HASH_FOREACH_STR_KEY_VAL(Z_ARRVAL_P(row), k, v) {
		(void)k;
		return v;
	} ZEND_HASH_FOREACH_END();
	return NULL;
}

/* The first value of the first row, or NULL. */
static zval *first_value(zval *rows)
{
	zval *row = zend_hash_index_find(Z_ARRVAL_P(rows), 0);
	return row ? first_value_of(row) : NULL;
}

/* The first row of a query into *out (NULL when there is none); false
 * with an exception. */
static bool first_row(php_segment_store *s, MYSQL_STMT **cached, const char *tpl, const char *what, sparam *params,
                      unsigned np, zval *out)
{
	zval rows;
	if (!run_ex(s, cached, tpl, what, params, np, &rows, NULL, false)) {
		zval_ptr_dtor(&rows);
		return false;
	}
	zval *row = zend_hash_index_find(Z_ARRVAL(rows), 0);
	if (row) ZVAL_COPY(out, row);
	else ZVAL_NULL(out);
	zval_ptr_dtor(&rows);
	return true;
}

/* The values of one column of rows, as a list. */
static void column_list(zval *rows, const char *column, zval *out)
{
	array_init_size(out, zend_hash_num_elements(Z_ARRVAL_P(rows)));
	zval *row;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(rows), row) {
		zval *v = zend_hash_str_find(Z_ARRVAL_P(row), column, strlen(column));
		Z_TRY_ADDREF_P(v);
		zend_hash_next_index_insert(Z_ARRVAL_P(out), v);
	} ZEND_HASH_FOREACH_END();
}

/* ---- the tables ---------------------------------------------------------- */

/*
 * utf8mb4_bin on ids and codes: customer "A1" is not "a1", and a code is
 * matched exactly, as the rules match it.  VARCHAR(191) ids: a customer id
 * is a key of the shop (an integer in PrestaShop and Magento); 191 keeps
 * the key within InnoDB's limits with any row format.
 */
/* Every table of the store carries this comment: a table of that name
 * without it belongs to someone else (the shop modules keep their own
 * segment_state, segment_run, segment_member and segment_history under the
 * shop's prefix), and the store never writes to or drops it. */
#define STORE_MARK "segment store"

static const char *const ddl[] = {
	"CREATE TABLE IF NOT EXISTS {s} ("
	" id TINYINT UNSIGNED NOT NULL PRIMARY KEY,"
	" generation BIGINT UNSIGNED NOT NULL,"
	" run_id BIGINT UNSIGNED NULL,"
	" running_run BIGINT UNSIGNED NULL,"
	" running_generation BIGINT UNSIGNED NULL,"
	" running_since DATETIME(3) NULL"
	") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='" STORE_MARK "'",
	"INSERT IGNORE INTO {s} (id, generation) VALUES (1, 0)",
	"CREATE TABLE IF NOT EXISTS {r} ("
	" id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,"
	" generation BIGINT UNSIGNED NOT NULL,"
	" started_at DATETIME(3) NOT NULL,"
	" finished_at DATETIME(3) NULL,"
	" outcome VARCHAR(16) NOT NULL,"
	" customers INT UNSIGNED NULL,"
	" memberships INT UNSIGNED NULL,"
	" entries INT UNSIGNED NULL,"
	" exits INT UNSIGNED NULL,"
	" model_version VARCHAR(128) NOT NULL,"
	" message VARCHAR(1024) NULL"
	") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='" STORE_MARK "'",
	"CREATE TABLE IF NOT EXISTS {c} ("
	" generation BIGINT UNSIGNED NOT NULL,"
	" customer_id VARCHAR(191) NOT NULL,"
	" orders INT UNSIGNED NOT NULL,"
	" revenue DOUBLE NOT NULL,"
	" first_order_at DATETIME NULL,"
	" last_order_at DATETIME NULL,"
	" recency INT NULL,"
	" cancelled_orders INT UNSIGNED NOT NULL,"
	" country VARCHAR(3) NULL,"
	" rfm_r SMALLINT UNSIGNED NULL,"
	" rfm_f SMALLINT UNSIGNED NULL,"
	" rfm_m SMALLINT UNSIGNED NULL,"
	" rfm_score VARCHAR(8) NULL,"
	" rfm_segment VARCHAR(255) NULL,"
	" retention VARCHAR(255) NULL,"
	" cluster SMALLINT UNSIGNED NULL,"
	" cluster_name VARCHAR(255) NULL,"
	" segments TEXT NOT NULL,"
	" model_version VARCHAR(128) NOT NULL,"
	" computed_at DATETIME(3) NOT NULL,"
	" PRIMARY KEY (generation, customer_id)"
	") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='" STORE_MARK "'",
	"CREATE TABLE IF NOT EXISTS {m} ("
	" generation BIGINT UNSIGNED NOT NULL,"
	" segment VARCHAR(255) NOT NULL,"
	" customer_id VARCHAR(191) NOT NULL,"
	" PRIMARY KEY (generation, segment, customer_id)"
	") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='" STORE_MARK "'",
	"CREATE TABLE IF NOT EXISTS {h} ("
	" id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,"
	" customer_id VARCHAR(191) NOT NULL,"
	" segment VARCHAR(255) NOT NULL,"
	" event ENUM('enter', 'exit') NOT NULL,"
	" run_id BIGINT UNSIGNED NULL,"
	" at DATETIME(3) NOT NULL,"
	" KEY customer (customer_id, id),"
	" KEY run (run_id, segment)"
	") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='" STORE_MARK "'",
	"CREATE TABLE IF NOT EXISTS {p} ("
	" customer_id VARCHAR(191) NOT NULL PRIMARY KEY,"
	" at DATETIME(3) NOT NULL"
	") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='" STORE_MARK "'",
};

/* ---- customer rows -------------------------------------------------------- */

/* The columns of the customer table a recompute or an update writes, in
 * order; computed_at is NOW(3) in the statement (the session is UTC). */
#define CUST_COLS 19
static const char cust_cols[] = "generation, customer_id, orders, revenue, first_order_at, last_order_at, recency, "
                                "cancelled_orders, country, rfm_r, rfm_f, rfm_m, rfm_score, rfm_segment, retention, "
                                "cluster, cluster_name, segments, model_version, computed_at";

typedef struct store_row {
	zval attrs;    /* Model::assign()'s attributes: the profile and the derived keys */
	zval segments; /* its codes */
	zval json;     /* the codes as a JSON list, for the segments column */
	zval *vals[CUST_COLS];
	long long l[CUST_COLS];
	double d[CUST_COLS];
} store_row;

static zval *attr(HashTable *ht, const char *k) { return zend_hash_str_find_deref(ht, k, strlen(k)); }

/* Assigns one profile into r; false with an exception (a model that does
 * not fit the profile, such as a k-means part on other features). */
static bool row_assign(store_row *r, zend_object *model, zval *profile, zval *now, zval *gen, zval *version)
{
	if (!php_segment_model_assign(model, profile, now, &r->segments, &r->attrs)) {
		ZVAL_UNDEF(&r->attrs);
		ZVAL_UNDEF(&r->segments);
		ZVAL_UNDEF(&r->json);
		/* assign()'s ValueError names its own arguments: say instead which
		 * customer of the profiles the model does not fit */
		zend_object *ex = EG(exception);
		zval *id = zend_hash_str_find_deref(Z_ARRVAL_P(profile), ZEND_STRL("customer_id"));
		if (ex && instanceof_function(ex->ce, zend_ce_value_error) && id && Z_TYPE_P(id) == IS_STRING) {
			zval rv;
			zval *m = zend_read_property(ex->ce, ex, ZEND_STRL("message"), 1, &rv);
			zend_string *msg = m && Z_TYPE_P(m) == IS_STRING ? zend_string_copy(Z_STR_P(m)) : ZSTR_EMPTY_ALLOC();
			const char *text = ZSTR_VAL(msg);
			const char *cut = strstr(text, ") ");
			if (strncmp(text, "Model::assign", 13) == 0 || strstr(text, "Argument #")) text = cut ? cut + 2 : text;
			zend_clear_exception();
			zend_value_error("the model (%s) does not fit customer '%s' of the profiles: the profile %s",
			                 ZSTR_VAL(Z_STR_P(version)), Z_STRVAL_P(id), text);
			zend_string_release(msg);
		}
		return false;
	}
	smart_str js = {0};
	php_json_encode(&js, &r->segments, PHP_JSON_UNESCAPED_UNICODE | PHP_JSON_UNESCAPED_SLASHES);
	smart_str_0(&js);
	ZVAL_STR(&r->json, js.s);
	HashTable *a = Z_ARRVAL(r->attrs);
	zval *rfm = attr(a, "rfm");
	HashTable *rh = rfm && Z_TYPE_P(rfm) == IS_ARRAY ? Z_ARRVAL_P(rfm) : NULL;
	zval **v = r->vals;
	v[0] = gen;
	v[1] = attr(a, "customer_id");
	v[2] = attr(a, "orders");
	v[3] = attr(a, "monetary");
	v[4] = attr(a, "first_order_at");
	v[5] = attr(a, "last_order_at");
	v[6] = attr(a, "recency");
	v[7] = attr(a, "cancelled_orders");
	v[8] = attr(a, "country");
	v[9] = rh ? attr(rh, "r") : NULL;
	v[10] = rh ? attr(rh, "f") : NULL;
	v[11] = rh ? attr(rh, "m") : NULL;
	v[12] = rh ? attr(rh, "score") : NULL;
	v[13] = rh ? attr(rh, "segment") : NULL;
	v[14] = attr(a, "retention");
	v[15] = attr(a, "cluster");
	v[16] = attr(a, "cluster_name");
	v[17] = &r->json;
	v[18] = version;
	return true;
}

static void row_free(store_row *r)
{
	zval_ptr_dtor(&r->attrs);
	zval_ptr_dtor(&r->segments);
	zval_ptr_dtor(&r->json);
}

/* A zval bound as a parameter; numbers go through the row's own slots. */
static void bind_zval(MYSQL_BIND *b, zval *v, long long *l, double *d)
{
	memset(b, 0, sizeof *b);
	if (!v) {
		b->buffer_type = MYSQL_TYPE_NULL;
		return;
	}
	switch (Z_TYPE_P(v)) {
	case IS_LONG: *l = Z_LVAL_P(v); b->buffer_type = MYSQL_TYPE_LONGLONG; b->buffer = l; break;
	case IS_TRUE: case IS_FALSE: *l = Z_TYPE_P(v) == IS_TRUE; b->buffer_type = MYSQL_TYPE_LONGLONG; b->buffer = l; break;
	case IS_DOUBLE: *d = Z_DVAL_P(v); b->buffer_type = MYSQL_TYPE_DOUBLE; b->buffer = d; break;
	case IS_STRING:
		b->buffer_type = MYSQL_TYPE_STRING;
		b->buffer = Z_STRVAL_P(v);
		b->buffer_length = Z_STRLEN_P(v);
		break;
	default: b->buffer_type = MYSQL_TYPE_NULL;
	}
}

static void row_bind(MYSQL_BIND *b, store_row *r)
{
	for (int j = 0; j < CUST_COLS; j++) bind_zval(&b[j], r->vals[j], &r->l[j], &r->d[j]);
}

/* "INSERT INTO {c} (cols) VALUES (?, ..., NOW(3)), ..." for n rows. */
static char *insert_sql(php_segment_store *s, bool customers, size_t n, const char *tail)
{
	smart_str q = {0};
	smart_str_appends(&q, customers ? "INSERT INTO {c} (" : "INSERT INTO {m} (");
	smart_str_appends(&q, customers ? cust_cols : "generation, segment, customer_id");
	smart_str_appends(&q, ") VALUES ");
	for (size_t i = 0; i < n; i++) {
		if (i) smart_str_appendc(&q, ',');
		if (customers) {
			smart_str_appendc(&q, '(');
			for (int j = 0; j < CUST_COLS; j++) smart_str_appends(&q, "?,");
			smart_str_appends(&q, "NOW(3))");
		} else {
			smart_str_appends(&q, "(?,?,?)");
		}
	}
	if (tail) smart_str_appends(&q, tail);
	smart_str_0(&q);
	char *sql = sqlt(s, ZSTR_VAL(q.s));
	smart_str_free(&q);
	return sql;
}

/* ---- bulk writing -------------------------------------------------------- */

/*
 * Rows go to the server as multi-row prepared INSERTs: CUST_BATCH customers
 * (19 markers each) or MEMB_BATCH memberships (3 each) per statement, so a
 * round trip carries hundreds of rows and values are always bound, never
 * quoted into text.  The two full-size statements are prepared once per
 * recompute; the last, shorter batch gets its own.
 */
typedef struct bulk {
	php_segment_store *s;
	MYSQL_STMT *cust, *memb;
	size_t cust_batch, memb_batch;
	store_row *rows;
	size_t nrows;
	MYSQL_BIND *cb, *mb;
	zval gen;
	long long memb_gen;
	unsigned long long customers, memberships;
} bulk;

static MYSQL_STMT *prepare_insert(php_segment_store *s, bool customers, size_t n)
{
	char *sql = insert_sql(s, customers, n, NULL);
	MYSQL_STMT *st = mysql_stmt_init(s->db);
	if (!st) {
		efree(sql);
		throw_stmt(s, NULL, "cannot prepare the store's INSERT");
		return NULL;
	}
	if (mysql_stmt_prepare(st, sql, strlen(sql))) {
		throw_stmt(s, st, "cannot prepare the store's INSERT");
		mysql_stmt_close(st);
		st = NULL;
	}
	efree(sql);
	return st;
}

static bool exec_insert(bulk *b, MYSQL_STMT *st, MYSQL_BIND *binds, const char *what)
{
	if (mysql_stmt_bind_param(st, binds) || mysql_stmt_execute(st)) {
		throw_stmt(b->s, st, what);
		return false;
	}
	return true;
}

static bool flush_members(bulk *b, size_t n)
{
	if (!n) return true;
	bool full = n == b->memb_batch;
	MYSQL_STMT *st = full ? b->memb : prepare_insert(b->s, false, n);
	if (!st) return false;
	bool ok = exec_insert(b, st, b->mb, "writing the memberships failed");
	if (!full) mysql_stmt_close(st);
	b->memberships += ok ? n : 0;
	return ok;
}

/* Writes the waiting customer rows and their memberships, frees the rows. */
static bool bulk_flush(bulk *b)
{
	bool ok = true;
	size_t n = b->nrows;
	if (n) {
		for (size_t i = 0; i < n; i++) row_bind(&b->cb[i * CUST_COLS], &b->rows[i]);
		bool full = n == b->cust_batch;
		MYSQL_STMT *st = full ? b->cust : prepare_insert(b->s, true, n);
		ok = st && exec_insert(b, st, b->cb, "writing the customers failed");
		if (st && !full) mysql_stmt_close(st);
		if (ok) b->customers += n;
	}
	size_t m = 0;
	for (size_t i = 0; ok && i < n; i++) {
		zval *code;
		zval *id = b->rows[i].vals[1];
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL(b->rows[i].segments), code) {
			MYSQL_BIND *mb = &b->mb[m * 3];
			memset(mb, 0, 3 * sizeof *mb);
			mb[0].buffer_type = MYSQL_TYPE_LONGLONG;
			mb[0].buffer = &b->memb_gen;
			mb[1].buffer_type = MYSQL_TYPE_STRING;
			mb[1].buffer = Z_STRVAL_P(code);
			mb[1].buffer_length = Z_STRLEN_P(code);
			mb[2].buffer_type = MYSQL_TYPE_STRING;
			mb[2].buffer = Z_STRVAL_P(id);
			mb[2].buffer_length = Z_STRLEN_P(id);
			if (++m == b->memb_batch) {
				if (!(ok = flush_members(b, m))) break;
				m = 0;
			}
		} ZEND_HASH_FOREACH_END();
	}
	if (ok) ok = flush_members(b, m);
	for (size_t i = 0; i < n; i++) row_free(&b->rows[i]);
	b->nrows = 0;
	return ok;
}

static bool report(run_options *o, const char *phase, zend_long done, zend_long total, uint64_t start)
{
	if (Z_ISUNDEF(o->progress)) return true;
	zval arg, ret;
	array_init_size(&arg, 4);
	add_assoc_string(&arg, "phase", phase);
	add_assoc_long(&arg, "customers", done);
	add_assoc_long(&arg, "total", total);
	add_assoc_double(&arg, "seconds", (double)(php_hrtime_current() - start) / 1e9);
	ZVAL_UNDEF(&ret);
	call_user_function(NULL, NULL, &o->progress, &ret, 1, &arg);
	zval_ptr_dtor(&arg);
	zval_ptr_dtor(&ret);
	return !EG(exception);
}

/* ---- bulk loading: LOAD DATA LOCAL INFILE from memory ---------------------- */

/*
 * The fast path.  A second connection, the loader, announces LOCAL INFILE
 * and installs our own handler before any statement: the handler answers
 * only the statements we send (file name LOAD_MARKER, while armed) and only
 * from memory, so no file is ever opened, whatever a server asks for.  The
 * rows travel as a tab-separated stream generated on demand (the handler's
 * read callback assigns the next customers): values are data in that
 * stream, escaped for LOAD DATA (tsv_str), never SQL text, as with bound
 * parameters.  A server (or proxy) that refuses LOCAL INFILE (local_infile
 * = OFF, MySQL 8's default) is found out by an empty probe at the start, and
 * the recompute falls back to the prepared INSERTs above.
 *
 * A chunk of LOAD_CHUNK customers is one transaction on the loader: their
 * rows, then their memberships (buffered meanwhile, ~20 bytes each).
 */
#define LOAD_MARKER "segment-store:stream"
#define LOAD_CHUNK 50000

typedef struct loader loader;
struct loader {
	MYSQL *db;
	bool armed;       /* the next LOCAL INFILE request is ours */
	bool done;        /* fill() said: no more rows */
	smart_str out;    /* bytes produced and not yet handed to the library */
	size_t pos;
	bool (*fill)(loader *l); /* appends rows to out, sets done; false: stop (exception thrown) */
	/* the customer stream */
	php_segment_store *s;
	php_segment_profiles *pr;
	zend_object *model;
	zval *now, *gen, *version;
	size_t next, end, total;
	smart_str memb;   /* memberships of the chunk, sent after its customers */
	unsigned long long chunk_members;
	run_options *o;
	uint64_t start;
};

static int ld_init(void **ptr, const char *filename, void *userdata)
{
	loader *l = userdata;
	*ptr = l;
	if (!l || !l->armed || strcmp(filename, LOAD_MARKER) != 0) return 1; /* never a file */
	l->armed = false;
	return 0;
}

static int ld_read(void *ptr, char *buf, unsigned int len)
{
	loader *l = ptr;
	if (!l) return -1;
	while ((!l->out.s || l->pos >= ZSTR_LEN(l->out.s)) && !l->done) {
		if (l->out.s) ZSTR_LEN(l->out.s) = 0;
		l->pos = 0;
		if (!l->fill || !l->fill(l)) {
			l->done = true;
			return -1;
		}
	}
	size_t avail = l->out.s ? ZSTR_LEN(l->out.s) - l->pos : 0;
	if (avail > len) avail = len;
	if (avail) memcpy(buf, ZSTR_VAL(l->out.s) + l->pos, avail);
	l->pos += avail;
	return (int)avail;
}

static void ld_end(void *ptr) { (void)ptr; }

static int ld_error(void *ptr, char *msg, unsigned int len)
{
	(void)ptr;
	snprintf(msg, len, "the segment store sends only its own rows through LOCAL INFILE");
	return 2000; /* CR_UNKNOWN_ERROR */
}

/* Text for a LOAD DATA field (FIELDS ESCAPED BY '\\'): the bytes as they
 * are, with the five that mean something escaped. */
static void tsv_str(smart_str *o, const char *p, size_t n)
{
	size_t from = 0;
	for (size_t i = 0; i < n; i++) {
		char e;
		switch (p[i]) {
		case '\\': e = '\\'; break;
		case '\t': e = 't'; break;
		case '\n': e = 'n'; break;
		case '\r': e = 'r'; break;
		case '\0': e = '0'; break;
		default: continue;
		}
		smart_str_appendl(o, p + from, i - from);
		smart_str_appendc(o, '\\');
		smart_str_appendc(o, e);
		from = i + 1;
	}
	smart_str_appendl(o, p + from, n - from);
}

/* One value as bind_zval() would bind it: NULL is \N. */
static void tsv_zval(smart_str *o, zval *v)
{
	if (!v) {
		smart_str_appendl(o, "\\N", 2);
		return;
	}
	switch (Z_TYPE_P(v)) {
	case IS_LONG: smart_str_append_long(o, Z_LVAL_P(v)); break;
	case IS_TRUE: smart_str_appendc(o, '1'); break;
	case IS_FALSE: smart_str_appendc(o, '0'); break;
	case IS_DOUBLE: smart_str_append_double(o, Z_DVAL_P(v), 17, false); break; /* 17 digits: the same double */
	case IS_STRING: tsv_str(o, Z_STRVAL_P(v), Z_STRLEN_P(v)); break;
	default: smart_str_appendl(o, "\\N", 2);
	}
}

/* Connects the loader and probes it; false (no exception) when LOCAL
 * INFILE cannot be used, and the caller writes with INSERTs. */
static bool loader_open(php_segment_store *s, loader *l)
{
	l->s = s;
	l->db = php_segment_db_connect_ex(&s->dsn, true);
	if (!l->db) {
		zend_clear_exception(); /* the INSERTs on the main connection will do */
		return false;
	}
	mysql_set_local_infile_handler(l->db, ld_init, ld_read, ld_end, ld_error, l);
	bool ok = mysql_query(l->db, "SET time_zone = '+00:00'") == 0;
	if (ok) {
		/* the probe: an empty stream into the pending table (0 rows, no locks) */
		char *sql = sqlt(s, "LOAD DATA LOCAL INFILE '" LOAD_MARKER "' INTO TABLE {p} CHARACTER SET utf8mb4"
		                    " (customer_id) SET at = NOW(3)");
		l->armed = true;
		l->done = true;
		l->fill = NULL;
		ok = mysql_real_query(l->db, sql, strlen(sql)) == 0;
		l->armed = false;
		efree(sql);
	}
	if (!ok) {
		mysql_close(l->db);
		l->db = NULL;
	}
	return ok;
}

static void loader_close(loader *l)
{
	if (l->db) mysql_close(l->db);
	l->db = NULL;
	smart_str_free(&l->out);
	smart_str_free(&l->memb);
}

/* fill() of the customer stream: assigns the next customers of the chunk,
 * their rows into out, their memberships into memb. */
static bool fill_customers(loader *l)
{
	size_t stop = l->next + 256 < l->end ? l->next + 256 : l->end;
	while (l->next < stop) {
		zval profile;
		store_row r;
		php_segment_profiles_profile(l->pr, l->next, &profile);
		bool ok = row_assign(&r, l->model, &profile, l->now, l->gen, l->version);
		zval_ptr_dtor(&profile);
		if (!ok) return false;
		for (int j = 0; j < CUST_COLS; j++) {
			if (j) smart_str_appendc(&l->out, '\t');
			tsv_zval(&l->out, r.vals[j]);
		}
		smart_str_appendc(&l->out, '\n');
		zval *id = r.vals[1], *code;
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL(r.segments), code) {
			smart_str_append_long(&l->memb, Z_LVAL_P(l->gen));
			smart_str_appendc(&l->memb, '\t');
			tsv_zval(&l->memb, code);
			smart_str_appendc(&l->memb, '\t');
			tsv_zval(&l->memb, id);
			smart_str_appendc(&l->memb, '\n');
			l->chunk_members++;
		} ZEND_HASH_FOREACH_END();
		row_free(&r);
		l->next++;
		if ((l->next & 0xffff) == 0 && !report(l->o, "write", (zend_long)l->next, (zend_long)l->total, l->start))
			return false;
	}
	if (l->next == l->end) l->done = true;
	return true;
}

/* fill() of the membership stream: the chunk's buffer, at once. */
static bool fill_members(loader *l)
{
	smart_str tmp = l->out;
	l->out = l->memb;
	l->memb = tmp;
	l->done = true;
	return true;
}

/* One LOAD DATA on the loader with the stream of fill; false with an
 * exception (the fill's own, or the server's). */
static bool load(loader *l, const char *tpl, bool (*fill)(loader *), unsigned long long expect, const char *what)
{
	char *sql = sqlt(l->s, tpl);
	l->fill = fill;
	l->done = false;
	l->pos = 0;
	if (l->out.s) ZSTR_LEN(l->out.s) = 0;
	l->armed = true;
	bool ok = mysql_real_query(l->db, sql, strlen(sql)) == 0;
	l->armed = false;
	efree(sql);
	if (EG(exception)) return false; /* the model's or the progress callback's: the error to see */
	if (!ok) {
		throw_on(l->s, l->db, NULL, what);
		return false;
	}
	/* every line must be one row, as sent: a warning (a value the server
	 * changed, a line it skipped) is an error here, as in strict mode */
	unsigned long long got = (unsigned long long)mysql_affected_rows(l->db);
	unsigned warnings = mysql_warning_count(l->db);
	if (got != expect || warnings) {
		php_segment_db_throw(0, "", "%s: the server took %llu of %llu rows, with %u warnings", what, got, expect, warnings);
		return false;
	}
	return true;
}

/* Generation g+1 through the loader, chunk by chunk. */
static bool load_generation(loader *l, bulk *b)
{
	for (size_t from = 0; from < l->total; from += LOAD_CHUNK) {
		l->next = from;
		l->end = from + LOAD_CHUNK < l->total ? from + LOAD_CHUNK : l->total;
		l->chunk_members = 0;
		if (l->memb.s) ZSTR_LEN(l->memb.s) = 0;
		bool ok = mysql_query(l->db, "START TRANSACTION") == 0;
		if (!ok) throw_on(l->s, l->db, NULL, "cannot start a transaction");
		ok = ok &&
		     load(l,
		          "LOAD DATA LOCAL INFILE '" LOAD_MARKER "' INTO TABLE {c} CHARACTER SET utf8mb4"
		          " (generation, customer_id, orders, revenue, first_order_at, last_order_at, recency,"
		          " cancelled_orders, country, rfm_r, rfm_f, rfm_m, rfm_score, rfm_segment, retention, cluster,"
		          " cluster_name, segments, model_version) SET computed_at = NOW(3)",
		          fill_customers, l->end - from, "writing the customers failed") &&
		     load(l,
		          "LOAD DATA LOCAL INFILE '" LOAD_MARKER "' INTO TABLE {m} CHARACTER SET utf8mb4"
		          " (generation, segment, customer_id)",
		          fill_members, l->chunk_members, "writing the memberships failed");
		if (ok && mysql_query(l->db, "COMMIT")) {
			throw_on(l->s, l->db, NULL, "cannot commit");
			ok = false;
		}
		if (!ok) {
			mysql_query(l->db, "ROLLBACK");
			return false;
		}
		b->customers += l->end - from;
		b->memberships += l->chunk_members;
	}
	return true;
}

/* ---- recompute -------------------------------------------------------------- */

/* The recompute lock of this database and prefix: a server-side named lock,
 * released by the server when the connection ends, so a killed recompute
 * never leaves it held.  SHA1 keeps the name within MySQL's 64 bytes. */
#define LOCK_NAME "SHA1(CONCAT('segment-store/', DATABASE(), '/', ?))"

static bool take_lock(php_segment_store *s)
{
	zval rows;
	sparam p = P_STR(s->prefix, strlen(s->prefix));
	if (!run(s, "SELECT GET_LOCK(" LOCK_NAME ", 0) AS got", "cannot take the recompute lock", &p, 1, &rows, NULL,
	         false)) {
		zval_ptr_dtor(&rows);
		return false;
	}
	zval *got = first_value(&rows);
	bool ok = got && Z_TYPE_P(got) == IS_LONG && Z_LVAL_P(got) == 1;
	zval_ptr_dtor(&rows);
	if (!ok) {
		zend_throw_exception_ex(segment_ce_StoreBusyError, 0,
		                        "another recompute of this store (prefix '%s') is running: try again when it has finished",
		                        s->prefix);
	}
	return ok;
}

static void release_lock(php_segment_store *s)
{
	sparam p = P_STR(s->prefix, strlen(s->prefix));
	run(s, "SELECT RELEASE_LOCK(" LOCK_NAME ")", "", &p, 1, NULL, NULL, true);
}

/* The state row: current generation and the run in progress (0: none);
 * false with an exception (tables missing, or the row gone). */
static bool read_state(php_segment_store *s, bool for_update, zend_long *gen, zend_long *running)
{
	zval rows;
	bool ok = run(s, for_update ? "SELECT generation, running_run FROM {s} WHERE id = 1 FOR UPDATE"
	                            : "SELECT generation, running_run FROM {s} WHERE id = 1",
	              "cannot read the store's state", NULL, 0, &rows, NULL, false);
	zval *row = ok ? zend_hash_index_find(Z_ARRVAL(rows), 0) : NULL;
	if (ok && !row) {
		php_segment_db_throw(0, "", "the segment store's state table (prefix '%s') has no row: run Store::install() again",
		                     s->prefix);
		ok = false;
	}
	if (ok) {
		zval *g = zend_hash_str_find(Z_ARRVAL_P(row), ZEND_STRL("generation"));
		zval *r = zend_hash_str_find(Z_ARRVAL_P(row), ZEND_STRL("running_run"));
		*gen = g && Z_TYPE_P(g) == IS_LONG ? Z_LVAL_P(g) : 0;
		*running = r && Z_TYPE_P(r) == IS_LONG ? Z_LVAL_P(r) : 0;
	}
	zval_ptr_dtor(&rows);
	return ok;
}

/*
 * Deletes the rows of every generation but keep, a chunk of DELETE_CHUNK
 * rows per statement so that no transaction grows with the table.  The
 * chunks walk the primary key (keyset): each DELETE starts where the last
 * one ended, so none of them scans again the rows the others delete-marked
 * and InnoDB has not purged yet (a plain "DELETE ... LIMIT n" in a loop does,
 * and grows quadratic: 30 s instead of 9 for a million customers).
 */
#define DELETE_CHUNK 50000

static bool delete_range(php_segment_store *s, const char *table, zend_long g, zend_string *segment, bool quiet)
{
	/* the first chunk has no lower bound: with utf8mb4_bin's trailing-space
	 * padding an id such as "\t" sorts before "" */
	char bound[2][400], del[2][2][400];
	const char *seg = segment ? " AND segment = ?" : "";
	for (int lo = 0; lo < 2; lo++) {
		const char *from = lo ? " AND customer_id >= ?" : "";
		snprintf(bound[lo], sizeof bound[lo],
		         "SELECT customer_id FROM %s WHERE generation = ?%s%s ORDER BY customer_id LIMIT 1 OFFSET %d", table, seg,
		         from, DELETE_CHUNK);
		for (int hi = 0; hi < 2; hi++)
			snprintf(del[lo][hi], sizeof del[lo][hi], "DELETE FROM %s WHERE generation = ?%s%s%s", table, seg, from,
			         hi ? " AND customer_id < ?" : "");
	}
	zend_string *from = NULL;
	bool ok = true;
	for (;;) {
		sparam p[4];
		unsigned np = 0;
		p[np++] = P_LONG(g);
		if (segment) p[np++] = P_ZSTR(segment);
		if (from) p[np++] = P_ZSTR(from);
		zval rows;
		if (!(ok = run(s, bound[from != NULL], "cannot delete an old generation", p, np, &rows, NULL, quiet))) {
			zval_ptr_dtor(&rows);
			break;
		}
		zval *to = first_value(&rows);
		if (!to || Z_TYPE_P(to) != IS_STRING) {
			zval_ptr_dtor(&rows);
			ok = run(s, del[from != NULL][0], "cannot delete an old generation", p, np, NULL, NULL, quiet);
			break;
		}
		zend_string *next = zend_string_copy(Z_STR_P(to));
		zval_ptr_dtor(&rows);
		p[np++] = P_ZSTR(next);
		ok = run(s, del[from != NULL][1], "cannot delete an old generation", p, np, NULL, NULL, quiet);
		if (from) zend_string_release(from);
		from = next;
		if (!ok) break;
	}
	if (from) zend_string_release(from);
	return ok;
}

static bool delete_generations(php_segment_store *s, zend_long keep, bool quiet)
{
	/* the generations there are (few: one, or a few left by killed runs),
	 * and for the member table their segments: a loose scan of the key */
	zval gens;
	sparam k = P_LONG(keep);
	bool ok = run(s, "SELECT DISTINCT generation FROM {c} WHERE generation <> ? UNION"
	                 " SELECT DISTINCT generation FROM {m} WHERE generation <> ?",
	              "cannot delete an old generation", (sparam[]){k, k}, 2, &gens, NULL, quiet);
	zval *row;
	if (ok) ZEND_HASH_FOREACH_VAL(Z_ARRVAL(gens), row) {
		zval *gz = first_value_of(row);
		zend_long g = gz && Z_TYPE_P(gz) == IS_LONG ? Z_LVAL_P(gz) : 0;
		zval segs;
		sparam p = P_LONG(g);
		if (!(ok = run(s, "SELECT DISTINCT segment FROM {m} WHERE generation = ?", "cannot delete an old generation", &p, 1,
		               &segs, NULL, quiet))) {
			zval_ptr_dtor(&segs);
			break;
		}
		char *mt = sqlt(s, "{m}"), *ct = sqlt(s, "{c}");
		zval *srow;
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL(segs), srow) {
			zval *code = first_value_of(srow);
			if (ok && code && Z_TYPE_P(code) == IS_STRING) ok = delete_range(s, mt, g, Z_STR_P(code), quiet);
		} ZEND_HASH_FOREACH_END();
		if (ok) ok = delete_range(s, ct, g, NULL, quiet);
		efree(mt);
		efree(ct);
		zval_ptr_dtor(&segs);
		if (!ok) break;
	} ZEND_HASH_FOREACH_END();
	zval_ptr_dtor(&gens);
	return ok;
}

/* segment => count, for one generation. */
static bool counts_of(php_segment_store *s, zend_long gen, zval *out)
{
	zval rows;
	sparam p = P_LONG(gen);
	array_init(out);
	if (!run(s, "SELECT segment, COUNT(*) AS n FROM {m} WHERE generation = ? GROUP BY segment", "cannot count the members",
	         &p, 1, &rows, NULL, false)) {
		zval_ptr_dtor(&rows);
		return false;
	}
	zval *row;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL(rows), row) {
		zval *seg = zend_hash_str_find(Z_ARRVAL_P(row), ZEND_STRL("segment"));
		zval *n = zend_hash_str_find(Z_ARRVAL_P(row), ZEND_STRL("n"));
		zval c;
		ZVAL_COPY(&c, n);
		zend_symtable_update(Z_ARRVAL_P(out), Z_STR_P(seg), &c);
	} ZEND_HASH_FOREACH_END();
	zval_ptr_dtor(&rows);
	return true;
}

static zend_long count_in(zval *counts, zend_string *code)
{
	zval *v = zend_symtable_find(Z_ARRVAL_P(counts), code);
	return v && Z_TYPE_P(v) == IS_LONG ? Z_LVAL_P(v) : 0;
}

static int key_cmp(Bucket *a, Bucket *b)
{
	return zend_binary_strcmp(ZSTR_VAL(a->key), ZSTR_LEN(a->key), ZSTR_VAL(b->key), ZSTR_LEN(b->key));
}

/* The summary's per-segment table: members now and before, entries and exits. */
static bool summary_segments(php_segment_store *s, zend_long gen, zend_long old, zend_long run_id, zval *out)
{
	zval now, before, moves;
	ZVAL_UNDEF(&moves);
	array_init(out);
	bool ok = counts_of(s, gen, &now) && counts_of(s, old, &before);
	if (ok) {
		sparam p = P_LONG(run_id);
		ok = run(s, "SELECT segment, event, COUNT(*) AS n FROM {h} WHERE run_id = ? GROUP BY segment, event",
		         "cannot count the moves", &p, 1, &moves, NULL, false);
	}
	if (ok) {
		/* every code seen in either generation */
		HashTable *all = zend_new_array(0);
		zend_string *k;
		ZEND_HASH_FOREACH_STR_KEY(Z_ARRVAL(now), k) { if (k) zend_hash_add_empty_element(all, k); } ZEND_HASH_FOREACH_END();
		ZEND_HASH_FOREACH_STR_KEY(Z_ARRVAL(before), k) { if (k) zend_hash_add_empty_element(all, k); } ZEND_HASH_FOREACH_END();
		zend_ulong ik;
		ZEND_HASH_FOREACH_KEY(Z_ARRVAL(now), ik, k) { if (!k) { zend_string *t = zend_long_to_str((zend_long)ik); zend_hash_add_empty_element(all, t); zend_string_release(t); } } ZEND_HASH_FOREACH_END();
		ZEND_HASH_FOREACH_KEY(Z_ARRVAL(before), ik, k) { if (!k) { zend_string *t = zend_long_to_str((zend_long)ik); zend_hash_add_empty_element(all, t); zend_string_release(t); } } ZEND_HASH_FOREACH_END();
		zend_hash_sort(all, key_cmp, 0);
		ZEND_HASH_FOREACH_STR_KEY(all, k) {
			zval e;
			array_init_size(&e, 4);
			add_assoc_long(&e, "members", count_in(&now, k));
			add_assoc_long(&e, "previous", count_in(&before, k));
			add_assoc_long(&e, "entered", 0);
			add_assoc_long(&e, "exited", 0);
			zend_symtable_update(Z_ARRVAL_P(out), k, &e);
		} ZEND_HASH_FOREACH_END();
		zend_array_destroy(all);
		zval *row;
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL(moves), row) {
			zval *seg = zend_hash_str_find(Z_ARRVAL_P(row), ZEND_STRL("segment"));
			zval *ev = zend_hash_str_find(Z_ARRVAL_P(row), ZEND_STRL("event"));
			zval *n = zend_hash_str_find(Z_ARRVAL_P(row), ZEND_STRL("n"));
			zval *e = zend_symtable_find(Z_ARRVAL_P(out), Z_STR_P(seg));
			if (e) add_assoc_long(e, zend_string_equals_literal(Z_STR_P(ev), "enter") ? "entered" : "exited", Z_LVAL_P(n));
		} ZEND_HASH_FOREACH_END();
	}
	zval_ptr_dtor(&now);
	zval_ptr_dtor(&before);
	zval_ptr_dtor(&moves);
	return ok;
}

#endif /* HAVE_SEGMENT_MYSQL */

/* ---- PHP methods ---------------------------------------------------------- */

#ifndef HAVE_SEGMENT_MYSQL
static void throw_no_mysql(void)
{
	php_segment_db_throw(0, "", "Segment\\Store needs MySQL/MariaDB support, and this build of segment has none: "
	                            "rebuild with ./configure --with-segment-mysql (Debian: default-libmysqlclient-dev)");
}
#endif

PHP_METHOD(Segment_Store, __construct)
{
	zend_string *conn_str = NULL;
	HashTable *conn_ht = NULL, *opts = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_ARRAY_HT_OR_STR(conn_ht, conn_str)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();
	php_segment_store *s = store_from_obj(Z_OBJ_P(ZEND_THIS));
#ifdef HAVE_SEGMENT_MYSQL
	if (s->db) {
		zend_throw_error(NULL, "Segment\\Store is already constructed");
		RETURN_THROWS();
	}
#endif
	const char *prefix = "";
	size_t plen = 0;
	if (opts) {
		zend_string *key;
		zval *v;
		ZEND_HASH_FOREACH_STR_KEY_VAL(opts, key, v) {
			ZVAL_DEREF(v);
			if (!key || !zend_string_equals_literal(key, "prefix")) {
				zend_argument_value_error(2, "has an unknown option%s%s%s (known: prefix)", key ? " '" : "",
				                          key ? ZSTR_VAL(key) : "", key ? "'" : "");
				RETURN_THROWS();
			}
			if (Z_TYPE_P(v) != IS_STRING) {
				zend_argument_type_error(2, "option 'prefix' must be a string, %s given", zend_zval_type_name(v));
				RETURN_THROWS();
			}
			prefix = Z_STRVAL_P(v);
			plen = Z_STRLEN_P(v);
		} ZEND_HASH_FOREACH_END();
	}
	if (plen > STORE_MAX_PREFIX || !seg_shopdb_prefix_valid(prefix, plen)) {
		zend_argument_value_error(2, "option 'prefix' may only hold the letters A-Z and a-z, digits and '_', at most %d "
		                          "of them", STORE_MAX_PREFIX);
		RETURN_THROWS();
	}
	seg_dsn_free(&s->dsn);
	if (!php_segment_db_connection_parse(conn_str, conn_ht, &s->dsn, 1)) {
		seg_dsn_free(&s->dsn);
		RETURN_THROWS();
	}
	memcpy(s->prefix, prefix, plen);
	s->prefix[plen] = '\0';
#ifdef HAVE_SEGMENT_MYSQL
	if (!s->dsn.database) {
		seg_dsn_free(&s->dsn);
		zend_argument_value_error(1, "must name the database the store's tables are in (setting 'database')");
		RETURN_THROWS();
	}
	s->db = php_segment_db_connect(&s->dsn);
	if (!s->db) RETURN_THROWS();
	/* UTC: computed_at, started_at and history times are UTC; the profile's
	 * dates are stored as given (the shop's wall clock). */
	if (mysql_query(s->db, "SET time_zone = '+00:00'")) {
		php_segment_db_throw_mysql(s->db, &s->dsn, "cannot set the session time zone");
		mysql_close(s->db);
		s->db = NULL;
		RETURN_THROWS();
	}
#else
	throw_no_mysql();
	RETURN_THROWS();
#endif
}

#ifdef HAVE_SEGMENT_MYSQL
/* The six table names with the prefix, as bound values. */
static void table_params(const php_segment_store *s, char names[][STORE_MAX_PREFIX + 24], sparam *p)
{
	for (size_t t = 0; t < STORE_NTABLES; t++) {
		int n = snprintf(names[t], sizeof names[t], "%s%s", s->prefix, store_tables[t].suffix);
		p[t] = P_STR(names[t], (size_t)n);
	}
}

/*
 * False (and a DatabaseError naming it) when a table with one of the
 * store's names exists without the store's mark: installed(), install(),
 * uninstall(), recompute() and update() then change nothing, rather than
 * write into, or drop, another program's table.
 */
static bool tables_are_ours(php_segment_store *s)
{
	char names[STORE_NTABLES][STORE_MAX_PREFIX + 24];
	sparam p[STORE_NTABLES + 1];
	table_params(s, names, p);
	p[STORE_NTABLES] = P_STR(STORE_MARK, sizeof STORE_MARK - 1);
	zval rows;
	if (!run(s, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
	            " AND TABLE_NAME IN (?, ?, ?, ?, ?, ?) AND TABLE_COMMENT <> ? ORDER BY TABLE_NAME",
	         "cannot list the tables", p, STORE_NTABLES + 1, &rows, NULL, false)) {
		zval_ptr_dtor(&rows);
		return false;
	}
	zval *name = first_value(&rows);
	if (name && Z_TYPE_P(name) == IS_STRING)
		php_segment_db_throw(0, "", "the table `%s` exists and is not one of the segment store's (it lacks the comment '"
		                     STORE_MARK "'; the customersegments PrestaShop module and the Segment_CustomerSegment "
		                     "Magento module keep their own tables under such names): nothing was changed; give the "
		                     "store another table prefix (option 'prefix', --store-prefix on the command line)",
		                     Z_STRVAL_P(name));
	bool ok = !name;
	zval_ptr_dtor(&rows);
	return ok;
}
#endif

PHP_METHOD(Segment_Store, install)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_store *s = this_store(ZEND_THIS);
	if (!s) RETURN_THROWS();
#ifdef HAVE_SEGMENT_MYSQL
	if (!tables_are_ours(s)) RETURN_THROWS();
	for (size_t i = 0; i < sizeof ddl / sizeof ddl[0]; i++)
		if (!exec_text(s, ddl[i], "cannot create the segment store's tables", false)) RETURN_THROWS();
#endif
}

PHP_METHOD(Segment_Store, uninstall)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_store *s = this_store(ZEND_THIS);
	if (!s) RETURN_THROWS();
#ifdef HAVE_SEGMENT_MYSQL
	if (!tables_are_ours(s)) RETURN_THROWS();
	if (!exec_text(s, "DROP TABLE IF EXISTS {h}, {m}, {c}, {p}, {r}, {s}", "cannot drop the segment store's tables", false))
		RETURN_THROWS();
#endif
}

PHP_METHOD(Segment_Store, tables)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_store *s = store_from_obj(Z_OBJ_P(ZEND_THIS));
	array_init(return_value);
	for (size_t t = 0; t < STORE_NTABLES; t++) {
		zend_string *n = zend_strpprintf(0, "%s%s", s->prefix, store_tables[t].suffix);
		add_assoc_str(return_value, store_tables[t].suffix + 8, n);
	}
}

PHP_METHOD(Segment_Store, installed)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_store *s = this_store(ZEND_THIS);
	if (!s) RETURN_THROWS();
#ifdef HAVE_SEGMENT_MYSQL
	if (!tables_are_ours(s)) RETURN_THROWS();
	char names[STORE_NTABLES][STORE_MAX_PREFIX + 24];
	sparam p[STORE_NTABLES];
	table_params(s, names, p);
	zval rows;
	if (!run(s, "SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
	            " AND TABLE_NAME IN (?, ?, ?, ?, ?, ?)",
	         "cannot list the tables", p, STORE_NTABLES, &rows, NULL, false)) {
		zval_ptr_dtor(&rows);
		RETURN_THROWS();
	}
	zval *n = first_value(&rows);
	bool all = n && Z_TYPE_P(n) == IS_LONG && Z_LVAL_P(n) == (zend_long)STORE_NTABLES;
	zval_ptr_dtor(&rows);
	RETURN_BOOL(all);
#endif
}

PHP_METHOD(Segment_Store, recompute)
{
	zval *model_zv, *profiles_zv;
	HashTable *opts = NULL;
	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_OBJECT_OF_CLASS(model_zv, segment_ce_Model)
		Z_PARAM_OBJECT_OF_CLASS(profiles_zv, segment_ce_Profiles)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();
	run_options o;
	if (!run_options_parse(opts, &o, true)) RETURN_THROWS();
	php_segment_store *s = this_store(ZEND_THIS);
	php_segment_profiles *pr = php_segment_profiles_fetch(Z_OBJ_P(profiles_zv));
	zend_string *version = php_segment_model_version(Z_OBJ_P(model_zv));
	if (s && (!pr->profiles || !version)) zend_throw_error(NULL, "the Model or Profiles argument was not built");
	if (!s || EG(exception)) {
		run_options_free(&o);
		RETURN_THROWS();
	}
#ifdef HAVE_SEGMENT_MYSQL
	uint64_t start = php_hrtime_current();
	if (Z_ISUNDEF(o.now)) ZVAL_LONG(&o.now, (zend_long)pr->reference); /* recency and the rules' clock agree */
	zend_long gen = 0, running = 0, run_id = 0;
	bool locked = false, started = false;
	bulk b;
	memset(&b, 0, sizeof b);
	loader ld;
	memset(&ld, 0, sizeof ld);
	bool use_load = false;
	zval stale, segs, vz;
	ZVAL_UNDEF(&stale);
	ZVAL_UNDEF(&segs);
	ZVAL_STR_COPY(&vz, version);
	unsigned long long entries = 0, exits = 0;
	size_t n = seg_profiles_count(pr->profiles), since_commit = 0;

	if (!(locked = take_lock(s))) goto fail;
	if (!tables_are_ours(s) || !read_state(s, false, &gen, &running)) goto fail;
	/* Leftovers of a run that failed or was killed: not readable (no state
	 * points at them), deleted now. */
	if (!run(s, "UPDATE {r} SET outcome = 'abandoned', finished_at = NOW(3) WHERE outcome = 'running'",
	         "cannot update the runs table", NULL, 0, NULL, NULL, false) ||
	    !delete_generations(s, gen, false) ||
	    !exec_text(s, "DELETE FROM {p}", "cannot clear the pending table", false))
		goto fail;
	use_load = !o.insert && loader_open(s, &ld);
	{
		sparam p[2] = {P_LONG(gen + 1), P_ZSTR(version)};
		if (!run(s, "INSERT INTO {r} (generation, started_at, outcome, model_version) VALUES (?, NOW(3), 'running', ?)",
		         "cannot record the run", p, 2, NULL, NULL, false))
			goto fail;
		run_id = (zend_long)mysql_insert_id(s->db);
		started = true;
		sparam q[2] = {P_LONG(run_id), P_LONG(gen + 1)};
		if (!run(s, "UPDATE {s} SET running_run = ?, running_generation = ?, running_since = NOW(3) WHERE id = 1",
		         "cannot record the run", q, 2, NULL, NULL, false))
			goto fail;
	}

	/* generation g+1, written beside g */
	b.s = s;
	b.cust_batch = (size_t)o.batch;
	b.memb_batch = 1000;
	ZVAL_LONG(&b.gen, gen + 1);
	b.memb_gen = gen + 1;
	if (use_load) {
		ld.pr = pr;
		ld.model = Z_OBJ_P(model_zv);
		ld.now = &o.now;
		ld.gen = &b.gen;
		ld.version = &vz;
		ld.total = n;
		ld.o = &o;
		ld.start = start;
		if (!load_generation(&ld, &b)) goto fail;
		loader_close(&ld);
		if (!report(&o, "write", (zend_long)n, (zend_long)n, start)) goto fail;
		goto written;
	}
	b.rows = ecalloc(b.cust_batch, sizeof *b.rows);
	b.cb = ecalloc(b.cust_batch * CUST_COLS, sizeof *b.cb);
	b.mb = ecalloc(b.memb_batch * 3, sizeof *b.mb);
	if (n >= b.cust_batch && !(b.cust = prepare_insert(s, true, b.cust_batch))) goto fail;
	if (!(b.memb = prepare_insert(s, false, b.memb_batch))) goto fail;
	if (!exec_text(s, "START TRANSACTION", "cannot start a transaction", false)) goto fail;
	for (size_t i = 0; i < n; i++) {
		zval profile;
		php_segment_profiles_profile(pr, i, &profile);
		bool ok = row_assign(&b.rows[b.nrows], Z_OBJ_P(model_zv), &profile, &o.now, &b.gen, &vz);
		zval_ptr_dtor(&profile);
		if (!ok) goto fail;
		if (++b.nrows == b.cust_batch) {
			if (!bulk_flush(&b)) goto fail;
			/* a transaction per ~20,000 customers: few commits, bounded undo */
			if ((since_commit += b.cust_batch) >= 20000) {
				since_commit = 0;
				if (!exec_text(s, "COMMIT", "cannot commit", false) ||
				    !exec_text(s, "START TRANSACTION", "cannot start a transaction", false))
					goto fail;
			}
		}
		if (((i + 1) & 0xffff) == 0 && !report(&o, "write", (zend_long)(i + 1), (zend_long)n, start)) goto fail;
	}
	if (!bulk_flush(&b) || !exec_text(s, "COMMIT", "cannot commit", false)) goto fail;
	if (!report(&o, "write", (zend_long)n, (zend_long)n, start)) goto fail;

written:
	/* The switch: one transaction.  The state row's lock waits for
	 * incremental updates in flight and holds back new ones until the
	 * commit; after it they write g+1. */
	if (!exec_text(s, "START TRANSACTION", "cannot start a transaction", false)) goto fail;
	{
		zend_long g2, r2;
		if (!read_state(s, true, &g2, &r2)) goto fail;
		if (g2 != gen || r2 != run_id) {
			php_segment_db_throw(0, "", "the store's state changed during the recompute (generation " ZEND_LONG_FMT
			                     " instead of " ZEND_LONG_FMT "): was the store reinstalled?", g2, gen);
			goto fail;
		}
		sparam p[3] = {P_LONG(run_id), P_LONG(gen), P_LONG(gen + 1)};
		if (!run(s, "INSERT INTO {h} (customer_id, segment, event, run_id, at)"
		            " SELECT n.customer_id, n.segment, 'enter', ?, NOW(3) FROM {m} n"
		            " LEFT JOIN {m} o ON o.generation = ? AND o.segment = n.segment AND o.customer_id = n.customer_id"
		            " WHERE n.generation = ? AND o.customer_id IS NULL",
		         "cannot record the entries", p, 3, NULL, &entries, false))
			goto fail;
		sparam q[3] = {P_LONG(run_id), P_LONG(gen + 1), P_LONG(gen)};
		if (!run(s, "INSERT INTO {h} (customer_id, segment, event, run_id, at)"
		            " SELECT o.customer_id, o.segment, 'exit', ?, NOW(3) FROM {m} o"
		            " LEFT JOIN {m} n ON n.generation = ? AND n.segment = o.segment AND n.customer_id = o.customer_id"
		            " WHERE o.generation = ? AND n.customer_id IS NULL",
		         "cannot record the exits", q, 3, NULL, &exits, false))
			goto fail;
		if (!run(s, "SELECT customer_id FROM {p} ORDER BY customer_id", "cannot read the pending table", NULL, 0, &stale,
		         NULL, false) ||
		    !exec_text(s, "DELETE FROM {p}", "cannot clear the pending table", false))
			goto fail;
		sparam u[2] = {P_LONG(gen + 1), P_LONG(run_id)};
		if (!run(s, "UPDATE {s} SET generation = ?, run_id = ?, running_run = NULL, running_generation = NULL,"
		            " running_since = NULL WHERE id = 1",
		         "cannot switch the generation", u, 2, NULL, NULL, false))
			goto fail;
		sparam v[5] = {P_LONG((long long)b.customers), P_LONG((long long)b.memberships), P_LONG((long long)entries),
		               P_LONG((long long)exits), P_LONG(run_id)};
		if (!run(s, "UPDATE {r} SET outcome = 'ok', finished_at = NOW(3), customers = ?, memberships = ?, entries = ?,"
		            " exits = ? WHERE id = ?",
		         "cannot record the run", v, 5, NULL, NULL, false))
			goto fail;
		if (!exec_text(s, "COMMIT", "cannot commit the new generation", false)) goto fail;
	}
	started = false; /* committed: from here on, nothing to undo */

	if (!summary_segments(s, gen + 1, gen, run_id, &segs)) goto fail;
	/* g is unreachable now: delete it (a kill here leaves it to the next run) */
	if (!report(&o, "cleanup", (zend_long)n, (zend_long)n, start) || !delete_generations(s, gen + 1, false)) goto fail;
	release_lock(s);
	locked = false;

	array_init(return_value);
	add_assoc_long(return_value, "run", run_id);
	add_assoc_long(return_value, "generation", gen + 1);
	add_assoc_long(return_value, "previous_generation", gen);
	add_assoc_str(return_value, "model_version", zend_string_copy(version));
	add_assoc_long(return_value, "customers", (zend_long)b.customers);
	add_assoc_long(return_value, "memberships", (zend_long)b.memberships);
	add_assoc_long(return_value, "entries", (zend_long)entries);
	add_assoc_long(return_value, "exits", (zend_long)exits);
	add_assoc_string(return_value, "write_method", use_load ? "load" : "insert");
	add_assoc_zval(return_value, "segments", &segs);
	{
		zval ids;
		column_list(&stale, "customer_id", &ids);
		add_assoc_zval(return_value, "updated_during_run", &ids);
	}
	add_assoc_double(return_value, "seconds", (double)(php_hrtime_current() - start) / 1e9);
	ZVAL_UNDEF(&segs);
	goto done;

fail:
	/* The error is already thrown; undo what can be undone without hiding
	 * it.  Whatever fails here (a dead connection) the next run cleans. */
	if (EG(exception)) {
		zend_object *ex = EG(exception); /* the quiet statements below throw nothing */
		loader_close(&ld); /* its open chunk, if any, is rolled back */
		exec_text(s, "ROLLBACK", "", true);
		if (started) {
			zval msg;
			ZVAL_UNDEF(&msg);
			zval *m = zend_read_property(ex->ce, ex, ZEND_STRL("message"), 1, &msg);
			sparam p[2] = {m && Z_TYPE_P(m) == IS_STRING ? P_STR(Z_STRVAL_P(m), MIN(Z_STRLEN_P(m), 1024)) : P_STR("", 0),
			               P_LONG(run_id)};
			run(s, "UPDATE {r} SET outcome = 'failed', finished_at = NOW(3), message = ? WHERE id = ?", "", p, 2, NULL,
			    NULL, true);
			sparam q = P_LONG(run_id);
			run(s, "UPDATE {s} SET running_run = NULL, running_generation = NULL, running_since = NULL"
			       " WHERE id = 1 AND running_run = ?", "", &q, 1, NULL, NULL, true);
			delete_generations(s, gen, true);
		}
	}
	if (locked) release_lock(s);
done:
	loader_close(&ld);
	for (size_t i = 0; i < b.nrows; i++) row_free(&b.rows[i]);
	if (b.cust) mysql_stmt_close(b.cust);
	if (b.memb) mysql_stmt_close(b.memb);
	if (b.rows) efree(b.rows);
	if (b.cb) efree(b.cb);
	if (b.mb) efree(b.mb);
	zval_ptr_dtor(&stale);
	zval_ptr_dtor(&segs);
	zval_ptr_dtor(&vz);
#endif
	run_options_free(&o);
}

#ifdef HAVE_SEGMENT_MYSQL
/* The codes of a JSON list (the segments column) into a HashTable set. */
static void json_codes(zval *json, zval *out)
{
	array_init(out);
	if (!json || Z_TYPE_P(json) != IS_STRING) return;
	zval list;
	if (php_json_decode_ex(&list, Z_STRVAL_P(json), Z_STRLEN_P(json), PHP_JSON_OBJECT_AS_ARRAY, 4) == SUCCESS &&
	    Z_TYPE(list) == IS_ARRAY) {
		zval *c;
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL(list), c) {
			if (Z_TYPE_P(c) == IS_STRING) zend_hash_add_empty_element(Z_ARRVAL_P(out), Z_STR_P(c));
		} ZEND_HASH_FOREACH_END();
	}
	zval_ptr_dtor(&list);
}

/* One customer into the current generation; *info gets segments, entered,
 * exited and whether a recompute was running.  Inside the caller's
 * transaction. */
static bool update_one(php_segment_store *s, zend_object *model, zval *profile, zval *now, zval *version, zval *info)
{
	zend_long gen = 0, running = 0;
	/* LOCK IN SHARE MODE on the state row: a recompute's switch (FOR UPDATE)
	 * waits for this transaction, and this one waits for a switch under way */
	zval lk;
	if (!run(s, "SELECT generation, running_run FROM {s} WHERE id = 1 LOCK IN SHARE MODE", "cannot read the store's state",
	         NULL, 0, &lk, NULL, false)) {
		zval_ptr_dtor(&lk);
		return false;
	}
	zval *row = zend_hash_index_find(Z_ARRVAL(lk), 0);
	if (!row) {
		zval_ptr_dtor(&lk);
		php_segment_db_throw(0, "", "the segment store's state table (prefix '%s') has no row: run Store::install() again",
		                     s->prefix);
		return false;
	} else {
		zval *g = zend_hash_str_find(Z_ARRVAL_P(row), ZEND_STRL("generation"));
		zval *r = zend_hash_str_find(Z_ARRVAL_P(row), ZEND_STRL("running_run"));
		gen = Z_TYPE_P(g) == IS_LONG ? Z_LVAL_P(g) : 0;
		running = Z_TYPE_P(r) == IS_LONG ? Z_LVAL_P(r) : 0;
	}
	zval_ptr_dtor(&lk);

	store_row r;
	zval gz;
	ZVAL_LONG(&gz, gen);
	if (!row_assign(&r, model, profile, now, &gz, version)) return false;
	zval *id = r.vals[1];
	bool ok = false;
	zval old, oldset, entered, exited;
	ZVAL_UNDEF(&old);
	ZVAL_UNDEF(&oldset);
	array_init(&entered);
	array_init(&exited);
	if (!id || Z_TYPE_P(id) != IS_STRING) {
		zend_throw_error(NULL, "a profile without customer_id");
		goto out;
	}
	{
		sparam p[2] = {P_LONG(gen), P_ZSTR(Z_STR_P(id))};
		if (!run(s, "SELECT segments FROM {c} WHERE generation = ? AND customer_id = ? FOR UPDATE",
		         "cannot read the customer's row", p, 2, &old, NULL, false))
			goto out;
	}
	zval *oldrow = zend_hash_index_find(Z_ARRVAL(old), 0);
	json_codes(oldrow ? zend_hash_str_find(Z_ARRVAL_P(oldrow), ZEND_STRL("segments")) : NULL, &oldset);

	/* the row itself */
	{
		char *sql = insert_sql(s, true, 1,
		                       " ON DUPLICATE KEY UPDATE orders = VALUES(orders), revenue = VALUES(revenue),"
		                       " first_order_at = VALUES(first_order_at), last_order_at = VALUES(last_order_at),"
		                       " recency = VALUES(recency), cancelled_orders = VALUES(cancelled_orders),"
		                       " country = VALUES(country), rfm_r = VALUES(rfm_r), rfm_f = VALUES(rfm_f),"
		                       " rfm_m = VALUES(rfm_m), rfm_score = VALUES(rfm_score), rfm_segment = VALUES(rfm_segment),"
		                       " retention = VALUES(retention), cluster = VALUES(cluster),"
		                       " cluster_name = VALUES(cluster_name), segments = VALUES(segments),"
		                       " model_version = VALUES(model_version), computed_at = VALUES(computed_at)");
		MYSQL_STMT *st = mysql_stmt_init(s->db);
		MYSQL_BIND binds[CUST_COLS];
		row_bind(binds, &r);
		bool done = st && !mysql_stmt_prepare(st, sql, strlen(sql)) && !mysql_stmt_bind_param(st, binds) &&
		            !mysql_stmt_execute(st);
		if (!done) throw_stmt(s, st, "cannot write the customer's row");
		if (st) mysql_stmt_close(st);
		efree(sql);
		if (!done) goto out;
	}
	/* memberships and history: exits, then entries */
	zval *code;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL(r.segments), code) {
		if (!zend_hash_exists(Z_ARRVAL(oldset), Z_STR_P(code))) {
			Z_TRY_ADDREF_P(code); /* a code may be an interned string */
			zend_hash_next_index_insert(Z_ARRVAL(entered), code);
		}
	} ZEND_HASH_FOREACH_END();
	zend_string *oc;
	ZEND_HASH_FOREACH_STR_KEY(Z_ARRVAL(oldset), oc) {
		bool still = false;
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL(r.segments), code) { still |= zend_string_equals(Z_STR_P(code), oc); } ZEND_HASH_FOREACH_END();
		if (!still) add_next_index_str(&exited, zend_string_copy(oc));
	} ZEND_HASH_FOREACH_END();
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL(exited), code) {
		sparam p[3] = {P_LONG(gen), P_ZSTR(Z_STR_P(code)), P_ZSTR(Z_STR_P(id))};
		sparam h[2] = {P_ZSTR(Z_STR_P(id)), P_ZSTR(Z_STR_P(code))};
		if (!run(s, "DELETE FROM {m} WHERE generation = ? AND segment = ? AND customer_id = ?",
		         "cannot write the memberships", p, 3, NULL, NULL, false) ||
		    !run(s, "INSERT INTO {h} (customer_id, segment, event, run_id, at) VALUES (?, ?, 'exit', NULL, NOW(3))",
		         "cannot write the history", h, 2, NULL, NULL, false))
			goto out;
	} ZEND_HASH_FOREACH_END();
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL(entered), code) {
		sparam p[3] = {P_LONG(gen), P_ZSTR(Z_STR_P(code)), P_ZSTR(Z_STR_P(id))};
		sparam h[2] = {P_ZSTR(Z_STR_P(id)), P_ZSTR(Z_STR_P(code))};
		if (!run(s, "INSERT IGNORE INTO {m} (generation, segment, customer_id) VALUES (?, ?, ?)",
		         "cannot write the memberships", p, 3, NULL, NULL, false) ||
		    !run(s, "INSERT INTO {h} (customer_id, segment, event, run_id, at) VALUES (?, ?, 'enter', NULL, NOW(3))",
		         "cannot write the history", h, 2, NULL, NULL, false))
			goto out;
	} ZEND_HASH_FOREACH_END();
	if (running) {
		/* the recompute under way read its profiles before this change: its
		 * summary lists this customer ('updated_during_run') for a new update */
		sparam p = P_ZSTR(Z_STR_P(id));
		if (!run(s, "INSERT INTO {p} (customer_id, at) VALUES (?, NOW(3)) ON DUPLICATE KEY UPDATE at = NOW(3)",
		         "cannot write the pending table", &p, 1, NULL, NULL, false))
			goto out;
	}
	array_init(info);
	Z_TRY_ADDREF(r.segments); /* may be the immutable empty array */
	add_assoc_zval(info, "segments", &r.segments);
	add_assoc_zval(info, "entered", &entered);
	add_assoc_zval(info, "exited", &exited);
	add_assoc_long(info, "generation", gen);
	add_assoc_bool(info, "recompute_running", running != 0);
	ZVAL_UNDEF(&entered);
	ZVAL_UNDEF(&exited);
	ok = true;
out:
	zval_ptr_dtor(&old);
	zval_ptr_dtor(&oldset);
	zval_ptr_dtor(&entered);
	zval_ptr_dtor(&exited);
	row_free(&r);
	return ok;
}
#endif

PHP_METHOD(Segment_Store, update)
{
	zval *model_zv, *profiles_zv;
	HashTable *opts = NULL;
	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_OBJECT_OF_CLASS(model_zv, segment_ce_Model)
		Z_PARAM_OBJECT_OF_CLASS(profiles_zv, segment_ce_Profiles)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();
	run_options o;
	if (!run_options_parse(opts, &o, false)) RETURN_THROWS();
	php_segment_store *s = this_store(ZEND_THIS);
	if (!s) RETURN_THROWS();
	php_segment_profiles *pr = php_segment_profiles_fetch(Z_OBJ_P(profiles_zv));
	zend_string *version = php_segment_model_version(Z_OBJ_P(model_zv));
	if (!pr->profiles || !version) {
		zend_throw_error(NULL, "the Model or Profiles argument was not built");
		RETURN_THROWS();
	}
#ifdef HAVE_SEGMENT_MYSQL
	if (!tables_are_ours(s)) RETURN_THROWS();
	if (Z_ISUNDEF(o.now)) ZVAL_LONG(&o.now, (zend_long)pr->reference);
	zval vz;
	ZVAL_STR_COPY(&vz, version);
	array_init(return_value);
	size_t n = seg_profiles_count(pr->profiles);
	/* one transaction per customer: short locks, and an error leaves the
	 * customers before it updated and this one untouched */
	for (size_t i = 0; i < n; i++) {
		zval profile, info;
		php_segment_profiles_profile(pr, i, &profile);
		bool ok = exec_text(s, "START TRANSACTION", "cannot start a transaction", false) &&
		          update_one(s, Z_OBJ_P(model_zv), &profile, &o.now, &vz, &info);
		if (ok && !exec_text(s, "COMMIT", "cannot commit the update", false)) {
			zval_ptr_dtor(&info);
			ok = false;
		}
		if (!ok) {
			exec_text(s, "ROLLBACK", "", true); /* quiet: the exception thrown stays the one to see */
			zval_ptr_dtor(&profile);
			break;
		}
		zval *id = zend_hash_str_find(Z_ARRVAL(profile), ZEND_STRL("customer_id"));
		zend_symtable_update(Z_ARRVAL_P(return_value), Z_STR_P(id), &info);
		zval_ptr_dtor(&profile);
	}
	zval_ptr_dtor(&vz);
	if (EG(exception)) {
		zval_ptr_dtor(return_value);
		ZVAL_UNDEF(return_value);
	}
#endif
}

/* ---- reading (web nodes) --------------------------------------------------- */

#ifdef HAVE_SEGMENT_MYSQL
static void id_param(zend_string *sid, zend_long lid, char *buf, size_t cap, sparam *p)
{
	if (sid) *p = P_ZSTR(sid);
	else *p = P_STR(buf, (size_t)snprintf(buf, cap, ZEND_LONG_FMT, lid));
}
#endif

PHP_METHOD(Segment_Store, customer)
{
	zend_string *sid = NULL;
	zend_long lid = 0;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR_OR_LONG(sid, lid)
	ZEND_PARSE_PARAMETERS_END();
	php_segment_store *s = this_store(ZEND_THIS);
	if (!s) RETURN_THROWS();
#ifdef HAVE_SEGMENT_MYSQL
	char buf[32];
	sparam p;
	id_param(sid, lid, buf, sizeof buf, &p);
	/* the state row is a constant (one row by primary key): one lookup of
	 * (generation, customer_id) in the customer table's primary key */
	if (!first_row(s, &s->st_customer, "SELECT c.generation, c.customer_id, c.orders, c.revenue, c.first_order_at, c.last_order_at, c.recency,"
	            " c.cancelled_orders, c.country, c.rfm_r, c.rfm_f, c.rfm_m, c.rfm_score, c.rfm_segment, c.retention,"
	            " c.cluster, c.cluster_name, c.segments, c.model_version, c.computed_at"
	            " FROM {s} s JOIN {c} c ON c.generation = s.generation AND c.customer_id = ? WHERE s.id = 1",
	         "cannot read the customer", &p, 1, return_value))
		RETURN_THROWS();
	if (Z_TYPE_P(return_value) == IS_NULL) return;
	zval *js = zend_hash_str_find(Z_ARRVAL_P(return_value), ZEND_STRL("segments"));
	zval list;
	if (js && Z_TYPE_P(js) == IS_STRING &&
	    php_json_decode_ex(&list, Z_STRVAL_P(js), Z_STRLEN_P(js), PHP_JSON_OBJECT_AS_ARRAY, 4) == SUCCESS)
		zend_hash_str_update(Z_ARRVAL_P(return_value), ZEND_STRL("segments"), &list);
#endif
}

PHP_METHOD(Segment_Store, members)
{
	zend_string *code, *after_s = NULL;
	zend_long limit = 1000, after_l = 0;
	bool after_null = true;
	ZEND_PARSE_PARAMETERS_START(1, 3)
		Z_PARAM_STR(code)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(limit)
		Z_PARAM_STR_OR_LONG_OR_NULL(after_s, after_l, after_null)
	ZEND_PARSE_PARAMETERS_END();
	if (limit < 1 || limit > 1000000) {
		zend_argument_value_error(2, "must be between 1 and 1000000");
		RETURN_THROWS();
	}
	php_segment_store *s = this_store(ZEND_THIS);
	if (!s) RETURN_THROWS();
#ifdef HAVE_SEGMENT_MYSQL
	char buf[32];
	sparam p[3];
	p[0] = P_ZSTR(code);
	if (after_null && !after_s) p[1] = P_STR("", 0); /* every id sorts after "" */
	else id_param(after_s, after_l, buf, sizeof buf, &p[1]);
	p[2] = P_LONG(limit);
	zval rows;
	/* keyset pagination over the primary key (generation, segment, customer_id) */
	if (!run_ex(s, &s->st_members, "SELECT m.customer_id FROM {s} s JOIN {m} m ON m.generation = s.generation AND m.segment = ?"
	            " AND m.customer_id > ? WHERE s.id = 1 ORDER BY m.customer_id LIMIT ?",
	         "cannot read the members", p, 3, &rows, NULL, false)) {
		zval_ptr_dtor(&rows);
		RETURN_THROWS();
	}
	column_list(&rows, "customer_id", return_value);
	zval_ptr_dtor(&rows);
#endif
}

PHP_METHOD(Segment_Store, counts)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_store *s = this_store(ZEND_THIS);
	if (!s) RETURN_THROWS();
#ifdef HAVE_SEGMENT_MYSQL
	zval rows;
	if (!run(s, "SELECT m.segment, COUNT(*) AS n FROM {s} s JOIN {m} m ON m.generation = s.generation WHERE s.id = 1"
	            " GROUP BY m.segment ORDER BY m.segment",
	         "cannot count the members", NULL, 0, &rows, NULL, false)) {
		zval_ptr_dtor(&rows);
		RETURN_THROWS();
	}
	array_init(return_value);
	zval *row;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL(rows), row) {
		zval *seg = zend_hash_str_find(Z_ARRVAL_P(row), ZEND_STRL("segment"));
		zval *n = zend_hash_str_find(Z_ARRVAL_P(row), ZEND_STRL("n"));
		zend_symtable_update(Z_ARRVAL_P(return_value), Z_STR_P(seg), n);
	} ZEND_HASH_FOREACH_END();
	zval_ptr_dtor(&rows);
#endif
}

PHP_METHOD(Segment_Store, lastRun)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_store *s = this_store(ZEND_THIS);
	if (!s) RETURN_THROWS();
#ifdef HAVE_SEGMENT_MYSQL
	if (!first_row(s, NULL, "SELECT id, generation, started_at, finished_at, outcome, customers, memberships, entries, exits,"
	               " model_version, message FROM {r} ORDER BY id DESC LIMIT 1",
	               "cannot read the runs", NULL, 0, return_value))
		RETURN_THROWS();
#endif
}

PHP_METHOD(Segment_Store, state)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_store *s = this_store(ZEND_THIS);
	if (!s) RETURN_THROWS();
#ifdef HAVE_SEGMENT_MYSQL
	if (!first_row(s, NULL, "SELECT generation, run_id, running_run, running_since FROM {s} WHERE id = 1",
	               "cannot read the store's state", NULL, 0, return_value))
		RETURN_THROWS();
#endif
}

PHP_METHOD(Segment_Store, history)
{
	zend_string *sid = NULL;
	zend_long lid = 0, limit = 100;
	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR_OR_LONG(sid, lid)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(limit)
	ZEND_PARSE_PARAMETERS_END();
	if (limit < 1 || limit > 1000000) {
		zend_argument_value_error(2, "must be between 1 and 1000000");
		RETURN_THROWS();
	}
	php_segment_store *s = this_store(ZEND_THIS);
	if (!s) RETURN_THROWS();
#ifdef HAVE_SEGMENT_MYSQL
	char buf[32];
	sparam p[2];
	id_param(sid, lid, buf, sizeof buf, &p[0]);
	p[1] = P_LONG(limit);
	if (!run_ex(s, &s->st_history, "SELECT segment, event, run_id, at FROM {h} WHERE customer_id = ? ORDER BY id DESC LIMIT ?",
	         "cannot read the history", p, 2, return_value, NULL, false)) {
		zval_ptr_dtor(return_value);
		ZVAL_UNDEF(return_value);
		RETURN_THROWS();
	}
#endif
}

/* ---- module hooks ------------------------------------------------------------ */

void php_segment_store_init(zend_class_entry *ce, zend_class_entry *busy)
{
	segment_ce_Store = ce;
	segment_ce_StoreBusyError = busy;
	ce->create_object = store_create;
	memcpy(&store_handlers, &std_object_handlers, sizeof store_handlers);
	store_handlers.offset = XtOffsetOf(php_segment_store, std);
	store_handlers.free_obj = store_free;
	store_handlers.clone_obj = NULL;
#if PHP_VERSION_ID >= 80200
	zend_function *f = zend_hash_str_find_ptr(&ce->function_table, ZEND_STRL("__construct"));
	if (f) zend_add_parameter_attribute(f, 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);
#endif
}
