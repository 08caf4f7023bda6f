/*
 * seg_func.c - the function library.
 *
 * Every function is total: a wrong-typed or missing argument at run time
 * gives null (so a comparison with it is false), never an abort, because a
 * customer record with an odd value must not take the page down.  Wrong
 * literal arguments are caught at compile time instead (seg_compile.c).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "seg_func.h"
#include "seg_prog.h"

#define DAY 86400

/* Local civil fields of a timestamp. */
static void local_fields(seg_env *env, int64_t ts, int64_t *y, unsigned *m, unsigned *d,
                         int64_t *secs_of_day, int64_t *days)
{
	int64_t local = ts + seg_env_offset(env, ts);
	int64_t dd = seg_floor_day(local);
	seg_civil_from_days(dd, y, m, d);
	if (secs_of_day) *secs_of_day = local - dd * DAY;
	if (days) *days = dd;
}

static bool arg_date(seg_env *env, const seg_value *args, uint32_t argc, uint32_t i, int64_t *ts)
{
	if (i >= argc) {
		*ts = env->now;
		return seg_ts_valid(env->now);
	}
	const seg_value *v = &args[i];
	if (v->type != SEG_T_STRING) return seg_env_as_date(env, v, ts);
	/* The same attribute string is often parsed by several rules. */
	for (int k = 0; k < 2; k++)
		if (env->date_memo[k].s == v->u.s && env->date_memo[k].len == v->len) {
			*ts = env->date_memo[k].ts;
			return env->date_memo[k].ok;
		}
	bool ok = seg_env_as_date(env, v, ts);
	uint32_t k = env->date_memo_next++ & 1;
	env->date_memo[k].s = v->u.s;
	env->date_memo[k].len = v->len;
	env->date_memo[k].ok = ok;
	env->date_memo[k].ts = ok ? *ts : 0;
	return ok;
}

static seg_status f_days_since(seg_env *env, const seg_value *a, uint32_t n, seg_value *out, seg_error *e)
{
	(void)e;
	int64_t ts;
	*out = arg_date(env, a, n, 0, &ts) && seg_ts_valid(env->now) ? seg_int(seg_floor_day(env->now - ts)) : seg_null();
	return SEG_OK;
}

static seg_status f_days_between(seg_env *env, const seg_value *a, uint32_t n, seg_value *out, seg_error *e)
{
	(void)e;
	(void)n;
	int64_t t1, t2;
	*out = arg_date(env, a, 2, 0, &t1) && arg_date(env, a, 2, 1, &t2)
	           ? seg_int(seg_floor_day(t2 - t1))
	           : seg_null();
	return SEG_OK;
}

static seg_status f_years_since(seg_env *env, const seg_value *a, uint32_t n, seg_value *out, seg_error *e)
{
	(void)e;
	int64_t ts, y1, y2;
	unsigned m1, d1, m2, d2;
	if (!arg_date(env, a, n, 0, &ts) || !seg_ts_valid(env->now)) {
		*out = seg_null();
		return SEG_OK;
	}
	local_fields(env, ts, &y1, &m1, &d1, NULL, NULL);
	local_fields(env, env->now, &y2, &m2, &d2, NULL, NULL);
	int64_t years = y2 - y1 - ((m2 < m1 || (m2 == m1 && d2 < d1)) ? 1 : 0);
	*out = seg_int(years);
	return SEG_OK;
}

static seg_status f_now(seg_env *env, const seg_value *a, uint32_t n, seg_value *out, seg_error *e)
{
	(void)a; (void)n; (void)e;
	*out = seg_ts_valid(env->now) ? seg_date(env->now) : seg_null();
	return SEG_OK;
}

static seg_status f_date(seg_env *env, const seg_value *a, uint32_t n, seg_value *out, seg_error *e)
{
	(void)e;
	int64_t ts;
	*out = arg_date(env, a, n, 0, &ts) ? seg_date(ts) : seg_null();
	return SEG_OK;
}

enum { F_YEAR, F_MONTH, F_DAY, F_WEEKDAY, F_HOUR };

