/*
 * seg_value.c - truthiness, numeric strings, dates and comparison.
 */
#include "seg_value.h"

#include <math.h>
#include <string.h>

const char *seg_type_name(seg_type t)
{
	switch (t) {
	case SEG_T_NULL: return "null";
	case SEG_T_BOOL: return "bool";
	case SEG_T_INT: return "int";
	case SEG_T_FLOAT: return "float";
	case SEG_T_STRING: return "string";
	case SEG_T_DATE: return "date";
	case SEG_T_LIST: return "list";
	}
	return "?";
}

static inline bool is_ws(char c)
{
	/* The whitespace PHP 8 allows around numeric strings. */
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Exact powers of ten: a double can hold every one up to 1e22. */
static const double pow10_exact[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

bool seg_str_to_number(const char *s, size_t len, seg_value *out)
{
	size_t i = 0, end = len;
	while (i < end && is_ws(s[i])) i++;
	while (end > i && is_ws(s[end - 1])) end--;
	if (i == end) return false;

	bool neg = false;
	if (s[i] == '+' || s[i] == '-') { neg = s[i] == '-'; i++; }

	uint64_t mant = 0;
	int digits = 0;      /* significant digits kept in mant */
	int drop_exp = 0;    /* integer digits that did not fit in mant */
	int frac_exp = 0;    /* fraction digits kept in mant */
	bool any = false, is_float = false;

	while (i < end && is_digit(s[i])) {
		any = true;
		if (digits < 19) {
			if (mant || s[i] != '0') digits++;
			mant = mant * 10 + (uint64_t)(s[i] - '0');
		} else {
			drop_exp++;
		}
		i++;
	}
	if (i < end && s[i] == '.') {
		is_float = true;
		i++;
		while (i < end && is_digit(s[i])) {
			any = true;
			if (digits < 19) {
				if (mant || s[i] != '0') digits++;
				mant = mant * 10 + (uint64_t)(s[i] - '0');
				frac_exp++;
			}
			i++;
		}
	}
	if (!any) return false;
	int exp10 = 0;
	if (i < end && (s[i] == 'e' || s[i] == 'E')) {
		size_t j = i + 1;
		bool eneg = false;
		if (j < end && (s[j] == '+' || s[j] == '-')) { eneg = s[j] == '-'; j++; }
		if (j >= end || !is_digit(s[j])) return false;
		int e = 0;
		while (j < end && is_digit(s[j])) {
			if (e < 100000) e = e * 10 + (s[j] - '0');
			j++;
		}
		exp10 = eneg ? -e : e;
		is_float = true;
		i = j;
	}
	if (i != end) return false;

	if (!is_float && drop_exp == 0) {
		/* An integer string: int when it fits, float otherwise (as PHP). */
		if (neg ? mant <= (uint64_t)INT64_MAX + 1 : mant <= (uint64_t)INT64_MAX) {
			*out = seg_int(neg ? (int64_t)(0 - mant) : (int64_t)mant);
			return true;
		}
	}
	int e = exp10 + drop_exp - frac_exp;
	double d;
	if (mant == 0) {
		d = 0.0; /* "0e400" is zero, not 0 * inf */
	} else if (mant < (UINT64_C(1) << 53) && e >= -22 && e <= 22) {
		/* One correctly rounded operation on exact operands: exact result. */
		d = e >= 0 ? (double)mant * pow10_exact[e] : (double)mant / pow10_exact[-e];
	} else if (e < -300) {
		/* Scale in two steps so 10^e does not underflow before the multiply
		 * (DBL_MIN and subnormals stay representable). */
		d = ((double)mant * pow(10.0, (double)(e + 300))) * 1e-300;
	} else if (e > 300) {
		d = ((double)mant * pow(10.0, (double)(e - 300))) * 1e300;
	} else {
		/* Long mantissas: within an ulp or two, all a rule can observe. */
		d = (double)mant * pow(10.0, (double)e);
	}
	*out = seg_float(neg ? -d : d);
	return true;
}

int64_t seg_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	/* Howard Hinnant's days_from_civil. */
	y -= m <= 2;
	const int64_t era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

void seg_civil_from_days(int64_t z, int64_t *yp, unsigned *mp, unsigned *dp)
{
	z += 719468;
	const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	const unsigned doe = (unsigned)(z - era * 146097);
	const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const int64_t y = (int64_t)yoe + era * 400;
	const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const unsigned mp0 = (5 * doy + 2) / 153;
	const unsigned d = doy - (153 * mp0 + 2) / 5 + 1;
	const unsigned m = mp0 < 10 ? mp0 + 3 : mp0 - 9;
	*yp = y + (m <= 2);
	*mp = m;
	*dp = d;
}

static inline bool take_digits(const char *s, size_t len, size_t *i, int n, int *out)
{
	int v = 0;
	for (int k = 0; k < n; k++) {
		if (*i >= len || !is_digit(s[*i])) return false;
		v = v * 10 + (s[*i] - '0');
		(*i)++;
	}
	*out = v;
	return true;
}

static bool is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static inline int d2(const char *p) { return (p[0] - '0') * 10 + (p[1] - '0'); }

static inline bool all_digits(const char *s, const char *mask)
{
	for (; *mask; s++, mask++)
		if (*mask == 'd' ? !is_digit(*s) : *s != *mask) return false;
	return true;
}

bool seg_str_to_local(const char *s, size_t len, int64_t *secs, bool *zoned)
{
	/* Fast path: MySQL's "YYYY-MM-DD HH:MM:SS" and "YYYY-MM-DD", exactly. */
	if ((len == 19 && all_digits(s, "dddd-dd-dd dd:dd:dd")) || (len == 10 && all_digits(s, "dddd-dd-dd"))) {
		int y = d2(s) * 100 + d2(s + 2), mo = d2(s + 5), d = d2(s + 8);
		int h = len == 19 ? d2(s + 11) : 0, mi = len == 19 ? d2(s + 14) : 0, se = len == 19 ? d2(s + 17) : 0;
		static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
		if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] + (mo == 2 && is_leap(y)) || h > 23 || mi > 59 || se > 60)
			return false;
		*zoned = false;
		*secs = seg_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + se;
		return true;
	}
	size_t i = 0;
	while (i < len && is_ws(s[i])) i++;
	while (len > i && is_ws(s[len - 1])) len--;
	int y, mo, d, h = 0, mi = 0, se = 0;
	if (!take_digits(s, len, &i, 4, &y) || i >= len || s[i++] != '-') return false;
	if (!take_digits(s, len, &i, 2, &mo) || i >= len || s[i++] != '-') return false;
	if (!take_digits(s, len, &i, 2, &d)) return false;
	if (mo < 1 || mo > 12 || d < 1) return false;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int dim = mdays[mo - 1] + (mo == 2 && is_leap(y));
	if (d > dim) return false;
	int32_t offset = 0;
	*zoned = false;
	if (i < len) {
		if (s[i] != ' ' && s[i] != 'T') return false;
		i++;
		if (!take_digits(s, len, &i, 2, &h) || i >= len || s[i++] != ':') return false;
		if (!take_digits(s, len, &i, 2, &mi)) return false;
		if (i < len && s[i] == ':') {
			i++;
			if (!take_digits(s, len, &i, 2, &se)) return false;
			if (i < len && s[i] == '.') {
				i++;
				if (i >= len || !is_digit(s[i])) return false;
				while (i < len && is_digit(s[i])) i++; /* second precision */
			}
		}
		if (h > 23 || mi > 59 || se > 60) return false;
		if (i < len) {
			if (s[i] == 'Z' && i + 1 == len) {
				offset = 0;
				*zoned = true;
				i++;
			} else if (s[i] == '+' || s[i] == '-') {
				int sign = s[i] == '-' ? -1 : 1, oh, om = 0;
				i++;
				if (!take_digits(s, len, &i, 2, &oh)) return false;
				if (i < len && s[i] == ':') {
					i++;
					if (!take_digits(s, len, &i, 2, &om)) return false; /* "+02:" is incomplete */
				} else if (i < len && !take_digits(s, len, &i, 2, &om)) {
					return false;
				}
				if (oh > 18 || om > 59) return false;
				offset = sign * (oh * 3600 + om * 60);
				*zoned = true;
			}
			if (i != len) return false;
		}
	}
	int64_t days = seg_days_from_civil(y, (unsigned)mo, (unsigned)d);
	*secs = days * 86400 + h * 3600 + mi * 60 + se - offset;
	return true;
}

