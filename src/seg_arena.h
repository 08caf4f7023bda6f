/*
 * seg_arena.h - bump allocator for one evaluation or one compilation.
 *
 * The caller hands in a buffer (typically on its stack); allocations are
 * carved from it and spill to heap chunks only when it is full.  Everything
 * is released at once by seg_arena_reset/seg_arena_free.  Evaluation uses it
 * for lists converted from host values and for strings built by functions
 * such as lower(), so the common case never touches malloc.
 */
#ifndef SEG_ARENA_H
#define SEG_ARENA_H

#include <stddef.h>

typedef struct seg_arena_chunk seg_arena_chunk;

typedef struct seg_arena {
	char *buf;
	size_t cap;
	size_t used;
	seg_arena_chunk *chunks; /* heap spill, newest first */
	size_t spilled;          /* total bytes ever spilled (for tests/stats) */
	size_t limit;            /* 0 = unlimited; else total bytes allowed */
	size_t total;            /* bytes handed out since the last reset */
} seg_arena;

/* Uses buf[0..cap) first; buf may be NULL with cap 0. */
void seg_arena_init(seg_arena *a, void *buf, size_t cap);

/* Returns 8-byte aligned memory, or NULL when out of memory or over limit. */
void *seg_arena_alloc(seg_arena *a, size_t size);

/* Frees spilled chunks and makes the whole buffer available again. */
void seg_arena_reset(seg_arena *a);

/* Frees spilled chunks; the caller's buffer is not touched. */
void seg_arena_free(seg_arena *a);

#endif
