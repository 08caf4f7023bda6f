/*
 * fuzz_csv.c - libFuzzer target for seg_csv.h and seg_datefmt.h.
 *
 * Input: byte 0 picks the options, the rest is the CSV text.
 *   bits 0-1  delimiter: ',' ';' '\t' '|'
 *   bit  2    header
 *   bits 3-5  tiny buffer size for the second read: 4..11 bytes
 *   bit  6    max_record 24 instead of the default 1 MiB
 *   bit  7    the second read goes through a FILE * (fmemopen)
 *
 * The target reads the text twice - from memory with the default buffer,
 * and with the tiny buffer - and compares both with a byte-at-a-time
 * reference reader written from the rules in seg_csv.h: same records, same
 * fields, same line numbers (strictly increasing), same final status and
 * error position.  It checks the header and seg_csv_column, and
 * seg_csv_offset: strictly increasing per record, never past the input, the
 * input's length at the end, and the same after each record whatever the
 * buffer size and source.
 *
 * Dates: the first field of the first record is used as a date format for
 * every field (and a few fixed formats too).  Checks: parse fails whenever
 * seg_datefmt_check rejects the format; results stay in range; a parsed
 * date printed back with the same format parses to the same value; the
 * "Y-m-d H:i:s" fast path agrees with the general walk; "auto" agrees with
 * seg_str_to_local.
 */
#define _GNU_SOURCE /* fmemopen */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seg_csv.h"
#include "seg_datefmt.h"
#include "seg_value.h"

