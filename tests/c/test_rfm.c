/*
 * test_rfm.c - seg_rfm.h: numpy-exact quantiles, RFM fit with both methods
 * on small hand-checkable sets, single-customer scoring at the threshold
 * boundaries, and the segment maps.
 */
#include "seg_test.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seg_profile.h"
#include "seg_profile_order.h"
#include "seg_rfm.h"

#define DAY INT64_C(86400)
#define REF INT64_C(1706745600) /* 2024-02-01 00:00:00 */

/* ---- seg_quantile_linear against numpy ----------------------------------
 *
 * Every expected value below was computed with numpy 1.24.2 (Debian's
 * python3-numpy) as
 *     /usr/bin/python3 -c 'import numpy as np; print(repr(float(np.quantile(np.array(A), p))))'
 * for each array A (sorted) and each point p, where the points are 0, 0.2, 0.4, 0.5, 0.6,
 * 0.6000000000000001 (= 3 * (1/5), np.linspace(0, 1, 6)[3]), 0.8, 1 and the inner points of
 * np.linspace(0, 1, q + 1) for q = 3, 7, 10; repr() prints the shortest decimal that reads back
 * as the same double, so the literals are exact.  Four of them (money 0.857..., mixed 0.142...,
 * 0.285..., 0.8) differ in the last bit from a one-sided a + (b - a) * g: numpy's _lerp uses
 * b - (b - a) * (1 - g) when g >= 0.5.
 */
static const double q_a1234[] = {1.0, 2.0, 3.0, 4.0};
static const double q_money[] = {15.0, 20.0, 40.0, 60.0, 75.5, 180.0, 300.0, 500.0, 1200.0, 2500.25};
static const double q_tenths[] = {0.1, 0.2, 0.30000000000000004, 0.7};
static const double q_ties[] = {2.0, 2.0, 2.0, 5.0};
static const double q_one[] = {3.0};
static const double q_two[] = {1.0, 2.0};
static const double q_mixed[] = {-7.25, -3.1, 0.0, 0.1, 9.99, 123456.789, 1000000.0};
static const struct quantile_case {
	const char *name;
	const double *sorted;
	size_t n;
	double p, expected;
} quantile_cases[] = {
	{"a1234", q_a1234, 4, 0.0, 1.0},
	{"a1234", q_a1234, 4, 0.1, 1.3},
	{"a1234", q_a1234, 4, 0.14285714285714285, 1.4285714285714286},
	{"a1234", q_a1234, 4, 0.2, 1.6},
	{"a1234", q_a1234, 4, 0.2857142857142857, 1.8571428571428572},
	{"a1234", q_a1234, 4, 0.30000000000000004, 1.9000000000000001},
	{"a1234", q_a1234, 4, 0.3333333333333333, 2.0},
	{"a1234", q_a1234, 4, 0.4, 2.2},
	{"a1234", q_a1234, 4, 0.42857142857142855, 2.2857142857142856},
	{"a1234", q_a1234, 4, 0.5, 2.5},
	{"a1234", q_a1234, 4, 0.5714285714285714, 2.7142857142857144},
	{"a1234", q_a1234, 4, 0.6, 2.8},
	{"a1234", q_a1234, 4, 0.6000000000000001, 2.8000000000000003},
	{"a1234", q_a1234, 4, 0.6666666666666666, 3.0},
	{"a1234", q_a1234, 4, 0.7000000000000001, 3.1},
	{"a1234", q_a1234, 4, 0.7142857142857142, 3.1428571428571423},
	{"a1234", q_a1234, 4, 0.8, 3.4000000000000004},
	{"a1234", q_a1234, 4, 0.8571428571428571, 3.571428571428571},
	{"a1234", q_a1234, 4, 0.9, 3.7},
	{"a1234", q_a1234, 4, 1.0, 4.0},
	{"money", q_money, 10, 0.0, 15.0},
	{"money", q_money, 10, 0.1, 19.5},
	{"money", q_money, 10, 0.14285714285714285, 25.71428571428571},
	{"money", q_money, 10, 0.2, 36.0},
	{"money", q_money, 10, 0.2857142857142857, 51.42857142857142},
	{"money", q_money, 10, 0.30000000000000004, 54.0},
	{"money", q_money, 10, 0.3333333333333333, 60.0},
	{"money", q_money, 10, 0.4, 69.3},
	{"money", q_money, 10, 0.42857142857142855, 73.28571428571428},
	{"money", q_money, 10, 0.5, 127.75},
	{"money", q_money, 10, 0.5714285714285714, 197.14285714285708},
	{"money", q_money, 10, 0.6, 227.99999999999994},
	{"money", q_money, 10, 0.6000000000000001, 228.00000000000006},
	{"money", q_money, 10, 0.6666666666666666, 300.0},
	{"money", q_money, 10, 0.7000000000000001, 360.0000000000001},
	{"money", q_money, 10, 0.7142857142857142, 385.71428571428555},
	{"money", q_money, 10, 0.8, 640.0000000000001},
	{"money", q_money, 10, 0.8571428571428571, 999.9999999999994},
	{"money", q_money, 10, 0.9, 1330.0249999999996},
	{"money", q_money, 10, 1.0, 2500.25},
	{"tenths", q_tenths, 4, 0.0, 0.1},
	{"tenths", q_tenths, 4, 0.1, 0.13},
	{"tenths", q_tenths, 4, 0.14285714285714285, 0.14285714285714285},
	{"tenths", q_tenths, 4, 0.2, 0.16000000000000003},
	{"tenths", q_tenths, 4, 0.2857142857142857, 0.18571428571428572},
	{"tenths", q_tenths, 4, 0.30000000000000004, 0.19000000000000003},
	{"tenths", q_tenths, 4, 0.3333333333333333, 0.2},
	{"tenths", q_tenths, 4, 0.4, 0.22000000000000003},
	{"tenths", q_tenths, 4, 0.42857142857142855, 0.2285714285714286},
	{"tenths", q_tenths, 4, 0.5, 0.25},
	{"tenths", q_tenths, 4, 0.5714285714285714, 0.27142857142857146},
	{"tenths", q_tenths, 4, 0.6, 0.28},
	{"tenths", q_tenths, 4, 0.6000000000000001, 0.2800000000000001},
	{"tenths", q_tenths, 4, 0.6666666666666666, 0.30000000000000004},
	{"tenths", q_tenths, 4, 0.7000000000000001, 0.3400000000000001},
	{"tenths", q_tenths, 4, 0.7142857142857142, 0.357142857142857},
	{"tenths", q_tenths, 4, 0.8, 0.4600000000000002},
	{"tenths", q_tenths, 4, 0.8571428571428571, 0.5285714285714285},
	{"tenths", q_tenths, 4, 0.9, 0.5800000000000001},
	{"tenths", q_tenths, 4, 1.0, 0.7},
	{"ties", q_ties, 4, 0.0, 2.0},
	{"ties", q_ties, 4, 0.1, 2.0},
	{"ties", q_ties, 4, 0.14285714285714285, 2.0},
	{"ties", q_ties, 4, 0.2, 2.0},
	{"ties", q_ties, 4, 0.2857142857142857, 2.0},
	{"ties", q_ties, 4, 0.30000000000000004, 2.0},
	{"ties", q_ties, 4, 0.3333333333333333, 2.0},
	{"ties", q_ties, 4, 0.4, 2.0},
	{"ties", q_ties, 4, 0.42857142857142855, 2.0},
	{"ties", q_ties, 4, 0.5, 2.0},
	{"ties", q_ties, 4, 0.5714285714285714, 2.0},
	{"ties", q_ties, 4, 0.6, 2.0},
	{"ties", q_ties, 4, 0.6000000000000001, 2.0},
	{"ties", q_ties, 4, 0.6666666666666666, 2.0},
	{"ties", q_ties, 4, 0.7000000000000001, 2.3000000000000003},
	{"ties", q_ties, 4, 0.7142857142857142, 2.428571428571427},
	{"ties", q_ties, 4, 0.8, 3.200000000000001},
	{"ties", q_ties, 4, 0.8571428571428571, 3.7142857142857135},
	{"ties", q_ties, 4, 0.9, 4.1000000000000005},
	{"ties", q_ties, 4, 1.0, 5.0},
	{"one", q_one, 1, 0.0, 3.0},
	{"one", q_one, 1, 0.1, 3.0},
	{"one", q_one, 1, 0.14285714285714285, 3.0},
	{"one", q_one, 1, 0.2, 3.0},
	{"one", q_one, 1, 0.2857142857142857, 3.0},
	{"one", q_one, 1, 0.30000000000000004, 3.0},
	{"one", q_one, 1, 0.3333333333333333, 3.0},
	{"one", q_one, 1, 0.4, 3.0},
	{"one", q_one, 1, 0.42857142857142855, 3.0},
	{"one", q_one, 1, 0.5, 3.0},
	{"one", q_one, 1, 0.5714285714285714, 3.0},
	{"one", q_one, 1, 0.6, 3.0},
	{"one", q_one, 1, 0.6000000000000001, 3.0},
	{"one", q_one, 1, 0.6666666666666666, 3.0},
	{"one", q_one, 1, 0.7000000000000001, 3.0},
	{"one", q_one, 1, 0.7142857142857142, 3.0},
	{"one", q_one, 1, 0.8, 3.0},
	{"one", q_one, 1, 0.8571428571428571, 3.0},
	{"one", q_one, 1, 0.9, 3.0},
	{"one", q_one, 1, 1.0, 3.0},
	{"two", q_two, 2, 0.0, 1.0},
	{"two", q_two, 2, 0.1, 1.1},
	{"two", q_two, 2, 0.14285714285714285, 1.1428571428571428},
	{"two", q_two, 2, 0.2, 1.2},
	{"two", q_two, 2, 0.2857142857142857, 1.2857142857142856},
	{"two", q_two, 2, 0.30000000000000004, 1.3},
	{"two", q_two, 2, 0.3333333333333333, 1.3333333333333333},
	{"two", q_two, 2, 0.4, 1.4},
	{"two", q_two, 2, 0.42857142857142855, 1.4285714285714286},
	{"two", q_two, 2, 0.5, 1.5},
	{"two", q_two, 2, 0.5714285714285714, 1.5714285714285714},
	{"two", q_two, 2, 0.6, 1.6},
	{"two", q_two, 2, 0.6000000000000001, 1.6},
	{"two", q_two, 2, 0.6666666666666666, 1.6666666666666665},
	{"two", q_two, 2, 0.7000000000000001, 1.7000000000000002},
	{"two", q_two, 2, 0.7142857142857142, 1.7142857142857142},
	{"two", q_two, 2, 0.8, 1.8},
	{"two", q_two, 2, 0.8571428571428571, 1.8571428571428572},
	{"two", q_two, 2, 0.9, 1.9},
	{"two", q_two, 2, 1.0, 2.0},
	{"mixed", q_mixed, 7, 0.0, -7.25},
	{"mixed", q_mixed, 7, 0.1, -4.76},
	{"mixed", q_mixed, 7, 0.14285714285714285, -3.692857142857143},
	{"mixed", q_mixed, 7, 0.2, -2.4799999999999995},
	{"mixed", q_mixed, 7, 0.2857142857142857, -0.885714285714286},
	{"mixed", q_mixed, 7, 0.30000000000000004, -0.6199999999999992},
	{"mixed", q_mixed, 7, 0.3333333333333333, 0.0},
	{"mixed", q_mixed, 7, 0.4, 0.040000000000000036},
	{"mixed", q_mixed, 7, 0.42857142857142855, 0.05714285714285712},
	{"mixed", q_mixed, 7, 0.5, 0.1},
	{"mixed", q_mixed, 7, 0.5714285714285714, 4.338571428571426},
	{"mixed", q_mixed, 7, 0.6, 6.033999999999996},
	{"mixed", q_mixed, 7, 0.6000000000000001, 6.034000000000005},
	{"mixed", q_mixed, 7, 0.6666666666666666, 9.99},
	{"mixed", q_mixed, 7, 0.7000000000000001, 24699.34980000002},
	{"mixed", q_mixed, 7, 0.7142857142857142, 35280.50399999987},
	{"mixed", q_mixed, 7, 0.8, 98767.4292000001},
	{"mixed", q_mixed, 7, 0.8571428571428571, 248677.24771428527},
	{"mixed", q_mixed, 7, 0.9, 474074.0734000003},
	{"mixed", q_mixed, 7, 1.0, 1000000.0},
};

