/* SPDX-License-Identifier: MIT */
/*
 * test_cache.c - unit tests for web/cache.c: an answer is given out only
 * at the generation it was made at, the oldest go first when the cache is
 * full, and nothing too large is kept.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "web/cache.h"

static void put_text(struct cache *c, const char *key, uint64_t generation,
                     const char *value)
{
    struct cache_key k = {key, strlen(key), generation, 0};
    cache_put(c, &k, value, strlen(value));
}

/* The text under key at generation, or NULL (one static buffer). */
static const char *get_text(struct cache *c, const char *key,
                            uint64_t generation)
{
    static char text[256];
    struct buf out;
    buf_init(&out);
    struct cache_key k = {key, strlen(key), generation, 0};
    bool found = cache_get(c, &k, &out);
    if (found) {
        snprintf(text, sizeof(text), "%.*s", (int)out.len, out.data);
    }
    buf_clear(&out);
    return found ? text : NULL;
}

/* An entry is found at its generation; after the data changed it is not,
 * and an answer made before the change is not kept. */
static void test_generation_retires_entries(void **state)
{
    (void)state;
    struct cache *c = cache_new(1 << 20);
    uint64_t g = cache_generation(c);
    put_text(c, "case/1", g, "version 1");
    assert_string_equal(get_text(c, "case/1", g), "version 1");
    assert_null(get_text(c, "case/2", g));
    cache_invalidate(c);
    uint64_t g2 = cache_generation(c);
    assert_true(g2 > g);
    assert_null(get_text(c, "case/1", g2));
    put_text(c, "case/1", g, "made from old data");
    assert_null(get_text(c, "case/1", g2));
    put_text(c, "case/1", g2, "version 2");
    assert_string_equal(get_text(c, "case/1", g2), "version 2");
    struct cache_stats stats;
    cache_stats(c, &stats);
    assert_int_equal(stats.entries, 1);
    assert_int_equal(stats.hits, 2);
    assert_int_equal(stats.misses, 3);
    cache_free(c);
}

/* Keys that differ only after a NUL or in length are different keys. */
static void test_keys_are_bytes(void **state)
{
    (void)state;
    struct cache *c = cache_new(1 << 20);
    uint64_t g = cache_generation(c);
    struct cache_key kb = {"a\0b", 3, g, 0};
    struct cache_key kc = {"a\0c", 3, g, 0};
    struct cache_key ka = {"a", 1, g, 0};
    cache_put(c, &kb, "x", 1);
    cache_put(c, &kc, "y", 1);
    struct buf out;
    buf_init(&out);
    assert_true(cache_get(c, &kb, &out));
    assert_memory_equal(out.data, "x", 1);
    assert_true(cache_get(c, &kc, &out));
    assert_memory_equal(out.data, "y", 1);
    assert_false(cache_get(c, &ka, &out));
    buf_clear(&out);
    cache_free(c);
}

/* The stamp (the clock's second for answers) must match too; a newer
 * one replaces the entry under the same key. */
static void test_stamp_must_match(void **state)
{
    (void)state;
    struct cache *c = cache_new(1 << 20);
    uint64_t g = cache_generation(c);
    struct cache_key at10 = {"agenda", 6, g, 10};
    struct cache_key at11 = {"agenda", 6, g, 11};
    cache_put(c, &at10, "at ten", 6);
    struct buf out;
    buf_init(&out);
    assert_true(cache_get(c, &at10, &out));
    assert_false(cache_get(c, &at11, &out));
    cache_put(c, &at11, "at eleven", 9);
    assert_true(cache_get(c, &at11, &out));
    assert_memory_equal(out.data, "at eleven", 9);
    struct cache_stats stats;
    cache_stats(c, &stats);
    assert_int_equal(stats.entries, 1);
    buf_clear(&out);
    cache_free(c);
}
/* When full, the least recently used entry goes first. */
static void test_least_recently_used_goes_first(void **state)
{
    (void)state;
    char value[100];
    memset(value, 'v', sizeof(value) - 1);
    value[sizeof(value) - 1] = '\0';
    /* Room for about eight entries of about 105 bytes. */
    struct cache *c = cache_new(8 * 105 + 50);
    uint64_t g = cache_generation(c);
    char key[16];
    for (int i = 0; i < 8; i++) {
        snprintf(key, sizeof(key), "key%02d", i);
        put_text(c, key, g, value);
    }
    assert_non_null(get_text(c, "key00", g)); /* now the newest */
    put_text(c, "key08", g, value);
    assert_non_null(get_text(c, "key00", g));
    assert_null(get_text(c, "key01", g));
    assert_non_null(get_text(c, "key08", g));
    struct cache_stats stats;
    cache_stats(c, &stats);
    assert_true(stats.bytes <= 8 * 105 + 50);
    cache_free(c);
}

