/*
 * segment_profiles.c - the Segment\Profiles class: order rows in, profiles out.
 *
 * Rows are turned into seg_order_line views one at a time and handed to the
 * core; nothing of a row is kept.  Profiles are read back as PHP arrays only
 * when asked (get(), iteration, toArray()).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>

#include "php.h"
#include "ext/date/php_date.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "zend_smart_str.h"
#include "ext/spl/spl_iterators.h"
#include "ext/standard/hrtime.h"

#include "php_segment.h"
#include "seg_datefmt.h"

static zend_object_handlers profiles_handlers;

static inline php_segment_profiles *profiles_from_obj(zend_object *obj)
{
	return (php_segment_profiles *)((char *)obj - XtOffsetOf(php_segment_profiles, std));
}

php_segment_profiles *php_segment_profiles_fetch(zend_object *obj) { return profiles_from_obj(obj); }

static zend_object *profiles_create(zend_class_entry *ce)
{
	php_segment_profiles *p = zend_object_alloc(sizeof(php_segment_profiles), ce);
	zend_object_std_init(&p->std, ce);
	object_properties_init(&p->std, ce);
	p->std.handlers = &profiles_handlers;
	p->profiles = NULL;
	p->reference = 0;
	p->with_country = false;
	return &p->std;
}

static void profiles_free(zend_object *obj)
{
	php_segment_profiles *p = profiles_from_obj(obj);
	seg_profiles_free(p->profiles);
	p->profiles = NULL;
	zend_object_std_dtor(obj);
}

/* ---- errors -------------------------------------------------------------- */

void php_segment_throw_data_error(const char *file, zend_long line, const char *column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	zend_string *msg = zend_vstrpprintf(0, fmt, ap);
	va_end(ap);
	smart_str full = {0};
	if (file && *file) smart_str_append_printf(&full, "%s", file);
	if (line > 0) smart_str_append_printf(&full, "%s" ZEND_LONG_FMT, file && *file ? ":" : "row ", line);
	if (column && *column) smart_str_append_printf(&full, "%s column '%s'", full.s ? "," : "", column);
	if (full.s) smart_str_appends(&full, ": ");
	smart_str_append(&full, msg);
	smart_str_0(&full);
	zend_string_release(msg);

	zval ex;
	object_init_ex(&ex, segment_ce_DataError);
	zend_update_property_str(zend_ce_exception, Z_OBJ(ex), ZEND_STRL("message"), full.s);
	smart_str_free(&full);
	zend_update_property_string(segment_ce_DataError, Z_OBJ(ex), ZEND_STRL("dataFile"), file ? file : "");
	zend_update_property_long(segment_ce_DataError, Z_OBJ(ex), ZEND_STRL("dataLine"), line);
	zend_update_property_string(segment_ce_DataError, Z_OBJ(ex), ZEND_STRL("column"), column ? column : "");
	zend_throw_exception_object(&ex);
}

/* ---- options ------------------------------------------------------------- */

static zend_string *opt_string(HashTable *opts, const char *name, bool *bad)
{
	zval *v = opts ? zend_hash_str_find_deref(opts, name, strlen(name)) : NULL;
	if (!v || Z_TYPE_P(v) == IS_NULL) return NULL;
	if (Z_TYPE_P(v) != IS_STRING) {
		zend_value_error("option '%s' must be a string, %s given", name, zend_zval_type_name(v));
		*bad = true;
		return NULL;
	}
	return Z_STR_P(v);
}

/* A time option: DateTimeInterface (its wall clock), int (Unix time) or a date string. */
bool php_segment_option_time(zval *v, const char *name, int64_t *out)
{
	ZVAL_DEREF(v);
	if (Z_TYPE_P(v) == IS_LONG) {
		*out = Z_LVAL_P(v);
		return seg_ts_valid(*out) || (zend_value_error("option '%s' is outside years 0000-9999", name), false);
	}
	if (Z_TYPE_P(v) == IS_STRING) {
		bool zoned;
		if (seg_str_to_local(Z_STRVAL_P(v), Z_STRLEN_P(v), out, &zoned)) return true;
		zend_value_error("option '%s' must be a date such as \"2024-12-31 18:00:00\", \"%s\" is not", name, Z_STRVAL_P(v));
		return false;
	}
	if (Z_TYPE_P(v) == IS_OBJECT && instanceof_function(Z_OBJCE_P(v), php_date_get_interface_ce())) {
		zval ts, off;
		zend_call_method_with_0_params(Z_OBJ_P(v), Z_OBJCE_P(v), NULL, "gettimestamp", &ts);
		zend_call_method_with_0_params(Z_OBJ_P(v), Z_OBJCE_P(v), NULL, "getoffset", &off);
		bool ok = Z_TYPE(ts) == IS_LONG && Z_TYPE(off) == IS_LONG;
		if (ok) *out = Z_LVAL(ts) + Z_LVAL(off); /* wall clock, like the order dates */
		zval_ptr_dtor(&ts);
		zval_ptr_dtor(&off);
		return ok;
	}
	zend_type_error("option '%s' must be a DateTimeInterface, an int or a date string, %s given", name,
	                zend_zval_type_name(v));
	return false;
}

