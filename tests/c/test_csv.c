/*
 * test_csv.c - seg_csv.h: quoting, line ends, BOM, embedded newlines and
 * line numbers, every error with its line and column, records across
 * buffer refills (tiny buffers), the header and column lookup, the three
 * sources, a generated round trip, and the real UCI Online Retail file
 * (skipped when xz or the file is missing; SEG_SHARED_DATA overrides the
 * directory, default ../shared/data/ beside the repository).
 */
#define _POSIX_C_SOURCE 200809L /* mkstemp, fdopen */
#include "seg_test.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "seg_csv.h"
#include "seg_datefmt.h"
#include "seg_value.h"

/* ---- helpers ---------------------------------------------------------- */

typedef struct dumpbuf {
	char s[16384];
	size_t n;
} dumpbuf;

static void put(dumpbuf *d, const char *s, size_t n)
{
	for (size_t k = 0; k < n && d->n + 4 < sizeof d->s; k++) {
		char c = s[k];
		if (c == '\n' || c == '\r' || c == '\\' || c == '\0') {
			d->s[d->n++] = '\\';
			c = c == '\n' ? 'n' : c == '\r' ? 'r' : c == '\0' ? '0' : '\\';
		}
		d->s[d->n++] = c;
	}
	d->s[d->n] = '\0';
}

static void putf(dumpbuf *d, const char *fmt, unsigned long long a, unsigned long long b, unsigned long long c)
{
	char tmp[96];
	int k = snprintf(tmp, sizeof tmp, fmt, a, b, c);
	if (d->n + (size_t)k + 1 < sizeof d->s) {
		memcpy(d->s + d->n, tmp, (size_t)k + 1);
		d->n += (size_t)k;
	}
}

/*
 * Reads every record of an open reader into d as "LINE:f1|f2|...\n"
 * (newline, CR, NUL and backslash in fields escaped as \n \r \0 \\), then
 * "E<status>@<line>:<column>\n" on an error.  Returns the last status.
 */
static seg_status dump_reader(seg_csv *csv, dumpbuf *d, seg_error *err)
{
	const seg_str *f;
	size_t n;
	seg_status st;
	for (;;) {
		st = seg_csv_next(csv, &f, &n, err);
		if (st != SEG_OK) {
			CHECK(f == NULL && n == 0);
			putf(d, "E%llu@%llu:%llu\n", (unsigned long long)st, err->line, err->column);
			break;
		}
		if (n == 0) {
			CHECK(f == NULL);
			break;
		}
		putf(d, "%llu:", seg_csv_line(csv), 0, 0);
		for (size_t k = 0; k < n; k++) {
			if (k) put(d, "|", 1);
			put(d, f[k].s, f[k].len);
		}
		putf(d, "\n", 0, 0, 0);
	}
	return st;
}

/* Opens s (header off unless opts says otherwise) and dumps it. */
static seg_status dump_mem(const char *s, size_t len, const seg_csv_options *opts, dumpbuf *d, seg_error *err)
{
	seg_csv *csv = NULL;
	d->n = 0;
	d->s[0] = '\0';
	seg_status st = seg_csv_open_mem(s, len, opts, &csv, err);
	if (st != SEG_OK) {
		putf(d, "E%llu@%llu:%llu\n", (unsigned long long)st, err->line, err->column);
		CHECK(csv == NULL);
		return st;
	}
	st = dump_reader(csv, d, err);
	seg_csv_free(csv);
	return st;
}

static const size_t BUFSIZES[] = {4, 5, 6, 7, 8, 11, 16, 64, 0};
#define NBUFSIZES (sizeof BUFSIZES / sizeof BUFSIZES[0])

/*
 * The dump of input (len bytes, no header) must equal expected with every
 * buffer size in BUFSIZES, with the given delimiter, quote and max_record
 * (0 = default).
 */
static void check_csv_ex(const char *file, int line, const char *input, size_t len, char delim, char quote,
	size_t max_record, const char *expected)
{
	for (size_t b = 0; b < NBUFSIZES; b++) {
		seg_csv_options o;
		seg_csv_options_init(&o);
		o.header = false;
		o.delimiter = delim;
		o.quote = quote;
		o.max_record = max_record;
		o.buffer_size = BUFSIZES[b];
		dumpbuf d;
		seg_error err;
		dump_mem(input, len, &o, &d, &err);
		if (strcmp(d.s, expected) != 0) {
			seg_test_fail(file, line, "buffer_size %zu:\n  got      \"%s\"\n  expected \"%s\"", BUFSIZES[b], d.s,
				expected);
			return;
		}
	}
}

#define CHECK_CSV(input, expected) check_csv_ex(__FILE__, __LINE__, (input), sizeof(input) - 1, 0, 0, 0, (expected))
#define CHECK_CSV_OPT(input, delim, quote, max, expected)                                     \
	check_csv_ex(__FILE__, __LINE__, (input), sizeof(input) - 1, (delim), (quote), (max), (expected))

/* The error of input (no header, default buffer): status, line, column and
 * a piece of the message; also with a 4-byte buffer. */
static void check_error_ex(const char *file, int line, const char *input, size_t len, size_t max_record,
	seg_status status, unsigned eline, unsigned ecol, const char *needle)
{
	for (int tiny = 0; tiny < 2; tiny++) {
		seg_csv_options o;
		seg_csv_options_init(&o);
		o.header = false;
		o.max_record = max_record;
		o.buffer_size = tiny ? 4 : 0;
		dumpbuf d;
		seg_error err;
		seg_status st = dump_mem(input, len, &o, &d, &err);
		if (st != status || err.status != status || err.line != eline || err.column != ecol ||
			!strstr(err.message, needle)) {
			seg_test_fail(file, line, "buffer %s: got status %d at %u:%u \"%s\", expected %d at %u:%u with \"%s\"",
				tiny ? "4" : "default", (int)st, err.line, err.column, err.message, (int)status, eline, ecol,
				needle);
			return;
		}
	}
}

#define CHECK_CSV_ERROR(input, max, status, eline, ecol, needle)                                \
	check_error_ex(__FILE__, __LINE__, (input), sizeof(input) - 1, (max), (status), (eline), (ecol), (needle))

