/*
 * seg_rfm.c - RFM fit, scoring and the built-in segment maps.
 */
#include "seg_rfm.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "seg_sort.h"

/* ---- numpy quantiles ----------------------------------------------------- */

/* numpy 1.24 _quantile, method "linear", for n sorted values at point q:
 * v = (n - 1) * q; the value at lo when v is at or past the ends, else the
 * interpolation between lo = floor(v) and lo + 1 with weight v - lo. */
typedef struct qpoint {
	size_t lo;
	bool lerp;
	double t;
} qpoint;

static qpoint quantile_point(size_t n, double q)
{
	qpoint r = {0, false, 0};
	double v = (double)(n - 1) * q;
	if (v >= (double)(n - 1)) {
		r.lo = n - 1;
		return r;
	}
	if (v < 0) return r;
	double prev = floor(v);
	r.lo = (size_t)prev;
	r.lerp = true;
	r.t = v - prev;
	return r;
}

/* numpy's _lerp: the two-sided formula (the upper form when the weight is at
 * least 0.5). */
static double quantile_lerp(double a, double b, double t)
{
	double diff = b - a;
	return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

double seg_quantile_linear(const double *sorted, size_t n, double q)
{
	if (n == 0) return NAN;
	qpoint qp = quantile_point(n, q);
	return qp.lerp ? quantile_lerp(sorted[qp.lo], sorted[qp.lo + 1], qp.t) : sorted[qp.lo];
}

/* np.linspace(0, 1, bins + 1)[i]: i * (1 / bins), the last exactly 1. */
static double linspace_at(uint32_t i, uint32_t bins)
{
	return i == bins ? 1.0 : (double)i * (1.0 / (double)bins);
}

/* ---- the fit: selecting a few sorted positions -----------------------------
 *
 * Both methods need, per metric, the elements at a few positions of the
 * sorted order, never the whole order:
 *
 *   pandas    qcut's bins over the ranks 1..n hold the sorted positions
 *             [c[j], c[j+1]) with c[j] = floor(edge j); the last element of
 *             each bin (position c[j+1] - 1) is a boundary, and a customer's
 *             bin is the number of boundaries below its key;
 *   quantile  the thresholds interpolate the values at positions floor(v)
 *             and floor(v) + 1 (quantile_point()).
 *
 * The sort key of a customer is 96 bits: a 64-bit order-preserving value key
 * (recency and orders as integers, monetary as a double mapped to unsigned
 * order with -0.0 read as 0.0, which qsort's comparison called equal), then
 * the 32-bit tie: the customer's rank in the tie order, or its profile
 * index.  Keys are distinct, so "the element at position k" is well defined.
 *
 * Selection is radix select over the profiles, with no per-customer array:
 * a pass streams every profile, recomputes its keys and counts, for each
 * group of wanted positions that share a key prefix, the next digit in a
 * histogram.  The histogram says which digit holds each wanted position and
 * how many elements share the longer prefix.  Once a group is small, the
 * next pass copies its elements into a buffer, which is sorted (seg_sort)
 * and read at the wanted positions.  Only the bits in which keys differ are
 * digits: a value key's bits above the highest bit in which the smallest and
 * the largest value differ are skipped, and so are the tie's bits above the
 * largest tie.  The three metrics share every pass, and a last pass scores
 * each customer.  On a million customers that is four or five passes in
 * all, with per metric one 2^16-counter histogram and a buffer of n / 16
 * elements.
 *
 * The model is bit for bit what sorting gave (tests/c/test_rfm.c keeps the
 * sort-based fit as a reference), down to the sign of a zero threshold: a
 * pandas threshold is the first of a bin's largest values in sorted order,
 * and where that is a zero, the scoring pass finds out which zero.  The one
 * exception is a NaN monetary (only a sum overflowing to inf and back can
 * make one), which qsort placed arbitrarily and the key puts beyond +inf or
 * -inf by its sign bit.
 */

enum { MET_R, MET_F, MET_M, NMET };

#define SIGN64          (UINT64_C(1) << 63)
#define MAX_TARGETS     (2 * (SEG_RFM_MAX_BINS - 1))
/* Tunables; the tests also run with tiny ones (-DSEG_RFM_MAX_DIGIT=3
 * -DSEG_RFM_MIN_COLLECT=16) to go through many passes on small data. */
#ifndef SEG_RFM_MAX_DIGIT
#define SEG_RFM_MAX_DIGIT 16   /* a histogram counts up to 2^16 digits */
#endif
#ifndef SEG_RFM_MIN_COLLECT
#define SEG_RFM_MIN_COLLECT 4096 /* a group this small is copied (n / 16 when more) */
#endif
#define MAX_DIGIT       SEG_RFM_MAX_DIGIT
#define MIN_COLLECT     SEG_RFM_MIN_COLLECT
#define HIST_ENTRIES    (1u << MAX_DIGIT)

static inline uint64_t money_key(double x)
{
	uint64_t u;
	if (x == 0) x = 0.0; /* -0.0 == 0.0: one key, ties by the tie order */
	memcpy(&u, &x, sizeof u);
	return u & SIGN64 ? ~u : u | SIGN64;
}

static inline double money_of_key(uint64_t k)
{
	uint64_t u = k & SIGN64 ? k & ~SIGN64 : ~k;
	double x;
	memcpy(&x, &u, sizeof x);
	return x;
}

static inline uint64_t metric_key(const seg_profile *pr, int metric, int64_t reference)
{
	switch (metric) {
	case MET_R: return (uint64_t)seg_profile_recency(pr, reference) ^ SIGN64;
	case MET_F: return pr->orders;
	default: return money_key(pr->monetary);
	}
}

/* The value of a key, as the old double comparisons saw it (0.0 for both zeros). */
static double value_of_key(int metric, uint64_t k)
{
	switch (metric) {
	case MET_R: return k & SIGN64 ? (double)(k & ~SIGN64) : -(double)(SIGN64 - k);
	case MET_F: return (double)k;
	default: return money_of_key(k);
	}
}

static inline double metric_value(const seg_profile *pr, int metric, int64_t reference)
{
	return metric == MET_R ? (double)seg_profile_recency(pr, reference)
	     : metric == MET_F ? (double)pr->orders : pr->monetary;
}

static inline unsigned bit_length(uint64_t x)
{
	unsigned n = 0;
	while (x) {
		n++;
		x >>= 1;
	}
	return n;
}

static inline uint64_t shr64(uint64_t x, unsigned s) { return s >= 64 ? 0 : x >> s; }

typedef struct sel_target {
	uint64_t pos; /* the sorted position wanted */
	uint64_t v;   /* found: the key of the element there */
	uint32_t t;
} sel_target;

/* Wanted positions whose elements share the key's top `depth` bits, as
 * (a, b): a = the value key's bits, b = the tie's (see prefix_of()). */
typedef struct sel_group {
	uint64_t a;
	uint32_t b;
	bool collect;         /* this pass copies the elements, else counts digits */
	uint64_t base, count; /* its elements are the sorted positions [base, base + count) */
	size_t t0, t1;        /* its targets */
	unsigned root;        /* its first digit (of the first pass) */
	uint32_t *hist;       /* 1 << dbits counters */
	size_t coff, cfill;   /* collect: buf[coff .. coff + count) */
} sel_group;

typedef struct selector {
	unsigned vbits, tbits; /* the digits: the value key's low vbits bits, then the tie's low tbits */
	unsigned depth;        /* the bits every group has fixed */
	unsigned dbits;        /* this pass's digit width */
	size_t ntargets, ngroups;
	sel_target tg[MAX_TARGETS];
	sel_group gr[MAX_TARGETS];
	uint64_t cap;          /* buf's capacity */
	seg_sort_item *buf;
	uint32_t *hist;        /* hist_size counters, shared by the groups */
	size_t hist_size;
	/* After the first pass, most elements are in no group: a bit per first
	 * digit, set for the digits some group starts with, turns them away
	 * before the search. */
	unsigned rbits;        /* width of the first digit; 0 before it is known */
	uint64_t filter[((1u << MAX_DIGIT) + 63) / 64];
	uint64_t vmin, vmax;
} selector;

/* The element's top `depth` bits of (value key low vbits, tie low tbits).
 * Above vbits every value key has the same bits, left in a. */
static inline void prefix_of(const selector *s, uint64_t v, uint32_t t, uint64_t *a, uint32_t *b)
{
	if (s->depth <= s->vbits) {
		*a = shr64(v, s->vbits - s->depth);
		*b = 0;
	} else {
		*a = v;
		*b = (uint32_t)((uint64_t)t >> (s->tbits - (s->depth - s->vbits)));
	}
}

/* The d bits after the first p. */
static inline unsigned digit_at(const selector *s, uint64_t v, uint32_t t, unsigned p, unsigned d)
{
	unsigned vb = s->vbits;
	uint64_t mask = (UINT64_C(1) << d) - 1;
	if (p + d <= vb) return (unsigned)((v >> (vb - p - d)) & mask);
	if (p >= vb) return (unsigned)(((uint64_t)t >> (s->tbits - (p - vb) - d)) & mask);
	unsigned k1 = vb - p, k2 = d - k1; /* the last k1 value bits, the first k2 tie bits */
	return (unsigned)(((v & ((UINT64_C(1) << k1) - 1)) << k2) | ((uint64_t)t >> (s->tbits - k2)));
}

/* The prefix of group g extended by one digit. */
static void child_prefix(const selector *s, const sel_group *g, unsigned digit, uint64_t *a, uint32_t *b)
{
	unsigned p = s->depth, d = s->dbits, vb = s->vbits;
	if (p + d <= vb) {
		*a = g->a << d | digit;
		*b = 0;
	} else if (p >= vb) {
		*a = g->a;
		*b = (uint32_t)((uint64_t)g->b << d | digit);
	} else {
		unsigned k1 = vb - p, k2 = d - k1;
		*a = g->a << k1 | digit >> k2;
		*b = digit & ((1u << k2) - 1);
	}
}

static inline void sel_feed(selector *s, uint64_t v, uint32_t t)
{
	if (s->rbits) {
		unsigned r = digit_at(s, v, t, 0, s->rbits);
		if (!(s->filter[r >> 6] >> (r & 63) & 1)) return;
	}
	uint64_t a;
	uint32_t b;
	prefix_of(s, v, t, &a, &b);
	for (size_t i = 0; i < s->ngroups; i++) {
		sel_group *g = &s->gr[i];
		if (g->a != a || g->b != b) {
			if (g->a > a || (g->a == a && g->b > b)) return; /* groups ascend */
			continue;
		}
		if (!g->collect) g->hist[digit_at(s, v, t, s->depth, s->dbits)]++;
		else if (g->cfill < g->count) seg_sort_set(&s->buf[g->coff + g->cfill++], v, t);
		return;
	}
}

/* Positions must be distinct and ascending. */
static void sel_init(selector *s, const uint64_t *pos, size_t npos, uint64_t n, uint64_t tmax)
{
	s->vbits = s->vmin == s->vmax ? 0 : bit_length(s->vmin ^ s->vmax);
	s->tbits = bit_length(tmax);
	s->depth = 0;
	s->dbits = 0;
	s->rbits = 0;
	s->ntargets = npos;
	for (size_t k = 0; k < npos; k++) s->tg[k].pos = pos[k];
	sel_group *g = &s->gr[0];
	memset(g, 0, sizeof *g);
	g->a = shr64(s->vmin, s->vbits);
	g->count = n;
	g->t1 = npos;
	s->ngroups = npos ? 1 : 0;
	/* At least MAX_TARGETS: groups of one element, which have no digit
	 * left, must always fit. */
	s->cap = n / 16 > MIN_COLLECT ? n / 16 : MIN_COLLECT;
	if (s->cap < MAX_TARGETS) s->cap = MAX_TARGETS;
	if (s->cap > n) s->cap = n;
}

/* Chooses this pass's work: the smallest groups are collected while they
 * fit in the buffer, the others count their next digit. */
static seg_status sel_plan(selector *s, seg_error *err)
{
	size_t by_count[MAX_TARGETS], nhist = 0;
	for (size_t i = 0; i < s->ngroups; i++) {
		size_t j = i;
		while (j > 0 && s->gr[by_count[j - 1]].count > s->gr[i].count) {
			by_count[j] = by_count[j - 1];
			j--;
		}
		by_count[j] = i;
	}
	uint64_t fill = 0;
	for (size_t k = 0; k < s->ngroups; k++) {
		sel_group *g = &s->gr[by_count[k]];
		/* A group with no digit left holds one element: it always fits. */
		g->collect = fill + g->count <= s->cap;
		if (g->collect) {
			g->coff = (size_t)fill;
			g->cfill = 0;
			fill += g->count;
		} else {
			nhist++;
		}
	}
	if (fill && !s->buf && !(s->buf = malloc(sizeof *s->buf * (size_t)s->cap)))
		return seg_error_set(err, SEG_E_NOMEM, "out of memory");
	if (!nhist) return SEG_OK;
	unsigned d = MAX_DIGIT, left = s->vbits + s->tbits - s->depth;
	if (!left) /* several elements with one key: two customers share a rank */
		return seg_error_set(err, SEG_E_ARGUMENT, "the tie ranks are not distinct");
	while (d > 1 && (nhist << d) > HIST_ENTRIES) d--;
	if (d > left) d = left;
	s->dbits = d;
	size_t need = nhist << d; /* at most HIST_ENTRIES unless d is 1 */
	if (need > s->hist_size) {
		free(s->hist);
		s->hist_size = need > HIST_ENTRIES ? need : HIST_ENTRIES;
		if (!(s->hist = malloc(sizeof *s->hist * s->hist_size))) {
			s->hist_size = 0;
			return seg_error_set(err, SEG_E_NOMEM, "out of memory");
		}
	}
	uint32_t *h = s->hist;
	for (size_t i = 0; i < s->ngroups; i++) {
		sel_group *g = &s->gr[i];
		if (g->collect) continue;
		g->hist = h;
		memset(h, 0, sizeof *h << d);
		h += (size_t)1 << d;
	}
	return SEG_OK;
}

/* After a pass: read the collected groups, split the counted ones. */
static void sel_advance(selector *s)
{
	sel_group next[MAX_TARGETS];
	size_t nnext = 0;
	bool counted = false;
	for (size_t i = 0; i < s->ngroups; i++) {
		sel_group *g = &s->gr[i];
		if (g->collect) {
			seg_sort_item *it = s->buf + g->coff;
			seg_sort_items(it, g->cfill, NULL, NULL);
			for (size_t k = g->t0; k < g->t1; k++) {
				const seg_sort_item *e = &it[s->tg[k].pos - g->base];
				s->tg[k].v = seg_sort_key(e);
				s->tg[k].t = e->idx;
			}
			continue;
		}
		counted = true;
		uint64_t below = 0; /* elements in digits < d */
		unsigned d = 0;
		bool open = false;  /* next[nnext - 1] is digit d of this group */
		for (size_t k = g->t0; k < g->t1; k++) {
			uint64_t r = s->tg[k].pos - g->base;
			bool moved = false;
			while (below + g->hist[d] <= r && d + 1 < (1u << s->dbits)) {
				below += g->hist[d++];
				moved = true;
			}
			if (open && !moved) {
				next[nnext - 1].t1 = k + 1;
				continue;
			}
			sel_group *c = &next[nnext++];
			memset(c, 0, sizeof *c);
			child_prefix(s, g, d, &c->a, &c->b);
			c->base = g->base + below;
			c->count = g->hist[d];
			c->t0 = k;
			c->t1 = k + 1;
			c->root = s->depth ? g->root : d;
			open = true;
		}
	}
	if (counted) {
		if (!s->depth) s->rbits = s->dbits;
		s->depth += s->dbits;
	}
	memcpy(s->gr, next, sizeof *next * nnext);
	s->ngroups = nnext;
	if (s->rbits) {
		memset(s->filter, 0, sizeof s->filter);
		for (size_t i = 0; i < nnext; i++) s->filter[next[i].root >> 6] |= UINT64_C(1) << (next[i].root & 63);
	}
}

static void sel_free(selector *s)
{
	free(s->buf);
	free(s->hist);
	s->buf = NULL;
	s->hist = NULL;
	s->hist_size = 0;
}

/* Index of position pos among the (ascending) targets. */
static size_t target_at(const selector *s, uint64_t pos)
{
	size_t k = 0;
	while (s->tg[k].pos != pos) k++;
	return k;
}

static void add_position(uint64_t *pos, size_t *npos, uint64_t x)
{
	size_t i = *npos;
	for (size_t k = 0; k < *npos; k++)
		if (pos[k] == x) return;
	while (i > 0 && pos[i - 1] > x) {
		pos[i] = pos[i - 1];
		i--;
	}
	pos[i] = x;
	(*npos)++;
}

/* A monetary zero's sign: of the element with tie t. */
static double zero_of_tie(const seg_profiles *p, const uint32_t *rank, size_t total, uint32_t t)
{
	if (!rank) return seg_profiles_at(p, t)->monetary;
	for (size_t i = 0; i < total; i++)
		if (rank[i] == t && seg_profiles_at(p, i)->orders) return seg_profiles_at(p, i)->monetary;
	return 0.0;
}

seg_status seg_rfm_fit(const seg_profiles *p, const seg_rfm_options *opt, seg_rfm_model *model,
                       seg_rfm_score *scores, seg_error *err)
{
	seg_error_clear(err);
	uint32_t bins = opt && opt->bins ? opt->bins : 5;
	if (bins < 2 || bins > SEG_RFM_MAX_BINS)
		return seg_error_set(err, SEG_E_ARGUMENT, "bins must be between 2 and %d, not %u", SEG_RFM_MAX_BINS, bins);
	seg_rfm_method method = opt ? opt->method : SEG_RFM_QUANTILE;
	int64_t reference = opt ? opt->reference : 0;
	const uint32_t *rank = opt ? opt->rank : NULL;

	/* Pass 0: how many customers are scored, and the range of each key. */
	selector *sel = calloc(NMET, sizeof *sel);
	if (!sel) return seg_error_set(err, SEG_E_NOMEM, "out of memory");
	size_t total = seg_profiles_count(p), n = 0;
	uint32_t tmax = 0;
	for (int m = 0; m < NMET; m++) {
		sel[m].vmin = UINT64_MAX;
		sel[m].vmax = 0;
	}
	for (size_t i = 0; i < total; i++) {
		const seg_profile *pr = seg_profiles_at(p, i);
		if (!pr->orders) continue;
		n++;
		uint32_t t = rank ? rank[i] : (uint32_t)i;
		if (t > tmax) tmax = t;
		for (int m = 0; m < NMET; m++) {
			uint64_t key = metric_key(pr, m, reference);
			if (key < sel[m].vmin) sel[m].vmin = key;
			if (key > sel[m].vmax) sel[m].vmax = key;
		}
	}
	if (scores) memset(scores, 0, sizeof *scores * total);
	if (n == 0) {
		free(sel);
		return seg_error_set(err, SEG_E_ARGUMENT, "no customer has an order to score");
	}
	memset(model, 0, sizeof *model);
	model->bins = bins;
	model->method = method;
	model->reference = reference;
	model->customers = n;

	/* The positions each metric needs (the same for all three). */
	uint64_t pos[MAX_TARGETS], cut[SEG_RFM_MAX_BINS + 1]; /* pandas: bin j is [cut[j], cut[j + 1]) */
	size_t npos = 0;
	qpoint qp[SEG_RFM_MAX_BINS];
	if (method == SEG_RFM_PANDAS) {
		/* rank(method="first") gives the k-th sorted customer the rank k + 1;
		 * qcut's edges are numpy quantiles of the ranks 1..n, and a rank x
		 * falls in bin j when edge[j] < x <= edge[j + 1] (the first bin
		 * includes its lower edge). */
		double edges[SEG_RFM_MAX_BINS + 1];
		for (uint32_t i = 0; i <= bins; i++) {
			qpoint e = quantile_point(n, linspace_at(i, bins));
			edges[i] = e.lerp ? quantile_lerp((double)(e.lo + 1), (double)(e.lo + 2), e.t) : (double)(e.lo + 1);
		}
		for (uint32_t i = 0; i < bins; i++)
			if (!(edges[i] < edges[i + 1])) { /* pandas: "Bin edges must be unique" */
				free(sel);
				return seg_error_set(err, SEG_E_ARGUMENT,
				                     "%zu customers are too few for %u bins: quantile edges coincide", n, bins);
			}
		cut[0] = 0;
		cut[bins] = n;
		for (uint32_t j = 1; j < bins; j++) {
			cut[j] = (uint64_t)edges[j]; /* ranks x <= edge[j]: floor(edge[j]) of them */
			add_position(pos, &npos, cut[j] - 1);
		}
	} else {
		for (uint32_t i = 1; i < bins; i++) {
			qp[i] = quantile_point(n, linspace_at(i, bins));
			add_position(pos, &npos, qp[i].lo);
			if (qp[i].lerp) add_position(pos, &npos, qp[i].lo + 1);
		}
	}

	/* Select: every pass streams the profiles once for all three metrics. */
	seg_status st = SEG_OK;
	for (int m = 0; m < NMET; m++) sel_init(&sel[m], pos, npos, n, tmax);
	for (;;) {
		bool any = false;
		for (int m = 0; m < NMET && !st; m++) {
			if (!sel[m].ngroups) continue;
			any = true;
			st = sel_plan(&sel[m], err);
		}
		if (st || !any) break;
		for (size_t i = 0; i < total; i++) {
			const seg_profile *pr = seg_profiles_at(p, i);
			if (!pr->orders) continue;
			uint32_t t = rank ? rank[i] : (uint32_t)i;
			for (int m = 0; m < NMET; m++)
				if (sel[m].ngroups) sel_feed(&sel[m], metric_key(pr, m, reference), t);
		}
		for (int m = 0; m < NMET; m++)
			if (sel[m].ngroups) sel_advance(&sel[m]);
	}
	for (int m = 0; m < NMET; m++) sel_free(&sel[m]);
	if (st) {
		free(sel);
		return st;
	}

	/* Thresholds, and what the scoring pass compares with. */
	uint64_t bv[NMET][SEG_RFM_MAX_BINS]; /* pandas: boundary keys of bins 0 .. bins - 2 */
	uint32_t bt[NMET][SEG_RFM_MAX_BINS];
	bool zero_thr[SEG_RFM_MAX_BINS] = {false}; /* pandas, monetary: threshold j is a zero */
	bool fix_zeros = false;
	for (int m = 0; m < NMET; m++) {
		const selector *s = &sel[m];
		double *thr = m == MET_R ? model->r : m == MET_F ? model->f : model->m;
		if (method == SEG_RFM_PANDAS) {
			for (uint32_t j = 0; j + 1 < bins; j++) {
				const sel_target *b = &s->tg[target_at(s, cut[j + 1] - 1)];
				bv[m][j] = b->v;
				bt[m][j] = b->t;
				/* For one customer at request time: the largest value of each
				 * bin, -inf for an empty bin, then made ascending.  Of equal
				 * largest values the first in sorted order counts, which
				 * matters only for the sign of a zero (found when scoring). */
				if (cut[j] == cut[j + 1]) {
					thr[j] = -INFINITY;
				} else {
					thr[j] = value_of_key(m, b->v);
					if (m == MET_M && thr[j] == 0) zero_thr[j] = fix_zeros = true;
				}
			}
		} else {
			/* Quantile method: thresholds are quantiles of the values; a
			 * value's bin is the number of thresholds it exceeds, so ties
			 * stay together. */
			for (uint32_t i = 1; i < bins; i++) {
				double v[2];
				for (int k = 0; k < 1 + qp[i].lerp; k++) {
					const sel_target *x = &s->tg[target_at(s, qp[i].lo + (size_t)k)];
					v[k] = value_of_key(m, x->v);
					if (m == MET_M && v[k] == 0) v[k] = zero_of_tie(p, rank, total, x->t);
				}
				thr[i - 1] = qp[i].lerp ? quantile_lerp(v[0], v[1], qp[i].t) : v[0];
			}
		}
	}

	/* Score every customer; pandas also finds the sign of zero thresholds. */
	uint32_t zero_t[SEG_RFM_MAX_BINS];
	bool zero_seen[SEG_RFM_MAX_BINS] = {false}, zero_neg[SEG_RFM_MAX_BINS] = {false};
	if (scores || fix_zeros) {
		const double *thr[NMET] = {model->r, model->f, model->m};
		bool ascending[NMET];
		for (int m = 0; m < NMET; m++) {
			ascending[m] = true;
			for (uint32_t j = 1; j + 1 < bins; j++) ascending[m] &= thr[m][j - 1] <= thr[m][j];
		}
		for (size_t i = 0; i < total; i++) {
			const seg_profile *pr = seg_profiles_at(p, i);
			if (!pr->orders) continue;
			uint32_t t = rank ? rank[i] : (uint32_t)i;
			uint64_t key[NMET] = {0, 0, 0};
			uint8_t bin[NMET];
			for (int m = 0; m < NMET; m++) {
				/* The number of boundaries below, or of thresholds exceeded
				 * (counted without branches when they ascend; else, as
				 * before, up to the first one not exceeded). */
				uint32_t b = 0;
				if (method == SEG_RFM_PANDAS) {
					uint64_t v = key[m] = metric_key(pr, m, reference);
					for (uint32_t j = 0; j + 1 < bins; j++)
						b += (uint32_t)(bv[m][j] < v) | ((uint32_t)(bv[m][j] == v) & (uint32_t)(bt[m][j] < t));
				} else {
					double v = metric_value(pr, m, reference);
					if (ascending[m]) {
						for (uint32_t j = 0; j + 1 < bins; j++) b += (uint32_t)(v > thr[m][j]);
					} else {
						while (b + 1 < bins && v > thr[m][b]) b++;
					}
				}
				bin[m] = (uint8_t)b;
			}
			if (fix_zeros && bin[MET_M] + 1u < bins && zero_thr[bin[MET_M]] && key[MET_M] == bv[MET_M][bin[MET_M]]) {
				uint32_t b = bin[MET_M];
				if (!zero_seen[b] || t < zero_t[b]) {
					zero_seen[b] = true;
					zero_t[b] = t;
					zero_neg[b] = signbit(pr->monetary) != 0;
				}
			}
			if (scores) {
				/* Fewer days since the last order is better: R counts down. */
				scores[i].r = (uint8_t)(bins - bin[MET_R]);
				scores[i].f = (uint8_t)(bin[MET_F] + 1);
				scores[i].m = (uint8_t)(bin[MET_M] + 1);
			}
		}
		for (uint32_t j = 0; j + 1 < bins; j++)
			if (zero_seen[j]) model->m[j] = zero_neg[j] ? -0.0 : 0.0;
	}
	if (method == SEG_RFM_PANDAS) {
		double *thr[NMET] = {model->r, model->f, model->m};
		for (int m = 0; m < NMET; m++)
			for (uint32_t i = 1; i + 1 < bins; i++)
				if (thr[m][i] < thr[m][i - 1]) thr[m][i] = thr[m][i - 1];
	}
	free(sel);
	return SEG_OK;
}

static uint8_t above(const double *thr, uint32_t bins, double v)
{
	uint8_t k = 0;
	while (k + 1u < bins && v > thr[k]) k++;
	return k;
}

seg_rfm_score seg_rfm_score_one(const seg_rfm_model *model, double recency_days, double frequency, double monetary)
{
	seg_rfm_score s = {0, 0, 0};
	if (!(frequency >= 1) || isnan(recency_days) || isnan(monetary)) return s; /* no order: not scored */
	s.r = (uint8_t)(model->bins - above(model->r, model->bins, recency_days));
	s.f = (uint8_t)(above(model->f, model->bins, frequency) + 1);
	s.m = (uint8_t)(above(model->m, model->bins, monetary) + 1);
	return s;
}

/* ---- the built-in maps (5 bins) ------------------------------------------ */

#define ANY {1, 5}
static const seg_rfm_rule rf11[] = {
	{"Champions", NULL, {5, 5}, {4, 5}, ANY},
	{"Loyal Customers", NULL, {3, 4}, {4, 5}, ANY},
	{"Potential Loyalists", NULL, {4, 5}, {2, 3}, ANY},
	{"New Customers", NULL, {5, 5}, {1, 1}, ANY},
	{"Promising", NULL, {4, 4}, {1, 1}, ANY},
	{"Need Attention", NULL, {3, 3}, {3, 3}, ANY},
	{"About To Sleep", NULL, {3, 3}, {1, 2}, ANY},
	{"At Risk", NULL, {1, 2}, {3, 4}, ANY},
	{"Can't Lose Them", NULL, {1, 2}, {5, 5}, ANY},
	{"Hibernating", NULL, {2, 2}, {1, 2}, ANY},
	{"Lost", NULL, {1, 1}, {1, 2}, ANY},
};

static const seg_rfm_rule core[] = {
	{"Champions", "core", {4, 5}, {4, 5}, {4, 5}},
	{"Loyalists", "core", ANY, {4, 5}, ANY},
	{"Big Spenders", "core", ANY, ANY, {4, 5}},
	{"Promising", "potential core", {4, 5}, {2, 3}, ANY},
	{"New Customers", "potential core", {4, 5}, {1, 1}, ANY},
	{"Lost", "non-core", {1, 2}, {1, 2}, {1, 3}},
	{"Low Value", "non-core", ANY, ANY, ANY},
};

static const seg_rfm_rule retention[] = {
	{"Active", NULL, {4, 5}, ANY, ANY},
	{"Drifting", NULL, {3, 3}, ANY, ANY},
	{"Churn Risk", NULL, {2, 2}, ANY, ANY},
	{"Lost", NULL, {1, 1}, ANY, ANY},
};
#undef ANY

static const seg_rfm_map maps[] = {
	{"rf11", rf11, sizeof rf11 / sizeof rf11[0]},
	{"core", core, sizeof core / sizeof core[0]},
	{"retention", retention, sizeof retention / sizeof retention[0]},
};

const seg_rfm_map *seg_rfm_default_maps(size_t *n)
{
	*n = sizeof maps / sizeof maps[0];
	return maps;
}

const seg_rfm_map *seg_rfm_default_map(const char *name)
{
	for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++)
		if (strcmp(maps[i].name, name) == 0) return &maps[i];
	return NULL;
}

int seg_rfm_map_find(const seg_rfm_rule *rules, size_t n, seg_rfm_score s)
{
	for (size_t i = 0; i < n; i++) {
		const seg_rfm_rule *r = &rules[i];
		if (s.r >= r->r[0] && s.r <= r->r[1] && s.f >= r->f[0] && s.f <= r->f[1] && s.m >= r->m[0] && s.m <= r->m[1])
			return (int)i;
	}
	return -1;
}
