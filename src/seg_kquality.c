/*
 * seg_kquality.c - silhouette score and the choice of k.
 *
 * The exact silhouette needs, for every point, the sum of its distances to
 * every cluster.  The (sampled) points are copied once, grouped by cluster
 * (index order within a cluster) and stored feature-major ("structure of
 * arrays": feature f of point p at xt[f * stride + p]), so the distances from one
 * point to a run of points are a few unit-stride streams.  Clusters are then
 * taken in pairs (a, b), a <= b, and each pair's block of distances is
 * computed once, in tiles that stay in the L1/L2 cache:
 *
 *   a < b   row sums give every point of a its total distance to b, column
 *           sums every point of b its total distance to a; both are
 *           complete when the pair is done, so the lowest mean distance to
 *           another cluster is updated right away (no n x k table);
 *   a == b  only j > i, added to both i's and j's intra-cluster sum.
 *
 * The inner loop handles eight points at once with SSE2 (sixteen with AVX2
 * when the CPU has it), else the same arithmetic in scalar code, in the
 * same order: every path gives the same bits.
 */
#include "seg_kquality.h"

#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "seg_prng.h"

#if (defined(__SSE2__) || defined(_M_X64) || (defined(_M_IX86_FP) && _M_IX86_FP >= 2)) && \
	!defined(SEG_KQUALITY_SCALAR)
#include <emmintrin.h>
#define KQ_SSE2 1
#endif