#define CHECK(cond)                                                              \
	do {                                                                         \
		if (!(cond)) {                                                           \
			fprintf(stderr, "fuzz_csv: invariant failed at %s:%d: %s\n",        \
			        __FILE__, __LINE__, #cond);                                  \
			abort();                                                             \
		}                                                                        \
	} while (0)

/* ---- reference reader ------------------------------------------------- */

typedef struct ref_field {
	size_t off, len; /* into ref.text */
} ref_field;

typedef struct ref_record {
	uint64_t line;
	size_t first, n; /* into ref.fields */
} ref_record;

typedef struct ref {
	char *text;
	size_t tlen;
	ref_field *fields;
	size_t nfields;
	ref_record *recs;
	size_t nrecs;
	seg_status status;
	uint64_t eline;
	uint32_t ecol;
} ref;

static uint32_t ref_column(const unsigned char *d, size_t line_start, size_t at)
{
	uint32_t col = 1;
	for (size_t k = line_start; k < at; k++)
		if ((d[k] & 0xC0) != 0x80) col++;
	return col;
}

/* Reads the whole input; byte by byte, no buffers, no fast paths. */
static void ref_read(const unsigned char *d, size_t n, char delim, char quote, size_t max_record, ref *r)
{
	memset(r, 0, sizeof *r);
	r->text = malloc(n + 1);
	r->fields = malloc((2 * n + 2) * sizeof *r->fields);
	r->recs = malloc((n + 1) * sizeof *r->recs);
	CHECK(r->text && r->fields && r->recs);
	size_t pos = 0, line_start = 0;
	uint64_t line = 1;
	if (n >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF) pos = line_start = 3;

	for (;;) {
		/* empty lines */
		if (pos == n) return;
		if (d[pos] == '\n') {
			pos++, line++, line_start = pos;
			continue;
		}
		if (d[pos] == '\r' && (pos + 1 == n || d[pos + 1] == '\n')) {
			if (pos + 1 == n) return;
			pos += 2, line++, line_start = pos;
			continue;
		}
		/* a record */
		size_t rec_start = pos, lim = rec_start + max_record + 2;
		uint64_t rec_line = line;
		ref_record *rec = &r->recs[r->nrecs];
		rec->line = rec_line;
		rec->first = r->nfields;
		rec->n = 0;
		size_t content_end = 0;
#define REF_LIMIT(open_at)                                                                 \
	do {                                                                                   \
		r->status = SEG_E_LIMIT;                                                           \
		if ((open_at) != SIZE_MAX) {                                                       \
			r->eline = open_line;                                                          \
			r->ecol = ref_column(d, open_line_start, (open_at));                           \
		} else {                                                                           \
			r->eline = rec_line;                                                           \
			r->ecol = 1;                                                                   \
		}                                                                                  \
		return;                                                                            \
	} while (0)
#define REF_SYNTAX(at)                                                                     \
	do {                                                                                   \
		r->status = SEG_E_SYNTAX;                                                          \
		r->eline = line;                                                                   \
		r->ecol = ref_column(d, line_start, (at));                                         \
		return;                                                                            \
	} while (0)
		uint64_t open_line = 0;
		size_t open_line_start = 0;
		for (;;) {
			ref_field *f = &r->fields[r->nfields++];
			f->off = r->tlen;
			f->len = 0;
			rec->n++;
			if (pos < n && pos >= lim) REF_LIMIT(SIZE_MAX);
			if (pos < n && d[pos] == (unsigned char)quote) {
				size_t open = pos;
				open_line = line;
				open_line_start = line_start;
				pos++;
				for (;;) {
					if (pos == n) { /* unterminated: reported at its quote */
						line = open_line;
						line_start = open_line_start;
						REF_SYNTAX(open);
					}
					if (pos >= lim) REF_LIMIT(open);
					unsigned char c = d[pos];
					if (c == (unsigned char)quote) {
						if (pos + 1 < n && pos + 1 >= lim) REF_LIMIT(open);
						if (pos + 1 < n && d[pos + 1] == (unsigned char)quote) {
							r->text[r->tlen++] = (char)c;
							pos += 2;
							continue;
						}
						pos++;
						break;
					}
					r->text[r->tlen++] = (char)c;
					pos++;
					if (c == '\n') line++, line_start = pos;
				}
				f->len = r->tlen - f->off;
				/* after the closing quote */
				if (pos == n) {
					content_end = n;
					break;
				}
				if (pos >= lim) REF_LIMIT(SIZE_MAX);
				unsigned char c = d[pos];
				if (c == (unsigned char)delim) {
					pos++;
					continue;
				}
				if (c == '\n') {
					content_end = pos;
					pos++;
					break;
				}
				if (c == '\r') {
					if (pos + 1 == n) {
						content_end = pos;
						pos++;
						break;
					}
					if (pos + 1 >= lim) REF_LIMIT(SIZE_MAX);
					if (d[pos + 1] == '\n') {
						content_end = pos;
						pos += 2;
						break;
					}
				}
				REF_SYNTAX(pos);
			}
			/* unquoted */
			bool end_rec = false;
			for (;;) {
				if (pos < n && pos >= lim) REF_LIMIT(SIZE_MAX);
				unsigned char c = pos < n ? d[pos] : '\n';
				if (pos < n && c == (unsigned char)delim) {
					pos++;
					break;
				}
				if (c == '\n') { /* or the end of the input */
					bool cr = f->len && r->text[r->tlen - 1] == '\r';
					if (cr) r->tlen--, f->len--;
					content_end = pos - cr;
					if (pos < n) pos++;
					end_rec = true;
					break;
				}
				if (c == (unsigned char)quote) REF_SYNTAX(pos);
				r->text[r->tlen++] = (char)c;
				f->len++;
				pos++;
			}
			if (end_rec) break;
		}
		if (content_end - rec_start > max_record) {
			r->status = SEG_E_LIMIT;
			r->eline = rec_line;
			r->ecol = 1;
			return;
		}
		r->nrecs++;
		line++, line_start = pos;
	}
}

static void ref_free(ref *r)
{
	free(r->text);
	free(r->fields);
	free(r->recs);
}

/* ---- dates -------------------------------------------------------------- */

static const char *const FIXED_FORMATS[] = {"auto", "Y-m-d H:i:s", "n/j/Y G:i", "U", "d/m/y H:i:s.uP", "Ymd"};

/* Prints secs with format (which parsed something); returns the length,
 * or 0 when the format cannot be printed back. */
static size_t fmt_print(const char *f, size_t flen, int64_t secs, char *out, size_t cap)
{
	int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
	int64_t sod = secs - days * 86400, y;
	unsigned m, d;
	seg_civil_from_days(days, &y, &m, &d);
	int h = (int)(sod / 3600), mi = (int)(sod / 60 % 60), s = (int)(sod % 60);
	size_t o = 0;
	for (size_t k = 0; k < flen; k++) {
		char tmp[32];
		int w;
		switch (f[k]) {
		case 'Y': w = snprintf(tmp, sizeof tmp, "%04lld", (long long)y); break;
		case 'y': w = snprintf(tmp, sizeof tmp, "%02d", (int)(y % 100)); break;
		case 'm': w = snprintf(tmp, sizeof tmp, "%02u", m); break;
		case 'n': w = snprintf(tmp, sizeof tmp, "%u", m); break;
		case 'd': w = snprintf(tmp, sizeof tmp, "%02u", d); break;
		case 'j': w = snprintf(tmp, sizeof tmp, "%u", d); break;
		case 'H': w = snprintf(tmp, sizeof tmp, "%02d", h); break;
		case 'G': w = snprintf(tmp, sizeof tmp, "%d", h); break;
		case 'i': w = snprintf(tmp, sizeof tmp, "%02d", mi); break;
		case 's': w = snprintf(tmp, sizeof tmp, "%02d", s); break;
		case 'v': w = snprintf(tmp, sizeof tmp, "000"); break;
		case 'u': w = snprintf(tmp, sizeof tmp, "0"); break;
		case 'U': w = snprintf(tmp, sizeof tmp, "%lld", (long long)secs); break;
		case 'O': case 'P': case 'p': w = snprintf(tmp, sizeof tmp, "+00:00"); break;
		case '!': case '|': w = 0; break;
		case '\\': k++; /* fall through */
		default: tmp[0] = f[k]; w = 1; break;
		}
		if (o + (size_t)w > cap) return 0;
		memcpy(out + o, tmp, (size_t)w);
		o += (size_t)w;
	}
	return o;
}

/* A greedy 1-2 digit field (n j G) printed without a leading zero can
 * run into a following literal digit: "nj" prints 1/12 as "112", which
 * parses as 11/2.  Round trips are checked only without such neighbours. */
static bool printable_unambiguously(const char *f, size_t flen)
{
	for (size_t k = 0; k < flen; k++) {
		if (f[k] == '\\') {
			k++;
			continue;
		}
		if (f[k] == 'n' || f[k] == 'j' || f[k] == 'G' || f[k] == 'U' || f[k] == 'u') {
			size_t nk = k + 1;
			while (nk < flen && (f[nk] == '!' || f[nk] == '|')) nk++; /* no-ops */
			if (nk == flen) continue;
			bool escaped = f[nk] == '\\' && nk + 1 < flen;
			char c = escaped ? f[nk + 1] : f[nk];
			bool digitish = (c >= '0' && c <= '9') || (!escaped && strchr("YymndjHGisvuUOPp", c));
			if (digitish) return false;
		}
	}
	return true;
}

static void check_date(const char *f, size_t flen, const char *s, size_t len)
{
	int64_t secs = 0;
	bool zoned = false;
	bool ok = seg_datefmt_parse(f, flen, s, len, &secs, &zoned);
	bool valid = seg_datefmt_check(f, flen, NULL) == SEG_OK;
	if (!valid) CHECK(!ok);
	if (!ok) return;
	bool is_auto = flen == 4 && memcmp(f, "auto", 4) == 0;
	if (zoned || is_auto) /* auto: seg_str_to_local's leap second reaches 10000-01-01 */
		CHECK(secs >= SEG_DATE_MIN - 86400 && secs <= SEG_DATE_MAX + 86400);
	else
		CHECK(seg_ts_valid(secs));
	if (!is_auto && printable_unambiguously(f, flen)) {
		char back[4200];
		size_t blen = fmt_print(f, flen, secs, back, sizeof back);
		if (blen) {
			int64_t secs2 = 0;
			bool zoned2 = false;
			CHECK(seg_datefmt_parse(f, flen, back, blen, &secs2, &zoned2));
			CHECK(secs2 == secs && zoned2 == zoned);
		}
	}
}

static void check_dates(const char *fmt, size_t flen, const char *s, size_t len)
{
	check_date(fmt, flen, s, len);
	for (size_t k = 0; k < sizeof FIXED_FORMATS / sizeof *FIXED_FORMATS; k++)
		check_date(FIXED_FORMATS[k], strlen(FIXED_FORMATS[k]), s, len);
	/* fast path == general walk */
	int64_t a = 1, b = 2;
	bool za = true, zb = true;
	bool oa = seg_datefmt_parse("Y-m-d H:i:s", 11, s, len, &a, &za);
	bool ob = seg_datefmt_parse("Y-m-d\\ H:i:s", 12, s, len, &b, &zb);
	CHECK(oa == ob);
	if (oa) CHECK(a == b && !za && !zb);
	/* auto accepts what seg_str_to_local accepts, with the same result */
	if (seg_str_to_local(s, len, &a, &za)) {
		CHECK(seg_datefmt_parse("auto", 4, s, len, &b, &zb));
		CHECK(a == b && za == zb);
	}
}

/* ---- the target ----------------------------------------------------------- */

/* Reads everything from csv and compares with the reference. */
static void compare(seg_csv *csv, const ref *r, bool header, const char *fmt, size_t flen, bool dates, size_t total,
                    uint64_t *offs, bool fill)
{
	size_t k = 0;
	uint64_t last_off = 0;
	/* offs[k]: the offset after record k (the header is record 0); the first
	 * pass fills it, the second must find the same. */
#define CHECK_OFFSET(k_)                                                         \
	do {                                                                         \
		uint64_t o_ = seg_csv_offset(csv);                                       \
		CHECK(o_ <= total && (o_ > last_off || (k_) == 0));                      \
		if (fill) offs[k_] = o_;                                                 \
		else CHECK(offs[k_] == o_);                                              \
		last_off = o_;                                                           \
	} while (0)
	if (header) {
		const seg_str *h;
		size_t nh;
		seg_csv_header(csv, &h, &nh);
		if (r->nrecs == 0) {
			CHECK(nh == 0 && h == NULL);
		} else {
			const ref_record *rec = &r->recs[0];
			CHECK(nh == rec->n);
			for (size_t i = 0; i < nh; i++) {
				const ref_field *f = &r->fields[rec->first + i];
				CHECK(h[i].len == f->len && (f->len == 0 || memcmp(h[i].s, r->text + f->off, f->len) == 0));
				ptrdiff_t col = seg_csv_column(csv, h[i].s, h[i].len);
				CHECK(col >= 0 && (size_t)col <= i);
				CHECK(h[col].len == h[i].len && (h[i].len == 0 || memcmp(h[col].s, h[i].s, h[i].len) == 0));
			}
			CHECK(seg_csv_line(csv) == rec->line);
			CHECK_OFFSET(0);
			k = 1;
		}
	}
	uint64_t last_line = header && r->nrecs ? r->recs[0].line : 0;
	const seg_str *f;
	size_t n;
	seg_error err;
	for (;; k++) {
		seg_status st = seg_csv_next(csv, &f, &n, &err);
		if (st != SEG_OK) {
			CHECK(k == r->nrecs && st == r->status);
			CHECK(err.status == st && err.line == r->eline && err.column == r->ecol);
			CHECK(f == NULL && n == 0);
			/* sticky */
			seg_error again;
			CHECK(seg_csv_next(csv, &f, &n, &again) == st && again.line == err.line && again.column == err.column);
			return;
		}
		if (n == 0) {
			CHECK(f == NULL);
			CHECK(k == r->nrecs && r->status == SEG_OK);
			CHECK(seg_csv_offset(csv) == total);
			CHECK(seg_csv_next(csv, &f, &n, &err) == SEG_OK && n == 0);
			return;
		}
		CHECK(k < r->nrecs);
		const ref_record *rec = &r->recs[k];
		uint64_t line = seg_csv_line(csv);
		CHECK(line == rec->line && line > last_line);
		last_line = line;
		CHECK(n == rec->n);
		CHECK_OFFSET(k);
		for (size_t i = 0; i < n; i++) {
			const ref_field *rf = &r->fields[rec->first + i];
			CHECK(f[i].len == rf->len);
			CHECK(f[i].len == 0 || memcmp(f[i].s, r->text + rf->off, rf->len) == 0);
			if (dates) check_dates(fmt, flen, f[i].s, f[i].len);
		}
	}
#undef CHECK_OFFSET
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1) return 0;
	uint8_t opt = data[0];
	const char *text = (const char *)data + 1;
	size_t len = size - 1;

	static const char DELIMS[] = {',', ';', '\t', '|'};
	seg_csv_options o;
	seg_csv_options_init(&o);
	o.delimiter = DELIMS[opt & 3];
	o.header = (opt >> 2) & 1;
	if ((opt >> 6) & 1) o.max_record = 24;

	ref r;
	ref_read((const unsigned char *)text, len, o.delimiter, o.quote, o.max_record, &r);

	/* the date format: the first field of the first record */
	char fmt[256] = "Y-m-d";
	size_t flen = 5;
	if (r.nrecs && r.recs[0].n) {
		const ref_field *f0 = &r.fields[r.recs[0].first];
		flen = f0->len < sizeof fmt ? f0->len : sizeof fmt;
		memcpy(fmt, r.text + f0->off, flen);
	}

	/* offsets after each record, from the first read, for the second */
	uint64_t *offs = calloc(r.nrecs + 1, sizeof *offs);
	CHECK(offs != NULL);
	bool filled = false;

	/* 1: memory, default buffer (and the dates) */
	seg_csv *csv = NULL;
	seg_error err;
	seg_status st = seg_csv_open_mem(text, len, &o, &csv, &err);
	if (o.header && r.status != SEG_OK && r.nrecs == 0) {
		CHECK(st == r.status && csv == NULL && err.line == r.eline && err.column == r.ecol);
	} else {
		CHECK(st == SEG_OK && csv != NULL);
		compare(csv, &r, o.header, fmt, flen, true, len, offs, true);
		filled = true;
		seg_csv_free(csv);
	}

	/* 2: tiny buffer, from memory or a FILE * */
	o.buffer_size = 4 + ((opt >> 3) & 7);
	FILE *fp = NULL;
	if ((opt >> 7) & 1 && len > 0) {
		fp = fmemopen((void *)text, len, "rb");
		CHECK(fp != NULL);
		st = seg_csv_open_file(fp, &o, &csv, &err);
	} else {
		st = seg_csv_open_mem(text, len, &o, &csv, &err);
	}
	if (o.header && r.status != SEG_OK && r.nrecs == 0) {
		CHECK(st == r.status && csv == NULL && err.line == r.eline && err.column == r.ecol);
	} else {
		CHECK(st == SEG_OK && csv != NULL);
		compare(csv, &r, o.header, fmt, flen, false, len, offs, !filled);
		seg_csv_free(csv);
	}
	if (fp) fclose(fp);
	free(offs);

	/* the date format against the raw input too */
	check_date(fmt, flen, text, len);
	ref_free(&r);
	return 0;
}
