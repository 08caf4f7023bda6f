/*
 * seg_knearest.c - the nearest of k centres, several points at a time
 * (seg_knearest.h).
 */
#include "seg_knearest.h"

#include <string.h>

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#if !defined(SEG_KNEAREST_NO_SIMD) && (defined(__GNUC__) || defined(__clang__)) && \
	(defined(__x86_64__) || defined(__i386__))
#define KN_AVX2 1
#include <immintrin.h>
#endif

#ifdef KN_AVX2

/* Feature f of the four points at p (row-major, D features each). */
#define KN_LANES(p, D, f) _mm256_set_pd((p)[3 * (D) + (f)], (p)[2 * (D) + (f)], (p)[(D) + (f)], (p)[(f)])

/* Eight points per step, two independent groups of four, so the two
 * compare-and-select chains over the centres overlap.  The chain is the
 * running minimum: min_pd(s, best) is exactly s < best ? s : best (4 cycles
 * on current cores, against compare then blend); the index follows with
 * and/andnot/or off the chain.  The first feature's
 * square starts the sum: 0 + t * t is t * t exactly (t * t is never -0),
 * which is the scalar loop's first step. */
#define KN_KERNEL(D)                                                                                   \
	__attribute__((target("avx2"))) static void kn_run_##D(const seg_knearest *kn, const double *x,   \
	                                                       size_t m, uint32_t *lab)                    \
	{                                                                                                  \
		const uint32_t k = kn->k;                                                                      \
		const double *c = kn->c;                                                                       \
		size_t i = 0;                                                                                  \
		for (; i + 8 <= m; i += 8) {                                                                   \
			const double *p = x + i * (D), *q = p + 4 * (D);                                           \
			__m256d xa[D], xb[D];                                                                      \
			for (int f = 0; f < (D); f++) {                                                            \
				xa[f] = KN_LANES(p, D, f);                                                             \
				xb[f] = KN_LANES(q, D, f);                                                             \
			}                                                                                          \
			__m256d ba = _mm256_set1_pd(__builtin_inf()), bb = ba;                                     \
			__m256d ia = _mm256_setzero_pd(), ib = ia;                                                 \
			for (uint32_t j = 0; j < k; j++) {                                                         \
				const double *cj = c + (size_t)j * (D);                                                \
				__m256d cf = _mm256_broadcast_sd(cj);                                                  \
				__m256d ta = _mm256_sub_pd(xa[0], cf), tb = _mm256_sub_pd(xb[0], cf);                  \
				__m256d sa = _mm256_mul_pd(ta, ta), sb = _mm256_mul_pd(tb, tb);                        \
				for (int f = 1; f < (D); f++) {                                                        \
					cf = _mm256_broadcast_sd(cj + f);                                                  \
					ta = _mm256_sub_pd(xa[f], cf);                                                     \
					tb = _mm256_sub_pd(xb[f], cf);                                                     \
					sa = _mm256_add_pd(sa, _mm256_mul_pd(ta, ta));                                     \
					sb = _mm256_add_pd(sb, _mm256_mul_pd(tb, tb));                                     \
				}                                                                                      \
				__m256d jj = _mm256_set1_pd((double)j);                                                \
				__m256d la = _mm256_cmp_pd(sa, ba, _CMP_LT_OQ), lb = _mm256_cmp_pd(sb, bb, _CMP_LT_OQ); \
				ba = _mm256_min_pd(sa, ba); /* sa < ba ? sa : ba */                                    \
				bb = _mm256_min_pd(sb, bb);                                                            \
				ia = _mm256_or_pd(_mm256_and_pd(la, jj), _mm256_andnot_pd(la, ia));                    \
				ib = _mm256_or_pd(_mm256_and_pd(lb, jj), _mm256_andnot_pd(lb, ib));                    \
			}                                                                                          \
			_mm_storeu_si128((__m128i *)(lab + i), _mm256_cvttpd_epi32(ia));                           \
			_mm_storeu_si128((__m128i *)(lab + i + 4), _mm256_cvttpd_epi32(ib));                       \
		}                                                                                              \
		for (; i < m; i++) lab[i] = kn_one(c, k, (D), x + i * (D));                                    \
	}


