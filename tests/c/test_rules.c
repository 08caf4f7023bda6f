/*
 * test_rules.c - the rule language through the public API (seg_rule.h):
 * operators, value semantics, functions, errors and their positions,
 * limits, explain(), validate(), rule-set ordering, and evaluation's
 * contract with the host (no heap, one resolve per slot).
 *
 * Every RULE_IS() check compiles the rule and evaluates it three ways -
 * seg_ruleset_eval, seg_ruleset_match (the linked program) and the root
 * of seg_ruleset_explain - and fails if they disagree; seg_rule_validate
 * must accept the rule too.  Evaluation uses a fixed clock, NOW at TZ.
 */
#define _POSIX_C_SOURCE 200809L /* fork, waitpid */

#include "seg_test.h"

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seg_lex.h" /* one regression test drives the lexer directly */
#include "seg_rule.h"

/* ---- fixed clock ------------------------------------------------------ */

/* 2024-06-15 12:00:00 UTC, a Saturday; 14:00 local at UTC+2. */
#define NOW INT64_C(1718452800)
#define TZ 7200

/* ---- customers: (path, value) pairs ------------------------------------ */

#define V_NULL {.type = SEG_T_NULL}
#define V_BOOL(b_) {.type = SEG_T_BOOL, .u.b = (b_)}
#define V_INT(i_) {.type = SEG_T_INT, .u.i = (i_)}
#define V_FLT(f_) {.type = SEG_T_FLOAT, .u.f = (f_)}
#define V_DATE(t_) {.type = SEG_T_DATE, .u.i = (t_)}
#define V_STR(lit) {.type = SEG_T_STRING, .len = sizeof(lit) - 1, .u.s = (lit)}
#define V_LIST(a) {.type = SEG_T_LIST, .len = sizeof(a) / sizeof((a)[0]), .u.items = (a)}
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

typedef struct attr {
	const char *path;
	seg_value v;
} attr;

static const seg_value TAGS[] = {V_STR("a"), V_STR("b"), V_STR("vip")};
static const seg_value IDS[] = {V_INT(1), V_INT(2), V_INT(3)};
static const seg_value MIXED[] = {V_INT(5), V_NULL, V_FLT(2.5), V_STR("7")};
static const seg_value PAIR[] = {V_INT(1), V_INT(2)};
static const seg_value NESTED[] = {V_LIST(PAIR), V_STR("x")};
static const seg_value EMPTY[1] = {V_NULL}; /* used with length 0 */

/* The customer most tests read. */
static const attr C[] = {
	{"age", V_INT(30)},
	{"orders", V_INT(10)},
	{"zero", V_INT(0)},
	{"total", V_FLT(99.5)},
	{"name", V_STR("Alice")},
	{"email", V_STR("alice@gmail.com")},
	{"country", V_STR("FR")},
	{"city", V_STR("Z\xC3\xBCrich")}, /* Zürich: 6 code points, 7 bytes */
	{"numstr", V_STR("10")},
	{"flag", V_BOOL(true)},
	{"vip", V_BOOL(false)},
	{"nothing", V_NULL},
	{"tags", V_LIST(TAGS)},
	{"ids", V_LIST(IDS)},
	{"mixed", V_LIST(MIXED)},
	{"nested", V_LIST(NESTED)},
	{"empty", {.type = SEG_T_LIST, .len = 0, .u.items = EMPTY}},
	{"created", V_STR("2024-05-01 10:00:00")},      /* local time */
	{"zero_date", V_STR("0000-00-00 00:00:00")},    /* MySQL's "no date" */
	{"signup", V_DATE(INT64_C(1704067200))},        /* 2024-01-01 00:00 UTC */
	{"cart.total", V_INT(120)},
	{"cart.in", V_INT(7)},
	{"big", V_INT(INT64_MAX)},
	{"small", V_INT(INT64_MIN)},
	{"nan", V_FLT(NAN)},
	{"id", V_INT(42)},
};

/* The host side of one evaluation. */
#define MAX_SLOTS 256

typedef struct cust {
	const seg_ruleset *rs;
	const attr *attrs;
	size_t n;
	unsigned calls[MAX_SLOTS];
	unsigned total_calls;
	const char *fail_path; /* resolve fails with SEG_E_ATTRIBUTE for this one */
} cust;

static seg_status resolve(void *ud, uint32_t slot, seg_value *out, seg_arena *arena, seg_error *err)
{
	cust *c = ud;
	(void)arena;
	const seg_path *p = seg_ruleset_slot(c->rs, slot);
	if (slot < MAX_SLOTS) c->calls[slot]++;
	c->total_calls++;
	if (c->fail_path && strlen(c->fail_path) == p->text.len &&
	    memcmp(c->fail_path, p->text.s, p->text.len) == 0) {
		seg_error_set(err, SEG_E_ATTRIBUTE, "cannot convert %s", c->fail_path);
		snprintf(err->attribute, sizeof err->attribute, "%s", c->fail_path);
		return SEG_E_ATTRIBUTE;
	}
	for (size_t i = 0; i < c->n; i++)
		if (strlen(c->attrs[i].path) == p->text.len && memcmp(c->attrs[i].path, p->text.s, p->text.len) == 0) {
			*out = c->attrs[i].v;
			return SEG_OK;
		}
	*out = seg_null(); /* a missing attribute is null */
	return SEG_OK;
}

static void cust_init(cust *c, const seg_ruleset *rs, const attr *attrs, size_t n)
{
	memset(c, 0, sizeof *c);
	c->rs = rs;
	c->attrs = attrs;
	c->n = n;
}

/* One evaluation environment with its slots and an arena on the stack. */
typedef struct evalctx {
	cust cust;
	seg_env env;
	seg_value slots[MAX_SLOTS];
	seg_arena arena;
	char buf[4096];
} evalctx;

static void ctx_init(evalctx *x, const seg_ruleset *rs, const attr *attrs, size_t n, int64_t now, int32_t tz)
{
	cust_init(&x->cust, rs, attrs, n);
	seg_arena_init(&x->arena, x->buf, sizeof x->buf);
	seg_env_init(&x->env, rs, x->slots, &x->arena, resolve, &x->cust);
	seg_env_set_clock(&x->env, now, tz);
}

static void ctx_free(evalctx *x) { seg_arena_free(&x->arena); }

static seg_ruleset *compile1(const char *rule, seg_error *err)
{
	seg_rule_def d = {"r", 1, rule, strlen(rule), 0, true};
	seg_ruleset *rs = NULL;
	if (seg_ruleset_compile(&d, 1, NULL, &rs, err) != SEG_OK) return NULL;
	return rs;
}

/* ---- explain recorder --------------------------------------------------- */

typedef struct rec_node {
	seg_explain_kind kind;
	uint32_t depth;
	char text[160];
	bool result;
	uint32_t nvalues;
	seg_value values[3]; /* strings point into sval; lists keep len only */
	char sval[3][96];
} rec_node;

typedef struct recorder {
	rec_node nodes[64];
	size_t n;
	size_t overflow;
} recorder;

static void copy_value(rec_node *r, uint32_t i, const seg_value *v)
{
	r->values[i] = *v;
	if (v->type == SEG_T_STRING) {
		size_t len = v->len < sizeof r->sval[i] - 1 ? v->len : sizeof r->sval[i] - 1;
		memcpy(r->sval[i], v->u.s, len);
		r->sval[i][len] = '\0';
		r->values[i].u.s = r->sval[i];
		r->values[i].len = (uint32_t)len;
	} else if (v->type == SEG_T_LIST) {
		r->values[i].u.items = NULL;
	}
}

static void record(void *ud, const seg_explain_node *node)
{
	recorder *rec = ud;
	if (rec->n == NELEM(rec->nodes)) {
		rec->overflow++;
		return;
	}
	rec_node *r = &rec->nodes[rec->n++];
	memset(r, 0, sizeof *r);
	r->kind = node->kind;
	r->depth = node->depth;
	size_t len = node->text.len < sizeof r->text - 1 ? node->text.len : sizeof r->text - 1;
	memcpy(r->text, node->text.s, len);
	r->text[len] = '\0';
	r->result = node->result;
	r->nvalues = node->nvalues;
	for (uint32_t i = 0; i < node->nvalues && i < 3; i++) copy_value(r, i, &node->values[i]);
}

/* ---- RULE_IS: compile, evaluate three ways, compare --------------------- */

static int validate_ok(const char *rule)
{
	seg_error err;
	return seg_rule_validate(rule, strlen(rule), NULL, NULL, NULL, &err) == SEG_OK;
}

/* Returns 1/0, or -1 when the rule does not compile or evaluation fails. */
static int run_rule_at(const char *file, int line, const char *rule, const attr *attrs, size_t n, int64_t now,
                       int32_t tz)
{
	seg_error err;
	seg_ruleset *rs = compile1(rule, &err);
	if (!rs) {
		seg_test_fail(file, line, "rule `%s` does not compile: %s (line %u, column %u)", rule, err.message,
		              err.line, err.column);
		return -1;
	}
	if (!validate_ok(rule)) seg_test_fail(file, line, "rule `%s` compiles but validate() rejects it", rule);

	evalctx *x = malloc(sizeof *x);
	bool r_eval = false;
	int result = -1;
	ctx_init(x, rs, attrs, n, now, tz);
	if (seg_ruleset_eval(rs, 0, &x->env, &r_eval, &err) != SEG_OK) {
		seg_test_fail(file, line, "rule `%s`: eval failed: %s", rule, err.message);
		goto done;
	}
	ctx_free(x);

	uint32_t out[1];
	size_t nout = 99;
	ctx_init(x, rs, attrs, n, now, tz);
	if (seg_ruleset_match(rs, &x->env, out, &nout, 0, &err) != SEG_OK) {
		seg_test_fail(file, line, "rule `%s`: match failed: %s", rule, err.message);
		goto done;
	}
	if (nout != (size_t)r_eval || (nout == 1 && out[0] != 0))
		seg_test_fail(file, line, "rule `%s`: eval says %d but match found %zu", rule, r_eval, nout);
	ctx_free(x);

	recorder *rec = calloc(1, sizeof *rec);
	ctx_init(x, rs, attrs, n, now, tz);
	if (seg_ruleset_explain(rs, 0, &x->env, record, rec, &err) != SEG_OK) {
		seg_test_fail(file, line, "rule `%s`: explain failed: %s", rule, err.message);
	} else if (rec->n == 0) {
		seg_test_fail(file, line, "rule `%s`: explain reported no node", rule);
	} else if (rec->nodes[rec->n - 1 - 0].depth != 0 && !rec->overflow) {
		seg_test_fail(file, line, "rule `%s`: explain's last node has depth %u, not 0", rule,
		              rec->nodes[rec->n - 1].depth);
	} else if (!rec->overflow && rec->nodes[rec->n - 1].result != r_eval) {
		seg_test_fail(file, line, "rule `%s`: eval says %d but explain's root says %d", rule, r_eval,
		              rec->nodes[rec->n - 1].result);
	}
	free(rec);
	ctx_free(x);

	/* The same rule as a value: coalesce(rule) compiles the rule with the
	 * value code generator (not the jumping code used for conditions), and
	 * takes its truth.  Both generators must agree. */
	if (strlen(rule) < 60000) {
		char *wrapped = malloc(strlen(rule) + 16);
		sprintf(wrapped, "coalesce(\n%s\n)", rule);
		seg_ruleset *ws = compile1(wrapped, &err);
		if (ws) {
			bool r_value = false;
			ctx_init(x, ws, attrs, n, now, tz);
			if (seg_ruleset_eval(ws, 0, &x->env, &r_value, &err) != SEG_OK)
				seg_test_fail(file, line, "rule `%s` as a value: eval failed: %s", rule, err.message);
			else if (r_value != r_eval)
				seg_test_fail(file, line, "rule `%s`: %d as a condition but %d as a value", rule, r_eval, r_value);
			seg_ruleset_free(ws);
		} else if (err.status != SEG_E_LIMIT) {
			seg_test_fail(file, line, "rule `%s` as a value does not compile: %s", rule, err.message);
		}
		free(wrapped);
	}
	result = r_eval;
done:
	ctx_free(x);
	free(x);
	seg_ruleset_free(rs);
	return result;
}

static void rule_is_at(const char *file, int line, const char *rule, const attr *attrs, size_t n, int64_t now,
                       int32_t tz, int expected)
{
	int got = run_rule_at(file, line, rule, attrs, n, now, tz);
	if (got >= 0 && got != expected)
		seg_test_fail(file, line, "rule `%s`: got %s, expected %s", rule, got ? "true" : "false",
		              expected ? "true" : "false");
}

/* The rule, for customer C at NOW/TZ, is true (1) or false (0). */
#define RULE_IS(rule, expected) rule_is_at(__FILE__, __LINE__, (rule), C, NELEM(C), NOW, TZ, (expected))
/* The same for another customer. */
#define RULE_FOR(attrs, rule, expected) \
	rule_is_at(__FILE__, __LINE__, (rule), (attrs), NELEM(attrs), NOW, TZ, (expected))
/* The same at another clock. */
#define RULE_AT(now, tz, rule, expected) rule_is_at(__FILE__, __LINE__, (rule), C, NELEM(C), (now), (tz), (expected))

/* ---- VALUE_OF: an expression's value, through explain ------------------- */

typedef struct val {
	seg_value v;
	char s[96];
	bool ok;
} val;

/* Evaluates `(expr) is null` and returns the operand explain reports. */
static val value_of_at(const char *file, int line, const char *expr, const attr *attrs, size_t n, int64_t now,
                       int32_t tz)
{
	val out;
	memset(&out, 0, sizeof out);
	char rule[512];
	snprintf(rule, sizeof rule, "(%s) is null", expr);
	seg_error err;
	seg_ruleset *rs = compile1(rule, &err);
	if (!rs) {
		seg_test_fail(file, line, "`%s` does not compile: %s (column %u)", expr, err.message, err.column);
		return out;
	}
	evalctx *x = malloc(sizeof *x);
	recorder *rec = calloc(1, sizeof *rec);
	ctx_init(x, rs, attrs, n, now, tz);
	if (seg_ruleset_explain(rs, 0, &x->env, record, rec, &err) != SEG_OK || rec->n != 1 ||
	    rec->nodes[0].nvalues != 1) {
		seg_test_fail(file, line, "`%s`: explain failed (%s) or gave %zu nodes", expr, err.message, rec->n);
	} else {
		out.v = rec->nodes[0].values[0];
		if (out.v.type == SEG_T_STRING) {
			memcpy(out.s, rec->nodes[0].sval[0], sizeof out.s);
			out.v.u.s = out.s;
		}
		out.ok = true;
	}
	free(rec);
	ctx_free(x);
	free(x);
	seg_ruleset_free(rs);
	return out;
}

#define VALUE_OF(expr) value_of_at(__FILE__, __LINE__, (expr), C, NELEM(C), NOW, TZ)

#define CHECK_VAL_INT(expr, expected)                                                                 \
	do {                                                                                              \
		val v_ = VALUE_OF(expr);                                                                      \
		if (v_.ok && (v_.v.type != SEG_T_INT || v_.v.u.i != (int64_t)(expected)))                   \
			seg_test_fail(__FILE__, __LINE__, "`%s`: got %s %lld/%.17g, expected int %lld", (expr),     \
			              seg_type_name((seg_type)v_.v.type), (long long)v_.v.u.i, v_.v.u.f,           \
			              (long long)(expected));                                                       \
	} while (0)

#define CHECK_VAL_FLOAT(expr, expected)                                                               \
	do {                                                                                              \
		val v_ = VALUE_OF(expr);                                                                      \
		if (v_.ok && (v_.v.type != SEG_T_FLOAT || !(v_.v.u.f == (double)(expected))))               \
			seg_test_fail(__FILE__, __LINE__, "`%s`: got %s %lld/%.17g, expected float %.17g", (expr),  \
			              seg_type_name((seg_type)v_.v.type), (long long)v_.v.u.i, v_.v.u.f,           \
			              (double)(expected));                                                          \
	} while (0)

#define CHECK_VAL_TYPE(expr, expected_type)                                                           \
	do {                                                                                              \
		val v_ = VALUE_OF(expr);                                                                      \
		if (v_.ok && v_.v.type != (expected_type))                                                    \
			seg_test_fail(__FILE__, __LINE__, "`%s`: got type %s, expected %s", (expr),                 \
			              seg_type_name((seg_type)v_.v.type), seg_type_name(expected_type));            \
	} while (0)

#define CHECK_VAL_NULL(expr) CHECK_VAL_TYPE(expr, SEG_T_NULL)

#define CHECK_VAL_STR(expr, expected)                                                                 \
	do {                                                                                              \
		val v_ = VALUE_OF(expr);                                                                      \
		if (v_.ok && (v_.v.type != SEG_T_STRING || strcmp(v_.s, (expected)) != 0))                  \
			seg_test_fail(__FILE__, __LINE__, "`%s`: got %s \"%s\", expected string \"%s\"", (expr),    \
			              seg_type_name((seg_type)v_.v.type), v_.s, (expected));                        \
	} while (0)

#define CHECK_VAL_DATE(expr, expected)                                                                \
	do {                                                                                              \
		val v_ = VALUE_OF(expr);                                                                      \
		if (v_.ok && (v_.v.type != SEG_T_DATE || v_.v.u.i != (int64_t)(expected)))                  \
			seg_test_fail(__FILE__, __LINE__, "`%s`: got %s %lld, expected date %lld", (expr),          \
			              seg_type_name((seg_type)v_.v.type), (long long)v_.v.u.i, (long long)(expected)); \
	} while (0)

/* ---- CHECK_ERR: a rule that must not compile ---------------------------- */

