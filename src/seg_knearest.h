/*
 * seg_knearest.h - the nearest of k centres for a run of points, computed
 * for several points at once.
 *
 * k-means' assignment step with few features spends its time on a handful
 * of multiplications per centre; doing them for one point at a time leaves
 * most of a vector unit idle.  Here each vector lane is one point (four
 * with AVX2, eight with AVX-512F), the distance to a centre is the same sum of (x_f - c_f)^2 in
 * feature order as seg_kmeans' (no fused multiply-add), and the nearest
 * centre is the first one strictly below every earlier one, so the labels
 * are bit for bit those of the scalar loop (tested against it).
 *
 * Only for d <= SEG_KNEAREST_MAX_D and k <= SEG_KNEAREST_MAX_K, on x86 with
 * AVX2 or AVX-512F (checked at run time; the wider one when both) when built with GCC or clang:
 * seg_knearest_init() says whether it applies; callers keep their own
 * scalar path for the rest.
 *
 * seg_knearest_dists() gives every distance instead of the nearest (for
 * k-means++ candidates and the local search, which need more than the
 * nearest); seg_knearest_two() and seg_knearest_swap() turn those into the
 * two nearest of each point, as the local search keeps them.
 */
#ifndef SEG_KNEAREST_H
#define SEG_KNEAREST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SEG_KNEAREST_MAX_D 8
#define SEG_KNEAREST_MAX_K 64

typedef struct seg_knearest seg_knearest;
typedef void (*seg_knearest_fn)(const seg_knearest *kn, const double *x, size_t m, uint32_t *lab);
typedef void (*seg_knearest_dists_fn)(const seg_knearest *kn, const double *x, size_t m, double *out, size_t stride);
typedef void (*seg_knearest_two_fn)(uint32_t k, const double *dist, size_t stride, size_t m, double *d1, uint32_t *a1,
                                    double *d2, uint32_t *a2);
typedef void (*seg_knearest_swap_fn)(uint32_t k, const double *dist, size_t stride, size_t m, uint32_t j, double *d1,
                                     uint32_t *a1, double *d2, uint32_t *a2);

struct seg_knearest {
	uint32_t k, d;
	seg_knearest_fn run; /* the kernel for this d */
	seg_knearest_dists_fn dists; /* the distances kernel for this d */
	seg_knearest_two_fn two;     /* the two nearest from the distances (any d) */
	seg_knearest_swap_fn swap;   /* the two nearest after one centre moved */
	double c[SEG_KNEAREST_MAX_K * SEG_KNEAREST_MAX_D]; /* k x d centres, row-major (a copy) */
};

/* Which vector kernel: the best the CPU has, or one in particular (tests
 * run each against the scalar loop). */
typedef enum seg_knearest_isa {
	SEG_KNEAREST_BEST = 0,
	SEG_KNEAREST_AVX2,
	SEG_KNEAREST_AVX512
} seg_knearest_isa;

/* Whether seg_knearest_init() would succeed for k centres of d features. */
bool seg_knearest_fits(uint32_t k, size_t d);

/* Prepares kn for these centres (copied).  Returns false, leaving kn
 * unusable, when d or k is out of range, the CPU lacks AVX2, or the build
 * has no vector kernel (SEG_KNEAREST_NO_SIMD defined, another compiler or
 * architecture). */
bool seg_knearest_init(seg_knearest *kn, const double *centroids, uint32_t k, size_t d);

/* The same with a given kernel; false also when the CPU lacks it. */
bool seg_knearest_init_isa(seg_knearest *kn, const double *centroids, uint32_t k, size_t d, seg_knearest_isa isa);

/* Replaces the centres of a prepared kn (same k and d). */
void seg_knearest_set(seg_knearest *kn, const double *centroids);

/* lab[i] = the nearest centre of point i (x + i * d), for i < m: the lowest
 * index among those at the smallest squared distance. */
static inline void seg_knearest_run(const seg_knearest *kn, const double *x, size_t m, uint32_t *lab)
{
	kn->run(kn, x, m, lab);
}

/* out[j * stride + i] = the squared distance of point i (x + i * d) to
 * centre j, for i < m <= stride and j < k: the same value as the scalar
 * sum of (x_f - c_f)^2 in feature order, bit for bit.  Centre-major, so a
 * vector of points is one store. */
static inline void seg_knearest_dists(const seg_knearest *kn, const double *x, size_t m, double *out, size_t stride)
{
	kn->dists(kn, x, m, out, stride);
}

/* One point's two nearest from its distances (k >= 2, centre j's at
 * D[j * stride]): scanning the centres in order, strict comparisons; the
 * scalar loop seg_knearest_two() reproduces, and what callers without a
 * kernel use. */
static inline void seg_knearest_two_one(uint32_t k, const double *D, size_t stride, double *d1, uint32_t *a1,
                                        double *d2, uint32_t *a2)
{
	uint32_t a = 0, b = 1;
	double da = D[0], db = D[stride];
	if (db < da) {
		a = 1;
		b = 0;
		da = D[stride];
		db = D[0];
	}
	for (uint32_t j = 2; j < k; j++) {
		const double v = D[(size_t)j * stride];
		if (v < da) {
			b = a;
			db = da;
			a = j;
			da = v;
		} else if (v < db) {
			b = j;
			db = v;
		}
	}
	*d1 = da;
	*a1 = a;
	*d2 = db;
	*a2 = b;
}

/* One point's two nearest after a new centre j at distance w joined them
 * (j was neither): on a tie the lower index goes first, so the pair is the
 * one a scan of all the centres gives (a1 the nearest as the assignment
 * step picks it). */
static inline void seg_knearest_take_one(double w, uint32_t j, double *d1, uint32_t *a1, double *d2, uint32_t *a2)
{
	if (w < *d1 || (w == *d1 && j < *a1)) {
		*d2 = *d1;
		*a2 = *a1;
		*d1 = w;
		*a1 = j;
	} else if (w < *d2 || (w == *d2 && j < *a2)) {
		*d2 = w;
		*a2 = j;
	}
}

/* From the distances seg_knearest_dists() wrote (k >= 2): a1[i] and d1[i]
 * the nearest centre of point i and its distance, a2[i] and d2[i] the
 * nearest of the others, for i < m; the same as scanning centres 0..k-1
 * with strict comparisons, lanes of points at a time (k-means' local
 * search keeps both for every point). */
static inline void seg_knearest_two(const seg_knearest *kn, const double *dist, size_t stride, size_t m, double *d1,
                                    uint32_t *a1, double *d2, uint32_t *a2)
{
	kn->two(kn->k, dist, stride, m, d1, a1, d2, a2);
}

/* After centre j was replaced (dist: the distances to the new centres):
 * a point whose two nearest (d1, a1, d2, a2, updated in place) included j
 * takes both again from all of dist; any other compares only row j with
 * its two (seg_knearest_take_one).  Either way the pair is the one
 * seg_knearest_two() would give now. */
static inline void seg_knearest_swap(const seg_knearest *kn, const double *dist, size_t stride, size_t m, uint32_t j,
                                     double *d1, uint32_t *a1, double *d2, uint32_t *a2)
{
	kn->swap(kn->k, dist, stride, m, j, d1, a1, d2, a2);
}

#endif
