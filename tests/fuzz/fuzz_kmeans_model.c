/*
 * fuzz_kmeans_model.c - libFuzzer target for the k-means model loader's
 * native half (seg_kmodel.h): the checks Segment\KMeans::load() applies to
 * the numbers of a model file, then prediction with whatever passed.
 *
 * The glue turns the JSON text into a seg_kmodel with ext/json; what can go
 * wrong after that is in the numbers: NaN, infinities, zero or negative
 * scales and weights, values near DBL_MAX, centroids that disagree with
 * their original units.  Input: byte 0 picks k (1..8), byte 1 d (1..6),
 * byte 2 how the original-units centroids are made (the exact inverse, the
 * inverse nudged, or raw bytes); then per feature a kind byte, a log1p bit
 * and center, scale and weight; the k x d scaled centroids; one row to
 * predict.  Each double is either one of a table of awkward values or 8 raw
 * bytes.  The target checks:
 *   - seg_kmodel_check accepts exactly the models a reference check (below,
 *     written from the header's contract) accepts, and when it refuses, it
 *     names a field and points at a feature and cluster in range;
 *   - for an accepted model, seg_kmodel_predict fails exactly when some
 *     value of the row cannot be scaled (NaN, infinite, log1p of <= -1, a
 *     scaled value beyond a double), naming the first such feature;
 *     otherwise the label is < k, it is a nearest centroid by a brute-force
 *     distance in long double (within rounding; also where the squares of
 *     doubles overflow or underflow), and *dist2 is its distance.
 */
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seg_kmeans.h"
#include "seg_kmodel.h"
#include "seg_scale.h"