/* Feature f of eight points with eight features each (64 doubles from p)
 * into f[0..7]: eight loads and an 8 x 8 transpose (24 shuffles), which
 * costs less than eight gathers. */
__attribute__((target("avx512f"), always_inline)) static inline void kn512_rows8(const double *p, __m512d *f)
{
	__m512d t[8], u[8];
	for (int r = 0; r < 8; r += 2) {
		__m512d a = _mm512_loadu_pd(p + 8 * r), b = _mm512_loadu_pd(p + 8 * r + 8);
		t[r] = _mm512_unpacklo_pd(a, b); /* a0 b0 | a2 b2 | a4 b4 | a6 b6 */
		t[r + 1] = _mm512_unpackhi_pd(a, b); /* a1 b1 | a3 b3 | a5 b5 | a7 b7 */
	}
	for (int h = 0; h < 8; h += 4) { /* rows 0-3, then 4-7 */
		u[h] = _mm512_shuffle_f64x2(t[h], t[h + 2], 0x88);     /* features 0, 4 */
		u[h + 1] = _mm512_shuffle_f64x2(t[h + 1], t[h + 3], 0x88); /* 1, 5 */
		u[h + 2] = _mm512_shuffle_f64x2(t[h], t[h + 2], 0xDD); /* 2, 6 */
		u[h + 3] = _mm512_shuffle_f64x2(t[h + 1], t[h + 3], 0xDD); /* 3, 7 */
	}
	for (int q = 0; q < 4; q++) {
		f[q] = _mm512_shuffle_f64x2(u[q], u[q + 4], 0x88);
		f[q + 4] = _mm512_shuffle_f64x2(u[q], u[q + 4], 0xDD);
	}
}

/* Feature f of the eight points at p (D features each) into xv[f]: gathers
 * (stride D), or the transpose for D = 8. */
#define KN512_LOAD(p, D, xv)                                                      \
	do {                                                                          \
		if ((D) == 8) {                                                           \
			kn512_rows8((p), (xv));                                               \
		} else {                                                                  \
			for (int f_ = 0; f_ < (D); f_++) xv[f_] = _mm512_i64gather_pd(vi, (p) + f_, 8); \
		}                                                                         \
	} while (0)

/* The same with AVX-512F: eight points per vector, sixteen per step; the
 * features of eight points come from KN512_LOAD, the running minimum's
 * comparison into a mask that moves the index. */
#define KN512_KERNEL(D)                                                                                \
	__attribute__((target("avx512f"))) static void kn512_run_##D(const seg_knearest *kn,              \
	                                                             const double *x, size_t m, uint32_t *lab) \
	{                                                                                                  \
		const uint32_t k = kn->k;                                                                      \
		const double *c = kn->c;                                                                       \
		const __m512i vi = _mm512_set_epi64(7 * (D), 6 * (D), 5 * (D), 4 * (D), 3 * (D), 2 * (D), (D), 0); \
		size_t i = 0;                                                                                  \
		for (; i + 16 <= m; i += 16) {                                                                 \
			const double *p = x + i * (D), *q = p + 8 * (D);                                           \
			__m512d xa[8], xb[8];                                                                      \
			KN512_LOAD(p, D, xa);                                                                      \
			KN512_LOAD(q, D, xb);                                                                      \
			__m512d ba = _mm512_set1_pd(__builtin_inf()), bb = ba;                                     \
			__m512i ia = _mm512_setzero_si512(), ib = ia;                                              \
			for (uint32_t j = 0; j < k; j++) {                                                         \
				const double *cj = c + (size_t)j * (D);                                                \
				__m512d cf = _mm512_set1_pd(cj[0]);                                                    \
				__m512d ta = _mm512_sub_pd(xa[0], cf), tb = _mm512_sub_pd(xb[0], cf);                  \
				__m512d sa = _mm512_mul_pd(ta, ta), sb = _mm512_mul_pd(tb, tb);                        \
				for (int f = 1; f < (D); f++) {                                                        \
					cf = _mm512_set1_pd(cj[f]);                                                        \
					ta = _mm512_sub_pd(xa[f], cf);                                                     \
					tb = _mm512_sub_pd(xb[f], cf);                                                     \
					sa = _mm512_add_pd(sa, _mm512_mul_pd(ta, ta));                                     \
					sb = _mm512_add_pd(sb, _mm512_mul_pd(tb, tb));                                     \
				}                                                                                      \
				__m512i jj = _mm512_set1_epi64((long long)j);                                          \
				__mmask8 la = _mm512_cmp_pd_mask(sa, ba, _CMP_LT_OQ), lb = _mm512_cmp_pd_mask(sb, bb, _CMP_LT_OQ); \
				ba = _mm512_min_pd(sa, ba); /* sa < ba ? sa : ba */                                    \
				bb = _mm512_min_pd(sb, bb);                                                            \
				ia = _mm512_mask_mov_epi64(ia, la, jj);                                                \
				ib = _mm512_mask_mov_epi64(ib, lb, jj);                                                \
			}                                                                                          \
			_mm256_storeu_si256((__m256i *)(lab + i), _mm512_cvtepi64_epi32(ia));                      \
			_mm256_storeu_si256((__m256i *)(lab + i + 8), _mm512_cvtepi64_epi32(ib));                  \
		}                                                                                              \
		for (; i < m; i++) lab[i] = kn_one(c, k, (D), x + i * (D));                                    \
	}

