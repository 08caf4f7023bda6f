/* runner.c - main() for the C unit tests; the tests are tests/c/test_*.c. */
#define SEG_TEST_MAIN
#include "seg_test.h"