/* ---- format ----------------------------------------------------------- */

SEG_TEST(csv_basic)
{
	CHECK_CSV("a,b,c\n1,2,3\n", "1:a|b|c\n2:1|2|3\n");
	CHECK_CSV("a", "1:a\n");
	CHECK_CSV("", "");
	CHECK_CSV("a,b\n1,2", "1:a|b\n2:1|2\n");             /* no final newline */
	CHECK_CSV(",,\n", "1:||\n");                          /* empty fields */
	CHECK_CSV("a,\n,b\n", "1:a|\n2:|b\n");
	CHECK_CSV("a,b,", "1:a|b|\n");                        /* trailing empty field at EOF */
	CHECK_CSV(" a , b \n", "1: a | b \n");                /* spaces are kept */
	CHECK_CSV("x\n", "1:x\n");
	CHECK_CSV("a,b\n1,2,3,4\n5\n", "1:a|b\n2:1|2|3|4\n3:5\n"); /* counts are not checked */
	CHECK_CSV("a\0b,c\n", "1:a\\0b|c\n");                 /* NUL is data */
	CHECK_CSV("caf\xC3\xA9,\xC2\xA3" "3\n", "1:caf\xC3\xA9|\xC2\xA3" "3\n");
}

SEG_TEST(csv_line_ends)
{
	CHECK_CSV("a,b\r\n1,2\r\n", "1:a|b\n2:1|2\n");
	CHECK_CSV("a,b\r\n1,2", "1:a|b\n2:1|2\n");
	CHECK_CSV("a,b\r\n1,2\r", "1:a|b\n2:1|2\n");          /* CR at EOF ends the line */
	CHECK_CSV("a,b\n1,2\r\n3\n", "1:a|b\n2:1|2\n3:3\n");  /* mixed */
	CHECK_CSV("a\rb,c\n", "1:a\\rb|c\n");                 /* a lone CR is data */
	CHECK_CSV("a\r\r\n", "1:a\\r\n");
	CHECK_CSV("a,\r\n", "1:a|\n");
	CHECK_CSV("a\rb\rc", "1:a\\rb\\rc\n");                /* CR-only files: one record */
}

SEG_TEST(csv_empty_lines)
{
	CHECK_CSV("\n\na\n\r\n\nb\n", "3:a\n6:b\n");
	CHECK_CSV("a\n\n", "1:a\n");
	CHECK_CSV("\n", "");
	CHECK_CSV("\r\n\r\n", "");
	CHECK_CSV("\r", "");
	CHECK_CSV("a\n\r", "1:a\n");
	CHECK_CSV("a\n\n\n\nb", "1:a\n5:b\n");
	CHECK_CSV(" \n", "1: \n");                              /* a space is not empty */
	CHECK_CSV(",\n", "1:|\n");                              /* nor a delimiter */
	CHECK_CSV("\"\"\n", "1:\n");                            /* one empty quoted field */
	CHECK_CSV("\n\"\"", "2:\n");
}

SEG_TEST(csv_quoting)
{
	CHECK_CSV("\"a,b\",\"c\"\"d\",\"\"\n", "1:a,b|c\"d|\n");
	CHECK_CSV("\"a\"", "1:a\n");
	CHECK_CSV("\"\"\"\"", "1:\"\n");
	CHECK_CSV("\"\"\"\"\"\"", "1:\"\"\n");
	CHECK_CSV("\"x\"\"\"\n", "1:x\"\n");
	CHECK_CSV("\"\"\"x\"\n", "1:\"x\n");
	CHECK_CSV("\"a\"\"b\"\"c\"\"\"\"d\"\n", "1:a\"b\"c\"\"d\n");
	CHECK_CSV("1,\"2\",3\n\"4\",5,\"6\"\n", "1:1|2|3\n2:4|5|6\n");
	CHECK_CSV("\"a\"\r\n\"b\"\r\n", "1:a\n2:b\n");
	CHECK_CSV("\"a\"\r", "1:a\n");
	CHECK_CSV("\"a\",", "1:a|\n");
	CHECK_CSV("\"a\",\"\"", "1:a|\n");
	CHECK_CSV("a,\"\"\n", "1:a|\n");
	CHECK_CSV("\"\",\"\",\"\"\n", "1:||\n");
	/* the real export: a comma inside Description */
	CHECK_CSV("536365,\"SET 7 BABUSHKA NESTING BOXES, RED\",6\n", "1:536365|SET 7 BABUSHKA NESTING BOXES, RED|6\n");
}

SEG_TEST(csv_embedded_newlines_and_line_numbers)
{
	CHECK_CSV("\"x\ny\",z\nnext\n", "1:x\\ny|z\n3:next\n");
	CHECK_CSV("\"a\r\nb\"\r\nc\r\n", "1:a\\r\\nb\n3:c\n");
	CHECK_CSV("h\n\"1\n2\n3\",\"4\n\n5\"\n\nlast", "1:h\n2:1\\n2\\n3|4\\n\\n5\n8:last\n");
	CHECK_CSV("\"\n\"\n\"\n\"\n", "1:\\n\n3:\\n\n");
	CHECK_CSV("\n\n\"\n\n\",\"\"\"\n\"\n", "3:\\n\\n|\"\\n\n");
	CHECK_CSV("\"a\rb\"\n", "1:a\\rb\n");
}

SEG_TEST(csv_bom)
{
	CHECK_CSV("\xEF\xBB\xBF" "a,b\n1,2\n", "1:a|b\n2:1|2\n");
	CHECK_CSV("\xEF\xBB\xBF", "");
	CHECK_CSV("\xEF\xBB\xBF\n", "");
	CHECK_CSV("\xEF\xBB\xBF" "\"a\",b\n", "1:a|b\n");
	CHECK_CSV("\xEF\xBB", "1:\xEF\xBB\n");                  /* half a BOM is data */
	CHECK_CSV("a\n\xEF\xBB\xBF" "b\n", "1:a\n2:\xEF\xBB\xBF" "b\n"); /* only at the start */
	CHECK_CSV("\xEF\xBB\xBF\xEF\xBB\xBF" "a\n", "1:\xEF\xBB\xBF" "a\n");
}

