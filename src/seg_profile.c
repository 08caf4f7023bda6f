/*
 * seg_profile.c - aggregating order lines into customer profiles.
 *
 * Memory is the budget that matters (a million customers, ten million
 * orders): profiles are 64-byte records in fixed-size chunks (no realloc
 * doubling), ids are length-prefixed in an append-only chunked pool, and the
 * index is an open-addressing table of 4-byte slots kept at most 3/4 full.
 * A slot holds the profile number + 1 in its low log2(capacity) bits and,
 * in the bits the number cannot need, a tag from the id's hash, so most
 * probes that miss are rejected without touching the profile.  About 80
 * bytes per customer in all.
 *
 * Time is cache misses: with customers in random order each line costs a
 * miss on the slot, the profile and the id.  seg_profiles_add_many() looks
 * up a group of lines in stages (hash and prefetch every slot, then every
 * profile, then every id) before adding them one by one, so the misses of a
 * group overlap instead of queueing.
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
#define GROUP 16         /* lines looked up together by seg_profiles_add_many */

_Static_assert(sizeof(seg_profile) == 64, "a profile is one cache line");

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(addr) __builtin_prefetch((addr), 1, 3)
#else
#define PREFETCH(addr) ((void)(addr))
#endif

/* Ids live in 64 KiB chunks, each one a length (1 byte below 128, else 2)
 * then its bytes; an id's reference is chunk << 16 | position. */
typedef struct pool_chunk {
	uint32_t used;
	unsigned char data[POOL_CHUNK];
} pool_chunk;

struct seg_profiles {
	seg_profile_policy policy;
	seg_str *statuses; /* owned copies */
	char *cancel_prefix;
	seg_profile **chunks;
	size_t nchunks, capchunks;
	size_t n;
	uint32_t *table; /* tag | (index + 1); 0 = empty */
	uint64_t tcap;   /* a power of two, at most 2^32 */
	uint64_t low;    /* tcap - 1 as a mask of the index bits of a slot */
	pool_chunk **pool;
	size_t npool;
	seg_profile_stats stats;
	/* Countries, parallel to chunks, allocated on the first valid country
	 * (zeroed: code 0 is "none"); ncountry <= nchunks. */
	struct seg_country **country;
	size_t ncountry;
};

/* A country and the date of the line it came from. */
typedef struct seg_country {
	int64_t ts;
	uint32_t code; /* up to three upper-case ASCII letters, first in the low byte; 0: none */
} seg_country;

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

static inline const unsigned char *id_entry(const seg_profiles *p, uint32_t ref)
{
	return p->pool[ref >> 16]->data + (ref & 0xFFFF);
}

static inline seg_str id_of(const seg_profiles *p, uint32_t ref)
{
	const unsigned char *e = id_entry(p, ref);
	seg_str s;
	if (e[0] < 0x80) {
		s.len = e[0];
		s.s = (const char *)e + 1;
	} else {
		s.len = (size_t)(e[0] & 0x7F) << 8 | e[1];
		s.s = (const char *)e + 2;
	}
	return s;
}

/* Slot position: the hash's low bits.  Tag: its high 32 bits, less the
 * bits the profile number uses (none left when the table has 2^32 slots). */
static inline uint32_t slot_tag(const seg_profiles *p, uint64_t h)
{
	return (uint32_t)((h >> 32) & ~p->low);
}

static bool table_alloc(seg_profiles *p, uint64_t cap)
{
	uint32_t *t = calloc((size_t)cap, sizeof *t);
	if (!t) return false;
	free(p->table);
	p->table = t;
	p->tcap = cap;
	p->low = cap - 1;
	return true;
}

/* Puts every profile in a table of cap slots, in profile order (ids are
 * read sequentially; only the slot writes are random). */
