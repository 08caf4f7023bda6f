/*
 * seg_sort.c - in-place MSD radix sort of (key, index) items.
 *
 * The radix sort starts at the highest key byte in which the smallest and
 * the largest key differ (customer numbers up to a million differ only in
 * their low three bytes), permutes each bucket in place by cycles (American
 * flag sort) and recurses into the buckets, at most eight levels deep.
 * Buckets of up to SMALL items are finished by insertion sort.  Runs of
 * equal keys left after the last byte go to an introsort on the tie order:
 * quicksort with a median of three, recursion on the smaller side, heapsort
 * when it degenerates.
 */
#include "seg_sort.h"

#include <stdbool.h>

#define SMALL 24

typedef struct sorter {
	seg_sort_tie_fn tie;
	void *ctx;
} sorter;

static inline int cmp_tie(const sorter *s, const seg_sort_item *a, const seg_sort_item *b)
{
	if (s->tie) return s->tie(a, b, s->ctx);
	return (a->idx > b->idx) - (a->idx < b->idx);
}

static inline int cmp_full(const sorter *s, const seg_sort_item *a, const seg_sort_item *b)
{
	uint64_t ka = seg_sort_key(a), kb = seg_sort_key(b);
	if (ka != kb) return ka < kb ? -1 : 1;
	return cmp_tie(s, a, b);
}

static inline void swap_items(seg_sort_item *a, seg_sort_item *b)
{
	seg_sort_item t = *a;
	*a = *b;
	*b = t;
}

static void insertion_sort(const sorter *s, seg_sort_item *a, size_t n, bool keys_equal)
{
	for (size_t i = 1; i < n; i++) {
		seg_sort_item x = a[i];
		size_t j = i;
		while (j > 0 && (keys_equal ? cmp_tie(s, &x, &a[j - 1]) : cmp_full(s, &x, &a[j - 1])) < 0) {
			a[j] = a[j - 1];
			j--;
		}
		a[j] = x;
	}
}

/* ---- equal keys: introsort on the tie order ------------------------------ */

static void sift_down(const sorter *s, seg_sort_item *a, size_t root, size_t n)
{
	for (;;) {
		size_t child = 2 * root + 1;
		if (child >= n) return;
		if (child + 1 < n && cmp_tie(s, &a[child], &a[child + 1]) < 0) child++;
		if (cmp_tie(s, &a[root], &a[child]) >= 0) return;
		swap_items(&a[root], &a[child]);
		root = child;
	}
}

static void heap_sort(const sorter *s, seg_sort_item *a, size_t n)
{
	for (size_t i = n / 2; i-- > 0;) sift_down(s, a, i, n);
	for (size_t end = n; end-- > 1;) {
		swap_items(&a[0], &a[end]);
		sift_down(s, a, 0, end);
	}
}

static void intro_sort(const sorter *s, seg_sort_item *a, size_t n, unsigned depth)
{
	while (n > SMALL) {
		if (depth-- == 0) {
			heap_sort(s, a, n);
			return;
		}
		/* Median of three: afterwards a[0] <= pivot <= a[n - 1], which stop
		 * the scans below without bounds checks. */
		size_t mid = n / 2;
		if (cmp_tie(s, &a[mid], &a[0]) < 0) swap_items(&a[mid], &a[0]);
		if (cmp_tie(s, &a[n - 1], &a[mid]) < 0) {
			swap_items(&a[n - 1], &a[mid]);
			if (cmp_tie(s, &a[mid], &a[0]) < 0) swap_items(&a[mid], &a[0]);
		}
		seg_sort_item pivot = a[mid];
		size_t i = 0, j = n - 1;
		for (;;) {
			while (cmp_tie(s, &a[++i], &pivot) < 0) {}
			while (cmp_tie(s, &pivot, &a[--j]) < 0) {}
			if (i >= j) break;
			swap_items(&a[i], &a[j]);
		}
		/* a[0 .. i) <= pivot <= a[i .. n), both sides non-empty. */
		if (i < n - i) {
			intro_sort(s, a, i, depth);
			a += i;
			n -= i;
		} else {
			intro_sort(s, a + i, n - i, depth);
			n = i;
		}
	}
	insertion_sort(s, a, n, true);
}

static void sort_ties(const sorter *s, seg_sort_item *a, size_t n)
{
	unsigned depth = 0;
	for (size_t m = n; m > 1; m >>= 1) depth += 2;
	intro_sort(s, a, n, depth);
}

/* ---- radix --------------------------------------------------------------- */

#define DIGIT(it, shift) ((unsigned)(seg_sort_key(it) >> (shift)) & 0xFFu)

/* Sorts a[0 .. n) whose keys agree above bit shift + 8. */
static void radix_sort(const sorter *s, seg_sort_item *a, size_t n, unsigned shift)
{
	size_t count[256], head[256];
	for (;;) {
		if (n <= SMALL) {
			insertion_sort(s, a, n, false);
			return;
		}
		for (unsigned b = 0; b < 256; b++) count[b] = 0;
		for (size_t i = 0; i < n; i++) count[DIGIT(&a[i], shift)]++;
		if (count[DIGIT(&a[0], shift)] < n) break;
		/* One bucket holds everything: this byte is the same in every key. */
		if (shift == 0) {
			sort_ties(s, a, n);
			return;
		}
		shift -= 8;
	}
	size_t pos = 0;
	for (unsigned b = 0; b < 256; b++) {
		head[b] = pos;
		pos += count[b];
	}
	/* Cycle every item to its bucket: head[b] is the next unsorted slot of
	 * bucket b, which ends where bucket b + 1 starts. */
	size_t start = 0;
	for (unsigned b = 0; b < 256; b++) {
		size_t end = start + count[b];
		while (head[b] < end) {
			seg_sort_item x = a[head[b]];
			unsigned d = DIGIT(&x, shift);
			while (d != b) {
				seg_sort_item t = a[head[d]];
				a[head[d]++] = x;
				x = t;
				d = DIGIT(&x, shift);
			}
			a[head[b]++] = x;
		}
		start = end;
	}
	start = 0;
	for (unsigned b = 0; b < 256; b++) {
		size_t c = count[b];
		if (c > 1) {
			if (shift == 0) sort_ties(s, a + start, c);
			else radix_sort(s, a + start, c, shift - 8);
		}
		start += c;
	}
}

void seg_sort_items(seg_sort_item *items, size_t n, seg_sort_tie_fn tie, void *ctx)
{
	if (n < 2) return;
	sorter s = {tie, ctx};
	uint64_t lo = seg_sort_key(&items[0]), hi = lo;
	for (size_t i = 1; i < n; i++) {
		uint64_t k = seg_sort_key(&items[i]);
		if (k < lo) lo = k;
		if (k > hi) hi = k;
	}
	if (lo == hi) {
		sort_ties(&s, items, n);
		return;
	}
	/* Start at the highest byte in which some keys differ. */
	unsigned shift = 56;
	while (!((lo ^ hi) >> shift)) shift -= 8;
	radix_sort(&s, items, n, shift);
}
