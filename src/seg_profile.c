/*
 * seg_profile.c - aggregating order lines into customer profiles.
 *
 * Memory is the budget that matters (a million customers, ten million
 * orders): profiles live in fixed-size chunks (no realloc doubling), ids in
 * an append-only chunked pool, and the index is an open-addressing table of
 * 8-byte slots (32-bit hash tag + profile number) kept at most 3/4 full.
 * That is about 90 bytes per customer.
 */
#include "seg_profile.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "seg_value.h"

#define CHUNK_SHIFT 12 /* 4096 profiles (256 KiB) per chunk */
#define CHUNK_SIZE (1u << CHUNK_SHIFT)
#define POOL_CHUNK (64u * 1024u)

#define MAX_ID_LEN 1024u /* a customer id longer than this is refused */

/* Ids live in 64 KiB chunks; an id's offset is chunk << 16 | position. */
typedef struct pool_chunk {
	uint32_t used;
	char data[POOL_CHUNK];
} pool_chunk;

struct seg_profiles {
	seg_profile_policy policy;
	seg_str *statuses; /* owned copies */
	char *cancel_prefix;
	seg_profile **chunks;
	size_t nchunks, capchunks;
	size_t n;
	uint64_t *table; /* (hash >> 32) << 32 | (index + 1); 0 = empty */
	size_t tcap;
	pool_chunk **pool;
	size_t npool;
	seg_profile_stats stats;
};

static uint64_t hash_bytes(const char *s, size_t n)
{
	/* Word-at-a-time multiply-xorshift: ids are short, this is hot. */
	uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
	while (n >= 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
		h ^= h >> 31;
		s += 8;
		n -= 8;
	}
	uint64_t w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 0x94d049bb133111ebull;
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 32;
	return h;
}

static inline seg_profile *profile_at(const seg_profiles *p, size_t i)
{
	return &p->chunks[i >> CHUNK_SHIFT][i & (CHUNK_SIZE - 1)];
}

static inline const char *id_ptr(const seg_profiles *p, uint32_t off)
{
	return p->pool[off >> 16]->data + (off & 0xFFFF);
}

seg_status seg_profiles_create(const seg_profile_policy *policy, seg_profiles **out, seg_error *err)
{
	seg_error_clear(err);
	*out = NULL;
	seg_profiles *p = calloc(1, sizeof *p);
	if (!p) return seg_error_set(err, SEG_E_NOMEM, "out of memory");
	if (policy) {
		p->policy = *policy;
		if (policy->ncancelled_statuses) {
			p->statuses = calloc(policy->ncancelled_statuses, sizeof(seg_str));
			if (!p->statuses) goto nomem;
			for (size_t i = 0; i < policy->ncancelled_statuses; i++) {
				char *s = malloc(policy->cancelled_statuses[i].len + 1);
				if (!s) goto nomem;
				memcpy(s, policy->cancelled_statuses[i].s, policy->cancelled_statuses[i].len);
				s[policy->cancelled_statuses[i].len] = '\0';
				p->statuses[i].s = s;
				p->statuses[i].len = policy->cancelled_statuses[i].len;
			}
			p->policy.cancelled_statuses = p->statuses;
		}
		if (policy->cancel_prefix.len) {
			p->cancel_prefix = malloc(policy->cancel_prefix.len);
			if (!p->cancel_prefix) goto nomem;
			memcpy(p->cancel_prefix, policy->cancel_prefix.s, policy->cancel_prefix.len);
			p->policy.cancel_prefix.s = p->cancel_prefix;
		}
	}
	p->stats.min_ts = INT64_MAX;
	p->stats.max_ts = INT64_MIN;
	*out = p;
	return SEG_OK;
nomem:
	seg_profiles_free(p);
	return seg_error_set(err, SEG_E_NOMEM, "out of memory");
}

void seg_profiles_free(seg_profiles *p)
{
	if (!p) return;
	for (size_t i = 0; i < p->nchunks; i++) free(p->chunks[i]);
	free(p->chunks);
	free(p->table);
	for (size_t i = 0; i < p->npool; i++) free(p->pool[i]);
	free(p->pool);
	if (p->statuses)
		for (size_t i = 0; i < p->policy.ncancelled_statuses; i++) free((char *)p->statuses[i].s);
	free(p->statuses);
	free(p->cancel_prefix);
	free(p);
}

