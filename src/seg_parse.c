/*
 * seg_parse.c - recursive-descent parser of the rule language.
 *
 * Precedence, loosest first:
 *   or | and | not | comparison (==, !=, <, <=, >, >=, in, not in, contains,
 *   does not contain, starts with, ends with, between, is [not] null,
 *   is [not] one of) | + - | * / % | unary - | primary
 * A comparison takes one operator: `a < b < c` is an error, not a surprise.
 */
#include <stdio.h>
#include <string.h>

#include "seg_ast.h"
#include "seg_func.h"
#include "seg_lex.h"

typedef struct parser {
	seg_lexer lx;
	seg_token tok;  /* current token */
	seg_token peek; /* one-token lookahead, valid when has_peek */
	bool has_peek;
	seg_arena *arena;
	seg_error *err;
	uint32_t depth;
	uint32_t max_depth;
	uint32_t prev_end; /* byte offset just past the previous token */
	bool force_list;   /* the next '(' opens a list even with one item */
} parser;

static seg_status next(parser *p)
{
	p->prev_end = p->tok.start + p->tok.len;
	if (p->has_peek) {
		p->tok = p->peek;
		p->has_peek = false;
		return SEG_OK;
	}
	return seg_lex_next(&p->lx, &p->tok, p->err);
}

static seg_status peek(parser *p, seg_token **out)
{
	if (!p->has_peek) {
		seg_status st = seg_lex_next(&p->lx, &p->peek, p->err);
		if (st) return st;
		p->has_peek = true;
	}
	*out = &p->peek;
	return SEG_OK;
}

static bool tok_is_word(const seg_token *t, const char *w)
{
	size_t n = strlen(w);
	if (t->kind != SEG_TK_IDENT || t->v.str.len != n) return false;
	for (size_t i = 0; i < n; i++) {
		char c = t->v.str.s[i];
		if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
		if (c != w[i]) return false;
	}
	return true;
}

static seg_status syntax_error_at(parser *p, const seg_token *t, const char *expected)
{
	char found[48];
	if (t->kind == SEG_TK_IDENT || t->kind == SEG_TK_STRING)
		snprintf(found, sizeof found, "%s \"%.*s\"", t->kind == SEG_TK_IDENT ? "name" : "string",
		         (int)(t->v.str.len > 24 ? 24 : t->v.str.len), t->v.str.s);
	else if (t->kind == SEG_TK_INT || t->kind == SEG_TK_FLOAT)
		snprintf(found, sizeof found, "number %.*s", (int)(t->len > 24 ? 24 : t->len), p->lx.src + t->start);
	else
		snprintf(found, sizeof found, "%s", seg_tok_describe(t->kind));
	seg_error_set(p->err, SEG_E_SYNTAX, "expected %s, found %s", expected, found);
	if (p->err) {
		p->err->line = t->line;
		p->err->column = t->column;
		snprintf(p->err->expected, sizeof p->err->expected, "%s", expected);
	}
	return SEG_E_SYNTAX;
}

static seg_node *new_node(parser *p, seg_node_kind kind, const seg_token *at)
{
	seg_node *n = seg_arena_alloc(p->arena, sizeof *n);
	if (!n) return NULL;
	memset(n, 0, sizeof *n);
	n->kind = (uint8_t)kind;
	n->start = at->start;
	n->end = at->start + at->len;
	n->line = at->line;
	n->column = at->column;
	n->lit = seg_null();
	n->height = 1;
	return n;
}

/*
 * The tree's height bounds the compiler's recursion and the evaluation stack.
 * Loops such as `a + b + c ...` build left-deep trees without recursing in
 * the parser, so the height is checked here rather than only on entry.
 */
static seg_status check_height(parser *p, seg_node *n)
{
	uint32_t h = 0;
	for (uint32_t i = 0; i < n->nkids; i++)
		if (n->kids[i] && n->kids[i]->height > h) h = n->kids[i]->height;
	n->height = h + 1;
	if (n->height > p->max_depth * 4) {
		seg_error_set(p->err, SEG_E_LIMIT, "the rule is nested more than %u levels deep", p->max_depth * 4);
		if (p->err) { p->err->line = n->line; p->err->column = n->column; }
		return SEG_E_LIMIT;
	}
	return SEG_OK;
}

