/*
 * segment_csv.c - order lines from a CSV file into Segment\Profiles.
 *
 * The file is streamed through the core's reader (src/seg_csv.c): one record
 * at a time, nothing kept but the profiles, so a file larger than memory
 * works.  Every error names the file, the line and the column.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include "php.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"

#include "php_segment.h"
#include "seg_csv.h"
#include "seg_datefmt.h"

static bool find_column(seg_csv *csv, const char *file, zend_string *name, ptrdiff_t *out)
{
	*out = -1;
	if (!name) return true;
	*out = seg_csv_column(csv, ZSTR_VAL(name), ZSTR_LEN(name));
	if (*out >= 0) return true;
	const seg_str *names;
	size_t n;
	seg_csv_header(csv, &names, &n);
	smart_str list = {0};
	for (size_t i = 0; i < n && i < 20; i++) {
		if (i) smart_str_appends(&list, ", ");
		smart_str_appendl(&list, names[i].s, names[i].len);
	}
	smart_str_0(&list);
	php_segment_throw_data_error(file, 1, ZSTR_VAL(name), "the header has no column named '%s' (columns: %s)",
	                             ZSTR_VAL(name), list.s ? ZSTR_VAL(list.s) : "none");
	smart_str_free(&list);
	return false;
}

/*
 * Lines wait in a batch so that seg_profiles_add_many() can look their
 * customers up together (see src/seg_profile.c): the reader's fields only
 * live until its next record, so their strings are copied here.
 */
#define BATCH_LINES 64
#define BATCH_BYTES 8192

typedef struct line_batch {
	seg_order_line lines[BATCH_LINES];
	zend_long lineno[BATCH_LINES];
	size_t n, used;
	char bytes[BATCH_BYTES];
} line_batch;

static void batch_copy(line_batch *b, seg_str *s)
{
	if (!s->len) return;
	memcpy(b->bytes + b->used, s->s, s->len);
	s->s = b->bytes + b->used;
	b->used += s->len;
}

/* Adds the waiting lines; on failure throws for the failing line. */
static bool batch_flush(php_segment_profiles *self, line_batch *b, const char *file)
{
	size_t done;
	seg_error err;
	seg_status st = seg_profiles_add_many(self->profiles, b->lines, b->n, &done, &err);
	size_t n = b->n;
	b->n = b->used = 0;
	if (st == SEG_OK) return true;
	php_segment_throw_data_error(file, done < n ? b->lineno[done] : 0, NULL, "%s", err.message);
	return false;
}

static bool field_number(const seg_str *f, double *out)
{
	seg_value v;
	if (!seg_str_to_number(f->s, f->len, &v)) return false;
	*out = v.type == SEG_T_INT ? (double)v.u.i : v.u.f;
	return isfinite(*out);
}

