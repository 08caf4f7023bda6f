/*
 * seg_rfm.h - RFM scoring (recency, frequency, monetary) and segment maps.
 *
 * seg_rfm_fit() turns profiles into quantile scores 1..bins and a model of
 * value thresholds; seg_rfm_score_one() scores a single customer from those
 * thresholds at request time.  Two methods (docs/rfm.md):
 *
 *   SEG_RFM_QUANTILE  thresholds are quantiles of the values; equal values
 *                     always get the same score (the default).
 *   SEG_RFM_PANDAS    pandas' qcut(x.rank(method="first"), bins): ties are
 *                     broken by profile order, or by the given ranks
 *                     (seg_profiles_id_rank() for a groupby's order),
 *                     reproduced bit for bit.
 *
 * The model is plain data, owned by the caller, and cheap to copy and save.
 */
#ifndef SEG_RFM_H
#define SEG_RFM_H

#include <stddef.h>
#include <stdint.h>

#include "seg_error.h"
#include "seg_profile.h"

#define SEG_RFM_MAX_BINS 10

typedef enum seg_rfm_method { SEG_RFM_QUANTILE = 0, SEG_RFM_PANDAS } seg_rfm_method;

typedef struct seg_rfm_options {
	uint32_t bins;         /* 2..SEG_RFM_MAX_BINS; 0 means 5 */
	seg_rfm_method method;
	int64_t reference;     /* recency is measured to this time (seconds, wall clock) */
	const uint32_t *rank;  /* ties are broken by rank[i], profile i's place in the tie
	                        * order (distinct values; NULL: the profile index);
	                        * seg_profiles_id_rank() gives pandas' groupby order */
} seg_rfm_options;

/* Scores 1..bins; 0 for a customer without orders (not scored). */
typedef struct seg_rfm_score {
	uint8_t r, f, m;
} seg_rfm_score;

typedef struct seg_rfm_model {
	uint32_t bins;
	seg_rfm_method method;
	int64_t reference;
	uint64_t customers;  /* profiles scored by the fit */
	/* Value thresholds t[0..bins-2], ascending.  F and M: score = 1 + the
	 * number of t with value > t.  R (fewer days is better): score = bins -
	 * the number of t with days > t. */
	double r[SEG_RFM_MAX_BINS - 1];
	double f[SEG_RFM_MAX_BINS - 1];
	double m[SEG_RFM_MAX_BINS - 1];
} seg_rfm_model;

/*
 * Fits a model on every profile with at least one order and, when scores is
 * not NULL, stores each profile's scores (seg_profiles_count() entries, in
 * profile order).  Fails on bad options or when no profile has an order.
 *
 * Linear time: a handful of streaming passes over the profiles (seg_rfm.c
 * explains them).  Memory: besides scores and rank, which are the caller's,
 * under 1 MiB plus at most 2.25 bytes per customer while it runs.
 */
seg_status seg_rfm_fit(const seg_profiles *p, const seg_rfm_options *opt, seg_rfm_model *model,
                       seg_rfm_score *scores, seg_error *err);

/* One customer from stored thresholds: recency in days, order count, monetary. */
seg_rfm_score seg_rfm_score_one(const seg_rfm_model *model, double recency_days, double frequency, double monetary);

/* numpy.quantile(sorted, q) with the default 'linear' method, bit for bit. */
double seg_quantile_linear(const double *sorted, size_t n, double q);

/* ---- segment maps: data, first matching rule wins ------------------------ */

typedef struct seg_rfm_rule {
	const char *name;
	const char *group; /* may be NULL */
	uint8_t r[2], f[2], m[2]; /* inclusive score ranges; {1, bins} = any */
} seg_rfm_rule;

typedef struct seg_rfm_map {
	const char *name; /* "rf11", "core", "retention" */
	const seg_rfm_rule *rules;
	size_t nrules;
} seg_rfm_map;

/* The built-in maps (for 5 bins), documented in docs/rfm.md. */
const seg_rfm_map *seg_rfm_default_maps(size_t *n);
const seg_rfm_map *seg_rfm_default_map(const char *name);

/* Index of the first rule containing the score, or -1. */
int seg_rfm_map_find(const seg_rfm_rule *rules, size_t n, seg_rfm_score s);

#endif