SEG_TEST(quantile_linear_matches_numpy)
{
	for (size_t i = 0; i < sizeof quantile_cases / sizeof quantile_cases[0]; i++) {
		const struct quantile_case *c = &quantile_cases[i];
		double got = seg_quantile_linear(c->sorted, c->n, c->p);
		if (!(got == c->expected) || signbit(got) != signbit(c->expected))
			seg_test_fail(__FILE__, __LINE__, "np.quantile(%s, %.17g): got %.17g, expected %.17g", c->name, c->p, got,
			              c->expected);
	}
}

SEG_TEST(quantile_linear_edges)
{
	CHECK(isnan(seg_quantile_linear(NULL, 0, 0.5)));
	const double a[] = {1, 2, 3, 4};
	CHECK_EQ_DBL(seg_quantile_linear(a, 4, -0.5), 1);  /* clamped */
	CHECK_EQ_DBL(seg_quantile_linear(a, 4, 1.5), 4);
	/* numpy: np.quantile([1, 2, 3, 4], np.nextafter(1.0, 0)) = 3.9999999999999996 */
	CHECK_EQ_DBL(seg_quantile_linear(a, 4, nextafter(1.0, 0)), 3.9999999999999996);
	/* 0.6 and 3 * (1 / 5.0) are different points: 2.8 vs 2.8000000000000003. */
	CHECK(0.6 != 3 * (1 / 5.0));
	CHECK_EQ_DBL(seg_quantile_linear(a, 4, 0.6), 2.8);
	CHECK_EQ_DBL(seg_quantile_linear(a, 4, 3 * (1 / 5.0)), 2.8000000000000003);
}

/* ---- the ten-customer set ------------------------------------------------ */

