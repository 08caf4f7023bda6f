/*
 * test_kquality.c - seg_kquality.h: the silhouette against a plain
 * brute-force computation written here (every pair, per-cluster sums), its
 * edge cases (singletons, empty labels, duplicate points, scale), the
 * documented sample, and seg_kmeans_suggest_k on well-separated blobs.
 */
#include "seg_test.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "seg_kmeans.h"
#include "seg_kquality.h"
#include "seg_prng.h"

/* Test data only: splitmix64 and Box-Muller. */
static uint64_t tq_state;
static double tq_uniform(void)
{
	uint64_t z = (tq_state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	z ^= z >> 31;
	return (double)(z >> 11) * 0x1p-53;
}
static double tq_normal(void)
{
	double u = tq_uniform(), v = tq_uniform();
	return sqrt(-2.0 * log(1.0 - u)) * cos(6.283185307179586 * v);
}

/* n points in d dims around k centres drawn in [-spread, spread]^d, unit
 * normal noise; labels = the generating centre (i % k). */
static double *blobs(size_t n, size_t d, uint32_t k, double spread, uint64_t seed, uint32_t *labels)
{
	tq_state = seed;
	double *c = malloc(k * d * sizeof *c), *x = malloc(n * d * sizeof *x);
	for (size_t q = 0; q < k * d; q++) c[q] = (2.0 * tq_uniform() - 1.0) * spread;
	for (size_t i = 0; i < n; i++) {
		uint32_t l = (uint32_t)(i % k);
		if (labels) labels[i] = l;
		for (size_t f = 0; f < d; f++) x[i * d + f] = c[l * d + f] + tq_normal();
	}
	free(c);
	return x;
}

/* The silhouette, plainly: for each point, the sum of its distances to each
 * cluster; a = sum over own cluster / (size - 1), b = min over other
 * non-empty clusters of sum / size. */
static double brute_silhouette(const double *x, size_t n, size_t d, const uint32_t *labels, uint32_t k,
                               const size_t *subset, size_t m)
{
	size_t *size = calloc(k, sizeof *size);
	long double *sum = malloc(k * sizeof *sum);
	for (size_t p = 0; p < m; p++) size[labels[subset ? subset[p] : p]]++;
	long double total = 0;
	for (size_t p = 0; p < m; p++) {
		size_t i = subset ? subset[p] : p;
		for (uint32_t c = 0; c < k; c++) sum[c] = 0;
		for (size_t q = 0; q < m; q++) {
			size_t j = subset ? subset[q] : q;
			if (j == i) continue;
			long double s2 = 0;
			for (size_t f = 0; f < d; f++) {
				long double diff = (long double)x[i * d + f] - x[j * d + f];
				s2 += diff * diff;
			}
			sum[labels[j]] += sqrtl(s2);
		}
		uint32_t own = labels[i];
		if (size[own] < 2) continue; /* s = 0 */
		long double a = sum[own] / (size[own] - 1), b = INFINITY;
		for (uint32_t c = 0; c < k; c++) {
			if (c != own && size[c] && sum[c] / size[c] < b) b = sum[c] / size[c];
		}
		long double mx = a > b ? a : b;
		if (mx > 0) total += (b - a) / mx;
	}
	free(size);
	free(sum);
	(void)n;
	return (double)(total / m);
}

static bool rel_close(double got, double want, double tol)
{
	return got == want || fabs(got - want) <= tol * fabs(want);
}

#define CHECK_REL(got, want, tol)                                                                      \
	do {                                                                                               \
		double g_ = (got), w_ = (want);                                                                \
		if (!rel_close(g_, w_, tol))                                                                   \
			seg_test_fail(__FILE__, __LINE__, "%s = %.17g, expected %.17g (rel %.3g)", #got, g_, w_,   \
				fabs(g_ - w_) / fabs(w_));                                                             \
	} while (0)

SEG_TEST(silhouette_matches_brute_force)
{
	/* Shapes that reach the odd tail, several tiles (d = 40: 50 columns a
	 * tile; d = 300: 16), one dimension, random labels and blobs. */
	static const struct {
		size_t n, d;
		uint32_t k;
		bool random_labels;
	} cases[] = {
		{7, 2, 2, true}, {301, 3, 4, false}, {301, 3, 4, true}, {500, 1, 3, true},
		{777, 40, 5, false}, {123, 300, 3, true}, {1000, 8, 16, false}, {64, 5, 63, true},
	};
	for (size_t t = 0; t < sizeof cases / sizeof cases[0]; t++) {
		size_t n = cases[t].n, d = cases[t].d;
		uint32_t k = cases[t].k;
		uint32_t *labels = malloc(n * sizeof *labels);
		double *x = blobs(n, d, k, 6.0, 100 + t, labels);
		if (cases[t].random_labels) {
			for (size_t i = 0; i < n; i++) labels[i] = (uint32_t)(tq_uniform() * k);
			labels[0] = 0;
			labels[1] = 1; /* at least two clusters */
		}
		double got = NAN;
		seg_error err;
		CHECK_EQ_INT(seg_silhouette(x, n, d, labels, k, 0, 1, &got, &err), SEG_OK);
		double want = brute_silhouette(x, n, d, labels, k, NULL, n);
		CHECK_REL(got, want, 1e-12);
		/* A sample at least n is exact. */
		double again = NAN;
		CHECK_EQ_INT(seg_silhouette(x, n, d, labels, k, n, 99, &again, &err), SEG_OK);
		CHECK_EQ_DBL(again, got);
		free(x);
		free(labels);
	}
}

SEG_TEST(silhouette_edge_cases)
{
	seg_error err;
	double s = NAN;
	/* Singletons score 0; an unused label (2) is no cluster. */
	double x1[] = {0, 0, 1, 0, 0, 1, 10, 10, 20, 20, 5, 5};
	uint32_t l1[] = {0, 0, 0, 1, 3, 4};
	CHECK_EQ_INT(seg_silhouette(x1, 6, 2, l1, 5, 0, 0, &s, &err), SEG_OK);
	CHECK_REL(s, brute_silhouette(x1, 6, 2, l1, 5, NULL, 6), 1e-14);
	/* Points 4..6 are alone, so s = (s1 + s2 + s3) / 6 with a hand check
	 * for point 1 (0, 0): a = (1 + 1) / 2 = 1, b = min(|(1,0)-(10,10)|...)
	 * is to cluster 4 at (5, 5): sqrt(50). */
	{
		double a = 1.0, b = sqrt(50.0);
		double s1 = (b - a) / b;
		double a2 = (1.0 + sqrt(2.0)) / 2, b2 = sqrt(16.0 + 25.0);
		double s2 = (b2 - a2) / b2;
		double s3 = s2; /* (0, 1) mirrors (1, 0) */
		CHECK_REL(s, (s1 + s2 + s3) / 6.0, 1e-14);
	}
	/* Duplicates: a = b = 0 gives 0, as scikit-learn's nan_to_num. */
	double x2[] = {1, 1, 1, 1, 1, 1, 1, 1};
	uint32_t l2[] = {0, 0, 1, 1};
	CHECK_EQ_INT(seg_silhouette(x2, 4, 2, l2, 2, 0, 0, &s, &err), SEG_OK);
	CHECK_EQ_DBL(s, 0.0);
	/* Two tight pairs far apart: close to 1. */
	double x3[] = {0, 0, 0, 1, 100, 0, 100, 1};
	CHECK_EQ_INT(seg_silhouette(x3, 4, 2, l2, 2, 0, 0, &s, &err), SEG_OK);
	double b3 = (100.0 + sqrt(100.0 * 100.0 + 1.0)) / 2;
	CHECK_REL(s, (b3 - 1.0) / b3, 1e-15);
}

SEG_TEST(silhouette_scale_free_and_order_free)
{
	const size_t n = 400, d = 3;
	uint32_t labels[400];
	double *x = blobs(n, d, 4, 3.0, 7, labels);
	double base, s;
	seg_error err;
	REQUIRE(seg_silhouette(x, n, d, labels, 4, 0, 0, &base, &err) == SEG_OK);
	/* Powers of two far out: the squares would overflow or underflow. */
	static const int exps[] = {600, -600, 1000, -1020};
	double *y = malloc(n * d * sizeof *y);
	for (size_t e = 0; e < 4; e++) {
		for (size_t q = 0; q < n * d; q++) y[q] = ldexp(x[q], exps[e]);
		CHECK_EQ_INT(seg_silhouette(y, n, d, labels, 4, 0, 0, &s, &err), SEG_OK);
		if (exps[e] == -1020)
			CHECK_REL(s, base, 1e-9); /* some coordinates are subnormal there */
		else
			CHECK_EQ_DBL(s, base);
	}
	for (size_t q = 0; q < n * d; q++) y[q] = x[q] * 1e300;
	CHECK_EQ_INT(seg_silhouette(y, n, d, labels, 4, 0, 0, &s, &err), SEG_OK);
	CHECK_REL(s, base, 1e-13);
	/* A shuffle of the points changes only the order of additions. */
	uint32_t l2[400];
	for (size_t i = 0; i < n; i++) {
		size_t j = (i * 37 + 11) % n; /* 37 is prime to 400 */
		memcpy(y + j * d, x + i * d, d * sizeof *y);
		l2[j] = labels[i];
	}
	CHECK_EQ_INT(seg_silhouette(y, n, d, l2, 4, 0, 0, &s, &err), SEG_OK);
	CHECK_REL(s, base, 1e-13);
	free(x);
	free(y);
}

static int cmp_sz(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

SEG_TEST(silhouette_sampled)
{
	const size_t n = 3000, d = 2, m = 500;
	uint32_t *labels = malloc(n * sizeof *labels);
	double *x = blobs(n, d, 3, 4.0, 11, labels);
	seg_error err;
	double s1, s2, s3;
	REQUIRE(seg_silhouette(x, n, d, labels, 3, m, 42, &s1, &err) == SEG_OK);
	REQUIRE(seg_silhouette(x, n, d, labels, 3, m, 42, &s2, &err) == SEG_OK);
	REQUIRE(seg_silhouette(x, n, d, labels, 3, m, 43, &s3, &err) == SEG_OK);
	CHECK_EQ_DBL(s1, s2);
	CHECK(s1 != s3);
	/* The documented sample: the first m of a partial Fisher-Yates shuffle
	 * driven by seg_prng seeded with the seed. */
	size_t *idx = malloc(n * sizeof *idx);
	for (size_t i = 0; i < n; i++) idx[i] = i;
	seg_prng g;
	seg_prng_seed(&g, 42);
	for (size_t t = 0; t < m; t++) {
		size_t r = t + (size_t)seg_prng_below(&g, n - t);
		size_t tmp = idx[t];
		idx[t] = idx[r];
		idx[r] = tmp;
	}
	qsort(idx, m, sizeof *idx, cmp_sz);
	CHECK_REL(s1, brute_silhouette(x, n, d, labels, 3, idx, m), 1e-12);
	/* Bit for bit the exact silhouette of those points, in index order. */
	double *xs = malloc(m * d * sizeof *xs);
	uint32_t *ls = malloc(m * sizeof *ls);
	for (size_t p = 0; p < m; p++) {
		memcpy(xs + p * d, x + idx[p] * d, d * sizeof *xs);
		ls[p] = labels[idx[p]];
	}
	double sub;
	REQUIRE(seg_silhouette(xs, m, d, ls, 3, 0, 0, &sub, &err) == SEG_OK);
	CHECK_EQ_DBL(s1, sub);
	free(xs);
	free(ls);
	/* A sample with fewer than 2 clusters present fails. */
	for (size_t i = 0; i < n; i++) labels[i] = i == n - 1;
	CHECK_EQ_INT(seg_silhouette(x, n, d, labels, 2, 2, 42, &s1, &err), SEG_E_ARGUMENT);
	CHECK_STR(err.message, "the silhouette needs at least 3 points in the sample, not 2");
	CHECK_EQ_INT(seg_silhouette(x, n, d, labels, 2, 3, 42, &s1, &err), SEG_E_ARGUMENT); /* label 1 not drawn */
	CHECK_STR(err.message,
		"the silhouette needs between 2 and 2 clusters (the number of points in the sample minus 1), not 1");
	free(idx);
	free(x);
	free(labels);
}

SEG_TEST(silhouette_sampled_close_to_exact_on_blobs)
{
	const size_t n = 20000, d = 3;
	uint32_t *labels = malloc(n * sizeof *labels);
	double *x = blobs(n, d, 5, 5.0, 12, labels);
	seg_error err;
	double exact, sampled;
	REQUIRE(seg_silhouette(x, n, d, labels, 5, 0, 0, &exact, &err) == SEG_OK);
	for (uint64_t seed = 1; seed <= 3; seed++) {
		REQUIRE(seg_silhouette(x, n, d, labels, 5, 2000, seed, &sampled, &err) == SEG_OK);
		/* s(i) is in [-1, 1]; a mean of 2000 has a standard error below
		 * 1 / sqrt(2000) = 0.022, far less on blobs. */
		if (!(fabs(sampled - exact) < 0.02))
			seg_test_fail(__FILE__, __LINE__, "seed %llu: sampled %g, exact %g", (unsigned long long)seed, sampled,
				exact);
	}
	free(x);
	free(labels);
}

SEG_TEST(silhouette_errors)
{
	double x[] = {0, 1, 2, 3, 4, 5};
	uint32_t l[] = {0, 1, 1};
	double s = 123.0;
	seg_error err;
	CHECK_EQ_INT(seg_silhouette(x, 0, 2, l, 2, 0, 0, &s, &err), SEG_E_ARGUMENT);
	CHECK_EQ_INT(seg_silhouette(x, 3, 0, l, 2, 0, 0, &s, &err), SEG_E_ARGUMENT);
	CHECK_EQ_INT(seg_silhouette(x, 3, 2, l, 0, 0, 0, &s, &err), SEG_E_ARGUMENT);
	/* A label not below k. */
	CHECK_EQ_INT(seg_silhouette(x, 3, 2, l, 1, 0, 0, &s, &err), SEG_E_ARGUMENT);
	CHECK_EQ_UINT(err.line, 2);
	/* One cluster; as many clusters as points. */
	uint32_t one[] = {1, 1, 1}, all[] = {0, 1, 2};
	CHECK_EQ_INT(seg_silhouette(x, 3, 2, one, 2, 0, 0, &s, &err), SEG_E_ARGUMENT);
	CHECK(strstr(err.message, "between 2 and 2 clusters") != NULL);
	CHECK_EQ_INT(seg_silhouette(x, 3, 2, all, 3, 0, 0, &s, &err), SEG_E_ARGUMENT);
	CHECK_STR(err.message,
		"the silhouette needs between 2 and 2 clusters (the number of points minus 1), not 3");
	/* Non-finite values: point and feature. */
	x[3] = NAN;
	CHECK_EQ_INT(seg_silhouette(x, 3, 2, l, 2, 0, 0, &s, &err), SEG_E_ARGUMENT);
	CHECK_EQ_UINT(err.line, 2);
	CHECK_EQ_UINT(err.column, 2);
	CHECK_STR(err.message, "point 2, feature 2: the value is NaN");
	x[3] = 3;
	x[4] = INFINITY;
	CHECK_EQ_INT(seg_silhouette(x, 3, 2, l, 2, 0, 0, &s, &err), SEG_E_ARGUMENT);
	CHECK_EQ_UINT(err.line, 3);
	CHECK_EQ_UINT(err.column, 1);
	CHECK_EQ_DBL(s, 123.0); /* untouched */
}

SEG_TEST(suggest_k_finds_true_k)
{
	static const uint32_t true_k[] = {3, 4, 6};
	for (size_t t = 0; t < 3; t++) {
		const size_t n = 1200, d = 2;
		/* Centres 30 apart on a line, unit noise: well separated. */
		double *x = malloc(n * d * sizeof *x);
		tq_state = 500 + t;
		for (size_t i = 0; i < n; i++) {
			size_t c = i % true_k[t];
			x[i * d + 0] = 30.0 * (double)c + tq_normal();
			x[i * d + 1] = 15.0 * (double)(c % 2) + tq_normal();
		}
		seg_kmeans_options o;
		memset(&o, 0, sizeof o);
		o.n_init = 3;
		o.tol = -1;
		o.seed = 9;
		seg_kquality_row rows[8];
		uint32_t suggested = 0;
		seg_error err;
		REQUIRE(seg_kmeans_suggest_k(x, n, d, 1, 8, &o, 0, rows, &suggested, &err) == SEG_OK);
		CHECK_EQ_UINT(suggested, true_k[t]);
		CHECK(isnan(rows[0].silhouette));
		for (uint32_t r = 0; r < 8; r++) {
			CHECK_EQ_UINT(rows[r].k, r + 1);
			CHECK(rows[r].iterations >= 1);
			CHECK(rows[r].inertia >= 0);
			if (r) CHECK(rows[r].silhouette >= -1 && rows[r].silhouette <= 1);
		}
		/* Inertia falls steeply up to the true k. */
		CHECK(rows[true_k[t] - 1].inertia < 0.05 * rows[true_k[t] - 2].inertia);
		/* Sampled: the same suggestion, reproducibly. */
		seg_kquality_row rows2[8], rows3[8];
		REQUIRE(seg_kmeans_suggest_k(x, n, d, 2, 8, &o, 500, rows2, &suggested, &err) == SEG_OK);
		CHECK_EQ_UINT(suggested, true_k[t]);
		REQUIRE(seg_kmeans_suggest_k(x, n, d, 2, 8, &o, 500, rows3, &suggested, &err) == SEG_OK);
		for (uint32_t r = 0; r < 7; r++) CHECK_EQ_DBL(rows2[r].silhouette, rows3[r].silhouette);
		/* Each row's silhouette is seg_silhouette of that k's labels: refit. */
		uint32_t *labels = malloc(n * sizeof *labels);
		double cent[8 * 2];
		seg_kmeans_info info;
		o.k = true_k[t];
		REQUIRE(seg_kmeans_fit(x, n, d, &o, cent, labels, &info, &err) == SEG_OK);
		CHECK_EQ_DBL(rows[true_k[t] - 1].inertia, info.inertia);
		CHECK_REL(rows[true_k[t] - 1].silhouette, brute_silhouette(x, n, d, labels, true_k[t], NULL, n), 1e-12);
		/* The sampled rows use o->seed for the sample. */
		double sampled;
		REQUIRE(seg_silhouette(x, n, d, labels, true_k[t], 500, o.seed, &sampled, &err) == SEG_OK);
		CHECK_EQ_DBL(rows2[true_k[t] - 2].silhouette, sampled);
		free(labels);
		free(x);
	}
}

SEG_TEST(suggest_k_edges)
{
	double x[] = {0, 0, 0, 1, 10, 10, 10, 11};
	seg_kmeans_options o;
	memset(&o, 0, sizeof o);
	o.seed = 1;
	o.tol = -1;
	seg_kquality_row rows[4];
	uint32_t suggested = 77;
	seg_error err;
	CHECK_EQ_INT(seg_kmeans_suggest_k(x, 4, 2, 0, 2, &o, 0, rows, &suggested, &err), SEG_E_ARGUMENT);
	CHECK_EQ_INT(seg_kmeans_suggest_k(x, 4, 2, 3, 2, &o, 0, rows, &suggested, &err), SEG_E_ARGUMENT);
	CHECK_EQ_INT(seg_kmeans_suggest_k(x, 4, 2, 1, 5, &o, 0, rows, &suggested, &err), SEG_E_ARGUMENT);
	CHECK_EQ_UINT(suggested, 77);
	/* k == n: the silhouette is undefined (NAN), never suggested. */
	REQUIRE(seg_kmeans_suggest_k(x, 4, 2, 1, 4, &o, 0, rows, &suggested, &err) == SEG_OK);
	CHECK_EQ_UINT(suggested, 2);
	CHECK(isnan(rows[0].silhouette));
	CHECK(isnan(rows[3].silhouette));
	CHECK(rows[1].silhouette > rows[2].silhouette);
	/* One k: that k. */
	REQUIRE(seg_kmeans_suggest_k(x, 4, 2, 3, 3, &o, 0, rows, &suggested, &err) == SEG_OK);
	CHECK_EQ_UINT(suggested, 3);
	/* Two places, three points each: k = 2 scores 1 (a = 0, b > 0); so do
	 * k = 3 and 4, whose extra centroids repeat a place and stay empty
	 * (identical points have identical labels): the tie goes to k = 2. */
	double two[] = {0, 0, 0, 0, 0, 0, 3, 4, 3, 4, 3, 4};
	REQUIRE(seg_kmeans_suggest_k(two, 6, 2, 2, 4, &o, 0, rows, &suggested, &err) == SEG_OK);
	CHECK_EQ_UINT(suggested, 2);
	for (size_t r = 0; r < 3; r++) CHECK_EQ_DBL(rows[r].silhouette, 1.0);
	/* All points identical: every silhouette undefined: k_min. */
	double same[] = {5, 5, 5, 5, 5, 5, 5, 5};
	REQUIRE(seg_kmeans_suggest_k(same, 4, 2, 2, 3, &o, 0, rows, &suggested, &err) == SEG_OK);
	CHECK_EQ_UINT(suggested, 2);
	/* Bad data: the fit's error, with its position. */
	x[5] = NAN;
	CHECK_EQ_INT(seg_kmeans_suggest_k(x, 4, 2, 1, 2, &o, 0, rows, &suggested, &err), SEG_E_ARGUMENT);
	CHECK_EQ_UINT(err.line, 3);
	CHECK_EQ_UINT(err.column, 2);
}
