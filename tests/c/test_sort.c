/*
 * test_sort.c - seg_sort.h (the in-place radix sort of key/index items)
 * against qsort, and seg_profile_order.h (customer-id ranks) against the
 * definition of the id order (numeric, else byte-wise), restated here with qsort.
 */
#include "seg_test.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seg_profile.h"
#include "seg_profile_order.h"
#include "seg_sort.h"
#include "seg_value.h"

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t rnd(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1Dull;
}

static uint64_t below(uint64_t n) { return n ? rnd() % n : 0; }

/* ---- seg_sort_items ------------------------------------------------------ */

typedef struct ref_item {
	uint64_t key;
	uint32_t idx;
} ref_item;

/* A tie order other than the index: odd indexes first, then descending. */
static int tie_odd_first(uint32_t a, uint32_t b)
{
	if ((a & 1) != (b & 1)) return (a & 1) ? -1 : 1;
	return (a < b) - (a > b);
}

static int ref_tie_mode;

static int ref_cmp(const void *x, const void *y)
{
	const ref_item *a = x, *b = y;
	if (a->key != b->key) return a->key < b->key ? -1 : 1;
	if (ref_tie_mode) return tie_odd_first(a->idx, b->idx);
	return (a->idx > b->idx) - (a->idx < b->idx);
}

static int sort_tie(const seg_sort_item *a, const seg_sort_item *b, void *ctx)
{
	(*(int *)ctx)++;
	return tie_odd_first(a->idx, b->idx);
}

enum { K_RANDOM, K_FEW, K_EQUAL, K_LOW_BYTE, K_SORTED, K_REVERSED, K_HIGH_ONLY, K_RUNS, K_KINDS };

static uint64_t make_key(int kind, size_t i, size_t n)
{
	switch (kind) {
	case K_RANDOM: return rnd();
	case K_FEW: return below(5) * UINT64_C(0x0101010101010101);
	case K_EQUAL: return 42;
	case K_LOW_BYTE: return UINT64_C(0x8000000000000000) | below(256);
	case K_SORTED: return i * 3;
	case K_REVERSED: return (uint64_t)(n - i) << 20;
	case K_HIGH_ONLY: return below(300) << 54;
	default: return (i / 100) ^ (rnd() & UINT64_C(0xFF00000000000000)); /* long runs of equal low bytes */
	}
}

static void check_sort(int kind, size_t n, int tie_mode)
{
	seg_sort_item *items = malloc(sizeof *items * (n ? n : 1));
	ref_item *ref = malloc(sizeof *ref * (n ? n : 1));
	if (!items || !ref) {
		seg_test_fail(__FILE__, __LINE__, "out of memory");
		free(items);
		free(ref);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		/* Indexes distinct but shuffled. */
		ref[i].key = make_key(kind, i, n);
		ref[i].idx = (uint32_t)i;
	}
	for (size_t i = n; i > 1; i--) {
		size_t j = below(i);
		uint32_t t = ref[i - 1].idx;
		ref[i - 1].idx = ref[j].idx;
		ref[j].idx = t;
	}
	for (size_t i = 0; i < n; i++) seg_sort_set(&items[i], ref[i].key, ref[i].idx);
	int calls = 0;
	seg_sort_items(items, n, tie_mode ? sort_tie : NULL, &calls);
	ref_tie_mode = tie_mode;
	qsort(ref, n, sizeof *ref, ref_cmp);
	for (size_t i = 0; i < n; i++) {
		if (seg_sort_key(&items[i]) != ref[i].key || items[i].idx != ref[i].idx) {
			seg_test_fail(__FILE__, __LINE__, "kind %d, n %zu, tie %d: item %zu differs", kind, n, tie_mode, i);
			break;
		}
	}
	free(items);
	free(ref);
}

SEG_TEST(sort_items_matches_qsort)
{
	CHECK_EQ_UINT(sizeof(seg_sort_item), 12);
	static const size_t sizes[] = {0, 1, 2, 3, 5, 23, 24, 25, 26, 100, 257, 1000, 4099, 30000};
	for (int kind = 0; kind < K_KINDS; kind++)
		for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
			for (int tie = 0; tie < 2; tie++) check_sort(kind, sizes[s], tie);
	check_sort(K_RANDOM, 300000, 0);
	check_sort(K_FEW, 200000, 1); /* long equal runs: the introsort */
	check_sort(K_EQUAL, 100000, 0);
}

SEG_TEST(sort_items_key_roundtrip)
{
	seg_sort_item it;
	seg_sort_set(&it, UINT64_C(0xFEDCBA9876543210), 7);
	CHECK_EQ_UINT(seg_sort_key(&it), UINT64_C(0xFEDCBA9876543210));
	CHECK_EQ_UINT(it.idx, 7);
	seg_sort_items(NULL, 0, NULL, NULL); /* nothing to do */
}

/* ---- seg_profiles_id_rank ------------------------------------------------ */

