/*
 * seg_kmeans.c - k-means: k-means++ seeding, Lloyd / Hamerly / Elkan
 * iterations, restarts, optional second thread (seg_kmeans.h).
 *
 * Layout of one fit.  Every pass over the points is a function of one half
 * of them (km_pass_fn(ctx, h), points [lo[h], hi[h])), run on two threads
 * or one after the other; each half writes its own partial results
 * (potentials, inertia), which the main thread combines half 0 + half 1.  So
 * one and two threads do the same floating-point operations.  The passes
 * are instantiated for d = 1..8 (constant trip counts, unrolled) and for any
 * d.
 *
 * Exact cluster sums.  Each value is read as a 62-bit fixed-point integer
 * (x * 2^(62 - e_f), rounded toward zero, where 2^e_f is the power of two
 * above the largest |value| of feature f) and the cluster sums are 128-bit
 * integers.  Integer sums do not depend on the order of the additions, so
 * a point that changes cluster moves its integer from one sum to the other,
 * a point that stays is not read at all, and every algorithm and thread
 * count gets the same sums.  A centroid is the sum converted to double,
 * times 2^(e_f - 62), divided by the count: the mean of the members within
 * about 2^-61 x the largest |value| of the feature, plus the rounding of
 * the conversion and the division (a float sum in point order gathers one
 * rounding per member instead).
 *
 * Exact pruning.  Lloyd's assignment is the lowest index among the centres
 * with the smallest computed squared distance D (km_d2).  Hamerly and Elkan
 * skip a centre j only when a bound proves that its computed D is strictly
 * larger than the computed D of the current label.  The bounds are on true
 * (real-number) distances T, kept with margins for rounding: with
 * q = sqrt(D) as computed, |q - T| <= G T + TAU where G = (d + 8) eps is
 * about four times the worst relative error of D (d + 2 roundings) and its
 * square root, and TAU covers underflow of tiny squared differences.  An
 * upper bound is stored as up(q) = q (1 + 4G) + 4 TAU, a lower bound as
 * dn(q) = q (1 - 4G) - 4 TAU, a centre's movement as q (1 + 8G) + 8 TAU, and
 * every addition or subtraction of a movement is followed by a factor
 * 1 +- 2 eps, so the bounds stay on the safe side of the margins however
 * many iterations they are carried.  A strict comparison of such bounds
 * then implies the strict comparison of the computed D.
 */
#include "seg_kmeans.h"

#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "seg_knearest.h"
#include "seg_prng.h"

#if !defined(SEG_KMEANS_NO_THREADS) && defined(_WIN32)
#define SEG_KMEANS_NO_THREADS 1
#endif
#ifndef SEG_KMEANS_NO_THREADS
#include <pthread.h>
#endif

/* SSE2 (baseline on x86-64) computes two centres' distances at once, with
 * the same operations in the same order as km_d2 (no fused multiply-add). */
#if !defined(SEG_KMEANS_NO_SIMD) && (defined(__SSE2__) || defined(_M_X64))
#define KM_SSE2 1
#include <emmintrin.h>
#endif

#if defined(__clang__)
/* Results must not depend on whether a compiler fuses a * b + c (GCC:
 * config.m4 passes -ffp-contract=off; C11 mode has it off already). */
#pragma STDC FP_CONTRACT OFF
#endif

#if defined(__GNUC__)
#define KM_INLINE static inline __attribute__((always_inline))
#elif defined(_MSC_VER)
#define KM_INLINE static __forceinline
#else
#define KM_INLINE static inline
#endif

#define KM_MAX_TRIALS SEG_KMEANS_MAX_TRIALS
/* points per block of the seeding's and local search's block sums */
#define KM_BLOCK      512
/* points per call of the distance kernel (a divisor of KM_BLOCK), and the
 * most centres one call computes */
#define KM_CHUNK      64
/* a local-search swap computes all k distances with the kernel up to this k
 * (beyond it, the few points that need them all do it one at a time) */
#define KM_LS_VEC_K   8
#define KM_DBUF_ROWS  (SEG_KNEAREST_MAX_K > KM_MAX_TRIALS + 1 ? SEG_KNEAREST_MAX_K : KM_MAX_TRIALS + 1)
/* lab[i]: the label in the low KM_LAB_BITS bits; KM_NONE before the first
 * assignment; KM_MOVED when the point was moved into an empty cluster
 * (bits KM_LAB_BITS.. hold that cluster: its sum holds the point, while the
 * label stays that of the assignment step, as scikit-learn's). */
#define KM_LAB_BITS   11
#define KM_LAB_MASK   ((UINT32_C(1) << KM_LAB_BITS) - 1)
#define KM_MOVED      (UINT32_C(1) << 30)
#define KM_NONE       UINT32_MAX
#define KM_TAU        1e-150   /* absolute slack of a distance (underflow) */
#define KM_GUP        (1.0 + 2 * DBL_EPSILON)
#define KM_GDN        (1.0 - 2 * DBL_EPSILON)
/* Points are rescaled by a power of two when the largest |value| is above
 * 2^KM_BIG_EXP or below 2^-KM_BIG_EXP. */
#define KM_BIG_EXP    400
/* The second thread is used from this many points x (d + k) on. */
#ifndef SEG_KMEANS_PAR_MIN
#define SEG_KMEANS_PAR_MIN 200000
#endif

/* ---- the context of one fit ---------------------------------------------- */

typedef struct km_ctx km_ctx;
typedef void (*km_pass_fn)(km_ctx *c, int h);

/* A 128-bit two's complement integer: hi * 2^64 + lo. */
typedef struct km_acc {
	uint64_t lo;
	int64_t hi;
} km_acc;

/* What one half of the points produced in one pass. */
/* A change of a cluster sum during one pass: the fixed-point values
 * q = h * 2^31 + l (0 <= l < 2^31) added and taken away, as the sum of
 * their l and the sum of their h.  Each is a plain 64-bit addition (a
 * 128-bit one needs a carry per value), exact while a half has fewer than
 * 2^32 points (|l|, |h| <= 2^31, each point moves once a pass); km_update()
 * makes the 128-bit change. */
typedef struct km_delta {
	int64_t l, h;
} km_delta;

typedef struct km_part {
	km_delta *dacc;   /* k x d changes of the cluster sums */
	int64_t *dcnt;    /* k changes of the member counts */
	size_t changed;   /* labels that changed */
	double acc;       /* inertia, or the potential of the first seed */
	double *fmax, *fsum, *fvar; /* d each: largest |value|, sum, squared deviations */
	size_t bad;       /* first non-finite value (i * d + f), or SIZE_MAX */
	double *lsdelta;  /* local search: k, per centre the change of the cost if it were swapped out */
	double lsbase;    /* local search: the cost with the candidate added */
	double *dbuf;     /* KM_CHUNK x KM_DBUF_ROWS distances, centre-major (knd_ok) */
	char pad[64];     /* the halves are written by different threads */
} km_part;

struct km_ctx {
	const double *x;
	size_t n, d;
	uint32_t k;
	size_t lo[2], hi[2];
	seg_kmeans_algo algo;
	double g;         /* G of the header comment */

	/* centres */
	double *c;        /* k x d, the centres of the current assignment step */
	double *ct;       /* the same in pairs: ct[p*2d + 2f + e] = c[(2p+e)*d + f];
	                     when k is odd, the missing centre is far away (D = +inf) */
	double *cnew;     /* k x d, the next centres */
	km_acc *acc;      /* k x d, cluster sums (fixed point) */
	int64_t *cnt;     /* k, member counts */
	double *qscale;   /* d, 2^(62 - e_f) */
	double *qinv;     /* d, 2^(e_f - 62) */
	double *fmean;    /* d, feature means (setup) */
	double *shift;    /* k, bound on each centre's movement */
	double shift_max, shift_max2; /* the largest and second largest shift */
	uint32_t shift_arg;           /* index of the largest */
	double *half;     /* k, dn(min_j |c_a - c_j|) / 2: below it, nothing is nearer */
	double *cc;       /* k x k, dn(|c_a - c_j|) / 2 (Elkan) */

	/* per point */
	uint32_t *lab;    /* n */
	double *dist;     /* n, seeding: D to the nearest seed; relocation: D to own centre */
	double *ub;       /* n, upper bounds (Hamerly, Elkan) */
	double *lb;       /* n (Hamerly) or n x k (Elkan) lower bounds */
	double *d2;       /* n, local search: D to the second nearest centre */
	uint32_t *a2;     /* n, local search: the second nearest centre */
	uint32_t ls_swap; /* local search: the centre just replaced (c->cand holds it) */
	uint32_t ls_steps;/* local search steps after each seeding */

	km_part part[2];
	bool update;      /* the assignment pass also accumulates sums */
	uint32_t moved;   /* points marked KM_MOVED by the last update step */
	bool first;       /* the assignment pass initialises the bounds */

	/* seeding */
	bool seeded;      /* the seeding did the first assignment step */
	uint32_t take;    /* the seed a take pass adds, or KM_NONE */
	uint32_t trials;             /* seeding: candidates drawn in this pass */
	uint32_t seed_trials;        /* seeding: candidates per centre */
	double cand[(KM_MAX_TRIALS + 1) * SEG_KMEANS_MAX_D]; /* candidates, paired layout */
	/* Block sums (seeding, local search): the points in blocks of KM_BLOCK
	 * within each half (nb0 blocks in half 0, nb in all); a pass writes
	 * row m (bsum + m * nb) with the sum of its D over every block, so a
	 * draw finds its point without another pass (km_locate). */
	double *bsum;     /* max(seed_trials, 1) x nb */
	size_t nb0, nb;

	/* relocation of empty clusters */
	size_t *heap;     /* up to 2k candidate points */
	uint32_t *empty;  /* k */

	/* Lloyd's assignment several points at a time (d <= 8, k <= 64, AVX2);
	 * kn_ok false: one point at a time */
	bool kn_ok;
	seg_knearest kn;
	/* the seeding's and local search's distances, a chunk of KM_CHUNK points
	 * at a time into each half's dbuf (knd_ok false: one point at a time);
	 * knd's centres are set before each pass (km_dist_centres) */
	bool kn_vec;      /* the vector kernels may be used (d <= 8, the CPU has them) */
	bool knd_ok;
	seg_knearest knd;
	double crow[(KM_MAX_TRIALS + 1) * SEG_KMEANS_MAX_D]; /* the previous seed and the candidates, row-major */

