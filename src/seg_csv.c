/*
 * seg_csv.c - streaming RFC 4180 CSV reader (see seg_csv.h).
 *
 * The buffer holds buf[pos..end): the unread input.  A record is parsed
 * only when it lies completely in the buffer; when the parser reaches the
 * end of the buffer first it gives up ("more"), the unread bytes move to
 * the front, the buffer is refilled (grown when the record alone fills it)
 * and the record is parsed again from its start.  So field pointers always
 * point into one stable buffer, and nothing is modified until the record is
 * known complete: only then are quoted fields unescaped in place.
 *
 * Fast path: a record whose first line holds no quote character is one
 * memchr for the line end, one for a quote, and one per delimiter.
 * Anything with quotes goes through the byte-exact slow path.
 */
#include "seg_csv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct seg_csv {
	/* source: exactly one of fp and mem */
	FILE *fp;
	bool own_fp;
	const char *mem;
	size_t mem_len, mem_pos;
	char *path; /* for messages; NULL unless opened by path */

	char delim, quote;
	bool header;
	size_t max_record;

	char *buf;
	size_t cap, pos, end;
	bool eof;     /* the source has nothing more */
	bool started; /* the BOM check is done */
	bool at_end;  /* seg_csv_next has returned the end */
	size_t open_quote; /* when the last parse ran out of data inside a quoted
	                      field: 1 + offset of its quote from pos, else 0 */

	uint64_t nread;    /* bytes taken from the source so far */
	uint64_t line;     /* physical line of buf[pos] */
	uint64_t rec_line; /* line where the current record starts */

	seg_str *fields;
	uint8_t *esc; /* per field: quoted and holds doubled quotes */
	size_t fcap;

	seg_str *hdr;
	size_t nhdr;
	char *hdr_data;

	seg_status failed; /* sticky: SEG_OK while fine */
	seg_error error;
};

enum { P_OK, P_MORE, P_END, P_ERR };

void seg_csv_options_init(seg_csv_options *o)
{
	if (!o) return;
	o->delimiter = ',';
	o->quote = '"';
	o->header = true;
	o->max_record = SEG_CSV_DEFAULT_MAX_RECORD;
	o->buffer_size = SEG_CSV_DEFAULT_BUFFER;
}

/* ---- errors ----------------------------------------------------------- */

/* Message: "<what>[ in <path>][: <detail>]". */
static void fail_at(seg_csv *c, seg_status st, uint64_t line, uint32_t column, const char *what, const char *detail)
{
	seg_error_clear(&c->error);
	seg_error_set(&c->error, st, "%s%s%s%s%s", what, c->path ? " in " : "", c->path ? c->path : "",
		detail ? ": " : "", detail ? detail : "");
	c->error.line = line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
	c->error.column = column;
	c->failed = st;
}

/* Line and column (UTF-8 characters) of `at` within the record at rec. */
static void position(const seg_csv *c, const char *rec, const char *at, uint64_t *line, uint32_t *column)
{
	uint64_t l = c->rec_line;
	const char *ls = rec;
	for (const char *q = rec; q < at; q++)
		if (*q == '\n') l++, ls = q + 1;
	uint32_t col = 1;
	for (const char *q = ls; q < at && col < UINT32_MAX; q++)
		if (((unsigned char)*q & 0xC0) != 0x80) col++;
	*line = l;
	*column = col;
}

static int syntax_at(seg_csv *c, const char *rec, const char *at, const char *what, const char *detail)
{
	uint64_t line;
	uint32_t col;
	position(c, rec, at, &line, &col);
	fail_at(c, SEG_E_SYNTAX, line, col, what, detail);
	return P_ERR;
}

static int too_long(seg_csv *c, const char *rec, const char *quote_at)
{
	char what[64];
	snprintf(what, sizeof what, "record longer than %zu bytes", c->max_record);
	if (quote_at) {
		uint64_t line;
		uint32_t col;
		position(c, rec, quote_at, &line, &col);
		fail_at(c, SEG_E_LIMIT, line, col, what, "the quoted field that starts here is not closed within that limit");
	} else {
		fail_at(c, SEG_E_LIMIT, c->rec_line, 1, what, NULL);
	}
	return P_ERR;
}

/* ---- fields ----------------------------------------------------------- */

static bool grow_fields(seg_csv *c)
{
	size_t n = c->fcap ? c->fcap * 2 : 16;
	seg_str *f = realloc(c->fields, n * sizeof *f);
	if (!f) return false;
	c->fields = f;
	uint8_t *e = realloc(c->esc, n);
	if (!e) return false;
	c->esc = e;
	c->fcap = n;
	return true;
}

