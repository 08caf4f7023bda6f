/*
 * test_kmeans.c - seg_kmeans.h.  The three algorithms must agree bit for
 * bit; Lloyd is also checked against a plain textbook Lloyd written here
 * (scikit-learn's stopping rule restated), every label against a nearest-
 * centre search done here, the inertia against a sum done here, the empty-
 * cluster repair against a farthest-point search done here.
 */
#include "seg_test.h"

#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "seg_kmeans.h"

/* ---- data ------------------------------------------------------------------ */

static uint64_t km_rng = 0x243F6A8885A308D3ull;

static uint64_t rnd(void)
{
	/* xorshift64* */
	km_rng ^= km_rng >> 12;
	km_rng ^= km_rng << 25;
	km_rng ^= km_rng >> 27;
	return km_rng * 0x2545F4914F6CDD1Dull;
}

static double unif(void) { return (double)(rnd() >> 11) * 0x1.0p-53; }

static double gauss(void)
{
	double u = unif(), v = unif();
	if (u < 1e-300) u = 1e-300;
	return sqrt(-2 * log(u)) * cos(6.283185307179586 * v);
}

/* n points of d features around `blobs` centres in [-10, 10]^d. */
static double *make_blobs(size_t n, size_t d, size_t blobs, double sd, uint64_t seed)
{
	km_rng = seed * 0x9E3779B97F4A7C15ull + 1;
	double *c = malloc(blobs * d * sizeof(double));
	double *x = malloc(n * d * sizeof(double));
	for (size_t q = 0; q < blobs * d; q++) c[q] = unif() * 20 - 10;
	for (size_t i = 0; i < n; i++) {
		size_t b = rnd() % blobs;
		for (size_t f = 0; f < d; f++) x[i * d + f] = c[b * d + f] + sd * gauss();
	}
	free(c);
	return x;
}

/* Small integers: many exact ties and duplicate points. */
static double *make_grid(size_t n, size_t d, unsigned levels, uint64_t seed)
{
	km_rng = seed * 0x9E3779B97F4A7C15ull + 7;
	double *x = malloc(n * d * sizeof(double));
	for (size_t q = 0; q < n * d; q++) x[q] = (double)(rnd() % levels);
	return x;
}

/* ---- independent checks ------------------------------------------------------- */

static double ref_d2(const double *a, const double *b, size_t d)
{
	double s = 0;
	for (size_t f = 0; f < d; f++) s += (a[f] - b[f]) * (a[f] - b[f]);
	return s;
}

static uint32_t ref_nearest(const double *x, const double *c, size_t k, size_t d)
{
	uint32_t best = 0;
	double bd = ref_d2(x, c, d);
	for (size_t j = 1; j < k; j++) {
		double v = ref_d2(x, c + j * d, d);
		if (v < bd) {
			bd = v;
			best = (uint32_t)j;
		}
	}
	return best;
}

/* Every label is the nearest centroid (the lowest index on a tie), and the
 * inertia is the sum of squared distances (to 1e-12, relative). */
static void check_result(const double *x, size_t n, size_t d, size_t k, const double *cen, const uint32_t *lab,
	const seg_kmeans_info *info, const char *what)
{
	size_t bad = 0;
	double inertia = 0;
	for (size_t i = 0; i < n; i++) {
		if (lab[i] >= k || lab[i] != ref_nearest(x + i * d, cen, k, d)) bad++;
		else inertia += ref_d2(x + i * d, cen + lab[i] * d, d);
	}
	if (bad) seg_test_fail(__FILE__, __LINE__, "%s: %zu labels are not the nearest centroid", what, bad);
	double tolr = 1e-12 * (inertia > 1 ? inertia : 1);
	if (!(fabs(inertia - info->inertia) <= tolr))
		seg_test_fail(__FILE__, __LINE__, "%s: inertia %.17g, recomputed %.17g", what, info->inertia, inertia);
	CHECK_EQ_DBL(seg_kmeans_inertia(x, n, d, cen, lab), info->inertia);
}

/* Textbook Lloyd with scikit-learn's stopping rule; returns false if a
 * cluster went empty (the callers choose data where none does). */
static bool ref_lloyd(const double *x, size_t n, size_t d, size_t k, const double *init, uint32_t max_iter, double tol,
	double *cen, uint32_t *lab, uint32_t *iters)
{
	double var = 0;
	for (size_t f = 0; f < d; f++) {
		double m = 0, s = 0;
		for (size_t i = 0; i < n; i++) m += x[i * d + f];
		m /= (double)n;
		for (size_t i = 0; i < n; i++) s += (x[i * d + f] - m) * (x[i * d + f] - m);
		var += s / (double)n;
	}
	double tol_abs = tol * var / (double)d;
	double *sum = calloc(k * d, sizeof(double));
	size_t *cnt = calloc(k, sizeof(size_t));
	uint32_t *old = malloc(n * sizeof(uint32_t));
	bool ok = true, strict = false;
	memcpy(cen, init, k * d * sizeof(double));
	for (size_t i = 0; i < n; i++) old[i] = UINT32_MAX;
	uint32_t it = 0;
	while (it < max_iter) {
		for (size_t i = 0; i < n; i++) lab[i] = ref_nearest(x + i * d, cen, k, d);
		memset(sum, 0, k * d * sizeof(double));
		memset(cnt, 0, k * sizeof(size_t));
		for (size_t i = 0; i < n; i++) {
			cnt[lab[i]]++;
			for (size_t f = 0; f < d; f++) sum[lab[i] * d + f] += x[i * d + f];
		}
		double shift = 0;
		for (size_t j = 0; j < k; j++) {
			if (!cnt[j]) {
				ok = false;
				continue;
			}
			for (size_t f = 0; f < d; f++) {
				double v = sum[j * d + f] / (double)cnt[j];
				shift += (v - cen[j * d + f]) * (v - cen[j * d + f]);
				cen[j * d + f] = v;
			}
		}
		it++;
		if (memcmp(old, lab, n * sizeof(uint32_t)) == 0) {
			strict = true;
			break;
		}
		if (shift <= tol_abs) break;
		memcpy(old, lab, n * sizeof(uint32_t));
	}
	if (!strict)
		for (size_t i = 0; i < n; i++) lab[i] = ref_nearest(x + i * d, cen, k, d);
	*iters = it;
	free(sum);
	free(cnt);
	free(old);
	return ok;
}

