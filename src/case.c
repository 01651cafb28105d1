/* SPDX-License-Identifier: MIT */
/*
 * case.c - cases (案件): troubles, complaints, inquiries and requests, from
 * intake to closing.
 *
 * Owns the cases table and the case state machine:
 *
 *   new -> acknowledged -> in_progress <-> waiting_customer / waiting_vendor
 *       -> resolved -> reported -> closed, and reopen back to in_progress.
 *
 * Every change to a case appends to its timeline (timeline.c) in the same
 * transaction, with who did it and what it was before. Promises are
 * promise.c's; what needs attention is agenda.c's.
 */
#include "case.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/timeutil.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "timeline.h"

/* How far ahead of the clock a stated past moment may be (clock skew
 * between the phone on the desk and the server). */
#define CASE_CLOCK_SKEW 300

#define CASE_COLUMNS                                                        \
    "c.id, c.number, c.kind, c.title, c.customer_id, cu.name,"             \
    " c.contact_id, p.name, c.channel, c.occurred_at, c.received_at,"      \
    " c.reported, c.impact, c.affected, c.deadline_at, c.eta_at,"          \
    " c.eta_text, c.eta_given_at, c.workaround, c.owner_id, u.login,"      \
    " u.display_name, c.status, c.last_outbound_at, c.last_contact_at,"    \
    " c.resolved_at, c.closed_at, c.created_at, c.updated_at, c.version,"  \
    " c.report_required, c.report_waived_at, c.report_waiver, c.tags,"     \
    " c.checklist_override"

#define CASE_FROM                                                           \
    "  FROM cases c JOIN customers cu ON cu.id = c.customer_id"            \
    "  LEFT JOIN contacts p ON p.id = c.contact_id"                        \
    "  LEFT JOIN users u ON u.id = c.owner_id"

static const char SQL_GET[] = "SELECT " CASE_COLUMNS CASE_FROM
                              " WHERE c.id = $1";

static const char SQL_BY_NUMBER[] =
    "SELECT id FROM cases WHERE year = $1 AND seq = $2";

/* $1 open only (0/1), $2 status or '', $3 owner or 0, $4 customer or 0,
 * $5 kind or '', $6 limit (-1: none). */
/* The list query is put together from these fixed parts, one for each
 * filter that is set, so the planner sees plain equalities and can use an
 * index (a "($1 = 0 OR owner_id = $1)" form makes SQLite scan a million
 * cases). Only placeholders are added; no value enters the text. */
static const char SQL_LIST_HEAD[] = "SELECT " CASE_COLUMNS CASE_FROM
                                    " WHERE 1 = 1";
static const char SQL_LIST_ORDER[] =
    " ORDER BY c.received_at DESC, c.id DESC LIMIT $";

static const char SQL_NEXT_SEQ[] =
    "SELECT COALESCE(MAX(seq), 0) + 1 FROM cases WHERE year = $1";

static const char SQL_INSERT[] =
    "INSERT INTO cases (number, year, seq, kind, title, customer_id,"
    "  contact_id, channel, occurred_at, received_at, reported, impact,"
    "  affected, deadline_at, workaround, owner_id, status, is_open,"
    "  created_by, created_at, updated_at, report_required)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,"
    "         $15, $16, 'new', 1, $17, $18, $18, $19)"
    " RETURNING id";

/* The required checklist items of case $1 not ticked yet. */
static const char SQL_CHECKLIST_OPEN[] =
    "SELECT COUNT(*) FROM case_checklist_items"
    " WHERE case_id = $1 AND required = 1 AND done_at IS NULL";

/* Whether the report of case $1 is approved (or already sent). */
static const char SQL_REPORT_APPROVED[] =
    "SELECT COUNT(*) FROM reports WHERE case_id = $1"
    "   AND state IN ('approved', 'sent')";

static const char SQL_SET_STATUS[] =
    "UPDATE cases SET status = $2, is_open = $3, resolved_at = $4,"
    "  closed_at = $5, updated_at = $6, version = version + 1"
    " WHERE id = $1";

static const char SQL_SET_ETA[] =
    "UPDATE cases SET eta_at = $2, eta_text = $3, eta_given_at = $4,"
    "  updated_at = $4, version = version + 1"
    " WHERE id = $1";

static const char SQL_SET_CONTACTED[] =
    "UPDATE cases SET last_contact_at = $2, last_outbound_at = $3,"
    "  updated_at = $4, version = version + 1"
    " WHERE id = $1";

static const char SQL_TOUCH[] =
    "UPDATE cases SET updated_at = $2, version = version + 1 WHERE id = $1";

static const char SQL_UPDATE_FIELDS[] =
    "UPDATE cases SET title = $2, impact = $3, affected = $4,"
    "  workaround = $5, deadline_at = $6, owner_id = $7, contact_id = $8,"
    "  updated_at = $9, version = version + 1"
    " WHERE id = $1";

static const char SQL_OPEN_PROMISES[] =
    "SELECT COUNT(*) FROM promises WHERE case_id = $1 AND state = 'open'";

static const char SQL_CONTACT_OF_CUSTOMER[] =
    "SELECT name FROM contacts WHERE id = $1 AND customer_id = $2";

static const char SQL_CUSTOMER_EXISTS[] =
    "SELECT 1 FROM customers WHERE id = $1";

static const char SQL_USER_LOGIN[] = "SELECT login FROM users WHERE id = $1";

static const char SQL_CONTACT_NAME[] = "SELECT name FROM contacts WHERE id = $1";

static const char SQL_OWNER_OK[] =
    "SELECT role, active FROM users WHERE id = $1";