static bool table_grow(seg_profiles *p)
{
	size_t ncap = p->tcap ? p->tcap * 2 : 1024;
	uint64_t *t = calloc(ncap, sizeof *t);
	if (!t) return false;
	for (size_t i = 0; i < p->tcap; i++) {
		uint64_t e = p->table[i];
		if (!e) continue;
		const seg_profile *pr = profile_at(p, (uint32_t)e - 1);
		uint64_t h = hash_bytes(id_ptr(p, pr->id_off), pr->id_len);
		size_t at = h & (ncap - 1);
		while (t[at]) at = (at + 1) & (ncap - 1);
		t[at] = e;
	}
	free(p->table);
	p->table = t;
	p->tcap = ncap;
	return true;
}

static bool pool_add(seg_profiles *p, const char *s, size_t n, uint32_t *off)
{
	pool_chunk *c = p->npool ? p->pool[p->npool - 1] : NULL;
	if (!c || POOL_CHUNK - c->used < n) {
		if (p->npool == 65536) return false;
		c = malloc(sizeof *c);
		if (!c) return false;
		pool_chunk **np = realloc(p->pool, sizeof *np * (p->npool + 1));
		if (!np) {
			free(c);
			return false;
		}
		p->pool = np;
		c->used = 0;
		p->pool[p->npool++] = c;
	}
	memcpy(c->data + c->used, s, n);
	*off = (uint32_t)((p->npool - 1) << 16) | c->used;
	c->used += (uint32_t)n;
	return true;
}

static seg_profile *profile_new(seg_profiles *p)
{
	if ((p->n & (CHUNK_SIZE - 1)) == 0 && (p->n >> CHUNK_SHIFT) == p->nchunks) {
		if (p->nchunks == p->capchunks) {
			size_t ncap = p->capchunks ? p->capchunks * 2 : 16;
			seg_profile **nc = realloc(p->chunks, sizeof *nc * ncap);
			if (!nc) return NULL;
			p->chunks = nc;
			p->capchunks = ncap;
		}
		seg_profile *chunk = malloc(sizeof(seg_profile) * CHUNK_SIZE);
		if (!chunk) return NULL;
		p->chunks[p->nchunks++] = chunk;
	}
	return profile_at(p, p->n++);
}

/* The profile of a customer id, created on first sight. */
static seg_profile *lookup(seg_profiles *p, const char *id, size_t len, seg_error *err)
{
	if ((p->n + 1) * 4 > p->tcap * 3 && !table_grow(p)) {
		seg_error_set(err, SEG_E_NOMEM, "out of memory");
		return NULL;
	}
	uint64_t h = hash_bytes(id, len);
	uint64_t tag = h >> 32 << 32;
	size_t at = h & (p->tcap - 1);
	for (;;) {
		uint64_t e = p->table[at];
		if (!e) break;
		if ((e & 0xFFFFFFFF00000000ull) == tag) {
			seg_profile *pr = profile_at(p, (uint32_t)e - 1);
			if (pr->id_len == len && memcmp(id_ptr(p, pr->id_off), id, len) == 0) return pr;
		}
		at = (at + 1) & (p->tcap - 1);
	}
	if (len > MAX_ID_LEN || p->n >= UINT32_MAX - 1) {
		seg_error_set(err, SEG_E_LIMIT, len > MAX_ID_LEN ? "a customer id is longer than 1024 bytes"
		                                                  : "more than 4 billion customers");
		return NULL;
	}
	uint32_t off;
	seg_profile *pr;
	if (!pool_add(p, id, len, &off) || !(pr = profile_new(p))) {
		seg_error_set(err, SEG_E_NOMEM, "out of memory");
		return NULL;
	}
	memset(pr, 0, sizeof *pr);
	pr->first_ts = INT64_MAX;
	pr->last_ts = INT64_MIN;
	pr->id_off = off;
	pr->id_len = (uint32_t)len;
	p->table[at] = tag | (uint64_t)p->n; /* index + 1: n was just incremented */
	return pr;
}

/* Kahan summation in the order lines arrive: what pandas' groupby().sum()
 * computes, so monetary matches it exactly, and more accurate than a naive
 * sum over millions of lines. */
