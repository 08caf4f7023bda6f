/*
 * test_kmodel.c - seg_kmodel.h: the checks a loaded k-means model passes
 * (each refusal names its field) and prediction of one row.
 */
#include "seg_test.h"

#include <math.h>
#include <string.h>

#include "seg_kmeans.h"
#include "seg_kmodel.h"

/* Two features (z-score; the second log1p'ed, weight 2), three centroids. */
static seg_scale_feature tk_f[2];
static double tk_c[6], tk_o[6];

static seg_kmodel tk_model(void)
{
	tk_f[0] = (seg_scale_feature){SEG_SCALE_ZSCORE, false, 1.0, 50.0, 10.0};
	tk_f[1] = (seg_scale_feature){SEG_SCALE_ZSCORE, true, 2.0, 3.0, 0.5};
	static const double c[6] = {-1.0, 0.0, 0.0, 1.0, 2.0, -2.0};
	memcpy(tk_c, c, sizeof c);
	for (int i = 0; i < 3; i++) seg_scale_invert(tk_f, 2, tk_c + 2 * i, tk_o + 2 * i);
	return (seg_kmodel){3, 2, tk_f, tk_c};
}

SEG_TEST(kmodel_check_accepts_a_consistent_model)
{
	seg_kmodel m = tk_model();
	seg_error err;
	CHECK_EQ_INT(seg_kmodel_check(&m, tk_o, &err), SEG_OK);
	CHECK_EQ_INT(seg_kmodel_check(&m, NULL, &err), SEG_OK);
	/* Another writer's rounding (1e-12 relative) is accepted. */
	tk_o[3] *= 1 + 1e-12;
	CHECK_EQ_INT(seg_kmodel_check(&m, tk_o, &err), SEG_OK);
}

/* The field named when one number is spoiled. */
static const char *tk_refusal(void (*spoil)(seg_kmodel *), uint32_t *line, uint32_t *column)
{
	static seg_error err;
	seg_kmodel m = tk_model();
	spoil(&m);
	if (seg_kmodel_check(&m, tk_o, &err) != SEG_E_ARGUMENT) return "(accepted)";
	*line = err.line;
	*column = err.column;
	return err.attribute;
}

static void sp_k0(seg_kmodel *m) { m->k = 0; }
static void sp_d(seg_kmodel *m) { m->d = SEG_KMEANS_MAX_D + 1; }
static void sp_scale(seg_kmodel *m) { (void)m; tk_f[1].scale = 0.0; }
static void sp_weight(seg_kmodel *m) { (void)m; tk_f[0].weight = -1.0; }
static void sp_center(seg_kmodel *m) { (void)m; tk_f[1].center = NAN; }
static void sp_none(seg_kmodel *m) { (void)m; tk_f[0].kind = SEG_SCALE_NONE; }
static void sp_scaled(seg_kmodel *m) { (void)m; tk_c[5] = INFINITY; }
static void sp_original(seg_kmodel *m) { (void)m; tk_o[2] *= 1.001; }
static void sp_original_nan(seg_kmodel *m) { (void)m; tk_o[1] = NAN; }
static void sp_overflow(seg_kmodel *m) { (void)m; tk_c[3] = 1e6; } /* expm1 of a huge t */

SEG_TEST(kmodel_check_names_the_field)
{
	uint32_t line = 99, col = 99;
	CHECK_STR(tk_refusal(sp_k0, &line, &col), "k");
	CHECK_STR(tk_refusal(sp_d, &line, &col), "features");
	CHECK_STR(tk_refusal(sp_scale, &line, &col), "features[1].scale");
	CHECK_EQ_INT(line, 0);
	CHECK_EQ_INT(col, 2);
	CHECK_STR(tk_refusal(sp_weight, &line, &col), "features[0].weight");
	CHECK_STR(tk_refusal(sp_center, &line, &col), "features[1].center");
	CHECK_STR(tk_refusal(sp_none, &line, &col), "features[0]");
	CHECK_STR(tk_refusal(sp_scaled, &line, &col), "clusters[2].scaled[1]");
	CHECK_EQ_INT(line, 3);
	CHECK_EQ_INT(col, 2);
	CHECK_STR(tk_refusal(sp_original, &line, &col), "clusters[1].centroid.0");
	CHECK_STR(tk_refusal(sp_original_nan, &line, &col), "clusters[0].centroid.1");
	CHECK_STR(tk_refusal(sp_overflow, &line, &col), "clusters[1].centroid.1");
}

SEG_TEST(kmodel_predict_nearest_and_errors)
{
	seg_kmodel m = tk_model();
	seg_error err;
	uint32_t label = 99;
	double d2 = -1;
	/* Each centroid in original units predicts itself, at distance ~0. */
	for (uint32_t c = 0; c < 3; c++) {
		CHECK_EQ_INT(seg_kmodel_predict(&m, tk_o + 2 * c, &label, &d2, &err), SEG_OK);
		CHECK_EQ_INT(label, c);
		CHECK(d2 < 1e-20);
	}
	/* recency 40 (scaled -1), spend e^3 - 1 (scaled 0): cluster 0. */
	double row[2] = {40.0, expm1(3.0)};
	CHECK_EQ_INT(seg_kmodel_predict(&m, row, &label, NULL, &err), SEG_OK);
	CHECK_EQ_INT(label, 0);
	double bad[4][2] = {{NAN, 1}, {1, INFINITY}, {1, -1}, {1, -1.5}};
	for (int i = 0; i < 4; i++) {
		CHECK_EQ_INT(seg_kmodel_predict(&m, bad[i], &label, &d2, &err), SEG_E_ARGUMENT);
		CHECK_EQ_INT(err.column, i == 0 ? 1 : 2);
	}
	/* A value that scales beyond a double. */
	tk_f[0].scale = 1e-300;
	double far[2] = {1e300, 1.0};
	CHECK_EQ_INT(seg_kmodel_predict(&m, far, &label, &d2, &err), SEG_E_ARGUMENT);
	CHECK_EQ_INT(err.column, 1);
}

SEG_TEST(kmodel_predict_beyond_the_range_of_squares)
{
	/* Centroids at 1e200 and 2e200 (scale "none"): the squared distances of
	 * 1.9e200 overflow (8.1e399, 1e398); plain doubles tie them at +inf. */
	seg_scale_feature f = {SEG_SCALE_NONE, false, 1.0, 0.0, 1.0};
	double c[3] = {1e200, 2e200, -1e-200};
	seg_kmodel m = {3, 1, &f, c};
	seg_error err;
	uint32_t label = 99;
	double d2 = 0, x = 1.9e200;
	CHECK_EQ_INT(seg_kmodel_predict(&m, &x, &label, &d2, &err), SEG_OK);
	CHECK_EQ_INT(label, 1);
	CHECK(isinf(d2));
	/* And below: 1e-200 and 3e-200 from 2.5e-200; the squares underflow to 0. */
	double t[2] = {1e-200, 3e-200}, y = 2.5e-200;
	m.k = 2;
	m.centroids = t;
	CHECK_EQ_INT(seg_kmodel_predict(&m, &y, &label, &d2, &err), SEG_OK);
	CHECK_EQ_INT(label, 1);
	CHECK(d2 == 0.0);
	/* Ordinary values never take that path: the exact nearest. */
	double u[2] = {0.0, 10.0}, z = 4.9;
	m.centroids = u;
	CHECK_EQ_INT(seg_kmodel_predict(&m, &z, &label, &d2, &err), SEG_OK);
	CHECK_EQ_INT(label, 0);
	CHECK(d2 == 4.9 * 4.9);
}
