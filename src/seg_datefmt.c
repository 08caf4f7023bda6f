/*
 * seg_datefmt.c - dates in a caller-chosen format (see seg_datefmt.h).
 *
 * One walk over the format does both jobs: with s == NULL it only validates
 * the format (seg_datefmt_check), otherwise it also consumes s.  Any format
 * error also makes a parse fail, so parse and check always agree.
 */
#include "seg_datefmt.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "seg_value.h"

enum {
	F_YEAR = 1u << 0,
	F_MONTH = 1u << 1,
	F_DAY = 1u << 2,
	F_HOUR = 1u << 3,
	F_MIN = 1u << 4,
	F_SEC = 1u << 5,
	F_FRAC = 1u << 6,
	F_UNIX = 1u << 7,
	F_ZONE = 1u << 8
};

static inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
static inline bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
static inline bool is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
static inline int d2(const char *p) { return (p[0] - '0') * 10 + (p[1] - '0'); }

static int days_in_month(int y, int m)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return mdays[m - 1] + (m == 2 && is_leap(y));
}

/* Exactly n digits. */
static inline bool take_exact(const char *s, size_t len, size_t *i, int n, int *out)
{
	if (len - *i < (size_t)n) return false;
	int v = 0;
	for (int k = 0; k < n; k++) {
		char c = s[*i + (size_t)k];
		if (!is_digit(c)) return false;
		v = v * 10 + (c - '0');
	}
	*i += (size_t)n;
	*out = v;
	return true;
}

/* One or two digits (greedy). */
static inline bool take_1or2(const char *s, size_t len, size_t *i, int *out)
{
	if (*i >= len || !is_digit(s[*i])) return false;
	int v = s[(*i)++] - '0';
	if (*i < len && is_digit(s[*i])) v = v * 10 + (s[(*i)++] - '0');
	*out = v;
	return true;
}

/* [+-]?digits as a timestamp within SEG_DATE_MIN..SEG_DATE_MAX. */
static bool take_unix(const char *s, size_t len, size_t *i, int64_t *out)
{
	bool neg = false;
	if (*i < len && (s[*i] == '+' || s[*i] == '-')) neg = s[(*i)++] == '-';
	if (*i >= len || !is_digit(s[*i])) return false;
	int64_t v = 0;
	while (*i < len && is_digit(s[*i])) {
		if (v <= SEG_DATE_MAX) v = v * 10 + (s[*i] - '0'); /* saturates far below INT64_MAX */
		(*i)++;
	}
	if (neg) v = -v;
	if (!seg_ts_valid(v)) return false;
	*out = v;
	return true;
}

