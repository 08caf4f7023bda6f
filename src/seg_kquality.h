/*
 * seg_kquality.h - how good a clustering is, and which k to pick.
 *
 * Silhouette (Rousseeuw 1987), as scikit-learn's silhouette_score with the
 * euclidean metric: for point i with a = mean distance to the other points of
 * its cluster and b = the lowest mean distance to the points of another
 * (non-empty) cluster, s(i) = (b - a) / max(a, b); s(i) = 0 for a point
 * alone in its cluster, and when a = b = 0 (scikit-learn's nan_to_num); the
 * score is the mean of s(i).  Distances are computed directly
 * (sqrt of the sum of squared differences), every pair once; scikit-learn
 * expands |x|^2 - 2 x.y + |y|^2, so the two agree to rounding (about 1e-14
 * relative on ordinary data).  Silhouette is scale-free: data whose largest
 * magnitude would overflow the squares (or underflow) is multiplied by a
 * power of two first, which changes nothing else.
 *
 * It costs n^2 / 2 distances: above sample points it is computed on a
 * sample drawn without replacement (a partial Fisher-Yates shuffle of the
 * indices with seg_prng seeded with seed), the same sample every time for
 * the same seed and n.  The result does not depend on the order of the
 * points within a cluster in the (sampled) set: points are taken in index
 * order.
 */
#ifndef SEG_KQUALITY_H
#define SEG_KQUALITY_H

#include <stddef.h>
#include <stdint.h>

#include "seg_error.h"
#include "seg_kmeans.h"

/*
 * Silhouette of labels (values 0..k-1) on x (n points of d features).
 * sample == 0 or >= n: exact, every point; else that many points, drawn with
 * seed.  Fails (SEG_E_ARGUMENT) on n == 0, d == 0, k == 0, a label >= k
 * (err->line = 1-based point), a non-finite value (err->line = 1-based point,
 * err->column = 1-based feature), fewer than 2 clusters present or more
 * clusters present than points in the (sampled) set minus one, as
 * scikit-learn requires 2 <= labels <= n - 1; SEG_E_NOMEM.  Needs about
 * (d + 4) x 8 bytes per (sampled) point, plus 8 bytes per point when sampling.
 */
seg_status seg_silhouette(const double *x, size_t n, size_t d, const uint32_t *labels, uint32_t k, size_t sample,
                          uint64_t seed, double *score, seg_error *err);

typedef struct seg_kquality_row {
	uint32_t k;
	double inertia;
	double silhouette; /* NAN when undefined: k == 1, fewer than 2 clusters non-empty, or k >= the (sampled) n */
	uint32_t iterations;
} seg_kquality_row;

/*
 * Fits k = k_min..k_max with options o (o->k and o->init ignored) and fills
 * rows[0 .. k_max-k_min] with each k's inertia, iterations and silhouette
 * (with sample as above and o->seed as the sample's seed, so every k is
 * scored on the same points).  *suggested receives the suggested k: the one
 * with the highest silhouette (the smallest k on a tie; a NAN silhouette is
 * never the highest); with k_min == k_max, or when every silhouette is NAN,
 * k_min.  Fails with SEG_E_ARGUMENT on k_min < 1, k_min > k_max, or k_max
 * above n or SEG_KMEANS_MAX_K; otherwise as seg_kmeans_fit (bad data fails
 * the first fit) and seg_silhouette (only SEG_E_NOMEM: a silhouette that is
 * undefined is NAN, not an error).
 */
seg_status seg_kmeans_suggest_k(const double *x, size_t n, size_t d, uint32_t k_min, uint32_t k_max,
                                const seg_kmeans_options *o, size_t sample, seg_kquality_row *rows,
                                uint32_t *suggested, seg_error *err);

#endif
