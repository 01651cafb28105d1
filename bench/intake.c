/* SPDX-License-Identifier: MIT */
/*
 * intake.c - the measured write: a case taken in with its first contact
 * and a callback promise, in one transaction.
 *
 * intake_taio() does it as taio does, through case_open(),
 * case_log_contact() and promise_add() inside one db_begin/db_commit, with
 * every check and lookup they make. intake_dbh() writes the same six rows
 * (the case, its "opened" entry, the contact entry, the case's contact
 * times, the promise and its "promise_added" entry) with the domain's own
 * statements through db.h but none of its checks, which separates the
 * cost of the store layer from that of the domain rules. The raw SQLite
 * C API version of the same rows is raw.c's.
 */
#include "intake.h"

#include <stdio.h>
#include <stdlib.h>

#include "case.h"
#include "core/log.h"
#include "promise.h"

#define MIN 60

static const char SQL_CASE[] =
    "INSERT INTO cases (number, year, seq, kind, title, customer_id,"
    "  contact_id, channel, occurred_at, received_at, reported, impact,"
    "  affected, deadline_at, workaround, owner_id, status, is_open,"
    "  created_by, created_at, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,"
    "         $15, $16, 'new', 1, $17, $18, $18)"
    " RETURNING id";

static const char SQL_EVENT[] =
    "INSERT INTO case_events (case_id, at, actor_id, kind, direction,"
    "  channel, with_whom, contact_id, duration_min, occurred_at, body,"
    "  field, old_value, new_value, old_at, new_at, promise_id)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,"
    "         $15, $16, $17)";

static const char SQL_CONTACTED[] =
    "UPDATE cases SET last_contact_at = $2, last_outbound_at = $3,"
    "  updated_at = $4, version = version + 1"
    " WHERE id = $1";

static const char SQL_PROMISE[] =
    "INSERT INTO promises (case_id, body, to_whom, contact_id, channel,"
    "  due_at, remind_min, owner_id, taken_by, state, predecessor_id,"
    "  consented_by, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10, $11, $12)"
    " RETURNING id";

/* Removing the intakes of a run: the open cases of the intake agent
 * (the generated data never gives it a case) with their rows. */
#define INTAKE_CASES                                                        \
    "SELECT id FROM cases WHERE is_open = 1 AND owner_id = $1"

static const char SQL_TRIGGER[] =
    "SELECT sql FROM sqlite_master"
    " WHERE type = 'trigger' AND name = 'case_events_no_delete'";
static const char SQL_DROP_TRIGGER[] = "DROP TRIGGER case_events_no_delete";
/* The timeline index forgets the entries first (it reads their words,
 * which the delete below takes away; taio itself never deletes one). */
static const char SQL_UNINDEX_EVENTS[] =
    "INSERT INTO case_events_fts (case_events_fts, rowid, body)"
    " SELECT 'delete', id, body FROM case_events"
    "  WHERE case_id IN (" INTAKE_CASES ")"
    "    AND body IS NOT NULL AND body <> '' AND kind <> 'opened'";
static const char SQL_REMOVE_EVENTS[] =
    "DELETE FROM case_events WHERE case_id IN (" INTAKE_CASES ")";
static const char SQL_REMOVE_PROMISES[] =
    "DELETE FROM promises WHERE case_id IN (" INTAKE_CASES ")";
static const char SQL_REMOVE_CASES[] =
    "DELETE FROM cases WHERE is_open = 1 AND owner_id = $1";

/* Children go before their parents, so nothing dangles; the checks are
 * off only because checking a deleted promise scans case_events
 * (promise_id has no index: taio never deletes a promise). */
static const char SQL_FOREIGN_KEYS_OFF[] = "PRAGMA foreign_keys=OFF";
static const char SQL_FOREIGN_KEYS_ON[] = "PRAGMA foreign_keys=ON";

static const char SQL_LAST_SEQ[] =
    "SELECT COALESCE(MAX(seq), 0) FROM cases WHERE year = $1";