static void check_err_at(const char *file, int line, const char *rule, size_t len, seg_status status,
                         uint32_t eline, uint32_t ecol)
{
	seg_rule_def d = {"bad", 3, rule, len, 0, true};
	seg_ruleset *rs = NULL;
	seg_error err;
	seg_status st = seg_ruleset_compile(&d, 1, NULL, &rs, &err);
	if (st == SEG_OK) {
		seg_test_fail(file, line, "rule `%.60s` compiled; expected %s", rule, seg_status_name(status));
		seg_ruleset_free(rs);
		return;
	}
	if (rs != NULL) seg_test_fail(file, line, "rule `%.60s`: *out is not NULL after an error", rule);
	if (st != status || err.status != status)
		seg_test_fail(file, line, "rule `%.60s`: status %s (err.status %s), expected %s (%s)", rule,
		              seg_status_name(st), seg_status_name(err.status), seg_status_name(status), err.message);
	if (eline && (err.line != eline || err.column != ecol))
		seg_test_fail(file, line, "rule `%.60s`: error at %u:%u, expected %u:%u (%s)", rule, err.line, err.column,
		              eline, ecol, err.message);
	if (err.rule_index != 0) seg_test_fail(file, line, "rule `%.60s`: rule_index %d", rule, err.rule_index);
	if (err.message[0] == '\0') seg_test_fail(file, line, "rule `%.60s`: empty message", rule);
	if ((status == SEG_E_SYNTAX || status == SEG_E_TYPE) && err.expected[0] == '\0')
		seg_test_fail(file, line, "rule `%.60s`: empty `expected` (%s)", rule, err.message);

	/* validate() agrees, position included. */
	seg_error verr;
	seg_status vst = seg_rule_validate(rule, len, NULL, NULL, NULL, &verr);
	if (vst != st || verr.line != err.line || verr.column != err.column)
		seg_test_fail(file, line, "rule `%.60s`: validate says %s at %u:%u, compile %s at %u:%u", rule,
		              seg_status_name(vst), verr.line, verr.column, seg_status_name(st), err.line, err.column);
}

#define CHECK_ERR(rule, status, line, col) check_err_at(__FILE__, __LINE__, (rule), strlen(rule), (status), (line), (col))

/* ======================================================================== */
/* Comparison operators                                                     */
/* ======================================================================== */

SEG_TEST(rules_compare_ints)
{
	RULE_IS("age == 30", 1);
	RULE_IS("age = 30", 1); /* a single '=' is equality too */
	RULE_IS("age == 31", 0);
	RULE_IS("age != 30", 0);
	RULE_IS("age <> 30", 0);
	RULE_IS("age != 31", 1);
	RULE_IS("age < 31", 1);
	RULE_IS("age < 30", 0);
	RULE_IS("age <= 30", 1);
	RULE_IS("age <= 29", 0);
	RULE_IS("age > 29", 1);
	RULE_IS("age > 30", 0);
	RULE_IS("age >= 30", 1);
	RULE_IS("age >= 31", 0);
}

SEG_TEST(rules_compare_constant_on_the_left)
{
	RULE_IS("31 > age", 1);
	RULE_IS("30 >= age", 1);
	RULE_IS("29 >= age", 0);
	RULE_IS("30 == age", 1);
	RULE_IS("\"FR\" == country", 1);
	RULE_IS("\"FR\" != country", 0);
}

SEG_TEST(rules_compare_attributes_and_expressions)
{
	RULE_IS("age > orders", 1);
	RULE_IS("orders >= age", 0);
	RULE_IS("age == orders * 3", 1);
	RULE_IS("cart.total > total", 1);
	RULE_IS("1 < 2", 1);
	RULE_IS("2 <= 1", 0);
}

SEG_TEST(rules_compare_floats)
{
	RULE_IS("total == 99.5", 1);
	RULE_IS("total > 99", 1);
	RULE_IS("total < 99.49", 0);
	RULE_IS("total >= 99.5 and total <= 99.5", 1);
	RULE_IS("age == 30.0", 1);
	RULE_IS("0.1 + 0.2 > 0.3", 1); /* binary floats, as PHP */
}

SEG_TEST(rules_compare_strings)
{
	RULE_IS("country == \"FR\"", 1);
	RULE_IS("country == 'FR'", 1);
	RULE_IS("country == \"fr\"", 0); /* case-sensitive */
	RULE_IS("country != \"DE\"", 1);
	RULE_IS("name < \"Bob\"", 1);
	RULE_IS("name > \"Alex\"", 1);
	RULE_IS("\"abc\" < \"abd\"", 1);
	RULE_IS("\"abc\" < \"ab\"", 0);
	RULE_IS("\"\" < \"a\"", 1);
	RULE_IS("city == \"Z\xC3\xBCrich\"", 1);
}

SEG_TEST(rules_numeric_strings_compare_as_numbers)
{
	RULE_IS("\"10\" > \"9\"", 1);
	RULE_IS("\"10\" < \"9\"", 0);
	RULE_IS("\"1e3\" == 1000", 1);
	RULE_IS("\"1e3\" == \"1000\"", 1);
	RULE_IS("\"10\" == \"10.0\"", 1);
	RULE_IS("\" 10\" == 10", 1);
	RULE_IS("numstr > \"9\"", 1);
	RULE_IS("numstr == 10", 1);
	RULE_IS("numstr == 10.0", 1);
	RULE_IS("numstr == \"1e1\"", 1);
	RULE_IS("numstr < 9", 0);
	RULE_IS("numstr >= 10", 1);
	RULE_IS("age == \"30\"", 1);
	RULE_IS("age < \"4e1\"", 1);
	/* Not both numeric: byte order. */
	RULE_IS("\"10\" < \"9a\"", 1);
	RULE_IS("\"abc\" < \"abd\"", 1);
}

SEG_TEST(rules_mismatched_types_are_incomparable)
{
	RULE_IS("\"abc\" == 5", 0);
	RULE_IS("\"abc\" != 5", 1);
	RULE_IS("\"abc\" < 5", 0);
	RULE_IS("\"abc\" > 5", 0);
	RULE_IS("\"abc\" <= 5", 0);
	RULE_IS("\"abc\" >= 5", 0);
	RULE_IS("name == 5", 0);
	RULE_IS("name != 5", 1);
	RULE_IS("name < 5", 0);
	RULE_IS("name >= 5", 0);
	RULE_IS("tags == 3", 0);
	RULE_IS("tags != 3", 1);
	RULE_IS("age == \"thirty\"", 0);
	RULE_IS("age != \"thirty\"", 1);
}

SEG_TEST(rules_nan_is_unordered)
{
	RULE_IS("nan == 1", 0);
	RULE_IS("nan != 1", 1);
	RULE_IS("nan < 1", 0);
	RULE_IS("nan >= 1", 0);
	RULE_IS("nan == nan", 0);
	RULE_IS("nan != nan", 1);
	RULE_IS("nan between 0 and 1", 0);
}

SEG_TEST(rules_booleans)
{
	RULE_IS("flag", 1);
	RULE_IS("vip", 0);
	RULE_IS("flag == true", 1);
	RULE_IS("vip == false", 1);
	RULE_IS("flag != false", 1);
	RULE_IS("true", 1);
	RULE_IS("false", 0);
	RULE_IS("TRUE and not FALSE", 1);
	/* Attributes used as conditions: PHP truthiness. */
	RULE_IS("age", 1);
	RULE_IS("zero", 0);
	RULE_IS("name", 1);
	RULE_IS("nothing", 0);
	RULE_IS("missing", 0);
	RULE_IS("tags", 1);
	RULE_IS("empty", 0);
}

/* ======================================================================== */
/* Null semantics                                                           */
/* ======================================================================== */

SEG_TEST(rules_null_comparisons_are_false)
{
	RULE_IS("nothing == 1", 0);
	RULE_IS("nothing != 1", 1);
	RULE_IS("nothing < 1", 0);
	RULE_IS("nothing <= 1", 0);
	RULE_IS("nothing > 1", 0);
	RULE_IS("nothing >= 1", 0);
	RULE_IS("nothing == \"\"", 0);
	RULE_IS("nothing == 0", 0);
	RULE_IS("nothing == false", 0);
	RULE_IS("nothing != \"x\"", 1);
	RULE_IS("nothing between 0 and 100", 0);
	RULE_IS("nothing in (1, 2)", 0);
	RULE_IS("nothing in (\"a\")", 0);
	RULE_IS("nothing contains \"a\"", 0);
	RULE_IS("nothing starts with \"a\"", 0);
	RULE_IS("nothing ends with \"a\"", 0);
	RULE_IS("\"a\" in nothing", 0);
	RULE_IS("nothing == age", 0);
	RULE_IS("nothing != age", 1);
	/* A missing attribute is null. */
	RULE_IS("missing == 1", 0);
	RULE_IS("missing != 1", 1);
	RULE_IS("missing > 0 or missing <= 0", 0);
}

SEG_TEST(rules_null_negated_operators_are_true)
{
	RULE_IS("nothing not in (1, 2)", 1);
	RULE_IS("nothing not in (\"a\")", 1);
	RULE_IS("nothing is not one of (\"a\", \"b\")", 1);
	RULE_IS("missing not in (1)", 1);
	RULE_IS("nothing not contains \"a\"", 1);
	RULE_IS("nothing does not contain \"a\"", 1);
	RULE_IS("nothing not between 0 and 100", 1);
	RULE_IS("nothing not starts with \"a\"", 1);
	RULE_IS("not (nothing == 1)", 1);
}

SEG_TEST(rules_is_null)
{
	RULE_IS("nothing is null", 1);
	RULE_IS("missing is null", 1);
	RULE_IS("nothing is not null", 0);
	RULE_IS("age is null", 0);
	RULE_IS("age is not null", 1);
	RULE_IS("zero is null", 0);  /* 0 is not null */
	RULE_IS("empty is null", 0); /* nor is the empty list */
	RULE_IS("nothing IS NULL", 1);
	RULE_IS("nothing == null", 1);
	RULE_IS("age != null", 1);
	RULE_IS("(age + 1) is not null", 1);
	RULE_IS("(name + 1) is null", 1);
}

/* ======================================================================== */
/* in, contains, starts/ends with, between                                   */
/* ======================================================================== */

SEG_TEST(rules_in_lists)
{
	RULE_IS("country in (\"FR\", \"DE\")", 1);
	RULE_IS("country in (\"DE\", \"IT\")", 0);
	RULE_IS("country not in (\"FR\", \"DE\")", 0);
	RULE_IS("country not in (\"DE\", \"IT\")", 1);
	RULE_IS("country is one of (\"DE\", \"FR\")", 1);
	RULE_IS("country IS ONE OF (\"DE\", \"FR\")", 1);
	RULE_IS("country is not one of (\"DE\", \"FR\")", 0);
	RULE_IS("country is not one of (\"DE\")", 1);
	RULE_IS("country in [\"FR\", \"DE\"]", 1);
	RULE_IS("country in (\"FR\",)", 1);
	RULE_IS("country in ()", 0);
	RULE_IS("country not in ()", 1);
	RULE_IS("age in (10, 20, 30)", 1);
	RULE_IS("age in (\"30\", \"40\")", 1); /* numeric strings equal numbers */
	RULE_IS("age in (30.0)", 1);
	RULE_IS("age in (31, age + 0)", 1);  /* items computed at run time */
	RULE_IS("age in (orders, 31)", 0);
}

SEG_TEST(rules_in_one_item_list_is_a_list)
{
	/* `in ("FR")` is a one-item list, not the string "FR". */
	RULE_IS("country in (\"FR\")", 1);
	RULE_IS("country in (\"FRA\")", 0);
	RULE_IS("country in \"FRA\"", 1); /* a string: substring */
	RULE_IS("country not in (\"FRA\")", 1);
	RULE_IS("country is one of (\"FRA\")", 0);
}

SEG_TEST(rules_in_attribute_lists)
{
	RULE_IS("\"a\" in tags", 1);
	RULE_IS("\"vip\" in tags", 1);
	RULE_IS("\"z\" in tags", 0);
	RULE_IS("\"z\" not in tags", 1);
	RULE_IS("\"A\" in tags", 0);
	RULE_IS("2 in ids", 1);
	RULE_IS("\"2\" in ids", 1);
	RULE_IS("2.0 in ids", 1);
	RULE_IS("4 in ids", 0);
	RULE_IS("\"a\" in empty", 0);
	RULE_IS("\"a\" not in empty", 1);
	RULE_IS("7 in mixed", 1); /* "7" in the list */
	RULE_IS("2.5 in mixed", 1);
	RULE_IS("\"x\" in nested", 1);
}

SEG_TEST(rules_in_string_is_substring)
{
	RULE_IS("\"gm\" in email", 1);
	RULE_IS("\"@gmail.com\" in email", 1);
	RULE_IS("\"yahoo\" in email", 0);
	RULE_IS("\"yahoo\" not in email", 1);
	RULE_IS("\"\" in email", 1);
	RULE_IS("0 in \"2024\"", 1); /* an integer is searched as text */
	RULE_IS("age in \"x30x\"", 1);
}

SEG_TEST(rules_contains)
{
	RULE_IS("tags contains \"a\"", 1);
	RULE_IS("tags contains \"vip\"", 1);
	RULE_IS("tags contains \"z\"", 0);
	RULE_IS("tags not contains \"a\"", 0);
	RULE_IS("tags does not contain \"a\"", 0);
	RULE_IS("tags does not contain \"z\"", 1);
	RULE_IS("tags DOES NOT CONTAIN \"z\"", 1);
	RULE_IS("tags does not contains \"z\"", 1);
	RULE_IS("ids contains 2", 1);
	RULE_IS("ids contains \"3\"", 1);
	RULE_IS("email contains \"@gmail\"", 1);
	RULE_IS("email contains \"@GMAIL\"", 0);
	RULE_IS("email not contains \"yahoo\"", 1);
	RULE_IS("email does not contain \"alice\"", 0);
	RULE_IS("\"abc\" contains \"b\"", 1);
	RULE_IS("age contains 3", 1); /* an int is its decimal text (age 30), as in starts/ends with */
	RULE_IS("age contains 4", 0);
	RULE_IS("empty contains \"a\"", 0);
}

SEG_TEST(rules_starts_ends_with)
{
	RULE_IS("email starts with \"alice\"", 1);
	RULE_IS("email starts with \"bob\"", 0);
	RULE_IS("email not starts with \"bob\"", 1);
	RULE_IS("email not starts with \"alice\"", 0);
	RULE_IS("email ends with \".com\"", 1);
	RULE_IS("email ends with \".fr\"", 0);
	RULE_IS("email not ends with \".com\"", 0);
	RULE_IS("email STARTS WITH \"a\"", 1);
	RULE_IS("email starts with \"\"", 1);
	RULE_IS("email ends with email", 1);
	RULE_IS("\"ab\" starts with \"abc\"", 0);
	RULE_IS("age starts with 3", 1); /* ints as text */
	RULE_IS("age ends with \"0\"", 1);
	RULE_IS("tags starts with \"a\"", 0); /* lists are not text */
	RULE_IS("city starts with \"Z\xC3\xBC\"", 1);
}

SEG_TEST(rules_between)
{
	RULE_IS("age between 18 and 30", 1); /* inclusive */
	RULE_IS("age between 30 and 40", 1);
	RULE_IS("age between 31 and 40", 0);
	RULE_IS("age between 40 and 18", 0); /* no reordering */
	RULE_IS("age not between 31 and 40", 1);
	RULE_IS("age not between 18 and 30", 0);
	RULE_IS("total between 99 and 100", 1);
	RULE_IS("age between orders and orders * 3", 1);
	RULE_IS("name between \"A\" and \"B\"", 1);
	RULE_IS("numstr between 9 and 11", 1);
	RULE_IS("age between 18 and 65 and country == \"FR\"", 1);
	RULE_IS("age between 18 and 65 and country == \"DE\"", 0);
	RULE_IS("created between \"2024-05-01\" and \"2024-05-02\"", 1);
}

/* ======================================================================== */
/* Logic                                                                    */
/* ======================================================================== */

SEG_TEST(rules_and_or_not)
{
	RULE_IS("age > 18 and country == \"FR\"", 1);
	RULE_IS("age > 18 and country == \"DE\"", 0);
	RULE_IS("age > 40 and country == \"FR\"", 0);
	RULE_IS("age > 40 or country == \"FR\"", 1);
	RULE_IS("age > 40 or country == \"DE\"", 0);
	RULE_IS("not age > 40", 1);
	RULE_IS("not (age > 40)", 1);
	RULE_IS("not not (age > 40)", 0);
	RULE_IS("age > 18 AND country == \"FR\" Or false", 1);
	RULE_IS("age > 1 and age > 2 and age > 3 and age > 4 and age > 40", 0);
	RULE_IS("age > 40 or age > 50 or age > 60 or age > 29", 1);
}

SEG_TEST(rules_symbol_operators)
{
	RULE_IS("age > 18 && country == \"FR\"", 1);
	RULE_IS("age > 18 && country == \"DE\"", 0);
	RULE_IS("age > 40 || country == \"FR\"", 1);
	RULE_IS("!(age > 40)", 1);
	RULE_IS("!flag", 0);
	RULE_IS("!vip && !!flag", 1);
	RULE_IS("!(age > 40) && (vip || flag)", 1);
}

SEG_TEST(rules_precedence_and_parentheses)
{
	/* and binds tighter than or */
	RULE_IS("age > 40 and age > 18 or country == \"FR\"", 1);
	RULE_IS("age > 40 and (age > 18 or country == \"FR\")", 0);
	RULE_IS("country == \"FR\" or age > 18 and age > 40", 1);
	RULE_IS("(country == \"FR\" or age > 18) and age > 40", 0);
	/* not binds tighter than and */
	RULE_IS("not vip and flag", 1);
	RULE_IS("not (vip and flag)", 1);
	RULE_IS("not (flag and flag)", 0);
	RULE_IS("((((age > 18))))", 1);
	RULE_IS("((age > 18) and ((country == \"FR\")))", 1);
}

SEG_TEST(rules_comments_and_whitespace)
{
	RULE_IS("age > 18 # adults only", 1);
	RULE_IS("age > 18 // adults only\n and country == \"FR\"", 1);
	RULE_IS("\n\t age\r\n >\t18 \n", 1);
	RULE_IS("# a comment first\nage > 40", 0);
}

SEG_TEST(rules_string_escapes)
{
	RULE_IS("name == \"Al\\x69ce\"", 1);
	RULE_IS("name == 'Alic\\x65'", 1);
	RULE_IS("\"a\\\"b\" == 'a\"b'", 1);
	RULE_IS("'it\\'s' == \"it's\"", 1);
	RULE_IS("\"a\\nb\" contains \"\\n\"", 1);
	RULE_IS("\"\\\\\" == \"\\x5c\"", 1);
	RULE_IS("length(\"a\\tb\") == 3", 1);
}