/* customer id, recency (days), orders, monetary: rows given in this (shuffled) order. */
static const struct {
	const char *id;
	int recency, orders;
	double monetary;
	/* numpy/pandas scores: quantile r f m, pandas r f m */
	uint8_t q[3], pd[3];
} ten[] = {
	{"105", 60, 1, 15, {1, 1, 1}, {1, 1, 1}},
	{"101", 1, 5, 500, {5, 4, 4}, {5, 4, 4}},
	{"110", 20, 4, 180, {3, 4, 3}, {3, 4, 3}},
	{"103", 10, 2, 75.5, {3, 2, 3}, {3, 2, 3}},
	{"108", 2, 12, 2500.25, {5, 5, 5}, {5, 5, 5}},
	{"102", 3, 1, 20, {4, 1, 1}, {4, 1, 1}},
	{"107", 90, 2, 60, {1, 2, 2}, {1, 3, 2}},
	{"104", 30, 8, 1200, {2, 5, 5}, {2, 5, 5}},
	{"109", 45, 1, 40, {2, 1, 2}, {2, 2, 2}},
	{"106", 5, 3, 300, {4, 3, 4}, {4, 3, 4}},
};
#define NTEN (sizeof ten / sizeof ten[0])

static seg_profiles *ten_profiles(void)
{
	seg_profiles *p = NULL;
	seg_error err;
	if (seg_profiles_create(NULL, &p, &err) != SEG_OK) return NULL;
	for (size_t c = 0; c < NTEN; c++) {
		for (int k = ten[c].orders - 1; k >= 0; k--) {
			char order[16];
			seg_order_line l;
			memset(&l, 0, sizeof l);
			l.customer.s = ten[c].id;
			l.customer.len = strlen(ten[c].id);
			l.order.s = order;
			l.order.len = (size_t)snprintf(order, sizeof order, "%d", k);
			l.ts = REF - ten[c].recency * DAY - 6 * 3600 - k * DAY;
			l.amount = k == ten[c].orders - 1 ? ten[c].monetary : 0;
			l.quantity = NAN;
			if (seg_profiles_add(p, &l, &err) != SEG_OK) {
				seg_profiles_free(p);
				return NULL;
			}
		}
	}
	/* One customer with only a cancellation-like return: no order, not scored. */
	seg_order_line l;
	memset(&l, 0, sizeof l);
	l.customer.s = "999";
	l.customer.len = 3;
	l.ts = REF - DAY;
	l.amount = -5;
	l.quantity = NAN;
	seg_profiles_add(p, &l, &err);
	return p;
}

#define CHECK_THRESHOLDS(t, a, b, c, d)                                        \
	do {                                                                       \
		CHECK_EQ_DBL((t)[0], a);                                               \
		CHECK_EQ_DBL((t)[1], b);                                               \
		CHECK_EQ_DBL((t)[2], c);                                               \
		CHECK_EQ_DBL((t)[3], d);                                               \
	} while (0)

SEG_TEST(rfm_fit_quantile_ten)
{
	seg_profiles *p = ten_profiles();
	REQUIRE(p != NULL);
	REQUIRE(seg_profiles_count(p) == NTEN + 1);
	seg_rfm_options o = {5, SEG_RFM_QUANTILE, REF, NULL};
	seg_rfm_model m;
	seg_rfm_score sc[NTEN + 1];
	seg_error err;
	REQUIRE(seg_rfm_fit(p, &o, &m, sc, &err) == SEG_OK);
	CHECK_EQ_UINT(m.bins, 5);
	CHECK_EQ_INT(m.method, SEG_RFM_QUANTILE);
	CHECK_EQ_INT(m.reference, REF);
	CHECK_EQ_UINT(m.customers, NTEN);
	/* numpy 1.24.2: np.quantile(values, np.linspace(0, 1, 6)[1:-1]) */
	CHECK_THRESHOLDS(m.r, 2.8, 8.0, 24.000000000000004, 48.0);
	CHECK_THRESHOLDS(m.f, 1.0, 2.0, 3.4000000000000004, 5.6000000000000005);
	CHECK_THRESHOLDS(m.m, 36.0, 69.3, 228.00000000000006, 640.0000000000001);
	for (size_t c = 0; c < NTEN; c++) {
		int64_t i = seg_profiles_find(p, ten[c].id, strlen(ten[c].id));
		REQUIRE(i >= 0);
		if (sc[i].r != ten[c].q[0] || sc[i].f != ten[c].q[1] || sc[i].m != ten[c].q[2])
			seg_test_fail(__FILE__, __LINE__, "customer %s: got %u%u%u, expected %u%u%u", ten[c].id, sc[i].r, sc[i].f,
			              sc[i].m, ten[c].q[0], ten[c].q[1], ten[c].q[2]);
		/* Quantile: the single score of the same values is the batch score. */
		seg_rfm_score one = seg_rfm_score_one(&m, ten[c].recency, ten[c].orders, ten[c].monetary);
		CHECK(one.r == sc[i].r && one.f == sc[i].f && one.m == sc[i].m);
	}
	int64_t g = seg_profiles_find(p, "999", 3);
	CHECK(sc[g].r == 0 && sc[g].f == 0 && sc[g].m == 0);
	/* Without a scores array the model is the same. */
	seg_rfm_model m2;
	REQUIRE(seg_rfm_fit(p, &o, &m2, NULL, &err) == SEG_OK);
	CHECK(memcmp(m.r, m2.r, sizeof m.r) == 0 && memcmp(m.f, m2.f, sizeof m.f) == 0 && memcmp(m.m, m2.m, sizeof m.m) == 0);
	seg_profiles_free(p);
}

SEG_TEST(rfm_fit_pandas_ten)
{
	seg_profiles *p = ten_profiles();
	REQUIRE(p != NULL);
	seg_error err;
	uint32_t rank[NTEN + 1];
	REQUIRE(seg_profiles_id_rank(p, rank, &err) == SEG_OK); /* ties in groupby's order */
	seg_rfm_options o = {5, SEG_RFM_PANDAS, REF, rank};
	seg_rfm_model m;
	seg_rfm_score sc[NTEN + 1];
	REQUIRE(seg_rfm_fit(p, &o, &m, sc, &err) == SEG_OK);
	CHECK_EQ_INT(m.method, SEG_RFM_PANDAS);
	CHECK_EQ_UINT(m.customers, NTEN);
	/* The largest value in each of the rank bins 1..4 (two customers per bin). */
	CHECK_THRESHOLDS(m.r, 2, 5, 20, 45);
	CHECK_THRESHOLDS(m.f, 1, 2, 3, 5);
	CHECK_THRESHOLDS(m.m, 20, 60, 180, 500);
	/* pandas 1.5.3: qcut(x.rank(method="first"), 5) by ascending customer id */
	for (size_t c = 0; c < NTEN; c++) {
		int64_t i = seg_profiles_find(p, ten[c].id, strlen(ten[c].id));
		REQUIRE(i >= 0);
		if (sc[i].r != ten[c].pd[0] || sc[i].f != ten[c].pd[1] || sc[i].m != ten[c].pd[2])
			seg_test_fail(__FILE__, __LINE__, "customer %s: got %u%u%u, expected %u%u%u", ten[c].id, sc[i].r, sc[i].f,
			              sc[i].m, ten[c].pd[0], ten[c].pd[1], ten[c].pd[2]);
	}
	seg_profiles_free(p);
}

