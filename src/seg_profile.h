/*
 * seg_profile.h - customer profiles aggregated from order lines.
 *
 * Order lines stream in one at a time (from a CSV file, a PHP iterable, a
 * database cursor); the aggregator keeps one small fixed-size record per
 * customer and never the orders themselves, so a file larger than memory
 * works.  docs/rfm.md defines every field and the cancellation policy.
 *
 * Orders are counted by order id: a line counts as a new order when its id
 * differs from the id of that customer's previous counted line.  Exports list
 * the lines of one order together, which makes this exact without keeping a
 * set of order ids; a line with no order id is an order of its own.  Ids
 * are compared by hash: 64 bits for counted orders, 32 for cancellations
 * (which only feed the informative `cancelled` count), so two different
 * consecutive ids of one customer are taken for one with odds of 2^-64 and
 * 2^-32.
 */
#ifndef SEG_PROFILE_H
#define SEG_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "seg_error.h"
#include "seg_rule.h"

typedef enum seg_returns {
	SEG_RETURNS_EXCLUDE = 0, /* cancellations and returns stay out of orders and monetary */
	SEG_RETURNS_NET          /* negative amounts (refunds) reduce monetary; never orders */
} seg_returns;

typedef struct seg_profile_policy {
	seg_returns returns;
	const seg_str *cancelled_statuses; /* a line with one of these statuses is cancelled */
	size_t ncancelled_statuses;
	seg_str cancel_prefix;             /* an order id starting with this is a cancellation ("C") */
} seg_profile_policy;

typedef struct seg_order_line {
	seg_str customer; /* required; an empty id skips the line (guest rows) */
	seg_str order;    /* empty: the line is an order of its own */
	seg_str status;   /* may be empty */
	int64_t ts;       /* seconds since 1970 on the wall clock */
	double amount;    /* the line's value (quantity x unit price, or the order total) */
	double quantity;  /* NAN when unknown; a negative quantity makes a return */
	seg_str country;  /* may be empty; else 2 or 3 ASCII letters (ISO 3166), see below */
} seg_order_line;

/* ts of a line whose date is unknown (a NULL or zero date in a database):
 * the line is counted in stats.no_date and otherwise skipped. */
#define SEG_TS_NONE INT64_MIN

/* One customer: 64 bytes, a cache line. */
typedef struct seg_profile {
	int64_t first_ts;   /* first counted line; INT64_MAX when none */
	int64_t last_ts;    /* last counted line; INT64_MIN when none */
	double monetary;    /* sum of counted amounts (and, with NET, of returns) */
	double monetary_c;  /* internal: Kahan compensation, as pandas' groupby sum */
	double returned;    /* sum of |amount| of cancelled and returned lines */
	uint64_t last_order;  /* internal: 64-bit hash of the last counted order id */
	uint32_t last_cancel; /* internal: 32-bit hash of the last cancelled order id */
	uint32_t orders;    /* distinct counted orders (the frequency) */
	uint32_t cancelled; /* distinct cancelled orders */
	uint32_t id_ref;    /* internal: where the customer id is in the id pool */
} seg_profile;

typedef struct seg_profile_stats {
	uint64_t lines;          /* lines given to seg_profiles_add */
	uint64_t no_customer;    /* skipped: empty customer id */
	uint64_t cancelled_lines;
	uint64_t returned_lines; /* negative amount or quantity, not cancelled */
	uint64_t no_date;        /* skipped: a customer but ts == SEG_TS_NONE */
	int64_t min_ts, max_ts;  /* over all lines with a customer */
} seg_profile_stats;

typedef struct seg_profiles seg_profiles;

seg_status seg_profiles_create(const seg_profile_policy *policy, seg_profiles **out, seg_error *err);
void seg_profiles_free(seg_profiles *p);

/* Adds one order line.  Fails (SEG_E_ARGUMENT) on a non-finite amount or
 * quantity or a timestamp outside years 0000-9999. */
seg_status seg_profiles_add(seg_profiles *p, const seg_order_line *line, seg_error *err);

/*
 * Adds lines[0..n) in order, exactly as n calls of seg_profiles_add, but
 * faster on big inputs: it looks up several customers at once so that their
 * cache misses overlap (a million profiles do not fit in any cache, and one
 * line at a time waits ~100 ns for each).  On failure *done is the index of
 * the failing line (lines before it were added); on success *done == n.
 */
seg_status seg_profiles_add_many(seg_profiles *p, const seg_order_line *lines, size_t n, size_t *done,
                                 seg_error *err);

size_t seg_profiles_count(const seg_profiles *p);
const seg_profile *seg_profiles_at(const seg_profiles *p, size_t i);
seg_str seg_profiles_id(const seg_profiles *p, size_t i);
/* Index of a customer id, or -1. */
int64_t seg_profiles_find(const seg_profiles *p, const char *id, size_t len);
const seg_profile_stats *seg_profiles_stats(const seg_profiles *p);

/*
 * The customer's country: the `country` of their latest counted line that
 * has a valid one (2 or 3 ASCII letters, kept upper-cased; anything else
 * counts as none), or an empty string.  Kept beside the profiles, and only
 * once some line has had a country, so sources without one pay nothing.
 * *buf receives the code (4 bytes, NUL-terminated).
 */
seg_str seg_profiles_country(const seg_profiles *p, size_t i, char buf[4]);
/* Whether any line has had a valid country. */
bool seg_profiles_has_country(const seg_profiles *p);

/* Bytes held (profiles, ids, index). */
size_t seg_profiles_memory(const seg_profiles *p);

/* Whole days from the last counted order to `reference` (floor), as pandas'
 * (reference - last).days; meaningless when the profile has no order. */
static inline int64_t seg_profile_recency(const seg_profile *pr, int64_t reference)
{
	return seg_floor_day(reference - pr->last_ts);
}

#endif
