/*
 * test_kdescribe.c - seg_kdescribe.h: percentiles against a plain count,
 * the level thresholds, feature words, ordering by extremeness, names and
 * their uniqueness, truncation and errors.
 */
#include "seg_test.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "seg_kdescribe.h"

static const seg_kdescribe_feature rfm[3] = {
	{"recency", "recent", "lapsed"},
	{"frequency", NULL, NULL},
	{"monetary", NULL, NULL},
};

/* 100 customers: feature j of customer i is i + 1 (1..100), so a value
 * v + 0.5 has exactly v customers below it: percentile v. */
static double *ramp(size_t n, size_t d)
{
	double *x = malloc(n * d * sizeof *x);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < d; j++) x[i * d + j] = (double)(i + 1);
	return x;
}

SEG_TEST(kdescribe_levels_words_and_order)
{
	double *x = ramp(100, 3);
	/* Percentiles: recency 5 (very low), frequency 75 (high), monetary 95
	 * (very high); then recency 80 (high: "lapsed"), frequency 15 (low),
	 * monetary 50 (average); then everything average; then recency 25
	 * (low: "recent"), monetary 91 (very high). */
	double c[] = {
		5.5, 75.5, 95.5,  /* cluster 0 */
		80.5, 15.5, 50.5, /* cluster 1 */
		40.5, 60.5, 50.5, /* cluster 2 */
		25.5, 50.5, 91.5, /* cluster 3 */
	};
	seg_kdescribe_cluster out[4];
	seg_error err;
	REQUIRE(seg_kdescribe(rfm, 3, x, 100, c, 4, out, &err) == SEG_OK);
	CHECK_EQ_DBL(out[0].percentile[0], 5.0);
	CHECK_EQ_DBL(out[0].percentile[1], 75.0);
	CHECK_EQ_DBL(out[0].percentile[2], 95.0);
	CHECK_EQ_INT(out[0].level[0], SEG_KDESCRIBE_VERY_LOW);
	CHECK_EQ_INT(out[0].level[1], SEG_KDESCRIBE_HIGH);
	CHECK_EQ_INT(out[0].level[2], SEG_KDESCRIBE_VERY_HIGH);
	/* |5 - 50| = |95 - 50|: the lower feature index first. */
	CHECK_STR(out[0].description, "very recent, very high monetary, high frequency");
	CHECK_STR(out[0].name, "Very Recent, Very High Monetary");
	CHECK_STR(out[1].description, "low frequency, lapsed");
	CHECK_STR(out[1].name, "Low Frequency, Lapsed");
	CHECK_STR(out[2].description, "");
	CHECK_STR(out[2].name, "Average");
	CHECK_STR(out[3].description, "very high monetary, recent");
	CHECK_STR(out[3].name, "Very High Monetary, Recent");
	CHECK_EQ_DBL(out[3].percentile[2], 91.0);
	for (size_t j = 3; j < SEG_KDESCRIBE_MAX_D; j++) CHECK_EQ_DBL(out[0].percentile[j], 0.0);
	free(x);
}