SEG_TEST(rfm_fit_pandas_tie_order_is_profile_order)
{
	/* Five customers with identical values: ranks follow profile order. */
	seg_profiles *p = NULL;
	seg_error err;
	REQUIRE(seg_profiles_create(NULL, &p, &err) == SEG_OK);
	const char *ids[] = {"30", "4", "200", "1", "5"};
	for (int i = 0; i < 5; i++) {
		seg_order_line l;
		memset(&l, 0, sizeof l);
		l.customer.s = ids[i];
		l.customer.len = strlen(ids[i]);
		l.ts = REF - DAY;
		l.amount = 10;
		l.quantity = NAN;
		seg_profiles_add(p, &l, &err);
	}
	seg_rfm_options o = {5, SEG_RFM_PANDAS, REF, NULL};
	seg_rfm_model m;
	seg_rfm_score sc[5];
	REQUIRE(seg_rfm_fit(p, &o, &m, sc, &err) == SEG_OK);
	for (int i = 0; i < 5; i++) {
		CHECK_EQ_UINT(sc[i].f, i + 1);
		CHECK_EQ_UINT(sc[i].m, i + 1);
		CHECK_EQ_UINT(sc[i].r, 5 - i);
	}
	/* All thresholds are the one value. */
	CHECK_THRESHOLDS(m.f, 1, 1, 1, 1);
	CHECK_THRESHOLDS(m.m, 10, 10, 10, 10);
	/* Quantile: everyone equal. */
	o.method = SEG_RFM_QUANTILE;
	REQUIRE(seg_rfm_fit(p, &o, &m, sc, &err) == SEG_OK);
	for (int i = 0; i < 5; i++) CHECK(sc[i].r == 5 && sc[i].f == 1 && sc[i].m == 1);
	seg_profiles_free(p);
}

SEG_TEST(rfm_fit_pandas_bin_sizes)
{
	/* n = 4339, q = 5: edges 1, 868.6, 1736.2, 2603.8, 3471.4, 4339; pandas 1.5.3
	 * qcut(pd.Series(range(1, 4340)), 5).value_counts() = 868, 868, 867, 868, 868. */
	enum { N = 4339 };
	seg_profiles *p = NULL;
	seg_error err;
	REQUIRE(seg_profiles_create(NULL, &p, &err) == SEG_OK);
	for (int i = 0; i < N; i++) {
		char id[16];
		seg_order_line l;
		memset(&l, 0, sizeof l);
		l.customer.s = id;
		l.customer.len = (size_t)snprintf(id, sizeof id, "%d", i);
		l.ts = REF - (int64_t)(i % 97) * DAY;
		l.amount = (double)(i % 13); /* many ties */
		l.quantity = NAN;
		seg_profiles_add(p, &l, &err);
	}
	seg_rfm_options o = {5, SEG_RFM_PANDAS, REF, NULL};
	seg_rfm_model m;
	seg_rfm_score *sc = calloc(N, sizeof *sc);
	REQUIRE(sc != NULL);
	REQUIRE(seg_rfm_fit(p, &o, &m, sc, &err) == SEG_OK);
	int r[6] = {0}, f[6] = {0}, mm[6] = {0};
	for (int i = 0; i < N; i++) {
		r[sc[i].r]++;
		f[sc[i].f]++;
		mm[sc[i].m]++;
	}
	const int expect[6] = {0, 868, 868, 867, 868, 868};
	for (int b = 1; b <= 5; b++) {
		CHECK_EQ_INT(f[b], expect[b]);
		CHECK_EQ_INT(mm[b], expect[b]);
		CHECK_EQ_INT(r[6 - b], expect[b]);
	}
	free(sc);
	seg_profiles_free(p);
}

SEG_TEST(rfm_fit_errors)
{
	seg_profiles *p = ten_profiles();
	REQUIRE(p != NULL);
	seg_rfm_model m;
	seg_rfm_score sc[NTEN + 1];
	seg_error err;
	seg_rfm_options o = {1, SEG_RFM_QUANTILE, REF, NULL};
	CHECK_EQ_INT(seg_rfm_fit(p, &o, &m, sc, &err), SEG_E_ARGUMENT);
	CHECK_STR(err.message, "bins must be between 2 and 10, not 1");
	o.bins = 11;
	CHECK_EQ_INT(seg_rfm_fit(p, &o, &m, sc, &err), SEG_E_ARGUMENT);
	o.bins = 0; /* the default, 5 */
	CHECK_EQ_INT(seg_rfm_fit(p, &o, &m, sc, &err), SEG_OK);
	CHECK_EQ_UINT(m.bins, 5);
	/* NULL options: 5 bins, quantile, reference 0 (1970: every recency negative). */
	CHECK_EQ_INT(seg_rfm_fit(p, NULL, &m, NULL, &err), SEG_OK);
	CHECK_EQ_UINT(m.bins, 5);
	CHECK_EQ_INT(m.reference, 0);
	CHECK(m.r[0] < 0);
	o.bins = 10; /* 10 customers, 10 bins: fine for both methods */
	CHECK_EQ_INT(seg_rfm_fit(p, &o, &m, sc, &err), SEG_OK);
	o.method = SEG_RFM_PANDAS;
	CHECK_EQ_INT(seg_rfm_fit(p, &o, &m, sc, &err), SEG_OK);
	seg_profiles_free(p);

	/* No customer with an order. */
	REQUIRE(seg_profiles_create(NULL, &p, &err) == SEG_OK);
	o.bins = 5;
	CHECK_EQ_INT(seg_rfm_fit(p, &o, &m, NULL, &err), SEG_E_ARGUMENT);
	CHECK_STR(err.message, "no customer has an order to score");
	seg_order_line l;
	memset(&l, 0, sizeof l);
	l.customer.s = "x";
	l.customer.len = 1;
	l.ts = REF;
	l.amount = -1;
	l.quantity = NAN;
	seg_profiles_add(p, &l, &err);
	sc[0].r = sc[0].f = sc[0].m = 9;
	CHECK_EQ_INT(seg_rfm_fit(p, &o, &m, sc, &err), SEG_E_ARGUMENT);
	CHECK(sc[0].r == 0 && sc[0].f == 0 && sc[0].m == 0); /* cleared */
	/* One customer: pandas edges coincide, quantile is defined. */
	l.amount = 5;
	seg_profiles_add(p, &l, &err);
	o.method = SEG_RFM_PANDAS;
	CHECK_EQ_INT(seg_rfm_fit(p, &o, &m, sc, &err), SEG_E_ARGUMENT);
	CHECK_STR(err.message, "1 customers are too few for 5 bins: quantile edges coincide");
	o.bins = 2;
	CHECK_EQ_INT(seg_rfm_fit(p, &o, &m, sc, &err), SEG_E_ARGUMENT);
	o.method = SEG_RFM_QUANTILE;
	o.bins = 5;
	CHECK_EQ_INT(seg_rfm_fit(p, &o, &m, sc, &err), SEG_OK);
	CHECK(sc[0].r == 5 && sc[0].f == 1 && sc[0].m == 1);
	CHECK_THRESHOLDS(m.m, 5, 5, 5, 5);
	seg_profiles_free(p);
}

