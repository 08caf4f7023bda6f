/*
 * seg_lex.c - tokenizer of the rule language.
 *
 * Positions are tracked as line and column in code points, because that is
 * what an admin sees in a text area and what the back office highlights.
 */
#include "seg_lex.h"

#include <stdio.h>
#include <string.h>

#include "seg_value.h"

void seg_lex_init(seg_lexer *lx, const char *src, size_t len, seg_arena *arena)
{
	lx->src = src;
	lx->len = len;
	lx->pos = 0;
	lx->line = 1;
	lx->col = 1;
	lx->arena = arena;
}

static void advance(seg_lexer *lx)
{
	unsigned char c = (unsigned char)lx->src[lx->pos++];
	if (c == '\n') {
		lx->line++;
		lx->col = 1;
	} else if ((c & 0xC0) != 0x80) {
		lx->col++; /* continuation bytes do not start a character */
	}
}

static seg_status lex_error(seg_lexer *lx, uint32_t line, uint32_t col, seg_error *err,
                            const char *expected, const char *msg)
{
	seg_error_set(err, SEG_E_SYNTAX, "%s", msg);
	if (err) {
		err->line = line;
		err->column = col;
		snprintf(err->expected, sizeof err->expected, "%s", expected);
	}
	(void)lx;
	return SEG_E_SYNTAX;
}

static bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
static bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }

static const struct { const char *word; seg_tok kind; } keywords[] = {
	{"and", SEG_TK_AND}, {"or", SEG_TK_OR}, {"not", SEG_TK_NOT}, {"in", SEG_TK_IN},
	{"between", SEG_TK_BETWEEN}, {"is", SEG_TK_IS}, {"null", SEG_TK_NULL},
	{"true", SEG_TK_TRUE}, {"false", SEG_TK_FALSE}, {"contains", SEG_TK_CONTAINS},
};
/* "starts with", "ends with", "does not contain", "is one of" are read by the
 * parser from plain names, so attributes may still be called `ends` or `one`. */

