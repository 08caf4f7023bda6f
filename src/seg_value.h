/*
 * seg_value.h - the values rules compute with.
 *
 * A seg_value is 16 bytes and never owns memory: strings and list items
 * point into the caller's data (a PHP zend_string, a constant pool, or the
 * per-evaluation arena).  That is what lets evaluation run without
 * allocating: the host converts an attribute once into a borrowed view.
 *
 * Comparison follows PHP 8 where PHP is sane (numeric strings compare as
 * numbers) and is stricter where PHP is surprising: a comparison between
 * values of unrelated types is "incomparable", which makes ==, <, <=, >, >=
 * false and != true.  docs/rules.md has the full table.
 */
#ifndef SEG_VALUE_H
#define SEG_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum seg_type {
	SEG_T_NULL = 0,
	SEG_T_BOOL,
	SEG_T_INT,
	SEG_T_FLOAT,
	SEG_T_STRING,
	SEG_T_DATE, /* u.i holds Unix seconds (UTC) */
	SEG_T_LIST
} seg_type;

typedef struct seg_value {
	uint8_t type;
	uint32_t len; /* bytes of a string, items of a list */
	union {
		bool b;
		int64_t i;
		double f;
		const char *s;
		const struct seg_value *items;
	} u;
} seg_value;

/* Result of seg_value_compare: -1, 0, 1, or incomparable. */
#define SEG_CMP_NONE 2

static inline seg_value seg_null(void) { seg_value v; v.type = SEG_T_NULL; v.len = 0; v.u.i = 0; return v; }
static inline seg_value seg_bool(bool b) { seg_value v; v.type = SEG_T_BOOL; v.len = 0; v.u.i = 0; v.u.b = b; return v; }
static inline seg_value seg_int(int64_t i) { seg_value v; v.type = SEG_T_INT; v.len = 0; v.u.i = i; return v; }
static inline seg_value seg_float(double f) { seg_value v; v.type = SEG_T_FLOAT; v.len = 0; v.u.f = f; return v; }
static inline seg_value seg_date(int64_t ts) { seg_value v; v.type = SEG_T_DATE; v.len = 0; v.u.i = ts; return v; }
static inline seg_value seg_string(const char *s, size_t len)
{
	seg_value v; v.type = SEG_T_STRING; v.len = (uint32_t)len; v.u.s = s; return v;
}
static inline seg_value seg_list(const seg_value *items, size_t n)
{
	seg_value v; v.type = SEG_T_LIST; v.len = (uint32_t)n; v.u.items = items; return v;
}

/* PHP truthiness: null, false, 0, 0.0, "", "0" and the empty list are false. */
static inline bool seg_value_truthy(const seg_value *v)
{
	switch ((seg_type)v->type) {
	case SEG_T_NULL: return false;
	case SEG_T_BOOL: return v->u.b;
	case SEG_T_INT: return v->u.i != 0;
	case SEG_T_FLOAT: return v->u.f != 0.0;
	case SEG_T_STRING: return !(v->len == 0 || (v->len == 1 && v->u.s[0] == '0'));
	case SEG_T_DATE: return true;
	case SEG_T_LIST: return v->len != 0;
	}
	return false;
}

/*
 * Parses a PHP 8 numeric string (optional surrounding whitespace, sign,
 * digits, fraction, exponent; no hex, no trailing garbage).  Returns true
 * and stores an int or float in *out when the whole string is numeric.
 */
bool seg_str_to_number(const char *s, size_t len, seg_value *out);

/*
 * Parses a date: "YYYY-MM-DD", optionally followed by " HH:MM[:SS[.frac]]"
 * (or 'T' as separator) and an optional "Z" / "+HH:MM" / "-HHMM" zone.
 * A string without a zone is local time at tz_offset seconds east of UTC.
 * MySQL's zero date ("0000-00-00 ...") and impossible dates are rejected.
 */
bool seg_str_to_date(const char *s, size_t len, int32_t tz_offset, int64_t *ts_out);

/*
 * The parsing half of seg_str_to_date: *secs is seconds since 1970-01-01
 * 00:00 on the wall clock, and *zoned says whether the string named its zone
 * (then *secs is already UTC).  Lets a caller apply the UTC offset in force
 * at that moment (daylight saving time) instead of one fixed offset.
 */
bool seg_str_to_local(const char *s, size_t len, int64_t *secs, bool *zoned);

/*
 * Numeric view of a value for arithmetic and numeric comparison: int, float,
 * numeric string, date (its timestamp).  Bool, null, lists and other strings
 * are not numbers.
 */
bool seg_value_as_number(const seg_value *v, seg_value *num_out);

/*
 * Date view: a date, a number (Unix timestamp), a numeric string (Unix
 * timestamp) or a date string.
 */
bool seg_value_as_date(const seg_value *v, int32_t tz_offset, int64_t *ts_out);

/* Three-way compare, or SEG_CMP_NONE when the values are not comparable. */
int seg_value_compare(const seg_value *a, const seg_value *b, int32_t tz_offset);

/* Equality as the == operator sees it (lists compare item by item). */
bool seg_value_equals(const seg_value *a, const seg_value *b, int32_t tz_offset);

/*
 * Dates are kept to years 0000..9999: every date computation (days_since,
 * local time fields, differences) then stays far from int64 overflow, and a
 * timestamp outside that range is not a date but a number.
 */
#define SEG_DATE_MIN INT64_C(-62167219200) /* 0000-01-01 00:00:00 UTC */
#define SEG_DATE_MAX INT64_C(253402300799) /* 9999-12-31 23:59:59 UTC */
static inline bool seg_ts_valid(int64_t ts) { return ts >= SEG_DATE_MIN && ts <= SEG_DATE_MAX; }

/* Human-readable name of a type ("string", "list", ...). */
const char *seg_type_name(seg_type t);

/* The day (since 1970-01-01) a timestamp falls on: a division rounded
 * down, not toward zero, so seconds before 1970 are in the day before. */
static inline int64_t seg_floor_day(int64_t t) { return t / 86400 - (t % 86400 < 0); }

/* Days since 1970-01-01 of a proleptic Gregorian civil date, and back. */
int64_t seg_days_from_civil(int64_t y, unsigned m, unsigned d);
void seg_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);

#endif