/* ---- scoring one customer ---------------------------------------------- */

SEG_TEST(rfm_score_one_boundaries)
{
	seg_rfm_model m;
	memset(&m, 0, sizeof m);
	m.bins = 5;
	const double r[] = {2.8, 8, 24, 48}, f[] = {1, 2, 3.4, 5.6}, mon[] = {36, 69.3, 228, 640};
	memcpy(m.r, r, sizeof r);
	memcpy(m.f, f, sizeof f);
	memcpy(m.m, mon, sizeof mon);
	/* A value equal to a threshold stays below it; the next double above crosses it. */
	for (int i = 0; i < 4; i++) {
		seg_rfm_score at = seg_rfm_score_one(&m, r[i], f[i] < 1 ? 1 : f[i], mon[i]);
		seg_rfm_score above = seg_rfm_score_one(&m, nextafter(r[i], INFINITY), nextafter(f[i], INFINITY),
		                                        nextafter(mon[i], INFINITY));
		CHECK_EQ_UINT(at.r, 5 - i);
		CHECK_EQ_UINT(above.r, 4 - i);
		CHECK_EQ_UINT(at.m, 1 + i);
		CHECK_EQ_UINT(above.m, 2 + i);
		CHECK_EQ_UINT(at.f, 1 + i);
		CHECK_EQ_UINT(above.f, 2 + i);
	}
	seg_rfm_score s = seg_rfm_score_one(&m, -100, 1e9, -1e9);
	CHECK(s.r == 5 && s.f == 5 && s.m == 1);
	s = seg_rfm_score_one(&m, 1e9, 1, INFINITY);
	CHECK(s.r == 1 && s.f == 1 && s.m == 5);
	s = seg_rfm_score_one(&m, INFINITY, INFINITY, -INFINITY);
	CHECK(s.r == 1 && s.f == 5 && s.m == 1);
	/* Not scored: fewer than one order, or NaN anywhere. */
	s = seg_rfm_score_one(&m, 1, 0, 10);
	CHECK(s.r == 0 && s.f == 0 && s.m == 0);
	s = seg_rfm_score_one(&m, 1, 0.999, 10);
	CHECK(s.r == 0 && s.f == 0 && s.m == 0);
	s = seg_rfm_score_one(&m, 1, NAN, 10);
	CHECK(s.r == 0);
	s = seg_rfm_score_one(&m, NAN, 3, 10);
	CHECK(s.r == 0 && s.f == 0 && s.m == 0);
	s = seg_rfm_score_one(&m, 1, 3, NAN);
	CHECK(s.r == 0 && s.f == 0 && s.m == 0);
	/* Two bins: one threshold. */
	m.bins = 2;
	s = seg_rfm_score_one(&m, 2.8, 1, 36);
	CHECK(s.r == 2 && s.f == 1 && s.m == 1);
	s = seg_rfm_score_one(&m, 2.9, 2, 37);
	CHECK(s.r == 1 && s.f == 2 && s.m == 2);
	/* Ten bins, tied thresholds: a value equal to all of them stays in bin 1. */
	m.bins = 10;
	for (int i = 0; i < 9; i++) m.r[i] = m.f[i] = m.m[i] = 7;
	s = seg_rfm_score_one(&m, 7, 7, 7);
	CHECK(s.r == 10 && s.f == 1 && s.m == 1);
	s = seg_rfm_score_one(&m, 7.5, 7.5, 7.5);
	CHECK(s.r == 1 && s.f == 10 && s.m == 10);
}

/* ---- maps --------------------------------------------------------------- */

static const char *name_of(const seg_rfm_map *map, uint8_t r, uint8_t f, uint8_t m)
{
	seg_rfm_score s = {r, f, m};
	int i = seg_rfm_map_find(map->rules, map->nrules, s);
	return i < 0 ? NULL : map->rules[i].name;
}

SEG_TEST(rfm_default_maps)
{
	size_t n = 0;
	const seg_rfm_map *maps = seg_rfm_default_maps(&n);
	REQUIRE(n == 3);
	CHECK_STR(maps[0].name, "rf11");
	CHECK_STR(maps[1].name, "core");
	CHECK_STR(maps[2].name, "retention");
	CHECK_EQ_UINT(maps[0].nrules, 11);
	CHECK_EQ_UINT(maps[1].nrules, 7);
	CHECK_EQ_UINT(maps[2].nrules, 4);
	CHECK(seg_rfm_default_map("core") == &maps[1]);
	CHECK(seg_rfm_default_map("RF11") == NULL);
	CHECK(seg_rfm_default_map("") == NULL);

	const seg_rfm_map *rf11 = seg_rfm_default_map("rf11");
	REQUIRE(rf11 != NULL);
	/* docs/rfm.md 7.1: every (R, F) cell is covered by exactly one rule, whatever M is. */
	static const char *grid[5][5] = {
		/* R = 5 */ {"New Customers", "Potential Loyalists", "Potential Loyalists", "Champions", "Champions"},
		/* R = 4 */ {"Promising", "Potential Loyalists", "Potential Loyalists", "Loyal Customers", "Loyal Customers"},
		/* R = 3 */ {"About To Sleep", "About To Sleep", "Need Attention", "Loyal Customers", "Loyal Customers"},
		/* R = 2 */ {"Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose Them"},
		/* R = 1 */ {"Lost", "Lost", "At Risk", "At Risk", "Can't Lose Them"},
	};
	for (uint8_t r = 1; r <= 5; r++) {
		for (uint8_t f = 1; f <= 5; f++) {
			for (uint8_t m = 1; m <= 5; m++) {
				int matches = 0;
				for (size_t i = 0; i < rf11->nrules; i++) {
					const seg_rfm_rule *x = &rf11->rules[i];
					matches += r >= x->r[0] && r <= x->r[1] && f >= x->f[0] && f <= x->f[1] && m >= x->m[0] && m <= x->m[1];
				}
				CHECK_EQ_INT(matches, 1);
				CHECK_STR(name_of(rf11, r, f, m), grid[5 - r][f - 1]);
			}
		}
	}
	/* core (7.2): order matters; the last rule catches everything. */
	const seg_rfm_map *core = seg_rfm_default_map("core");
	CHECK_STR(name_of(core, 5, 5, 5), "Champions");
	CHECK_STR(name_of(core, 4, 4, 4), "Champions");
	CHECK_STR(name_of(core, 3, 4, 4), "Loyalists");   /* not Champions: R 3 */
	CHECK_STR(name_of(core, 5, 4, 3), "Loyalists");
	CHECK_STR(name_of(core, 1, 1, 5), "Big Spenders");
	CHECK_STR(name_of(core, 5, 3, 1), "Promising");
	CHECK_STR(name_of(core, 4, 1, 2), "New Customers");
	CHECK_STR(name_of(core, 2, 2, 3), "Lost");
	CHECK_STR(name_of(core, 2, 2, 4), "Big Spenders"); /* Big Spenders comes before Lost */
	CHECK_STR(name_of(core, 3, 3, 3), "Low Value");
	CHECK_STR(name_of(core, 1, 3, 1), "Low Value");
	CHECK_STR(core->rules[0].group, "core");
	CHECK_STR(core->rules[3].group, "potential core");
	CHECK_STR(core->rules[6].group, "non-core");
	for (uint8_t r = 1; r <= 5; r++)
		for (uint8_t f = 1; f <= 5; f++)
			for (uint8_t m = 1; m <= 5; m++) CHECK(name_of(core, r, f, m) != NULL);
	/* retention (7.3): R only. */
	const seg_rfm_map *ret = seg_rfm_default_map("retention");
	const char *by_r[] = {NULL, "Lost", "Churn Risk", "Drifting", "Active", "Active"};
	for (uint8_t r = 1; r <= 5; r++) CHECK_STR(name_of(ret, r, 3, 3), by_r[r]);
	CHECK(ret->rules[0].group == NULL);
	/* A score outside 1..5 (not scored, or more bins) matches no built-in rule. */
	CHECK(name_of(rf11, 0, 0, 0) == NULL);
	CHECK(name_of(rf11, 6, 1, 1) == NULL);
	CHECK(name_of(core, 0, 0, 0) == NULL);
}

