/*
 * seg_rule.h - compiled segment rules and rule sets.
 *
 * A rule is text in the segment rule language (docs/rules.md).  A rule set
 * compiles a list of definitions once into bytecode over "slots": every
 * distinct attribute path the rules mention (`orders_count`, `cart.total`)
 * gets one slot index.  Evaluation asks the host for a slot's value the first
 * time a rule needs it (seg_resolve_fn), so a customer object is read at most
 * once per attribute and only for attributes that matter.
 *
 * Ownership: a seg_ruleset is immutable after compilation and may be shared
 * by any number of readers in one thread.  seg_ruleset_free(NULL) is a no-op.
 */
#ifndef SEG_RULE_H
#define SEG_RULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "seg_arena.h"
#include "seg_error.h"
#include "seg_value.h"

/* Defaults for seg_limits; a host may lower them. */
#define SEG_DEFAULT_MAX_RULE_LEN 65536u
#define SEG_DEFAULT_MAX_DEPTH 64u
#define SEG_MAX_RULES 100000u
#define SEG_MAX_CODE_LEN 255u
#define SEG_MAX_PATH_SEGMENTS 16u
#define SEG_MAX_CALL_ARGS 16u

typedef struct seg_limits {
	size_t max_rule_len; /* bytes of one rule's text */
	uint32_t max_depth;  /* nesting of parentheses, not, calls, operators */
} seg_limits;

typedef struct seg_rule_def {
	const char *code;
	size_t code_len;
	const char *rule;
	size_t rule_len;
	int64_t priority; /* higher first; ties keep definition order */
	bool enabled;
} seg_rule_def;

typedef struct seg_str {
	const char *s;
	size_t len;
} seg_str;

/* An attribute path, e.g. "cart.total" = segments {"cart", "total"}. */
typedef struct seg_path {
	seg_str text;
	uint32_t nsegs;
	const seg_str *segs;
} seg_path;

typedef struct seg_ruleset seg_ruleset;

/*
 * Host callback: store slot `slot`'s value in *out.  Strings and lists may
 * point into host memory that outlives the evaluation, or into `arena`.
 * A missing attribute is SEG_OK with a null value; return SEG_E_ATTRIBUTE
 * (with err->message and err->attribute filled) for a value that cannot be
 * represented, which aborts the evaluation.
 */
typedef seg_status (*seg_resolve_fn)(void *ud, uint32_t slot, seg_value *out,
                                     seg_arena *arena, seg_error *err);

/* Host callback for the current time and the local UTC offset (seconds east). */
typedef void (*seg_clock_fn)(void *ud, int64_t *now, int32_t *tz_offset);

/* Host callback: the local UTC offset in force at a UTC timestamp (daylight
 * saving time).  Without one, tz_offset applies to every date. */
typedef int32_t (*seg_offset_fn)(void *ud, int64_t utc);

#define SEG_SLOT_UNLOADED 0xFF

/* One evaluation's state: caller-owned, typically on the stack. */
typedef struct seg_env {
	seg_resolve_fn resolve;
	void *ud;
	seg_clock_fn clock; /* NULL: time(NULL) and UTC */
	seg_offset_fn offset_at; /* NULL: tz_offset for every date */
	seg_arena *arena;
	seg_value *slots;   /* seg_ruleset_slot_count() entries */
	int64_t now;
	int32_t tz_offset;
	bool have_clock;    /* now/tz_offset are valid */
	/* Date strings parsed during this evaluation (an attribute such as
	 * last_order_at is often read by several rules): two entries. */
	struct { const char *s; uint32_t len; bool ok; int64_t ts; } date_memo[2];
	uint32_t date_memo_next;
} seg_env;

/* Prepares env for one customer: marks every slot unloaded. */
void seg_env_init(seg_env *env, const seg_ruleset *rs, seg_value *slots,
                  seg_arena *arena, seg_resolve_fn resolve, void *ud);