static const char *const DEVICE[] = {"包装機", "複合機", "空調設備",
                                     "POSレジ", "ファイルサーバー",
                                     "校内ネットワーク"};
static const char *const KIND[] = {"trouble", "trouble", "trouble",
                                   "complaint", "inquiry", "request"};
static const char *const IMPACT[] = {"stopped", "degraded", "degraded",
                                     "minor", "minor", "minor"};
static const char *const CHANNEL[] = {"phone", "phone", "phone",
                                      "email", "fax", "chat"};

/* Make the next intake: a random customer of people (its first contact
 * person most of the time), received two minutes before now, with a
 * callback promised within three days. */
void intake_spec_make(struct rng *rng, const struct people *people,
                      int64_t now, struct intake_spec *out)
{
    const struct people_customer *cu =
        &people->customers[rng_index(rng, people->n_customers)];
    bool with_contact = cu->contact_id != 0 && rng_chance(rng, 700);
    const char *device = RNG_PICK(rng, DEVICE);
    out->customer_id = cu->id;
    out->contact_id = with_contact ? cu->contact_id : 0;
    out->to_whom = with_contact ? cu->contact_name : cu->name;
    out->kind = RNG_PICK(rng, KIND);
    out->impact = RNG_PICK(rng, IMPACT);
    out->channel = RNG_PICK(rng, CHANNEL);
    snprintf(out->title, sizeof(out->title), "%sが停止した", device);
    snprintf(out->reported, sizeof(out->reported),
             "朝から%sが動かない。リセットしても改善せず、業務に支障が出て"
             "いる。至急見てほしいとのこと。",
             device);
    out->summary = "症状の詳細を聞き取り。型番と設置場所を確認した。";
    out->promise_body = "調査結果を折り返し電話で報告";
    out->received_at = now - 2 * MIN;
    out->occurred_at = now - rng_range(rng, 10 * MIN, 180 * MIN);
    out->duration_min = rng_range(rng, 3, 15);
    out->due_at = now + rng_range(rng, 30 * MIN, 3 * 24 * 60 * MIN);
}

/* Take in one case as taio does: case_open, case_log_contact and
 * promise_add in one transaction, acting as actor. The case goes to the
 * actor; the promise's lead time is the organisation's default. Returns
 * the first failure (the transaction is then rolled back). */
enum taio_status intake_taio(struct db *db, const struct settings *s,
                             const struct actor *actor,
                             const struct intake_spec *in)
{
    struct problems p = {0};
    enum taio_status status = db_begin(db);
    if (status != TAIO_OK) {
        return status;
    }
    struct case_open_input open_in = {
        .kind = in->kind,
        .title = in->title,
        .reported = in->reported,
        .impact = in->impact,
        .channel = in->channel,
        .customer_id = in->customer_id,
        .contact_id = in->contact_id,
        .occurred_at = in->occurred_at,
        .received_at = in->received_at,
    };
    int64_t case_id = 0;
    status = case_open(db, actor, s->zone, &open_in, &p, &case_id);
    if (status == TAIO_OK) {
        struct case_contact_input contact_in = {
            .direction = "in",
            .channel = in->channel,
            .contact_id = in->contact_id,
            .duration_min = in->duration_min,
            .occurred_at = in->received_at,
            .summary = in->summary,
        };
        status = case_log_contact(db, actor, case_id, &contact_in, &p, NULL);
    }
    if (status == TAIO_OK) {
        struct promise_input promise_in = {
            .case_id = case_id,
            .body = in->promise_body,
            .to_whom = in->to_whom,
            .contact_id = in->contact_id,
            .channel = "phone",
            .due_at = in->due_at,
            .remind_min = -1,
        };
        status = promise_add(db, actor, &promise_in, s->promise_lead_min, &p,
                             NULL);
    }
    for (size_t i = 0; i < p.n; i++) {
        log_error("bench: intake: %s: %s", p.items[i].field,
                  p.items[i].message);
    }
    problems_clear(&p);
    return db_end(db, status);
}

