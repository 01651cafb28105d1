/* SPDX-License-Identifier: MIT */
#ifndef TAIO_DB_DB_H
#define TAIO_DB_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

/*
 * The store interface every domain module uses. No domain file includes
 * sqlite3.h or libpq-fe.h: SQL is written once, in portable form, with
 * placeholders $1..$n, and the driver chosen from the URL runs it.
 */

struct db;      /* one connection; use from one thread at a time */
struct db_stmt; /* a prepared statement belonging to one struct db */

enum db_dialect {
    DB_SQLITE,
    DB_POSTGRES,
};

/* Result of db_step. */
enum db_step {
    DB_ROW,  /* a row is available through db_col_* */
    DB_DONE, /* the statement has finished */
    DB_ERROR /* failure; details logged, see db_last_status() */
};

/* Connections */
enum taio_status db_open(const char *url, struct db **out);
void db_close(struct db *db);
enum db_dialect db_dialect(const struct db *db);

/* Statements */
enum taio_status db_prepare(struct db *db, const char *sql,
                            struct db_stmt **out);
void db_bind_int64(struct db_stmt *st, int index, int64_t value);
void db_bind_text(struct db_stmt *st, int index, const char *value);
void db_bind_null(struct db_stmt *st, int index);
void db_bind_opt_int64(struct db_stmt *st, int index, bool present,
                       int64_t value);
enum db_step db_step(struct db_stmt *st);
bool db_col_is_null(struct db_stmt *st, int col);
int64_t db_col_int64(struct db_stmt *st, int col);
const char *db_col_text(struct db_stmt *st, int col);
char *db_col_strdup(struct db_stmt *st, int col);
void db_finalize(struct db_stmt *st);
enum taio_status db_last_status(const struct db *db);

/* Convenience */
enum taio_status db_exec(struct db *db, const char *sql);
enum taio_status db_run(struct db_stmt *st);
int64_t db_changes(struct db *db);
bool db_data_changed(struct db *db);
void db_without_memory_map(struct db *db);

/* Reading rows into records */
typedef void (*db_read_fn)(struct db_stmt *st, void *record);
void db_read_int64(struct db_stmt *st, void *record);
enum taio_status db_fetch_one(struct db_stmt *st, db_read_fn read,
                              void *record);
enum taio_status db_fetch_all(struct db_stmt *st, db_read_fn read,
                              size_t record_size, void **records,
                              size_t *n_records);
enum taio_status db_query_int64(struct db *db, const char *sql,
                                int64_t *out);

/* Transactions */
enum taio_status db_begin(struct db *db);
enum taio_status db_commit(struct db *db);
void db_rollback(struct db *db);
enum taio_status db_end(struct db *db, enum taio_status status);

/* Batches: many independent changes in one transaction (group commit),
 * each in a savepoint of its own */
enum taio_status db_batch_begin(struct db *db);
enum taio_status db_batch_item_begin(struct db *db);
void db_batch_item_end(struct db *db, bool keep);
enum taio_status db_batch_commit(struct db *db);

#endif
