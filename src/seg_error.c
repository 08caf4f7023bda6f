/*
 * seg_error.c - error detail helpers.
 */
#include "seg_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void seg_error_clear(seg_error *e)
{
	if (!e) return;
	/* Not a memset of the whole struct: the CSV reader clears an error per
	 * record, and the strings are only read up to their first NUL. */
	e->status = SEG_OK;
	e->line = e->column = 0;
	e->rule_index = -1;
	e->expected[0] = e->attribute[0] = e->message[0] = '\0';
}

seg_status seg_error_set(seg_error *e, seg_status st, const char *fmt, ...)
{
	if (!e) return st;
	e->status = st;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof e->message, fmt, ap);
	va_end(ap);
	return st;
}

const char *seg_status_name(seg_status st)
{
	switch (st) {
	case SEG_OK: return "ok";
	case SEG_E_SYNTAX: return "syntax error";
	case SEG_E_TYPE: return "type error";
	case SEG_E_LIMIT: return "limit exceeded";
	case SEG_E_NOMEM: return "out of memory";
	case SEG_E_ATTRIBUTE: return "bad attribute";
	case SEG_E_ARGUMENT: return "bad argument";
	case SEG_E_DUPLICATE: return "duplicate code";
	}
	return "unknown error";
}
