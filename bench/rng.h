/* SPDX-License-Identifier: MIT */
#ifndef TAIO_BENCH_RNG_H
#define TAIO_BENCH_RNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A small deterministic random number generator (splitmix64), so the same
 * seed always generates the same database and the same operations. Not for
 * anything secret.
 */
struct rng {
    uint64_t state; /* advanced by every draw */
};

/* A random element of a static array. */
#define RNG_PICK(rng, table)                                                \
    (table)[rng_index((rng), sizeof(table) / sizeof((table)[0]))]

void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
int64_t rng_range(struct rng *r, int64_t low, int64_t high);
bool rng_chance(struct rng *r, int per_mille);
size_t rng_index(struct rng *r, size_t n);
double rng_unit(struct rng *r);

#endif