const char *const CASE_KIND_NAMES[] = {"trouble", "complaint", "inquiry",
                                       "request", NULL};
const char *const CASE_IMPACT_NAMES[] = {"stopped", "degraded", "minor",
                                         NULL};
const char *const CASE_STATUS_NAMES[] = {
    "new",      "acknowledged", "in_progress", "waiting_customer",
    "waiting_vendor", "resolved", "reported", "closed", NULL};

/* Allowed moves: MOVES[from][to]. Anything else is refused with a
 * message, e.g. closing a case that was never resolved. */
static const bool MOVES[CASE_STATUS_COUNT][CASE_STATUS_COUNT] = {
    [CASE_NEW] = {[CASE_ACKNOWLEDGED] = true, [CASE_IN_PROGRESS] = true,
                  [CASE_WAITING_CUSTOMER] = true,
                  [CASE_WAITING_VENDOR] = true, [CASE_RESOLVED] = true},
    [CASE_ACKNOWLEDGED] = {[CASE_IN_PROGRESS] = true,
                           [CASE_WAITING_CUSTOMER] = true,
                           [CASE_WAITING_VENDOR] = true,
                           [CASE_RESOLVED] = true},
    [CASE_IN_PROGRESS] = {[CASE_WAITING_CUSTOMER] = true,
                          [CASE_WAITING_VENDOR] = true,
                          [CASE_RESOLVED] = true},
    [CASE_WAITING_CUSTOMER] = {[CASE_IN_PROGRESS] = true,
                               [CASE_WAITING_VENDOR] = true,
                               [CASE_RESOLVED] = true},
    [CASE_WAITING_VENDOR] = {[CASE_IN_PROGRESS] = true,
                             [CASE_WAITING_CUSTOMER] = true,
                             [CASE_RESOLVED] = true},
    [CASE_RESOLVED] = {[CASE_IN_PROGRESS] = true, [CASE_REPORTED] = true,
                       [CASE_CLOSED] = true},
    [CASE_REPORTED] = {[CASE_IN_PROGRESS] = true, [CASE_CLOSED] = true},
    [CASE_CLOSED] = {[CASE_IN_PROGRESS] = true},
};

/* Translated kind for people. */
const char *case_kind_label(enum case_kind kind)
{
    static const char *const LABELS[] = {N_("trouble"), N_("complaint"),
                                         N_("inquiry"), N_("request")};
    return _(LABELS[kind]);
}

/* Translated impact for people. */
const char *case_impact_label(enum case_impact impact)
{
    static const char *const LABELS[] = {N_("business stopped"),
                                         N_("degraded"), N_("minor")};
    return _(LABELS[impact]);
}

/* Translated status for people. */
const char *case_status_label(enum case_status status)
{
    static const char *const LABELS[] = {
        N_("new"),      N_("acknowledged"), N_("in progress"),
        N_("waiting on customer"), N_("waiting on vendor"),
        N_("resolved"), N_("reported"),     N_("closed")};
    return _(LABELS[status]);
}

/* True while the case still needs work (before resolved). */
bool case_status_is_open(enum case_status status)
{
    return status < CASE_RESOLVED;
}

/* May a case move from one status to another? */
bool case_status_can_move(enum case_status from, enum case_status to)
{
    return MOVES[from][to];
}

/* Index of name in names, or fallback when it is not there. */
static int name_index(const char *name, const char *const *names,
                      int fallback)
{
    int i = validate_index(name, names);
    return i < 0 ? fallback : i;
}

/* Fill a struct case_rec from a row selecting CASE_COLUMNS (a
 * db_read_fn). */
static void read_row(struct db_stmt *st, void *record)
{
    struct case_rec *c = record;
    c->id = db_col_int64(st, 0);
    c->number = db_col_strdup(st, 1);
    c->kind = (enum case_kind)name_index(db_col_text(st, 2), CASE_KIND_NAMES,
                                         0);
    c->title = db_col_strdup(st, 3);
    c->customer_id = db_col_int64(st, 4);
    c->customer_name = db_col_strdup(st, 5);
    c->contact_id = db_col_int64(st, 6);
    c->contact_name = db_col_strdup(st, 7);
    c->channel = db_col_strdup(st, 8);
    c->occurred_at = db_col_int64(st, 9);
    c->received_at = db_col_int64(st, 10);
    c->reported = db_col_strdup(st, 11);
    c->impact = (enum case_impact)name_index(db_col_text(st, 12),
                                             CASE_IMPACT_NAMES, 2);
    c->affected = db_col_strdup(st, 13);
    c->deadline_at = db_col_int64(st, 14);
    c->eta_at = db_col_int64(st, 15);
    c->eta_text = db_col_strdup(st, 16);
    c->eta_given_at = db_col_int64(st, 17);
    c->workaround = db_col_strdup(st, 18);
    c->owner_id = db_col_int64(st, 19);
    c->owner_login = db_col_strdup(st, 20);
    c->owner_name = db_col_strdup(st, 21);
    c->status = (enum case_status)name_index(db_col_text(st, 22),
                                             CASE_STATUS_NAMES, 0);
    c->last_outbound_at = db_col_int64(st, 23);
    c->last_contact_at = db_col_int64(st, 24);
    c->resolved_at = db_col_int64(st, 25);
    c->closed_at = db_col_int64(st, 26);
    c->created_at = db_col_int64(st, 27);
    c->updated_at = db_col_int64(st, 28);
    c->version = db_col_int64(st, 29);
    c->report_required = db_col_int64(st, 30) != 0;
    c->report_waived_at = db_col_int64(st, 31);
    c->report_waiver = db_col_strdup(st, 32);
    c->tags = db_col_strdup(st, 33);
    c->checklist_override = db_col_strdup(st, 34);
}

