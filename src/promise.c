/* SPDX-License-Identifier: MIT */
/*
 * promise.c - promises (約束) made to a customer: "we will call you back
 * by 15:30".
 *
 * Owns the promises table and its state machine:
 *
 *   open -> kept | renegotiated (-> its successor, open) | cancelled
 *
 * and the derived state broken: an open promise whose due time has
 * passed. A promise ends exactly once. Renegotiating records the new time
 * and who consented to it, as a new promise linked to the old. Every
 * event goes to the case timeline in the same transaction. Reminders are
 * not sent here: agenda.c decides what is due, the scheduler sends.
 */
#include "promise.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "channel.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "timeline.h"

#define PROMISE_COLUMNS                                                     \
    "p.id, p.case_id, c.number, c.title, p.body, p.to_whom, p.contact_id," \
    " p.channel, p.due_at, p.remind_min, p.owner_id, u.login, p.taken_by," \
    " p.state, p.predecessor_id, p.successor_id, p.consented_by,"          \
    " p.ended_at, p.end_note, p.created_at, p.version"

#define PROMISE_FROM                                                        \
    "  FROM promises p JOIN cases c ON c.id = p.case_id"                   \
    "  JOIN users u ON u.id = p.owner_id"

static const char SQL_GET[] = "SELECT " PROMISE_COLUMNS PROMISE_FROM
                              " WHERE p.id = $1";

/* The list query is put together from fixed parts, one per filter that
 * is set, so the planner sees plain conditions it can answer from an
 * index (see case.c's list_sql()). */
static const char SQL_LIST_HEAD[] = "SELECT " PROMISE_COLUMNS PROMISE_FROM
                                    " WHERE 1 = 1";
static const char SQL_LIST_ORDER[] = " ORDER BY p.due_at, p.id LIMIT $";

static const char SQL_INSERT[] =
    "INSERT INTO promises (case_id, body, to_whom, contact_id, channel,"
    "  due_at, remind_min, owner_id, taken_by, state, predecessor_id,"
    "  consented_by, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10, $11, $12)"
    " RETURNING id";

static const char SQL_END[] =
    "UPDATE promises SET state = $2, ended_at = $3, ended_by = $4,"
    "  end_note = $5, successor_id = $6, version = version + 1"
    " WHERE id = $1 AND state = 'open'";

static const char SQL_CASE_STATE[] =
    "SELECT status, owner_id, contact_id FROM cases WHERE id = $1";

static const char SQL_CONTACT_NAME[] =
    "SELECT p.name FROM contacts p JOIN cases c"
    "    ON c.customer_id = p.customer_id"
    " WHERE p.id = $1 AND c.id = $2";

static const char SQL_USER_ACTIVE[] =
    "SELECT 1 FROM users WHERE id = $1 AND active = 1 AND role <> 'viewer'";

const char *const PROMISE_STATE_NAMES[] = {"open", "kept", "renegotiated",
                                           "cancelled", "broken", NULL};

/* The state of p as of now: the stored state, except that an open promise
 * past its due time is broken. */
enum promise_state promise_state_at(const struct promise *p, int64_t now)
{
    if (p->state == PROMISE_OPEN && now > p->due_at) {
        return PROMISE_BROKEN;
    }
    return p->state;
}

/* For an ended promise: was it kept (or renegotiated) before it came due?
 * Keeping a promise late still counts as breaking it in the metrics. */
bool promise_on_time(const struct promise *p)
{
    return p->ended_at != 0 && p->ended_at <= p->due_at &&
           (p->state == PROMISE_KEPT || p->state == PROMISE_RENEGOTIATED);
}

/* Translated state for people. */
const char *promise_state_label(enum promise_state state)
{
    static const char *const LABELS[] = {N_("open"), N_("kept"),
                                         N_("renegotiated"), N_("cancelled"),
                                         N_("broken")};
    return _(LABELS[state]);
}

