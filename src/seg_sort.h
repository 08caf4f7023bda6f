/*
 * seg_sort.h - an in-place sort of 12-byte (64-bit key, 32-bit index) items.
 *
 * Items are ordered by key and, among equal keys, by a caller's comparator
 * (or by index).  The sort allocates nothing, so sorting n items needs the
 * 12 * n bytes of the array and a few KiB of stack; C's qsort() may malloc a
 * copy of the array.  MSD radix sort on the key bytes that differ (in place,
 * "American flag"), insertion sort for small buckets, and an introsort for
 * runs of equal keys.  Not stable (the comparator decides every tie).
 */
#ifndef SEG_SORT_H
#define SEG_SORT_H

#include <stddef.h>
#include <stdint.h>

/* 12 bytes, 4-byte aligned: the key is split so no padding is added. */
typedef struct seg_sort_item {
	uint32_t key_hi, key_lo;
	uint32_t idx;
} seg_sort_item;

static inline uint64_t seg_sort_key(const seg_sort_item *it)
{
	return (uint64_t)it->key_hi << 32 | it->key_lo;
}

static inline void seg_sort_set(seg_sort_item *it, uint64_t key, uint32_t idx)
{
	it->key_hi = (uint32_t)(key >> 32);
	it->key_lo = (uint32_t)key;
	it->idx = idx;
}

/* Orders two items with equal keys: negative, zero or positive. */
typedef int (*seg_sort_tie_fn)(const seg_sort_item *a, const seg_sort_item *b, void *ctx);

/* Sorts items ascending by key, equal keys by tie(a, b, ctx), or by idx
 * when tie is NULL. */
void seg_sort_items(seg_sort_item *items, size_t n, seg_sort_tie_fn tie, void *ctx);

#endif
