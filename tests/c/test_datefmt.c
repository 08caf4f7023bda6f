/*
 * test_datefmt.c - seg_datefmt.h: every format letter, bad dates and
 * times, leap years, format errors, "auto", and the fast path against the
 * general one.
 */
#include "seg_test.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "seg_datefmt.h"
#include "seg_value.h"

/* ---- helpers ---------------------------------------------------------- */

/* Wall-clock seconds of a civil date and time. */
static int64_t wall(int64_t y, unsigned mo, unsigned d, int h, int mi, int s)
{
	return seg_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

#define CHECK_FMT(fmt, s, expected, expected_zoned)                                         \
	do {                                                                                    \
		int64_t secs_ = -12345;                                                             \
		bool zoned_ = !(expected_zoned);                                                    \
		if (!seg_datefmt_parse((fmt), strlen(fmt), (s), strlen(s), &secs_, &zoned_)) {      \
			seg_test_fail(__FILE__, __LINE__, "format \"%s\" should accept \"%s\"", (fmt), (s)); \
			break;                                                                          \
		}                                                                                   \
		CHECK_EQ_INT(secs_, (expected));                                                    \
		CHECK_EQ_INT(zoned_, (expected_zoned));                                             \
	} while (0)

#define CHECK_NOT_FMT(fmt, s)                                                               \
	do {                                                                                    \
		int64_t secs_ = -12345;                                                             \
		bool zoned_ = true;                                                                 \
		if (seg_datefmt_parse((fmt), strlen(fmt), (s), strlen(s), &secs_, &zoned_))         \
			seg_test_fail(__FILE__, __LINE__, "format \"%s\" should reject \"%s\" (got %lld)", \
				(fmt), (s), (long long)secs_);                                              \
		else {                                                                              \
			CHECK_EQ_INT(secs_, -12345); /* untouched */                                    \
			CHECK(zoned_);                                                                  \
		}                                                                                   \
	} while (0)

/* seg_datefmt_check fails with SEG_E_ARGUMENT, a message containing
 * `needle` and the given column; and parse rejects everything. */
#define CHECK_BAD_FORMAT(fmt, needle, col)                                                  \
	do {                                                                                    \
		seg_error e_;                                                                       \
		seg_status st_ = seg_datefmt_check((fmt), strlen(fmt), &e_);                        \
		CHECK_EQ_INT(st_, SEG_E_ARGUMENT);                                                  \
		CHECK_EQ_INT(e_.status, SEG_E_ARGUMENT);                                            \
		if (!strstr(e_.message, (needle)))                                                  \
			seg_test_fail(__FILE__, __LINE__, "message \"%s\" lacks \"%s\"", e_.message, (needle)); \
		CHECK_EQ_INT(e_.column, (col));                                                     \
		CHECK_NOT_FMT((fmt), "2024-01-02 03:04:05");                                        \
	} while (0)

#define CHECK_GOOD_FORMAT(fmt)                                                              \
	do {                                                                                    \
		seg_error e_;                                                                       \
		seg_status st_ = seg_datefmt_check((fmt), strlen(fmt), &e_);                        \
		if (st_ != SEG_OK)                                                                  \
			seg_test_fail(__FILE__, __LINE__, "format \"%s\" should be valid: %s", (fmt), e_.message); \
	} while (0)

/* ---- letters ---------------------------------------------------------- */

SEG_TEST(datefmt_iso_basic)
{
	CHECK_FMT("Y-m-d H:i:s", "2010-12-01 08:26:00", wall(2010, 12, 1, 8, 26, 0), false);
	CHECK_FMT("Y-m-d H:i:s", "1970-01-01 00:00:00", 0, false);
	CHECK_FMT("Y-m-d H:i:s", "1969-12-31 23:59:59", -1, false);
	CHECK_FMT("Y-m-d H:i:s", "0000-01-01 00:00:00", SEG_DATE_MIN, false);
	CHECK_FMT("Y-m-d H:i:s", "9999-12-31 23:59:59", SEG_DATE_MAX, false);
	CHECK_FMT("Y-m-d", "2024-05-01", wall(2024, 5, 1, 0, 0, 0), false);
	CHECK_FMT("Y-m-d H:i", "2024-05-01 10:07", wall(2024, 5, 1, 10, 7, 0), false);
	CHECK_FMT("Ymd", "20240501", wall(2024, 5, 1, 0, 0, 0), false);
	CHECK_FMT("YmdHis", "20240501100703", wall(2024, 5, 1, 10, 7, 3), false);
	CHECK_FMT("d.m.Y", "31.12.1999", wall(1999, 12, 31, 0, 0, 0), false);
}

SEG_TEST(datefmt_year_two_digits)
{
	CHECK_FMT("y-m-d", "69-01-01", wall(2069, 1, 1, 0, 0, 0), false);
	CHECK_FMT("y-m-d", "70-01-01", wall(1970, 1, 1, 0, 0, 0), false);
	CHECK_FMT("y-m-d", "99-12-31", wall(1999, 12, 31, 0, 0, 0), false);
	CHECK_FMT("y-m-d", "00-02-29", wall(2000, 2, 29, 0, 0, 0), false);
	CHECK_FMT("d/m/y", "05/11/23", wall(2023, 11, 5, 0, 0, 0), false);
	CHECK_NOT_FMT("y-m-d", "2024-01-01");
	CHECK_NOT_FMT("y-m-d", "7-01-01");
	CHECK_NOT_FMT("Y-m-d", "24-01-01");
	CHECK_NOT_FMT("Y-m-d", "02024-01-01");
}

SEG_TEST(datefmt_month_day_hour_widths)
{
	/* m d H: exactly two digits; n j G: one or two. */
	CHECK_NOT_FMT("Y-m-d", "2024-1-05");
	CHECK_NOT_FMT("Y-m-d", "2024-01-5");
	CHECK_NOT_FMT("Y-m-d H", "2024-01-05 7");
	CHECK_FMT("Y-n-j", "2024-1-5", wall(2024, 1, 5, 0, 0, 0), false);
	CHECK_FMT("Y-n-j", "2024-01-05", wall(2024, 1, 5, 0, 0, 0), false);
	CHECK_FMT("Y-n-j", "2024-12-31", wall(2024, 12, 31, 0, 0, 0), false);
	CHECK_FMT("Y-m-d G", "2024-01-05 7", wall(2024, 1, 5, 7, 0, 0), false);
	CHECK_FMT("Y-m-d G", "2024-01-05 07", wall(2024, 1, 5, 7, 0, 0), false);
	CHECK_FMT("Y-m-d G", "2024-01-05 23", wall(2024, 1, 5, 23, 0, 0), false);
	CHECK_NOT_FMT("Y-n-j", "2024-123-5");
	CHECK_NOT_FMT("Y-n-j", "2024--5");
	/* i and s are always two digits */
	CHECK_NOT_FMT("Y-m-d H:i", "2024-01-05 10:5");
	CHECK_NOT_FMT("Y-m-d H:i:s", "2024-01-05 10:05:5");
	CHECK_FMT("Y-m-d H:i:s", "2024-01-05 10:05:59", wall(2024, 1, 5, 10, 5, 59), false);
}

SEG_TEST(datefmt_us_export)
{
	/* UCI Online Retail's original "12/1/2010 8:26" */
	CHECK_FMT("n/j/Y G:i", "12/1/2010 8:26", wall(2010, 12, 1, 8, 26, 0), false);
	CHECK_FMT("n/j/Y G:i", "12/9/2011 12:50", wall(2011, 12, 9, 12, 50, 0), false);
	CHECK_FMT("n/j/Y G:i", "1/10/2011 0:00", wall(2011, 1, 10, 0, 0, 0), false);
	CHECK_FMT("n/j/Y G:i", "02/29/2012 23:59", wall(2012, 2, 29, 23, 59, 0), false);
	CHECK_NOT_FMT("n/j/Y G:i", "2/29/2011 8:26");
	CHECK_NOT_FMT("n/j/Y G:i", "13/1/2010 8:26");
	CHECK_NOT_FMT("n/j/Y G:i", "12/1/2010 24:00");
	CHECK_NOT_FMT("n/j/Y G:i", "12/1/2010 8:26:00");
	CHECK_NOT_FMT("n/j/Y G:i", "12/1/2010");
	CHECK_NOT_FMT("n/j/Y G:i", "12/1/10 8:26");
	CHECK_FMT("n/j/Y G:i:s", "12/1/2010 8:26:07", wall(2010, 12, 1, 8, 26, 7), false);
	CHECK_FMT("m/d/Y H:i", "12/01/2010 08:26", wall(2010, 12, 1, 8, 26, 0), false);
}

SEG_TEST(datefmt_fraction)
{
	CHECK_FMT("Y-m-d H:i:s.v", "2024-01-05 10:05:59.123", wall(2024, 1, 5, 10, 5, 59), false);
	CHECK_NOT_FMT("Y-m-d H:i:s.v", "2024-01-05 10:05:59.12");
	CHECK_NOT_FMT("Y-m-d H:i:s.v", "2024-01-05 10:05:59.1234");
	CHECK_FMT("Y-m-d H:i:s.u", "2024-01-05 10:05:59.1", wall(2024, 1, 5, 10, 5, 59), false);
	CHECK_FMT("Y-m-d H:i:s.u", "2024-01-05 10:05:59.999999", wall(2024, 1, 5, 10, 5, 59), false);
	CHECK_NOT_FMT("Y-m-d H:i:s.u", "2024-01-05 10:05:59.1234567");
	CHECK_NOT_FMT("Y-m-d H:i:s.u", "2024-01-05 10:05:59.");
	CHECK_BAD_FORMAT("Y-m-d H:i:s.v.u", "twice ('u')", 15);
}

SEG_TEST(datefmt_unix)
{
	CHECK_FMT("U", "0", 0, true);
	CHECK_FMT("U", "1700000000", 1700000000, true);
	CHECK_FMT("U", "-86400", -86400, true);
	CHECK_FMT("U", "+5", 5, true);
	CHECK_FMT("U", "253402300799", SEG_DATE_MAX, true);
	CHECK_FMT("U", "-62167219200", SEG_DATE_MIN, true);
	CHECK_FMT("U", "000000000000000000000000042", 42, true);
	CHECK_NOT_FMT("U", "253402300800");
	CHECK_NOT_FMT("U", "-62167219201");
	CHECK_NOT_FMT("U", "99999999999999999999999999999");
	CHECK_NOT_FMT("U", "-99999999999999999999999999999");
	CHECK_NOT_FMT("U", "");
	CHECK_NOT_FMT("U", "-");
	CHECK_NOT_FMT("U", "12a");
	CHECK_NOT_FMT("U", " 12");
	CHECK_NOT_FMT("U", "1.5");
	CHECK_FMT("U.u", "1700000000.250", 1700000000, true);
	CHECK_FMT("@U", "@1700000000", 1700000000, true);
}

SEG_TEST(datefmt_zone)
{
	int64_t base = wall(2024, 5, 1, 10, 0, 0);
	CHECK_FMT("Y-m-d\\TH:i:sP", "2024-05-01T10:00:00+02:00", base - 7200, true);
	CHECK_FMT("Y-m-d\\TH:i:sP", "2024-05-01T10:00:00-05:30", base + 19800, true);
	CHECK_FMT("Y-m-d\\TH:i:sP", "2024-05-01T10:00:00Z", base, true);
	CHECK_FMT("Y-m-d H:i:s O", "2024-05-01 10:00:00 +0200", base - 7200, true);
	CHECK_FMT("Y-m-d H:i:s O", "2024-05-01 10:00:00 +02", base - 7200, true);
	CHECK_FMT("Y-m-d H:i:sp", "2024-05-01 10:00:00-1800", base + 64800, true);
	CHECK_NOT_FMT("Y-m-d H:i:sP", "2024-05-01 10:00:00+19:00");
	CHECK_NOT_FMT("Y-m-d H:i:sP", "2024-05-01 10:00:00+02:60");
	CHECK_NOT_FMT("Y-m-d H:i:sP", "2024-05-01 10:00:00+02:");
	CHECK_NOT_FMT("Y-m-d H:i:sP", "2024-05-01 10:00:00+2");
	CHECK_NOT_FMT("Y-m-d H:i:sP", "2024-05-01 10:00:00");
	CHECK_NOT_FMT("Y-m-d H:i:sP", "2024-05-01 10:00:00 +02:00");
	CHECK_NOT_FMT("Y-m-d H:i:sP", "2024-05-01 10:00:00z");
}

SEG_TEST(datefmt_literals_and_escapes)
{
	CHECK_FMT("Y-m-d\\TH:i:s", "2024-05-01T10:00:00", wall(2024, 5, 1, 10, 0, 0), false);
	CHECK_NOT_FMT("Y-m-d\\TH:i:s", "2024-05-01 10:00:00");
	CHECK_FMT("\\Y\\e\\a\\r Y, \\d\\a\\y j, \\m\\o\\n\\t\\h n", "Year 2024, day 2, month 3",
		wall(2024, 3, 2, 0, 0, 0), false);
	CHECK_FMT("\\\\Y-m-d", "\\2024-05-01", wall(2024, 5, 1, 0, 0, 0), false);
	/* non-letters are literals, including UTF-8 bytes and NUL */
	CHECK_FMT("Y年m月d日", "2024年05月01日", wall(2024, 5, 1, 0, 0, 0), false);
	CHECK_FMT("[Y/m/d]", "[2024/05/01]", wall(2024, 5, 1, 0, 0, 0), false);
	int64_t secs;
	bool zoned;
	CHECK(seg_datefmt_parse("Y\0m\0d", 5, "2024\00005\00001", 10, &secs, &zoned));
	CHECK_EQ_INT(secs, wall(2024, 5, 1, 0, 0, 0));
	CHECK(!seg_datefmt_parse("Y\0m\0d", 5, "2024-05-01", 10, &secs, &zoned));
	/* '!' and '|' are accepted and change nothing */
	CHECK_FMT("!Y-m-d", "2024-05-01", wall(2024, 5, 1, 0, 0, 0), false);
	CHECK_FMT("Y-m-d|", "2024-05-01", wall(2024, 5, 1, 0, 0, 0), false);
	/* literals must match exactly: no case folding, no whitespace skipping */
	CHECK_NOT_FMT("Y-m-d", "2024/05/01");
	CHECK_NOT_FMT("Y-m-d", " 2024-05-01");
	CHECK_NOT_FMT("Y-m-d", "2024-05-01 ");
	CHECK_NOT_FMT("Y-m-d\\T", "2024-05-01t");
}

SEG_TEST(datefmt_impossible_dates)
{
	CHECK_NOT_FMT("Y-m-d", "2023-02-29");
	CHECK_NOT_FMT("Y-m-d", "2023-13-01");
	CHECK_NOT_FMT("Y-m-d", "2023-00-01");
	CHECK_NOT_FMT("Y-m-d", "2023-01-00");
	CHECK_NOT_FMT("Y-m-d", "2023-01-32");
	CHECK_NOT_FMT("Y-m-d", "2023-04-31");
	CHECK_NOT_FMT("Y-m-d", "2023-06-31");
	CHECK_NOT_FMT("Y-m-d", "2023-09-31");
	CHECK_NOT_FMT("Y-m-d", "2023-11-31");
	CHECK_NOT_FMT("Y-m-d", "0000-00-00");
	CHECK_NOT_FMT("Y-m-d H:i:s", "2023-01-01 24:00:00");
	CHECK_NOT_FMT("Y-m-d H:i:s", "2023-01-01 23:60:00");
	CHECK_NOT_FMT("Y-m-d H:i:s", "2023-01-01 23:59:60");
	CHECK_NOT_FMT("Y-m-d G:i", "2023-01-01 99:00");
	CHECK_NOT_FMT("Y-n-j", "2023-0-1");
	CHECK_NOT_FMT("Y-n-j", "2023-1-0");
	CHECK_FMT("Y-m-d", "2023-01-31", wall(2023, 1, 31, 0, 0, 0), false);
	CHECK_FMT("Y-m-d", "2023-04-30", wall(2023, 4, 30, 0, 0, 0), false);
}

SEG_TEST(datefmt_leap_years)
{
	CHECK_FMT("Y-m-d", "2024-02-29", wall(2024, 2, 29, 0, 0, 0), false);
	CHECK_FMT("Y-m-d", "2000-02-29", wall(2000, 2, 29, 0, 0, 0), false);
	CHECK_FMT("Y-m-d", "1600-02-29", wall(1600, 2, 29, 0, 0, 0), false);
	CHECK_FMT("Y-m-d", "0000-02-29", wall(0, 2, 29, 0, 0, 0), false);
	CHECK_FMT("Y-m-d", "2024-03-01", wall(2024, 2, 29, 0, 0, 0) + 86400, false);
	CHECK_NOT_FMT("Y-m-d", "1900-02-29");
	CHECK_NOT_FMT("Y-m-d", "2100-02-29");
	CHECK_NOT_FMT("Y-m-d", "2023-02-29");
	CHECK_NOT_FMT("Y-m-d", "2024-02-30");
	CHECK_FMT("y-n-j", "00-2-29", wall(2000, 2, 29, 0, 0, 0), false);
	CHECK_NOT_FMT("y-n-j", "01-2-29");
	/* the fast path too */
	CHECK_FMT("Y-m-d H:i:s", "2024-02-29 12:00:00", wall(2024, 2, 29, 12, 0, 0), false);
	CHECK_NOT_FMT("Y-m-d H:i:s", "2023-02-29 12:00:00");
	CHECK_NOT_FMT("Y-m-d H:i:s", "1900-02-29 12:00:00");
}

SEG_TEST(datefmt_trailing_and_missing)
{
	CHECK_NOT_FMT("Y-m-d", "2024-05-011");
	CHECK_NOT_FMT("Y-m-d", "2024-05-0");
	CHECK_NOT_FMT("Y-m-d", "2024-05-");
	CHECK_NOT_FMT("Y-m-d", "2024-05");
	CHECK_NOT_FMT("Y-m-d", "");
	CHECK_NOT_FMT("Y-m-d H:i:s", "2024-05-01 10:00");
	CHECK_NOT_FMT("Y-m-d H:i:s", "2024-05-01 10:00:00Z");
	CHECK_NOT_FMT("Y-m-d H:i:s", "2024-05-01T10:00:00");
	CHECK_NOT_FMT("Y-m-d H:i:s", "2024-05-01 10:00:0x");
	CHECK_NOT_FMT("Y-m-d H:i:s", "2024-05-01 10:00:00.5");
	CHECK_NOT_FMT("Y-m-d H:i:s", "+024-05-01 10:00:00");
	CHECK_NOT_FMT("Y-m-d H:i:s", "2024-05-01  10:00:0");
	CHECK_NOT_FMT("n/j/Y", "1/2/2024/");
	CHECK_NOT_FMT("n/j/Y", "1/2/202");
	int64_t secs = 7;
	bool zoned = true;
	CHECK(!seg_datefmt_parse("Y", 1, NULL, 0, &secs, &zoned));
	CHECK(!seg_datefmt_parse(NULL, 0, "2024", 4, &secs, &zoned));
	CHECK(!seg_datefmt_parse("", 0, "", 0, &secs, &zoned)); /* no year/month/day */
	CHECK_EQ_INT(secs, 7);
}

SEG_TEST(datefmt_format_errors)
{
	CHECK_BAD_FORMAT("Y-M-d", "letter 'M' is not supported", 3);
	CHECK_BAD_FORMAT("D, d M Y", "letter 'D'", 1);
	CHECK_BAD_FORMAT("Y-m-d\\", "lone backslash", 6);
	CHECK_BAD_FORMAT("Y-m-d Y", "twice ('Y')", 7);
	CHECK_BAD_FORMAT("Y-m-d y", "twice ('y')", 7);
	CHECK_BAD_FORMAT("Y-m-n", "twice ('n')", 5);
	CHECK_BAD_FORMAT("Y-m-d H G", "twice ('G')", 9);
	CHECK_BAD_FORMAT("Y-m-d OP", "twice ('P')", 8);
	CHECK_BAD_FORMAT("m-d", "no year", 0);
	CHECK_BAD_FORMAT("Y-d", "no month", 0);
	CHECK_BAD_FORMAT("Y-m", "no day", 0);
	CHECK_BAD_FORMAT("H:i:s", "no year", 0);
	CHECK_BAD_FORMAT("", "no year", 0);
	CHECK_BAD_FORMAT("U Y", "cannot be combined", 0);
	CHECK_BAD_FORMAT("U P", "cannot be combined", 0);
	CHECK_BAD_FORMAT("UU", "twice ('U')", 2);
	CHECK_BAD_FORMAT("Auto", "letter 'A'", 1);
	CHECK_GOOD_FORMAT("auto");
	CHECK_GOOD_FORMAT("U");
	CHECK_GOOD_FORMAT("U.v");
	CHECK_GOOD_FORMAT("Y-m-d H:i:s");
	CHECK_GOOD_FORMAT("n/j/Y G:i");
	CHECK_GOOD_FORMAT("!d/m/y|");
	CHECK_GOOD_FORMAT("Y-m-d\\TH:i:s.uP");
	CHECK_GOOD_FORMAT("\\M\\D Y m d");
	seg_error e;
	CHECK_EQ_INT(seg_datefmt_check(NULL, 0, &e), SEG_E_ARGUMENT);
	CHECK_EQ_INT(seg_datefmt_check("Y-M-d", 5, NULL), SEG_E_ARGUMENT);
	CHECK_EQ_INT(seg_datefmt_check("Y-m-d", 5, NULL), SEG_OK);
	/* a partial match does not hide a format error */
	int64_t secs;
	bool zoned;
	CHECK(!seg_datefmt_parse("Y-m-dY", 6, "2024-05-012024", 14, &secs, &zoned));
	CHECK(!seg_datefmt_parse("Y-m-d M", 7, "2024-05-01 M", 12, &secs, &zoned));
}

/* ---- auto ------------------------------------------------------------- */

SEG_TEST(datefmt_auto)
{
	CHECK_FMT("auto", "2024-05-01 10:00:00", wall(2024, 5, 1, 10, 0, 0), false);
	CHECK_FMT("auto", "2024-05-01", wall(2024, 5, 1, 0, 0, 0), false);
	CHECK_FMT("auto", "2024-05-01 10:00", wall(2024, 5, 1, 10, 0, 0), false);
	CHECK_FMT("auto", "2024-05-01T10:00:00.250", wall(2024, 5, 1, 10, 0, 0), false);
	CHECK_FMT("auto", "2024-05-01T10:00:00Z", wall(2024, 5, 1, 10, 0, 0), true);
	CHECK_FMT("auto", "2024-05-01 10:00:00+02:00", wall(2024, 5, 1, 8, 0, 0), true);
	CHECK_FMT("auto", "  2024-05-01  ", wall(2024, 5, 1, 0, 0, 0), false);
	CHECK_FMT("auto", "1700000000", 1700000000, true);
	CHECK_FMT("auto", "-1", -1, true);
	CHECK_FMT("auto", " +42\t", 42, true);
	CHECK_FMT("auto", "20240501", 20240501, true); /* an integer is a timestamp */
	CHECK_NOT_FMT("auto", "");
	CHECK_NOT_FMT("auto", "  ");
	CHECK_NOT_FMT("auto", "1.5");
	CHECK_NOT_FMT("auto", "1e9");
	CHECK_NOT_FMT("auto", "12/1/2010 8:26");
	CHECK_NOT_FMT("auto", "2023-02-29");
	CHECK_NOT_FMT("auto", "0000-00-00 00:00:00");
	CHECK_NOT_FMT("auto", "253402300800");
	CHECK_NOT_FMT("auto", "- 5");
	/* "auto" is a name only as the whole format */
	CHECK_NOT_FMT("auto ", "2024-05-01");
	/* whatever seg_str_to_local accepts, auto accepts with the same result */
	static const char *const samples[] = {"2024-05-01 10:00:00", "1999-12-31 23:59:60", "2024-05-01T00:00Z",
		"2024-05-01 10:00-0530", "0001-01-01", "9999-12-31 23:59:59+14:00", " 2024-05-01\t"};
	for (size_t k = 0; k < sizeof samples / sizeof *samples; k++) {
		int64_t a = 0, b = 1;
		bool za = false, zb = true;
		CHECK(seg_str_to_local(samples[k], strlen(samples[k]), &a, &za));
		CHECK(seg_datefmt_parse("auto", 4, samples[k], strlen(samples[k]), &b, &zb));
		CHECK_EQ_INT(a, b);
		CHECK_EQ_INT(za, zb);
	}
}

/* ---- fast path -------------------------------------------------------- */

/* The fast "Y-m-d H:i:s" must agree with the general walk of the same
 * format (spelled "Y-m-d\\ H:i:s" to bypass the fast path). */
SEG_TEST(datefmt_fast_path_agrees)
{
	static const char *const fast = "Y-m-d H:i:s", *const slow = "Y-m-d\\ H:i:s";
	uint64_t x = 88172645463325252ull;
	char s[32];
	for (int k = 0; k < 20000; k++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		/* mostly valid dates, some out of range fields */
		unsigned y = (unsigned)(x % 10000), mo = (unsigned)((x >> 14) % 14), d = (unsigned)((x >> 18) % 33);
		unsigned h = (unsigned)((x >> 24) % 26), mi = (unsigned)((x >> 30) % 62), se = (unsigned)((x >> 36) % 62);
		snprintf(s, sizeof s, "%04u-%02u-%02u %02u:%02u:%02u", y, mo, d, h, mi, se);
		if (x >> 60 == 0) s[(x >> 42) % 19] = (char)('0' + (char)((x >> 50) % 80)); /* noise */
		int64_t a = 1, b = 2;
		bool za = true, zb = true;
		bool ok_a = seg_datefmt_parse(fast, 11, s, 19, &a, &za);
		bool ok_b = seg_datefmt_parse(slow, 12, s, 19, &b, &zb);
		if (ok_a != ok_b || (ok_a && (a != b || za || zb))) {
			seg_test_fail(__FILE__, __LINE__, "\"%s\": fast %d %lld, general %d %lld", s, ok_a, (long long)a, ok_b,
				(long long)b);
			break;
		}
		if (ok_a) {
			/* and both agree with the civil-date arithmetic */
			int64_t days = a >= 0 ? a / 86400 : -((-a + 86399) / 86400);
			int64_t yy;
			unsigned mm, dd;
			seg_civil_from_days(days, &yy, &mm, &dd);
			char back[32];
			int64_t sod = a - days * 86400;
			snprintf(back, sizeof back, "%04lld-%02u-%02u %02d:%02d:%02d", (long long)yy, mm, dd, (int)(sod / 3600),
				(int)(sod / 60 % 60), (int)(sod % 60));
			CHECK_STR(back, s);
		}
	}
}