static seg_status date_field(seg_env *env, const seg_value *a, uint32_t n, seg_value *out, int which)
{
	int64_t ts, y, sod, days;
	unsigned m, d;
	if (!arg_date(env, a, n, 0, &ts)) {
		*out = seg_null();
		return SEG_OK;
	}
	local_fields(env, ts, &y, &m, &d, &sod, &days);
	switch (which) {
	case F_YEAR: *out = seg_int(y); break;
	case F_MONTH: *out = seg_int(m); break;
	case F_DAY: *out = seg_int(d); break;
	case F_HOUR: *out = seg_int(sod / 3600); break;
	default: {
		/* ISO weekday: Monday 1 .. Sunday 7; 1970-01-01 was a Thursday. */
		int64_t w = (days % 7 + 7 + 3) % 7;
		*out = seg_int(w + 1);
	}
	}
	return SEG_OK;
}

static seg_status f_year(seg_env *env, const seg_value *a, uint32_t n, seg_value *o, seg_error *e) { (void)e; return date_field(env, a, n, o, F_YEAR); }
static seg_status f_month(seg_env *env, const seg_value *a, uint32_t n, seg_value *o, seg_error *e) { (void)e; return date_field(env, a, n, o, F_MONTH); }
static seg_status f_day(seg_env *env, const seg_value *a, uint32_t n, seg_value *o, seg_error *e) { (void)e; return date_field(env, a, n, o, F_DAY); }
static seg_status f_weekday(seg_env *env, const seg_value *a, uint32_t n, seg_value *o, seg_error *e) { (void)e; return date_field(env, a, n, o, F_WEEKDAY); }
static seg_status f_hour(seg_env *env, const seg_value *a, uint32_t n, seg_value *o, seg_error *e) { (void)e; return date_field(env, a, n, o, F_HOUR); }

static seg_status change_case(seg_env *env, const seg_value *a, seg_value *out, seg_error *e, bool up)
{
	if (a[0].type != SEG_T_STRING) {
		*out = seg_null();
		return SEG_OK;
	}
	const char *s = a[0].u.s;
	uint32_t n = a[0].len;
	/* Return the input itself when nothing changes: no copy at all. */
	uint32_t i = 0;
	for (; i < n; i++)
		if (up ? (s[i] >= 'a' && s[i] <= 'z') : (s[i] >= 'A' && s[i] <= 'Z')) break;
	if (i == n) {
		*out = a[0];
		return SEG_OK;
	}
	char *r = seg_arena_alloc(env->arena, n);
	if (!r) return seg_error_set(e, SEG_E_NOMEM, "out of memory");
	memcpy(r, s, i);
	for (; i < n; i++) {
		char c = s[i];
		if (up && c >= 'a' && c <= 'z') c = (char)(c - 32);
		else if (!up && c >= 'A' && c <= 'Z') c = (char)(c + 32);
		r[i] = c;
	}
	*out = seg_string(r, n);
	return SEG_OK;
}

static seg_status f_lower(seg_env *env, const seg_value *a, uint32_t n, seg_value *o, seg_error *e) { (void)n; return change_case(env, a, o, e, false); }
static seg_status f_upper(seg_env *env, const seg_value *a, uint32_t n, seg_value *o, seg_error *e) { (void)n; return change_case(env, a, o, e, true); }

static seg_status f_length(seg_env *env, const seg_value *a, uint32_t n, seg_value *out, seg_error *e)
{
	(void)env; (void)n; (void)e;
	if (a[0].type == SEG_T_STRING) {
		int64_t chars = 0;
		for (uint32_t i = 0; i < a[0].len; i++) chars += ((unsigned char)a[0].u.s[i] & 0xC0) != 0x80;
		*out = seg_int(chars);
	} else if (a[0].type == SEG_T_LIST) {
		*out = seg_int(a[0].len);
	} else if (a[0].type == SEG_T_NULL) {
		*out = seg_int(0);
	} else {
		*out = seg_null();
	}
	return SEG_OK;
}

