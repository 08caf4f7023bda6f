/*
 * seg_error.h - status codes and the error detail every fallible call fills.
 */
#ifndef SEG_ERROR_H
#define SEG_ERROR_H

#include <stdint.h>

typedef enum seg_status {
	SEG_OK = 0,
	SEG_E_SYNTAX,    /* the rule text does not parse */
	SEG_E_TYPE,      /* it parses, but an operand can never have a usable type */
	SEG_E_LIMIT,     /* rule too long, nested too deep, too many rules ... */
	SEG_E_NOMEM,
	SEG_E_ATTRIBUTE, /* the host could not turn an attribute into a value */
	SEG_E_ARGUMENT,  /* the caller passed something invalid (empty code ...) */
	SEG_E_DUPLICATE  /* two definitions share a code */
} seg_status;

typedef struct seg_error {
	seg_status status;
	uint32_t line;       /* 1-based position in the rule text; 0 when n/a */
	uint32_t column;     /* 1-based, in characters (UTF-8 code points) */
	int32_t rule_index;  /* definition index the error belongs to, or -1 */
	char expected[128];   /* what the parser expected there, or "" */
	char attribute[128]; /* offending attribute path, or "" */
	char message[256];   /* complete sentence without position prefix */
} seg_error;

void seg_error_clear(seg_error *e);

/* printf-style helper; returns st so callers can `return seg_error_set(...)`. */
seg_status seg_error_set(seg_error *e, seg_status st, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

const char *seg_status_name(seg_status st);

#endif