SEG_TEST(rfm_map_find_first_match_wins)
{
	const seg_rfm_rule rules[] = {
		{"VIP", "a", {4, 5}, {4, 5}, {1, 5}},
		{"Frequent", NULL, {1, 5}, {4, 5}, {1, 5}},
		{"Exact", NULL, {3, 3}, {3, 3}, {3, 3}},
		{"Also exact", NULL, {3, 3}, {3, 3}, {3, 3}},
	};
	seg_rfm_score s = {5, 5, 1};
	CHECK_EQ_INT(seg_rfm_map_find(rules, 4, s), 0);
	s.r = 3;
	CHECK_EQ_INT(seg_rfm_map_find(rules, 4, s), 1);
	s.f = 3;
	CHECK_EQ_INT(seg_rfm_map_find(rules, 4, s), -1); /* m 1 */
	s.m = 3;
	CHECK_EQ_INT(seg_rfm_map_find(rules, 4, s), 2);
	CHECK_EQ_INT(seg_rfm_map_find(rules + 3, 1, s), 0);
	CHECK_EQ_INT(seg_rfm_map_find(rules, 0, s), -1);
	CHECK_EQ_INT(seg_rfm_map_find(NULL, 0, s), -1);
	/* Bounds are inclusive on both ends. */
	s.r = 4;
	s.f = 4;
	CHECK_EQ_INT(seg_rfm_map_find(rules, 4, s), 0);
	s.f = 6;
	CHECK_EQ_INT(seg_rfm_map_find(rules, 4, s), -1);
}

/* ---- the fit against the sort-based fit it replaced -----------------------
 *
 * ref_fit() is the previous implementation of seg_rfm_fit(), kept verbatim
 * apart from names: sort every metric with qsort, read ranks and quantiles
 * off the sorted arrays.  The selection-based fit must agree with it bit for
 * bit (thresholds including the sign of a zero, every score, every error) on
 * random profiles: heavy ties, recency in the future (negative), monetary
 * -0.0 next to 0.0 and below zero, everyone tied, one customer, 2..10 bins,
 * both methods, ties broken by profile index, by customer id and by a random
 * order.  Build with -DSEG_RFM_MAX_DIGIT=3 -DSEG_RFM_MIN_COLLECT=16 to push
 * the same data through many selection passes.
 */

