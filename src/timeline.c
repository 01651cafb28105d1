/* SPDX-License-Identifier: MIT */
/*
 * timeline.c - the append-only history of a case: contacts, notes, status
 * and ETA changes, field changes and promise events.
 *
 * Owns the case_events table; triggers in the schema refuse UPDATE and
 * DELETE on it, so what was recorded stays as it was. case.c and
 * promise.c append in the same transaction as the change they record.
 */
#include "timeline.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

static const char SQL_INSERT[] =
    "INSERT INTO case_events (case_id, at, actor_id, kind, direction,"
    "  channel, with_whom, contact_id, duration_min, occurred_at, body,"
    "  field, old_value, new_value, old_at, new_at, promise_id)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,"
    "         $15, $16, $17) RETURNING id";

/* The columns read_row() reads, and where they come from. */
#define SELECT_EVENTS                                                       \
    "SELECT e.id, e.case_id, e.at, e.actor_id, u.login, u.display_name,"  \
    "       e.kind, e.direction, e.channel, e.with_whom, e.contact_id,"    \
    "       e.duration_min, e.occurred_at, e.body, e.field, e.old_value,"  \
    "       e.new_value, e.old_at, e.new_at, e.promise_id"                 \
    "  FROM case_events e LEFT JOIN users u ON u.id = e.actor_id"

static const char SQL_LIST[] = SELECT_EVENTS
    " WHERE e.case_id = $1 ORDER BY e.id";

static const char SQL_ONE[] = SELECT_EVENTS " WHERE e.id = $1";

static const char *const KIND_NAMES[] = {
    [TIMELINE_OPENED] = "opened",
    [TIMELINE_CONTACT] = "contact",
    [TIMELINE_NOTE] = "note",
    [TIMELINE_STATUS] = "status",
    [TIMELINE_ETA] = "eta",
    [TIMELINE_FIELD] = "field",
    [TIMELINE_PROMISE_ADDED] = "promise_added",
    [TIMELINE_PROMISE_KEPT] = "promise_kept",
    [TIMELINE_PROMISE_RENEGOTIATED] = "promise_renegotiated",
    [TIMELINE_PROMISE_CANCELLED] = "promise_cancelled",
    [TIMELINE_ESCALATED] = "escalated",
    [TIMELINE_REPORT] = "report",
};

/* Stable name of an entry kind, as stored and in JSON. */
const char *timeline_kind_name(enum timeline_kind kind)
{
    return KIND_NAMES[kind];
}

/* The kind stored as name; a note for anything unknown. */
static enum timeline_kind kind_parse(const char *name)
{
    for (int i = 0; i < TIMELINE_KIND_COUNT; i++) {
        if (name && strcmp(name, KIND_NAMES[i]) == 0) {
            return (enum timeline_kind)i;
        }
    }
    return TIMELINE_NOTE;
}

/* Start an entry of kind for case_id at time at by actor_id (0: the
 * system), every other member empty. */
void timeline_new_init(struct timeline_new *ev, int64_t case_id, int64_t at,
                       int64_t actor_id, enum timeline_kind kind)
{
    memset(ev, 0, sizeof(*ev));
    ev->case_id = case_id;
    ev->at = at;
    ev->actor_id = actor_id;
    ev->kind = kind;
    ev->duration_min = -1;
}

/* Bind an id, or NULL for 0. */
static void bind_opt_id(struct db_stmt *st, int index, int64_t value)
{
    db_bind_opt_int64(st, index, value != 0, value);
}

/* Append ev to its case's timeline; *id (when id is not NULL) gets the
 * new entry's id. Runs in the caller's transaction; a failure must make
 * the caller roll back its change too. */
