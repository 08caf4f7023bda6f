/*
 * seg_vm.c - the stack machine that evaluates compiled rules.
 *
 * Hot path: no allocation (lists built at run time and function results
 * that need memory use env->arena, which the host backs with its stack),
 * no recursion, every attribute read at most once per customer.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "seg_ast.h"
#include "seg_func.h"
#include "seg_prog.h"

void seg_env_init(seg_env *env, const seg_ruleset *rs, seg_value *slots, seg_arena *arena,
                  seg_resolve_fn resolve, void *ud)
{
	size_t n = rs ? seg_ruleset_slot_count(rs) : 0;
	for (size_t i = 0; i < n; i++) slots[i].type = SEG_SLOT_UNLOADED;
	env->resolve = resolve;
	env->ud = ud;
	env->clock = NULL;
	env->offset_at = NULL;
	env->arena = arena;
	env->slots = slots;
	env->now = 0;
	env->tz_offset = 0;
	env->have_clock = false;
	env->date_memo[0].s = env->date_memo[1].s = NULL;
	env->date_memo_next = 0;
}

void seg_env_set_clock(seg_env *env, int64_t now, int32_t tz_offset)
{
	env->now = now;
	env->tz_offset = tz_offset;
	env->have_clock = true;
}

void seg_env_need_clock(seg_env *env)
{
	if (env->have_clock) return;
	if (env->clock) {
		env->clock(env->ud, &env->now, &env->tz_offset);
	} else {
		env->now = (int64_t)time(NULL);
		env->tz_offset = 0;
	}
	env->have_clock = true;
}

static inline bool str_eq(const seg_value *a, const seg_value *b)
{
	/* Attribute values are short (country codes, groups, devices): inline
	 * compares beat a call to memcmp. */
	uint32_t n = a->len;
	if (n != b->len) return false;
	const char *x = a->u.s, *y = b->u.s;
	/* Two overlapping loads from each end cover 4 to 16 bytes without a
	 * loop (and without reading past either string). */
	if (n >= 8 && n <= 16) {
		uint64_t p, q, r, t;
		memcpy(&p, x, 8), memcpy(&q, y, 8), memcpy(&r, x + n - 8, 8), memcpy(&t, y + n - 8, 8);
		return ((p ^ q) | (r ^ t)) == 0;
	}
	if (n >= 4 && n < 8) {
		uint32_t p, q, r, t;
		memcpy(&p, x, 4), memcpy(&q, y, 4), memcpy(&r, x + n - 4, 4), memcpy(&t, y + n - 4, 4);
		return ((p ^ q) | (r ^ t)) == 0;
	}
	if (n < 4) {
		for (uint32_t i = 0; i < n; i++)
			if (x[i] != y[i]) return false;
		return true;
	}
	return memcmp(x, y, n) == 0;
}

int32_t seg_env_offset(seg_env *env, int64_t utc)
{
	seg_env_need_clock(env);
	return env->offset_at ? env->offset_at(env->ud, utc) : env->tz_offset;
}

bool seg_env_as_date(seg_env *env, const seg_value *v, int64_t *ts)
{
	int64_t secs;
	bool zoned;
	if (v->type != SEG_T_STRING || !seg_str_to_local(v->u.s, v->len, &secs, &zoned))
		return seg_value_as_date(v, 0, ts); /* zone-free: dates, numbers, numeric strings */
	if (!zoned) {
		/* Wall clock to UTC: guess with the current offset, then settle on
		 * the offset in force at the result (DST changes). */
		seg_env_need_clock(env);
		int32_t off = seg_env_offset(env, secs - env->tz_offset);
		int32_t off2 = seg_env_offset(env, secs - off);
		secs -= off2 != off ? off2 : off;
	}
	*ts = secs;
	return seg_ts_valid(secs);
}

