/*
 * seg_scale.c - per-feature log1p, z-score / min-max scaling and weights.
 */
#include "seg_scale.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/* Why a value cannot be transformed. */
enum { BAD_NONE = 0, BAD_NAN, BAD_INF, BAD_LOG1P, BAD_OVERFLOW };

static uint32_t sat32(size_t v)
{
	return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

static seg_status value_error(seg_error *err, int why, size_t row, size_t feat, double v)
{
	seg_status st;
	switch (why) {
	case BAD_NAN:
		st = seg_error_set(err, SEG_E_ARGUMENT, "row %zu, feature %zu: the value is NaN", row + 1, feat + 1);
		break;
	case BAD_INF:
		st = seg_error_set(err, SEG_E_ARGUMENT, "row %zu, feature %zu: the value is infinite", row + 1, feat + 1);
		break;
	case BAD_LOG1P:
		st = seg_error_set(err, SEG_E_ARGUMENT,
			"row %zu, feature %zu: log1p needs a value above -1, not %.17g", row + 1, feat + 1, v);
		break;
	default:
		st = seg_error_set(err, SEG_E_ARGUMENT,
			"row %zu, feature %zu: the scaled value of %.17g overflows (far outside the fitted range)", row + 1,
			feat + 1, v);
		break;
	}
	if (err) {
		err->line = sat32(row + 1);
		err->column = sat32(feat + 1);
	}
	return st;
}

/* t(v): log1p(v) or v; BAD_* when v cannot be transformed. */
static inline int transform(bool use_log1p, double v, double *t)
{
	if (isnan(v)) return BAD_NAN;
	if (isinf(v)) return BAD_INF;
	if (use_log1p) {
		if (!(v > -1.0)) return BAD_LOG1P;
		*t = log1p(v);
	} else {
		*t = v;
	}
	return BAD_NONE;
}

/* Compensated (Neumaier) summation. */
typedef struct nsum {
	double s, c;
} nsum;

static inline void nsum_add(nsum *a, double x)
{
	double t = a->s + x;
	if (fabs(a->s) >= fabs(x))
		a->c += (a->s - t) + x;
	else
		a->c += (x - t) + a->s;
	a->s = t;
}

static seg_status check_spec(const seg_scale_feature *f, size_t d, seg_error *err)
{
	for (size_t j = 0; j < d; j++) {
		const char *what = NULL;
		if (f[j].kind != SEG_SCALE_NONE && f[j].kind != SEG_SCALE_ZSCORE && f[j].kind != SEG_SCALE_MINMAX)
			what = "unknown scaling kind";
		else if (!(f[j].weight > 0.0) || !isfinite(f[j].weight))
			what = "the weight must be a finite number above 0";
		if (what) {
			seg_status st = seg_error_set(err, SEG_E_ARGUMENT, "feature %zu: %s", j + 1, what);
			if (err) {
				err->line = 0;
				err->column = sat32(j + 1);
			}
			return st;
		}
	}
	return SEG_OK;
}

seg_status seg_scale_check(const seg_scale_feature *f, size_t d, seg_error *err)
{
	seg_error_clear(err);
	seg_status st = check_spec(f, d, err);
	if (st != SEG_OK) return st;
	for (size_t j = 0; j < d; j++) {
		if (!isfinite(f[j].center) || !(f[j].scale > 0.0) || !isfinite(f[j].scale)) {
			st = seg_error_set(err, SEG_E_ARGUMENT,
				"feature %zu: the center must be finite and the scale a finite number above 0", j + 1);
			if (err) err->column = sat32(j + 1);
			return st;
		}
	}
	return SEG_OK;
}

/*
 * The fit reads x twice (three times when a sum overflows):
 *   A  validates, transforms, tracks min / max and the compensated sum;
 *   B  (z-score features only) sums the deviations from the mean and their
 *      squares, for the corrected two-pass variance
 *          var = (sum dev^2 - (sum dev)^2 / n) / n.
 * Pass B works on t * 2^-e with 2^e the magnitude of the largest |t|, so
 * every scaled value is below 2 in magnitude and no square overflows;
 * multiplying by a power of two is exact (short of underflow), so the
 * result is the one the unscaled formula would give where that one does
 * not overflow.  A sum that overflows in pass A is redone in that scale.
 */
typedef struct fit_acc {
	double lo, hi;
	nsum sum;
	double factor; /* 2^-e */
	double mean;   /* of t */
	nsum s2;
	double s1;
} fit_acc;

seg_status seg_scale_fit(seg_scale_feature *f, size_t d, const double *x, size_t n, seg_error *err)
{
	seg_error_clear(err);
	if (n == 0) return seg_error_set(err, SEG_E_ARGUMENT, "cannot fit a scaler on 0 rows");
	if (d == 0) return seg_error_set(err, SEG_E_ARGUMENT, "cannot fit a scaler on 0 features");
	seg_status st = check_spec(f, d, err);
	if (st != SEG_OK) return st;

	/* No feature to fit ('none' everywhere): only the values are checked. */
	bool fit_any = false;
	for (size_t j = 0; j < d; j++) fit_any |= f[j].kind != SEG_SCALE_NONE;
	if (!fit_any) {
		/* branch-free over the rows; the slow loop only to name a bad value */
		bool any_log1p = false;
		for (size_t j = 0; j < d; j++) any_log1p |= f[j].log1p;
		int ok = !any_log1p;
		for (size_t q = 0; ok && q < n * d; q += 4096) {
			const size_t end = n * d - q > 4096 ? q + 4096 : n * d;
			for (size_t r = q; r < end; r++) ok &= fabs(x[r]) <= DBL_MAX;
		}
		for (size_t i = 0; i < n && !ok; i++) {
			const double *row = x + i * d;
			for (size_t j = 0; j < d; j++) {
				double t;
				int why = transform(f[j].log1p, row[j], &t);
				if (why != BAD_NONE) return value_error(err, why, i, j, row[j]);
			}
		}
		for (size_t j = 0; j < d; j++) {
			f[j].center = 0.0;
			f[j].scale = 1.0;
		}
		return SEG_OK;
	}

	fit_acc *acc = calloc(d, sizeof *acc);
	if (!acc) return seg_error_set(err, SEG_E_NOMEM, "out of memory");
	for (size_t j = 0; j < d; j++) {
		acc[j].lo = INFINITY;
		acc[j].hi = -INFINITY;
	}

	/* Pass A. */
	for (size_t i = 0; i < n; i++) {
		const double *row = x + i * d;
		for (size_t j = 0; j < d; j++) {
			double t;
			int why = transform(f[j].log1p, row[j], &t);
			if (why != BAD_NONE) {
				free(acc);
				return value_error(err, why, i, j, row[j]);
			}
			fit_acc *a = &acc[j];
			if (t < a->lo) a->lo = t;
			if (t > a->hi) a->hi = t;
			nsum_add(&a->sum, t);
		}
	}

	const double dn = (double)n;
	bool need_b = false, resum = false;
	for (size_t j = 0; j < d; j++) {
		fit_acc *a = &acc[j];
		double amax = fmax(fabs(a->lo), fabs(a->hi));
		int e = amax > 0.0 ? ilogb(amax) : 0;
		/* 2^-1022 .. 2^1000: a subnormal largest value is scaled up only
		 * as far as keeps the factor finite, which is plenty. */
		if (e < -1000) e = -1000;
		a->factor = ldexp(1.0, -e);
		double s = a->sum.s + a->sum.c;
		if (!isfinite(s)) {
			resum = true;
			a->sum.s = a->sum.c = 0.0;
			a->mean = NAN;
		} else {
			a->mean = s / dn;
		}
		if (f[j].kind == SEG_SCALE_MINMAX && !isfinite(a->hi - a->lo)) {
			st = seg_error_set(err, SEG_E_ARGUMENT,
				"feature %zu: the range of values (%.17g to %.17g) is too wide for min-max scaling", j + 1, a->lo,
				a->hi);
			if (err) err->column = sat32(j + 1);
			free(acc);
			return st;
		}
		if (f[j].kind == SEG_SCALE_ZSCORE && a->hi != a->lo) need_b = true;
	}

	/* Pass A' (rare): sums that overflowed, redone as sums of t * 2^-e. */
	if (resum) {
		for (size_t i = 0; i < n; i++) {
			const double *row = x + i * d;
			for (size_t j = 0; j < d; j++) {
				if (!isnan(acc[j].mean)) continue;
				double t = f[j].log1p ? log1p(row[j]) : row[j];
				nsum_add(&acc[j].sum, t * acc[j].factor);
			}
		}
		for (size_t j = 0; j < d; j++) {
			if (!isnan(acc[j].mean)) continue;
			/* The scaled mean is below 2 in magnitude, so the unscaled one
			 * is finite. */
			acc[j].mean = (acc[j].sum.s + acc[j].sum.c) / dn / acc[j].factor;
		}
	}

	/* Pass B. */
	if (need_b) {
		for (size_t i = 0; i < n; i++) {
			const double *row = x + i * d;
			for (size_t j = 0; j < d; j++) {
				fit_acc *a = &acc[j];
				if (f[j].kind != SEG_SCALE_ZSCORE || a->hi == a->lo) continue;
				double t = f[j].log1p ? log1p(row[j]) : row[j];
				double dev = t * a->factor - a->mean * a->factor;
				a->s1 += dev;
				nsum_add(&a->s2, dev * dev);
			}
		}
	}

	for (size_t j = 0; j < d; j++) {
		fit_acc *a = &acc[j];
		double center = 0.0, scale = 1.0;
		switch (f[j].kind) {
		case SEG_SCALE_NONE:
			break;
		case SEG_SCALE_MINMAX:
			center = a->lo;
			if (a->hi != a->lo) scale = a->hi - a->lo;
			break;
		case SEG_SCALE_ZSCORE:
			if (a->hi == a->lo) {
				center = a->lo;
			} else {
				double var = ((a->s2.s + a->s2.c) - a->s1 * a->s1 / dn) / dn;
				if (var < 0.0) var = 0.0;
				double m = a->mean * a->factor;
				double eps = DBL_EPSILON;
				center = a->mean;
				/* scikit-learn's _is_constant_feature, on the scaled values. */
				if (!(var <= dn * eps * var + (dn * m * eps) * (dn * m * eps))) scale = sqrt(var) / a->factor;
			}
			break;
		}
		f[j].center = center;
		f[j].scale = scale;
	}
	free(acc);
	return SEG_OK;
}

/* One value; BAD_* on failure. */
static inline int apply_one(const seg_scale_feature *fj, double v, double *out)
{
	double t;
	int why = transform(fj->log1p, v, &t);
	if (why != BAD_NONE) return why;
	double u = t - fj->center;
	if (isfinite(u))
		u = u / fj->scale;
	else /* t and the center of opposite signs near DBL_MAX */
		u = ((t * 0.5 - fj->center * 0.5) / fj->scale) * 2.0;
	double r = fj->weight * u;
	if (!isfinite(r)) return BAD_OVERFLOW;
	*out = r;
	return BAD_NONE;
}

bool seg_scale_apply(const seg_scale_feature *f, size_t d, const double *in, double *out)
{
	for (size_t j = 0; j < d; j++) {
		if (apply_one(&f[j], in[j], &out[j]) != BAD_NONE) return false;
	}
	return true;
}

seg_status seg_scale_apply_rows(const seg_scale_feature *f, size_t d, const double *x, size_t n, double *out,
                                seg_error *err)
{
	seg_error_clear(err);
	for (size_t i = 0; i < n; i++) {
		const double *row = x + i * d;
		double *o = out + i * d;
		for (size_t j = 0; j < d; j++) {
			double v = row[j];
			int why = apply_one(&f[j], v, &o[j]);
			if (why != BAD_NONE) return value_error(err, why, i, j, v);
		}
	}
	return SEG_OK;
}

void seg_scale_invert(const seg_scale_feature *f, size_t d, const double *in, double *out)
{
	for (size_t j = 0; j < d; j++) {
		double u = in[j] / f[j].weight;
		double t = fma(u, f[j].scale, f[j].center);
		if (isinf(t) && isfinite(u)) {
			/* Beyond DBL_MAX: by far, or by the rounding of a round trip
			 * of a value near DBL_MAX (then DBL_MAX). */
			double h = fma(u, f[j].scale * 0.5, f[j].center * 0.5);
			if (fabs(h) <= DBL_MAX * 0.5 * (1.0 + 8 * DBL_EPSILON)) t = copysign(DBL_MAX, h);
		}
		out[j] = f[j].log1p ? expm1(t) : t;
	}
}