/* Now on the wall clock of PHP's default time zone. */
int64_t php_segment_wall_now(void)
{
	time_t t = time(NULL);
	zend_string *z = php_format_date("Z", 1, t, 1);
	int64_t off = ZEND_STRTOL(ZSTR_VAL(z), NULL, 10);
	zend_string_release(z);
	return (int64_t)t + off;
}

void php_segment_mapping_free(php_segment_mapping *m)
{
	if (m->statuses) {
		efree(m->statuses);
		m->statuses = NULL;
	}
	zval_ptr_dtor(&m->progress.callable);
	ZVAL_UNDEF(&m->progress.callable);
}

/* The 'progress' option: any callable; checked here so that a typo fails
 * before the file is read.  The callable is resolved again at each call
 * (a few per million lines), so no zend_fcall_info_cache has to outlive a
 * call: a trampoline (__call, __invoke via first-class callable syntax) is
 * released as soon as it has been checked. */
static bool progress_parse(HashTable *opts, php_segment_progress *p)
{
	zval *v = opts ? zend_hash_str_find_deref(opts, ZEND_STRL("progress")) : NULL;
	ZVAL_UNDEF(&p->callable);
	p->total = -1;
	p->start = php_hrtime_current();
	if (!v || Z_TYPE_P(v) == IS_NULL) return true;
	zend_fcall_info_cache fcc;
	char *error = NULL;
	if (!zend_is_callable_ex(v, NULL, 0, NULL, &fcc, &error)) {
		zend_type_error("option 'progress' must be a valid callback, %s", error ? error : "none given");
		if (error) efree(error);
		return false;
	}
	if (error) efree(error);
	zend_release_fcall_info_cache(&fcc);
	ZVAL_COPY(&p->callable, v);
	return true;
}

bool php_segment_progress_report(php_segment_progress *p, zend_long lines, zend_long bytes)
{
	if (Z_ISUNDEF(p->callable)) return true;
	zval info, ret;
	array_init_size(&info, 4);
	add_assoc_long(&info, "lines", lines);
	add_assoc_long(&info, "bytes", bytes);
	if (p->total >= 0) add_assoc_long(&info, "total_bytes", p->total);
	else add_assoc_null(&info, "total_bytes");
	add_assoc_double(&info, "seconds", (double)(php_hrtime_current() - p->start) / 1e9);
	ZVAL_UNDEF(&ret);
	zend_fcall_info fci = {
		.size = sizeof fci, .object = NULL, .retval = &ret, .params = &info, .param_count = 1, .named_params = NULL,
	};
	ZVAL_COPY_VALUE(&fci.function_name, &p->callable);
	zend_result r = zend_call_function(&fci, NULL);
	zval_ptr_dtor(&ret);
	zval_ptr_dtor(&info);
	return r == SUCCESS && !EG(exception);
}

