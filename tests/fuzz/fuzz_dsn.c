/*
 * fuzz_dsn.c - libFuzzer target for seg_dsn.h and seg_shopdb.h, the parsers
 * of text that reaches us from configuration and from a database.
 *
 * Input: byte 0 picks what the rest is.
 *   0-3   a connection string (seg_dsn_parse), also prefixed with
 *         "mysql://" so the fuzzer need not find the scheme first
 *   4     key '\0' value for seg_dsn_set
 *   5-7   six tab-separated fields of a result row for seg_shopdb_line
 *         (a field "\\N" is NULL), and the first as a table prefix
 *   8-9   the split read's client-side join (PrestaShop, Magento): lines
 *         "P<tab>A<tab>B" add a row to part P % 4 of the maps
 *         (seg_shopdb_lookup_add); the last line is an orders row of six
 *         fields, resolved (seg_shopdb_resolve), then read as above
 *
 * Checks: a parse that fails leaves a message that never contains the
 * password the input spelt (for inputs whose password is at least 4 bytes);
 * a decoded setting never holds a NUL; a parsed date is in years 0-9999 and
 * prints back to the same text; shopdb_line's error names its column; a
 * resolved row keeps its customer or has none, and PrestaShop's status is
 * "valid" or "invalid".
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seg_dsn.h"
#include "seg_idmap.h"
#include "seg_shopdb.h"
#include "seg_value.h"

#define CHECK(cond)                                                              \
	do {                                                                         \
		if (!(cond)) {                                                           \
			fprintf(stderr, "fuzz_dsn: invariant failed at %s:%d: %s\n",        \
			        __FILE__, __LINE__, #cond);                                  \
			abort();                                                             \
		}                                                                        \
	} while (0)

static void check_dsn(const seg_dsn *d)
{
	const char *all[] = {d->host, d->user, d->password, d->database, d->socket, d->ssl_ca, d->ssl_cert, d->ssl_key};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) CHECK(!all[i] || strlen(all[i]) > 0);
	CHECK(d->port <= 65535 && d->connect_timeout <= 3600 && d->ssl_verify >= -1 && d->ssl_verify <= 1);
}

static void parse_dsn(const char *s, size_t n)
{
	seg_dsn d;
	seg_error err;
	seg_dsn_init(&d);
	seg_status st = seg_dsn_parse(&d, s, n, &err);
	if (st == SEG_OK) {
		check_dsn(&d);
	} else {
		CHECK(memchr(err.message, '\0', sizeof err.message) != NULL);
		/* the raw password text between the first ':' after "//" and the last
		 * '@' of the authority, which ends at the first '/' or '?' */
		const char *p = memchr(s, '/', n);
		if (p && (size_t)(p - s) + 2 < n) {
			const char *auth = p + 2, *end = s + n;
			const char *slash = memchr(auth, '/', (size_t)(end - auth));
			if (slash) end = slash;
			const char *q = memchr(auth, '?', (size_t)(end - auth));
			if (q) end = q;
			const char *at = NULL;
			for (const char *c = auth; c < end; c++)
				if (*c == '@') at = c;
			const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
			if (colon && at - colon - 1 >= 4) {
				char pw[64];
				size_t len = (size_t)(at - colon - 1) < sizeof pw - 1 ? (size_t)(at - colon - 1) : sizeof pw - 1;
				memcpy(pw, colon + 1, len);
				pw[len] = '\0';
				/* an unknown key is shown, and a key may spell the same text; a
				 * password made only of letters, digits and the punctuation of
				 * the messages could be a word of the message itself */
				if (strlen(pw) >= 4 && !strstr(err.message, "unknown connection setting") &&
				    strspn(pw, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_ .,'():/-") < strlen(pw))
					CHECK(strstr(err.message, pw) == NULL);
			}
		}
	}
	seg_dsn_free(&d);
}

static seg_shopdb_field field(const char *s, size_t n)
{
	seg_shopdb_field f = {s, n};
	if (n == 2 && s[0] == '\\' && s[1] == 'N') f.s = NULL, f.len = 0;
	return f;
}

/* Up to six tab-separated fields of s[0..n) into f (the rest NULL). */
static void split_fields(const char *s, size_t n, seg_shopdb_field f[6])
{
	const char *p = s, *end = s + n;
	for (int i = 0; i < 6; i++) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));
		const char *e = tab ? tab : end;
		f[i] = p < end || i == 0 ? field(p, (size_t)(e - p)) : (seg_shopdb_field){NULL, 0};
		p = tab ? tab + 1 : end;
	}
}

