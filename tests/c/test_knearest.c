/*
 * test_knearest.c - seg_knearest.h: the labels of the vector kernel equal a
 * nearest-centre search one point at a time, written here, on every d and
 * many k, run lengths (every tail after the blocks of eight), exact ties,
 * duplicate centres, and values of very different magnitudes; and the
 * distances kernel gives the same bits as that search's sums.
 */
#include "seg_test.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "seg_knearest.h"

static uint64_t kn_rng = 0x9E3779B97F4A7C15ull;

static uint64_t kn_rnd(void)
{
	kn_rng ^= kn_rng >> 12;
	kn_rng ^= kn_rng << 25;
	kn_rng ^= kn_rng >> 27;
	return kn_rng * 0x2545F4914F6CDD1Dull;
}

/* the lowest index among the centres at the smallest sum of squares in
 * feature order */
static uint32_t nearest_here(const double *x, const double *c, uint32_t k, size_t d)
{
	uint32_t best = 0;
	double bd = 0;
	for (uint32_t j = 0; j < k; j++) {
		double s = 0;
		for (size_t f = 0; f < d; f++) {
			double t = x[f] - c[j * d + f];
			s = s + t * t;
		}
		if (j == 0 || s < bd) {
			bd = s;
			best = j;
		}
	}
	return best;
}

static double value(int kind)
{
	switch (kind) {
	case 0: return (double)(kn_rnd() % 3); /* ties everywhere */
	case 1: return (double)(int64_t)(kn_rnd() % 2001) / 100.0 - 10.0;
	default: /* magnitudes from 1e-30 to 1e30 */
		return ldexp((double)(kn_rnd() % 1000) - 500.0, (int)(kn_rnd() % 200) - 100);
	}
}

SEG_TEST(knearest_matches_one_at_a_time)
{
	static const uint32_t ks[] = {1, 2, 3, 4, 5, 7, 8, 9, 16, 31, 64};
	seg_knearest *kn = malloc(sizeof *kn);
	double *x = malloc(100 * SEG_KNEAREST_MAX_D * sizeof(double));
	double *c = malloc(SEG_KNEAREST_MAX_K * SEG_KNEAREST_MAX_D * sizeof(double));
	uint32_t lab[100];
	static const seg_knearest_isa isas[] = {SEG_KNEAREST_AVX2, SEG_KNEAREST_AVX512};
	static const char *const isa_names[] = {"AVX2", "AVX-512F"};
	for (int v = 0; v < 2; v++) {
	int ran = 0;
	for (size_t d = 1; d <= SEG_KNEAREST_MAX_D; d++)
		for (size_t b = 0; b < sizeof ks / sizeof ks[0]; b++)
			for (int kind = 0; kind < 3; kind++) {
				const uint32_t k = ks[b];
				for (size_t q = 0; q < k * d; q++) c[q] = value(kind);
				if (k > 2) memcpy(c + (k - 1) * d, c + d, d * sizeof(double)); /* a duplicate centre */
				for (size_t q = 0; q < 100 * d; q++) x[q] = value(kind);
				memcpy(x + 5 * d, c + 2 % k * d, d * sizeof(double)); /* a point on a centre */
				if (!seg_knearest_init_isa(kn, c, k, d, isas[v])) continue;
				ran++;
				for (size_t m = 0; m <= 22; m++) { /* every tail, and a few blocks */
					size_t len = m < 19 ? m : m < 21 ? 31 + (m - 19) * 2 : 100 - (m - 21);
					for (size_t i = 0; i < len; i++) lab[i] = UINT32_MAX;
					seg_knearest_run(kn, x, len, lab);
					for (size_t i = 0; i < len; i++) {
						uint32_t want = nearest_here(x + i * d, c, k, d);
						if (lab[i] != want)
							seg_test_fail(__FILE__, __LINE__, "%s d=%zu k=%u kind=%d len=%zu point %zu: %u, expected %u",
								isa_names[v], d, k, kind, len, i, lab[i], want);
					}
				}
				/* new centres through seg_knearest_set */
				for (size_t q = 0; q < k * d; q++) c[q] = value(kind);
				seg_knearest_set(kn, c);
				seg_knearest_run(kn, x, 100, lab);
				for (size_t i = 0; i < 100; i++) CHECK_EQ_UINT(lab[i], nearest_here(x + i * d, c, k, d));
			}
	if (!ran) printf("note: this CPU has no %s: that kernel was not checked\n", isa_names[v]);
	}
	/* where a kernel cannot run (no AVX2, no AVX-512F) it is not checked,
	 * but the limits must still refuse */
	CHECK(!seg_knearest_init(kn, c, 0, 3));
	CHECK(!seg_knearest_init(kn, c, SEG_KNEAREST_MAX_K + 1, 3));
	CHECK(!seg_knearest_init(kn, c, 4, 0));
	CHECK(!seg_knearest_init(kn, c, 4, SEG_KNEAREST_MAX_D + 1));
	free(kn);
	free(x);
	free(c);
}

