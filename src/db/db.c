/* SPDX-License-Identifier: MIT */
/*
 * db.c - the backend-neutral store API: picks a driver from the URL and
 * forwards every call to it.
 *
 * URLs: "sqlite:PATH", "sqlite://PATH" or a bare path (SQLite), and later
 * "postgres://..." (PostgreSQL). The drivers live in sqlite.c and pg.c and
 * meet here through struct db_driver (db_driver.h).
 */
#include "db/db.h"

#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/xalloc.h"
#include "db/db_driver.h"

static const struct db_driver *const DRIVERS[] = {
    &db_sqlite_driver,
};

/* Split url into a driver and the driver's target. A URL without a known
 * scheme is a SQLite file path. */
static const struct db_driver *driver_for(const char *url,
                                          const char **target)
{
    for (size_t i = 0; i < sizeof(DRIVERS) / sizeof(DRIVERS[0]); i++) {
        const char *scheme = DRIVERS[i]->scheme;
        size_t n = strlen(scheme);
        if (strncmp(url, scheme, n) == 0 && url[n] == ':') {
            const char *rest = url + n + 1;
            if (strncmp(rest, "//", 2) == 0) {
                rest += 2;
            }
            *target = rest;
            return DRIVERS[i];
        }
    }
    if (strncmp(url, "postgres:", 9) == 0 ||
        strncmp(url, "postgresql:", 11) == 0) {
        *target = NULL;
        return NULL;
    }
    *target = url;
    return &db_sqlite_driver;
}

/* Open a connection to the store named by url. Returns TAIO_EINVAL (not
 * logged) for a URL no driver of this build understands, TAIO_EDB when the store cannot be opened
 * (logged). *out is freed with db_close(). */
enum taio_status db_open(const char *url, struct db **out)
{
    const char *target = NULL;
    const struct db_driver *driver = driver_for(url, &target);
    if (driver == NULL) {
        return TAIO_EINVAL; /* the caller says so in the user's terms */
    }
    return driver->open(target, out);
}

/* Close a connection, finishing every cached statement. Accepts NULL. */
void db_close(struct db *db)
{
    if (db) {
        db->driver->close(db);
    }
}

/* Which SQL dialect the connection speaks, for the rare query that must
 * differ between back ends. */
enum db_dialect db_dialect(const struct db *db)
{
    return db->driver->dialect;
}

/* Prepare sql (placeholders $1..$n). Drivers may hand back a cached
 * statement; either way it must be released with db_finalize(). Returns
 * TAIO_EDB when the SQL does not compile (logged). */
enum taio_status db_prepare(struct db *db, const char *sql,
                            struct db_stmt **out)
{
    return db->driver->prepare(db, sql, out);
}

/* Bind an integer to placeholder $index. */
void db_bind_int64(struct db_stmt *st, int index, int64_t value)
{
    st->driver->bind_int64(st, index, value);
}

/* Bind text to placeholder $index; NULL binds SQL NULL. The text is
 * copied. */
void db_bind_text(struct db_stmt *st, int index, const char *value)
{
    if (value == NULL) {
        st->driver->bind_null(st, index);
    } else {
        st->driver->bind_text(st, index, value);
    }
}

/* Bind SQL NULL to placeholder $index. */
void db_bind_null(struct db_stmt *st, int index)
{
    st->driver->bind_null(st, index);
}

/* Bind value when present, else NULL: for optional times and ids. */
void db_bind_opt_int64(struct db_stmt *st, int index, bool present,
                       int64_t value)
{
    if (present) {
        st->driver->bind_int64(st, index, value);
    } else {
        st->driver->bind_null(st, index);
    }
}

/* Advance the statement. On DB_ERROR the failure is logged and
 * db_last_status() classifies it. */
enum db_step db_step(struct db_stmt *st)
{
    return st->driver->step(st);
}

/* True when column col (0-based) of the current row is NULL. */
bool db_col_is_null(struct db_stmt *st, int col)
{
    return st->driver->col_is_null(st, col);
}

/* Column col of the current row as an integer (0 for NULL). */
int64_t db_col_int64(struct db_stmt *st, int col)
{
    return st->driver->col_int64(st, col);
}

/* Column col as text, NULL for SQL NULL. Borrowed: valid until the next
 * db_step or db_finalize on st. */
