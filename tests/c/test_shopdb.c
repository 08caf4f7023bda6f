/*
 * test_shopdb.c - seg_shopdb.h: prefixes, the platform queries, MySQL date
 * text (zero dates refused), UTF-8 checks, rows into order lines; and the
 * profile side of database rows (lines without a date, countries).
 */
#include "seg_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seg_shopdb.h"
#include "seg_value.h"

SEG_TEST(shopdb_prefix)
{
	CHECK(seg_shopdb_prefix_valid("ps_", 3));
	CHECK(seg_shopdb_prefix_valid("", 0));
	CHECK(seg_shopdb_prefix_valid("Shop2_", 6));
	CHECK(!seg_shopdb_prefix_valid("ps`", 3));
	CHECK(!seg_shopdb_prefix_valid("ps_; DROP", 9));
	CHECK(!seg_shopdb_prefix_valid("p-s", 3));
	char longp[80];
	memset(longp, 'a', sizeof longp);
	CHECK(seg_shopdb_prefix_valid(longp, 64));
	CHECK(!seg_shopdb_prefix_valid(longp, 65));
}

SEG_TEST(shopdb_queries_use_the_prefix_only)
{
	char *sql;
	seg_error err;
	REQUIRE(seg_shopdb_query(SEG_SHOP_PRESTASHOP, "shop2_", 6, &sql, &err) == SEG_OK);
	CHECK(strstr(sql, "FROM `shop2_orders` o") != NULL);
	CHECK(strstr(sql, "`shop2_order_state`") != NULL && strstr(sql, "`shop2_country`") != NULL);
	CHECK(strstr(sql, "{p}") == NULL && strstr(sql, "ps_") == NULL);
	free(sql);
	REQUIRE(seg_shopdb_query(SEG_SHOP_MAGENTO, "", 0, &sql, &err) == SEG_OK);
	CHECK(strstr(sql, "FROM `sales_order` o") != NULL && strstr(sql, "`customer_address_entity`") != NULL);
	free(sql);
	CHECK(seg_shopdb_query(SEG_SHOP_MAGENTO, "a`b", 3, &sql, &err) == SEG_E_ARGUMENT);
	CHECK(sql == NULL);
}

SEG_TEST(shopdb_customer_queries_have_one_marker)
{
	char *sql;
	seg_error err;
	REQUIRE(seg_shopdb_query_customer(SEG_SHOP_PRESTASHOP, "ps_", 3, &sql, &err) == SEG_OK);
	size_t n = strlen(sql);
	CHECK(n > 24 && strcmp(sql + n - 24, " WHERE o.id_customer = ?") == 0);
	CHECK(strchr(sql, '?') == sql + n - 1);
	free(sql);
	REQUIRE(seg_shopdb_query_customer(SEG_SHOP_MAGENTO, "m2_", 3, &sql, &err) == SEG_OK);
	CHECK(strstr(sql, "FROM `m2_sales_order` o") != NULL && strstr(sql, " WHERE o.customer_id = ?") != NULL);
	free(sql);
	CHECK(seg_shopdb_query_customer(SEG_SHOP_PRESTASHOP, "p-", 2, &sql, &err) == SEG_E_ARGUMENT);
	CHECK(sql == NULL);
}

SEG_TEST(shopdb_datetime)
{
	int64_t ts;
	REQUIRE(seg_shopdb_parse_datetime("2024-02-29 13:14:15", 19, &ts));
	CHECK_EQ_INT(ts, seg_days_from_civil(2024, 2, 29) * 86400 + 13 * 3600 + 14 * 60 + 15);
	REQUIRE(seg_shopdb_parse_datetime("2024-02-29", 10, &ts));
	CHECK_EQ_INT(ts, seg_days_from_civil(2024, 2, 29) * 86400);
	REQUIRE(seg_shopdb_parse_datetime("2024-02-29 13:14:15.123456", 26, &ts));
	CHECK_EQ_INT(ts, seg_days_from_civil(2024, 2, 29) * 86400 + 13 * 3600 + 14 * 60 + 15);
	REQUIRE(seg_shopdb_parse_datetime("0000-01-01 00:00:00", 19, &ts)); /* year 0 exists in MySQL */
	static const char *bad[] = {
		"0000-00-00 00:00:00", "0000-00-00", "2024-00-10 00:00:00", "2024-05-00", "2023-02-29", "2024-13-01",
		"2024-04-31", "2024-01-01 24:00:00", "2024-01-01 00:60:00", "2024-01-01 00:00:60", "2024-01-01T00:00:00",
		"2024-01-01 00:00:00.", "2024-01-01 00:00:00.1234567", "2024-1-01", "", "2024-01-01 00:00",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) CHECK(!seg_shopdb_parse_datetime(bad[i], strlen(bad[i]), &ts));
}

