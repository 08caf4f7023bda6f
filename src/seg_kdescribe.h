/*
 * seg_kdescribe.h - a cluster described in words, for a back-office list.
 *
 * Each feature of a centroid is compared with the population of that
 * feature (in original units): its percentile is the share of customers
 * below the centroid's value, customers equal to it counting half
 * (100 x (below + equal / 2) / n, scipy's percentileofscore kind "mean").
 * The percentile picks a level word: "very low" (< 10), "low" (< 30),
 * average (30 to 70, not mentioned), "high" (> 70), "very high" (> 90).
 * The description lists the mentioned features, most extreme first (the
 * farthest percentile from 50; the lower feature index on a tie):
 * "very high monetary, high frequency, recent".  Features may carry their
 * own words for low and high (recency: "recent" for a low value, "lapsed"
 * for a high one; "very recent" for a very low one), so phrases read
 * naturally.  A short name is made from the two most extreme phrases in
 * title case ("High Monetary, Recent"; "Very High Monetary"), or "Average"
 * when none stands out; names are unique within a model: a name already
 * given to an earlier cluster gets " 2", " 3" ... appended (the first free
 * one).  A description that would not fit ends with "...".  Deterministic.
 *
 * Cost: one pass over x, O(n d log k) time and O(k d) memory; the
 * population is not sorted or copied.  Each value is placed among its
 * feature's k sorted centroid values by a binary search, or, with AVX2 and
 * at most 16 distinct values per feature, compared with all of them at once
 * (the counts are the same).
 */
#ifndef SEG_KDESCRIBE_H
#define SEG_KDESCRIBE_H

#include <stddef.h>
#include <stdint.h>

#include "seg_error.h"

#define SEG_KDESCRIBE_MAX_D    64
#define SEG_KDESCRIBE_MAX_WORD 48 /* bytes of a name, low_word or high_word */

typedef struct seg_kdescribe_feature {
	const char *name;      /* "monetary"; 1..SEG_KDESCRIBE_MAX_WORD bytes */
	const char *low_word;  /* NULL: "low <name>"; e.g. "recent" for recency */
	const char *high_word; /* NULL: "high <name>"; e.g. "lapsed" */
} seg_kdescribe_feature;

typedef enum seg_kdescribe_level {
	SEG_KDESCRIBE_VERY_LOW = -2,
	SEG_KDESCRIBE_LOW = -1,
	SEG_KDESCRIBE_AVERAGE = 0,
	SEG_KDESCRIBE_HIGH = 1,
	SEG_KDESCRIBE_VERY_HIGH = 2
} seg_kdescribe_level;

typedef struct seg_kdescribe_cluster {
	char description[512]; /* "" when every feature is average */
	char name[128];
	double percentile[SEG_KDESCRIBE_MAX_D]; /* per feature, 0..100 */
	int8_t level[SEG_KDESCRIBE_MAX_D];      /* per feature, a seg_kdescribe_level */
} seg_kdescribe_cluster;

/* The level of a percentile (the thresholds above). */
seg_kdescribe_level seg_kdescribe_level_of(double percentile);

/*
 * Describes k centroids (k x d, original units) against the n rows of x
 * (original units, row-major) into out[0..k).  Fails with SEG_E_ARGUMENT on
 * d == 0, d > SEG_KDESCRIBE_MAX_D, n == 0, a feature name that is NULL, empty
 * or longer than SEG_KDESCRIBE_MAX_WORD (also a word), a non-finite value in
 * x (err->line = 1-based row, err->column = 1-based feature) or in a
 * centroid (err->line = 1-based centroid, the message says so);
 * SEG_E_NOMEM.
 */
seg_status seg_kdescribe(const seg_kdescribe_feature *features, size_t d, const double *x, size_t n,
                         const double *centroids, size_t k, seg_kdescribe_cluster *out, seg_error *err);

#endif