const char *db_col_text(struct db_stmt *st, int col)
{
    return st->driver->col_text(st, col);
}

/* Column col as a malloc'd copy (NULL for SQL NULL); free with free(). */
char *db_col_strdup(struct db_stmt *st, int col)
{
    return xstrdup_or_null(st->driver->col_text(st, col));
}

/* Release a statement from db_prepare. Accepts NULL. */
void db_finalize(struct db_stmt *st)
{
    if (st) {
        st->driver->finalize(st);
    }
}

/* How the last failed call on db failed: TAIO_ECONFLICT for a constraint
 * violation, TAIO_EDB otherwise. */
enum taio_status db_last_status(const struct db *db)
{
    return db->driver->last_status(db);
}

/* Run SQL without parameters or results (schema, pragmas). */
enum taio_status db_exec(struct db *db, const char *sql)
{
    return db->driver->exec(db, sql);
}

/* Step st to completion, ignoring rows, and finalize it. Returns TAIO_OK,
 * or the classified failure. */
enum taio_status db_run(struct db_stmt *st)
{
    enum db_step r;
    while ((r = st->driver->step(st)) == DB_ROW) {
    }
    enum taio_status status = TAIO_OK;
    if (r == DB_ERROR) {
        status = db_last_status(st->db);
    }
    st->driver->finalize(st);
    return status;
}

/* Step st once and, if it gives a row, fill record with read. Returns
 * TAIO_OK, TAIO_ENOTFOUND when there is no row, or the classified store
 * failure. Finalizes st either way. */
enum taio_status db_fetch_one(struct db_stmt *st, db_read_fn read,
                              void *record)
{
    enum taio_status status = TAIO_OK;
    switch (db_step(st)) {
    case DB_ROW:
        read(st, record);
        break;
    case DB_DONE:
        status = TAIO_ENOTFOUND;
        break;
    case DB_ERROR:
        status = db_last_status(st->db);
        break;
    }
    db_finalize(st);
    return status;
}

/* Read the first column of a row into an int64_t record (a db_read_fn,
 * e.g. for an id given by RETURNING). */
void db_read_int64(struct db_stmt *st, void *record)
{
    *(int64_t *)record = db_col_int64(st, 0);
}

/* Run sql, a query without parameters giving one row (a count, a
 * maximum), and put its first column in *out. TAIO_ENOTFOUND when it
 * gives no row. */
enum taio_status db_query_int64(struct db *db, const char *sql,
                                int64_t *out)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, sql, &st);
    if (status != TAIO_OK) {
        return status;
    }
    return db_fetch_one(st, db_read_int64, out);
}

/* Step st to the end, reading each row with read into a new element of a
 * growing array of record_size-byte records (each zeroed before read).
 * On success *records (malloc'd, NULL when empty) and *n_records hold
 * them; on failure they hold what was read before it, for the caller to
 * free the same way. Finalizes st either way. */
enum taio_status db_fetch_all(struct db_stmt *st, db_read_fn read,
                              size_t record_size, void **records,
                              size_t *n_records)
{
    char *list = NULL;
    size_t n = 0;
    size_t cap = 0;
    enum db_step r;
    while ((r = db_step(st)) == DB_ROW) {
        list = xgrow(list, &cap, n + 1, record_size);
        memset(list + n * record_size, 0, record_size);
        read(st, list + n * record_size);
        n++;
    }
    enum taio_status status = r == DB_ERROR ? db_last_status(st->db)
                                            : TAIO_OK;
    db_finalize(st);
    *records = list;
    *n_records = n;
    return status;
}

/* Rows changed by the last INSERT, UPDATE or DELETE on db. */
int64_t db_changes(struct db *db)
{
    return db->driver->changes(db);
}

/* Has the data this connection can see possibly changed since the last
 * call on it (a commit by any connection, its own included)? True on the
 * first call, on failure, and when the back end cannot tell: a caller
 * that keeps answers derived from the data drops them then. */
bool db_data_changed(struct db *db)
{
    uint64_t version = 0;
    if (db->driver->data_version == NULL ||
        db->driver->data_version(db, &version) != TAIO_OK) {
        db->has_seen = false;
        return true;
    }
    bool changed = !db->has_seen || version != db->seen_version;
    db->has_seen = true;
    db->seen_version = version;
    return changed;
}

