/* SPDX-License-Identifier: MIT */
/*
 * cache.c - answers kept between requests (see cache.h).
 *
 * Why it is correct: an entry is stamped with the generation its maker
 * read before it read any data, and is given out only to a caller that
 * read the same generation. Whoever notices that the data changed (the
 * server checks its store connection's data version before each request)
 * moves the generation on first, so an answer made from older data never
 * meets a newer reader. Stale entries are not hunted down: they are
 * dropped when met and pushed out by newer ones.
 *
 * A hash table of chains for the lookup and a list in order of last use
 * for the eviction, under one mutex: every operation is a few pointer
 * moves, and at most one copy of the bytes. Large answers are lent
 * rather than copied (cache_borrow()): the bytes are reference-counted,
 * so an answer still being sent outlives its entry.
 */
#include "web/cache.h"

#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

/* Buckets of the hash table; a power of two. */
#define CACHE_BUCKETS 4096u

/* An entry larger than this share of the whole cache is not kept: one
 * huge answer should not push out hundreds of ordinary ones. */
#define CACHE_LARGEST_SHARE 8u

/* The bytes of an entry, shared with the readers that borrowed them
 * (cache_borrow()): freed when the entry is gone and the last reader gave
 * them back. */
struct cache_blob {
    atomic_int refs;
    size_t len;
    char data[];
};

struct cache_entry {
    struct cache_entry *chain;              /* next in the bucket */
    struct cache_entry *newer, *older;      /* the use order */
    uint64_t hash;
    uint64_t generation;
    int64_t stamp;
    char *key;                              /* owned, key_len bytes */
    size_t key_len;
    struct cache_blob *blob;                /* one reference owned */
};

struct cache {
    pthread_mutex_t lock;
    unsigned char seed[crypto_shorthash_KEYBYTES]; /* random, for hash_key() */
    atomic_uint_fast64_t generation;
    struct cache_entry *buckets[CACHE_BUCKETS];
    struct cache_entry *newest, *oldest;
    size_t max_bytes;
    size_t bytes;   /* keys and data of every entry */
    size_t entries;
    uint64_t hits;
    uint64_t misses;
};

/* SipHash with the cache's random key: keys come from requests, and a
 * client must not be able to pick keys that share a bucket. */
static uint64_t hash_key(const struct cache *cache, const char *key,
                         size_t len)
{
    unsigned char out[crypto_shorthash_BYTES];
    crypto_shorthash(out, (const unsigned char *)key, len, cache->seed);
    uint64_t h;
    memcpy(&h, out, sizeof(h));
    return h;
}

/* A cache of at most max_bytes of keys and answers. Free with
 * cache_free(). */
struct cache *cache_new(size_t max_bytes)
{
    struct cache *cache = xcalloc(1, sizeof(*cache));
    pthread_mutex_init(&cache->lock, NULL);
    atomic_init(&cache->generation, 1);
    randombytes_buf(cache->seed, sizeof(cache->seed));
    cache->max_bytes = max_bytes;
    return cache;
}

/* Give back one reference to blob. */
static void blob_release(struct cache_blob *blob)
{
    if (atomic_fetch_sub(&blob->refs, 1) == 1) {
        free(blob);
    }
}

static void entry_free(struct cache_entry *e)
{
    free(e->key);
    blob_release(e->blob);
    free(e);
}

/* Free the cache and every entry. Accepts NULL. */
void cache_free(struct cache *cache)
{
    if (cache == NULL) {
        return;
    }
    struct cache_entry *e = cache->newest;
    while (e) {
        struct cache_entry *older = e->older;
        entry_free(e);
        e = older;
    }
    pthread_mutex_destroy(&cache->lock);
    free(cache);
}

/* The generation of the data as far as anyone has noticed. */
uint64_t cache_generation(struct cache *cache)
{
    return atomic_load(&cache->generation);
}

/* The data changed: retire every entry made before. */
void cache_invalidate(struct cache *cache)
{
    atomic_fetch_add(&cache->generation, 1);
}

/* Take e out of the use order (lock held). */
static void unlink_use(struct cache *cache, struct cache_entry *e)
{
    if (e->newer) {
        e->newer->older = e->older;
    } else {
        cache->newest = e->older;
    }
    if (e->older) {
        e->older->newer = e->newer;
    } else {
        cache->oldest = e->newer;
    }
    e->newer = e->older = NULL;
}

/* Make e the most recently used (lock held; e not in the order). */
static void link_newest(struct cache *cache, struct cache_entry *e)
{
    e->newer = NULL;
    e->older = cache->newest;
    if (cache->newest) {
        cache->newest->newer = e;
    } else {
        cache->oldest = e;
    }
    cache->newest = e;
}

/* The slot that points at the entry for key, or at the chain's end
 * (lock held). */