/* Fill a struct promise from a row selecting PROMISE_COLUMNS (a
 * db_read_fn). */
static void read_row(struct db_stmt *st, void *record)
{
    struct promise *p = record;
    p->id = db_col_int64(st, 0);
    p->case_id = db_col_int64(st, 1);
    p->case_number = db_col_strdup(st, 2);
    p->case_title = db_col_strdup(st, 3);
    p->body = db_col_strdup(st, 4);
    p->to_whom = db_col_strdup(st, 5);
    p->contact_id = db_col_int64(st, 6);
    p->channel = db_col_strdup(st, 7);
    p->due_at = db_col_int64(st, 8);
    p->remind_min = db_col_int64(st, 9);
    p->owner_id = db_col_int64(st, 10);
    p->owner_login = db_col_strdup(st, 11);
    p->taken_by = db_col_int64(st, 12);
    int state = validate_index(db_col_text(st, 13), PROMISE_STATE_NAMES);
    p->state = state < 0 ? PROMISE_OPEN : (enum promise_state)state;
    p->predecessor_id = db_col_int64(st, 14);
    p->successor_id = db_col_int64(st, 15);
    p->consented_by = db_col_strdup(st, 16);
    p->ended_at = db_col_int64(st, 17);
    p->end_note = db_col_strdup(st, 18);
    p->created_at = db_col_int64(st, 19);
    p->version = db_col_int64(st, 20);
}

/* Load promise id (clear with promise_clear()). TAIO_ENOTFOUND when there
 * is none. */
enum taio_status promise_get(struct db *db, int64_t id, struct promise *out)
{
    memset(out, 0, sizeof(*out));
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_GET, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, id);
    status = db_fetch_one(st, read_row, out);
    return status;
}

/* The SQL of promise_list() for filter, placeholders numbered in the
 * order list_bind() binds them. */
static void list_sql(const struct promise_filter *filter, struct buf *sql)
{
    int n = 0;
    buf_puts(sql, SQL_LIST_HEAD);
    if (filter->case_id) {
        buf_printf(sql, " AND p.case_id = $%d", ++n);
    }
    if (filter->owner_id) {
        buf_printf(sql, " AND p.owner_id = $%d", ++n);
    }
    if (filter->open_only) {
        buf_puts(sql, " AND p.state = 'open'");
    }
    if (filter->due_before) {
        buf_printf(sql, " AND p.due_at < $%d", ++n);
    }
    if (filter->due_after) {
        buf_printf(sql, " AND p.due_at >= $%d", ++n);
    }
    if (filter->after_due_at) {
        buf_printf(sql,
                   " AND (p.due_at > $%d OR (p.due_at = $%d AND p.id > $%d))",
                   n + 1, n + 1, n + 2);
        n += 2;
    }
    buf_printf(sql, "%s%d", SQL_LIST_ORDER, n + 1);
}

/* Bind filter's values to the statement from list_sql(). */
static void list_bind(struct db_stmt *st, const struct promise_filter *filter)
{
    int n = 0;
    if (filter->case_id) {
        db_bind_int64(st, ++n, filter->case_id);
    }
    if (filter->owner_id) {
        db_bind_int64(st, ++n, filter->owner_id);
    }
    if (filter->due_before) {
        db_bind_int64(st, ++n, filter->due_before);
    }
    if (filter->due_after) {
        db_bind_int64(st, ++n, filter->due_after);
    }
    if (filter->after_due_at) {
        db_bind_int64(st, ++n, filter->after_due_at);
        db_bind_int64(st, ++n, filter->after_id);
    }
    db_bind_int64(st, ++n, filter->limit ? (int64_t)filter->limit : -1);
}

/* Promises matching filter, earliest due first. Free with
 * promise_list_free(). */