static seg_node *new_parent(parser *p, seg_node_kind kind, seg_node *first, uint32_t nkids)
{
	seg_node *n = seg_arena_alloc(p->arena, sizeof *n);
	seg_node **kids = seg_arena_alloc(p->arena, sizeof(seg_node *) * (nkids ? nkids : 1));
	if (!n || !kids) return NULL;
	memset(n, 0, sizeof *n);
	n->kind = (uint8_t)kind;
	n->kids = kids;
	n->nkids = nkids;
	kids[0] = first;
	n->start = first->start;
	n->end = first->end;
	n->line = first->line;
	n->column = first->column;
	n->lit = seg_null();
	return n;
}

#define NOMEM(p) seg_error_set((p)->err, SEG_E_NOMEM, "out of memory")
#define TRY(x) do { seg_status st_ = (x); if (st_) return st_; } while (0)

static seg_status parse_or(parser *p, seg_node **out);
static seg_status parse_add(parser *p, seg_node **out);

static seg_status enter(parser *p)
{
	if (++p->depth > p->max_depth) {
		seg_error_set(p->err, SEG_E_LIMIT, "the rule is nested more than %u levels deep", p->max_depth);
		if (p->err) {
			p->err->line = p->tok.line;
			p->err->column = p->tok.column;
		}
		return SEG_E_LIMIT;
	}
	return SEG_OK;
}

/* Items up to the closing token; the opening one is current. */
static seg_status parse_items(parser *p, seg_tok close, seg_node ***items, uint32_t *n, uint32_t max,
                              const char *what, bool *trailing_comma)
{
	*trailing_comma = false;
	uint32_t cap = 4, cnt = 0;
	seg_node **v = seg_arena_alloc(p->arena, sizeof(seg_node *) * cap);
	if (!v) return NOMEM(p);
	TRY(next(p));
	if (p->tok.kind != close) {
		for (;;) {
			if (cnt == max) {
				seg_error_set(p->err, SEG_E_LIMIT, "too many %s (at most %u)", what, max);
				if (p->err) { p->err->line = p->tok.line; p->err->column = p->tok.column; }
				return SEG_E_LIMIT;
			}
			seg_node *it;
			TRY(parse_or(p, &it));
			if (cnt == cap) {
				seg_node **nv = seg_arena_alloc(p->arena, sizeof(seg_node *) * cap * 2);
				if (!nv) return NOMEM(p);
				memcpy(nv, v, sizeof(seg_node *) * cap);
				v = nv;
				cap *= 2;
			}
			v[cnt++] = it;
			if (p->tok.kind == SEG_TK_COMMA) {
				TRY(next(p));
				if (p->tok.kind == close) {
					*trailing_comma = true;
					break;
				}
				continue;
			}
			if (p->tok.kind == close) break;
			return syntax_error_at(p, &p->tok, close == SEG_TK_RPAREN ? "',' or ')'" : "',' or ']'");
		}
	}
	*items = v;
	*n = cnt;
	return SEG_OK;
}