/* An answer larger than an eighth of the cache is not kept, and a cache
 * of size 0 keeps nothing but still counts generations. */
static void test_too_large_or_disabled(void **state)
{
    (void)state;
    struct cache *c = cache_new(800);
    uint64_t g = cache_generation(c);
    char big[200];
    memset(big, 'b', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    put_text(c, "big", g, big);
    assert_null(get_text(c, "big", g));
    put_text(c, "small", g, "ok");
    assert_non_null(get_text(c, "small", g));
    cache_free(c);

    struct cache *off = cache_new(0);
    uint64_t g0 = cache_generation(off);
    put_text(off, "k", g0, "v");
    assert_null(get_text(off, "k", g0));
    cache_invalidate(off);
    assert_true(cache_generation(off) > g0);
    cache_free(off);
}

/* Borrowed bytes stay valid after their entry was replaced and evicted,
 * until given back (ASan would see a use after free). */
static void test_borrowed_bytes_outlive_their_entry(void **state)
{
    (void)state;
    struct cache *c = cache_new(1 << 20);
    uint64_t g = cache_generation(c);
    put_text(c, "case/1", g, "first answer");
    const char *data = NULL;
    size_t len = 0;
    void *handle = NULL;
    struct cache_key k = {"case/1", 6, g, 0};
    assert_true(cache_borrow(c, &k, &data, &len, &handle));
    put_text(c, "case/1", g, "second answer");
    cache_invalidate(c);
    const char *other = NULL;
    size_t other_len = 0;
    void *other_handle = NULL;
    struct cache_key now = {"case/1", 6, cache_generation(c), 0};
    assert_false(cache_borrow(c, &now, &other, &other_len, &other_handle));
    assert_int_equal(len, strlen("first answer"));
    assert_memory_equal(data, "first answer", len);
    cache_free(c);
    assert_memory_equal(data, "first answer", len);
    cache_give_back(handle);
}

/* Many threads putting, getting and invalidating at once: a reader never
 * gets an entry of another generation (each value names its own). */
struct stress {
    struct cache *cache;
    int seed;
    int wrong;
};

static void *stress_main(void *arg)
{
    struct stress *s = arg;
    struct buf out;
    buf_init(&out);
    char key[16];
    char value[32];
    for (int i = 0; i < 20000; i++) {
        uint64_t g = cache_generation(s->cache);
        snprintf(key, sizeof(key), "k%d", (i * 7 + s->seed) % 50);
        snprintf(value, sizeof(value), "%llu", (unsigned long long)g);
        struct cache_key k = {key, strlen(key), g, 0};
        if (cache_get(s->cache, &k, &out)) {
            if (strcmp(buf_str(&out), value) != 0) {
                s->wrong++;
            }
        } else {
            cache_put(s->cache, &k, value, strlen(value) + 1);
        }
        if (i % 997 == 0) {
            cache_invalidate(s->cache);
        }
    }
    buf_clear(&out);
    return NULL;
}

static void test_threads_see_only_their_generation(void **state)
{
    (void)state;
    struct cache *c = cache_new(4096);
    struct stress s[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        s[i] = (struct stress){c, i, 0};
        pthread_create(&t[i], NULL, stress_main, &s[i]);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(s[i].wrong, 0);
    }
    cache_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_generation_retires_entries),
        cmocka_unit_test(test_keys_are_bytes),
        cmocka_unit_test(test_stamp_must_match),
        cmocka_unit_test(test_least_recently_used_goes_first),
        cmocka_unit_test(test_too_large_or_disabled),
        cmocka_unit_test(test_borrowed_bytes_outlive_their_entry),
        cmocka_unit_test(test_threads_see_only_their_generation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