/* ---- fitting helpers ------------------------------------------------------------- */

typedef struct fit_out {
	double *cen;
	uint32_t *lab;
	seg_kmeans_info info;
	seg_status st;
	seg_error err;
} fit_out;

static fit_out fit(const double *x, size_t n, size_t d, seg_kmeans_options o)
{
	fit_out r;
	r.cen = malloc((o.k ? o.k : 1) * d * sizeof(double) + 1);
	r.lab = malloc(n * sizeof(uint32_t) + 1);
	memset(&r.info, 0xA5, sizeof r.info);
	r.st = seg_kmeans_fit(x, n, d, &o, r.cen, r.lab, &r.info, &r.err);
	return r;
}

static void fit_free(fit_out *r)
{
	free(r->cen);
	free(r->lab);
}

static bool same_fit(const fit_out *a, const fit_out *b, size_t n, size_t d, size_t k)
{
	return a->st == SEG_OK && b->st == SEG_OK && memcmp(a->lab, b->lab, n * sizeof(uint32_t)) == 0 &&
	       memcmp(a->cen, b->cen, k * d * sizeof(double)) == 0 && a->info.iterations == b->info.iterations &&
	       a->info.best_init == b->info.best_init && memcmp(&a->info.inertia, &b->info.inertia, sizeof(double)) == 0;
}

static seg_kmeans_options opts(uint32_t k, seg_kmeans_algo algo, uint64_t seed)
{
	seg_kmeans_options o;
	memset(&o, 0, sizeof o);
	o.k = k;
	o.algo = algo;
	o.seed = seed;
	o.tol = -1;
	o.n_init = 2;
	return o;
}

static const seg_kmeans_algo algos[3] = {SEG_KMEANS_LLOYD, SEG_KMEANS_HAMERLY, SEG_KMEANS_ELKAN};

/* ---- the algorithms agree ---------------------------------------------------------- */

/* ls: local_search (0 none, as opts(); or SEG_KMEANS_LOCAL_SEARCH_DEFAULT,
 * after which Lloyd starts from the search's labels and the others do the
 * first assignment in full) */
static void agree_case_ls(const double *x, size_t n, size_t d, uint32_t k, uint64_t seed, double tol, uint32_t ls,
	const char *what)
{
	fit_out r[3];
	for (int a = 0; a < 3; a++) {
		seg_kmeans_options o = opts(k, algos[a], seed);
		o.tol = tol;
		o.local_search = ls;
		r[a] = fit(x, n, d, o);
		if (r[a].st != SEG_OK) seg_test_fail(__FILE__, __LINE__, "%s: %s", what, r[a].err.message);
	}
	/* Lloyd one point at a time (no seg_knearest kernel) */
	seg_kmeans_options os = opts(k, SEG_KMEANS_LLOYD, seed);
	os.tol = tol;
	os.local_search = ls;
	os.scalar = true;
	fit_out rs = fit(x, n, d, os);
	if (r[0].st == SEG_OK && rs.st == SEG_OK && !same_fit(&r[0], &rs, n, d, k))
		seg_test_fail(__FILE__, __LINE__, "%s (n=%zu d=%zu k=%u seed=%llu): Lloyd one point at a time differs", what, n,
			d, k, (unsigned long long)seed);
	fit_free(&rs);
	if (r[0].st == SEG_OK) {
		CHECK_EQ_INT(r[0].info.algo, SEG_KMEANS_LLOYD);
		CHECK_EQ_INT(r[1].info.algo, SEG_KMEANS_HAMERLY);
		CHECK_EQ_INT(r[2].info.algo, SEG_KMEANS_ELKAN);
		for (int a = 1; a < 3; a++)
			if (!same_fit(&r[0], &r[a], n, d, k))
				seg_test_fail(__FILE__, __LINE__, "%s (n=%zu d=%zu k=%u seed=%llu): algorithm %d differs from Lloyd", what,
					n, d, k, (unsigned long long)seed, (int)algos[a]);
		check_result(x, n, d, k, r[0].cen, r[0].lab, &r[0].info, what);
	}
	for (int a = 0; a < 3; a++) fit_free(&r[a]);
}

static void agree_case(const double *x, size_t n, size_t d, uint32_t k, uint64_t seed, double tol, const char *what)
{
	agree_case_ls(x, n, d, k, seed, tol, 0, what);
}

