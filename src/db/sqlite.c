/* SPDX-License-Identifier: MIT */
/*
 * sqlite.c - the SQLite driver: taio's embedded default store.
 *
 * Every connection runs in WAL mode with synchronous=FULL, so a commit that
 * returned is on disk and survives kill -9 or power loss; foreign keys are
 * enforced and a busy database is waited for rather than failed. Reads go
 * through a memory map of up to 2 GB (SQLite's largest by default), which
 * saves copying every page from the OS cache: it took the agenda on a
 * million cases from 7 to 4.5 ms (bench/RESULTS.md). The server turns it
 * off on its connections (db_without_memory_map()). Writes still go
 * through the WAL and its fsync, so durability is unchanged.
 *
 * Portable SQL uses $1..$n placeholders. SQLite reads "$1" as a named
 * parameter, so binding index i looks up the name "$i" (pinned by
 * test_db.c). Prepared statements are cached per connection, keyed by their
 * text, because preparing costs as much as running a small insert.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/xalloc.h"
#include "db/db_driver.h"
#include "db/sqlite_fts.h"

/* Statements kept prepared per connection. */
#define STMT_CACHE_SIZE 96

struct sqlite_stmt {
    struct db_stmt base;
    sqlite3_stmt *handle;
    char *sql;     /* owned copy of the text, for the cache lookup */
    uint32_t hash; /* of sql */
    bool in_use;   /* handed out by prepare and not yet finalized */
    bool cached;   /* lives in the connection's cache */
};

struct sqlite_db {
    struct db base;
    sqlite3 *handle;
    enum taio_status last; /* classification of the last failure */
    struct sqlite_stmt *cache[STMT_CACHE_SIZE];
    size_t n_cache;
};

/* The driver's view of a connection and a statement. */
static struct sqlite_db *conn(struct db *db)
{
    return (struct sqlite_db *)db;
}

static const struct sqlite_db *conn_const(const struct db *db)
{
    return (const struct sqlite_db *)db;
}

static struct sqlite_stmt *stmt(struct db_stmt *st)
{
    return (struct sqlite_stmt *)st;
}

/* Map an SQLite result code to a taio status. */
static enum taio_status classify(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
        return TAIO_ECONFLICT;
    default:
        return TAIO_EDB;
    }
}

/* Log the connection's current error and remember its class. */
static void fail(struct sqlite_db *c, int rc, const char *what)
{
    c->last = classify(rc);
    log_error("sqlite: %s: %s", what, sqlite3_errmsg(c->handle));
}

/* FNV-1a hash of the statement text, for the cache lookup. */
static uint32_t fnv1a(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) {
        h = (h ^ (unsigned char)*s) * 16777619u;
    }
    return h;
}

/* Run SQL without parameters; failures are logged and classified. */
static enum taio_status sq_exec(struct db *db, const char *sql)
{
    struct sqlite_db *c = conn(db);
    char *err = NULL;
    int rc = sqlite3_exec(c->handle, sql, NULL, NULL, &err);
    if (rc != SQLITE_OK) {
        c->last = classify(rc);
        log_error("sqlite: %s", err ? err : sqlite3_errstr(rc));
        sqlite3_free(err);
        return c->last;
    }
    return TAIO_OK;
}

/* Open the database file at path, creating it if needed, and set the
 * durability and integrity pragmas. */