static inline void add_money(seg_profile *pr, double v)
{
	double y = v - pr->monetary_c;
	double t = pr->monetary + y;
	pr->monetary_c = (t - pr->monetary) - y;
	pr->monetary = t;
}

static bool is_cancelled(const seg_profiles *p, const seg_order_line *l)
{
	const seg_str *pre = &p->policy.cancel_prefix;
	if (pre->len && l->order.len >= pre->len && memcmp(l->order.s, pre->s, pre->len) == 0) return true;
	for (size_t i = 0; i < p->policy.ncancelled_statuses; i++) {
		const seg_str *st = &p->policy.cancelled_statuses[i];
		if (st->len == l->status.len && memcmp(st->s, l->status.s, st->len) == 0) return true;
	}
	return false;
}

seg_status seg_profiles_add(seg_profiles *p, const seg_order_line *l, seg_error *err)
{
	p->stats.lines++;
	if (l->customer.len == 0) {
		p->stats.no_customer++;
		return SEG_OK;
	}
	if (!isfinite(l->amount))
		return seg_error_set(err, SEG_E_ARGUMENT, "the amount is not a finite number");
	if (!isnan(l->quantity) && !isfinite(l->quantity))
		return seg_error_set(err, SEG_E_ARGUMENT, "the quantity is not a finite number");
	if (!seg_ts_valid(l->ts))
		return seg_error_set(err, SEG_E_ARGUMENT, "the order date is outside years 0000-9999");

	seg_profile *pr = lookup(p, l->customer.s, l->customer.len, err);
	if (!pr) return err ? err->status : SEG_E_NOMEM;
	if (l->ts < p->stats.min_ts) p->stats.min_ts = l->ts;
	if (l->ts > p->stats.max_ts) p->stats.max_ts = l->ts;

	uint64_t oh = l->order.len ? hash_bytes(l->order.s, l->order.len) | 1 : 0; /* never 0 */
	bool cancelled = is_cancelled(p, l);
	bool returned = !cancelled && (l->amount < 0 || (!isnan(l->quantity) && l->quantity < 0));
	if (cancelled || returned) {
		if (cancelled) {
			p->stats.cancelled_lines++;
			if (!oh || oh != pr->last_cancel) pr->cancelled++;
			pr->last_cancel = oh;
		} else {
			p->stats.returned_lines++;
		}
		pr->returned += fabs(l->amount);
		/* net: a refund (negative amount) reduces monetary; a cancelled line
		 * with a positive amount was never paid and adds nothing. */
		if (p->policy.returns == SEG_RETURNS_NET && l->amount < 0) add_money(pr, l->amount);
		return SEG_OK;
	}
	if (!oh || oh != pr->last_order) pr->orders++;
	pr->last_order = oh;
	add_money(pr, l->amount);
	if (l->ts < pr->first_ts) pr->first_ts = l->ts;
	if (l->ts > pr->last_ts) pr->last_ts = l->ts;
	return SEG_OK;
}

size_t seg_profiles_count(const seg_profiles *p) { return p->n; }
const seg_profile *seg_profiles_at(const seg_profiles *p, size_t i) { return profile_at(p, i); }
const seg_profile_stats *seg_profiles_stats(const seg_profiles *p) { return &p->stats; }

seg_str seg_profiles_id(const seg_profiles *p, size_t i)
{
	const seg_profile *pr = profile_at(p, i);
	seg_str s = {id_ptr(p, pr->id_off), pr->id_len};
	return s;
}

int64_t seg_profiles_find(const seg_profiles *p, const char *id, size_t len)
{
	if (!p->tcap) return -1;
	uint64_t h = hash_bytes(id, len);
	uint64_t tag = h >> 32 << 32;
	size_t at = h & (p->tcap - 1);
	for (;;) {
		uint64_t e = p->table[at];
		if (!e) return -1;
		if ((e & 0xFFFFFFFF00000000ull) == tag) {
			const seg_profile *pr = profile_at(p, (uint32_t)e - 1);
			if (pr->id_len == len && memcmp(id_ptr(p, pr->id_off), id, len) == 0) return (int64_t)((uint32_t)e - 1);
		}
		at = (at + 1) & (p->tcap - 1);
	}
}

