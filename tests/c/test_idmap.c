/*
 * test_idmap.c - seg_idmap.h: ids to values, growth, misses, id parsing.
 */
#include "seg_test.h"

#include <stdint.h>

#include "seg_idmap.h"

SEG_TEST(idmap_put_get_replace)
{
	seg_idmap *m = seg_idmap_new();
	REQUIRE(m != NULL);
	uint32_t v = 99;
	CHECK(!seg_idmap_get(m, 0, &v));
	CHECK_EQ_INT(v, 99);
	REQUIRE(seg_idmap_put(m, 0, 7));
	REQUIRE(seg_idmap_put(m, UINT64_MAX, 8));
	CHECK(seg_idmap_get(m, 0, &v));
	CHECK_EQ_INT(v, 7);
	CHECK(seg_idmap_get(m, UINT64_MAX, &v));
	CHECK_EQ_INT(v, 8);
	CHECK(seg_idmap_get(m, 0, NULL));
	REQUIRE(seg_idmap_put(m, 0, 70));
	CHECK(seg_idmap_get(m, 0, &v));
	CHECK_EQ_INT(v, 70);
	CHECK_EQ_INT(seg_idmap_count(m), 2);
	CHECK(!seg_idmap_get(m, 1, NULL));
	seg_idmap_free(m);
	seg_idmap_free(NULL);
}

/* Growth keeps every entry, for dense AUTO_INCREMENT ids and for ids that
 * share their low bits (a multiple of a power of two). */
SEG_TEST(idmap_grows)
{
	seg_idmap *m = seg_idmap_new();
	REQUIRE(m != NULL);
	size_t before = seg_idmap_memory(m);
	for (uint64_t i = 1; i <= 100000; i++) REQUIRE(seg_idmap_put(m, i, (uint32_t)(i * 3)));
	for (uint64_t i = 1; i <= 20000; i++) REQUIRE(seg_idmap_put(m, i << 32, (uint32_t)i));
	CHECK_EQ_INT(seg_idmap_count(m), 120000);
	CHECK(seg_idmap_memory(m) > before);
	/* at most 70 % full: 120,000 entries need at least 171,429 slots of 16 bytes */
	CHECK(seg_idmap_memory(m) >= (size_t)171429 * 16);
	size_t bad = 0;
	uint32_t v;
	for (uint64_t i = 1; i <= 100000; i++) bad += !seg_idmap_get(m, i, &v) || v != (uint32_t)(i * 3);
	for (uint64_t i = 1; i <= 20000; i++) bad += !seg_idmap_get(m, i << 32, &v) || v != (uint32_t)i;
	CHECK_EQ_INT(bad, 0);
	CHECK(!seg_idmap_get(m, 100001, NULL));
	CHECK(!seg_idmap_get(m, 0, NULL));
	CHECK(!seg_idmap_get(m, (uint64_t)20001 << 32, NULL));
	seg_idmap_free(m);
}

SEG_TEST(idmap_parse_id)
{
	uint64_t v = 5;
	CHECK(seg_idmap_parse_id("0", 1, &v) && v == 0);
	CHECK(seg_idmap_parse_id("4294967296", 10, &v) && v == UINT64_C(4294967296));
	CHECK(seg_idmap_parse_id("18446744073709551615", 20, &v) && v == UINT64_MAX);
	CHECK(!seg_idmap_parse_id("18446744073709551616", 20, &v));
	CHECK(!seg_idmap_parse_id("99999999999999999999", 20, &v));
	CHECK(!seg_idmap_parse_id("000000000000000000001", 21, &v));
	CHECK(!seg_idmap_parse_id("", 0, &v));
	CHECK(!seg_idmap_parse_id("-1", 2, &v));
	CHECK(!seg_idmap_parse_id("+1", 2, &v));
	CHECK(!seg_idmap_parse_id("1 ", 2, &v));
	CHECK(!seg_idmap_parse_id("1.0", 3, &v));
	CHECK(seg_idmap_parse_id("12x", 2, &v) && v == 12); /* only len bytes are read */
}
