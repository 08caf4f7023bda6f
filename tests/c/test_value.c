/*
 * test_value.c - seg_value.h (numeric strings, dates, comparison,
 * truthiness, civil-date arithmetic) and seg_arena.h.
 */
#include "seg_test.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "seg_arena.h"
#include "seg_value.h"

/* ---- helpers ---------------------------------------------------------- */

static seg_value str(const char *s) { return seg_string(s, strlen(s)); }

/* Parses s; expects an int. */
#define CHECK_NUM_INT(s, expected)                                            \
	do {                                                                      \
		seg_value n_ = seg_null();                                            \
		if (!seg_str_to_number((s), strlen(s), &n_)) {                        \
			seg_test_fail(__FILE__, __LINE__, "\"%s\" should be numeric", (s)); \
			break;                                                            \
		}                                                                     \
		CHECK_EQ_INT(n_.type, SEG_T_INT);                                     \
		if (n_.type == SEG_T_INT) CHECK_EQ_INT(n_.u.i, (expected));           \
	} while (0)

/* Parses s; expects a float equal to expected (exactly). */
#define CHECK_NUM_FLOAT(s, expected)                                          \
	do {                                                                      \
		seg_value n_ = seg_null();                                            \
		if (!seg_str_to_number((s), strlen(s), &n_)) {                        \
			seg_test_fail(__FILE__, __LINE__, "\"%s\" should be numeric", (s)); \
			break;                                                            \
		}                                                                     \
		CHECK_EQ_INT(n_.type, SEG_T_FLOAT);                                   \
		if (n_.type == SEG_T_FLOAT) CHECK_EQ_DBL(n_.u.f, (expected));         \
	} while (0)

/* Parses s; expects a float within one ulp of expected. */
#define CHECK_NUM_NEAR(s, expected)                                           \
	do {                                                                      \
		seg_value n_ = seg_null();                                            \
		double e_ = (expected);                                               \
		if (!seg_str_to_number((s), strlen(s), &n_)) {                        \
			seg_test_fail(__FILE__, __LINE__, "\"%s\" should be numeric", (s)); \
			break;                                                            \
		}                                                                     \
		CHECK_EQ_INT(n_.type, SEG_T_FLOAT);                                   \
		if (n_.type == SEG_T_FLOAT && !(n_.u.f == e_ ||                        \
				n_.u.f == nextafter(e_, INFINITY) || n_.u.f == nextafter(e_, -INFINITY))) \
			seg_test_fail(__FILE__, __LINE__, "\"%s\": got %.17g, expected %.17g (+-1 ulp)", \
				(s), n_.u.f, e_);                                             \
	} while (0)

#define CHECK_NOT_NUM(s)                                                      \
	do {                                                                      \
		seg_value n_ = seg_int(12345);                                        \
		if (seg_str_to_number((s), strlen(s), &n_))                           \
			seg_test_fail(__FILE__, __LINE__, "\"%s\" should not be numeric", (s)); \
	} while (0)

#define CHECK_DATE(s, tz, expected)                                           \
	do {                                                                      \
		int64_t ts_ = -1;                                                     \
		if (!seg_str_to_date((s), strlen(s), (tz), &ts_)) {                   \
			seg_test_fail(__FILE__, __LINE__, "\"%s\" should be a date", (s)); \
			break;                                                            \
		}                                                                     \
		CHECK_EQ_INT(ts_, (expected));                                        \
	} while (0)

#define CHECK_NOT_DATE(s)                                                     \
	do {                                                                      \
		int64_t ts_ = 0;                                                      \
		if (seg_str_to_date((s), strlen(s), 0, &ts_))                         \
			seg_test_fail(__FILE__, __LINE__, "\"%s\" should not be a date (got %lld)", \
				(s), (long long)ts_);                                         \
	} while (0)

#define CHECK_CMP(a, b, expected)                                             \
	do {                                                                      \
		seg_value a_ = (a), b_ = (b);                                         \
		CHECK_EQ_INT(seg_value_compare(&a_, &b_, 0), (expected));             \
	} while (0)

/* compare(a, b) == expected and compare(b, a) is its mirror. */
#define CHECK_CMP_SYM(a, b, expected)                                         \
	do {                                                                      \
		seg_value a_ = (a), b_ = (b);                                         \
		int e_ = (expected);                                                  \
		CHECK_EQ_INT(seg_value_compare(&a_, &b_, 0), e_);                     \
		CHECK_EQ_INT(seg_value_compare(&b_, &a_, 0), e_ == SEG_CMP_NONE ? SEG_CMP_NONE : -e_); \
	} while (0)

#define CHECK_TRUTHY(v, expected)                                             \
	do {                                                                      \
		seg_value v_ = (v);                                                   \
		CHECK_EQ_INT(seg_value_truthy(&v_), (expected));                      \
	} while (0)

/* 2024-01-01T00:00:00Z */
#define TS_2024 INT64_C(1704067200)

/* ---- layout ----------------------------------------------------------- */

SEG_TEST(value_is_16_bytes)
{
	CHECK_EQ_UINT(sizeof(seg_value), 16);
}

