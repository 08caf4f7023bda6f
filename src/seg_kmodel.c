/*
 * seg_kmodel.c - a fitted k-means model: the checks a loaded model passes,
 * and prediction of one row.
 */
#include "seg_kmodel.h"

#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>

#include "seg_kmeans.h"

static seg_status fail(seg_error *err, uint32_t cluster, uint32_t feature, const char *field, const char *what)
{
	seg_status st = seg_error_set(err, SEG_E_ARGUMENT, "%s", what);
	if (err) {
		snprintf(err->attribute, sizeof err->attribute, "%s", field);
		err->line = cluster;
		err->column = feature;
	}
	return st;
}

/* How far apart a stored original-units centroid may be from the inverse of
 * the scaled one: 1e-9 of the feature's magnitude there. */
static double tolerance(const seg_scale_feature *f, double inv)
{
	double mag = f->log1p ? fabs(inv) + 1.0 : fabs(inv) + fabs(f->center) + f->scale / f->weight;
	return 1e-9 * mag;
}

seg_status seg_kmodel_check(const seg_kmodel *m, const double *original, seg_error *err)
{
	char field[128];
	seg_error_clear(err);
	if (m->k < 1 || m->k > SEG_KMEANS_MAX_K) {
		snprintf(field, sizeof field, "k must be from 1 to %d, not %u", SEG_KMEANS_MAX_K, m->k);
		return fail(err, 0, 0, "k", field);
	}
	if (m->d < 1 || m->d > SEG_KMEANS_MAX_D) {
		snprintf(field, sizeof field, "there must be 1 to %d features, not %u", SEG_KMEANS_MAX_D, m->d);
		return fail(err, 0, 0, "features", field);
	}
	seg_error serr;
	if (seg_scale_check(m->features, m->d, &serr) != SEG_OK) {
		uint32_t j = serr.column ? serr.column - 1 : 0;
		const seg_scale_feature *f = &m->features[j];
		const char *name = "scaling", *what = "is not a known scaling";
		if (f->kind == SEG_SCALE_NONE || f->kind == SEG_SCALE_ZSCORE || f->kind == SEG_SCALE_MINMAX) {
			if (!(f->weight > 0.0) || !isfinite(f->weight)) {
				name = "weight";
				what = "must be a finite number above 0";
			} else if (!isfinite(f->center)) {
				name = "center";
				what = "must be a finite number";
			} else {
				name = "scale";
				what = "must be a finite number above 0";
			}
		}
		snprintf(field, sizeof field, "features[%u].%s", j, name);
		return fail(err, 0, j + 1, field, what);
	}
	for (uint32_t j = 0; j < m->d; j++) {
		const seg_scale_feature *f = &m->features[j];
		if (f->kind == SEG_SCALE_NONE && (f->center != 0.0 || f->scale != 1.0)) {
			snprintf(field, sizeof field, "features[%u]", j);
			return fail(err, 0, j + 1, field, "scaling \"none\" must have center 0 and scale 1");
		}
	}
	for (uint32_t c = 0; c < m->k; c++) {
		const double *s = m->centroids + (size_t)c * m->d;
		for (uint32_t j = 0; j < m->d; j++) {
			if (!isfinite(s[j])) {
				snprintf(field, sizeof field, "clusters[%u].scaled[%u]", c, j);
				return fail(err, c + 1, j + 1, field, "must be a finite number");
			}
		}
		if (!original) continue;
		double inv[SEG_KMEANS_MAX_D];
		seg_scale_invert(m->features, m->d, s, inv);
		const double *o = original + (size_t)c * m->d;
		for (uint32_t j = 0; j < m->d; j++) {
			snprintf(field, sizeof field, "clusters[%u].centroid.%u", c, j);
			if (!isfinite(o[j])) return fail(err, c + 1, j + 1, field, "must be a finite number");
			if (!isfinite(inv[j]))
				return fail(err, c + 1, j + 1, field, "is beyond the range of a double in original units");
			if (!(fabs(o[j] - inv[j]) <= tolerance(&m->features[j], inv[j]))) {
				char what[200];
				snprintf(what, sizeof what, "is %.17g, but the scaler's inverse of the scaled centroid is %.17g", o[j],
				         inv[j]);
				return fail(err, c + 1, j + 1, field, what);
			}
		}
	}
	return SEG_OK;
}

/*
 * Squared distances beyond the range of a double, as v x 2^(2e) with v in
 * [0.25, d): each difference t = x - c is split by frexp into a mantissa and
 * an exponent (halved first when x - c itself overflows), the squares are
 * summed relative to the largest exponent.  Only rounding separates this from
 * the exact value, whatever the magnitudes; no allocation.
 */