SEG_TEST(kmeans_algorithms_agree_on_blobs)
{
	static const size_t ds[] = {1, 2, 3, 4, 5, 7, 8, 9, 12, 17};
	static const uint32_t ks[] = {1, 2, 3, 5, 8, 16, 33};
	for (size_t a = 0; a < sizeof ds / sizeof ds[0]; a++)
		for (size_t b = 0; b < sizeof ks / sizeof ks[0]; b++) {
			size_t d = ds[a], n = 600 + 37 * a;
			uint32_t k = ks[b];
			double *x = make_blobs(n, d, 6, 2.5, a * 100 + b);
			agree_case(x, n, d, k, a + b, -1, "blobs");
			agree_case(x, n, d, k, a + b + 1000, 0, "blobs, tol 0");
			free(x);
		}
}

/* Features whose values span many magnitudes and signs (fixed-point
 * values with fractions to truncate, negative ones, ones near 2^62): the
 * vector kernels and the exact sums give bit for bit the fit of the
 * one-point-at-a-time path, for d = 4..9 (vectors and tails). */
SEG_TEST(kmeans_sums_exact_across_magnitudes)
{
	for (size_t d = 4; d <= 9; d++) {
		const size_t n = 400;
		double *x = malloc(n * d * sizeof(double));
		uint64_t r = 0x1234567 + d;
		for (size_t i = 0; i < n; i++)
			for (size_t f = 0; f < d; f++) {
				r = r * 6364136223846793005ull + 1442695040888963407ull;
				const double u = (double)(r >> 11) / 9007199254740992.0; /* [0, 1) */
				/* half the points huge, half tiny with both signs: the tiny
				 * ones' fixed-point values have fractions */
				x[i * d + f] = i % 2 ? (1000.0 + u * (double)f) : (u - 0.5) * 1e-9 * (double)(f + 1);
			}
		for (uint32_t k = 1; k <= 3; k++) {
			seg_kmeans_options o = opts(k, SEG_KMEANS_LLOYD, d);
			fit_out v = fit(x, n, d, o);
			o.scalar = true;
			fit_out one = fit(x, n, d, o);
			if (!same_fit(&v, &one, n, d, k))
				seg_test_fail(__FILE__, __LINE__, "d=%zu k=%u: the fit differs from one point at a time", d, k);
			fit_free(&v);
			fit_free(&one);
		}
		free(x);
	}
}

SEG_TEST(kmeans_algorithms_agree_with_ties)
{
	/* integer grid: exact ties between centres, duplicate points, centres
	 * landing on each other */
	static const size_t ds[] = {1, 2, 3, 5, 10};
	static const uint32_t ks[] = {2, 4, 7, 12, 30};
	for (size_t a = 0; a < sizeof ds / sizeof ds[0]; a++)
		for (size_t b = 0; b < sizeof ks / sizeof ks[0]; b++) {
			size_t d = ds[a], n = 500;
			double *x = make_grid(n, d, 4, a * 10 + b);
			for (uint64_t s = 0; s < 3; s++) {
				agree_case(x, n, d, ks[b], s, -1, "grid");
				agree_case_ls(x, n, d, ks[b], s, -1, SEG_KMEANS_LOCAL_SEARCH_DEFAULT, "grid, local search");
			}
			free(x);
		}
	/* a later iteration puts a point at exactly the same distance from a
	 * lower-index centre as from its own: Lloyd moves it (found by an exact
	 * rational search) */
	{
		double x1[] = {4, -4, -1, 3}, i1[] = {-4, -1};
		double x2[] = {1, 0, 1, 0, -1, -3, 0, -3, -3, 2, 2, 1, 2, 1, 3, 0}, i2[] = {2, 1, -1, -3, 1, 0};
		for (int a = 0; a < 3; a++) {
			for (int t = 0; t < 2; t++) {
				size_t n = t ? 8 : 4, d = t ? 2 : 1;
				uint32_t k = t ? 3 : 2;
				const double *x = t ? x2 : x1;
				seg_kmeans_options o = opts(k, algos[a], 0);
				o.init = t ? i2 : i1;
				o.n_init = 1;
				o.tol = 0;
				fit_out r = fit(x, n, d, o);
				REQUIRE(r.st == SEG_OK);
				double rc[6];
				uint32_t rl[8], rit;
				REQUIRE(ref_lloyd(x, n, d, k, o.init, 300, 0, rc, rl, &rit));
				CHECK(memcmp(r.lab, rl, n * sizeof(uint32_t)) == 0);
				CHECK_EQ_UINT(r.info.iterations, rit);
				check_result(x, n, d, k, r.cen, r.lab, &r.info, "later tie");
				fit_free(&r);
			}
		}
	}
	/* points exactly midway between two initial centres */
	double x[] = {0, 2, 1, 1, 1, 3, 4, 5, -1};
	double init[] = {0, 2};
	for (int a = 0; a < 3; a++) {
		seg_kmeans_options o = opts(2, algos[a], 0);
		o.init = init;
		o.n_init = 1;
		fit_out r = fit(x, 9, 1, o);
		REQUIRE(r.st == SEG_OK);
		seg_kmeans_info info = r.info;
		check_result(x, 9, 1, 2, r.cen, r.lab, &info, "midway");
		fit_free(&r);
	}
}