	/* specialised passes */
	km_pass_fn assign_fn, seed_take_fn, seed_cand_fn, seeded_fn, far_fn, inertia_fn, ls_near_fn, ls_eval_fn, ls_swap_fn;

#ifndef SEG_KMEANS_NO_THREADS
	bool threaded;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t go, done;
	unsigned job_gen, done_gen;
	km_pass_fn job;
	bool quit;
#endif
};

/* ---- arithmetic ------------------------------------------------------------ */

/* The squared distance: sum of (a_f - b_f)^2 in feature order.  Every
 * distance of the fit is this function, so equal inputs give equal D. */
KM_INLINE double km_d2(const double *a, const double *b, size_t d)
{
	double s = 0.0;
	for (size_t f = 0; f < d; f++) {
		double t = a[f] - b[f];
		s += t * t;
	}
	return s;
}

KM_INLINE double km_up(const km_ctx *c, double q) { return q * (1.0 + 4 * c->g) + 4 * KM_TAU; }
KM_INLINE double km_dn(const km_ctx *c, double q) { return q * (1.0 - 4 * c->g) - 4 * KM_TAU; }

/* D of x to every centre (out[0..k-1]; out needs room for k + 1), from the
 * paired layout c->ct.  Blocks of four pairs (eight centres) keep eight
 * independent sums in flight. */
#ifdef KM_SSE2
#define KM_X(f) (d <= 8 ? xv[f] : _mm_set1_pd(x[f]))
#define KM_ACC(acc, off)                                                        \
	do {                                                                        \
		__m128d t_ = _mm_sub_pd(xf, _mm_loadu_pd(cp + (off) + 2 * f));          \
		acc = _mm_add_pd(acc, _mm_mul_pd(t_, t_));                              \
	} while (0)
KM_INLINE void km_dists(const double *x, const double *ct, uint32_t k, size_t d, double *out)
{
	const uint32_t pairs = (k + 1) / 2;
	__m128d xv[8];
	if (d <= 8)
		for (size_t f = 0; f < d; f++) xv[f] = _mm_set1_pd(x[f]);
	uint32_t p = 0;
	for (; p + 4 <= pairs; p += 4) {
		const double *cp = ct + (size_t)p * 2 * d;
		__m128d a0 = _mm_setzero_pd(), a1 = a0, a2 = a0, a3 = a0;
		for (size_t f = 0; f < d; f++) {
			__m128d xf = KM_X(f);
			KM_ACC(a0, 0);
			KM_ACC(a1, 2 * d);
			KM_ACC(a2, 4 * d);
			KM_ACC(a3, 6 * d);
		}
		_mm_storeu_pd(out + 2 * p, a0);
		_mm_storeu_pd(out + 2 * p + 2, a1);
		_mm_storeu_pd(out + 2 * p + 4, a2);
		_mm_storeu_pd(out + 2 * p + 6, a3);
	}
	if (p + 2 <= pairs) {
		const double *cp = ct + (size_t)p * 2 * d;
		__m128d a0 = _mm_setzero_pd(), a1 = a0;
		for (size_t f = 0; f < d; f++) {
			__m128d xf = KM_X(f);
			KM_ACC(a0, 0);
			KM_ACC(a1, 2 * d);
		}
		_mm_storeu_pd(out + 2 * p, a0);
		_mm_storeu_pd(out + 2 * p + 2, a1);
		p += 2;
	}
	if (p < pairs) {
		const double *cp = ct + (size_t)p * 2 * d;
		__m128d a0 = _mm_setzero_pd();
		for (size_t f = 0; f < d; f++) {
			__m128d xf = KM_X(f);
			KM_ACC(a0, 0);
		}
		_mm_storeu_pd(out + 2 * p, a0);
	}
}
#undef KM_X
#undef KM_ACC
#else
KM_INLINE void km_dists(const double *x, const double *ct, uint32_t k, size_t d, double *out)
{
	const uint32_t pairs = (k + 1) / 2;
	for (uint32_t p = 0; p < pairs; p++) {
		const double *cp = ct + (size_t)p * 2 * d;
		double a0 = 0.0, a1 = 0.0;
		for (size_t f = 0; f < d; f++) {
			double t0 = x[f] - cp[2 * f], t1 = x[f] - cp[2 * f + 1];
			a0 += t0 * t0;
			a1 += t1 * t1;
		}
		out[2 * p] = a0;
		out[2 * p + 1] = a1;
	}
}
#endif

/* The nearest of the k distances D (the lowest index on a tie) and its D;
 * *second receives the smallest D of the other centres (+inf when k == 1). */
KM_INLINE uint32_t km_argmin2(const double *D, uint32_t k, double *best, double *second)
{
	uint32_t a = 0;
	double bd = D[0], sd = INFINITY;
	for (uint32_t j = 1; j < k; j++) { /* branch-free: min and max */
		double v = D[j];
		bool lt = v < bd;
		double hi = lt ? bd : v;
		sd = hi < sd ? hi : sd;
		a = lt ? j : a;
		bd = lt ? v : bd;
	}
	*best = bd;
	*second = sd;
	return a;
}

KM_INLINE uint32_t km_argmin(const double *D, uint32_t k, double *best)
{
	uint32_t a = 0;
	double bd = D[0];
	for (uint32_t j = 1; j < k; j++) {
		double v = D[j];
		bool lt = v < bd;
		a = lt ? j : a;
		bd = lt ? v : bd;
	}
	*best = bd;
	return a;
}

KM_INLINE uint32_t km_nearest(const double *x, const double *cen, uint32_t k, size_t d, double *best)
{
	uint32_t a = 0;
	double bd = km_d2(x, cen, d);
	for (uint32_t j = 1; j < k; j++) {
		double v = km_d2(x, cen + (size_t)j * d, d);
		if (v < bd) {
			bd = v;
			a = j;
		}
	}
	*best = bd;
	return a;
}

/* ---- exact sums ------------------------------------------------------------ */

KM_INLINE void km_acc_add(km_acc *a, int64_t q)
{
	uint64_t lo = a->lo + (uint64_t)q;
	a->hi += (q < 0 ? -1 : 0) + (lo < a->lo);
	a->lo = lo;
}

KM_INLINE void km_acc_sub(km_acc *a, int64_t q)
{
	uint64_t lo = a->lo - (uint64_t)q;
	a->hi -= (q < 0 ? -1 : 0) + (lo > a->lo);
	a->lo = lo;
}

KM_INLINE void km_acc_merge(km_acc *a, const km_acc *b)
{
	uint64_t lo = a->lo + b->lo;
	a->hi += b->hi + (lo < a->lo);
	a->lo = lo;
}

KM_INLINE void km_delta_add(km_delta *a, int64_t q)
{
	a->l += q & INT64_C(0x7FFFFFFF);
	a->h += q >> 31; /* floor(q / 2^31): an arithmetic shift (GCC, clang, MSVC) */
}

KM_INLINE void km_delta_sub(km_delta *a, int64_t q)
{
	a->l -= q & INT64_C(0x7FFFFFFF);
	a->h -= q >> 31;
}

/* a += h * 2^31 + l, in 128 bits. */
KM_INLINE void km_acc_merge_delta(km_acc *a, const km_delta *b)
{
	km_acc v;
	v.lo = (uint64_t)b->h << 31;
	v.hi = b->h >> 33;
	const uint64_t lo = v.lo + (uint64_t)b->l;
	v.hi += (b->l < 0 ? -1 : 0) + (lo < v.lo);
	v.lo = lo;
	km_acc_merge(a, &v);
}

/* The value as a double: exact or correctly rounded when it fits in 64
 * bits, else hi * 2^64 + lo in two roundings (deterministic either way). */
static double km_acc_double(km_acc a)
{
	const uint64_t top = UINT64_C(1) << 63;
	if (a.hi == 0 && a.lo < top) return (double)a.lo;
	if (a.hi == -1 && a.lo >= top) return -(double)(~a.lo + 1);
	return ldexp((double)a.hi, 64) + (double)a.lo;
}

/* The fixed-point value of x[f]: |x[f]| < 2^e_f, so |q| < 2^62. */
KM_INLINE int64_t km_fix(const km_ctx *c, const double *x, size_t f)
{
	return (int64_t)(x[f] * c->qscale[f]);
}

/* Moves point x from cluster `from` (KM_NONE: from nowhere) to cluster `to`
 * in this half's changes of the sums. */
KM_INLINE void km_move(const km_ctx *c, km_part *p, const double *x, uint32_t from, uint32_t to, size_t d)
{
	km_delta *at = p->dacc + (size_t)to * d;
	if (from == KM_NONE) {
		for (size_t f = 0; f < d; f++) km_delta_add(&at[f], km_fix(c, x, f));
	} else {
		km_delta *af = p->dacc + (size_t)from * d;
		for (size_t f = 0; f < d; f++) {
			int64_t q = km_fix(c, x, f);
			km_delta_sub(&af[f], q);
			km_delta_add(&at[f], q);
		}
		p->dcnt[from]--;
	}
	p->dcnt[to]++;
}

/* After the assignment step put point i (lab[i] was raw) into cluster b:
 * moves it between the sums when its membership changes, counts a changed
 * label. */
KM_INLINE void km_settle(km_ctx *c, km_part *p, size_t i, const double *xi, uint32_t raw, uint32_t b, size_t d,
	size_t *changed)
{
	if (raw == b) return;
	if (raw == KM_NONE) {
		(*changed)++;
		if (c->update) km_move(c, p, xi, KM_NONE, b, d);
	} else {
		uint32_t a = raw & KM_LAB_MASK;
		uint32_t member = raw & KM_MOVED ? (raw >> KM_LAB_BITS) & KM_LAB_MASK : a;
		*changed += a != b;
		if (c->update && member != b) km_move(c, p, xi, member, b, d);
	}
	c->lab[i] = b;
}

/* ---- assignment passes (one per algorithm) -------------------------------- */