/* Every distance: each lane one point (four with AVX2, eight with
 * AVX-512F), one store per centre into its row of out. */
#define KN_DISTS(D)                                                                                    \
	__attribute__((target("avx2"))) static void kn_dists_##D(const seg_knearest *kn, const double *x, \
	                                                         size_t m, double *out, size_t stride)     \
	{                                                                                                  \
		const uint32_t k = kn->k;                                                                      \
		const double *c = kn->c;                                                                       \
		size_t i = 0;                                                                                  \
		for (; i + 4 <= m; i += 4) {                                                                   \
			const double *p = x + i * (D);                                                             \
			__m256d xa[D];                                                                             \
			for (int f = 0; f < (D); f++) xa[f] = KN_LANES(p, D, f);                                   \
			for (uint32_t j = 0; j < k; j++) {                                                         \
				const double *cj = c + (size_t)j * (D);                                                \
				__m256d ta = _mm256_sub_pd(xa[0], _mm256_broadcast_sd(cj));                            \
				__m256d sa = _mm256_mul_pd(ta, ta);                                                    \
				for (int f = 1; f < (D); f++) {                                                        \
					ta = _mm256_sub_pd(xa[f], _mm256_broadcast_sd(cj + f));                            \
					sa = _mm256_add_pd(sa, _mm256_mul_pd(ta, ta));                                     \
				}                                                                                      \
				_mm256_storeu_pd(out + (size_t)j * stride + i, sa);                                    \
			}                                                                                          \
		}                                                                                              \
		for (; i < m; i++) kn_row(c, k, (D), x + i * (D), out + i, stride);                            \
	}

#define KN512_DISTS(D)                                                                                 \
	__attribute__((target("avx512f"))) static void kn512_dists_##D(const seg_knearest *kn,            \
	                                                               const double *x, size_t m, double *out, \
	                                                               size_t stride)                      \
	{                                                                                                  \
		const uint32_t k = kn->k;                                                                      \
		const double *c = kn->c;                                                                       \
		const __m512i vi = _mm512_set_epi64(7 * (D), 6 * (D), 5 * (D), 4 * (D), 3 * (D), 2 * (D), (D), 0); \
		size_t i = 0;                                                                                  \
		for (; i + 8 <= m; i += 8) {                                                                   \
			const double *p = x + i * (D);                                                             \
			__m512d xa[8];                                                                             \
			KN512_LOAD(p, D, xa);                                                                      \
			for (uint32_t j = 0; j < k; j++) {                                                         \
				const double *cj = c + (size_t)j * (D);                                                \
				__m512d ta = _mm512_sub_pd(xa[0], _mm512_set1_pd(cj[0]));                              \
				__m512d sa = _mm512_mul_pd(ta, ta);                                                    \
				for (int f = 1; f < (D); f++) {                                                        \
					ta = _mm512_sub_pd(xa[f], _mm512_set1_pd(cj[f]));                                  \
					sa = _mm512_add_pd(sa, _mm512_mul_pd(ta, ta));                                     \
				}                                                                                      \
				_mm512_storeu_pd(out + (size_t)j * stride + i, sa);                                    \
			}                                                                                          \
		}                                                                                              \
		for (; i < m; i++) kn_row(c, k, (D), x + i * (D), out + i, stride);                            \
	}