size_t seg_profiles_memory(const seg_profiles *p)
{
	size_t m = sizeof *p + p->capchunks * sizeof(seg_profile *) + p->nchunks * CHUNK_SIZE * sizeof(seg_profile) +
	           p->tcap * sizeof(uint64_t) + p->npool * (sizeof(pool_chunk *) + sizeof(pool_chunk));
	return m;
}

/* ---- sorting by id ------------------------------------------------------ */

static bool parse_int_id(const char *s, size_t n, int64_t *v)
{
	seg_value num;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (i == 0 && s[i] == '-' && n > 1))) return false; /* plain digits */
	if (!n || !seg_str_to_number(s, n, &num) || num.type != SEG_T_INT) return false;
	*v = num.u.i;
	return true;
}

typedef struct sort_key {
	int64_t num;
	const char *id;
	uint32_t len;
	uint32_t index;
} sort_key;

static int cmp_num(const void *a, const void *b)
{
	const sort_key *x = a, *y = b;
	if (x->num != y->num) return x->num < y->num ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

static int cmp_bytes(const void *a, const void *b)
{
	const sort_key *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = n ? memcmp(x->id, y->id, n) : 0;
	if (c) return c;
	if (x->len != y->len) return x->len < y->len ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

static sort_key *sorted_keys(const seg_profiles *p, seg_error *err)
{
	sort_key *keys = malloc(sizeof *keys * (p->n ? p->n : 1));
	if (!keys) {
		seg_error_set(err, SEG_E_NOMEM, "out of memory");
		return NULL;
	}
	bool numeric = true;
	for (size_t i = 0; i < p->n; i++) {
		seg_str id = seg_profiles_id(p, i);
		keys[i].index = (uint32_t)i;
		keys[i].id = id.s;
		keys[i].len = (uint32_t)id.len;
		if (numeric && !parse_int_id(id.s, id.len, &keys[i].num)) numeric = false;
	}
	qsort(keys, p->n, sizeof *keys, numeric ? cmp_num : cmp_bytes);
	return keys;
}

seg_status seg_profiles_id_order(const seg_profiles *p, uint32_t *order, seg_error *err)
{
	sort_key *keys = sorted_keys(p, err);
	if (!keys) return SEG_E_NOMEM;
	for (size_t k = 0; k < p->n; k++) order[k] = keys[k].index;
	free(keys);
	return SEG_OK;
}

seg_status seg_profiles_sort_by_id(seg_profiles *p, seg_error *err)
{
	if (p->n < 2) return SEG_OK;
	sort_key *keys = sorted_keys(p, err);
	if (!keys) return SEG_E_NOMEM;
	/* Apply the permutation chunk by chunk into fresh chunks. */
	size_t nch = p->nchunks;
	seg_profile **fresh = calloc(nch ? nch : 1, sizeof *fresh);
	bool ok = fresh != NULL;
	for (size_t c = 0; ok && c < nch; c++) ok = (fresh[c] = malloc(sizeof(seg_profile) * CHUNK_SIZE)) != NULL;
	if (!ok) {
		for (size_t c = 0; fresh && c < nch; c++) free(fresh[c]);
		free(fresh);
		free(keys);
		return seg_error_set(err, SEG_E_NOMEM, "out of memory");
	}
	for (size_t i = 0; i < p->n; i++) fresh[i >> CHUNK_SHIFT][i & (CHUNK_SIZE - 1)] = *profile_at(p, keys[i].index);
	for (size_t c = 0; c < nch; c++) {
		free(p->chunks[c]);
		p->chunks[c] = fresh[c];
	}
	free(fresh);
	free(keys);
	/* Rebuild the index for the new order. */
	memset(p->table, 0, sizeof(uint64_t) * p->tcap);
	for (size_t i = 0; i < p->n; i++) {
		const seg_profile *pr = profile_at(p, i);
		uint64_t h = hash_bytes(id_ptr(p, pr->id_off), pr->id_len);
		size_t at = h & (p->tcap - 1);
		while (p->table[at]) at = (at + 1) & (p->tcap - 1);
		p->table[at] = (h >> 32 << 32) | (uint64_t)(i + 1);
	}
	return SEG_OK;
}