KM_INLINE void km_lloyd_pass(km_ctx *c, int h, size_t d)
{
	km_part *p = &c->part[h];
	const double *ct = c->ct;
	const uint32_t k = c->k;
	size_t changed = 0;
	if (c->kn_ok) {
		enum { BLOCK = 512 };
		uint32_t near[BLOCK];
		for (size_t i0 = c->lo[h]; i0 < c->hi[h]; i0 += BLOCK) {
			const size_t m = c->hi[h] - i0 < BLOCK ? c->hi[h] - i0 : BLOCK;
			seg_knearest_run(&c->kn, c->x + i0 * d, m, near);
			const uint32_t *lab = c->lab + i0;
			size_t r = 0;
#ifdef KM_SSE2
			/* after the first iterations few labels change: skip four equal at once */
			for (; r + 4 <= m; r += 4) {
				__m128i eq = _mm_cmpeq_epi32(_mm_loadu_si128((const __m128i *)(lab + r)),
				                             _mm_loadu_si128((const __m128i *)(near + r)));
				if (_mm_movemask_epi8(eq) == 0xFFFF) continue;
				for (size_t e = r; e < r + 4; e++)
					if (lab[e] != near[e]) km_settle(c, p, i0 + e, c->x + (i0 + e) * d, lab[e], near[e], d, &changed);
			}
#endif
			for (; r < m; r++)
				if (lab[r] != near[r]) km_settle(c, p, i0 + r, c->x + (i0 + r) * d, lab[r], near[r], d, &changed);
		}
		p->changed = changed;
		return;
	}
	double D[SEG_KMEANS_MAX_K + 1];
	for (size_t i = c->lo[h]; i < c->hi[h]; i++) {
		const double *xi = c->x + i * d;
		double bd;
		km_dists(xi, ct, k, d, D);
		uint32_t b = km_argmin(D, k, &bd);
		km_settle(c, p, i, xi, c->lab[i], b, d, &changed);
	}
	p->changed = changed;
}

KM_INLINE void km_hamerly_pass(km_ctx *c, int h, size_t d)
{
	km_part *p = &c->part[h];
	const double *cen = c->c, *ct = c->ct;
	const uint32_t k = c->k;
	size_t changed = 0;
	double D[SEG_KMEANS_MAX_K + 1];
	if (c->first) {
		for (size_t i = c->lo[h]; i < c->hi[h]; i++) {
			const double *xi = c->x + i * d;
			double bd, sd;
			km_dists(xi, ct, k, d, D);
			uint32_t b = km_argmin2(D, k, &bd, &sd);
			c->ub[i] = km_up(c, sqrt(bd));
			c->lb[i] = km_dn(c, sqrt(sd));
			km_settle(c, p, i, xi, c->lab[i], b, d, &changed);
		}
		p->changed = changed;
		return;
	}
	const double *shift = c->shift, *half = c->half;
	const double smax = c->shift_max, smax2 = c->shift_max2;
	const uint32_t sarg = c->shift_arg;
	/* In blocks: a branch-free sweep updates the bounds and lists the points
	 * whose bounds do not decide; their own-centre distances are tightened
	 * in a second loop (independent, so they overlap), and only the points
	 * still undecided compare every centre. */
	enum { BLOCK = 256 };
	uint32_t idx[BLOCK];
	double lim[BLOCK];

	for (size_t i0 = c->lo[h]; i0 < c->hi[h]; i0 += BLOCK) {
		const size_t i1 = c->hi[h] - i0 < BLOCK ? c->hi[h] : i0 + BLOCK;
		uint32_t nu = 0;
		for (size_t i = i0; i < i1; i++) {
			uint32_t a = c->lab[i] & KM_LAB_MASK;
			double u = (c->ub[i] + shift[a]) * KM_GUP;
			double l = (c->lb[i] - (a == sarg ? smax2 : smax)) * KM_GDN;
			l = l > 0.0 ? l : 0.0;
			double m = l > half[a] ? l : half[a];
			c->ub[i] = u;
			c->lb[i] = l;
			idx[nu] = (uint32_t)(i - i0);
			lim[nu] = m;
			nu += !(u < m);
		}
		uint32_t nf = 0;
		for (uint32_t r = 0; r < nu; r++) {
			size_t i = i0 + idx[r];
			uint32_t a = c->lab[i] & KM_LAB_MASK;
			double u = km_up(c, sqrt(km_d2(c->x + i * d, cen + (size_t)a * d, d)));
			c->ub[i] = u;
			idx[nf] = idx[r];
			nf += !(u < lim[r]);
		}
		for (uint32_t r = 0; r < nf; r++) {
			size_t i = i0 + idx[r];
			const double *xi = c->x + i * d;
			double bd, sd;
			km_dists(xi, ct, k, d, D);
			uint32_t b = km_argmin2(D, k, &bd, &sd);
			c->ub[i] = km_up(c, sqrt(bd));
			c->lb[i] = km_dn(c, sqrt(sd));
			uint32_t raw = c->lab[i];
			if (raw != b) km_settle(c, p, i, xi, raw, b, d, &changed);
		}
	}
	/* points moved into an empty cluster that kept their label */
	if (c->moved)
		for (size_t i = c->lo[h]; i < c->hi[h]; i++)
			if (c->lab[i] & KM_MOVED) km_settle(c, p, i, c->x + i * d, c->lab[i], c->lab[i] & KM_LAB_MASK, d, &changed);
	p->changed = changed;
}

KM_INLINE void km_elkan_pass(km_ctx *c, int h, size_t d)
{
	km_part *p = &c->part[h];
	const double *cen = c->c;
	const uint32_t k = c->k;
	size_t changed = 0;
	if (c->first) {
		double D[SEG_KMEANS_MAX_K + 1];
		for (size_t i = c->lo[h]; i < c->hi[h]; i++) {
			const double *xi = c->x + i * d;
			double *lb = c->lb + i * k;
			double bd;
			km_dists(xi, c->ct, k, d, D);
			uint32_t b = km_argmin(D, k, &bd);
			for (uint32_t j = 0; j < k; j++) lb[j] = km_dn(c, sqrt(D[j]));
			c->ub[i] = km_up(c, sqrt(bd));
			km_settle(c, p, i, xi, c->lab[i], b, d, &changed);
		}
		p->changed = changed;
		return;
	}
	const double *shift = c->shift, *half = c->half, *cc = c->cc;
	for (size_t i = c->lo[h]; i < c->hi[h]; i++) {
		double *lb = c->lb + i * k;
		uint32_t raw = c->lab[i], a = raw & KM_LAB_MASK;
		double u = (c->ub[i] + shift[a]) * KM_GUP;
		for (uint32_t j = 0; j < k; j++) {
			double l = (lb[j] - shift[j]) * KM_GDN;
			lb[j] = l > 0.0 ? l : 0.0;
		}
		if (!(u < half[a])) {
			const double *xi = c->x + i * d;
			bool tight = false;
			double da = 0.0;
			for (uint32_t j = 0; j < k; j++) {
				if (j == a) continue;
				const double *cca = cc + (size_t)a * k;
				if (u < lb[j] || u < cca[j]) continue;
				if (!tight) {
					da = km_d2(xi, cen + (size_t)a * d, d);
					double q = sqrt(da);
					u = km_up(c, q);
					lb[a] = km_dn(c, q);
					tight = true;
					if (u < lb[j] || u < cca[j]) continue;
				}
				double v = km_d2(xi, cen + (size_t)j * d, d);
				double q = sqrt(v);
				lb[j] = km_dn(c, q);
				if (v < da || (v == da && j < a)) {
					a = j;
					da = v;
					u = km_up(c, q);
				}
			}
		}
		c->ub[i] = u;
		if (raw != a) km_settle(c, p, i, c->x + i * d, raw, a, d, &changed);
	}
	p->changed = changed;
}

/* ---- seeding passes ----------------------------------------------------------
 *
 * While seeding, every point knows its nearest seed so far (lab, the first
 * on a tie), the squared distance to it (dist), for Hamerly and Elkan the
 * distance (ub) and for Hamerly a lower bound on the distance to any other
 * seed (lb), for Elkan one per seed.  After the last seed this is exactly
 * the first assignment step of Lloyd, so km_single() skips it.  (Pruning
 * seeds with centre-centre bounds was measured: on customer-like data half
 * the points still need the distance, and the branches cost more than the
 * distances saved.)
 */

/* The blocks of half h are [*b0, *b1); block b holds the points [*lo, *hi). */
KM_INLINE void km_half_blocks(const km_ctx *c, int h, size_t *b0, size_t *b1)
{
	*b0 = h ? c->nb0 : 0;
	*b1 = h ? c->nb : c->nb0;
}

KM_INLINE void km_block_range(const km_ctx *c, size_t b, size_t *lo, size_t *hi)
{
	const int h = b >= c->nb0;
	const size_t start = c->lo[h] + (b - (h ? c->nb0 : 0)) * KM_BLOCK;
	*lo = start;
	*hi = c->hi[h] - start > KM_BLOCK ? start + KM_BLOCK : c->hi[h];
}

/* Point i's state with the first seed cs only; returns its D. */
KM_INLINE double km_seed_first(km_ctx *c, size_t i, const double *cs, size_t d, bool ham, bool elk)
{
	double v = km_d2(c->x + i * d, cs, d);
	c->dist[i] = v;
	c->lab[i] = 0;
	if (ham || elk) {
		double q = sqrt(v);
		c->ub[i] = q;
		if (ham) c->lb[i] = INFINITY;
		else c->lb[i * c->k] = km_dn(c, q);
	}
	return v;
}

/* Takes seed s, at D w from point i, into point i's state; returns its new
 * D.  When a local search follows, it assigns again: only D is kept. */
KM_INLINE double km_seed_fold_w(km_ctx *c, size_t i, uint32_t s, double w, bool ham, bool elk)
{
	double v = c->dist[i];
	bool lt = w < v;
	if (ham || elk) {
		double q = sqrt(w), r = c->ub[i];
		if (ham) {
			double o = km_dn(c, lt ? r : q);
			c->lb[i] = o < c->lb[i] ? o : c->lb[i];
		} else {
			c->lb[i * c->k + s] = km_dn(c, q);
		}
		c->ub[i] = lt ? q : r;
	}
	if (!c->ls_steps) c->lab[i] = lt ? s : c->lab[i];
	v = lt ? w : v;
	c->dist[i] = v;
	return v;
}

KM_INLINE double km_seed_fold(km_ctx *c, size_t i, uint32_t s, const double *cs, size_t d, bool ham, bool elk)
{
	return km_seed_fold_w(c, i, s, km_d2(c->x + i * d, cs, d), ham, elk);
}

/* Takes seed c->take into the state (0: the first seed) and writes the
 * block sums of dist to row 0 of bsum (one distance per point: no kernel).
 * A local search after the seeding redoes the assignment, so then the
 * bounds are not kept. */
