/* SPDX-License-Identifier: MIT */
/*
 * report.c - the incident report (報告書) of a case, from draft to sent.
 *
 * People write the three sections every report must have: the cause
 * (原因), what was done for those affected (影響を受けた方への対応) and
 * how it will not happen again (再発防止策), plus what went well and what
 * went badly, a cause category and whom the report is for. taio fills in
 * the facts from the case: when it came in, when we first called, when
 * the first ETA was told, every promise and whether it was kept on time,
 * when it was resolved (report_facts_get), and writes the report as
 * Markdown or plain text (report_text) for export, print and mail.
 *
 *   draft ──submit──▶ submitted ──approve──▶ approved ──send──▶ sent
 *     ▲                  │
 *     └──── returned ◀───┘ (with the reviewer's comment)
 *
 * Writing and submitting take a handling role; approving, returning and
 * waiving take a manager. A case that needs a report closes only once it
 * is approved (case.c), or after a manager waived it with a reason. Every
 * step is one transaction and leaves a "report" entry on the case's
 * timeline. Approved and sent reports are the desk's lessons (search.c,
 * lesson.c).
 */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/timeutil.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "notify.h"
#include "timeline.h"

const char *const REPORT_STATE_NAMES[] = {"draft", "submitted", "returned",
                                          "approved", "sent", NULL};

const char *const REPORT_CHANNEL_NAMES[] = {"email", "fax", "letter",
                                            "visit", "hand", NULL};

#define REPORT_COLUMNS                                                      \
    "r.id, r.case_id, r.state, r.cause, r.response, r.prevention,"         \
    " r.went_well, r.went_badly, r.cause_category, r.recipients,"          \
    " r.review_comment, a.display_name, s.display_name, p.display_name,"   \
    " d.display_name, r.sent_channel, r.sent_to, r.created_at,"            \
    " r.updated_at, r.submitted_at, r.approved_at, r.sent_at, r.version"

static const char SQL_GET[] =
    "SELECT " REPORT_COLUMNS
    "  FROM reports r LEFT JOIN users a ON a.id = r.created_by"
    "  LEFT JOIN users s ON s.id = r.submitted_by"
    "  LEFT JOIN users p ON p.id = r.approved_by"
    "  LEFT JOIN users d ON d.id = r.sent_by"
    " WHERE r.case_id = $1";

static const char SQL_INSERT[] =
    "INSERT INTO reports (case_id, cause, response, prevention, went_well,"
    "  went_badly, cause_category, recipients, created_by, created_at,"
    "  updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)";

static const char SQL_UPDATE[] =
    "UPDATE reports SET cause = $2, response = $3, prevention = $4,"
    "  went_well = $5, went_badly = $6, cause_category = $7,"
    "  recipients = $8, updated_at = $9, version = version + 1"
    " WHERE case_id = $1";

static const char SQL_SUBMIT[] =
    "UPDATE reports SET state = 'submitted', submitted_at = $2,"
    "  submitted_by = $3, updated_at = $2, version = version + 1"
    " WHERE case_id = $1";

static const char SQL_APPROVE[] =
    "UPDATE reports SET state = 'approved', approved_at = $2,"
    "  approved_by = $3, review_comment = NULL, updated_at = $2,"
    "  version = version + 1"
    " WHERE case_id = $1";

static const char SQL_RETURN[] =
    "UPDATE reports SET state = 'returned', review_comment = $4,"
    "  returned_by = $3, updated_at = $2, version = version + 1"
    " WHERE case_id = $1";

static const char SQL_SEND[] =
    "UPDATE reports SET state = 'sent', sent_at = $2, sent_by = $3,"
    "  sent_channel = $4, sent_to = $5, updated_at = $2,"
    "  version = version + 1"
    " WHERE case_id = $1";

static const char SQL_WAIVE[] =
    "UPDATE cases SET report_waived_at = $2, report_waived_by = $3,"
    "  report_waiver = $4, updated_at = $2, version = version + 1"
    " WHERE id = $1";

/* The first contact we made on case $1. */
static const char SQL_FIRST_CONTACT[] =
    "SELECT MIN(coalesce(occurred_at, at)) FROM case_events"
    " WHERE case_id = $1 AND kind = 'contact' AND direction = 'out'";