SEG_TEST(kdescribe_thresholds)
{
	CHECK_EQ_INT(seg_kdescribe_level_of(0.0), SEG_KDESCRIBE_VERY_LOW);
	CHECK_EQ_INT(seg_kdescribe_level_of(9.999), SEG_KDESCRIBE_VERY_LOW);
	CHECK_EQ_INT(seg_kdescribe_level_of(10.0), SEG_KDESCRIBE_LOW);
	CHECK_EQ_INT(seg_kdescribe_level_of(29.999), SEG_KDESCRIBE_LOW);
	CHECK_EQ_INT(seg_kdescribe_level_of(30.0), SEG_KDESCRIBE_AVERAGE);
	CHECK_EQ_INT(seg_kdescribe_level_of(70.0), SEG_KDESCRIBE_AVERAGE);
	CHECK_EQ_INT(seg_kdescribe_level_of(70.001), SEG_KDESCRIBE_HIGH);
	CHECK_EQ_INT(seg_kdescribe_level_of(90.0), SEG_KDESCRIBE_HIGH);
	CHECK_EQ_INT(seg_kdescribe_level_of(90.001), SEG_KDESCRIBE_VERY_HIGH);
	CHECK_EQ_INT(seg_kdescribe_level_of(100.0), SEG_KDESCRIBE_VERY_HIGH);
	/* Through the data: a centroid equal to customer 10's value has 9
	 * below and 1 equal: 9.5 %; customer 11's: 10.5 %. */
	double *x = ramp(100, 1);
	double c[] = {10, 11, 30.5, 90.5, 100, 0, 1000};
	seg_kdescribe_cluster out[7];
	seg_error err;
	static const seg_kdescribe_feature f[1] = {{"spend", NULL, NULL}};
	REQUIRE(seg_kdescribe(f, 1, x, 100, c, 7, out, &err) == SEG_OK);
	CHECK_EQ_DBL(out[0].percentile[0], 9.5);
	CHECK_STR(out[0].description, "very low spend");
	CHECK_EQ_DBL(out[1].percentile[0], 10.5);
	CHECK_STR(out[1].description, "low spend");
	CHECK_EQ_DBL(out[2].percentile[0], 30.0);
	CHECK_STR(out[2].name, "Average");
	CHECK_EQ_DBL(out[3].percentile[0], 90.0);
	CHECK_STR(out[3].description, "high spend");
	CHECK_EQ_DBL(out[4].percentile[0], 99.5);
	CHECK_EQ_DBL(out[5].percentile[0], 0.0);
	CHECK_EQ_DBL(out[6].percentile[0], 100.0);
	/* Clashes: the later cluster is numbered. */
	CHECK_STR(out[0].name, "Very Low Spend");
	CHECK_STR(out[1].name, "Low Spend");
	CHECK_STR(out[3].name, "High Spend");
	CHECK_STR(out[4].name, "Very High Spend");
	CHECK_STR(out[5].name, "Very Low Spend 2");
	CHECK_STR(out[6].name, "Very High Spend 2");
	free(x);
}

/* Percentiles against a plain count over every customer, on data with many
 * ties, centroids equal to data values and to each other; with 9 centroids
 * (compared all at once where the CPU has AVX2) and with 20 (more distinct
 * values than that takes: the binary search). */
static void percentiles_match_plain_count(size_t k)
{
	const size_t n = 2000, d = 3;
	double *x = malloc(n * d * sizeof *x);
	uint64_t s = 12345;
	for (size_t q = 0; q < n * d; q++) {
		s = s * 6364136223846793005ull + 1442695040888963407ull;
		x[q] = (double)((s >> 33) % 50) - 10.0; /* -10 .. 39, ~40 of each */
	}
	double c[20 * 3];
	for (size_t q = 0; q < k * d; q++) {
		s = s * 6364136223846793005ull + 1442695040888963407ull;
		c[q] = q % 4 == 0 ? x[(s >> 33) % (n * d)] : (double)((s >> 33) % 6000) / 100.0 - 15.0;
	}
	c[5 * 3 + 1] = c[2 * 3 + 1]; /* two centroids share a value */
	c[7 * 3 + 2] = -0.0;
	c[8 * 3 + 2] = 0.0;
	seg_kdescribe_feature f[3] = {{"a", NULL, NULL}, {"b", NULL, NULL}, {"c", NULL, NULL}};
	seg_kdescribe_cluster out[20];
	seg_error err;
	REQUIRE(seg_kdescribe(f, d, x, n, c, k, out, &err) == SEG_OK);
	for (size_t ci = 0; ci < k; ci++) {
		for (size_t j = 0; j < d; j++) {
			size_t below = 0, equal = 0;
			for (size_t i = 0; i < n; i++) {
				if (x[i * d + j] < c[ci * d + j]) below++;
				if (x[i * d + j] == c[ci * d + j]) equal++;
			}
			double want = 100.0 * ((double)below + 0.5 * (double)equal) / (double)n;
			if (fabs(out[ci].percentile[j] - want) > 1e-12)
				seg_test_fail(__FILE__, __LINE__, "centroid %zu feature %zu: %.17g, expected %.17g", ci, j,
					out[ci].percentile[j], want);
			CHECK_EQ_INT(out[ci].level[j], seg_kdescribe_level_of(want));
		}
	}
	CHECK_EQ_DBL(out[7].percentile[2], out[8].percentile[2]);
	/* Names are unique. */
	for (size_t a = 0; a < k; a++)
		for (size_t b = a + 1; b < k; b++) CHECK(strcmp(out[a].name, out[b].name) != 0);
	free(x);
}