#define ADD_FIELD(ptr_, len_, esc_)                                                 \
	do {                                                                            \
		if (n == c->fcap && !grow_fields(c)) {                                      \
			fail_at(c, SEG_E_NOMEM, c->rec_line, 0, "out of memory", NULL);         \
			return P_ERR;                                                           \
		}                                                                           \
		c->fields[n].s = (ptr_);                                                    \
		c->fields[n].len = (size_t)(len_);                                          \
		c->esc[n] = (uint8_t)(esc_);                                                \
		n++;                                                                        \
	} while (0)

/* Undoes doubled quotes in place. */
static size_t unescape(char *s, size_t len, char quote)
{
	char *w = memchr(s, quote, len);
	if (!w) return len;
	const char *r = w, *e = s + len;
	while (r < e) {
		/* r points at the first of two quotes */
		*w++ = *r;
		r += 2;
		const char *q = memchr(r, quote, (size_t)(e - r));
		size_t k = (size_t)((q ? q : e) - r);
		memmove(w, r, k);
		w += k;
		r += k;
	}
	return (size_t)(w - s);
}

/* ---- parsing ---------------------------------------------------------- */

/*
 * Slow path: the record at rec with quotes; the input is rec..e, and eof
 * says whether e is the end of all input.  On P_OK sets *next to the first
 * byte after the record and *nls to the line ends inside quoted fields.
 */
static int parse_quoted(seg_csv *c, char *rec, char *e, bool eof, size_t *nout, char **next, uint64_t *nls)
{
	const char d = c->delim, qc = c->quote;
	size_t n = 0;
	uint64_t lines = 0;
	char *p = rec, *content_end;
	bool any_esc = false;

	for (;;) {
		if (p < e && *p == qc) {
			char *open = p, *q = p + 1;
			bool esc = false;
			for (;;) {
				char *r = memchr(q, qc, (size_t)(e - q));
				if (!r) {
					if (!eof) {
						c->open_quote = (size_t)(open - rec) + 1;
						return P_MORE;
					}
					char detail[64];
					snprintf(detail, sizeof detail, "no closing %c before the end of the input", qc);
					return syntax_at(c, rec, open, "unterminated quoted field", detail);
				}
				for (char *l = memchr(q, '\n', (size_t)(r - q)); l; l = memchr(l + 1, '\n', (size_t)(r - l - 1)))
					lines++;
				if (r + 1 == e && !eof) {
					c->open_quote = (size_t)(open - rec) + 1;
					return P_MORE; /* closing or the first of a doubled quote? */
				}
				if (r + 1 < e && r[1] == qc) {
					esc = true;
					q = r + 2;
					continue;
				}
				q = r + 1;
				break;
			}
			ADD_FIELD(open + 1, q - 1 - (open + 1), esc);
			any_esc |= esc;
			/* q: just after the closing quote */
			if (q == e) {
				content_end = e;
				*next = e;
				break;
			}
			if (*q == d) {
				p = q + 1;
				continue;
			}
			if (*q == '\n') {
				content_end = q;
				*next = q + 1;
				break;
			}
			if (*q == '\r') {
				if (q + 1 == e) {
					if (!eof) return P_MORE;
					content_end = q;
					*next = e;
					break;
				}
				if (q[1] == '\n') {
					content_end = q;
					*next = q + 2;
					break;
				}
			}
			char what[48];
			unsigned char ch = (unsigned char)*q;
			if (ch >= 0x20 && ch < 0x7F)
				snprintf(what, sizeof what, "'%c' after a closing quote", ch);
			else
				snprintf(what, sizeof what, "byte 0x%02X after a closing quote", ch);
			return syntax_at(c, rec, q, what, "expected the delimiter or the end of the line");
		}
		/* unquoted field */
		char *q = p;
		while (q < e && *q != d && *q != '\n' && *q != qc) q++;
		if (q == e) {
			if (!eof) return P_MORE;
			char *fe = e;
			if (fe > p && fe[-1] == '\r') fe--;
			ADD_FIELD(p, fe - p, 0);
			content_end = fe;
			*next = e;
			break;
		}
		if (*q == qc) {
			char what[48];
			snprintf(what, sizeof what, "quote (%c) inside an unquoted field", qc);
			return syntax_at(c, rec, q, what, "quote the whole field and double each quote in it");
		}
		if (*q == d) {
			ADD_FIELD(p, q - p, 0);
			p = q + 1;
			continue;
		}
		char *fe = q;
		if (fe > p && fe[-1] == '\r') fe--;
		ADD_FIELD(p, fe - p, 0);
		content_end = fe;
		*next = q + 1;
		break;
	}
	if ((size_t)(content_end - rec) > c->max_record) return too_long(c, rec, NULL);
	if (any_esc)
		for (size_t k = 0; k < n; k++)
			if (c->esc[k]) c->fields[k].len = unescape((char *)c->fields[k].s, c->fields[k].len, qc);
	*nout = n;
	*nls = lines;
	return P_OK;
}