SEG_TEST(value_constructors)
{
	seg_value v = seg_null();
	CHECK_EQ_INT(v.type, SEG_T_NULL);
	v = seg_bool(true);
	CHECK_EQ_INT(v.type, SEG_T_BOOL);
	CHECK(v.u.b);
	v = seg_int(-7);
	CHECK_EQ_INT(v.type, SEG_T_INT);
	CHECK_EQ_INT(v.u.i, -7);
	v = seg_float(2.5);
	CHECK_EQ_INT(v.type, SEG_T_FLOAT);
	CHECK_EQ_DBL(v.u.f, 2.5);
	v = seg_date(TS_2024);
	CHECK_EQ_INT(v.type, SEG_T_DATE);
	CHECK_EQ_INT(v.u.i, TS_2024);
	v = str("abc");
	CHECK_EQ_INT(v.type, SEG_T_STRING);
	CHECK_MEM(v.u.s, v.len, "abc");
	seg_value items[2] = {seg_int(1), seg_int(2)};
	v = seg_list(items, 2);
	CHECK_EQ_INT(v.type, SEG_T_LIST);
	CHECK_EQ_UINT(v.len, 2);
	CHECK(v.u.items == items);
}

SEG_TEST(type_names)
{
	CHECK_STR(seg_type_name(SEG_T_NULL), "null");
	CHECK_STR(seg_type_name(SEG_T_BOOL), "bool");
	CHECK_STR(seg_type_name(SEG_T_INT), "int");
	CHECK_STR(seg_type_name(SEG_T_FLOAT), "float");
	CHECK_STR(seg_type_name(SEG_T_STRING), "string");
	CHECK_STR(seg_type_name(SEG_T_DATE), "date");
	CHECK_STR(seg_type_name(SEG_T_LIST), "list");
}

/* ---- numeric strings (PHP 8 rules; expectations checked with php 8.2) -- */

SEG_TEST(number_integers)
{
	CHECK_NUM_INT("12", 12);
	CHECK_NUM_INT("0", 0);
	CHECK_NUM_INT("-0", 0);
	CHECK_NUM_INT("+7", 7);
	CHECK_NUM_INT("-42", -42);
	CHECK_NUM_INT("007", 7);
	CHECK_NUM_INT("0000000000000000000000000000001", 1);
}

SEG_TEST(number_whitespace)
{
	/* PHP 8 allows leading and trailing whitespace. */
	CHECK_NUM_INT(" 12", 12);
	CHECK_NUM_INT("12 ", 12);
	CHECK_NUM_INT("  12  ", 12);
	CHECK_NUM_INT("\t\n12\r\v\f", 12);
	CHECK_NUM_FLOAT(" 1.5 ", 1.5);
	CHECK_NOT_NUM(" ");
	CHECK_NOT_NUM("\t\n");
	CHECK_NOT_NUM(" 1 2");
	CHECK_NOT_NUM("- 1");
}

SEG_TEST(number_floats)
{
	CHECK_NUM_FLOAT("1e3", 1000.0);
	CHECK_NUM_FLOAT("1E3", 1000.0);
	CHECK_NUM_FLOAT("1e+3", 1000.0);
	CHECK_NUM_FLOAT("1.5e3", 1500.0);
	CHECK_NUM_FLOAT("25e-2", 0.25);
	CHECK_NUM_FLOAT("-0.5", -0.5);
	CHECK_NUM_FLOAT(".5", 0.5);
	CHECK_NUM_FLOAT("+.5", 0.5);
	CHECK_NUM_FLOAT("-.5", -0.5);
	CHECK_NUM_FLOAT("5.", 5.0);
	CHECK_NUM_FLOAT("1.0", 1.0);
	CHECK_NUM_FLOAT("0.1", 0.1);
	CHECK_NUM_FLOAT("3.14159", 3.14159);
	CHECK_NUM_FLOAT("123456.789", 123456.789);
	CHECK_NUM_FLOAT("1e22", 1e22);
	CHECK_NUM_FLOAT("1e-22", 1e-22);
	CHECK_NUM_NEAR("1e23", 1e23); /* 10^23 is a tie; PHP rounds to even */
	CHECK_NUM_FLOAT("0.000001", 0.000001);
	/* Long mantissas are promised to within an ulp, not exactly. */
	CHECK_NUM_NEAR("9007199254740993.0", 9007199254740992.0);
	CHECK_NUM_NEAR("3.141592653589793238462643383279", 3.141592653589793);
	CHECK_NUM_NEAR("123456789012345678901234567890", 123456789012345678901234567890.0);
	CHECK_NUM_NEAR("1.7976931348623157e308", 1.7976931348623157e308);
}

SEG_TEST(number_negative_zero_float)
{
	seg_value n;
	REQUIRE(seg_str_to_number("-0.0", 4, &n));
	CHECK_EQ_INT(n.type, SEG_T_FLOAT);
	CHECK(n.u.f == 0.0 && signbit(n.u.f));
}

SEG_TEST(number_int_beyond_2_53)
{
	/* Integer strings stay exact ints past 2^53. */
	seg_value n;
	REQUIRE(seg_str_to_number("9007199254740993", 16, &n));
	CHECK_EQ_INT(n.type, SEG_T_INT);
	CHECK_EQ_INT(n.u.i, INT64_C(9007199254740993));
}

SEG_TEST(number_rejects)
{
	CHECK_NOT_NUM("");
	CHECK_NOT_NUM("abc");
	CHECK_NOT_NUM("12abc");
	CHECK_NOT_NUM("abc12");
	CHECK_NOT_NUM("0x1A");
	CHECK_NOT_NUM("0b11");
	CHECK_NOT_NUM("1_000");
	CHECK_NOT_NUM("1,5");
	CHECK_NOT_NUM(".");
	CHECK_NOT_NUM("-");
	CHECK_NOT_NUM("+");
	CHECK_NOT_NUM("-.");
	CHECK_NOT_NUM("+-1");
	CHECK_NOT_NUM("--1");
	CHECK_NOT_NUM("1e");
	CHECK_NOT_NUM("1e+");
	CHECK_NOT_NUM("e3");
	CHECK_NOT_NUM("1.2.3");
	CHECK_NOT_NUM("1e3e3");
	CHECK_NOT_NUM("INF");
	CHECK_NOT_NUM("NAN");
	CHECK_NOT_NUM("1 e3");
}