static bool table_rebuild(seg_profiles *p, uint64_t cap)
{
	if (!table_alloc(p, cap)) return false;
	for (size_t i = 0; i < p->n; i++) {
		seg_str id = id_of(p, profile_at(p, i)->id_ref);
		uint64_t h = hash_bytes(id.s, id.len);
		uint64_t at = h & p->low;
		while (p->table[at]) at = (at + 1) & p->low;
		p->table[at] = slot_tag(p, h) | (uint32_t)(i + 1);
	}
	return true;
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
	if (!table_alloc(p, 1024)) goto nomem;
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
	for (size_t i = 0; i < p->ncountry; i++) free(p->country[i]);
	free(p->country);
	if (p->statuses)
		for (size_t i = 0; i < p->policy.ncancelled_statuses; i++) free((char *)p->statuses[i].s);
	free(p->statuses);
	free(p->cancel_prefix);
	free(p);
}

static bool pool_add(seg_profiles *p, const char *s, size_t n, uint32_t *ref)
{
	size_t need = n + (n < 0x80 ? 1 : 2);
	pool_chunk *c = p->npool ? p->pool[p->npool - 1] : NULL;
	if (!c || POOL_CHUNK - c->used < need) {
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
	unsigned char *e = c->data + c->used;
	if (n < 0x80) {
		*e++ = (unsigned char)n;
	} else {
		*e++ = (unsigned char)(0x80 | n >> 8);
		*e++ = (unsigned char)(n & 0xFF);
	}
	memcpy(e, s, n);
	*ref = (uint32_t)((p->npool - 1) << 16) | c->used;
	c->used += (uint32_t)need;
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

static inline bool id_equals(const seg_profiles *p, const seg_profile *pr, const char *id, size_t len)
{
	seg_str s = id_of(p, pr->id_ref);
	return s.len == len && memcmp(s.s, id, len) == 0;
}

/* The profile number of a customer id with hash h, or -1; *slot (may be
 * NULL) receives where the probe stopped: the id's slot, or the empty slot
 * where it would go. */
static inline int64_t probe(const seg_profiles *p, const char *id, size_t len, uint64_t h, uint64_t *slot)
{
	uint32_t tag = slot_tag(p, h);
	uint64_t at = h & p->low;
	int64_t found = -1;
	for (uint32_t e; (e = p->table[at]) != 0; at = (at + 1) & p->low) {
		if ((e & ~(uint32_t)p->low) == tag) {
			size_t i = (e & (uint32_t)p->low) - 1;
			if (id_equals(p, profile_at(p, i), id, len)) {
				found = (int64_t)i;
				break;
			}
		}
	}
	if (slot) *slot = at;
	return found;
}

/* The profile of a customer id with hash h, created on first sight. */
static seg_profile *lookup(seg_profiles *p, const char *id, size_t len, uint64_t h, size_t *index, seg_error *err)
{
	if ((p->n + 1) * 4 > p->tcap * 3) {
		if (p->tcap == (UINT64_C(1) << 32)) {
			seg_error_set(err, SEG_E_LIMIT, "more than 3 billion customers");
			return NULL;
		}
		if (!table_rebuild(p, p->tcap * 2)) {
			seg_error_set(err, SEG_E_NOMEM, "out of memory");
			return NULL;
		}
	}
	uint64_t at;
	int64_t found = probe(p, id, len, h, &at);
	if (found >= 0) {
		*index = (size_t)found;
		return profile_at(p, (size_t)found);
	}
	if (len > MAX_ID_LEN) {
		seg_error_set(err, SEG_E_LIMIT, "a customer id is longer than 1024 bytes");
		return NULL;
	}
	uint32_t ref;
	seg_profile *pr;
	if (!pool_add(p, id, len, &ref) || !(pr = profile_new(p))) {
		seg_error_set(err, SEG_E_NOMEM, "out of memory");
		return NULL;
	}
	memset(pr, 0, sizeof *pr);
	pr->first_ts = INT64_MAX;
	pr->last_ts = INT64_MIN;
	pr->id_ref = ref;
	p->table[at] = slot_tag(p, h) | (uint32_t)p->n; /* index + 1: n was just incremented */
	*index = p->n - 1;
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

/* 2 or 3 ASCII letters, upper-cased and packed; 0 for anything else. */
static uint32_t country_code(seg_str c)
{
	if (c.len < 2 || c.len > 3) return 0;
	uint32_t code = 0;
	for (size_t i = 0; i < c.len; i++) {
		unsigned char ch = (unsigned char)c.s[i];
		if (ch >= 'a' && ch <= 'z') ch = (unsigned char)(ch - 'a' + 'A');
		if (ch < 'A' || ch > 'Z') return 0;
		code |= (uint32_t)ch << (8 * i);
	}
	return code;
}

/* Keeps the country of profile i's latest line that has one. */
static bool country_note(seg_profiles *p, size_t i, uint32_t code, int64_t ts)
{
	size_t c = i >> CHUNK_SHIFT;
	if (c >= p->ncountry) {
		struct seg_country **nc = realloc(p->country, sizeof *nc * p->nchunks);
		if (!nc) return false;
		p->country = nc;
		for (; p->ncountry < p->nchunks; p->ncountry++) p->country[p->ncountry] = NULL;
	}
	if (!p->country[c] && !(p->country[c] = calloc(CHUNK_SIZE, sizeof(seg_country)))) return false;
	seg_country *e = &p->country[c][i & (CHUNK_SIZE - 1)];
	if (e->code && ts < e->ts) return true;
	e->code = code;
	e->ts = ts;
	return true;
}

/* One line whose customer id hashes to h (when it has a customer). */
static seg_status add_hashed(seg_profiles *p, const seg_order_line *l, uint64_t h, seg_error *err)
{
	p->stats.lines++;
	if (l->customer.len == 0) {
		p->stats.no_customer++;
		return SEG_OK;
	}
	if (l->ts == SEG_TS_NONE) {
		p->stats.no_date++;
		return SEG_OK;
	}
	if (!isfinite(l->amount))
		return seg_error_set(err, SEG_E_ARGUMENT, "the amount is not a finite number");
	if (!isnan(l->quantity) && !isfinite(l->quantity))
		return seg_error_set(err, SEG_E_ARGUMENT, "the quantity is not a finite number");
	if (!seg_ts_valid(l->ts))
		return seg_error_set(err, SEG_E_ARGUMENT, "the order date is outside years 0000-9999");

	size_t index;
	seg_profile *pr = lookup(p, l->customer.s, l->customer.len, h, &index, err);
	if (!pr) return err ? err->status : SEG_E_NOMEM;
	if (l->ts < p->stats.min_ts) p->stats.min_ts = l->ts;
	if (l->ts > p->stats.max_ts) p->stats.max_ts = l->ts;

	uint64_t oh = l->order.len ? hash_bytes(l->order.s, l->order.len) | 1 : 0; /* never 0 */
	bool cancelled = is_cancelled(p, l);
	bool returned = !cancelled && (l->amount < 0 || (!isnan(l->quantity) && l->quantity < 0));
	if (cancelled || returned) {
		if (cancelled) {
			uint32_t ch = oh ? (uint32_t)(oh >> 32) | 1 : 0;
			p->stats.cancelled_lines++;
			if (!ch || ch != pr->last_cancel) pr->cancelled++;
			pr->last_cancel = ch;
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
	uint32_t code = l->country.len ? country_code(l->country) : 0;
	if (code) {
		if (!country_note(p, index, code, l->ts))
			return seg_error_set(err, SEG_E_NOMEM, "out of memory");
	}
	return SEG_OK;
}

seg_status seg_profiles_add(seg_profiles *p, const seg_order_line *l, seg_error *err)
{
	uint64_t h = l->customer.len ? hash_bytes(l->customer.s, l->customer.len) : 0;
	return add_hashed(p, l, h, err);
}

/* Hashes the customer ids of a group and prefetches their first slots. */
static void group_hash(const seg_profiles *p, const seg_order_line *l, size_t g, uint64_t *h)
{
	for (size_t j = 0; j < g; j++) {
		h[j] = l[j].customer.len ? hash_bytes(l[j].customer.s, l[j].customer.len) : 0;
		PREFETCH(&p->table[h[j] & p->low]);
	}
}

seg_status seg_profiles_add_many(seg_profiles *p, const seg_order_line *lines, size_t n, size_t *done,
                                 seg_error *err)
{
	seg_error_clear(err);
	uint64_t hs[2][GROUP];
	const seg_profile *pr[GROUP];
	/* Software pipeline over groups of GROUP lines.  Each stage only warms
	 * the cache: adding (the last loop) looks everything up again, so a
	 * slot that an earlier line fills, or a table that grows meanwhile,
	 * costs time, not answers.  The slots of the next group are fetched
	 * while this group's profiles and ids arrive. */
	if (n) group_hash(p, lines, n < GROUP ? n : GROUP, hs[0]);
	for (size_t base = 0, k = 0; base < n; base += GROUP, k ^= 1) {
		size_t g = n - base < GROUP ? n - base : GROUP;
		const seg_order_line *l = lines + base;
		const uint64_t *h = hs[k];
		for (size_t j = 0; j < g; j++) {
			/* the first slot with the id's tag, usually in the same cache line */
			pr[j] = NULL;
			if (!l[j].customer.len) continue;
			uint32_t tag = slot_tag(p, h[j]), e;
			for (uint64_t at = h[j] & p->low; (e = p->table[at]) != 0; at = (at + 1) & p->low) {
				if ((e & ~(uint32_t)p->low) == tag) {
					pr[j] = profile_at(p, (e & (uint32_t)p->low) - 1);
					PREFETCH(pr[j]);
					break;
				}
			}
		}
		if (base + GROUP < n) {
			size_t next = n - base - GROUP;
			group_hash(p, l + GROUP, next < GROUP ? next : GROUP, hs[k ^ 1]);
		}
		for (size_t j = 0; j < g; j++)
			if (pr[j]) PREFETCH(id_entry(p, pr[j]->id_ref));
		for (size_t j = 0; j < g; j++) {
			seg_status st = add_hashed(p, &l[j], h[j], err);
			if (st != SEG_OK) {
				*done = base + j;
				return st;
			}
		}
	}
	*done = n;
	return SEG_OK;
}

size_t seg_profiles_count(const seg_profiles *p) { return p->n; }
const seg_profile *seg_profiles_at(const seg_profiles *p, size_t i) { return profile_at(p, i); }
const seg_profile_stats *seg_profiles_stats(const seg_profiles *p) { return &p->stats; }

seg_str seg_profiles_id(const seg_profiles *p, size_t i)
{
	return id_of(p, profile_at(p, i)->id_ref);
}

int64_t seg_profiles_find(const seg_profiles *p, const char *id, size_t len)
{
	return probe(p, id, len, hash_bytes(id, len), NULL);
}

bool seg_profiles_has_country(const seg_profiles *p) { return p->ncountry > 0; }

seg_str seg_profiles_country(const seg_profiles *p, size_t i, char buf[4])
{
	seg_str r = {buf, 0};
	size_t c = i >> CHUNK_SHIFT;
	uint32_t code = c < p->ncountry && p->country[c] ? p->country[c][i & (CHUNK_SIZE - 1)].code : 0;
	while (code) {
		buf[r.len++] = (char)(code & 0xFF);
		code >>= 8;
	}
	buf[r.len] = '\0';
	return r;
}

size_t seg_profiles_memory(const seg_profiles *p)
{
	size_t m = sizeof *p + p->capchunks * sizeof(seg_profile *) + p->nchunks * CHUNK_SIZE * sizeof(seg_profile) +
	           (size_t)p->tcap * sizeof(uint32_t) + p->npool * (sizeof(pool_chunk *) + sizeof(pool_chunk));
	for (size_t c = 0; c < p->ncountry; c++)
		if (p->country[c]) m += CHUNK_SIZE * sizeof(seg_country);
	m += p->ncountry * sizeof(seg_country *);
	return m;
}