/* ======================================================================== */
/* Arithmetic                                                               */
/* ======================================================================== */

SEG_TEST(rules_arithmetic)
{
	RULE_IS("age + 5 == 35", 1);
	RULE_IS("age - 40 == -10", 1);
	RULE_IS("age * 2 == 60", 1);
	RULE_IS("age / 4 == 7.5", 1);
	RULE_IS("age % 7 == 2", 1);
	RULE_IS("2 + 3 * 4 == 14", 1);
	RULE_IS("(2 + 3) * 4 == 20", 1);
	RULE_IS("10 - 2 - 3 == 5", 1); /* left associative */
	RULE_IS("100 / 10 / 5 == 2", 1);
	RULE_IS("2 * 3 % 4 == 2", 1);
	RULE_IS("total * 2 == 199", 1);
	RULE_IS("numstr + 1 == 11", 1);
	RULE_IS("\"5\" * \"2\" == 10", 1);
	RULE_IS("age + orders > total - 70", 1);
}

SEG_TEST(rules_arithmetic_result_types)
{
	CHECK_VAL_INT("10 / 2", 5);
	CHECK_VAL_FLOAT("7 / 2", 3.5);
	CHECK_VAL_INT("age + 1", 31);
	CHECK_VAL_FLOAT("age + 0.5", 30.5);
	CHECK_VAL_INT("-7 % 3", -1); /* sign of the dividend, as PHP */
	CHECK_VAL_INT("7 % -3", 1);
	CHECK_VAL_INT("7.9 % 3", 1); /* % truncates floats */
	CHECK_VAL_INT("numstr * 2", 20);
	CHECK_VAL_FLOAT("\"1.5\" + 1", 2.5);
}

SEG_TEST(rules_integer_overflow_becomes_float)
{
	CHECK_VAL_FLOAT("big + 1", 9223372036854775808.0);
	CHECK_VAL_FLOAT("big * 2", 18446744073709551616.0);
	CHECK_VAL_FLOAT("small - 1", -9223372036854775808.0);
	CHECK_VAL_FLOAT("-9223372036854775807 - 2", -9223372036854775809.0);
	CHECK_VAL_FLOAT("small / -1", 9223372036854775808.0);
	CHECK_VAL_INT("small % -1", 0);
	CHECK_VAL_FLOAT("-small", 9223372036854775808.0);
	CHECK_VAL_INT("big - 1", INT64_MAX - 1);
	CHECK_VAL_INT("big + small", -1);
	RULE_IS("big + 1 > big", 0); /* 2^63 as a float equals big as a float */
	RULE_IS("big + 1 > 9223372036854775000", 1);
}

SEG_TEST(rules_division_by_zero_is_null)
{
	CHECK_VAL_NULL("age / zero");
	CHECK_VAL_NULL("age % zero");
	CHECK_VAL_NULL("total / zero");
	CHECK_VAL_NULL("age / (zero * 1.5)");
	RULE_IS("age / zero > 0", 0);
	RULE_IS("age / zero < 0", 0);
	RULE_IS("age / zero == 0", 0);
	RULE_IS("age / zero is null", 1);
	RULE_IS("age / zero != 1", 1);
}

SEG_TEST(rules_unary_minus)
{
	RULE_IS("-age == -30", 1);
	RULE_IS("- -age == 30", 1);
	RULE_IS("-(age - 40) == 10", 1);
	RULE_IS("-total < -99", 1);
	RULE_IS("+age == 30", 1);
	RULE_IS("age - -1 == 31", 1);
	CHECK_VAL_INT("-numstr", -10);
	CHECK_VAL_FLOAT("-total", -99.5);
	CHECK_VAL_NULL("-name");
	CHECK_VAL_NULL("-nothing");
	CHECK_VAL_INT("-5", -5);
	CHECK_VAL_INT("2 - -5", 7);
}

SEG_TEST(rules_arithmetic_on_non_numbers_is_null)
{
	CHECK_VAL_NULL("name + 1");
	CHECK_VAL_NULL("flag + 1");
	CHECK_VAL_NULL("tags * 2");
	CHECK_VAL_NULL("nothing + 1");
	RULE_IS("nothing + 1 > 0", 0);
	RULE_IS("name * 2 != 0", 1);
}

SEG_TEST(rules_number_literals)
{
	RULE_IS("1e3 == 1000", 1);
	RULE_IS("1.5e1 == 15", 1);
	RULE_IS("2E-1 == 0.2", 1);
	RULE_IS("007 == 7", 1);
	CHECK_VAL_FLOAT("99999999999999999999", 1e20); /* too big for an int */
	CHECK_VAL_INT("9223372036854775807", INT64_MAX);
	CHECK_VAL_FLOAT("-9223372036854775808", -9223372036854775808.0);
	CHECK_VAL_FLOAT("1e3", 1000.0);
}

/* ======================================================================== */
/* Paths                                                                    */
/* ======================================================================== */

SEG_TEST(rules_dotted_paths)
{
	RULE_IS("cart.total > 100", 1);
	RULE_IS("cart.total == 120", 1);
	RULE_IS("cart . total == 120", 1);      /* canonical path text */
	RULE_IS("cart.in == 7", 1);             /* keywords after a dot are names */
	RULE_IS("cart.missing is null", 1);
	RULE_IS("cart is null", 1); /* "cart" alone is another attribute */

	seg_error err;
	seg_ruleset *rs = compile1("cart.total > 1 and cart . total < 1000 and a.b.c.d == 1", &err);
	REQUIRE(rs != NULL);
	CHECK_EQ_UINT(seg_ruleset_slot_count(rs), 2);
	const seg_path *p = seg_ruleset_slot(rs, 0);
	CHECK_MEM(p->text.s, p->text.len, "cart.total");
	CHECK_EQ_UINT(p->nsegs, 2);
	if (p->nsegs == 2) {
		CHECK_MEM(p->segs[0].s, p->segs[0].len, "cart");
		CHECK_MEM(p->segs[1].s, p->segs[1].len, "total");
	}
	p = seg_ruleset_slot(rs, 1);
	CHECK_MEM(p->text.s, p->text.len, "a.b.c.d");
	CHECK_EQ_UINT(p->nsegs, 4);
	if (p->nsegs == 4) CHECK_MEM(p->segs[3].s, p->segs[3].len, "d");
	seg_ruleset_free(rs);
}

SEG_TEST(rules_attribute_names_that_look_like_words)
{
	static const attr W[] = {{"ends", V_INT(1)}, {"one", V_INT(2)}, {"starts", V_INT(3)}, {"with", V_INT(4)}};
	RULE_FOR(W, "ends == 1", 1);
	RULE_FOR(W, "one == 2 and starts == 3", 1);
	RULE_FOR(W, "with + one == 6", 1);
}

SEG_TEST(rules_path_segment_limit)
{
	/* SEG_MAX_PATH_SEGMENTS parts are fine, one more is not. */
	RULE_IS("a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p is null", 1);
	CHECK_ERR("a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q == 1", SEG_E_LIMIT, 1, 33);
}

/* ======================================================================== */
/* Functions                                                                */
/* ======================================================================== */

/* created = "2024-05-01 10:00:00" local (UTC+2) = 08:00 UTC */
#define TS_CREATED INT64_C(1714550400)
/* 2024-05-01 00:00:00 UTC */
#define TS_MAY1_UTC INT64_C(1714521600)

SEG_TEST(rules_fn_now_and_date)
{
	CHECK_VAL_DATE("now()", NOW);
	RULE_IS("now() == date(\"2024-06-15 14:00:00\")", 1); /* local time */
	RULE_IS("now() == \"2024-06-15T12:00:00Z\"", 1);
	RULE_IS("now() > created", 1);
	CHECK_VAL_DATE("date(\"2024-05-01\")", TS_MAY1_UTC - TZ);
	CHECK_VAL_DATE("date(\"2024-05-01T00:00:00Z\")", TS_MAY1_UTC);
	CHECK_VAL_DATE("date(\"2024-05-01 02:00:00+02:00\")", TS_MAY1_UTC);
	CHECK_VAL_DATE("date(1714521600)", TS_MAY1_UTC);
	CHECK_VAL_DATE("date(\"1714521600\")", TS_MAY1_UTC);
	CHECK_VAL_DATE("date(created)", TS_CREATED);
	CHECK_VAL_DATE("date(signup)", INT64_C(1704067200));
	CHECK_VAL_NULL("date(zero_date)");
	CHECK_VAL_NULL("date(name)");
	CHECK_VAL_NULL("date(nothing)");
	RULE_IS("date(created) > date(\"2024-04-30\")", 1);
	RULE_IS("date(created) == \"2024-05-01 10:00:00\"", 1);
}

SEG_TEST(rules_fn_days_since)
{
	CHECK_VAL_INT("days_since(created)", 45);
	CHECK_VAL_INT("days_since(\"2024-05-01 10:00:00\")", 45);
	CHECK_VAL_INT("days_since(signup)", 166);
	CHECK_VAL_INT("days_since(now())", 0);
	CHECK_VAL_INT("days_since(\"2024-06-14T12:00:00.999Z\")", 1); /* fractions are dropped */
	CHECK_VAL_INT("days_since(\"2024-06-14T12:00:01Z\")", 0);
	CHECK_VAL_INT("days_since(\"2024-06-14T12:00:00Z\")", 1);
	CHECK_VAL_INT("days_since(\"2024-06-16 14:00:00\")", -1); /* future */
	CHECK_VAL_INT("days_since(\"2024-06-16 13:00:00\")", -1);
	CHECK_VAL_INT("days_since(1718452800 - 86400 * 3)", 3);
	CHECK_VAL_NULL("days_since(zero_date)");
	CHECK_VAL_NULL("days_since(nothing)");
	CHECK_VAL_NULL("days_since(name)");
	CHECK_VAL_NULL("days_since(tags)");
	RULE_IS("days_since(zero_date) is null", 1);
	RULE_IS("days_since(zero_date) > 30", 0);
	RULE_IS("days_since(created) > 30", 1);
	RULE_IS("days_since(created) between 40 and 50", 1);
	RULE_IS("days_since(missing) < 30", 0);
}

SEG_TEST(rules_fn_days_between_years_since)
{
	CHECK_VAL_INT("days_between(\"2024-01-01\", \"2024-03-01\")", 60); /* leap year */
	CHECK_VAL_INT("days_between(\"2023-01-01\", \"2023-03-01\")", 59);
	CHECK_VAL_INT("days_between(\"2024-03-01\", \"2024-01-01\")", -60);
	CHECK_VAL_INT("days_between(signup, created)", 121);
	CHECK_VAL_NULL("days_between(signup, zero_date)");
	CHECK_VAL_INT("years_since(\"2000-06-15\")", 24);
	CHECK_VAL_INT("years_since(\"2000-06-16\")", 23); /* birthday tomorrow */
	CHECK_VAL_INT("years_since(\"2000-02-29\")", 24);
	CHECK_VAL_INT("years_since(signup)", 0);
	CHECK_VAL_NULL("years_since(zero_date)");
	RULE_IS("years_since(\"1990-01-01\") >= 18", 1);
}

SEG_TEST(rules_fn_date_fields)
{
	/* NOW is 2024-06-15 14:00 local, a Saturday. */
	CHECK_VAL_INT("year()", 2024);
	CHECK_VAL_INT("month()", 6);
	CHECK_VAL_INT("day()", 15);
	CHECK_VAL_INT("weekday()", 6);
	CHECK_VAL_INT("hour()", 14);
	CHECK_VAL_INT("year(created)", 2024);
	CHECK_VAL_INT("month(created)", 5);
	CHECK_VAL_INT("day(created)", 1);
	CHECK_VAL_INT("weekday(created)", 3); /* a Wednesday */
	CHECK_VAL_INT("hour(created)", 10);
	CHECK_VAL_INT("hour(\"2024-05-01T10:00:00Z\")", 12);
	CHECK_VAL_INT("weekday(\"2024-06-17\")", 1); /* Monday */
	CHECK_VAL_INT("weekday(\"2024-06-16\")", 7); /* Sunday */
	CHECK_VAL_INT("weekday(signup)", 1);         /* 2024-01-01 02:00 local, a Monday */
	CHECK_VAL_INT("hour(signup)", 2);
	/* Before 1970: negative timestamps round down. */
	CHECK_VAL_INT("weekday(\"1969-12-31\")", 3);
	CHECK_VAL_INT("day(\"1969-12-31 23:59:59\")", 31);
	CHECK_VAL_INT("hour(\"1969-12-31 23:59:59\")", 23);
	CHECK_VAL_INT("year(\"1900-03-01\")", 1900);
	CHECK_VAL_INT("month(\"0001-01-01\")", 1);
	CHECK_VAL_NULL("month(zero_date)");
	CHECK_VAL_NULL("hour(tags)");
	RULE_IS("MONTH() == 6 and Weekday() in (6, 7)", 1);
}

SEG_TEST(rules_fn_date_fields_follow_the_time_zone)
{
	/* 2024-06-15 23:30 UTC is Sunday 01:30 at UTC+2. */
	int64_t late = INT64_C(1718494200);
	RULE_AT(late, 7200, "weekday() == 7 and day() == 16 and hour() == 1", 1);
	RULE_AT(late, 0, "weekday() == 6 and day() == 15 and hour() == 23", 1);
	/* 2024-06-15 00:00 UTC is Friday 23:00 at UTC-1. */
	RULE_AT(INT64_C(1718409600), -3600, "weekday() == 5 and day() == 14 and hour() == 23", 1);
	RULE_AT(NOW, -5 * 3600, "hour() == 7", 1);
	RULE_AT(NOW, 5 * 3600 + 1800, "hour() == 17", 1); /* UTC+5:30 */
	/* A date string without a zone is local time. */
	RULE_AT(NOW, 0, "hour(created) == 10 and days_since(created) == 45", 1);
	RULE_AT(NOW, 7200, "date(\"2024-06-15 14:00:00\") == now()", 1);
	RULE_AT(NOW, 0, "date(\"2024-06-15 14:00:00\") == now()", 0);
}

SEG_TEST(rules_fn_lower_upper_length)
{
	CHECK_VAL_STR("lower(name)", "alice");
	CHECK_VAL_STR("upper(name)", "ALICE");
	CHECK_VAL_STR("upper(email)", "ALICE@GMAIL.COM");
	CHECK_VAL_STR("lower(\"abc\")", "abc");
	CHECK_VAL_STR("lower(\"\")", "");
	CHECK_VAL_NULL("lower(age)");
	CHECK_VAL_NULL("upper(nothing)");
	RULE_IS("lower(name) == \"alice\"", 1);
	RULE_IS("upper(country) == \"FR\" and lower(country) == \"fr\"", 1);
	RULE_IS("lower(email) ends with \".com\"", 1);
	RULE_IS("LOWER(name) == \"alice\"", 1); /* function names ignore case */

	CHECK_VAL_INT("length(\"h\xC3\xA9llo\")", 5); /* code points, not bytes */
	CHECK_VAL_INT("length(city)", 6);
	CHECK_VAL_INT("length(\"\xE6\x97\xA5\xE6\x9C\xAC\")", 2);
	CHECK_VAL_INT("length(\"\")", 0);
	CHECK_VAL_INT("length(name)", 5);
	CHECK_VAL_INT("length(tags)", 3);
	CHECK_VAL_INT("length(empty)", 0);
	CHECK_VAL_INT("length(nothing)", 0);
	CHECK_VAL_NULL("length(age)");
	RULE_IS("length(name) > 3", 1);
}

SEG_TEST(rules_fn_count_abs)
{
	CHECK_VAL_INT("count(tags)", 3);
	CHECK_VAL_INT("count(ids)", 3);
	CHECK_VAL_INT("count(empty)", 0);
	CHECK_VAL_INT("count(nothing)", 0);
	CHECK_VAL_INT("count((\"a\", \"b\"))", 2);
	CHECK_VAL_NULL("count(name)");
	RULE_IS("count(tags) >= 2", 1);

	CHECK_VAL_INT("abs(-5)", 5);
	CHECK_VAL_INT("abs(5)", 5);
	CHECK_VAL_FLOAT("abs(-2.5)", 2.5);
	CHECK_VAL_INT("abs(age - 40)", 10);
	CHECK_VAL_INT("abs(\"-3\")", 3);
	CHECK_VAL_FLOAT("abs(small)", 9223372036854775808.0);
	CHECK_VAL_NULL("abs(name)");
	CHECK_VAL_NULL("abs(nothing)");
}

SEG_TEST(rules_fn_min_max)
{
	CHECK_VAL_INT("min(3, 1, 2)", 1);
	CHECK_VAL_INT("max(3, 1, 2)", 3);
	CHECK_VAL_INT("min(ids)", 1);
	CHECK_VAL_INT("max(ids)", 3);
	CHECK_VAL_INT("max(age, orders)", 30);
	CHECK_VAL_FLOAT("min(2.5, 3)", 2.5);
	CHECK_VAL_INT("min(nothing, 5)", 5); /* nulls are skipped */
	CHECK_VAL_INT("max(5, missing)", 5);
	CHECK_VAL_NULL("max(nothing)");
	CHECK_VAL_NULL("min(empty)");
	CHECK_VAL_STR("max(\"a\", \"b\")", "b");
	CHECK_VAL_STR("min(tags)", "a");
	CHECK_VAL_STR("max(tags)", "vip");
	CHECK_VAL_NULL("max(\"a\", 1)"); /* incomparable */
	CHECK_VAL_FLOAT("min(mixed)", 2.5);
	CHECK_VAL_STR("max(mixed)", "7");
	CHECK_VAL_INT("min(5)", 5);
	RULE_IS("max(age, orders) == 30 and min(age, orders) == 10", 1);
	RULE_IS("max(nothing)", 0);
}