SEG_TEST(knearest_dists_match_one_at_a_time)
{
	static const uint32_t ks[] = {1, 2, 3, 4, 5, 9, 17, 64};
	seg_knearest *kn = malloc(sizeof *kn);
	double *x = malloc(100 * SEG_KNEAREST_MAX_D * sizeof(double));
	double *c = malloc(SEG_KNEAREST_MAX_K * SEG_KNEAREST_MAX_D * sizeof(double));
	const size_t stride = 104; /* above the run length: rows of out do not touch */
	double *out = malloc(SEG_KNEAREST_MAX_K * stride * sizeof(double));
	static const seg_knearest_isa isas[] = {SEG_KNEAREST_AVX2, SEG_KNEAREST_AVX512};
	static const char *const isa_names[] = {"AVX2", "AVX-512F"};
	for (int v = 0; v < 2; v++) {
		int ran = 0;
		for (size_t d = 1; d <= SEG_KNEAREST_MAX_D; d++)
			for (size_t b = 0; b < sizeof ks / sizeof ks[0]; b++)
				for (int kind = 0; kind < 3; kind++) {
					const uint32_t k = ks[b];
					for (size_t q = 0; q < k * d; q++) c[q] = value(kind);
					for (size_t q = 0; q < 100 * d; q++) x[q] = value(kind);
					if (!seg_knearest_init_isa(kn, c, k, d, isas[v])) continue;
					ran++;
					static const size_t lens[] = {0, 1, 3, 4, 7, 8, 9, 15, 16, 17, 63, 64, 100};
					for (size_t m = 0; m < sizeof lens / sizeof lens[0]; m++) {
						const size_t len = lens[m];
						for (size_t q = 0; q < k * stride; q++) out[q] = -1.0; /* a distance is never negative */
						seg_knearest_dists(kn, x, len, out, stride);
						for (uint32_t j = 0; j < k; j++)
							for (size_t i = 0; i < stride; i++) {
								double want = -1.0;
								if (i < len) {
									want = 0.0;
									for (size_t f = 0; f < d; f++) {
										double t = x[i * d + f] - c[j * d + f];
										want = want + t * t;
									}
								}
								/* the same bits: memcmp, so that -0 and NaN would show */
								if (memcmp(&out[j * stride + i], &want, sizeof want) != 0)
									seg_test_fail(__FILE__, __LINE__, "%s d=%zu k=%u kind=%d len=%zu point %zu centre %u: %.17g, expected %.17g",
										isa_names[v], d, k, kind, len, i, j, out[j * stride + i], want);
							}
					}
				}
		if (!ran) printf("note: this CPU has no %s: that distances kernel was not checked\n", isa_names[v]);
	}
	free(kn);
	free(x);
	free(c);
	free(out);
}

/* The two nearest of every point, from distances with many exact ties
 * (kind 0), distinct values and infinities: seg_knearest_two() against
 * seg_knearest_two_one() point by point, and seg_knearest_swap() against
 * the scalar update (all again when the moved centre was one of the two,
 * else a comparison with it) and against a full scan after each of several
 * moves, for every tail length, with both ISAs. */
