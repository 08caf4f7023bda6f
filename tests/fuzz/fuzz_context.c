/*
 * fuzz_context.c - libFuzzer target for seg_context.h.
 *
 * Input: fields separated by '\n' - User-Agent, Sec-CH-UA-Mobile, Referer,
 * Host, Accept-Language, request URI, query string ("k=v&k=v"), an own
 * host.  Each field is copied into a buffer of its own exact size, so a
 * read past a field's end is caught by AddressSanitizer.
 *
 * Checks, besides memory safety:
 *   - device: class in range, is_bot iff bot, a bot name from the table or a
 *     word of the User-Agent (letters, digits, '-', '_'; within the bound);
 *     the same answer for the User-Agent cut to SEG_CONTEXT_UA_MAX bytes
 *     (nothing past the bound is read) and for it in ASCII upper case, and
 *     the same through the memo (kept across inputs);
 *   - source: class in range, networks only with their classes, a
 *     referrer_host that is lowercase, NUL-terminated, without port or
 *     user, and equal to seg_context_referrer_host(); the same answer
 *     twice;
 *   - languages: at most 16, 2-3 lowercase letters each, no repeats, the
 *     same for the header in upper case, and through the memo;
 *   - path: inside the URI, starting with '/', no '?' or '#';
 *   - clock: in range, and consistent with seg_civil_from_days.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seg_context.h"
#include "seg_value.h"

#define CHECK(cond)                                                                  \
	do {                                                                             \
		if (!(cond)) {                                                               \
			fprintf(stderr, "fuzz_context: invariant failed at %s:%d: %s\n",         \
			        __FILE__, __LINE__, #cond);                                      \
			abort();                                                                 \
		}                                                                            \
	} while (0)

enum { F_UA, F_CH, F_REF, F_HOST, F_LANG, F_URI, F_QUERY, F_OWN, F_COUNT };

static seg_context_index ix;
static bool ix_ready;

/* The memos live across inputs, as they live across requests in a worker. */
static seg_ua_memo ua_memo;
static seg_lang_memo lang_memo;

static char *dup_exact(const char *s, size_t n)
{
	char *p = malloc(n ? n : 1);
	if (n) memcpy(p, s, n);
	return p;
}

static char *upper_copy(const char *s, size_t n)
{
	char *p = dup_exact(s, n);
	for (size_t i = 0; i < n; i++)
		if (p[i] >= 'a' && p[i] <= 'z') p[i] = (char)(p[i] - 32);
	return p;
}

static bool word_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

static void check_device(const char *ua, size_t n, const char *ch, size_t chn)
{
	seg_context_ua r, r2;
	seg_context_device(&ix, ua, n, ch, chn, &r);
	CHECK((unsigned)r.device < SEG_DEVICE_COUNT);
	CHECK(r.is_bot == (r.device == SEG_DEVICE_BOT));
	if (r.bot >= 0) {
		CHECK(r.is_bot);
		CHECK(r.bot < seg_context_bot_count());
		CHECK(seg_context_bot_name(r.bot) != NULL);
		CHECK(r.name_len == 0);
	}
	if (r.name_len) {
		CHECK(r.is_bot);
		CHECK(r.name_len <= SEG_CONTEXT_BOT_NAME_MAX);
		CHECK(r.name_off + r.name_len <= (n < SEG_CONTEXT_UA_MAX ? n : SEG_CONTEXT_UA_MAX));
		for (size_t i = 0; i < r.name_len; i++) CHECK(word_byte(ua[r.name_off + i]));
	}
	/* nothing past the bound matters */
	if (n > SEG_CONTEXT_UA_MAX) {
		seg_context_device(&ix, ua, SEG_CONTEXT_UA_MAX, ch, chn, &r2);
		CHECK(r2.device == r.device && r2.bot == r.bot && r2.name_off == r.name_off && r2.name_len == r.name_len);
	}
	/* tokens are case-insensitive */
	char *up = upper_copy(ua, n);
	seg_context_device(&ix, up, n, ch, chn, &r2);
	CHECK(r2.device == r.device && r2.bot == r.bot && r2.name_off == r.name_off && r2.name_len == r.name_len);
	/* the memo answers what the scan answers, on a first sight and a repeat,
	 * for this string and the upper-case one that may share its slot */
	for (int k = 0; k < 2; k++) {
		seg_context_device_memo(&ix, &ua_memo, ua, n, ch, chn, &r2);
		CHECK(r2.device == r.device && r2.is_bot == r.is_bot && r2.bot == r.bot && r2.name_off == r.name_off &&
		      r2.name_len == r.name_len);
		seg_context_ua r3;
		seg_context_device(&ix, up, n, ch, chn, &r3);
		seg_context_device_memo(&ix, &ua_memo, up, n, ch, chn, &r2);
		CHECK(r2.device == r3.device && r2.bot == r3.bot && r2.name_off == r3.name_off && r2.name_len == r3.name_len);
	}
	free(up);
}

