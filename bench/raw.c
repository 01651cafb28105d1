/* SPDX-License-Identifier: MIT */
/*
 * raw.c - the baseline: the same rows and the same queries through the
 * SQLite C API directly, statements prepared once and bound by position.
 *
 * The connection is set up as taio's driver sets up its own (sqlite.c):
 * WAL, synchronous=FULL, foreign keys on, default page cache, 2 GB
 * memory map, BEGIN
 * IMMEDIATE ... COMMIT around each intake, so a commit costs the same
 * fsync. This is the one benchmark file that includes sqlite3.h: it
 * measures SQLite itself, not taio's store layer.
 *
 * The agenda queries are copies of agenda.c's SQL_PROMISES_OF_USER and
 * SQL_CASES_OF_USER (with ?N for $N); keep them in step when those change.
 */
#include "raw.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/log.h"
#include "core/xalloc.h"
#include "db/sqlite_fts.h"

/* The statements prepared once per connection, by what they do. */
enum raw_stmt {
    RAW_BEGIN,
    RAW_COMMIT,
    RAW_ROLLBACK,
    RAW_CASE,
    RAW_EVENT,
    RAW_CONTACTED,
    RAW_PROMISE,
    RAW_AGENDA_PROMISES,
    RAW_AGENDA_CASES,
    RAW_STMT_COUNT,
};

static const char *const SQL[RAW_STMT_COUNT] = {
    [RAW_BEGIN] = "BEGIN IMMEDIATE",
    [RAW_COMMIT] = "COMMIT",
    [RAW_ROLLBACK] = "ROLLBACK",
    [RAW_CASE] =
        "INSERT INTO cases (number, year, seq, kind, title, customer_id,"
        "  contact_id, channel, occurred_at, received_at, reported, impact,"
        "  affected, deadline_at, workaround, owner_id, status, is_open,"
        "  created_by, created_at, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, '',"
        "         NULL, '', ?13, 'new', 1, ?13, ?14, ?14)",
    [RAW_EVENT] =
        "INSERT INTO case_events (case_id, at, actor_id, kind, direction,"
        "  channel, with_whom, contact_id, duration_min, occurred_at, body,"
        "  field, old_value, new_value, old_at, new_at, promise_id)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, NULL, NULL,"
        "         ?12, NULL, ?13, ?14)",
    [RAW_CONTACTED] =
        "UPDATE cases SET last_contact_at = ?2, last_outbound_at = NULL,"
        "  updated_at = ?3, version = version + 1 WHERE id = ?1",
    [RAW_PROMISE] =
        "INSERT INTO promises (case_id, body, to_whom, contact_id, channel,"
        "  due_at, remind_min, owner_id, taken_by, state, created_at)"
        " VALUES (?1, ?2, ?3, ?4, 'phone', ?5, ?6, ?7, ?7, 'open', ?8)",
    [RAW_AGENDA_PROMISES] =
        "SELECT p.id, p.case_id, c.number, c.title, cu.name, p.owner_id,"
        "       u.login, c.impact, p.due_at, p.remind_min, p.body,"
        "       p.to_whom"
        "  FROM promises p JOIN cases c ON c.id = p.case_id"
        "  JOIN customers cu ON cu.id = c.customer_id"
        "  JOIN users u ON u.id = p.owner_id"
        " WHERE p.state = 'open' AND p.owner_id = ?1 AND p.due_at <= ?2",
    [RAW_AGENDA_CASES] =
        "SELECT c.id, c.number, c.title, cu.name, c.owner_id, u.login,"
        "       c.status, c.impact, c.received_at, c.last_outbound_at,"
        "       c.eta_at, c.eta_given_at, c.deadline_at, c.customer_id,"
        "       c.contact_id, COALESCE(k.hours, cu.hours),"
        "       COALESCE(k.closed_days, cu.closed_days),"
        "       EXISTS (SELECT 1 FROM busy_periods b"
        "                WHERE b.customer_id = c.customer_id"
        "                   OR b.contact_id = c.contact_id)"
        "  FROM cases c JOIN customers cu ON cu.id = c.customer_id"
        "  LEFT JOIN contacts k ON k.id = c.contact_id"
        "  LEFT JOIN users u ON u.id = c.owner_id"
        " WHERE c.is_open = 1 AND c.owner_id = ?1"
        "   AND (COALESCE(c.last_outbound_at, c.received_at) <= ?2"
        "        OR (c.eta_given_at IS NULL AND c.received_at <= ?3)"
        "        OR c.deadline_at IS NOT NULL)",
};

/* A C API connection and its prepared statements. */
struct raw {
    sqlite3 *handle;                     /* owned */
    sqlite3_stmt *stmts[RAW_STMT_COUNT]; /* owned; SQL[i] prepared */
};

/* The SQLite library version, e.g. "3.40.1". */
const char *raw_sqlite_version(void)
{
    return sqlite3_libversion();
}

