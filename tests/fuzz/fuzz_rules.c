/*
 * fuzz_rules.c - libFuzzer target for the rule language (seg_rule.h).
 *
 * Input: byte 0 configures the run (time zone, limits, which customers);
 * the rest is rule text.  NUL bytes split it into up to 8 rules, compiled
 * together as one set (so the linked whole-set program is exercised).
 *
 * Beyond "no crash, no leak, no UB", the target checks invariants and
 * traps when one breaks:
 *   - seg_rule_validate and seg_ruleset_compile agree (status, position);
 *   - match() returns exactly the enabled rules eval() finds true, in
 *     order; max_matches=1 returns the first of them;
 *   - explain()'s last node is the root (depth 0) and its result is eval()'s;
 *   - the resolver is called at most once per slot per environment;
 *   - a tiny arena (heap spill) gives the same matches as a large one;
 *   - coalesce(rule), which compiles the rule as a value instead of as
 *     jumping code, has the same truth.
 *
 * Attributes get values from a table chosen by a hash of the path, so any
 * name the fuzzer invents reads something: null, ints (INT64_MIN ...),
 * NaN and infinite floats, numeric and non-UTF-8 strings, dates, lists and
 * nested lists.  The path "fail" makes the resolver fail.
 */
#define _GNU_SOURCE /* memmem */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seg_rule.h"