/* Read this connection's pages with read() rather than through a memory
 * map. SQLite drops and remakes its whole map each time another
 * connection commits; for a server's connections, which see commits all
 * the time, that costs every thread a TLB flush per commit, more than the
 * map saves (bench/RESULTS.md). No effect on other back ends. */
void db_without_memory_map(struct db *db)
{
    if (db_dialect(db) == DB_SQLITE) {
        db_exec(db, "PRAGMA mmap_size=0");
    }
}

/* Start a write transaction, or a nested level of the open one. Only the
 * outermost level talks to the store; in SQLite it takes the write lock at
 * once, so two writers never deadlock upgrading a read lock. Nesting lets a
 * domain function that is one change on its own also be part of a larger
 * change (a case opened with its first contact and a promise). */
enum taio_status db_begin(struct db *db)
{
    if (db->depth == 0) {
        enum taio_status status = db->driver->begin(db);
        if (status != TAIO_OK) {
            return status;
        }
        db->failed = false;
    }
    db->depth++;
    return TAIO_OK;
}

/* End one level. At the outermost level commit, unless an inner level
 * rolled back, in which case everything is rolled back and TAIO_ECONFLICT
 * returned. The change is durable when the outermost commit returns
 * TAIO_OK. */
enum taio_status db_commit(struct db *db)
{
    if (db->depth == 0) {
        log_error("db_commit without db_begin");
        return TAIO_EDB;
    }
    db->depth--;
    if (db->depth > 0 || db->in_batch) {
        return TAIO_OK;
    }
    if (db->failed) {
        db->driver->rollback(db);
        db->failed = false;
        return TAIO_ECONFLICT;
    }
    enum taio_status status = db->driver->commit(db);
    if (status != TAIO_OK) {
        db->driver->rollback(db);
    }
    return status;
}

/* Finish one level of a transaction according to how the work inside it
 * went: commit when status is TAIO_OK, else roll back. Returns status, or
 * the commit's failure. For the common ending "return db_end(db, s);". */
enum taio_status db_end(struct db *db, enum taio_status status)
{
    if (status != TAIO_OK) {
        db_rollback(db);
        return status;
    }
    return db_commit(db);
}

/* Abandon one level; the whole transaction is rolled back when the
 * outermost level ends. Safe to call without a transaction. */
void db_rollback(struct db *db)
{
    if (db->depth == 0) {
        return;
    }
    db->depth--;
    db->failed = true;
    if (db->depth == 0 && !db->in_batch) {
        db->driver->rollback(db);
        db->failed = false;
    }
}

/*
 * Group commit. A batch is one transaction holding many independent
 * changes, each inside a savepoint: a change that fails is rolled back to
 * its savepoint without touching the others, and the one commit at the end
 * makes all of them durable with a single sync. Inside an item the domain's
 * own db_begin()/db_end() nest as usual (the item is their outer level).
 */

/* Start a batch: the connection must not be in a transaction. */
enum taio_status db_batch_begin(struct db *db)
{
    if (db->depth != 0) {
        log_error("db_batch_begin inside a transaction");
        return TAIO_EDB;
    }
    enum taio_status status = db->driver->begin(db);
    if (status == TAIO_OK) {
        db->failed = false;
        db->in_batch = true;
    }
    return status;
}

/* Start the next change of the batch. */
enum taio_status db_batch_item_begin(struct db *db)
{
    enum taio_status status = db_exec(db, "SAVEPOINT batch_item");
    if (status == TAIO_OK) {
        db->depth = 1;
        db->failed = false;
    }
    return status;
}

/* End the current change: keep it, unless keep is false or something in
 * it rolled back, in which case it is undone alone. */
void db_batch_item_end(struct db *db, bool keep)
{
    bool undo = !keep || db->failed || db->depth != 1;
    db->depth = 0;
    db->failed = false;
    if (undo) {
        db_exec(db, "ROLLBACK TO batch_item");
    }
    db_exec(db, "RELEASE batch_item");
}

/* Commit the whole batch. Nothing of it is kept when this fails. */
enum taio_status db_batch_commit(struct db *db)
{
    db->in_batch = false;
    db->depth = 0;
    enum taio_status status = db->driver->commit(db);
    if (status != TAIO_OK) {
        db->driver->rollback(db);
    }
    return status;
}