/* Bind an id or time, NULL for 0. */
static void bind_opt(struct db_stmt *st, int index, int64_t value)
{
    db_bind_opt_int64(st, index, value != 0, value);
}

/* Run an INSERT ... RETURNING id and put the id in *id. */
static enum taio_status insert_returning(struct db_stmt *st, struct db *db,
                                         int64_t *id)
{
    enum taio_status status = TAIO_OK;
    if (db_step(st) == DB_ROW) {
        *id = db_col_int64(st, 0);
    } else {
        status = db_last_status(db);
    }
    db_finalize(st);
    return status;
}

/* Append a timeline entry of kind with the columns an intake uses. */
static enum taio_status event(struct db *db, int64_t case_id,
                              const struct intake_rows *rows,
                              const char *kind, const char *direction,
                              const char *channel, const char *with_whom,
                              int64_t contact_id, int64_t duration_min,
                              int64_t occurred_at, const char *body,
                              const char *new_value, int64_t new_at,
                              int64_t promise_id)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_EVENT, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, case_id);
    db_bind_int64(st, 2, rows->now);
    db_bind_int64(st, 3, rows->actor_id);
    db_bind_text(st, 4, kind);
    db_bind_text(st, 5, direction);
    db_bind_text(st, 6, channel);
    db_bind_text(st, 7, with_whom);
    bind_opt(st, 8, contact_id);
    db_bind_opt_int64(st, 9, duration_min >= 0, duration_min);
    bind_opt(st, 10, occurred_at);
    db_bind_text(st, 11, body);
    db_bind_null(st, 12);
    db_bind_null(st, 13);
    db_bind_text(st, 14, new_value);
    db_bind_null(st, 15);
    bind_opt(st, 16, new_at);
    bind_opt(st, 17, promise_id);
    return db_run(st);
}

/* Write the rows intake_taio writes for in, with the same statements
 * through db.h but no checks and no lookups: the number is rows->year and
 * rows->seq, the owner and author rows->actor_id. One transaction. */
enum taio_status intake_dbh(struct db *db, const struct intake_spec *in,
                            const struct intake_rows *rows)
{
    char number[32];
    snprintf(number, sizeof(number), "%04d-%04lld", rows->year,
             (long long)rows->seq);
    enum taio_status status = db_begin(db);
    if (status != TAIO_OK) {
        return status;
    }
    struct db_stmt *st = NULL;
    int64_t case_id = 0;
    status = db_prepare(db, SQL_CASE, &st);
    if (status == TAIO_OK) {
        db_bind_text(st, 1, number);
        db_bind_int64(st, 2, rows->year);
        db_bind_int64(st, 3, rows->seq);
        db_bind_text(st, 4, in->kind);
        db_bind_text(st, 5, in->title);
        db_bind_int64(st, 6, in->customer_id);
        bind_opt(st, 7, in->contact_id);
        db_bind_text(st, 8, in->channel);
        bind_opt(st, 9, in->occurred_at);
        db_bind_int64(st, 10, in->received_at);
        db_bind_text(st, 11, in->reported);
        db_bind_text(st, 12, in->impact);
        db_bind_text(st, 13, "");
        db_bind_null(st, 14);
        db_bind_text(st, 15, "");
        db_bind_int64(st, 16, rows->actor_id);
        db_bind_int64(st, 17, rows->actor_id);
        db_bind_int64(st, 18, rows->now);
        status = insert_returning(st, db, &case_id);
    }
    if (status == TAIO_OK) {
        status = event(db, case_id, rows, "opened", NULL, in->channel, NULL,
                       0, -1, 0, in->reported, number, 0, 0);
    }
    if (status == TAIO_OK) {
        status = event(db, case_id, rows, "contact", "in", in->channel,
                       in->contact_id ? in->to_whom : NULL, in->contact_id,
                       in->duration_min, in->received_at, in->summary, NULL,
                       0, 0);
    }
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_CONTACTED, &st);
    }
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, case_id);
        db_bind_int64(st, 2, in->received_at);
        db_bind_null(st, 3);
        db_bind_int64(st, 4, rows->now);
        status = db_run(st);
    }
    int64_t promise_id = 0;
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_PROMISE, &st);
    }
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, case_id);
        db_bind_text(st, 2, in->promise_body);
        db_bind_text(st, 3, in->to_whom);
        bind_opt(st, 4, in->contact_id);
        db_bind_text(st, 5, "phone");
        db_bind_int64(st, 6, in->due_at);
        db_bind_int64(st, 7, rows->remind_min);
        db_bind_int64(st, 8, rows->actor_id);
        db_bind_int64(st, 9, rows->actor_id);
        db_bind_null(st, 10);
        db_bind_null(st, 11);
        db_bind_int64(st, 12, rows->now);
        status = insert_returning(st, db, &promise_id);
    }
    if (status == TAIO_OK) {
        status = event(db, case_id, rows, "promise_added", NULL, "phone",
                       in->to_whom, 0, -1, 0, in->promise_body, NULL,
                       in->due_at, promise_id);
    }
    return db_end(db, status);
}