SEG_TEST(csv_delimiter_and_quote_options)
{
	CHECK_CSV_OPT("a;b,c;\"d;e\"\n", ';', 0, 0, "1:a|b,c|d;e\n");
	CHECK_CSV_OPT("a\tb\t\"c\td\"\n", '\t', 0, 0, "1:a|b|c\td\n");
	CHECK_CSV_OPT("a|'b|c'|'it''s'|\"x\"\n", '|', '\'', 0, "1:a|b|c|it's|\"x\"\n");
	CHECK_CSV_OPT("a,'b\nc'\n", 0, '\'', 0, "1:a|b\\nc\n");
	/* bad options */
	seg_csv *csv = (seg_csv *)1;
	seg_error err;
	seg_csv_options o;
	seg_csv_options_init(&o);
	o.delimiter = '"';
	CHECK_EQ_INT(seg_csv_open_mem("a", 1, &o, &csv, &err), SEG_E_ARGUMENT);
	CHECK(csv == NULL);
	CHECK(strstr(err.message, "delimiter") != NULL);
	seg_csv_options_init(&o);
	o.delimiter = '\n';
	CHECK_EQ_INT(seg_csv_open_mem("a", 1, &o, &csv, &err), SEG_E_ARGUMENT);
	seg_csv_options_init(&o);
	o.quote = '\r';
	CHECK_EQ_INT(seg_csv_open_mem("a", 1, &o, &csv, &err), SEG_E_ARGUMENT);
	CHECK_EQ_INT(seg_csv_open_mem(NULL, 1, NULL, &csv, &err), SEG_E_ARGUMENT);
	CHECK_EQ_INT(seg_csv_open_mem("a", 1, NULL, NULL, &err), SEG_E_ARGUMENT);
	CHECK_EQ_INT(seg_csv_open_file(NULL, NULL, &csv, &err), SEG_E_ARGUMENT);
	CHECK_EQ_INT(seg_csv_open_path(NULL, NULL, &csv, NULL), SEG_E_ARGUMENT);
	CHECK_EQ_INT(seg_csv_open_path("", NULL, &csv, &err), SEG_E_ARGUMENT);
	/* an all-zero options struct means the defaults, header off */
	seg_csv_options z;
	memset(&z, 0, sizeof z);
	dumpbuf d;
	CHECK_EQ_INT(dump_mem("h\n\"a,b\",c\n", 10, &z, &d, &err), SEG_OK);
	CHECK_STR(d.s, "1:h\n2:a,b|c\n");
	/* NULL data with length 0 is an empty input */
	CHECK_EQ_INT(seg_csv_open_mem(NULL, 0, NULL, &csv, &err), SEG_OK);
	const seg_str *f = (const seg_str *)1;
	size_t n = 9;
	CHECK_EQ_INT(seg_csv_next(csv, &f, &n, &err), SEG_OK);
	CHECK(f == NULL && n == 0);
	seg_csv_free(csv);
	seg_csv_free(NULL);
	CHECK_EQ_INT(seg_csv_next(NULL, &f, &n, &err), SEG_E_ARGUMENT);
	CHECK_EQ_UINT(seg_csv_line(NULL), 0);
	CHECK_EQ_INT(seg_csv_column(NULL, "a", 1), -1);
}

/* ---- errors ----------------------------------------------------------- */

SEG_TEST(csv_error_unterminated)
{
	CHECK_CSV_ERROR("a,b\nc,\"dd\ne\n", 0, SEG_E_SYNTAX, 2, 3, "unterminated quoted field");
	CHECK_CSV_ERROR("\"", 0, SEG_E_SYNTAX, 1, 1, "unterminated quoted field");
	CHECK_CSV_ERROR("a\n\n\"x\"\"", 0, SEG_E_SYNTAX, 3, 1, "unterminated");
	CHECK_CSV_ERROR("\xC3\xA9\xC3\xA9,\"\n\n", 0, SEG_E_SYNTAX, 1, 4, "no closing \"");
	/* where the quote is, not where the input ends */
	CHECK_CSV_ERROR("1\n2\n\"3\n4\n5\n6\n", 0, SEG_E_SYNTAX, 3, 1, "unterminated");
}

SEG_TEST(csv_error_quote_in_unquoted_field)
{
	CHECK_CSV_ERROR("a,b\"c\n", 0, SEG_E_SYNTAX, 1, 4, "quote (\") inside an unquoted field");
	CHECK_CSV_ERROR("ab\"", 0, SEG_E_SYNTAX, 1, 3, "inside an unquoted field");
	CHECK_CSV_ERROR("x\r\ny, \"z\"\n", 0, SEG_E_SYNTAX, 2, 4, "inside an unquoted field");
	CHECK_CSV_ERROR("\xE2\x82\xAC\xE2\x82\xAC\"\n", 0, SEG_E_SYNTAX, 1, 3, "unquoted"); /* columns in characters */
	CHECK_CSV_ERROR("\xEF\xBB\xBF" "ab\"\n", 0, SEG_E_SYNTAX, 1, 3, "unquoted");        /* the BOM is no column */
	CHECK_CSV_ERROR("\"a\nb\",c\"\n", 0, SEG_E_SYNTAX, 2, 5, "unquoted");               /* line after a quoted newline */
}

SEG_TEST(csv_error_after_closing_quote)
{
	CHECK_CSV_ERROR("\"ab\"c,d\n", 0, SEG_E_SYNTAX, 1, 5, "'c' after a closing quote");
	CHECK_CSV_ERROR("\"ab\" ,d\n", 0, SEG_E_SYNTAX, 1, 5, "' ' after a closing quote");
	CHECK_CSV_ERROR("x,\"a\nb\"\"\"c\n", 0, SEG_E_SYNTAX, 2, 5, "'c' after");
	CHECK_CSV_ERROR("\"a\"\rb\n", 0, SEG_E_SYNTAX, 1, 4, "byte 0x0D after a closing quote");
	CHECK_CSV_ERROR("\"a\"\x01", 0, SEG_E_SYNTAX, 1, 4, "byte 0x01");
	CHECK_CSV_ERROR("\"\xC3\xA9\"\xC3\xA9", 0, SEG_E_SYNTAX, 1, 4, "byte 0xC3");
}