#define CHECK(cond)                                                              \
	do {                                                                         \
		if (!(cond)) {                                                           \
			fprintf(stderr, "fuzz_kmeans_model: invariant failed at %s:%d: %s\n", \
			        __FILE__, __LINE__, #cond);                                  \
			abort();                                                             \
		}                                                                        \
	} while (0)

#define MAXK 8
#define MAXD 6

typedef struct reader {
	const uint8_t *p;
	size_t n;
} reader;

static uint8_t byte(reader *r)
{
	if (!r->n) return 0;
	r->n--;
	return *r->p++;
}

static const double AWKWARD[] = {
	0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 1e-300, -1e-300, 4.9e-324, 1e300, -1e300, DBL_MAX, -DBL_MAX,
	NAN, INFINITY, -INFINITY, -0.9999999999999999, -1.0000000000000002, 1e-16, 709.0, 710.0, 3.0, 100.0,
};

/* A double: a table entry, or 8 raw bytes (any bit pattern, NaNs included). */
static double number(reader *r)
{
	uint8_t sel = byte(r);
	if (sel < 0xC0) return AWKWARD[sel % (sizeof AWKWARD / sizeof AWKWARD[0])];
	uint64_t bits = 0;
	for (int i = 0; i < 8; i++) bits = bits << 8 | byte(r);
	double v;
	memcpy(&v, &bits, sizeof v);
	return v;
}

/* What seg_kmodel_check must require, from seg_kmodel.h and seg_scale.h. */
static bool reference_ok(const seg_kmodel *m, const double *original)
{
	for (uint32_t j = 0; j < m->d; j++) {
		const seg_scale_feature *f = &m->features[j];
		if (f->kind != SEG_SCALE_NONE && f->kind != SEG_SCALE_ZSCORE && f->kind != SEG_SCALE_MINMAX) return false;
		if (!(f->weight > 0) || !isfinite(f->weight)) return false;
		if (!isfinite(f->center) || !(f->scale > 0) || !isfinite(f->scale)) return false;
		if (f->kind == SEG_SCALE_NONE && (f->center != 0.0 || f->scale != 1.0)) return false;
	}
	for (uint32_t c = 0; c < m->k; c++) {
		const double *s = m->centroids + (size_t)c * m->d;
		for (uint32_t j = 0; j < m->d; j++)
			if (!isfinite(s[j])) return false;
		double inv[MAXD];
		seg_scale_invert(m->features, m->d, s, inv);
		for (uint32_t j = 0; j < m->d; j++) {
			const seg_scale_feature *f = &m->features[j];
			double o = original[(size_t)c * m->d + j];
			if (!isfinite(o) || !isfinite(inv[j])) return false;
			double mag = f->log1p ? fabs(inv[j]) + 1.0 : fabs(inv[j]) + fabs(f->center) + f->scale / f->weight;
			if (!(fabs(o - inv[j]) <= 1e-9 * mag)) return false;
		}
	}
	return true;
}

/* Whether one value scales: finite, log1p of > -1, a finite result. */
static bool scales(const seg_scale_feature *f, double v)
{
	if (!isfinite(v)) return false;
	if (f->log1p && !(v > -1.0)) return false;
	double out;
	return seg_scale_apply(f, 1, &v, &out) && isfinite(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	reader r = {data, size};
	uint32_t k = 1 + byte(&r) % MAXK, d = 1 + byte(&r) % MAXD;
	uint8_t mode = byte(&r) % 4;
	seg_scale_feature f[MAXD];
	double cen[MAXK * MAXD], orig[MAXK * MAXD], row[MAXD];
	for (uint32_t j = 0; j < d; j++) {
		uint8_t kb = byte(&r);
		f[j].kind = (seg_scale_kind)(kb % 5 == 4 ? 7 : kb % 3); /* now and then an unknown kind */
		f[j].log1p = (kb >> 4) & 1;
		f[j].center = number(&r);
		f[j].scale = number(&r);
		f[j].weight = number(&r);
		if (f[j].kind == SEG_SCALE_NONE && (kb & 0x80)) {
			f[j].center = 0.0; /* mostly a valid "none" */
			f[j].scale = 1.0;
		}
	}
	for (uint32_t i = 0; i < k * d; i++) cen[i] = number(&r);
	seg_kmodel m = {k, d, f, cen};
	bool kinds_ok = true;
	for (uint32_t j = 0; j < d; j++) kinds_ok = kinds_ok && f[j].kind <= SEG_SCALE_MINMAX;
	for (uint32_t c = 0; c < k; c++) {
		if (mode == 3 || !kinds_ok) {
			for (uint32_t j = 0; j < d; j++) orig[c * d + j] = number(&r);
		} else {
			seg_scale_invert(f, d, cen + c * d, orig + c * d);
			if (mode == 1) orig[c * d + byte(&r) % d] *= 1.0 + 1e-6; /* a file edited by hand */
			if (mode == 2) orig[c * d + byte(&r) % d] += 1e-12;       /* another writer's rounding */
		}
	}
	for (uint32_t j = 0; j < d; j++) row[j] = number(&r);

	seg_error err;
	bool want = reference_ok(&m, orig);
	seg_status st = seg_kmodel_check(&m, orig, &err);
	CHECK(st == SEG_OK || st == SEG_E_ARGUMENT);
	CHECK((st == SEG_OK) == want);
	if (st != SEG_OK) {
		CHECK(err.attribute[0] != '\0' && err.message[0] != '\0');
		CHECK(err.column <= d && err.line <= k);
		return 0;
	}
	/* Without originals only the scaler and the scaled centroids count. */
	CHECK(seg_kmodel_check(&m, NULL, &err) == SEG_OK);

	uint32_t label = UINT32_MAX;
	double dist2 = NAN;
	int bad = -1;
	for (uint32_t j = 0; j < d && bad < 0; j++)
		if (!scales(&f[j], row[j])) bad = (int)j;
	st = seg_kmodel_predict(&m, row, &label, &dist2, &err);
	if (bad >= 0) {
		CHECK(st == SEG_E_ARGUMENT);
		CHECK(err.column == (uint32_t)bad + 1);
		return 0;
	}
	CHECK(st == SEG_OK);
	CHECK(label < k);
	/* Brute force in long double, whose range holds every squared distance
	 * of doubles: the label must be nearest to within rounding, also where
	 * double squares overflow or underflow. */
	double x[MAXD];
	long double best = INFINITY, mine = 0.0L;
	CHECK(seg_scale_apply(f, d, row, x));
	for (uint32_t c = 0; c < k; c++) {
		long double s = 0.0L;
		for (uint32_t j = 0; j < d; j++) {
			long double t = (long double)x[j] - (long double)cen[c * d + j];
			s += t * t;
		}
		if (s < best) best = s;
		if (c == label) mine = s;
	}
	CHECK(!isnan(dist2) && dist2 >= 0.0);
	CHECK(mine <= best * (1.0L + 1e-12L));
	double md = (double)mine;
	if (isinf(md)) CHECK(isinf(dist2));
	else CHECK(fabs(dist2 - md) <= 1e-12 * md + 0x1p-1000);
	return 0;
}