static seg_status parse_primary(parser *p, seg_node **out)
{
	seg_token t = p->tok;
	seg_node *n;
	switch (t.kind) {
	case SEG_TK_INT:
	case SEG_TK_FLOAT:
	case SEG_TK_STRING:
	case SEG_TK_TRUE:
	case SEG_TK_FALSE:
	case SEG_TK_NULL:
		if (!(n = new_node(p, SEG_N_LIT, &t))) return NOMEM(p);
		if (t.kind == SEG_TK_INT) n->lit = seg_int(t.v.i);
		else if (t.kind == SEG_TK_FLOAT) n->lit = seg_float(t.v.f);
		else if (t.kind == SEG_TK_STRING) n->lit = seg_string(t.v.str.s, t.v.str.len);
		else if (t.kind == SEG_TK_NULL) n->lit = seg_null();
		else n->lit = seg_bool(t.kind == SEG_TK_TRUE);
		TRY(next(p));
		*out = n;
		return SEG_OK;

	case SEG_TK_LPAREN:
	case SEG_TK_LBRACK: {
		/* (expr) groups; (a, b), (a,), () and [a, b] are lists. */
		bool paren = t.kind == SEG_TK_LPAREN;
		bool force_list = p->force_list;
		p->force_list = false;
		seg_node **items;
		uint32_t cnt;
		bool trailing_comma;
		TRY(parse_items(p, paren ? SEG_TK_RPAREN : SEG_TK_RBRACK, &items, &cnt, 4096, "list items",
		                &trailing_comma));
		uint32_t end = p->tok.start + p->tok.len;
		TRY(next(p)); /* the closing bracket */
		if (paren && cnt == 1 && !trailing_comma && !force_list) {
			n = items[0];
			/* Keep the parentheses in the node's text for explain(), but
			 * not in its position: errors and validate() point at the
			 * thing itself, `age` in `(age) > 1`. */
			n->start = t.start;
			n->end = end;
			*out = n;
			return SEG_OK;
		}
		if (!(n = new_node(p, SEG_N_LIST, &t))) return NOMEM(p);
		n->kids = items;
		n->nkids = cnt;
		n->end = end;
		TRY(check_height(p, n));
		*out = n;
		return SEG_OK;
	}

	case SEG_TK_IDENT: {
		seg_token *pk;
		TRY(peek(p, &pk));
		if (pk->kind == SEG_TK_LPAREN) {
			int fn = seg_func_lookup(t.v.str.s, t.v.str.len);
			if (fn < 0) {
				seg_error_set(p->err, SEG_E_SYNTAX, "unknown function '%.*s'", (int)t.v.str.len, t.v.str.s);
				if (p->err) {
					p->err->line = t.line;
					p->err->column = t.column;
					snprintf(p->err->expected, sizeof p->err->expected, "a known function");
				}
				return SEG_E_SYNTAX;
			}
			TRY(next(p)); /* now at '(' */
			seg_node **args;
			uint32_t cnt;
			bool trailing;
			TRY(parse_items(p, SEG_TK_RPAREN, &args, &cnt, SEG_MAX_CALL_ARGS, "function arguments", &trailing));
			if (!(n = new_node(p, SEG_N_CALL, &t))) return NOMEM(p);
			n->fn = (uint16_t)fn;
			n->kids = args;
			n->nkids = cnt;
			n->end = p->tok.start + p->tok.len;
			TRY(check_height(p, n));
			TRY(next(p));
			*out = n;
			return SEG_OK;
		}
		/* An attribute path: name { '.' name } */
		seg_str segs[SEG_MAX_PATH_SEGMENTS];
		uint32_t nseg = 0;
		segs[nseg].s = t.v.str.s;
		segs[nseg++].len = t.v.str.len;
		uint32_t end = t.start + t.len;
		TRY(next(p));
		while (p->tok.kind == SEG_TK_DOT) {
			TRY(next(p));
			/* After a dot any word is a name, keywords included (cart.in). */
			bool wordlike = p->tok.kind == SEG_TK_IDENT ||
			                (p->tok.kind >= SEG_TK_AND && p->tok.kind <= SEG_TK_CONTAINS);
			if (!wordlike) return syntax_error_at(p, &p->tok, "an attribute name after '.'");
			if (nseg == SEG_MAX_PATH_SEGMENTS) {
				seg_error_set(p->err, SEG_E_LIMIT, "an attribute path has at most %u parts", SEG_MAX_PATH_SEGMENTS);
				if (p->err) { p->err->line = p->tok.line; p->err->column = p->tok.column; }
				return SEG_E_LIMIT;
			}
			segs[nseg].s = p->lx.src + p->tok.start;
			segs[nseg++].len = p->tok.len;
			end = p->tok.start + p->tok.len;
			TRY(next(p));
		}
		if (!(n = new_node(p, SEG_N_PATH, &t))) return NOMEM(p);
		/* The path's text is canonical ("cart.total" even when written
		 * "cart . total") because it is the slot's identity. */
		size_t tlen = nseg - 1;
		for (uint32_t i = 0; i < nseg; i++) tlen += segs[i].len;
		seg_str *copy = seg_arena_alloc(p->arena, sizeof(seg_str) * nseg);
		char *text = seg_arena_alloc(p->arena, tlen + 1);
		if (!copy || !text) return NOMEM(p);
		size_t at = 0;
		for (uint32_t i = 0; i < nseg; i++) {
			if (i) text[at++] = '.';
			memcpy(text + at, segs[i].s, segs[i].len);
			copy[i].s = text + at;
			copy[i].len = segs[i].len;
			at += segs[i].len;
		}
		text[at] = '\0';
		n->path.segs = copy;
		n->path.nsegs = nseg;
		n->path.text.s = text;
		n->path.text.len = tlen;
		n->end = end;
		*out = n;
		return SEG_OK;
	}
	default:
		return syntax_error_at(p, &t, "a value, an attribute or '('");
	}
}