static seg_status f_count(seg_env *env, const seg_value *a, uint32_t n, seg_value *out, seg_error *e)
{
	(void)env; (void)n; (void)e;
	if (a[0].type == SEG_T_LIST) *out = seg_int(a[0].len);
	else if (a[0].type == SEG_T_NULL) *out = seg_int(0);
	else *out = seg_null();
	return SEG_OK;
}

static seg_status f_abs(seg_env *env, const seg_value *a, uint32_t n, seg_value *out, seg_error *e)
{
	(void)env; (void)n; (void)e;
	seg_value x;
	if (!seg_value_as_number(&a[0], &x) || a[0].type == SEG_T_DATE) *out = seg_null();
	else if (x.type == SEG_T_INT) *out = x.u.i == INT64_MIN ? seg_float(9223372036854775808.0) : seg_int(x.u.i < 0 ? -x.u.i : x.u.i);
	else *out = seg_float(fabs(x.u.f));
	return SEG_OK;
}

static seg_status extreme(seg_env *env, const seg_value *a, uint32_t n, seg_value *out, bool want_max)
{
	/* min(a, b, ...) or min(list): nulls are skipped; incomparable -> null. */
	const seg_value *items = a;
	uint32_t cnt = n;
	if (n == 1 && a[0].type == SEG_T_LIST) {
		items = a[0].u.items;
		cnt = a[0].len;
	}
	const seg_value *best = NULL;
	for (uint32_t i = 0; i < cnt; i++) {
		if (items[i].type == SEG_T_NULL) continue;
		if (!best) {
			best = &items[i];
			continue;
		}
		int c = seg_env_compare(env, &items[i], best);
		if (c == SEG_CMP_NONE) {
			*out = seg_null();
			return SEG_OK;
		}
		if (want_max ? c > 0 : c < 0) best = &items[i];
	}
	*out = best ? *best : seg_null();
	return SEG_OK;
}

static seg_status f_min(seg_env *env, const seg_value *a, uint32_t n, seg_value *o, seg_error *e) { (void)e; return extreme(env, a, n, o, false); }
static seg_status f_max(seg_env *env, const seg_value *a, uint32_t n, seg_value *o, seg_error *e) { (void)e; return extreme(env, a, n, o, true); }

static seg_value int_or_float(double d)
{
	if (d >= -9.2e18 && d <= 9.2e18 && d == (double)(int64_t)d) return seg_int((int64_t)d);
	return seg_float(d);
}

static seg_status rounding(const seg_value *a, uint32_t n, seg_value *out, int mode)
{
	seg_value x, p;
	if (a[0].type == SEG_T_DATE || !seg_value_as_number(&a[0], &x)) {
		*out = seg_null();
		return SEG_OK;
	}
	if (x.type == SEG_T_INT && (mode != 0 || n < 2)) {
		*out = x;
		return SEG_OK;
	}
	double d = x.type == SEG_T_INT ? (double)x.u.i : x.u.f;
	if (mode == 1) *out = int_or_float(floor(d));
	else if (mode == 2) *out = int_or_float(ceil(d));
	else {
		int64_t places = 0;
		if (n >= 2) {
			if (!seg_value_as_number(&a[1], &p) || p.type != SEG_T_INT || p.u.i < -15 || p.u.i > 15) {
				*out = seg_null();
				return SEG_OK;
			}
			places = p.u.i;
		}
		/* Half away from zero, as PHP's round(), including its pre-rounding
		 * to 15 significant digits: 1.005 * 100 is 100.49999999999999 in
		 * binary, and PHP (like a shopper) says round(1.005, 2) is 1.01. */
		double f = pow(10.0, (double)(places < 0 ? -places : places));
		double t = places >= 0 ? d * f : d / f;
		if (t != 0.0 && fabs(t) < 1e15 && isfinite(t)) {
			int mag = (int)floor(log10(fabs(t)));
			double scale = pow(10.0, (double)(14 - mag));
			double pre = round(t * scale) / scale;
			if (isfinite(pre)) t = pre;
		}
		t = round(t);
		double r = places >= 0 ? t / f : t * f;
		*out = places > 0 ? seg_float(r) : int_or_float(r);
	}
	return SEG_OK;
}