SEG_TEST(number_embedded_nul)
{
	seg_value n;
	CHECK(!seg_str_to_number("12\0", 3, &n));
	CHECK(!seg_str_to_number("1\0" "2", 3, &n));
	/* Length, not NUL, ends the string. */
	REQUIRE(seg_str_to_number("123", 2, &n));
	CHECK_EQ_INT(n.type, SEG_T_INT);
	CHECK_EQ_INT(n.u.i, 12);
}

SEG_TEST(number_int64_limits)
{
	CHECK_NUM_INT("9223372036854775807", INT64_MAX);
	CHECK_NUM_INT("-9223372036854775807", -INT64_MAX);
	CHECK_NUM_INT("-9223372036854775808", INT64_MIN);
	CHECK_NUM_INT(" 9223372036854775807 ", INT64_MAX);
	/* Overflow becomes float, as in PHP. */
	CHECK_NUM_FLOAT("9223372036854775808", 9223372036854775808.0);
	CHECK_NUM_FLOAT("-9223372036854775809", -9223372036854775808.0);
	CHECK_NUM_FLOAT("18446744073709551615", 18446744073709551615.0);
	CHECK_NUM_FLOAT("18446744073709551616", 18446744073709551616.0);
	CHECK_NUM_FLOAT("99999999999999999999", 1e20);
	CHECK_NUM_FLOAT("00000000000000000000009223372036854775808", 9223372036854775808.0);
}

SEG_TEST(number_extreme_exponents)
{
	seg_value n;
	REQUIRE(seg_str_to_number("1e400", 5, &n));
	CHECK_EQ_INT(n.type, SEG_T_FLOAT);
	CHECK(isinf(n.u.f) && n.u.f > 0);
	REQUIRE(seg_str_to_number("-1e400", 6, &n));
	CHECK(isinf(n.u.f) && n.u.f < 0);
	CHECK_NUM_FLOAT("1e-400", 0.0);
	CHECK_NUM_FLOAT("1e99999999999", INFINITY);
	CHECK_NUM_FLOAT("1e-99999999999", 0.0);
	CHECK_NUM_FLOAT("0.0", 0.0);
	CHECK_NUM_FLOAT("0e0", 0.0);
	CHECK_NUM_FLOAT("0e-400", 0.0);
}

/* ---- dates ------------------------------------------------------------ */

SEG_TEST(date_basic)
{
	CHECK_DATE("1970-01-01", 0, 0);
	CHECK_DATE("2024-01-01", 0, TS_2024);
	CHECK_DATE("2024-01-01 00:00", 0, TS_2024);
	CHECK_DATE("2024-01-01 00:00:00", 0, TS_2024);
	CHECK_DATE("2024-01-01T00:00:00", 0, TS_2024);
	CHECK_DATE("2024-01-01 12:34:56", 0, TS_2024 + 12 * 3600 + 34 * 60 + 56);
	CHECK_DATE("2024-01-01 23:59:59.999", 0, TS_2024 + 86399);
	CHECK_DATE("  2024-01-01  ", 0, TS_2024);
	CHECK_DATE("1969-12-31 23:59:59", 0, -1);
	CHECK_DATE("1900-01-01", 0, INT64_C(-2208988800));
	CHECK_DATE("9999-12-31 23:59:59", 0, INT64_C(253402300799));
	CHECK_DATE("0001-01-01", 0, INT64_C(-62135596800));
}

SEG_TEST(date_leap_years)
{
	CHECK_DATE("2024-02-29", 0, INT64_C(1709164800));
	CHECK_DATE("2000-02-29", 0, INT64_C(951782400));
	CHECK_NOT_DATE("2023-02-29");
	CHECK_NOT_DATE("1900-02-29");
	CHECK_NOT_DATE("2100-02-29");
	CHECK_NOT_DATE("2024-02-30");
	CHECK_DATE("2023-02-28", 0, INT64_C(1677542400));
}

SEG_TEST(date_rejects)
{
	CHECK_NOT_DATE("0000-00-00 00:00:00");
	CHECK_NOT_DATE("0000-00-00");
	CHECK_NOT_DATE("2024-00-10");
	CHECK_NOT_DATE("2024-13-01");
	CHECK_NOT_DATE("2024-01-00");
	CHECK_NOT_DATE("2024-01-32");
	CHECK_NOT_DATE("2024-04-31");
	CHECK_NOT_DATE("2024-06-31");
	CHECK_NOT_DATE("2024-09-31");
	CHECK_NOT_DATE("2024-11-31");
	CHECK_NOT_DATE("2024-1-01");
	CHECK_NOT_DATE("24-01-01");
	CHECK_NOT_DATE("2024/01/01");
	CHECK_NOT_DATE("");
	CHECK_NOT_DATE("   ");
	CHECK_NOT_DATE("abc");
	CHECK_NOT_DATE("1704067200");
	CHECK_NOT_DATE("2024-01-01x");
	CHECK_NOT_DATE("2024-01-01 24:00:00");
	CHECK_NOT_DATE("2024-01-01 23:60:00");
	CHECK_NOT_DATE("2024-01-01 23:59:61");
	CHECK_NOT_DATE("2024-01-01 1:00");
	CHECK_NOT_DATE("2024-01-01 10");
	CHECK_NOT_DATE("2024-01-01 10:");
	CHECK_NOT_DATE("2024-01-01 10:00:");
	CHECK_NOT_DATE("2024-01-01 10:00:00.");
	CHECK_NOT_DATE("2024-01-01 10:00:00X");
	CHECK_NOT_DATE("2024-01-01 10:00:00Zx");
	CHECK_NOT_DATE("2024-01-01 10:00:00+1");
	CHECK_NOT_DATE("2024-01-01 10:00:00+02:0");
	CHECK_NOT_DATE("2024-01-01 10:00:00+02:60");
	CHECK_NOT_DATE("2024-01-01 10:00:00+19:00");
	CHECK_NOT_DATE("2024-01-01T");
}