KM_INLINE void km_seed_take_pass(km_ctx *c, int h, size_t d)
{
	const uint32_t s = c->take;
	const double *cs = c->c + (size_t)s * d;
	const bool ham = !c->ls_steps && c->algo == SEG_KMEANS_HAMERLY, elk = !c->ls_steps && c->algo == SEG_KMEANS_ELKAN;
	size_t b0, b1;
	km_half_blocks(c, h, &b0, &b1);
	for (size_t b = b0; b < b1; b++) {
		size_t lo, hi;
		km_block_range(c, b, &lo, &hi);
		double sum = 0.0;
		for (size_t i = lo; i < hi; i++)
			sum += s == 0 ? km_seed_first(c, i, cs, d, ham, elk) : km_seed_fold(c, i, s, cs, d, ham, elk);
		c->bsum[b] = sum;
	}
}

/* Takes seed c->take into the state (KM_NONE: none), then for each of the
 * c->trials candidates writes the block sums of min(dist, D to it) to its
 * row of bsum. */
KM_INLINE void km_seed_cand_pass(km_ctx *c, int h, size_t d)
{
	const uint32_t t = c->trials, s = c->take;
	const double *cs = s == KM_NONE ? NULL : c->c + (size_t)s * d;
	const bool ham = !c->ls_steps && c->algo == SEG_KMEANS_HAMERLY, elk = !c->ls_steps && c->algo == SEG_KMEANS_ELKAN;
	const size_t nb = c->nb;
	double W[KM_MAX_TRIALS + 1];
	size_t b0, b1;
	km_half_blocks(c, h, &b0, &b1);
	for (size_t b = b0; b < b1; b++) {
		size_t lo, hi;
		km_block_range(c, b, &lo, &hi);
		double pot[KM_MAX_TRIALS + 3] = {0}; /* + 3: the sums of four at a time */
		if (c->knd_ok) {
			/* knd: the previous seed (when one is taken), then the candidates */
			double *D = c->part[h].dbuf, *dist = c->dist;
			const double *Dc = D + (cs ? KM_CHUNK : 0);
			for (size_t i0 = lo; i0 < hi; i0 += KM_CHUNK) {
				const size_t mm = hi - i0 < KM_CHUNK ? hi - i0 : KM_CHUNK;
				double *di = dist + i0;
				seg_knearest_dists(&c->knd, c->x + i0 * d, mm, D, KM_CHUNK);
				if (cs && c->ls_steps) { /* only D is kept */
					for (size_t r = 0; r < mm; r++) di[r] = D[r] < di[r] ? D[r] : di[r];
				} else if (cs) {
					for (size_t r = 0; r < mm; r++) km_seed_fold_w(c, i0 + r, s, D[r], ham, elk);
				}
				/* four candidates' sums at a time in registers, each in
				 * point order (a missing fourth reads row 0, unused) */
				for (uint32_t m0 = 0; m0 < t; m0 += 4) {
					const double *r0 = Dc + (size_t)m0 * KM_CHUNK;
					const double *r1 = m0 + 1 < t ? r0 + KM_CHUNK : r0, *r2 = m0 + 2 < t ? r0 + 2 * KM_CHUNK : r0,
					             *r3 = m0 + 3 < t ? r0 + 3 * KM_CHUNK : r0;
					double p0 = pot[m0], p1 = pot[m0 + 1], p2 = pot[m0 + 2], p3 = pot[m0 + 3];
					for (size_t r = 0; r < mm; r++) {
						const double v = di[r];
						p0 += r0[r] < v ? r0[r] : v;
						p1 += r1[r] < v ? r1[r] : v;
						p2 += r2[r] < v ? r2[r] : v;
						p3 += r3[r] < v ? r3[r] : v;
					}
					pot[m0] = p0;
					pot[m0 + 1] = p1;
					pot[m0 + 2] = p2;
					pot[m0 + 3] = p3;
				}
			}
		} else {
			for (size_t i = lo; i < hi; i++) {
				const double v = cs ? km_seed_fold(c, i, s, cs, d, ham, elk) : c->dist[i];
				km_dists(c->x + i * d, c->cand, t, d, W);
				for (uint32_t m = 0; m < t; m++) pot[m] += W[m] < v ? W[m] : v;
			}
		}
		for (uint32_t m = 0; m < t; m++) c->bsum[m * nb + b] = pot[m];
	}
}

/* The two nearest of D (k >= 2) as point i's local search state. */
KM_INLINE void km_ls_two(km_ctx *c, size_t i, const double *D)
{
	seg_knearest_two_one(c->k, D, 1, &c->dist[i], &c->lab[i], &c->d2[i], &c->a2[i]);
}

/* Local search (after the seeding, see km_local_search): every point's
 * nearest centre (lab), D to it (dist) and D to the second nearest (d2);
 * row 0 of bsum = the block sums of dist (the cost). */
KM_INLINE void km_ls_near_pass(km_ctx *c, int h, size_t d)
{
	const uint32_t k = c->k;
	double D[SEG_KMEANS_MAX_K + 1];
	size_t b0, b1;
	km_half_blocks(c, h, &b0, &b1);
	for (size_t b = b0; b < b1; b++) {
		size_t lo, hi;
		km_block_range(c, b, &lo, &hi);
		double s = 0.0;
		if (c->knd_ok) {
			double *B = c->part[h].dbuf, *dist = c->dist;
			for (size_t i0 = lo; i0 < hi; i0 += KM_CHUNK) {
				const size_t m = hi - i0 < KM_CHUNK ? hi - i0 : KM_CHUNK;
				seg_knearest_dists(&c->knd, c->x + i0 * d, m, B, KM_CHUNK);
				seg_knearest_two(&c->knd, B, KM_CHUNK, m, dist + i0, c->lab + i0, c->d2 + i0, c->a2 + i0);
				for (size_t r = 0; r < m; r++) s += dist[i0 + r];
			}
		} else {
			for (size_t i = lo; i < hi; i++) {
				km_dists(c->x + i * d, c->ct, k, d, D);
				km_ls_two(c, i, D);
				s += c->dist[i];
			}
		}
		c->bsum[b] = s;
	}
}

/* After centre c->ls_swap was replaced by the candidate: a point whose two
 * nearest did not include it only compares the new centre with them; the
 * others look at every centre again.  With the kernel (few centres: most
 * points need all of them anyway) every distance is computed and
 * seg_knearest_swap() picks, lanes of points at a time, without a branch
 * per point. */
KM_INLINE void km_ls_swap_pass(km_ctx *c, int h, size_t d)
{
	const uint32_t k = c->k, j = c->ls_swap;
	const double *cj = c->cand, *x = c->x;
	const bool vec = c->knd_ok; /* knd: all k centres */
	uint32_t *lab = c->lab, *a2 = c->a2;
	double *dist = c->dist, *d2 = c->d2, *B = c->part[h].dbuf;
	double D[SEG_KMEANS_MAX_K + 1];
	size_t b0, b1;
	km_half_blocks(c, h, &b0, &b1);
	for (size_t b = b0; b < b1; b++) {
		size_t lo, hi;
		km_block_range(c, b, &lo, &hi);
		double s = 0.0;
		for (size_t i0 = lo; i0 < hi; i0 += KM_CHUNK) {
			const size_t m = hi - i0 < KM_CHUNK ? hi - i0 : KM_CHUNK;
			if (vec) {
				seg_knearest_dists(&c->knd, x + i0 * d, m, B, KM_CHUNK);
				seg_knearest_swap(&c->knd, B, KM_CHUNK, m, j, dist + i0, lab + i0, d2 + i0, a2 + i0);
				for (size_t r = 0; r < m; r++) s += dist[i0 + r];
				continue;
			}
			for (size_t r = 0; r < m; r++) {
				const size_t i = i0 + r;
				if (lab[i] == j || a2[i] == j) {
					km_dists(x + i * d, c->ct, k, d, D);
					km_ls_two(c, i, D);
				} else {
					seg_knearest_take_one(km_d2(x + i * d, cj, d), j, &dist[i], &lab[i], &d2[i], &a2[i]);
				}
				s += dist[i];
			}
		}
		c->bsum[b] = s;
	}
}

/* With candidate p (c->cand, d values): lsbase = the cost with p added,
 * lsdelta[j] = what swapping centre j out for p adds to that (its points
 * fall back to min(D to p, D to their second nearest)).  The sums are
 * kept in locals: stores through p would make every pointer be read
 * again for every point. */
KM_INLINE void km_ls_eval_pass(km_ctx *c, int h, size_t d)
{
	km_part *p = &c->part[h];
	const double *cand = c->cand, *x = c->x, *dist = c->dist, *d2 = c->d2;
	const uint32_t *lab = c->lab;
	const uint32_t k = c->k;
	double dl[SEG_KMEANS_MAX_K];
	for (uint32_t j = 0; j < k; j++) dl[j] = 0.0;
	double base = 0.0;
	for (size_t i = c->lo[h]; i < c->hi[h]; i++) {
		const double w = km_d2(x + i * d, cand, d);
		const double v = dist[i], v2 = d2[i];
		const double with = w < v ? w : v;
		base += with;
		dl[lab[i]] += (w < v2 ? w : v2) - with;
	}
	memcpy(p->lsdelta, dl, k * sizeof(double));
	p->lsbase = base;
}

/* After seeding: the first assignment is known; put every point in its
 * cluster's sum, turn the distance into an upper bound. */
KM_INLINE void km_seeded_pass(km_ctx *c, int h, size_t d)
{
	km_part *p = &c->part[h];
	const bool bounds = c->algo != SEG_KMEANS_LLOYD;
	for (size_t i = c->lo[h]; i < c->hi[h]; i++) {
		km_move(c, p, c->x + i * d, KM_NONE, c->lab[i], d);
		if (bounds) c->ub[i] = km_up(c, c->ub[i]);
	}
	p->changed = c->hi[h] - c->lo[h];
}

/* ---- other passes ------------------------------------------------------------ */

/* Setup: the first non-finite value, each feature's largest |value| and sum.
 * Two features per SSE2 vector, the sums still one per feature in point
 * order (the same values as one at a time). */