/* The first ETA told on case $1: when, its wording and its time. */
static const char SQL_FIRST_ETA[] =
    "SELECT at, new_value, new_at FROM case_events"
    " WHERE case_id = $1 AND kind = 'eta' ORDER BY id LIMIT 1";

/* Translated state for people. */
const char *report_state_label(enum report_state state)
{
    static const char *const LABELS[] = {N_("draft"), N_("submitted"),
                                         N_("returned"), N_("approved"),
                                         N_("sent")};
    return _(LABELS[state]);
}

/* A step of the timeline's "report" entries for people: a state, or
 * "waived". */
const char *report_step_label(const char *step)
{
    if (strcmp(step, "waived") == 0) {
        return _("waived by a manager");
    }
    int state = validate_index(step, REPORT_STATE_NAMES);
    return state >= 0 ? report_state_label((enum report_state)state) : step;
}

/* A cause category for people: the built-in ones translated, an
 * organisation's own as it wrote it. */
const char *report_cause_label(const char *cause)
{
    static const char *const NAMES[] = {
        "own_mistake", "customer_environment", "vendor", "product_defect",
        "communication",
    };
    static const char *const LABELS[] = {
        N_("our own mistake"), N_("the customer's environment"),
        N_("a vendor"), N_("a product defect"), N_("communication"),
    };
    for (size_t i = 0; cause && i < sizeof(NAMES) / sizeof(NAMES[0]); i++) {
        if (strcmp(cause, NAMES[i]) == 0) {
            return _(LABELS[i]);
        }
    }
    return cause ? cause : "";
}

static void read_row(struct db_stmt *st, void *record)
{
    struct report *r = record;
    r->id = db_col_int64(st, 0);
    r->case_id = db_col_int64(st, 1);
    int state = validate_index(db_col_text(st, 2), REPORT_STATE_NAMES);
    r->state = state < 0 ? REPORT_DRAFT : (enum report_state)state;
    r->cause = db_col_strdup(st, 3);
    r->response = db_col_strdup(st, 4);
    r->prevention = db_col_strdup(st, 5);
    r->went_well = db_col_strdup(st, 6);
    r->went_badly = db_col_strdup(st, 7);
    r->cause_category = db_col_strdup(st, 8);
    r->recipients = db_col_strdup(st, 9);
    r->review_comment = db_col_strdup(st, 10);
    r->author_name = db_col_strdup(st, 11);
    r->submitted_by_name = db_col_strdup(st, 12);
    r->approved_by_name = db_col_strdup(st, 13);
    r->sent_by_name = db_col_strdup(st, 14);
    r->sent_channel = db_col_strdup(st, 15);
    r->sent_to = db_col_strdup(st, 16);
    r->created_at = db_col_int64(st, 17);
    r->updated_at = db_col_int64(st, 18);
    r->submitted_at = db_col_int64(st, 19);
    r->approved_at = db_col_int64(st, 20);
    r->sent_at = db_col_int64(st, 21);
    r->version = db_col_int64(st, 22);
}

/* The report of case case_id into *out (clear with report_clear()).
 * TAIO_ENOTFOUND when none was written yet. */
enum taio_status report_get(struct db *db, int64_t case_id,
                            struct report *out)
{
    memset(out, 0, sizeof(*out));
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_GET, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, case_id);
    return db_fetch_one(st, read_row, out);
}

/* Free what r owns and leave it zeroed. Accepts NULL. */
void report_clear(struct report *r)
{
    if (r == NULL) {
        return;
    }
    char **owned[] = {&r->cause, &r->response, &r->prevention,
                      &r->went_well, &r->went_badly, &r->cause_category,
                      &r->recipients, &r->review_comment, &r->author_name,
                      &r->submitted_by_name, &r->approved_by_name,
                      &r->sent_by_name, &r->sent_channel, &r->sent_to};
    for (size_t i = 0; i < sizeof(owned) / sizeof(owned[0]); i++) {
        free(*owned[i]);
    }
    memset(r, 0, sizeof(*r));
}