SEG_TEST(date_embedded_nul)
{
	int64_t ts;
	CHECK(!seg_str_to_date("2024-01-01\0", 11, 0, &ts));
	CHECK(seg_str_to_date("2024-01-01 garbage", 10, 0, &ts));
}

SEG_TEST(date_time_zones)
{
	CHECK_DATE("2024-01-01T00:00:00Z", 0, TS_2024);
	CHECK_DATE("2024-01-01T00:00:00Z", 7200, TS_2024); /* Z overrides local */
	CHECK_DATE("2024-01-01 02:00:00+02:00", 0, TS_2024);
	CHECK_DATE("2024-01-01 02:00:00+0200", 0, TS_2024);
	CHECK_DATE("2024-01-01 02:00:00+02", 0, TS_2024);
	CHECK_DATE("2023-12-31 22:30:00-01:30", 0, TS_2024);
	CHECK_DATE("2023-12-31 22:30-0130", 0, TS_2024);
	CHECK_DATE("2024-01-01 00:00:00+00:00", -3600, TS_2024);
	CHECK_DATE("2024-01-01 00:00:00-00:00", 3600, TS_2024);
	CHECK_DATE("2024-01-01 05:45:00+05:45", 0, TS_2024);
	CHECK_DATE("2024-01-01 00:00:00.5Z", 0, TS_2024);
}

SEG_TEST(date_local_offset)
{
	/* No zone: local time tz_offset seconds east of UTC. */
	CHECK_DATE("2024-01-01", 3600, TS_2024 - 3600);
	CHECK_DATE("2024-01-01 01:00:00", 3600, TS_2024);
	CHECK_DATE("2023-12-31 19:00:00", -5 * 3600, TS_2024);
}

SEG_TEST(date_views)
{
	int64_t ts = 0;
	seg_value v = str("2024-01-01");
	CHECK(seg_value_as_date(&v, 0, &ts));
	CHECK_EQ_INT(ts, TS_2024);
	v = str("1704067200");
	CHECK(seg_value_as_date(&v, 0, &ts));
	CHECK_EQ_INT(ts, TS_2024);
	v = seg_int(TS_2024);
	CHECK(seg_value_as_date(&v, 0, &ts));
	CHECK_EQ_INT(ts, TS_2024);
	v = seg_float(1704067200.9);
	CHECK(seg_value_as_date(&v, 0, &ts));
	CHECK_EQ_INT(ts, TS_2024);
	v = seg_float(-0.5);
	CHECK(seg_value_as_date(&v, 0, &ts));
	CHECK_EQ_INT(ts, -1);
	v = seg_date(42);
	CHECK(seg_value_as_date(&v, 0, &ts));
	CHECK_EQ_INT(ts, 42);
	v = seg_float(NAN);
	CHECK(!seg_value_as_date(&v, 0, &ts));
	v = seg_float(INFINITY);
	CHECK(!seg_value_as_date(&v, 0, &ts));
	v = seg_float(1e300);
	CHECK(!seg_value_as_date(&v, 0, &ts));
	v = str("soon");
	CHECK(!seg_value_as_date(&v, 0, &ts));
	v = seg_null();
	CHECK(!seg_value_as_date(&v, 0, &ts));
	v = seg_bool(true);
	CHECK(!seg_value_as_date(&v, 0, &ts));
	seg_value items[1] = {seg_int(1)};
	v = seg_list(items, 1);
	CHECK(!seg_value_as_date(&v, 0, &ts));
}

SEG_TEST(number_views)
{
	seg_value n;
	seg_value v = seg_date(TS_2024);
	REQUIRE(seg_value_as_number(&v, &n));
	CHECK_EQ_INT(n.type, SEG_T_INT);
	CHECK_EQ_INT(n.u.i, TS_2024);
	v = str(" 2.5 ");
	REQUIRE(seg_value_as_number(&v, &n));
	CHECK_EQ_INT(n.type, SEG_T_FLOAT);
	CHECK_EQ_DBL(n.u.f, 2.5);
	v = seg_int(3);
	REQUIRE(seg_value_as_number(&v, &n));
	CHECK_EQ_INT(n.u.i, 3);
	v = seg_bool(true);
	CHECK(!seg_value_as_number(&v, &n));
	v = seg_null();
	CHECK(!seg_value_as_number(&v, &n));
	v = str("12abc");
	CHECK(!seg_value_as_number(&v, &n));
	v = seg_list(NULL, 0);
	CHECK(!seg_value_as_number(&v, &n));
}

/* ---- civil dates ------------------------------------------------------ */

SEG_TEST(civil_known_days)
{
	CHECK_EQ_INT(seg_days_from_civil(1970, 1, 1), 0);
	CHECK_EQ_INT(seg_days_from_civil(1970, 1, 2), 1);
	CHECK_EQ_INT(seg_days_from_civil(1969, 12, 31), -1);
	CHECK_EQ_INT(seg_days_from_civil(2000, 3, 1), 11017);
	CHECK_EQ_INT(seg_days_from_civil(2024, 1, 1), 19723);
	CHECK_EQ_INT(seg_days_from_civil(0, 3, 1), -719468);
	CHECK_EQ_INT(seg_days_from_civil(1, 1, 1), -719162);
	CHECK_EQ_INT(seg_days_from_civil(-1, 12, 31), -719529);
}