/* Loads env->now and env->tz_offset from env->clock unless already set. */
void seg_env_need_clock(seg_env *env);

/* The local UTC offset at a UTC timestamp (env->offset_at or tz_offset). */
int32_t seg_env_offset(seg_env *env, int64_t utc);

/* A value as a date, reading a zone-less date string as local time at the
 * offset in force then (so summer dates get summer time). */
bool seg_env_as_date(seg_env *env, const seg_value *v, int64_t *ts);

/* Three-way compare as rules see it (SEG_CMP_NONE when incomparable): a
 * date against a date string goes through seg_env_as_date. */
int seg_env_compare(seg_env *env, const seg_value *a, const seg_value *b);

/* Fixes the clock (tests, "as of" evaluation) instead of asking env->clock. */
void seg_env_set_clock(seg_env *env, int64_t now, int32_t tz_offset);

/* Compiles n definitions.  On failure err names the definition (rule_index),
 * the line and column, and what was expected. */
seg_status seg_ruleset_compile(const seg_rule_def *defs, size_t n, const seg_limits *limits,
                               seg_ruleset **out, seg_error *err);
void seg_ruleset_free(seg_ruleset *rs);

size_t seg_ruleset_count(const seg_ruleset *rs);
/* Rules are kept in priority order; these take that order's position. */
uint32_t seg_ruleset_def_index(const seg_ruleset *rs, size_t pos);
bool seg_ruleset_enabled(const seg_ruleset *rs, size_t pos);
int64_t seg_ruleset_priority(const seg_ruleset *rs, size_t pos);
seg_str seg_ruleset_code(const seg_ruleset *rs, size_t pos);
/* Position of a code, or -1. */
int64_t seg_ruleset_find(const seg_ruleset *rs, const char *code, size_t len);

size_t seg_ruleset_slot_count(const seg_ruleset *rs);
const seg_path *seg_ruleset_slot(const seg_ruleset *rs, size_t slot);
/* Bytes of memory the compiled set holds (for cache accounting). */
size_t seg_ruleset_memory(const seg_ruleset *rs);

/* Evaluates the rule at `pos` (enabled or not). */
seg_status seg_ruleset_eval(const seg_ruleset *rs, size_t pos, seg_env *env, bool *result,
                            seg_error *err);

/*
 * Evaluates enabled rules in priority order and stores the positions of the
 * matching ones in out[] (capacity: seg_ruleset_count()).  Stops after
 * `max_matches` matches when it is non-zero (1 gives "first").
 */
seg_status seg_ruleset_match(const seg_ruleset *rs, seg_env *env, uint32_t *out, size_t *n_out,
                             size_t max_matches, seg_error *err);

/* Checks one rule's syntax and types; calls attr() for every attribute path
 * it reads, in source order, with the position of each occurrence (attr may
 * be NULL). */
typedef void (*seg_path_fn)(void *ud, const seg_str *path, uint32_t line, uint32_t column);
seg_status seg_rule_validate(const char *rule, size_t len, const seg_limits *limits,
                             seg_path_fn attr, void *ud, seg_error *err);

/* explain(): one callback per boolean node of the rule, children before their parent. */
typedef enum seg_explain_kind {
	SEG_EXPLAIN_AND,
	SEG_EXPLAIN_OR,
	SEG_EXPLAIN_NOT,
	SEG_EXPLAIN_CONDITION
} seg_explain_kind;

typedef struct seg_explain_node {
	seg_explain_kind kind;
	uint32_t depth;
	seg_str text;        /* the node's source text */
	bool result;         /* every node is evaluated, even where and/or would short-circuit */
	uint32_t nvalues;    /* operand values of a condition (0..3) */
	seg_value values[3]; /* valid during the callback only */
} seg_explain_node;

typedef void (*seg_explain_fn)(void *ud, const seg_explain_node *node);

seg_status seg_ruleset_explain(const seg_ruleset *rs, size_t pos, seg_env *env,
                               seg_explain_fn fn, void *ud, seg_error *err);

#endif