enum taio_status promise_list(struct db *db,
                              const struct promise_filter *filter,
                              struct promise **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    struct buf sql = {0};
    list_sql(filter, &sql);
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, buf_str(&sql), &st);
    buf_clear(&sql);
    if (status != TAIO_OK) {
        return status;
    }
    list_bind(st, filter);
    void *list = NULL;
    size_t n = 0;
    status = db_fetch_all(st, read_row, sizeof(struct promise), &list, &n);
    if (status != TAIO_OK) {
        promise_list_free(list, n);
        return status;
    }
    *out = list;
    *n_out = n;
    return TAIO_OK;
}

/* Free what p owns and leave it zeroed. Accepts NULL. */
void promise_clear(struct promise *p)
{
    if (p == NULL) {
        return;
    }
    free(p->case_number);
    free(p->case_title);
    free(p->body);
    free(p->to_whom);
    free(p->channel);
    free(p->owner_login);
    free(p->consented_by);
    free(p->end_note);
    memset(p, 0, sizeof(*p));
}

/* Free a list from promise_list(). */
void promise_list_free(struct promise *list, size_t n)
{
    for (size_t i = 0; list && i < n; i++) {
        promise_clear(&list[i]);
    }
    free(list);
}

/* Read the case's status, owner and contact person; TAIO_ENOTFOUND for no
 * such case. */
static enum taio_status case_state(struct db *db, int64_t case_id,
                                   enum case_status *status_out,
                                   int64_t *owner_id, int64_t *contact_id)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_CASE_STATE, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, case_id);
    enum db_step r = db_step(st);
    if (r == DB_ROW) {
        int i = validate_index(db_col_text(st, 0), CASE_STATUS_NAMES);
        *status_out = i < 0 ? CASE_NEW : (enum case_status)i;
        *owner_id = db_col_int64(st, 1);
        *contact_id = db_col_int64(st, 2);
    } else {
        status = r == DB_DONE ? TAIO_ENOTFOUND : db_last_status(db);
    }
    db_finalize(st);
    return status;
}

/* Name of contact person contact_id if they belong to the case's
 * customer, else NULL. Free with free(). */
static char *contact_name_for_case(struct db *db, int64_t contact_id,
                                   int64_t case_id)
{
    struct db_stmt *st = NULL;
    if (db_prepare(db, SQL_CONTACT_NAME, &st) != TAIO_OK) {
        return NULL;
    }
    db_bind_int64(st, 1, contact_id);
    db_bind_int64(st, 2, case_id);
    char *name = db_step(st) == DB_ROW ? db_col_strdup(st, 0) : NULL;
    db_finalize(st);
    return name;
}

/* True when user_id is an active user who may keep promises. */
static bool user_can_own(struct db *db, int64_t user_id)
{
    struct db_stmt *st = NULL;
    if (db_prepare(db, SQL_USER_ACTIVE, &st) != TAIO_OK) {
        return false;
    }
    db_bind_int64(st, 1, user_id);
    bool ok = db_step(st) == DB_ROW;
    db_finalize(st);
    return ok;
}

/* Values of a promise being inserted; strings borrowed. */
struct promise_row {
    int64_t case_id;
    const char *body;
    const char *to_whom;
    int64_t contact_id;
    const char *channel;
    int64_t due_at;
    int64_t remind_min;
    int64_t owner_id;
    int64_t taken_by;
    int64_t predecessor_id;
    const char *consented_by;
};