typedef struct wide_d2 {
	double v; /* 0 for a distance of exactly 0 */
	int e;
} wide_d2;

static wide_d2 wide_distance(const double *x, const double *c, size_t d)
{
	double mant[SEG_KMEANS_MAX_D];
	int ex[SEG_KMEANS_MAX_D], emax = INT_MIN;
	for (size_t j = 0; j < d; j++) {
		double t = x[j] - c[j];
		int bump = 0;
		if (!isfinite(t)) { /* opposite signs near DBL_MAX */
			t = x[j] * 0.5 - c[j] * 0.5;
			bump = 1;
		}
		if (t == 0.0) {
			mant[j] = 0.0;
			ex[j] = INT_MIN;
			continue;
		}
		mant[j] = frexp(t, &ex[j]);
		ex[j] += bump;
		if (ex[j] > emax) emax = ex[j];
	}
	wide_d2 r = {0.0, 0};
	if (emax == INT_MIN) return r;
	for (size_t j = 0; j < d; j++)
		if (mant[j] != 0.0) r.v += ldexp(mant[j] * mant[j], 2 * (ex[j] - emax)); /* tiny terms may vanish: fine */
	r.e = emax;
	return r;
}

/* a < b */
static bool wide_less(wide_d2 a, wide_d2 b)
{
	if (b.v == 0.0) return false;
	if (a.v == 0.0) return true;
	if (a.e == b.e) return a.v < b.v;
	/* Exponents far apart settle it; ldexp saturates to 0 or +inf, which
	 * still compares right. */
	if (a.e < b.e) return a.v < ldexp(b.v, 2 * (b.e - a.e > 600 ? 600 : b.e - a.e));
	return ldexp(a.v, 2 * (a.e - b.e > 600 ? 600 : a.e - b.e)) < b.v;
}

/* The nearest centroid when plain squared distances overflow (a value near
 * DBL_MAX: distances may all be +inf, a tie) or underflow (values near
 * DBL_MIN: distances may all be 0). */
static uint32_t nearest_wide(const seg_kmodel *m, const double *x, double *dist2)
{
	uint32_t a = 0;
	wide_d2 best = wide_distance(x, m->centroids, m->d);
	for (uint32_t c = 1; c < m->k; c++) {
		wide_d2 w = wide_distance(x, m->centroids + (size_t)c * m->d, m->d);
		if (wide_less(w, best)) {
			best = w;
			a = c;
		}
	}
	/* +inf or 0 when the true value is beyond a double */
	*dist2 = best.v == 0.0 ? 0.0 : ldexp(best.v, best.e > 600 ? 1200 : best.e < -600 ? -1200 : 2 * best.e);
	return a;
}

seg_status seg_kmodel_predict(const seg_kmodel *m, const double *row, uint32_t *label, double *dist2,
                              seg_error *err)
{
	double x[SEG_KMEANS_MAX_D];
	seg_error_clear(err);
	if (m->d > SEG_KMEANS_MAX_D || m->k < 1) return seg_error_set(err, SEG_E_ARGUMENT, "not a checked model");
	if (!seg_scale_apply(m->features, m->d, row, x)) {
		for (uint32_t j = 0; j < m->d; j++) {
			if (!seg_scale_apply(&m->features[j], 1, &row[j], &x[j])) {
				seg_status st;
				if (isnan(row[j]))
					st = seg_error_set(err, SEG_E_ARGUMENT, "feature %u: the value is NaN", j + 1);
				else if (isinf(row[j]))
					st = seg_error_set(err, SEG_E_ARGUMENT, "feature %u: the value is infinite", j + 1);
				else if (m->features[j].log1p && !(row[j] > -1.0))
					st = seg_error_set(err, SEG_E_ARGUMENT, "feature %u: log1p needs a value above -1, not %.17g",
					                   j + 1, row[j]);
				else
					st = seg_error_set(err, SEG_E_ARGUMENT,
					                   "feature %u: the scaled value of %.17g is beyond the range of a double", j + 1,
					                   row[j]);
				if (err) err->column = j + 1;
				return st;
			}
		}
	}
	double best;
	*label = seg_kmeans_nearest(m->centroids, m->k, m->d, x, &best);
	if (!(best >= 0x1p-900 && best <= 0x1p+900)) *label = nearest_wide(m, x, &best);
	if (dist2) *dist2 = best;
	return SEG_OK;
}