static void check_source(const seg_context_request *req)
{
	seg_context_traffic out, again;
	seg_context_source(req, &out);
	CHECK((unsigned)out.source < SEG_SOURCE_COUNT);
	CHECK(out.search_engine < seg_context_network_count() && out.social_network < seg_context_network_count());
	CHECK(out.search_engine < 0 || out.source == SEG_SOURCE_ORGANIC_SEARCH || out.source == SEG_SOURCE_PAID_SEARCH);
	CHECK(out.social_network < 0 || out.source == SEG_SOURCE_SOCIAL);
	CHECK(out.search_engine < 0 || out.social_network < 0);
	CHECK(out.host_len <= SEG_CONTEXT_HOST_MAX);
	CHECK(strlen(out.host) == out.host_len);
	if (out.host_len) {
		CHECK(out.host[0] != '.' && out.host[out.host_len - 1] != '.');
		bool ipv6 = out.host[0] == '[';
		CHECK(!ipv6 || out.host[out.host_len - 1] == ']');
		for (size_t i = 0; i < out.host_len; i++) {
			char c = out.host[i];
			CHECK(!(c >= 'A' && c <= 'Z') && (c != ':' || ipv6) && c != '/' && c != '@' && c != ' ');
		}
	} else {
		CHECK(out.source != SEG_SOURCE_REFERRAL || req->params[SEG_PARAM_UTM_MEDIUM].len);
	}
	char host[SEG_CONTEXT_HOST_MAX + 1];
	CHECK(seg_context_referrer_host(req->referrer, req->referrer_len, host) == out.host_len);
	CHECK(strcmp(host, out.host) == 0);
	seg_context_source(req, &again);
	CHECK(again.source == out.source && again.search_engine == out.search_engine &&
	      again.social_network == out.social_network && again.host_len == out.host_len);
}

static void check_languages(const char *s, size_t n)
{
	seg_context_languages l, u;
	uint32_t c = seg_context_languages_parse(s, n, &l);
	CHECK(c == l.count && c <= SEG_CONTEXT_LANGUAGES_MAX);
	for (uint32_t i = 0; i < c; i++) {
		CHECK(l.len[i] >= 2 && l.len[i] <= 3 && strlen(l.tag[i]) == l.len[i]);
		for (uint32_t k = 0; k < l.len[i]; k++) CHECK(l.tag[i][k] >= 'a' && l.tag[i][k] <= 'z');
		for (uint32_t j = 0; j < i; j++) CHECK(strcmp(l.tag[i], l.tag[j]) != 0);
	}
	char *up = upper_copy(s, n);
	seg_context_languages_parse(up, n, &u);
	CHECK(u.count == l.count);
	for (uint32_t i = 0; i < c; i++) CHECK(strcmp(u.tag[i], l.tag[i]) == 0);
	/* the memo answers what the parser answers */
	for (int k = 0; k < 2; k++) {
		seg_context_languages m;
		CHECK(seg_context_languages_memo(&lang_memo, s, n, &m) == c && m.count == c);
		for (uint32_t i = 0; i < c; i++) CHECK(strcmp(m.tag[i], l.tag[i]) == 0);
		CHECK(seg_context_languages_memo(&lang_memo, up, n, &m) == c);
	}
	free(up);
}

