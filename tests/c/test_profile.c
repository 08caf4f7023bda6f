/*
 * test_profile.c - seg_profile.h: aggregating order lines into customer
 * profiles (orders, monetary, cancellations and returns), the id index
 * (growth, find) and the memory budget per customer.
 */
#include "seg_test.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seg_profile.h"
#include "seg_value.h"

/* ---- helpers ---------------------------------------------------------- */

#define DAY INT64_C(86400)
#define T0 INT64_C(1704067200) /* 2024-01-01 00:00:00 */

static seg_str S(const char *s)
{
	seg_str r = {s, s ? strlen(s) : 0};
	return r;
}

/* One line: customer, order id (NULL: none), status (NULL: none), time, amount, quantity (NAN: unknown). */
static seg_status add(seg_profiles *p, const char *customer, const char *order, const char *status, int64_t ts,
                      double amount, double quantity)
{
	seg_order_line l;
	memset(&l, 0, sizeof l);
	l.customer = S(customer);
	l.order = S(order);
	l.status = S(status);
	l.ts = ts;
	l.amount = amount;
	l.quantity = quantity;
	seg_error err;
	return seg_profiles_add(p, &l, &err);
}

static const seg_profile *get(const seg_profiles *p, const char *id)
{
	int64_t i = seg_profiles_find(p, id, strlen(id));
	return i < 0 ? NULL : seg_profiles_at(p, (size_t)i);
}

static seg_profiles *make(const seg_profile_policy *policy)
{
	seg_profiles *p = NULL;
	seg_error err;
	if (seg_profiles_create(policy, &p, &err) != SEG_OK) return NULL;
	return p;
}

/* ---- create / free ---------------------------------------------------- */

SEG_TEST(profiles_create_and_free)
{
	seg_profiles_free(NULL); /* a no-op */
	seg_profiles *p = make(NULL);
	REQUIRE(p != NULL);
	CHECK_EQ_UINT(seg_profiles_count(p), 0);
	CHECK_EQ_INT(seg_profiles_find(p, "x", 1), -1);
	CHECK_EQ_INT(seg_profiles_find(p, "", 0), -1);
	const seg_profile_stats *st = seg_profiles_stats(p);
	CHECK_EQ_UINT(st->lines, 0);
	CHECK(st->min_ts > st->max_ts); /* no dates yet */
	CHECK(seg_profiles_memory(p) > 0);
	seg_profiles_free(p);
}

SEG_TEST(profiles_policy_is_copied)
{
	/* The policy's strings may die right after create. */
	char status[16], prefix[4];
	strcpy(status, "canceled");
	strcpy(prefix, "C");
	seg_str statuses[1] = {{status, strlen(status)}};
	seg_profile_policy pol = {SEG_RETURNS_EXCLUDE, statuses, 1, {prefix, 1}};
	seg_profiles *p = make(&pol);
	REQUIRE(p != NULL);
	memset(status, 'x', sizeof status - 1);
	memset(prefix, 'x', sizeof prefix - 1);
	statuses[0].s = NULL;
	CHECK_EQ_INT(add(p, "a", "C1", NULL, T0, -5, NAN), SEG_OK);
	CHECK_EQ_INT(add(p, "a", "2", "canceled", T0, 5, NAN), SEG_OK);
	CHECK_EQ_INT(add(p, "a", "x3", "xxxxxxxx", T0, 5, NAN), SEG_OK);
	const seg_profile *a = get(p, "a");
	REQUIRE(a != NULL);
	CHECK_EQ_UINT(a->cancelled, 2);
	CHECK_EQ_UINT(a->orders, 1);
	CHECK_EQ_UINT(seg_profiles_stats(p)->cancelled_lines, 2);
	seg_profiles_free(p);
}

/* ---- aggregation ------------------------------------------------------ */