static void split_read(seg_shop_platform platform, const char *s, size_t n)
{
	seg_shopdb_lookup *lk = seg_shopdb_lookup_new(platform);
	if (!lk) return;
	const char *p = s, *end = s + n;
	for (;;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		seg_shopdb_field f[6];
		split_fields(p, (size_t)((nl ? nl : end) - p), f);
		if (!nl) { /* the orders row */
			seg_shopdb_row r = {f[0], f[1], f[2], f[3], f[4], f[5], true, true, false};
			seg_shopdb_field customer = r.customer;
			seg_shopdb_resolve(lk, &r);
			CHECK(!r.customer.s || (r.customer.s == customer.s && r.customer.len == customer.len));
			CHECK(r.has_status && r.has_country);
			if (platform == SEG_SHOP_PRESTASHOP)
				CHECK(r.status.s && (!strcmp(r.status.s, "valid") || !strcmp(r.status.s, "invalid")));
			if (r.customer.s) {
				uint64_t id;
				CHECK(seg_idmap_parse_id(r.customer.s, r.customer.len, &id));
			}
			seg_order_line l;
			seg_error err;
			if (seg_shopdb_line(&r, &l, &err) != SEG_OK)
				CHECK(!strcmp(err.attribute, "customer") || !strcmp(err.attribute, "amount"));
			break;
		}
		if (f[0].s && f[0].len > 0) {
			seg_shopdb_part part = (seg_shopdb_part)((unsigned char)f[0].s[0] % 4);
			if (!seg_shopdb_lookup_add(lk, part, f[1], f[2])) break;
		}
		p = nl + 1;
	}
	seg_shopdb_lookup_free(lk);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1) return 0;
	unsigned mode = data[0] % 10;
	const char *s = (const char *)data + 1;
	size_t n = size - 1;
	if (mode <= 3) {
		parse_dsn(s, n);
		char *buf = malloc(n + 8);
		if (!buf) return 0;
		memcpy(buf, "mysql://", 8);
		memcpy(buf + 8, s, n);
		parse_dsn(buf, n + 8);
		free(buf);
	} else if (mode == 4) {
		const char *nul = memchr(s, '\0', n);
		size_t klen = nul ? (size_t)(nul - s) : n;
		const char *v = nul ? nul + 1 : s + n;
		seg_dsn d;
		seg_error err;
		seg_dsn_init(&d);
		if (seg_dsn_set(&d, s, klen, v, (size_t)(s + n - v), &err) == SEG_OK) check_dsn(&d);
		seg_dsn_free(&d);
	} else if (mode >= 8) {
		split_read(mode == 8 ? SEG_SHOP_PRESTASHOP : SEG_SHOP_MAGENTO, s, n);
	} else {
		seg_shopdb_field f[6] = {{0}};
		const char *p = s, *end = s + n;
		for (int i = 0; i < 6; i++) {
			const char *tab = memchr(p, '\t', (size_t)(end - p));
			const char *e = tab ? tab : end;
			f[i] = field(p, (size_t)(e - p));
			p = tab ? tab + 1 : end;
		}
		char *sql = NULL;
		seg_error err;
		if (f[0].s && seg_shopdb_query(mode == 5 ? SEG_SHOP_MAGENTO : SEG_SHOP_PRESTASHOP, f[0].s, f[0].len, &sql, &err) == SEG_OK) {
			CHECK(seg_shopdb_prefix_valid(f[0].s, f[0].len));
			CHECK(strchr(sql, ';') == NULL);
		}
		free(sql);
		int64_t ts;
		if (f[2].s && seg_shopdb_parse_datetime(f[2].s, f[2].len, &ts)) {
			CHECK(seg_ts_valid(ts));
			int64_t y;
			unsigned mo, d;
			int64_t days = ts >= 0 ? ts / 86400 : -((-ts + 86399) / 86400), sod = ts - days * 86400;
			seg_civil_from_days(days, &y, &mo, &d);
			char back[32];
			int k = snprintf(back, sizeof back, "%04d-%02u-%02u %02d:%02d:%02d", (int)y, mo, d, (int)(sod / 3600),
			                 (int)(sod / 60 % 60), (int)(sod % 60));
			size_t cmp = f[2].len < 19 ? f[2].len : 19;
			CHECK(k == 19 && memcmp(back, f[2].s, cmp) == 0);
		}
		seg_shopdb_row r = {f[0], f[1], f[2], f[3], f[4], f[5], mode != 7, mode != 7, mode == 6};
		seg_order_line l;
		seg_status st = seg_shopdb_line(&r, &l, &err);
		if (st != SEG_OK) CHECK(!strcmp(err.attribute, "customer") || !strcmp(err.attribute, "amount"));
		else if (l.customer.len) CHECK(seg_shopdb_utf8_valid(l.customer.s, l.customer.len));
	}
	return 0;
}