static enum taio_status sq_open(const char *path, struct db **out)
{
    sqlite3 *handle = NULL;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path, &handle, flags, NULL);
    if (rc != SQLITE_OK) {
        log_error("sqlite: cannot open %s: %s", path,
                  handle ? sqlite3_errmsg(handle) : sqlite3_errstr(rc));
        sqlite3_close(handle);
        return TAIO_EDB;
    }
    struct sqlite_db *c = xcalloc(1, sizeof(*c));
    c->base.driver = &db_sqlite_driver;
    c->handle = handle;
    sqlite3_busy_timeout(handle, 10000);
    sqlite3_extended_result_codes(handle, 1);
    if (sqlite_fts_register(handle) != SQLITE_OK) {
        log_error("sqlite: cannot register the search tokenizer: %s",
                  sqlite3_errmsg(handle));
        sqlite3_close(handle);
        free(c);
        return TAIO_EDB;
    }
    enum taio_status status = sq_exec(&c->base,
                                      "PRAGMA journal_mode=WAL;"
                                      "PRAGMA synchronous=FULL;"
                                      "PRAGMA foreign_keys=ON;"
                                      "PRAGMA mmap_size=2147418112;");
    if (status != TAIO_OK) {
        log_error("sqlite: %s is not a usable database", path);
        sqlite3_close(handle);
        free(c);
        return TAIO_EDB;
    }
    *out = &c->base;
    return TAIO_OK;
}

/* Finalize a statement for good and free it. */
static void stmt_destroy(struct sqlite_stmt *s)
{
    sqlite3_finalize(s->handle);
    free(s->sql);
    free(s);
}

/* Destroy every cached statement and close the handle. */
static void sq_close(struct db *db)
{
    struct sqlite_db *c = conn(db);
    for (size_t i = 0; i < c->n_cache; i++) {
        stmt_destroy(c->cache[i]);
    }
    sqlite3_close(c->handle);
    free(c);
}

/* Hand out a cached statement for sql when one is free, else compile a
 * new one and cache it if there is room. */
static enum taio_status sq_prepare(struct db *db, const char *sql,
                                   struct db_stmt **out)
{
    struct sqlite_db *c = conn(db);
    uint32_t hash = fnv1a(sql);
    for (size_t i = 0; i < c->n_cache; i++) {
        struct sqlite_stmt *s = c->cache[i];
        if (!s->in_use && s->hash == hash && strcmp(s->sql, sql) == 0) {
            s->in_use = true;
            *out = &s->base;
            return TAIO_OK;
        }
    }
    sqlite3_stmt *handle = NULL;
    bool cache = c->n_cache < STMT_CACHE_SIZE;
    int rc = sqlite3_prepare_v3(c->handle, sql, -1,
                                cache ? SQLITE_PREPARE_PERSISTENT : 0,
                                &handle, NULL);
    if (rc != SQLITE_OK) {
        fail(c, rc, "prepare");
        log_error("sqlite: in statement: %s", sql);
        return TAIO_EDB;
    }
    struct sqlite_stmt *s = xcalloc(1, sizeof(*s));
    s->base.driver = &db_sqlite_driver;
    s->base.db = db;
    s->handle = handle;
    s->sql = xstrdup(sql);
    s->hash = hash;
    s->in_use = true;
    s->cached = cache;
    if (cache) {
        c->cache[c->n_cache++] = s;
    }
    *out = &s->base;
    return TAIO_OK;
}

/* SQLite's index for the portable placeholder $index; 0 if the statement
 * has no such placeholder, which is a programming error. */
static int param_index(struct sqlite_stmt *s, int index)
{
    char name[16];
    snprintf(name, sizeof(name), "$%d", index);
    int i = sqlite3_bind_parameter_index(s->handle, name);
    if (i == 0) {
        log_error("sqlite: no placeholder %s in: %s", name, s->sql);
    }
    return i;
}

/* Binders: placeholder $index of the statement. */
static void sq_bind_int64(struct db_stmt *st, int index, int64_t value)
{
    struct sqlite_stmt *s = stmt(st);
    sqlite3_bind_int64(s->handle, param_index(s, index), value);
}

static void sq_bind_text(struct db_stmt *st, int index, const char *value)
{
    struct sqlite_stmt *s = stmt(st);
    sqlite3_bind_text(s->handle, param_index(s, index), value, -1,
                      SQLITE_TRANSIENT);
}