/* "Z", "+HH", "+HHMM", "+HH:MM" (or '-'); seconds east of UTC. */
static bool take_zone(const char *s, size_t len, size_t *i, int32_t *out)
{
	if (*i < len && s[*i] == 'Z') {
		(*i)++;
		*out = 0;
		return true;
	}
	if (*i >= len || (s[*i] != '+' && s[*i] != '-')) return false;
	int sign = s[(*i)++] == '-' ? -1 : 1, oh, om = 0;
	if (!take_exact(s, len, i, 2, &oh)) return false;
	if (*i < len && s[*i] == ':') {
		(*i)++;
		if (!take_exact(s, len, i, 2, &om)) return false;
	} else if (*i + 1 < len && is_digit(s[*i]) && is_digit(s[*i + 1])) {
		take_exact(s, len, i, 2, &om);
	}
	if (oh > 18 || om > 59) return false;
	*out = sign * (oh * 3600 + om * 60);
	return true;
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static bool fmt_error(seg_error *err, size_t col, const char *fmt, ...)
{
	if (err) {
		char msg[sizeof err->message];
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(msg, sizeof msg, fmt, ap);
		va_end(ap);
		seg_error_clear(err);
		seg_error_set(err, SEG_E_ARGUMENT, "%s", msg);
		err->column = (uint32_t)col;
	}
	return false;
}

static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/*
 * The walk.  s == NULL: validate the format only (err may be set).
 * Otherwise returns true and fills *secs and *zoned when s matches completely.
 */
static bool run(const char *f, size_t flen, const char *s, size_t len, int64_t *secs, bool *zoned, seg_error *err)
{
	int y = 1970, mo = 1, d = 1, h = 0, mi = 0, se = 0;
	int64_t unix_ts = 0;
	int32_t off = 0;
	unsigned seen = 0;
	size_t i = 0;
	const bool parse = s != NULL;

	for (size_t k = 0; k < flen; k++) {
		char c = f[k];
		unsigned flag = 0;
		bool ok = true;
		switch (c) {
		case 'Y':
			flag = F_YEAR;
			if (parse) ok = take_exact(s, len, &i, 4, &y);
			break;
		case 'y':
			flag = F_YEAR;
			if (parse && (ok = take_exact(s, len, &i, 2, &y))) y += y < 70 ? 2000 : 1900;
			break;
		case 'm':
			flag = F_MONTH;
			if (parse) ok = take_exact(s, len, &i, 2, &mo);
			break;
		case 'n':
			flag = F_MONTH;
			if (parse) ok = take_1or2(s, len, &i, &mo);
			break;
		case 'd':
			flag = F_DAY;
			if (parse) ok = take_exact(s, len, &i, 2, &d);
			break;
		case 'j':
			flag = F_DAY;
			if (parse) ok = take_1or2(s, len, &i, &d);
			break;
		case 'H':
			flag = F_HOUR;
			if (parse) ok = take_exact(s, len, &i, 2, &h);
			break;
		case 'G':
			flag = F_HOUR;
			if (parse) ok = take_1or2(s, len, &i, &h);
			break;
		case 'i':
			flag = F_MIN;
			if (parse) ok = take_exact(s, len, &i, 2, &mi);
			break;
		case 's':
			flag = F_SEC;
			if (parse) ok = take_exact(s, len, &i, 2, &se);
			break;
		case 'v': {
			int ms;
			flag = F_FRAC;
			if (parse) ok = take_exact(s, len, &i, 3, &ms);
			break;
		}
		case 'u':
			flag = F_FRAC;
			if (parse) {
				size_t i0 = i;
				while (i < len && i - i0 < 6 && is_digit(s[i])) i++;
				ok = i > i0;
			}
			break;
		case 'U':
			flag = F_UNIX;
			if (parse) ok = take_unix(s, len, &i, &unix_ts);
			break;
		case 'O':
		case 'P':
		case 'p':
			flag = F_ZONE;
			if (parse) ok = take_zone(s, len, &i, &off);
			break;
		case '!':
		case '|':
			continue;
		case '\\':
			if (++k == flen) return fmt_error(err, k, "the date format ends with a lone backslash");
			if (parse) ok = i < len && s[i++] == f[k];
			break;
		default:
			if (is_alpha(c))
				return fmt_error(err, k + 1,
					"the date format letter '%c' is not supported (use Y y m n d j H G i s v u U O P p, "
					"or \\%c for a literal %c)", c, c, c);
			if (parse) ok = i < len && s[i++] == c;
			break;
		}
		if (flag) {
			if (seen & flag) return fmt_error(err, k + 1, "the date format names a field twice ('%c')", c);
			seen |= flag;
		}
		if (!ok) return false;
	}
	if (seen & F_UNIX) {
		if (seen & ~(F_UNIX | F_FRAC))
			return fmt_error(err, 0, "U (Unix timestamp) cannot be combined with other date, time or zone fields");
	} else if ((seen & (F_YEAR | F_MONTH | F_DAY)) != (F_YEAR | F_MONTH | F_DAY)) {
		const char *what = !(seen & F_YEAR) ? "year (Y or y)" : !(seen & F_MONTH) ? "month (m or n)" : "day (d or j)";
		return fmt_error(err, 0, "the date format has no %s", what);
	}
	if (!parse) return true;
	if (i != len) return false;
	if (seen & F_UNIX) {
		*secs = unix_ts;
		*zoned = true;
		return true;
	}
	if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || se > 59) return false;
	*secs = seg_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + se - off;
	*zoned = (seen & F_ZONE) != 0;
	return true;
}

static bool parse_auto(const char *s, size_t len, int64_t *secs, bool *zoned)
{
	if (seg_str_to_local(s, len, secs, zoned)) return true;
	size_t i = 0;
	while (i < len && is_ws(s[i])) i++;
	while (len > i && is_ws(s[len - 1])) len--;
	int64_t ts;
	if (i == len || !take_unix(s, len, &i, &ts) || i != len) return false;
	*secs = ts;
	*zoned = true;
	return true;
}

bool seg_datefmt_parse(const char *format, size_t flen, const char *s, size_t len, int64_t *secs, bool *zoned)
{
	if (!format || (!s && len)) return false;
	if (!s) s = "";
	/* Fast path: "Y-m-d H:i:s", the MySQL/ISO export form. */
	if (flen == 11 && memcmp(format, "Y-m-d H:i:s", 11) == 0) {
		if (len != 19) return false;
		static const char pat[] = "dddd-dd-dd dd:dd:dd";
		for (int k = 0; k < 19; k++)
			if (pat[k] == 'd' ? !is_digit(s[k]) : s[k] != pat[k]) return false;
		int y = d2(s) * 100 + d2(s + 2), mo = d2(s + 5), d = d2(s + 8);
		int h = d2(s + 11), mi = d2(s + 14), se = d2(s + 17);
		if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || se > 59) return false;
		*secs = seg_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + se;
		*zoned = false;
		return true;
	}
	if (flen == 4 && memcmp(format, "auto", 4) == 0) return parse_auto(s, len, secs, zoned);
	return run(format, flen, s, len, secs, zoned, NULL);
}

seg_status seg_datefmt_check(const char *format, size_t flen, seg_error *err)
{
	if (err) seg_error_clear(err);
	if (!format) return seg_error_set(err, SEG_E_ARGUMENT, "no date format given");
	if (flen == 4 && memcmp(format, "auto", 4) == 0) return SEG_OK;
	int64_t secs;
	bool zoned;
	if (!run(format, flen, NULL, 0, &secs, &zoned, err)) return err ? err->status : SEG_E_ARGUMENT;
	return SEG_OK;
}