static double ref_quantile(const double *sorted, size_t n, double q)
{
	if (n == 0) return NAN;
	double v = (double)(n - 1) * q;
	if (v >= (double)(n - 1)) return sorted[n - 1];
	if (v < 0) return sorted[0];
	double prev = floor(v);
	size_t i = (size_t)prev;
	double a = sorted[i], b = sorted[i + 1], t = v - prev;
	double diff = b - a;
	return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

static double ref_linspace_at(uint32_t i, uint32_t bins)
{
	return i == bins ? 1.0 : (double)i * (1.0 / (double)bins);
}

typedef struct ref_item {
	double value;
	uint32_t index;
} ref_item;

static int ref_cmp_item(const void *a, const void *b)
{
	const ref_item *x = a, *y = b;
	if (x->value != y->value) return x->value < y->value ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

static seg_status ref_fit_metric(ref_item *items, size_t n, uint32_t bins, seg_rfm_method method, uint8_t *bin_of,
                                 double *thr, double *scratch, seg_error *err)
{
	qsort(items, n, sizeof *items, ref_cmp_item);
	if (method == SEG_RFM_PANDAS) {
		double edges[SEG_RFM_MAX_BINS + 1];
		for (size_t k = 0; k < n; k++) scratch[k] = (double)(k + 1);
		for (uint32_t i = 0; i <= bins; i++) edges[i] = ref_quantile(scratch, n, ref_linspace_at(i, bins));
		for (uint32_t i = 0; i < bins; i++)
			if (!(edges[i] < edges[i + 1]))
				return seg_error_set(err, SEG_E_ARGUMENT,
				                     "%zu customers are too few for %u bins: quantile edges coincide", n, bins);
		uint32_t bin = 0;
		for (size_t k = 0; k < n; k++) {
			double x = (double)(k + 1);
			while (bin + 1 < bins && x > edges[bin + 1]) bin++;
			bin_of[k] = (uint8_t)bin;
		}
		for (uint32_t i = 0; i + 1 < bins; i++) thr[i] = -INFINITY;
		for (size_t k = 0; k < n; k++)
			if (bin_of[k] + 1u < bins && items[k].value > thr[bin_of[k]]) thr[bin_of[k]] = items[k].value;
		for (uint32_t i = 1; i + 1 < bins; i++)
			if (thr[i] < thr[i - 1]) thr[i] = thr[i - 1];
		return SEG_OK;
	}
	for (size_t k = 0; k < n; k++) scratch[k] = items[k].value;
	for (uint32_t i = 1; i < bins; i++) thr[i - 1] = ref_quantile(scratch, n, ref_linspace_at(i, bins));
	for (size_t k = 0; k < n; k++) {
		uint32_t b = 0;
		while (b + 1 < bins && items[k].value > thr[b]) b++;
		bin_of[k] = (uint8_t)b;
	}
	return SEG_OK;
}

/* rank: NULL or a permutation of the profile indexes (as opt->rank). */
static seg_status ref_fit(const seg_profiles *p, uint32_t bins, seg_rfm_method method, int64_t reference,
                          const uint32_t *rank, seg_rfm_model *model, seg_rfm_score *scores, seg_error *err)
{
	seg_error_clear(err);
	if (bins == 0) bins = 5;
	size_t total = seg_profiles_count(p), n = 0;
	uint32_t *order = NULL;
	if (rank) {
		order = malloc(sizeof *order * (total ? total : 1));
		if (!order) return SEG_E_NOMEM;
		for (size_t i = 0; i < total; i++) order[rank[i]] = (uint32_t)i;
	}
	for (size_t i = 0; i < total; i++) n += seg_profiles_at(p, i)->orders > 0;
	if (scores) memset(scores, 0, sizeof *scores * total);
	if (n == 0) {
		free(order);
		return seg_error_set(err, SEG_E_ARGUMENT, "no customer has an order to score");
	}
	ref_item *items = malloc(sizeof *items * n);
	double *scratch = malloc(sizeof *scratch * n);
	uint8_t *bin_of = malloc(n);
	memset(model, 0, sizeof *model);
	model->bins = bins;
	model->method = method;
	model->reference = reference;
	model->customers = n;
	seg_status st = items && scratch && bin_of ? SEG_OK : SEG_E_NOMEM;
	for (int metric = 0; metric < 3 && !st; metric++) {
		size_t k = 0;
		for (size_t pos = 0; pos < total; pos++) {
			const seg_profile *pr = seg_profiles_at(p, order ? order[pos] : pos);
			if (!pr->orders) continue;
			double v = metric == 0 ? (double)seg_profile_recency(pr, reference)
			         : metric == 1 ? (double)pr->orders : pr->monetary;
			items[k].value = v;
			items[k].index = (uint32_t)pos;
			k++;
		}
		double *thr = metric == 0 ? model->r : metric == 1 ? model->f : model->m;
		st = ref_fit_metric(items, n, bins, method, bin_of, thr, scratch, err);
		if (st || !scores) continue;
		for (size_t j = 0; j < n; j++) {
			seg_rfm_score *s = &scores[order ? order[items[j].index] : items[j].index];
			uint8_t score = metric == 0 ? (uint8_t)(bins - bin_of[j]) : (uint8_t)(bin_of[j] + 1);
			if (metric == 0) s->r = score;
			else if (metric == 1) s->f = score;
			else s->m = score;
		}
	}
	free(items);
	free(scratch);
	free(bin_of);
	free(order);
	return st;
}

static uint64_t fit_rng = 0x2545F4914F6CDD1Dull;

static uint64_t fit_rnd(void)
{
	fit_rng ^= fit_rng >> 12;
	fit_rng ^= fit_rng << 25;
	fit_rng ^= fit_rng >> 27;
	return fit_rng * 0x2545F4914F6CDD1Dull;
}

static int64_t fit_below(int64_t n) { return n > 0 ? (int64_t)(fit_rnd() % (uint64_t)n) : 0; }

enum { D_TIES, D_SPREAD, D_TIED, D_CLUSTER, D_ZEROS, D_KINDS };
enum { ID_NUMERIC, ID_TWINS, ID_STRINGS, ID_KINDS };

static void fit_line(seg_profiles *p, const char *id, int64_t ts, const char *order, double amount)
{
	seg_order_line l;
	memset(&l, 0, sizeof l);
	l.customer.s = id;
	l.customer.len = strlen(id);
	l.order.s = order;
	l.order.len = order ? strlen(order) : 0;
	l.ts = ts;
	l.amount = amount;
	l.quantity = NAN;
	seg_error err;
	seg_profiles_add(p, &l, &err);
}

/* n customers (a few of them without an order) of one kind of data. */
static seg_profiles *random_profiles(int kind, size_t n, int id_kind)
{
	seg_profile_policy net;
	memset(&net, 0, sizeof net);
	net.returns = SEG_RETURNS_NET;
	seg_profiles *p = NULL;
	seg_error err;
	if (seg_profiles_create(&net, &p, &err) != SEG_OK) return NULL;
	for (size_t c = 0; c < n; c++) {
		char id[48], order[24];
		if (id_kind == ID_NUMERIC) snprintf(id, sizeof id, "%llu", (unsigned long long)((c * 7919 + 13) % 1000003));
		else if (id_kind == ID_TWINS) snprintf(id, sizeof id, c % 2 ? "%0*zu" : "%*zu", (int)(c % 5) + 1, c / 2);
		else snprintf(id, sizeof id, "%c%llx", "abcZ"[fit_below(4)], (unsigned long long)fit_below(1 << 20) * 64 + c % 64);
		if (id_kind == ID_TWINS)
			for (char *s = id; *s; s++)
				if (*s == ' ') *s = '0' + (char)(c % 2); /* "0042" next to "42" and "1142" */
		if (seg_profiles_find(p, id, strlen(id)) >= 0) continue;
		int64_t days, orders;
		double amount;
		switch (kind) {
		case D_TIES:
			days = fit_below(9) - 3; /* -3 .. 5: some last orders after the reference */
			orders = 1 + fit_below(3);
			amount = (double[]){0, 0.5, 1, 1, 2.5, 100}[fit_below(6)];
			break;
		case D_SPREAD:
			days = fit_below(730) - 30;
			orders = 1 + fit_below(40);
			amount = (double)fit_below(50000) / 100;
			break;
		case D_TIED:
			days = 4;
			orders = 2;
			amount = 9.99;
			break;
		case D_CLUSTER:
			days = 1 + fit_below(2);
			orders = 1 + fit_below(2);
			amount = 100 + (double)fit_below(5000) * 0x1p-30; /* one top 16-bit digit */
			break;
		default:
			days = fit_below(4);
			orders = 1;
			amount = fit_below(3) ? 0 : (double)(fit_below(7) - 3);
			break;
		}
		if (n > 3 && fit_below(40) == 0) {
			/* Only a return: a profile without orders. */
			fit_line(p, id, REF - days * DAY, NULL, -5);
			continue;
		}
		for (int64_t k = 0; k < orders; k++) {
			snprintf(order, sizeof order, "o%lld", (long long)k);
			fit_line(p, id, REF - days * DAY - k * 3600 - fit_below(3600), order, k ? 0 : amount);
		}
		if (kind == D_SPREAD && fit_below(5) == 0) fit_line(p, id, REF - days * DAY, NULL, -(double)fit_below(9000) / 100);
	}
	/* Order lines never make -0.0 (a Kahan sum from +0.0 stays +0.0), but
	 * the fit must treat it as qsort did: equal to 0.0, ties by the tie
	 * order, and the sign kept where a threshold is read from it. */
	if (kind == D_ZEROS || kind == D_TIES) {
		for (size_t i = 0; i < seg_profiles_count(p); i++) {
			seg_profile *pr = (seg_profile *)seg_profiles_at(p, i);
			if (pr->monetary == 0 && fit_below(2)) pr->monetary = -0.0;
		}
	}
	return p;
}

static int fit_compare(const seg_profiles *p, uint32_t bins, seg_rfm_method method, const uint32_t *rank,
                       const char *what)
{
	size_t total = seg_profiles_count(p);
	seg_rfm_score *got = malloc(sizeof *got * (total + 1)), *want = malloc(sizeof *want * (total + 1));
	if (!got || !want) {
		free(got);
		free(want);
		return seg_test_fail(__FILE__, __LINE__, "out of memory");
	}
	memset(got, 0xEE, sizeof *got * (total + 1));
	memset(want, 0xEE, sizeof *want * (total + 1));
	seg_rfm_model mg, mw, m3;
	memset(&mg, 0xAB, sizeof mg);
	memset(&mw, 0xAB, sizeof mw);
	memset(&m3, 0xAB, sizeof m3);
	seg_error eg, ew, e3;
	seg_rfm_options o = {bins, method, REF, rank};
	seg_status sg = seg_rfm_fit(p, &o, &mg, got, &eg);
	seg_status sw = ref_fit(p, bins, method, REF, rank, &mw, want, &ew);
	seg_status s3 = seg_rfm_fit(p, &o, &m3, NULL, &e3); /* no scores: the same model */
	int ok = 1;
	if (sg != sw || s3 != sw) {
		ok = seg_test_fail(__FILE__, __LINE__, "%s: status %d, %d without scores, expected %d (%s)", what, sg, s3, sw,
		                   sg ? eg.message : ew.message);
	} else if (sg != SEG_OK && (strcmp(eg.message, ew.message) != 0 || strcmp(e3.message, ew.message) != 0)) {
		ok = seg_test_fail(__FILE__, __LINE__, "%s: error \"%s\", expected \"%s\"", what, eg.message, ew.message);
	} else if (memcmp(&mg, &mw, sizeof mg) != 0 || memcmp(&m3, &mw, sizeof mw) != 0) {
		for (uint32_t i = 0; i + 1 < (bins ? bins : 5); i++)
			seg_test_fail(__FILE__, __LINE__, "%s: t%u r %.17g/%.17g f %.17g/%.17g m %.17g/%.17g (got/expected)", what,
			              i, mg.r[i], mw.r[i], mg.f[i], mw.f[i], mg.m[i], mw.m[i]);
		ok = seg_test_fail(__FILE__, __LINE__, "%s: the models differ", what);
	} else if (memcmp(got, want, sizeof *got * (total + 1)) != 0) {
		for (size_t i = 0; i < total; i++)
			if (memcmp(&got[i], &want[i], sizeof got[i]) != 0) {
				ok = seg_test_fail(__FILE__, __LINE__, "%s: customer %zu scored %u%u%u, expected %u%u%u", what, i,
				                   got[i].r, got[i].f, got[i].m, want[i].r, want[i].f, want[i].m);
				break;
			}
		if (ok) ok = seg_test_fail(__FILE__, __LINE__, "%s: wrote past the scores", what);
	}
	free(got);
	free(want);
	return ok;
}

/* Every bins/method/tie order on one set of profiles; returns the failures. */
static int fit_compare_all(seg_profiles *p, const char *name, bool all_bins)
{
	size_t total = seg_profiles_count(p);
	uint32_t *by_id = malloc(sizeof *by_id * (total + 1)), *shuffled = malloc(sizeof *shuffled * (total + 1));
	int failures = 0;
	seg_error err;
	if (!by_id || !shuffled || seg_profiles_id_rank(p, by_id, &err) != SEG_OK) {
		free(by_id);
		free(shuffled);
		return seg_test_fail(__FILE__, __LINE__, "%s: no id ranks", name) + 1;
	}
	for (size_t i = 0; i < total; i++) shuffled[i] = (uint32_t)i;
	for (size_t i = total; i > 1; i--) {
		size_t j = (size_t)fit_below((int64_t)i);
		uint32_t t = shuffled[i - 1];
		shuffled[i - 1] = shuffled[j];
		shuffled[j] = t;
	}
	const uint32_t *ranks[3] = {NULL, by_id, shuffled};
	static const char *rank_names[3] = {"profile order", "id order", "shuffled"};
	for (uint32_t bins = 2; bins <= SEG_RFM_MAX_BINS && failures < 3; bins++) {
		if (!all_bins && bins != 2 && bins != 5 && bins != 7 && bins != 10) continue;
		for (int method = 0; method < 2; method++)
			for (int r = 0; r < 3; r++) {
				char what[160];
				snprintf(what, sizeof what, "%s, %zu profiles, %u bins, %s, %s", name, total, bins,
				         method ? "pandas" : "quantile", rank_names[r]);
				failures += !fit_compare(p, bins, method ? SEG_RFM_PANDAS : SEG_RFM_QUANTILE, ranks[r], what);
			}
	}
	free(by_id);
	free(shuffled);
	return failures;
}

SEG_TEST(rfm_fit_matches_sort_reference)
{
	static const size_t sizes[] = {1, 2, 3, 4, 5, 6, 9, 10, 11, 17, 64, 333, 1000, 5000, 20000};
	static const char *kinds[D_KINDS] = {"ties", "spread", "tied", "cluster", "zeros"};
	for (int kind = 0; kind < D_KINDS; kind++) {
		for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
			int id_kind = (int)((s + (size_t)kind) % ID_KINDS);
			seg_profiles *p = random_profiles(kind, sizes[s], id_kind);
			REQUIRE(p != NULL);
			char name[64];
			snprintf(name, sizeof name, "%s (ids %d)", kinds[kind], id_kind);
			int failures = fit_compare_all(p, name, sizes[s] < 5000);
			seg_profiles_free(p);
			if (failures) return;
		}
	}
}

SEG_TEST(rfm_fit_negative_zero_thresholds)
{
	/* Six customers, monetary 0 or -0.0 (set directly: order lines cannot
	 * make -0.0), ties broken by profile order.  qsort's fit read a
	 * threshold from the first customer of the bin with the largest value:
	 * its sign survives, in both methods. */
	seg_profiles *p = NULL;
	seg_error err;
	REQUIRE(seg_profiles_create(NULL, &p, &err) == SEG_OK);
	const char *ids[] = {"1", "2", "3", "4", "5", "6"};
	const double money[] = {-0.0, 0.0, 0.0, -0.0, 1, 2};
	for (int i = 0; i < 6; i++) fit_line(p, ids[i], REF - DAY, "o", 1);
	for (int i = 0; i < 6; i++) ((seg_profile *)seg_profiles_at(p, (size_t)i))->monetary = money[i];
	REQUIRE(signbit(seg_profiles_at(p, 0)->monetary));
	seg_rfm_options o = {3, SEG_RFM_PANDAS, REF, NULL};
	seg_rfm_model m;
	seg_rfm_score sc[6];
	REQUIRE(seg_rfm_fit(p, &o, &m, sc, &err) == SEG_OK);
	/* Bins by rank: {-0, 0}, {0, -0}, {1, 2}: thresholds -0.0 and 0.0. */
	CHECK(m.m[0] == 0 && signbit(m.m[0]));
	CHECK(m.m[1] == 0 && !signbit(m.m[1]));
	for (int i = 0; i < 6; i++) CHECK_EQ_UINT(sc[i].m, 1 + i / 2);
	CHECK(fit_compare(p, 3, SEG_RFM_PANDAS, NULL, "zeros, pandas"));
	/* Quantile, 2 bins: the median of six is between positions 2 and 3, 0.0 and -0.0. */
	CHECK(fit_compare(p, 2, SEG_RFM_QUANTILE, NULL, "zeros, quantile"));
	uint32_t rank[6] = {5, 4, 3, 2, 1, 0};
	for (uint32_t bins = 2; bins <= 6; bins++) {
		CHECK(fit_compare(p, bins, SEG_RFM_QUANTILE, rank, "zeros, quantile, reversed"));
		CHECK(fit_compare(p, bins, SEG_RFM_PANDAS, rank, "zeros, pandas, reversed"));
	}
	seg_profiles_free(p);
}
