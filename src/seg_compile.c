/*
 * seg_compile.c - type checks and code generation.
 *
 * Attributes have no declared types (a customer is whatever the shop gives),
 * so checking is about literals: an operand that is a literal of a type the
 * operator can never use is a mistake the admin should hear about when
 * saving the rule, not a condition that silently never matches.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seg_compile.h"
#include "seg_func.h"

/* ---- slot table --------------------------------------------------------- */

static uint32_t hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

void seg_slots_init(seg_slots *s, seg_arena *arena)
{
	memset(s, 0, sizeof *s);
	s->arena = arena;
}

void seg_slots_free(seg_slots *s)
{
	free(s->paths);
	free(s->table);
	s->paths = NULL;
	s->table = NULL;
	s->n = s->cap = s->tcap = 0;
}

static bool slots_grow_table(seg_slots *s)
{
	uint32_t ncap = s->tcap ? s->tcap * 2 : 64;
	uint32_t *t = calloc(ncap, sizeof *t);
	if (!t) return false;
	for (uint32_t i = 0; i < s->n; i++) {
		uint32_t h = hash_bytes(s->paths[i].text.s, s->paths[i].text.len) & (ncap - 1);
		while (t[h]) h = (h + 1) & (ncap - 1);
		t[h] = i + 1;
	}
	free(s->table);
	s->table = t;
	s->tcap = ncap;
	return true;
}

seg_status seg_slots_intern(seg_slots *s, const seg_path *path, uint32_t *idx, seg_error *err)
{
	if (s->tcap) {
		uint32_t h = hash_bytes(path->text.s, path->text.len) & (s->tcap - 1);
		while (s->table[h]) {
			const seg_path *p = &s->paths[s->table[h] - 1];
			if (p->text.len == path->text.len && memcmp(p->text.s, path->text.s, p->text.len) == 0) {
				*idx = s->table[h] - 1;
				return SEG_OK;
			}
			h = (h + 1) & (s->tcap - 1);
		}
	}
	if (s->frozen)
		return seg_error_set(err, SEG_E_ARGUMENT, "attribute '%.*s' is not part of this rule set",
		                     (int)path->text.len, path->text.s);
	if (s->n == UINT32_MAX / 2) return seg_error_set(err, SEG_E_LIMIT, "too many attributes");
	if ((s->n + 1) * 2 > s->tcap && !slots_grow_table(s)) return seg_error_set(err, SEG_E_NOMEM, "out of memory");
	if (s->n == s->cap) {
		uint32_t ncap = s->cap ? s->cap * 2 : 16;
		seg_path *np = realloc(s->paths, sizeof *np * ncap);
		if (!np) return seg_error_set(err, SEG_E_NOMEM, "out of memory");
		s->paths = np;
		s->cap = ncap;
	}
	/* Copy the text and the segments: the source text is not ours. */
	char *text = seg_arena_alloc(s->arena, path->text.len + 1);
	seg_str *segs = seg_arena_alloc(s->arena, sizeof(seg_str) * path->nsegs);
	if (!text || !segs) return seg_error_set(err, SEG_E_NOMEM, "out of memory");
	memcpy(text, path->text.s, path->text.len);
	text[path->text.len] = '\0';
	/* Segments point into the source text, so their offsets carry over. */
	for (uint32_t k = 0; k < path->nsegs; k++) {
		const char *at = text + (path->segs[k].s - path->text.s);
		segs[k].s = at;
		segs[k].len = path->segs[k].len;
	}
	seg_path *np = &s->paths[s->n];
	np->text.s = text;
	np->text.len = path->text.len;
	np->segs = segs;
	np->nsegs = path->nsegs;
	uint32_t h = hash_bytes(text, path->text.len) & (s->tcap - 1);
	while (s->table[h]) h = (h + 1) & (s->tcap - 1);
	s->table[h] = s->n + 1;
	*idx = s->n++;
	return SEG_OK;
}

/* ---- emitter ------------------------------------------------------------ */

typedef struct emitter {
	seg_compiler *c;
	seg_insn *code;
	uint32_t ncode, capcode;
	seg_value *consts;
	uint32_t nconsts, capconsts;
	uint32_t depth, max_depth;
} emitter;

#define T(x) SEG_TM(SEG_T_##x)
#define TRY(x) do { seg_status st_ = (x); if (st_) return st_; } while (0)