SEG_TEST(kdescribe_percentiles_match_plain_count)
{
	percentiles_match_plain_count(9);
	percentiles_match_plain_count(20);
}

SEG_TEST(kdescribe_unique_names)
{
	double *x = ramp(100, 2);
	static const seg_kdescribe_feature f[2] = {{"spend", NULL, NULL}, {"visits", NULL, NULL}};
	/* Four average clusters and two "Very High Spend". */
	double c[] = {50, 50, 95, 50, 45, 55, 96, 50, 60, 40, 40, 60};
	seg_kdescribe_cluster out[6];
	seg_error err;
	REQUIRE(seg_kdescribe(f, 2, x, 100, c, 6, out, &err) == SEG_OK);
	CHECK_STR(out[0].name, "Average");
	CHECK_STR(out[1].name, "Very High Spend");
	CHECK_STR(out[2].name, "Average 2");
	CHECK_STR(out[3].name, "Very High Spend 2");
	CHECK_STR(out[4].name, "Average 3");
	CHECK_STR(out[5].name, "Average 4");
	/* Deterministic: the same call, the same names. */
	seg_kdescribe_cluster again[6];
	REQUIRE(seg_kdescribe(f, 2, x, 100, c, 6, again, &err) == SEG_OK);
	for (size_t i = 0; i < 6; i++) {
		CHECK_STR(again[i].name, out[i].name);
		CHECK_STR(again[i].description, out[i].description);
	}
	free(x);
}

SEG_TEST(kdescribe_long_descriptions_are_cut)
{
	enum { D = 64 };
	seg_kdescribe_feature f[D];
	char names[D][SEG_KDESCRIBE_MAX_WORD + 1];
	for (size_t j = 0; j < D; j++) {
		memset(names[j], 'a' + (int)(j % 26), SEG_KDESCRIBE_MAX_WORD);
		names[j][SEG_KDESCRIBE_MAX_WORD] = '\0';
		f[j].name = names[j];
		f[j].low_word = f[j].high_word = NULL;
	}
	double *x = ramp(100, D);
	double c[D];
	for (size_t j = 0; j < D; j++) c[j] = 100.0 - (double)j * 0.01; /* all very high, slightly less each */
	seg_kdescribe_cluster out[1];
	seg_error err;
	REQUIRE(seg_kdescribe(f, D, x, 100, c, 1, out, &err) == SEG_OK);
	size_t len = strlen(out[0].description);
	CHECK(len < sizeof out[0].description);
	CHECK(len > sizeof out[0].description - 70);
	CHECK(strcmp(out[0].description + len - 5, ", ...") == 0);
	/* Whole phrases only: 8 phrases of 58 bytes and their separators fit
	 * with ", ..." (8 * 60 - 2 + 5 = 483 bytes); a ninth would not. */
	char want_desc[600] = "";
	for (size_t j = 0; j < 8; j++) {
		strcat(want_desc, j ? ", very high " : "very high ");
		strcat(want_desc, names[j]);
	}
	strcat(want_desc, ", ...");
	CHECK_STR(out[0].description, want_desc);
	/* The name: two phrases, title case, within its buffer. */
	char want[256] = "Very High ";
	strcat(want, names[0]);
	strcat(want, ", Very High ");
	strcat(want, names[1]);
	want[10] = 'A';
	want[10 + SEG_KDESCRIBE_MAX_WORD + 12] = 'B';
	CHECK_STR(out[0].name, want);
	free(x);
}