#endif /* KN_AVX2 */

/* One point, the scalar loop the kernels reproduce. */
static inline uint32_t kn_one(const double *c, uint32_t k, size_t d, const double *x)
{
	uint32_t a = 0;
	double bd = 0.0;
	for (uint32_t j = 0; j < k; j++) {
		double s = 0.0;
		for (size_t f = 0; f < d; f++) {
			double t = x[f] - c[(size_t)j * d + f];
			s += t * t;
		}
		if (j == 0 || s < bd) {
			bd = s;
			a = j;
		}
	}
	return a;
}

/* One point's distances, the scalar loop the distance kernels reproduce. */
static inline void kn_row(const double *c, uint32_t k, size_t d, const double *x, double *out, size_t stride)
{
	for (uint32_t j = 0; j < k; j++) {
		double s = 0.0;
		for (size_t f = 0; f < d; f++) {
			double t = x[f] - c[(size_t)j * d + f];
			s += t * t;
		}
		out[(size_t)j * stride] = s;
	}
}

/* One point after centre j moved: all again when j was one of its two. */
static inline void kn_swap_one(uint32_t k, const double *D, size_t stride, uint32_t j, double *d1, uint32_t *a1,
                               double *d2, uint32_t *a2)
{
	if (*a1 == j || *a2 == j) seg_knearest_two_one(k, D, stride, d1, a1, d2, a2);
	else seg_knearest_take_one(D[(size_t)j * stride], j, d1, a1, d2, a2);
}

#ifdef KN_AVX2
/* The two nearest of four points (lanes) from the rows of D; indices as
 * doubles (exact below 2^53), moved by the comparison masks: "v < da"
 * takes both places, "da <= v < db" the second. */
__attribute__((target("avx2"))) static inline void kn_two_lanes(uint32_t k, const double *D, size_t stride,
                                                                __m256d *pda, __m256d *pia, __m256d *pdb,
                                                                __m256d *pib)
{
	const __m256d v0 = _mm256_loadu_pd(D), v1 = _mm256_loadu_pd(D + stride);
	const __m256d one = _mm256_set1_pd(1.0), zero = _mm256_setzero_pd();
	const __m256d s = _mm256_cmp_pd(v1, v0, _CMP_LT_OQ);
	__m256d da = _mm256_blendv_pd(v0, v1, s), db = _mm256_blendv_pd(v1, v0, s);
	__m256d ia = _mm256_blendv_pd(zero, one, s), ib = _mm256_blendv_pd(one, zero, s);
	for (uint32_t j = 2; j < k; j++) {
		const __m256d v = _mm256_loadu_pd(D + (size_t)j * stride), jj = _mm256_set1_pd((double)j);
		const __m256d l1 = _mm256_cmp_pd(v, da, _CMP_LT_OQ);
		const __m256d l2 = _mm256_andnot_pd(l1, _mm256_cmp_pd(v, db, _CMP_LT_OQ));
		db = _mm256_blendv_pd(_mm256_blendv_pd(db, v, l2), da, l1);
		ib = _mm256_blendv_pd(_mm256_blendv_pd(ib, jj, l2), ia, l1);
		da = _mm256_blendv_pd(da, v, l1);
		ia = _mm256_blendv_pd(ia, jj, l1);
	}
	*pda = da;
	*pia = ia;
	*pdb = db;
	*pib = ib;
}

__attribute__((target("avx2"))) static void kn_two(uint32_t k, const double *D, size_t stride, size_t m, double *d1,
                                                   uint32_t *a1, double *d2, uint32_t *a2)
{
	size_t i = 0;
	for (; i + 4 <= m; i += 4) {
		__m256d da, ia, db, ib;
		kn_two_lanes(k, D + i, stride, &da, &ia, &db, &ib);
		_mm256_storeu_pd(d1 + i, da);
		_mm256_storeu_pd(d2 + i, db);
		_mm_storeu_si128((__m128i *)(a1 + i), _mm256_cvttpd_epi32(ia));
		_mm_storeu_si128((__m128i *)(a2 + i), _mm256_cvttpd_epi32(ib));
	}
	for (; i < m; i++) seg_knearest_two_one(k, D + i, stride, d1 + i, a1 + i, d2 + i, a2 + i);
}

