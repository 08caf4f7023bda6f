/*
 * test_scale.c - seg_scale.h: log1p, z-score, min-max and weights against
 * an independent long double computation, the round trip through
 * seg_scale_invert, constant features, huge values and the error positions.
 */
#include "seg_test.h"

#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "seg_scale.h"

/* Test data only (not seg_prng): splitmix64. */
static uint64_t ts_state;
static double ts_uniform(void)
{
	uint64_t z = (ts_state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	z ^= z >> 31;
	return (double)(z >> 11) * 0x1p-53;
}

static bool rel_close(double got, double want, double tol)
{
	if (got == want) return true;
	return fabs(got - want) <= tol * fabs(want);
}

/* Independent statistics of column j of t(x), in long double. */
static void ld_stats(const double *x, size_t n, size_t d, size_t j, bool lg, long double *mean, long double *std,
                     long double *lo, long double *hi)
{
	long double s = 0, mn = INFINITY, mx = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		long double t = lg ? log1pl((long double)x[i * d + j]) : (long double)x[i * d + j];
		s += t;
		if (t < mn) mn = t;
		if (t > mx) mx = t;
	}
	long double m = s / (long double)n, v = 0;
	for (size_t i = 0; i < n; i++) {
		long double t = lg ? log1pl((long double)x[i * d + j]) : (long double)x[i * d + j];
		v += (t - m) * (t - m);
	}
	*mean = m;
	*std = sqrtl(v / (long double)n);
	*lo = mn;
	*hi = mx;
}

/* Money-like (log-uniform 1 .. 1e5), counts (1 .. 200), a signed
 * measurement (1 <= |v| <= 1000, so a relative round-trip error is
 * meaningful), and a small positive one. */
#define RD 4
static double *random_rows(size_t n, uint64_t seed)
{
	ts_state = seed;
	double *x = malloc(n * RD * sizeof *x);
	for (size_t i = 0; i < n; i++) {
		x[i * RD + 0] = exp(ts_uniform() * log(1e5));
		x[i * RD + 1] = 1.0 + floor(ts_uniform() * 200.0);
		double sign = ts_uniform() < 0.3 ? -1.0 : 1.0;
		x[i * RD + 2] = sign * (1.0 + 999.0 * ts_uniform());
		x[i * RD + 3] = 0.5 + ts_uniform();
	}
	return x;
}

static void spec(seg_scale_feature *f, seg_scale_kind kind, bool lg, double w)
{
	f->kind = kind;
	f->log1p = lg;
	f->weight = w;
	f->center = f->scale = -12345.0; /* must be overwritten */
}

SEG_TEST(scale_zscore_matches_long_double)
{
	const size_t n = 5000;
	double *x = random_rows(n, 1);
	seg_scale_feature f[RD];
	spec(&f[0], SEG_SCALE_ZSCORE, true, 1.0);
	spec(&f[1], SEG_SCALE_ZSCORE, true, 1.0);
	spec(&f[2], SEG_SCALE_ZSCORE, false, 1.0);
	spec(&f[3], SEG_SCALE_ZSCORE, false, 1.0);
	seg_error err;
	REQUIRE(seg_scale_fit(f, RD, x, n, &err) == SEG_OK);
	for (size_t j = 0; j < RD; j++) {
		long double m, s, lo, hi;
		ld_stats(x, n, RD, j, f[j].log1p, &m, &s, &lo, &hi);
		CHECK(rel_close(f[j].center, (double)m, 1e-14));
		CHECK(rel_close(f[j].scale, (double)s, 1e-14));
	}
	/* Applied: every column has mean 0 and population std 1. */
	double *y = malloc(n * RD * sizeof *y);
	REQUIRE(seg_scale_apply_rows(f, RD, x, n, y, &err) == SEG_OK);
	for (size_t j = 0; j < RD; j++) {
		long double m, s, lo, hi;
		ld_stats(y, n, RD, j, false, &m, &s, &lo, &hi);
		CHECK(fabsl(m) < 1e-13L);
		CHECK(fabsl(s - 1.0L) < 1e-13L);
	}
	/* One row at a time gives the same bits. */
	for (size_t i = 0; i < n; i += 97) {
		double o[RD];
		REQUIRE(seg_scale_apply(f, RD, x + i * RD, o));
		for (size_t j = 0; j < RD; j++) CHECK_EQ_DBL(o[j], y[i * RD + j]);
	}
	free(x);
	free(y);
}