SEG_TEST(profiles_add_aggregates)
{
	seg_profiles *p = make(NULL);
	REQUIRE(p != NULL);
	CHECK_EQ_INT(add(p, "17850", "1001", NULL, T0 + 10 * DAY, 7.0, 2), SEG_OK);
	CHECK_EQ_INT(add(p, "17850", "1001", NULL, T0 + 10 * DAY, 3.5, 1), SEG_OK);
	CHECK_EQ_INT(add(p, "12347", "1002", NULL, T0 + 3 * DAY, 1.25, 1), SEG_OK);
	CHECK_EQ_INT(add(p, "17850", "1003", NULL, T0 + 2 * DAY, 0.0, 1), SEG_OK); /* earlier, free: still an order */
	CHECK_EQ_UINT(seg_profiles_count(p), 2);

	/* First seen, first index. */
	seg_str id0 = seg_profiles_id(p, 0), id1 = seg_profiles_id(p, 1);
	CHECK_MEM(id0.s, id0.len, "17850");
	CHECK_MEM(id1.s, id1.len, "12347");
	CHECK_EQ_INT(seg_profiles_find(p, "17850", 5), 0);
	CHECK_EQ_INT(seg_profiles_find(p, "12347", 5), 1);
	CHECK_EQ_INT(seg_profiles_find(p, "1785", 4), -1);
	CHECK_EQ_INT(seg_profiles_find(p, "178500", 6), -1);

	const seg_profile *a = seg_profiles_at(p, 0);
	CHECK_EQ_UINT(a->orders, 2);
	CHECK_EQ_DBL(a->monetary, 10.5);
	CHECK_EQ_INT(a->first_ts, T0 + 2 * DAY);
	CHECK_EQ_INT(a->last_ts, T0 + 10 * DAY);
	CHECK_EQ_UINT(a->cancelled, 0);
	CHECK_EQ_DBL(a->returned, 0.0);

	const seg_profile_stats *st = seg_profiles_stats(p);
	CHECK_EQ_UINT(st->lines, 4);
	CHECK_EQ_UINT(st->no_customer, 0);
	CHECK_EQ_INT(st->min_ts, T0 + 2 * DAY);
	CHECK_EQ_INT(st->max_ts, T0 + 10 * DAY);
	seg_profiles_free(p);
}

SEG_TEST(profiles_guest_lines_skipped)
{
	seg_profiles *p = make(NULL);
	REQUIRE(p != NULL);
	CHECK_EQ_INT(add(p, "", "1", NULL, T0, 5, NAN), SEG_OK);
	CHECK_EQ_INT(add(p, NULL, "2", NULL, T0, 5, NAN), SEG_OK);
	/* A guest line is not validated: its values are never used. */
	CHECK_EQ_INT(add(p, "", "3", NULL, INT64_MAX, NAN, INFINITY), SEG_OK);
	CHECK_EQ_UINT(seg_profiles_count(p), 0);
	const seg_profile_stats *st = seg_profiles_stats(p);
	CHECK_EQ_UINT(st->lines, 3);
	CHECK_EQ_UINT(st->no_customer, 3);
	CHECK(st->min_ts > st->max_ts); /* guests do not count in the dates */
	seg_profiles_free(p);
}

