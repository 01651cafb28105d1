/* SPDX-License-Identifier: MIT */
#ifndef TAIO_DB_POOL_H
#define TAIO_DB_POOL_H

#include <stddef.h>

#include "core/status.h"
#include "db/db.h"

/* A fixed set of open connections to one store, shared by the server's
 * threads; the pool owns its lock (STYLE.md section 6). */
struct db_pool;

typedef void (*db_setup_fn)(struct db *db);
enum taio_status db_pool_new(const char *url, size_t size,
                             db_setup_fn setup, struct db_pool **out);
struct db *db_pool_take(struct db_pool *pool);
void db_pool_give(struct db_pool *pool, struct db *db);
void db_pool_free(struct db_pool *pool);

#endif
