/*
 * seg_kmeans.h - k-means clustering of customers (docs/kmeans.md).
 *
 * Points are doubles, row-major (point i is x[i*d .. i*d+d-1]), owned by the
 * caller and not modified.  One fit:
 *
 *   - seeding: greedy k-means++ as scikit-learn's _kmeans_plusplus: the
 *     first centre is a uniform point; each further centre is the best
 *     (lowest potential, the first on a tie) of o->seed_trials candidates
 *     (default 2 + floor(2 ln k); scikit-learn draws 2 + floor(ln k)),
 *     each the first point whose running sum of squared distances to the
 *     nearest centre so far exceeds u * potential (u = seg_prng_double();
 *     the points are in blocks of 512 within each half (from 0 and from
 *     n / 2), the running sum at a point is the sum of the earlier blocks'
 *     sums, in order, plus its block's points up to it, and the potential
 *     is the sum of all blocks' sums; when rounding leaves no such point,
 *     the last point at a positive distance), then
 *     o->local_search swap steps (seg_kmeans.c, km_local_search); or
 *     centroids given by the caller;
 *   - iterations: Lloyd, accelerated with distance bounds (Hamerly: one
 *     lower bound per point; Elkan: k lower bounds per point).  The bounds
 *     carry a margin for rounding, so they only skip distances that are
 *     certainly larger: every algorithm gives exactly Lloyd's assignments
 *     (the nearest centre by the squared distance sum_f (x_f - c_f)^2 summed
 *     in feature order, the lowest index on a tie), the same centroids and
 *     the same iteration count;
 *   - a centroid is the mean of its members, from an exact sum: each value
 *     is read as a 62-bit fixed-point integer (rounded toward zero, scaled
 *     to the largest |value| of its feature), the sums are exact 128-bit
 *     integers, so they do not depend on the order of the points, on the
 *     algorithm or on the threads, and a point that keeps its cluster is
 *     not read again.  The mean is within about 2^-61 x the largest |value|
 *     of the feature of the exact mean (a float sum in point order, as
 *     scikit-learn's, is usually less exact).  An empty cluster takes the
 *     point farthest from the centre it was assigned to (points in
 *     decreasing distance, the lower index on a tie, each at most once per
 *     iteration, never the last member of its cluster, never one at
 *     distance 0); that point leaves its cluster's sum, its label stays
 *     until the next assignment step (as scikit-learn).  An empty cluster
 *     that finds no such point keeps its centre;
 *   - stop, as scikit-learn's _kmeans_single_lloyd: after an iteration
 *     whose assignments equal the previous ones and that refilled no empty
 *     cluster (strict convergence), or whose sum over the centres of the
 *     squared centre shift is <= tol x the mean over the features of their
 *     population variance, or after max_iter iterations; unless strictly
 *     converged, a last assignment step makes the labels those of the
 *     returned centroids (every label is then the nearest centroid);
 *   - n_init restarts; restart r seeds its own seg_prng with the r-th
 *     output of a seg_prng seeded with o->seed.  The restart with the
 *     lowest inertia wins (the first on a tie).
 *
 * SEG_KMEANS_AUTO runs Lloyd when k x d <= 40, or <= 192 where Lloyd's
 * assignment runs several points at a time (seg_knearest: d <= 8, k <= 64,
 * AVX2, not o->scalar); Elkan when d >= 32 and
 * k x d >= 2048 and the n x k lower bounds fit in 1 GiB; Hamerly otherwise.
 * (Measured on overlapping Gaussian blobs, k = 4..256, d = 2..128: for a
 * few cheap distances, the bounds cost more than they save; Elkan's k
 * bounds per point pay off only when distances are long and many.)
 *
 * Same seed, same options, same data: same result on every platform with
 * IEEE double arithmetic evaluated in double (no x87 excess precision, no
 * fused multiply-add contraction), and with 1 or 2 threads (each thread
 * takes one half of the points; per-half sums are combined in a fixed
 * order).  Memory is allocated once per fit, never per iteration: 12 bytes
 * per point (Lloyd), 28 (Hamerly), 20 + 8k (Elkan), plus, only when some
 * |value| is above 2^400 or all are below 2^-400, a copy of the points
 * scaled by a power of two, so that squared distances and sums neither
 * overflow nor underflow: the result is that of arithmetic without range
 * limits (except for values some 2^1000 times smaller than the largest,
 * which become subnormal or 0), and only the reported inertia may
 * overflow to +inf.
 */
#ifndef SEG_KMEANS_H
#define SEG_KMEANS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "seg_error.h"

