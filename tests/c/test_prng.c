/*
 * test_prng.c - seg_prng.h against published reference outputs:
 * splitmix64 seeded with 1234567 (the sequence of the reference splitmix64.c,
 * as listed on Rosetta Code "Pseudo-random numbers/Splitmix64"),
 * xoshiro256** from the state {1, 2, 3, 4} (the reference xoshiro256starstar.c),
 * and php-src's Random\Engine\Xoshiro256StarStar, which seeds from an int
 * with splitmix64 as seg_prng_seed() does (outputs printed by PHP 8.2:
 * printf("%016x", unpack("P", $engine->generate())[1])).
 */
#include "seg_test.h"

#include <math.h>
#include <stdint.h>

#include "seg_prng.h"

SEG_TEST(prng_splitmix64_reference)
{
	static const uint64_t want[] = {
		UINT64_C(6457827717110365317), UINT64_C(3203168211198807973), UINT64_C(9817491932198370423),
		UINT64_C(4593380528125082431), UINT64_C(16408922859458223821),
	};
	uint64_t st = 1234567;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) CHECK_EQ_UINT(seg_prng_splitmix64(&st), want[i]);
	/* seed 0: the first output is 0xe220a8397b1dcdaf */
	st = 0;
	CHECK_EQ_UINT(seg_prng_splitmix64(&st), UINT64_C(0xe220a8397b1dcdaf));
}

SEG_TEST(prng_xoshiro256starstar_reference)
{
	static const uint64_t want[] = {
		UINT64_C(11520), UINT64_C(0), UINT64_C(1509978240), UINT64_C(1215971899390074240),
		UINT64_C(1216172134540287360), UINT64_C(607988272756665600), UINT64_C(16172922978634559625),
		UINT64_C(8476171486693032832), UINT64_C(10595114339597558777), UINT64_C(2904607092377533576),
	};
	seg_prng g = {{1, 2, 3, 4}};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) CHECK_EQ_UINT(seg_prng_next(&g), want[i]);
}

SEG_TEST(prng_seed_matches_php_engine)
{
	static const uint64_t want1234[] = {
		UINT64_C(0x0bab45d9a0e3ae53), UINT64_C(0xd7c640660c19433e), UINT64_C(0xb0dedaa0d09a6691),
		UINT64_C(0xdec9f41b58ec86eb), UINT64_C(0x19e4a6b7acda0ae0),
	};
	static const uint64_t want0[] = {
		UINT64_C(0x99ec5f36cb75f2b4), UINT64_C(0xbf6e1f784956452a), UINT64_C(0x1a5f849d4933e6e0),
		UINT64_C(0x6aa594f1262d2d2c), UINT64_C(0xbba5ad4a1f842e59),
	};
	seg_prng g;
	seg_prng_seed(&g, 1234);
	for (size_t i = 0; i < 5; i++) CHECK_EQ_UINT(seg_prng_next(&g), want1234[i]);
	seg_prng_seed(&g, 0);
	for (size_t i = 0; i < 5; i++) CHECK_EQ_UINT(seg_prng_next(&g), want0[i]);
	/* the state is the first four splitmix64 outputs */
	uint64_t st = 42;
	seg_prng_seed(&g, 42);
	for (int i = 0; i < 4; i++) CHECK_EQ_UINT(g.s[i], seg_prng_splitmix64(&st));
}

SEG_TEST(prng_double_is_top_53_bits)
{
	seg_prng a, b;
	seg_prng_seed(&a, 7);
	seg_prng_seed(&b, 7);
	double lo = 1, hi = 0;
	for (int i = 0; i < 10000; i++) {
		uint64_t r = seg_prng_next(&b);
		double v = seg_prng_double(&a);
		CHECK_EQ_DBL(v, ldexp((double)(r >> 11), -53));
		if (v < lo) lo = v;
		if (v > hi) hi = v;
	}
	CHECK(lo >= 0.0 && lo < 0.001);
	CHECK(hi < 1.0 && hi > 0.999);
	/* the largest output maps below 1 */
	CHECK(ldexp((double)(UINT64_MAX >> 11), -53) < 1.0);
}

SEG_TEST(prng_below_range_and_rejection)
{
	seg_prng g, ref;
	CHECK_EQ_UINT(seg_prng_below(&g, 0), 0);
	seg_prng_seed(&g, 99);
	for (int i = 0; i < 1000; i++) CHECK_EQ_UINT(seg_prng_below(&g, 1), 0);
	static const uint64_t ns[] = {2, 3, 7, 10, 1000, UINT64_C(1) << 32, (UINT64_C(1) << 63) + 1, UINT64_MAX};
	for (size_t t = 0; t < sizeof ns / sizeof ns[0]; t++) {
		uint64_t n = ns[t];
		/* the 2^64 mod n smallest outputs are rejected; the rest is taken mod n */
		uint64_t threshold = (uint64_t)(0 - n) % n;
		seg_prng_seed(&g, 1000 + t);
		ref = g;
		for (int i = 0; i < 200; i++) {
			uint64_t v = seg_prng_below(&g, n), r;
			do r = seg_prng_next(&ref);
			while (r < threshold);
			CHECK(v < n);
			CHECK_EQ_UINT(v, r % n);
		}
	}
	/* 2^63 + 1 rejects about half of the outputs: the two streams drift apart
	 * from a plain modulo */
	seg_prng_seed(&g, 5);
	ref = g;
	int differ = 0;
	const uint64_t big = (UINT64_C(1) << 63) + 1;
	for (int i = 0; i < 64; i++) differ += seg_prng_below(&g, big) != seg_prng_next(&ref) % big;
	CHECK(differ > 10);
}

SEG_TEST(prng_below_unbiased)
{
	/* n = 3 * 2^62: a plain modulo would give [0, 2^62) half the time
	 * instead of a third. */
	seg_prng g;
	seg_prng_seed(&g, 2024);
	const uint64_t n = UINT64_C(3) << 62;
	int low = 0, draws = 30000;
	for (int i = 0; i < draws; i++) low += seg_prng_below(&g, n) < (UINT64_C(1) << 62);
	double frac = (double)low / draws;
	CHECK(fabs(frac - 1.0 / 3.0) < 0.02);

	/* small n: chi-square over the residues (99.9999% quantile bounds) */
	static const uint32_t ns[] = {3, 7, 10, 61};
	static const double limit[] = {27.63, 38.26, 44.81, 127.1};
	for (size_t t = 0; t < 4; t++) {
		uint32_t m = ns[t];
		uint32_t cnt[61] = {0};
		const int total = 61000;
		for (int i = 0; i < total; i++) cnt[seg_prng_below(&g, m)]++;
		double e = (double)total / m, chi = 0;
		for (uint32_t r = 0; r < m; r++) chi += (cnt[r] - e) * (cnt[r] - e) / e;
		CHECK(chi < limit[t]);
		for (uint32_t r = 0; r < m; r++) CHECK(cnt[r] > 0);
	}
}