static seg_status parse_unary(parser *p, seg_node **out)
{
	if (p->tok.kind == SEG_TK_MINUS || p->tok.kind == SEG_TK_PLUS) {
		seg_token t = p->tok;
		TRY(enter(p));
		TRY(next(p));
		seg_node *operand;
		TRY(parse_unary(p, &operand));
		p->depth--;
		if (t.kind == SEG_TK_PLUS) {
			*out = operand;
			return SEG_OK;
		}
		/* Fold negative literals so `-5` is a constant. */
		if (operand->kind == SEG_N_LIT && operand->lit.type == SEG_T_INT && operand->lit.u.i != INT64_MIN) {
			operand->lit.u.i = -operand->lit.u.i;
			operand->start = t.start;
			operand->line = t.line;
			operand->column = t.column;
			*out = operand;
			return SEG_OK;
		}
		if (operand->kind == SEG_N_LIT && operand->lit.type == SEG_T_FLOAT) {
			operand->lit.u.f = -operand->lit.u.f;
			operand->start = t.start;
			operand->line = t.line;
			operand->column = t.column;
			*out = operand;
			return SEG_OK;
		}
		seg_node *n = new_parent(p, SEG_N_NEG, operand, 1);
		if (!n) return NOMEM(p);
		n->start = t.start;
		n->line = t.line;
		n->column = t.column;
		TRY(check_height(p, n));
		*out = n;
		return SEG_OK;
	}
	TRY(enter(p));
	seg_status st = parse_primary(p, out);
	p->depth--;
	return st;
}

static seg_status parse_binary_arith(parser *p, seg_node **out, bool mul)
{
	seg_node *lhs;
	TRY(mul ? parse_unary(p, &lhs) : parse_binary_arith(p, &lhs, true));
	for (;;) {
		seg_tok k = p->tok.kind;
		uint8_t op;
		if (mul && k == SEG_TK_STAR) op = SEG_ARITH_MUL;
		else if (mul && k == SEG_TK_SLASH) op = SEG_ARITH_DIV;
		else if (mul && k == SEG_TK_PERCENT) op = SEG_ARITH_MOD;
		else if (!mul && k == SEG_TK_PLUS) op = SEG_ARITH_ADD;
		else if (!mul && k == SEG_TK_MINUS) op = SEG_ARITH_SUB;
		else break;
		TRY(enter(p));
		TRY(next(p));
		seg_node *rhs;
		TRY(mul ? parse_unary(p, &rhs) : parse_binary_arith(p, &rhs, true));
		p->depth--;
		seg_node *n = new_parent(p, SEG_N_ARITH, lhs, 2);
		if (!n) return NOMEM(p);
		n->op = op;
		n->kids[1] = rhs;
		n->end = rhs->end;
		TRY(check_height(p, n));
		lhs = n;
	}
	*out = lhs;
	return SEG_OK;
}

static seg_status parse_add(parser *p, seg_node **out) { return parse_binary_arith(p, out, false); }

static bool is_cmp_start(const parser *p)
{
	seg_tok k = p->tok.kind;
	return (k >= SEG_TK_EQ && k <= SEG_TK_GE) || k == SEG_TK_IN || k == SEG_TK_BETWEEN ||
	       k == SEG_TK_IS || k == SEG_TK_CONTAINS || tok_is_word(&p->tok, "starts") ||
	       tok_is_word(&p->tok, "ends") || tok_is_word(&p->tok, "does");
}

static seg_status expect_word(parser *p, const char *w, const char *expected)
{
	if (!tok_is_word(&p->tok, w)) return syntax_error_at(p, &p->tok, expected);
	return next(p);
}

