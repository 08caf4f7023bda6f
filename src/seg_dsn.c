/*
 * seg_dsn.c - connection settings from a URL or key/value pairs.
 *
 * The input may come from a configuration file an attacker can touch, so
 * the parser is fuzzed (tests/fuzz/fuzz_dsn.c): every length is checked,
 * nothing is read past `len`, and a decoded NUL byte is refused rather than
 * silently cutting a C string short.
 */
#include "seg_dsn.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void seg_dsn_init(seg_dsn *d)
{
	memset(d, 0, sizeof *d);
	d->ssl_verify = -1;
}

/* The compiler may drop a memset before free(); a volatile walk it may not. */
static void wipe(char *s)
{
	if (!s) return;
	volatile char *v = s;
	while (*v) *v++ = 0;
}

void seg_dsn_free(seg_dsn *d)
{
	wipe(d->password);
	free(d->host);
	free(d->user);
	free(d->password);
	free(d->database);
	free(d->socket);
	free(d->ssl_ca);
	free(d->ssl_cert);
	free(d->ssl_key);
	seg_dsn_init(d);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* Percent-decodes s[0..n) into a new string; *out is NULL for "".
 * `what` names the part in messages; the text itself is never shown. */
static seg_status decode(const char *s, size_t n, bool percent, const char *what, char **out, seg_error *err)
{
	*out = NULL;
	if (n == 0) return SEG_OK;
	char *r = malloc(n + 1);
	if (!r) return seg_error_set(err, SEG_E_NOMEM, "out of memory");
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (percent && c == '%') {
			if (n - i < 3 || hexval(s[i + 1]) < 0 || hexval(s[i + 2]) < 0) {
				free(r);
				return seg_error_set(err, SEG_E_ARGUMENT, "the %s has a '%%' not followed by two hex digits", what);
			}
			c = (char)(hexval(s[i + 1]) << 4 | hexval(s[i + 2]));
			i += 2;
		}
		if (c == '\0') {
			free(r);
			return seg_error_set(err, SEG_E_ARGUMENT, "the %s contains a NUL byte", what);
		}
		r[k++] = c;
	}
	r[k] = '\0';
	*out = r;
	return SEG_OK;
}

static void replace(char **slot, char *v)
{
	if (*slot) {
		wipe(*slot); /* cheap, and the password is not the only secret-ish value */
		free(*slot);
	}
	*slot = v;
}

static bool key_is(const char *key, size_t klen, const char *name)
{
	return strlen(name) == klen && memcmp(key, name, klen) == 0;
}

/* Digits only, within [lo, hi]. */
static bool parse_uint(const char *s, size_t n, unsigned lo, unsigned hi, unsigned *out)
{
	if (n == 0 || n > 10) return false;
	uint64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') return false;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (v < lo || v > hi) return false;
	*out = (unsigned)v;
	return true;
}

/* A key for a message: shown only when it is short printable ASCII. */
static const char *shown_key(const char *key, size_t klen, char *buf, size_t cap)
{
	if (klen == 0 || klen >= cap) return NULL;
	for (size_t i = 0; i < klen; i++)
		if (key[i] < 0x21 || key[i] > 0x7e) return NULL;
	memcpy(buf, key, klen);
	buf[klen] = '\0';
	return buf;
}

static seg_status set_value(seg_dsn *d, const char *key, size_t klen, const char *val, size_t vlen, bool percent,
                            seg_error *err)
{
	static const struct {
		const char *name;
		size_t off;
	} strings[] = {
		{"host", offsetof(seg_dsn, host)},         {"user", offsetof(seg_dsn, user)},
		{"password", offsetof(seg_dsn, password)}, {"database", offsetof(seg_dsn, database)},
		{"socket", offsetof(seg_dsn, socket)},     {"ssl_ca", offsetof(seg_dsn, ssl_ca)},
		{"ssl_cert", offsetof(seg_dsn, ssl_cert)}, {"ssl_key", offsetof(seg_dsn, ssl_key)},
	};
	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) {
		if (!key_is(key, klen, strings[i].name)) continue;
		char *v;
		seg_status st = decode(val, vlen, percent, strings[i].name, &v, err);
		if (st != SEG_OK) return st;
		replace((char **)((char *)d + strings[i].off), v);
		return SEG_OK;
	}
	if (key_is(key, klen, "port") || key_is(key, klen, "connect_timeout")) {
		bool port = klen == 4;
		unsigned v;
		char *text;
		seg_status st = decode(val, vlen, percent, port ? "port" : "connect_timeout", &text, err);
		if (st != SEG_OK) return st;
		bool ok = text && parse_uint(text, strlen(text), 1, port ? 65535 : 3600, &v);
		free(text);
		if (!ok)
			return seg_error_set(err, SEG_E_ARGUMENT, port ? "the port must be a number from 1 to 65535"
			                                               : "connect_timeout must be a number of seconds from 1 to 3600");
		if (port) d->port = v;
		else d->connect_timeout = v;
		return SEG_OK;
	}
	if (key_is(key, klen, "ssl_verify")) {
		char *text;
		seg_status st = decode(val, vlen, percent, "ssl_verify", &text, err);
		if (st != SEG_OK) return st;
		int v = -1;
		if (text && (!strcmp(text, "1") || !strcmp(text, "true"))) v = 1;
		else if (text && (!strcmp(text, "0") || !strcmp(text, "false"))) v = 0;
		free(text);
		if (v < 0) return seg_error_set(err, SEG_E_ARGUMENT, "ssl_verify must be 1, 0, true or false");
		d->ssl_verify = v;
		return SEG_OK;
	}
	char buf[33];
	const char *k = shown_key(key, klen, buf, sizeof buf);
	if (k)
		return seg_error_set(err, SEG_E_ARGUMENT,
		                     "unknown connection setting '%s' (known: host, port, socket, user, password, database, "
		                     "ssl_ca, ssl_cert, ssl_key, ssl_verify, connect_timeout)",
		                     k);
	return seg_error_set(err, SEG_E_ARGUMENT, "unknown connection setting");
}