__attribute__((target("avx2"))) static void kn_swap(uint32_t k, const double *D, size_t stride, size_t m, uint32_t j,
                                                    double *d1, uint32_t *a1, double *d2, uint32_t *a2)
{
	const __m256d jj = _mm256_set1_pd((double)j);
	const double *Dj = D + (size_t)j * stride;
	size_t i = 0;
	for (; i + 4 <= m; i += 4) {
		__m256d da = _mm256_loadu_pd(d1 + i), db = _mm256_loadu_pd(d2 + i);
		__m256d ia = _mm256_cvtepi32_pd(_mm_loadu_si128((const __m128i *)(a1 + i)));
		__m256d ib = _mm256_cvtepi32_pd(_mm_loadu_si128((const __m128i *)(a2 + i)));
		const __m256d redo = _mm256_or_pd(_mm256_cmp_pd(ia, jj, _CMP_EQ_OQ), _mm256_cmp_pd(ib, jj, _CMP_EQ_OQ));
		const __m256d w = _mm256_loadu_pd(Dj + i);
		/* before the first (or second) when below it, or equal with j lower */
		const __m256d l1 = _mm256_or_pd(_mm256_cmp_pd(w, da, _CMP_LT_OQ),
		                                _mm256_and_pd(_mm256_cmp_pd(w, da, _CMP_EQ_OQ), _mm256_cmp_pd(ia, jj, _CMP_GT_OQ)));
		const __m256d l2 = _mm256_andnot_pd(
			l1, _mm256_or_pd(_mm256_cmp_pd(w, db, _CMP_LT_OQ),
		                     _mm256_and_pd(_mm256_cmp_pd(w, db, _CMP_EQ_OQ), _mm256_cmp_pd(ib, jj, _CMP_GT_OQ))));
		db = _mm256_blendv_pd(_mm256_blendv_pd(db, w, l2), da, l1);
		ib = _mm256_blendv_pd(_mm256_blendv_pd(ib, jj, l2), ia, l1);
		da = _mm256_blendv_pd(da, w, l1);
		ia = _mm256_blendv_pd(ia, jj, l1);
		if (_mm256_movemask_pd(redo)) {
			__m256d fa, fia, fb, fib;
			kn_two_lanes(k, D + i, stride, &fa, &fia, &fb, &fib);
			da = _mm256_blendv_pd(da, fa, redo);
			ia = _mm256_blendv_pd(ia, fia, redo);
			db = _mm256_blendv_pd(db, fb, redo);
			ib = _mm256_blendv_pd(ib, fib, redo);
		}
		_mm256_storeu_pd(d1 + i, da);
		_mm256_storeu_pd(d2 + i, db);
		_mm_storeu_si128((__m128i *)(a1 + i), _mm256_cvttpd_epi32(ia));
		_mm_storeu_si128((__m128i *)(a2 + i), _mm256_cvttpd_epi32(ib));
	}
	for (; i < m; i++) kn_swap_one(k, D + i, stride, j, d1 + i, a1 + i, d2 + i, a2 + i);
}