SEG_TEST(rules_fn_rounding)
{
	CHECK_VAL_INT("round(2.5)", 3); /* half away from zero */
	CHECK_VAL_INT("round(-2.5)", -3);
	CHECK_VAL_INT("round(2.4)", 2);
	CHECK_VAL_INT("round(age)", 30);
	CHECK_VAL_FLOAT("round(2.345, 2)", 2.35);
	CHECK_VAL_FLOAT("round(1.955, 2)", 1.96);
	CHECK_VAL_INT("round(total, 0)", 100); /* integral results are ints */
	CHECK_VAL_INT("round(1234, -2)", 1200);
	CHECK_VAL_INT("round(\"2.5\")", 3);
	CHECK_VAL_INT("floor(2.7)", 2);
	CHECK_VAL_INT("floor(-2.5)", -3);
	CHECK_VAL_INT("floor(age)", 30);
	CHECK_VAL_INT("ceil(2.1)", 3);
	CHECK_VAL_INT("ceil(-2.1)", -2);
	CHECK_VAL_INT("ceil(total)", 100);
	CHECK_VAL_FLOAT("floor(1e300)", 1e300);
	CHECK_VAL_NULL("floor(name)");
	CHECK_VAL_NULL("round(nothing)");
	CHECK_VAL_NULL("ceil(signup)");
	RULE_IS("round(total) == 100", 1);
}

SEG_TEST(rules_fn_coalesce_intersects)
{
	CHECK_VAL_INT("coalesce(nothing, age)", 30);
	CHECK_VAL_STR("coalesce(nothing, missing, \"dflt\")", "dflt");
	CHECK_VAL_STR("coalesce(name, \"x\")", "Alice");
	CHECK_VAL_NULL("coalesce(nothing, missing)");
	CHECK_VAL_INT("coalesce(zero, 5)", 0); /* 0 is not null */
	RULE_IS("coalesce(missing, 0) == 0", 1);

	RULE_IS("intersects(tags, [\"x\", \"vip\"])", 1);
	RULE_IS("intersects(tags, (\"x\", \"vip\"))", 1);
	RULE_IS("intersects(tags, [\"x\"])", 0);
	RULE_IS("intersects(tags, (\"x\",))", 0);
	RULE_IS("intersects(tags, nothing)", 0);
	RULE_IS("intersects(ids, (\"2\", 9))", 1);
	RULE_IS("intersects(empty, tags)", 0);
	RULE_IS("intersects(tags, tags)", 1);
	RULE_IS("not intersects(tags, [\"y\", \"z\"])", 1);
}

/* ---- bucket(): the documented hash, reimplemented here ----------------- */

