/*
 * seg_idmap.c - integer ids to 32-bit values (seg_idmap.h).
 */
#include "seg_idmap.h"

#include <stdlib.h>

typedef struct slot {
	uint64_t key;
	uint32_t value;
	uint32_t used;
} slot;

struct seg_idmap {
	slot *slots;
	size_t cap; /* a power of two */
	unsigned shift; /* 64 - log2(cap) */
	size_t count;
};

enum { INITIAL_BITS = 10 };

static size_t home(const seg_idmap *m, uint64_t key)
{
	/* Fibonacci hashing: consecutive ids land far apart, so runs of
	 * AUTO_INCREMENT keys do not build long probe chains. */
	return (size_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> m->shift);
}

static bool alloc_slots(seg_idmap *m, unsigned bits)
{
	size_t cap = (size_t)1 << bits;
	slot *s = calloc(cap, sizeof *s);
	if (!s) return false;
	m->slots = s;
	m->cap = cap;
	m->shift = 64 - bits;
	return true;
}

seg_idmap *seg_idmap_new(void)
{
	seg_idmap *m = calloc(1, sizeof *m);
	if (!m) return NULL;
	if (!alloc_slots(m, INITIAL_BITS)) {
		free(m);
		return NULL;
	}
	return m;
}

void seg_idmap_free(seg_idmap *m)
{
	if (!m) return;
	free(m->slots);
	free(m);
}

static slot *find(const seg_idmap *m, uint64_t key)
{
	size_t mask = m->cap - 1;
	for (size_t i = home(m, key);; i = (i + 1) & mask) {
		slot *s = &m->slots[i];
		if (!s->used || s->key == key) return s;
	}
}

static bool grow(seg_idmap *m)
{
	seg_idmap bigger = *m;
	unsigned bits = 64 - m->shift + 1;
	if (bits >= sizeof(size_t) * 8 - 5 || !alloc_slots(&bigger, bits)) return false;
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].used) *find(&bigger, m->slots[i].key) = m->slots[i];
	free(m->slots);
	m->slots = bigger.slots;
	m->cap = bigger.cap;
	m->shift = bigger.shift;
	return true;
}

bool seg_idmap_put(seg_idmap *m, uint64_t key, uint32_t value)
{
	slot *s = find(m, key);
	if (s->used) {
		s->value = value;
		return true;
	}
	/* at most 70 % full: linear probing stays short */
	if ((m->count + 1) * 10 > m->cap * 7) {
		if (!grow(m)) return false;
		s = find(m, key);
	}
	s->key = key;
	s->value = value;
	s->used = 1;
	m->count++;
	return true;
}

bool seg_idmap_get(const seg_idmap *m, uint64_t key, uint32_t *value)
{
	const slot *s = find(m, key);
	if (!s->used) return false;
	if (value) *value = s->value;
	return true;
}

size_t seg_idmap_count(const seg_idmap *m) { return m->count; }

size_t seg_idmap_memory(const seg_idmap *m) { return sizeof *m + m->cap * sizeof(slot); }

bool seg_idmap_parse_id(const char *s, size_t len, uint64_t *out)
{
	if (!len || len > 20) return false;
	uint64_t v = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9') return false;
		unsigned d = (unsigned)(s[i] - '0');
		if (v > (UINT64_MAX - d) / 10) return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}