static void sq_bind_null(struct db_stmt *st, int index)
{
    struct sqlite_stmt *s = stmt(st);
    sqlite3_bind_null(s->handle, param_index(s, index));
}

/* One step; SQLite's codes mapped to enum db_step. */
static enum db_step sq_step(struct db_stmt *st)
{
    struct sqlite_stmt *s = stmt(st);
    int rc = sqlite3_step(s->handle);
    if (rc == SQLITE_ROW) {
        return DB_ROW;
    }
    if (rc == SQLITE_DONE) {
        return DB_DONE;
    }
    fail(conn(st->db), rc, "step");
    return DB_ERROR;
}

/* Column readers of the current row. */
static bool sq_col_is_null(struct db_stmt *st, int col)
{
    return sqlite3_column_type(stmt(st)->handle, col) == SQLITE_NULL;
}

static int64_t sq_col_int64(struct db_stmt *st, int col)
{
    return sqlite3_column_int64(stmt(st)->handle, col);
}

static const char *sq_col_text(struct db_stmt *st, int col)
{
    return (const char *)sqlite3_column_text(stmt(st)->handle, col);
}

/* Return a cached statement to the cache (reset, bindings cleared), or
 * destroy an uncached one. */
static void sq_finalize(struct db_stmt *st)
{
    struct sqlite_stmt *s = stmt(st);
    if (s->cached) {
        sqlite3_reset(s->handle);
        sqlite3_clear_bindings(s->handle);
        s->in_use = false;
        return;
    }
    stmt_destroy(s);
}

/* Rows changed by the last statement. */
static int64_t sq_changes(struct db *db)
{
    return sqlite3_changes64(conn(db)->handle);
}

/* Transactions: BEGIN IMMEDIATE takes the write lock at once. */
static enum taio_status sq_begin(struct db *db)
{
    return sq_exec(db, "BEGIN IMMEDIATE");
}

static enum taio_status sq_commit(struct db *db)
{
    return sq_exec(db, "COMMIT");
}

static void sq_rollback(struct db *db)
{
    struct sqlite_db *c = conn(db);
    if (!sqlite3_get_autocommit(c->handle)) {
        sqlite3_exec(c->handle, "ROLLBACK", NULL, NULL, NULL);
    }
}

/* The class of the last failure on this connection. */
static enum taio_status sq_last_status(const struct db *db)
{
    enum taio_status last = conn_const(db)->last;
    return last == TAIO_OK ? TAIO_EDB : last;
}

/* PRAGMA data_version moves when another connection commits, and the
 * connection's total change count when it writes itself; both only grow,
 * so their sum moves whenever either does. */
static enum taio_status sq_data_version(struct db *db, uint64_t *out)
{
    struct db_stmt *st = NULL;
    enum taio_status status = sq_prepare(db, "PRAGMA data_version", &st);
    if (status != TAIO_OK) {
        return status;
    }
    if (sq_step(st) != DB_ROW) {
        sq_finalize(st);
        return sq_last_status(db);
    }
    int64_t version = sq_col_int64(st, 0);
    sq_finalize(st);
    *out = (uint64_t)version +
           (uint64_t)sqlite3_total_changes64(conn(db)->handle);
    return TAIO_OK;
}

const struct db_driver db_sqlite_driver = {
    .scheme = "sqlite",
    .dialect = DB_SQLITE,
    .open = sq_open,
    .close = sq_close,
    .prepare = sq_prepare,
    .bind_int64 = sq_bind_int64,
    .bind_text = sq_bind_text,
    .bind_null = sq_bind_null,
    .step = sq_step,
    .col_is_null = sq_col_is_null,
    .col_int64 = sq_col_int64,
    .col_text = sq_col_text,
    .finalize = sq_finalize,
    .exec = sq_exec,
    .changes = sq_changes,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .last_status = sq_last_status,
    .data_version = sq_data_version,
};