static uint64_t ref_fnv(uint64_t h, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

/* FNV-1a 64 over salt, one 0x00 byte and the canonical text; splitmix64. */
static uint64_t ref_bucket_hash(const char *salt, const char *canon)
{
	uint64_t z = ref_fnv(UINT64_C(0xcbf29ce484222325), salt, strlen(salt));
	z = ref_fnv(z, "", 1);
	z = ref_fnv(z, canon, strlen(canon));
	z ^= z >> 30;
	z *= UINT64_C(0xbf58476d1ce4e5b9);
	z ^= z >> 27;
	z *= UINT64_C(0x94d049bb133111eb);
	z ^= z >> 31;
	return z;
}

static int64_t ref_bucket(const char *salt, const char *canon, uint64_t n)
{
	return (int64_t)(ref_bucket_hash(salt, canon) % n);
}

SEG_TEST(rules_bucket_reference_values)
{
	/* A known-answer value, so both sides cannot drift together. */
	CHECK_EQ_UINT(ref_fnv(UINT64_C(0xcbf29ce484222325), "a", 1), UINT64_C(0xaf63dc4c8601ec8c));

	static const attr B[] = {
		{"i", V_INT(42)},         {"s", V_STR("42")},      {"f", V_FLT(42.0)},   {"ws", V_STR(" 42 ")},
		{"lead0", V_STR("042")},  {"neg", V_INT(-7)},      {"negs", V_STR("-7")}, {"t", V_BOOL(true)},
		{"fl", V_BOOL(false)},    {"word", V_STR("abc")},  {"one", V_INT(1)},    {"zero", V_INT(0)},
		{"big", V_INT(INT64_MAX)}, {"small", V_INT(INT64_MIN)}, {"empty", V_STR("")},
		{"utf8", V_STR("\xC3\xA9t\xC3\xA9")}, {"nothing", V_NULL}, {"tags", V_LIST(TAGS)}, {"nan", V_FLT(NAN)},
		{"ff", V_FLT(-7.0)},
	};
	struct { const char *attr, *canon; } cases[] = {
		{"i", "42"},     {"s", "42"},   {"f", "42"},    {"ws", "42"},  {"lead0", "42"},
		{"neg", "-7"},   {"negs", "-7"}, {"ff", "-7"},  {"t", "1"},    {"fl", "0"},
		{"word", "abc"}, {"one", "1"},  {"zero", "0"},  {"big", "9223372036854775807"},
		{"small", "-9223372036854775808"}, {"empty", ""}, {"utf8", "\xC3\xA9t\xC3\xA9"},
	};
	const uint64_t sizes[] = {1, 2, 3, 10, 100, 1000000};
	for (size_t c = 0; c < NELEM(cases); c++) {
		for (size_t k = 0; k < NELEM(sizes); k++) {
			char expr[128];
			snprintf(expr, sizeof expr, "bucket(%s, \"exp-2024\", %llu)", cases[c].attr, (unsigned long long)sizes[k]);
			val v = value_of_at(__FILE__, __LINE__, expr, B, NELEM(B), NOW, TZ);
			int64_t want = ref_bucket("exp-2024", cases[c].canon, sizes[k]);
			if (v.ok && (v.v.type != SEG_T_INT || v.v.u.i != want))
				seg_test_fail(__FILE__, __LINE__, "`%s`: got %s %lld, expected %lld", expr,
				              seg_type_name((seg_type)v.v.type), (long long)v.v.u.i, (long long)want);
		}
	}
	/* An empty salt is a salt too. */
	val v = value_of_at(__FILE__, __LINE__, "bucket(i, \"\", 1000)", B, NELEM(B), NOW, TZ);
	CHECK(v.ok && v.v.type == SEG_T_INT && v.v.u.i == ref_bucket("", "42", 1000));
	/* Literals hash like attributes. */
	RULE_FOR(B, "bucket(42, \"x\", 97) == bucket(\"42\", \"x\", 97)", 1);
	RULE_FOR(B, "bucket(42.0, \"x\", 97) == bucket(i, \"x\", 97)", 1);
	/* Values without a canonical text have no bucket. */
	CHECK(value_of_at(__FILE__, __LINE__, "bucket(nothing, \"x\", 10)", B, NELEM(B), NOW, TZ).v.type == SEG_T_NULL);
	CHECK(value_of_at(__FILE__, __LINE__, "bucket(tags, \"x\", 10)", B, NELEM(B), NOW, TZ).v.type == SEG_T_NULL);
	CHECK(value_of_at(__FILE__, __LINE__, "bucket(nan, \"x\", 10)", B, NELEM(B), NOW, TZ).v.type == SEG_T_NULL);
	RULE_FOR(B, "bucket(nothing, \"x\", 2) == 0 or bucket(nothing, \"x\", 2) == 1", 0);
}

SEG_TEST(rules_bucket_same_customer_same_bucket)
{
	static const attr B[] = {{"a", V_INT(42)}, {"b", V_STR("42")}, {"c", V_FLT(42.0)}};
	RULE_FOR(B, "bucket(a, \"s\", 7) == bucket(b, \"s\", 7) and bucket(b, \"s\", 7) == bucket(c, \"s\", 7)", 1);
	for (unsigned n = 2; n < 50; n++) {
		char rule[160];
		snprintf(rule, sizeof rule, "bucket(a, \"salt-%u\", %u) == bucket(b, \"salt-%u\", %u) and "
		         "bucket(a, \"salt-%u\", %u) == bucket(c, \"salt-%u\", %u)", n, n, n, n, n, n, n, n);
		RULE_FOR(B, rule, 1);
	}
}

/* Evaluates rule `pos` of rs for one customer. */
static bool eval_for(const seg_ruleset *rs, size_t pos, const attr *attrs, size_t n)
{
	evalctx x;
	seg_error err;
	bool r = false;
	ctx_init(&x, rs, attrs, n, NOW, TZ);
	if (seg_ruleset_eval(rs, pos, &x.env, &r, &err) != SEG_OK) r = false;
	ctx_free(&x);
	return r;
}

SEG_TEST(rules_bucket_is_stable_and_uniform)
{
	/* Ten rules, one per bucket: exactly the reference bucket matches. */
	seg_rule_def defs[10];
	char codes[10][4], rules[10][48];
	for (int k = 0; k < 10; k++) {
		snprintf(codes[k], sizeof codes[k], "b%d", k);
		snprintf(rules[k], sizeof rules[k], "bucket(customer_id, \"split\", 10) == %d", k);
		defs[k] = (seg_rule_def){codes[k], strlen(codes[k]), rules[k], strlen(rules[k]), 0, true};
	}
	seg_ruleset *rs10 = NULL, *rs2 = NULL;
	seg_error err;
	REQUIRE(seg_ruleset_compile(defs, 10, NULL, &rs10, &err) == SEG_OK);
	seg_rule_def half = {"h", 1, "bucket(customer_id, \"ab-test\", 2) == 0", 38, 0, true};
	REQUIRE(seg_ruleset_compile(&half, 1, NULL, &rs2, &err) == SEG_OK);

	unsigned in_zero = 0, wrong10 = 0, wrong2 = 0, counts[10] = {0};
	for (int64_t id = 1; id <= 10000; id++) {
		attr a[1] = {{"customer_id", seg_int(id)}};
		char canon[24];
		snprintf(canon, sizeof canon, "%lld", (long long)id);

		evalctx x;
		uint32_t out[10];
		size_t nout = 0;
		ctx_init(&x, rs10, a, 1, NOW, TZ);
		seg_status st = seg_ruleset_match(rs10, &x.env, out, &nout, 0, &err);
		ctx_free(&x);
		int64_t want = ref_bucket("split", canon, 10);
		if (st != SEG_OK || nout != 1 || out[0] != (uint32_t)want) wrong10++;
		else counts[want]++;

		bool zero = eval_for(rs2, 0, a, 1);
		in_zero += zero;
		if (zero != (ref_bucket("ab-test", canon, 2) == 0)) wrong2++;
	}
	CHECK_EQ_UINT(wrong10, 0);
	CHECK_EQ_UINT(wrong2, 0);
	/* Two buckets: each holds 45-55% of 10000 ids. */
	CHECK(in_zero >= 4500 && in_zero <= 5500);
	for (int k = 0; k < 10; k++) CHECK(counts[k] >= 850 && counts[k] <= 1150);

	/* The same customer as a numeric string lands in the same bucket. */
	attr s[1] = {{"customer_id", seg_string("1234", 4)}};
	attr i[1] = {{"customer_id", seg_int(1234)}};
	attr f[1] = {{"customer_id", seg_float(1234.0)}};
	CHECK_EQ_INT(eval_for(rs2, 0, s, 1), eval_for(rs2, 0, i, 1));
	CHECK_EQ_INT(eval_for(rs2, 0, f, 1), eval_for(rs2, 0, i, 1));
	seg_ruleset_free(rs10);
	seg_ruleset_free(rs2);
}

/* ======================================================================== */
/* Dates in comparisons                                                     */
/* ======================================================================== */

SEG_TEST(rules_dates_compare)
{
	RULE_IS("created > \"2024-04-30\"", 1);           /* two strings: bytes */
	RULE_IS("created == \"2024-05-01 10:00:00\"", 1);
	RULE_IS("signup < created", 1);                    /* date vs date string */
	RULE_IS("signup == \"2024-01-01 02:00:00\"", 1);   /* local */
	RULE_IS("signup == \"2024-01-01T00:00:00Z\"", 1);
	RULE_IS("signup == \"2024-01-01\"", 0);            /* midnight local is 22:00 UTC */
	RULE_IS("signup > 1704067199 and signup < 1704067201", 1);
	RULE_IS("signup == 1704067200", 1);
	RULE_IS("signup > \"2023-12-31\"", 1);
	RULE_IS("signup in (\"2024-01-01T00:00:00Z\", \"2025-01-01\")", 1);
	RULE_IS("signup between \"2023-12-31\" and \"2024-01-02\"", 1);
	RULE_IS("signup > name", 0); /* not a date */
	RULE_IS("signup != name", 1);
	RULE_IS("signup == zero_date", 0);
	RULE_IS("now() > signup", 1);
}

/* ======================================================================== */
/* explain()                                                                */
/* ======================================================================== */

static recorder *explain_rule(const char *rule, const attr *attrs, size_t n, seg_status *st)
{
	seg_error err;
	recorder *rec = calloc(1, sizeof *rec);
	seg_ruleset *rs = compile1(rule, &err);
	if (!rs) {
		*st = err.status;
		return rec;
	}
	evalctx *x = malloc(sizeof *x);
	ctx_init(x, rs, attrs, n, NOW, TZ);
	*st = seg_ruleset_explain(rs, 0, &x->env, record, rec, &err);
	ctx_free(x);
	free(x);
	seg_ruleset_free(rs);
	return rec;
}

#define CHECK_NODE(rec, i, k, d, txt, res)                                   \
	do {                                                                     \
		REQUIRE((rec)->n > (i));                                             \
		CHECK_EQ_INT((rec)->nodes[i].kind, (k));                             \
		CHECK_EQ_UINT((rec)->nodes[i].depth, (d));                           \
		CHECK_STR((rec)->nodes[i].text, (txt));                              \
		CHECK_EQ_INT((rec)->nodes[i].result, (res));                         \
	} while (0)

SEG_TEST(rules_explain_post_order)
{
	static const attr E[] = {{"age", V_INT(30)}, {"country", V_STR("US")}, {"vip", V_BOOL(false)}};
	seg_status st;
	recorder *rec = explain_rule("age >= 18 and (country in (\"FR\", \"DE\") or not vip)", E, NELEM(E), &st);
	CHECK_EQ_INT(st, SEG_OK);
	CHECK_EQ_UINT(rec->n, 6);
	CHECK_NODE(rec, 0, SEG_EXPLAIN_CONDITION, 1, "age >= 18", true);
	CHECK_EQ_UINT(rec->nodes[0].nvalues, 2);
	CHECK_EQ_INT(rec->nodes[0].values[0].type, SEG_T_INT);
	CHECK_EQ_INT(rec->nodes[0].values[0].u.i, 30);
	CHECK_EQ_INT(rec->nodes[0].values[1].type, SEG_T_INT);
	CHECK_EQ_INT(rec->nodes[0].values[1].u.i, 18);

	CHECK_NODE(rec, 1, SEG_EXPLAIN_CONDITION, 2, "country in (\"FR\", \"DE\")", false);
	CHECK_EQ_UINT(rec->nodes[1].nvalues, 2);
	CHECK_EQ_INT(rec->nodes[1].values[0].type, SEG_T_STRING);
	CHECK_STR(rec->nodes[1].sval[0], "US");
	CHECK_EQ_INT(rec->nodes[1].values[1].type, SEG_T_LIST);
	CHECK_EQ_UINT(rec->nodes[1].values[1].len, 2);

	CHECK_NODE(rec, 2, SEG_EXPLAIN_CONDITION, 3, "vip", false);
	CHECK_EQ_UINT(rec->nodes[2].nvalues, 1);
	CHECK_EQ_INT(rec->nodes[2].values[0].type, SEG_T_BOOL);

	CHECK_NODE(rec, 3, SEG_EXPLAIN_NOT, 2, "not vip", true);
	CHECK_NODE(rec, 4, SEG_EXPLAIN_OR, 1, "(country in (\"FR\", \"DE\") or not vip)", true);
	CHECK_NODE(rec, 5, SEG_EXPLAIN_AND, 0, "age >= 18 and (country in (\"FR\", \"DE\") or not vip)", true);
	free(rec);
}

SEG_TEST(rules_explain_evaluates_every_node)
{
	seg_status st;
	/* The first condition is false; and() would stop there, explain does not. */
	recorder *rec = explain_rule("age < 18 and name starts with \"A\" and total between 1 and 100", C, NELEM(C), &st);
	CHECK_EQ_INT(st, SEG_OK);
	CHECK_EQ_UINT(rec->n, 4);
	CHECK_NODE(rec, 0, SEG_EXPLAIN_CONDITION, 1, "age < 18", false);
	CHECK_NODE(rec, 1, SEG_EXPLAIN_CONDITION, 1, "name starts with \"A\"", true);
	CHECK_EQ_UINT(rec->nodes[1].nvalues, 2);
	CHECK_STR(rec->nodes[1].sval[0], "Alice");
	CHECK_STR(rec->nodes[1].sval[1], "A");
	CHECK_NODE(rec, 2, SEG_EXPLAIN_CONDITION, 1, "total between 1 and 100", true);
	CHECK_EQ_UINT(rec->nodes[2].nvalues, 3);
	CHECK_EQ_DBL(rec->nodes[2].values[0].u.f, 99.5);
	CHECK_EQ_INT(rec->nodes[2].values[1].u.i, 1);
	CHECK_EQ_INT(rec->nodes[2].values[2].u.i, 100);
	CHECK_NODE(rec, 3, SEG_EXPLAIN_AND, 0, "age < 18 and name starts with \"A\" and total between 1 and 100", false);
	free(rec);

	rec = explain_rule("flag or missing > 1 or nothing is null", C, NELEM(C), &st);
	CHECK_EQ_INT(st, SEG_OK);
	CHECK_EQ_UINT(rec->n, 4);
	CHECK_NODE(rec, 0, SEG_EXPLAIN_CONDITION, 1, "flag", true);
	CHECK_NODE(rec, 1, SEG_EXPLAIN_CONDITION, 1, "missing > 1", false);
	CHECK_EQ_INT(rec->nodes[1].values[0].type, SEG_T_NULL);
	CHECK_NODE(rec, 2, SEG_EXPLAIN_CONDITION, 1, "nothing is null", true);
	CHECK_EQ_UINT(rec->nodes[2].nvalues, 1);
	CHECK_NODE(rec, 3, SEG_EXPLAIN_OR, 0, "flag or missing > 1 or nothing is null", true);
	free(rec);
}

SEG_TEST(rules_explain_values_of_calculations)
{
	seg_status st;
	recorder *rec = explain_rule("days_since(created) > 30 and lower(name) == \"alice\"", C, NELEM(C), &st);
	CHECK_EQ_INT(st, SEG_OK);
	CHECK_EQ_UINT(rec->n, 3);
	CHECK_NODE(rec, 0, SEG_EXPLAIN_CONDITION, 1, "days_since(created) > 30", true);
	CHECK_EQ_INT(rec->nodes[0].values[0].type, SEG_T_INT);
	CHECK_EQ_INT(rec->nodes[0].values[0].u.i, 45);
	CHECK_EQ_INT(rec->nodes[0].values[1].u.i, 30);
	CHECK_NODE(rec, 1, SEG_EXPLAIN_CONDITION, 1, "lower(name) == \"alice\"", true);
	CHECK_STR(rec->nodes[1].sval[0], "alice");
	CHECK_NODE(rec, 2, SEG_EXPLAIN_AND, 0, "days_since(created) > 30 and lower(name) == \"alice\"", true);
	free(rec);

	rec = explain_rule("not (age > 40)", C, NELEM(C), &st);
	CHECK_EQ_INT(st, SEG_OK);
	CHECK_EQ_UINT(rec->n, 2);
	CHECK_NODE(rec, 0, SEG_EXPLAIN_CONDITION, 1, "(age > 40)", false);
	CHECK_NODE(rec, 1, SEG_EXPLAIN_NOT, 0, "not (age > 40)", true);
	free(rec);

	rec = explain_rule("-age < 0 and intersects(tags, [\"vip\"])", C, NELEM(C), &st);
	CHECK_EQ_INT(st, SEG_OK);
	CHECK_EQ_UINT(rec->n, 3);
	CHECK_NODE(rec, 0, SEG_EXPLAIN_CONDITION, 1, "-age < 0", true);
	CHECK_EQ_INT(rec->nodes[0].values[0].u.i, -30);
	CHECK_NODE(rec, 1, SEG_EXPLAIN_CONDITION, 1, "intersects(tags, [\"vip\"])", true);
	CHECK_EQ_UINT(rec->nodes[1].nvalues, 1);
	CHECK_EQ_INT(rec->nodes[1].values[0].type, SEG_T_BOOL);
	free(rec);

	/* A single condition is the root. */
	rec = explain_rule("country == \"FR\"", C, NELEM(C), &st);
	CHECK_EQ_UINT(rec->n, 1);
	CHECK_NODE(rec, 0, SEG_EXPLAIN_CONDITION, 0, "country == \"FR\"", true);
	free(rec);
}

SEG_TEST(rules_explain_nested_depths)
{
	seg_status st;
	recorder *rec = explain_rule("not (flag and (vip or not (age > 1 and orders > 1)))", C, NELEM(C), &st);
	CHECK_EQ_INT(st, SEG_OK);
	CHECK_EQ_UINT(rec->n, 9);
	/* flag, vip, age>1, orders>1, and, not, or, and, not */
	CHECK_NODE(rec, 0, SEG_EXPLAIN_CONDITION, 2, "flag", true);
	CHECK_NODE(rec, 1, SEG_EXPLAIN_CONDITION, 3, "vip", false);
	CHECK_NODE(rec, 2, SEG_EXPLAIN_CONDITION, 5, "age > 1", true);
	CHECK_NODE(rec, 3, SEG_EXPLAIN_CONDITION, 5, "orders > 1", true);
	CHECK_NODE(rec, 4, SEG_EXPLAIN_AND, 4, "(age > 1 and orders > 1)", true);
	CHECK_NODE(rec, 5, SEG_EXPLAIN_NOT, 3, "not (age > 1 and orders > 1)", false);
	CHECK_NODE(rec, 6, SEG_EXPLAIN_OR, 2, "(vip or not (age > 1 and orders > 1))", false);
	CHECK_NODE(rec, 7, SEG_EXPLAIN_AND, 1, "(flag and (vip or not (age > 1 and orders > 1)))", false);
	CHECK_NODE(rec, 8, SEG_EXPLAIN_NOT, 0, "not (flag and (vip or not (age > 1 and orders > 1)))", true);
	/* Children come before their parent, and every child is one level deeper. */
	for (size_t i = 0; i + 1 < rec->n; i++) {
		size_t p = i + 1;
		while (p < rec->n && rec->nodes[p].depth >= rec->nodes[i].depth) p++;
		CHECK(p < rec->n && rec->nodes[p].depth + 1 == rec->nodes[i].depth);
	}
	free(rec);
}

SEG_TEST(rules_explain_reports_resolver_errors)
{
	seg_error err;
	seg_ruleset *rs = compile1("age > 1 and country == \"FR\"", &err);
	REQUIRE(rs != NULL);
	evalctx *x = malloc(sizeof *x);
	recorder *rec = calloc(1, sizeof *rec);
	ctx_init(x, rs, C, NELEM(C), NOW, TZ);
	x->cust.fail_path = "country";
	CHECK_EQ_INT(seg_ruleset_explain(rs, 0, &x->env, record, rec, &err), SEG_E_ATTRIBUTE);
	CHECK_STR(err.attribute, "country");
	ctx_free(x);
	free(x);
	free(rec);
	seg_ruleset_free(rs);
}

/* ======================================================================== */
/* validate()                                                               */
/* ======================================================================== */

typedef struct seen_path {
	char path[64];
	uint32_t line, column;
} seen_path;

typedef struct seen_paths {
	seen_path p[16];
	size_t n;
} seen_paths;

static void on_path(void *ud, const seg_str *path, uint32_t line, uint32_t column)
{
	seen_paths *s = ud;
	if (s->n == NELEM(s->p)) return;
	seen_path *e = &s->p[s->n++];
	size_t len = path->len < sizeof e->path - 1 ? path->len : sizeof e->path - 1;
	memcpy(e->path, path->s, len);
	e->path[len] = '\0';
	e->line = line;
	e->column = column;
}

#define CHECK_PATH(s, i, name, l, c)                          \
	do {                                                      \
		REQUIRE((s).n > (i));                                 \
		CHECK_STR((s).p[i].path, (name));                     \
		CHECK_EQ_UINT((s).p[i].line, (l));                    \
		CHECK_EQ_UINT((s).p[i].column, (c));                  \
	} while (0)

static seg_status validate(const char *rule, seen_paths *s, seg_error *err)
{
	memset(s, 0, sizeof *s);
	return seg_rule_validate(rule, strlen(rule), NULL, on_path, s, err);
}

SEG_TEST(rules_validate_reports_paths_with_positions)
{
	seen_paths s;
	seg_error err;
	CHECK_EQ_INT(validate("age > 18 and\n  cart.total >= 100 or lower(name) == \"x\"", &s, &err), SEG_OK);
	CHECK_EQ_UINT(s.n, 3);
	CHECK_PATH(s, 0, "age", 1, 1);
	CHECK_PATH(s, 1, "cart.total", 2, 3);
	CHECK_PATH(s, 2, "name", 2, 30);

	/* Every occurrence, in source order; canonical text. */
	CHECK_EQ_INT(validate("age > 1 and age < 5 and cart . total > 0", &s, &err), SEG_OK);
	CHECK_EQ_UINT(s.n, 3);
	CHECK_PATH(s, 0, "age", 1, 1);
	CHECK_PATH(s, 1, "age", 1, 13);
	CHECK_PATH(s, 2, "cart.total", 1, 25);

	/* Columns count code points. */
	CHECK_EQ_INT(validate("\"\xC3\xA9\xC3\xA9\" == x or \"\xE6\x97\xA5\" in y", &s, &err), SEG_OK);
	CHECK_EQ_UINT(s.n, 2);
	CHECK_PATH(s, 0, "x", 1, 9);
	CHECK_PATH(s, 1, "y", 1, 21);

	/* Paths inside lists, calls and between. */
	CHECK_EQ_INT(validate("a in (b, 1) and coalesce(c, d) between e and f.g", &s, &err), SEG_OK);
	CHECK_EQ_UINT(s.n, 6);
	CHECK_PATH(s, 0, "a", 1, 1);
	CHECK_PATH(s, 1, "b", 1, 7);
	CHECK_PATH(s, 5, "f.g", 1, 46);

	/* No paths at all. */
	CHECK_EQ_INT(validate("weekday() == 6", &s, &err), SEG_OK);
	CHECK_EQ_UINT(s.n, 0);
	/* A null callback is allowed. */
	CHECK_EQ_INT(seg_rule_validate("age > 1", 7, NULL, NULL, NULL, &err), SEG_OK);
}

SEG_TEST(rules_validate_errors)
{
	seen_paths s;
	seg_error err;
	CHECK_EQ_INT(validate("age > 18 and country ==", &s, &err), SEG_E_SYNTAX);
	CHECK_EQ_UINT(err.line, 1);
	CHECK_EQ_UINT(err.column, 24);
	CHECK_EQ_UINT(s.n, 0); /* no paths for a rule that does not compile */
	CHECK_EQ_INT(validate("age + 1", &s, &err), SEG_E_TYPE);
	CHECK(err.message[0] != '\0');
	CHECK_EQ_INT(validate("", &s, &err), SEG_E_SYNTAX);

	seg_limits lim = {0, 2};
	CHECK_EQ_INT(seg_rule_validate("((((a > 1))))", 13, &lim, NULL, NULL, &err), SEG_E_LIMIT);
	lim = (seg_limits){5, 0};
	CHECK_EQ_INT(seg_rule_validate("age > 1", 7, &lim, NULL, NULL, &err), SEG_E_LIMIT);
	CHECK_EQ_INT(seg_rule_validate("a > 1", 5, &lim, NULL, NULL, &err), SEG_OK);
}

/* ======================================================================== */
/* Rule sets: order, priorities, enabled, max_matches, codes                */
/* ======================================================================== */

static seg_rule_def def(const char *code, const char *rule, int64_t prio, bool enabled)
{
	seg_rule_def d = {code, strlen(code), rule, strlen(rule), prio, enabled};
	return d;
}

static size_t match_codes(const seg_ruleset *rs, const attr *attrs, size_t n, size_t max, char *out, size_t cap)
{
	evalctx *x = malloc(sizeof *x);
	uint32_t pos[16];
	size_t npos = 0;
	seg_error err;
	ctx_init(x, rs, attrs, n, NOW, TZ);
	out[0] = '\0';
	if (seg_ruleset_match(rs, &x->env, pos, &npos, max, &err) != SEG_OK) snprintf(out, cap, "error");
	for (size_t i = 0; i < npos; i++) {
		seg_str code = seg_ruleset_code(rs, pos[i]);
		size_t at = strlen(out);
		snprintf(out + at, cap - at, "%s%.*s", i ? "," : "", (int)code.len, code.s);
	}
	ctx_free(x);
	free(x);
	return npos;
}

SEG_TEST(rules_priority_order_and_ties)
{
	seg_rule_def defs[] = {
		def("A", "true", 1, true),  def("B", "age > 1", 5, true), def("C", "age > 2", 5, true),
		def("D", "flag", 3, true),  def("E", "age > 99", 9, true), def("F", "true", -2, true),
		def("G", "true", 5, true),
	};
	seg_ruleset *rs;
	seg_error err;
	REQUIRE(seg_ruleset_compile(defs, NELEM(defs), NULL, &rs, &err) == SEG_OK);
	CHECK_EQ_UINT(seg_ruleset_count(rs), 7);
	/* priority order: E(9) B C G (5, definition order) D(3) A(1) F(-2) */
	const char *order[] = {"E", "B", "C", "G", "D", "A", "F"};
	const uint32_t idx[] = {4, 1, 2, 6, 3, 0, 5};
	const int64_t prio[] = {9, 5, 5, 5, 3, 1, -2};
	for (size_t i = 0; i < 7; i++) {
		seg_str code = seg_ruleset_code(rs, i);
		CHECK_MEM(code.s, code.len, order[i]);
		CHECK_EQ_UINT(seg_ruleset_def_index(rs, i), idx[i]);
		CHECK_EQ_INT(seg_ruleset_priority(rs, i), prio[i]);
		CHECK(seg_ruleset_enabled(rs, i));
		CHECK_EQ_INT(seg_ruleset_find(rs, order[i], 1), (int64_t)i);
	}
	CHECK_EQ_INT(seg_ruleset_find(rs, "Z", 1), -1);
	CHECK_EQ_INT(seg_ruleset_find(rs, "AB", 2), -1);
	CHECK(seg_ruleset_memory(rs) > 0);

	char got[64];
	CHECK_EQ_UINT(match_codes(rs, C, NELEM(C), 0, got, sizeof got), 6);
	CHECK_STR(got, "B,C,G,D,A,F");
	CHECK_EQ_UINT(match_codes(rs, C, NELEM(C), 1, got, sizeof got), 1);
	CHECK_STR(got, "B");
	CHECK_EQ_UINT(match_codes(rs, C, NELEM(C), 2, got, sizeof got), 2);
	CHECK_STR(got, "B,C");
	CHECK_EQ_UINT(match_codes(rs, C, NELEM(C), 100, got, sizeof got), 6);
	static const attr young[] = {{"age", V_INT(2)}};
	CHECK_EQ_UINT(match_codes(rs, young, 1, 0, got, sizeof got), 4);
	CHECK_STR(got, "B,G,A,F");
	seg_ruleset_free(rs);
}

SEG_TEST(rules_extreme_priorities)
{
	seg_rule_def defs[] = {
		def("lo", "true", INT64_MIN, true), def("hi", "true", INT64_MAX, true), def("mid", "true", 0, true),
		def("lo2", "true", INT64_MIN, true),
	};
	seg_ruleset *rs;
	seg_error err;
	REQUIRE(seg_ruleset_compile(defs, NELEM(defs), NULL, &rs, &err) == SEG_OK);
	char got[64];
	match_codes(rs, C, NELEM(C), 0, got, sizeof got);
	CHECK_STR(got, "hi,mid,lo,lo2");
	seg_ruleset_free(rs);
}

SEG_TEST(rules_disabled_rules_are_skipped_by_match)
{
	seg_rule_def defs[] = {
		def("A", "true", 0, true), def("B", "true", 0, false), def("C", "age > 1", 0, true), def("D", "true", 0, false),
	};
	seg_ruleset *rs;
	seg_error err;
	REQUIRE(seg_ruleset_compile(defs, NELEM(defs), NULL, &rs, &err) == SEG_OK);
	CHECK_EQ_UINT(seg_ruleset_count(rs), 4);
	CHECK(!seg_ruleset_enabled(rs, 1));
	char got[64];
	CHECK_EQ_UINT(match_codes(rs, C, NELEM(C), 0, got, sizeof got), 2);
	CHECK_STR(got, "A,C");
	CHECK_EQ_UINT(match_codes(rs, C, NELEM(C), 2, got, sizeof got), 2);
	CHECK_STR(got, "A,C");
	/* eval() still evaluates a disabled rule. */
	CHECK(eval_for(rs, 1, C, NELEM(C)));
	CHECK(eval_for(rs, 3, C, NELEM(C)));

	/* All disabled: nothing matches. */
	seg_rule_def off[] = {def("X", "true", 0, false), def("Y", "true", 0, false)};
	seg_ruleset *rs2;
	REQUIRE(seg_ruleset_compile(off, 2, NULL, &rs2, &err) == SEG_OK);
	CHECK_EQ_UINT(match_codes(rs2, C, NELEM(C), 0, got, sizeof got), 0);
	seg_ruleset_free(rs2);
	seg_ruleset_free(rs);
}

SEG_TEST(rules_codes_must_be_unique_and_non_empty)
{
	seg_ruleset *rs = (seg_ruleset *)1;
	seg_error err;
	seg_rule_def dup[] = {def("A", "true", 0, true), def("B", "true", 0, true), def("A", "false", 0, true)};
	CHECK_EQ_INT(seg_ruleset_compile(dup, 3, NULL, &rs, &err), SEG_E_DUPLICATE);
	CHECK(rs == NULL);
	CHECK_EQ_INT(err.status, SEG_E_DUPLICATE);
	CHECK_EQ_INT(err.rule_index, 2);
	CHECK(strstr(err.message, "A") != NULL);

	/* A disabled duplicate is still a duplicate. */
	seg_rule_def dup2[] = {def("A", "true", 0, false), def("A", "true", 0, true)};
	CHECK_EQ_INT(seg_ruleset_compile(dup2, 2, NULL, &rs, &err), SEG_E_DUPLICATE);
	CHECK_EQ_INT(err.rule_index, 1);

	/* Codes are bytes: case and length matter. */
	seg_rule_def distinct[] = {def("a", "true", 0, true), def("A", "true", 0, true), def("AA", "true", 0, true)};
	CHECK_EQ_INT(seg_ruleset_compile(distinct, 3, NULL, &rs, &err), SEG_OK);
	seg_ruleset_free(rs);

	seg_rule_def empty[] = {def("A", "true", 0, true), def("", "true", 0, true)};
	CHECK_EQ_INT(seg_ruleset_compile(empty, 2, NULL, &rs, &err), SEG_E_ARGUMENT);
	CHECK(rs == NULL);
	CHECK_EQ_INT(err.rule_index, 1);

	char longcode[257];
	memset(longcode, 'x', 256);
	longcode[256] = '\0';
	seg_rule_def toolong[] = {def(longcode, "true", 0, true)};
	CHECK_EQ_INT(seg_ruleset_compile(toolong, 1, NULL, &rs, &err), SEG_E_ARGUMENT);
	longcode[255] = '\0';
	toolong[0] = def(longcode, "true", 0, true);
	CHECK_EQ_INT(seg_ruleset_compile(toolong, 1, NULL, &rs, &err), SEG_OK);
	seg_ruleset_free(rs);
}

SEG_TEST(rules_set_errors_name_the_definition)
{
	seg_rule_def defs[] = {def("A", "age > 1", 0, true), def("B", "true", 0, true), def("C", "age >\n  ", 0, true)};
	seg_ruleset *rs = (seg_ruleset *)1;
	seg_error err;
	CHECK_EQ_INT(seg_ruleset_compile(defs, 3, NULL, &rs, &err), SEG_E_SYNTAX);
	CHECK(rs == NULL);
	CHECK_EQ_INT(err.rule_index, 2);
	CHECK_EQ_UINT(err.line, 2);
	CHECK_EQ_UINT(err.column, 3);

	/* Success clears the error. */
	CHECK_EQ_INT(seg_ruleset_compile(defs, 2, NULL, &rs, &err), SEG_OK);
	CHECK_EQ_INT(err.status, SEG_OK);
	CHECK_EQ_INT(err.rule_index, -1);
	seg_ruleset_free(rs);
	seg_ruleset_free(NULL);
}

SEG_TEST(rules_empty_set)
{
	seg_ruleset *rs;
	seg_error err;
	REQUIRE(seg_ruleset_compile(NULL, 0, NULL, &rs, &err) == SEG_OK);
	CHECK_EQ_UINT(seg_ruleset_count(rs), 0);
	CHECK_EQ_UINT(seg_ruleset_slot_count(rs), 0);
	char got[8];
	CHECK_EQ_UINT(match_codes(rs, C, NELEM(C), 0, got, sizeof got), 0);
	seg_ruleset_free(rs);
}

SEG_TEST(rules_slots_are_shared_across_rules)
{
	seg_rule_def defs[] = {def("A", "age > 1 and country == \"FR\"", 0, true), def("B", "age < 100 or cart.total > 1", 0, true)};
	seg_ruleset *rs;
	seg_error err;
	REQUIRE(seg_ruleset_compile(defs, 2, NULL, &rs, &err) == SEG_OK);
	CHECK_EQ_UINT(seg_ruleset_slot_count(rs), 3);
	const char *names[] = {"age", "country", "cart.total"};
	for (size_t i = 0; i < 3; i++) {
		const seg_path *p = seg_ruleset_slot(rs, i);
		CHECK_MEM(p->text.s, p->text.len, names[i]);
	}
	seg_ruleset_free(rs);
}

/* A set whose constants overflow the linked program's 16-bit pool falls
 * back to one program per rule; both paths must agree. */
SEG_TEST(rules_large_set_matches_like_a_small_one)
{
	enum { N = 33000 };
	seg_rule_def *defs = malloc(sizeof *defs * N);
	char (*codes)[8] = malloc(sizeof *codes * N);
	char (*rules)[40] = malloc(sizeof *rules * N);
	for (int i = 0; i < N; i++) {
		snprintf(codes[i], sizeof codes[i], "c%d", i);
		snprintf(rules[i], sizeof rules[i], "x %% 1000 == %d", i % 1000); /* two constants */
		defs[i] = def(codes[i], rules[i], -(i % 7), i % 5 != 4);
	}
	seg_ruleset *big, *small;
	seg_error err;
	REQUIRE(seg_ruleset_compile(defs, N, NULL, &big, &err) == SEG_OK);
	REQUIRE(seg_ruleset_compile(defs, 3000, NULL, &small, &err) == SEG_OK);

	const seg_ruleset *sets[2] = {big, small};
	for (int s = 0; s < 2; s++) {
		const seg_ruleset *rs = sets[s];
		size_t n = seg_ruleset_count(rs);
		attr a[1] = {{"x", seg_int(2005)}};
		uint32_t *out = malloc(sizeof *out * n);
		size_t nout = 0;
		evalctx *x = malloc(sizeof *x);
		ctx_init(x, rs, a, 1, NOW, TZ);
		REQUIRE(seg_ruleset_match(rs, &x->env, out, &nout, 0, &err) == SEG_OK);
		ctx_free(x);
		/* Expected: enabled rules with i % 1000 == 5, by priority then index. */
		size_t want = 0;
		for (size_t pos = 0; pos < n; pos++) {
			uint32_t i = seg_ruleset_def_index(rs, pos);
			if (i % 1000 == 5 && i % 5 != 4) {
				if (want < nout && out[want] != pos) seg_test_fail(__FILE__, __LINE__, "set %d: match %zu is %u, expected %zu", s, want, out[want], pos);
				want++;
			}
			if (pos > 0) CHECK(seg_ruleset_priority(rs, pos - 1) >= seg_ruleset_priority(rs, pos));
		}
		CHECK_EQ_UINT(nout, want);
		/* max_matches on both paths */
		ctx_init(x, rs, a, 1, NOW, TZ);
		REQUIRE(seg_ruleset_match(rs, &x->env, out, &nout, 2, &err) == SEG_OK);
		CHECK_EQ_UINT(nout, 2);
		ctx_free(x);
		free(x);
		free(out);
	}
	seg_ruleset_free(big);
	seg_ruleset_free(small);
	free(defs);
	free(codes);
	free(rules);
}

/* ======================================================================== */
/* Errors: status, line, column, expected                                    */
/* ======================================================================== */

SEG_TEST(rules_syntax_errors)
{
	CHECK_ERR("x >", SEG_E_SYNTAX, 1, 4);
	CHECK_ERR("a < b < c", SEG_E_SYNTAX, 1, 7);
	CHECK_ERR("a == b != c", SEG_E_SYNTAX, 1, 8);
	CHECK_ERR("a in (1) in b", SEG_E_SYNTAX, 1, 10);
	CHECK_ERR("(a", SEG_E_SYNTAX, 1, 3);
	CHECK_ERR("a)", SEG_E_SYNTAX, 1, 2);
	CHECK_ERR("foo(1)", SEG_E_SYNTAX, 1, 1);
	CHECK_ERR("'unterminated", SEG_E_SYNTAX, 1, 1);
	CHECK_ERR("x == \"unterminated", SEG_E_SYNTAX, 1, 6);
	CHECK_ERR("x == \"ends in a backslash\\", SEG_E_SYNTAX, 1, 6);
	CHECK_ERR("a & b", SEG_E_SYNTAX, 1, 3);
	CHECK_ERR("a | b", SEG_E_SYNTAX, 1, 3);
	CHECK_ERR("", SEG_E_SYNTAX, 1, 1);
	CHECK_ERR("  # only a comment", SEG_E_SYNTAX, 1, 19);
	CHECK_ERR("x ==", SEG_E_SYNTAX, 1, 5);
	CHECK_ERR("x == 1 y", SEG_E_SYNTAX, 1, 8);
	CHECK_ERR("x == = 1", SEG_E_SYNTAX, 1, 6);
	CHECK_ERR("and x", SEG_E_SYNTAX, 1, 1);
	CHECK_ERR("x == 1 and", SEG_E_SYNTAX, 1, 11);
	CHECK_ERR("x == 1 or or y", SEG_E_SYNTAX, 1, 11);
	CHECK_ERR("x not y", SEG_E_SYNTAX, 1, 3);
	CHECK_ERR("x is 5", SEG_E_SYNTAX, 1, 6);
	CHECK_ERR("x is not 5", SEG_E_SYNTAX, 1, 10);
	CHECK_ERR("x is one (1)", SEG_E_SYNTAX, 1, 10);
	CHECK_ERR("x starts \"a\"", SEG_E_SYNTAX, 1, 10);
	CHECK_ERR("x ends \"a\"", SEG_E_SYNTAX, 1, 8);
	CHECK_ERR("x does contain \"a\"", SEG_E_SYNTAX, 1, 8);
	CHECK_ERR("x does not have \"a\"", SEG_E_SYNTAX, 1, 12);
	CHECK_ERR("x between 1 or 2", SEG_E_SYNTAX, 1, 13);
	CHECK_ERR("x in (1, 2", SEG_E_SYNTAX, 1, 11);
	CHECK_ERR("x in [1, 2)", SEG_E_SYNTAX, 1, 11);
	CHECK_ERR("x in (1 2)", SEG_E_SYNTAX, 1, 9);
	CHECK_ERR("lower(name name) == 1", SEG_E_SYNTAX, 1, 12);
	CHECK_ERR("x.1 == 2", SEG_E_SYNTAX, 1, 3);
	CHECK_ERR("x. == 2", SEG_E_SYNTAX, 1, 4);
	CHECK_ERR(".x == 2", SEG_E_SYNTAX, 1, 1);
	CHECK_ERR("x @ 1", SEG_E_SYNTAX, 1, 3);
	CHECK_ERR("x == \xff", SEG_E_SYNTAX, 1, 6);
	CHECK_ERR("\xC3\xA9t\xC3\xA9 == 1", SEG_E_SYNTAX, 1, 1); /* names are ASCII */
	CHECK_ERR("x == 1e", SEG_E_SYNTAX, 1, 7);
	CHECK_ERR("x == 12abc", SEG_E_SYNTAX, 1, 8);
	CHECK_ERR("x == \"\\q\"", SEG_E_SYNTAX, 1, 7);
	CHECK_ERR("x == \"\\x4g\"", SEG_E_SYNTAX, 1, 7);
	CHECK_ERR("x == \"\\x4\"", SEG_E_SYNTAX, 1, 7);
	CHECK_ERR("x ! = 1", SEG_E_SYNTAX, 1, 3);
}

SEG_TEST(rules_error_positions_count_lines_and_code_points)
{
	/* The error is on line 3. */
	CHECK_ERR("age > 18\nand country == \"FR\"\nand total >", SEG_E_SYNTAX, 3, 12);
	CHECK_ERR("age > 18\r\nand (country == \"FR\"\r\n   or x <)", SEG_E_SYNTAX, 3, 10);
	CHECK_ERR("age > 18 # comment (\nand\n\n  bad bad", SEG_E_SYNTAX, 4, 7);
	/* "é" is one column, though two bytes. */
	CHECK_ERR("name == \"\xC3\xA9\" and >", SEG_E_SYNTAX, 1, 17);
	CHECK_ERR("name == \"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\" and )", SEG_E_SYNTAX, 1, 19);
	CHECK_ERR("\"\xF0\x9F\x98\x80\" == x and\n\"\xC3\xA9\" == 5 +", SEG_E_SYNTAX, 2, 11);
	/* A type error points at the offending operand. */
	CHECK_ERR("name == \"\xC3\xA9\" and x / 0 > 1", SEG_E_TYPE, 1, 21);
	/* Tabs are one column. */
	CHECK_ERR("\tx >", SEG_E_SYNTAX, 1, 5);
}

SEG_TEST(rules_type_errors)
{
	CHECK_ERR("5", SEG_E_TYPE, 1, 1);
	CHECK_ERR("\"abc\"", SEG_E_TYPE, 1, 1);
	CHECK_ERR("null", SEG_E_TYPE, 1, 1);
	CHECK_ERR("(1, 2)", SEG_E_TYPE, 1, 1);
	CHECK_ERR("count(x)", SEG_E_TYPE, 1, 1); /* a function result is not a condition */
	CHECK_ERR("lower(name)", SEG_E_TYPE, 1, 1);
	CHECK_ERR("age + 1", SEG_E_TYPE, 1, 1);
	CHECK_ERR("-age", SEG_E_TYPE, 1, 1);
	CHECK_ERR("x and age * 2", SEG_E_TYPE, 1, 7);
	CHECK_ERR("not 5", SEG_E_TYPE, 1, 5);
	CHECK_ERR("days_since(\"2024-13-01\") > 1", SEG_E_TYPE, 1, 12);
	CHECK_ERR("days_since(\"0000-00-00 00:00:00\") > 1", SEG_E_TYPE, 1, 12);
	CHECK_ERR("days_since(true) > 1", SEG_E_TYPE, 1, 12);
	CHECK_ERR("days_since(null) > 1", SEG_E_TYPE, 1, 12);
	CHECK_ERR("month((1, 2)) > 1", SEG_E_TYPE, 1, 7);
	CHECK_ERR("\"abc\" + 1 > 2", SEG_E_TYPE, 1, 1);
	CHECK_ERR("x * true > 2", SEG_E_TYPE, 1, 5);
	CHECK_ERR("-\"abc\" > 1", SEG_E_TYPE, 1, 2);
	CHECK_ERR("x / 0 > 1", SEG_E_TYPE, 1, 5);
	CHECK_ERR("x % 0 > 1", SEG_E_TYPE, 1, 5);
	CHECK_ERR("x / 0.0 > 1", SEG_E_TYPE, 1, 5);
	CHECK_ERR("x / \"0\" > 1", SEG_E_TYPE, 1, 5);
	CHECK_ERR("bucket(id, salt, 2) == 0", SEG_E_TYPE, 1, 12); /* the salt must be a literal */
	CHECK_ERR("bucket(id, 5, 2) == 0", SEG_E_TYPE, 1, 12);
	CHECK_ERR("bucket(id, \"s\", n) == 0", SEG_E_TYPE, 1, 17);
	CHECK_ERR("bucket(id, \"s\", 0) == 0", SEG_E_TYPE, 1, 17);
	CHECK_ERR("bucket(id, \"s\", 1000001) == 0", SEG_E_TYPE, 1, 17);
	CHECK_ERR("bucket(id, \"s\", 2.0) == 0", SEG_E_TYPE, 1, 17);
	CHECK_ERR("bucket((1, 2), \"s\", 2) == 0", SEG_E_TYPE, 1, 8);
	CHECK_ERR("bucket(id, \"s\") == 0", SEG_E_TYPE, 1, 1);
	CHECK_ERR("x in 5", SEG_E_TYPE, 1, 6);
	CHECK_ERR("x in null", SEG_E_TYPE, 1, 6);
	CHECK_ERR("x not in true", SEG_E_TYPE, 1, 10);
	CHECK_ERR("(1, 2) in tags", SEG_E_TYPE, 1, 1);
	CHECK_ERR("null in tags", SEG_E_TYPE, 1, 1);
	CHECK_ERR("tags contains (1, 2)", SEG_E_TYPE, 1, 15);
	CHECK_ERR("tags contains null", SEG_E_TYPE, 1, 15);
	CHECK_ERR("1.5 starts with \"a\"", SEG_E_TYPE, 1, 1);
	CHECK_ERR("x ends with (1, 2)", SEG_E_TYPE, 1, 13);
	CHECK_ERR("x > null", SEG_E_TYPE, 1, 5);
	CHECK_ERR("x <= (1, 2)", SEG_E_TYPE, 1, 6);
	CHECK_ERR("x > true", SEG_E_TYPE, 1, 5);
	CHECK_ERR("x between null and 5", SEG_E_TYPE, 1, 11);
	CHECK_ERR("x between 1 and (2, 3)", SEG_E_TYPE, 1, 17);
	CHECK_ERR("lower(5) == \"a\"", SEG_E_TYPE, 1, 7);
	CHECK_ERR("upper((\"a\", \"b\")) == \"a\"", SEG_E_TYPE, 1, 7);
	CHECK_ERR("abs(\"x\") > 1", SEG_E_TYPE, 1, 5);
	CHECK_ERR("round(1.5, \"a\") > 1", SEG_E_TYPE, 1, 12);
	CHECK_ERR("count(\"x\") > 1", SEG_E_TYPE, 1, 7);
	CHECK_ERR("intersects(\"a\", tags)", SEG_E_TYPE, 1, 12);
	CHECK_ERR("now(1) > 1", SEG_E_TYPE, 1, 1);
	CHECK_ERR("lower(a, b) == \"x\"", SEG_E_TYPE, 1, 1);
	CHECK_ERR("round(1, 2, 3) > 1", SEG_E_TYPE, 1, 1);
	CHECK_ERR("days_between(x) > 1", SEG_E_TYPE, 1, 1);
	CHECK_ERR("coalesce() == 1", SEG_E_TYPE, 1, 1);
	CHECK_ERR("age > 1 and\n  lower(5) == \"a\"", SEG_E_TYPE, 2, 9);
}

SEG_TEST(rules_valid_edge_syntax)
{
	/* Things that look odd but are allowed. */
	RULE_IS("5 starts with 5", 1);
	RULE_IS("x in ()", 0);
	RULE_IS("(((true)))", 1);
	RULE_IS("not not not false", 1);
	RULE_IS("age == +30", 1);
	RULE_IS("age in [30]", 1);
	RULE_IS("age in [30,]", 1);
	RULE_IS("1 in (1, (2, 3))", 1);
	RULE_IS("(2, 3) == (2, 3)", 1);
	RULE_IS("(2, 3) != (3, 2)", 1);
	RULE_IS("tags == (\"a\", \"b\", \"vip\")", 1);
	RULE_IS("tags == [\"a\", \"b\"]", 0);
	RULE_IS("coalesce(nothing, flag)", 1); /* any value works as a condition */
	RULE_IS("max(zero, 0)", 0);
}

/* ======================================================================== */
/* Limits                                                                   */
/* ======================================================================== */

static char *repeat(const char *head, const char *unit, size_t n, const char *tail)
{
	size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
	char *s = malloc(hl + ul * n + tl + 1);
	memcpy(s, head, hl);
	for (size_t i = 0; i < n; i++) memcpy(s + hl + i * ul, unit, ul);
	memcpy(s + hl + ul * n, tail, tl + 1);
	return s;
}

/* n '(' + inner + n ')' */
static char *nest(size_t n, const char *inner)
{
	size_t il = strlen(inner);
	char *s = malloc(2 * n + il + 1);
	memset(s, '(', n);
	memcpy(s + n, inner, il);
	memset(s + n + il, ')', n);
	s[2 * n + il] = '\0';
	return s;
}

SEG_TEST(rules_limit_nesting)
{
	char *r = nest(100, "x > 1");
	CHECK_ERR(r, SEG_E_LIMIT, 0, 0);
	free(r);
	r = nest(10000, "x > 1");
	CHECK_ERR(r, SEG_E_LIMIT, 0, 0);
	free(r);
	r = nest(20, "age > 1");
	RULE_IS(r, 1);
	free(r);
	r = repeat("", "not ", 500, "x");
	CHECK_ERR(r, SEG_E_LIMIT, 0, 0);
	free(r);
	r = repeat("", "!", 5000, "x");
	CHECK_ERR(r, SEG_E_LIMIT, 0, 0);
	free(r);
	r = repeat("", "-", 5000, "x > 1");
	CHECK_ERR(r, SEG_E_LIMIT, 0, 0);
	free(r);
	r = repeat("x in ", "[", 3000, "");
	CHECK(r != NULL);
	CHECK_ERR(r, SEG_E_LIMIT, 0, 0);
	free(r);
	r = repeat("", "abs(", 1000, "x");
	CHECK_ERR(r, SEG_E_LIMIT, 0, 0);
	free(r);
	r = repeat("", "not ", 10, "age > 1");
	RULE_IS(r, 1);
	free(r);

	/* A host may lower the depth. */
	seg_limits lim = {0, 4};
	seg_rule_def d = def("r", "((((((a > 1))))))", 0, true);
	seg_ruleset *rs = NULL;
	seg_error err;
	CHECK_EQ_INT(seg_ruleset_compile(&d, 1, &lim, &rs, &err), SEG_E_LIMIT);
	CHECK(rs == NULL);
	d = def("r", "a > 1", 0, true);
	CHECK_EQ_INT(seg_ruleset_compile(&d, 1, &lim, &rs, &err), SEG_OK);
	seg_ruleset_free(rs);
}

SEG_TEST(rules_limit_length)
{
	/* 70000 bytes is over the default 65536. */
	char *r = repeat("age > 1", " ", 70000 - 7, "");
	CHECK_EQ_UINT(strlen(r), 70000);
	CHECK_ERR(r, SEG_E_LIMIT, 1, 1);
	free(r);
	/* Exactly the limit is fine. */
	r = repeat("age > 1", " ", SEG_DEFAULT_MAX_RULE_LEN - 7, "");
	RULE_IS(r, 1);
	free(r);
	r = repeat("age > 1", " ", SEG_DEFAULT_MAX_RULE_LEN - 6, "");
	CHECK_ERR(r, SEG_E_LIMIT, 1, 1);
	free(r);
	/* A host may lower it. */
	seg_limits lim = {8, 0};
	seg_rule_def d = def("r", "age > 100", 0, true);
	seg_ruleset *rs = NULL;
	seg_error err;
	CHECK_EQ_INT(seg_ruleset_compile(&d, 1, &lim, &rs, &err), SEG_E_LIMIT);
	d = def("r", "age > 10", 0, true);
	CHECK_EQ_INT(seg_ruleset_compile(&d, 1, &lim, &rs, &err), SEG_OK);
	seg_ruleset_free(rs);
}

/* Compiles a rule that may legitimately hit a limit; if it compiles, it
 * must evaluate to `expected`. */
static void compiles_or_limit_at(const char *file, int line, const char *rule, int expected)
{
	seg_error err;
	seg_ruleset *rs = compile1(rule, &err);
	if (!rs) {
		if (err.status != SEG_E_LIMIT)
			seg_test_fail(file, line, "long rule: status %s (%s), expected ok or limit", seg_status_name(err.status),
			              err.message);
		return;
	}
	seg_ruleset_free(rs);
	rule_is_at(file, line, rule, C, NELEM(C), NOW, TZ, expected);
}

SEG_TEST(rules_limit_long_chains)
{
	/* 5000-term sums: either compiled and right, or a clean limit error. */
	char *r = repeat("1", "+1", 4999, " == 5000");
	compiles_or_limit_at(__FILE__, __LINE__, r, 1);
	free(r);
	r = repeat("age", " + age", 4999, " == 150000");
	compiles_or_limit_at(__FILE__, __LINE__, r, 1);
	free(r);
	r = repeat("age", " * 1 - 0", 5000, " == 30");
	compiles_or_limit_at(__FILE__, __LINE__, r, 1);
	free(r);
	r = repeat("0", " - -1", 5000, " == 5000");
	compiles_or_limit_at(__FILE__, __LINE__, r, 1);
	free(r);
	/* Long and/or chains are flat: they compile. */
	r = repeat("age == 1", " or age == 1", 4000, " or age == 30");
	RULE_IS(r, 1);
	free(r);
	r = repeat("age > 1", " and age > 1", 4000, " and age > 40");
	RULE_IS(r, 0);
	free(r);
	r = repeat("age > 1", " && age < 31 || vip", 3000, "");
	RULE_IS(r, 1);
	free(r);
}

SEG_TEST(rules_limit_list_items_and_arguments)
{
	char *r = repeat("age in (0", ", 1", 4095, ")"); /* 4096 items */
	RULE_IS(r, 0);
	free(r);
	r = repeat("age in (0", ", 1", 4096, ", 30)"); /* 4098 items */
	CHECK_ERR(r, SEG_E_LIMIT, 0, 0);
	free(r);
	/* Run-time lists are built on the evaluation stack and arena. */
	r = repeat("age in (orders", ", orders", 1000, ", age)");
	RULE_IS(r, 1);
	free(r);
	r = repeat("coalesce(nothing", ", nothing", 14, ", 1) == 1"); /* 16 arguments */
	RULE_IS(r, 1);
	free(r);
	r = repeat("coalesce(nothing", ", nothing", 15, ", 1) == 1"); /* 17 arguments */
	CHECK_ERR(r, SEG_E_LIMIT, 0, 0);
	free(r);
	r = repeat("x == \"a\"", " or x == \"a\"", 5000, "");
	CHECK(strlen(r) < SEG_DEFAULT_MAX_RULE_LEN);
	compiles_or_limit_at(__FILE__, __LINE__, r, 0);
	free(r);
}

SEG_TEST(rules_limit_many_rules)
{
	seg_rule_def d = def("r", "true", 0, true);
	seg_ruleset *rs = (seg_ruleset *)1;
	seg_error err;
	/* The count is checked before the definitions are read. */
	CHECK_EQ_INT(seg_ruleset_compile(&d, SEG_MAX_RULES + 1, NULL, &rs, &err), SEG_E_LIMIT);
	CHECK(rs == NULL);
}

/* ======================================================================== */
/* Evaluation's contract with the host                                      */
/* ======================================================================== */

static const char *const TYPICAL[] = {
	"age >= 18 and country in (\"FR\", \"BE\", \"CH\")",
	"days_since(created) <= 90 and orders > 3",
	"\"vip\" in tags or total >= 500",
	"lower(email) ends with \"@gmail.com\"",
	"cart.total between 50 and 200 and not vip",
	"email contains \"@\" and name starts with \"A\"",
	"bucket(id, \"ab-2024\", 2) == 1",
	"weekday() in (6, 7) and hour() between 8 and 20",
	"coalesce(nothing, orders) * 2 > 10 and length(name) > 2",
	"intersects(tags, [\"a\", \"z\"]) and age in (orders, 30)",
	"country == \"FR\" and numstr > 9 and signup < created",
	"round(total) == 100 or max(ids) > 2",
};

static seg_ruleset *compile_typical(void)
{
	seg_rule_def defs[NELEM(TYPICAL)];
	char codes[NELEM(TYPICAL)][8];
	for (size_t i = 0; i < NELEM(TYPICAL); i++) {
		snprintf(codes[i], sizeof codes[i], "t%zu", i);
		defs[i] = def(codes[i], TYPICAL[i], (int64_t)(i % 3), true);
	}
	seg_ruleset *rs = NULL;
	seg_error err;
	if (seg_ruleset_compile(defs, NELEM(defs), NULL, &rs, &err) != SEG_OK) {
		fprintf(stderr, "typical set: %s (rule %d)\n", err.message, err.rule_index);
		return NULL;
	}
	return rs;
}

SEG_TEST(rules_evaluation_does_not_touch_the_heap)
{
	seg_ruleset *rs = compile_typical();
	REQUIRE(rs != NULL);
	evalctx *x = malloc(sizeof *x);
	uint32_t out[NELEM(TYPICAL)];
	size_t nout = 0;
	seg_error err;

	ctx_init(x, rs, C, NELEM(C), NOW, TZ);
	CHECK_EQ_INT(seg_ruleset_match(rs, &x->env, out, &nout, 0, &err), SEG_OK);
	CHECK(nout > 0);
	CHECK_EQ_UINT(x->arena.spilled, 0);
	CHECK(x->arena.chunks == NULL);
	ctx_free(x);

	/* Each rule on its own, in one environment. */
	ctx_init(x, rs, C, NELEM(C), NOW, TZ);
	for (size_t i = 0; i < seg_ruleset_count(rs); i++) {
		bool r;
		CHECK_EQ_INT(seg_ruleset_eval(rs, i, &x->env, &r, &err), SEG_OK);
	}
	CHECK_EQ_UINT(x->arena.spilled, 0);
	ctx_free(x);

	/* Many customers with one reset arena. */
	ctx_init(x, rs, C, NELEM(C), NOW, TZ);
	for (int k = 0; k < 100; k++) {
		seg_arena_reset(&x->arena);
		seg_env_init(&x->env, rs, x->slots, &x->arena, resolve, &x->cust);
		seg_env_set_clock(&x->env, NOW, TZ);
		CHECK_EQ_INT(seg_ruleset_match(rs, &x->env, out, &nout, 0, &err), SEG_OK);
	}
	CHECK_EQ_UINT(x->arena.spilled, 0);
	ctx_free(x);
	free(x);
	seg_ruleset_free(rs);
}

SEG_TEST(rules_typical_set_results)
{
	seg_ruleset *rs = compile_typical();
	REQUIRE(rs != NULL);
	/* Every rule of the typical set matches customer C except t6 (bucket:
	 * checked against the reference) and t7 (Saturday 14:00: matches). */
	for (size_t pos = 0; pos < seg_ruleset_count(rs); pos++) {
		uint32_t i = seg_ruleset_def_index(rs, pos);
		bool want = true;
		if (i == 6) want = ref_bucket("ab-2024", "42", 2) == 1;
		if (eval_for(rs, pos, C, NELEM(C)) != want)
			seg_test_fail(__FILE__, __LINE__, "typical rule %u `%s` should be %s", i, TYPICAL[i], want ? "true" : "false");
	}
	seg_ruleset_free(rs);
}

SEG_TEST(rules_small_arena_spills_and_frees)
{
	/* Run-time lists, a deep stack and lower() with an arena of 16 bytes:
	 * evaluation spills to the heap, gives the same answers, and
	 * seg_arena_free releases everything (ASan checks for leaks). */
	char *r = repeat("lower(name) == \"alice\" and age in (orders", ", orders", 200, ", age)");
	seg_rule_def defs[] = {def("a", r, 0, true), def("b", "upper(email) contains \"GMAIL\"", 0, true)};
	seg_ruleset *rs;
	seg_error err;
	REQUIRE(seg_ruleset_compile(defs, 2, NULL, &rs, &err) == SEG_OK);
	cust c;
	cust_init(&c, rs, C, NELEM(C));
	seg_value slots[MAX_SLOTS];
	char tiny[16];
	seg_arena a;
	seg_arena_init(&a, tiny, sizeof tiny);
	seg_env env;
	seg_env_init(&env, rs, slots, &a, resolve, &c);
	seg_env_set_clock(&env, NOW, TZ);
	uint32_t out[2];
	size_t nout = 0;
	CHECK_EQ_INT(seg_ruleset_match(rs, &env, out, &nout, 0, &err), SEG_OK);
	CHECK_EQ_UINT(nout, 2);
	CHECK(a.spilled > 0);
	seg_arena_free(&a);

	/* No buffer at all. */
	seg_arena_init(&a, NULL, 0);
	seg_env_init(&env, rs, slots, &a, resolve, &c);
	seg_env_set_clock(&env, NOW, TZ);
	CHECK_EQ_INT(seg_ruleset_match(rs, &env, out, &nout, 0, &err), SEG_OK);
	CHECK_EQ_UINT(nout, 2);
	seg_arena_free(&a);
	seg_ruleset_free(rs);
	free(r);
}

SEG_TEST(rules_resolver_called_at_most_once_per_slot)
{
	seg_ruleset *rs = compile_typical();
	REQUIRE(rs != NULL);
	size_t nslots = seg_ruleset_slot_count(rs);
	REQUIRE(nslots <= MAX_SLOTS);
	evalctx *x = malloc(sizeof *x);
	uint32_t out[NELEM(TYPICAL)];
	size_t nout;
	seg_error err;

	ctx_init(x, rs, C, NELEM(C), NOW, TZ);
	CHECK_EQ_INT(seg_ruleset_match(rs, &x->env, out, &nout, 0, &err), SEG_OK);
	for (size_t s = 0; s < nslots; s++) CHECK(x->cust.calls[s] <= 1);
	/* Everything again in the same environment: no new calls. */
	unsigned before = x->cust.total_calls;
	CHECK(before > 0 && before <= nslots);
	CHECK_EQ_INT(seg_ruleset_match(rs, &x->env, out, &nout, 0, &err), SEG_OK);
	for (size_t i = 0; i < seg_ruleset_count(rs); i++) {
		bool r;
		recorder *rec = calloc(1, sizeof *rec);
		CHECK_EQ_INT(seg_ruleset_eval(rs, i, &x->env, &r, &err), SEG_OK);
		CHECK_EQ_INT(seg_ruleset_explain(rs, i, &x->env, record, rec, &err), SEG_OK);
		free(rec);
	}
	for (size_t s = 0; s < nslots; s++) CHECK(x->cust.calls[s] <= 1);
	ctx_free(x);

	/* A fresh environment reads again. */
	ctx_init(x, rs, C, NELEM(C), NOW, TZ);
	CHECK_EQ_INT(seg_ruleset_match(rs, &x->env, out, &nout, 0, &err), SEG_OK);
	CHECK_EQ_UINT(x->cust.total_calls, before);
	ctx_free(x);

	/* One attribute read by many rules and many times in one rule. */
	seg_rule_def defs[] = {
		def("a", "age > 1 and age < 100 and age != 5 and age in (age, 1)", 0, true),
		def("b", "age + age + age > 0 or age is null", 0, true),
		def("c", "min(age, age) == age", 0, true),
	};
	seg_ruleset *rs2;
	REQUIRE(seg_ruleset_compile(defs, 3, NULL, &rs2, &err) == SEG_OK);
	CHECK_EQ_UINT(seg_ruleset_slot_count(rs2), 1);
	ctx_init(x, rs2, C, NELEM(C), NOW, TZ);
	uint32_t out2[3];
	CHECK_EQ_INT(seg_ruleset_match(rs2, &x->env, out2, &nout, 0, &err), SEG_OK);
	CHECK_EQ_UINT(nout, 3);
	CHECK_EQ_UINT(x->cust.calls[0], 1);
	ctx_free(x);

	/* Short-circuit: attributes a rule does not need are not read. */
	seg_rule_def lazy = def("l", "age > 100 and country == \"FR\"", 0, true);
	seg_ruleset *rs3;
	REQUIRE(seg_ruleset_compile(&lazy, 1, NULL, &rs3, &err) == SEG_OK);
	ctx_init(x, rs3, C, NELEM(C), NOW, TZ);
	CHECK_EQ_INT(seg_ruleset_match(rs3, &x->env, out2, &nout, 0, &err), SEG_OK);
	CHECK_EQ_UINT(x->cust.total_calls, 1);
	ctx_free(x);

	free(x);
	seg_ruleset_free(rs3);
	seg_ruleset_free(rs2);
	seg_ruleset_free(rs);
}

SEG_TEST(rules_resolver_errors_abort_evaluation)
{
	seg_rule_def defs[] = {def("a", "age > 1", 2, true), def("b", "country == \"FR\"", 1, true), def("c", "true", 0, true)};
	seg_ruleset *rs;
	seg_error err;
	REQUIRE(seg_ruleset_compile(defs, 3, NULL, &rs, &err) == SEG_OK);
	evalctx *x = malloc(sizeof *x);
	uint32_t out[3];
	size_t nout = 99;
	ctx_init(x, rs, C, NELEM(C), NOW, TZ);
	x->cust.fail_path = "country";
	CHECK_EQ_INT(seg_ruleset_match(rs, &x->env, out, &nout, 0, &err), SEG_E_ATTRIBUTE);
	CHECK_EQ_INT(err.status, SEG_E_ATTRIBUTE);
	CHECK_STR(err.attribute, "country");
	CHECK(nout <= 1); /* "a" may have been recorded before the failure */
	bool r = false;
	CHECK_EQ_INT(seg_ruleset_eval(rs, 0, &x->env, &r, &err), SEG_OK);
	CHECK(r);
	CHECK_EQ_INT(seg_ruleset_eval(rs, 1, &x->env, &r, &err), SEG_E_ATTRIBUTE);
	CHECK_EQ_INT(seg_ruleset_eval(rs, 2, &x->env, &r, &err), SEG_OK);
	ctx_free(x);
	free(x);
	seg_ruleset_free(rs);
}

/* A host that converts attributes into the arena (the PHP glue does that
 * for arrays). */
static seg_status resolve_into_arena(void *ud, uint32_t slot, seg_value *out, seg_arena *arena, seg_error *err)
{
	(void)ud;
	(void)slot;
	(void)err;
	seg_value *items = seg_arena_alloc(arena, sizeof(seg_value) * 3);
	char *s = seg_arena_alloc(arena, 3);
	if (!items || !s) return SEG_E_NOMEM;
	memcpy(s, "vip", 3);
	items[0] = seg_int(1);
	items[1] = seg_string(s, 3);
	items[2] = seg_null();
	*out = seg_list(items, 3);
	return SEG_OK;
}

SEG_TEST(rules_resolver_may_use_the_arena)
{
	seg_rule_def d = def("a", "\"vip\" in tags and count(tags) == 3 and 1 in tags and max(tags) == 1", 0, true);
	seg_ruleset *rs;
	seg_error err;
	REQUIRE(seg_ruleset_compile(&d, 1, NULL, &rs, &err) == SEG_OK);
	seg_value slots[4];
	char buf[512];
	seg_arena a;
	seg_arena_init(&a, buf, sizeof buf);
	seg_env env;
	seg_env_init(&env, rs, slots, &a, resolve_into_arena, NULL);
	bool r = false;
	CHECK_EQ_INT(seg_ruleset_eval(rs, 0, &env, &r, &err), SEG_OK);
	/* max() of 1 and "vip": incomparable, so null, so == 1 is false */
	CHECK(!r);
	CHECK_EQ_UINT(a.spilled, 0);
	seg_arena_free(&a);
	seg_ruleset_free(rs);
}

static unsigned g_clock_calls;

static void counting_clock(void *ud, int64_t *now, int32_t *tz)
{
	(void)ud;
	g_clock_calls++;
	*now = NOW;
	*tz = TZ;
}

SEG_TEST(rules_clock_callback)
{
	seg_rule_def defs[] = {
		def("a", "hour() == 14 and weekday() == 6 and days_since(created) == 45", 0, true),
		def("b", "now() > signup", 0, true),
		def("c", "age > 1", 0, true),
	};
	seg_ruleset *rs;
	seg_error err;
	REQUIRE(seg_ruleset_compile(defs, 3, NULL, &rs, &err) == SEG_OK);
	evalctx *x = malloc(sizeof *x);
	cust_init(&x->cust, rs, C, NELEM(C));
	seg_arena_init(&x->arena, x->buf, sizeof x->buf);
	seg_env_init(&x->env, rs, x->slots, &x->arena, resolve, &x->cust);
	x->env.clock = counting_clock;
	g_clock_calls = 0;
	bool r = false;
	CHECK_EQ_INT(seg_ruleset_eval(rs, 2, &x->env, &r, &err), SEG_OK);
	CHECK(r);
	CHECK_EQ_UINT(g_clock_calls, 0); /* no time, no clock */
	CHECK_EQ_INT(seg_ruleset_eval(rs, 0, &x->env, &r, &err), SEG_OK);
	CHECK(r);
	CHECK_EQ_INT(seg_ruleset_eval(rs, 1, &x->env, &r, &err), SEG_OK);
	CHECK(r);
	CHECK_EQ_UINT(g_clock_calls, 1); /* once per environment */
	ctx_free(x);
	free(x);
	seg_ruleset_free(rs);
}

/* ======================================================================== */
/* Specialised instructions agree with the generic ones                     */
/* ======================================================================== */

/* Evaluates one rule for a customer whose only attribute is x = v; -1 when
 * it does not compile. */
static int eval_x(const char *rule, seg_value v)
{
	seg_error err;
	seg_ruleset *rs = compile1(rule, &err);
	if (!rs) return -1;
	attr a[1] = {{"x", v}};
	int r = eval_for(rs, 0, a, 1);
	seg_ruleset_free(rs);
	return r;
}

/*
 * `x == "abc"`, `x < 5`, `x in ("a", "b")` compile to fused instructions
 * specialised on the constant; wrapping the operands in coalesce() forces
 * the generic path.  Both must give the same answer for every value.
 */
SEG_TEST(rules_fused_compares_match_generic_ones)
{
	static const seg_value L2[] = {V_STR("a"), V_INT(5)};
	const seg_value vals[] = {
		seg_null(), seg_bool(true), seg_bool(false), seg_int(5), seg_int(-5), seg_int(0), seg_int(INT64_MAX),
		seg_float(5.0), seg_float(-0.0), seg_float(NAN), seg_float(INFINITY), seg_float(1.5),
		seg_string("5", 1), seg_string("5.0", 3), seg_string(" 5", 2), seg_string("abc", 3), seg_string("", 0),
		seg_string("1e3", 3), seg_string("2024-01-01", 10), seg_string("a", 1), seg_date(0),
		seg_date(INT64_C(1704067200)), seg_list(L2, 2), seg_list(L2, 0),
		/* 4 to 7 and 8 to 16 bytes: str_eq() compares them from both ends */
		seg_string("abcd", 4), seg_string("abce", 4), seg_string("xbcd", 4), seg_string("abcdefghi", 9),
		seg_string("abcdefghj", 9), seg_string("xbcdefghi", 9), seg_string("abcdxfghi", 9),
	};
	const char *consts[] = {"5", "5.0", "-0.0", "0", "\"5\"", "\"abc\"", "\"\"", "\"2024-01-01\"", "\"1e3\"",
	                        "true", "1.5", "9223372036854775807", "\"a\"", "1704067200", "\"2024-01-01T02:00:00+02:00\"",
	                        "\"abcd\"", "\"abcdefghi\""};
	const char *ops[] = {"==", "!=", "<", "<=", ">", ">="};
	const char *mirror[] = {"==", "!=", ">", ">=", "<", "<="};
	unsigned checked = 0;
	for (size_t o = 0; o < NELEM(ops); o++)
		for (size_t k = 0; k < NELEM(consts); k++)
			for (size_t i = 0; i < NELEM(vals); i++) {
				char fused[128], generic[128], mirrored[128];
				snprintf(fused, sizeof fused, "x %s %s", ops[o], consts[k]);
				snprintf(generic, sizeof generic, "coalesce(x) %s coalesce(%s)", ops[o], consts[k]);
				snprintf(mirrored, sizeof mirrored, "%s %s x", consts[k], mirror[o]);
				int f = eval_x(fused, vals[i]), g = eval_x(generic, vals[i]), m = eval_x(mirrored, vals[i]);
				if (f < 0) continue; /* e.g. ordering against true is a type error */
				checked++;
				if (f != g || f != m)
					seg_test_fail(__FILE__, __LINE__, "value #%zu: `%s` is %d, `%s` is %d, `%s` is %d", i, fused, f,
					              generic, g, mirrored, m);
			}
	CHECK(checked > 1000);

	/* `in` with plain-string lists, mixed lists, and run-time lists. */
	/* The same lists in brackets: inside a call, ("a") would be a string. */
	const char *lists[] = {"\"a\", \"abc\"", "\"5\", \"b\"", "5, \"a\"", "\"\"", "",
	                       "1704067200, \"x\"", "5.0", "1, 5", "null, 5", "0, -5, 9223372036854775807", "null",
	                       "true, 0"};
	for (size_t l = 0; l < NELEM(lists); l++)
		for (size_t i = 0; i < NELEM(vals); i++)
			for (int neg = 0; neg < 2; neg++) {
				char fused[128], generic[128];
				snprintf(fused, sizeof fused, "x %sin (%s)", neg ? "not " : "", lists[l]);
				snprintf(generic, sizeof generic, "coalesce(x) %sin coalesce([%s])", neg ? "not " : "", lists[l]);
				int f = eval_x(fused, vals[i]), g = eval_x(generic, vals[i]);
				if (f != g)
					seg_test_fail(__FILE__, __LINE__, "value #%zu: `%s` is %d but `%s` is %d", i, fused, f, generic, g);
			}
}

/* String equality of every length class against known answers (the
 * generic compare above shares str_eq(), so it cannot catch a false "equal"). */
SEG_TEST(rules_string_equality_by_length)
{
	static const char *const base[] = {"", "a", "ab", "abc", "abcd", "abcde", "abcdefg", "abcdefgh", "abcdefghi",
	                                   "abcdefghijklmnop", "abcdefghijklmnopq", "abcdefghijklmnopqrstuvwxyz0123456789"};
	unsigned checked = 0;
	for (size_t i = 0; i < NELEM(base); i++) {
		size_t n = strlen(base[i]);
		char rule[128];
		snprintf(rule, sizeof rule, "x == \"%s\"", base[i]);
		CHECK_EQ_INT(eval_x(rule, seg_string(base[i], n)), 1);
		/* one byte changed at every position: never equal */
		for (size_t p = 0; p < n; p++) {
			char other[64];
			memcpy(other, base[i], n);
			other[p] = 'Z';
			CHECK_EQ_INT(eval_x(rule, seg_string(other, n)), 0);
			checked++;
		}
		if (n) CHECK_EQ_INT(eval_x(rule, seg_string(base[i], n - 1)), 0);
	}
	CHECK(checked > 100);
}

/* ======================================================================== */
/* Regressions: bugs found while writing these tests                        */
/* ======================================================================== */

/*
 * Runs a RULE_IS check in a child process, so that undefined behaviour,
 * which the SAN=1 build turns into an abort, fails this one test and not
 * the whole run.
 */
static void rule_is_isolated_at(const char *file, int line, const char *rule, const attr *attrs, size_t n,
                                int64_t now, int32_t tz, int expected)
{
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		rule_is_at(file, line, rule, attrs, n, now, tz, expected);
		return;
	}
	if (pid == 0) {
		int got = run_rule_at(file, line, rule, attrs, n, now, tz);
		if (got >= 0 && got != expected)
			fprintf(stderr, "%s:%d: rule `%s`: got %s, expected %s\n", file, line, rule, got ? "true" : "false",
			        expected ? "true" : "false");
		fflush(stderr);
		_exit(got == expected ? 0 : 1);
	}
	int status = 0;
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		seg_test_fail(file, line, "rule `%s` %s", rule,
		              WIFEXITED(status) ? "failed (see above)" : "crashed (see the sanitizer report above)");
}

