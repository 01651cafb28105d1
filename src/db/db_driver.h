/* SPDX-License-Identifier: MIT */
#ifndef TAIO_DB_DB_DRIVER_H
#define TAIO_DB_DB_DRIVER_H

#include "db/db.h"

/*
 * What a storage back end provides (compare SQLite's sqlite3_vfs and
 * Redis's ConnectionType). Shared by db.c and the drivers only. New members
 * go at the end so an older driver table stays valid.
 */
struct db_driver {
    const char *scheme;            /* URL scheme, e.g. "sqlite" */
    enum db_dialect dialect;
    enum taio_status (*open)(const char *target, struct db **out);
    void (*close)(struct db *db);
    enum taio_status (*prepare)(struct db *db, const char *sql,
                                struct db_stmt **out);
    void (*bind_int64)(struct db_stmt *st, int index, int64_t value);
    void (*bind_text)(struct db_stmt *st, int index, const char *value);
    void (*bind_null)(struct db_stmt *st, int index);
    enum db_step (*step)(struct db_stmt *st);
    bool (*col_is_null)(struct db_stmt *st, int col);
    int64_t (*col_int64)(struct db_stmt *st, int col);
    const char *(*col_text)(struct db_stmt *st, int col);
    void (*finalize)(struct db_stmt *st);
    enum taio_status (*exec)(struct db *db, const char *sql);
    int64_t (*changes)(struct db *db);
    enum taio_status (*begin)(struct db *db);
    enum taio_status (*commit)(struct db *db);
    void (*rollback)(struct db *db);
    enum taio_status (*last_status)(const struct db *db);
    /* A number that grows whenever data this connection can see may have
     * changed: a commit by any connection, its own included. NULL when
     * the back end cannot tell. */
    enum taio_status (*data_version)(struct db *db, uint64_t *out);
};

/* Every connection and statement starts with its driver, so db.c can
 * dispatch without knowing the driver's types. */
struct db {
    const struct db_driver *driver;
    int depth;   /* nesting of db_begin calls; 0: no transaction */
    bool failed; /* an inner level rolled back; the outer one must too */
    bool in_batch; /* inside db_batch_begin(): only the batch commits */
    bool has_seen;         /* seen_version was read (db_data_changed) */
    uint64_t seen_version; /* the data version at the last look */
};

struct db_stmt {
    const struct db_driver *driver;
    struct db *db; /* the connection it was prepared on */
};

extern const struct db_driver db_sqlite_driver;

#endif