/* Read a case number as people type it: "2026-0042", "2026-42", or in
 * full-width digits. True with the year and the sequence number when it
 * is one. */
bool case_number_parse(const char *text, int *year, int *seq)
{
    char *folded = NULL;
    if (text == NULL || text_nfkc(text, &folded) != TAIO_OK) {
        return false;
    }
    int used = 0;
    int fields = sscanf(folded, "%4d-%9d%n", year, seq, &used);
    bool ok = fields == 2 && folded[used] == '\0' && *year >= 1970 &&
              *seq > 0;
    free(folded);
    return ok;
}

/* Find a case by its number: "2026-0042" (the zeros are optional).
 * Returns TAIO_EINVAL for text that is not a case number, TAIO_ENOTFOUND
 * when no case has it. */
enum taio_status case_find(struct db *db, const char *number, int64_t *id)
{
    int year = 0;
    int seq = 0;
    if (!case_number_parse(number, &year, &seq)) {
        return TAIO_EINVAL;
    }
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_BY_NUMBER, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, year);
    db_bind_int64(st, 2, seq);
    enum db_step r = db_step(st);
    if (r == DB_ROW) {
        *id = db_col_int64(st, 0);
    } else {
        status = r == DB_DONE ? TAIO_ENOTFOUND : db_last_status(db);
    }
    db_finalize(st);
    return status;
}

/* Load case id into *out (clear with case_rec_clear()). TAIO_ENOTFOUND
 * when there is none. */
enum taio_status case_get(struct db *db, int64_t id, struct case_rec *out)
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

/* The SQL of case_list() for filter, with placeholders numbered in the
 * order list_bind() binds them. Free with buf_clear(). */
static void list_sql(const struct case_filter *filter, struct buf *sql)
{
    int n = 0;
    buf_puts(sql, SQL_LIST_HEAD);
    if (filter->open_only) {
        buf_puts(sql, " AND c.is_open = 1");
    }
    if (filter->status >= 0) {
        buf_printf(sql, " AND c.status = $%d", ++n);
    }
    if (filter->owner_id) {
        buf_printf(sql, " AND c.owner_id = $%d", ++n);
    }
    if (filter->customer_id) {
        buf_printf(sql, " AND c.customer_id = $%d", ++n);
    }
    if (filter->kind >= 0) {
        buf_printf(sql, " AND c.kind = $%d", ++n);
    }
    if (filter->after_received_at) {
        buf_printf(sql,
                   " AND (c.received_at < $%d OR (c.received_at = $%d"
                   " AND c.id < $%d))",
                   n + 1, n + 1, n + 2);
        n += 2;
    }
    buf_printf(sql, "%s%d", SQL_LIST_ORDER, n + 1);
}

/* Bind filter's values to the statement from list_sql(). */
static void list_bind(struct db_stmt *st, const struct case_filter *filter)
{
    int n = 0;
    if (filter->status >= 0) {
        db_bind_text(st, ++n, CASE_STATUS_NAMES[filter->status]);
    }
    if (filter->owner_id) {
        db_bind_int64(st, ++n, filter->owner_id);
    }
    if (filter->customer_id) {
        db_bind_int64(st, ++n, filter->customer_id);
    }
    if (filter->kind >= 0) {
        db_bind_text(st, ++n, CASE_KIND_NAMES[filter->kind]);
    }
    if (filter->after_received_at) {
        db_bind_int64(st, ++n, filter->after_received_at);
        db_bind_int64(st, ++n, filter->after_id);
    }
    db_bind_int64(st, ++n, filter->limit ? (int64_t)filter->limit : -1);
}

/* Cases matching filter, newest received first (at most filter->limit,
 * after the cursor when one is set). Free with case_list_free(). */
enum taio_status case_list(struct db *db, const struct case_filter *filter,
                           struct case_rec **out, size_t *n_out)
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
    status = db_fetch_all(st, read_row, sizeof(struct case_rec), &list, &n);
    if (status != TAIO_OK) {
        case_list_free(list, n);
        return status;
    }
    *out = list;
    *n_out = n;
    return TAIO_OK;
}

/* Free what c owns and leave it zeroed. Accepts NULL. */
void case_rec_clear(struct case_rec *c)
{
    if (c == NULL) {
        return;
    }
    free(c->number);
    free(c->title);
    free(c->customer_name);
    free(c->contact_name);
    free(c->channel);
    free(c->reported);
    free(c->affected);
    free(c->eta_text);
    free(c->workaround);
    free(c->report_waiver);
    free(c->tags);
    free(c->checklist_override);
    free(c->owner_login);
    free(c->owner_name);
    memset(c, 0, sizeof(*c));
}

/* Free a list from case_list(). */
void case_list_free(struct case_rec *list, size_t n)
{
    for (size_t i = 0; list && i < n; i++) {
        case_rec_clear(&list[i]);
    }
    free(list);
}

/* Run a single-row existence query with up to two integer parameters. */
static enum taio_status row_exists(struct db *db, const char *sql,
                                   int64_t a, int64_t b, int n_params,
                                   bool *exists)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, sql, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, a);
    if (n_params > 1) {
        db_bind_int64(st, 2, b);
    }
    enum db_step r = db_step(st);
    *exists = r == DB_ROW;
    if (r == DB_ERROR) {
        status = db_last_status(db);
    }
    db_finalize(st);
    return status;
}