seg_status seg_dsn_set(seg_dsn *d, const char *key, size_t klen, const char *val, size_t vlen, seg_error *err)
{
	seg_error_clear(err);
	return set_value(d, key, klen, val, vlen, false, err);
}

static bool prefix_ci(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);
	if (len < n) return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
		if (c != p[i]) return false;
	}
	return true;
}

static const char *find(const char *s, const char *end, char c)
{
	const char *r = memchr(s, c, (size_t)(end - s));
	return r ? r : end;
}

seg_status seg_dsn_parse(seg_dsn *d, const char *s, size_t len, seg_error *err)
{
	seg_error_clear(err);
	size_t skip;
	if (prefix_ci(s, len, "mysql://")) skip = 8;
	else if (prefix_ci(s, len, "mariadb://")) skip = 10;
	else
		return seg_error_set(err, SEG_E_ARGUMENT, "a connection string must start with mysql:// or mariadb://");
	const char *p = s + skip, *end = s + len;
	seg_status st;

	/* authority: up to the first '/' or '?' */
	const char *slash = find(p, end, '/'), *q = find(p, end, '?');
	const char *auth_end = slash < q ? slash : q;
	/* userinfo ends at the last '@' of the authority */
	const char *at = NULL;
	for (const char *c = p; c < auth_end; c++)
		if (*c == '@') at = c;
	if (at) {
		const char *colon = find(p, at, ':');
		if ((st = set_value(d, "user", 4, p, (size_t)(colon - p), true, err)) != SEG_OK) return st;
		if (colon < at && (st = set_value(d, "password", 8, colon + 1, (size_t)(at - colon - 1), true, err)) != SEG_OK)
			return st;
		p = at + 1;
	}
	/* host[:port], the host possibly a bracketed IPv6 address */
	const char *host_end = auth_end, *port = NULL;
	if (p < auth_end && *p == '[') {
		const char *close = find(p, auth_end, ']');
		if (close == auth_end) return seg_error_set(err, SEG_E_ARGUMENT, "the host has a '[' without ']'");
		if (close + 1 < auth_end) {
			if (close[1] != ':') return seg_error_set(err, SEG_E_ARGUMENT, "unexpected text after the host's ']'");
			port = close + 2;
		}
		if ((st = set_value(d, "host", 4, p + 1, (size_t)(close - p - 1), true, err)) != SEG_OK) return st;
	} else {
		for (const char *c = p; c < auth_end; c++)
			if (*c == ':') {
				host_end = c;
				port = c + 1;
			}
		if ((st = set_value(d, "host", 4, p, (size_t)(host_end - p), true, err)) != SEG_OK) return st;
	}
	if (port && (st = set_value(d, "port", 4, port, (size_t)(auth_end - port), false, err)) != SEG_OK) return st;

	/* /database */
	if (slash < q) {
		const char *db = slash + 1;
		if (find(db, q, '/') != q)
			return seg_error_set(err, SEG_E_ARGUMENT, "the database name is followed by another '/'");
		if ((st = set_value(d, "database", 8, db, (size_t)(q - db), true, err)) != SEG_OK) return st;
	}

	/* ?key=value&key=value */
	p = q < end ? q + 1 : end;
	while (p < end) {
		const char *amp = find(p, end, '&'), *eq = find(p, amp, '=');
		if (amp == p) { /* "&&" or a trailing '&' */
			p++;
			continue;
		}
		if (eq == amp) return seg_error_set(err, SEG_E_ARGUMENT, "a query parameter of the connection string has no '='");
		char *key;
		if ((st = decode(p, (size_t)(eq - p), true, "name of a query parameter", &key, err)) != SEG_OK) return st;
		if (!key) return seg_error_set(err, SEG_E_ARGUMENT, "a query parameter of the connection string has no name");
		st = set_value(d, key, strlen(key), eq + 1, (size_t)(amp - eq - 1), true, err);
		free(key);
		if (st != SEG_OK) return st;
		p = amp < end ? amp + 1 : end;
	}
	return SEG_OK;
}