SEG_TEST(kmeans_matches_textbook_lloyd)
{
	static const size_t ds[] = {2, 3, 8, 11};
	static const uint32_t ks[] = {2, 4, 9};
	int compared = 0; /* cases without an empty cluster (the reference has no repair) */
	for (size_t a = 0; a < 4; a++)
		for (size_t b = 0; b < 3; b++) {
			size_t d = ds[a], n = 2000;
			uint32_t k = ks[b];
			double *x = make_blobs(n, d, 5, 3.0, 500 + a * 7 + b);
			double *init = malloc(k * d * sizeof(double));
			for (uint32_t j = 0; j < k; j++) memcpy(init + j * d, x + (j * 131 + 5) * d, d * sizeof(double));
			static const double tols[] = {1e-4, 0, 1e-2};
			for (int t = 0; t < 3; t++) {
				double *rc = malloc(k * d * sizeof(double));
				uint32_t *rl = malloc(n * sizeof(uint32_t)), rit;
				bool ok = ref_lloyd(x, n, d, k, init, 300, tols[t], rc, rl, &rit);
				compared += ok;
				for (int al = 0; ok && al < 3; al++) {
					seg_kmeans_options o = opts(k, algos[al], 0);
					o.init = init;
					o.n_init = 0;
					o.tol = tols[t];
					fit_out r = fit(x, n, d, o);
					REQUIRE(r.st == SEG_OK);
					CHECK_EQ_UINT(r.info.n_init, 1);
					CHECK_EQ_UINT(r.info.iterations, rit);
					CHECK(memcmp(r.lab, rl, n * sizeof(uint32_t)) == 0);
					double err = 0;
					for (size_t q = 0; q < k * d; q++) err = fmax(err, fabs(r.cen[q] - rc[q]));
					CHECK(err < 1e-12);
					check_result(x, n, d, k, r.cen, r.lab, &r.info, "textbook");
					fit_free(&r);
				}
				free(rc);
				free(rl);
			}
			free(init);
			free(x);
		}
	CHECK(compared >= 30);
}

/* ---- stopping rule ------------------------------------------------------------------ */

SEG_TEST(kmeans_stopping_rule)
{
	size_t n = 3000, d = 2;
	uint32_t k = 6;
	double *x = make_blobs(n, d, 3, 4.0, 77);
	double init[12];
	for (uint32_t j = 0; j < k; j++) memcpy(init + j * d, x + j * 17 * d, d * sizeof(double));
	/* max_iter caps the iterations; the labels are still those of the
	 * returned centroids */
	for (uint32_t mi = 1; mi <= 3; mi++) {
		seg_kmeans_options o = opts(k, SEG_KMEANS_HAMERLY, 0);
		o.init = init;
		o.n_init = 1;
		o.max_iter = mi;
		fit_out r = fit(x, n, d, o);
		REQUIRE(r.st == SEG_OK);
		CHECK_EQ_UINT(r.info.iterations, mi);
		check_result(x, n, d, k, r.cen, r.lab, &r.info, "max_iter");
		fit_free(&r);
	}
	/* a huge tol stops after the first iteration; tol 0 only on stable labels */
	uint32_t it_loose = 0, it_exact = 0, it_default = 0;
	for (int t = 0; t < 3; t++) {
		seg_kmeans_options o = opts(k, SEG_KMEANS_LLOYD, 0);
		o.init = init;
		o.n_init = 1;
		o.tol = t == 0 ? 1e6 : t == 1 ? 0 : -1;
		fit_out r = fit(x, n, d, o);
		REQUIRE(r.st == SEG_OK);
		check_result(x, n, d, k, r.cen, r.lab, &r.info, "tol");
		if (t == 0) it_loose = r.info.iterations;
		if (t == 1) {
			it_exact = r.info.iterations;
			/* strict convergence: one more assignment changes nothing and the
			 * centroids are the means of their members */
			for (uint32_t j = 0; j < k; j++) {
				double s[2] = {0, 0};
				size_t c = 0;
				for (size_t i = 0; i < n; i++)
					if (r.lab[i] == j) {
						s[0] += x[i * d];
						s[1] += x[i * d + 1];
						c++;
					}
				REQUIRE(c > 0);
				CHECK(fabs(s[0] / c - r.cen[j * d]) < 1e-12 && fabs(s[1] / c - r.cen[j * d + 1]) < 1e-12);
			}
		}
		if (t == 2) it_default = r.info.iterations;
		fit_free(&r);
	}
	CHECK_EQ_UINT(it_loose, 1);
	CHECK(it_exact >= it_default);
	CHECK(it_default > 1);
	free(x);
}

/* ---- reproducibility and threads ----------------------------------------------------- */

SEG_TEST(kmeans_seed_reproducible)
{
	size_t n = 4000, d = 3;
	double *x = make_blobs(n, d, 12, 2.0, 5);
	seg_kmeans_options o = opts(10, SEG_KMEANS_AUTO, 42);
	o.n_init = 1;
	o.max_iter = 1; /* the result of one step still shows the seeds */
	fit_out a = fit(x, n, d, o), b = fit(x, n, d, o);
	CHECK(same_fit(&a, &b, n, d, 10));
	o.seed = 43;
	fit_out c = fit(x, n, d, o);
	REQUIRE(c.st == SEG_OK);
	CHECK(memcmp(a.cen, c.cen, 10 * d * sizeof(double)) != 0);
	fit_free(&a);
	fit_free(&b);
	fit_free(&c);

	/* n_init: the winner has the lowest inertia of the restarts, which are
	 * the single runs seeded from the master sequence */
	o = opts(10, SEG_KMEANS_AUTO, 7);
	o.n_init = 5;
	fit_out m = fit(x, n, d, o);
	REQUIRE(m.st == SEG_OK);
	CHECK_EQ_UINT(m.info.n_init, 5);
	CHECK(m.info.best_init < 5);
	check_result(x, n, d, 10, m.cen, m.lab, &m.info, "n_init");
	/* restart r is the same with any n_init > r: the inertia of the first m
	 * restarts never rises with m, and the winner is found again with
	 * n_init = best_init + 1 */
	double prev = INFINITY;
	for (uint32_t ni = 1; ni <= 5; ni++) {
		o.n_init = ni;
		fit_out r = fit(x, n, d, o);
		REQUIRE(r.st == SEG_OK);
		CHECK(r.info.inertia <= prev);
		prev = r.info.inertia;
		if (ni == m.info.best_init + 1) CHECK(same_fit(&r, &m, n, d, 10));
		fit_free(&r);
	}
	CHECK_EQ_DBL(prev, m.info.inertia);
	fit_free(&m);
	free(x);
}