SEG_TEST(profiles_add_rejects_bad_values)
{
	seg_profiles *p = make(NULL);
	REQUIRE(p != NULL);
	seg_order_line l;
	memset(&l, 0, sizeof l);
	l.customer = S("a");
	l.ts = T0;
	l.quantity = NAN;
	seg_error err;
	l.amount = NAN;
	CHECK_EQ_INT(seg_profiles_add(p, &l, &err), SEG_E_ARGUMENT);
	CHECK_STR(err.message, "the amount is not a finite number");
	l.amount = -INFINITY;
	CHECK_EQ_INT(seg_profiles_add(p, &l, &err), SEG_E_ARGUMENT);
	l.amount = 1;
	l.quantity = INFINITY;
	CHECK_EQ_INT(seg_profiles_add(p, &l, &err), SEG_E_ARGUMENT);
	CHECK_STR(err.message, "the quantity is not a finite number");
	l.quantity = NAN; /* unknown quantity is fine */
	l.ts = SEG_DATE_MAX + 1;
	CHECK_EQ_INT(seg_profiles_add(p, &l, &err), SEG_E_ARGUMENT);
	CHECK_STR(err.message, "the order date is outside years 0000-9999");
	l.ts = SEG_DATE_MIN - 1;
	CHECK_EQ_INT(seg_profiles_add(p, &l, &err), SEG_E_ARGUMENT);
	/* Nothing was created by the refused lines. */
	CHECK_EQ_UINT(seg_profiles_count(p), 0);
	l.ts = SEG_DATE_MIN;
	CHECK_EQ_INT(seg_profiles_add(p, &l, &err), SEG_OK);
	l.ts = SEG_DATE_MAX;
	CHECK_EQ_INT(seg_profiles_add(p, &l, &err), SEG_OK);
	CHECK_EQ_UINT(seg_profiles_count(p), 1);
	CHECK_EQ_INT(seg_profiles_at(p, 0)->first_ts, SEG_DATE_MIN);
	CHECK_EQ_INT(seg_profiles_at(p, 0)->last_ts, SEG_DATE_MAX);
	/* err may be NULL. */
	l.amount = NAN;
	CHECK_EQ_INT(seg_profiles_add(p, &l, NULL), SEG_E_ARGUMENT);
	seg_profiles_free(p);
}

SEG_TEST(profiles_id_too_long)
{
	seg_profiles *p = make(NULL);
	REQUIRE(p != NULL);
	char id[1026];
	memset(id, 'a', sizeof id);
	seg_order_line l;
	memset(&l, 0, sizeof l);
	l.ts = T0;
	l.amount = 1;
	l.quantity = NAN;
	seg_error err;
	l.customer.s = id;
	l.customer.len = 1024;
	CHECK_EQ_INT(seg_profiles_add(p, &l, &err), SEG_OK);
	l.customer.len = 1025;
	CHECK_EQ_INT(seg_profiles_add(p, &l, &err), SEG_E_LIMIT);
	CHECK_STR(err.message, "a customer id is longer than 1024 bytes");
	CHECK_EQ_UINT(seg_profiles_count(p), 1);
	CHECK_EQ_INT(seg_profiles_find(p, id, 1024), 0);
	/* Ids are bytes: NUL and high bytes are fine. */
	l.customer.s = "a\0b\xff";
	l.customer.len = 4;
	CHECK_EQ_INT(seg_profiles_add(p, &l, &err), SEG_OK);
	CHECK_EQ_INT(seg_profiles_find(p, "a\0b\xff", 4), 1);
	CHECK_EQ_INT(seg_profiles_find(p, "a", 1), -1);
	seg_profiles_free(p);
}

SEG_TEST(profiles_order_counting)
{
	seg_profiles *p = make(NULL);
	REQUIRE(p != NULL);
	add(p, "a", "1", NULL, T0, 1, NAN);
	add(p, "a", "1", NULL, T0, 1, NAN);     /* same order */
	add(p, "b", "1", NULL, T0, 1, NAN);     /* another customer's order "1" */
	add(p, "a", "1", NULL, T0, 1, NAN);     /* a's previous counted line was order 1 */
	add(p, "a", "2", NULL, T0, 1, NAN);     /* new */
	add(p, "a", "1", NULL, T0, 1, NAN);     /* repeated, not adjacent: counts again */
	add(p, "a", NULL, NULL, T0, 1, NAN);    /* no id: its own order */
	add(p, "a", NULL, NULL, T0, 1, NAN);    /* again */
	add(p, "a", "10", NULL, T0, 1, NAN);
	add(p, "a", "1", NULL, T0, 1, NAN);     /* "10" vs "1": different */
	add(p, "b", "1", NULL, T0, 1, NAN);     /* b: adjacent for b */
	CHECK_EQ_UINT(get(p, "a")->orders, 7);
	CHECK_EQ_UINT(get(p, "b")->orders, 1);
	CHECK_EQ_DBL(get(p, "a")->monetary, 9);
	seg_profiles_free(p);
}