/* Parses the options shared by fromCsv() and fromIterable(). */
static bool mapping_parse(HashTable *opts, php_segment_mapping *m)
{
	bool bad = false;
	memset(m, 0, sizeof *m);
	m->customer = opt_string(opts, "customer", &bad);
	m->order = opt_string(opts, "order", &bad);
	m->date = opt_string(opts, "date", &bad);
	m->amount = opt_string(opts, "amount", &bad);
	m->quantity = opt_string(opts, "quantity", &bad);
	m->price = opt_string(opts, "price", &bad);
	m->status = opt_string(opts, "status", &bad);
	m->date_format = opt_string(opts, "date_format", &bad);
	zend_string *delim = opt_string(opts, "delimiter", &bad);
	zend_string *prefix = opt_string(opts, "cancel_prefix", &bad);
	if (bad) return false;
	if (!m->customer || !m->date) {
		zend_value_error("options 'customer' and 'date' are required: the column (or key) of the customer id and of the order date");
		return false;
	}
	if (!m->amount && !(m->quantity && m->price)) {
		zend_value_error("option 'amount', or both 'quantity' and 'price', must name the value of a line");
		return false;
	}
	if (m->amount && (m->quantity || m->price)) {
		zend_value_error("give either 'amount' or 'quantity' and 'price', not both");
		return false;
	}
	if (m->date_format && !zend_string_equals_literal(m->date_format, "auto")) {
		seg_error err;
		if (seg_datefmt_check(ZSTR_VAL(m->date_format), ZSTR_LEN(m->date_format), &err) != SEG_OK) {
			zend_value_error("option 'date_format': %s", err.message);
			return false;
		}
	}
	m->delimiter = ',';
	if (delim) {
		if (ZSTR_LEN(delim) != 1) {
			zend_value_error("option 'delimiter' must be one character");
			return false;
		}
		m->delimiter = ZSTR_VAL(delim)[0];
	}
	if (prefix) {
		m->policy.cancel_prefix.s = ZSTR_VAL(prefix);
		m->policy.cancel_prefix.len = ZSTR_LEN(prefix);
	}
	return php_segment_policy_parse(opts, m, true);
}

/* The options every source shares: returns, cancelled_statuses (when
 * `statuses`), reference, progress.  On failure m holds nothing to free. */
bool php_segment_policy_parse(HashTable *opts, php_segment_mapping *m, bool statuses)
{
	bool bad = false;
	zend_string *returns = opt_string(opts, "returns", &bad);
	if (bad) return false;
	m->policy.returns = SEG_RETURNS_EXCLUDE;
	if (returns) {
		if (zend_string_equals_literal(returns, "net")) m->policy.returns = SEG_RETURNS_NET;
		else if (!zend_string_equals_literal(returns, "exclude")) {
			zend_value_error("option 'returns' must be \"exclude\" or \"net\", \"%s\" given", ZSTR_VAL(returns));
			return false;
		}
	}
	zval *st = statuses && opts ? zend_hash_str_find_deref(opts, ZEND_STRL("cancelled_statuses")) : NULL;
	if (st && Z_TYPE_P(st) != IS_NULL) {
		if (Z_TYPE_P(st) != IS_ARRAY) {
			zend_value_error("option 'cancelled_statuses' must be a list of strings");
			return false;
		}
		uint32_t n = zend_hash_num_elements(Z_ARRVAL_P(st)), i = 0;
		m->statuses = safe_emalloc(n ? n : 1, sizeof(seg_str), 0);
		zval *s;
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(st), s) {
			ZVAL_DEREF(s);
			if (Z_TYPE_P(s) != IS_STRING) {
				php_segment_mapping_free(m);
				zend_value_error("option 'cancelled_statuses' must be a list of strings");
				return false;
			}
			m->statuses[i].s = Z_STRVAL_P(s);
			m->statuses[i].len = Z_STRLEN_P(s);
			i++;
		} ZEND_HASH_FOREACH_END();
		m->policy.cancelled_statuses = m->statuses;
		m->policy.ncancelled_statuses = n;
	}
	zval *ref = opts ? zend_hash_str_find_deref(opts, ZEND_STRL("reference")) : NULL;
	if (ref && Z_TYPE_P(ref) != IS_NULL) {
		if (!php_segment_option_time(ref, "reference", &m->reference)) {
			php_segment_mapping_free(m);
			return false;
		}
	} else {
		m->reference = php_segment_wall_now();
	}
	if (!progress_parse(opts, &m->progress)) {
		php_segment_mapping_free(m);
		return false;
	}
	return true;
}

/* ---- one row ------------------------------------------------------------- */

/* A number from a zval (int, float, numeric string). */
/* A finite number from an int, a float or a numeric string. */
bool php_segment_zval_number(zval *v, double *out)
{
	ZVAL_DEREF(v);
	seg_value num;
	switch (Z_TYPE_P(v)) {
	case IS_LONG: *out = (double)Z_LVAL_P(v); return true;
	case IS_DOUBLE: *out = Z_DVAL_P(v); return isfinite(*out);
	case IS_STRING:
		if (!seg_str_to_number(Z_STRVAL_P(v), Z_STRLEN_P(v), &num)) return false;
		*out = num.type == SEG_T_INT ? (double)num.u.i : num.u.f;
		return isfinite(*out);
	default: return false;
	}
}