static void check_path(const char *uri, size_t n)
{
	size_t off, len;
	seg_context_path(uri, n, &off, &len);
	if (!len) return;
	CHECK(off + len <= n);
	CHECK(uri[off] == '/');
	CHECK(!memchr(uri + off, '?', len) && !memchr(uri + off, '#', len));
}

static void check_clock(const uint8_t *data, size_t size)
{
	int64_t t = 0;
	memcpy(&t, data, size < sizeof t ? size : sizeof t);
	int64_t span = SEG_DATE_MAX - SEG_DATE_MIN;
	uint64_t u = (uint64_t)t % (uint64_t)span;
	int64_t local = SEG_DATE_MIN + (int64_t)u;
	seg_context_clock c;
	seg_context_clock_of(local, &c);
	CHECK(c.month >= 1 && c.month <= 12 && c.weekday >= 1 && c.weekday <= 7 && c.hour >= 0 && c.hour <= 23);
	int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	int64_t y;
	unsigned m, d;
	seg_civil_from_days(days, &y, &m, &d);
	CHECK((int)m == c.month);
	CHECK(c.hour == (int)((local - days * 86400) / 3600));
	seg_context_clock next;
	seg_context_clock_of(local + 86400, &next);
	CHECK(next.weekday == c.weekday % 7 + 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!ix_ready) {
		CHECK(seg_context_index_init(&ix));
		ix_ready = true;
	}
	const char *f[F_COUNT] = {NULL};
	size_t fl[F_COUNT] = {0};
	size_t nf = 0, start = 0;
	for (size_t i = 0; i <= size && nf < F_COUNT; i++) {
		if (i == size || data[i] == '\n') {
			f[nf] = dup_exact((const char *)data + start, i - start);
			fl[nf] = i - start;
			nf++;
			start = i + 1;
		}
	}

	check_device(f[F_UA] ? f[F_UA] : "", fl[F_UA], f[F_CH], fl[F_CH]);
	if (f[F_LANG]) check_languages(f[F_LANG], fl[F_LANG]);
	if (f[F_URI]) check_path(f[F_URI], fl[F_URI]);
	check_clock(data, size);

	seg_context_request req;
	memset(&req, 0, sizeof req);
	req.referrer = f[F_REF];
	req.referrer_len = fl[F_REF];
	req.host = f[F_HOST];
	req.host_len = fl[F_HOST];
	seg_str own = {f[F_OWN], fl[F_OWN]};
	if (f[F_OWN]) {
		req.own_hosts = &own;
		req.own_count = 1;
	}
	/* query: k=v pairs; each value keeps pointing into the query field */
	if (f[F_QUERY]) {
		const char *q = f[F_QUERY];
		size_t n = fl[F_QUERY], i = 0;
		while (i < n) {
			size_t e = i;
			while (e < n && q[e] != '&') e++;
			const char *eq = memchr(q + i, '=', e - i);
			size_t kl = eq ? (size_t)(eq - (q + i)) : e - i;
			int id = seg_context_param(q + i, kl);
			CHECK(id >= -1 && id < SEG_PARAM_COUNT);
			if (id >= 0) {
				req.params[id].s = eq ? eq + 1 : q + e;
				req.params[id].len = eq ? (size_t)(q + e - (eq + 1)) : 0;
			}
			i = e + 1;
		}
	}
	check_source(&req);

	for (size_t i = 0; i < nf; i++) free((void *)f[i]);
	return 0;
}