/* Check that owner_id can own cases: an active user who is not a viewer.
 * Adds a problem for "owner" otherwise. */
static enum taio_status check_owner(struct db *db, int64_t owner_id,
                                    struct problems *p)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_OWNER_OK, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, owner_id);
    enum db_step r = db_step(st);
    if (r == DB_ROW) {
        const char *role = db_col_text(st, 0);
        if (db_col_int64(st, 1) == 0) {
            problems_add(p, "owner", "%s", _("is no longer active"));
        } else if (role && strcmp(role, "viewer") == 0) {
            problems_add(p, "owner", "%s",
                         _("is a viewer and cannot own cases"));
        }
    } else if (r == DB_DONE) {
        problems_add(p, "owner", "%s", _("is not a known user"));
    } else {
        status = db_last_status(db);
    }
    db_finalize(st);
    return status;
}

/* Check that contact_id is a contact person of customer_id. */
static enum taio_status check_contact(struct db *db, int64_t contact_id,
                                      int64_t customer_id,
                                      struct problems *p)
{
    bool exists = false;
    enum taio_status status = row_exists(db, SQL_CONTACT_OF_CUSTOMER,
                                         contact_id, customer_id, 2, &exists);
    if (status == TAIO_OK && !exists) {
        problems_add(p, "contact", "%s",
                     _("is not a contact person of this customer"));
    }
    return status;
}

/* Check the fields of a new case that need no store. */
static void check_open_input(const struct case_open_input *in, int64_t now,
                             int64_t received_at, struct problems *p)
{
    validate_one_of(p, "kind", in->kind ? in->kind : "", CASE_KIND_NAMES);
    validate_text(p, "title", in->title, true, 200);
    validate_text(p, "reported", in->reported, true, 20000);
    if (in->impact) {
        validate_one_of(p, "impact", in->impact, CASE_IMPACT_NAMES);
    }
    if (in->channel) {
        channel_check(p, "channel", in->channel);
    }
    validate_text(p, "affected", in->affected, false, 2000);
    validate_text(p, "workaround", in->workaround, false, 4000);
    if (in->customer_id == 0) {
        problems_add(p, "customer", "%s", _("is required"));
    }
    if (received_at > now + CASE_CLOCK_SKEW) {
        problems_add(p, "received", "%s", _("cannot be in the future"));
    }
    if (in->occurred_at && in->occurred_at > now + CASE_CLOCK_SKEW) {
        problems_add(p, "occurred", "%s", _("cannot be in the future"));
    } else if (in->occurred_at && in->occurred_at > received_at) {
        problems_add(p, "occurred", "%s",
                     _("cannot be after the case was received"));
    }
    if (in->deadline_at && in->deadline_at <= received_at) {
        problems_add(p, "deadline", "%s",
                     _("must be after the case was received"));
    }
}

/* Allocate the next number of the year of received_at in zone and write
 * "YYYY-NNNN" into number. */
static enum taio_status next_number(struct db *db, const struct tz *zone,
                                    int64_t received_at, int *year, int *seq,
                                    char number[32])
{
    struct tz_tm tm;
    tz_local(zone, received_at, &tm);
    *year = tm.year;
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_NEXT_SEQ, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, *year);
    if (db_step(st) == DB_ROW) {
        *seq = (int)db_col_int64(st, 0);
    } else {
        status = db_last_status(db);
    }
    db_finalize(st);
    snprintf(number, 32, "%04d-%04d", *year, *seq);
    return status;
}

/* Open a new case from in, numbered within the year it was received (in
 * the organisation's zone), and record "opened" on its timeline. The owner
 * defaults to the actor unless the actor is a clerk (a clerk's cases wait
 * for someone to take them). *id_out (may be NULL) receives the id. */
enum taio_status case_open(struct db *db, const struct actor *actor,
                           const struct tz *zone,
                           const struct case_open_input *in,
                           struct problems *problems, int64_t *id_out)
{
    if (!user_can(actor, USER_ACT_RECORD)) {
        return TAIO_EPERM;
    }
    int64_t received_at = in->received_at ? in->received_at : actor->now;
    check_open_input(in, actor->now, received_at, problems);
    int64_t owner_id = in->owner_id;
    if (owner_id == 0 && actor->user_id != 0 && actor->role != USER_CLERK) {
        owner_id = actor->user_id;
    }
    if (problems_any(problems)) {
        return TAIO_EINVAL;
    }
    enum taio_status status = db_begin(db);
    if (status != TAIO_OK) {
        return status;
    }
    bool exists = false;
    status = row_exists(db, SQL_CUSTOMER_EXISTS, in->customer_id, 0, 1,
                        &exists);
    if (status == TAIO_OK && !exists) {
        problems_add(problems, "customer", "%s", _("is not a known customer"));
    }
    if (status == TAIO_OK && in->contact_id) {
        status = check_contact(db, in->contact_id, in->customer_id, problems);
    }
    if (status == TAIO_OK && owner_id) {
        status = check_owner(db, owner_id, problems);
    }
    if (status == TAIO_OK && problems_any(problems)) {
        status = TAIO_EINVAL;
    }
    int year = 0;
    int seq = 0;
    char number[32] = "";
    if (status == TAIO_OK) {
        status = next_number(db, zone, received_at, &year, &seq, number);
    }
    struct db_stmt *st = NULL;
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_INSERT, &st);
    }
    int64_t id = 0;
    if (status == TAIO_OK) {
        char *title = text_trim(in->title);
        db_bind_text(st, 1, number);
        db_bind_int64(st, 2, year);
        db_bind_int64(st, 3, seq);
        db_bind_text(st, 4, in->kind);
        db_bind_text(st, 5, title);
        db_bind_int64(st, 6, in->customer_id);
        db_bind_opt_int64(st, 7, in->contact_id != 0, in->contact_id);
        db_bind_text(st, 8, in->channel ? in->channel : "phone");
        db_bind_opt_int64(st, 9, in->occurred_at != 0, in->occurred_at);
        db_bind_int64(st, 10, received_at);
        db_bind_text(st, 11, in->reported);
        db_bind_text(st, 12, in->impact ? in->impact : "minor");
        db_bind_text(st, 13, in->affected ? in->affected : "");
        db_bind_opt_int64(st, 14, in->deadline_at != 0, in->deadline_at);
        db_bind_text(st, 15, in->workaround ? in->workaround : "");
        db_bind_opt_int64(st, 16, owner_id != 0, owner_id);
        db_bind_opt_int64(st, 17, actor->user_id != 0, actor->user_id);
        db_bind_int64(st, 18, actor->now);
        db_bind_int64(st, 19, in->report_required ? 1 : 0);
        if (db_step(st) == DB_ROW) {
            id = db_col_int64(st, 0);
        } else {
            status = db_last_status(db);
        }
        db_finalize(st);
        free(title);
    }
    if (status == TAIO_OK) {
        struct timeline_new ev;
        timeline_new_init(&ev, id, actor->now, actor->user_id,
                          TIMELINE_OPENED);
        ev.body = in->reported;
        ev.channel = in->channel ? in->channel : "phone";
        ev.new_value = number;
        status = timeline_append(db, &ev, NULL);
    }
    status = db_end(db, status);
    if (status == TAIO_OK && id_out) {
        *id_out = id;
    }
    return status;
}