/* Nine phrases that end 4 bytes before the end of the buffer: no room for
 * ", ..." after them, so the cut comes one phrase earlier. */
SEG_TEST(kdescribe_cut_leaves_room_for_ellipsis)
{
	enum { D = 12 };
	seg_kdescribe_feature f[D];
	char names[D][SEG_KDESCRIBE_MAX_WORD + 1];
	for (size_t j = 0; j < D; j++) {
		size_t len = j == 8 ? 42 : 45; /* 9 phrases: 8 * 45 + 42 + 9 * 10 + 8 * 2 = 508 bytes */
		memset(names[j], 'a' + (int)j, len);
		names[j][len] = '\0';
		f[j].name = names[j];
		f[j].low_word = f[j].high_word = NULL;
	}
	double *x = ramp(100, D);
	double c[D];
	for (size_t j = 0; j < D; j++) c[j] = 100.0 - (double)j * 0.01;
	seg_kdescribe_cluster out[1];
	seg_error err;
	REQUIRE(seg_kdescribe(f, D, x, 100, c, 1, out, &err) == SEG_OK);
	char want[600] = "";
	for (size_t j = 0; j < 8; j++) {
		strcat(want, j ? ", very high " : "very high ");
		strcat(want, names[j]);
	}
	strcat(want, ", ...");
	CHECK_STR(out[0].description, want);
	free(x);
}

SEG_TEST(kdescribe_errors)
{
	double x[] = {1, 2, 3, 4, 5, 6};
	double c[] = {1, 2};
	seg_kdescribe_cluster out[1];
	seg_error err;
	CHECK_EQ_INT(seg_kdescribe(rfm, 0, x, 3, c, 1, out, &err), SEG_E_ARGUMENT);
	CHECK_EQ_INT(seg_kdescribe(rfm, 65, x, 3, c, 1, out, &err), SEG_E_ARGUMENT);
	CHECK_EQ_INT(seg_kdescribe(rfm, 2, x, 0, c, 1, out, &err), SEG_E_ARGUMENT);
	seg_kdescribe_feature f[2] = {{"a", NULL, NULL}, {NULL, NULL, NULL}};
	CHECK_EQ_INT(seg_kdescribe(f, 2, x, 3, c, 1, out, &err), SEG_E_ARGUMENT);
	CHECK_EQ_UINT(err.column, 2);
	f[1].name = "";
	CHECK_EQ_INT(seg_kdescribe(f, 2, x, 3, c, 1, out, &err), SEG_E_ARGUMENT);
	f[1].name = "b";
	f[0].high_word = "0123456789012345678901234567890123456789012345678"; /* 49 bytes */
	CHECK_EQ_INT(seg_kdescribe(f, 2, x, 3, c, 1, out, &err), SEG_E_ARGUMENT);
	CHECK_EQ_UINT(err.column, 1);
	f[0].high_word = "012345678901234567890123456789012345678901234567"; /* 48: fine */
	CHECK_EQ_INT(seg_kdescribe(f, 2, x, 3, c, 1, out, &err), SEG_OK);
	x[3] = NAN; /* row 2, feature 2 */
	CHECK_EQ_INT(seg_kdescribe(f, 2, x, 3, c, 1, out, &err), SEG_E_ARGUMENT);
	CHECK_EQ_UINT(err.line, 2);
	CHECK_EQ_UINT(err.column, 2);
	CHECK_STR(err.message, "row 2, feature 2: the value is NaN");
	x[3] = 4;
	c[1] = INFINITY;
	CHECK_EQ_INT(seg_kdescribe(f, 2, x, 3, c, 1, out, &err), SEG_E_ARGUMENT);
	CHECK_EQ_UINT(err.line, 1);
	CHECK_EQ_UINT(err.column, 2);
	CHECK_STR(err.message, "centroid 1, feature 2: the value is infinite");
	/* k == 0: nothing to do. */
	CHECK_EQ_INT(seg_kdescribe(f, 2, x, 3, c, 0, out, &err), SEG_OK);
}
