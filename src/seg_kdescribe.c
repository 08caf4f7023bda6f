/*
 * seg_kdescribe.c - clusters described in words from their percentiles.
 */
#include "seg_kdescribe.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if !defined(SEG_KDESCRIBE_NO_SIMD) && (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
#define KD_AVX2 1
#include <immintrin.h>
#endif

static uint32_t sat32(size_t v)
{
	return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

seg_kdescribe_level seg_kdescribe_level_of(double p)
{
	if (p < 10.0) return SEG_KDESCRIBE_VERY_LOW;
	if (p < 30.0) return SEG_KDESCRIBE_LOW;
	if (p > 90.0) return SEG_KDESCRIBE_VERY_HIGH;
	if (p > 70.0) return SEG_KDESCRIBE_HIGH;
	return SEG_KDESCRIBE_AVERAGE;
}

#ifdef KD_AVX2
/* The counts of one feature's values over rows [lo, hi) of x, added to
 * lt[t] (values below u[t]) and eq[t] (values equal to it) for the NQ
 * vectors of four of u (padded with NaN, which nothing equals or is below).
 * All lanes compare with one value at a time, so the counts stay in
 * registers.  Returns false when a value is not finite. */
#define KD_COUNT(NQ)                                                                                    \
	__attribute__((target("avx2"))) static bool kd_count_##NQ(const double *x, size_t lo, size_t hi,   \
	                                                          size_t d, size_t j, const double *u,     \
	                                                          int64_t *lt, int64_t *eq)                \
	{                                                                                                   \
		__m256d U[NQ];                                                                                  \
		__m256i L[NQ], E[NQ];                                                                           \
		for (int q = 0; q < (NQ); q++) {                                                                \
			U[q] = _mm256_loadu_pd(u + 4 * q);                                                          \
			L[q] = _mm256_loadu_si256((const __m256i *)(lt + 4 * q));                                   \
			E[q] = _mm256_loadu_si256((const __m256i *)(eq + 4 * q));                                   \
		}                                                                                               \
		const __m256d absmask = _mm256_castsi256_pd(_mm256_set1_epi64x(0x7fffffffffffffffLL));          \
		const __m256d big = _mm256_set1_pd(1.7976931348623157e308);                                     \
		__m256d ok = _mm256_castsi256_pd(_mm256_set1_epi64x(-1));                                       \
		for (size_t i = lo; i < hi; i++) {                                                              \
			const __m256d v = _mm256_broadcast_sd(x + i * d + j);                                       \
			ok = _mm256_and_pd(ok, _mm256_cmp_pd(_mm256_and_pd(v, absmask), big, _CMP_LE_OQ));          \
			for (int q = 0; q < (NQ); q++) {                                                            \
				L[q] = _mm256_sub_epi64(L[q], _mm256_castpd_si256(_mm256_cmp_pd(v, U[q], _CMP_LT_OQ))); \
				E[q] = _mm256_sub_epi64(E[q], _mm256_castpd_si256(_mm256_cmp_pd(v, U[q], _CMP_EQ_OQ))); \
			}                                                                                           \
		}                                                                                               \
		for (int q = 0; q < (NQ); q++) {                                                                \
			_mm256_storeu_si256((__m256i *)(lt + 4 * q), L[q]);                                         \
			_mm256_storeu_si256((__m256i *)(eq + 4 * q), E[q]);                                         \
		}                                                                                               \
		return _mm256_movemask_pd(ok) == 0xF;                                                           \
	}
KD_COUNT(1)
KD_COUNT(2)
KD_COUNT(3)
KD_COUNT(4)
#define KD_VEC_MAX 16 /* distinct values of a feature the vector counts take */
#define KD_ROWS 512   /* rows per block: every feature of a block is counted while it is in cache */

/* below[t] = values < u[t] and eq[t] = values == u[t] of every feature (the
 * layout of seg_kdescribe's arrays, below not yet as prefix sums but as
 * counts per slot), with AVX2.  False when it does not apply (no AVX2, a
 * feature with more than KD_VEC_MAX distinct values, a value that is not
 * finite: the scalar pass reports which). */