/* A date from text with the mapping's format. */
bool php_segment_parse_date(const php_segment_mapping *m, const char *s, size_t len, int64_t *ts)
{
	bool zoned;
	if (!m->date_format || zend_string_equals_literal(m->date_format, "auto"))
		return seg_datefmt_parse("auto", 4, s, len, ts, &zoned);
	return seg_datefmt_parse(ZSTR_VAL(m->date_format), ZSTR_LEN(m->date_format), s, len, ts, &zoned);
}

static zval *row_field(zval *row, zend_string *key)
{
	if (!key) return NULL;
	HashTable *ht = Z_TYPE_P(row) == IS_ARRAY ? Z_ARRVAL_P(row) : Z_OBJPROP_P(row);
	zval *v = zend_hash_find(ht, key);
	if (v && Z_TYPE_P(v) == IS_INDIRECT) v = Z_INDIRECT_P(v);
	if (v) ZVAL_DEREF(v);
	return v;
}

static bool add_row(php_segment_profiles *self, const php_segment_mapping *m, zval *row, zend_long rowno)
{
	seg_order_line l;
	char idbuf[32], obuf[32];
	memset(&l, 0, sizeof l);
	l.quantity = NAN;
	ZVAL_DEREF(row);
	if (Z_TYPE_P(row) != IS_ARRAY && Z_TYPE_P(row) != IS_OBJECT) {
		php_segment_throw_data_error(NULL, rowno, NULL, "an order row must be an array or an object, %s given",
		                             zend_zval_type_name(row));
		return false;
	}
	zval *c = row_field(row, m->customer);
	if (c && Z_TYPE_P(c) == IS_LONG) {
		l.customer.len = (size_t)snprintf(idbuf, sizeof idbuf, ZEND_LONG_FMT, Z_LVAL_P(c));
		l.customer.s = idbuf;
	} else if (c && Z_TYPE_P(c) == IS_STRING) {
		l.customer.s = Z_STRVAL_P(c);
		l.customer.len = Z_STRLEN_P(c);
	} else if (c && Z_TYPE_P(c) != IS_NULL) {
		php_segment_throw_data_error(NULL, rowno, ZSTR_VAL(m->customer), "a customer id must be a string or an int, %s given",
		                             zend_zval_type_name(c));
		return false;
	}
	if (l.customer.len == 0) return seg_profiles_add(self->profiles, &l, NULL) == SEG_OK; /* a guest row: counted, skipped */

	zval *o = row_field(row, m->order);
	if (o && Z_TYPE_P(o) == IS_LONG) {
		l.order.len = (size_t)snprintf(obuf, sizeof obuf, ZEND_LONG_FMT, Z_LVAL_P(o));
		l.order.s = obuf;
	} else if (o && Z_TYPE_P(o) == IS_STRING) {
		l.order.s = Z_STRVAL_P(o);
		l.order.len = Z_STRLEN_P(o);
	}
	zval *st = row_field(row, m->status);
	if (st && Z_TYPE_P(st) == IS_STRING) {
		l.status.s = Z_STRVAL_P(st);
		l.status.len = Z_STRLEN_P(st);
	}

	zval *d = row_field(row, m->date);
	if (!d || Z_TYPE_P(d) == IS_NULL) {
		php_segment_throw_data_error(NULL, rowno, ZSTR_VAL(m->date), "the order date is missing");
		return false;
	}
	if (Z_TYPE_P(d) == IS_LONG) {
		l.ts = Z_LVAL_P(d);
		if (!seg_ts_valid(l.ts)) {
			php_segment_throw_data_error(NULL, rowno, ZSTR_VAL(m->date), "the timestamp " ZEND_LONG_FMT " is outside years 0000-9999",
			                             Z_LVAL_P(d));
			return false;
		}
	} else if (Z_TYPE_P(d) == IS_OBJECT && !instanceof_function(Z_OBJCE_P(d), php_date_get_interface_ce())) {
		php_segment_throw_data_error(NULL, rowno, ZSTR_VAL(m->date), "the order date is an object of class %s, not a date",
		                             ZSTR_VAL(Z_OBJCE_P(d)->name));
		return false;
	} else if (Z_TYPE_P(d) != IS_STRING && Z_TYPE_P(d) != IS_OBJECT) {
		php_segment_throw_data_error(NULL, rowno, ZSTR_VAL(m->date),
		                             "the order date must be a date string, a timestamp or a DateTimeInterface, %s given",
		                             zend_zval_type_name(d));
		return false;
	} else if (Z_TYPE_P(d) == IS_STRING) {
		if (!php_segment_parse_date(m, Z_STRVAL_P(d), Z_STRLEN_P(d), &l.ts)) {
			php_segment_throw_data_error(NULL, rowno, ZSTR_VAL(m->date), "\"%s\" is not a date in the format %s",
			                             Z_STRVAL_P(d), m->date_format ? ZSTR_VAL(m->date_format) : "auto");
			return false;
		}
	} else if (!php_segment_option_time(d, ZSTR_VAL(m->date), &l.ts)) {
		return false;
	}

	if (m->amount) {
		zval *a = row_field(row, m->amount);
		if (!a || !php_segment_zval_number(a, &l.amount)) {
			php_segment_throw_data_error(NULL, rowno, ZSTR_VAL(m->amount), "the amount is missing or not a finite number");
			return false;
		}
	} else {
		double q, pr;
		zval *qv = row_field(row, m->quantity), *pv = row_field(row, m->price);
		if (!qv || !php_segment_zval_number(qv, &q)) {
			php_segment_throw_data_error(NULL, rowno, ZSTR_VAL(m->quantity), "the quantity is missing or not a finite number");
			return false;
		}
		if (!pv || !php_segment_zval_number(pv, &pr)) {
			php_segment_throw_data_error(NULL, rowno, ZSTR_VAL(m->price), "the price is missing or not a finite number");
			return false;
		}
		l.quantity = q;
		l.amount = q * pr;
	}
	seg_error err;
	if (seg_profiles_add(self->profiles, &l, &err) != SEG_OK) {
		php_segment_throw_data_error(NULL, rowno, NULL, "%s", err.message);
		return false;
	}
	return true;
}