SEG_TEST(kmeans_seeding_picks_distinct_points)
{
	/* k == n distinct points: k-means++ never draws a point already chosen
	 * (its weight is 0), so every point is its own cluster, inertia 0 */
	size_t n = 40, d = 2;
	double *x = make_blobs(n, d, 3, 1.0, 9);
	for (uint64_t s = 0; s < 5; s++) {
		seg_kmeans_options o = opts((uint32_t)n, SEG_KMEANS_AUTO, s);
		fit_out r = fit(x, n, d, o);
		REQUIRE(r.st == SEG_OK);
		CHECK_EQ_DBL(r.info.inertia, 0.0);
		bool seen[40] = {false};
		for (size_t i = 0; i < n; i++) {
			CHECK(!seen[r.lab[i]]);
			seen[r.lab[i]] = true;
			CHECK(memcmp(r.cen + r.lab[i] * d, x + i * d, d * sizeof(double)) == 0);
		}
		fit_free(&r);
	}
	free(x);
}

SEG_TEST(kmeans_threads_identical)
{
	/* large enough for the second thread */
	size_t n = 40000, d = 3;
	double *x = make_blobs(n, d, 8, 2.0, 11);
	for (int a = 0; a < 3; a++) {
		seg_kmeans_options o = opts(8, algos[a], 3);
		fit_out one = fit(x, n, d, o);
		o.threads = 2;
		fit_out two = fit(x, n, d, o);
		CHECK(same_fit(&one, &two, n, d, 8));
		fit_free(&one);
		fit_free(&two);
	}
	free(x);
	/* and an odd n with an explicit init, d above the specialised sizes */
	n = 30001;
	d = 10;
	x = make_blobs(n, d, 5, 3.0, 12);
	for (int a = 0; a < 3; a++) {
		seg_kmeans_options o = opts(5, algos[a], 0);
		o.init = x + 100 * d;
		o.n_init = 1;
		fit_out one = fit(x, n, d, o);
		o.threads = 2;
		fit_out two = fit(x, n, d, o);
		CHECK(same_fit(&one, &two, n, d, 5));
		fit_free(&one);
		fit_free(&two);
	}
	free(x);
}

/* ---- local search after the seeding ---------------------------------------------------- */

SEG_TEST(kmeans_local_search)
{
	/* deterministic, the same with 1 and 2 threads and with every algorithm */
	size_t n = 40000, d = 3;
	double *x = make_blobs(n, d, 9, 1.5, 21);
	for (int a = 0; a < 3; a++) {
		seg_kmeans_options o = opts(9, algos[a], 5);
		o.local_search = 9;
		fit_out one = fit(x, n, d, o);
		fit_out again = fit(x, n, d, o);
		o.threads = 2;
		fit_out two = fit(x, n, d, o);
		CHECK(same_fit(&one, &again, n, d, 9));
		CHECK(same_fit(&one, &two, n, d, 9));
		if (a == 0) check_result(x, n, d, 9, one.cen, one.lab, &one.info, "local search");
		fit_free(&one);
		fit_free(&again);
		fit_free(&two);
	}
	fit_out lloyd = fit(x, n, d, (seg_kmeans_options){.k = 9, .algo = SEG_KMEANS_LLOYD, .seed = 5, .tol = -1, .n_init = 2, .local_search = 9});
	fit_out elkan = fit(x, n, d, (seg_kmeans_options){.k = 9, .algo = SEG_KMEANS_ELKAN, .seed = 5, .tol = -1, .n_init = 2, .local_search = 9});
	CHECK(same_fit(&lloyd, &elkan, n, d, 9));
	fit_free(&lloyd);
	fit_free(&elkan);
	free(x);

	/* It does what it is for: over 30 single restarts on well separated
	 * blobs with k = their number, plain k-means++ misses some blobs (two
	 * seeds in one blob: Lloyd cannot move one across); with the swaps the
	 * mean inertia is lower and the true clustering (every blob its own
	 * cluster: inertia near the within-blob spread) is found more often. */
	n = 6000;
	d = 2;
	x = make_blobs(n, d, 12, 0.3, 33);
	double sum[2] = {0, 0}, best = INFINITY;
	double inertia[2][30];
	for (int ls = 0; ls < 2; ls++)
		for (uint64_t seed = 0; seed < 30; seed++) {
			seg_kmeans_options o = opts(12, SEG_KMEANS_AUTO, seed);
			o.n_init = 1;
			o.local_search = ls ? 12 : 0;
			fit_out r = fit(x, n, d, o);
			REQUIRE(r.st == SEG_OK);
			inertia[ls][seed] = r.info.inertia;
			sum[ls] += r.info.inertia;
			if (r.info.inertia < best) best = r.info.inertia;
			fit_free(&r);
		}
	int good[2] = {0, 0};
	for (int ls = 0; ls < 2; ls++)
		for (int s = 0; s < 30; s++) good[ls] += inertia[ls][s] <= best * 1.001;
	CHECK(sum[1] < sum[0]);
	CHECK(good[1] > good[0]);
	free(x);
}