/* The condensed timeline of case c into *out (clear with
 * report_facts_clear()); times of the first ETA shown in zone. */
enum taio_status report_facts_get(struct db *db, const struct case_rec *c,
                                  const struct tz *zone,
                                  struct report_facts *out)
{
    memset(out, 0, sizeof(*out));
    out->received_at = c->received_at;
    out->resolved_at = c->resolved_at;
    out->closed_at = c->closed_at;
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_FIRST_CONTACT, &st);
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, c->id);
        status = db_fetch_one(st, db_read_int64, &out->first_contact_at);
    }
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_FIRST_ETA, &st);
    }
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, c->id);
        if (db_step(st) == DB_ROW) {
            out->eta_given_at = db_col_int64(st, 0);
            const char *words = db_col_text(st, 1);
            int64_t eta_at = db_col_int64(st, 2);
            struct buf eta = {0};
            buf_puts(&eta, words ? words : "");
            if (eta_at) {
                char at[TIMEUTIL_ISO_MAX];
                timeutil_format_local(zone, eta_at, at);
                buf_printf(&eta, "%s%s", words ? " " : "", at);
            }
            out->first_eta = buf_steal(&eta);
        }
        db_finalize(st);
    }
    struct promise_filter filter = {.case_id = c->id};
    if (status == TAIO_OK) {
        status = promise_list(db, &filter, &out->promises, &out->n_promises);
    }
    for (size_t i = 0; status == TAIO_OK && i < out->n_promises; i++) {
        out->n_kept_on_time += promise_on_time(&out->promises[i]) ? 1 : 0;
    }
    return status == TAIO_ENOTFOUND ? TAIO_OK : status;
}

void report_facts_clear(struct report_facts *f)
{
    free(f->first_eta);
    promise_list_free(f->promises, f->n_promises);
    memset(f, 0, sizeof(*f));
}

/* Append a "report" entry for case_id to its timeline: the new state and
 * an optional comment. */
static enum taio_status note_step(struct db *db, const struct actor *actor,
                                  int64_t case_id, const char *state,
                                  const char *comment)
{
    struct timeline_new ev;
    timeline_new_init(&ev, case_id, actor->now, actor->user_id,
                      TIMELINE_REPORT);
    ev.new_value = state;
    ev.body = comment && *comment ? comment : NULL;
    return timeline_append(db, &ev, NULL);
}

/* True when cause is one of the comma-separated categories. */
static bool is_cause(const char *causes, const char *cause)
{
    size_t n = strlen(cause);
    for (const char *p = causes; p && *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && strncmp(p, cause, n) == 0) {
            return true;
        }
        p = end ? end + 1 : NULL;
    }
    return false;
}

/* Check the fields in gives. */
static bool input_ok(const struct settings *s, const struct report_input *in,
                     struct problems *p)
{
    const char *const names[] = {"cause", "response", "prevention",
                                 "went_well", "went_badly"};
    const char *const values[] = {in->cause, in->response, in->prevention,
                                  in->went_well, in->went_badly};
    for (size_t i = 0; i < 5; i++) {
        validate_text(p, names[i], values[i], false, 8000);
    }
    validate_text(p, "recipients", in->recipients, false, 1000);
    if (in->cause_category && *in->cause_category &&
        !is_cause(s->report_causes, in->cause_category)) {
        problems_add(p, "cause_category", _("must be one of: %s"),
                     s->report_causes);
    }
    return !problems_any(p);
}

/* The case to report on, begun as a change: it must exist. */
static enum taio_status begin(struct db *db, int64_t case_id,
                              struct case_rec *c, struct problems *p)
{
    enum taio_status status = case_begin_change(db, case_id, c);
    if (status == TAIO_ENOTFOUND) {
        problems_add(p, "case", "%s", _("there is no such case"));
    }
    return status;
}

static const char *keep(const char *given, const char *stored)
{
    return given ? given : (stored ? stored : "");
}

/* Write the report of case case_id: a new draft, or the given fields of
 * a draft or returned one. version is what the writer saw: the stored
 * version, 0 for "no report yet", or -1 not to check.
 * Handling roles only. Problems name the fields, "version" and "state". */