php_segment_profiles *php_segment_new_profiles(zval *return_value, const php_segment_mapping *m)
{
	object_init_ex(return_value, segment_ce_Profiles);
	php_segment_profiles *self = profiles_from_obj(Z_OBJ_P(return_value));
	seg_error err;
	if (seg_profiles_create(&m->policy, &self->profiles, &err) != SEG_OK) {
		zend_throw_error(NULL, "segment: %s", err.message);
		return NULL;
	}
	self->reference = m->reference;
	return self;
}

typedef struct iter_ctx {
	php_segment_profiles *self;
	php_segment_mapping *m;
	zend_long row;
} iter_ctx;

/* One row, then a progress report every PHP_SEGMENT_PROGRESS_EVERY rows. */
static bool add_counted(iter_ctx *ctx, zval *row)
{
	if (!add_row(ctx->self, ctx->m, row, ++ctx->row)) return false;
	return (ctx->row & (PHP_SEGMENT_PROGRESS_EVERY - 1)) || php_segment_progress_report(&ctx->m->progress, ctx->row, 0);
}

static int add_iterated(zend_object_iterator *it, void *ud)
{
	iter_ctx *ctx = ud;
	zval *row = it->funcs->get_current_data(it);
	if (EG(exception) || !row) return ZEND_HASH_APPLY_STOP;
	return add_counted(ctx, row) ? ZEND_HASH_APPLY_KEEP : ZEND_HASH_APPLY_STOP;
}

PHP_METHOD(Segment_Profiles, fromIterable)
{
	zval *orders;
	HashTable *opts = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_ITERABLE(orders)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();
	php_segment_mapping m;
	if (!mapping_parse(opts, &m)) RETURN_THROWS();
	php_segment_profiles *self = php_segment_new_profiles(return_value, &m);
	if (self) {
		iter_ctx ctx = {self, &m, 0};
		if (Z_TYPE_P(orders) == IS_ARRAY) {
			zval *row;
			ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(orders), row) {
				if (!add_counted(&ctx, row)) break;
			} ZEND_HASH_FOREACH_END();
		} else {
			spl_iterator_apply(orders, add_iterated, &ctx);
		}
		if (!EG(exception)) php_segment_progress_report(&m.progress, ctx.row, 0);
	}
	php_segment_mapping_free(&m);
	if (EG(exception)) {
		zval_ptr_dtor(return_value);
		ZVAL_UNDEF(return_value);
		RETURN_THROWS();
	}
}