SEG_TEST(shopdb_utf8)
{
	CHECK(seg_shopdb_utf8_valid("José", strlen("José")));
	CHECK(seg_shopdb_utf8_valid("\xF0\x9F\x98\x80", 4));   /* U+1F600 */
	CHECK(!seg_shopdb_utf8_valid("\xC3\x28", 2));          /* bad continuation */
	CHECK(!seg_shopdb_utf8_valid("Jos\xE9", 4));           /* latin1 */
	CHECK(!seg_shopdb_utf8_valid("\xC0\xAF", 2));          /* overlong */
	CHECK(!seg_shopdb_utf8_valid("\xED\xA0\x80", 3));      /* surrogate */
	CHECK(!seg_shopdb_utf8_valid("\xF4\x90\x80\x80", 4));  /* above U+10FFFF */
	CHECK(!seg_shopdb_utf8_valid("\xE2\x82", 2));          /* cut short */
}

static seg_shopdb_field fld(const char *s) { seg_shopdb_field f = {s, s ? strlen(s) : 0}; return f; }

SEG_TEST(shopdb_line)
{
	seg_shopdb_row r = {fld("42"), fld("1001"), fld("2024-05-06 07:08:09"), fld("12.500000"), fld("valid"), fld("fr"),
	                    true, true, true};
	seg_order_line l;
	seg_error err;
	REQUIRE(seg_shopdb_line(&r, &l, &err) == SEG_OK);
	CHECK(l.customer.len == 2 && memcmp(l.customer.s, "42", 2) == 0);
	CHECK(l.order.len == 4 && l.status.len == 5 && l.country.len == 2);
	CHECK_EQ_DBL(l.amount, 12.5);
	CHECK(isnan(l.quantity));

	r.date = fld("0000-00-00 00:00:00");
	REQUIRE(seg_shopdb_line(&r, &l, &err) == SEG_OK);
	CHECK(l.ts == SEG_TS_NONE);
	r.date = fld(NULL);
	REQUIRE(seg_shopdb_line(&r, &l, &err) == SEG_OK);
	CHECK(l.ts == SEG_TS_NONE);

	r.has_country = false; /* a custom query without a country column */
	REQUIRE(seg_shopdb_line(&r, &l, &err) == SEG_OK);
	CHECK(l.country.len == 0);

	r.amount = fld(NULL);
	CHECK(seg_shopdb_line(&r, &l, &err) == SEG_E_ARGUMENT);
	CHECK(strcmp(err.attribute, "amount") == 0 && strstr(err.message, "NULL") != NULL);
	r.amount = fld("12,5");
	CHECK(seg_shopdb_line(&r, &l, &err) == SEG_E_ARGUMENT);
	CHECK(strcmp(err.attribute, "amount") == 0);

	r.customer = fld("Jos\xE9");
	CHECK(seg_shopdb_line(&r, &l, &err) == SEG_E_ARGUMENT);
	CHECK(strcmp(err.attribute, "customer") == 0);

	r.customer = fld(NULL); /* a guest: fine whatever the rest holds */
	REQUIRE(seg_shopdb_line(&r, &l, &err) == SEG_OK);
	CHECK(l.customer.len == 0);
}

