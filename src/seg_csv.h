/*
 * seg_csv.h - a streaming RFC 4180 CSV reader for order exports.
 *
 * Reads a file path, a FILE * or a memory buffer through one fixed-size
 * buffer, so a 500 MB export needs no more memory than its longest record.
 * The buffer grows only for a record longer than itself, up to
 * max_record + 3 bytes (its line end and one byte to see what follows); a
 * longer record is an error.
 *
 *   seg_csv *csv;
 *   seg_error err;
 *   if (seg_csv_open_path("orders.csv", NULL, &csv, &err) != SEG_OK) ...
 *   ptrdiff_t qty = seg_csv_column(csv, "Quantity", 8);
 *   const seg_str *f;
 *   size_t n;
 *   while (seg_csv_next(csv, &f, &n, &err) == SEG_OK && n > 0) ...
 *   seg_csv_free(csv);
 *
 * Format (RFC 4180 with the usual relaxations):
 *   - records end with LF or CRLF; a missing final line end is fine;
 *   - a CR that is not followed by LF is data (old Mac CR-only files are
 *     one long record);
 *   - a field is quoted when it starts with the quote character; inside it
 *     the delimiter, CR and LF are data and a doubled quote is one quote;
 *     quoted fields are returned without their quotes, unescaped in place;
 *   - empty lines (LF or CRLF only) are skipped, but count in line numbers;
 *   - a UTF-8 byte order mark at the very start is skipped;
 *   - field counts are not checked: the caller maps columns and reports
 *     "line N has M fields, expected K" (seg_csv_line() gives N).
 *
 * Errors (sticky: once seg_csv_next fails, it keeps returning the same
 * error).  err->line and err->column (1-based; column in UTF-8 characters
 * on that physical line, BOM not counted) point at the problem; when the
 * reader was opened by path, the message names the file.
 *   SEG_E_SYNTAX   unterminated quoted field (position of its opening quote),
 *                  a quote inside an unquoted field (position of the quote),
 *                  characters after a closing quote (position of the first),
 *                  a read error (errno's text; position = where reading
 *                  stopped)
 *   SEG_E_LIMIT    a record longer than max_record bytes (its first line,
 *                  column 1)
 *   SEG_E_ARGUMENT bad options (delimiter == quote, CR/LF as delimiter or
 *                  quote), a path that cannot be opened (errno's text)
 *   SEG_E_NOMEM    out of memory
 */
#ifndef SEG_CSV_H
#define SEG_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "seg_error.h"
#include "seg_rule.h" /* seg_str */

#define SEG_CSV_DEFAULT_MAX_RECORD ((size_t)1 << 20) /* 1 MiB */
#define SEG_CSV_DEFAULT_BUFFER ((size_t)128 << 10)   /* 128 KiB */

typedef struct seg_csv_options {
	char delimiter;     /* field separator; default ',' */
	char quote;         /* quote character; default '"' */
	bool header;        /* the first record names the columns; default true */
	size_t max_record;  /* longest record in bytes, line end excluded; default 1 MiB */
	size_t buffer_size; /* bytes read at a time; default 128 KiB (at least 4; tests use tiny ones) */
} seg_csv_options;

/* Sets the defaults above.  In options passed to open, 0 in delimiter,
 * quote, max_record or buffer_size also means "the default"; a NULL
 * options pointer means all defaults. */
void seg_csv_options_init(seg_csv_options *opts);

typedef struct seg_csv seg_csv;

/*
 * Open a reader.  With header == true the first record is read at once (a
 * syntax error in it fails the open; an empty input has no header names).
 * err may be NULL.  On failure *out is NULL.
 */
seg_status seg_csv_open_path(const char *path, const seg_csv_options *opts, seg_csv **out, seg_error *err);
/* Reads fp from its current position; fp stays open (the caller closes it
 * after seg_csv_free). */
seg_status seg_csv_open_file(FILE *fp, const seg_csv_options *opts, seg_csv **out, seg_error *err);
/* Reads data[0..len); the bytes are copied chunk by chunk, so data only has
 * to outlive the reader, and is never modified. */
seg_status seg_csv_open_mem(const char *data, size_t len, const seg_csv_options *opts, seg_csv **out, seg_error *err);

/* Closes a path opened by seg_csv_open_path; NULL is a no-op. */
void seg_csv_free(seg_csv *csv);

/*
 * Reads the next data record.  SEG_OK with *nfields >= 1 and *fields
 * pointing at them (valid until the next call or seg_csv_free), or SEG_OK
 * with *nfields == 0 and *fields == NULL at the end of the input (every
 * record has at least one field, so 0 fields means the end; calling again
 * returns the end again).  Any other status is an error (see above); then
 * *nfields == 0 and *fields == NULL too.  err may be NULL.
 */
seg_status seg_csv_next(seg_csv *csv, const seg_str **fields, size_t *nfields, seg_error *err);

/* 1-based physical line where the record last returned (or the header, or
 * the failing record) starts; 0 before the first record. */
uint64_t seg_csv_line(const seg_csv *csv);

/* Bytes of the input consumed so far: through the line end of the record
 * last returned (or of the header), including a skipped BOM and empty
 * lines; the input's size once seg_csv_next has returned the end.  For
 * progress reports: works on pipes, where ftell() does not. */
uint64_t seg_csv_offset(const seg_csv *csv);

/* Header names (with header == true), valid until seg_csv_free; n = 0 and
 * *names = NULL without a header. */
void seg_csv_header(const seg_csv *csv, const seg_str **names, size_t *n);

/*
 * Index of the header column named name[0..len), or -1.  The first exact
 * match wins; failing that, the first column whose name equals name once
 * both have leading and trailing spaces and tabs removed (and a UTF-8 BOM
 * removed from the first column's name).
 */
ptrdiff_t seg_csv_column(const seg_csv *csv, const char *name, size_t len);

#endif