/* The definition (seg_profile.c, sorted_keys()): numeric when every id is a
 * plain integer, else byte-wise; equal ids numerically by profile index. */
typedef struct old_key {
	int64_t num;
	const char *id;
	uint32_t len;
	uint32_t index;
} old_key;

static bool old_parse_int_id(const char *s, size_t n, int64_t *v)
{
	seg_value num;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (i == 0 && s[i] == '-' && n > 1))) return false;
	if (!n || !seg_str_to_number(s, n, &num) || num.type != SEG_T_INT) return false;
	*v = num.u.i;
	return true;
}

static int old_cmp_num(const void *a, const void *b)
{
	const old_key *x = a, *y = b;
	if (x->num != y->num) return x->num < y->num ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

static int old_cmp_bytes(const void *a, const void *b)
{
	const old_key *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = n ? memcmp(x->id, y->id, n) : 0;
	if (c) return c;
	if (x->len != y->len) return x->len < y->len ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

/* rank[i] = place of profile i in the old order. */
static void old_id_rank(const seg_profiles *p, uint32_t *rank)
{
	size_t n = seg_profiles_count(p);
	old_key *keys = malloc(sizeof *keys * (n ? n : 1));
	if (!keys) return;
	bool numeric = true;
	for (size_t i = 0; i < n; i++) {
		seg_str id = seg_profiles_id(p, i);
		keys[i].index = (uint32_t)i;
		keys[i].id = id.s;
		keys[i].len = (uint32_t)id.len;
		if (numeric && !old_parse_int_id(id.s, id.len, &keys[i].num)) numeric = false;
	}
	qsort(keys, n, sizeof *keys, numeric ? old_cmp_num : old_cmp_bytes);
	for (size_t k = 0; k < n; k++) rank[keys[k].index] = (uint32_t)k;
	free(keys);
}

static void add_id(seg_profiles *p, const char *id, size_t len)
{
	seg_order_line l;
	memset(&l, 0, sizeof l);
	l.customer.s = id;
	l.customer.len = len;
	l.ts = INT64_C(1704067200);
	l.amount = 1;
	l.quantity = NAN;
	seg_error err;
	seg_profiles_add(p, &l, &err);
}

/* Compares seg_profiles_id_rank() with the definition; returns the number of profiles. */
static size_t check_ranks(seg_profiles *p, const char *what)
{
	size_t n = seg_profiles_count(p);
	uint32_t *got = malloc(sizeof *got * (n ? n : 1)), *want = malloc(sizeof *want * (n ? n : 1));
	seg_error err;
	if (!got || !want) {
		seg_test_fail(__FILE__, __LINE__, "out of memory");
	} else if (seg_profiles_id_rank(p, got, &err) != SEG_OK) {
		seg_test_fail(__FILE__, __LINE__, "%s: %s", what, err.message);
	} else {
		old_id_rank(p, want);
		for (size_t i = 0; i < n; i++) {
			if (got[i] != want[i]) {
				seg_str id = seg_profiles_id(p, i);
				seg_test_fail(__FILE__, __LINE__, "%s: id \"%.*s\" (profile %zu) ranked %u, expected %u", what,
				              (int)id.len, id.s, i, got[i], want[i]);
				break;
			}
		}
	}
	free(got);
	free(want);
	return n;
}

static seg_profiles *new_profiles(void)
{
	seg_profiles *p = NULL;
	seg_error err;
	if (seg_profiles_create(NULL, &p, &err) != SEG_OK) return NULL;
	return p;
}

static void add_ids(seg_profiles *p, const char *const *ids, size_t n)
{
	for (size_t i = 0; i < n; i++) add_id(p, ids[i], strlen(ids[i]));
}

SEG_TEST(id_rank_small_sets)
{
	static const char *const numeric[] = {"30", "4", "200", "1", "5", "-7", "007", "7", "0", "-0", "0007", "-10",
	                                      "9223372036854775807", "-9223372036854775808", "12347"};
	static const char *const mixed[] = {"10", "9a", "100", "2", "30"};
	static const char *const overflow[] = {"5", "9223372036854775808", "1", "-3"}; /* a float: byte-wise */
	static const char *const strings[] = {"b", "a", "ab", "abc", "abd", "aa", "", "B", "abcdefghij", "abcdefgh",
	                                      "abcdefghi", "abcdefgh\xff", "\xc3\xa9t\xc3\xa9", "-", "+5", " 5", "5 "};
	static const char *const prefixed[] = {"CUSTOMER-000010", "CUSTOMER-000002", "CUSTOMER-000100", "CUSTOMER-",
	                                       "CUSTOMER-0000021", "CUSTOMER-00001", "CUSTOMER-000001"};
	static const char *const same_key[] = {"abcdefghZ", "abcdefgh", "abcdefghA", "abcdefghAA", "abcdefgh1"};
	struct {
		const char *name;
		const char *const *ids;
		size_t n;
	} sets[] = {
		{"numeric", numeric, sizeof numeric / sizeof numeric[0]},
		{"mixed", mixed, sizeof mixed / sizeof mixed[0]},
		{"overflow", overflow, sizeof overflow / sizeof overflow[0]},
		{"strings", strings, sizeof strings / sizeof strings[0]},
		{"prefixed", prefixed, sizeof prefixed / sizeof prefixed[0]},
		{"same 8-byte key", same_key, sizeof same_key / sizeof same_key[0]},
	};
	for (size_t s = 0; s < sizeof sets / sizeof sets[0]; s++) {
		seg_profiles *p = new_profiles();
		REQUIRE(p != NULL);
		add_ids(p, sets[s].ids, sets[s].n);
		check_ranks(p, sets[s].name);
		seg_profiles_free(p);
	}
	/* Ids with NUL bytes: "ab", "ab\0", "ab\0\0", "a\0b" (padding must not make them equal). */
	seg_profiles *p = new_profiles();
	REQUIRE(p != NULL);
	add_id(p, "ab\0\0", 4);
	add_id(p, "ab", 2);
	add_id(p, "a\0b", 3);
	add_id(p, "ab\0", 3);
	add_id(p, "\0", 1);
	CHECK_EQ_UINT(check_ranks(p, "nul bytes"), 5);
	uint32_t r[5];
	seg_error err;
	REQUIRE(seg_profiles_id_rank(p, r, &err) == SEG_OK);
	/* "\0" < "a\0b" < "ab" < "ab\0" < "ab\0\0" */
	CHECK(r[4] == 0 && r[2] == 1 && r[1] == 2 && r[3] == 3 && r[0] == 4);
	seg_profiles_free(p);
	/* Nothing, and one customer. */
	p = new_profiles();
	REQUIRE(p != NULL);
	CHECK_EQ_INT(seg_profiles_id_rank(p, r, &err), SEG_OK);
	add_id(p, "x", 1);
	r[0] = 9;
	CHECK_EQ_INT(seg_profiles_id_rank(p, r, &err), SEG_OK);
	CHECK_EQ_UINT(r[0], 0);
	seg_profiles_free(p);
}

SEG_TEST(id_rank_random_sets)
{
	char id[400];
	for (int kind = 0; kind < 9; kind++) {
		seg_profiles *p = new_profiles();
		REQUIRE(p != NULL);
		size_t n = kind == 0 ? 200000 : 20000;
		for (size_t i = 0; i < n; i++) {
			int len;
			switch (kind) {
			case 0: /* numeric, 1..1e6 with collisions skipped by the profile index */
				len = snprintf(id, sizeof id, "%llu", (unsigned long long)(1 + below(1000000)));
				break;
			case 1: /* numeric, full int64 range, some zero-padded twins */
				if (below(10) == 0) len = snprintf(id, sizeof id, "%05llu", (unsigned long long)below(1000));
				else len = snprintf(id, sizeof id, "%lld", (long long)rnd());
				break;
			case 2: /* a shared prefix, then digits */
				len = snprintf(id, sizeof id, "C%07llu", (unsigned long long)below(100000));
				break;
			case 3: /* random short strings over a tiny alphabet: many prefixes of each other */
				len = (int)below(12);
				for (int k = 0; k < len; k++) id[k] = "ab\0"[below(3)];
				break;
			case 4: /* UUID-like */
				len = snprintf(id, sizeof id, "%016llx-%04llx", (unsigned long long)rnd(),
				               (unsigned long long)below(65536));
				break;
			case 5: /* numeric, and one id that is not */
				len = i == n / 2 ? snprintf(id, sizeof id, "12x") : snprintf(id, sizeof id, "%llu",
				                                                            (unsigned long long)below(50000));
				break;
			case 6: /* a long shared prefix, but not shared by every id: runs sorted again, 8 bytes on */
				if (below(50) == 0) len = snprintf(id, sizeof id, "GUEST-%llu", (unsigned long long)below(1000));
				else len = snprintf(id, sizeof id, "CUSTOMER-ACCOUNT-%06llu", (unsigned long long)below(1000000));
				break;
			case 7: /* 300 bytes in common, then a few that differ: past MAX_LEVELS */
				memset(id, 'x', 300);
				len = 300 + snprintf(id + 300, sizeof id - 300, "%llu", (unsigned long long)below(5000));
				if (below(20) == 0) len = (int)below(300) + 1;
				if (below(30) == 0) id[below((uint64_t)len)] = 'y';
				break;
			default: /* lengths around the 8-byte keys, NUL bytes, shared runs */
				len = (int)(7 + below(12));
				memset(id, 'k', (size_t)len);
				for (int k = 0; k < 3; k++) id[below((uint64_t)len)] = "\0kz"[below(3)];
				break;
			}
			if (len > 0) add_id(p, id, (size_t)len);
		}
		char what[32];
		snprintf(what, sizeof what, "random kind %d", kind);
		CHECK(check_ranks(p, what) > 0);
		seg_profiles_free(p);
	}
}