static bool kd_count_all(const double *x, size_t n, size_t d, size_t k, const double *uv, const size_t *nu,
                         size_t *below, size_t *eq)
{
	if (!__builtin_cpu_supports("avx2")) return false;
	for (size_t j = 0; j < d; j++)
		if (nu[j] > KD_VEC_MAX) return false;
	double *u = malloc(d * KD_VEC_MAX * sizeof *u);
	int64_t *lt = calloc(d * KD_VEC_MAX, sizeof *lt), *ev = calloc(d * KD_VEC_MAX, sizeof *ev);
	bool ok = u && lt && ev;
	for (size_t j = 0; ok && j < d; j++)
		for (size_t t = 0; t < KD_VEC_MAX; t++) u[j * KD_VEC_MAX + t] = t < nu[j] ? uv[j * k + t] : NAN;
	for (size_t lo = 0; ok && lo < n; lo += KD_ROWS) {
		const size_t hi = n - lo > KD_ROWS ? lo + KD_ROWS : n;
		for (size_t j = 0; ok && j < d; j++) {
			const double *uj = u + j * KD_VEC_MAX;
			int64_t *l = lt + j * KD_VEC_MAX, *e = ev + j * KD_VEC_MAX;
			switch ((nu[j] + 3) / 4) {
			case 1: ok = kd_count_1(x, lo, hi, d, j, uj, l, e); break;
			case 2: ok = kd_count_2(x, lo, hi, d, j, uj, l, e); break;
			case 3: ok = kd_count_3(x, lo, hi, d, j, uj, l, e); break;
			default: ok = kd_count_4(x, lo, hi, d, j, uj, l, e); break;
			}
		}
	}
	if (ok) {
		for (size_t j = 0; j < d; j++) {
			/* as the scalar pass leaves them: per slot, so that the prefix
			 * sums give the values below each */
			size_t *b = below + j * (k + 1);
			for (size_t t = 0; t < nu[j]; t++) {
				const int64_t *l = lt + j * KD_VEC_MAX;
				b[t] = (size_t)(l[t] - (t ? l[t - 1] : 0));
				eq[j * k + t] = (size_t)ev[j * KD_VEC_MAX + t];
			}
		}
	}
	free(u);
	free(lt);
	free(ev);
	return ok;
}
#endif

static bool word_ok(const char *w, bool required)
{
	if (!w) return !required;
	size_t len = strlen(w);
	return len >= 1 && len <= SEG_KDESCRIBE_MAX_WORD;
}

/* One feature's distinct centroid values, ascending, and per value the
 * number of population values below it and equal to it. */
typedef struct kd_value {
	double v;
	uint32_t centroid;
} kd_value;

static int cmp_value(const void *a, const void *b)
{
	const kd_value *x = a, *y = b;
	if (x->v < y->v) return -1;
	if (x->v > y->v) return 1;
	return (x->centroid > y->centroid) - (x->centroid < y->centroid);
}

/* The phrase of a feature at a level: "very high monetary", "recent". */
static void phrase(const seg_kdescribe_feature *f, seg_kdescribe_level lv, char *out, size_t cap)
{
	const char *very = lv == SEG_KDESCRIBE_VERY_LOW || lv == SEG_KDESCRIBE_VERY_HIGH ? "very " : "";
	const char *word = lv < 0 ? f->low_word : f->high_word;
	if (word)
		snprintf(out, cap, "%s%s", very, word);
	else
		snprintf(out, cap, "%s%s %s", very, lv < 0 ? "low" : "high", f->name);
}

/* ASCII title case: a letter at the start or after a space is upper case. */
static void title_case(char *s)
{
	for (size_t i = 0; s[i]; i++) {
		if ((i == 0 || s[i - 1] == ' ') && s[i] >= 'a' && s[i] <= 'z') s[i] = (char)(s[i] - 'a' + 'A');
	}
}

typedef struct kd_rank {
	size_t feature;
	double extreme; /* |percentile - 50| */
} kd_rank;

static int cmp_rank(const void *a, const void *b)
{
	const kd_rank *x = a, *y = b;
	if (x->extreme > y->extreme) return -1;
	if (x->extreme < y->extreme) return 1;
	return (x->feature > y->feature) - (x->feature < y->feature);
}

#define PHRASE_CAP (sizeof "very high " + SEG_KDESCRIBE_MAX_WORD + 1)