int seg_env_compare(seg_env *env, const seg_value *a, const seg_value *b)
{
	if ((a->type == SEG_T_DATE && b->type == SEG_T_STRING) || (a->type == SEG_T_STRING && b->type == SEG_T_DATE)) {
		int64_t ta, tb;
		if (!seg_env_as_date(env, a, &ta) || !seg_env_as_date(env, b, &tb)) return SEG_CMP_NONE;
		return (ta > tb) - (ta < tb);
	}
	/* No other pair depends on a time zone. */
	return seg_value_compare(a, b, 0);
}

bool seg_op_compare(int op, const seg_value *a, const seg_value *b, seg_env *env)
{
	if ((op == SEG_CMP_EQ || op == SEG_CMP_NE) && a->type == SEG_T_LIST && b->type == SEG_T_LIST) {
		bool eq = a->len == b->len;
		for (uint32_t i = 0; eq && i < a->len; i++) eq = seg_op_compare(SEG_CMP_EQ, &a->u.items[i], &b->u.items[i], env);
		return op == SEG_CMP_EQ ? eq : !eq;
	}
	if ((op == SEG_CMP_EQ || op == SEG_CMP_NE) && a->type == SEG_T_STRING && b->type == SEG_T_STRING && str_eq(a, b))
		return op == SEG_CMP_EQ; /* identical bytes */
	int c = seg_env_compare(env, a, b);
	switch (op) {
	case SEG_CMP_EQ: return c == 0;
	case SEG_CMP_NE: return c != 0;
	case SEG_CMP_LT: return c == -1;
	case SEG_CMP_LE: return c == -1 || c == 0;
	case SEG_CMP_GT: return c == 1;
	default: return c == 1 || c == 0;
	}
}

/* Strings and integers as text for substring operators; others are not text. */
static bool as_text(const seg_value *v, char *buf, size_t cap, const char **s, size_t *len)
{
	if (v->type == SEG_T_STRING) {
		*s = v->u.s;
		*len = v->len;
		return true;
	}
	if (v->type == SEG_T_INT) {
		int n = snprintf(buf, cap, "%lld", (long long)v->u.i);
		*s = buf;
		*len = (size_t)n;
		return true;
	}
	return false;
}

/* Byte equality, inline for the short strings rules compare. */
static inline bool bytes_eq(const char *x, const char *y, size_t n)
{
	if (n > 16) return memcmp(x, y, n) == 0;
	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i]) return false;
	return true;
}

static bool mem_contains(const char *hay, size_t hn, const char *needle, size_t nn)
{
	if (nn == 0) return true;
	if (nn > hn) return false;
	const char *end = hay + hn - nn;
	for (const char *p = hay; p <= end; p++) {
		p = memchr(p, needle[0], (size_t)(end - p) + 1);
		if (!p) return false;
		if (bytes_eq(p + 1, needle + 1, nn - 1)) return true;
	}
	return false;
}

bool seg_op_in(const seg_value *x, const seg_value *in, seg_env *env)
{
	if (in->type == SEG_T_LIST) {
		for (uint32_t i = 0; i < in->len; i++)
			if (seg_op_compare(SEG_CMP_EQ, x, &in->u.items[i], env)) return true;
		return false;
	}
	/* Text containment, integers as their decimal text on either side:
	 * `3 in age` must agree with `age contains 3`. */
	char b1[24], b2[24];
	const char *h, *s;
	size_t hn, n;
	if (!as_text(in, b1, sizeof b1, &h, &hn) || !as_text(x, b2, sizeof b2, &s, &n)) return false;
	return mem_contains(h, hn, s, n);
}

bool seg_op_contains(const seg_value *hay, const seg_value *needle, seg_env *env)
{
	if (hay->type == SEG_T_LIST) return seg_op_in(needle, hay, env);
	/* Text containment; an integer is its decimal text on either side
	 * (`zip contains "50"` with zip 75001), as for starts/ends with. */
	char b1[24], b2[24];
	const char *h, *s;
	size_t hn, n;
	if (!as_text(hay, b1, sizeof b1, &h, &hn) || !as_text(needle, b2, sizeof b2, &s, &n)) return false;
	return mem_contains(h, hn, s, n);
}