static seg_tok keyword(const char *s, size_t n)
{
	if (n > 8) return SEG_TK_IDENT;
	char low[9];
	for (size_t i = 0; i < n; i++) low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	low[n] = 0;
	for (size_t k = 0; k < sizeof keywords / sizeof keywords[0]; k++)
		if (strcmp(low, keywords[k].word) == 0) return keywords[k].kind;
	return SEG_TK_IDENT;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

static seg_status lex_string(seg_lexer *lx, seg_token *tok, seg_error *err)
{
	char quote = lx->src[lx->pos];
	advance(lx);
	/* Size the buffer by this literal's own source span (the decoded form is
	 * never longer), not by the rest of the rule: a rule of many strings
	 * must cost memory linear in its length. */
	size_t span = 0;
	while (lx->pos + span < lx->len && lx->src[lx->pos + span] != quote)
		span += lx->src[lx->pos + span] == '\\' ? 2 : 1;
	char *out = seg_arena_alloc(lx->arena, span + 1);
	if (!out) return seg_error_set(err, SEG_E_NOMEM, "out of memory");
	size_t n = 0;
	for (;;) {
		if (lx->pos >= lx->len)
			return lex_error(lx, tok->line, tok->column, err, "a closing quote",
			                 "this string is never closed");
		char c = lx->src[lx->pos];
		if (c == quote) {
			advance(lx);
			break;
		}
		if (c == '\\') {
			uint32_t el = lx->line, ec = lx->col;
			advance(lx);
			if (lx->pos >= lx->len)
				return lex_error(lx, tok->line, tok->column, err, "a closing quote",
				                 "this string is never closed");
			char e = lx->src[lx->pos];
			switch (e) {
			case '\\': case '"': case '\'': out[n++] = e; break;
			case 'n': out[n++] = '\n'; break;
			case 't': out[n++] = '\t'; break;
			case 'r': out[n++] = '\r'; break;
			case 'x': {
				int h1 = lx->pos + 2 < lx->len ? hexval(lx->src[lx->pos + 1]) : -1;
				int h2 = lx->pos + 2 < lx->len ? hexval(lx->src[lx->pos + 2]) : -1;
				if (h1 < 0 || h2 < 0)
					return lex_error(lx, el, ec, err, "two hex digits after \\x",
					                 "bad \\x escape: it takes two hex digits");
				out[n++] = (char)(h1 * 16 + h2);
				advance(lx);
				advance(lx);
				break;
			}
			default:
				return lex_error(lx, el, ec, err, "one of \\\\ \\\" \\' \\n \\t \\r \\xHH",
				                 "unknown escape sequence in string");
			}
			advance(lx);
			continue;
		}
		out[n++] = c;
		advance(lx);
	}
	tok->kind = SEG_TK_STRING;
	tok->v.str.s = out;
	tok->v.str.len = (uint32_t)n;
	return SEG_OK;
}

static seg_status lex_number(seg_lexer *lx, seg_token *tok, seg_error *err)
{
	size_t start = lx->pos;
	while (lx->pos < lx->len && lx->src[lx->pos] >= '0' && lx->src[lx->pos] <= '9') advance(lx);
	if (lx->pos + 1 < lx->len && lx->src[lx->pos] == '.' && lx->src[lx->pos + 1] >= '0' &&
	    lx->src[lx->pos + 1] <= '9') {
		advance(lx);
		while (lx->pos < lx->len && lx->src[lx->pos] >= '0' && lx->src[lx->pos] <= '9') advance(lx);
	}
	if (lx->pos < lx->len && (lx->src[lx->pos] == 'e' || lx->src[lx->pos] == 'E')) {
		size_t save = lx->pos;
		uint32_t sl = lx->line, sc = lx->col;
		advance(lx);
		if (lx->pos < lx->len && (lx->src[lx->pos] == '+' || lx->src[lx->pos] == '-')) advance(lx);
		if (lx->pos < lx->len && lx->src[lx->pos] >= '0' && lx->src[lx->pos] <= '9') {
			while (lx->pos < lx->len && lx->src[lx->pos] >= '0' && lx->src[lx->pos] <= '9') advance(lx);
		} else {
			lx->pos = save;
			lx->line = sl;
			lx->col = sc;
		}
	}
	if (lx->pos < lx->len && is_ident_char(lx->src[lx->pos]))
		return lex_error(lx, lx->line, lx->col, err, "an operator or the end of the number",
		                 "a number runs into letters");
	seg_value v;
	if (!seg_str_to_number(lx->src + start, lx->pos - start, &v))
		return lex_error(lx, tok->line, tok->column, err, "a number", "malformed number");
	if (v.type == SEG_T_INT) {
		tok->kind = SEG_TK_INT;
		tok->v.i = v.u.i;
	} else {
		tok->kind = SEG_TK_FLOAT;
		tok->v.f = v.u.f;
	}
	return SEG_OK;
}

seg_status seg_lex_next(seg_lexer *lx, seg_token *tok, seg_error *err)
{
	/* Skip whitespace and comments (# ... or // ... to end of line). */
	for (;;) {
		if (lx->pos >= lx->len) break;
		char c = lx->src[lx->pos];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			advance(lx);
		} else if (c == '#' || (c == '/' && lx->pos + 1 < lx->len && lx->src[lx->pos + 1] == '/')) {
			while (lx->pos < lx->len && lx->src[lx->pos] != '\n') advance(lx);
		} else {
			break;
		}
	}
	tok->start = (uint32_t)lx->pos;
	tok->line = lx->line;
	tok->column = lx->col;
	tok->len = 0;
	if (lx->pos >= lx->len) {
		tok->kind = SEG_TK_EOF;
		return SEG_OK;
	}
	char c = lx->src[lx->pos];
	char d = lx->pos + 1 < lx->len ? lx->src[lx->pos + 1] : '\0';
	seg_status st = SEG_OK;

	if (c == '"' || c == '\'') {
		st = lex_string(lx, tok, err);
	} else if (c >= '0' && c <= '9') {
		st = lex_number(lx, tok, err);
	} else if (is_ident_start(c)) {
		size_t s = lx->pos;
		while (lx->pos < lx->len && is_ident_char(lx->src[lx->pos])) advance(lx);
		tok->kind = keyword(lx->src + s, lx->pos - s);
		tok->v.str.s = lx->src + s;
		tok->v.str.len = (uint32_t)(lx->pos - s);
	} else {
		int two = 0;
		switch (c) {
		case '(': tok->kind = SEG_TK_LPAREN; break;
		case ')': tok->kind = SEG_TK_RPAREN; break;
		case '[': tok->kind = SEG_TK_LBRACK; break;
		case ']': tok->kind = SEG_TK_RBRACK; break;
		case ',': tok->kind = SEG_TK_COMMA; break;
		case '.': tok->kind = SEG_TK_DOT; break;
		case '+': tok->kind = SEG_TK_PLUS; break;
		case '-': tok->kind = SEG_TK_MINUS; break;
		case '*': tok->kind = SEG_TK_STAR; break;
		case '/': tok->kind = SEG_TK_SLASH; break;
		case '%': tok->kind = SEG_TK_PERCENT; break;
		case '=': tok->kind = SEG_TK_EQ; two = d == '='; break;
		case '!':
			if (d == '=') { tok->kind = SEG_TK_NE; two = 1; } else tok->kind = SEG_TK_NOT;
			break;
		case '<':
			if (d == '=') { tok->kind = SEG_TK_LE; two = 1; }
			else if (d == '>') { tok->kind = SEG_TK_NE; two = 1; }
			else tok->kind = SEG_TK_LT;
			break;
		case '>':
			if (d == '=') { tok->kind = SEG_TK_GE; two = 1; } else tok->kind = SEG_TK_GT;
			break;
		case '&':
			if (d != '&') return lex_error(lx, tok->line, tok->column, err, "'&&' or 'and'", "a single '&' is not an operator; write 'and'");
			tok->kind = SEG_TK_AND; two = 1;
			break;
		case '|':
			if (d != '|') return lex_error(lx, tok->line, tok->column, err, "'||' or 'or'", "a single '|' is not an operator; write 'or'");
			tok->kind = SEG_TK_OR; two = 1;
			break;
		default: {
			char msg[64];
			unsigned char u = (unsigned char)c;
			if (u >= 0x20 && u < 0x7F)
				snprintf(msg, sizeof msg, "unexpected character '%c'", c);
			else
				snprintf(msg, sizeof msg, "unexpected character (byte 0x%02X)", u);
			return lex_error(lx, tok->line, tok->column, err, "an attribute, a value or an operator", msg);
		}
		}
		advance(lx);
		if (two) advance(lx);
	}
	tok->len = (uint32_t)(lx->pos - tok->start);
	return st;
}