static int parse_record(seg_csv *c, size_t *nout)
{
	char *const buf = c->buf;
	char *p = buf + c->pos, *e = buf + c->end, *nl, *le;
	bool eof;

	c->open_quote = 0;
	/*
	 * Skip empty lines; find the first line of the record.  The parse looks
	 * at no more than max_record + 2 bytes of a record (its longest
	 * content and CRLF), so the outcome is the same whatever the buffer
	 * size: needing a byte beyond them reports P_MORE, which read_record
	 * turns into "record too long" once it has seen that the byte exists
	 * (so the buffer holds at most max_record + 3 bytes).
	 */
	for (;;) {
		if (p == e) return c->eof ? P_END : P_MORE;
		if ((size_t)(e - p) > c->max_record + 2) {
			e = p + c->max_record + 2;
			eof = false;
		} else {
			e = buf + c->end;
			eof = c->eof;
		}
		nl = memchr(p, '\n', (size_t)(e - p));
		if (nl) {
			le = nl;
		} else if (eof) {
			le = e;
		} else {
			/* An incomplete line: the slow path can still find a syntax
			 * error in what is there (as it would with more data). */
			if (!memchr(p, c->quote, (size_t)(e - p))) return P_MORE;
			c->rec_line = c->line;
			size_t n;
			char *next;
			uint64_t nls;
			int r = parse_quoted(c, p, e, eof, &n, &next, &nls);
			return r == P_OK ? P_MORE : r; /* P_OK needs a line end: cannot happen */
		}
		char *ce = le;
		if (ce > p && ce[-1] == '\r') ce--;
		if (ce != p) {
			le = ce;
			break;
		}
		p = nl ? nl + 1 : e;
		if (nl) c->line++;
		c->pos = (size_t)(p - buf);
		e = buf + c->end;
	}
	c->rec_line = c->line;

	char *next;
	uint64_t nls = 0;
	size_t n = 0;
	if (!memchr(p, c->quote, (size_t)(le - p))) {
		/* Fast path: one line, no quotes. */
		if ((size_t)(le - p) > c->max_record) return too_long(c, p, NULL);
		const char d = c->delim;
		char *f = p;
		for (;;) {
			char *x = memchr(f, d, (size_t)(le - f));
			if (!x) break;
			ADD_FIELD(f, x - f, 0);
			f = x + 1;
		}
		ADD_FIELD(f, le - f, 0);
		next = nl ? nl + 1 : e;
	} else {
		int r = parse_quoted(c, p, e, eof, &n, &next, &nls);
		if (r != P_OK) return r;
	}
	c->pos = (size_t)(next - buf);
	c->line = c->rec_line + nls + 1;
	*nout = n;
	return P_OK;
}

/* ---- input ------------------------------------------------------------ */

/* Moves the unread bytes to the front, grows the buffer when they fill it,
 * and reads more.  Sets c->eof at the end of the input. */
static bool refill(seg_csv *c)
{
	size_t have = c->end - c->pos;
	if (c->pos) {
		memmove(c->buf, c->buf + c->pos, have);
		c->pos = 0;
		c->end = have;
	}
	if (c->end == c->cap) {
		size_t limit = c->max_record + 3, ncap = c->cap * 2;
		if (ncap > limit) ncap = limit;
		if (ncap <= c->cap) ncap = c->cap + 4; /* only while checking the BOM */
		char *nb = realloc(c->buf, ncap);
		if (!nb) {
			fail_at(c, SEG_E_NOMEM, c->line, 0, "out of memory", NULL);
			return false;
		}
		c->buf = nb;
		c->cap = ncap;
	}
	size_t room = c->cap - c->end, got;
	if (c->fp) {
		got = fread(c->buf + c->end, 1, room, c->fp);
		if (got < room && ferror(c->fp)) {
			int e = errno;
			uint64_t line;
			uint32_t col;
			c->rec_line = c->line;
			position(c, c->buf + c->pos, c->buf + c->end, &line, &col);
			fail_at(c, SEG_E_SYNTAX, line, col, "read error", e ? strerror(e) : "unknown error");
			return false;
		}
	} else {
		got = c->mem_len - c->mem_pos;
		if (got > room) got = room;
		if (got) memcpy(c->buf + c->end, c->mem + c->mem_pos, got);
		c->mem_pos += got;
	}
	c->end += got;
	c->nread += got;
	if (got == 0) c->eof = true;
	return true;
}