SEG_TEST(civil_round_trip)
{
	static const unsigned mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int64_t y;
	unsigned m, d;
	/* Walk every day from about -2000 to 4000 and check the fields step
	 * like a calendar and convert back. */
	int64_t z0 = seg_days_from_civil(-2000, 1, 1);
	int64_t z1 = seg_days_from_civil(4000, 12, 31);
	seg_civil_from_days(z0, &y, &m, &d);
	CHECK_EQ_INT(y, -2000);
	CHECK_EQ_INT(m, 1);
	CHECK_EQ_INT(d, 1);
	int64_t py = y;
	unsigned pm = m, pd = d;
	long long bad = 0;
	for (int64_t z = z0 + 1; z <= z1; z++) {
		seg_civil_from_days(z, &y, &m, &d);
		bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		unsigned dim = mdays[pm - 1] + (pm == 2 && leap);
		bool step_ok;
		if (pd < dim)
			step_ok = y == py && m == pm && d == pd + 1;
		else if (pm < 12)
			step_ok = y == py && m == pm + 1 && d == 1;
		else
			step_ok = y == py + 1 && m == 1 && d == 1;
		if (!step_ok || seg_days_from_civil(y, m, d) != z) {
			if (bad++ < 5)
				seg_test_fail(__FILE__, __LINE__, "day %lld -> %lld-%02u-%02u after %lld-%02u-%02u",
					(long long)z, (long long)y, m, d, (long long)py, pm, pd);
		}
		py = y;
		pm = m;
		pd = d;
	}
	CHECK_EQ_INT(bad, 0);
	CHECK_EQ_INT(y, 4000);
	CHECK_EQ_INT(m, 12);
	CHECK_EQ_INT(d, 31);
}

SEG_TEST(civil_far_range)
{
	int64_t y;
	unsigned m, d;
	static const int64_t days[] = {
		-1000000000, -146097 * 3 - 1, -719469, -719468, -1, 0, 59, 60, 11016, 11017,
		146096, 146097, 2932896, 1000000000,
	};
	for (size_t k = 0; k < sizeof days / sizeof days[0]; k++) {
		seg_civil_from_days(days[k], &y, &m, &d);
		CHECK(m >= 1 && m <= 12 && d >= 1 && d <= 31);
		CHECK_EQ_INT(seg_days_from_civil(y, m, d), days[k]);
	}
}

/* ---- truthiness ------------------------------------------------------- */

SEG_TEST(truthiness)
{
	CHECK_TRUTHY(seg_null(), false);
	CHECK_TRUTHY(seg_bool(false), false);
	CHECK_TRUTHY(seg_bool(true), true);
	CHECK_TRUTHY(seg_int(0), false);
	CHECK_TRUTHY(seg_int(-1), true);
	CHECK_TRUTHY(seg_float(0.0), false);
	CHECK_TRUTHY(seg_float(-0.0), false);
	CHECK_TRUTHY(seg_float(0.1), true);
	CHECK_TRUTHY(seg_float(NAN), true); /* as PHP: (bool)NAN === true */
	CHECK_TRUTHY(str(""), false);
	CHECK_TRUTHY(str("0"), false);
	CHECK_TRUTHY(str("0.0"), true);
	CHECK_TRUTHY(str("00"), true);
	CHECK_TRUTHY(str(" 0"), true);
	CHECK_TRUTHY(str("0 "), true);
	CHECK_TRUTHY(str("false"), true);
	CHECK_TRUTHY(str("a"), true);
	CHECK_TRUTHY(seg_string("0x", 1), false); /* only len bytes count */
	CHECK_TRUTHY(seg_date(0), true);
	CHECK_TRUTHY(seg_list(NULL, 0), false);
	seg_value one = seg_int(0);
	CHECK_TRUTHY(seg_list(&one, 1), true);
}

/* ---- comparison ------------------------------------------------------- */

SEG_TEST(compare_numbers)
{
	CHECK_CMP_SYM(seg_int(1), seg_int(2), -1);
	CHECK_CMP_SYM(seg_int(2), seg_int(2), 0);
	CHECK_CMP_SYM(seg_int(INT64_MAX), seg_int(INT64_MAX - 1), 1);
	CHECK_CMP_SYM(seg_int(INT64_MIN), seg_int(INT64_MAX), -1);
	CHECK_CMP_SYM(seg_float(1.5), seg_int(1), 1);
	CHECK_CMP_SYM(seg_float(2.0), seg_int(2), 0);
	CHECK_CMP_SYM(seg_float(-0.0), seg_float(0.0), 0);
	CHECK_CMP_SYM(seg_float(-INFINITY), seg_int(INT64_MIN), -1);
	CHECK_CMP_SYM(seg_float(NAN), seg_int(1), SEG_CMP_NONE);
	CHECK_CMP_SYM(seg_float(NAN), seg_float(NAN), SEG_CMP_NONE);
}