bool seg_op_affix(const seg_value *v, const seg_value *affix, bool suffix)
{
	char b1[24], b2[24];
	const char *s, *a;
	size_t sn, an;
	if (!as_text(v, b1, sizeof b1, &s, &sn) || !as_text(affix, b2, sizeof b2, &a, &an)) return false;
	if (an > sn) return false;
	return bytes_eq(suffix ? s + sn - an : s, a, an);
}

/* Checked int64 arithmetic: the GCC/Clang builtins, or portable C. */
#if defined(__GNUC__) || defined(__clang__)
#define add_ov(a, b, r) __builtin_add_overflow(a, b, r)
#define sub_ov(a, b, r) __builtin_sub_overflow(a, b, r)
#define mul_ov(a, b, r) __builtin_mul_overflow(a, b, r)
#else
static bool add_ov(int64_t a, int64_t b, int64_t *r)
{
	if ((b > 0 && a > INT64_MAX - b) || (b < 0 && a < INT64_MIN - b)) return true;
	*r = a + b;
	return false;
}
static bool sub_ov(int64_t a, int64_t b, int64_t *r)
{
	if ((b < 0 && a > INT64_MAX + b) || (b > 0 && a < INT64_MIN + b)) return true;
	*r = a - b;
	return false;
}
static bool mul_ov(int64_t a, int64_t b, int64_t *r)
{
	if (a == 0 || b == 0) {
		*r = 0;
		return false;
	}
	if ((a == -1 && b == INT64_MIN) || (b == -1 && a == INT64_MIN)) return true;
	if (a > 0 ? (b > 0 ? a > INT64_MAX / b : b < INT64_MIN / a) : (b > 0 ? a < INT64_MIN / b : a < INT64_MAX / b))
		return true;
	*r = a * b;
	return false;
}
#endif

static inline double num_f(const seg_value *v) { return v->type == SEG_T_INT ? (double)v->u.i : v->u.f; }

seg_value seg_op_arith(int op, const seg_value *a, const seg_value *b)
{
	seg_value x, y;
	if (!seg_value_as_number(a, &x) || !seg_value_as_number(b, &y)) return seg_null();
	if (x.type == SEG_T_INT && y.type == SEG_T_INT) {
		int64_t r;
		switch (op) {
		case SEG_ARITH_ADD:
			if (!add_ov(x.u.i, y.u.i, &r)) return seg_int(r);
			break;
		case SEG_ARITH_SUB:
			if (!sub_ov(x.u.i, y.u.i, &r)) return seg_int(r);
			break;
		case SEG_ARITH_MUL:
			if (!mul_ov(x.u.i, y.u.i, &r)) return seg_int(r);
			break;
		case SEG_ARITH_DIV:
			if (y.u.i == 0) return seg_null();
			if (!(x.u.i == INT64_MIN && y.u.i == -1) && x.u.i % y.u.i == 0) return seg_int(x.u.i / y.u.i);
			break;
		case SEG_ARITH_MOD:
			if (y.u.i == 0) return seg_null();
			if (y.u.i == -1) return seg_int(0);
			return seg_int(x.u.i % y.u.i);
		}
		/* Overflow or inexact division: fall through to floats, like PHP. */
	}
	double p = num_f(&x), q = num_f(&y);
	switch (op) {
	case SEG_ARITH_ADD: return seg_float(p + q);
	case SEG_ARITH_SUB: return seg_float(p - q);
	case SEG_ARITH_MUL: return seg_float(p * q);
	case SEG_ARITH_DIV: return q == 0.0 ? seg_null() : seg_float(p / q);
	default: {
		/* PHP's % works on integers: truncate both, refuse what does not fit. */
		if (!(p > -9.2e18 && p < 9.2e18 && q > -9.2e18 && q < 9.2e18)) return seg_null();
		int64_t ip = (int64_t)p, iq = (int64_t)q;
		if (iq == 0) return seg_null();
		if (iq == -1) return seg_int(0);
		return seg_int(ip % iq);
	}
	}
}

