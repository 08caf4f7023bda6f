/*
 * seg_scale.h - feature preparation for k-means: per-feature log1p, then
 * z-score or min-max scaling, then a weight.
 *
 *   scaled = weight * (t(v) - center) / scale,   t(v) = log1p(v) or v
 *
 * z-score: center = mean of t(v), scale = population standard deviation
 * (ddof 0, as scikit-learn's StandardScaler); min-max: center = min,
 * scale = max - min; none: center 0, scale 1.  A constant feature gets scale
 * 1 and scales to exactly 0 (its center is its value), as StandardScaler
 * does: for min-max "constant" means max == min; for z-score also a
 * variance within the rounding error of the two-pass algorithm
 * (StandardScaler's test: var <= n eps var + (n eps mean)^2).  The scaler is
 * plain data, part of a saved model, so prediction applies the same
 * transform.
 *
 * Numerics: the mean is a compensated (Neumaier) sum, the variance the
 * corrected two-pass formula; values are multiplied by a power of two (an
 * exact operation) so that 1e300 and -1e300 neither overflow the sums nor
 * the squares.  A min-max range max - min above DBL_MAX cannot be stored
 * and fails the fit.
 */
#ifndef SEG_SCALE_H
#define SEG_SCALE_H

#include <stdbool.h>
#include <stddef.h>

#include "seg_error.h"

typedef enum seg_scale_kind { SEG_SCALE_NONE = 0, SEG_SCALE_ZSCORE, SEG_SCALE_MINMAX } seg_scale_kind;

typedef struct seg_scale_feature {
	seg_scale_kind kind;
	bool log1p;    /* v must be > -1 */
	double weight; /* > 0 and finite; 1 = as is */
	double center; /* fitted, finite */
	double scale;  /* fitted, > 0 and finite */
} seg_scale_feature;

/*
 * Fits f[0..d) (kind, log1p and weight set by the caller; center and scale
 * are written) on n rows of x.  Fails with SEG_E_ARGUMENT on n == 0 or
 * d == 0; on an unknown kind or a weight that is not > 0 and finite
 * (err->line = 0, err->column = 1-based feature); on a non-finite value or
 * log1p of a value <= -1 (err->line = 1-based row, err->column = 1-based
 * feature, both saturating at UINT32_MAX; the message names them in full);
 * on a min-max range that overflows.  f is unchanged on failure.
 */
seg_status seg_scale_fit(seg_scale_feature *f, size_t d, const double *x, size_t n, seg_error *err);

/*
 * Checks a fitted scaler (one read from a saved model): known kind, weight
 * > 0 and finite, center finite, scale > 0 and finite.  Fails with
 * SEG_E_ARGUMENT, err->column = 1-based feature.
 */
seg_status seg_scale_check(const seg_scale_feature *f, size_t d, seg_error *err);

/* One row: out[j] = scaled in[j].  out may equal in.  Returns false when a
 * value cannot be transformed (non-finite, log1p of <= -1, or a result that
 * overflows): out is then unspecified. */
bool seg_scale_apply(const seg_scale_feature *f, size_t d, const double *in, double *out);

/* n rows into out (n*d); out may equal x.  Errors (line = row, column =
 * feature) as seg_scale_fit, and a scaled value that overflows (a value far
 * outside the fitted range). */
seg_status seg_scale_apply_rows(const seg_scale_feature *f, size_t d, const double *x, size_t n, double *out,
                                seg_error *err);

/* The inverse: a point in scaled space (a centroid) back in original units
 * (expm1 after log1p): t = fma(in / weight, scale, center).  out may equal
 * in.  A result beyond the range of a double is +-inf, except one within a
 * few rounding errors of +-DBL_MAX (a round trip of DBL_MAX), which is
 * +-DBL_MAX. */
void seg_scale_invert(const seg_scale_feature *f, size_t d, const double *in, double *out);

#endif