SEG_TEST(shopdb_split_queries)
{
	char *sql;
	seg_error err;
	const seg_shopdb_part *parts;
	static const char *const ps_tables[] = {"`shop2_order_state`", "`shop2_customer`", "`shop2_country`",
	                                        "`shop2_address`", "`shop2_orders`"};
	size_t n = seg_shopdb_split_parts(SEG_SHOP_PRESTASHOP, &parts);
	REQUIRE(n == 5);
	CHECK(parts[2] == SEG_SHOPDB_COUNTRIES && parts[3] == SEG_SHOPDB_ADDRESSES && parts[4] == SEG_SHOPDB_ORDERS);
	for (size_t i = 0; i < n; i++) {
		REQUIRE(seg_shopdb_split_query(SEG_SHOP_PRESTASHOP, parts[i], "shop2_", 6, &sql, &err) == SEG_OK);
		CHECK(strstr(sql, ps_tables[i]) != NULL);
		CHECK(strstr(sql, "JOIN") == NULL && strstr(sql, "{p}") == NULL && strstr(sql, "ps_") == NULL);
		free(sql);
	}
	REQUIRE(seg_shopdb_split_query(SEG_SHOP_PRESTASHOP, SEG_SHOPDB_ORDERS, "", 0, &sql, &err) == SEG_OK);
	CHECK(strstr(sql, " AS state") != NULL && strstr(sql, " AS address") != NULL && strstr(sql, " AS amount") != NULL);
	free(sql);

	n = seg_shopdb_split_parts(SEG_SHOP_MAGENTO, &parts);
	REQUIRE(n == 2);
	CHECK(parts[0] == SEG_SHOPDB_CUSTOMERS && parts[1] == SEG_SHOPDB_ORDERS);
	REQUIRE(seg_shopdb_split_query(SEG_SHOP_MAGENTO, SEG_SHOPDB_CUSTOMERS, "m2_", 3, &sql, &err) == SEG_OK);
	CHECK(strstr(sql, "`m2_customer_entity`") && strstr(sql, "`m2_customer_address_entity`"));
	free(sql);
	REQUIRE(seg_shopdb_split_query(SEG_SHOP_MAGENTO, SEG_SHOPDB_ORDERS, "m2_", 3, &sql, &err) == SEG_OK);
	CHECK(strstr(sql, "FROM `m2_sales_order` o") != NULL && strstr(sql, "JOIN") == NULL && strstr(sql, " AS state"));
	free(sql);
	CHECK(seg_shopdb_split_query(SEG_SHOP_MAGENTO, SEG_SHOPDB_ADDRESSES, "", 0, &sql, &err) == SEG_E_ARGUMENT);
	CHECK(sql == NULL);
	CHECK(seg_shopdb_split_query(SEG_SHOP_PRESTASHOP, SEG_SHOPDB_ORDERS, "ps`", 3, &sql, &err) == SEG_E_ARGUMENT);
	CHECK(seg_shopdb_split_query(SEG_SHOP_PRESTASHOP, (seg_shopdb_part)99, "ps_", 3, &sql, &err) == SEG_E_ARGUMENT);
}

static bool field_is(seg_shopdb_field f, const char *s)
{
	return s ? f.s && f.len == strlen(s) && memcmp(f.s, s, f.len) == 0 : f.s == NULL;
}