/* Insert row and append its promise_added timeline entry. */
static enum taio_status insert_row(struct db *db, const struct actor *actor,
                                   const struct promise_row *row,
                                   int64_t *id_out)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_INSERT, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, row->case_id);
    db_bind_text(st, 2, row->body);
    db_bind_text(st, 3, row->to_whom);
    db_bind_opt_int64(st, 4, row->contact_id != 0, row->contact_id);
    db_bind_text(st, 5, row->channel);
    db_bind_int64(st, 6, row->due_at);
    db_bind_int64(st, 7, row->remind_min);
    db_bind_int64(st, 8, row->owner_id);
    db_bind_opt_int64(st, 9, row->taken_by != 0, row->taken_by);
    db_bind_opt_int64(st, 10, row->predecessor_id != 0, row->predecessor_id);
    db_bind_text(st, 11, row->consented_by);
    db_bind_int64(st, 12, actor->now);
    int64_t id = 0;
    if (db_step(st) == DB_ROW) {
        id = db_col_int64(st, 0);
    } else {
        status = db_last_status(db);
    }
    db_finalize(st);
    if (status != TAIO_OK) {
        return status;
    }
    if (row->predecessor_id == 0) {
        struct timeline_new ev;
        timeline_new_init(&ev, row->case_id, actor->now, actor->user_id,
                          TIMELINE_PROMISE_ADDED);
        ev.promise_id = id;
        ev.new_at = row->due_at;
        ev.body = row->body;
        ev.with_whom = row->to_whom;
        ev.channel = row->channel;
        status = timeline_append(db, &ev, NULL);
    }
    *id_out = id;
    return status;
}

/* Check the parts of a new promise that need no store. */
static void check_input(const struct promise_input *in, int64_t now,
                        struct problems *p)
{
    validate_text(p, "text", in->body, false, 1000);
    validate_text(p, "to", in->to_whom, false, 200);
    channel_check(p, "channel", in->channel);
    if (in->due_at == 0) {
        problems_add(p, "due", "%s", _("is required"));
    } else if (in->due_at <= now) {
        problems_add(p, "due", "%s",
                     _("is in the past; a promise must be due in the "
                       "future"));
    }
    if (in->remind_min != -1 &&
        (in->remind_min < 0 || in->remind_min > 24 * 60)) {
        problems_add(p, "remind", "%s",
                     _("must be between 0 minutes and 24 hours"));
    }
}

/* Make a promise on a case that is not closed: what (default: a callback),
 * to whom (a name, or a contact person of the case's customer), by when
 * (in the future), reminded how long before (default_lead_min unless
 * given). The owner defaults to the case owner, else the actor. Any
 * recording role may promise: the clerk who answers often does. *id_out
 * (may be NULL) receives the id. */
enum taio_status promise_add(struct db *db, const struct actor *actor,
                             const struct promise_input *in,
                             int64_t default_lead_min,
                             struct problems *problems, int64_t *id_out)
{
    if (!user_can(actor, USER_ACT_RECORD)) {
        return TAIO_EPERM;
    }
    check_input(in, actor->now, problems);
    if (problems_any(problems)) {
        return TAIO_EINVAL;
    }
    enum taio_status status = db_begin(db);
    if (status != TAIO_OK) {
        return status;
    }
    enum case_status case_status = CASE_NEW;
    int64_t case_owner = 0;
    int64_t case_contact = 0;
    status = case_state(db, in->case_id, &case_status, &case_owner,
                        &case_contact);
    bool has_to = in->to_whom && !text_is_blank(in->to_whom);
    /* Said to nobody in particular: to the case's contact person. */
    int64_t contact_id = in->contact_id || has_to ? in->contact_id
                                                  : case_contact;
    if (status == TAIO_OK && !has_to && contact_id == 0) {
        problems_add(problems, "to", "%s",
                     _("is required: say to whom, or give the case a "
                       "contact person"));
        status = TAIO_EINVAL;
    }
    if (status == TAIO_OK && case_status == CASE_CLOSED) {
        problems_add(problems, "case", "%s",
                     _("is closed; reopen it before promising anything"));
        status = TAIO_EINVAL;
    }
    char *contact_name = NULL;
    if (status == TAIO_OK && contact_id) {
        contact_name = contact_name_for_case(db, contact_id, in->case_id);
        if (contact_name == NULL) {
            problems_add(problems, "contact", "%s",
                         _("is not a contact person of this customer"));
            status = TAIO_EINVAL;
        }
    }
    int64_t owner = in->owner_id ? in->owner_id
                                 : (case_owner ? case_owner : actor->user_id);
    if (status == TAIO_OK && owner == 0) {
        problems_add(problems, "owner", "%s",
                     _("is required: the case has no owner"));
        status = TAIO_EINVAL;
    } else if (status == TAIO_OK && !user_can_own(db, owner)) {
        problems_add(problems, "owner", "%s",
                     _("is not an active user who can keep promises"));
        status = TAIO_EINVAL;
    }
    int64_t id = 0;
    if (status == TAIO_OK) {
        struct promise_row row = {
            .case_id = in->case_id,
            /* Without words the promise is a callback, recorded in the
             * language of the person who made it, like anything they type. */
            .body = in->body && !text_is_blank(in->body) ? in->body
                                                         : _("call back"),
            .to_whom = has_to ? in->to_whom : contact_name,
            .contact_id = contact_id,
            .channel = in->channel ? in->channel : "phone",
            .due_at = in->due_at,
            .remind_min = in->remind_min >= 0 ? in->remind_min
                                              : default_lead_min,
            .owner_id = owner,
            .taken_by = actor->user_id,
        };
        status = insert_row(db, actor, &row, &id);
    }
    free(contact_name);
    status = db_end(db, status);
    if (status == TAIO_OK && id_out) {
        *id_out = id;
    }
    return status;
}