SEG_TEST(profiles_cancellations_and_returns_exclude)
{
	const seg_str statuses[] = {{"canceled", 8}, {"refunded", 8}};
	seg_profile_policy pol = {SEG_RETURNS_EXCLUDE, statuses, 2, {"C", 1}};
	seg_profiles *p = make(&pol);
	REQUIRE(p != NULL);
	add(p, "a", "100", "paid", T0, 11, 2);
	add(p, "a", "100", "paid", T0, 3, 1);
	add(p, "a", "C100", "paid", T0 + DAY, -3, -1);      /* cancelled by prefix */
	add(p, "a", "C100", "paid", T0 + DAY, -11, -2);     /* same cancelled order */
	add(p, "a", "101", "canceled", T0 + 4 * DAY, 10, 4); /* cancelled by status, positive */
	add(p, "a", "102", "paid", T0 + 5 * DAY, -7, -1);   /* return: negative quantity */
	add(p, "a", "103", "paid", T0 + 6 * DAY, -6, 3);    /* return: negative amount */
	add(p, "a", "104", "paid", T0 + 7 * DAY, 0, 0);     /* free line: an order */
	add(p, "a", "105", "Canceled", T0 + 8 * DAY, 1, 1); /* statuses are exact bytes */
	add(p, "a", "C", NULL, T0 + 9 * DAY, -1, NAN);      /* the prefix alone */
	add(p, "a", "c7", NULL, T0 + 9 * DAY, 1, NAN);      /* prefixes are case-sensitive */
	const seg_profile *a = get(p, "a");
	REQUIRE(a != NULL);
	CHECK_EQ_UINT(a->orders, 4);        /* 100, 104, 105, c7 */
	CHECK_EQ_DBL(a->monetary, 16);      /* 11 + 3 + 0 + 1 + 1 */
	CHECK_EQ_UINT(a->cancelled, 3);     /* C100, 101, C */
	CHECK_EQ_DBL(a->returned, 38);      /* 3 + 11 + 10 + 7 + 6 + 1 */
	CHECK_EQ_INT(a->first_ts, T0);
	CHECK_EQ_INT(a->last_ts, T0 + 9 * DAY);
	const seg_profile_stats *st = seg_profiles_stats(p);
	CHECK_EQ_UINT(st->cancelled_lines, 4);
	CHECK_EQ_UINT(st->returned_lines, 2);
	seg_profiles_free(p);
}

SEG_TEST(profiles_returns_net)
{
	seg_profile_policy pol = {SEG_RETURNS_NET, NULL, 0, {"C", 1}};
	seg_profiles *p = make(&pol);
	REQUIRE(p != NULL);
	add(p, "a", "1", NULL, T0, 20, 2);
	add(p, "a", "C1", NULL, T0 + DAY, -5, -1);        /* refund: -5 */
	add(p, "a", "2", NULL, T0 + 2 * DAY, -7.5, -1);   /* return: -7.5, does not move last_ts */
	add(p, "a", "C3", NULL, T0 + 3 * DAY, 4, 1);      /* cancelled, positive: never paid, adds nothing */
	add(p, "a", "4", NULL, T0 + 4 * DAY, 2, -1);      /* return by quantity with a positive amount: nothing */
	const seg_profile *a = get(p, "a");
	REQUIRE(a != NULL);
	CHECK_EQ_UINT(a->orders, 1);
	CHECK_EQ_DBL(a->monetary, 7.5);
	CHECK_EQ_DBL(a->returned, 18.5);
	CHECK_EQ_INT(a->last_ts, T0);
	CHECK_EQ_UINT(a->cancelled, 2);
	/* Only refunds: a profile with negative monetary and no order. */
	add(p, "b", "C9", NULL, T0, -3, NAN);
	CHECK_EQ_UINT(get(p, "b")->orders, 0);
	CHECK_EQ_DBL(get(p, "b")->monetary, -3);
	CHECK_EQ_INT(get(p, "b")->first_ts, INT64_MAX);
	CHECK_EQ_INT(get(p, "b")->last_ts, INT64_MIN);
	seg_profiles_free(p);
}

