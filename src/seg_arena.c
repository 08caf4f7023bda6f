/*
 * seg_arena.c - bump allocator; see seg_arena.h.
 */
#include "seg_arena.h"

#include <stdint.h>
#include <stdlib.h>

struct seg_arena_chunk {
	seg_arena_chunk *next;
	size_t cap;
	size_t used;
	/* data follows, 16-byte aligned by the header size below */
};

#define CHUNK_HDR ((sizeof(seg_arena_chunk) + 15) & ~(size_t)15)

void seg_arena_init(seg_arena *a, void *buf, size_t cap)
{
	/* Align the caller's buffer start. */
	uintptr_t p = (uintptr_t)buf, q = (p + 7) & ~(uintptr_t)7;
	a->buf = buf ? (char *)q : NULL;
	a->cap = buf && cap > (size_t)(q - p) ? cap - (size_t)(q - p) : 0;
	a->used = 0;
	a->chunks = NULL;
	a->spilled = 0;
	a->limit = 0;
	a->total = 0;
}

void *seg_arena_alloc(seg_arena *a, size_t size)
{
	if (size > SIZE_MAX / 2) return NULL;
	size = (size + 7) & ~(size_t)7;
	if (size == 0) size = 8;
	if (a->limit && (a->total + size > a->limit)) return NULL;
	if (a->cap - a->used >= size) {
		void *r = a->buf + a->used;
		a->used += size;
		a->total += size;
		return r;
	}
	seg_arena_chunk *c = a->chunks;
	if (!c || c->cap - c->used < size) {
		size_t cap = size > 4096 ? size : 4096;
		c = malloc(CHUNK_HDR + cap);
		if (!c) return NULL;
		c->cap = cap;
		c->used = 0;
		c->next = a->chunks;
		a->chunks = c;
		a->spilled += cap;
	}
	void *r = (char *)c + CHUNK_HDR + c->used;
	c->used += size;
	a->total += size;
	return r;
}

void seg_arena_free(seg_arena *a)
{
	seg_arena_chunk *c = a->chunks;
	while (c) {
		seg_arena_chunk *n = c->next;
		free(c);
		c = n;
	}
	a->chunks = NULL;
}

void seg_arena_reset(seg_arena *a)
{
	seg_arena_free(a);
	a->used = 0;
	a->total = 0;
}