static seg_status f_round(seg_env *env, const seg_value *a, uint32_t n, seg_value *o, seg_error *e) { (void)env; (void)e; return rounding(a, n, o, 0); }
static seg_status f_floor(seg_env *env, const seg_value *a, uint32_t n, seg_value *o, seg_error *e) { (void)env; (void)e; return rounding(a, n, o, 1); }
static seg_status f_ceil(seg_env *env, const seg_value *a, uint32_t n, seg_value *o, seg_error *e) { (void)env; (void)e; return rounding(a, n, o, 2); }

static seg_status f_coalesce(seg_env *env, const seg_value *a, uint32_t n, seg_value *out, seg_error *e)
{
	(void)env; (void)e;
	for (uint32_t i = 0; i < n; i++)
		if (a[i].type != SEG_T_NULL) {
			*out = a[i];
			return SEG_OK;
		}
	*out = seg_null();
	return SEG_OK;
}

static seg_status f_intersects(seg_env *env, const seg_value *a, uint32_t n, seg_value *out, seg_error *e)
{
	(void)n; (void)e;
	bool r = false;
	if (a[0].type == SEG_T_LIST && a[1].type == SEG_T_LIST)
		for (uint32_t i = 0; i < a[0].len && !r; i++) r = seg_op_in(&a[0].u.items[i], &a[1], env);
	*out = seg_bool(r);
	return SEG_OK;
}

/*
 * bucket(value, "salt", n): FNV-1a 64 over salt, a zero byte and the value's
 * canonical text, then the splitmix64 finalizer, modulo n.  The canonical
 * text makes 42, 42.0 and "42" one customer; docs/rules.md specifies it so
 * any other implementation can reproduce a split exactly.
 */