/* ---- empty clusters ---------------------------------------------------------------------- */

SEG_TEST(kmeans_empty_cluster_repair)
{
	size_t n = 1000, d = 2;
	uint32_t k = 4;
	double *x = make_blobs(n, d, 3, 1.5, 21);
	/* centre 2 far away: nobody is assigned to it in the first step */
	double init[8];
	memcpy(init, x, 2 * sizeof(double));
	memcpy(init + 2, x + 2 * d, 2 * sizeof(double));
	init[4] = 1e6;
	init[5] = -1e6;
	memcpy(init + 6, x + 5 * d, 2 * sizeof(double));
	/* what the first step must do, computed here */
	uint32_t *lab0 = malloc(n * sizeof(uint32_t));
	size_t far = 0;
	double fard = -1;
	size_t cnt[4] = {0};
	for (size_t i = 0; i < n; i++) {
		lab0[i] = ref_nearest(x + i * d, init, k, d);
		cnt[lab0[i]]++;
		double v = ref_d2(x + i * d, init + lab0[i] * d, d);
		if (v > fard) {
			fard = v;
			far = i;
		}
	}
	REQUIRE(cnt[2] == 0);
	REQUIRE(cnt[lab0[far]] > 1);
	for (int a = 0; a < 3; a++) {
		seg_kmeans_options o = opts(k, algos[a], 0);
		o.init = init;
		o.n_init = 1;
		o.max_iter = 1;
		fit_out r = fit(x, n, d, o);
		REQUIRE(r.st == SEG_OK);
		CHECK_EQ_UINT(r.info.empty_repairs, 1);
		/* the empty centre took the farthest point, which left its cluster */
		CHECK_EQ_DBL(r.cen[2 * d], x[far * d]);
		CHECK_EQ_DBL(r.cen[2 * d + 1], x[far * d + 1]);
		uint32_t from = lab0[far];
		double s[2] = {0, 0};
		for (size_t i = 0; i < n; i++)
			if (lab0[i] == from && i != far) {
				s[0] += x[i * d];
				s[1] += x[i * d + 1];
			}
		CHECK(fabs(r.cen[from * d] - s[0] / (cnt[from] - 1)) < 1e-12);
		CHECK(fabs(r.cen[from * d + 1] - s[1] / (cnt[from] - 1)) < 1e-12);
		check_result(x, n, d, k, r.cen, r.lab, &r.info, "repair, one step");
		fit_free(&r);

		/* to convergence: no cluster is left empty */
		o.max_iter = 0;
		r = fit(x, n, d, o);
		REQUIRE(r.st == SEG_OK);
		CHECK(r.info.empty_repairs >= 1);
		size_t c2[4] = {0};
		for (size_t i = 0; i < n; i++) c2[r.lab[i]]++;
		for (uint32_t j = 0; j < k; j++) CHECK(c2[j] > 0);
		check_result(x, n, d, k, r.cen, r.lab, &r.info, "repair");
		fit_free(&r);
	}
	/* the three algorithms agree through repairs */
	fit_out rr[3];
	for (int a = 0; a < 3; a++) {
		seg_kmeans_options o = opts(k, algos[a], 0);
		o.init = init;
		o.n_init = 1;
		rr[a] = fit(x, n, d, o);
	}
	CHECK(same_fit(&rr[0], &rr[1], n, d, k));
	CHECK(same_fit(&rr[0], &rr[2], n, d, k));
	for (int a = 0; a < 3; a++) fit_free(&rr[a]);
	free(lab0);
	free(x);
}

/* ---- degenerate data ------------------------------------------------------------------------ */

SEG_TEST(kmeans_identical_points)
{
	double x[50 * 3];
	for (int i = 0; i < 50; i++) {
		x[i * 3] = 1.5;
		x[i * 3 + 1] = -2;
		x[i * 3 + 2] = 1e10;
	}
	static const uint32_t ks[] = {1, 3, 50};
	for (int a = 0; a < 3; a++)
		for (int b = 0; b < 3; b++) {
			seg_kmeans_options o = opts(ks[b], algos[a], 1);
			fit_out r = fit(x, 50, 3, o);
			REQUIRE(r.st == SEG_OK);
			CHECK_EQ_DBL(r.info.inertia, 0.0);
			for (uint32_t j = 0; j < ks[b]; j++) CHECK(memcmp(r.cen + j * 3, x, 3 * sizeof(double)) == 0);
			for (int i = 0; i < 50; i++) CHECK_EQ_UINT(r.lab[i], 0);
			CHECK(r.info.iterations <= 2);
			fit_free(&r);
		}
}

SEG_TEST(kmeans_duplicate_points)
{
	/* three distinct points, repeated */
	double p[3][2] = {{0, 0}, {5, 5}, {-3, 8}};
	double x[30 * 2];
	for (int i = 0; i < 30; i++) memcpy(x + i * 2, p[(i * 7) % 3], sizeof p[0]);
	for (uint32_t k = 1; k <= 6; k++)
		for (int a = 0; a < 3; a++) {
			seg_kmeans_options o = opts(k, algos[a], k);
			fit_out r = fit(x, 30, 2, o);
			REQUIRE(r.st == SEG_OK);
			check_result(x, 30, 2, k, r.cen, r.lab, &r.info, "duplicates");
			if (k >= 3) CHECK_EQ_DBL(r.info.inertia, 0.0);
			/* every centroid repeats a point */
			for (uint32_t j = 0; j < k; j++) {
				bool found = false;
				for (int q = 0; q < 3; q++) found |= r.cen[j * 2] == p[q][0] && r.cen[j * 2 + 1] == p[q][1];
				if (k >= 3) CHECK(found);
			}
			fit_free(&r);
		}
}

