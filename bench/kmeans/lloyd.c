/*
 * lloyd.c - the physical reference of the k-means benchmark: a textbook
 * k-means in plain C, compiled by run.sh with gcc -O3 -march=x86-64-v2.
 *
 *   lloyd DATA.f64 --d D --k K [--n-init 3] [--max-iter 100] [--tol 1e-4]
 *         [--seed 0] [--init INIT.f64] [--centroids OUT.json]
 *
 * DATA.f64: n x d little-endian doubles, row-major (generate.py). Seeding:
 * plain k-means++ (one D^2-weighted draw per centre, splitmix64), or the k
 * rows of INIT.f64 (then one restart). Each iteration: every point against
 * every centre (full squared Euclidean distance, the lowest index on a
 * tie), then the means (an empty cluster keeps its centre). Stops like
 * scikit-learn's Lloyd: labels unchanged, or the summed squared centre
 * shift <= tol x the mean variance of the features, or max_iter; then one
 * more assignment pass gives the labels and inertia of the final centres.
 * The restart with the lowest inertia wins.
 *
 * Prints one JSON line: fit_s (seeding + iterations + final pass, all
 * restarts), iter_s (the iterations only), n_iter (best restart),
 * total_iter (all restarts), inertia, peak_rss_kb.
 */
#define _POSIX_C_SOURCE 200809L
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t rng_state;

static uint64_t splitmix64(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double uniform01(void)
{
	return (double)(splitmix64() >> 11) * 0x1.0p-53;
}

static double *read_doubles(const char *path, size_t *count)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(2);
	}
	fseek(f, 0, SEEK_END);
	long bytes = ftell(f);
	fseek(f, 0, SEEK_SET);
	double *x = malloc((size_t)bytes + 8);
	if (!x || fread(x, 1, (size_t)bytes, f) != (size_t)bytes) {
		fprintf(stderr, "%s: cannot read\n", path);
		exit(2);
	}
	fclose(f);
	*count = (size_t)bytes / sizeof(double);
	return x;
}

static long status_kb(const char *key)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long v = -1;
	size_t len = strlen(key);
	while (f && fgets(line, sizeof line, f)) {
		if (strncmp(line, key, len) == 0 && line[len] == ':') {
			v = atol(line + len + 1);
		}
	}
	if (f) {
		fclose(f);
	}
	return v;
}

/* Assigns every point to its nearest centre; returns the inertia, counts changed labels. */
static double assign(const double *x, size_t n, size_t d, const double *c, size_t k, uint32_t *labels,
                     size_t *changed)
{
	double inertia = 0.0;
	size_t ch = 0;
	for (size_t i = 0; i < n; i++) {
		const double *p = x + i * d;
		double best = DBL_MAX;
		uint32_t bj = 0;
		for (size_t j = 0; j < k; j++) {
			const double *q = c + j * d;
			double s = 0.0;
			for (size_t f = 0; f < d; f++) {
				double t = p[f] - q[f];
				s += t * t;
			}
			if (s < best) {
				best = s;
				bj = (uint32_t)j;
			}
		}
		ch += labels[i] != bj;
		labels[i] = bj;
		inertia += best;
	}
	*changed = ch;
	return inertia;
}

static void seed_kmeanspp(const double *x, size_t n, size_t d, size_t k, double *c, double *dist)
{
	size_t first = (size_t)(uniform01() * (double)n);
	memcpy(c, x + first * d, d * sizeof *c);
	double total = 0.0;
	for (size_t i = 0; i < n; i++) {
		double s = 0.0;
		for (size_t f = 0; f < d; f++) {
			double t = x[i * d + f] - c[f];
			s += t * t;
		}
		dist[i] = s;
		total += s;
	}
	for (size_t j = 1; j < k; j++) {
		double r = uniform01() * total, acc = 0.0;
		size_t pick = n - 1;
		for (size_t i = 0; i < n; i++) {
			acc += dist[i];
			if (acc > r) {
				pick = i;
				break;
			}
		}
		double *q = c + j * d;
		memcpy(q, x + pick * d, d * sizeof *q);
		total = 0.0;
		for (size_t i = 0; i < n; i++) {
			double s = 0.0;
			for (size_t f = 0; f < d; f++) {
				double t = x[i * d + f] - q[f];
				s += t * t;
			}
			if (s < dist[i]) {
				dist[i] = s;
			}
			total += dist[i];
		}
	}
}