static seg_status parse_cmp(parser *p, seg_node **out)
{
	seg_node *lhs;
	TRY(parse_add(p, &lhs));

	bool negated = false;
	seg_node_kind kind;
	uint8_t op = 0;
	seg_token optok = p->tok;

	if (p->tok.kind == SEG_TK_NOT) {
		/* x not in / not contains / not between / not starts with / not ends with */
		seg_token *pk;
		TRY(peek(p, &pk));
		if (!(pk->kind == SEG_TK_IN || pk->kind == SEG_TK_CONTAINS || pk->kind == SEG_TK_BETWEEN ||
		      tok_is_word(pk, "starts") || tok_is_word(pk, "ends"))) {
			*out = lhs;
			return syntax_error_at(p, &p->tok, "'in', 'contains', 'between', 'starts with' or 'ends with' after 'not'");
		}
		negated = true;
		TRY(next(p));
	}
	if (!negated && !is_cmp_start(p)) {
		*out = lhs;
		return SEG_OK;
	}

	seg_tok k = p->tok.kind;
	if (k >= SEG_TK_EQ && k <= SEG_TK_GE) {
		kind = SEG_N_CMP;
		op = (uint8_t)(SEG_CMP_EQ + (k - SEG_TK_EQ));
		TRY(next(p));
	} else if (k == SEG_TK_IN) {
		kind = SEG_N_IN;
		TRY(next(p));
	} else if (k == SEG_TK_CONTAINS) {
		kind = SEG_N_CONTAINS;
		TRY(next(p));
	} else if (k == SEG_TK_BETWEEN) {
		kind = SEG_N_BETWEEN;
		TRY(next(p));
	} else if (tok_is_word(&p->tok, "starts")) {
		kind = SEG_N_STARTS;
		TRY(next(p));
		TRY(expect_word(p, "with", "'with' after 'starts'"));
	} else if (tok_is_word(&p->tok, "ends")) {
		kind = SEG_N_ENDS;
		TRY(next(p));
		TRY(expect_word(p, "with", "'with' after 'ends'"));
	} else if (tok_is_word(&p->tok, "does")) {
		/* Magento's wording: does not contain */
		TRY(next(p));
		if (p->tok.kind != SEG_TK_NOT) return syntax_error_at(p, &p->tok, "'not' after 'does'");
		TRY(next(p));
		if (!tok_is_word(&p->tok, "contain") && p->tok.kind != SEG_TK_CONTAINS)
			return syntax_error_at(p, &p->tok, "'contain' after 'does not'");
		TRY(next(p));
		kind = SEG_N_CONTAINS;
		negated = true;
	} else { /* is [not] null | is [not] one of */
		TRY(next(p));
		if (p->tok.kind == SEG_TK_NOT) {
			negated = true;
			TRY(next(p));
		}
		if (p->tok.kind == SEG_TK_NULL) {
			TRY(next(p));
			seg_node *n = new_parent(p, SEG_N_ISNULL, lhs, 1);
			if (!n) return NOMEM(p);
			n->negated = negated;
			n->end = p->prev_end;
			TRY(check_height(p, n));
			*out = n;
			goto check_chain;
		}
		if (tok_is_word(&p->tok, "one")) {
			TRY(next(p));
			TRY(expect_word(p, "of", "'of' after 'one'"));
			kind = SEG_N_IN;
		} else {
			return syntax_error_at(p, &p->tok, negated ? "'null' or 'one of' after 'is not'" : "'null', 'not' or 'one of' after 'is'");
		}
	}
	(void)optok;

	TRY(enter(p));
	seg_node *rhs;
	/* `country in ("FR")` means a one-item list, not the string "FR". */
	p->force_list = kind == SEG_N_IN && p->tok.kind == SEG_TK_LPAREN;
	TRY(parse_add(p, &rhs));
	seg_node *n = new_parent(p, kind, lhs, kind == SEG_N_BETWEEN ? 3 : 2);
	if (!n) return NOMEM(p);
	n->op = op;
	n->negated = negated;
	n->kids[1] = rhs;
	n->end = rhs->end;
	if (kind == SEG_N_BETWEEN) {
		if (p->tok.kind != SEG_TK_AND) return syntax_error_at(p, &p->tok, "'and' between the two bounds of 'between'");
		TRY(next(p));
		seg_node *hi;
		TRY(parse_add(p, &hi));
		n->kids[2] = hi;
		n->end = hi->end;
	}
	p->depth--;
	TRY(check_height(p, n));
	*out = n;

check_chain:
	if (is_cmp_start(p) || p->tok.kind == SEG_TK_NOT)
		return syntax_error_at(p, &p->tok, "'and', 'or', ')' or the end of the rule (comparisons do not chain)");
	return SEG_OK;
}

