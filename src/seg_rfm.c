/*
 * seg_rfm.c - RFM fit, scoring and the built-in segment maps.
 */
#include "seg_rfm.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double seg_quantile_linear(const double *sorted, size_t n, double q)
{
	/* numpy 1.24 _quantile, method "linear": v = (n - 1) * q, neighbours
	 * floor(v) and floor(v) + 1 clamped to the array, and _lerp's two-sided
	 * formula (the upper form when the weight is at least 0.5). */
	if (n == 0) return NAN;
	double v = (double)(n - 1) * q;
	if (v >= (double)(n - 1)) return sorted[n - 1];
	if (v < 0) return sorted[0];
	double prev = floor(v);
	size_t i = (size_t)prev;
	double a = sorted[i], b = sorted[i + 1], t = v - prev;
	double diff = b - a;
	return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/* np.linspace(0, 1, bins + 1)[i]: i * (1 / bins), the last exactly 1. */
static double linspace_at(uint32_t i, uint32_t bins)
{
	return i == bins ? 1.0 : (double)i * (1.0 / (double)bins);
}

typedef struct metric_item {
	double value;
	uint32_t index; /* profile number, ties broken by it (rank "first") */
} metric_item;

static int cmp_item(const void *a, const void *b)
{
	const metric_item *x = a, *y = b;
	if (x->value != y->value) return x->value < y->value ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

/*
 * One metric.  items[] holds the scored customers' values; on return it is
 * sorted by (value, index).  bin_of[k] receives the 0-based bin of the k-th
 * sorted item; thr[] the model's value thresholds.
 */
static seg_status fit_metric(metric_item *items, size_t n, uint32_t bins, seg_rfm_method method, uint8_t *bin_of,
                             double *thr, double *scratch, seg_error *err)
{
	qsort(items, n, sizeof *items, cmp_item);
	if (method == SEG_RFM_PANDAS) {
		/* rank(method="first") gives item k (sorted) the rank k + 1; qcut's
		 * edges are numpy quantiles of the ranks 1..n, and a rank x falls in
		 * bin i when edge[i] < x <= edge[i + 1] (the first bin includes its
		 * lower edge): bins.searchsorted(x, side="left") - 1. */
		double edges[SEG_RFM_MAX_BINS + 1];
		for (size_t k = 0; k < n; k++) scratch[k] = (double)(k + 1);
		for (uint32_t i = 0; i <= bins; i++) edges[i] = seg_quantile_linear(scratch, n, linspace_at(i, bins));
		for (uint32_t i = 0; i < bins; i++)
			if (!(edges[i] < edges[i + 1])) /* pandas: "Bin edges must be unique" */
				return seg_error_set(err, SEG_E_ARGUMENT,
				                     "%zu customers are too few for %u bins: quantile edges coincide", n, bins);
		uint32_t bin = 0;
		for (size_t k = 0; k < n; k++) {
			double x = (double)(k + 1);
			while (bin + 1 < bins && x > edges[bin + 1]) bin++;
			bin_of[k] = (uint8_t)bin;
		}
		/* For one customer at request time: the largest value of each bin. */
		for (uint32_t i = 0; i + 1 < bins; i++) thr[i] = -INFINITY;
		for (size_t k = 0; k < n; k++)
			if (bin_of[k] + 1u < bins && items[k].value > thr[bin_of[k]]) thr[bin_of[k]] = items[k].value;
		for (uint32_t i = 1; i + 1 < bins; i++)
			if (thr[i] < thr[i - 1]) thr[i] = thr[i - 1];
		return SEG_OK;
	}
	/* Quantile method: thresholds are quantiles of the values; a value's
	 * bin is the number of thresholds it exceeds, so ties stay together. */
	for (size_t k = 0; k < n; k++) scratch[k] = items[k].value;
	for (uint32_t i = 1; i < bins; i++) thr[i - 1] = seg_quantile_linear(scratch, n, linspace_at(i, bins));
	for (size_t k = 0; k < n; k++) {
		uint32_t b = 0;
		while (b + 1 < bins && items[k].value > thr[b]) b++;
		bin_of[k] = (uint8_t)b;
	}
	return SEG_OK;
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
	const uint32_t *order = opt ? opt->order : NULL;

	size_t total = seg_profiles_count(p), n = 0;
	for (size_t i = 0; i < total; i++) n += seg_profiles_at(p, i)->orders > 0;
	if (scores) memset(scores, 0, sizeof *scores * total);
	if (n == 0) return seg_error_set(err, SEG_E_ARGUMENT, "no customer has an order to score");

	metric_item *items = malloc(sizeof *items * n);
	double *scratch = malloc(sizeof *scratch * n);
	uint8_t *bin_of = malloc(n);
	if (!items || !scratch || !bin_of) {
		free(items);
		free(scratch);
		free(bin_of);
		return seg_error_set(err, SEG_E_NOMEM, "out of memory");
	}
	memset(model, 0, sizeof *model);
	model->bins = bins;
	model->method = method;
	model->reference = reference;
	model->customers = n;

	seg_status st = SEG_OK;
	for (int metric = 0; metric < 3 && !st; metric++) {
		size_t k = 0;
		for (size_t pos = 0; pos < total; pos++) {
			/* index = position in the tie-breaking order */
			const seg_profile *pr = seg_profiles_at(p, order ? order[pos] : pos);
			if (!pr->orders) continue;
			double v = metric == 0 ? (double)seg_profile_recency(pr, reference)
			         : metric == 1 ? (double)pr->orders : pr->monetary;
			items[k].value = v;
			items[k].index = (uint32_t)pos;
			k++;
		}
		double *thr = metric == 0 ? model->r : metric == 1 ? model->f : model->m;
		st = fit_metric(items, n, bins, method, bin_of, thr, scratch, err);
		if (st || !scores) continue;
		for (size_t j = 0; j < n; j++) {
			seg_rfm_score *s = &scores[order ? order[items[j].index] : items[j].index];
			/* Fewer days since the last order is better: R counts down. */
			uint8_t score = metric == 0 ? (uint8_t)(bins - bin_of[j]) : (uint8_t)(bin_of[j] + 1);
			if (metric == 0) s->r = score;
			else if (metric == 1) s->f = score;
			else s->m = score;
		}
	}
	free(items);
	free(scratch);
	free(bin_of);
	return st;
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
