/*
 * seg_ruleset.c - compiling, matching and explaining a set of rules.
 */
#include <stdlib.h>
#include <string.h>

#include "seg_compile.h"
#include "seg_prog.h"
#include "seg_rule.h"

typedef struct seg_rule {
	seg_str code;
	seg_str text;
	int64_t priority;
	uint32_t def_index;
	bool enabled;
	seg_prog prog;
} seg_rule;

struct seg_ruleset {
	seg_arena arena; /* rules, programs, constants, codes, texts, paths */
	seg_slots slots;
	seg_limits limits;
	uint32_t n;
	seg_rule *rules; /* priority order */
	seg_prog all;    /* every enabled rule in one program (SEG_OP_MATCH), or code == NULL */
};

#define TRY(x) do { seg_status st_ = (x); if (st_) return st_; } while (0)

static int by_priority(const void *a, const void *b)
{
	const seg_rule *x = a, *y = b;
	if (x->priority != y->priority) return x->priority > y->priority ? -1 : 1;
	return (x->def_index > y->def_index) - (x->def_index < y->def_index);
}

static char *dup_bytes(seg_arena *a, const char *s, size_t n)
{
	char *d = seg_arena_alloc(a, n + 1);
	if (!d) return NULL;
	if (n) memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

/* Codes must be unique; a small open-addressing set finds duplicates. */
static seg_status check_codes(const seg_rule_def *defs, size_t n, seg_error *err)
{
	size_t cap = 16;
	while (cap < n * 2) cap *= 2;
	uint32_t *t = calloc(cap, sizeof *t);
	if (!t) return seg_error_set(err, SEG_E_NOMEM, "out of memory");
	seg_status st = SEG_OK;
	for (size_t i = 0; i < n && !st; i++) {
		const seg_rule_def *d = &defs[i];
		if (d->code_len == 0 || d->code_len > SEG_MAX_CODE_LEN) {
			st = seg_error_set(err, SEG_E_ARGUMENT, "a segment code must be 1 to %u bytes long", SEG_MAX_CODE_LEN);
			if (err) err->rule_index = (int32_t)i;
			break;
		}
		uint32_t h = 2166136261u;
		for (size_t k = 0; k < d->code_len; k++) h = (h ^ (unsigned char)d->code[k]) * 16777619u;
		size_t at = h & (cap - 1);
		while (t[at]) {
			const seg_rule_def *o = &defs[t[at] - 1];
			if (o->code_len == d->code_len && memcmp(o->code, d->code, d->code_len) == 0) {
				st = seg_error_set(err, SEG_E_DUPLICATE, "segment code '%.*s' is defined twice (definitions %u and %zu)",
				                   (int)d->code_len, d->code, t[at] - 1, i);
				if (err) err->rule_index = (int32_t)i;
				break;
			}
			at = (at + 1) & (cap - 1);
		}
		t[at] = (uint32_t)i + 1;
	}
	free(t);
	return st;
}

/*
 * Concatenates the enabled rules' programs, in priority order, into one: each
 * rule's RET_TRUE becomes a MATCH of its position.  match() then runs a single
 * dispatch loop instead of one call per rule.  Sets whose merged constant pool
 * would not fit the 16-bit operand keep the per-rule loop.
 */
static void link_all(seg_ruleset *rs)
{
	size_t ncode = 1, nconsts = 0;
	uint32_t max_stack = 1;
	for (uint32_t i = 0; i < rs->n; i++) {
		if (!rs->rules[i].enabled) continue;
		ncode += rs->rules[i].prog.ncode;
		nconsts += rs->rules[i].prog.nconsts;
		if (rs->rules[i].prog.max_stack > max_stack) max_stack = rs->rules[i].prog.max_stack;
	}
	rs->all.code = NULL;
	if (nconsts > 65535 || ncode > UINT32_MAX / 2) return;
	seg_insn *code = seg_arena_alloc(&rs->arena, sizeof(seg_insn) * ncode);
	seg_value *consts = seg_arena_alloc(&rs->arena, sizeof(seg_value) * (nconsts ? nconsts : 1));
	if (!code || !consts) return;
	uint32_t at = 0, kat = 0;
	for (uint32_t i = 0; i < rs->n; i++) {
		const seg_prog *p = &rs->rules[i].prog;
		if (!rs->rules[i].enabled) continue;
		/* The last instruction is the rule's RET_FALSE: not copied, so a
		 * jump to it lands on the next rule, which is what "no match" means. */
		for (uint32_t j = 0; j + 1 < p->ncode; j++) {
			seg_insn in = p->code[j];
			switch ((seg_op)in.op) {
			case SEG_OP_JF: case SEG_OP_JT: case SEG_OP_JFP: case SEG_OP_JTP:
				in.b += at;
				break;
			case SEG_OP_CONST:
				in.b += kat;
				break;
			case SEG_OP_CMP_SC: case SEG_OP_CMP_SC_NUM: case SEG_OP_EQ_SC_STR: case SEG_OP_IN_SC_STR:
			case SEG_OP_IN_SC:
				in.a = (uint16_t)(in.a + kat);
				break;
			case SEG_OP_TEST_CMP: case SEG_OP_TEST_NUM: case SEG_OP_TEST_STR_EQ: case SEG_OP_TEST_IN:
			case SEG_OP_TEST_IN_STR: case SEG_OP_TEST_CONTAINS: case SEG_OP_TEST_AFFIX: case SEG_OP_TEST_TOP:
			case SEG_OP_TEST_BETWEEN_TOP:
				in.a = (uint16_t)(in.a + kat);
				in.c += at;
				break;
			case SEG_OP_TEST_NULL: case SEG_OP_TEST_SLOT: case SEG_OP_JUMP_IF: case SEG_OP_JMP:
				in.c += at;
				break;
			case SEG_OP_RET_TRUE:
				in.op = SEG_OP_MATCH;
				in.b = i;
				break;
			default:
				break;
			}
			code[at + j] = in;
		}
		memcpy(consts + kat, p->consts, sizeof(seg_value) * p->nconsts);
		at += p->ncode - 1;
		kat += p->nconsts;
	}
	code[at].op = SEG_OP_RET_FALSE;
	code[at].flag = 0;
	code[at].a = 0;
	code[at].b = 0;
	code[at].c = 0;
	rs->all.code = code;
	rs->all.ncode = at + 1;
	rs->all.consts = consts;
	rs->all.nconsts = kat;
	rs->all.max_stack = max_stack;
}

seg_status seg_ruleset_compile(const seg_rule_def *defs, size_t n, const seg_limits *limits,
                               seg_ruleset **out, seg_error *err)
{
	seg_error_clear(err);
	*out = NULL;
	if (n > SEG_MAX_RULES) return seg_error_set(err, SEG_E_LIMIT, "a rule set holds at most %u rules", SEG_MAX_RULES);
	TRY(check_codes(defs, n, err));

	seg_ruleset *rs = calloc(1, sizeof *rs);
	if (!rs) return seg_error_set(err, SEG_E_NOMEM, "out of memory");
	seg_arena_init(&rs->arena, NULL, 0);
	seg_slots_init(&rs->slots, &rs->arena);
	rs->limits.max_rule_len = limits && limits->max_rule_len ? limits->max_rule_len : SEG_DEFAULT_MAX_RULE_LEN;
	rs->limits.max_depth = limits && limits->max_depth ? limits->max_depth : SEG_DEFAULT_MAX_DEPTH;
	rs->rules = seg_arena_alloc(&rs->arena, sizeof(seg_rule) * (n ? n : 1));
	if (!rs->rules) {
		seg_ruleset_free(rs);
		return seg_error_set(err, SEG_E_NOMEM, "out of memory");
	}

	seg_arena tmp; /* syntax trees, one rule at a time */
	char tmpbuf[8192];
	seg_arena_init(&tmp, tmpbuf, sizeof tmpbuf);
	seg_status st = SEG_OK;
	for (size_t i = 0; i < n; i++) {
		const seg_rule_def *d = &defs[i];
		seg_rule *r = &rs->rules[i];
		r->def_index = (uint32_t)i;
		r->priority = d->priority;
		r->enabled = d->enabled;
		r->code.s = dup_bytes(&rs->arena, d->code, d->code_len);
		r->code.len = d->code_len;
		r->text.s = dup_bytes(&rs->arena, d->rule ? d->rule : "", d->rule_len);
		r->text.len = d->rule_len;
		if (!r->code.s || !r->text.s) {
			st = seg_error_set(err, SEG_E_NOMEM, "out of memory");
			break;
		}
		seg_node *root;
		seg_arena_reset(&tmp);
		st = seg_parse(r->text.s, r->text.len, &rs->limits, &tmp, &root, err);
		if (!st) {
			seg_compiler c = {&rs->arena, &rs->slots, err, r->text.s};
			st = seg_compile(&c, root, true, &r->prog);
		}
		if (st) {
			if (err) err->rule_index = (int32_t)i;
			break;
		}
		rs->n++;
	}
	seg_arena_free(&tmp);
	if (st) {
		seg_ruleset_free(rs);
		return st;
	}
	qsort(rs->rules, rs->n, sizeof(seg_rule), by_priority);
	link_all(rs);
	*out = rs;
	return SEG_OK;
}

void seg_ruleset_free(seg_ruleset *rs)
{
	if (!rs) return;
	seg_slots_free(&rs->slots);
	seg_arena_free(&rs->arena);
	free(rs);
}

size_t seg_ruleset_count(const seg_ruleset *rs) { return rs->n; }
uint32_t seg_ruleset_def_index(const seg_ruleset *rs, size_t pos) { return rs->rules[pos].def_index; }
bool seg_ruleset_enabled(const seg_ruleset *rs, size_t pos) { return rs->rules[pos].enabled; }
int64_t seg_ruleset_priority(const seg_ruleset *rs, size_t pos) { return rs->rules[pos].priority; }
seg_str seg_ruleset_code(const seg_ruleset *rs, size_t pos) { return rs->rules[pos].code; }
size_t seg_ruleset_slot_count(const seg_ruleset *rs) { return rs->slots.n; }
const seg_path *seg_ruleset_slot(const seg_ruleset *rs, size_t slot) { return &rs->slots.paths[slot]; }

int64_t seg_ruleset_find(const seg_ruleset *rs, const char *code, size_t len)
{
	for (uint32_t i = 0; i < rs->n; i++)
		if (rs->rules[i].code.len == len && memcmp(rs->rules[i].code.s, code, len) == 0) return i;
	return -1;
}

size_t seg_ruleset_memory(const seg_ruleset *rs)
{
	return sizeof *rs + rs->arena.spilled + rs->slots.cap * sizeof(seg_path) + rs->slots.tcap * sizeof(uint32_t);
}

seg_status seg_ruleset_eval(const seg_ruleset *rs, size_t pos, seg_env *env, bool *result, seg_error *err)
{
	seg_value v;
	TRY(seg_vm_run(&rs->rules[pos].prog, env, &v, NULL, err));
	*result = v.u.b; /* compiled as a condition: always a bool */
	return SEG_OK;
}

seg_status seg_ruleset_match(const seg_ruleset *rs, seg_env *env, uint32_t *out, size_t *n_out,
                             size_t max_matches, seg_error *err)
{
	seg_value v;
	if (rs->all.code) {
		seg_emit emit = {out, 0, max_matches};
		seg_status st = seg_vm_run(&rs->all, env, &v, &emit, err);
		*n_out = emit.n;
		return st;
	}
	size_t cnt = 0;
	for (uint32_t i = 0; i < rs->n; i++) {
		if (!rs->rules[i].enabled) continue;
		seg_status st = seg_vm_run(&rs->rules[i].prog, env, &v, NULL, err);
		if (st) {
			*n_out = cnt;
			return st;
		}
		if (v.u.b) {
			out[cnt++] = i;
			if (max_matches && cnt == max_matches) break;
		}
	}
	*n_out = cnt;
	return SEG_OK;
}

/* ---- validate ----------------------------------------------------------- */

static void report_paths(const seg_node *n, seg_path_fn attr, void *ud)
{
	if (n->kind == SEG_N_PATH) attr(ud, &n->path.text, n->line, n->column);
	for (uint32_t i = 0; i < n->nkids; i++) report_paths(n->kids[i], attr, ud);
}

seg_status seg_rule_validate(const char *rule, size_t len, const seg_limits *limits, seg_path_fn attr,
                             void *ud, seg_error *err)
{
	seg_error_clear(err);
	seg_arena tmp;
	char buf[8192];
	seg_arena_init(&tmp, buf, sizeof buf);
	seg_slots slots;
	seg_slots_init(&slots, &tmp);
	seg_node *root;
	seg_prog prog;
	seg_status st = seg_parse(rule, len, limits, &tmp, &root, err);
	if (!st) {
		seg_compiler c = {&tmp, &slots, err, rule};
		st = seg_compile(&c, root, true, &prog);
	}
	if (!st && attr) report_paths(root, attr, ud);
	seg_slots_free(&slots);
	seg_arena_free(&tmp);
	return st;
}

/* ---- explain ------------------------------------------------------------ */

typedef struct explainer {
	seg_env *env;
	seg_explain_fn fn;
	void *ud;
	seg_error *err;
	seg_arena *tmp;
	seg_slots *slots;
	const char *src;
} explainer;

static seg_status run_node(explainer *x, const seg_node *n, bool condition, seg_value *out)
{
	seg_prog prog;
	seg_compiler c = {x->tmp, x->slots, x->err, x->src};
	TRY(seg_compile(&c, n, condition, &prog));
	return seg_vm_run(&prog, x->env, out, NULL, x->err);
}

static seg_status explain_node(explainer *x, const seg_node *n, uint32_t depth, bool *result)
{
	seg_explain_node info;
	memset(&info, 0, sizeof info);
	info.depth = depth;
	info.text.s = x->src + n->start;
	info.text.len = n->end - n->start;

	if (n->kind == SEG_N_AND || n->kind == SEG_N_OR) {
		/* Every child is evaluated: the admin wants to see all of them. */
		bool is_and = n->kind == SEG_N_AND, r = is_and;
		for (uint32_t i = 0; i < n->nkids; i++) {
			bool kr;
			TRY(explain_node(x, n->kids[i], depth + 1, &kr));
			r = is_and ? (r && kr) : (r || kr);
		}
		info.kind = is_and ? SEG_EXPLAIN_AND : SEG_EXPLAIN_OR;
		info.result = r;
	} else if (n->kind == SEG_N_NOT) {
		bool kr;
		TRY(explain_node(x, n->kids[0], depth + 1, &kr));
		info.kind = SEG_EXPLAIN_NOT;
		info.result = !kr;
	} else {
		seg_value v;
		TRY(run_node(x, n, true, &v));
		info.kind = SEG_EXPLAIN_CONDITION;
		info.result = v.u.b;
		switch ((seg_node_kind)n->kind) {
		case SEG_N_CMP: case SEG_N_IN: case SEG_N_CONTAINS: case SEG_N_STARTS: case SEG_N_ENDS:
		case SEG_N_BETWEEN: case SEG_N_ISNULL:
			for (uint32_t i = 0; i < n->nkids && i < 3; i++) TRY(run_node(x, n->kids[i], false, &info.values[i]));
			info.nvalues = n->nkids < 3 ? n->nkids : 3;
			break;
		default:
			TRY(run_node(x, n, false, &info.values[0]));
			info.nvalues = 1;
		}
	}
	x->fn(x->ud, &info);
	*result = info.result;
	return SEG_OK;
}

seg_status seg_ruleset_explain(const seg_ruleset *rs, size_t pos, seg_env *env, seg_explain_fn fn, void *ud,
                               seg_error *err)
{
	seg_error_clear(err);
	const seg_rule *r = &rs->rules[pos];
	seg_arena tmp;
	seg_arena_init(&tmp, NULL, 0);
	seg_slots frozen = rs->slots; /* shallow: lookups only */
	frozen.frozen = true;
	explainer x = {env, fn, ud, err, &tmp, &frozen, r->text.s};
	seg_node *root;
	bool result;
	/* The date memo is keyed by string address, and explain's constants live
	 * in a temporary arena whose addresses the next explain() reuses. */
	env->date_memo[0].s = env->date_memo[1].s = NULL;
	seg_status st = seg_parse(r->text.s, r->text.len, &rs->limits, &tmp, &root, err);
	if (!st) st = explain_node(&x, root, 0, &result);
	seg_arena_free(&tmp);
	env->date_memo[0].s = env->date_memo[1].s = NULL;
	return st;
}
