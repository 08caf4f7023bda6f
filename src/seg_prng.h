/*
 * seg_prng.h - a small, portable, seeded PRNG (xoshiro256**, seeded with
 * splitmix64): the same seed gives the same sequence on every platform, so
 * k-means++ seeding, restarts and silhouette samples are reproducible.
 * Not for cryptography.
 *
 * seg_prng_seed(g, seed) fills the four state words with the first four
 * outputs of splitmix64 started at seed, as php-src's
 * Random\Engine\Xoshiro256StarStar(int $seed) does, so both give the same
 * sequence for the same seed.
 */
#ifndef SEG_PRNG_H
#define SEG_PRNG_H

#include <stdint.h>

typedef struct seg_prng {
	uint64_t s[4]; /* never all zero */
} seg_prng;

/* One step of splitmix64 (Steele, Lea, Flood 2014): advances *state and
 * returns the next output. */
uint64_t seg_prng_splitmix64(uint64_t *state);

void seg_prng_seed(seg_prng *g, uint64_t seed);
uint64_t seg_prng_next(seg_prng *g);
/* Uniform in [0, 1) with 53 random bits: (next >> 11) * 2^-53. */
double seg_prng_double(seg_prng *g);
/* Uniform in [0, n), unbiased (rejection of the 2^64 mod n lowest outputs);
 * 0 when n == 0. */
uint64_t seg_prng_below(seg_prng *g, uint64_t n);

#endif