/* Log the connection's last error while doing what. */
static enum taio_status fail(struct raw *r, const char *what)
{
    log_error("bench: raw %s: %s", what, sqlite3_errmsg(r->handle));
    return TAIO_EDB;
}

/* Open path as taio's SQLite driver would (see the file comment) and
 * prepare the baseline statements. *out is freed with raw_close(). */
enum taio_status raw_open(const char *path, struct raw **out)
{
    struct raw *r = xcalloc(1, sizeof(*r));
    int rc = sqlite3_open_v2(path, &r->handle,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                             NULL);
    enum taio_status status = TAIO_OK;
    if (rc != SQLITE_OK) {
        status = fail(r, "open");
    }
    /* The search indexes' triggers need taio's tokenizer on every
     * connection that writes cases or timeline entries. */
    if (status == TAIO_OK && sqlite_fts_register(r->handle) != SQLITE_OK) {
        status = fail(r, "tokenizer");
    }
    if (status == TAIO_OK) {
        sqlite3_busy_timeout(r->handle, 10000);
        rc = sqlite3_exec(r->handle,
                          "PRAGMA journal_mode=WAL;"
                          "PRAGMA synchronous=FULL;"
                          "PRAGMA foreign_keys=ON;"
                          "PRAGMA mmap_size=2147418112;",
                          NULL, NULL, NULL);
        if (rc != SQLITE_OK) {
            status = fail(r, "pragmas");
        }
    }
    for (int i = 0; i < RAW_STMT_COUNT && status == TAIO_OK; i++) {
        rc = sqlite3_prepare_v3(r->handle, SQL[i], -1,
                                SQLITE_PREPARE_PERSISTENT, &r->stmts[i],
                                NULL);
        if (rc != SQLITE_OK) {
            status = fail(r, SQL[i]);
        }
    }
    if (status != TAIO_OK) {
        raw_close(r);
        return status;
    }
    *out = r;
    return TAIO_OK;
}

/* Finalize every statement and close. Accepts NULL. */
void raw_close(struct raw *r)
{
    if (r == NULL) {
        return;
    }
    for (int i = 0; i < RAW_STMT_COUNT; i++) {
        sqlite3_finalize(r->stmts[i]);
    }
    sqlite3_close(r->handle);
    free(r);
}

/* Run sql (no parameters, no rows wanted) on the connection. */
enum taio_status raw_exec(struct raw *r, const char *sql)
{
    if (sqlite3_exec(r->handle, sql, NULL, NULL, NULL) != SQLITE_OK) {
        return fail(r, sql);
    }
    return TAIO_OK;
}

/* Bind text (SQLITE_STATIC: it outlives the step), or NULL. */
static void bind_text(sqlite3_stmt *st, int index, const char *text)
{
    if (text) {
        sqlite3_bind_text(st, index, text, -1, SQLITE_STATIC);
    } else {
        sqlite3_bind_null(st, index);
    }
}

/* Bind an id or time, NULL for 0. */
static void bind_opt(sqlite3_stmt *st, int index, int64_t value)
{
    if (value != 0) {
        sqlite3_bind_int64(st, index, value);
    } else {
        sqlite3_bind_null(st, index);
    }
}

/* Step statement which to completion and reset it. */
static enum taio_status run(struct raw *r, enum raw_stmt which)
{
    sqlite3_stmt *st = r->stmts[which];
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        return fail(r, SQL[which]);
    }
    return TAIO_OK;
}

/* Append a timeline entry with the columns an intake uses. */
static enum taio_status event(struct raw *r, int64_t case_id,
                              const struct intake_rows *rows,
                              const char *kind, const char *direction,
                              const char *channel, const char *with_whom,
                              int64_t contact_id, int64_t duration_min,
                              int64_t occurred_at, const char *body,
                              const char *new_value, int64_t new_at,
                              int64_t promise_id)
{
    sqlite3_stmt *st = r->stmts[RAW_EVENT];
    sqlite3_bind_int64(st, 1, case_id);
    sqlite3_bind_int64(st, 2, rows->now);
    sqlite3_bind_int64(st, 3, rows->actor_id);
    bind_text(st, 4, kind);
    bind_text(st, 5, direction);
    bind_text(st, 6, channel);
    bind_text(st, 7, with_whom);
    bind_opt(st, 8, contact_id);
    if (duration_min >= 0) {
        sqlite3_bind_int64(st, 9, duration_min);
    } else {
        sqlite3_bind_null(st, 9);
    }
    bind_opt(st, 10, occurred_at);
    bind_text(st, 11, body);
    bind_text(st, 12, new_value);
    bind_opt(st, 13, new_at);
    bind_opt(st, 14, promise_id);
    return run(r, RAW_EVENT);
}

/* Write the rows of intake in (see intake_dbh) with the C API: BEGIN
 * IMMEDIATE, the six statements, COMMIT. Rolls back on failure. */