static seg_status parse_not(parser *p, seg_node **out)
{
	if (p->tok.kind == SEG_TK_NOT) {
		seg_token t = p->tok;
		TRY(enter(p));
		TRY(next(p));
		seg_node *operand;
		TRY(parse_not(p, &operand));
		p->depth--;
		seg_node *n = new_parent(p, SEG_N_NOT, operand, 1);
		if (!n) return NOMEM(p);
		n->start = t.start;
		n->line = t.line;
		n->column = t.column;
		TRY(check_height(p, n));
		*out = n;
		return SEG_OK;
	}
	return parse_cmp(p, out);
}

static seg_status parse_logic(parser *p, seg_node **out, bool is_and)
{
	seg_node *first;
	TRY(is_and ? parse_not(p, &first) : parse_logic(p, &first, true));
	seg_tok want = is_and ? SEG_TK_AND : SEG_TK_OR;
	if (p->tok.kind != want) {
		*out = first;
		return SEG_OK;
	}
	/* Flatten a chain a and b and c into one node with n children. */
	seg_node *items[64];
	seg_node **v = items;
	uint32_t cnt = 0, cap = 64;
	v[cnt++] = first;
	while (p->tok.kind == want) {
		TRY(next(p));
		seg_node *it;
		TRY(is_and ? parse_not(p, &it) : parse_logic(p, &it, true));
		if (cnt == cap) {
			seg_node **nv = seg_arena_alloc(p->arena, sizeof(seg_node *) * cap * 2);
			if (!nv) return NOMEM(p);
			memcpy(nv, v, sizeof(seg_node *) * cap);
			v = nv;
			cap *= 2;
		}
		v[cnt++] = it;
	}
	seg_node *n = new_parent(p, is_and ? SEG_N_AND : SEG_N_OR, first, cnt);
	if (!n) return NOMEM(p);
	memcpy(n->kids, v, sizeof(seg_node *) * cnt);
	n->end = v[cnt - 1]->end;
	TRY(check_height(p, n));
	*out = n;
	return SEG_OK;
}

static seg_status parse_or(parser *p, seg_node **out)
{
	TRY(enter(p));
	seg_status st = parse_logic(p, out, false);
	p->depth--;
	return st;
}

seg_status seg_parse(const char *src, size_t len, const seg_limits *limits, seg_arena *arena,
                     seg_node **out, seg_error *err)
{
	parser p;
	memset(&p, 0, sizeof p);
	size_t max_len = limits && limits->max_rule_len ? limits->max_rule_len : SEG_DEFAULT_MAX_RULE_LEN;
	p.max_depth = limits && limits->max_depth ? limits->max_depth : SEG_DEFAULT_MAX_DEPTH;
	if (len > max_len) {
		seg_error_set(err, SEG_E_LIMIT, "the rule is %zu bytes long; the limit is %zu", len, max_len);
		if (err) { err->line = 1; err->column = 1; }
		return SEG_E_LIMIT;
	}
	seg_lex_init(&p.lx, src, len, arena);
	p.arena = arena;
	p.err = err;
	TRY(next(&p));
	if (p.tok.kind == SEG_TK_EOF) {
		seg_error_set(err, SEG_E_SYNTAX, "the rule is empty");
		if (err) {
			err->line = p.tok.line;
			err->column = p.tok.column;
			snprintf(err->expected, sizeof err->expected, "a condition");
		}
		return SEG_E_SYNTAX;
	}
	seg_node *root;
	TRY(parse_or(&p, &root));
	if (p.tok.kind != SEG_TK_EOF)
		return syntax_error_at(&p, &p.tok, p.tok.kind == SEG_TK_RPAREN ? "the end of the rule (this ')' has no '(')" : "'and', 'or' or the end of the rule");
	*out = root;
	return SEG_OK;
}