/* Load promise id for ending it; a promise that already ended is a
 * conflict with a problem naming its state. */
static enum taio_status load_open(struct db *db, int64_t id,
                                  struct promise *p,
                                  struct problems *problems)
{
    enum taio_status status = promise_get(db, id, p);
    if (status == TAIO_ENOTFOUND) {
        problems_add(problems, "promise", _("no promise has the number #%lld"),
                     (long long)id);
    }
    if (status != TAIO_OK) {
        return status;
    }
    if (p->state != PROMISE_OPEN) {
        problems_add(problems, "promise", _("has already ended: %s"),
                     promise_state_label(p->state));
        return TAIO_ECONFLICT;
    }
    return TAIO_OK;
}

/* Mark p ended in state with a note and (for renegotiation) a successor,
 * then append the matching timeline entry. */
static enum taio_status end_promise(struct db *db, const struct actor *actor,
                                    const struct promise *p,
                                    enum promise_state state,
                                    const char *note, int64_t successor_id,
                                    int64_t new_due_at,
                                    const char *consented_by)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_END, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, p->id);
    db_bind_text(st, 2, PROMISE_STATE_NAMES[state]);
    db_bind_int64(st, 3, actor->now);
    db_bind_opt_int64(st, 4, actor->user_id != 0, actor->user_id);
    db_bind_text(st, 5, note && *note ? note : NULL);
    db_bind_opt_int64(st, 6, successor_id != 0, successor_id);
    status = db_run(st);
    if (status == TAIO_OK && db_changes(db) != 1) {
        /* Someone else ended it between our read and this write. */
        status = TAIO_ECONFLICT;
    }
    if (status != TAIO_OK) {
        return status;
    }
    static const enum timeline_kind KINDS[] = {
        [PROMISE_KEPT] = TIMELINE_PROMISE_KEPT,
        [PROMISE_RENEGOTIATED] = TIMELINE_PROMISE_RENEGOTIATED,
        [PROMISE_CANCELLED] = TIMELINE_PROMISE_CANCELLED,
    };
    struct timeline_new ev;
    timeline_new_init(&ev, p->case_id, actor->now, actor->user_id,
                      KINDS[state]);
    ev.promise_id = p->id;
    ev.old_at = p->due_at;
    ev.new_at = new_due_at;
    ev.body = note && *note ? note : NULL;
    ev.with_whom = consented_by;
    char successor[32];
    if (successor_id) {
        snprintf(successor, sizeof(successor), "%lld",
                 (long long)successor_id);
        ev.new_value = successor;
    }
    if (state == PROMISE_KEPT && actor->now > p->due_at) {
        ev.old_value = "late";
    }
    return timeline_append(db, &ev, NULL);
}