SEG_TEST(scale_minmax_in_unit_interval)
{
	const size_t n = 3000;
	double *x = random_rows(n, 2);
	seg_scale_feature f[RD];
	for (size_t j = 0; j < RD; j++) spec(&f[j], SEG_SCALE_MINMAX, j == 0, 1.0);
	seg_error err;
	REQUIRE(seg_scale_fit(f, RD, x, n, &err) == SEG_OK);
	for (size_t j = 0; j < RD; j++) {
		long double m, s, lo, hi;
		ld_stats(x, n, RD, j, f[j].log1p, &m, &s, &lo, &hi);
		CHECK(rel_close(f[j].center, (double)lo, 1e-15));
		CHECK(rel_close(f[j].scale, (double)(hi - lo), 1e-14));
	}
	REQUIRE(seg_scale_apply_rows(f, RD, x, n, x, &err) == SEG_OK); /* in place */
	for (size_t j = 0; j < RD; j++) {
		double mn = INFINITY, mx = -INFINITY;
		for (size_t i = 0; i < n; i++) {
			double v = x[i * RD + j];
			CHECK(v >= 0.0 && v <= 1.0);
			mn = fmin(mn, v);
			mx = fmax(mx, v);
		}
		CHECK_EQ_DBL(mn, 0.0);
		CHECK_EQ_DBL(mx, 1.0);
	}
	free(x);
}

SEG_TEST(scale_weights_and_none)
{
	const size_t n = 2000;
	double *x = random_rows(n, 3);
	seg_scale_feature f[RD];
	spec(&f[0], SEG_SCALE_NONE, true, 2.0);
	spec(&f[1], SEG_SCALE_ZSCORE, false, 3.0);
	spec(&f[2], SEG_SCALE_MINMAX, false, 0.5);
	spec(&f[3], SEG_SCALE_NONE, false, 1.0);
	seg_error err;
	REQUIRE(seg_scale_fit(f, RD, x, n, &err) == SEG_OK);
	CHECK_EQ_DBL(f[0].center, 0.0);
	CHECK_EQ_DBL(f[0].scale, 1.0);
	CHECK_EQ_DBL(f[3].center, 0.0);
	CHECK_EQ_DBL(f[3].scale, 1.0);
	double *y = malloc(n * RD * sizeof *y);
	REQUIRE(seg_scale_apply_rows(f, RD, x, n, y, &err) == SEG_OK);
	for (size_t i = 0; i < n; i++) {
		CHECK_EQ_DBL(y[i * RD + 0], 2.0 * log1p(x[i * RD + 0]));
		CHECK_EQ_DBL(y[i * RD + 3], x[i * RD + 3]);
		CHECK(y[i * RD + 2] >= 0.0 && y[i * RD + 2] <= 0.5);
	}
	long double m, s, lo, hi;
	ld_stats(y, n, RD, 1, false, &m, &s, &lo, &hi);
	CHECK(fabsl(m) < 1e-13L);
	CHECK(fabsl(s - 3.0L) < 1e-13L);
	free(x);
	free(y);
}

SEG_TEST(scale_round_trip)
{
	const size_t n = 4000;
	double *x = random_rows(n, 4);
	static const seg_scale_kind kinds[] = {SEG_SCALE_ZSCORE, SEG_SCALE_MINMAX, SEG_SCALE_NONE};
	for (size_t kk = 0; kk < 3; kk++) {
		seg_scale_feature f[RD];
		spec(&f[0], kinds[kk], true, 1.0);
		spec(&f[1], kinds[kk], true, 2.5);
		spec(&f[2], kinds[kk], false, 0.75);
		spec(&f[3], kinds[kk], false, 1.0);
		seg_error err;
		REQUIRE(seg_scale_fit(f, RD, x, n, &err) == SEG_OK);
		double worst = 0.0;
		for (size_t i = 0; i < n; i++) {
			double y[RD], back[RD];
			REQUIRE(seg_scale_apply(f, RD, x + i * RD, y));
			seg_scale_invert(f, RD, y, back);
			for (size_t j = 0; j < RD; j++) {
				double r = fabs(back[j] - x[i * RD + j]) / fabs(x[i * RD + j]);
				if (r > worst) worst = r;
			}
			seg_scale_invert(f, RD, y, y); /* in place */
			for (size_t j = 0; j < RD; j++) CHECK_EQ_DBL(y[j], back[j]);
		}
		if (!(worst <= 1e-12)) seg_test_fail(__FILE__, __LINE__, "kind %zu: round trip error %g", kk, worst);
	}
	free(x);
}