/* The count a query sql of case id ($1) answers: open promises,
 * required checklist items not ticked, approved reports. */
static enum taio_status count_for_case(struct db *db, const char *sql,
                                       int64_t id, int64_t *count)
{
    *count = 0;
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, sql, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, id);
    return db_fetch_one(st, db_read_int64, count);
}

/* Start a transaction and load case id into *c for a change to it (here
 * and in the modules that change a case beside it: escalation.c,
 * outreach.c). On failure (no such case, a storage error) the transaction
 * is already ended and the status says why; on success the caller clears
 * *c and ends the transaction with db_end(). */
enum taio_status case_begin_change(struct db *db, int64_t id,
                                   struct case_rec *c)
{
    enum taio_status status = db_begin(db);
    if (status != TAIO_OK) {
        return status;
    }
    status = case_get(db, id, c);
    if (status != TAIO_OK) {
        return db_end(db, status);
    }
    return TAIO_OK;
}

/* TAIO_OK when case c may resolve as far as its checklists go: no
 * required item is open, or someone said why (checklist.c); else
 * TAIO_ECONFLICT with a problem for "status". */
static enum taio_status checklist_allows_resolve(struct db *db,
                                                 const struct case_rec *c,
                                                 struct problems *problems)
{
    if (c->checklist_override) {
        return TAIO_OK;
    }
    int64_t n_open = 0;
    enum taio_status status =
        count_for_case(db, SQL_CHECKLIST_OPEN, c->id, &n_open);
    if (status == TAIO_OK && n_open > 0) {
        problems_add(problems, "status",
                     ngettext("%lld required checklist item is not ticked; "
                              "tick it, or say why the case resolves "
                              "without it",
                              "%lld required checklist items are not "
                              "ticked; tick them, or say why the case "
                              "resolves without them",
                              (unsigned long)n_open),
                     (long long)n_open);
        status = TAIO_ECONFLICT;
    }
    return status;
}

/* TAIO_OK when case c may close as far as its report goes: it needs
 * none, a manager waived it, or it is approved; else TAIO_ECONFLICT with
 * a problem for "status". */
static enum taio_status report_allows_close(struct db *db,
                                            const struct case_rec *c,
                                            struct problems *problems)
{
    if (!c->report_required || c->report_waived_at) {
        return TAIO_OK;
    }
    int64_t approved = 0;
    enum taio_status status =
        count_for_case(db, SQL_REPORT_APPROVED, c->id, &approved);
    if (status == TAIO_OK && approved == 0) {
        problems_add(problems, "status", "%s",
                     _("this case needs an approved report before it "
                       "closes; write it and have it approved, or a "
                       "manager waives it with a reason"));
        status = TAIO_ECONFLICT;
    }
    return status;
}

/* Move case id to status (a CASE_STATUS_NAMES name) with an optional
 * comment. Refuses moves the state machine forbids (problem for "status")
 * and closing while promises are open (TAIO_ECONFLICT with a problem).
 * Handling roles only. */