SEG_TEST(knearest_two_and_swap_match_one_at_a_time)
{
	static const uint32_t ks[] = {2, 3, 4, 5, 8, 9, 16, 64};
	static const size_t lens[] = {0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 63, 64};
	enum { STRIDE = 72, MAXM = 64 };
	seg_knearest *kn = malloc(sizeof *kn);
	double *D = malloc(SEG_KNEAREST_MAX_K * STRIDE * sizeof(double));
	double *c = calloc(SEG_KNEAREST_MAX_K, sizeof(double));
	static const seg_knearest_isa isas[] = {SEG_KNEAREST_AVX2, SEG_KNEAREST_AVX512};
	static const char *const isa_names[] = {"AVX2", "AVX-512F"};
	for (int v = 0; v < 2; v++) {
		int ran = 0;
		for (size_t b = 0; b < sizeof ks / sizeof ks[0]; b++)
			for (int kind = 0; kind < 3; kind++) {
				const uint32_t k = ks[b];
				if (!seg_knearest_init_isa(kn, c, k, 1, isas[v])) continue;
				ran++;
				for (size_t q = 0; q < (size_t)k * STRIDE; q++)
					D[q] = kind == 0 ? (double)(kn_rnd() % 3)
					       : kind == 1 ? fabs(value(1)) + (double)q * 1e-3
					                   : (kn_rnd() % 4 == 0 ? INFINITY : fabs(value(2)));
				for (size_t li = 0; li < sizeof lens / sizeof lens[0]; li++) {
					const size_t m = lens[li];
					double d1[MAXM + 1], d2[MAXM + 1], w1[MAXM + 1], w2[MAXM + 1];
					uint32_t a1[MAXM + 1], a2[MAXM + 1], x1[MAXM + 1], x2[MAXM + 1];
					d1[m] = w1[m] = -1.0; /* past the run: untouched */
					a1[m] = x1[m] = 999;
					seg_knearest_two(kn, D, STRIDE, m, d1, a1, d2, a2);
					for (size_t i = 0; i < m; i++) seg_knearest_two_one(k, D + i, STRIDE, &w1[i], &x1[i], &w2[i], &x2[i]);
					for (size_t i = 0; i <= m; i++)
						if (a1[i] != x1[i] || memcmp(&d1[i], &w1[i], sizeof(double)) != 0 ||
						    (i < m && (a2[i] != x2[i] || memcmp(&d2[i], &w2[i], sizeof(double)) != 0)))
							seg_test_fail(__FILE__, __LINE__, "two, %s k=%u kind=%d len=%zu point %zu: (%u %g, %u %g), expected (%u %g, %u %g)",
								isa_names[v], k, kind, m, i, a1[i], d1[i], a2[i], d2[i], x1[i], w1[i], x2[i], w2[i]);
					/* then centre j moves: new distances in its row (and,
					 * for the points that look again, everywhere) */
					for (uint32_t j = 0; j < k; j += k > 4 ? k / 3 : 1) {
						for (size_t i = 0; i < m; i++) {
							const double nv = kind == 0 ? (double)(kn_rnd() % 3) : fabs(value(kind == 1 ? 1 : 2));
							D[(size_t)j * STRIDE + i] = nv;
						}
						memcpy(w1, d1, sizeof d1);
						memcpy(w2, d2, sizeof d2);
						memcpy(x1, a1, sizeof a1);
						memcpy(x2, a2, sizeof a2);
						seg_knearest_swap(kn, D, STRIDE, m, j, d1, a1, d2, a2);
						for (size_t i = 0; i < m; i++) {
							if (x1[i] == j || x2[i] == j)
								seg_knearest_two_one(k, D + i, STRIDE, &w1[i], &x1[i], &w2[i], &x2[i]);
							else
								seg_knearest_take_one(D[(size_t)j * STRIDE + i], j, &w1[i], &x1[i], &w2[i], &x2[i]);
						}
						for (size_t i = 0; i <= m; i++)
							if (a1[i] != x1[i] || memcmp(&d1[i], &w1[i], sizeof(double)) != 0 ||
							    (i < m && (a2[i] != x2[i] || memcmp(&d2[i], &w2[i], sizeof(double)) != 0)))
								seg_test_fail(__FILE__, __LINE__, "swap %u, %s k=%u kind=%d len=%zu point %zu: (%u %g, %u %g), expected (%u %g, %u %g)",
									j, isa_names[v], k, kind, m, i, a1[i], d1[i], a2[i], d2[i], x1[i], w1[i], x2[i], w2[i]);
						/* and the pair is the one a scan of all the centres
						 * gives now (the nearest with the lowest index on a
						 * tie, as the assignment step picks it) */
						for (size_t i = 0; i < m; i++) {
							seg_knearest_two_one(k, D + i, STRIDE, &w1[i], &x1[i], &w2[i], &x2[i]);
							if (a1[i] != x1[i] || a2[i] != x2[i] || d1[i] != w1[i] || d2[i] != w2[i])
								seg_test_fail(__FILE__, __LINE__, "swap %u, %s k=%u kind=%d len=%zu point %zu: (%u %g, %u %g), a full scan (%u %g, %u %g)",
									j, isa_names[v], k, kind, m, i, a1[i], d1[i], a2[i], d2[i], x1[i], w1[i], x2[i], w2[i]);
						}
					}
				}
			}
		if (!ran) printf("note: this CPU has no %s: its two-nearest kernels were not checked\n", isa_names[v]);
	}
	free(kn);
	free(D);
	free(c);
}