PHP_METHOD(Segment_Profiles, fromCsv)
{
	zend_string *path;
	HashTable *opts = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_PATH_STR(path)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();
	php_segment_mapping m;
	if (!mapping_parse(opts, &m)) RETURN_THROWS();
	php_segment_profiles *self = php_segment_new_profiles(return_value, &m);
	if (self) php_segment_profiles_read_csv(self, path, &m);
	php_segment_mapping_free(&m);
	if (EG(exception)) {
		zval_ptr_dtor(return_value);
		ZVAL_UNDEF(return_value);
		RETURN_THROWS();
	}
}

/* ---- reading profiles back ----------------------------------------------- */

/* A wall-clock timestamp as "Y-m-d H:i:s". */
zend_string *php_segment_format_wall(int64_t ts)
{
	int64_t y;
	unsigned mo, d;
	int64_t days = seg_floor_day(ts);
	int64_t sod = ts - days * 86400;
	seg_civil_from_days(days, &y, &mo, &d);
	return zend_strpprintf(0, "%04d-%02u-%02u %02d:%02d:%02d", (int)y, mo, d, (int)(sod / 3600), (int)(sod / 60 % 60),
	                       (int)(sod % 60));
}

void php_segment_profile_to_zval(const seg_profiles *ps, size_t i, int64_t reference, zval *out)
{
	const seg_profile *p = seg_profiles_at(ps, i);
	seg_str id = seg_profiles_id(ps, i);
	array_init_size(out, 12);
	add_assoc_stringl(out, "customer_id", id.s, id.len);
	add_assoc_long(out, "orders", p->orders);
	add_assoc_double(out, "monetary", p->monetary);
	if (p->orders) {
		add_assoc_double(out, "average_order_value", p->monetary / p->orders);
		add_assoc_str(out, "first_order_at", php_segment_format_wall(p->first_ts));
		add_assoc_str(out, "last_order_at", php_segment_format_wall(p->last_ts));
		add_assoc_long(out, "recency", (zend_long)seg_profile_recency(p, reference));
		add_assoc_long(out, "tenure_days", (zend_long)((p->last_ts - p->first_ts) / 86400));
		if (p->orders > 1)
			add_assoc_double(out, "mean_days_between_orders",
			                 (double)(p->last_ts - p->first_ts) / 86400.0 / (double)(p->orders - 1));
		else
			add_assoc_null(out, "mean_days_between_orders");
	} else {
		add_assoc_null(out, "average_order_value");
		add_assoc_null(out, "first_order_at");
		add_assoc_null(out, "last_order_at");
		add_assoc_null(out, "recency");
		add_assoc_null(out, "tenure_days");
		add_assoc_null(out, "mean_days_between_orders");
	}
	add_assoc_long(out, "cancelled_orders", p->cancelled);
	add_assoc_double(out, "returned", p->returned);
}

/* A profile of a Profiles object: with its 'country' when the source had one. */
void php_segment_profiles_profile(const php_segment_profiles *self, size_t i, zval *out)
{
	php_segment_profile_to_zval(self->profiles, i, self->reference, out);
	if (self->with_country) {
		char buf[4];
		seg_str c = seg_profiles_country(self->profiles, i, buf);
		if (c.len) add_assoc_stringl(out, "country", c.s, c.len);
		else add_assoc_null(out, "country");
	}
}

static php_segment_profiles *this_profiles(zval *this_zv)
{
	php_segment_profiles *p = profiles_from_obj(Z_OBJ_P(this_zv));
	if (!p->profiles) zend_throw_error(NULL, "Segment\\Profiles was not initialized");
	return p->profiles ? p : NULL;
}

PHP_METHOD(Segment_Profiles, count)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_profiles *p = this_profiles(ZEND_THIS);
	if (!p) RETURN_THROWS();
	RETURN_LONG((zend_long)seg_profiles_count(p->profiles));
}