/* The same eight points at a time with AVX-512F, the comparisons as masks. */
__attribute__((target("avx512f"))) static inline void kn512_two_lanes(uint32_t k, const double *D, size_t stride,
                                                                      __m512d *pda, __m512i *pia, __m512d *pdb,
                                                                      __m512i *pib)
{
	const __m512d v0 = _mm512_loadu_pd(D), v1 = _mm512_loadu_pd(D + stride);
	const __m512i one = _mm512_set1_epi64(1), zero = _mm512_setzero_si512();
	const __mmask8 s = _mm512_cmp_pd_mask(v1, v0, _CMP_LT_OQ);
	__m512d da = _mm512_mask_mov_pd(v0, s, v1), db = _mm512_mask_mov_pd(v1, s, v0);
	__m512i ia = _mm512_mask_mov_epi64(zero, s, one), ib = _mm512_mask_mov_epi64(one, s, zero);
	for (uint32_t j = 2; j < k; j++) {
		const __m512d v = _mm512_loadu_pd(D + (size_t)j * stride);
		const __m512i jj = _mm512_set1_epi64((long long)j);
		const __mmask8 l1 = _mm512_cmp_pd_mask(v, da, _CMP_LT_OQ);
		const __mmask8 l2 = (__mmask8)(_mm512_cmp_pd_mask(v, db, _CMP_LT_OQ) & ~l1);
		db = _mm512_mask_mov_pd(_mm512_mask_mov_pd(db, l2, v), l1, da);
		ib = _mm512_mask_mov_epi64(_mm512_mask_mov_epi64(ib, l2, jj), l1, ia);
		da = _mm512_mask_mov_pd(da, l1, v);
		ia = _mm512_mask_mov_epi64(ia, l1, jj);
	}
	*pda = da;
	*pia = ia;
	*pdb = db;
	*pib = ib;
}

__attribute__((target("avx512f"))) static void kn512_two(uint32_t k, const double *D, size_t stride, size_t m,
                                                         double *d1, uint32_t *a1, double *d2, uint32_t *a2)
{
	size_t i = 0;
	for (; i + 8 <= m; i += 8) {
		__m512d da, db;
		__m512i ia, ib;
		kn512_two_lanes(k, D + i, stride, &da, &ia, &db, &ib);
		_mm512_storeu_pd(d1 + i, da);
		_mm512_storeu_pd(d2 + i, db);
		_mm256_storeu_si256((__m256i *)(a1 + i), _mm512_cvtepi64_epi32(ia));
		_mm256_storeu_si256((__m256i *)(a2 + i), _mm512_cvtepi64_epi32(ib));
	}
	for (; i < m; i++) seg_knearest_two_one(k, D + i, stride, d1 + i, a1 + i, d2 + i, a2 + i);
}

__attribute__((target("avx512f"))) static void kn512_swap(uint32_t k, const double *D, size_t stride, size_t m,
                                                          uint32_t j, double *d1, uint32_t *a1, double *d2,
                                                          uint32_t *a2)
{
	const __m512i jj = _mm512_set1_epi64((long long)j);
	const double *Dj = D + (size_t)j * stride;
	size_t i = 0;
	for (; i + 8 <= m; i += 8) {
		__m512d da = _mm512_loadu_pd(d1 + i), db = _mm512_loadu_pd(d2 + i);
		__m512i ia = _mm512_cvtepu32_epi64(_mm256_loadu_si256((const __m256i *)(a1 + i)));
		__m512i ib = _mm512_cvtepu32_epi64(_mm256_loadu_si256((const __m256i *)(a2 + i)));
		const __mmask8 redo = (__mmask8)(_mm512_cmpeq_epi64_mask(ia, jj) | _mm512_cmpeq_epi64_mask(ib, jj));
		const __m512d w = _mm512_loadu_pd(Dj + i);
		const __mmask8 l1 = (__mmask8)(_mm512_cmp_pd_mask(w, da, _CMP_LT_OQ) |
		                               (_mm512_cmp_pd_mask(w, da, _CMP_EQ_OQ) & _mm512_cmpgt_epi64_mask(ia, jj)));
		const __mmask8 l2 = (__mmask8)((_mm512_cmp_pd_mask(w, db, _CMP_LT_OQ) |
		                                (_mm512_cmp_pd_mask(w, db, _CMP_EQ_OQ) & _mm512_cmpgt_epi64_mask(ib, jj))) &
		                               ~l1);
		db = _mm512_mask_mov_pd(_mm512_mask_mov_pd(db, l2, w), l1, da);
		ib = _mm512_mask_mov_epi64(_mm512_mask_mov_epi64(ib, l2, jj), l1, ia);
		da = _mm512_mask_mov_pd(da, l1, w);
		ia = _mm512_mask_mov_epi64(ia, l1, jj);
		if (redo) {
			__m512d fa, fb;
			__m512i fia, fib;
			kn512_two_lanes(k, D + i, stride, &fa, &fia, &fb, &fib);
			da = _mm512_mask_mov_pd(da, redo, fa);
			ia = _mm512_mask_mov_epi64(ia, redo, fia);
			db = _mm512_mask_mov_pd(db, redo, fb);
			ib = _mm512_mask_mov_epi64(ib, redo, fib);
		}
		_mm512_storeu_pd(d1 + i, da);
		_mm512_storeu_pd(d2 + i, db);
		_mm256_storeu_si256((__m256i *)(a1 + i), _mm512_cvtepi64_epi32(ia));
		_mm256_storeu_si256((__m256i *)(a2 + i), _mm512_cvtepi64_epi32(ib));
	}
	for (; i < m; i++) kn_swap_one(k, D + i, stride, j, d1 + i, a1 + i, d2 + i, a2 + i);
}
#endif