static inline seg_status load_slot(seg_env *env, uint32_t idx, seg_error *err)
{
	seg_value *v = &env->slots[idx];
	if (v->type != SEG_SLOT_UNLOADED) return SEG_OK;
	seg_status st = env->resolve ? env->resolve(env->ud, idx, v, env->arena, err) : (*v = seg_null(), SEG_OK);
	if (st != SEG_OK) v->type = SEG_SLOT_UNLOADED;
	return st;
}

/* Numeric comparison of two numbers, NaN-aware, for the fast paths. */
static inline bool cmp_num_op(int op, const seg_value *a, const seg_value *b)
{
	int c;
	if (a->type == SEG_T_INT && b->type == SEG_T_INT) {
		c = (a->u.i > b->u.i) - (a->u.i < b->u.i);
	} else {
		double x = num_f(a), y = num_f(b);
		if (x != x || y != y) return op == SEG_CMP_NE;
		c = (x > y) - (x < y);
	}
	switch (op) {
	case SEG_CMP_EQ: return c == 0;
	case SEG_CMP_NE: return c != 0;
	case SEG_CMP_LT: return c < 0;
	case SEG_CMP_LE: return c <= 0;
	case SEG_CMP_GT: return c > 0;
	default: return c >= 0;
	}
}


/* The fast paths shared by the value (push) and test (jump) forms.  A
 * missing attribute (null) is common (guests have no RFM scores, no cluster):
 * null against a number or a string is incomparable, which only != calls
 * true, as seg_op_compare() decides. */
static inline bool slot_vs_number(int op, const seg_value *v, const seg_value *num, seg_env *env)
{
	if (v->type == SEG_T_INT || v->type == SEG_T_FLOAT) return cmp_num_op(op, v, num);
	if (v->type == SEG_T_NULL) return op == SEG_CMP_NE;
	return seg_op_compare(op, v, num, env);
}

static inline bool slot_eq_plain(const seg_value *v, const seg_value *str, seg_env *env)
{
	if (v->type == SEG_T_STRING) return str_eq(v, str);
	if (v->type == SEG_T_NULL) return false;
	return seg_op_compare(SEG_CMP_EQ, v, str, env);
}

static inline bool slot_in_plain(const seg_value *v, const seg_value *list, seg_env *env)
{
	if (v->type == SEG_T_NULL) return false;
	if (v->type != SEG_T_STRING) return seg_op_in(v, list, env);
	for (uint32_t i = 0; i < list->len; i++)
		if (str_eq(v, &list->u.items[i])) return true;
	return false;
}

/* `x in (1, 5)`: integers against integers directly, null only equal to a
 * null item; every other pair as seg_op_in() compares it. */
static inline bool slot_in_any(const seg_value *v, const seg_value *in, seg_env *env)
{
	if (in->type != SEG_T_LIST || (v->type != SEG_T_INT && v->type != SEG_T_NULL)) return seg_op_in(v, in, env);
	for (uint32_t i = 0; i < in->len; i++) {
		const seg_value *it = &in->u.items[i];
		if (v->type == SEG_T_NULL) {
			if (it->type == SEG_T_NULL) return true;
		} else if (it->type == SEG_T_INT) {
			if (it->u.i == v->u.i) return true;
		} else if (seg_op_compare(SEG_CMP_EQ, v, it, env)) {
			return true;
		}
	}
	return false;
}

/*
 * Dispatch: computed goto where the compiler has it (one indirect jump per
 * instruction, each predicted on its own), a switch elsewhere.
 */
#if defined(__GNUC__) && !defined(SEG_VM_SWITCH)
#define VM_COMPUTED_GOTO 1
#endif