/* The highest case number used in year, 0 if none: the writers that
 * number cases themselves continue from it. */
enum taio_status intake_last_seq(struct db *db, int year, int64_t *seq)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_LAST_SEQ, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, year);
    if (db_step(st) == DB_ROW) {
        *seq = db_col_int64(st, 0);
    } else {
        status = db_last_status(db);
    }
    db_finalize(st);
    return status;
}

/* Run a DELETE with user_id as $1; add the rows it removed to *removed. */
static enum taio_status remove_rows(struct db *db, const char *sql,
                                    int64_t user_id, int64_t *removed)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, sql, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, user_id);
    status = db_run(st);
    *removed += db_changes(db);
    return status;
}

/* Remove every case the intake agent user_id took in, with its timeline
 * and promises, so each run measures the database as generated. The
 * timeline is append-only, so its no-delete trigger is dropped and put
 * back, exactly as it was, inside the same transaction: nothing else can
 * see the database without it. Foreign key checks are off meanwhile
 * (rows go children first). *removed receives the number of cases.
 * Only for the benchmark's own database (see gen.c). */
enum taio_status intake_remove(struct db *db, int64_t user_id,
                               int64_t *removed)
{
    *removed = 0;
    enum taio_status status = db_exec(db, SQL_FOREIGN_KEYS_OFF);
    if (status == TAIO_OK) {
        status = db_begin(db);
    }
    if (status != TAIO_OK) {
        return status;
    }
    char *trigger = NULL;
    struct db_stmt *st = NULL;
    status = db_prepare(db, SQL_TRIGGER, &st);
    if (status == TAIO_OK) {
        if (db_step(st) == DB_ROW) {
            trigger = db_col_strdup(st, 0);
        }
        db_finalize(st);
        if (trigger == NULL) {
            log_error("bench: no trigger case_events_no_delete to lift");
            status = TAIO_ENOTFOUND;
        }
    }
    int64_t events = 0;
    int64_t promises = 0;
    if (status == TAIO_OK) {
        status = db_exec(db, SQL_DROP_TRIGGER);
    }
    int64_t unindexed = 0;
    if (status == TAIO_OK) {
        status = remove_rows(db, SQL_UNINDEX_EVENTS, user_id, &unindexed);
    }
    if (status == TAIO_OK) {
        status = remove_rows(db, SQL_REMOVE_EVENTS, user_id, &events);
    }
    if (status == TAIO_OK) {
        status = remove_rows(db, SQL_REMOVE_PROMISES, user_id, &promises);
    }
    if (status == TAIO_OK) {
        status = remove_rows(db, SQL_REMOVE_CASES, user_id, removed);
    }
    if (status == TAIO_OK) {
        status = db_exec(db, trigger);
    }
    free(trigger);
    status = db_end(db, status);
    enum taio_status on = db_exec(db, SQL_FOREIGN_KEYS_ON);
    return status != TAIO_OK ? status : on;
}