enum taio_status case_set_status(struct db *db, const struct actor *actor,
                                 int64_t id, const char *status_name,
                                 const char *comment,
                                 struct problems *problems)
{
    if (!user_can(actor, USER_ACT_HANDLE)) {
        return TAIO_EPERM;
    }
    if (!validate_one_of(problems, "status", status_name, CASE_STATUS_NAMES) ||
        !validate_text(problems, "comment", comment, false, 4000)) {
        return TAIO_EINVAL;
    }
    enum case_status to =
        (enum case_status)validate_index(status_name, CASE_STATUS_NAMES);
    struct case_rec c;
    enum taio_status status = case_begin_change(db, id, &c);
    if (status != TAIO_OK) {
        return status;
    }
    if (!case_status_can_move(c.status, to)) {
        problems_add(problems, "status",
                     _("a case that is \"%s\" cannot become \"%s\""),
                     case_status_label(c.status), case_status_label(to));
        status = TAIO_EINVAL;
    }
    if (status == TAIO_OK && to == CASE_CLOSED) {
        status = report_allows_close(db, &c, problems);
    }
    if (status == TAIO_OK && to == CASE_RESOLVED) {
        status = checklist_allows_resolve(db, &c, problems);
    }
    int64_t n_open = 0;
    if (status == TAIO_OK && to == CASE_CLOSED) {
        status = count_for_case(db, SQL_OPEN_PROMISES, id, &n_open);
        if (status == TAIO_OK && n_open > 0) {
            problems_add(problems, "status",
                         ngettext("the case still has %lld open promise; "
                                  "keep, renegotiate or cancel it first",
                                  "the case still has %lld open promises; "
                                  "keep, renegotiate or cancel them first",
                                  (unsigned long)n_open),
                         (long long)n_open);
            status = TAIO_ECONFLICT;
        }
    }
    struct db_stmt *st = NULL;
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_SET_STATUS, &st);
    }
    if (status == TAIO_OK) {
        bool reopening = !case_status_is_open(c.status) &&
                         case_status_is_open(to);
        int64_t resolved_at = c.resolved_at;
        int64_t closed_at = c.closed_at;
        if (to == CASE_RESOLVED) {
            resolved_at = actor->now;
        }
        if (to == CASE_CLOSED) {
            closed_at = actor->now;
        }
        if (reopening) {
            resolved_at = 0;
            closed_at = 0;
        }
        db_bind_int64(st, 1, id);
        db_bind_text(st, 2, CASE_STATUS_NAMES[to]);
        db_bind_int64(st, 3, case_status_is_open(to) ? 1 : 0);
        db_bind_opt_int64(st, 4, resolved_at != 0, resolved_at);
        db_bind_opt_int64(st, 5, closed_at != 0, closed_at);
        db_bind_int64(st, 6, actor->now);
        status = db_run(st);
    }
    if (status == TAIO_OK) {
        struct timeline_new ev;
        timeline_new_init(&ev, id, actor->now, actor->user_id,
                          TIMELINE_STATUS);
        ev.old_value = CASE_STATUS_NAMES[c.status];
        ev.new_value = CASE_STATUS_NAMES[to];
        ev.body = comment && *comment ? comment : NULL;
        status = timeline_append(db, &ev, NULL);
    }
    case_rec_clear(&c);
    return db_end(db, status);
}

/* Reopen a resolved, reported or closed case: it goes back to in
 * progress. A case that is still open has nothing to reopen, and saying so
 * catches a mistyped case number. */
enum taio_status case_reopen(struct db *db, const struct actor *actor,
                             int64_t id, const char *comment,
                             struct problems *problems)
{
    if (!user_can(actor, USER_ACT_HANDLE)) {
        return TAIO_EPERM;
    }
    if (!validate_text(problems, "comment", comment, false, 4000)) {
        return TAIO_EINVAL;
    }
    struct case_rec c;
    enum taio_status status = case_begin_change(db, id, &c);
    if (status != TAIO_OK) {
        return status;
    }
    if (case_status_is_open(c.status)) {
        problems_add(problems, "status",
                     _("the case is still open (\"%s\"); only a resolved "
                       "or closed case can be reopened"),
                     case_status_label(c.status));
        status = TAIO_EINVAL;
    }
    case_rec_clear(&c);
    if (status == TAIO_OK) {
        status = case_set_status(db, actor, id,
                                 CASE_STATUS_NAMES[CASE_IN_PROGRESS], comment,
                                 problems);
    }
    return db_end(db, status);
}

/* Refuse changes to a case that is closed; adds a problem. */
static bool check_not_closed(const struct case_rec *c, struct problems *p)
{
    if (c->status == CASE_CLOSED) {
        problems_add(p, "case", "%s",
                     _("is closed; reopen it before changing it"));
        return false;
    }
    return true;
}

/* Record the ETA told to the customer: a time (eta_at, 0 if only words),
 * its wording (eta_text, e.g. "1-2 days"), or both; one of them is
 * required and a time must be in the future. The previous ETA goes into
 * the timeline entry. Any recording role may give an ETA: the clerk on the
 * phone often has to. */
enum taio_status case_set_eta(struct db *db, const struct actor *actor,
                              int64_t id, int64_t eta_at,
                              const char *eta_text,
                              struct problems *problems)
{
    if (!user_can(actor, USER_ACT_RECORD)) {
        return TAIO_EPERM;
    }
    validate_text(problems, "text", eta_text, false, 200);
    if (eta_at == 0 && (eta_text == NULL || text_is_blank(eta_text))) {
        problems_add(problems, "eta", "%s",
                     _("give a time, a wording, or both"));
    }
    if (eta_at != 0 && eta_at <= actor->now) {
        problems_add(problems, "eta", "%s", _("must be in the future"));
    }
    if (problems_any(problems)) {
        return TAIO_EINVAL;
    }
    struct case_rec c;
    enum taio_status status = case_begin_change(db, id, &c);
    if (status != TAIO_OK) {
        return status;
    }
    if (!check_not_closed(&c, problems)) {
        status = TAIO_EINVAL;
    }
    const char *text = eta_text && !text_is_blank(eta_text) ? eta_text : NULL;
    struct db_stmt *st = NULL;
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_SET_ETA, &st);
    }
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, id);
        db_bind_opt_int64(st, 2, eta_at != 0, eta_at);
        db_bind_text(st, 3, text);
        db_bind_int64(st, 4, actor->now);
        status = db_run(st);
    }
    if (status == TAIO_OK) {
        struct timeline_new ev;
        timeline_new_init(&ev, id, actor->now, actor->user_id, TIMELINE_ETA);
        ev.old_at = c.eta_at;
        ev.new_at = eta_at;
        ev.old_value = c.eta_text;
        ev.new_value = text;
        status = timeline_append(db, &ev, NULL);
    }
    case_rec_clear(&c);
    return db_end(db, status);
}