seg_status seg_vm_run(const seg_prog *prog, seg_env *env, seg_value *result, seg_emit *emit, seg_error *err)
{
	seg_value local[64];
	seg_value *stack = local;
	if (prog->max_stack > 64) {
		stack = seg_arena_alloc(env->arena, sizeof(seg_value) * prog->max_stack);
		if (!stack) return seg_error_set(err, SEG_E_NOMEM, "out of memory");
	}
	seg_value *sp = stack; /* next free */
	const seg_insn *pc = prog->code;
	const seg_value *k = prog->consts;
	seg_value *slots = env->slots;
	seg_status st;
	seg_insn in;

#ifdef VM_COMPUTED_GOTO
	static const void *const labels[] = {
		[SEG_OP_CONST] = &&L_CONST, [SEG_OP_SLOT] = &&L_SLOT, [SEG_OP_CMP] = &&L_CMP,
		[SEG_OP_CMP_SC] = &&L_CMP_SC, [SEG_OP_CMP_SC_NUM] = &&L_CMP_SC_NUM,
		[SEG_OP_EQ_SC_STR] = &&L_EQ_SC_STR, [SEG_OP_IN_SC_STR] = &&L_IN_SC_STR,
		[SEG_OP_IN] = &&L_IN, [SEG_OP_IN_SC] = &&L_IN_SC, [SEG_OP_CONTAINS] = &&L_CONTAINS,
		[SEG_OP_STARTS] = &&L_AFFIX, [SEG_OP_ENDS] = &&L_AFFIX, [SEG_OP_BETWEEN] = &&L_BETWEEN,
		[SEG_OP_ISNULL] = &&L_ISNULL, [SEG_OP_NOT] = &&L_NOT, [SEG_OP_TRUTHY] = &&L_TRUTHY,
		[SEG_OP_JF] = &&L_JF, [SEG_OP_JT] = &&L_JT, [SEG_OP_JFP] = &&L_JFP, [SEG_OP_JTP] = &&L_JTP,
		[SEG_OP_POP] = &&L_POP, [SEG_OP_ARITH] = &&L_ARITH,
		[SEG_OP_NEG] = &&L_NEG, [SEG_OP_CALL] = &&L_CALL, [SEG_OP_LIST] = &&L_LIST, [SEG_OP_RET] = &&L_RET,
		[SEG_OP_TEST_CMP] = &&L_TEST_CMP, [SEG_OP_TEST_NUM] = &&L_TEST_NUM, [SEG_OP_TEST_STR_EQ] = &&L_TEST_STR_EQ,
		[SEG_OP_TEST_IN] = &&L_TEST_IN, [SEG_OP_TEST_IN_STR] = &&L_TEST_IN_STR, [SEG_OP_TEST_NULL] = &&L_TEST_NULL,
		[SEG_OP_TEST_SLOT] = &&L_TEST_SLOT, [SEG_OP_TEST_CONTAINS] = &&L_TEST_CONTAINS,
		[SEG_OP_TEST_AFFIX] = &&L_TEST_AFFIX, [SEG_OP_TEST_TOP] = &&L_TEST_TOP,
		[SEG_OP_TEST_BETWEEN_TOP] = &&L_TEST_BETWEEN_TOP, [SEG_OP_JUMP_IF] = &&L_JUMP_IF, [SEG_OP_JMP] = &&L_JMP,
		[SEG_OP_MATCH] = &&L_MATCH, [SEG_OP_RET_TRUE] = &&L_RET_TRUE, [SEG_OP_RET_FALSE] = &&L_RET_FALSE,
	};
#define CASE(x) L_##x:
#define NEXT() do { in = *pc++; goto *labels[in.op]; } while (0)
	NEXT();
#else
#define CASE(x) case SEG_OP_##x:
#define NEXT() continue
	for (;;) {
		in = *pc++;
		switch ((seg_op)in.op) {
		case SEG_OP_STARTS:
		case SEG_OP_ENDS:
			goto L_AFFIX;
#endif
	CASE(CONST)
		*sp++ = k[in.b];
		NEXT();
	CASE(SLOT)
		if ((st = load_slot(env, in.b, err))) return st;
		*sp++ = slots[in.b];
		NEXT();
	CASE(CMP_SC)
		if ((st = load_slot(env, in.b, err))) return st;
		*sp++ = seg_bool(seg_op_compare(in.flag, &slots[in.b], &k[in.a], env));
		NEXT();
	CASE(CMP_SC_NUM)
		if ((st = load_slot(env, in.b, err))) return st;
		*sp++ = seg_bool(slot_vs_number(in.flag, &slots[in.b], &k[in.a], env));
		NEXT();
	CASE(EQ_SC_STR)
		if ((st = load_slot(env, in.b, err))) return st;
		*sp++ = seg_bool(slot_eq_plain(&slots[in.b], &k[in.a], env) != (bool)in.flag);
		NEXT();
	CASE(IN_SC_STR)
		if ((st = load_slot(env, in.b, err))) return st;
		*sp++ = seg_bool(slot_in_plain(&slots[in.b], &k[in.a], env) != (bool)in.flag);
		NEXT();
	CASE(CMP)
		sp--;
		sp[-1] = seg_bool(seg_op_compare(in.flag, &sp[-1], &sp[0], env));
		NEXT();
	CASE(IN_SC)
		if ((st = load_slot(env, in.b, err))) return st;
		*sp++ = seg_bool(slot_in_any(&slots[in.b], &k[in.a], env) != (bool)in.flag);
		NEXT();
	CASE(IN)
		sp--;
		sp[-1] = seg_bool(seg_op_in(&sp[-1], &sp[0], env) != (bool)in.flag);
		NEXT();
	CASE(CONTAINS)
		sp--;
		sp[-1] = seg_bool(seg_op_contains(&sp[-1], &sp[0], env) != (bool)in.flag);
		NEXT();
	L_AFFIX:
		sp--;
		sp[-1] = seg_bool(seg_op_affix(&sp[-1], &sp[0], in.op == SEG_OP_ENDS) != (bool)in.flag);
		NEXT();
	CASE(BETWEEN) {
		sp -= 2;
		bool r = seg_op_compare(SEG_CMP_GE, &sp[-1], &sp[0], env) &&
		         seg_op_compare(SEG_CMP_LE, &sp[-1], &sp[1], env);
		sp[-1] = seg_bool(r != (bool)in.flag);
		NEXT();
	}
	CASE(ISNULL)
		sp[-1] = seg_bool((sp[-1].type == SEG_T_NULL) != (bool)in.flag);
		NEXT();
	CASE(NOT)
		sp[-1] = seg_bool(!seg_value_truthy(&sp[-1]));
		NEXT();
	CASE(TRUTHY)
		sp[-1] = seg_bool(seg_value_truthy(&sp[-1]));
		NEXT();
	CASE(JF)
		if (!sp[-1].u.b) pc = prog->code + in.b;
		NEXT();
	CASE(JT)
		if (sp[-1].u.b) pc = prog->code + in.b;
		NEXT();
	CASE(JFP)
		if (!sp[-1].u.b) pc = prog->code + in.b;
		else sp--;
		NEXT();
	CASE(JTP)
		if (sp[-1].u.b) pc = prog->code + in.b;
		else sp--;
		NEXT();
	/* Jumping code: each test decides where to go, nothing is pushed. */
#define BRANCH(r) do { if ((r) == ((in.flag & SEG_JT) != 0)) pc = prog->code + in.c; NEXT(); } while (0)
	CASE(TEST_NUM)
		if ((st = load_slot(env, in.b, err))) return st;
		BRANCH(slot_vs_number(in.flag & 7, &slots[in.b], &k[in.a], env));
	CASE(TEST_STR_EQ)
		if ((st = load_slot(env, in.b, err))) return st;
		BRANCH(slot_eq_plain(&slots[in.b], &k[in.a], env) != (bool)(in.flag & 1));
	CASE(TEST_IN_STR)
		if ((st = load_slot(env, in.b, err))) return st;
		BRANCH(slot_in_plain(&slots[in.b], &k[in.a], env) != (bool)(in.flag & 1));
	CASE(TEST_CMP)
		if ((st = load_slot(env, in.b, err))) return st;
		BRANCH(seg_op_compare(in.flag & 7, &slots[in.b], &k[in.a], env));
	CASE(TEST_IN)
		if ((st = load_slot(env, in.b, err))) return st;
		BRANCH(slot_in_any(&slots[in.b], &k[in.a], env) != (bool)(in.flag & 1));
	CASE(TEST_NULL)
		if ((st = load_slot(env, in.b, err))) return st;
		BRANCH((slots[in.b].type == SEG_T_NULL) != (bool)(in.flag & 1));
	CASE(TEST_SLOT)
		if ((st = load_slot(env, in.b, err))) return st;
		BRANCH(seg_value_truthy(&slots[in.b]));
	CASE(TEST_CONTAINS)
		if ((st = load_slot(env, in.b, err))) return st;
		BRANCH(seg_op_contains(&slots[in.b], &k[in.a], env) != (bool)(in.flag & 1));
	CASE(TEST_AFFIX)
		if ((st = load_slot(env, in.b, err))) return st;
		BRANCH(seg_op_affix(&slots[in.b], &k[in.a], (in.flag & 2) != 0) != (bool)(in.flag & 1));
	CASE(TEST_TOP) {
		sp--;
		int op = in.flag & 7;
		if ((sp->type == SEG_T_INT || sp->type == SEG_T_FLOAT) &&
		    (k[in.a].type == SEG_T_INT || k[in.a].type == SEG_T_FLOAT))
			BRANCH(cmp_num_op(op, sp, &k[in.a]));
		BRANCH(seg_op_compare(op, sp, &k[in.a], env));
	}
	CASE(TEST_BETWEEN_TOP) {
		sp--;
		bool r = seg_op_compare(SEG_CMP_GE, sp, &k[in.a], env) && seg_op_compare(SEG_CMP_LE, sp, &k[in.a + 1], env);
		BRANCH(r != (bool)(in.flag & 1));
	}
	CASE(JUMP_IF)
		sp--;
		BRANCH(seg_value_truthy(&sp[0]));
	CASE(JMP)
		pc = prog->code + in.c;
		NEXT();
#undef BRANCH
	CASE(MATCH)
		emit->out[emit->n++] = in.b;
		if (emit->max && emit->n == emit->max) {
			*result = seg_bool(true);
			return SEG_OK;
		}
		NEXT();
	CASE(RET_TRUE)
		*result = seg_bool(true);
		return SEG_OK;
	CASE(RET_FALSE)
		*result = seg_bool(false);
		return SEG_OK;
	CASE(POP)
		sp--;
		NEXT();
	CASE(ARITH)
		sp--;
		sp[-1] = seg_op_arith(in.flag, &sp[-1], &sp[0]);
		NEXT();
	CASE(NEG) {
		seg_value n;
		if (!seg_value_as_number(&sp[-1], &n)) sp[-1] = seg_null();
		else if (n.type == SEG_T_INT && n.u.i != INT64_MIN) sp[-1] = seg_int(-n.u.i);
		else sp[-1] = seg_float(-num_f(&n));
		NEXT();
	}
	CASE(CALL) {
		const seg_func_info *f = &seg_funcs[in.a];
		uint32_t argc = in.flag;
		sp -= argc;
		if (f->uses_clock) seg_env_need_clock(env);
		seg_value r;
		if ((st = f->impl(env, sp, argc, &r, err))) return st;
		*sp++ = r;
		NEXT();
	}
	CASE(LIST) {
		uint32_t n = in.b;
		seg_value *items = seg_arena_alloc(env->arena, sizeof(seg_value) * (n ? n : 1));
		if (!items) return seg_error_set(err, SEG_E_NOMEM, "out of memory");
		sp -= n;
		memcpy(items, sp, sizeof(seg_value) * n);
		*sp++ = seg_list(items, n);
		NEXT();
	}
	CASE(RET)
		*result = sp > stack ? sp[-1] : seg_bool(false);
		return SEG_OK;
#ifndef VM_COMPUTED_GOTO
		}
	}
#endif
#undef CASE
#undef NEXT
}