#define RULE_ISOLATED(attrs, tz, rule, expected) \
	rule_is_isolated_at(__FILE__, __LINE__, (rule), (attrs), NELEM(attrs), NOW, (tz), (expected))

/*
 * Date functions once overflowed int64 for timestamps near its limits
 * (days_since: now - ts; days_between: t2 - t1; local fields: ts + offset
 * and local - days * 86400): undefined behaviour, wrong-signed results in
 * practice.  A host may well pass PHP_INT_MIN/PHP_INT_MAX as a "date".
 * Expected: null (not a usable date) or the correctly signed result.
 */
SEG_TEST(rules_regress_date_functions_at_int64_limits)
{
	static const attr X[] = {
		{"i_min", V_INT(INT64_MIN)}, {"i_max", V_INT(INT64_MAX)},
		{"d_min", V_DATE(INT64_MIN)}, {"d_max", V_DATE(INT64_MAX)},
	};
	RULE_ISOLATED(X, TZ, "days_since(i_min) is null or days_since(i_min) > 0", 1);
	RULE_ISOLATED(X, TZ, "days_since(-9223372036854775807 - 1) is null or days_since(-9223372036854775807 - 1) > 0", 1);
	RULE_ISOLATED(X, TZ, "days_since(d_max) is null or days_since(d_max) < 0", 1);
	RULE_ISOLATED(X, TZ, "days_between(i_min, i_max) is null or days_between(i_min, i_max) > 0", 1);
	RULE_ISOLATED(X, TZ, "days_between(d_max, d_min) is null or days_between(d_max, d_min) < 0", 1);
	RULE_ISOLATED(X, 7200, "year(i_max) is null or year(i_max) > 1970", 1);
	RULE_ISOLATED(X, 7200, "years_since(d_max) is null or years_since(d_max) < 0", 1);
	RULE_ISOLATED(X, -7200, "year(d_min) is null or year(d_min) < 1970", 1);
	RULE_ISOLATED(X, 0, "hour(d_min) is null or hour(d_min) between 0 and 23", 1);
	RULE_ISOLATED(X, 0, "weekday(i_min) is null or weekday(i_min) between 1 and 7", 1);
}