#define KM_PAIRS (SEG_KMEANS_MAX_D / 2)
KM_INLINE void km_stats_pass(km_ctx *c, int h, size_t d)
{
	km_part *p = &c->part[h];
	double *mx = p->fmax, *sm = p->fsum;
	for (size_t f = 0; f < d; f++) mx[f] = sm[f] = 0.0;
	p->bad = SIZE_MAX;
	size_t f0 = 0; /* the features before f0 go by pairs */
#ifdef KM_SSE2
	const size_t np = d / 2;
	__m128d vmx[KM_PAIRS], vsm[KM_PAIRS];
	const __m128d absmask = _mm_castsi128_pd(_mm_set1_epi64x(INT64_MAX)), big = _mm_set1_pd(DBL_MAX);
	for (size_t q = 0; q < np; q++) vmx[q] = vsm[q] = _mm_setzero_pd();
	f0 = 2 * np;
#endif
	for (size_t i = c->lo[h]; i < c->hi[h]; i++) {
		const double *xi = c->x + i * d;
		bool fin = true;
#ifdef KM_SSE2
		__m128d ok = _mm_castsi128_pd(_mm_set1_epi64x(-1));
		for (size_t q = 0; q < np; q++) {
			const __m128d v = _mm_loadu_pd(xi + 2 * q), a = _mm_and_pd(v, absmask);
			ok = _mm_and_pd(ok, _mm_cmple_pd(a, big)); /* false for NaN */
			vmx[q] = _mm_max_pd(a, vmx[q]);            /* a > max ? a : max */
			vsm[q] = _mm_add_pd(vsm[q], v);
		}
		fin = _mm_movemask_pd(ok) == 3;
#endif
		for (size_t f = f0; f < d; f++) {
			double a = fabs(xi[f]);
			fin &= a <= DBL_MAX;
			mx[f] = a > mx[f] ? a : mx[f];
			sm[f] += xi[f];
		}
		if (!fin) {
			for (size_t f = 0; f < d; f++)
				if (!(fabs(xi[f]) <= DBL_MAX)) {
					p->bad = i * d + f;
					return;
				}
		}
	}
#ifdef KM_SSE2
	for (size_t q = 0; q < np; q++) {
		_mm_storeu_pd(mx + 2 * q, vmx[q]);
		_mm_storeu_pd(sm + 2 * q, vsm[q]);
	}
#endif
}

/* Setup: each feature's sum of squared deviations from fmean (by pairs as
 * above). */
KM_INLINE void km_var_pass(km_ctx *c, int h, size_t d)
{
	double *v = c->part[h].fvar;
	const double *m = c->fmean;
	for (size_t f = 0; f < d; f++) v[f] = 0.0;
	size_t f0 = 0;
#ifdef KM_SSE2
	const size_t np = d / 2;
	__m128d vv[KM_PAIRS], vm[KM_PAIRS];
	for (size_t q = 0; q < np; q++) {
		vv[q] = _mm_setzero_pd();
		vm[q] = _mm_loadu_pd(m + 2 * q);
	}
	f0 = 2 * np;
#endif
	for (size_t i = c->lo[h]; i < c->hi[h]; i++) {
		const double *xi = c->x + i * d;
#ifdef KM_SSE2
		for (size_t q = 0; q < np; q++) {
			const __m128d t = _mm_sub_pd(_mm_loadu_pd(xi + 2 * q), vm[q]);
			vv[q] = _mm_add_pd(vv[q], _mm_mul_pd(t, t));
		}
#endif
		for (size_t f = f0; f < d; f++) {
			double t = xi[f] - m[f];
			v[f] += t * t;
		}
	}
#ifdef KM_SSE2
	for (size_t q = 0; q < np; q++) _mm_storeu_pd(v + 2 * q, vv[q]);
#endif
}

/* dist = D to the centre the point was assigned to (for relocation). */
KM_INLINE void km_far_pass(km_ctx *c, int h, size_t d)
{
	for (size_t i = c->lo[h]; i < c->hi[h]; i++)
		c->dist[i] = km_d2(c->x + i * d, c->c + (size_t)(c->lab[i] & KM_LAB_MASK) * d, d);
}

KM_INLINE void km_inertia_pass(km_ctx *c, int h, size_t d)
{
	double s = 0.0;
	for (size_t i = c->lo[h]; i < c->hi[h]; i++) s += km_d2(c->x + i * d, c->c + (size_t)c->lab[i] * d, d);
	c->part[h].acc = s;
}

/* Instances for d = 1..8 and any d. */
#define KM_INSTANCES(name, body)                                                 \
	static void name##_1(km_ctx *c, int h) { body(c, h, 1); }                    \
	static void name##_2(km_ctx *c, int h) { body(c, h, 2); }                    \
	static void name##_3(km_ctx *c, int h) { body(c, h, 3); }                    \
	static void name##_4(km_ctx *c, int h) { body(c, h, 4); }                    \
	static void name##_5(km_ctx *c, int h) { body(c, h, 5); }                    \
	static void name##_6(km_ctx *c, int h) { body(c, h, 6); }                    \
	static void name##_7(km_ctx *c, int h) { body(c, h, 7); }                    \
	static void name##_8(km_ctx *c, int h) { body(c, h, 8); }                    \
	static void name##_n(km_ctx *c, int h) { body(c, h, c->d); }                 \
	static const km_pass_fn name##_tab[9] = {name##_n, name##_1, name##_2, name##_3, \
		name##_4, name##_5, name##_6, name##_7, name##_8};

KM_INSTANCES(km_lloyd, km_lloyd_pass)
KM_INSTANCES(km_hamerly, km_hamerly_pass)
KM_INSTANCES(km_elkan, km_elkan_pass)
KM_INSTANCES(km_seed_take, km_seed_take_pass)
KM_INSTANCES(km_seed_cand, km_seed_cand_pass)
KM_INSTANCES(km_seeded, km_seeded_pass)
KM_INSTANCES(km_far, km_far_pass)
KM_INSTANCES(km_stats, km_stats_pass)
KM_INSTANCES(km_var, km_var_pass)
KM_INSTANCES(km_ls_near, km_ls_near_pass)
KM_INSTANCES(km_ls_eval, km_ls_eval_pass)
KM_INSTANCES(km_ls_swap, km_ls_swap_pass)
KM_INSTANCES(km_inertia, km_inertia_pass)

/* ---- the second thread --------------------------------------------------------- */

