/* SPDX-License-Identifier: MIT */
/*
 * migrate.c - bringing a store's schema up to the version this binary
 * expects.
 *
 * Owns the schema_migrations table. Each migration runs in its own
 * transaction together with the row that records it, so a crash leaves
 * the schema at a whole version. A store newer than the binary is refused
 * rather than guessed at.
 */
#include "db/migrate.h"

#include <time.h>

#include "core/log.h"

static const char SQL_CREATE_TABLE[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "  version INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  applied_at INTEGER NOT NULL)";

static const char SQL_CURRENT[] =
    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";

static const char SQL_RECORD[] =
    "INSERT INTO schema_migrations (version, name, applied_at)"
    " VALUES ($1, $2, $3)";

static const struct migration *migrations_for(const struct db *db,
                                              size_t *count)
{
    switch (db_dialect(db)) {
    case DB_SQLITE:
        *count = migrate_sqlite_count;
        return migrate_sqlite;
    case DB_POSTGRES:
        break;
    }
    *count = 0;
    return NULL;
}

/* The newest schema version this binary knows for db's dialect. */
int migrate_latest(const struct db *db)
{
    size_t count;
    const struct migration *list = migrations_for(db, &count);
    return list && count ? list[count - 1].version : 0;
}

/* Read the store's schema version into *version (0 for an empty store). */
enum taio_status migrate_version(struct db *db, int *version)
{
    enum taio_status status = db_exec(db, SQL_CREATE_TABLE);
    if (status != TAIO_OK) {
        return status;
    }
    int64_t current = 0;
    status = db_query_int64(db, SQL_CURRENT, &current);
    *version = (int)current;
    return status;
}

/* Apply one migration and record it, atomically. */
static enum taio_status apply_one(struct db *db, const struct migration *m)
{
    enum taio_status status = db_begin(db);
    if (status != TAIO_OK) {
        return status;
    }
    status = db_exec(db, m->sql);
    if (status != TAIO_OK) {
        log_error("migration %04d_%s failed", m->version, m->name);
        goto out;
    }
    struct db_stmt *st = NULL;
    status = db_prepare(db, SQL_RECORD, &st);
    if (status != TAIO_OK) {
        goto out;
    }
    db_bind_int64(st, 1, m->version);
    db_bind_text(st, 2, m->name);
    /* The wall clock, not TAIO_NOW: this records an operator action. */
    db_bind_int64(st, 3, (int64_t)time(NULL));
    status = db_run(st);
    if (status == TAIO_OK) {
        status = db_commit(db);
    }
out:
    if (status != TAIO_OK) {
        db_rollback(db);
    }
    return status;
}

/* Apply every migration newer than the store's version, in order. Sets
 * *applied (may be NULL) to how many ran. Returns TAIO_ECONFLICT when the
 * store is newer than this binary, TAIO_EDB on a failed migration (the
 * store then stays at the last whole version). */
enum taio_status migrate_apply(struct db *db, int *applied)
{
    int current = 0;
    int count_applied = 0;
    enum taio_status status = migrate_version(db, &current);
    if (status != TAIO_OK) {
        return status;
    }
    size_t count;
    const struct migration *list = migrations_for(db, &count);
    if (current > migrate_latest(db)) {
        log_error("the database has schema version %d but this taio knows "
                  "only up to %d; use a newer taio",
                  current, migrate_latest(db));
        return TAIO_ECONFLICT;
    }
    for (size_t i = 0; i < count; i++) {
        if (list[i].version <= current) {
            continue;
        }
        status = apply_one(db, &list[i]);
        if (status != TAIO_OK) {
            break;
        }
        count_applied++;
    }
    if (applied) {
        *applied = count_applied;
    }
    return status;
}