static seg_status node_error(emitter *e, const seg_node *n, seg_status st, const char *expected,
                             const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;

#include <stdarg.h>

static seg_status node_error(emitter *e, const seg_node *n, seg_status st, const char *expected,
                             const char *fmt, ...)
{
	seg_error *err = e->c->err;
	if (!err) return st;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	err->status = st;
	err->line = n->line;
	err->column = n->column;
	snprintf(err->expected, sizeof err->expected, "%s", expected ? expected : "");
	return st;
}

static seg_status emit(emitter *e, uint8_t op, uint8_t flag, uint16_t a, uint32_t b, int stack_delta)
{
	if (e->ncode == e->capcode) {
		uint32_t ncap = e->capcode ? e->capcode * 2 : 32;
		seg_insn *nc = realloc(e->code, sizeof *nc * ncap);
		if (!nc) return seg_error_set(e->c->err, SEG_E_NOMEM, "out of memory");
		e->code = nc;
		e->capcode = ncap;
	}
	e->code[e->ncode].op = op;
	e->code[e->ncode].flag = flag;
	e->code[e->ncode].a = a;
	e->code[e->ncode].b = b;
	e->code[e->ncode].c = 0;
	e->ncode++;
	e->depth = (uint32_t)((int)e->depth + stack_delta);
	if (e->depth > e->max_depth) e->max_depth = e->depth;
	return SEG_OK;
}

static seg_status copy_value(emitter *e, const seg_value *in, seg_value *out)
{
	*out = *in;
	if (in->type == SEG_T_STRING && in->len) {
		char *s = seg_arena_alloc(e->c->out, in->len);
		if (!s) return seg_error_set(e->c->err, SEG_E_NOMEM, "out of memory");
		memcpy(s, in->u.s, in->len);
		out->u.s = s;
	} else if (in->type == SEG_T_STRING) {
		out->u.s = "";
	}
	return SEG_OK;
}

static bool is_const(const seg_node *n)
{
	if (n->kind == SEG_N_LIT) return true;
	if (n->kind != SEG_N_LIST) return false;
	for (uint32_t i = 0; i < n->nkids; i++)
		if (!is_const(n->kids[i])) return false;
	return true;
}

static seg_status build_const(emitter *e, const seg_node *n, seg_value *out)
{
	if (n->kind == SEG_N_LIT) return copy_value(e, &n->lit, out);
	seg_value *items = seg_arena_alloc(e->c->out, sizeof(seg_value) * (n->nkids ? n->nkids : 1));
	if (!items) return seg_error_set(e->c->err, SEG_E_NOMEM, "out of memory");
	for (uint32_t i = 0; i < n->nkids; i++) TRY(build_const(e, n->kids[i], &items[i]));
	*out = seg_list(items, n->nkids);
	return SEG_OK;
}

static seg_status add_const(emitter *e, const seg_node *n, uint16_t *idx)
{
	if (e->nconsts == 65535)
		return node_error(e, n, SEG_E_LIMIT, "", "a rule may hold at most 65535 constants");
	if (e->nconsts == e->capconsts) {
		uint32_t ncap = e->capconsts ? e->capconsts * 2 : 16;
		seg_value *nv = realloc(e->consts, sizeof *nv * ncap);
		if (!nv) return seg_error_set(e->c->err, SEG_E_NOMEM, "out of memory");
		e->consts = nv;
		e->capconsts = ncap;
	}
	TRY(build_const(e, n, &e->consts[e->nconsts]));
	*idx = (uint16_t)e->nconsts++;
	return SEG_OK;
}

/* ---- literal checks ----------------------------------------------------- */

static const char *lit_desc(const seg_node *n, char *buf, size_t cap)
{
	if (n->kind == SEG_N_LIST) return "a list";
	switch ((seg_type)n->lit.type) {
	case SEG_T_NULL: return "null";
	case SEG_T_BOOL: return n->lit.u.b ? "true" : "false";
	case SEG_T_INT: snprintf(buf, cap, "the number %lld", (long long)n->lit.u.i); return buf;
	case SEG_T_FLOAT: snprintf(buf, cap, "the number %g", n->lit.u.f); return buf;
	case SEG_T_STRING:
		snprintf(buf, cap, "the string \"%.*s\"", (int)(n->lit.len > 30 ? 30 : n->lit.len), n->lit.u.s);
		return buf;
	default: return "a value";
	}
}

static bool lit_is(const seg_node *n, seg_type t) { return n->kind == SEG_N_LIT && n->lit.type == t; }

static bool lit_numeric(const seg_node *n)
{
	seg_value v;
	if (n->kind != SEG_N_LIT) return false;
	return seg_value_as_number(&n->lit, &v);
}

enum use { USE_NUMBER, USE_ORDER, USE_TEXT, USE_COLLECTION, USE_SCALAR };

static seg_status check_use(emitter *e, const seg_node *n, enum use use, const char *op)
{
	char buf[64];
	bool lit = n->kind == SEG_N_LIT, list = n->kind == SEG_N_LIST;
	if (!lit && !list) return SEG_OK;
	switch (use) {
	case USE_NUMBER:
		if (lit_numeric(n)) return SEG_OK;
		return node_error(e, n, SEG_E_TYPE, "a number", "%s needs numbers, not %s", op, lit_desc(n, buf, sizeof buf));
	case USE_ORDER:
		if (lit_is(n, SEG_T_NULL))
			return node_error(e, n, SEG_E_TYPE, "a number, a date or a string",
			                  "%s cannot compare with null; use 'is null' or 'is not null'", op);
		if (list || lit_is(n, SEG_T_BOOL))
			return node_error(e, n, SEG_E_TYPE, "a number, a date or a string", "%s cannot order %s", op,
			                  lit_desc(n, buf, sizeof buf));
		return SEG_OK;
	case USE_TEXT:
		if (lit_is(n, SEG_T_STRING) || lit_is(n, SEG_T_INT)) return SEG_OK;
		return node_error(e, n, SEG_E_TYPE, "a string", "%s needs a string, not %s", op, lit_desc(n, buf, sizeof buf));
	case USE_COLLECTION:
		if (list || lit_is(n, SEG_T_STRING)) return SEG_OK;
		return node_error(e, n, SEG_E_TYPE, "a list or a string", "%s needs a list or a string, not %s", op,
		                  lit_desc(n, buf, sizeof buf));
	case USE_SCALAR:
		if (list)
			return node_error(e, n, SEG_E_TYPE, "a single value", "%s takes a single value, not a list%s", op,
			                  strcmp(op, "'contains'") == 0 ? "; use intersects(a, b) for any-of" : "");
		if (lit_is(n, SEG_T_NULL))
			return node_error(e, n, SEG_E_TYPE, "a value", "%s with null is never true; use 'is null'", op);
		return SEG_OK;
	}
	return SEG_OK;
}

static seg_status check_condition(emitter *e, const seg_node *n, uint32_t type)
{
	char buf[64];
	if (type & T(BOOL)) return SEG_OK;
	if (type == SEG_TM_ANY) return SEG_OK; /* an attribute: its truth is used */
	if (n->kind == SEG_N_LIT || n->kind == SEG_N_LIST)
		return node_error(e, n, SEG_E_TYPE, "a condition",
		                  "a condition is expected here, not %s", lit_desc(n, buf, sizeof buf));
	uint32_t len = n->end - n->start;
	return node_error(e, n, SEG_E_TYPE, "a condition",
	                  "a condition is expected here, not a %s; compare it, e.g. '%.*s%s > 0'",
	                  n->kind == SEG_N_CALL ? "function result" : "calculation",
	                  (int)(len > 40 ? 40 : len), e->c->src ? e->c->src + n->start : "",
	                  len > 40 ? "..." : "");
}

/* ---- code generation ---------------------------------------------------- */

static seg_status gen(emitter *e, const seg_node *n, uint32_t *type);

static seg_status gen_cond(emitter *e, const seg_node *n)
{
	uint32_t t;
	TRY(gen(e, n, &t));
	TRY(check_condition(e, n, t));
	if (t != T(BOOL)) TRY(emit(e, SEG_OP_TRUTHY, 0, 0, 0, 0));
	return SEG_OK;
}

static const uint8_t mirror[] = {SEG_CMP_EQ, SEG_CMP_NE, SEG_CMP_GT, SEG_CMP_GE, SEG_CMP_LT, SEG_CMP_LE};
static const char *const cmp_name[] = {"'=='", "'!='", "'<'", "'<='", "'>'", "'>='"};

static seg_status gen_path(emitter *e, const seg_node *n, uint32_t *slot)
{
	return seg_slots_intern(e->c->slots, &n->path, slot, e->c->err);
}

static seg_status gen_call(emitter *e, const seg_node *n, uint32_t *type)
{
	const seg_func_info *f = seg_func_get(n->fn);
	if (n->nkids < f->min_args || (f->max_args != 255 && n->nkids > f->max_args)) {
		if (f->min_args == f->max_args)
			return node_error(e, n, SEG_E_TYPE, f->signature, "%s takes %u argument%s, not %u", f->signature,
			                  f->min_args, f->min_args == 1 ? "" : "s", n->nkids);
		return node_error(e, n, SEG_E_TYPE, f->signature, "%s takes %u to %u arguments, not %u", f->signature,
		                  f->min_args, f->max_args == 255 ? 255 : f->max_args, n->nkids);
	}
	char buf[64];
	for (uint32_t i = 0; i < n->nkids; i++) {
		const seg_node *a = n->kids[i];
		bool lit = a->kind == SEG_N_LIT;
		int64_t ts;
		switch (f->arg_kind) {
		case SEG_FARG_DATE:
			if (a->kind == SEG_N_LIST || (lit && (a->lit.type == SEG_T_NULL || a->lit.type == SEG_T_BOOL ||
			                                      !seg_value_as_date(&a->lit, 0, &ts))))
				return node_error(e, a, SEG_E_TYPE, "a date such as \"2024-12-31\" or \"2024-12-31 18:00:00\"",
				                  "%s needs a date, not %s", f->signature, lit_desc(a, buf, sizeof buf));
			break;
		case SEG_FARG_NUMBER:
			TRY(check_use(e, a, USE_NUMBER, f->signature));
			break;
		case SEG_FARG_STRING:
			if ((lit && a->lit.type != SEG_T_STRING) || a->kind == SEG_N_LIST)
				return node_error(e, a, SEG_E_TYPE, "a string", "%s needs a string, not %s", f->signature,
				                  lit_desc(a, buf, sizeof buf));
			break;
		case SEG_FARG_LIST:
			if (lit && a->lit.type != SEG_T_NULL)
				return node_error(e, a, SEG_E_TYPE, "a list", "%s needs a list, not %s", f->signature,
				                  lit_desc(a, buf, sizeof buf));
			break;
		case SEG_FARG_BUCKET:
			if (i == 1 && !lit_is(a, SEG_T_STRING))
				return node_error(e, a, SEG_E_TYPE, "a string literal (the salt)",
				                  "the second argument of bucket() must be a fixed string, the split's salt");
			if (i == 2 && !(lit_is(a, SEG_T_INT) && a->lit.u.i >= 1 && a->lit.u.i <= 1000000))
				return node_error(e, a, SEG_E_TYPE, "a whole number from 1 to 1000000",
				                  "the third argument of bucket() must be a fixed whole number of buckets from 1 to 1000000");
			if (i == 0 && a->kind == SEG_N_LIST)
				return node_error(e, a, SEG_E_TYPE, "a single value", "bucket() hashes a single value, not a list");
			break;
		default:
			break;
		}
		uint32_t t;
		TRY(gen(e, a, &t));
	}
	TRY(emit(e, SEG_OP_CALL, (uint8_t)n->nkids, n->fn, 0, 1 - (int)n->nkids));
	*type = f->result;
	return SEG_OK;
}

static seg_status gen_logic(emitter *e, const seg_node *n)
{
	bool is_and = n->kind == SEG_N_AND;
	uint32_t chain = 0; /* linked list of jumps to patch, through .b (index + 1) */
	for (uint32_t i = 0; i < n->nkids; i++) {
		TRY(gen_cond(e, n->kids[i]));
		if (i + 1 < n->nkids) {
			/* Jump out with the deciding value, or drop it and go on. */
			TRY(emit(e, is_and ? SEG_OP_JFP : SEG_OP_JTP, 0, 0, chain, -1));
			chain = e->ncode; /* index of that jump + 1 */
		}
	}
	while (chain) {
		seg_insn *j = &e->code[chain - 1];
		chain = j->b;
		j->b = e->ncode;
	}
	return SEG_OK;
}

/* A string that is not numeric compares with strings byte for byte. */
static bool plain_string(const seg_node *n)
{
	seg_value num;
	return n->kind == SEG_N_LIT && n->lit.type == SEG_T_STRING && !seg_str_to_number(n->lit.u.s, n->lit.len, &num);
}

static bool all_plain_strings(const seg_node *n)
{
	if (n->kind != SEG_N_LIST) return false;
	for (uint32_t i = 0; i < n->nkids; i++)
		if (!plain_string(n->kids[i])) return false;
	return true;
}

/* attribute <op> constant, with the instruction specialised on the constant. */
static seg_status gen_cmp_sc(emitter *e, const seg_node *path, const seg_node *c, uint8_t op)
{
	uint32_t slot;
	uint16_t k;
	TRY(gen_path(e, path, &slot));
	TRY(add_const(e, c, &k));
	if (lit_is(c, SEG_T_INT) || lit_is(c, SEG_T_FLOAT)) return emit(e, SEG_OP_CMP_SC_NUM, op, k, slot, 1);
	if ((op == SEG_CMP_EQ || op == SEG_CMP_NE) && plain_string(c))
		return emit(e, SEG_OP_EQ_SC_STR, op == SEG_CMP_NE, k, slot, 1);
	return emit(e, SEG_OP_CMP_SC, op, k, slot, 1);
}

static seg_status gen(emitter *e, const seg_node *n, uint32_t *type)
{
	uint32_t t1, t2, t3, slot;
	uint16_t k;
	switch ((seg_node_kind)n->kind) {
	case SEG_N_LIT:
		TRY(add_const(e, n, &k));
		TRY(emit(e, SEG_OP_CONST, 0, 0, k, 1));
		*type = SEG_TM(n->lit.type);
		return SEG_OK;

	case SEG_N_PATH:
		TRY(gen_path(e, n, &slot));
		TRY(emit(e, SEG_OP_SLOT, 0, 0, slot, 1));
		*type = SEG_TM_ANY;
		return SEG_OK;

	case SEG_N_LIST:
		if (is_const(n)) {
			TRY(add_const(e, n, &k));
			TRY(emit(e, SEG_OP_CONST, 0, 0, k, 1));
		} else {
			for (uint32_t i = 0; i < n->nkids; i++) TRY(gen(e, n->kids[i], &t1));
			TRY(emit(e, SEG_OP_LIST, 0, 0, n->nkids, 1 - (int)n->nkids));
		}
		*type = T(LIST);
		return SEG_OK;

	case SEG_N_NEG:
		TRY(check_use(e, n->kids[0], USE_NUMBER, "'-'"));
		TRY(gen(e, n->kids[0], &t1));
		TRY(emit(e, SEG_OP_NEG, 0, 0, 0, 0));
		*type = T(INT) | T(FLOAT) | T(NULL);
		return SEG_OK;

	case SEG_N_NOT:
		TRY(gen(e, n->kids[0], &t1));
		TRY(check_condition(e, n->kids[0], t1));
		TRY(emit(e, SEG_OP_NOT, 0, 0, 0, 0));
		*type = T(BOOL);
		return SEG_OK;

	case SEG_N_AND:
	case SEG_N_OR:
		TRY(gen_logic(e, n));
		*type = T(BOOL);
		return SEG_OK;

	case SEG_N_CMP: {
		const seg_node *l = n->kids[0], *r = n->kids[1];
		if (n->op >= SEG_CMP_LT) {
			TRY(check_use(e, l, USE_ORDER, cmp_name[n->op]));
			TRY(check_use(e, r, USE_ORDER, cmp_name[n->op]));
		}
		*type = T(BOOL);
		if (l->kind == SEG_N_PATH && is_const(r)) return gen_cmp_sc(e, l, r, n->op);
		if (r->kind == SEG_N_PATH && is_const(l)) return gen_cmp_sc(e, r, l, mirror[n->op]);
		TRY(gen(e, l, &t1));
		TRY(gen(e, r, &t2));
		return emit(e, SEG_OP_CMP, n->op, 0, 0, -1);
	}

	case SEG_N_IN: {
		const seg_node *l = n->kids[0], *r = n->kids[1];
		const char *op = n->negated ? "'not in'" : "'in'";
		TRY(check_use(e, l, USE_SCALAR, op));
		TRY(check_use(e, r, USE_COLLECTION, op));
		*type = T(BOOL);
		if (l->kind == SEG_N_PATH && is_const(r)) {
			TRY(gen_path(e, l, &slot));
			TRY(add_const(e, r, &k));
			return emit(e, all_plain_strings(r) ? SEG_OP_IN_SC_STR : SEG_OP_IN_SC, n->negated, k, slot, 1);
		}
		TRY(gen(e, l, &t1));
		TRY(gen(e, r, &t2));
		return emit(e, SEG_OP_IN, n->negated, 0, 0, -1);
	}

	case SEG_N_CONTAINS: {
		const char *op = n->negated ? "'does not contain'" : "'contains'";
		if (n->kids[0]->kind == SEG_N_LIT) TRY(check_use(e, n->kids[0], USE_TEXT, op));
		TRY(check_use(e, n->kids[1], USE_SCALAR, "'contains'"));
		TRY(gen(e, n->kids[0], &t1));
		TRY(gen(e, n->kids[1], &t2));
		*type = T(BOOL);
		return emit(e, SEG_OP_CONTAINS, n->negated, 0, 0, -1);
	}

	case SEG_N_STARTS:
	case SEG_N_ENDS: {
		const char *op = n->kind == SEG_N_STARTS ? "'starts with'" : "'ends with'";
		TRY(check_use(e, n->kids[0], USE_TEXT, op));
		TRY(check_use(e, n->kids[1], USE_TEXT, op));
		TRY(gen(e, n->kids[0], &t1));
		TRY(gen(e, n->kids[1], &t2));
		*type = T(BOOL);
		return emit(e, n->kind == SEG_N_STARTS ? SEG_OP_STARTS : SEG_OP_ENDS, n->negated, 0, 0, -1);
	}

	case SEG_N_BETWEEN:
		for (int i = 0; i < 3; i++) TRY(check_use(e, n->kids[i], USE_ORDER, "'between'"));
		TRY(gen(e, n->kids[0], &t1));
		TRY(gen(e, n->kids[1], &t2));
		TRY(gen(e, n->kids[2], &t3));
		*type = T(BOOL);
		return emit(e, SEG_OP_BETWEEN, n->negated, 0, 0, -2);

	case SEG_N_ISNULL:
		TRY(gen(e, n->kids[0], &t1));
		*type = T(BOOL);
		return emit(e, SEG_OP_ISNULL, n->negated, 0, 0, 0);

	case SEG_N_ARITH: {
		static const char *const names[] = {"'+'", "'-'", "'*'", "'/'", "'%'"};
		TRY(check_use(e, n->kids[0], USE_NUMBER, names[n->op]));
		TRY(check_use(e, n->kids[1], USE_NUMBER, names[n->op]));
		if ((n->op == SEG_ARITH_DIV || n->op == SEG_ARITH_MOD) && lit_numeric(n->kids[1])) {
			seg_value z;
			seg_value_as_number(&n->kids[1]->lit, &z);
			if ((z.type == SEG_T_INT && z.u.i == 0) || (z.type == SEG_T_FLOAT && z.u.f == 0.0))
				return node_error(e, n->kids[1], SEG_E_TYPE, "a non-zero number", "division by zero");
		}
		TRY(gen(e, n->kids[0], &t1));
		TRY(gen(e, n->kids[1], &t2));
		*type = T(INT) | T(FLOAT) | T(NULL);
		return emit(e, SEG_OP_ARITH, n->op, 0, 0, -1);
	}

	case SEG_N_CALL:
		return gen_call(e, n, type);
	}
	return seg_error_set(e->c->err, SEG_E_ARGUMENT, "unknown node");
}

/* ---- jumping code for conditions ----------------------------------------
 *
 * In a condition, a comparison's value is never needed, only where to go
 * next.  gen_jump() emits code that jumps to a label when the node's truth
 * equals jump_if and falls through otherwise; an attribute compared with a
 * constant becomes one TEST instruction.  Labels are patch chains threaded
 * through the .c field (index + 1, 0 ends the chain).
 */

static seg_status emit_jump(emitter *e, uint8_t op, uint8_t flag, uint16_t a, uint32_t b, uint32_t *chain)
{
	TRY(emit(e, op, flag, a, b, 0));
	e->code[e->ncode - 1].c = *chain;
	*chain = e->ncode;
	return SEG_OK;
}

static void patch_here(emitter *e, uint32_t chain)
{
	while (chain) {
		seg_insn *j = &e->code[chain - 1];
		chain = j->c;
		j->c = e->ncode;
	}
}

static seg_status gen_jump(emitter *e, const seg_node *n, bool jump_if, uint32_t *target)
{
	uint8_t jt = jump_if ? SEG_JT : 0;
	uint32_t slot, t;
	uint16_t k;
	switch ((seg_node_kind)n->kind) {
	case SEG_N_AND:
	case SEG_N_OR: {
		/* "and" jumps out on the first false, "or" on the first true; the
		 * other direction needs a local label past the chain. */
		bool is_and = n->kind == SEG_N_AND;
		if (jump_if == !is_and) {
			for (uint32_t i = 0; i < n->nkids; i++) TRY(gen_jump(e, n->kids[i], jump_if, target));
			return SEG_OK;
		}
		uint32_t skip = 0;
		for (uint32_t i = 0; i + 1 < n->nkids; i++) TRY(gen_jump(e, n->kids[i], !jump_if, &skip));
		TRY(gen_jump(e, n->kids[n->nkids - 1], jump_if, target));
		patch_here(e, skip);
		return SEG_OK;
	}
	case SEG_N_NOT:
		if (n->kids[0]->kind == SEG_N_LIT || n->kids[0]->kind == SEG_N_LIST) break; /* checked below */
		return gen_jump(e, n->kids[0], !jump_if, target);
	case SEG_N_PATH:
		TRY(gen_path(e, n, &slot));
		return emit_jump(e, SEG_OP_TEST_SLOT, jt, 0, slot, target);
	case SEG_N_LIT:
		if (n->lit.type == SEG_T_BOOL) {
			if (n->lit.u.b == jump_if) return emit_jump(e, SEG_OP_JMP, 0, 0, 0, target);
			return SEG_OK;
		}
		break;
	case SEG_N_ISNULL:
		if (n->kids[0]->kind != SEG_N_PATH) break;
		TRY(gen_path(e, n->kids[0], &slot));
		return emit_jump(e, SEG_OP_TEST_NULL, (uint8_t)(jt | n->negated), 0, slot, target);
	case SEG_N_CMP: {
		const seg_node *l = n->kids[0], *r = n->kids[1];
		uint8_t op = n->op;
		if (op >= SEG_CMP_LT) {
			TRY(check_use(e, l, USE_ORDER, cmp_name[op]));
			TRY(check_use(e, r, USE_ORDER, cmp_name[op]));
		}
		if (r->kind == SEG_N_PATH && is_const(l)) {
			const seg_node *tmp = l;
			l = r;
			r = tmp;
			op = mirror[op];
		}
		if (l->kind != SEG_N_PATH || !is_const(r)) break;
		TRY(gen_path(e, l, &slot));
		TRY(add_const(e, r, &k));
		if (lit_is(r, SEG_T_INT) || lit_is(r, SEG_T_FLOAT))
			return emit_jump(e, SEG_OP_TEST_NUM, (uint8_t)(jt | op), k, slot, target);
		if ((op == SEG_CMP_EQ || op == SEG_CMP_NE) && plain_string(r))
			return emit_jump(e, SEG_OP_TEST_STR_EQ, (uint8_t)(jt | (op == SEG_CMP_NE)), k, slot, target);
		return emit_jump(e, SEG_OP_TEST_CMP, (uint8_t)(jt | op), k, slot, target);
	}
	case SEG_N_IN: {
		const seg_node *l = n->kids[0], *r = n->kids[1];
		const char *op = n->negated ? "'not in'" : "'in'";
		TRY(check_use(e, l, USE_SCALAR, op));
		TRY(check_use(e, r, USE_COLLECTION, op));
		if (l->kind != SEG_N_PATH || !is_const(r)) break;
		TRY(gen_path(e, l, &slot));
		TRY(add_const(e, r, &k));
		return emit_jump(e, all_plain_strings(r) ? SEG_OP_TEST_IN_STR : SEG_OP_TEST_IN,
		                 (uint8_t)(jt | n->negated), k, slot, target);
	}
	case SEG_N_CONTAINS: {
		/* path contains constant */
		const seg_node *l = n->kids[0], *r = n->kids[1];
		if (l->kind != SEG_N_PATH || r->kind != SEG_N_LIT) break;
		TRY(check_use(e, r, USE_SCALAR, "'contains'"));
		TRY(gen_path(e, l, &slot));
		TRY(add_const(e, r, &k));
		return emit_jump(e, SEG_OP_TEST_CONTAINS, (uint8_t)(jt | n->negated), k, slot, target);
	}
	case SEG_N_STARTS:
	case SEG_N_ENDS: {
		const seg_node *l = n->kids[0], *r = n->kids[1];
		const char *op = n->kind == SEG_N_STARTS ? "'starts with'" : "'ends with'";
		if (l->kind != SEG_N_PATH || r->kind != SEG_N_LIT) break;
		TRY(check_use(e, r, USE_TEXT, op));
		TRY(gen_path(e, l, &slot));
		TRY(add_const(e, r, &k));
		return emit_jump(e, SEG_OP_TEST_AFFIX, (uint8_t)(jt | n->negated | (n->kind == SEG_N_ENDS ? 2 : 0)), k,
		                 slot, target);
	}
	case SEG_N_BETWEEN: {
		if (n->kids[1]->kind != SEG_N_LIT || n->kids[2]->kind != SEG_N_LIT) break;
		for (int i = 0; i < 3; i++) TRY(check_use(e, n->kids[i], USE_ORDER, "'between'"));
		uint16_t k2;
		TRY(gen(e, n->kids[0], &t));
		TRY(add_const(e, n->kids[1], &k));
		TRY(add_const(e, n->kids[2], &k2)); /* adjacent: the VM reads consts[a + 1] */
		e->depth--;
		return emit_jump(e, SEG_OP_TEST_BETWEEN_TOP, (uint8_t)(jt | n->negated), k, 0, target);
	}
	default:
		break;
	}
	/* expression <op> constant: compute the left side, compare in the test. */
	if (n->kind == SEG_N_CMP && is_const(n->kids[1]) && n->kids[1]->kind == SEG_N_LIT) {
		TRY(gen(e, n->kids[0], &t));
		TRY(add_const(e, n->kids[1], &k));
		e->depth--;
		return emit_jump(e, SEG_OP_TEST_TOP, (uint8_t)(jt | n->op), k, 0, target);
	}
	/* `"vegan" in interests`: the constant is the needle. */
	if (n->kind == SEG_N_IN && n->kids[0]->kind == SEG_N_LIT && n->kids[1]->kind == SEG_N_PATH) {
		TRY(gen_path(e, n->kids[1], &slot));
		TRY(add_const(e, n->kids[0], &k));
		return emit_jump(e, SEG_OP_TEST_CONTAINS, (uint8_t)(jt | n->negated), k, slot, target);
	}
	/* Anything else: compute the value, then jump on its truth. */
	TRY(gen(e, n, &t));
	TRY(check_condition(e, n, t));
	TRY(emit_jump(e, SEG_OP_JUMP_IF, jt, 0, 0, target));
	e->depth--; /* JUMP_IF pops the value */
	return SEG_OK;
}

seg_status seg_compile(seg_compiler *c, const seg_node *root, bool condition, seg_prog *prog)
{
	emitter e;
	memset(&e, 0, sizeof e);
	e.c = c;
	seg_status st;
	if (condition) {
		/* test ...; RET_TRUE; fail: RET_FALSE.  Rule sets rely on this
		 * shape: linking turns RET_TRUE into MATCH and drops RET_FALSE. */
		uint32_t fail = 0;
		st = gen_jump(&e, root, false, &fail);
		if (!st) st = emit(&e, SEG_OP_RET_TRUE, 0, 0, 0, 0);
		if (!st) {
			patch_here(&e, fail);
			st = emit(&e, SEG_OP_RET_FALSE, 0, 0, 0, 0);
		}
	} else {
		uint32_t t;
		st = gen(&e, root, &t);
		if (!st) st = emit(&e, SEG_OP_RET, 0, 0, 0, 0);
	}
	if (!st) {
		seg_insn *code = seg_arena_alloc(c->out, sizeof(seg_insn) * e.ncode);
		seg_value *consts = seg_arena_alloc(c->out, sizeof(seg_value) * (e.nconsts ? e.nconsts : 1));
		if (!code || !consts) {
			st = seg_error_set(c->err, SEG_E_NOMEM, "out of memory");
		} else {
			memcpy(code, e.code, sizeof(seg_insn) * e.ncode);
			if (e.nconsts) memcpy(consts, e.consts, sizeof(seg_value) * e.nconsts);
			prog->code = code;
			prog->ncode = e.ncode;
			prog->consts = consts;
			prog->nconsts = e.nconsts;
			prog->max_stack = e.max_depth + 1;
		}
	}
	free(e.code);
	free(e.consts);
	return st;
}