bool seg_str_to_date(const char *s, size_t len, int32_t tz_offset, int64_t *ts_out)
{
	int64_t secs;
	bool zoned;
	if (!seg_str_to_local(s, len, &secs, &zoned)) return false;
	*ts_out = zoned ? secs : secs - tz_offset;
	return true;
}

bool seg_value_as_number(const seg_value *v, seg_value *num)
{
	switch ((seg_type)v->type) {
	case SEG_T_INT:
	case SEG_T_FLOAT:
		*num = *v;
		return true;
	case SEG_T_DATE:
		*num = seg_int(v->u.i);
		return true;
	case SEG_T_STRING:
		return seg_str_to_number(v->u.s, v->len, num);
	default:
		return false;
	}
}

bool seg_value_as_date(const seg_value *v, int32_t tz_offset, int64_t *ts)
{
	seg_value n;
	switch ((seg_type)v->type) {
	case SEG_T_DATE:
	case SEG_T_INT:
		*ts = v->u.i;
		return seg_ts_valid(*ts);
	case SEG_T_FLOAT:
		if (!(v->u.f >= (double)SEG_DATE_MIN && v->u.f <= (double)SEG_DATE_MAX)) return false;
		*ts = (int64_t)floor(v->u.f);
		return true;
	case SEG_T_STRING:
		if (seg_str_to_date(v->u.s, v->len, tz_offset, ts)) return seg_ts_valid(*ts);
		if (seg_str_to_number(v->u.s, v->len, &n)) return seg_value_as_date(&n, tz_offset, ts);
		return false;
	default:
		return false;
	}
}