SEG_TEST(scale_constant_features)
{
	/* 0.1 is not a binary fraction: the mean of 0.1s need not be 0.1. */
	const size_t n = 1001;
	double *x = malloc(n * 3 * sizeof *x);
	for (size_t i = 0; i < n; i++) {
		x[i * 3 + 0] = 0.1;
		x[i * 3 + 1] = 0.1;
		/* 1e6 and the next double: a variance within rounding error. */
		x[i * 3 + 2] = i % 2 ? 1e6 : nextafter(1e6, 2e6);
	}
	seg_scale_feature f[3];
	spec(&f[0], SEG_SCALE_ZSCORE, false, 1.0);
	spec(&f[1], SEG_SCALE_MINMAX, true, 1.0);
	spec(&f[2], SEG_SCALE_ZSCORE, false, 1.0);
	seg_error err;
	REQUIRE(seg_scale_fit(f, 3, x, n, &err) == SEG_OK);
	CHECK_EQ_DBL(f[0].scale, 1.0);
	CHECK_EQ_DBL(f[0].center, 0.1);
	CHECK_EQ_DBL(f[1].scale, 1.0);
	CHECK_EQ_DBL(f[1].center, log1p(0.1));
	CHECK_EQ_DBL(f[2].scale, 1.0);
	/* Three 0.1s average to 0.10000000000000002 (the sum is rounded): the
	 * center of a constant feature is its value, not that mean. */
	seg_scale_feature h;
	spec(&h, SEG_SCALE_ZSCORE, false, 1.0);
	const double tenths[3] = {0.1, 0.1, 0.1};
	REQUIRE(seg_scale_fit(&h, 1, tenths, 3, &err) == SEG_OK);
	CHECK((0.1 + 0.1 + 0.1) / 3 != 0.1);
	CHECK_EQ_DBL(h.center, 0.1);
	CHECK_EQ_DBL(h.scale, 1.0);
	/* scikit-learn's test, evaluated independently in long double. */
	long double m, s, lo, hi;
	ld_stats(x, n, 3, 2, false, &m, &s, &lo, &hi);
	long double eps = DBL_EPSILON, var = s * s;
	CHECK(var <= n * eps * var + (n * m * eps) * (n * m * eps));
	double y[3];
	REQUIRE(seg_scale_apply(f, 3, x, y));
	CHECK_EQ_DBL(y[0], 0.0);
	CHECK_EQ_DBL(y[1], 0.0);
	CHECK(fabs(y[2]) < 1e-9);
	/* But two clearly different values are not constant. */
	double two[2] = {1e6, 1e6 + 1};
	seg_scale_feature g;
	spec(&g, SEG_SCALE_ZSCORE, false, 1.0);
	REQUIRE(seg_scale_fit(&g, 1, two, 2, &err) == SEG_OK);
	CHECK_EQ_DBL(g.scale, 0.5);
	CHECK_EQ_DBL(g.center, 1e6 + 0.5);
	/* A single row is constant. */
	REQUIRE(seg_scale_fit(&g, 1, two, 1, &err) == SEG_OK);
	CHECK_EQ_DBL(g.scale, 1.0);
	CHECK_EQ_DBL(g.center, 1e6);
	free(x);
}