SEG_TEST(csv_error_record_too_long)
{
	/* max_record counts the record's bytes without its line end */
	CHECK_CSV_OPT("12345678\n1234567\r\n\"1\"\"3\"\"\"\r\n", 0, 0, 8, "1:12345678\n2:1234567\n3:1\"3\"\n");
	CHECK_CSV_OPT("1234,678", 0, 0, 8, "1:1234|678\n");
	CHECK_CSV_OPT("1234,678\r", 0, 0, 8, "1:1234|678\n");
	CHECK_CSV_ERROR("12345678\n123456789\n", 8, SEG_E_LIMIT, 2, 1, "record longer than 8 bytes");
	CHECK_CSV_ERROR("12345678\n123456789", 8, SEG_E_LIMIT, 2, 1, "longer than 8");
	CHECK_CSV_ERROR("\n\n123456789\r\n", 8, SEG_E_LIMIT, 3, 1, "longer than 8");
	CHECK_CSV_ERROR("\"1234567\"\n", 8, SEG_E_LIMIT, 1, 1, "longer than 8");
	CHECK_CSV_ERROR("\"1\n2\n3\n4\n5\"\n", 8, SEG_E_LIMIT, 1, 1, "longer than 8");
	/* with a quoted field still open at the limit: point at its quote */
	CHECK_CSV_ERROR("ab,\"cdefghijklmnopqrstuvwxyz", 8, SEG_E_LIMIT, 1, 4, "not closed");
	CHECK_CSV_ERROR("x\nab,\"c\nd\ne\nf\ng\nh", 8, SEG_E_LIMIT, 2, 4, "not closed");
	/* a syntax error within the limit wins, whatever the buffer size */
	CHECK_CSV_ERROR("1\"3456789012345", 8, SEG_E_SYNTAX, 1, 2, "unquoted");
	/* the default limit is 1 MiB */
	size_t big = SEG_CSV_DEFAULT_MAX_RECORD;
	char *s = malloc(big + 3);
	REQUIRE(s != NULL);
	memset(s, 'x', big + 1);
	s[big + 1] = '\n';
	s[big + 2] = '\0';
	for (int k = 0; k < 2; k++) {
		seg_csv_options o;
		seg_csv_options_init(&o);
		o.header = false;
		o.buffer_size = 4096;
		seg_csv *csv;
		seg_error err;
		size_t len = big + 2; /* one byte over */
		if (k == 1) s[big] = '\n', len = big + 1; /* exactly the limit */
		REQUIRE(seg_csv_open_mem(s, len, &o, &csv, &err) == SEG_OK);
		const seg_str *f;
		size_t n;
		seg_status st = seg_csv_next(csv, &f, &n, &err);
		if (k == 0) {
			CHECK_EQ_INT(st, SEG_E_LIMIT);
			CHECK_EQ_UINT(err.line, 1);
			CHECK(strstr(err.message, "longer than 1048576 bytes") != NULL);
		} else {
			CHECK_EQ_INT(st, SEG_OK);
			CHECK_EQ_UINT(n, 1);
			CHECK_EQ_UINT(f[0].len, big);
		}
		seg_csv_free(csv);
	}
	free(s);
}

SEG_TEST(csv_error_is_sticky)
{
	seg_csv *csv;
	seg_error err;
	seg_csv_options o;
	seg_csv_options_init(&o);
	o.header = false;
	REQUIRE(seg_csv_open_mem("a\nb\"\nc\n", 7, &o, &csv, &err) == SEG_OK);
	const seg_str *f;
	size_t n;
	CHECK_EQ_INT(seg_csv_next(csv, &f, &n, &err), SEG_OK);
	CHECK_EQ_INT(seg_csv_next(csv, &f, &n, &err), SEG_E_SYNTAX);
	CHECK_EQ_UINT(err.line, 2);
	CHECK_EQ_UINT(seg_csv_line(csv), 2);
	seg_error again;
	CHECK_EQ_INT(seg_csv_next(csv, &f, &n, &again), SEG_E_SYNTAX);
	CHECK(f == NULL && n == 0);
	CHECK_EQ_UINT(again.line, 2);
	CHECK_EQ_UINT(again.column, 2);
	CHECK_STR(again.message, err.message);
	CHECK_EQ_INT(seg_csv_next(csv, &f, &n, NULL), SEG_E_SYNTAX);
	seg_csv_free(csv);
}

