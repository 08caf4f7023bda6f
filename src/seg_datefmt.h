/*
 * seg_datefmt.h - dates in a caller-chosen format, PHP
 * DateTime::createFromFormat() style, for columns of imported files.
 *
 * A format is a byte string (not NUL-terminated).  Letters:
 *
 *   Y   year, exactly 4 digits (0000..9999)
 *   y   year, exactly 2 digits: 70..99 -> 1970..1999, 00..69 -> 2000..2069
 *   m   month, exactly 2 digits (01..12)      n   month, 1 or 2 digits (1..12)
 *   d   day, exactly 2 digits (01..31)        j   day, 1 or 2 digits (1..31)
 *   H   hour, exactly 2 digits (00..23)       G   hour, 1 or 2 digits (0..23)
 *   i   minute, exactly 2 digits (00..59)
 *   s   second, exactly 2 digits (00..59)
 *   v   milliseconds, exactly 3 digits        u   fraction, 1 to 6 digits
 *       (both are checked and dropped: the result has whole seconds)
 *   U   Unix timestamp: optional sign and digits, within years 0000..9999
 *       (SEG_DATE_MIN..SEG_DATE_MAX); only literals, v and u may appear
 *       beside it
 *   O P p   UTC offset: "Z", "+HH:MM", "+HHMM" or "+HH" (also '-'; HH <= 18)
 *   ! |     accepted and ignored: fields the format does not name are always
 *           0 (time) - PHP's "current time" default is never used
 *   \       the next format byte is a literal ("Y-m-d\TH:i:s")
 *
 * Every other byte of the format must match itself exactly; other ASCII
 * letters (D, M, A, ...) are not supported and make the format invalid.
 * A format must name the year, month and day (Y or y, m or n, d or j), or be
 * U; no field may appear twice.  The whole string must be consumed: trailing
 * or missing characters fail, and so do impossible dates and times
 * (2023-02-29, month 13, hour 24, minute 60).  The digit counts above are
 * stricter than PHP, which takes 1 or 2 digits for m, d and H too.
 *
 * The format "auto" (exactly those 4 bytes) accepts what seg_str_to_local()
 * accepts ("YYYY-MM-DD[ HH:MM[:SS[.frac]]]", 'T' separator, optional zone,
 * surrounding whitespace) and a plain integer (optional sign and
 * whitespace), taken as a Unix timestamp within SEG_DATE_MIN..SEG_DATE_MAX.
 * So in "auto" mode "20230105" is a timestamp, not 5 January 2023.
 *
 * Common formats: "Y-m-d H:i:s" (ISO / MySQL, has a fast path),
 * "n/j/Y G:i" (US exports, e.g. UCI Online Retail's "12/1/2010 8:26"),
 * "d/m/Y", "Y-m-d\TH:i:sP", "U".
 */
#ifndef SEG_DATEFMT_H
#define SEG_DATEFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "seg_error.h"

/*
 * Parses s (len bytes) with format (flen bytes).  On success returns true,
 * *secs = seconds since 1970-01-01 00:00:00 and *zoned says how to read it:
 * false = on the wall clock (no zone in the string: the caller applies the
 * local UTC offset, see seg_str_to_local()), true = UTC (U, O/P/p, or a zone
 * or an integer under "auto").  Returns false, leaving *secs and *zoned
 * unchanged, when s does not match or the format is invalid
 * (seg_datefmt_check() says why).  Thread-safe, allocates nothing.
 */
bool seg_datefmt_parse(const char *format, size_t flen, const char *s, size_t len, int64_t *secs, bool *zoned);

/*
 * Validates a format once, before parsing many strings with it: SEG_OK, or
 * SEG_E_ARGUMENT with a message naming the problem (unsupported letter,
 * trailing backslash, field given twice, no year / month / day, U mixed with
 * date fields).  err may be NULL.  err->column is the 1-based byte offset
 * of the problem in the format, or 0.
 */
seg_status seg_datefmt_check(const char *format, size_t flen, seg_error *err);

#endif