SEG_TEST(scale_huge_values)
{
	/* Squares of these overflow; their sum overflows too. */
	double x[] = {1e300, -1e300, 5e299, DBL_MAX, 0.25, -3e307, DBL_MAX / 2};
	const size_t n = sizeof x / sizeof x[0];
	seg_scale_feature f;
	spec(&f, SEG_SCALE_ZSCORE, false, 1.0);
	seg_error err;
	REQUIRE(seg_scale_fit(&f, 1, x, n, &err) == SEG_OK);
	CHECK(isfinite(f.center) && isfinite(f.scale));
	long double m, s, lo, hi;
	ld_stats(x, n, 1, 0, false, &m, &s, &lo, &hi);
	CHECK(rel_close(f.center, (double)m, 1e-14));
	CHECK(rel_close(f.scale, (double)s, 1e-14));
	for (size_t i = 0; i < n; i++) {
		double y;
		REQUIRE(seg_scale_apply(&f, 1, &x[i], &y));
		long double want = ((long double)x[i] - (long double)f.center) / (long double)f.scale;
		CHECK(fabsl(y - want) <= 1e-15L * fabsl(want) + 1e-300L);
		double back;
		seg_scale_invert(&f, 1, &y, &back);
		CHECK(fabs(back - x[i]) <= 1e-14 * fabs(f.scale));
	}

	/* A sum that overflows, then a mean near DBL_MAX; x - mean overflows. */
	double y3[] = {DBL_MAX, DBL_MAX * 0.5, DBL_MAX * 0.75, -DBL_MAX};
	REQUIRE(seg_scale_fit(&f, 1, y3, 4, &err) == SEG_OK);
	ld_stats(y3, 4, 1, 0, false, &m, &s, &lo, &hi);
	CHECK(rel_close(f.center, (double)m, 1e-15));
	CHECK(rel_close(f.scale, (double)s, 1e-15));
	double out;
	REQUIRE(seg_scale_apply(&f, 1, &y3[3], &out));
	CHECK(rel_close(out, (double)(((long double)y3[3] - m) / s), 1e-14));

	/* Tiny values (their squares underflow). */
	double tiny[] = {3e-300, 1e-300, 2e-300, 5e-310};
	REQUIRE(seg_scale_fit(&f, 1, tiny, 4, &err) == SEG_OK);
	ld_stats(tiny, 4, 1, 0, false, &m, &s, &lo, &hi);
	CHECK(rel_close(f.center, (double)m, 1e-14));
	CHECK(rel_close(f.scale, (double)s, 1e-14));

	/* min-max: a range above DBL_MAX cannot be a scale. */
	double wide[] = {DBL_MAX, -DBL_MAX};
	spec(&f, SEG_SCALE_MINMAX, false, 1.0);
	CHECK_EQ_INT(seg_scale_fit(&f, 1, wide, 2, &err), SEG_E_ARGUMENT);
	CHECK_EQ_UINT(err.column, 1);
	CHECK_STR(err.message, "feature 1: the range of values (-1.7976931348623157e+308 to 1.7976931348623157e+308) is "
	                       "too wide for min-max scaling");
	CHECK_EQ_DBL(f.scale, -12345.0); /* unchanged */
	double big[] = {1e308, 0.0, -5e307};
	REQUIRE(seg_scale_fit(&f, 1, big, 3, &err) == SEG_OK);
	CHECK_EQ_DBL(f.center, -5e307);
	CHECK_EQ_DBL(f.scale, 1e308 + 5e307);
}

