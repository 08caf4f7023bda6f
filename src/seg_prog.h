/*
 * seg_prog.h - compiled programs and the virtual machine (internal).
 *
 * A program is a flat array of 8-byte instructions for a small stack machine
 * plus a constant pool.  Comparisons of an attribute with a constant, the
 * commonest condition by far, are one fused instruction.
 */
#ifndef SEG_PROG_H
#define SEG_PROG_H

#include <stdint.h>

#include "seg_rule.h"

typedef enum seg_op {
	SEG_OP_CONST,    /* push consts[b] */
	SEG_OP_SLOT,     /* push slot b */
	SEG_OP_CMP,      /* pop b, a; push a <flag> b */
	SEG_OP_CMP_SC,   /* push slot[b] <flag> consts[a] */
	SEG_OP_CMP_SC_NUM, /* same, consts[a] is a number: inline numeric fast path */
	SEG_OP_EQ_SC_STR,  /* push slot[b] == consts[a] (non-numeric string); flag = negated */
	SEG_OP_IN_SC_STR,  /* push slot[b] in consts[a] (list of non-numeric strings); flag = negated */
	SEG_OP_IN,       /* pop list/string, x; push x in ...; a = negated */
	SEG_OP_IN_SC,    /* push slot[b] in consts[a]; flag = negated */
	SEG_OP_CONTAINS,
	SEG_OP_STARTS,
	SEG_OP_ENDS,
	SEG_OP_BETWEEN,  /* pop hi, lo, x */
	SEG_OP_ISNULL,
	SEG_OP_NOT,      /* push !truthy(pop) */
	SEG_OP_TRUTHY,   /* push truthy(pop) */
	SEG_OP_JF,       /* if top is false jump to b (top stays) */
	SEG_OP_JT,       /* if top is true jump to b (top stays) */
	SEG_OP_JFP,      /* if top is false jump to b (top stays), else pop it */
	SEG_OP_JTP,      /* if top is true jump to b (top stays), else pop it */
	/* Jumping code for conditions: test, then jump to c when the result is
	 * (flag & SEG_JT ? true : false); nothing is pushed. */
	SEG_OP_TEST_CMP,    /* slot[b] <flag&7> consts[a] */
	SEG_OP_TEST_NUM,    /* same, consts[a] a number */
	SEG_OP_TEST_STR_EQ, /* slot[b] == consts[a] (plain string), flag&1 negates */
	SEG_OP_TEST_IN,     /* slot[b] in consts[a], flag&1 negates */
	SEG_OP_TEST_IN_STR, /* same, consts[a] a list of plain strings */
	SEG_OP_TEST_NULL,   /* slot[b] is null, flag&1 negates */
	SEG_OP_TEST_SLOT,   /* truthy(slot[b]) */
	SEG_OP_TEST_CONTAINS, /* slot[b] contains consts[a] (also consts[a] in slot[b]), flag&1 negates */
	SEG_OP_TEST_AFFIX,  /* slot[b] starts (flag&2: ends) with consts[a], flag&1 negates */
	SEG_OP_TEST_TOP,    /* pop x; x <flag&7> consts[a] */
	SEG_OP_TEST_BETWEEN_TOP, /* pop x; consts[a] <= x <= consts[a+1], flag&1 negates */
	SEG_OP_JUMP_IF,     /* pop; truthy */
	SEG_OP_JMP,         /* jump to c */
	SEG_OP_MATCH,       /* record rule position b (whole-set programs) */
	SEG_OP_RET_TRUE,
	SEG_OP_RET_FALSE,
	SEG_OP_POP,
	SEG_OP_ARITH,    /* flag = SEG_ARITH_* */
	SEG_OP_NEG,
	SEG_OP_CALL,     /* a = function, flag = argc */
	SEG_OP_LIST,     /* pop b items, push a list of them */
	SEG_OP_RET
} seg_op;

#define SEG_JT 0x80 /* TEST_* and JUMP_IF: jump when true (else when false) */

typedef struct seg_insn {
	uint8_t op;
	uint8_t flag; /* comparison operator, negation, argc, SEG_JT ... */
	uint16_t a;   /* constant index, function */
	uint32_t b;   /* slot, constant index, jump target, count */
	uint32_t c;   /* jump target of TEST_* and JUMP_IF */
} seg_insn;

typedef struct seg_prog {
	const seg_insn *code;
	uint32_t ncode;
	uint32_t nconsts;
	const seg_value *consts;
	uint32_t max_stack;
} seg_prog;

/* Where SEG_OP_MATCH records matching rules (whole-set programs). */
typedef struct seg_emit {
	uint32_t *out;
	size_t n;
	size_t max; /* stop after this many; 0 = no limit */
} seg_emit;

/* Runs a program; *result is its value (borrowed, valid until the arena
 * resets).  emit may be NULL for programs without SEG_OP_MATCH. */
seg_status seg_vm_run(const seg_prog *prog, seg_env *env, seg_value *result, seg_emit *emit, seg_error *err);


/* Operators shared by the VM and compile-time checks. */
bool seg_op_compare(int cmp_op, const seg_value *a, const seg_value *b, seg_env *env);
bool seg_op_in(const seg_value *x, const seg_value *in, seg_env *env);
bool seg_op_contains(const seg_value *hay, const seg_value *needle, seg_env *env);
bool seg_op_affix(const seg_value *s, const seg_value *affix, bool suffix);
seg_value seg_op_arith(int op, const seg_value *a, const seg_value *b);

#endif