/* Each case of the single query's LEFT JOINs, resolved in the client. */
SEG_TEST(shopdb_resolve_is_the_join)
{
	seg_shopdb_lookup *lk = seg_shopdb_lookup_new(SEG_SHOP_PRESTASHOP);
	REQUIRE(lk != NULL);
	seg_shopdb_field none = fld(NULL);
	/* logable states 2 and 5; customers 10 and 11 count (12: deleted or a guest, not listed) */
	REQUIRE(seg_shopdb_lookup_add(lk, SEG_SHOPDB_STATES, fld("2"), none));
	REQUIRE(seg_shopdb_lookup_add(lk, SEG_SHOPDB_STATES, fld("5"), none));
	REQUIRE(seg_shopdb_lookup_add(lk, SEG_SHOPDB_CUSTOMERS, fld("10"), none));
	REQUIRE(seg_shopdb_lookup_add(lk, SEG_SHOPDB_CUSTOMERS, fld("11"), none));
	REQUIRE(seg_shopdb_lookup_add(lk, SEG_SHOPDB_CUSTOMERS, fld("x"), none)); /* skipped */
	/* countries: 8 FR, 9 with a NULL code */
	REQUIRE(seg_shopdb_lookup_add(lk, SEG_SHOPDB_COUNTRIES, fld("8"), fld("FR")));
	REQUIRE(seg_shopdb_lookup_add(lk, SEG_SHOPDB_COUNTRIES, fld("9"), none));
	/* addresses: 100 in FR, 101 in 9, 102 in a country that is gone */
	REQUIRE(seg_shopdb_lookup_add(lk, SEG_SHOPDB_ADDRESSES, fld("100"), fld("8")));
	REQUIRE(seg_shopdb_lookup_add(lk, SEG_SHOPDB_ADDRESSES, fld("101"), fld("9")));
	REQUIRE(seg_shopdb_lookup_add(lk, SEG_SHOPDB_ADDRESSES, fld("102"), fld("77")));
	CHECK(seg_shopdb_lookup_memory(lk) > 0);

	seg_shopdb_row r = {fld("10"), fld("1"), fld("2024-01-01"), fld("5"), fld("2"), fld("100"), true, false, false};
	seg_shopdb_resolve(lk, &r);
	CHECK(field_is(r.customer, "10") && field_is(r.status, "valid") && field_is(r.country, "FR"));
	CHECK(r.has_status && r.has_country && field_is(r.order, "1") && field_is(r.amount, "5"));

	r = (seg_shopdb_row){fld("12"), fld("2"), fld("2024-01-01"), fld("5"), fld("3"), fld("101"), true, true, true};
	seg_shopdb_resolve(lk, &r);
	CHECK(field_is(r.customer, NULL) && field_is(r.status, "invalid") && field_is(r.country, NULL));

	/* a state row that is gone, an address that is gone, an address whose country is gone */
	const char *addrs[] = {"103", "102", NULL, "abc"};
	for (size_t i = 0; i < sizeof addrs / sizeof *addrs; i++) {
		r = (seg_shopdb_row){fld("11"), fld("3"), fld("2024-01-01"), fld("5"), fld("99"), fld(addrs[i]), true, true, true};
		seg_shopdb_resolve(lk, &r);
		CHECK(field_is(r.customer, "11") && field_is(r.status, "invalid") && field_is(r.country, NULL));
	}
	r = (seg_shopdb_row){fld(NULL), fld("4"), fld("2024-01-01"), fld("5"), fld(NULL), fld("100"), true, true, true};
	seg_shopdb_resolve(lk, &r);
	CHECK(field_is(r.customer, NULL) && field_is(r.status, "invalid") && field_is(r.country, "FR"));
	seg_shopdb_lookup_free(lk);
	seg_shopdb_lookup_free(NULL);
}

SEG_TEST(shopdb_resolve_magento)
{
	seg_shopdb_lookup *lk = seg_shopdb_lookup_new(SEG_SHOP_MAGENTO);
	REQUIRE(lk != NULL);
	seg_shopdb_field none = fld(NULL);
	/* customers 1 (FR), 2 (no address), 3 (FR again: one code kept), 4 (a long text) */
	REQUIRE(seg_shopdb_lookup_add(lk, SEG_SHOPDB_CUSTOMERS, fld("1"), fld("FR")));
	REQUIRE(seg_shopdb_lookup_add(lk, SEG_SHOPDB_CUSTOMERS, fld("2"), none));
	size_t before = seg_shopdb_lookup_memory(lk);
	for (int i = 0; i < 100; i++) REQUIRE(seg_shopdb_lookup_add(lk, SEG_SHOPDB_CUSTOMERS, fld("3"), fld("FR")));
	CHECK(seg_shopdb_lookup_memory(lk) == before); /* interned: no new copy per customer */
	REQUIRE(seg_shopdb_lookup_add(lk, SEG_SHOPDB_CUSTOMERS, fld("4"), fld("Deutschland")));

	seg_shopdb_row r = {fld("1"), fld("10"), fld("2024-01-01"), fld("5"), fld("canceled"), none, true, true, false};
	seg_shopdb_resolve(lk, &r);
	CHECK(field_is(r.customer, "1") && field_is(r.status, "canceled") && field_is(r.country, "FR") && r.has_country);
	r = (seg_shopdb_row){fld("2"), fld("11"), fld("2024-01-01"), fld("5"), fld("complete"), none, true, true, false};
	seg_shopdb_resolve(lk, &r);
	CHECK(field_is(r.customer, "2") && field_is(r.status, "complete") && field_is(r.country, NULL));
	r = (seg_shopdb_row){fld("3"), fld("12"), fld("2024-01-01"), fld("5"), fld("new"), none, true, true, false};
	seg_shopdb_resolve(lk, &r);
	CHECK(field_is(r.country, "FR"));
	r = (seg_shopdb_row){fld("4"), fld("13"), fld("2024-01-01"), fld("5"), fld("new"), none, true, true, false};
	seg_shopdb_resolve(lk, &r);
	CHECK(field_is(r.country, "Deutschland"));
	/* a guest order (NULL customer_id) and a customer that is gone */
	r = (seg_shopdb_row){none, fld("14"), fld("2024-01-01"), fld("5"), fld("complete"), none, true, true, false};
	seg_shopdb_resolve(lk, &r);
	CHECK(field_is(r.customer, NULL) && field_is(r.country, NULL) && field_is(r.status, "complete"));
	r = (seg_shopdb_row){fld("9"), fld("15"), fld("2024-01-01"), fld("5"), fld("complete"), none, true, true, false};
	seg_shopdb_resolve(lk, &r);
	CHECK(field_is(r.customer, NULL) && field_is(r.country, NULL));
	seg_shopdb_lookup_free(lk);
}