/*
 * The lexer once reserved the rest of the source for every string literal,
 * so a 65 KB rule of `x=="" or ` terms needed about 250 MB to compile (or
 * explain, or validate).  Expected: memory linear in the source.
 */
SEG_TEST(rules_regress_lexer_memory_is_linear)
{
	char *src = repeat("", "\"a\" ", 2000, "");
	size_t len = strlen(src);
	seg_arena a;
	seg_arena_init(&a, NULL, 0);
	a.limit = 16 * len + 4096; /* generous: decoded strings are 2000 bytes */
	seg_lexer lx;
	seg_lex_init(&lx, src, len, &a);
	seg_token t;
	seg_error err;
	seg_status st;
	size_t nstr = 0;
	while ((st = seg_lex_next(&lx, &t, &err)) == SEG_OK && t.kind != SEG_TK_EOF) nstr += t.kind == SEG_TK_STRING;
	CHECK_EQ_INT(st, SEG_OK);
	CHECK_EQ_UINT(nstr, 2000);
	seg_arena_free(&a);
	free(src);
}

/*
 * round(x, places) once computed round(x * 10^places) / 10^places, which
 * rounds the binary value: round(1.005, 2) gave 1.00.  PHP pre-rounds and
 * gives the decimal answer; the expected values are php 8.2's.
 */