#define CHECK(cond)                                                              \
	do {                                                                         \
		if (!(cond)) {                                                           \
			fprintf(stderr, "fuzz_rules: invariant failed at %s:%d: %s\n",      \
			        __FILE__, __LINE__, #cond);                                  \
			abort();                                                             \
		}                                                                        \
	} while (0)

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the value table ------------------------------------------------------ */

#define V_NULL {.type = SEG_T_NULL}
#define V_BOOL(b_) {.type = SEG_T_BOOL, .u.b = (b_)}
#define V_INT(i_) {.type = SEG_T_INT, .u.i = (i_)}
#define V_FLT(f_) {.type = SEG_T_FLOAT, .u.f = (f_)}
#define V_DATE(t_) {.type = SEG_T_DATE, .u.i = (t_)}
#define V_STR(lit) {.type = SEG_T_STRING, .len = sizeof(lit) - 1, .u.s = (lit)}
#define V_LIST(a) {.type = SEG_T_LIST, .len = NELEM(a), .u.items = (a)}

static const seg_value L_TAGS[] = {V_STR("a"), V_STR("b"), V_STR("vip")};
static const seg_value L_INTS[] = {V_INT(1), V_INT(2), V_INT(3)};
static const seg_value L_MIXED[] = {V_INT(1), V_STR("2"), V_FLT(3.0), V_NULL, V_BOOL(true)};
static const seg_value L_PAIR[] = {V_INT(1), V_INT(2)};
static const seg_value L_ONE[] = {V_STR("a")};
static const seg_value L_EMPTY[1] = {V_NULL};
static const seg_value L_NESTED[] = {V_LIST(L_PAIR), V_LIST(L_ONE), {.type = SEG_T_LIST, .len = 0, .u.items = L_EMPTY}};
static const seg_value L_DEEP[] = {V_LIST(L_NESTED), V_INT(7)};
static const seg_value L_NAN[] = {V_FLT(NAN), V_FLT(INFINITY)};
static const seg_value L_EXTREME[] = {V_INT(INT64_MIN), V_INT(INT64_MAX), V_FLT(-0.0)};
static const seg_value L_DATES[] = {V_DATE(1714550400), V_STR("2024-05-01"), V_STR("0000-00-00")};
static seg_value L_HUNDRED[100];

static const char LONG_STR[] =
	"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	"\xC3\xA9\xC3\xA9\xC3\xA9";

static const seg_value VALUES[] = {
	V_NULL,
	V_BOOL(true),
	V_BOOL(false),
	V_INT(0),
	V_INT(1),
	V_INT(-1),
	V_INT(30),
	V_INT(42),
	V_INT(1000),
	V_INT(INT64_MIN),
	V_INT(INT64_MAX),
	V_INT(1718452800),
	V_FLT(0.5),
	V_FLT(-0.0),
	V_FLT(99.5),
	V_FLT(42.0),
	V_FLT(NAN),
	V_FLT(INFINITY),
	V_FLT(-INFINITY),
	V_FLT(1e300),
	V_FLT(-9.2e18),
	V_FLT(5e-324),
	V_STR(""),
	V_STR("0"),
	V_STR("42"),
	V_STR(" 42 "),
	V_STR("1e3"),
	V_STR("-0.5"),
	V_STR("abc"),
	V_STR("Alice"),
	V_STR("FR"),
	V_STR("alice@gmail.com"),
	V_STR("\xC3\xA9t\xC3\xA9"),
	V_STR("\xFF\xFE\xC3"),            /* not UTF-8 */
	V_STR("a\0b"),                    /* embedded NUL */
	V_STR("2024-05-01 10:00:00"),
	V_STR("2024-02-29"),
	V_STR("0000-00-00 00:00:00"),
	V_STR("9999-12-31 23:59:59"),
	V_STR("0001-01-01T00:00:00Z"),
	V_STR("2024-05-01T10:00:00+14:00"),
	V_STR("-9223372036854775808"),
	V_STR("9223372036854775808"),
	V_STR("1e999"),
	V_STR("NaN"),
	{.type = SEG_T_STRING, .len = sizeof LONG_STR - 1, .u.s = LONG_STR},
	V_DATE(0),
	V_DATE(1704067200),
	V_DATE(1718452800),
	V_DATE(-62135596800),   /* 0001-01-01 */
	V_DATE(253402300799),   /* 9999-12-31 23:59:59 */
	V_DATE(INT64_MIN),
	V_DATE(INT64_MAX),
	{.type = SEG_T_LIST, .len = 0, .u.items = L_EMPTY},
	V_LIST(L_TAGS),
	V_LIST(L_INTS),
	V_LIST(L_MIXED),
	V_LIST(L_NESTED),
	V_LIST(L_DEEP),
	V_LIST(L_NAN),
	V_LIST(L_EXTREME),
	V_LIST(L_DATES),
	{.type = SEG_T_LIST, .len = 100, .u.items = L_HUNDRED},
};

/* Fixed clocks: 2024-06-15 12:00:00 UTC, and a few zones. */
static const int64_t NOWS[] = {INT64_C(1718452800), INT64_C(0), INT64_C(-86400 * 365), INT64_C(253402300799)};
static const int32_t ZONES[] = {0, 7200, -34200, 50400};

/* ---- the host ------------------------------------------------------------- */

#define MAX_SLOTS 4096

typedef struct host {
	const seg_ruleset *rs;
	uint32_t seed;
	uint8_t calls[MAX_SLOTS];
} host;

static uint32_t hash_path(const seg_str *s, uint32_t seed)
{
	uint32_t h = 2166136261u ^ seed;
	for (size_t i = 0; i < s->len; i++) h = (h ^ (unsigned char)s->s[i]) * 16777619u;
	return h;
}

static seg_status resolve(void *ud, uint32_t slot, seg_value *out, seg_arena *arena, seg_error *err)
{
	host *h = ud;
	CHECK(slot < seg_ruleset_slot_count(h->rs));
	const seg_path *p = seg_ruleset_slot(h->rs, slot);
	CHECK(p->text.len > 0 && p->nsegs >= 1 && p->nsegs <= SEG_MAX_PATH_SEGMENTS);
	if (p->text.len == 4 && memcmp(p->text.s, "fail", 4) == 0) {
		/* A failed slot stays unloaded: the next evaluation asks again. */
		seg_error_set(err, SEG_E_ATTRIBUTE, "cannot convert");
		snprintf(err->attribute, sizeof err->attribute, "fail");
		return SEG_E_ATTRIBUTE;
	}
	if (slot < MAX_SLOTS) {
		CHECK(h->calls[slot] == 0); /* at most once per slot per environment */
		h->calls[slot] = 1;
	}
	uint32_t k = hash_path(&p->text, h->seed);
	seg_value v = VALUES[k % NELEM(VALUES)];
	/* Some values are copied into the arena, as the PHP glue does. */
	if ((k >> 16) & 1) {
		if (v.type == SEG_T_STRING && v.len) {
			char *s = seg_arena_alloc(arena, v.len);
			if (!s) return seg_error_set(err, SEG_E_NOMEM, "out of memory");
			memcpy(s, v.u.s, v.len);
			v.u.s = s;
		} else if (v.type == SEG_T_LIST && v.len) {
			seg_value *items = seg_arena_alloc(arena, sizeof(seg_value) * v.len);
			if (!items) return seg_error_set(err, SEG_E_NOMEM, "out of memory");
			memcpy(items, v.u.items, sizeof(seg_value) * v.len);
			v.u.items = items;
		}
	}
	*out = v;
	return SEG_OK;
}

typedef struct env_box {
	host host;
	seg_env env;
	seg_value slots[MAX_SLOTS];
	seg_arena arena;
	char buf[2048];
} env_box;

static void box_init(env_box *b, const seg_ruleset *rs, uint32_t seed, int64_t now, int32_t tz, size_t bufsize)
{
	memset(b->host.calls, 0, sizeof b->host.calls);
	b->host.rs = rs;
	b->host.seed = seed;
	seg_arena_init(&b->arena, bufsize ? b->buf : NULL, bufsize);
	seg_env_init(&b->env, rs, b->slots, &b->arena, resolve, &b->host);
	seg_env_set_clock(&b->env, now, tz);
}

/* ---- explain ---------------------------------------------------------------- */

typedef struct explain_state {
	const char *text;
	size_t len;
	size_t nodes;
	bool last_result;
	uint32_t last_depth;
} explain_state;

static void on_node(void *ud, const seg_explain_node *n)
{
	explain_state *x = ud;
	CHECK(n->kind <= SEG_EXPLAIN_CONDITION);
	CHECK(n->nvalues <= 3);
	/* The node's text is a piece of the rule's source. */
	CHECK(n->text.len > 0 && n->text.len <= x->len);
	CHECK(memmem(x->text, x->len, n->text.s, n->text.len) != NULL);
	for (uint32_t i = 0; i < n->nvalues; i++) {
		const seg_value *v = &n->values[i];
		CHECK(v->type <= SEG_T_LIST);
		/* Touch the bytes so ASan sees a dangling view. */
		if (v->type == SEG_T_STRING && v->len) {
			volatile char c = v->u.s[0];
			c = v->u.s[v->len - 1];
			(void)c;
		} else if (v->type == SEG_T_LIST && v->len) {
			volatile uint8_t t = v->u.items[v->len - 1].type;
			(void)t;
		}
	}
	x->nodes++;
	x->last_result = n->result;
	x->last_depth = n->depth;
}

static void on_path(void *ud, const seg_str *path, uint32_t line, uint32_t column)
{
	(void)ud;
	CHECK(path->len > 0 && line >= 1 && column >= 1);
}

/* ---- the target ------------------------------------------------------------- */

#define MAX_RULES 8

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	for (int i = 0; i < 100; i++) L_HUNDRED[i] = seg_int(i * 7 - 300);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1) return 0;
	uint8_t cfg = data[0];
	const char *text = (const char *)data + 1;
	size_t len = size - 1;

	/* Split on NUL into rules. */
	seg_rule_def defs[MAX_RULES];
	char codes[MAX_RULES][4];
	size_t n = 0, start = 0;
	for (size_t i = 0; i <= len && n < MAX_RULES; i++) {
		if (i == len || text[i] == '\0') {
			snprintf(codes[n], sizeof codes[n], "r%zu", n);
			defs[n].code = codes[n];
			defs[n].code_len = strlen(codes[n]);
			defs[n].rule = text + start;
			defs[n].rule_len = (n == MAX_RULES - 1) ? len - start : i - start;
			defs[n].priority = (int64_t)((n * 7) % 3) - 1;
			defs[n].enabled = n % 4 != 3;
			n++;
			start = i + 1;
		}
	}

	seg_limits small = {4096, 8};
	const seg_limits *limits = (cfg & 4) ? &small : NULL;
	int32_t tz = ZONES[cfg & 3];
	int64_t now = NOWS[(cfg >> 3) & 3];
	uint32_t seed = cfg >> 5;

	/* validate() each rule, then compile the set. */
	seg_status vst[MAX_RULES];
	seg_error verr[MAX_RULES];
	for (size_t i = 0; i < n; i++)
		vst[i] = seg_rule_validate(defs[i].rule, defs[i].rule_len, limits, on_path, NULL, &verr[i]);

	seg_ruleset *rs = NULL;
	seg_error err;
	seg_status st = seg_ruleset_compile(defs, n, limits, &rs, &err);
	if (st != SEG_OK) {
		CHECK(rs == NULL);
		CHECK(err.status == st);
		CHECK(err.rule_index >= 0 && (size_t)err.rule_index < n);
		size_t bad = (size_t)err.rule_index;
		for (size_t i = 0; i < bad; i++) CHECK(vst[i] == SEG_OK);
		CHECK(vst[bad] == st);
		CHECK(verr[bad].line == err.line && verr[bad].column == err.column);
		CHECK(err.message[0] != '\0');
		if (st == SEG_E_SYNTAX || st == SEG_E_TYPE) CHECK(err.expected[0] != '\0' && err.line >= 1 && err.column >= 1);
		return 0;
	}
	for (size_t i = 0; i < n; i++) CHECK(vst[i] == SEG_OK);
	CHECK(seg_ruleset_count(rs) == n);
	size_t nslots = seg_ruleset_slot_count(rs);

	static env_box box; /* large: keep it off the stack */
	uint32_t match[MAX_RULES], first[MAX_RULES], spill[MAX_RULES];
	for (uint32_t c = 0; c < 3; c++) {
		uint32_t cseed = seed * 3 + c;
		size_t nmatch = 0, nfirst = 0, nspill = 0;

		box_init(&box, rs, cseed, now, tz, sizeof box.buf);
		seg_status mst = seg_ruleset_match(rs, &box.env, match, &nmatch, 0, &err);
		seg_arena_free(&box.arena);
		CHECK(nmatch <= n);

		/* eval() of every rule, in one environment */
		bool res[MAX_RULES];
		seg_status est = SEG_OK, rst[MAX_RULES];
		box_init(&box, rs, cseed, now, tz, sizeof box.buf);
		for (size_t pos = 0; pos < n; pos++) {
			seg_status s = seg_ruleset_eval(rs, pos, &box.env, &res[pos], &err);
			rst[pos] = s;
			if (s != SEG_OK) {
				CHECK(s == SEG_E_ATTRIBUTE || s == SEG_E_NOMEM);
				est = s;
				res[pos] = false;
			}
		}
		for (size_t s = 0; s < nslots && s < MAX_SLOTS; s++) CHECK(box.host.calls[s] <= 1);
		seg_arena_free(&box.arena);

		if (mst == SEG_OK && est == SEG_OK) {
			size_t k = 0;
			for (size_t pos = 0; pos < n; pos++) {
				if (!seg_ruleset_enabled(rs, pos) || !res[pos]) continue;
				CHECK(k < nmatch && match[k] == pos);
				k++;
			}
			CHECK(k == nmatch);
		}

		box_init(&box, rs, cseed, now, tz, sizeof box.buf);
		seg_status fst = seg_ruleset_match(rs, &box.env, first, &nfirst, 1, &err);
		seg_arena_free(&box.arena);
		if (mst == SEG_OK && fst == SEG_OK) {
			CHECK(nfirst == (nmatch ? 1u : 0u));
			if (nfirst) CHECK(first[0] == match[0]);
		}

		/* A tiny arena: heap spills, same answers. */
		box_init(&box, rs, cseed, now, tz, 16);
		seg_status sst = seg_ruleset_match(rs, &box.env, spill, &nspill, 0, &err);
		seg_arena_free(&box.arena);
		CHECK(sst == mst);
		if (sst == SEG_OK) CHECK(nspill == nmatch && memcmp(spill, match, sizeof(uint32_t) * nmatch) == 0);

		/* explain() every rule; its root agrees with eval(). */
		for (size_t pos = 0; pos < n; pos++) {
			box_init(&box, rs, cseed, now, tz, sizeof box.buf);
			uint32_t di = seg_ruleset_def_index(rs, pos);
			explain_state x = {defs[di].rule, defs[di].rule_len, 0, false, 0};
			seg_str code = seg_ruleset_code(rs, pos);
			CHECK(code.len == defs[di].code_len && memcmp(code.s, defs[di].code, code.len) == 0);
			seg_status xs = seg_ruleset_explain(rs, pos, &box.env, on_node, &x, &err);
			seg_arena_free(&box.arena);
			if (xs == SEG_OK) {
				CHECK(x.nodes >= 1);
				CHECK(x.last_depth == 0);
				if (rst[pos] == SEG_OK) CHECK(x.last_result == res[pos]);
			} else {
				CHECK(xs == SEG_E_ATTRIBUTE || xs == SEG_E_NOMEM);
			}
		}

		/* The rule as a value: coalesce(rule) compiles it with the value
		 * code generator instead of the jumping code; same truth. */
		for (size_t pos = 0; pos < n; pos++) {
			if (rst[pos] != SEG_OK) continue;
			uint32_t di = seg_ruleset_def_index(rs, pos);
			size_t rl = defs[di].rule_len;
			char *wrapped = malloc(rl + 16);
			memcpy(wrapped, "coalesce(\n", 10);
			memcpy(wrapped + 10, defs[di].rule, rl);
			memcpy(wrapped + 10 + rl, "\n)", 2);
			seg_rule_def wd = {"w", 1, wrapped, rl + 12, 0, true};
			seg_ruleset *ws = NULL;
			if (seg_ruleset_compile(&wd, 1, limits, &ws, &err) == SEG_OK) {
				bool wr = false;
				box_init(&box, ws, cseed, now, tz, sizeof box.buf);
				seg_status ws_st = seg_ruleset_eval(ws, 0, &box.env, &wr, &err);
				seg_arena_free(&box.arena);
				if (ws_st == SEG_OK) CHECK(wr == res[pos]);
				seg_ruleset_free(ws);
			} else {
				CHECK(err.status == SEG_E_LIMIT);
			}
			free(wrapped);
		}
	}
	seg_ruleset_free(rs);
	return 0;
}