SEG_TEST(profiles_monetary_is_kahan_sum)
{
	/* Expected values: pandas 1.5.3 Series.groupby(...).sum() and a Python
	 * Kahan loop (y = v - c; t = s + y; c = (t - s) - y; s = t) agree:
	 * [0.1] * 10 -> 1.0 (a plain sum gives 0.9999999999999999),
	 * [1e16, 1, 1] -> 1.0000000000000002e16 (a plain sum gives 1e16). */
	seg_profiles *p = make(NULL);
	REQUIRE(p != NULL);
	for (int i = 0; i < 10; i++) add(p, "tenths", NULL, NULL, T0, 0.1, NAN);
	const double big[] = {1e16, 1, 1};
	for (int i = 0; i < 3; i++) add(p, "big", NULL, NULL, T0, big[i], NAN);
	CHECK_EQ_DBL(get(p, "tenths")->monetary, 1.0);
	CHECK_EQ_DBL(get(p, "big")->monetary, 1.0000000000000002e16);
	seg_profiles_free(p);
}

SEG_TEST(profile_recency_floors)
{
	seg_profile pr;
	memset(&pr, 0, sizeof pr);
	pr.last_ts = T0;
	CHECK_EQ_INT(seg_profile_recency(&pr, T0), 0);
	CHECK_EQ_INT(seg_profile_recency(&pr, T0 + DAY - 1), 0);
	CHECK_EQ_INT(seg_profile_recency(&pr, T0 + DAY), 1);
	CHECK_EQ_INT(seg_profile_recency(&pr, T0 + 373 * DAY + 4 * 3600), 373);
	/* Orders after the reference: negative, still rounded down (pandas' .days). */
	CHECK_EQ_INT(seg_profile_recency(&pr, T0 - 1), -1);
	CHECK_EQ_INT(seg_profile_recency(&pr, T0 - DAY), -1);
	CHECK_EQ_INT(seg_profile_recency(&pr, T0 - DAY - 1), -2);
	CHECK_EQ_INT(seg_profile_recency(&pr, T0 - 36 * 3600), -2);
	pr.last_ts = SEG_DATE_MIN;
	CHECK_EQ_INT(seg_profile_recency(&pr, SEG_DATE_MAX), (SEG_DATE_MAX - SEG_DATE_MIN) / DAY);
}

/* ---- the index: growth, find, sort ---------------------------------- */

SEG_TEST(profiles_index_grows_past_many_resizes)
{
	/* 100k ids: the table starts at 1024 slots and doubles at 3/4 full,
	 * so it resizes 8 times (to 262144); ids cross 3 pool chunks and
	 * profiles 25 chunks. */
	enum { N = 100000 };
	seg_profiles *p = make(NULL);
	REQUIRE(p != NULL);
	char id[32];
	int bad_add = 0;
	for (int i = 0; i < N; i++) {
		snprintf(id, sizeof id, "cust-%d", i * 7919 % N); /* a permutation of 0..N-1 */
		bad_add += add(p, id, "o", NULL, T0 + i, (double)i, NAN) != SEG_OK;
	}
	CHECK_EQ_INT(bad_add, 0);
	CHECK_EQ_UINT(seg_profiles_count(p), N);
	/* Every id again: no new profile, a second order each (order id differs). */
	for (int i = 0; i < N; i++) {
		snprintf(id, sizeof id, "cust-%d", i);
		add(p, id, "o2", NULL, T0, 1, NAN);
	}
	CHECK_EQ_UINT(seg_profiles_count(p), N);
	int bad_find = 0, bad_id = 0, bad_orders = 0;
	for (int i = 0; i < N; i++) {
		int n = snprintf(id, sizeof id, "cust-%d", i * 7919 % N);
		int64_t k = seg_profiles_find(p, id, (size_t)n);
		bad_find += k != i;
		seg_str s = seg_profiles_id(p, (size_t)i);
		bad_id += s.len != (size_t)n || memcmp(s.s, id, (size_t)n) != 0;
		bad_orders += seg_profiles_at(p, (size_t)i)->orders != 2;
	}
	CHECK_EQ_INT(bad_find, 0);
	CHECK_EQ_INT(bad_id, 0);
	CHECK_EQ_INT(bad_orders, 0);
	int found_absent = 0;
	for (int i = N; i < N + 1000; i++) {
		int n = snprintf(id, sizeof id, "cust-%d", i);
		found_absent += seg_profiles_find(p, id, (size_t)n) >= 0;
	}
	CHECK_EQ_INT(found_absent, 0);
	CHECK_EQ_INT(seg_profiles_find(p, "cust-", 5), -1);
	seg_profiles_free(p);
}

