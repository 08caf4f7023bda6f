/*
 * seg_ast.h - syntax tree of one rule (internal to the compiler).
 *
 * The tree lives in a temporary arena during compilation (and explain());
 * the compiled form never refers to it.
 */
#ifndef SEG_AST_H
#define SEG_AST_H

#include <stdint.h>

#include "seg_arena.h"
#include "seg_error.h"
#include "seg_rule.h"
#include "seg_value.h"

typedef enum seg_node_kind {
	SEG_N_LIT,      /* lit */
	SEG_N_PATH,     /* path */
	SEG_N_LIST,     /* kids */
	SEG_N_NEG,      /* -kids[0] */
	SEG_N_NOT,
	SEG_N_AND,
	SEG_N_OR,
	SEG_N_CMP,      /* op: SEG_CMP_* */
	SEG_N_IN,       /* negated: not in */
	SEG_N_CONTAINS,
	SEG_N_STARTS,
	SEG_N_ENDS,
	SEG_N_BETWEEN,  /* kids[0] between kids[1] and kids[2] */
	SEG_N_ISNULL,
	SEG_N_ARITH,    /* op: SEG_ARITH_* */
	SEG_N_CALL      /* fn: index into the function table */
} seg_node_kind;

enum { SEG_CMP_EQ, SEG_CMP_NE, SEG_CMP_LT, SEG_CMP_LE, SEG_CMP_GT, SEG_CMP_GE };
enum { SEG_ARITH_ADD, SEG_ARITH_SUB, SEG_ARITH_MUL, SEG_ARITH_DIV, SEG_ARITH_MOD };

typedef struct seg_node {
	uint8_t kind;
	uint8_t op;
	bool negated;
	uint16_t fn;
	uint32_t nkids;
	uint32_t height;        /* 1 for leaves */
	struct seg_node **kids;
	uint32_t start, end;    /* byte span in the rule text */
	uint32_t line, column;  /* where the node starts (for error messages) */
	seg_value lit;
	seg_path path;
} seg_node;

/* Parses rule text into a tree allocated from arena. */
seg_status seg_parse(const char *src, size_t len, const seg_limits *limits, seg_arena *arena,
                     seg_node **out, seg_error *err);

#endif