PHP_METHOD(Segment_Profiles, get)
{
	zend_string *id;
	zend_long lid = 0;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR_OR_LONG(id, lid)
	ZEND_PARSE_PARAMETERS_END();
	php_segment_profiles *p = this_profiles(ZEND_THIS);
	if (!p) RETURN_THROWS();
	char buf[32];
	const char *key = id ? ZSTR_VAL(id) : buf;
	size_t klen = id ? ZSTR_LEN(id) : (size_t)snprintf(buf, sizeof buf, ZEND_LONG_FMT, lid);
	int64_t i = seg_profiles_find(p->profiles, key, klen);
	if (i < 0) RETURN_NULL();
	php_segment_profiles_profile(p, (size_t)i, return_value);
}

PHP_METHOD(Segment_Profiles, toArray)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_profiles *p = this_profiles(ZEND_THIS);
	if (!p) RETURN_THROWS();
	size_t n = seg_profiles_count(p->profiles);
	array_init_size(return_value, (uint32_t)n);
	for (size_t i = 0; i < n; i++) {
		zval row;
		seg_str id = seg_profiles_id(p->profiles, i);
		php_segment_profiles_profile(p, i, &row);
		zend_symtable_str_update(Z_ARRVAL_P(return_value), id.s, id.len, &row);
	}
}

PHP_METHOD(Segment_Profiles, stats)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_segment_profiles *p = this_profiles(ZEND_THIS);
	if (!p) RETURN_THROWS();
	const seg_profile_stats *s = seg_profiles_stats(p->profiles);
	array_init(return_value);
	add_assoc_long(return_value, "lines", (zend_long)s->lines);
	add_assoc_long(return_value, "lines_without_customer", (zend_long)s->no_customer);
	add_assoc_long(return_value, "lines_without_date", (zend_long)s->no_date);
	add_assoc_long(return_value, "cancelled_lines", (zend_long)s->cancelled_lines);
	add_assoc_long(return_value, "returned_lines", (zend_long)s->returned_lines);
	add_assoc_long(return_value, "customers", (zend_long)seg_profiles_count(p->profiles));
	if (s->min_ts <= s->max_ts) {
		add_assoc_str(return_value, "first_order_at", php_segment_format_wall(s->min_ts));
		add_assoc_str(return_value, "last_order_at", php_segment_format_wall(s->max_ts));
	} else {
		add_assoc_null(return_value, "first_order_at");
		add_assoc_null(return_value, "last_order_at");
	}
	add_assoc_str(return_value, "reference", php_segment_format_wall(p->reference));
	add_assoc_long(return_value, "memory_bytes", (zend_long)seg_profiles_memory(p->profiles));
}

PHP_METHOD(Segment_Profiles, toCsv)
{
	zend_string *path;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_PATH_STR(path)
	ZEND_PARSE_PARAMETERS_END();
	php_segment_profiles *p = this_profiles(ZEND_THIS);
	if (!p) RETURN_THROWS();
	php_stream *s = php_stream_open_wrapper_ex(ZSTR_VAL(path), "wb", REPORT_ERRORS, NULL, NULL);
	if (!s) {
		if (!EG(exception)) zend_throw_exception_ex(segment_ce_Exception, 0, "cannot write '%s'", ZSTR_VAL(path));
		RETURN_THROWS();
	}
	php_stream_write_string(s, "customer_id,orders,monetary,first_order_at,last_order_at,recency,cancelled_orders,returned\n");
	size_t n = seg_profiles_count(p->profiles);
	for (size_t i = 0; i < n; i++) {
		const seg_profile *pr = seg_profiles_at(p->profiles, i);
		seg_str id = seg_profiles_id(p->profiles, i);
		smart_str line = {0};
		/* Quote the id as RFC 4180 wants when it needs it. */
		bool quote = memchr(id.s, ',', id.len) || memchr(id.s, '"', id.len) || memchr(id.s, '\n', id.len);
		if (quote) {
			smart_str_appendc(&line, '"');
			for (size_t k = 0; k < id.len; k++) {
				if (id.s[k] == '"') smart_str_appendc(&line, '"');
				smart_str_appendc(&line, id.s[k]);
			}
			smart_str_appendc(&line, '"');
		} else {
			smart_str_appendl(&line, id.s, id.len);
		}
		/* 17 significant digits read back as the same double; zend_gcvt()
		 * rather than printf's %g, whose decimal point follows LC_NUMERIC. */
		char num[64];
		smart_str_append_printf(&line, ",%u,", pr->orders);
		smart_str_appends(&line, zend_gcvt(pr->monetary, 17, '.', 'e', num));
		smart_str_appendc(&line, ',');
		if (pr->orders) {
			zend_string *f = php_segment_format_wall(pr->first_ts), *l = php_segment_format_wall(pr->last_ts);
			smart_str_append_printf(&line, "%s,%s,%lld", ZSTR_VAL(f), ZSTR_VAL(l),
			                        (long long)seg_profile_recency(pr, p->reference));
			zend_string_release(f);
			zend_string_release(l);
		} else {
			smart_str_appends(&line, ",,");
		}
		smart_str_append_printf(&line, ",%u,", pr->cancelled);
		smart_str_appends(&line, zend_gcvt(pr->returned, 17, '.', 'e', num));
		smart_str_appendc(&line, '\n');
		smart_str_0(&line);
		php_stream_write(s, ZSTR_VAL(line.s), ZSTR_LEN(line.s));
		smart_str_free(&line);
	}
	php_stream_close(s);
}

