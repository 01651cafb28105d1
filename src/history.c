/* SPDX-License-Identifier: MIT */
/*
 * history.c - who changed what, when, and from what, for every record that
 * is not a case (cases keep their own timeline in timeline.c).
 *
 * Owns the history table, which triggers make append-only. Modules that
 * update a row call history_record_change() in the same transaction, once
 * per changed field, so no update happens without its trace.
 */
#include "history.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

static const char SQL_INSERT[] =
    "INSERT INTO history (at, actor_id, entity, entity_id, action, field,"
    "                     old_value, new_value)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

static const char SQL_LIST[] =
    "SELECT h.id, h.at, h.actor_id, u.login, h.entity, h.entity_id,"
    "       h.action, h.field, h.old_value, h.new_value"
    "  FROM history h LEFT JOIN users u ON u.id = h.actor_id"
    " WHERE h.entity = $1 AND h.entity_id = $2"
    " ORDER BY h.id";

/* Append one history row. actor_id 0 records the system; entity_id 0 means
 * none (for settings, which are keyed by name in field). Must run inside
 * the caller's transaction. */
enum taio_status history_record(struct db *db, int64_t at, int64_t actor_id,
                                const char *entity, int64_t entity_id,
                                const char *action, const char *field,
                                const char *old_value, const char *new_value)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_INSERT, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, at);
    db_bind_opt_int64(st, 2, actor_id != 0, actor_id);
    db_bind_text(st, 3, entity);
    db_bind_opt_int64(st, 4, entity_id != 0, entity_id);
    db_bind_text(st, 5, action);
    db_bind_text(st, 6, field);
    db_bind_text(st, 7, old_value);
    db_bind_text(st, 8, new_value);
    return db_run(st);
}

/* Equal strings, NULL equal only to NULL. */
static bool same(const char *a, const char *b)
{
    if (a == NULL || b == NULL) {
        return a == b;
    }
    return strcmp(a, b) == 0;
}

/* Record an update of one field, but only when the value really changed;
 * returns TAIO_OK without writing otherwise. */
enum taio_status history_record_change(struct db *db, int64_t at,
                                       int64_t actor_id, const char *entity,
                                       int64_t entity_id, const char *field,
                                       const char *old_value,
                                       const char *new_value)
{
    if (same(old_value, new_value)) {
        return TAIO_OK;
    }
    return history_record(db, at, actor_id, entity, entity_id, "update",
                          field, old_value, new_value);
}

/* Fill a struct history_entry from a row of SQL_LIST (a db_read_fn). */
static void read_row(struct db_stmt *st, void *record)
{
    struct history_entry *h = record;
    h->id = db_col_int64(st, 0);
    h->at = db_col_int64(st, 1);
    h->actor_id = db_col_int64(st, 2);
    h->actor_login = db_col_strdup(st, 3);
    h->entity = db_col_strdup(st, 4);
    h->entity_id = db_col_int64(st, 5);
    h->action = db_col_strdup(st, 6);
    h->field = db_col_strdup(st, 7);
    h->old_value = db_col_strdup(st, 8);
    h->new_value = db_col_strdup(st, 9);
}

/* Every history row of one record, oldest first. *out is freed with
 * history_list_free(). */
enum taio_status history_list(struct db *db, const char *entity,
                              int64_t entity_id, struct history_entry **out,
                              size_t *n_out)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_LIST, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_text(st, 1, entity);
    db_bind_int64(st, 2, entity_id);
    void *list = NULL;
    size_t n = 0;
    status = db_fetch_all(st, read_row, sizeof(struct history_entry), &list,
                          &n);
    if (status != TAIO_OK) {
        history_list_free(list, n);
        return status;
    }
    *out = list;
    *n_out = n;
    return TAIO_OK;
}

/* Free a list from history_list(). Accepts NULL. */
void history_list_free(struct history_entry *list, size_t n)
{
    for (size_t i = 0; list && i < n; i++) {
        free(list[i].actor_login);
        free(list[i].entity);
        free(list[i].action);
        free(list[i].field);
        free(list[i].old_value);
        free(list[i].new_value);
    }
    free(list);
}