/* Check a contact to log against the case it belongs to. */
static void check_contact_input(const struct case_contact_input *in,
                                int64_t now, struct problems *p)
{
    static const char *const DIRECTIONS[] = {"in", "out", NULL};
    validate_one_of(p, "direction", in->direction ? in->direction : "",
                    DIRECTIONS);
    if (in->channel == NULL) {
        problems_add(p, "channel", "%s", _("is required"));
    } else {
        channel_check(p, "channel", in->channel);
    }
    validate_text(p, "with", in->with_whom, false, 200);
    validate_text(p, "summary", in->summary, true, 20000);
    if (in->duration_min != -1 &&
        (in->duration_min < 0 || in->duration_min > 24 * 60)) {
        problems_add(p, "duration", "%s",
                     _("must be between 0 minutes and 24 hours"));
    }
    if (in->occurred_at && in->occurred_at > now + CASE_CLOCK_SKEW) {
        problems_add(p, "at", "%s", _("cannot be in the future"));
    }
}

/* Log a contact with the customer: who called whom, how, with whom, how
 * long, and what was said. An outbound contact resets the case's silence
 * clock (last_outbound_at). Works on open and resolved cases, not closed
 * ones. */
enum taio_status case_log_contact(struct db *db, const struct actor *actor,
                                  int64_t id,
                                  const struct case_contact_input *in,
                                  struct problems *problems,
                                  int64_t *entry_id)
{
    if (!user_can(actor, USER_ACT_RECORD)) {
        return TAIO_EPERM;
    }
    check_contact_input(in, actor->now, problems);
    if (problems_any(problems)) {
        return TAIO_EINVAL;
    }
    struct case_rec c;
    enum taio_status status = case_begin_change(db, id, &c);
    if (status != TAIO_OK) {
        return status;
    }
    if (!check_not_closed(&c, problems)) {
        status = TAIO_EINVAL;
    }
    if (status == TAIO_OK && in->contact_id) {
        status = check_contact(db, in->contact_id, c.customer_id, problems);
        if (status == TAIO_OK && problems_any(problems)) {
            status = TAIO_EINVAL;
        }
    }
    int64_t at = in->occurred_at ? in->occurred_at : actor->now;
    bool outbound = strcmp(in->direction, "out") == 0;
    int64_t last_contact = at > c.last_contact_at ? at : c.last_contact_at;
    int64_t last_out = c.last_outbound_at;
    if (outbound && at > last_out) {
        last_out = at;
    }
    struct db_stmt *st = NULL;
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_SET_CONTACTED, &st);
    }
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, id);
        db_bind_int64(st, 2, last_contact);
        db_bind_opt_int64(st, 3, last_out != 0, last_out);
        db_bind_int64(st, 4, actor->now);
        status = db_run(st);
    }
    if (status == TAIO_OK) {
        struct timeline_new ev;
        timeline_new_init(&ev, id, actor->now, actor->user_id,
                          TIMELINE_CONTACT);
        ev.direction = in->direction;
        ev.channel = in->channel;
        ev.with_whom = in->with_whom && *in->with_whom ? in->with_whom
                                                       : c.contact_name;
        ev.contact_id = in->contact_id;
        ev.duration_min = in->duration_min;
        ev.occurred_at = at;
        ev.body = in->summary;
        status = timeline_append(db, &ev, entry_id);
    }
    case_rec_clear(&c);
    return db_end(db, status);
}

/* Add a free-text note to a case's timeline. */
enum taio_status case_add_note(struct db *db, const struct actor *actor,
                               int64_t id, const char *body,
                               struct problems *problems, int64_t *entry_id)
{
    if (!user_can(actor, USER_ACT_RECORD)) {
        return TAIO_EPERM;
    }
    if (!validate_text(problems, "note", body, true, 20000)) {
        return TAIO_EINVAL;
    }
    struct case_rec c;
    enum taio_status status = case_begin_change(db, id, &c);
    if (status != TAIO_OK) {
        return status;
    }
    case_rec_clear(&c);
    struct db_stmt *st = NULL;
    status = db_prepare(db, SQL_TOUCH, &st);
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, id);
        db_bind_int64(st, 2, actor->now);
        status = db_run(st);
    }
    if (status == TAIO_OK) {
        struct timeline_new ev;
        timeline_new_init(&ev, id, actor->now, actor->user_id,
                          TIMELINE_NOTE);
        ev.body = body;
        status = timeline_append(db, &ev, entry_id);
    }
    return db_end(db, status);
}

/* Append a "field" timeline entry for a text change, if it changed. */
static enum taio_status note_text_change(struct db *db,
                                         const struct actor *actor,
                                         int64_t id, const char *field,
                                         const char *old_value,
                                         const char *new_value)
{
    if ((old_value == NULL && new_value == NULL) ||
        (old_value && new_value && strcmp(old_value, new_value) == 0)) {
        return TAIO_OK;
    }
    struct timeline_new ev;
    timeline_new_init(&ev, id, actor->now, actor->user_id, TIMELINE_FIELD);
    ev.field = field;
    ev.old_value = old_value;
    ev.new_value = new_value;
    return timeline_append(db, &ev, NULL);
}

/* Append a "field" timeline entry for a time or id change, if it
 * changed. */