static uint64_t fnv1a(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

uint64_t seg_bucket_hash(const char *salt, size_t salt_len, const seg_value *v, bool *ok)
{
	char buf[40];
	const char *text = buf;
	size_t len;
	seg_value num;
	*ok = true;
	switch ((seg_type)v->type) {
	case SEG_T_BOOL:
		buf[0] = v->u.b ? '1' : '0';
		len = 1;
		break;
	case SEG_T_INT:
	case SEG_T_DATE:
		len = (size_t)snprintf(buf, sizeof buf, "%lld", (long long)v->u.i);
		break;
	case SEG_T_FLOAT:
		if (v->u.f >= -9.2e18 && v->u.f <= 9.2e18 && v->u.f == (double)(int64_t)v->u.f) {
			len = (size_t)snprintf(buf, sizeof buf, "%lld", (long long)(int64_t)v->u.f);
		} else if (v->u.f != v->u.f || isinf(v->u.f)) {
			*ok = false;
			return 0;
		} else {
			len = (size_t)snprintf(buf, sizeof buf, "%.17g", v->u.f);
			for (size_t i = 0; i < len; i++) if (buf[i] == ',') buf[i] = '.'; /* any locale */
		}
		break;
	case SEG_T_STRING:
		if (seg_str_to_number(v->u.s, v->len, &num) && num.type == SEG_T_INT) {
			len = (size_t)snprintf(buf, sizeof buf, "%lld", (long long)num.u.i);
		} else {
			text = v->u.s;
			len = v->len;
		}
		break;
	default:
		*ok = false;
		return 0;
	}
	uint64_t h = fnv1a(UINT64_C(0xcbf29ce484222325), salt, salt_len);
	h = fnv1a(h, "", 1);
	h = fnv1a(h, text, len);
	h ^= h >> 30;
	h *= UINT64_C(0xbf58476d1ce4e5b9);
	h ^= h >> 27;
	h *= UINT64_C(0x94d049bb133111eb);
	h ^= h >> 31;
	return h;
}

static seg_status f_bucket(seg_env *env, const seg_value *a, uint32_t n, seg_value *out, seg_error *e)
{
	(void)env; (void)n; (void)e;
	bool ok;
	if (a[1].type != SEG_T_STRING || a[2].type != SEG_T_INT || a[2].u.i < 1) {
		*out = seg_null();
		return SEG_OK;
	}
	uint64_t h = seg_bucket_hash(a[1].u.s, a[1].len, &a[0], &ok);
	*out = ok ? seg_int((int64_t)(h % (uint64_t)a[2].u.i)) : seg_null();
	return SEG_OK;
}

#define T(x) SEG_TM(SEG_T_##x)
#define NUMERIC (T(INT) | T(FLOAT) | T(NULL))

const seg_func_info seg_funcs[] = {
	{"days_since", 1, 1, SEG_FARG_DATE, true, T(INT) | T(NULL), f_days_since, "days_since(date)"},
	{"days_between", 2, 2, SEG_FARG_DATE, true, T(INT) | T(NULL), f_days_between, "days_between(date, date)"},
	{"years_since", 1, 1, SEG_FARG_DATE, true, T(INT) | T(NULL), f_years_since, "years_since(date)"},
	{"now", 0, 0, SEG_FARG_ANY, true, T(DATE), f_now, "now()"},
	{"date", 1, 1, SEG_FARG_DATE, true, T(DATE) | T(NULL), f_date, "date(value)"},
	{"year", 0, 1, SEG_FARG_DATE, true, T(INT) | T(NULL), f_year, "year([date])"},
	{"month", 0, 1, SEG_FARG_DATE, true, T(INT) | T(NULL), f_month, "month([date])"},
	{"day", 0, 1, SEG_FARG_DATE, true, T(INT) | T(NULL), f_day, "day([date])"},
	{"weekday", 0, 1, SEG_FARG_DATE, true, T(INT) | T(NULL), f_weekday, "weekday([date])"},
	{"hour", 0, 1, SEG_FARG_DATE, true, T(INT) | T(NULL), f_hour, "hour([date])"},
	{"lower", 1, 1, SEG_FARG_STRING, false, T(STRING) | T(NULL), f_lower, "lower(string)"},
	{"upper", 1, 1, SEG_FARG_STRING, false, T(STRING) | T(NULL), f_upper, "upper(string)"},
	{"length", 1, 1, SEG_FARG_ANY, false, T(INT) | T(NULL), f_length, "length(string or list)"},
	{"count", 1, 1, SEG_FARG_LIST, false, T(INT) | T(NULL), f_count, "count(list)"},
	{"abs", 1, 1, SEG_FARG_NUMBER, false, NUMERIC, f_abs, "abs(number)"},
	{"min", 1, 255, SEG_FARG_ANY, false, SEG_TM_ANY, f_min, "min(a, b, ...) or min(list)"},
	{"max", 1, 255, SEG_FARG_ANY, false, SEG_TM_ANY, f_max, "max(a, b, ...) or max(list)"},
	{"round", 1, 2, SEG_FARG_NUMBER, false, NUMERIC, f_round, "round(number[, places])"},
	{"floor", 1, 1, SEG_FARG_NUMBER, false, NUMERIC, f_floor, "floor(number)"},
	{"ceil", 1, 1, SEG_FARG_NUMBER, false, NUMERIC, f_ceil, "ceil(number)"},
	{"coalesce", 1, 255, SEG_FARG_ANY, false, SEG_TM_ANY, f_coalesce, "coalesce(a, b, ...)"},
	{"intersects", 2, 2, SEG_FARG_LIST, false, T(BOOL), f_intersects, "intersects(list, list)"},
	{"bucket", 3, 3, SEG_FARG_BUCKET, false, T(INT) | T(NULL), f_bucket, "bucket(value, \"salt\", n)"},
};

#define SEG_FUNC_COUNT (sizeof seg_funcs / sizeof seg_funcs[0])

int seg_func_lookup(const char *name, size_t len)
{
	for (size_t i = 0; i < SEG_FUNC_COUNT; i++) {
		const char *f = seg_funcs[i].name;
		size_t k = 0;
		for (; k < len && f[k]; k++) {
			char c = name[k];
			if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
			if (c != f[k]) break;
		}
		if (k == len && f[k] == '\0') return (int)i;
	}
	return -1;
}

const seg_func_info *seg_func_get(int index) { return &seg_funcs[index]; }

size_t seg_func_count(void) { return SEG_FUNC_COUNT; }