SEG_TEST(compare_numeric_strings)
{
	/* Both numeric: compared as numbers (PHP 8). */
	CHECK_CMP_SYM(str("10"), str("9"), 1);
	CHECK_CMP_SYM(str("1e1"), str("10"), 0);
	CHECK_CMP_SYM(str(" 1"), str("1"), 0);
	CHECK_CMP_SYM(str("1 "), str("1"), 0);
	CHECK_CMP_SYM(str("1.0"), str("1"), 0);
	CHECK_CMP_SYM(str("-1"), str("0"), -1);
	CHECK_CMP_SYM(str("0.1"), str(".1"), 0);
	CHECK_CMP_SYM(str("9223372036854775807"), str("9223372036854775806"), 1);
	/* Otherwise bytewise, shorter prefix first. */
	CHECK_CMP_SYM(str("abc"), str("abd"), -1);
	CHECK_CMP_SYM(str("abc"), str("abc"), 0);
	CHECK_CMP_SYM(str("ab"), str("abc"), -1);
	CHECK_CMP_SYM(str(""), str("a"), -1);
	CHECK_CMP_SYM(str(""), str(""), 0);
	CHECK_CMP_SYM(str("10"), str("9a"), -1);
	CHECK_CMP_SYM(str("abc"), str("ABC"), 1);
	CHECK_CMP_SYM(str("\xc3\xa9"), str("z"), 1); /* bytes are unsigned */
}

SEG_TEST(compare_number_with_string)
{
	CHECK_CMP_SYM(seg_int(10), str("10"), 0);
	CHECK_CMP_SYM(seg_int(10), str(" 9 "), 1);
	CHECK_CMP_SYM(seg_int(1), str("1.0"), 0);
	CHECK_CMP_SYM(seg_float(0.5), str(".5"), 0);
	CHECK_CMP_SYM(seg_int(10), str("1e2"), -1);
	/* A non-numeric string and a number are incomparable. */
	CHECK_CMP_SYM(seg_int(10), str("abc"), SEG_CMP_NONE);
	CHECK_CMP_SYM(seg_int(12), str("12abc"), SEG_CMP_NONE);
	CHECK_CMP_SYM(seg_int(0), str(""), SEG_CMP_NONE);
	CHECK_CMP_SYM(seg_float(1.0), str("x"), SEG_CMP_NONE);
}

SEG_TEST(compare_null)
{
	CHECK_CMP_SYM(seg_null(), seg_null(), 0);
	CHECK_CMP_SYM(seg_null(), seg_int(0), SEG_CMP_NONE);
	CHECK_CMP_SYM(seg_null(), seg_float(0.0), SEG_CMP_NONE);
	CHECK_CMP_SYM(seg_null(), str(""), SEG_CMP_NONE);
	CHECK_CMP_SYM(seg_null(), seg_bool(false), SEG_CMP_NONE);
	CHECK_CMP_SYM(seg_null(), seg_date(0), SEG_CMP_NONE);
	CHECK_CMP_SYM(seg_null(), seg_list(NULL, 0), SEG_CMP_NONE);
}

SEG_TEST(compare_bool)
{
	CHECK_CMP_SYM(seg_bool(true), seg_bool(true), 0);
	CHECK_CMP_SYM(seg_bool(false), seg_bool(true), -1);
	CHECK_CMP_SYM(seg_bool(true), seg_int(5), 0);
	CHECK_CMP_SYM(seg_bool(false), seg_int(0), 0);
	CHECK_CMP_SYM(seg_bool(false), str("0"), 0);
	CHECK_CMP_SYM(seg_bool(true), str("0.0"), 0);
	CHECK_CMP_SYM(seg_bool(false), str("a"), -1);
	CHECK_CMP_SYM(seg_bool(true), seg_date(0), 0);
	CHECK_CMP_SYM(seg_bool(true), seg_list(NULL, 0), SEG_CMP_NONE);
}

SEG_TEST(compare_dates)
{
	CHECK_CMP_SYM(seg_date(TS_2024), seg_date(TS_2024), 0);
	CHECK_CMP_SYM(seg_date(TS_2024), seg_date(TS_2024 + 1), -1);
	CHECK_CMP_SYM(seg_date(TS_2024), str("2024-01-01"), 0);
	CHECK_CMP_SYM(seg_date(TS_2024), str("2023-12-31 23:59:59"), 1);
	CHECK_CMP_SYM(seg_date(TS_2024), str("2024-01-01T00:00:01Z"), -1);
	CHECK_CMP_SYM(seg_date(TS_2024), str("1704067200"), 0);
	CHECK_CMP_SYM(seg_date(TS_2024), seg_int(TS_2024), 0);
	CHECK_CMP_SYM(seg_date(TS_2024), seg_float(1704067200.5), 0);
	CHECK_CMP_SYM(seg_date(TS_2024), seg_float(NAN), SEG_CMP_NONE);
	CHECK_CMP_SYM(seg_date(TS_2024), str("yesterday"), SEG_CMP_NONE);
	CHECK_CMP_SYM(seg_date(TS_2024), str("2023-02-29"), SEG_CMP_NONE);
	CHECK_CMP_SYM(seg_date(TS_2024), seg_list(NULL, 0), SEG_CMP_NONE);

	/* The host's time zone applies to zone-less strings. */
	seg_value a = seg_date(TS_2024), b = str("2024-01-01 01:00:00");
	CHECK_EQ_INT(seg_value_compare(&a, &b, 3600), 0);
	CHECK_EQ_INT(seg_value_compare(&a, &b, 0), -1);
}

SEG_TEST(compare_lists)
{
	seg_value x[] = {seg_int(1), str("a")};
	seg_value y[] = {str("1"), str("a")};
	seg_value z[] = {seg_int(1), str("b")};
	CHECK_CMP_SYM(seg_list(x, 2), seg_list(y, 2), 0);
	CHECK_CMP_SYM(seg_list(x, 2), seg_list(z, 2), SEG_CMP_NONE);
	CHECK_CMP_SYM(seg_list(x, 2), seg_list(x, 1), SEG_CMP_NONE);
	CHECK_CMP_SYM(seg_list(NULL, 0), seg_list(NULL, 0), 0);
	CHECK_CMP_SYM(seg_list(x, 2), seg_int(1), SEG_CMP_NONE);
	CHECK_CMP_SYM(seg_list(x, 2), str("a"), SEG_CMP_NONE);
}