enum taio_status report_save(struct db *db, const struct actor *actor,
                             const struct settings *s, int64_t case_id,
                             const struct report_input *in, int64_t version,
                             struct problems *problems)
{
    if (!user_can(actor, USER_ACT_HANDLE)) {
        return TAIO_EPERM;
    }
    if (!input_ok(s, in, problems)) {
        return TAIO_EINVAL;
    }
    struct case_rec c;
    enum taio_status status = begin(db, case_id, &c, problems);
    if (status != TAIO_OK) {
        return status;
    }
    case_rec_clear(&c);
    struct report old;
    enum taio_status found = report_get(db, case_id, &old);
    if (found != TAIO_OK && found != TAIO_ENOTFOUND) {
        return db_end(db, found);
    }
    bool exists = found == TAIO_OK;
    bool stale = version >= 0 && (exists ? version != old.version
                                         : version != 0);
    if (stale) {
        problems_add(problems, "version", "%s",
                     _("someone changed this report meanwhile"));
        status = TAIO_ECONFLICT;
    } else if (exists && old.state != REPORT_DRAFT &&
               old.state != REPORT_RETURNED) {
        problems_add(problems, "state", _("a report that is %s cannot be "
                                          "changed"),
                     report_state_label(old.state));
        status = TAIO_ECONFLICT;
    }
    struct db_stmt *st = NULL;
    if (status == TAIO_OK) {
        status = db_prepare(db, exists ? SQL_UPDATE : SQL_INSERT, &st);
    }
    if (status == TAIO_OK) {
        const char *category = keep(in->cause_category, old.cause_category);
        db_bind_int64(st, 1, case_id);
        db_bind_text(st, 2, keep(in->cause, old.cause));
        db_bind_text(st, 3, keep(in->response, old.response));
        db_bind_text(st, 4, keep(in->prevention, old.prevention));
        db_bind_text(st, 5, keep(in->went_well, old.went_well));
        db_bind_text(st, 6, keep(in->went_badly, old.went_badly));
        db_bind_text(st, 7, *category ? category : NULL);
        db_bind_text(st, 8, keep(in->recipients, old.recipients));
        if (exists) {
            db_bind_int64(st, 9, actor->now);
        } else {
            db_bind_opt_int64(st, 9, actor->user_id != 0, actor->user_id);
            db_bind_int64(st, 10, actor->now);
        }
        status = db_run(st);
    }
    if (status == TAIO_OK && !exists) {
        status = note_step(db, actor, case_id, "draft", NULL);
    }
    report_clear(&old);
    return db_end(db, status);
}

/* The report of case case_id, begun as a change, in one of the states
 * allowed (a bit per state); else a problem for "state". */
static enum taio_status begin_step(struct db *db, int64_t case_id,
                                   unsigned allowed, struct report *r,
                                   struct problems *p)
{
    struct case_rec c;
    enum taio_status status = begin(db, case_id, &c, p);
    if (status != TAIO_OK) {
        return status;
    }
    case_rec_clear(&c);
    status = report_get(db, case_id, r);
    if (status == TAIO_ENOTFOUND) {
        problems_add(p, "state", "%s", _("this case has no report yet"));
        status = TAIO_ECONFLICT;
    } else if (status == TAIO_OK && !(allowed & (1u << r->state))) {
        problems_add(p, "state", _("the report is %s"),
                     report_state_label(r->state));
        status = TAIO_ECONFLICT;
    }
    if (status != TAIO_OK) {
        report_clear(r);
        db_rollback(db);
    }
    return status;
}

/* Run a workflow update (SQL_SUBMIT, SQL_APPROVE ...): $1 case, $2 now,
 * $3 actor, and the strings extra[0..n) as $4 on. */
static enum taio_status run_step(struct db *db, const char *sql,
                                 const struct actor *actor, int64_t case_id,
                                 const char *const *extra, int n)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, sql, &st);
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, case_id);
        db_bind_int64(st, 2, actor->now);
        db_bind_opt_int64(st, 3, actor->user_id != 0, actor->user_id);
        for (int i = 0; i < n; i++) {
            db_bind_text(st, 4 + i, extra[i]);
        }
        status = db_run(st);
    }
    return status;
}

