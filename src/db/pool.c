/* SPDX-License-Identifier: MIT */
/*
 * pool.c - a fixed pool of store connections for the server.
 *
 * A struct db is used by one thread at a time. Each request takes a
 * connection for its whole life and gives it back at the end; when all are
 * taken, the next request waits. The pool is sized to the server's worker
 * threads, so in practice nobody waits. Connections are opened (and the
 * schema migrated) by the caller before the pool is shared.
 */
#include "db/pool.h"

#include <pthread.h>
#include <stdlib.h>

#include "core/xalloc.h"

struct db_pool {
    pthread_mutex_t lock;
    pthread_cond_t freed;   /* signalled when a connection comes back */
    struct db **idle;       /* owned array of size entries; idle[0..n_idle) */
    size_t n_idle;
    size_t size;
};

/* Open size connections to url, each then given to setup (when not
 * NULL). On failure nothing stays open. Free with db_pool_free(). */
enum taio_status db_pool_new(const char *url, size_t size,
                             db_setup_fn setup, struct db_pool **out)
{
    struct db_pool *pool = xcalloc(1, sizeof(*pool));
    pool->idle = xcalloc(size, sizeof(pool->idle[0]));
    pool->size = size;
    pthread_mutex_init(&pool->lock, NULL);
    pthread_cond_init(&pool->freed, NULL);
    for (size_t i = 0; i < size; i++) {
        enum taio_status status = db_open(url, &pool->idle[i]);
        if (status != TAIO_OK) {
            pool->n_idle = i;
            db_pool_free(pool);
            return status;
        }
        if (setup) {
            setup(pool->idle[i]);
        }
    }
    pool->n_idle = size;
    *out = pool;
    return TAIO_OK;
}

/* Take a connection, waiting until one is free. Give it back with
 * db_pool_give(). */
struct db *db_pool_take(struct db_pool *pool)
{
    pthread_mutex_lock(&pool->lock);
    while (pool->n_idle == 0) {
        pthread_cond_wait(&pool->freed, &pool->lock);
    }
    struct db *db = pool->idle[--pool->n_idle];
    pthread_mutex_unlock(&pool->lock);
    return db;
}

/* Give back a connection from db_pool_take(). */
void db_pool_give(struct db_pool *pool, struct db *db)
{
    pthread_mutex_lock(&pool->lock);
    pool->idle[pool->n_idle++] = db;
    pthread_cond_signal(&pool->freed);
    pthread_mutex_unlock(&pool->lock);
}

/* Close every connection and free the pool; all must have been given
 * back. Accepts NULL. */
void db_pool_free(struct db_pool *pool)
{
    if (pool == NULL) {
        return;
    }
    for (size_t i = 0; i < pool->n_idle; i++) {
        db_close(pool->idle[i]);
    }
    free(pool->idle);
    pthread_cond_destroy(&pool->freed);
    pthread_mutex_destroy(&pool->lock);
    free(pool);
}