static int cmp_numbers(const seg_value *a, const seg_value *b)
{
	if (a->type == SEG_T_INT && b->type == SEG_T_INT)
		return (a->u.i > b->u.i) - (a->u.i < b->u.i);
	double x = a->type == SEG_T_INT ? (double)a->u.i : a->u.f;
	double y = b->type == SEG_T_INT ? (double)b->u.i : b->u.f;
	if (x != x || y != y) return SEG_CMP_NONE; /* NaN orders with nothing */
	return (x > y) - (x < y);
}

static int cmp_bytes(const seg_value *a, const seg_value *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = n ? memcmp(a->u.s, b->u.s, n) : 0;
	if (c) return c < 0 ? -1 : 1;
	return (a->len > b->len) - (a->len < b->len);
}

static bool is_number_type(uint8_t t) { return t == SEG_T_INT || t == SEG_T_FLOAT; }

int seg_value_compare(const seg_value *a, const seg_value *b, int32_t tz)
{
	seg_value na, nb;
	int64_t ta, tb;

	if (a->type == SEG_T_NULL || b->type == SEG_T_NULL)
		return a->type == b->type ? 0 : SEG_CMP_NONE;

	if (a->type == SEG_T_BOOL || b->type == SEG_T_BOOL) {
		if (a->type == SEG_T_LIST || b->type == SEG_T_LIST) return SEG_CMP_NONE;
		bool x = seg_value_truthy(a), y = seg_value_truthy(b);
		return (x > y) - (x < y);
	}

	if (is_number_type(a->type) && is_number_type(b->type)) return cmp_numbers(a, b);

	if (a->type == SEG_T_STRING && b->type == SEG_T_STRING) {
		/* PHP 8: two numeric strings compare as numbers. */
		if (seg_str_to_number(a->u.s, a->len, &na) && seg_str_to_number(b->u.s, b->len, &nb))
			return cmp_numbers(&na, &nb);
		return cmp_bytes(a, b);
	}

	if (a->type == SEG_T_DATE || b->type == SEG_T_DATE) {
		/* A date is its timestamp against a date or a number (any timestamp,
		 * so every date equals itself); a string must parse as a date. */
		const seg_value *d = a->type == SEG_T_DATE ? a : b, *o = d == a ? b : a;
		int sign = d == a ? 1 : -1;
		if (o->type == SEG_T_DATE || o->type == SEG_T_INT) {
			ta = d->u.i;
			tb = o->u.i;
		} else if (o->type == SEG_T_FLOAT) {
			/* A float timestamp counts in whole seconds, as dates do. */
			if (!(o->u.f >= -9.2e18 && o->u.f <= 9.2e18)) return SEG_CMP_NONE;
			ta = d->u.i;
			tb = (int64_t)floor(o->u.f);
		} else if (o->type == SEG_T_STRING && seg_value_as_date(o, tz, &tb)) {
			ta = d->u.i;
		} else {
			return SEG_CMP_NONE;
		}
		return sign * ((ta > tb) - (ta < tb));
	}

	if (is_number_type(a->type) && b->type == SEG_T_STRING) {
		if (!seg_str_to_number(b->u.s, b->len, &nb)) return SEG_CMP_NONE;
		return cmp_numbers(a, &nb);
	}
	if (a->type == SEG_T_STRING && is_number_type(b->type)) {
		if (!seg_str_to_number(a->u.s, a->len, &na)) return SEG_CMP_NONE;
		return cmp_numbers(&na, b);
	}

	if (a->type == SEG_T_LIST && b->type == SEG_T_LIST)
		return seg_value_equals(a, b, tz) ? 0 : SEG_CMP_NONE;

	return SEG_CMP_NONE;
}

bool seg_value_equals(const seg_value *a, const seg_value *b, int32_t tz)
{
	if (a->type == SEG_T_LIST && b->type == SEG_T_LIST) {
		if (a->len != b->len) return false;
		for (uint32_t k = 0; k < a->len; k++)
			if (!seg_value_equals(&a->u.items[k], &b->u.items[k], tz)) return false;
		return true;
	}
	if (a->type == SEG_T_STRING && b->type == SEG_T_STRING && a->len == b->len &&
	    (a->len == 0 || memcmp(a->u.s, b->u.s, a->len) == 0))
		return true; /* fast path: identical bytes are equal */
	return seg_value_compare(a, b, tz) == 0;
}