#define SEG_KMEANS_MAX_K 1024
#define SEG_KMEANS_MAX_D 256
#define SEG_KMEANS_MAX_N ((size_t)UINT32_MAX) /* points (about 4.3 billion) */

typedef enum seg_kmeans_algo {
	SEG_KMEANS_AUTO = 0, /* Lloyd, Hamerly or Elkan by k and d (see above) */
	SEG_KMEANS_LLOYD,    /* plain Lloyd: every distance every iteration (the reference) */
	SEG_KMEANS_HAMERLY,
	SEG_KMEANS_ELKAN
} seg_kmeans_algo;

typedef struct seg_kmeans_options {
	uint32_t k;          /* 1..min(n, SEG_KMEANS_MAX_K) */
	uint32_t n_init;     /* restarts; 0 means 10 (1 when init is given) */
	uint32_t max_iter;   /* 0 means 300 */
	double tol;          /* relative tolerance; negative means 1e-4; 0 = until labels stop changing */
	uint64_t seed;
	seg_kmeans_algo algo;
	uint32_t threads;    /* 0 or 1: one thread; 2 or more: also use a second core (where
	                        threads are available and n is large enough to gain) */
	const double *init;  /* NULL, or k x d initial centroids (then n_init must be 0 or 1) */
	uint32_t seed_trials;/* k-means++ candidates per centre, 1..SEG_KMEANS_MAX_TRIALS; 0 means
	                        seg_kmeans_default_trials(k) */
	uint32_t local_search; /* swap steps after each k-means++ seeding (km_local_search);
	                        SEG_KMEANS_LOCAL_SEARCH_DEFAULT: seg_kmeans_default_local_search(k),
	                        0: none.  Not used with init. */
	bool scalar;         /* true: no vector kernel over several points (seg_knearest),
	                        one point at a time (the same result; for tests and benchmarks) */
} seg_kmeans_options;

#define SEG_KMEANS_MAX_TRIALS 16
#define SEG_KMEANS_LOCAL_SEARCH_DEFAULT UINT32_MAX

/* The default number of local search steps after a seeding: k (0 for k = 1). */
uint32_t seg_kmeans_default_local_search(uint32_t k);

/* The default number of k-means++ candidates per centre: 2 + floor(2 ln k),
 * at most SEG_KMEANS_MAX_TRIALS.  Twice scikit-learn's 2 + floor(ln k) in
 * the logarithm: on overlapping blobs the better seeds lower the mean
 * inertia of a fit by 0.1 to 2 % at a few per cent of the fit time
 * (bench/RESULTS.md), which keeps a fit with the same n_init at least as
 * good as scikit-learn's on average. */
uint32_t seg_kmeans_default_trials(uint32_t k);

typedef struct seg_kmeans_info {
	double inertia;        /* sum of squared distances of points to their centroid */
	uint32_t iterations;   /* Lloyd iterations of the winning restart */
	uint32_t best_init;    /* 0-based index of the winning restart */
	uint32_t n_init;       /* restarts run */
	seg_kmeans_algo algo;  /* what ran (AUTO resolved) */
	uint64_t empty_repairs;/* empty clusters refilled, all restarts */
} seg_kmeans_info;

/*
 * Clusters x (n points of d features) into o->k clusters.  centroids (k*d)
 * and labels (n) are caller-owned outputs; labels may be NULL; info may be
 * NULL.  Fails with SEG_E_ARGUMENT on k < 1, k > n, n == 0, d == 0, d or k
 * above the limits, a non-finite value (err->line = 1-based point,
 * err->column = 1-based feature; for a non-finite init value, line is the
 * 1-based centroid and the message says so), a NaN or infinite tol, an
 * unknown algo, seed_trials above SEG_KMEANS_MAX_TRIALS, or n_init > 1 with init; SEG_E_NOMEM when the workspace
 * cannot be allocated.  When fewer than k points are distinct, the extra
 * centroids repeat points (inertia is then 0) — not an error.
 */
seg_status seg_kmeans_fit(const double *x, size_t n, size_t d, const seg_kmeans_options *o, double *centroids,
                          uint32_t *labels, seg_kmeans_info *info, seg_error *err);

/* Index of the centroid nearest to one point (the lowest index on a tie), by
 * the same squared distance as the fit; *dist2 (may be NULL) receives it. */
uint32_t seg_kmeans_nearest(const double *centroids, size_t k, size_t d, const double *point, double *dist2);

/* Sum over points of the squared distance to centroid labels[i], summed as
 * the fit sums its inertia (each half of the points in order, then the two
 * halves), so it equals info->inertia for the fit's labels and centroids. */
double seg_kmeans_inertia(const double *x, size_t n, size_t d, const double *centroids, const uint32_t *labels);

#endif