/* ---- memory ------------------------------------------------------------ */

SEG_TEST(profiles_memory_per_customer_1m)
{
	/* 1,000,000 distinct short ids ("0" .. "999999", 5.9 bytes on average). */
	enum { N = 1000000 };
	seg_profiles *p = make(NULL);
	REQUIRE(p != NULL);
	char id[16];
	seg_order_line l;
	memset(&l, 0, sizeof l);
	l.ts = T0;
	l.amount = 1;
	l.quantity = NAN;
	int bad = 0;
	for (int i = 0; i < N; i++) {
		l.customer.s = id;
		l.customer.len = (size_t)snprintf(id, sizeof id, "%d", i);
		bad += seg_profiles_add(p, &l, NULL) != SEG_OK;
	}
	CHECK_EQ_INT(bad, 0);
	REQUIRE(seg_profiles_count(p) == N);
	size_t mem = seg_profiles_memory(p);
	double per = (double)mem / N;
	printf("profiles: %zu bytes for %d customers = %.2f bytes per customer (sizeof(seg_profile) = %zu)\n", mem, N, per,
	       sizeof(seg_profile));
	CHECK(per < 85.0);
	CHECK_EQ_UINT(sizeof(seg_profile), 64);
	/* The figure counts at least the profiles, the ids with their length
	 * bytes and a 4-byte index slot each. */
	CHECK(mem >= (size_t)N * (sizeof(seg_profile) + 4 + 1) + 5888890);
	seg_profiles_free(p);
}

/* ---- seg_profiles_add_many -------------------------------------------- */

static uint64_t rnd_state = 88172645463325252ull;
static uint64_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

static bool same_profiles(const seg_profiles *a, const seg_profiles *b)
{
	if (seg_profiles_count(a) != seg_profiles_count(b)) return false;
	for (size_t i = 0; i < seg_profiles_count(a); i++) {
		const seg_profile *x = seg_profiles_at(a, i), *y = seg_profiles_at(b, i);
		seg_str ix = seg_profiles_id(a, i), iy = seg_profiles_id(b, i);
		if (ix.len != iy.len || memcmp(ix.s, iy.s, ix.len) != 0) return false;
		if (x->first_ts != y->first_ts || x->last_ts != y->last_ts || x->orders != y->orders ||
		    x->cancelled != y->cancelled || memcmp(&x->monetary, &y->monetary, sizeof(double)) != 0 ||
		    memcmp(&x->returned, &y->returned, sizeof(double)) != 0)
			return false;
	}
	const seg_profile_stats *sa = seg_profiles_stats(a), *sb = seg_profiles_stats(b);
	return sa->lines == sb->lines && sa->no_customer == sb->no_customer && sa->cancelled_lines == sb->cancelled_lines &&
	       sa->returned_lines == sb->returned_lines && sa->min_ts == sb->min_ts && sa->max_ts == sb->max_ts;
}