SEG_TEST(scale_errors_name_row_and_feature)
{
	double x[] = {
		1, 2, 3,   /* row 1 */
		4, 5, 6,   /* row 2 */
		7, NAN, 9, /* row 3 */
	};
	seg_scale_feature f[3];
	for (size_t j = 0; j < 3; j++) spec(&f[j], SEG_SCALE_ZSCORE, false, 1.0);
	seg_error err;
	CHECK_EQ_INT(seg_scale_fit(f, 3, x, 3, &err), SEG_E_ARGUMENT);
	CHECK_EQ_UINT(err.line, 3);
	CHECK_EQ_UINT(err.column, 2);
	CHECK_STR(err.message, "row 3, feature 2: the value is NaN");
	CHECK_EQ_DBL(f[0].center, -12345.0);

	x[7] = -INFINITY;
	CHECK_EQ_INT(seg_scale_fit(f, 3, x, 3, &err), SEG_E_ARGUMENT);
	CHECK_EQ_UINT(err.line, 3);
	CHECK_EQ_UINT(err.column, 2);
	CHECK_STR(err.message, "row 3, feature 2: the value is infinite");

	x[7] = 8;
	x[5] = -1.0; /* row 2, feature 3 */
	f[2].log1p = true;
	CHECK_EQ_INT(seg_scale_fit(f, 3, x, 3, &err), SEG_E_ARGUMENT);
	CHECK_EQ_UINT(err.line, 2);
	CHECK_EQ_UINT(err.column, 3);
	CHECK_STR(err.message, "row 2, feature 3: log1p needs a value above -1, not -1");
	x[5] = -1.5;
	CHECK_EQ_INT(seg_scale_fit(f, 3, x, 3, &err), SEG_E_ARGUMENT);
	CHECK_EQ_UINT(err.line, 2);
	x[5] = -0.5; /* fine */
	CHECK_EQ_INT(seg_scale_fit(f, 3, x, 3, &err), SEG_OK);
	CHECK(rel_close(f[2].center, (log1p(3.0) + log1p(-0.5) + log1p(9.0)) / 3, 1e-15));

	/* 'none' everywhere fits nothing, but still names a bad value. */
	seg_scale_feature gn[3];
	for (size_t j = 0; j < 3; j++) spec(&gn[j], SEG_SCALE_NONE, false, 1.0);
	x[4] = NAN; /* row 2, feature 2 */
	x[8] = INFINITY;
	CHECK_EQ_INT(seg_scale_fit(gn, 3, x, 3, &err), SEG_E_ARGUMENT);
	CHECK_EQ_UINT(err.line, 2);
	CHECK_EQ_UINT(err.column, 2);
	CHECK_STR(err.message, "row 2, feature 2: the value is NaN");
	x[4] = 5;
	CHECK_EQ_INT(seg_scale_fit(gn, 3, x, 3, &err), SEG_E_ARGUMENT);
	CHECK_EQ_UINT(err.line, 3);
	CHECK_EQ_UINT(err.column, 3);
	x[8] = 9;
	gn[0].log1p = true;
	x[3] = -2.0; /* row 2, feature 1 */
	CHECK_EQ_INT(seg_scale_fit(gn, 3, x, 3, &err), SEG_E_ARGUMENT);
	CHECK_STR(err.message, "row 2, feature 1: log1p needs a value above -1, not -2");
	x[3] = 4;
	CHECK_EQ_INT(seg_scale_fit(gn, 3, x, 3, &err), SEG_OK);
	for (size_t j = 0; j < 3; j++) {
		CHECK_EQ_DBL(gn[j].center, 0.0);
		CHECK_EQ_DBL(gn[j].scale, 1.0);
	}

	/* Weights and kinds. */
	static const double bad_w[] = {0.0, -1.0, NAN, INFINITY};
	for (size_t b = 0; b < 4; b++) {
		f[1].weight = bad_w[b];
		CHECK_EQ_INT(seg_scale_fit(f, 3, x, 3, &err), SEG_E_ARGUMENT);
		CHECK_EQ_UINT(err.line, 0);
		CHECK_EQ_UINT(err.column, 2);
	}
	f[1].weight = 1.0;
	f[0].kind = (seg_scale_kind)7;
	CHECK_EQ_INT(seg_scale_fit(f, 3, x, 3, &err), SEG_E_ARGUMENT);
	CHECK_EQ_UINT(err.column, 1);
	f[0].kind = SEG_SCALE_MINMAX;

	CHECK_EQ_INT(seg_scale_fit(f, 3, x, 0, &err), SEG_E_ARGUMENT);
	CHECK_EQ_INT(seg_scale_fit(f, 0, x, 3, &err), SEG_E_ARGUMENT);
	REQUIRE(seg_scale_fit(f, 3, x, 3, &err) == SEG_OK);

	/* Applying: the same errors, per row. */
	double y[9];
	double in[] = {1, 2, 3, 4, 5, 6, 7, 8, -2};
	CHECK_EQ_INT(seg_scale_apply_rows(f, 3, in, 3, y, &err), SEG_E_ARGUMENT);
	CHECK_EQ_UINT(err.line, 3);
	CHECK_EQ_UINT(err.column, 3);
	CHECK(!seg_scale_apply(f, 3, in + 6, y));
	CHECK(seg_scale_apply(f, 3, in + 3, y));
	in[0] = NAN;
	CHECK(!seg_scale_apply(f, 3, in, y));

	/* A value so far out that the scaled value overflows. */
	double tiny[] = {0.0, 1e-300};
	seg_scale_feature g;
	spec(&g, SEG_SCALE_ZSCORE, false, 1.0);
	REQUIRE(seg_scale_fit(&g, 1, tiny, 2, &err) == SEG_OK);
	double far = 1e10, o;
	CHECK(!seg_scale_apply(&g, 1, &far, &o));
	CHECK_EQ_INT(seg_scale_apply_rows(&g, 1, &far, 1, &o, &err), SEG_E_ARGUMENT);
	CHECK_EQ_UINT(err.line, 1);
	CHECK_EQ_UINT(err.column, 1);
}

SEG_TEST(scale_check_fitted)
{
	seg_scale_feature f[2];
	spec(&f[0], SEG_SCALE_ZSCORE, true, 1.0);
	spec(&f[1], SEG_SCALE_MINMAX, false, 2.0);
	f[0].center = 3.0;
	f[0].scale = 2.0;
	f[1].center = -1.0;
	f[1].scale = 10.0;
	seg_error err;
	CHECK_EQ_INT(seg_scale_check(f, 2, &err), SEG_OK);
	f[1].scale = 0.0;
	CHECK_EQ_INT(seg_scale_check(f, 2, &err), SEG_E_ARGUMENT);
	CHECK_EQ_UINT(err.column, 2);
	f[1].scale = 1.0;
	f[1].center = NAN;
	CHECK_EQ_INT(seg_scale_check(f, 2, &err), SEG_E_ARGUMENT);
	f[1].center = 0.0;
	f[0].weight = -2.0;
	CHECK_EQ_INT(seg_scale_check(f, 2, &err), SEG_E_ARGUMENT);
	CHECK_EQ_UINT(err.column, 1);
}
