/* SPDX-License-Identifier: MIT */
#ifndef TAIO_WEB_CACHE_H
#define TAIO_WEB_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/*
 * The server's cache of answers: bytes under a key, each stamped with the
 * generation of the data it was made from and a caller's stamp (the
 * clock's second for answers). Any change of the data moves the
 * generation on, which retires every entry at once; an entry is given
 * out only with both stamps equal, and a newer one replaces it under the
 * same key; the oldest entries go when the cache is over its size. Shared
 * by all workers.
 */
struct cache;

struct cache *cache_new(size_t max_bytes);
void cache_free(struct cache *cache);

uint64_t cache_generation(struct cache *cache);
void cache_invalidate(struct cache *cache);

/* Where an entry belongs and when it is valid. */
struct cache_key {
    const char *key;     /* bytes, not a C string */
    size_t len;
    uint64_t generation; /* of the data, from cache_generation() */
    int64_t stamp;       /* must match too; 0 when unused */
};

bool cache_keeps(const struct cache *cache);
bool cache_get(struct cache *cache, const struct cache_key *k,
               struct buf *out);
void cache_put(struct cache *cache, const struct cache_key *k,
               const void *data, size_t len);
bool cache_borrow(struct cache *cache, const struct cache_key *k,
                  const char **data, size_t *len, void **handle);
void cache_give_back(void *handle);

/* Counters, for the log and the tests. */
struct cache_stats {
    uint64_t hits;
    uint64_t misses;
    size_t entries;
    size_t bytes;
};
void cache_stats(struct cache *cache, struct cache_stats *out);

#endif