SEG_TEST(kmeans_k_equals_n_and_k_one)
{
	double x[] = {3, 1, 4, 1, 5, 9, 2, 6};
	for (int a = 0; a < 3; a++) {
		seg_kmeans_options o = opts(8, algos[a], 0);
		fit_out r = fit(x, 8, 1, o);
		REQUIRE(r.st == SEG_OK);
		CHECK_EQ_DBL(r.info.inertia, 0.0); /* the duplicate 1 shares a cluster, one centroid repeats */
		check_result(x, 8, 1, 8, r.cen, r.lab, &r.info, "k == n");
		fit_free(&r);
		o = opts(1, algos[a], 0);
		r = fit(x, 8, 1, o);
		REQUIRE(r.st == SEG_OK);
		CHECK_EQ_DBL(r.cen[0], (3 + 1 + 4 + 1 + 5 + 9 + 2 + 6) / 8.0);
		CHECK(r.info.iterations <= 2);
		fit_free(&r);
	}
}

SEG_TEST(kmeans_huge_and_tiny_values)
{
	size_t n = 3000, d = 3;
	uint32_t k = 5;
	double *x = make_blobs(n, d, 5, 2.0, 31);
	double *big = malloc(n * d * sizeof(double)), *tiny = malloc(n * d * sizeof(double));
	/* power-of-two scales: the exact result scales exactly */
	for (size_t q = 0; q < n * d; q++) {
		big[q] = ldexp(x[q], 600);
		tiny[q] = ldexp(x[q], -600);
	}
	seg_kmeans_options o = opts(k, SEG_KMEANS_AUTO, 4);
	fit_out r = fit(x, n, d, o), rb = fit(big, n, d, o), rt = fit(tiny, n, d, o);
	REQUIRE(r.st == SEG_OK && rb.st == SEG_OK && rt.st == SEG_OK);
	CHECK(memcmp(r.lab, rb.lab, n * sizeof(uint32_t)) == 0);
	CHECK(memcmp(r.lab, rt.lab, n * sizeof(uint32_t)) == 0);
	for (size_t q = 0; q < k * d; q++) {
		CHECK_EQ_DBL(rb.cen[q], ldexp(r.cen[q], 600));
		CHECK_EQ_DBL(rt.cen[q], ldexp(r.cen[q], -600));
	}
	CHECK_EQ_UINT(rb.info.iterations, r.info.iterations);
	CHECK(isinf(rb.info.inertia)); /* 2^1200 x the inertia is beyond double */
	CHECK_EQ_DBL(rt.info.inertia, ldexp(r.info.inertia, -1200));
	fit_free(&rb);
	fit_free(&rt);

	/* 1e300-sized values: a defined result */
	for (size_t q = 0; q < n * d; q++) big[q] = x[q] * 1e299;
	rb = fit(big, n, d, o);
	REQUIRE(rb.st == SEG_OK);
	CHECK(memcmp(r.lab, rb.lab, n * sizeof(uint32_t)) == 0);
	for (size_t q = 0; q < k * d; q++) CHECK(isfinite(rb.cen[q]));
	fit_free(&rb);
	/* the largest doubles */
	for (size_t q = 0; q < n * d; q++) big[q] = (q % 2 ? -DBL_MAX : DBL_MAX) / 2 * (double)(q % 3);
	rb = fit(big, n, d, o);
	REQUIRE(rb.st == SEG_OK);
	for (size_t q = 0; q < k * d; q++) CHECK(isfinite(rb.cen[q]));
	for (size_t i = 0; i < n; i++) CHECK(rb.lab[i] < k);
	fit_free(&rb);
	fit_free(&r);
	free(big);
	free(tiny);
	free(x);
}

/* ---- bad input -------------------------------------------------------------------------------- */

static seg_status fit_status(const double *x, size_t n, size_t d, seg_kmeans_options o, seg_error *err)
{
	double cen[64];
	uint32_t lab[64];
	return seg_kmeans_fit(x, n, d, &o, cen, lab, NULL, err);
}