static seg_status read_record(seg_csv *c, size_t *n)
{
	if (!c->started) {
		while (!c->eof && c->end - c->pos < 3)
			if (!refill(c)) return c->failed;
		if (c->end - c->pos >= 3 && memcmp(c->buf + c->pos, "\xEF\xBB\xBF", 3) == 0) c->pos += 3;
		c->started = true;
	}
	for (;;) {
		switch (parse_record(c, n)) {
		case P_OK:
			return SEG_OK;
		case P_END:
			*n = 0;
			c->at_end = true;
			return SEG_OK;
		case P_ERR:
			return c->failed;
		default: /* P_MORE */
			/* The parse stops at max_record + 2 bytes (a longest record
			 * and CRLF): more input beyond them makes the record too long;
			 * exactly that much needs one more read to tell EOF. */
			if (c->end - c->pos > c->max_record + 2) {
				c->rec_line = c->line;
				too_long(c, c->buf + c->pos, c->open_quote ? c->buf + c->pos + c->open_quote - 1 : NULL);
				return c->failed;
			}
			if (!refill(c)) return c->failed;
			break;
		}
	}
}

/* ---- public ----------------------------------------------------------- */

static seg_status open_common(seg_csv *c, const seg_csv_options *opts, seg_csv **out, seg_error *err)
{
	seg_csv_options o;
	seg_csv_options_init(&o);
	if (opts) {
		if (opts->delimiter) o.delimiter = opts->delimiter;
		if (opts->quote) o.quote = opts->quote;
		o.header = opts->header;
		if (opts->max_record) o.max_record = opts->max_record;
		if (opts->buffer_size) o.buffer_size = opts->buffer_size;
	}
	if (o.delimiter == o.quote || o.delimiter == '\n' || o.delimiter == '\r' || o.quote == '\n' || o.quote == '\r') {
		seg_csv_free(c);
		return seg_error_set(err, SEG_E_ARGUMENT,
			"the CSV delimiter and quote must differ and be neither CR nor LF");
	}
	if (o.max_record > SIZE_MAX / 4) o.max_record = SIZE_MAX / 4;
	if (o.buffer_size < 4) o.buffer_size = 4;
	c->delim = o.delimiter;
	c->quote = o.quote;
	c->header = o.header;
	c->max_record = o.max_record;
	c->line = 1;
	c->cap = o.buffer_size;
	c->buf = malloc(c->cap);
	if (!c->buf) {
		seg_csv_free(c);
		return seg_error_set(err, SEG_E_NOMEM, "out of memory");
	}
	if (c->header) {
		size_t n = 0;
		if (read_record(c, &n) != SEG_OK) {
			if (err) *err = c->error;
			seg_status st = c->failed;
			seg_csv_free(c);
			return st;
		}
		size_t bytes = 0;
		for (size_t k = 0; k < n; k++) bytes += c->fields[k].len;
		c->hdr = malloc((n ? n : 1) * sizeof *c->hdr);
		c->hdr_data = malloc(bytes ? bytes : 1);
		if (!c->hdr || !c->hdr_data) {
			seg_csv_free(c);
			return seg_error_set(err, SEG_E_NOMEM, "out of memory");
		}
		char *w = c->hdr_data;
		for (size_t k = 0; k < n; k++) {
			if (c->fields[k].len) memcpy(w, c->fields[k].s, c->fields[k].len);
			c->hdr[k].s = w;
			c->hdr[k].len = c->fields[k].len;
			w += c->fields[k].len;
		}
		c->nhdr = n;
	}
	*out = c;
	return SEG_OK;
}

seg_status seg_csv_open_file(FILE *fp, const seg_csv_options *opts, seg_csv **out, seg_error *err)
{
	if (err) seg_error_clear(err);
	if (!out) return seg_error_set(err, SEG_E_ARGUMENT, "no output pointer given");
	*out = NULL;
	if (!fp) return seg_error_set(err, SEG_E_ARGUMENT, "no file given");
	seg_csv *c = calloc(1, sizeof *c);
	if (!c) return seg_error_set(err, SEG_E_NOMEM, "out of memory");
	c->fp = fp;
	return open_common(c, opts, out, err);
}

