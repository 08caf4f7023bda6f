/*
 * test_dsn.c - seg_dsn.h: every part of a mysql:// URL, percent-decoding,
 * IPv6 hosts, the query parameters, the key/value form, and errors that
 * never contain the password.
 */
#include "seg_test.h"

#include <string.h>

#include "seg_dsn.h"

static seg_status parse(seg_dsn *d, const char *s, seg_error *err)
{
	seg_dsn_init(d);
	return seg_dsn_parse(d, s, strlen(s), err);
}

static bool str_eq(const char *a, const char *b) { return a && b ? strcmp(a, b) == 0 : a == b; }

SEG_TEST(dsn_full_url)
{
	seg_dsn d;
	seg_error err;
	REQUIRE(parse(&d, "mysql://shop:p%40ss%3Aw%2Frd@db.example:3307/presta?ssl_ca=/etc/ca.pem&ssl_verify=true&connect_timeout=5", &err) == SEG_OK);
	CHECK(str_eq(d.user, "shop"));
	CHECK(str_eq(d.password, "p@ss:w/rd"));
	CHECK(str_eq(d.host, "db.example"));
	CHECK_EQ_UINT(d.port, 3307);
	CHECK(str_eq(d.database, "presta"));
	CHECK(str_eq(d.ssl_ca, "/etc/ca.pem"));
	CHECK_EQ_INT(d.ssl_verify, 1);
	CHECK_EQ_UINT(d.connect_timeout, 5);
	CHECK(d.socket == NULL && d.ssl_cert == NULL && d.ssl_key == NULL);
	seg_dsn_free(&d);
	CHECK(d.password == NULL && d.ssl_verify == -1);
}

SEG_TEST(dsn_minimal_and_parts)
{
	seg_dsn d;
	seg_error err;
	REQUIRE(parse(&d, "MariaDB://", &err) == SEG_OK); /* scheme case-insensitive, everything optional */
	CHECK(d.host == NULL && d.user == NULL && d.port == 0 && d.database == NULL);
	seg_dsn_free(&d);

	REQUIRE(parse(&d, "mysql://root@/shop?socket=/run/mysqld/mysqld.sock", &err) == SEG_OK);
	CHECK(str_eq(d.user, "root") && d.password == NULL && d.host == NULL);
	CHECK(str_eq(d.database, "shop") && str_eq(d.socket, "/run/mysqld/mysqld.sock"));
	seg_dsn_free(&d);

	REQUIRE(parse(&d, "mysql://u:@[::1]:3306", &err) == SEG_OK); /* empty password: none */
	CHECK(str_eq(d.host, "::1") && d.port == 3306 && d.password == NULL);
	seg_dsn_free(&d);

	REQUIRE(parse(&d, "mysql://u:a@b@h/db", &err) == SEG_OK); /* the last '@' ends the user info */
	CHECK(str_eq(d.password, "a@b") && str_eq(d.host, "h"));
	seg_dsn_free(&d);

	REQUIRE(parse(&d, "mysql://h?&ssl_verify=0&", &err) == SEG_OK);
	CHECK(str_eq(d.host, "h") && d.ssl_verify == 0);
	seg_dsn_free(&d);
}

SEG_TEST(dsn_errors_never_show_values)
{
	static const struct {
		const char *dsn, *message_part;
	} bad[] = {
		{"postgres://u:hunter2@h/db", "must start with mysql://"},
		{"mysql://u:hunter2%zz@h/db", "the password has a '%' not followed by two hex digits"},
		{"mysql://u:hunter2%00x@h/db", "the password contains a NUL byte"},
		{"mysql://u:hunter2@h:99999/db", "the port must be a number from 1 to 65535"},
		{"mysql://u:hunter2@h:0/db", "the port must be"},
		{"mysql://u:hunter2@h:33a/db", "the port must be"},
		{"mysql://u:hunter2@[::1/db", "'[' without ']'"},
		{"mysql://u:hunter2@[::1]x/db", "after the host's ']'"},
		{"mysql://u:hunter2@h/db/extra", "followed by another '/'"},
		{"mysql://u:hunter2@h/db?sslca=x", "unknown connection setting 'sslca'"},
		{"mysql://u:hunter2@h/db?ssl_verify=maybe", "ssl_verify must be"},
		{"mysql://u:hunter2@h/db?connect_timeout=0", "connect_timeout must be"},
		{"mysql://u:hunter2@h/db?socket", "has no '='"},
		{"mysql://u:hunter2@h/db?=x", "has no name"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		seg_dsn d;
		seg_error err;
		seg_status st = parse(&d, bad[i].dsn, &err);
		CHECK(st == SEG_E_ARGUMENT);
		CHECK(strstr(err.message, bad[i].message_part) != NULL);
		CHECK(strstr(err.message, "hunter2") == NULL);
		seg_dsn_free(&d);
	}
}

SEG_TEST(dsn_set_key_values)
{
	seg_dsn d;
	seg_error err;
	seg_dsn_init(&d);
	CHECK(seg_dsn_set(&d, "host", 4, "127.0.0.1", 9, &err) == SEG_OK);
	CHECK(seg_dsn_set(&d, "port", 4, "3306", 4, &err) == SEG_OK);
	CHECK(seg_dsn_set(&d, "password", 8, "p%40ss", 6, &err) == SEG_OK); /* taken as given */
	CHECK(str_eq(d.password, "p%40ss"));
	CHECK(seg_dsn_set(&d, "password", 8, "other", 5, &err) == SEG_OK); /* replaced */
	CHECK(str_eq(d.password, "other"));
	CHECK(seg_dsn_set(&d, "user", 4, "", 0, &err) == SEG_OK && d.user == NULL); /* empty: unset */
	CHECK(seg_dsn_set(&d, "port", 4, "-1", 2, &err) == SEG_E_ARGUMENT);
	CHECK(seg_dsn_set(&d, "bogus", 5, "x", 1, &err) == SEG_E_ARGUMENT);
	CHECK(strstr(err.message, "'bogus'") != NULL);
	CHECK(seg_dsn_set(&d, "bo\ngus", 6, "x", 1, &err) == SEG_E_ARGUMENT); /* not shown: not printable */
	CHECK(strcmp(err.message, "unknown connection setting") == 0);
	CHECK_EQ_UINT(d.port, 3306);
	seg_dsn_free(&d);
}
