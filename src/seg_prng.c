/*
 * seg_prng.c - xoshiro256** 1.0 (Blackman and Vigna, 2018) seeded with
 * splitmix64; both are public-domain reference algorithms, restated here.
 */
#include "seg_prng.h"

static inline uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t seg_prng_splitmix64(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

void seg_prng_seed(seg_prng *g, uint64_t seed)
{
	/* splitmix64 is a bijection of its counter, so at most one of four
	 * consecutive outputs is zero: the state is never all zero. */
	for (int i = 0; i < 4; i++) g->s[i] = seg_prng_splitmix64(&seed);
}

uint64_t seg_prng_next(seg_prng *g)
{
	uint64_t *s = g->s;
	const uint64_t result = rotl(s[1] * 5, 7) * 9;
	const uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

double seg_prng_double(seg_prng *g)
{
	return (double)(seg_prng_next(g) >> 11) * 0x1.0p-53;
}

uint64_t seg_prng_below(seg_prng *g, uint64_t n)
{
	if (n == 0) return 0;
	/* 2^64 mod n: the outputs below it would make the lowest residues
	 * more likely; the rest, [threshold, 2^64), is a whole number of
	 * periods of n. */
	uint64_t threshold = (0 - n) % n;
	for (;;) {
		uint64_t r = seg_prng_next(g);
		if (r >= threshold) return r % n;
	}
}
