/*
 * seg_lex.h - tokenizer of the rule language.
 */
#ifndef SEG_LEX_H
#define SEG_LEX_H

#include <stddef.h>
#include <stdint.h>

#include "seg_arena.h"
#include "seg_error.h"

typedef enum seg_tok {
	SEG_TK_EOF = 0,
	SEG_TK_INT, SEG_TK_FLOAT, SEG_TK_STRING, SEG_TK_IDENT,
	SEG_TK_LPAREN, SEG_TK_RPAREN, SEG_TK_LBRACK, SEG_TK_RBRACK, SEG_TK_COMMA, SEG_TK_DOT,
	SEG_TK_EQ, SEG_TK_NE, SEG_TK_LT, SEG_TK_LE, SEG_TK_GT, SEG_TK_GE,
	SEG_TK_PLUS, SEG_TK_MINUS, SEG_TK_STAR, SEG_TK_SLASH, SEG_TK_PERCENT,
	/* keywords (case-insensitive) and their symbol spellings */
	SEG_TK_AND, SEG_TK_OR, SEG_TK_NOT,
	SEG_TK_IN, SEG_TK_BETWEEN, SEG_TK_IS, SEG_TK_NULL, SEG_TK_TRUE, SEG_TK_FALSE,
	SEG_TK_CONTAINS
} seg_tok;

typedef struct seg_token {
	seg_tok kind;
	uint32_t start, len;   /* byte span in the source */
	uint32_t line, column; /* 1-based; column in code points */
	union {
		int64_t i;
		double f;
		struct { const char *s; uint32_t len; } str; /* decoded string or identifier */
	} v;
} seg_token;

typedef struct seg_lexer {
	const char *src;
	size_t len;
	size_t pos;
	uint32_t line;
	uint32_t col;
	seg_arena *arena; /* decoded string literals live here */
} seg_lexer;

void seg_lex_init(seg_lexer *lx, const char *src, size_t len, seg_arena *arena);

/* Reads the next token; on a lexical error fills err (with position). */
seg_status seg_lex_next(seg_lexer *lx, seg_token *tok, seg_error *err);

/* How a token kind reads in messages: "')'", "end of rule", "'and'" ... */
const char *seg_tok_describe(seg_tok kind);

#endif
