/*
 * seg_profile_order.c - the customer-id order of profiles, as a rank array.
 *
 * Each profile becomes a 12-byte item (a 64-bit key, the profile index)
 * sorted in place by seg_sort_items(), which allocates nothing; glibc's
 * qsort() would malloc another copy of the array.  Keys:
 *
 *   numeric ids  the int64 with its sign bit flipped, so unsigned order is
 *                numeric order; equal numbers fall back to the index.
 *   byte-wise    the 8 bytes after the prefix that every id shares,
 *                big-endian, zero-padded.  A run of equal keys is sorted
 *                the same way on the bytes after the ones it shares, and so
 *                on ("CUSTOMER-ACCOUNT-000123" next to "GUEST-5"); short
 *                runs, runs whose ids end within the key and runs 32 levels
 *                down are finished by memcmp of the rest, then the length,
 *                then the index.
 *
 * A zero-padded key never contradicts memcmp-then-length: where two padded
 * keys first differ, either both ids have a byte there (memcmp decides the
 * same way) or the smaller one has ended and is a prefix of the other.
 */
#include "seg_profile_order.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "seg_sort.h"
#include "seg_value.h"

/* A plain integer id: digits, an optional leading minus, within int64. */
static bool parse_int_id(const char *s, size_t n, int64_t *v)
{
	/* Fast path: up to 18 digits always fit, and seg_str_to_number() would
	 * give exactly this int. */
	size_t i = n && s[0] == '-';
	if (n > i && n - i <= 18) {
		uint64_t x = 0;
		for (size_t k = i; k < n; k++) {
			unsigned d = (unsigned)(unsigned char)s[k] - '0';
			if (d > 9) return false;
			x = x * 10 + d;
		}
		*v = i ? -(int64_t)x : (int64_t)x;
		return true;
	}
	seg_value num;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (i == 0 && s[i] == '-' && n > 1))) return false;
	if (!n || !seg_str_to_number(s, n, &num) || num.type != SEG_T_INT) return false;
	*v = num.u.i;
	return true;
}

#define RUN_SMALL 16  /* a run of equal keys this short goes to memcmp */
#define MAX_LEVELS 32 /* levels of keys, then memcmp */

typedef struct bytes_order {
	const seg_profiles *p;
	size_t skip; /* the ids agree on their first skip bytes (zero-padded) */
} bytes_order;

/* Ids whose keys are equal: memcmp past the part they agree on, shorter
 * first, then profile order. */
static int cmp_id_bytes(const seg_sort_item *a, const seg_sort_item *b, void *ctx)
{
	const bytes_order *o = ctx;
	seg_str x = seg_profiles_id(o->p, a->idx), y = seg_profiles_id(o->p, b->idx);
	size_t n = x.len < y.len ? x.len : y.len;
	int c = n > o->skip ? memcmp(x.s + o->skip, y.s + o->skip, n - o->skip) : 0;
	if (c) return c;
	if (x.len != y.len) return x.len < y.len ? -1 : 1;
	return (a->idx > b->idx) - (a->idx < b->idx);
}

static uint64_t bytes_key(seg_str id, size_t skip)
{
	uint64_t k = 0;
	for (size_t j = skip; j < skip + 8; j++) k = k << 8 | (j < id.len ? (unsigned char)id.s[j] : 0u);
	return k;
}

/* Sorts ids that agree on their first off bytes (zero-padded). */
static void sort_run(const seg_profiles *p, seg_sort_item *a, size_t n, size_t off, unsigned level)
{
	bytes_order o = {p, off};
	if (n <= RUN_SMALL) {
		for (size_t i = 0; i < n; i++) seg_sort_set(&a[i], 0, a[i].idx);
		seg_sort_items(a, n, cmp_id_bytes, &o);
		return;
	}
	/* Skip the bytes that every id of the run has, and has the same. */
	seg_str first = seg_profiles_id(p, a[0].idx);
	size_t end = first.len;
	for (size_t i = 1; i < n && end > off; i++) {
		seg_str id = seg_profiles_id(p, a[i].idx);
		size_t j = off, lim = end < id.len ? end : id.len;
		while (j < lim && id.s[j] == first.s[j]) j++;
		end = j;
	}
	if (end > off) off = o.skip = end;
	bool longer = false; /* some id goes on after this key */
	for (size_t i = 0; i < n; i++) {
		seg_str id = seg_profiles_id(p, a[i].idx);
		longer |= id.len > off + 8;
		seg_sort_set(&a[i], bytes_key(id, off), a[i].idx);
	}
	if (!longer || level + 1 >= MAX_LEVELS) {
		seg_sort_items(a, n, cmp_id_bytes, &o);
		return;
	}
	seg_sort_items(a, n, NULL, NULL);
	for (size_t i = 0, j; i < n; i = j) {
		uint64_t k = seg_sort_key(&a[i]);
		for (j = i + 1; j < n && seg_sort_key(&a[j]) == k; j++) {}
		if (j - i > 1) sort_run(p, a + i, j - i, off + 8, level + 1);
	}
}

seg_status seg_profiles_id_rank(const seg_profiles *p, uint32_t *rank, seg_error *err)
{
	size_t n = seg_profiles_count(p);
	if (n == 0) return SEG_OK;
	if (n - 1 > UINT32_MAX) return seg_error_set(err, SEG_E_LIMIT, "too many customers to order");
	seg_sort_item *items = malloc(sizeof *items * n);
	if (!items) return seg_error_set(err, SEG_E_NOMEM, "out of memory");

	bool numeric = true;
	for (size_t i = 0; i < n && numeric; i++) {
		seg_str id = seg_profiles_id(p, i);
		int64_t v = 0;
		numeric = parse_int_id(id.s, id.len, &v);
		seg_sort_set(&items[i], (uint64_t)v ^ (UINT64_C(1) << 63), (uint32_t)i);
	}
	if (numeric) {
		seg_sort_items(items, n, NULL, NULL); /* equal numbers: profile order */
	} else {
		for (size_t i = 0; i < n; i++) items[i].idx = (uint32_t)i;
		sort_run(p, items, n, 0, 0);
	}
	for (size_t k = 0; k < n; k++) rank[items[k].idx] = (uint32_t)k;
	free(items);
	return SEG_OK;
}