static uint32_t sat32(size_t v)
{
	return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

/* Neumaier summation. */
static inline void nsum_add(double *s, double *c, double x)
{
	double t = *s + x;
	if (fabs(*s) >= fabs(x))
		*c += (*s - t) + x;
	else
		*c += (x - t) + *s;
	*s = t;
}

typedef struct kq_work {
	size_t m, d;      /* m: the feature stride of xt (the point count + KQ_PAD) */
	const double *xt; /* d x m, feature-major */
	double *xi;       /* d: the coordinates of the current row point */
	bool avx2;
} kq_work;

/* With GCC or clang on x86, AVX2 when the CPU has it (chosen at run time
 * per call): row_to_run()'s loop with four points to a register and sixteen
 * at once; the same arithmetic (no FMA), the same partial sums (offset q to
 * r[q % 8]), in the same order, so the same bits.  Returns how many points
 * it did (a multiple of 16). */
#if defined(KQ_SSE2) && (defined(__GNUC__) || defined(__clang__)) && (defined(__x86_64__) || defined(__i386__)) && \
	!defined(SEG_KQUALITY_NO_AVX2)
#include <immintrin.h>
#define KQ_AVX2 1
__attribute__((target("avx2"))) static size_t row_block_avx2(const double *restrict xt, size_t m, size_t d,
	const double *restrict xi, size_t len, double *restrict col, double *r)
{
	size_t q = 0;
	__m256d ra = _mm256_setzero_pd(), rb = ra;
	for (; q + 16 <= len; q += 16) {
		__m256d c = _mm256_set1_pd(xi[0]);
		__m256d e0 = _mm256_sub_pd(c, _mm256_loadu_pd(xt + q));
		__m256d e1 = _mm256_sub_pd(c, _mm256_loadu_pd(xt + q + 4));
		__m256d e2 = _mm256_sub_pd(c, _mm256_loadu_pd(xt + q + 8));
		__m256d e3 = _mm256_sub_pd(c, _mm256_loadu_pd(xt + q + 12));
		__m256d s0 = _mm256_mul_pd(e0, e0), s1 = _mm256_mul_pd(e1, e1);
		__m256d s2 = _mm256_mul_pd(e2, e2), s3 = _mm256_mul_pd(e3, e3);
		for (size_t f = 1; f < d; f++) {
			const double *p = xt + f * m + q;
			c = _mm256_set1_pd(xi[f]);
			e0 = _mm256_sub_pd(c, _mm256_loadu_pd(p));
			e1 = _mm256_sub_pd(c, _mm256_loadu_pd(p + 4));
			e2 = _mm256_sub_pd(c, _mm256_loadu_pd(p + 8));
			e3 = _mm256_sub_pd(c, _mm256_loadu_pd(p + 12));
			s0 = _mm256_add_pd(s0, _mm256_mul_pd(e0, e0));
			s1 = _mm256_add_pd(s1, _mm256_mul_pd(e1, e1));
			s2 = _mm256_add_pd(s2, _mm256_mul_pd(e2, e2));
			s3 = _mm256_add_pd(s3, _mm256_mul_pd(e3, e3));
		}
		s0 = _mm256_sqrt_pd(s0);
		s1 = _mm256_sqrt_pd(s1);
		s2 = _mm256_sqrt_pd(s2);
		s3 = _mm256_sqrt_pd(s3);
		ra = _mm256_add_pd(ra, s0);
		rb = _mm256_add_pd(rb, s1);
		ra = _mm256_add_pd(ra, s2);
		rb = _mm256_add_pd(rb, s3);
		_mm256_storeu_pd(col + q, _mm256_add_pd(_mm256_loadu_pd(col + q), s0));
		_mm256_storeu_pd(col + q + 4, _mm256_add_pd(_mm256_loadu_pd(col + q + 4), s1));
		_mm256_storeu_pd(col + q + 8, _mm256_add_pd(_mm256_loadu_pd(col + q + 8), s2));
		_mm256_storeu_pd(col + q + 12, _mm256_add_pd(_mm256_loadu_pd(col + q + 12), s3));
	}
	_mm256_storeu_pd(r, ra);
	_mm256_storeu_pd(r + 4, rb);
	return q;
}
#endif

/*
 * Distances from point i (coordinates w->xi) to points j0 .. j1-1: each
 * distance is added to col[j - j0]; returns their sum.  The sum is kept in
 * eight partial sums, the distance at offset q going to r[q % 8], added up
 * in a fixed order at the end.  Eight points are handled at once (four SSE2
 * registers of two): the chains of additions over the features are then
 * independent, which is what bounds the speed for d >= 4, not the square
 * roots.  The scalar code does the same arithmetic in the same order.
 */
static double row_to_run(const kq_work *w, size_t j0, size_t j1, double *restrict col)
{
	const size_t m = w->m, d = w->d;
	const double *restrict xt = w->xt + j0;
	const double *restrict xi = w->xi;
	const size_t len = j1 - j0;
	double r[8] = {0, 0, 0, 0, 0, 0, 0, 0};
	size_t q = 0;
#ifdef KQ_AVX2
	if (w->avx2) q = row_block_avx2(xt, m, d, xi, len, col, r);
#endif
#ifdef KQ_SSE2
	__m128d r01 = _mm_loadu_pd(r), r23 = _mm_loadu_pd(r + 2), r45 = _mm_loadu_pd(r + 4), r67 = _mm_loadu_pd(r + 6);
	for (; q + 8 <= len; q += 8) {
		__m128d c = _mm_set1_pd(xi[0]);
		__m128d e0 = _mm_sub_pd(c, _mm_loadu_pd(xt + q));
		__m128d e1 = _mm_sub_pd(c, _mm_loadu_pd(xt + q + 2));
		__m128d e2 = _mm_sub_pd(c, _mm_loadu_pd(xt + q + 4));
		__m128d e3 = _mm_sub_pd(c, _mm_loadu_pd(xt + q + 6));
		__m128d s0 = _mm_mul_pd(e0, e0), s1 = _mm_mul_pd(e1, e1);
		__m128d s2 = _mm_mul_pd(e2, e2), s3 = _mm_mul_pd(e3, e3);
		for (size_t f = 1; f < d; f++) {
			const double *p = xt + f * m + q;
			c = _mm_set1_pd(xi[f]);
			e0 = _mm_sub_pd(c, _mm_loadu_pd(p));
			e1 = _mm_sub_pd(c, _mm_loadu_pd(p + 2));
			e2 = _mm_sub_pd(c, _mm_loadu_pd(p + 4));
			e3 = _mm_sub_pd(c, _mm_loadu_pd(p + 6));
			s0 = _mm_add_pd(s0, _mm_mul_pd(e0, e0));
			s1 = _mm_add_pd(s1, _mm_mul_pd(e1, e1));
			s2 = _mm_add_pd(s2, _mm_mul_pd(e2, e2));
			s3 = _mm_add_pd(s3, _mm_mul_pd(e3, e3));
		}
		s0 = _mm_sqrt_pd(s0);
		s1 = _mm_sqrt_pd(s1);
		s2 = _mm_sqrt_pd(s2);
		s3 = _mm_sqrt_pd(s3);
		r01 = _mm_add_pd(r01, s0);
		r23 = _mm_add_pd(r23, s1);
		r45 = _mm_add_pd(r45, s2);
		r67 = _mm_add_pd(r67, s3);
		_mm_storeu_pd(col + q, _mm_add_pd(_mm_loadu_pd(col + q), s0));
		_mm_storeu_pd(col + q + 2, _mm_add_pd(_mm_loadu_pd(col + q + 2), s1));
		_mm_storeu_pd(col + q + 4, _mm_add_pd(_mm_loadu_pd(col + q + 4), s2));
		_mm_storeu_pd(col + q + 6, _mm_add_pd(_mm_loadu_pd(col + q + 6), s3));
	}
	_mm_storeu_pd(r, r01);
	_mm_storeu_pd(r + 2, r23);
	_mm_storeu_pd(r + 4, r45);
	_mm_storeu_pd(r + 6, r67);
#else
	for (; q + 8 <= len; q += 8) {
		double s[8];
		for (size_t l = 0; l < 8; l++) {
			double e = xi[0] - xt[q + l];
			s[l] = e * e;
		}
		for (size_t f = 1; f < d; f++) {
			const double *p = xt + f * m + q;
			for (size_t l = 0; l < 8; l++) {
				double e = xi[f] - p[l];
				double sq = e * e;
				s[l] = s[l] + sq;
			}
		}
		for (size_t l = 0; l < 8; l++) {
			double dist = sqrt(s[l]);
			r[l] += dist;
			col[q + l] += dist;
		}
	}
#endif
	for (; q < len; q++) {
		double e = xi[0] - xt[q];
		double s = e * e;
		for (size_t f = 1; f < d; f++) {
			e = xi[f] - xt[f * m + q];
			double sq = e * e;
			s = s + sq;
		}
		double dist = sqrt(s);
		r[q & 7] += dist;
		col[q] += dist;
	}
	return ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
}

static inline void load_point(kq_work *w, size_t i)
{
	for (size_t f = 0; f < w->d; f++) w->xi[f] = w->xt[f * w->m + i];
}

/* Large arrays start on a page boundary, so without a skew the sums stored
 * to (buf) and the coordinates loaded (xt, features m apart) would share
 * their address bits below 4096 for common m, and the CPU would stall loads
 * on false store dependencies ("4K aliasing"): xt starts KQ_SKEW doubles in
 * and its features are m + KQ_PAD apart. */
#define KQ_SKEW 40
#define KQ_PAD  24

/* Tile sizes: a column tile of about 16 KiB of coordinates. */
static size_t tile_cols(size_t d)
{
	size_t t = 2048 / d;
	if (t < 16) t = 16;
	return t & ~(size_t)15;
}
#define ROW_TILE 128

/* Pairs i < j within [a0, a1): both sums go to sum[]. */
static void block_intra(kq_work *w, size_t a0, size_t a1, double *sum)
{
	const size_t tc = tile_cols(w->d);
	for (size_t j0 = a0; j0 < a1; j0 += tc) {
		size_t j1 = j0 + tc < a1 ? j0 + tc : a1;
		for (size_t i = a0; i + 1 < j1; i++) {
			size_t js = i + 1 > j0 ? i + 1 : j0;
			load_point(w, i);
			sum[i] += row_to_run(w, js, j1, sum + js);
		}
	}
}

/* Pairs (i in [a0, a1), j in [b0, b1)): rows to acc[i], columns to acc[j]. */
static void block_cross(kq_work *w, size_t a0, size_t a1, size_t b0, size_t b1, double *acc)
{
	const size_t tc = tile_cols(w->d);
	for (size_t i0 = a0; i0 < a1; i0 += ROW_TILE) {
		size_t i1 = i0 + ROW_TILE < a1 ? i0 + ROW_TILE : a1;
		for (size_t j0 = b0; j0 < b1; j0 += tc) {
			size_t j1 = j0 + tc < b1 ? j0 + tc : b1;
			for (size_t i = i0; i < i1; i++) {
				load_point(w, i);
				acc[i] += row_to_run(w, j0, j1, acc + j0);
			}
		}
	}
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

seg_status seg_silhouette(const double *x, size_t n, size_t d, const uint32_t *labels, uint32_t k, size_t sample,
                          uint64_t seed, double *score, seg_error *err)
{
	seg_error_clear(err);
	if (n == 0) return seg_error_set(err, SEG_E_ARGUMENT, "the silhouette needs points; there are none");
	if (d == 0) return seg_error_set(err, SEG_E_ARGUMENT, "the silhouette needs at least one feature");
	if (k == 0) return seg_error_set(err, SEG_E_ARGUMENT, "the silhouette needs k >= 1");
	for (size_t i = 0; i < n; i++) {
		if (labels[i] >= k) {
			seg_status st = seg_error_set(err, SEG_E_ARGUMENT, "point %zu: label %u is not below k = %u", i + 1,
				labels[i], k);
			if (err) err->line = sat32(i + 1);
			return st;
		}
	}
	for (size_t i = 0; i < n; i++) {
		for (size_t f = 0; f < d; f++) {
			double v = x[i * d + f];
			if (!isfinite(v)) {
				seg_status st = seg_error_set(err, SEG_E_ARGUMENT, "point %zu, feature %zu: the value is %s", i + 1,
					f + 1, isnan(v) ? "NaN" : "infinite");
				if (err) {
					err->line = sat32(i + 1);
					err->column = sat32(f + 1);
				}
				return st;
			}
		}
	}

	const size_t m = sample == 0 || sample >= n ? n : sample;
	seg_status st = SEG_OK;
	size_t *idx = NULL, *order = NULL, *start = NULL;
	double *xt_block = NULL, *buf = NULL;

	/* The sample: the first m of a partial Fisher-Yates shuffle, in index order. */
	if (m < n) {
		idx = malloc(n * sizeof *idx);
		if (!idx) goto nomem;
		for (size_t i = 0; i < n; i++) idx[i] = i;
		seg_prng g;
		seg_prng_seed(&g, seed);
		for (size_t t = 0; t < m; t++) {
			size_t r = t + (size_t)seg_prng_below(&g, (uint64_t)(n - t));
			size_t tmp = idx[t];
			idx[t] = idx[r];
			idx[r] = tmp;
		}
		qsort(idx, m, sizeof *idx, cmp_size);
	}

	/* Group by cluster: a counting sort (stable, so index order within). */
	start = calloc((size_t)k + 1, sizeof *start);
	order = malloc(m * sizeof *order);
	if (!start || !order) goto nomem;
	for (size_t p = 0; p < m; p++) start[labels[idx ? idx[p] : p] + 1]++;
	size_t present = 0;
	for (uint32_t c = 0; c < k; c++) {
		if (start[c + 1]) present++;
		start[c + 1] += start[c];
	}
	if (m < 3) {
		st = seg_error_set(err, SEG_E_ARGUMENT, "the silhouette needs at least 3 points%s, not %zu",
			m < n ? " in the sample" : "", m);
		goto done;
	}
	if (present < 2 || present > m - 1) {
		st = seg_error_set(err, SEG_E_ARGUMENT,
			"the silhouette needs between 2 and %zu clusters (the number of points%s minus 1), not %zu",
			m - 1, m < n ? " in the sample" : "", present);
		goto done;
	}
	{
		size_t *fill = malloc((size_t)k * sizeof *fill);
		if (!fill) goto nomem;
		memcpy(fill, start, (size_t)k * sizeof *fill);
		for (size_t p = 0; p < m; p++) {
			size_t i = idx ? idx[p] : p;
			order[fill[labels[i]]++] = i;
		}
		free(fill);
	}

	/* The coordinates, feature-major, scaled by a power of two when the
	 * largest magnitude is far from 1 (squares must neither overflow nor
	 * underflow); every distance is then scaled by the same exact factor,
	 * which the ratios cancel. */
	const size_t stride = m + KQ_PAD;
	xt_block = malloc((KQ_SKEW + stride * d) * sizeof *xt_block);
	buf = malloc((3 * m + d) * sizeof *buf);
	if (!xt_block || !buf) goto nomem;
	double *xt = xt_block + KQ_SKEW;
	double amax = 0.0;
	for (size_t p = 0; p < m; p++) {
		const double *row = x + order[p] * d;
		for (size_t f = 0; f < d; f++) {
			xt[f * stride + p] = row[f];
			if (fabs(row[f]) > amax) amax = fabs(row[f]);
		}
	}
	if (amax > 0x1p400 || (amax > 0.0 && amax < 0x1p-400)) {
		int e = ilogb(amax);
		for (size_t f = 0; f < d; f++)
			for (size_t p = 0; p < m; p++) xt[f * stride + p] = ldexp(xt[f * stride + p], -e);
	}

	double *intra = buf, *best = buf + m, *acc = buf + 2 * m;
	kq_work w = {stride, d, xt, buf + 3 * m, false};
#ifdef KQ_AVX2
	w.avx2 = __builtin_cpu_supports("avx2");
#endif
	for (size_t p = 0; p < m; p++) {
		intra[p] = 0.0;
		best[p] = INFINITY;
	}
	for (uint32_t a = 0; a < k; a++) {
		size_t a0 = start[a], a1 = start[a + 1];
		if (a0 == a1) continue;
		block_intra(&w, a0, a1, intra);
		for (uint32_t b = a + 1; b < k; b++) {
			size_t b0 = start[b], b1 = start[b + 1];
			if (b0 == b1) continue;
			for (size_t p = a0; p < a1; p++) acc[p] = 0.0;
			for (size_t p = b0; p < b1; p++) acc[p] = 0.0;
			block_cross(&w, a0, a1, b0, b1, acc);
			double na = (double)(a1 - a0), nb = (double)(b1 - b0);
			for (size_t p = a0; p < a1; p++) {
				double mean = acc[p] / nb;
				if (mean < best[p]) best[p] = mean;
			}
			for (size_t p = b0; p < b1; p++) {
				double mean = acc[p] / na;
				if (mean < best[p]) best[p] = mean;
			}
		}
	}

	double s = 0.0, c = 0.0;
	for (uint32_t a = 0; a < k; a++) {
		size_t a0 = start[a], a1 = start[a + 1];
		if (a1 - a0 < 2) continue; /* alone: s(i) = 0 */
		double denom = (double)(a1 - a0 - 1);
		for (size_t p = a0; p < a1; p++) {
			double ai = intra[p] / denom, bi = best[p];
			double mx = ai > bi ? ai : bi;
			if (mx > 0.0) nsum_add(&s, &c, (bi - ai) / mx);
		}
	}
	*score = (s + c) / (double)m;
	goto done;

nomem:
	st = seg_error_set(err, SEG_E_NOMEM, "out of memory");
done:
	free(idx);
	free(order);
	free(start);
	free(xt_block);
	free(buf);
	return st;
}

seg_status seg_kmeans_suggest_k(const double *x, size_t n, size_t d, uint32_t k_min, uint32_t k_max,
                                const seg_kmeans_options *o, size_t sample, seg_kquality_row *rows,
                                uint32_t *suggested, seg_error *err)
{
	seg_error_clear(err);
	if (k_min < 1 || k_min > k_max)
		return seg_error_set(err, SEG_E_ARGUMENT, "k_min must be at least 1 and at most k_max (k_min %u, k_max %u)",
			k_min, k_max);
	if (k_max > n || k_max > SEG_KMEANS_MAX_K)
		return seg_error_set(err, SEG_E_ARGUMENT, "k_max %u is above the number of points (%zu) or %d", k_max, n,
			SEG_KMEANS_MAX_K);
	if (d == 0 || d > SEG_KMEANS_MAX_D)
		return seg_error_set(err, SEG_E_ARGUMENT, "the number of features must be 1 to %d, not %zu", SEG_KMEANS_MAX_D,
			d);

	double *centroids = malloc((size_t)k_max * d * sizeof *centroids);
	uint32_t *labels = malloc(n * sizeof *labels);
	if (!centroids || !labels) {
		free(centroids);
		free(labels);
		return seg_error_set(err, SEG_E_NOMEM, "out of memory");
	}

	seg_status st = SEG_OK;
	seg_kmeans_options ko = *o;
	ko.init = NULL;
	uint32_t best_k = k_min;
	double best_s = NAN;
	for (uint32_t k = k_min; k <= k_max; k++) {
		seg_kquality_row *row = &rows[k - k_min];
		seg_kmeans_info info;
		ko.k = k;
		st = seg_kmeans_fit(x, n, d, &ko, centroids, labels, &info, err);
		if (st != SEG_OK) break;
		row->k = k;
		row->inertia = info.inertia;
		row->iterations = info.iterations;
		row->silhouette = NAN;
		if (k >= 2) {
			double sc;
			seg_error serr;
			seg_status sst = seg_silhouette(x, n, d, labels, k, sample, o->seed, &sc, &serr);
			if (sst == SEG_OK) {
				row->silhouette = sc;
			} else if (sst != SEG_E_ARGUMENT) { /* out of memory */
				if (err) *err = serr;
				st = sst;
				break;
			}
		}
		if (!isnan(row->silhouette) && (isnan(best_s) || row->silhouette > best_s)) {
			best_s = row->silhouette;
			best_k = k;
		}
	}
	free(centroids);
	free(labels);
	if (st == SEG_OK) *suggested = best_k;
	return st;
}