SEG_TEST(equals)
{
	seg_value a, b;
#define EQ(x, y, expected)                                                    \
	do {                                                                      \
		a = (x);                                                              \
		b = (y);                                                              \
		CHECK_EQ_INT(seg_value_equals(&a, &b, 0), (expected));                \
		CHECK_EQ_INT(seg_value_equals(&b, &a, 0), (expected));                \
	} while (0)
	EQ(str("abc"), str("abc"), true);
	EQ(str("abc"), str("ABC"), false);
	EQ(str("1e1"), str("10"), true);
	EQ(str("10"), seg_int(10), true);
	EQ(str("abc"), seg_int(0), false);
	EQ(seg_null(), seg_null(), true);
	EQ(seg_null(), seg_bool(false), false);
	EQ(seg_float(NAN), seg_float(NAN), false);
	EQ(seg_date(TS_2024), str("2024-01-01 00:00:00Z"), true);
	seg_value inner1[] = {seg_int(1), seg_int(2)};
	seg_value inner2[] = {seg_float(1.0), str("2")};
	seg_value outer1[] = {seg_list(inner1, 2), str("x")};
	seg_value outer2[] = {seg_list(inner2, 2), str("x")};
	EQ(seg_list(outer1, 2), seg_list(outer2, 2), true);
	EQ(seg_list(inner1, 2), seg_list(inner1, 1), false);
#undef EQ
}

/* ---- regressions: bugs found by these tests, fixed in seg_value.c ---- */

/* PHP: "0e400" + 0 === 0.0.  Zero times an overflowing power of ten must
 * not become NaN. */
SEG_TEST(number_zero_with_huge_exponent)
{
	CHECK_NUM_FLOAT("0e400", 0.0);
	CHECK_NUM_FLOAT("0.000e999", 0.0);
	seg_value a = str("0e400"), b = seg_int(0);
	CHECK_EQ_INT(seg_value_compare(&a, &b, 0), 0);
}

/* Long mantissas with a small exponent: 10^e underflows before the
 * multiplication.  PHP gives 1.2345e-321 for "12345e-325", and DBL_MIN
 * written out must not become 0. */
SEG_TEST(number_tiny_exponent)
{
	CHECK_NUM_NEAR("2.2250738585072014e-308", 2.2250738585072014e-308);
	seg_value n;
	REQUIRE(seg_str_to_number("12345e-325", 10, &n));
	CHECK_EQ_INT(n.type, SEG_T_FLOAT);
	CHECK(n.u.f > 0.0);
	CHECK(fabs(n.u.f - 12345e-325) <= 1e-323);
	REQUIRE(seg_str_to_number("4.9e-324", 8, &n));
	CHECK(n.u.f > 0.0);
}

/* A zone needs both digits of its minutes when a colon is written. */
SEG_TEST(date_zone_trailing_colon)
{
	CHECK_NOT_DATE("2024-01-01 10:00:00+02:");
}


/* ---- arena ------------------------------------------------------------ */

static bool in_buf(const void *p, const void *buf, size_t cap)
{
	uintptr_t x = (uintptr_t)p, b = (uintptr_t)buf;
	return x >= b && x < b + cap;
}

SEG_TEST(arena_uses_buffer_first)
{
	_Alignas(16) char buf[256];
	seg_arena a;
	seg_arena_init(&a, buf, sizeof buf);
	char *p = seg_arena_alloc(&a, 10);
	char *q = seg_arena_alloc(&a, 1);
	REQUIRE(p && q);
	CHECK(in_buf(p, buf, sizeof buf));
	CHECK(in_buf(q, buf, sizeof buf));
	CHECK(q >= p + 10);
	CHECK_EQ_UINT((uintptr_t)p % 8, 0);
	CHECK_EQ_UINT((uintptr_t)q % 8, 0);
	memset(p, 'p', 10);
	memset(q, 'q', 1);
	CHECK_EQ_UINT(a.spilled, 0);
	CHECK(a.chunks == NULL);
	CHECK_EQ_UINT(a.total, 24);
	seg_arena_free(&a);
}

SEG_TEST(arena_aligns_unaligned_buffer)
{
	_Alignas(16) char buf[72];
	seg_arena a;
	seg_arena_init(&a, buf + 1, 64);
	char *p = seg_arena_alloc(&a, 8);
	REQUIRE(p);
	CHECK_EQ_UINT((uintptr_t)p % 8, 0);
	CHECK(in_buf(p, buf + 1, 64));
	/* 7 bytes were lost to alignment: 56 fit, then the next spills. */
	CHECK_EQ_UINT(a.cap, 57);
	char *r = seg_arena_alloc(&a, 48);
	REQUIRE(r);
	CHECK(in_buf(r, buf + 1, 64));
	CHECK((uintptr_t)r + 48 <= (uintptr_t)buf + 65);
	char *s = seg_arena_alloc(&a, 8);
	REQUIRE(s);
	CHECK(!in_buf(s, buf, sizeof buf));
	seg_arena_free(&a);
}

SEG_TEST(arena_tiny_buffer)
{
	_Alignas(16) char buf[16];
	seg_arena a;
	seg_arena_init(&a, buf + 1, 5); /* less than the alignment gap */
	CHECK_EQ_UINT(a.cap, 0);
	char *p = seg_arena_alloc(&a, 4);
	REQUIRE(p);
	CHECK(!in_buf(p, buf, sizeof buf));
	seg_arena_free(&a);
}