/* Submit the report of case case_id for approval: it must be a draft or
 * returned, with its three sections written (problems name each empty
 * one). Handling roles only. */
enum taio_status report_submit(struct db *db, const struct actor *actor,
                               int64_t case_id, struct problems *problems)
{
    if (!user_can(actor, USER_ACT_HANDLE)) {
        return TAIO_EPERM;
    }
    struct report r;
    enum taio_status status =
        begin_step(db, case_id, 1u << REPORT_DRAFT | 1u << REPORT_RETURNED,
                   &r, problems);
    if (status != TAIO_OK) {
        return status;
    }
    const char *const names[] = {"cause", "response", "prevention"};
    const char *const values[] = {r.cause, r.response, r.prevention};
    for (size_t i = 0; i < 3; i++) {
        if (text_is_blank(values[i])) {
            problems_add(problems, names[i], "%s",
                         _("must be written before the report is "
                           "submitted"));
            status = TAIO_EINVAL;
        }
    }
    if (status == TAIO_OK) {
        status = run_step(db, SQL_SUBMIT, actor, case_id, NULL, 0);
    }
    if (status == TAIO_OK) {
        status = note_step(db, actor, case_id, "submitted", NULL);
    }
    report_clear(&r);
    return db_end(db, status);
}

/* Approve the submitted report of case case_id. Managers only. */
enum taio_status report_approve(struct db *db, const struct actor *actor,
                                int64_t case_id, struct problems *problems)
{
    if (!user_can(actor, USER_ACT_TEAM)) {
        return TAIO_EPERM;
    }
    struct report r;
    enum taio_status status =
        begin_step(db, case_id, 1u << REPORT_SUBMITTED, &r, problems);
    if (status != TAIO_OK) {
        return status;
    }
    status = run_step(db, SQL_APPROVE, actor, case_id, NULL, 0);
    if (status == TAIO_OK) {
        status = note_step(db, actor, case_id, "approved", NULL);
    }
    report_clear(&r);
    return db_end(db, status);
}

/* Return the submitted report of case case_id to its writers with a
 * comment (required: what to change). Managers only. */
enum taio_status report_return(struct db *db, const struct actor *actor,
                               int64_t case_id, const char *comment,
                               struct problems *problems)
{
    if (!user_can(actor, USER_ACT_TEAM)) {
        return TAIO_EPERM;
    }
    if (!validate_text(problems, "comment", comment, true, 4000)) {
        return TAIO_EINVAL;
    }
    struct report r;
    enum taio_status status =
        begin_step(db, case_id, 1u << REPORT_SUBMITTED, &r, problems);
    if (status != TAIO_OK) {
        return status;
    }
    const char *extra[] = {comment};
    status = run_step(db, SQL_RETURN, actor, case_id, extra, 1);
    if (status == TAIO_OK) {
        status = note_step(db, actor, case_id, "returned", comment);
    }
    report_clear(&r);
    return db_end(db, status);
}

/* Check a sending: a known channel and someone to send to; for e-mail,
 * addresses (the mails go through the outbox). */
static bool send_ok(const struct report_send_input *in, struct problems *p)
{
    int channel = in->channel ? validate_index(in->channel,
                                               REPORT_CHANNEL_NAMES)
                              : -1;
    if (channel < 0) {
        problems_add(p, "channel", _("must be one of: %s"),
                     "email, fax, letter, visit, hand");
    }
    if (!validate_text(p, "to", in->to, true, 1000) || channel != 0) {
        return !problems_any(p);
    }
    char *copy = xstrdup(in->to);
    char *rest = copy;
    for (char *a = strsep(&rest, ","); a; a = strsep(&rest, ",")) {
        char *address = text_trim(a);
        if (*address == '\0' || !validate_email(p, "to", address)) {
            if (*address == '\0') {
                problems_add(p, "to", "%s", _("has an empty address"));
            }
            free(address);
            break;
        }
        free(address);
    }
    free(copy);
    return !problems_any(p);
}