seg_status seg_csv_open_mem(const char *data, size_t len, const seg_csv_options *opts, seg_csv **out, seg_error *err)
{
	if (err) seg_error_clear(err);
	if (!out) return seg_error_set(err, SEG_E_ARGUMENT, "no output pointer given");
	*out = NULL;
	if (!data && len) return seg_error_set(err, SEG_E_ARGUMENT, "no data given");
	seg_csv *c = calloc(1, sizeof *c);
	if (!c) return seg_error_set(err, SEG_E_NOMEM, "out of memory");
	c->mem = data ? data : "";
	c->mem_len = len;
	return open_common(c, opts, out, err);
}

seg_status seg_csv_open_path(const char *path, const seg_csv_options *opts, seg_csv **out, seg_error *err)
{
	if (err) seg_error_clear(err);
	if (!out) return seg_error_set(err, SEG_E_ARGUMENT, "no output pointer given");
	*out = NULL;
	if (!path || !*path) return seg_error_set(err, SEG_E_ARGUMENT, "no CSV file name given");
	seg_csv *c = calloc(1, sizeof *c);
	size_t plen = strlen(path);
	if (!c || !(c->path = malloc(plen + 1))) {
		free(c);
		return seg_error_set(err, SEG_E_NOMEM, "out of memory");
	}
	memcpy(c->path, path, plen + 1);
	errno = 0;
	c->fp = fopen(path, "rb");
	if (!c->fp) {
		int e = errno;
		seg_csv_free(c);
		return seg_error_set(err, SEG_E_ARGUMENT, "cannot open %s: %s", path, e ? strerror(e) : "unknown error");
	}
	c->own_fp = true;
	setvbuf(c->fp, NULL, _IONBF, 0); /* we read big blocks ourselves */
	return open_common(c, opts, out, err);
}

void seg_csv_free(seg_csv *c)
{
	if (!c) return;
	if (c->own_fp && c->fp) fclose(c->fp);
	free(c->path);
	free(c->buf);
	free(c->fields);
	free(c->esc);
	free(c->hdr);
	free(c->hdr_data);
	free(c);
}

seg_status seg_csv_next(seg_csv *c, const seg_str **fields, size_t *nfields, seg_error *err)
{
	if (fields) *fields = NULL;
	if (nfields) *nfields = 0;
	if (err) seg_error_clear(err);
	if (!c || !fields || !nfields) return seg_error_set(err, SEG_E_ARGUMENT, "seg_csv_next: NULL argument");
	if (c->failed) {
		if (err) *err = c->error;
		return c->failed;
	}
	if (c->at_end) return SEG_OK;
	size_t n = 0;
	seg_status st = read_record(c, &n);
	if (st != SEG_OK) {
		if (err) *err = c->error;
		return st;
	}
	if (n) {
		*fields = c->fields;
		*nfields = n;
	}
	return SEG_OK;
}

uint64_t seg_csv_line(const seg_csv *c) { return c ? c->rec_line : 0; }

/* What was read minus what waits in the buffer: exact at record ends,
 * whatever the buffer size. */
uint64_t seg_csv_offset(const seg_csv *c) { return c ? c->nread - (uint64_t)(c->end - c->pos) : 0; }

void seg_csv_header(const seg_csv *c, const seg_str **names, size_t *n)
{
	if (names) *names = c && c->nhdr ? c->hdr : NULL;
	if (n) *n = c ? c->nhdr : 0;
}

static void trim(const char **s, size_t *len, bool bom)
{
	const char *p = *s, *e = p + *len;
	if (bom && e - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
	while (p < e && (*p == ' ' || *p == '\t')) p++;
	while (e > p && (e[-1] == ' ' || e[-1] == '\t')) e--;
	*s = p;
	*len = (size_t)(e - p);
}

ptrdiff_t seg_csv_column(const seg_csv *c, const char *name, size_t len)
{
	if (!c || (!name && len)) return -1;
	for (size_t k = 0; k < c->nhdr; k++)
		if (c->hdr[k].len == len && (len == 0 || memcmp(c->hdr[k].s, name, len) == 0)) return (ptrdiff_t)k;
	const char *want = name;
	size_t wlen = len;
	trim(&want, &wlen, false);
	for (size_t k = 0; k < c->nhdr; k++) {
		const char *h = c->hdr[k].s;
		size_t hlen = c->hdr[k].len;
		trim(&h, &hlen, k == 0);
		if (hlen == wlen && (wlen == 0 || memcmp(h, want, wlen) == 0)) return (ptrdiff_t)k;
	}
	return -1;
}