SEG_TEST(profiles_add_many_equals_add)
{
	/* 200k random lines over 30k customers (ids of 1 to 300 bytes, so both
	 * length encodings of the pool), guests, cancellations, returns, in
	 * groups of every size from 0 to 40: the same profiles, in the same
	 * order, as one line at a time. */
	enum { LINES = 200000, CUSTOMERS = 30000, MAXG = 40 };
	seg_profile_policy pol;
	memset(&pol, 0, sizeof pol);
	pol.cancel_prefix = S("C");
	seg_profiles *one = make(&pol), *many = make(&pol);
	REQUIRE(one && many);
	static char ids[CUSTOMERS][301];
	static size_t idlen[CUSTOMERS];
	for (int c = 0; c < CUSTOMERS; c++) {
		/* the number makes it distinct; letters pad it to a random length */
		size_t len = (size_t)snprintf(ids[c], sizeof ids[c], "%d", c);
		size_t want = c % 97 == 0 ? 128 + (size_t)(rnd() % 173) : 1 + (size_t)(rnd() % 12);
		while (len < want) ids[c][len++] = (char)('a' + rnd() % 26);
		idlen[c] = len;
	}
	seg_order_line batch[MAXG];
	char orders[MAXG][24];
	size_t added = 0, g = 0;
	int bad = 0;
	while (added < LINES) {
		size_t n = g++ % (MAXG + 1);
		for (size_t j = 0; j < n; j++) {
			seg_order_line *l = &batch[j];
			memset(l, 0, sizeof *l);
			uint64_t r = rnd();
			int c = (int)(r % CUSTOMERS);
			if (r % 53 == 0) c = -1; /* a guest line */
			l->customer.s = c < 0 ? "" : ids[c];
			l->customer.len = c < 0 ? 0 : idlen[c];
			snprintf(orders[j], sizeof orders[j], "%s%u", (r >> 20) % 19 == 0 ? "C" : "", (unsigned)((r >> 24) % 5000));
			l->order = S(orders[j]);
			l->ts = T0 + (int64_t)((r >> 32) % (400 * 86400));
			l->amount = (double)((int64_t)((r >> 40) % 20000) - 1000) / 100.0;
			l->quantity = NAN;
			bad += seg_profiles_add(one, l, NULL) != SEG_OK;
		}
		size_t done = 99;
		seg_error err;
		CHECK_EQ_INT(seg_profiles_add_many(many, batch, n, &done, &err), SEG_OK);
		CHECK_EQ_UINT(done, n);
		added += n;
	}
	CHECK_EQ_INT(bad, 0);
	CHECK(seg_profiles_count(one) > CUSTOMERS * 9 / 10);
	CHECK(same_profiles(one, many));
	for (int c = 0; c < CUSTOMERS; c += 101)
		CHECK_EQ_INT(seg_profiles_find(many, ids[c], idlen[c]), seg_profiles_find(one, ids[c], idlen[c]));
	seg_profiles_free(one);
	seg_profiles_free(many);
}

SEG_TEST(profiles_add_many_stops_at_the_bad_line)
{
	seg_profiles *p = make(NULL);
	REQUIRE(p != NULL);
	seg_order_line lines[20];
	memset(lines, 0, sizeof lines);
	for (int j = 0; j < 20; j++) {
		lines[j].customer = S(j % 2 ? "a" : "b");
		lines[j].ts = T0 + j;
		lines[j].amount = 1;
		lines[j].quantity = NAN;
	}
	lines[17].amount = INFINITY;
	size_t done = 0;
	seg_error err;
	CHECK_EQ_INT(seg_profiles_add_many(p, lines, 20, &done, &err), SEG_E_ARGUMENT);
	CHECK_EQ_UINT(done, 17);
	CHECK_STR(err.message, "the amount is not a finite number");
	/* The lines before it were added, the ones after it were not. */
	CHECK_EQ_UINT(seg_profiles_stats(p)->lines, 18);
	CHECK_EQ_UINT(seg_profiles_at(p, (size_t)seg_profiles_find(p, "b", 1))->orders, 9);
	CHECK_EQ_UINT(seg_profiles_at(p, (size_t)seg_profiles_find(p, "a", 1))->orders, 8);
	CHECK_EQ_INT(seg_profiles_add_many(p, lines, 0, &done, &err), SEG_OK);
	CHECK_EQ_UINT(done, 0);
	seg_profiles_free(p);
}