/* Queue the report r of case c as mail to each address of to. */
static enum taio_status mail_report(struct db *db, const struct settings *s,
                                    const struct case_rec *c,
                                    const struct report *r, const char *to,
                                    int64_t now)
{
    struct report_facts f;
    enum taio_status status = report_facts_get(db, c, s->zone, &f);
    struct buf subject = {0};
    struct buf body = {0};
    /* Written for those outside: in the language of mail to customers. */
    enum i18n_lang was = i18n_current();
    i18n_use(s->customer_lang);
    buf_printf(&subject, _("[%s] Report on case %s: %s"),
               settings_value(s, "org.name"), c->number, c->title);
    if (status == TAIO_OK) {
        report_text(s, c, r, &f, now, false, &body);
    }
    i18n_use(was);
    char *copy = xstrdup(to);
    char *rest = copy;
    int i = 0;
    for (char *a = strsep(&rest, ","); status == TAIO_OK && a;
         a = strsep(&rest, ","), i++) {
        char *address = text_trim(a);
        char message_id[96];
        snprintf(message_id, sizeof(message_id),
                 "<report.%lld.%lld.%d@taio>", (long long)r->id,
                 (long long)now, i);
        struct notify_mail_out m = {
            .to = address, .subject = buf_str(&subject),
            .body = buf_str(&body), .message_id = message_id,
            .send_at = now,
        };
        status = notify_enqueue_mail(db, &m, now);
        free(address);
    }
    free(copy);
    buf_clear(&subject);
    buf_clear(&body);
    report_facts_clear(&f);
    return status;
}

/* Record that the approved report of case case_id went out by in->channel
 * to in->to; by e-mail it is queued in the outbox, one mail per address,
 * in the same transaction. Handling roles only. */
enum taio_status report_send(struct db *db, const struct actor *actor,
                             const struct settings *s, int64_t case_id,
                             const struct report_send_input *in,
                             struct problems *problems)
{
    if (!user_can(actor, USER_ACT_HANDLE)) {
        return TAIO_EPERM;
    }
    if (!send_ok(in, problems)) {
        return TAIO_EINVAL;
    }
    struct report r;
    enum taio_status status =
        begin_step(db, case_id, 1u << REPORT_APPROVED, &r, problems);
    if (status != TAIO_OK) {
        return status;
    }
    struct case_rec c;
    enum taio_status got = case_get(db, case_id, &c);
    status = got;
    if (status == TAIO_OK && strcmp(in->channel, "email") == 0) {
        status = mail_report(db, s, &c, &r, in->to, actor->now);
    }
    const char *extra[] = {in->channel, in->to};
    if (status == TAIO_OK) {
        status = run_step(db, SQL_SEND, actor, case_id, extra, 2);
    }
    if (status == TAIO_OK) {
        struct buf what = {0};
        buf_printf(&what, "%s: %s", in->channel, in->to);
        status = note_step(db, actor, case_id, "sent", buf_str(&what));
        buf_clear(&what);
    }
    if (got == TAIO_OK) {
        case_rec_clear(&c);
    }
    report_clear(&r);
    return db_end(db, status);
}

/* Let case case_id close without an approved report, for the reason
 * given (required). Managers only; the reason goes to the timeline. */
enum taio_status report_waive(struct db *db, const struct actor *actor,
                              int64_t case_id, const char *reason,
                              struct problems *problems)
{
    if (!user_can(actor, USER_ACT_TEAM)) {
        return TAIO_EPERM;
    }
    if (!validate_text(problems, "reason", reason, true, 4000)) {
        return TAIO_EINVAL;
    }
    struct case_rec c;
    enum taio_status status = begin(db, case_id, &c, problems);
    if (status != TAIO_OK) {
        return status;
    }
    if (!c.report_required || c.report_waived_at) {
        problems_add(problems, "case", "%s",
                     c.report_waived_at
                         ? _("the report of this case is waived already")
                         : _("this case needs no report"));
        status = TAIO_ECONFLICT;
    }
    const char *extra[] = {reason};
    if (status == TAIO_OK) {
        status = run_step(db, SQL_WAIVE, actor, case_id, extra, 1);
    }
    if (status == TAIO_OK) {
        status = note_step(db, actor, case_id, "waived", reason);
    }
    case_rec_clear(&c);
    return db_end(db, status);
}