const char *seg_tok_describe(seg_tok k)
{
	switch (k) {
	case SEG_TK_EOF: return "the end of the rule";
	case SEG_TK_INT: case SEG_TK_FLOAT: return "a number";
	case SEG_TK_STRING: return "a string";
	case SEG_TK_IDENT: return "a name";
	case SEG_TK_LPAREN: return "'('";
	case SEG_TK_RPAREN: return "')'";
	case SEG_TK_LBRACK: return "'['";
	case SEG_TK_RBRACK: return "']'";
	case SEG_TK_COMMA: return "','";
	case SEG_TK_DOT: return "'.'";
	case SEG_TK_EQ: return "'=='";
	case SEG_TK_NE: return "'!='";
	case SEG_TK_LT: return "'<'";
	case SEG_TK_LE: return "'<='";
	case SEG_TK_GT: return "'>'";
	case SEG_TK_GE: return "'>='";
	case SEG_TK_PLUS: return "'+'";
	case SEG_TK_MINUS: return "'-'";
	case SEG_TK_STAR: return "'*'";
	case SEG_TK_SLASH: return "'/'";
	case SEG_TK_PERCENT: return "'%'";
	case SEG_TK_AND: return "'and'";
	case SEG_TK_OR: return "'or'";
	case SEG_TK_NOT: return "'not'";
	case SEG_TK_IN: return "'in'";
	case SEG_TK_BETWEEN: return "'between'";
	case SEG_TK_IS: return "'is'";
	case SEG_TK_NULL: return "'null'";
	case SEG_TK_TRUE: return "'true'";
	case SEG_TK_FALSE: return "'false'";
	case SEG_TK_CONTAINS: return "'contains'";
	}
	return "a token";
}