/* Mark promise id kept, with an optional note. Keeping it after its due
 * time is allowed and recorded as late. A promise that already ended
 * gives TAIO_ECONFLICT. */
enum taio_status promise_keep(struct db *db, const struct actor *actor,
                              int64_t id, const char *note,
                              struct problems *problems)
{
    if (!user_can(actor, USER_ACT_RECORD)) {
        return TAIO_EPERM;
    }
    if (!validate_text(problems, "note", note, false, 4000)) {
        return TAIO_EINVAL;
    }
    enum taio_status status = db_begin(db);
    if (status != TAIO_OK) {
        return status;
    }
    struct promise p;
    status = load_open(db, id, &p, problems);
    if (status == TAIO_OK) {
        status = end_promise(db, actor, &p, PROMISE_KEPT, note, 0, 0, NULL);
    }
    promise_clear(&p);
    return db_end(db, status);
}

/* Cancel promise id, saying why (required: the customer was told
 * something, and the record must say what). */
enum taio_status promise_cancel(struct db *db, const struct actor *actor,
                                int64_t id, const char *reason,
                                struct problems *problems)
{
    if (!user_can(actor, USER_ACT_RECORD)) {
        return TAIO_EPERM;
    }
    if (!validate_text(problems, "reason", reason, true, 4000)) {
        return TAIO_EINVAL;
    }
    enum taio_status status = db_begin(db);
    if (status != TAIO_OK) {
        return status;
    }
    struct promise p;
    status = load_open(db, id, &p, problems);
    if (status == TAIO_OK) {
        status = end_promise(db, actor, &p, PROMISE_CANCELLED, reason, 0, 0,
                             NULL);
    }
    promise_clear(&p);
    return db_end(db, status);
}

/* Move promise id to a new due time the customer agreed to: records who
 * consented (required), ends the old promise as renegotiated and opens a
 * successor with the same content, linked both ways. If the old one was
 * already overdue it still counts as broken in the metrics. *new_id (may
 * be NULL) receives the successor's id. */
enum taio_status promise_renegotiate(struct db *db, const struct actor *actor,
                                     int64_t id, int64_t new_due_at,
                                     const char *consented_by,
                                     const char *note,
                                     struct problems *problems,
                                     int64_t *new_id)
{
    if (!user_can(actor, USER_ACT_RECORD)) {
        return TAIO_EPERM;
    }
    validate_text(problems, "consented_by", consented_by, true, 200);
    validate_text(problems, "note", note, false, 4000);
    if (new_due_at <= actor->now) {
        problems_add(problems, "due", "%s",
                     _("is in the past; a promise must be due in the "
                       "future"));
    }
    if (problems_any(problems)) {
        return TAIO_EINVAL;
    }
    enum taio_status status = db_begin(db);
    if (status != TAIO_OK) {
        return status;
    }
    struct promise p;
    status = load_open(db, id, &p, problems);
    int64_t successor = 0;
    if (status == TAIO_OK) {
        struct promise_row row = {
            .case_id = p.case_id,
            .body = p.body,
            .to_whom = p.to_whom,
            .contact_id = p.contact_id,
            .channel = p.channel,
            .due_at = new_due_at,
            .remind_min = p.remind_min,
            .owner_id = p.owner_id,
            .taken_by = actor->user_id,
            .predecessor_id = p.id,
            .consented_by = consented_by,
        };
        status = insert_row(db, actor, &row, &successor);
    }
    if (status == TAIO_OK) {
        status = end_promise(db, actor, &p, PROMISE_RENEGOTIATED, note,
                             successor, new_due_at, consented_by);
    }
    promise_clear(&p);
    status = db_end(db, status);
    if (status == TAIO_OK && new_id) {
        *new_id = successor;
    }
    return status;
}