#ifdef KN_AVX2
/* Each kernel for d = 1..8, and its table by d. */
#define KN_EACH_D(M) M(1) M(2) M(3) M(4) M(5) M(6) M(7) M(8)
#define KN_TABLE(prefix) {NULL, prefix##1, prefix##2, prefix##3, prefix##4, prefix##5, prefix##6, prefix##7, prefix##8}
KN_EACH_D(KN_KERNEL)
KN_EACH_D(KN512_KERNEL)
KN_EACH_D(KN_DISTS)
KN_EACH_D(KN512_DISTS)
static const seg_knearest_fn kn_kernels[SEG_KNEAREST_MAX_D + 1] = KN_TABLE(kn_run_);
static const seg_knearest_fn kn512_kernels[SEG_KNEAREST_MAX_D + 1] = KN_TABLE(kn512_run_);
static const seg_knearest_dists_fn kn_dists_kernels[SEG_KNEAREST_MAX_D + 1] = KN_TABLE(kn_dists_);
static const seg_knearest_dists_fn kn512_dists_kernels[SEG_KNEAREST_MAX_D + 1] = KN_TABLE(kn512_dists_);
#endif

static bool kn_isa_ok(seg_knearest_isa isa)
{
#ifdef KN_AVX2
	switch (isa) {
	case SEG_KNEAREST_AVX2: return __builtin_cpu_supports("avx2");
	case SEG_KNEAREST_AVX512: return __builtin_cpu_supports("avx512f");
	default: return __builtin_cpu_supports("avx2") || __builtin_cpu_supports("avx512f");
	}
#else
	(void)isa;
	return false;
#endif
}

bool seg_knearest_fits(uint32_t k, size_t d)
{
	if (d < 1 || d > SEG_KNEAREST_MAX_D || k < 1 || k > SEG_KNEAREST_MAX_K) return false;
	return kn_isa_ok(SEG_KNEAREST_BEST);
}

bool seg_knearest_init_isa(seg_knearest *kn, const double *centroids, uint32_t k, size_t d, seg_knearest_isa isa)
{
	memset(kn, 0, offsetof(seg_knearest, c));
	if (d < 1 || d > SEG_KNEAREST_MAX_D || k < 1 || k > SEG_KNEAREST_MAX_K || !kn_isa_ok(isa)) return false;
#ifdef KN_AVX2
	if (isa == SEG_KNEAREST_BEST) isa = __builtin_cpu_supports("avx512f") ? SEG_KNEAREST_AVX512 : SEG_KNEAREST_AVX2;
	kn->k = k;
	kn->d = (uint32_t)d;
	kn->run = isa == SEG_KNEAREST_AVX512 ? kn512_kernels[d] : kn_kernels[d];
	kn->dists = isa == SEG_KNEAREST_AVX512 ? kn512_dists_kernels[d] : kn_dists_kernels[d];
	kn->two = isa == SEG_KNEAREST_AVX512 ? kn512_two : kn_two;
	kn->swap = isa == SEG_KNEAREST_AVX512 ? kn512_swap : kn_swap;
	seg_knearest_set(kn, centroids);
	return true;
#else
	(void)centroids;
	return false;
#endif
}

bool seg_knearest_init(seg_knearest *kn, const double *centroids, uint32_t k, size_t d)
{
	return seg_knearest_init_isa(kn, centroids, k, d, SEG_KNEAREST_BEST);
}

void seg_knearest_set(seg_knearest *kn, const double *centroids)
{
	memcpy(kn->c, centroids, (size_t)kn->k * kn->d * sizeof(double));
}