static struct cache_entry **find_slot(struct cache *cache, const char *key,
                                      size_t key_len, uint64_t hash)
{
    struct cache_entry **slot = &cache->buckets[hash & (CACHE_BUCKETS - 1)];
    while (*slot) {
        struct cache_entry *e = *slot;
        if (e->hash == hash && e->key_len == key_len &&
            memcmp(e->key, key, key_len) == 0) {
            break;
        }
        slot = &e->chain;
    }
    return slot;
}

/* Remove the entry *slot points at (lock held). */
static void remove_at(struct cache *cache, struct cache_entry **slot)
{
    struct cache_entry *e = *slot;
    *slot = e->chain;
    unlink_use(cache, e);
    cache->bytes -= e->key_len + e->blob->len;
    cache->entries--;
    entry_free(e);
}

/* Is e the valid entry for k? A stale one (older data) is removed
 * (lock held; *slot points at e). */
static bool entry_valid(struct cache *cache, struct cache_entry **slot,
                        const struct cache_key *k)
{
    struct cache_entry *e = *slot;
    if (e && e->generation == k->generation && e->stamp == k->stamp) {
        unlink_use(cache, e);
        link_newest(cache, e);
        cache->hits++;
        return true;
    }
    if (e && (e->generation < k->generation || e->stamp < k->stamp)) {
        remove_at(cache, slot);
    }
    cache->misses++;
    return false;
}

/* Copy the answer for k into out (replacing what it held); false when
 * there is none made at k's generation and stamp. */
bool cache_get(struct cache *cache, const struct cache_key *k,
               struct buf *out)
{
    const char *data = NULL;
    size_t len = 0;
    void *handle = NULL;
    if (!cache_borrow(cache, k, &data, &len, &handle)) {
        return false;
    }
    buf_reset(out);
    buf_append(out, data, len);
    cache_give_back(handle);
    return true;
}

/* Whether the cache keeps anything at all (--cache-mb 0 turns it off,
 * and then a caller need not even make keys). */
bool cache_keeps(const struct cache *cache)
{
    return cache->max_bytes > 0;
}

/* Keep a copy of data for k. A stale generation or an answer too large
 * for the cache is not kept. */
void cache_put(struct cache *cache, const struct cache_key *k,
               const void *data, size_t len)
{
    size_t size = k->len + len;
    if (size > cache->max_bytes / CACHE_LARGEST_SHARE ||
        k->generation != cache_generation(cache)) {
        return;
    }
    struct cache_entry *e = xcalloc(1, sizeof(*e));
    e->hash = hash_key(cache, k->key, k->len);
    e->generation = k->generation;
    e->stamp = k->stamp;
    e->key = xmalloc(k->len);
    memcpy(e->key, k->key, k->len);
    e->key_len = k->len;
    e->blob = xmalloc(sizeof(*e->blob) + len);
    atomic_init(&e->blob->refs, 1);
    e->blob->len = len;
    memcpy(e->blob->data, data, len);
    pthread_mutex_lock(&cache->lock);
    struct cache_entry **slot = find_slot(cache, e->key, e->key_len, e->hash);
    if (*slot) {
        remove_at(cache, slot);
        slot = find_slot(cache, e->key, e->key_len, e->hash);
    }
    *slot = e;
    link_newest(cache, e);
    cache->bytes += size;
    cache->entries++;
    while (cache->bytes > cache->max_bytes && cache->oldest != e) {
        struct cache_entry *old = cache->oldest;
        remove_at(cache, find_slot(cache, old->key, old->key_len, old->hash));
    }
    pthread_mutex_unlock(&cache->lock);
}

/* Like cache_get(), but lend the kept bytes instead of copying them:
 * *data and *len stay valid until cache_give_back(*handle), which may be
 * called from any thread, also after the entry left the cache. */
bool cache_borrow(struct cache *cache, const struct cache_key *k,
                  const char **data, size_t *len, void **handle)
{
    uint64_t hash = hash_key(cache, k->key, k->len);
    pthread_mutex_lock(&cache->lock);
    struct cache_entry **slot = find_slot(cache, k->key, k->len, hash);
    bool found = entry_valid(cache, slot, k);
    if (found) {
        struct cache_entry *e = *slot;
        atomic_fetch_add(&e->blob->refs, 1);
        *data = e->blob->data;
        *len = e->blob->len;
        *handle = e->blob;
    }
    pthread_mutex_unlock(&cache->lock);
    return found;
}

/* Give back what cache_borrow() lent. */
void cache_give_back(void *handle)
{
    blob_release(handle);
}

/* Read the counters. */
void cache_stats(struct cache *cache, struct cache_stats *out)
{
    pthread_mutex_lock(&cache->lock);
    out->hits = cache->hits;
    out->misses = cache->misses;
    out->entries = cache->entries;
    out->bytes = cache->bytes;
    pthread_mutex_unlock(&cache->lock);
}