static seg_order_line line(const char *cust, const char *order, int64_t ts, double amount, const char *country)
{
	seg_order_line l;
	memset(&l, 0, sizeof l);
	l.customer.s = cust;
	l.customer.len = strlen(cust);
	l.order.s = order;
	l.order.len = strlen(order);
	l.ts = ts;
	l.amount = amount;
	l.quantity = NAN;
	if (country) {
		l.country.s = country;
		l.country.len = strlen(country);
	}
	return l;
}

SEG_TEST(profiles_country_and_no_date)
{
	seg_profiles *p;
	seg_error err;
	REQUIRE(seg_profiles_create(NULL, &p, &err) == SEG_OK);
	CHECK(!seg_profiles_has_country(p));
	seg_order_line ls[] = {
		line("a", "1", 1000, 1, "fr"), line("a", "2", 3000, 1, "de"), line("a", "3", 2000, 1, "it"), /* latest: DE */
		line("a", "4", 4000, 1, NULL),                                                               /* none: keeps DE */
		line("a", "5", 5000, 1, "toolong"), line("a", "6", 6000, 1, "f1"),                           /* invalid: ignored */
		line("b", "1", SEG_TS_NONE, 1, "US"),                                                        /* no date: skipped */
		line("c", "1", 100, 1, NULL),
	};
	size_t done;
	REQUIRE(seg_profiles_add_many(p, ls, sizeof ls / sizeof ls[0], &done, &err) == SEG_OK);
	CHECK_EQ_UINT(seg_profiles_count(p), 2); /* b never appears */
	CHECK_EQ_UINT(seg_profiles_stats(p)->no_date, 1);
	CHECK_EQ_UINT(seg_profiles_stats(p)->lines, 8);
	CHECK(seg_profiles_has_country(p));
	char buf[4];
	seg_str c = seg_profiles_country(p, (size_t)seg_profiles_find(p, "a", 1), buf);
	CHECK(c.len == 2 && memcmp(c.s, "DE", 2) == 0);
	c = seg_profiles_country(p, (size_t)seg_profiles_find(p, "c", 1), buf);
	CHECK(c.len == 0);
	CHECK_EQ_UINT(seg_profiles_at(p, (size_t)seg_profiles_find(p, "a", 1))->orders, 6);
	seg_profiles_free(p);
}

/* Countries of many customers across profile chunks (4096 per chunk). */
SEG_TEST(profiles_country_many)
{
	seg_profiles *p;
	seg_error err;
	REQUIRE(seg_profiles_create(NULL, &p, &err) == SEG_OK);
	char id[16];
	for (int i = 0; i < 10000; i++) {
		snprintf(id, sizeof id, "c%d", i);
		seg_order_line l = line(id, "1", 1000, 1, i % 3 == 0 ? "SE" : NULL);
		REQUIRE(seg_profiles_add(p, &l, &err) == SEG_OK);
	}
	int with = 0;
	char buf[4];
	for (size_t i = 0; i < seg_profiles_count(p); i++) {
		seg_str s = seg_profiles_id(p, i);
		char num[16] = {0};
		memcpy(num, s.s + 1, s.len - 1 < sizeof num - 1 ? s.len - 1 : sizeof num - 1);
		int n = atoi(num);
		seg_str c = seg_profiles_country(p, i, buf);
		CHECK((n % 3 == 0) == (c.len == 2));
		with += c.len == 2;
	}
	CHECK_EQ_INT(with, 3334);
	seg_profiles_free(p);
}