int main(int argc, char **argv)
{
	const char *data = NULL, *init = NULL, *out = NULL;
	size_t d = 0, k = 0, n_init = 3, max_iter = 100;
	double tol = 1e-4;
	uint64_t seed = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (a[0] != '-') {
			data = a;
			continue;
		}
		if (!v) {
			fprintf(stderr, "%s: missing value\n", a);
			return 2;
		}
		i++;
		if (!strcmp(a, "--d")) {
			d = strtoul(v, NULL, 10);
		} else if (!strcmp(a, "--k")) {
			k = strtoul(v, NULL, 10);
		} else if (!strcmp(a, "--n-init")) {
			n_init = strtoul(v, NULL, 10);
		} else if (!strcmp(a, "--max-iter")) {
			max_iter = strtoul(v, NULL, 10);
		} else if (!strcmp(a, "--tol")) {
			tol = strtod(v, NULL);
		} else if (!strcmp(a, "--seed")) {
			seed = strtoull(v, NULL, 10);
		} else if (!strcmp(a, "--init")) {
			init = v;
		} else if (!strcmp(a, "--centroids")) {
			out = v;
		} else {
			fprintf(stderr, "unknown option %s\n", a);
			return 2;
		}
	}
	size_t count = 0;
	if (!data || !d || !k) {
		fprintf(stderr, "usage: lloyd DATA.f64 --d D --k K [--n-init 3] [--max-iter 100] [--tol 1e-4] "
		                "[--seed 0] [--init INIT.f64] [--centroids OUT.json]\n");
		return 2;
	}
	double *x = read_doubles(data, &count);
	size_t n = count / d;
	double *given = NULL;
	if (init) {
		size_t ic = 0;
		given = read_doubles(init, &ic);
		if (ic != k * d) {
			fprintf(stderr, "%s: %zu values, expected k x d = %zu\n", init, ic, k * d);
			return 2;
		}
		n_init = 1;
	}
	double *c = malloc(k * d * sizeof *c), *best_c = malloc(k * d * sizeof *c);
	double *sum = malloc(k * d * sizeof *sum), *dist = malloc(n * sizeof *dist);
	size_t *cnt = malloc(k * sizeof *cnt);
	uint32_t *labels = malloc(n * sizeof *labels);
	if (!c || !best_c || !sum || !dist || !cnt || !labels) {
		fprintf(stderr, "out of memory\n");
		return 2;
	}
	rng_state = seed;

	double t0 = now_s(), iter_s = 0.0;
	/* tolerance as scikit-learn: tol x mean over features of the variance */
	double var_sum = 0.0;
	for (size_t f = 0; f < d; f++) {
		double m = 0.0, v = 0.0;
		for (size_t i = 0; i < n; i++) {
			m += x[i * d + f];
		}
		m /= (double)n;
		for (size_t i = 0; i < n; i++) {
			double t = x[i * d + f] - m;
			v += t * t;
		}
		var_sum += v / (double)n;
	}
	double tol_abs = tol * var_sum / (double)d;
	double best_inertia = DBL_MAX;
	size_t best_iter = 0, total_iter = 0;
	for (size_t run = 0; run < n_init; run++) {
		if (given) {
			memcpy(c, given, k * d * sizeof *c);
		} else {
			seed_kmeanspp(x, n, d, k, c, dist);
		}
		for (size_t i = 0; i < n; i++) {
			labels[i] = UINT32_MAX;
		}
		double ti = now_s();
		size_t it = 0, changed = 0;
		int strict = 0;
		double inertia = 0.0;
		while (it < max_iter) {
			inertia = assign(x, n, d, c, k, labels, &changed);
			it++;
			if (changed == 0) { /* the centres are the means of these labels already */
				strict = 1;
				break;
			}
			memset(sum, 0, k * d * sizeof *sum);
			memset(cnt, 0, k * sizeof *cnt);
			for (size_t i = 0; i < n; i++) {
				double *s = sum + (size_t)labels[i] * d;
				const double *p = x + i * d;
				for (size_t f = 0; f < d; f++) {
					s[f] += p[f];
				}
				cnt[labels[i]]++;
			}
			double shift = 0.0;
			for (size_t j = 0; j < k; j++) {
				if (!cnt[j]) {
					continue;
				}
				for (size_t f = 0; f < d; f++) {
					double m = sum[j * d + f] / (double)cnt[j];
					double t = m - c[j * d + f];
					shift += t * t;
					c[j * d + f] = m;
				}
			}
			if (shift <= tol_abs) {
				break;
			}
		}
		iter_s += now_s() - ti;
		total_iter += it;
		if (!strict) { /* labels and inertia of the final centres */
			inertia = assign(x, n, d, c, k, labels, &changed);
		}
		if (inertia < best_inertia) {
			best_inertia = inertia;
			best_iter = it;
			memcpy(best_c, c, k * d * sizeof *c);
		}
	}
	double fit_s = now_s() - t0;

	if (out) {
		FILE *f = fopen(out, "w");
		if (!f) {
			perror(out);
			return 2;
		}
		fputc('[', f);
		for (size_t j = 0; j < k; j++) {
			fputs(j ? ",[" : "[", f);
			for (size_t q = 0; q < d; q++) {
				fprintf(f, q ? ",%.17g" : "%.17g", best_c[j * d + q]);
			}
			fputc(']', f);
		}
		fputs("]\n", f);
		fclose(f);
	}
	printf("{\"method\":\"c-lloyd\",\"threads\":1,\"n\":%zu,\"d\":%zu,\"k\":%zu,\"n_init\":%zu,\"max_iter\":%zu,"
	       "\"tol\":%g,\"fit_s\":%.9f,\"iter_s\":%.9f,\"inertia\":%.17g,\"n_iter\":%zu,\"total_iter\":%zu,"
	       "\"peak_rss_kb\":%ld}\n",
	       n, d, k, n_init, max_iter, tol, fit_s, iter_s, best_inertia, best_iter, total_iter, status_kb("VmHWM"));
	free(x);
	free(given);
	free(c);
	free(best_c);
	free(sum);
	free(dist);
	free(cnt);
	free(labels);
	return 0;
}