SEG_TEST(arena_spills_to_heap)
{
	_Alignas(16) char buf[64];
	seg_arena a;
	seg_arena_init(&a, buf, sizeof buf);
	char *ptrs[200];
	size_t sizes[200];
	for (int k = 0; k < 200; k++) {
		sizes[k] = (size_t)(k % 37) * 3 + 1;
		ptrs[k] = seg_arena_alloc(&a, sizes[k]);
		REQUIRE(ptrs[k]);
		CHECK_EQ_UINT((uintptr_t)ptrs[k] % 8, 0);
		memset(ptrs[k], k & 0xff, sizes[k]);
	}
	CHECK(a.spilled >= 4096);
	CHECK(a.chunks != NULL);
	/* No allocation overwrote another. */
	for (int k = 0; k < 200; k++)
		for (size_t j = 0; j < sizes[k]; j++)
			if ((unsigned char)ptrs[k][j] != (k & 0xff)) {
				seg_test_fail(__FILE__, __LINE__, "allocation %d byte %zu clobbered", k, j);
				break;
			}
	seg_arena_free(&a);
	CHECK(a.chunks == NULL);
}

SEG_TEST(arena_large_allocation)
{
	seg_arena a;
	seg_arena_init(&a, NULL, 0);
	char *small = seg_arena_alloc(&a, 16);
	char *big = seg_arena_alloc(&a, 100000);
	char *after = seg_arena_alloc(&a, 16);
	REQUIRE(small && big && after);
	memset(big, 0xab, 100000);
	memset(small, 1, 16);
	memset(after, 2, 16);
	CHECK((unsigned char)big[0] == 0xab && (unsigned char)big[99999] == 0xab);
	CHECK(a.spilled >= 100000 + 4096);
	CHECK_EQ_UINT(a.total, 16 + 100000 + 16);
	seg_arena_free(&a);
}

SEG_TEST(arena_without_buffer)
{
	seg_arena a;
	seg_arena_init(&a, NULL, 0);
	CHECK(a.buf == NULL);
	CHECK_EQ_UINT(a.cap, 0);
	void *p = seg_arena_alloc(&a, 0);
	void *q = seg_arena_alloc(&a, 0);
	REQUIRE(p && q);
	CHECK(p != q); /* zero-size requests still get distinct memory */
	seg_arena_free(&a);
	seg_arena_free(&a); /* twice is harmless */
}

SEG_TEST(arena_reset)
{
	_Alignas(16) char buf[128];
	seg_arena a;
	seg_arena_init(&a, buf, sizeof buf);
	char *first = seg_arena_alloc(&a, 8);
	for (int k = 0; k < 100; k++) REQUIRE(seg_arena_alloc(&a, 100));
	REQUIRE(a.chunks);
	size_t spilled = a.spilled;
	seg_arena_reset(&a);
	CHECK(a.chunks == NULL);
	CHECK_EQ_UINT(a.used, 0);
	CHECK_EQ_UINT(a.total, 0);
	CHECK_EQ_UINT(a.spilled, spilled); /* a statistic: kept */
	char *again = seg_arena_alloc(&a, 8);
	CHECK(again == first);
	seg_arena_reset(&a);
	seg_arena_reset(&a);
	seg_arena_free(&a);
}

SEG_TEST(arena_limit)
{
	_Alignas(16) char buf[64];
	seg_arena a;
	seg_arena_init(&a, buf, sizeof buf);
	a.limit = 100;
	int n = 0;
	while (seg_arena_alloc(&a, 8)) n++;
	CHECK_EQ_INT(n, 12); /* 96 bytes; a 13th would make 104 */
	CHECK(seg_arena_alloc(&a, 1) == NULL);
	CHECK_EQ_UINT(a.total, 96);
	seg_arena_reset(&a);
	CHECK(seg_arena_alloc(&a, 96) != NULL);
	CHECK(seg_arena_alloc(&a, 8) == NULL);
	seg_arena_reset(&a);
	CHECK(seg_arena_alloc(&a, 101) == NULL);
	CHECK(seg_arena_alloc(&a, 100) == NULL); /* rounds up to 104 */
	seg_arena_free(&a);
}

SEG_TEST(arena_huge_request)
{
	seg_arena a;
	seg_arena_init(&a, NULL, 0);
	CHECK(seg_arena_alloc(&a, SIZE_MAX) == NULL);
	CHECK(seg_arena_alloc(&a, SIZE_MAX - 7) == NULL);
	CHECK(seg_arena_alloc(&a, SIZE_MAX / 2 + 1) == NULL);
	CHECK(a.chunks == NULL);
	CHECK_EQ_UINT(a.total, 0);
	seg_arena_free(&a);
}

/* seg_floor_day(): rounds down, also before 1970 and at the int64 ends. */
SEG_TEST(value_floor_day)
{
	static const struct { int64_t t, day; } cases[] = {
		{0, 0}, {1, 0}, {86399, 0}, {86400, 1}, {-1, -1}, {-86399, -1}, {-86400, -1}, {-86401, -2},
		{INT64_MAX, INT64_MAX / 86400}, {INT64_MIN, INT64_MIN / 86400 - 1}, {INT64_MIN + 1, INT64_MIN / 86400 - 1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) CHECK_EQ_INT(seg_floor_day(cases[i].t), cases[i].day);
	/* against the slow definition on a sweep around 0 */
	for (int64_t t = -3 * 86400 - 5; t <= 3 * 86400 + 5; t += 97) {
		int64_t d = 0;
		while (d * 86400 > t) d--;
		while ((d + 1) * 86400 <= t) d++;
		CHECK_EQ_INT(seg_floor_day(t), d);
	}
}