enum taio_status raw_intake(struct raw *r, const struct intake_spec *in,
                            const struct intake_rows *rows)
{
    char number[32];
    snprintf(number, sizeof(number), "%04d-%04lld", rows->year,
             (long long)rows->seq);
    enum taio_status status = run(r, RAW_BEGIN);
    if (status != TAIO_OK) {
        return status;
    }
    sqlite3_stmt *st = r->stmts[RAW_CASE];
    bind_text(st, 1, number);
    sqlite3_bind_int64(st, 2, rows->year);
    sqlite3_bind_int64(st, 3, rows->seq);
    bind_text(st, 4, in->kind);
    bind_text(st, 5, in->title);
    sqlite3_bind_int64(st, 6, in->customer_id);
    bind_opt(st, 7, in->contact_id);
    bind_text(st, 8, in->channel);
    bind_opt(st, 9, in->occurred_at);
    sqlite3_bind_int64(st, 10, in->received_at);
    bind_text(st, 11, in->reported);
    bind_text(st, 12, in->impact);
    sqlite3_bind_int64(st, 13, rows->actor_id);
    sqlite3_bind_int64(st, 14, rows->now);
    status = run(r, RAW_CASE);
    int64_t case_id = sqlite3_last_insert_rowid(r->handle);
    if (status == TAIO_OK) {
        status = event(r, case_id, rows, "opened", NULL, in->channel, NULL,
                       0, -1, 0, in->reported, number, 0, 0);
    }
    if (status == TAIO_OK) {
        status = event(r, case_id, rows, "contact", "in", in->channel,
                       in->contact_id ? in->to_whom : NULL, in->contact_id,
                       in->duration_min, in->received_at, in->summary, NULL,
                       0, 0);
    }
    if (status == TAIO_OK) {
        st = r->stmts[RAW_CONTACTED];
        sqlite3_bind_int64(st, 1, case_id);
        sqlite3_bind_int64(st, 2, in->received_at);
        sqlite3_bind_int64(st, 3, rows->now);
        status = run(r, RAW_CONTACTED);
    }
    if (status == TAIO_OK) {
        st = r->stmts[RAW_PROMISE];
        sqlite3_bind_int64(st, 1, case_id);
        bind_text(st, 2, in->promise_body);
        bind_text(st, 3, in->to_whom);
        bind_opt(st, 4, in->contact_id);
        sqlite3_bind_int64(st, 5, in->due_at);
        sqlite3_bind_int64(st, 6, rows->remind_min);
        sqlite3_bind_int64(st, 7, rows->actor_id);
        sqlite3_bind_int64(st, 8, rows->now);
        status = run(r, RAW_PROMISE);
    }
    if (status == TAIO_OK) {
        int64_t promise_id = sqlite3_last_insert_rowid(r->handle);
        status = event(r, case_id, rows, "promise_added", NULL, "phone",
                       in->to_whom, 0, -1, 0, in->promise_body, NULL,
                       in->due_at, promise_id);
    }
    if (status == TAIO_OK) {
        status = run(r, RAW_COMMIT);
    }
    if (status != TAIO_OK) {
        run(r, RAW_ROLLBACK);
    }
    return status;
}

/* Step statement which through all its rows, reading every column as
 * agenda.c would (text as text, the rest as integers); add the rows to
 * *n_rows. */
static enum taio_status read_all(struct raw *r, enum raw_stmt which,
                                 size_t *n_rows)
{
    sqlite3_stmt *st = r->stmts[which];
    int n_cols = sqlite3_column_count(st);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int col = 0; col < n_cols; col++) {
            if (sqlite3_column_type(st, col) == SQLITE_TEXT) {
                (void)sqlite3_column_text(st, col);
            } else {
                (void)sqlite3_column_int64(st, col);
            }
        }
        (*n_rows)++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        return fail(r, SQL[which]);
    }
    return TAIO_OK;
}

/* Run the two queries agenda_collect runs for one user, with its binds,
 * and read every row; no rules, no windows, no sorting. The rows read
 * are added to *n_rows. */
enum taio_status raw_agenda(struct raw *r, const struct raw_agenda_args *a,
                            size_t *n_rows)
{
    sqlite3_stmt *st = r->stmts[RAW_AGENDA_PROMISES];
    sqlite3_bind_int64(st, 1, a->user_id);
    sqlite3_bind_int64(st, 2, a->promises_until);
    enum taio_status status = read_all(r, RAW_AGENDA_PROMISES, n_rows);
    if (status == TAIO_OK) {
        st = r->stmts[RAW_AGENDA_CASES];
        sqlite3_bind_int64(st, 1, a->user_id);
        sqlite3_bind_int64(st, 2, a->silent_before);
        sqlite3_bind_int64(st, 3, a->no_eta_before);
        status = read_all(r, RAW_AGENDA_CASES, n_rows);
    }
    return status;
}
