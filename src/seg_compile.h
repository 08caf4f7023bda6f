/*
 * seg_compile.h - from syntax tree to program (internal).
 */
#ifndef SEG_COMPILE_H
#define SEG_COMPILE_H

#include "seg_ast.h"
#include "seg_prog.h"

/* The attribute paths of a rule set, each with a slot index. */
typedef struct seg_slots {
	seg_path *paths;
	uint32_t n, cap;
	uint32_t *table; /* open addressing: slot index + 1, 0 = empty */
	uint32_t tcap;
	seg_arena *arena; /* path copies live here */
	bool frozen;      /* explain(): look up only, never add */
} seg_slots;

void seg_slots_init(seg_slots *s, seg_arena *arena);
void seg_slots_free(seg_slots *s);
/* Slot of a path, adding (and copying) it unless the table is frozen. */
seg_status seg_slots_intern(seg_slots *s, const seg_path *path, uint32_t *idx, seg_error *err);

typedef struct seg_compiler {
	seg_arena *out;    /* program, constants and copied strings */
	seg_slots *slots;
	seg_error *err;
	const char *src;   /* rule text the tree was parsed from (for messages) */
} seg_compiler;

/*
 * Compiles a tree.  With `condition`, the tree must be usable as a yes/no
 * rule (a comparison, a logical operator, or a value whose truth is
 * meaningful) and the result is converted to a boolean.
 */
seg_status seg_compile(seg_compiler *c, const seg_node *root, bool condition, seg_prog *prog);

#endif