static void describe_one(const seg_kdescribe_feature *features, size_t d, seg_kdescribe_cluster *c)
{
	kd_rank rank[SEG_KDESCRIBE_MAX_D];
	size_t nr = 0;
	for (size_t j = 0; j < d; j++) {
		if (c->level[j] != SEG_KDESCRIBE_AVERAGE) {
			rank[nr].feature = j;
			rank[nr].extreme = fabs(c->percentile[j] - 50.0);
			nr++;
		}
	}
	qsort(rank, nr, sizeof rank[0], cmp_rank);

	char desc[SEG_KDESCRIBE_MAX_D * (PHRASE_CAP + 2) + 1];
	size_t len = 0, cut = 0; /* cut: the length before the last phrase that fits with ", ..." */
	const size_t cap = sizeof c->description;
	bool truncated = false;
	desc[0] = '\0';
	c->name[0] = '\0';
	for (size_t r = 0; r < nr; r++) {
		size_t j = rank[r].feature;
		char ph[PHRASE_CAP];
		phrase(&features[j], (seg_kdescribe_level)c->level[j], ph, sizeof ph);
		if (r < 2) {
			char tc[PHRASE_CAP];
			memcpy(tc, ph, sizeof tc);
			title_case(tc);
			if (r == 1) strcat(c->name, ", ");
			strcat(c->name, tc);
		}
		len += (size_t)sprintf(desc + len, "%s%s", r ? ", " : "", ph);
		if (!truncated && len + sizeof ", ..." <= cap)
			cut = len;
		else
			truncated = true;
	}
	if (len < cap) {
		memcpy(c->description, desc, len + 1);
	} else {
		memcpy(c->description, desc, cut);
		memcpy(c->description + cut, ", ...", sizeof ", ...");
	}
	if (nr == 0) strcpy(c->name, "Average");
}