/* ---- iteration: native, one profile array at a time ------------------------ */

typedef struct profiles_iterator {
	zend_object_iterator it;
	size_t pos;
	zval current;
} profiles_iterator;

static void pit_dtor(zend_object_iterator *it)
{
	profiles_iterator *pi = (profiles_iterator *)it;
	zval_ptr_dtor(&pi->current);
	zval_ptr_dtor(&it->data);
}

static php_segment_profiles *pit_profiles(zend_object_iterator *it)
{
	return profiles_from_obj(Z_OBJ(it->data));
}

static int pit_valid(zend_object_iterator *it)
{
	profiles_iterator *pi = (profiles_iterator *)it;
	php_segment_profiles *p = pit_profiles(it);
	return p->profiles && pi->pos < seg_profiles_count(p->profiles) ? SUCCESS : FAILURE;
}

static zval *pit_current(zend_object_iterator *it)
{
	profiles_iterator *pi = (profiles_iterator *)it;
	php_segment_profiles *p = pit_profiles(it);
	zval_ptr_dtor(&pi->current);
	ZVAL_NULL(&pi->current);
	/* IteratorIterator and friends may ask past the end */
	if (pit_valid(it) != SUCCESS) return &pi->current;
	php_segment_profiles_profile(p, pi->pos, &pi->current);
	return &pi->current;
}

static void pit_key(zend_object_iterator *it, zval *key)
{
	profiles_iterator *pi = (profiles_iterator *)it;
	if (pit_valid(it) != SUCCESS) {
		ZVAL_NULL(key);
		return;
	}
	seg_str id = seg_profiles_id(pit_profiles(it)->profiles, pi->pos);
	ZVAL_STRINGL(key, id.s, id.len);
}

static void pit_next(zend_object_iterator *it) { ((profiles_iterator *)it)->pos++; }
static void pit_rewind(zend_object_iterator *it) { ((profiles_iterator *)it)->pos = 0; }

static const zend_object_iterator_funcs profiles_iterator_funcs = {
	pit_dtor, pit_valid, pit_current, pit_key, pit_next, pit_rewind, NULL, NULL,
};

static zend_object_iterator *profiles_get_iterator(zend_class_entry *ce, zval *object, int by_ref)
{
	(void)ce;
	if (by_ref) {
		zend_throw_error(NULL, "Segment\\Profiles cannot be iterated by reference");
		return NULL;
	}
	profiles_iterator *pi = emalloc(sizeof *pi);
	zend_iterator_init(&pi->it);
	ZVAL_OBJ_COPY(&pi->it.data, Z_OBJ_P(object));
	pi->it.funcs = &profiles_iterator_funcs;
	pi->pos = 0;
	ZVAL_UNDEF(&pi->current);
	return &pi->it;
}

PHP_METHOD(Segment_Profiles, getIterator)
{
	ZEND_PARSE_PARAMETERS_NONE();
	zend_create_internal_iterator_zval(return_value, ZEND_THIS);
}

void php_segment_profiles_init(zend_class_entry *ce)
{
	ce->create_object = profiles_create;
	ce->get_iterator = profiles_get_iterator;
	memcpy(&profiles_handlers, &std_object_handlers, sizeof(zend_object_handlers));
	profiles_handlers.offset = XtOffsetOf(php_segment_profiles, std);
	profiles_handlers.free_obj = profiles_free;
	profiles_handlers.clone_obj = NULL;
}