#ifndef SEG_KMEANS_NO_THREADS
static void *km_worker(void *arg)
{
	km_ctx *c = arg;
	unsigned seen = 0;
	pthread_mutex_lock(&c->mu);
	for (;;) {
		while (c->job_gen == seen && !c->quit) pthread_cond_wait(&c->go, &c->mu);
		if (c->quit) break;
		seen = c->job_gen;
		km_pass_fn fn = c->job;
		pthread_mutex_unlock(&c->mu);
		fn(c, 1);
		pthread_mutex_lock(&c->mu);
		c->done_gen = seen;
		pthread_cond_signal(&c->done);
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

static bool km_threads_start(km_ctx *c)
{
	c->job_gen = c->done_gen = 0;
	c->quit = false;
	if (pthread_mutex_init(&c->mu, NULL) != 0) return false;
	if (pthread_cond_init(&c->go, NULL) != 0) {
		pthread_mutex_destroy(&c->mu);
		return false;
	}
	if (pthread_cond_init(&c->done, NULL) != 0) {
		pthread_cond_destroy(&c->go);
		pthread_mutex_destroy(&c->mu);
		return false;
	}
	if (pthread_create(&c->thread, NULL, km_worker, c) != 0) {
		pthread_cond_destroy(&c->done);
		pthread_cond_destroy(&c->go);
		pthread_mutex_destroy(&c->mu);
		return false;
	}
	c->threaded = true;
	return true;
}

static void km_threads_stop(km_ctx *c)
{
	if (!c->threaded) return;
	pthread_mutex_lock(&c->mu);
	c->quit = true;
	pthread_cond_signal(&c->go);
	pthread_mutex_unlock(&c->mu);
	pthread_join(c->thread, NULL);
	pthread_cond_destroy(&c->done);
	pthread_cond_destroy(&c->go);
	pthread_mutex_destroy(&c->mu);
	c->threaded = false;
}
#endif

/* Runs fn over both halves. */
static void km_run(km_ctx *c, km_pass_fn fn)
{
#ifndef SEG_KMEANS_NO_THREADS
	if (c->threaded) {
		pthread_mutex_lock(&c->mu);
		c->job = fn;
		unsigned gen = ++c->job_gen;
		pthread_cond_signal(&c->go);
		pthread_mutex_unlock(&c->mu);
		fn(c, 0);
		pthread_mutex_lock(&c->mu);
		while (c->done_gen != gen) pthread_cond_wait(&c->done, &c->mu);
		pthread_mutex_unlock(&c->mu);
		return;
	}
#endif
	fn(c, 0);
	fn(c, 1);
}

/* ---- seeding ---------------------------------------------------------------------- */

/* The centres the next pass's distance kernel computes (rows, count x d). */
static void km_dist_centres(km_ctx *c, const double *rows, uint32_t count)
{
	/* one distance is no cheaper with the kernel */
	c->knd_ok = c->kn_vec && count >= 2 && count <= SEG_KNEAREST_MAX_K && seg_knearest_init(&c->knd, rows, count, c->d);
}

/* The potential of row bs: the sum of its blocks, in order. */
static double km_total(const km_ctx *c, const double *bs)
{
	double run = 0.0;
	for (size_t b = 0; b < c->nb; b++) run += bs[b];
	return run;
}

/* D of point i in a row: dist, or min(dist, D to w) when the last seed w is
 * not taken into dist yet (the same expression as the pass that wrote the
 * row, so the same value). */
KM_INLINE double km_row_value(const km_ctx *c, size_t i, const double *w)
{
	double v = c->dist[i];
	if (w) {
		double q = km_d2(c->x + i * c->d, w, c->d);
		v = q < v ? q : v;
	}
	return v;
}

/* The draw: the first point whose running sum of D exceeds r, the running
 * sum being the blocks' sums before its block (in order) plus the sum of
 * its block's points up to it.  Only the block that crosses r is read
 * again.  SIZE_MAX when no point does (r at or above the total by
 * rounding). */
static size_t km_locate(const km_ctx *c, const double *bs, double r, const double *w)
{
	double run = 0.0;
	for (size_t b = 0; b < c->nb; b++) {
		double next = run + bs[b];
		if (!(next > r)) {
			run = next;
			continue;
		}
		size_t lo, hi;
		km_block_range(c, b, &lo, &hi);
		double part = 0.0;
		for (size_t i = lo; i < hi; i++) {
			part += km_row_value(c, i, w);
			if (run + part > r) return i;
		}
		return hi - 1; /* not reached: the block's own sum crossed r */
	}
	return SIZE_MAX;
}

/* The last point with a positive D in the row, or SIZE_MAX. */
static size_t km_last_positive(const km_ctx *c, const double *bs, const double *w)
{
	for (size_t b = c->nb; b-- > 0;) {
		if (!(bs[b] > 0.0)) continue;
		size_t lo, hi;
		km_block_range(c, b, &lo, &hi);
		for (size_t i = hi; i-- > lo;)
			if (km_row_value(c, i, w) > 0.0) return i;
	}
	return SIZE_MAX;
}

/* Greedy k-means++ into c->c; leaves the first assignment step done
 * (c->seeded). */
uint32_t seg_kmeans_default_local_search(uint32_t k)
{
	return k > 1 ? k : 0;
}

uint32_t seg_kmeans_default_trials(uint32_t k)
{
	uint32_t t = 2 + (uint32_t)floor(2.0 * log(k > 0 ? (double)k : 1.0));
	return t < SEG_KMEANS_MAX_TRIALS ? t : SEG_KMEANS_MAX_TRIALS;
}

static void km_seed(km_ctx *c, seg_prng *g)
{
	const size_t n = c->n, d = c->d, nb = c->nb;
	const uint32_t k = c->k;
	const uint32_t t = c->seed_trials;
	size_t first = (size_t)seg_prng_below(g, n);
	memcpy(c->c, c->x + first * d, d * sizeof(double));
	c->take = 0;
	km_run(c, c->seed_take_fn);
	/* the row the draws read, and the seed it holds that dist does not yet:
	 * a candidate pass takes the previous seed in as it goes */
	const double *row = c->bsum, *w = NULL;
	double pot = km_total(c, row);
	for (uint32_t s = 1; s < k; s++) {
		size_t cand[KM_MAX_TRIALS];
		for (uint32_t m = 0; m < t; m++) {
			size_t idx = km_locate(c, row, seg_prng_double(g) * pot, w);
			if (idx == SIZE_MAX) idx = km_last_positive(c, row, w); /* rounding put the draw at the total */
			if (idx == SIZE_MAX) idx = n - 1;                        /* every point is a seed already */
			cand[m] = idx;
			/* paired layout, as c->ct; and rows after the previous seed's */
			for (size_t f = 0; f < d; f++) c->cand[(size_t)(m / 2) * 2 * d + 2 * f + m % 2] = c->x[idx * d + f];
			memcpy(c->crow + (size_t)(m + 1) * d, c->x + idx * d, d * sizeof(double));
		}
		if (t % 2)
			for (size_t f = 0; f < d; f++) c->cand[(size_t)(t / 2) * 2 * d + 2 * f + 1] = 1e300;
		c->take = s >= 2 ? s - 1 : KM_NONE;
		c->trials = t;
		if (s >= 2) {
			memcpy(c->crow, c->c + (size_t)(s - 1) * d, d * sizeof(double));
			km_dist_centres(c, c->crow, t + 1);
		} else {
			km_dist_centres(c, c->crow + d, t);
		}
		km_run(c, c->seed_cand_fn);
		uint32_t best = 0;
		double best_pot = km_total(c, c->bsum);
		for (uint32_t m = 1; m < t; m++) {
			double v = km_total(c, c->bsum + m * nb);
			if (v < best_pot) {
				best_pot = v;
				best = m;
			}
		}
		memcpy(c->c + (size_t)s * d, c->x + cand[best] * d, d * sizeof(double));
		pot = best_pot;
		row = c->bsum + best * nb;
		w = c->c + (size_t)s * d;
	}
	if (k > 1 && !c->ls_steps) { /* take the last seed (a local search sees it itself) */
		c->take = k - 1;
		km_run(c, c->seed_take_fn);
	}
	c->seeded = true;
}

/* Local search after k-means++ (Lattanzi and Sohler, "A better k-means++
 * algorithm via local search", ICML 2019): c->ls_steps times, draw a point
 * with probability proportional to D to its nearest centre and swap it in
 * for the centre whose removal then costs least, when that lowers the cost
 * (the sum of D over the points).  k-means++ alone often puts two seeds in
 * one dense group and none in another; Lloyd cannot move a centre across,
 * and a swap can.  Every sum is over the halves in a fixed order, so the
 * result does not depend on the threads. */
static void km_transpose(km_ctx *c);

static void km_local_search(km_ctx *c, seg_prng *g)
{
	const size_t d = c->d;
	const uint32_t k = c->k;
	if (k < 2) return;
	km_transpose(c);
	km_dist_centres(c, c->c, k);
	km_run(c, c->ls_near_fn);
	double pot = km_total(c, c->bsum);
	for (uint32_t step = 0; step < c->ls_steps; step++) {
		if (!(pot > 0.0)) break; /* every point is on a centre */
		/* the draw, as the seeding draws, from the block sums of dist */
		size_t idx = km_locate(c, c->bsum, seg_prng_double(g) * pot, NULL);
		if (idx == SIZE_MAX) idx = km_last_positive(c, c->bsum, NULL);
		if (idx == SIZE_MAX) break;
		memcpy(c->cand, c->x + idx * d, d * sizeof(double));
		km_run(c, c->ls_eval_fn);
		double base = c->part[0].lsbase + c->part[1].lsbase;
		uint32_t best = 0;
		double best_cost = base + (c->part[0].lsdelta[0] + c->part[1].lsdelta[0]);
		for (uint32_t j = 1; j < k; j++) {
			double v = base + (c->part[0].lsdelta[j] + c->part[1].lsdelta[j]);
			if (v < best_cost) {
				best_cost = v;
				best = j;
			}
		}
		/* a real gain only: rounding must not make two costs swap back and forth */
		if (!(best_cost < pot * (1.0 - 1e-12))) continue;
		memcpy(c->c + (size_t)best * d, c->cand, d * sizeof(double));
		km_transpose(c);
		c->ls_swap = best;
		km_dist_centres(c, c->c, c->k <= KM_LS_VEC_K ? c->k : 0);
		km_run(c, c->ls_swap_fn);
		pot = km_total(c, c->bsum);
	}
}

/* ---- the update step ---------------------------------------------------------- */

/* heap of point indices: the root is the "smallest" (nearest to its centre;
 * on equal distance the higher index). */
static bool km_far_less(const double *dist, size_t a, size_t b)
{
	return dist[a] < dist[b] || (dist[a] == dist[b] && a > b);
}

static void km_heap_down(size_t *hp, size_t len, size_t i, const double *dist)
{
	for (;;) {
		size_t l = 2 * i + 1, m = i;
		if (l < len && km_far_less(dist, hp[l], hp[m])) m = l;
		if (l + 1 < len && km_far_less(dist, hp[l + 1], hp[m])) m = l + 1;
		if (m == i) return;
		size_t t = hp[i];
		hp[i] = hp[m];
		hp[m] = t;
		i = m;
	}
}

/* Refills empty clusters (cnt == 0) from the points farthest from the
 * centre (c->c) they were assigned to: moves them between the sums and
 * marks them KM_MOVED.  Returns how many clusters were refilled. */
static uint32_t km_relocate(km_ctx *c)
{
	const size_t n = c->n, d = c->d;
	const uint32_t k = c->k;
	uint32_t ne = 0;
	for (uint32_t j = 0; j < k; j++)
		if (c->cnt[j] == 0) c->empty[ne++] = j;
	km_run(c, c->far_fn);
	/* Each cluster turns away at most its last member, so the ne + k
	 * farthest points are enough. */
	size_t cap = (size_t)ne + k, len = 0;
	if (cap > n) cap = n;
	for (size_t i = 0; i < n; i++) {
		if (!(c->dist[i] > 0.0)) continue;
		if (len < cap) {
			size_t j = len++;
			c->heap[j] = i;
			while (j > 0) { /* sift up */
				size_t up = (j - 1) / 2;
				if (!km_far_less(c->dist, c->heap[j], c->heap[up])) break;
				size_t t = c->heap[j];
				c->heap[j] = c->heap[up];
				c->heap[up] = t;
				j = up;
			}
		} else if (km_far_less(c->dist, c->heap[0], i)) {
			c->heap[0] = i;
			km_heap_down(c->heap, len, 0, c->dist);
		}
	}
	/* farthest first: pop the heap into its tail */
	for (size_t end = len; end > 1; end--) {
		size_t t = c->heap[0];
		c->heap[0] = c->heap[end - 1];
		c->heap[end - 1] = t;
		km_heap_down(c->heap, end - 1, 0, c->dist);
	}
	/* now heap[0] is the farthest, heap[len - 1] the nearest */
	uint32_t done = 0;
	for (size_t r = 0; r < len && done < ne; r++) {
		size_t i = c->heap[r];
		uint32_t from = c->lab[i] & KM_LAB_MASK;
		if (c->cnt[from] <= 1) continue;
		uint32_t to = c->empty[done++];
		const double *xi = c->x + i * d;
		km_acc *af = c->acc + (size_t)from * d, *at = c->acc + (size_t)to * d;
		for (size_t f = 0; f < d; f++) {
			int64_t q = km_fix(c, xi, f);
			km_acc_sub(&af[f], q);
			km_acc_add(&at[f], q);
		}
		c->cnt[from]--;
		c->cnt[to]++;
		c->lab[i] = from | ((uint32_t)to << KM_LAB_BITS) | KM_MOVED;
	}
	return done;
}

static void km_clear_parts(km_ctx *c)
{
	for (int h = 0; h < 2; h++) {
		memset(c->part[h].dacc, 0, (size_t)c->k * c->d * sizeof(km_delta));
		memset(c->part[h].dcnt, 0, (size_t)c->k * sizeof(int64_t));
	}
}

/* c->ct (and the vector kernel's copy) from c->c. */
static void km_transpose(km_ctx *c)
{
	if (c->kn_ok) seg_knearest_set(&c->kn, c->c);
	const size_t d = c->d;
	const uint32_t k = c->k, pairs = (k + 1) / 2;
	for (uint32_t p = 0; p < pairs; p++)
		for (uint32_t e = 0; e < 2; e++) {
			uint32_t j = 2 * p + e;
			for (size_t f = 0; f < d; f++)
				c->ct[(size_t)p * 2 * d + 2 * f + e] = j < k ? c->c[(size_t)j * d + f] : 1e300;
		}
}

/* Takes the halves' changes into the sums; cnew = means; returns the sum
 * over centres of the squared shift (scikit-learn's center_shift_tot);
 * fills shift[]; swaps c and cnew.  *relocated: clusters refilled. */
static double km_update(km_ctx *c, uint32_t *relocated)
{
	const size_t d = c->d;
	const uint32_t k = c->k;
	km_part *p0 = &c->part[0], *p1 = &c->part[1];
	bool any_empty = false;
	for (uint32_t j = 0; j < k; j++) {
		c->cnt[j] += p0->dcnt[j] + p1->dcnt[j];
		any_empty |= c->cnt[j] == 0;
	}
	for (size_t q = 0; q < (size_t)k * d; q++) {
		km_acc_merge_delta(&c->acc[q], &p0->dacc[q]);
		km_acc_merge_delta(&c->acc[q], &p1->dacc[q]);
	}
	km_clear_parts(c);
	*relocated = any_empty ? km_relocate(c) : 0;
	double tot = 0.0;
	double smax = 0.0, smax2 = 0.0;
	uint32_t sarg = 0;
	for (uint32_t j = 0; j < k; j++) {
		const double *cj = c->c + (size_t)j * d;
		double *nj = c->cnew + (size_t)j * d;
		if (c->cnt[j] > 0) {
			const km_acc *sj = c->acc + (size_t)j * d;
			double m = (double)c->cnt[j];
			for (size_t f = 0; f < d; f++) nj[f] = km_acc_double(sj[f]) * c->qinv[f] / m;
		} else {
			memcpy(nj, cj, d * sizeof(double));
		}
		double q = sqrt(km_d2(cj, nj, d));
		tot += q * q;
		double s = q * (1.0 + 8 * c->g) + 8 * KM_TAU;
		c->shift[j] = s;
		if (s > smax) {
			smax2 = smax;
			smax = s;
			sarg = j;
		} else if (s > smax2) {
			smax2 = s;
		}
	}
	c->shift_max = smax;
	c->shift_max2 = smax2;
	c->shift_arg = sarg;
	double *t = c->c;
	c->c = c->cnew;
	c->cnew = t;
	km_transpose(c);
	return tot;
}

/* half[] (and cc[] for Elkan) for the centres c->c. */
static void km_centre_bounds(km_ctx *c)
{
	const size_t d = c->d;
	const uint32_t k = c->k;
	if (c->algo == SEG_KMEANS_LLOYD) return;
	for (uint32_t a = 0; a < k; a++) c->half[a] = INFINITY;
	for (uint32_t a = 0; a < k; a++) {
		for (uint32_t j = a + 1; j < k; j++) {
			double q = km_dn(c, sqrt(km_d2(c->c + (size_t)a * d, c->c + (size_t)j * d, d))) * 0.5;
			if (c->cc) {
				c->cc[(size_t)a * k + j] = q;
				c->cc[(size_t)j * k + a] = q;
			}
			if (q < c->half[a]) c->half[a] = q;
			if (q < c->half[j]) c->half[j] = q;
		}
		if (c->cc) c->cc[(size_t)a * k + a] = 0.0;
	}
}

/* One k-means run from the centres in c->c; returns the inertia. */
static double km_single(km_ctx *c, double tol_abs, uint32_t max_iter, uint32_t *iterations, uint64_t *repairs)
{
	if (!c->seeded)
		for (size_t i = 0; i < c->n; i++) c->lab[i] = KM_NONE;
	c->moved = 0;
	memset(c->acc, 0, (size_t)c->k * c->d * sizeof(km_acc));
	memset(c->cnt, 0, (size_t)c->k * sizeof(int64_t));
	km_clear_parts(c);
	bool strict = false;
	uint32_t it = 0;
	c->first = true;
	c->update = true;
	while (it < max_iter) {
		km_run(c, c->seeded ? c->seeded_fn : c->assign_fn);
		c->first = c->seeded = false;
		size_t changed = c->part[0].changed + c->part[1].changed;
		uint32_t relocated;
		double tot = km_update(c, &relocated);
		*repairs += relocated;
		c->moved = relocated;
		km_centre_bounds(c);
		it++;
		/* labels as before: converged, unless a refilled cluster moved */
		if (changed == 0 && relocated == 0) {
			strict = true;
			break;
		}
		if (tot <= tol_abs) break;
	}
	if (!strict) {
		c->update = false;
		km_run(c, c->assign_fn);
	}
	*iterations = it;
	km_run(c, c->inertia_fn);
	return c->part[0].acc + c->part[1].acc;
}

/* ---- checks and setup ---------------------------------------------------------- */

static seg_status km_check_values(const double *v, size_t rows, size_t d, bool is_init, double *maxabs,
	seg_error *err)
{
	double mx = 0.0;
	for (size_t i = 0; i < rows; i++) {
		const double *r = v + i * d;
		for (size_t f = 0; f < d; f++) {
			double a = fabs(r[f]);
			if (!(a <= DBL_MAX)) {
				seg_status st = is_init ?
					seg_error_set(err, SEG_E_ARGUMENT, "init centroid %zu, feature %zu is not finite", i + 1, f + 1) :
					seg_error_set(err, SEG_E_ARGUMENT, "point %zu, feature %zu is not finite", i + 1, f + 1);
				if (err) {
					err->line = i + 1 > UINT32_MAX ? UINT32_MAX : (uint32_t)(i + 1);
					err->column = (uint32_t)(f + 1);
				}
				return st;
			}
			if (a > mx) mx = a;
		}
	}
	*maxabs = mx;
	return SEG_OK;
}

/* The rule of SEG_KMEANS_AUTO (seg_kmeans.h), from fit times over
 * k = 4..256 and d = 2..128 on overlapping Gaussian blobs.  With the vector
 * kernel a Lloyd distance costs about a third, which moves the break-even
 * with Hamerly's bounds from k x d = 40 to about 200 (100k points: d = 3 is
 * faster by Lloyd up to k = 64, d = 8 up to k = 16 and slower at k = 32). */
static seg_kmeans_algo km_auto(size_t n, size_t d, uint32_t k, bool vector)
{
	if ((double)k * (double)d <= (vector && seg_knearest_fits(k, d) ? 192 : 40)) return SEG_KMEANS_LLOYD;
	if (d >= 32 && (double)k * (double)d >= 2048 && (double)n * k * sizeof(double) <= 1024.0 * 1024 * 1024)
		return SEG_KMEANS_ELKAN;
	return SEG_KMEANS_HAMERLY;
}

static void km_free(km_ctx *c, double *scaled)
{
	free(c->c);
	free(c->ct);
	free(c->cnew);
	free(c->acc);
	free(c->cnt);
	free(c->qscale);
	free(c->qinv);
	free(c->fmean);
	free(c->shift);
	free(c->half);
	free(c->cc);
	free(c->lab);
	free(c->dist);
	free(c->bsum);
	free(c->d2);
	free(c->a2);
	free(c->ub);
	free(c->lb);
	free(c->heap);

	free(c->empty);
	for (int h = 0; h < 2; h++) {
		free(c->part[h].dacc);
		free(c->part[h].dcnt);
		free(c->part[h].fmax);
		free(c->part[h].lsdelta);
		free(c->part[h].dbuf);
	}
	free(scaled);
}

static void km_fit_end(km_ctx *c, double *scaled)
{
#ifndef SEG_KMEANS_NO_THREADS
	km_threads_stop(c);
#endif
	km_free(c, scaled);
}

static void *km_alloc(size_t count, size_t size, bool *ok)
{
	if (count == 0) count = 1;
	if (count > SIZE_MAX / size) {
		*ok = false;
		return NULL;
	}
	void *p = malloc(count * size);
	if (!p) *ok = false;
	return p;
}

seg_status seg_kmeans_fit(const double *x, size_t n, size_t d, const seg_kmeans_options *o, double *centroids,
	uint32_t *labels, seg_kmeans_info *info, seg_error *err)
{
	if (err) seg_error_clear(err);
	if (!o) return seg_error_set(err, SEG_E_ARGUMENT, "no options");
	const uint32_t k = o->k;
	if (n == 0) return seg_error_set(err, SEG_E_ARGUMENT, "no points to cluster");
	if (d == 0) return seg_error_set(err, SEG_E_ARGUMENT, "points have no features");
	if (n > SEG_KMEANS_MAX_N) /* km_delta's sums */
		return seg_error_set(err, SEG_E_ARGUMENT, "%zu points is above the limit of %llu", n,
		                     (unsigned long long)SEG_KMEANS_MAX_N);
	if (d > SEG_KMEANS_MAX_D)
		return seg_error_set(err, SEG_E_ARGUMENT, "%zu features is above the limit of %d", d, SEG_KMEANS_MAX_D);
	if (k < 1) return seg_error_set(err, SEG_E_ARGUMENT, "k must be at least 1");
	if (k > SEG_KMEANS_MAX_K)
		return seg_error_set(err, SEG_E_ARGUMENT, "k = %u is above the limit of %d", k, SEG_KMEANS_MAX_K);
	if (k > n) return seg_error_set(err, SEG_E_ARGUMENT, "k = %u is more than the %zu points", k, n);
	if (!x || !centroids) return seg_error_set(err, SEG_E_ARGUMENT, "no points or no centroid buffer");
	if (isnan(o->tol) || isinf(o->tol)) return seg_error_set(err, SEG_E_ARGUMENT, "tol must be a finite number");
	if (o->algo != SEG_KMEANS_AUTO && o->algo != SEG_KMEANS_LLOYD && o->algo != SEG_KMEANS_HAMERLY &&
		o->algo != SEG_KMEANS_ELKAN)
		return seg_error_set(err, SEG_E_ARGUMENT, "unknown k-means algorithm %d", (int)o->algo);
	if (o->init && o->n_init > 1)
		return seg_error_set(err, SEG_E_ARGUMENT, "n_init must be 1 when initial centroids are given");
	if (o->seed_trials > SEG_KMEANS_MAX_TRIALS)
		return seg_error_set(err, SEG_E_ARGUMENT, "seed_trials = %u is above the limit of %d", o->seed_trials,
		                     SEG_KMEANS_MAX_TRIALS);
	const uint32_t n_init = o->init ? 1 : (o->n_init ? o->n_init : 10);
	const uint32_t max_iter = o->max_iter ? o->max_iter : 300;
	const double tol = o->tol < 0 ? 1e-4 : o->tol;

	double maxinit = 0.0;
	if (o->init) {
		seg_status st = km_check_values(o->init, k, d, true, &maxinit, err);
		if (st != SEG_OK) return st;
	}

	km_ctx ctx, *c = &ctx;
	memset(c, 0, sizeof *c);
	c->seed_trials = o->seed_trials ? o->seed_trials : seg_kmeans_default_trials(k);
	c->ls_steps = o->local_search == SEG_KMEANS_LOCAL_SEARCH_DEFAULT ? seg_kmeans_default_local_search(k)
	                                                                : o->local_search;
	c->x = x;
	c->n = n;
	c->d = d;
	c->k = k;
	c->g = (double)(d + 8) * DBL_EPSILON;
	c->algo = o->algo == SEG_KMEANS_AUTO ? km_auto(n, d, k, !o->scalar) : o->algo;
	c->lo[0] = 0;
	c->hi[0] = c->lo[1] = n / 2;
	c->hi[1] = n;
	c->nb0 = (c->hi[0] - c->lo[0] + KM_BLOCK - 1) / KM_BLOCK;
	c->nb = c->nb0 + (c->hi[1] - c->lo[1] + KM_BLOCK - 1) / KM_BLOCK;

	bool ok = true;
	double *scaled = NULL;
	c->c = km_alloc((size_t)k * d, sizeof(double), &ok);
	c->ct = km_alloc((size_t)(k + 1) * d, sizeof(double), &ok);
	c->cnew = km_alloc((size_t)k * d, sizeof(double), &ok);
	c->acc = km_alloc((size_t)k * d, sizeof(km_acc), &ok);
	c->cnt = km_alloc(k, sizeof(int64_t), &ok);
	c->qscale = km_alloc(d, sizeof(double), &ok);
	c->qinv = km_alloc(d, sizeof(double), &ok);
	c->fmean = km_alloc(d, sizeof(double), &ok);
	c->shift = km_alloc(k, sizeof(double), &ok);
	c->half = km_alloc(k, sizeof(double), &ok);
	c->lab = km_alloc(n, sizeof(uint32_t), &ok);
	c->dist = km_alloc(n, sizeof(double), &ok);
	if (!o->init) c->bsum = km_alloc((size_t)(c->seed_trials > 1 ? c->seed_trials : 1) * c->nb, sizeof(double), &ok);
	if (c->ls_steps) {
		c->d2 = km_alloc(n, sizeof(double), &ok);
		c->a2 = km_alloc(n, sizeof(uint32_t), &ok);
	}
	c->heap = km_alloc((size_t)2 * k, sizeof(size_t), &ok);
	c->empty = km_alloc(k, sizeof(uint32_t), &ok);
	for (int h = 0; h < 2; h++) {
		c->part[h].dacc = km_alloc((size_t)k * d, sizeof(km_delta), &ok);
		c->part[h].dcnt = km_alloc(k, sizeof(int64_t), &ok);
		c->part[h].fmax = km_alloc(3 * d, sizeof(double), &ok);
		if (c->ls_steps) c->part[h].lsdelta = km_alloc(k, sizeof(double), &ok);
		if (c->part[h].fmax) {
			c->part[h].fsum = c->part[h].fmax + d;
			c->part[h].fvar = c->part[h].fmax + 2 * d;
		}
	}
	if (c->algo != SEG_KMEANS_LLOYD) {
		c->ub = km_alloc(n, sizeof(double), &ok);
		if (c->algo == SEG_KMEANS_ELKAN) {
			if (n > SIZE_MAX / k) ok = false;
			else c->lb = km_alloc(n * k, sizeof(double), &ok);
			c->cc = km_alloc((size_t)k * k, sizeof(double), &ok);
		} else {
			c->lb = km_alloc(n, sizeof(double), &ok);
		}
	}
	if (!ok) {
		km_free(c, scaled);
		return seg_error_set(err, SEG_E_NOMEM, "out of memory for the k-means workspace");
	}

	size_t di = d <= 8 ? d : 0;
	switch (c->algo) {
	case SEG_KMEANS_HAMERLY: c->assign_fn = km_hamerly_tab[di]; break;
	case SEG_KMEANS_ELKAN: c->assign_fn = km_elkan_tab[di]; break;
	default:
		c->assign_fn = km_lloyd_tab[di];
		c->kn_ok = !o->scalar && seg_knearest_init(&c->kn, c->c, k, d);
		break;
	}
	c->kn_vec = !o->init && !o->scalar && seg_knearest_fits(1, d);
	for (int h = 0; h < 2 && c->kn_vec; h++) {
		c->part[h].dbuf = km_alloc((size_t)KM_CHUNK * KM_DBUF_ROWS, sizeof(double), &ok);
		if (!ok) {
			km_free(c, scaled);
			return seg_error_set(err, SEG_E_NOMEM, "out of memory for the k-means workspace");
		}
	}
	c->seed_take_fn = km_seed_take_tab[di];
	c->seed_cand_fn = km_seed_cand_tab[di];
	c->seeded_fn = km_seeded_tab[di];
	c->ls_near_fn = km_ls_near_tab[di];
	c->ls_eval_fn = km_ls_eval_tab[di];
	c->ls_swap_fn = km_ls_swap_tab[di];
	c->far_fn = km_far_tab[di];
	c->inertia_fn = km_inertia_tab[di];

#ifndef SEG_KMEANS_NO_THREADS
	if (o->threads >= 2 && (double)n * (double)(d + k) >= SEG_KMEANS_PAR_MIN) km_threads_start(c);
#endif

	/* Setup: finite values, the largest |value| and the means. */
	km_run(c, km_stats_tab[di]);
	for (int h = 0; h < 2; h++) {
		size_t bad = c->part[h].bad;
		if (bad != SIZE_MAX) {
			km_fit_end(c, scaled);
			seg_error_set(err, SEG_E_ARGUMENT, "point %zu, feature %zu is not finite", bad / d + 1, bad % d + 1);
			if (err) {
				err->line = bad / d + 1 > UINT32_MAX ? UINT32_MAX : (uint32_t)(bad / d + 1);
				err->column = (uint32_t)(bad % d + 1);
			}
			return SEG_E_ARGUMENT;
		}
	}
	double maxabs = maxinit;
	for (size_t f = 0; f < d; f++) {
		double m = c->part[0].fmax[f] > c->part[1].fmax[f] ? c->part[0].fmax[f] : c->part[1].fmax[f];
		if (m > maxabs) maxabs = m;
	}

	/* A power of two that brings the largest |value| near 1, when needed:
	 * then the points are a scaled copy (exact), and the setup is redone. */
	int scale_exp = 0;
	if (maxabs > ldexp(1.0, KM_BIG_EXP) || (maxabs > 0.0 && maxabs < ldexp(1.0, -KM_BIG_EXP))) {
		frexp(maxabs, &scale_exp);
		scaled = km_alloc(n * d, sizeof(double), &ok);
		if (!ok) {
			km_fit_end(c, scaled);
			return seg_error_set(err, SEG_E_NOMEM, "out of memory for the k-means workspace");
		}
		for (size_t q = 0; q < n * d; q++) scaled[q] = ldexp(x[q], -scale_exp);
		c->x = scaled;
		km_run(c, km_stats_tab[di]);
	}

	/* The tolerance as scikit-learn's _tolerance(): tol x the mean over the
	 * features of the population variance (sums over the two halves). */
	for (size_t f = 0; f < d; f++) c->fmean[f] = (c->part[0].fsum[f] + c->part[1].fsum[f]) / (double)n;
	km_run(c, km_var_tab[di]);
	double var = 0.0;
	for (size_t f = 0; f < d; f++) var += (c->part[0].fvar[f] + c->part[1].fvar[f]) / (double)n;
	double tol_abs = var / (double)d * tol;

	/* the fixed-point scale of each feature */
	for (size_t f = 0; f < d; f++) {
		int e;
		double m = c->part[0].fmax[f] > c->part[1].fmax[f] ? c->part[0].fmax[f] : c->part[1].fmax[f];
		frexp(m, &e); /* largest |value| < 2^e (e = 0 for 0) */
		if (e < -900) e = -900;
		c->qscale[f] = ldexp(1.0, 62 - e);
		c->qinv[f] = ldexp(1.0, e - 62);
	}

	seg_prng master;
	seg_prng_seed(&master, o->seed);
	double best = INFINITY;
	uint32_t best_iter = 0, best_init = 0;
	uint64_t repairs = 0;
	for (uint32_t r = 0; r < n_init; r++) {
		if (o->init) {
			for (size_t q = 0; q < (size_t)k * d; q++) c->c[q] = scale_exp ? ldexp(o->init[q], -scale_exp) : o->init[q];
		} else {
			seg_prng g;
			seg_prng_seed(&g, seg_prng_next(&master));
			km_seed(c, &g);
			if (c->ls_steps) {
				km_local_search(c, &g);
				/* Its labels are what the first assignment step would give
				 * (same distances, the lowest index on a tie), so Lloyd
				 * starts from them; Hamerly and Elkan need that step's
				 * bounds and do it in full. */
				c->seeded = c->k >= 2 && c->algo == SEG_KMEANS_LLOYD;
			}
		}
		km_transpose(c);
		km_centre_bounds(c);
		uint32_t iters;
		double inertia = km_single(c, tol_abs, max_iter, &iters, &repairs);
		if (r == 0 || inertia < best) {
			best = inertia;
			best_iter = iters;
			best_init = r;
			for (size_t q = 0; q < (size_t)k * d; q++) centroids[q] = scale_exp ? ldexp(c->c[q], scale_exp) : c->c[q];
			if (labels) memcpy(labels, c->lab, n * sizeof(uint32_t));
		}
	}

	if (info) {
		info->inertia = scale_exp ? ldexp(best, 2 * scale_exp) : best;
		info->iterations = best_iter;
		info->best_init = best_init;
		info->n_init = n_init;
		info->algo = c->algo;
		info->empty_repairs = repairs;
	}
	km_fit_end(c, scaled);
	return SEG_OK;
}

uint32_t seg_kmeans_nearest(const double *centroids, size_t k, size_t d, const double *point, double *dist2)
{
	double bd = 0.0;
	uint32_t a = k ? km_nearest(point, centroids, (uint32_t)k, d, &bd) : 0;
	if (dist2) *dist2 = k ? bd : INFINITY;
	return a;
}

double seg_kmeans_inertia(const double *x, size_t n, size_t d, const double *centroids, const uint32_t *labels)
{
	double s[2] = {0.0, 0.0};
	size_t mid = n / 2;
	for (size_t i = 0; i < n; i++) s[i >= mid] += km_d2(x + i * d, centroids + (size_t)labels[i] * d, d);
	return s[0] + s[1];
}