void php_segment_profiles_read_csv(php_segment_profiles *self, zend_string *path, php_segment_mapping *m)
{
	const char *file = ZSTR_VAL(path);
	seg_error err;
	bool auto_date = !m->date_format || zend_string_equals_literal(m->date_format, "auto"); /* checked by the caller */
	seg_csv_options o;
	seg_csv_options_init(&o);
	o.delimiter = m->delimiter;
	/* Opened here rather than by path so the reader's messages do not
	 * repeat the file name the DataError already carries. */
	FILE *fp = VCWD_FOPEN(file, "rb");
	if (!fp) {
		php_segment_throw_data_error(file, 0, NULL, "cannot open: %s", strerror(errno));
		return;
	}
	zend_stat_t sb;
	if (zend_fstat(fileno(fp), &sb) == 0 && S_ISREG(sb.st_mode)) m->progress.total = (zend_long)sb.st_size;
	seg_csv *csv;
	if (seg_csv_open_file(fp, &o, &csv, &err) != SEG_OK) {
		php_segment_throw_data_error(file, (zend_long)err.line, NULL, "%s", err.message);
		fclose(fp);
		return;
	}
	const seg_str *names;
	size_t nnames;
	seg_csv_header(csv, &names, &nnames);
	if (nnames == 0) { /* an empty file: no orders, no profiles */
		php_segment_progress_report(&m->progress, 0, (zend_long)seg_csv_offset(csv));
		seg_csv_free(csv);
		fclose(fp);
		return;
	}
	ptrdiff_t ci, oi, di, ai, qi, pi, si;
	if (!find_column(csv, file, m->customer, &ci) || !find_column(csv, file, m->order, &oi) ||
	    !find_column(csv, file, m->date, &di) || !find_column(csv, file, m->amount, &ai) ||
	    !find_column(csv, file, m->quantity, &qi) || !find_column(csv, file, m->price, &pi) ||
	    !find_column(csv, file, m->status, &si)) {
		seg_csv_free(csv);
		fclose(fp);
		return;
	}
	ptrdiff_t need = ci;
	ptrdiff_t all[] = {oi, di, ai, qi, pi, si};
	for (size_t k = 0; k < sizeof all / sizeof all[0]; k++)
		if (all[k] > need) need = all[k];

	line_batch *batch = emalloc(sizeof *batch);
	batch->n = batch->used = 0;
	zend_long records = 0;
	for (;;) {
		const seg_str *f;
		size_t n;
		if (seg_csv_next(csv, &f, &n, &err) != SEG_OK) {
			if (!batch_flush(self, batch, file)) break; /* an earlier line's error comes first */
			char col[32];
			snprintf(col, sizeof col, "%u", err.column);
			php_segment_throw_data_error(file, (zend_long)err.line, err.column ? col : NULL, "%s", err.message);
			break;
		}
		if (n == 0) {
			if (batch_flush(self, batch, file))
				php_segment_progress_report(&m->progress, records, (zend_long)seg_csv_offset(csv));
			break;
		}
		/* Reported before the record is used: the record's fields stay
		 * valid (the callable cannot reach this reader), and an exception
		 * from it stops the reading here. */
		if ((++records & (PHP_SEGMENT_PROGRESS_EVERY - 1)) == 0 &&
		    !php_segment_progress_report(&m->progress, records, (zend_long)seg_csv_offset(csv)))
			break;
		zend_long line = (zend_long)seg_csv_line(csv);
		if ((ptrdiff_t)n <= need) {
			if (!batch_flush(self, batch, file)) break;
			php_segment_throw_data_error(file, line, NULL, "the line has %zu fields, expected at least %td", n, need + 1);
			break;
		}
		seg_order_line l;
		memset(&l, 0, sizeof l);
		l.quantity = NAN;
		l.customer = f[ci];
		if (l.customer.len) {
			if (oi >= 0) l.order = f[oi];
			if (si >= 0) l.status = f[si];
			bool zoned;
			bool ok = auto_date ? seg_datefmt_parse("auto", 4, f[di].s, f[di].len, &l.ts, &zoned)
			                    : seg_datefmt_parse(ZSTR_VAL(m->date_format), ZSTR_LEN(m->date_format), f[di].s,
			                                        f[di].len, &l.ts, &zoned);
			if (!ok) {
				if (!batch_flush(self, batch, file)) break;
				php_segment_throw_data_error(file, line, ZSTR_VAL(m->date), "\"%.*s\" is not a date in the format %s",
				                             (int)(f[di].len > 40 ? 40 : f[di].len), f[di].s,
				                             auto_date ? "auto" : ZSTR_VAL(m->date_format));
				break;
			}
			if (ai >= 0) {
				if (!field_number(&f[ai], &l.amount)) {
					if (!batch_flush(self, batch, file)) break;
					php_segment_throw_data_error(file, line, ZSTR_VAL(m->amount), "\"%.*s\" is not a finite number",
					                             (int)(f[ai].len > 40 ? 40 : f[ai].len), f[ai].s);
					break;
				}
			} else {
				double q, pr;
				if (!field_number(&f[qi], &q)) {
					if (!batch_flush(self, batch, file)) break;
					php_segment_throw_data_error(file, line, ZSTR_VAL(m->quantity), "\"%.*s\" is not a finite number",
					                             (int)(f[qi].len > 40 ? 40 : f[qi].len), f[qi].s);
					break;
				}
				if (!field_number(&f[pi], &pr)) {
					if (!batch_flush(self, batch, file)) break;
					php_segment_throw_data_error(file, line, ZSTR_VAL(m->price), "\"%.*s\" is not a finite number",
					                             (int)(f[pi].len > 40 ? 40 : f[pi].len), f[pi].s);
					break;
				}
				l.quantity = q;
				l.amount = q * pr;
			}
		}
		size_t bytes = l.customer.len + l.order.len + l.status.len;
		if (bytes > BATCH_BYTES - batch->used && !batch_flush(self, batch, file)) break;
		if (bytes > BATCH_BYTES) { /* a huge id: on its own, straight from the reader */
			if (seg_profiles_add(self->profiles, &l, &err) != SEG_OK) {
				php_segment_throw_data_error(file, line, NULL, "%s", err.message);
				break;
			}
			continue;
		}
		batch_copy(batch, &l.customer);
		batch_copy(batch, &l.order);
		batch_copy(batch, &l.status);
		batch->lineno[batch->n] = line;
		batch->lines[batch->n++] = l;
		if (batch->n == BATCH_LINES && !batch_flush(self, batch, file)) break;
	}
	efree(batch);
	seg_csv_free(csv);
	fclose(fp);
}