SEG_TEST(rules_regress_round_places_like_php)
{
	CHECK_VAL_FLOAT("round(1.005, 2)", 1.01);
	CHECK_VAL_FLOAT("round(2.675, 2)", 2.68);
	CHECK_VAL_FLOAT("round(71.335, 2)", 71.34);
	CHECK_VAL_FLOAT("round(64.3085, 3)", 64.309);
	CHECK_VAL_FLOAT("round(-1.005, 2)", -1.01);
	RULE_IS("round(1.005, 2) == 1.01", 1);
}

/*
 * validate() once reported a parenthesised attribute at its '(': for
 * `(age) > 1`, age at 1:1 instead of 1:2 (the parser moved a grouped
 * node's position to the parenthesis along with its explain() text).
 */
SEG_TEST(rules_regress_validate_position_of_parenthesised_path)
{
	seen_paths s;
	seg_error err;
	CHECK_EQ_INT(validate("(age) > 1 and ((name)) == \"x\"", &s, &err), SEG_OK);
	CHECK_EQ_UINT(s.n, 2);
	CHECK_PATH(s, 0, "age", 1, 2);
	CHECK_PATH(s, 1, "name", 1, 17);
}

/*
 * BUG: explain() on an environment that already explained another rule can
 * answer with the other rule's date.  arg_date() (seg_func.c:42-56) memoises
 * parsed date strings in the env by their address; explain() compiles each
 * node into a temporary arena (seg_ruleset.c:380) freed when it returns, so
 * the next explain() reuses those addresses for its own literals and hits
 * the stale entries.  Seen with glibc malloc (ASan's quarantine hides it).
 * Expected: every explain() of a true rule says true.
 */
SEG_TEST(rules_regress_explain_twice_on_one_env)
{
	seg_rule_def defs[] = {
		def("a", "days_since(\"2024-06-10\") == 5", 0, true),
		def("b", "days_since(\"2024-06-06\") == 9", 0, true),
	};
	seg_ruleset *rs;
	seg_error err;
	REQUIRE(seg_ruleset_compile(defs, 2, NULL, &rs, &err) == SEG_OK);
	evalctx *x = malloc(sizeof *x);
	ctx_init(x, rs, C, NELEM(C), NOW, 0);
	unsigned wrong = 0;
	for (int i = 0; i < 20; i++) {
		recorder *rec = calloc(1, sizeof *rec);
		CHECK_EQ_INT(seg_ruleset_explain(rs, (size_t)(i % 2), &x->env, record, rec, &err), SEG_OK);
		if (rec->n == 0 || !rec->nodes[rec->n - 1].result) wrong++;
		free(rec);
	}
	CHECK_EQ_UINT(wrong, 0);
	/* eval() in the same environment agrees. */
	bool r = false;
	CHECK_EQ_INT(seg_ruleset_eval(rs, 1, &x->env, &r, &err), SEG_OK);
	CHECK(r);
	ctx_free(x);
	free(x);
	seg_ruleset_free(rs);
}

/*
 * BUG: the evaluation stack is sized for the sum, not the maximum, of
 * conditions that compute a value and jump on its truth (JUMP_IF): gen_jump
 * emits JUMP_IF with a stack delta of 0 although it pops
 * (seg_compile.c:699).  Every such condition adds a slot to max_stack; past
 * 64 the VM takes the stack from the arena, and a rule of 300 conditions
 * like `intersects(...)`, `a == b` or `coalesce(x)` needs 4.8 KB, spilling
 * to the heap although two slots would do.
 * Expected: the typical arena buffer is enough; nothing spills.
 */
SEG_TEST(rules_regress_stack_sized_by_need)
{
	char *r = repeat("coalesce(flag)", " and coalesce(flag)", 299, "");
	char *r2 = repeat("age == orders * 3", " and age == orders * 3", 299, "");
	seg_rule_def defs[] = {def("a", r, 0, true), def("b", r2, 0, true)};
	seg_ruleset *rs;
	seg_error err;
	REQUIRE(seg_ruleset_compile(defs, 2, NULL, &rs, &err) == SEG_OK);
	evalctx *x = malloc(sizeof *x);
	for (size_t pos = 0; pos < 2; pos++) {
		ctx_init(x, rs, C, NELEM(C), NOW, TZ);
		bool res = false;
		CHECK_EQ_INT(seg_ruleset_eval(rs, pos, &x->env, &res, &err), SEG_OK);
		CHECK(res);
		CHECK_EQ_UINT(x->arena.spilled, 0);
		ctx_free(x);
	}
	free(x);
	seg_ruleset_free(rs);
	free(r);
	free(r2);
}

/*
 * BUG: a date outside years 0000-9999 is not equal to itself.  Since dates
 * are limited to that range, seg_value_compare's date branch
 * (seg_value.c:310-313) asks seg_value_as_date, which now refuses such a
 * timestamp, so date vs date is "incomparable": `d == d` is false and
 * `d != d` true.  seg_value.h says such a timestamp "is not a date but a
 * number"; as numbers they would compare.  Found by fuzz_values
 * (equals(x, x) for seg_date of raw input bytes).
 */
SEG_TEST(rules_regress_out_of_range_date_equals_itself)
{
	seg_value d = seg_date(INT64_C(253402300800)); /* 10000-01-01 */
	CHECK(seg_value_equals(&d, &d, 0));
	CHECK_EQ_INT(seg_value_compare(&d, &d, 0), 0);
	seg_value lo = seg_date(SEG_DATE_MIN - 1), hi = seg_date(INT64_MAX);
	CHECK_EQ_INT(seg_value_compare(&lo, &hi, 0), -1);
	static const attr D[] = {{"d", V_DATE(INT64_MAX)}, {"e", V_DATE(INT64_MAX)}};
	RULE_FOR(D, "d == e", 1);
	RULE_FOR(D, "d != e", 0);
}

/*
 * BUG (since 318a69b): `x contains y` reads an integer x as its
 * decimal text (seg_vm.c:157 seg_op_contains), but `y in x` does not
 * (seg_vm.c:140 seg_op_in only searches strings and lists).  The condition compiler
 * rewrites `"lit" in path` as TEST_CONTAINS (seg_compile.c:690, "the
 * constant is the needle") while the value compiler keeps IN, so for
 * age = 30 the rule `3 in age` is true but `coalesce(3 in age)` (or the
 * same test inside a value) is false.  Found by fuzz_rules (condition vs
 * value).  Expected: one answer; `x contains y` and `y in x` are the same
 * test.
 */
SEG_TEST(rules_regress_in_and_contains_agree_on_ints)
{
	RULE_IS("3 in age", 1); /* also checks coalesce(3 in age) */
	RULE_IS("\"3\" in age", 1);
	RULE_IS("4 in age", 0);
	RULE_IS("(3 in age) == (age contains 3)", 1);
	RULE_IS("(\"0\" in age) == true", 1);
}
