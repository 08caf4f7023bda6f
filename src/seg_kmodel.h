/*
 * seg_kmodel.h - a fitted k-means model as plain data: the scaler and the
 * centroids, checked before a model read from a file is used, and the
 * cluster of one row (docs/kmeans.md, "The file format").
 *
 * A model file holds each centroid twice: in scaled space (what prediction
 * uses, exactly as fitted) and in original units (what people read).  A
 * loaded model must be internally consistent: the original units must be
 * the scaler's inverse of the scaled centroid, so that an edited file
 * cannot say one thing and predict another.
 */
#ifndef SEG_KMODEL_H
#define SEG_KMODEL_H

#include <stddef.h>
#include <stdint.h>

#include "seg_error.h"
#include "seg_scale.h"

typedef struct seg_kmodel {
	uint32_t k;                        /* 1..SEG_KMEANS_MAX_K */
	uint32_t d;                        /* 1..SEG_KMEANS_MAX_D */
	const seg_scale_feature *features; /* d */
	const double *centroids;           /* k x d, scaled space */
} seg_kmodel;

/*
 * Checks a model read from a file: k and d within the limits, the scaler
 * (seg_scale_check), every scaled centroid finite, and, when original is not
 * NULL, original (k x d, original units) equal to the inverse transform of
 * the scaled centroids within 1e-9 relative (and finite).  Fails with
 * SEG_E_ARGUMENT: err->attribute names the field as the file spells it
 * ("features[2].scale", "clusters[1].scaled[0]", "clusters[1].centroid.x"
 * with the feature's 0-based index for x), err->message says what is wrong,
 * err->line = 1-based cluster (0 for a feature), err->column = 1-based
 * feature (0 for k and d).
 */
seg_status seg_kmodel_check(const seg_kmodel *m, const double *original, seg_error *err);

/*
 * The cluster of one row of d values in original units: scaled with the
 * model's scaler, then the nearest centroid (the lowest index on a tie).
 * When the nearest squared distance is beyond about 2^900 or below 2^-900
 * (where squares of doubles overflow or underflow and distances tie at +inf
 * or 0), the distances are compared as mantissa and exponent instead, so
 * the nearest centroid is still found.
 * *dist2 (may be NULL) receives the squared distance in scaled space (+inf
 * or 0 when it is beyond the range of a double).  Fails with SEG_E_ARGUMENT and err->column = 1-based
 * feature when a value cannot be scaled (NaN, infinite, log1p of <= -1, or a
 * scaled value beyond the range of a double).
 */
seg_status seg_kmodel_predict(const seg_kmodel *m, const double *row, uint32_t *label, double *dist2,
                              seg_error *err);

#endif
