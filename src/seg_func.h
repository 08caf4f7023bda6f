/*
 * seg_func.h - the function library rules may call (days_since, lower ...).
 *
 * Functions are pure C over seg_values: a rule can never reach PHP, files
 * or the network through them.
 */
#ifndef SEG_FUNC_H
#define SEG_FUNC_H

#include <stddef.h>
#include <stdint.h>

#include "seg_rule.h"

/* Bit set of seg_types, for static type checking. */
#define SEG_TM(t) (1u << (t))
#define SEG_TM_ANY 0x7Fu
#define SEG_TM_NUM (SEG_TM(SEG_T_INT) | SEG_TM(SEG_T_FLOAT))

typedef seg_status (*seg_func_impl)(seg_env *env, const seg_value *args, uint32_t argc,
                                     seg_value *out, seg_error *err);

typedef struct seg_func_info {
	const char *name;
	uint8_t min_args;
	uint8_t max_args;    /* 255 = any number */
	uint8_t arg_kind;    /* SEG_FARG_*: what literal arguments must be */
	bool uses_clock;
	uint32_t result;     /* SEG_TM_* mask of possible results */
	seg_func_impl impl;
	const char *signature; /* for messages and docs: "days_since(date)" */
} seg_func_info;

enum {
	SEG_FARG_ANY,
	SEG_FARG_DATE,    /* literals must be dates, numbers or date strings */
	SEG_FARG_NUMBER,  /* literals must be numbers or numeric strings */
	SEG_FARG_STRING,  /* literals must be strings */
	SEG_FARG_LIST,    /* literal must be a list (or null) */
	SEG_FARG_BUCKET   /* bucket(value, "salt" literal, n literal int 1..1000000) */
};

/* The table itself, indexed by seg_func_lookup()'s result (the VM reads it
 * directly: one load instead of a call per function call). */
extern const seg_func_info seg_funcs[];

/* Index of a function by name (case-insensitive), or -1. */
int seg_func_lookup(const char *name, size_t len);
const seg_func_info *seg_func_get(int index);
size_t seg_func_count(void);

/* bucket()'s hash, exposed for tests and for other implementations. */
uint64_t seg_bucket_hash(const char *salt, size_t salt_len, const seg_value *v, bool *ok);

#endif