enum taio_status timeline_append(struct db *db, const struct timeline_new *ev,
                                 int64_t *id)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_INSERT, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, ev->case_id);
    db_bind_int64(st, 2, ev->at);
    bind_opt_id(st, 3, ev->actor_id);
    db_bind_text(st, 4, KIND_NAMES[ev->kind]);
    db_bind_text(st, 5, ev->direction);
    db_bind_text(st, 6, ev->channel);
    db_bind_text(st, 7, ev->with_whom);
    bind_opt_id(st, 8, ev->contact_id);
    db_bind_opt_int64(st, 9, ev->duration_min >= 0, ev->duration_min);
    bind_opt_id(st, 10, ev->occurred_at);
    db_bind_text(st, 11, ev->body);
    db_bind_text(st, 12, ev->field);
    db_bind_text(st, 13, ev->old_value);
    db_bind_text(st, 14, ev->new_value);
    bind_opt_id(st, 15, ev->old_at);
    bind_opt_id(st, 16, ev->new_at);
    bind_opt_id(st, 17, ev->promise_id);
    int64_t new_id = 0;
    status = db_fetch_one(st, db_read_int64, &new_id);
    if (status == TAIO_OK && id) {
        *id = new_id;
    }
    return status;
}

/* Fill a struct timeline_event from a row of SQL_LIST (a db_read_fn). */
static void read_row(struct db_stmt *st, void *record)
{
    struct timeline_event *e = record;
    e->id = db_col_int64(st, 0);
    e->case_id = db_col_int64(st, 1);
    e->at = db_col_int64(st, 2);
    e->actor_id = db_col_int64(st, 3);
    e->actor_login = db_col_strdup(st, 4);
    e->actor_name = db_col_strdup(st, 5);
    e->kind = kind_parse(db_col_text(st, 6));
    e->direction = db_col_strdup(st, 7);
    e->channel = db_col_strdup(st, 8);
    e->with_whom = db_col_strdup(st, 9);
    e->contact_id = db_col_int64(st, 10);
    e->duration_min = db_col_is_null(st, 11) ? -1 : db_col_int64(st, 11);
    e->occurred_at = db_col_int64(st, 12);
    e->body = db_col_strdup(st, 13);
    e->field = db_col_strdup(st, 14);
    e->old_value = db_col_strdup(st, 15);
    e->new_value = db_col_strdup(st, 16);
    e->old_at = db_col_int64(st, 17);
    e->new_at = db_col_int64(st, 18);
    e->promise_id = db_col_int64(st, 19);
}

/* The whole timeline of a case, oldest first. Free with
 * timeline_list_free(). */
enum taio_status timeline_list(struct db *db, int64_t case_id,
                               struct timeline_event **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_LIST, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, case_id);
    void *list = NULL;
    size_t n = 0;
    status = db_fetch_all(st, read_row, sizeof(struct timeline_event), &list, &n);
    if (status != TAIO_OK) {
        timeline_list_free(list, n);
        return status;
    }
    *out = list;
    *n_out = n;
    return TAIO_OK;
}

/* Free a list from timeline_list(). */
void timeline_list_free(struct timeline_event *list, size_t n)
{
    for (size_t i = 0; list && i < n; i++) {
        timeline_event_clear(&list[i]);
    }
    free(list);
}

/* Free what one entry owns and leave it zeroed. */
void timeline_event_clear(struct timeline_event *e)
{
    free(e->actor_login);
    free(e->actor_name);
    free(e->direction);
    free(e->channel);
    free(e->with_whom);
    free(e->body);
    free(e->field);
    free(e->old_value);
    free(e->new_value);
    memset(e, 0, sizeof(*e));
}

/* One timeline entry by id (clear with timeline_event_clear()).
 * TAIO_ENOTFOUND when there is none. */
enum taio_status timeline_get(struct db *db, int64_t id,
                              struct timeline_event *out)
{
    memset(out, 0, sizeof(*out));
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_ONE, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, id);
    status = db_fetch_one(st, read_row, out);
    if (status != TAIO_OK) {
        timeline_event_clear(out);
    }
    return status;
}