SEG_TEST(kmeans_bad_input)
{
	double x[20];
	for (int i = 0; i < 20; i++) x[i] = i % 7;
	seg_error err;
	seg_kmeans_options o = opts(2, SEG_KMEANS_AUTO, 0);
	CHECK_EQ_INT(fit_status(x, 10, 2, o, &err), SEG_OK);
	CHECK_EQ_INT(err.status, SEG_OK);

	o.k = 0;
	CHECK_EQ_INT(fit_status(x, 10, 2, o, &err), SEG_E_ARGUMENT);
	CHECK(strstr(err.message, "k must be") != NULL);
	o.k = 11;
	CHECK_EQ_INT(fit_status(x, 10, 2, o, &err), SEG_E_ARGUMENT);
	CHECK(strstr(err.message, "more than the 10 points") != NULL);
	o.k = SEG_KMEANS_MAX_K + 1;
	CHECK_EQ_INT(fit_status(x, 10, 2, o, &err), SEG_E_ARGUMENT);
	o.k = 2;
	CHECK_EQ_INT(fit_status(x, 0, 2, o, &err), SEG_E_ARGUMENT);
	CHECK(strstr(err.message, "no points") != NULL);
	CHECK_EQ_INT(fit_status(x, 10, 0, o, &err), SEG_E_ARGUMENT);
	CHECK_EQ_INT(fit_status(x, 1, SEG_KMEANS_MAX_D + 1, o, &err), SEG_E_ARGUMENT);
	o.tol = NAN;
	CHECK_EQ_INT(fit_status(x, 10, 2, o, &err), SEG_E_ARGUMENT);
	o.tol = INFINITY;
	CHECK_EQ_INT(fit_status(x, 10, 2, o, &err), SEG_E_ARGUMENT);
	o.tol = -1;
	o.algo = (seg_kmeans_algo)9;
	CHECK_EQ_INT(fit_status(x, 10, 2, o, &err), SEG_E_ARGUMENT);
	o.algo = SEG_KMEANS_AUTO;
	o.init = x;
	o.n_init = 2;
	CHECK_EQ_INT(fit_status(x, 10, 2, o, &err), SEG_E_ARGUMENT);
	o.n_init = 1;
	CHECK_EQ_INT(fit_status(x, 10, 2, o, &err), SEG_OK);
	o.init = NULL;
	CHECK_EQ_INT(seg_kmeans_fit(x, 10, 2, NULL, x, NULL, NULL, &err), SEG_E_ARGUMENT);
	o.seed_trials = SEG_KMEANS_MAX_TRIALS + 1;
	CHECK_EQ_INT(fit_status(x, 10, 2, o, &err), SEG_E_ARGUMENT);
	CHECK(strstr(err.message, "seed_trials") != NULL);
	o.seed_trials = SEG_KMEANS_MAX_TRIALS;
	CHECK_EQ_INT(fit_status(x, 10, 2, o, &err), SEG_OK);
	o.seed_trials = 0;
	/* the default: 2 + floor(2 ln k), capped */
	CHECK_EQ_UINT(seg_kmeans_default_trials(1), 2);
	CHECK_EQ_UINT(seg_kmeans_default_trials(8), 6);
	CHECK_EQ_UINT(seg_kmeans_default_trials(SEG_KMEANS_MAX_K), 15);

	/* non-finite values name the point and the feature */
	static const double bad[] = {NAN, INFINITY, -INFINITY};
	for (int b = 0; b < 3; b++) {
		double y[20];
		memcpy(y, x, sizeof y);
		y[7 * 2 + 1] = bad[b];
		err.line = err.column = 99;
		CHECK_EQ_INT(fit_status(y, 10, 2, o, &err), SEG_E_ARGUMENT);
		CHECK_EQ_UINT(err.line, 8);
		CHECK_EQ_UINT(err.column, 2);
		CHECK(strstr(err.message, "point 8, feature 2") != NULL);
		/* in the initial centroids */
		double init[4] = {0, 1, 2, 3};
		init[2] = bad[b];
		seg_kmeans_options oi = o;
		oi.init = init;
		oi.n_init = 1;
		CHECK_EQ_INT(fit_status(x, 10, 2, oi, &err), SEG_E_ARGUMENT);
		CHECK_EQ_UINT(err.line, 2);
		CHECK_EQ_UINT(err.column, 1);
		CHECK(strstr(err.message, "init centroid 2, feature 1") != NULL);
	}
	/* the first bad value of many, with the second thread */
	{
		size_t n = 40000, d = 3;
		double *y = make_blobs(n, d, 4, 1.0, 3);
		y[30000 * d + 2] = NAN;
		y[35000 * d] = INFINITY;
		seg_kmeans_options ot = opts(4, SEG_KMEANS_AUTO, 0);
		ot.threads = 2;
		double cen[12];
		CHECK_EQ_INT(seg_kmeans_fit(y, n, d, &ot, cen, NULL, NULL, &err), SEG_E_ARGUMENT);
		CHECK_EQ_UINT(err.line, 30001);
		CHECK_EQ_UINT(err.column, 3);
		y[100 * d + 1] = -INFINITY;
		CHECK_EQ_INT(seg_kmeans_fit(y, n, d, &ot, cen, NULL, NULL, &err), SEG_E_ARGUMENT);
		CHECK_EQ_UINT(err.line, 101);
		CHECK_EQ_UINT(err.column, 2);
		free(y);
	}
	/* a NULL error detail is allowed */
	o.k = 0;
	CHECK_EQ_INT(fit_status(x, 10, 2, o, NULL), SEG_E_ARGUMENT);
	/* labels and info are optional */
	o.k = 3;
	double cen[6];
	CHECK_EQ_INT(seg_kmeans_fit(x, 10, 2, &o, cen, NULL, NULL, NULL), SEG_OK);
}

SEG_TEST(kmeans_nearest_ties_lowest)
{
	double c[] = {0, 0, 2, 0, 1, 5, 2, 0};
	double p[] = {1, 0}, d2 = -1;
	CHECK_EQ_UINT(seg_kmeans_nearest(c, 4, 2, p, &d2), 0);
	CHECK_EQ_DBL(d2, 1.0);
	double q[] = {2.5, 0};
	CHECK_EQ_UINT(seg_kmeans_nearest(c, 4, 2, q, &d2), 1);
	CHECK_EQ_DBL(d2, 0.25);
	CHECK_EQ_UINT(seg_kmeans_nearest(c, 4, 2, q, NULL), 1);
}
