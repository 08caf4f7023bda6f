/*
 * seg_test.h - a tiny unit-test framework for the pure-C core.
 *
 *   #include "seg_test.h"
 *
 *   SEG_TEST(arena_spills_to_heap)
 *   {
 *       CHECK(p != NULL);
 *       CHECK_EQ_INT(v.type, SEG_T_INT);
 *       CHECK_STR(seg_type_name(SEG_T_LIST), "list");
 *   }
 *
 * Tests register themselves through a constructor (GCC/Clang), so a new
 * tests/c/test_*.c file needs no table.  CHECK* macros record a failure
 * with file:line and carry on; REQUIRE stops the current test.  runner.c
 * defines SEG_TEST_MAIN before including this header to get main(), which
 * runs every test (or only those whose name contains argv[1]) and ends with
 * the line "N passed, M failed" (tests, not checks); it exits non-zero when
 * anything failed.
 */
#ifndef SEG_TEST_H
#define SEG_TEST_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef void (*seg_test_fn)(void);

void seg_test_register(const char *name, const char *file, int line, seg_test_fn fn);
/* Records a failed check (prints file:line and the message); returns 0. */
int seg_test_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define SEG_TEST(name)                                                      \
	static void seg_test_##name(void);                                      \
	__attribute__((constructor)) static void seg_test_reg_##name(void)      \
	{                                                                       \
		seg_test_register(#name, __FILE__, __LINE__, seg_test_##name);      \
	}                                                                       \
	static void seg_test_##name(void)

#define CHECK(cond)                                                         \
	((void)((cond) ? 1 : seg_test_fail(__FILE__, __LINE__, "CHECK(%s) failed", #cond)))

/* Stops the current test when cond is false (use for preconditions). */
#define REQUIRE(cond)                                                       \
	do {                                                                    \
		if (!(cond)) {                                                      \
			seg_test_fail(__FILE__, __LINE__, "REQUIRE(%s) failed", #cond); \
			return;                                                         \
		}                                                                   \
	} while (0)

#define CHECK_EQ_INT(actual, expected)                                      \
	do {                                                                    \
		long long seg_a_ = (long long)(actual), seg_e_ = (long long)(expected); \
		if (seg_a_ != seg_e_)                                               \
			seg_test_fail(__FILE__, __LINE__, "CHECK_EQ_INT(%s, %s): got %lld, expected %lld", \
				#actual, #expected, seg_a_, seg_e_);                        \
	} while (0)

#define CHECK_EQ_UINT(actual, expected)                                     \
	do {                                                                    \
		unsigned long long seg_a_ = (unsigned long long)(actual);           \
		unsigned long long seg_e_ = (unsigned long long)(expected);         \
		if (seg_a_ != seg_e_)                                               \
			seg_test_fail(__FILE__, __LINE__, "CHECK_EQ_UINT(%s, %s): got %llu, expected %llu", \
				#actual, #expected, seg_a_, seg_e_);                        \
	} while (0)

/* Exact comparison (bit-for-bit apart from 0.0 == -0.0); use for values
 * that must be exact, such as 0.5 or 1000.0. */
#define CHECK_EQ_DBL(actual, expected)                                      \
	do {                                                                    \
		double seg_a_ = (double)(actual), seg_e_ = (double)(expected);      \
		if (!(seg_a_ == seg_e_))                                            \
			seg_test_fail(__FILE__, __LINE__, "CHECK_EQ_DBL(%s, %s): got %.17g, expected %.17g", \
				#actual, #expected, seg_a_, seg_e_);                        \
	} while (0)

/* NUL-terminated strings; NULL equals only NULL. */
#define CHECK_STR(actual, expected)                                         \
	do {                                                                    \
		const char *seg_a_ = (actual), *seg_e_ = (expected);                \
		if (seg_a_ == NULL || seg_e_ == NULL ? seg_a_ != seg_e_ : strcmp(seg_a_, seg_e_) != 0) \
			seg_test_fail(__FILE__, __LINE__, "CHECK_STR(%s, %s): got \"%s\", expected \"%s\"", \
				#actual, #expected, seg_a_ ? seg_a_ : "(null)", seg_e_ ? seg_e_ : "(null)"); \
	} while (0)

/* A (pointer, length) string against a NUL-terminated one. */
#define CHECK_MEM(ptr, len, expected)                                       \
	do {                                                                    \
		const char *seg_p_ = (const char *)(ptr), *seg_e_ = (expected);     \
		size_t seg_l_ = (size_t)(len);                                      \
		if (seg_l_ != strlen(seg_e_) || (seg_l_ && memcmp(seg_p_, seg_e_, seg_l_) != 0)) \
			seg_test_fail(__FILE__, __LINE__, "CHECK_MEM(%s, %s): got \"%.*s\", expected \"%s\"", \
				#ptr, #expected, (int)seg_l_, seg_p_ ? seg_p_ : "", seg_e_); \
	} while (0)

#ifdef SEG_TEST_MAIN

#include <stdarg.h>
#include <stdlib.h>

typedef struct seg_test_case {
	const char *name;
	const char *file;
	int line;
	seg_test_fn fn;
} seg_test_case;

#define SEG_TEST_MAX 4096

static seg_test_case seg_test_cases[SEG_TEST_MAX];
static size_t seg_test_count;
static const char *seg_test_current;
static int seg_test_current_failures;

void seg_test_register(const char *name, const char *file, int line, seg_test_fn fn)
{
	if (seg_test_count == SEG_TEST_MAX) {
		fprintf(stderr, "seg_test: more than %d tests; raise SEG_TEST_MAX\n", SEG_TEST_MAX);
		exit(2);
	}
	seg_test_case *c = &seg_test_cases[seg_test_count++];
	c->name = name;
	c->file = file;
	c->line = line;
	c->fn = fn;
}

int seg_test_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	seg_test_current_failures++;
	fprintf(stderr, "%s:%d: [%s] ", file, line, seg_test_current ? seg_test_current : "?");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 0;
}

/* Constructors run in no particular order: sort by file, then line. */
static int seg_test_order(const void *x, const void *y)
{
	const seg_test_case *a = x, *b = y;
	int c = strcmp(a->file, b->file);
	return c ? c : (a->line > b->line) - (a->line < b->line);
}

int main(int argc, char **argv)
{
	const char *filter = argc > 1 ? argv[1] : NULL;
	int verbose = getenv("SEG_TEST_VERBOSE") != NULL;
	unsigned passed = 0, failed = 0;

	qsort(seg_test_cases, seg_test_count, sizeof seg_test_cases[0], seg_test_order);
	for (size_t i = 0; i < seg_test_count; i++) {
		seg_test_case *c = &seg_test_cases[i];
		if (filter && !strstr(c->name, filter)) continue;
		seg_test_current = c->name;
		seg_test_current_failures = 0;
		c->fn();
		if (seg_test_current_failures) {
			failed++;
			fprintf(stderr, "FAIL %s (%s:%d)\n", c->name, c->file, c->line);
		} else {
			passed++;
			if (verbose) printf("ok   %s\n", c->name);
		}
		fflush(stdout);
		fflush(stderr);
	}
	seg_test_current = NULL;
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}

#endif /* SEG_TEST_MAIN */

#endif /* SEG_TEST_H */
