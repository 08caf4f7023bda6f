/*
 * fuzz_values.c - libFuzzer target for seg_value.h: numeric strings,
 * date strings and comparison.
 *
 * Input: byte 0 picks a time zone and table values; the rest is split at
 * the first NUL into two strings a and b.  The target checks:
 *   - seg_str_to_number accepts exactly PHP 8's numeric-string grammar
 *     (a small reference recognizer below), gives ints that print back to
 *     the same value, and floats within a few ulps of strtod;
 *   - seg_str_to_date results format back to a string that parses to the
 *     same timestamp, and the civil-date helpers round-trip;
 *   - seg_value_compare is antisymmetric, returns -1/0/1/NONE, agrees
 *     with seg_value_equals, and every value equals itself unless it holds
 *     a NaN.
 */
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seg_func.h"
#include "seg_value.h"

#define CHECK(cond)                                                              \
	do {                                                                         \
		if (!(cond)) {                                                           \
			fprintf(stderr, "fuzz_values: invariant failed at %s:%d: %s\n",     \
			        __FILE__, __LINE__, #cond);                                  \
			abort();                                                             \
		}                                                                        \
	} while (0)

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const int32_t ZONES[] = {0, 7200, -34200, 50400, -64800, 64800, 3600, -3600};

/* ---- reference: PHP 8 numeric strings ------------------------------------ */

static bool ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
static bool dig(char c) { return c >= '0' && c <= '9'; }

/* ws* [+-]? (digits ('.' digits*)? | '.' digits) ([eE] [+-]? digits)? ws* */
static bool ref_numeric(const char *s, size_t n, bool *is_int)
{
	size_t i = 0, e = n;
	while (i < e && ws(s[i])) i++;
	while (e > i && ws(s[e - 1])) e--;
	if (i == e) return false;
	if (s[i] == '+' || s[i] == '-') i++;
	size_t d0 = i;
	while (i < e && dig(s[i])) i++;
	size_t intdigits = i - d0, fracdigits = 0;
	*is_int = true;
	if (i < e && s[i] == '.') {
		*is_int = false;
		i++;
		size_t f0 = i;
		while (i < e && dig(s[i])) i++;
		fracdigits = i - f0;
	}
	if (intdigits + fracdigits == 0) return false;
	if (i < e && (s[i] == 'e' || s[i] == 'E')) {
		*is_int = false;
		i++;
		if (i < e && (s[i] == '+' || s[i] == '-')) i++;
		if (i >= e || !dig(s[i])) return false;
		while (i < e && dig(s[i])) i++;
	}
	return i == e;
}

static bool has_nan(const seg_value *v)
{
	if (v->type == SEG_T_FLOAT) return v->u.f != v->u.f;
	if (v->type == SEG_T_LIST)
		for (uint32_t i = 0; i < v->len; i++)
			if (has_nan(&v->u.items[i])) return true;
	return false;
}

static void check_number(const char *s, size_t n)
{
	seg_value v;
	bool is_int = false;
	bool ok = seg_str_to_number(s, n, &v);
	bool ref = ref_numeric(s, n, &is_int);
	CHECK(ok == ref);
	if (!ok) return;
	CHECK(v.type == SEG_T_INT || v.type == SEG_T_FLOAT);
	if (v.type == SEG_T_INT) {
		CHECK(is_int);
		char buf[32];
		int k = snprintf(buf, sizeof buf, "%lld", (long long)v.u.i);
		seg_value w;
		CHECK(seg_str_to_number(buf, (size_t)k, &w) && w.type == SEG_T_INT && w.u.i == v.u.i);
		return;
	}
	/* A float: compare with strtod on the trimmed text. */
	size_t i = 0, e = n;
	while (i < e && ws(s[i])) i++;
	while (e > i && ws(s[e - 1])) e--;
	char *copy = malloc(e - i + 1);
	memcpy(copy, s + i, e - i);
	copy[e - i] = '\0';
	double want = strtod(copy, NULL);
	free(copy);
	double got = v.u.f;
	if (isinf(want)) {
		CHECK(isinf(got) || fabs(got) > 1e307);
	} else if (want == 0.0 || fabs(want) < 1e-290) {
		CHECK(fabs(got) < 1e-280);
	} else {
		CHECK(fabs(got - want) <= fabs(want) * 8 * DBL_EPSILON);
	}
	if (is_int) CHECK(fabs(got) >= 9.2e18); /* an integer string is a float only when it overflows */
}

/* ---- dates ------------------------------------------------------------------ */

static void check_date(const char *s, size_t n, int32_t tz)
{
	int64_t ts;
	if (!seg_str_to_date(s, n, tz, &ts)) return;
	/* Years 0000-9999 with offsets up to 18 hours, plus a leap second. */
	CHECK(ts >= INT64_C(-62167219200) - 18 * 3600 - 86400 && ts <= INT64_C(253402300800) + 18 * 3600 + 86400);
	int64_t days = ts >= 0 ? ts / 86400 : -((-ts + 86399) / 86400);
	int64_t sod = ts - days * 86400;
	CHECK(sod >= 0 && sod < 86400);
	int64_t y;
	unsigned m, d;
	seg_civil_from_days(days, &y, &m, &d);
	CHECK(m >= 1 && m <= 12 && d >= 1 && d <= 31);
	CHECK(seg_days_from_civil(y, m, d) == days);
	if (y >= 0 && y <= 9999) {
		char buf[40];
		int k = snprintf(buf, sizeof buf, "%04lld-%02u-%02u %02lld:%02lld:%02lldZ", (long long)y, m, d,
		                 (long long)(sod / 3600), (long long)(sod / 60 % 60), (long long)(sod % 60));
		int64_t back;
		CHECK(seg_str_to_date(buf, (size_t)k, tz, &back) && back == ts);
	}
	/* As a value it is the same instant, if within years 0000-9999 in UTC
	 * (seg_value.h: a timestamp outside that range is not a date). */
	seg_value sv = seg_string(s, n), dv = seg_date(ts);
	int64_t as;
	bool ok = seg_value_as_date(&sv, tz, &as);
	CHECK(ok == seg_ts_valid(ts));
	if (ok) {
		CHECK(as == ts);
		CHECK(seg_value_compare(&sv, &dv, tz) == 0);
	}
}

/* ---- comparison ------------------------------------------------------------- */

static void check_pair(const seg_value *a, const seg_value *b, int32_t tz)
{
	int ab = seg_value_compare(a, b, tz), ba = seg_value_compare(b, a, tz);
	CHECK(ab == -1 || ab == 0 || ab == 1 || ab == SEG_CMP_NONE);
	CHECK(ab == SEG_CMP_NONE ? ba == SEG_CMP_NONE : ba == -ab);
	bool eab = seg_value_equals(a, b, tz), eba = seg_value_equals(b, a, tz);
	CHECK(eab == eba);
	if (a->type != SEG_T_LIST || b->type != SEG_T_LIST) CHECK(eab == (ab == 0));
	(void)seg_value_truthy(a);
	seg_value num;
	int64_t ts;
	(void)seg_value_as_number(a, &num);
	(void)seg_value_as_date(a, tz, &ts);
}

static void check_self(const seg_value *a, int32_t tz)
{
	if (!has_nan(a)) {
		CHECK(seg_value_equals(a, a, tz));
		CHECK(seg_value_compare(a, a, tz) == 0);
	}
}

static const seg_value ITEMS[] = {
	{.type = SEG_T_INT, .u.i = 1}, {.type = SEG_T_STRING, .len = 1, .u.s = "1"}, {.type = SEG_T_NULL},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1) return 0;
	uint8_t cfg = data[0];
	const char *s = (const char *)data + 1;
	size_t n = size - 1;
	const char *nul = memchr(s, '\0', n);
	const char *a = s, *b = nul ? nul + 1 : s;
	size_t alen = nul ? (size_t)(nul - s) : n, blen = nul ? n - alen - 1 : 0;
	int32_t tz = ZONES[cfg & 7];

	check_number(a, alen);
	check_number(b, blen);
	check_number(s, n);
	check_date(a, alen, tz);
	check_date(b, blen, tz);

	/* Values made from the input and a few fixed ones. */
	seg_value vals[16];
	size_t nv = 0;
	vals[nv++] = seg_string(a, alen);
	vals[nv++] = seg_string(b, blen);
	seg_value num;
	if (seg_str_to_number(a, alen, &num)) vals[nv++] = num;
	if (seg_str_to_number(b, blen, &num)) vals[nv++] = num;
	int64_t ts;
	if (seg_str_to_date(a, alen, tz, &ts)) vals[nv++] = seg_date(ts);
	if (seg_str_to_date(b, blen, tz, &ts)) vals[nv++] = seg_date(ts);
	/* Raw bytes as an int, a float and a date. */
	int64_t raw = 0;
	double rawf = 0;
	memcpy(&raw, s, n < 8 ? n : 8);
	memcpy(&rawf, s, n < 8 ? n : 8);
	vals[nv++] = seg_int(raw);
	vals[nv++] = seg_float(rawf);
	vals[nv++] = seg_date(raw);
	vals[nv++] = seg_bool(cfg & 8);
	vals[nv++] = seg_null();
	seg_value list1[2] = {vals[0], vals[1]};
	vals[nv++] = seg_list(list1, 2);
	vals[nv++] = seg_list(ITEMS, (cfg >> 4) % 4);

	for (size_t i = 0; i < nv; i++) {
		check_self(&vals[i], tz);
		for (size_t j = i; j < nv; j++) check_pair(&vals[i], &vals[j], tz);
	}

	/* bucket(): an integer string hashes like the integer. */
	bool ok1, ok2;
	if (seg_str_to_number(a, alen, &num) && num.type == SEG_T_INT) {
		seg_value sv = seg_string(a, alen);
		uint64_t h1 = seg_bucket_hash(b, blen, &sv, &ok1), h2 = seg_bucket_hash(b, blen, &num, &ok2);
		CHECK(ok1 && ok2 && h1 == h2);
		seg_value fv = seg_float((double)num.u.i);
		if (num.u.i > -(INT64_C(1) << 53) && num.u.i < (INT64_C(1) << 53)) {
			uint64_t h3 = seg_bucket_hash(b, blen, &fv, &ok2);
			CHECK(ok2 && h3 == h1);
		}
	}
	for (size_t i = 0; i < nv; i++) (void)seg_bucket_hash(a, alen, &vals[i], &ok1);
	return 0;
}