static enum taio_status note_int_change(struct db *db,
                                        const struct actor *actor, int64_t id,
                                        const char *field, int64_t old_value,
                                        int64_t new_value)
{
    if (old_value == new_value) {
        return TAIO_OK;
    }
    struct timeline_new ev;
    timeline_new_init(&ev, id, actor->now, actor->user_id, TIMELINE_FIELD);
    ev.field = field;
    ev.old_at = old_value;
    ev.new_at = new_value;
    return timeline_append(db, &ev, NULL);
}

/* Append a "field" entry for a changed reference (owner, contact person),
 * naming both sides: the old name is known, the new one is looked up with
 * name_sql from new_id (0: none). */
static enum taio_status note_ref_change(struct db *db,
                                        const struct actor *actor, int64_t id,
                                        const char *field,
                                        const char *name_sql,
                                        const char *old_name, int64_t new_id)
{
    char *new_name = NULL;
    if (new_id) {
        struct db_stmt *st = NULL;
        enum taio_status status = db_prepare(db, name_sql, &st);
        if (status != TAIO_OK) {
            return status;
        }
        db_bind_int64(st, 1, new_id);
        if (db_step(st) == DB_ROW) {
            new_name = db_col_strdup(st, 0);
        }
        db_finalize(st);
    }
    struct timeline_new ev;
    timeline_new_init(&ev, id, actor->now, actor->user_id, TIMELINE_FIELD);
    ev.field = field;
    ev.old_value = old_name;
    ev.new_value = new_name;
    enum taio_status status = timeline_append(db, &ev, NULL);
    free(new_name);
    return status;
}

/* Check the update input that needs no store. */
static void check_update_input(const struct case_update_input *in,
                               const struct case_rec *c, struct problems *p)
{
    if (in->title) {
        validate_text(p, "title", in->title, true, 200);
    }
    if (in->impact) {
        validate_one_of(p, "impact", in->impact, CASE_IMPACT_NAMES);
    }
    validate_text(p, "affected", in->affected, false, 2000);
    validate_text(p, "workaround", in->workaround, false, 4000);
    if (in->set_deadline && in->deadline_at != 0 &&
        in->deadline_at <= c->received_at) {
        problems_add(p, "deadline", "%s",
                     _("must be after the case was received"));
    }
}

/* Change a case's title, impact, affected parties, workaround, deadline,
 * owner (assign) or contact person. Each change is a timeline entry with
 * the old and new value. Handling roles only. */
enum taio_status case_update(struct db *db, const struct actor *actor,
                             int64_t id, const struct case_update_input *in,
                             struct problems *problems)
{
    if (!user_can(actor, USER_ACT_HANDLE)) {
        return TAIO_EPERM;
    }
    struct case_rec c;
    enum taio_status status = case_begin_change(db, id, &c);
    if (status != TAIO_OK) {
        return status;
    }
    check_update_input(in, &c, problems);
    check_not_closed(&c, problems);
    if (in->set_owner && in->owner_id) {
        status = check_owner(db, in->owner_id, problems);
    }
    if (status == TAIO_OK && in->set_contact && in->contact_id) {
        status = check_contact(db, in->contact_id, c.customer_id, problems);
    }
    if (status == TAIO_OK && problems_any(problems)) {
        status = TAIO_EINVAL;
    }
    char *title = in->title ? text_trim(in->title) : xstrdup(c.title);
    const char *impact = in->impact ? in->impact
                                    : CASE_IMPACT_NAMES[c.impact];
    const char *affected = in->affected ? in->affected : c.affected;
    const char *workaround = in->workaround ? in->workaround : c.workaround;
    int64_t deadline = in->set_deadline ? in->deadline_at : c.deadline_at;
    int64_t owner = in->set_owner ? in->owner_id : c.owner_id;
    int64_t contact = in->set_contact ? in->contact_id : c.contact_id;
    struct db_stmt *st = NULL;
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_UPDATE_FIELDS, &st);
    }
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, id);
        db_bind_text(st, 2, title);
        db_bind_text(st, 3, impact);
        db_bind_text(st, 4, affected);
        db_bind_text(st, 5, workaround);
        db_bind_opt_int64(st, 6, deadline != 0, deadline);
        db_bind_opt_int64(st, 7, owner != 0, owner);
        db_bind_opt_int64(st, 8, contact != 0, contact);
        db_bind_int64(st, 9, actor->now);
        status = db_run(st);
    }
    if (status == TAIO_OK) {
        status = note_text_change(db, actor, id, "title", c.title, title);
    }
    if (status == TAIO_OK) {
        status = note_text_change(db, actor, id, "impact",
                                  CASE_IMPACT_NAMES[c.impact], impact);
    }
    if (status == TAIO_OK) {
        status = note_text_change(db, actor, id, "affected", c.affected,
                                  affected);
    }
    if (status == TAIO_OK) {
        status = note_text_change(db, actor, id, "workaround", c.workaround,
                                  workaround);
    }
    if (status == TAIO_OK) {
        status = note_int_change(db, actor, id, "deadline", c.deadline_at,
                                 deadline);
    }
    if (status == TAIO_OK && owner != c.owner_id) {
        status = note_ref_change(db, actor, id, "owner", SQL_USER_LOGIN,
                                 c.owner_login, owner);
    }
    if (status == TAIO_OK && contact != c.contact_id) {
        status = note_ref_change(db, actor, id, "contact", SQL_CONTACT_NAME,
                                 c.contact_name, contact);
    }
    free(title);
    case_rec_clear(&c);
    return db_end(db, status);
}