static char *temp_file(const char *content, size_t len)
{
	const char *dir = getenv("TMPDIR");
	char *path = malloc(4096);
	if (!path) return NULL;
	snprintf(path, 4096, "%s/seg_csv_test.XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		free(path);
		return NULL;
	}
	FILE *fp = fdopen(fd, "wb");
	if (!fp || (len && fwrite(content, 1, len, fp) != len) || fclose(fp) != 0) {
		unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

SEG_TEST(csv_error_messages_name_the_file)
{
	seg_csv *csv = (seg_csv *)1;
	seg_error err;
	CHECK_EQ_INT(seg_csv_open_path("/nonexistent/orders.csv", NULL, &csv, &err), SEG_E_ARGUMENT);
	CHECK(csv == NULL);
	CHECK(strstr(err.message, "/nonexistent/orders.csv") != NULL);
	CHECK(strstr(err.message, "No such file") != NULL);

	char *path = temp_file("id,name\n1,\"x\n", 13);
	REQUIRE(path != NULL);
	REQUIRE(seg_csv_open_path(path, NULL, &csv, &err) == SEG_OK);
	const seg_str *f;
	size_t n;
	CHECK_EQ_INT(seg_csv_next(csv, &f, &n, &err), SEG_E_SYNTAX);
	CHECK_EQ_UINT(err.line, 2);
	CHECK_EQ_UINT(err.column, 3);
	CHECK(strstr(err.message, "unterminated quoted field") != NULL);
	CHECK(strstr(err.message, path) != NULL);
	seg_csv_free(csv);
	/* a syntax error in the header fails the open */
	FILE *fp = fopen(path, "wb");
	REQUIRE(fp != NULL);
	fputs("id,na\"me\n1,2\n", fp);
	fclose(fp);
	CHECK_EQ_INT(seg_csv_open_path(path, NULL, &csv, &err), SEG_E_SYNTAX);
	CHECK(csv == NULL);
	CHECK_EQ_UINT(err.line, 1);
	CHECK_EQ_UINT(err.column, 6);
	CHECK(strstr(err.message, path) != NULL);
	unlink(path);
	free(path);
}

SEG_TEST(csv_error_read)
{
	/* reading a directory fails with EISDIR on Linux */
	seg_csv *csv = NULL;
	seg_error err;
	seg_status st = seg_csv_open_path("/", NULL, &csv, &err);
	if (st == SEG_OK) { /* a platform that cannot open directories: nothing to test */
		seg_csv_free(csv);
		return;
	}
	CHECK_EQ_INT(st, SEG_E_SYNTAX);
	CHECK(csv == NULL);
	CHECK(strstr(err.message, "read error") != NULL);
	CHECK_EQ_UINT(err.line, 1);
	CHECK_EQ_UINT(err.column, 1);
	/* a FILE * open for writing only */
	FILE *wo = fopen("/dev/null", "wb");
	if (wo) {
		seg_csv_options o;
		seg_csv_options_init(&o);
		o.header = false;
		REQUIRE(seg_csv_open_file(wo, &o, &csv, &err) == SEG_OK);
		const seg_str *f;
		size_t n;
		CHECK_EQ_INT(seg_csv_next(csv, &f, &n, &err), SEG_E_SYNTAX);
		CHECK(strstr(err.message, "read error: ") != NULL);
		seg_csv_free(csv);
		fclose(wo);
	}
}

/* ---- header and columns ----------------------------------------------- */

SEG_TEST(csv_header_and_columns)
{
	static const char data[] = "\xEF\xBB\xBF" "InvoiceNo, Quantity ,\"Unit,Price\",CustomerID,Quantity\n1,2,3,4,5\n";
	for (size_t b = 0; b < NBUFSIZES; b++) {
		seg_csv_options o;
		seg_csv_options_init(&o);
		o.buffer_size = BUFSIZES[b];
		seg_csv *csv;
		seg_error err;
		REQUIRE(seg_csv_open_mem(data, sizeof data - 1, &o, &csv, &err) == SEG_OK);
		CHECK_EQ_UINT(seg_csv_line(csv), 1);
		const seg_str *h;
		size_t nh;
		seg_csv_header(csv, &h, &nh);
		REQUIRE(nh == 5);
		CHECK_MEM(h[0].s, h[0].len, "InvoiceNo");
		CHECK_MEM(h[1].s, h[1].len, " Quantity ");
		CHECK_MEM(h[2].s, h[2].len, "Unit,Price");
		CHECK_EQ_INT(seg_csv_column(csv, "InvoiceNo", 9), 0);
		CHECK_EQ_INT(seg_csv_column(csv, "Quantity", 8), 4);     /* exact match first */
		CHECK_EQ_INT(seg_csv_column(csv, " Quantity ", 10), 1);
		CHECK_EQ_INT(seg_csv_column(csv, "Unit,Price", 10), 2);
		CHECK_EQ_INT(seg_csv_column(csv, " CustomerID\t", 12), 3); /* trimmed */
		CHECK_EQ_INT(seg_csv_column(csv, "customerid", 10), -1);  /* no case folding */
		CHECK_EQ_INT(seg_csv_column(csv, "Country", 7), -1);
		CHECK_EQ_INT(seg_csv_column(csv, "", 0), -1);
		const seg_str *f;
		size_t n;
		REQUIRE(seg_csv_next(csv, &f, &n, &err) == SEG_OK);
		CHECK_EQ_UINT(n, 5);
		CHECK_EQ_UINT(seg_csv_line(csv), 2);
		CHECK_MEM(f[4].s, f[4].len, "5");
		/* the header survives the buffer being reused */
		seg_csv_header(csv, &h, &nh);
		CHECK_MEM(h[3].s, h[3].len, "CustomerID");
		REQUIRE(seg_csv_next(csv, &f, &n, &err) == SEG_OK);
		CHECK_EQ_UINT(n, 0);
		CHECK_EQ_INT(seg_csv_column(csv, "CustomerID", 10), 3);
		seg_csv_free(csv);
	}
}

SEG_TEST(csv_header_bom_inside_quotes)
{
	/* A BOM the stream did not strip (inside quotes) still matches. */
	static const char data[] = "\"\xEF\xBB\xBF id\",x\n";
	seg_csv *csv;
	seg_error err;
	REQUIRE(seg_csv_open_mem(data, sizeof data - 1, NULL, &csv, &err) == SEG_OK);
	CHECK_EQ_INT(seg_csv_column(csv, "id", 2), 0);
	CHECK_EQ_INT(seg_csv_column(csv, "\xEF\xBB\xBF id", 6), 0);
	CHECK_EQ_INT(seg_csv_column(csv, "x", 1), 1);
	seg_csv_free(csv);
	/* only on the first column */
	static const char data2[] = "a,\"\xEF\xBB\xBFid\"\n";
	REQUIRE(seg_csv_open_mem(data2, sizeof data2 - 1, NULL, &csv, &err) == SEG_OK);
	CHECK_EQ_INT(seg_csv_column(csv, "id", 2), -1);
	seg_csv_free(csv);
}

SEG_TEST(csv_header_edge_cases)
{
	seg_csv *csv;
	seg_error err;
	const seg_str *h = (const seg_str *)1, *f;
	size_t nh = 9, n;
	/* empty input: no header names, and the end */
	REQUIRE(seg_csv_open_mem("", 0, NULL, &csv, &err) == SEG_OK);
	seg_csv_header(csv, &h, &nh);
	CHECK(h == NULL && nh == 0);
	CHECK_EQ_INT(seg_csv_column(csv, "a", 1), -1);
	CHECK_EQ_INT(seg_csv_next(csv, &f, &n, &err), SEG_OK);
	CHECK_EQ_UINT(n, 0);
	seg_csv_free(csv);
	/* header only, after empty lines */
	REQUIRE(seg_csv_open_mem("\n\na,b", 5, NULL, &csv, &err) == SEG_OK);
	seg_csv_header(csv, &h, &nh);
	CHECK_EQ_UINT(nh, 2);
	CHECK_EQ_UINT(seg_csv_line(csv), 3);
	CHECK_EQ_INT(seg_csv_next(csv, &f, &n, &err), SEG_OK);
	CHECK_EQ_UINT(n, 0);
	CHECK_EQ_INT(seg_csv_next(csv, &f, &n, &err), SEG_OK); /* the end, again */
	CHECK_EQ_UINT(n, 0);
	seg_csv_free(csv);
	/* header off: no names */
	seg_csv_options o;
	seg_csv_options_init(&o);
	o.header = false;
	REQUIRE(seg_csv_open_mem("a,b\n", 4, &o, &csv, &err) == SEG_OK);
	seg_csv_header(csv, &h, &nh);
	CHECK(h == NULL && nh == 0);
	CHECK_EQ_UINT(seg_csv_line(csv), 0);
	CHECK_EQ_INT(seg_csv_column(csv, "a", 1), -1);
	seg_csv_free(csv);
	/* a header with an empty name and quoted newlines */
	REQUIRE(seg_csv_open_mem(",\"multi\nline\"\nx,y\n", 18, NULL, &csv, &err) == SEG_OK);
	CHECK_EQ_INT(seg_csv_column(csv, "", 0), 0);
	CHECK_EQ_INT(seg_csv_column(csv, "multi\nline", 10), 1);
	REQUIRE(seg_csv_next(csv, &f, &n, &err) == SEG_OK);
	CHECK_EQ_UINT(seg_csv_line(csv), 3);
	seg_csv_free(csv);
}

/* ---- sources, refills, round trip ------------------------------------- */

/* A deterministic generator of awkward CSV: random fields (with
 * delimiters, quotes, CR, LF, UTF-8) quoted when needed. */
typedef struct gen {
	uint64_t x;
} gen;

static uint64_t gen_next(gen *g)
{
	g->x ^= g->x << 13;
	g->x ^= g->x >> 7;
	g->x ^= g->x << 17;
	return g->x;
}

typedef struct corpus {
	char *csv;
	size_t len, cap;
	char **fields; /* expected, NUL-free */
	size_t *flen;
	size_t *rec_nf;   /* fields per record */
	uint64_t *rec_line;
	size_t nrec, nf;
} corpus;

static void emit(corpus *c, const char *s, size_t n)
{
	if (n == 0) return;
	if (c->len + n > c->cap) {
		c->cap = (c->len + n) * 2;
		c->csv = realloc(c->csv, c->cap);
	}
	memcpy(c->csv + c->len, s, n);
	c->len += n;
}

static void make_corpus(corpus *c, uint64_t seed, size_t nrec)
{
	static const char alphabet[] = "abcXYZ019 ,\"\n\r;\t-\xC3\xA9";
	gen g = {seed};
	memset(c, 0, sizeof *c);
	size_t fcap = nrec * 12;
	c->fields = calloc(fcap, sizeof *c->fields);
	c->flen = calloc(fcap, sizeof *c->flen);
	c->rec_nf = calloc(nrec, sizeof *c->rec_nf);
	c->rec_line = calloc(nrec, sizeof *c->rec_line);
	uint64_t line = 1;
	c->nrec = nrec;
	for (size_t r = 0; r < nrec; r++) {
		while (gen_next(&g) % 8 == 0) { /* empty lines */
			if (gen_next(&g) % 2)
				emit(c, "\n", 1);
			else
				emit(c, "\r\n", 2);
			line++;
		}
		c->rec_line[r] = line;
		size_t nf = 1 + gen_next(&g) % 10;
		c->rec_nf[r] = nf;
		for (size_t k = 0; k < nf; k++) {
			size_t len = gen_next(&g) % 4 == 0 ? gen_next(&g) % 200 : gen_next(&g) % 12;
			char *f = malloc(len + 1);
			for (size_t i = 0; i < len; i++) {
				uint64_t v = gen_next(&g);
				f[i] = v % 3 ? "abcdefghij0123456789"[v % 20] : alphabet[(v >> 8) % (sizeof alphabet - 1)];
			}
			f[len] = '\0';
			/* a lone field that is empty or a bare CR at the end would be an empty line */
			bool need = len == 0 ? nf == 1 : memchr(f, ',', len) || memchr(f, '"', len) || memchr(f, '\n', len) ||
				memchr(f, '\r', len) || gen_next(&g) % 5 == 0;
			if (k) emit(c, ",", 1);
			if (need) {
				emit(c, "\"", 1);
				for (size_t i = 0; i < len; i++) {
					if (f[i] == '"') emit(c, "\"", 1);
					if (f[i] == '\n') line++;
					emit(c, &f[i], 1);
				}
				emit(c, "\"", 1);
			} else {
				emit(c, f, len);
			}
			c->fields[c->nf] = f;
			c->flen[c->nf] = len;
			c->nf++;
		}
		if (r + 1 < nrec || gen_next(&g) % 2) {
			if (gen_next(&g) % 3)
				emit(c, "\n", 1);
			else
				emit(c, "\r\n", 2);
		}
		line++;
	}
}

static void free_corpus(corpus *c)
{
	for (size_t k = 0; k < c->nf; k++) free(c->fields[k]);
	free(c->fields);
	free(c->flen);
	free(c->rec_nf);
	free(c->rec_line);
	free(c->csv);
}

/* Reads csv and compares with the corpus; returns false at the first
 * difference (after reporting it). */
static bool compare_corpus(const char *file, int line, const char *what, seg_csv *csv, const corpus *c)
{
	size_t fi = 0;
	const seg_str *f;
	size_t n;
	seg_error err;
	for (size_t r = 0; r < c->nrec; r++) {
		if (seg_csv_next(csv, &f, &n, &err) != SEG_OK || n != c->rec_nf[r] ||
			seg_csv_line(csv) != c->rec_line[r]) {
			seg_test_fail(file, line, "%s: record %zu: %zu fields at line %llu (%s), expected %zu at line %llu", what,
				r, n, (unsigned long long)seg_csv_line(csv), err.message, c->rec_nf[r],
				(unsigned long long)c->rec_line[r]);
			return false;
		}
		for (size_t k = 0; k < n; k++, fi++) {
			if (f[k].len != c->flen[fi] || memcmp(f[k].s, c->fields[fi], f[k].len) != 0) {
				seg_test_fail(file, line, "%s: record %zu field %zu: \"%.*s\", expected \"%s\"", what, r, k,
					(int)f[k].len, f[k].s, c->fields[fi]);
				return false;
			}
		}
	}
	if (seg_csv_next(csv, &f, &n, &err) != SEG_OK || n != 0) {
		seg_test_fail(file, line, "%s: expected the end", what);
		return false;
	}
	return true;
}

SEG_TEST(csv_round_trip_all_buffer_sizes)
{
	corpus c;
	make_corpus(&c, 0x9E3779B97F4A7C15ull, 3000);
	static const size_t sizes[] = {4, 5, 7, 9, 31, 100, 257, 4096, 0};
	for (size_t b = 0; b < sizeof sizes / sizeof *sizes; b++) {
		seg_csv_options o;
		seg_csv_options_init(&o);
		o.header = false;
		o.buffer_size = sizes[b];
		seg_csv *csv;
		seg_error err;
		REQUIRE(seg_csv_open_mem(c.csv, c.len, &o, &csv, &err) == SEG_OK);
		char what[64];
		snprintf(what, sizeof what, "mem, buffer %zu", sizes[b]);
		bool ok = compare_corpus(__FILE__, __LINE__, what, csv, &c);
		seg_csv_free(csv);
		if (!ok) break;
	}
	/* the same through a FILE * and a path */
	char *path = temp_file(c.csv, c.len);
	REQUIRE(path != NULL);
	for (int k = 0; k < 2; k++) {
		seg_csv_options o;
		seg_csv_options_init(&o);
		o.header = false;
		o.buffer_size = k ? 13 : 0;
		seg_csv *csv;
		seg_error err;
		REQUIRE(seg_csv_open_path(path, &o, &csv, &err) == SEG_OK);
		compare_corpus(__FILE__, __LINE__, "path", csv, &c);
		seg_csv_free(csv);
		FILE *fp = fopen(path, "rb");
		REQUIRE(fp != NULL);
		REQUIRE(seg_csv_open_file(fp, &o, &csv, &err) == SEG_OK);
		compare_corpus(__FILE__, __LINE__, "file", csv, &c);
		seg_csv_free(csv);
		CHECK(fgetc(fp) == EOF); /* still open: the reader does not close it */
		fclose(fp);
	}
	unlink(path);
	free(path);
	free_corpus(&c);
}

SEG_TEST(csv_file_from_current_position)
{
	FILE *fp = tmpfile();
	REQUIRE(fp != NULL);
	fputs("# comment\nh1,h2\n1,2\n", fp);
	rewind(fp);
	char skip[16];
	REQUIRE(fgets(skip, sizeof skip, fp) != NULL);
	seg_csv *csv;
	seg_error err;
	REQUIRE(seg_csv_open_file(fp, NULL, &csv, &err) == SEG_OK);
	CHECK_EQ_INT(seg_csv_column(csv, "h2", 2), 1);
	const seg_str *f;
	size_t n;
	REQUIRE(seg_csv_next(csv, &f, &n, &err) == SEG_OK);
	CHECK_EQ_UINT(n, 2);
	CHECK_MEM(f[1].s, f[1].len, "2");
	CHECK_EQ_UINT(seg_csv_line(csv), 2); /* lines count from where reading began */
	seg_csv_free(csv);
	fclose(fp);
}

SEG_TEST(csv_buffer_grows_only_for_long_records)
{
	/* A 100 kB quoted field read through an 8-byte buffer. */
	size_t big = 100000;
	char *s = malloc(big + 16);
	REQUIRE(s != NULL);
	size_t len = 0;
	memcpy(s, "a,\"", 3), len = 3;
	for (size_t k = 0; k < big; k++) s[len++] = k % 1000 == 999 ? '\n' : (char)('a' + k % 26);
	memcpy(s + len, "\"\nb\n", 4), len += 4;
	seg_csv_options o;
	seg_csv_options_init(&o);
	o.header = false;
	o.buffer_size = 8;
	seg_csv *csv;
	seg_error err;
	REQUIRE(seg_csv_open_mem(s, len, &o, &csv, &err) == SEG_OK);
	const seg_str *f;
	size_t n;
	REQUIRE(seg_csv_next(csv, &f, &n, &err) == SEG_OK);
	CHECK_EQ_UINT(n, 2);
	CHECK_EQ_UINT(f[1].len, big);
	CHECK(memcmp(f[1].s, s + 3, big) == 0);
	REQUIRE(seg_csv_next(csv, &f, &n, &err) == SEG_OK);
	CHECK_EQ_UINT(n, 1);
	CHECK_EQ_UINT(seg_csv_line(csv), 2 + big / 1000);
	seg_csv_free(csv);
	free(s);
}

SEG_TEST(csv_offset_counts_consumed_bytes)
{
	/* BOM, CRLF header, empty lines, a quoted field with a newline, no
	 * final line end: the offset after each record is the byte after its
	 * line end (empty lines before a record are consumed with it), for
	 * every buffer size, from memory and from a file. */
	static const char in[] = "\xEF\xBB\xBFh1,h2\r\n\n1,\"a\nb\"\r\n\n\n2,3\n4,5";
	const size_t len = sizeof in - 1;
	const uint64_t want[] = {10, 20, 26, 29, 29}; /* header, 3 records, end */
	CHECK_EQ_UINT(len, 29);
	for (size_t bs = 4; bs <= 64; bs++) {
		for (int src = 0; src < 2; src++) {
			seg_csv_options o;
			seg_csv_options_init(&o);
			o.buffer_size = bs;
			seg_csv *csv;
			seg_error err;
			FILE *fp = NULL;
			if (src) {
				fp = tmpfile();
				REQUIRE(fp != NULL);
				REQUIRE(fwrite(in, 1, len, fp) == len);
				rewind(fp);
				REQUIRE(seg_csv_open_file(fp, &o, &csv, &err) == SEG_OK);
			} else {
				REQUIRE(seg_csv_open_mem(in, len, &o, &csv, &err) == SEG_OK);
			}
			CHECK_EQ_UINT(seg_csv_offset(csv), want[0]);
			const seg_str *f;
			size_t n;
			for (int k = 1; k <= 4; k++) {
				REQUIRE(seg_csv_next(csv, &f, &n, &err) == SEG_OK);
				CHECK_EQ_UINT(n, k == 4 ? 0 : 2);
				if (seg_csv_offset(csv) != want[k])
					seg_test_fail(__FILE__, __LINE__, "buffer %zu, source %d, record %d: offset %llu, expected %llu",
					              bs, src, k, (unsigned long long)seg_csv_offset(csv), (unsigned long long)want[k]);
			}
			seg_csv_free(csv);
			if (fp) fclose(fp);
		}
	}
	CHECK_EQ_UINT(seg_csv_offset(NULL), 0);
}

/* ---- the real data set ------------------------------------------------ */

/* Directory of the shared data: $SEG_SHARED_DATA, else ../shared/data
 * beside the repository (found from this file's path). */
static void shared_data_dir(char *out, size_t cap)
{
	const char *env = getenv("SEG_SHARED_DATA");
	if (env && *env) {
		snprintf(out, cap, "%s", env);
		return;
	}
	const char *me = __FILE__; /* .../tests/c/test_csv.c */
	const char *tail = strstr(me, "tests/c/test_csv.c");
	if (!tail || tail == me) {
		snprintf(out, cap, "../../../shared/data"); /* cwd = tests/c under make -C */
		return;
	}
	snprintf(out, cap, "%.*s../shared/data", (int)(tail - me), me);
}

SEG_TEST(csv_online_retail)
{
	char dir[2048], xzpath[2200], cmd[4600];
	shared_data_dir(dir, sizeof dir);
	snprintf(xzpath, sizeof xzpath, "%s/online_retail.csv.xz", dir);
	FILE *probe = fopen(xzpath, "rb");
	if (!probe) {
		fprintf(stderr, "skip csv_online_retail: %s not found (set SEG_SHARED_DATA)\n", xzpath);
		return;
	}
	fclose(probe);
	if (system("xz --version >/dev/null 2>&1") != 0) {
		fprintf(stderr, "skip csv_online_retail: xz not found\n");
		return;
	}
	char *path = temp_file("", 0);
	REQUIRE(path != NULL);
	snprintf(cmd, sizeof cmd, "xz -dc '%s' > '%s'", xzpath, path);
	if (system(cmd) != 0) {
		seg_test_fail(__FILE__, __LINE__, "%s failed", cmd);
		unlink(path);
		free(path);
		return;
	}

	seg_csv *csv;
	seg_error err;
	REQUIRE(seg_csv_open_path(path, NULL, &csv, &err) == SEG_OK);
	static const char *const names[] = {"InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate",
		"UnitPrice", "CustomerID", "Country"};
	const seg_str *h;
	size_t nh;
	seg_csv_header(csv, &h, &nh);
	CHECK_EQ_UINT(nh, 8);
	for (size_t k = 0; k < 8 && k < nh; k++) {
		CHECK_MEM(h[k].s, h[k].len, names[k]);
		CHECK_EQ_INT(seg_csv_column(csv, names[k], strlen(names[k])), (ptrdiff_t)k);
	}
	ptrdiff_t qcol = seg_csv_column(csv, "Quantity", 8), dcol = seg_csv_column(csv, "Description", 11);
	ptrdiff_t tcol = seg_csv_column(csv, "InvoiceDate", 11);
	REQUIRE(qcol == 3 && dcol == 2 && tcol == 4);

	const seg_str *f;
	size_t n, records = 0, commas = 0, empty_desc = 0, bad_dates = 0, wrong_count = 0;
	long long qty = 0;
	int64_t tmin = INT64_MAX, tmax = INT64_MIN;
	char first[256] = "", last[256] = "";
	seg_status st;
	while ((st = seg_csv_next(csv, &f, &n, &err)) == SEG_OK && n > 0) {
		records++;
		if (n != 8) {
			wrong_count++;
			continue;
		}
		char num[32];
		size_t ql = f[qcol].len < sizeof num - 1 ? f[qcol].len : sizeof num - 1;
		memcpy(num, f[qcol].s, ql);
		num[ql] = '\0';
		qty += strtoll(num, NULL, 10);
		if (memchr(f[dcol].s, ',', f[dcol].len)) commas++;
		if (f[dcol].len == 0) empty_desc++;
		int64_t secs;
		bool zoned;
		if (!seg_datefmt_parse("Y-m-d H:i:s", 11, f[tcol].s, f[tcol].len, &secs, &zoned))
			bad_dates++;
		else {
			if (secs < tmin) tmin = secs;
			if (secs > tmax) tmax = secs;
		}
		if (records == 1) snprintf(first, sizeof first, "%.*s|%.*s", (int)f[0].len, f[0].s, (int)f[2].len, f[2].s);
		snprintf(last, sizeof last, "%.*s|%.*s", (int)f[0].len, f[0].s, (int)f[2].len, f[2].s);
	}
	CHECK_EQ_INT(st, SEG_OK);
	if (st != SEG_OK) fprintf(stderr, "  %s at %u:%u\n", err.message, err.line, err.column);
	CHECK_EQ_UINT(records, 541909);
	CHECK_EQ_UINT(wrong_count, 0);
	CHECK_EQ_INT(qty, 5176450);
	CHECK_EQ_UINT(commas, 4796);
	CHECK_EQ_UINT(empty_desc, 1454);
	CHECK_EQ_UINT(bad_dates, 0);
	CHECK_EQ_INT(tmin, seg_days_from_civil(2010, 12, 1) * 86400 + 8 * 3600 + 26 * 60);
	CHECK_EQ_INT(tmax, seg_days_from_civil(2011, 12, 9) * 86400 + 12 * 3600 + 50 * 60);
	CHECK_STR(first, "536365|WHITE HANGING HEART T-LIGHT HOLDER");
	CHECK_STR(last, "581587|BAKING SET 9 PIECE RETROSPOT ");
	CHECK_EQ_UINT(seg_csv_line(csv), 541910); /* no quoted newlines in this file */
	seg_csv_free(csv);
	unlink(path);
	free(path);
}