seg_status seg_kdescribe(const seg_kdescribe_feature *features, size_t d, const double *x, size_t n,
                         const double *centroids, size_t k, seg_kdescribe_cluster *out, seg_error *err)
{
	seg_error_clear(err);
	if (d == 0 || d > SEG_KDESCRIBE_MAX_D)
		return seg_error_set(err, SEG_E_ARGUMENT, "the number of features must be 1 to %d, not %zu",
			SEG_KDESCRIBE_MAX_D, d);
	if (n == 0) return seg_error_set(err, SEG_E_ARGUMENT, "cannot describe clusters against 0 rows");
	for (size_t j = 0; j < d; j++) {
		if (!word_ok(features[j].name, true) || !word_ok(features[j].low_word, false) ||
			!word_ok(features[j].high_word, false)) {
			seg_status st = seg_error_set(err, SEG_E_ARGUMENT,
				"feature %zu: the name and words must be 1 to %d bytes long", j + 1, SEG_KDESCRIBE_MAX_WORD);
			if (err) err->column = sat32(j + 1);
			return st;
		}
	}
	for (size_t c = 0; c < k; c++) {
		for (size_t j = 0; j < d; j++) {
			double v = centroids[c * d + j];
			if (!isfinite(v)) {
				seg_status st = seg_error_set(err, SEG_E_ARGUMENT, "centroid %zu, feature %zu: the value is %s",
					c + 1, j + 1, isnan(v) ? "NaN" : "infinite");
				if (err) {
					err->line = sat32(c + 1);
					err->column = sat32(j + 1);
				}
				return st;
			}
		}
	}
	if (k == 0) return SEG_OK;

	/* Per feature: the k centroid values sorted (vals), how many distinct
	 * (nu), for each centroid its distinct value (slot), and per distinct
	 * value the count of population values equal to it (eq) and the
	 * histogram of population values by the first distinct value at or
	 * above them (below, k + 1 entries; prefix sums give "below"). */
	kd_value *vals = malloc(k * d * sizeof *vals);
	size_t *slot = malloc(k * d * sizeof *slot);
	size_t *nu = malloc(d * sizeof *nu);
	size_t *eq = calloc(k * d, sizeof *eq);
	size_t *below = calloc((k + 1) * d, sizeof *below);
	double *uv = malloc(k * d * sizeof *uv);
	if (!vals || !slot || !nu || !eq || !below || !uv) {
		free(vals);
		free(slot);
		free(nu);
		free(eq);
		free(below);
		free(uv);
		return seg_error_set(err, SEG_E_NOMEM, "out of memory");
	}
	for (size_t j = 0; j < d; j++) {
		kd_value *vj = vals + j * k;
		for (size_t c = 0; c < k; c++) {
			vj[c].v = centroids[c * d + j];
			vj[c].centroid = (uint32_t)c;
		}
		qsort(vj, k, sizeof *vj, cmp_value);
		double *u = uv + j * k;
		size_t q = 0;
		for (size_t t = 0; t < k; t++) {
			if (q == 0 || vj[t].v != u[q - 1]) u[q++] = vj[t].v;
			slot[j * k + vj[t].centroid] = q - 1;
		}
		nu[j] = q;
	}

	seg_status st = SEG_OK;
	bool counted = false;
#ifdef KD_AVX2
	counted = kd_count_all(x, n, d, k, uv, nu, below, eq);
	if (!counted) {
		memset(below, 0, (k + 1) * d * sizeof *below);
		memset(eq, 0, k * d * sizeof *eq);
	}
#endif
	for (size_t i = 0; i < n && st == SEG_OK && !counted; i++) {
		const double *row = x + i * d;
		for (size_t j = 0; j < d; j++) {
			double v = row[j];
			if (!isfinite(v)) {
				st = seg_error_set(err, SEG_E_ARGUMENT, "row %zu, feature %zu: the value is %s", i + 1, j + 1,
					isnan(v) ? "NaN" : "infinite");
				if (err) {
					err->line = sat32(i + 1);
					err->column = sat32(j + 1);
				}
				break;
			}
			/* lo = the first t with u[t] >= v (nu[j] when none), by a
			 * branch-free binary search (a conditional move per step). */
			const double *u = uv + j * k, *base = u;
			size_t len = nu[j];
			while (len > 1) {
				size_t half = len / 2;
				base = base[half] < v ? base + half : base;
				len -= half;
			}
			size_t lo = (size_t)(base - u) + (*base < v);
			if (lo < nu[j] && u[lo] == v) {
				eq[j * k + lo]++;
				below[j * (k + 1) + lo + 1]++;
			} else {
				below[j * (k + 1) + lo]++;
			}
		}
	}

	if (st == SEG_OK) {
		for (size_t j = 0; j < d; j++) {
			size_t *b = below + j * (k + 1);
			for (size_t t = 1; t <= nu[j]; t++) b[t] += b[t - 1];
		}
		for (size_t c = 0; c < k; c++) {
			seg_kdescribe_cluster *o = &out[c];
			for (size_t j = 0; j < SEG_KDESCRIBE_MAX_D; j++) {
				o->percentile[j] = 0.0;
				o->level[j] = SEG_KDESCRIBE_AVERAGE;
			}
			for (size_t j = 0; j < d; j++) {
				size_t t = slot[j * k + c];
				double cnt2 = 2.0 * (double)below[j * (k + 1) + t] + (double)eq[j * k + t];
				double p = cnt2 * 50.0 / (double)n;
				o->percentile[j] = p;
				o->level[j] = (int8_t)seg_kdescribe_level_of(p);
			}
			describe_one(features, d, o);
		}

		/* Unique names: the i-th cluster sharing a name gets " i" (or the
		 * next number no other cluster has taken). */
		for (size_t c = 1; c < k; c++) {
			size_t same = 0;
			for (size_t e = 0; e < c; e++) {
				if (strcmp(out[e].name, out[c].name) == 0) same++;
			}
			if (!same) continue;
			char base[sizeof out[c].name];
			memcpy(base, out[c].name, sizeof base);
			for (size_t num = same + 1;; num++) {
				char suffix[24];
				int sl = snprintf(suffix, sizeof suffix, " %zu", num);
				size_t bl = strlen(base);
				if (bl + (size_t)sl >= sizeof out[c].name) bl = sizeof out[c].name - 1 - (size_t)sl;
				memcpy(out[c].name, base, bl);
				memcpy(out[c].name + bl, suffix, (size_t)sl + 1);
				bool taken = false;
				for (size_t e = 0; e < k && !taken; e++) {
					if (e != c && strcmp(out[e].name, out[c].name) == 0) taken = true;
				}
				if (!taken) break;
			}
		}
	}
	free(vals);
	free(slot);
	free(nu);
	free(eq);
	free(below);
	free(uv);
	return st;
}
