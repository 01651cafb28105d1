/* SPDX-License-Identifier: MIT */
/*
 * rng.c - deterministic random numbers for the benchmark's generated data
 * and operations (splitmix64, public domain algorithm by Sebastiano Vigna).
 *
 * Every stream lives in a struct rng owned by its user; there is no shared
 * generator. Quality is ample for test data; nothing here is secret.
 */
#include "rng.h"

/* Start r from seed; equal seeds give equal streams. */
void rng_seed(struct rng *r, uint64_t seed)
{
    r->state = seed;
}

/* The next 64 random bits of r. */
uint64_t rng_next(struct rng *r)
{
    r->state += 0x9e3779b97f4a7c15u;
    uint64_t z = r->state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* A uniform integer in [low, high]; low when high < low. The modulo bias
 * is below 2^-40 for the ranges used here. */
int64_t rng_range(struct rng *r, int64_t low, int64_t high)
{
    if (high <= low) {
        return low;
    }
    uint64_t span = (uint64_t)(high - low) + 1;
    return low + (int64_t)(rng_next(r) % span);
}

/* True with probability per_mille / 1000. */
bool rng_chance(struct rng *r, int per_mille)
{
    return (int)(rng_next(r) % 1000) < per_mille;
}

/* A uniform index in [0, n); n must be positive. */
size_t rng_index(struct rng *r, size_t n)
{
    return (size_t)(rng_next(r) % n);
}

/* A uniform double in [0, 1). */
double rng_unit(struct rng *r)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}
