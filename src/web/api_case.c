/* SPDX-License-Identifier: MIT */
/*
 * api_case.c - cases over HTTP: list, intake, show, change fields,
 * status, ETA, contacts with the customer, notes and the timeline.
 *
 *   GET   /api/v1/cases                     filters, cursor pagination
 *   POST  /api/v1/cases                     intake (case + ETA + promise)
 *   GET   /api/v1/cases/{number}            the case with promises, timeline
 *   PATCH /api/v1/cases/{number}            title, impact, deadline, owner...
 *   POST  /api/v1/cases/{number}/status     move in the state machine
 *   POST  /api/v1/cases/{number}/reopen
 *   POST  /api/v1/cases/{number}/escalate   to the owner's manager
 *   POST  /api/v1/cases/{number}/updates    tell the customer how it
 *                                           stands, their preferred way
 *   POST  /api/v1/cases/{number}/eta        the ETA told to the customer
 *   POST  /api/v1/cases/{number}/contacts   a call, mail or visit
 *   POST  /api/v1/cases/{number}/notes
 *         (both answer with the new timeline entry, not the whole case:
 *         a case's answer grows with its history, an entry does not)
 *   GET   /api/v1/cases/{number}/timeline
 *
 * Changes to the case's own state (PATCH, status, reopen, ETA) need the
 * version they are based on; contacts and notes only append to the
 * timeline, so two people may add them at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "case_view.h"
#include "core/i18n.h"
#include "core/validate.h"
#include "customer.h"
#include "escalation.h"
#include "input.h"
#include "intake.h"
#include "outreach.h"
#include "record_json.h"
#include "timeline.h"
#include "web/api.h"

/* Pages hold at most this many cases. */
#define PAGE_MAX 200
#define PAGE_DEFAULT 50

/* The case named by the path's {number}; on failure the 404/422 is
 * answered and false returned. */
bool api_case_of(struct http_request *req, int64_t *id)
{
    struct problems p = {0};
    enum taio_status status = input_case(req->db, req->params[0], id, &p);
    if (status != TAIO_OK) {
        api_fail(req, status, &p);
    }
    problems_clear(&p);
    return status == TAIO_OK;
}

/* api_case_reply() after the commit (an http_request after_commit). */
static void case_reply_later(struct http_request *req)
{
    req->after_commit = NULL;
    api_case_reply(req, req->status, req->after_id);
}

/* Answer with the whole case (status 200 or 201), its version as ETag.
 * In a group commit the case is read back after the commit, by the
 * worker, so the committer's thread spends its time on writes only. */
void api_case_reply(struct http_request *req, int status, int64_t id)
{
    if (req->in_batch) {
        req->status = status;
        req->after_commit = case_reply_later;
        req->after_id = id;
        return;
    }
    struct case_view v;
    enum taio_status loaded = case_view_load(req->db, id, &v);
    if (loaded != TAIO_OK) {
        case_view_clear(&v);
        api_fail(req, loaded, NULL);
        return;
    }
    api_etag(req, v.c.version);
    if (status == 201) {
        api_location(req, "/api/v1/cases/%s", v.c.number);
    }
    json_t *o = case_view_json(&v, req->settings.zone, req->now);
    case_view_clear(&v);
    api_reply_json(req, status, o);
}

/* The timeline entry req->after_id as the 201 answer; the headers were
 * set when it was written (api_entry_reply()). */
static void entry_reply(struct http_request *req)
{
    req->after_commit = NULL;
    struct timeline_event e;
    enum taio_status status = timeline_get(req->db, req->after_id, &e);
    if (status != TAIO_OK) {
        api_fail(req, status, NULL);
        return;
    }
    json_t *o = record_json_event(req->settings.zone, &e);
    timeline_event_clear(&e);
    api_reply_json(req, 201, o);
}

/* Answer 201 with timeline entry entry_id of case case_id, the case's
 * version as ETag and its timeline as Location. The case is read now,
 * inside the write's transaction: read after the commit, its version
 * could already include someone else's change, and a client sending it
 * back in If-Match would overwrite that change unseen. In a group commit
 * the entry itself is read after the commit, like api_case_reply(). */
void api_entry_reply(struct http_request *req, int64_t case_id,
                     int64_t entry_id)
{
    struct case_rec c;
    enum taio_status status = case_get(req->db, case_id, &c);
    if (status != TAIO_OK) {
        api_fail(req, status, NULL);
        return;
    }
    api_etag(req, c.version);
    api_location(req, "/api/v1/cases/%s/timeline", c.number);
    case_rec_clear(&c);
    req->status = 201;
    req->after_id = entry_id;
    if (req->in_batch) {
        req->after_commit = entry_reply;
        return;
    }
    entry_reply(req);
}

/* The case as it is now, for a 409 answer. */
static json_t *current_case(struct http_request *req, int64_t id,
                            int64_t *version)
{
    struct case_view v;
    json_t *o = NULL;
    *version = 0;
    if (case_view_load(req->db, id, &v) == TAIO_OK) {
        *version = v.c.version;
        o = case_view_json(&v, req->settings.zone, req->now);
    }
    case_view_clear(&v);
    return o;
}

/* Begin a versioned change of case id: open a transaction and compare the
 * claimed version with the stored one. On false the answer is made and
 * the transaction ended. */
static bool begin_change(struct http_request *req, int64_t id,
                         const struct api_body *body)
{
    if (db_begin(req->db) != TAIO_OK) {
        api_fail(req, TAIO_EDB, NULL);
        return false;
    }
    struct case_rec c;
    int64_t version = 0;
    if (case_get(req->db, id, &c) == TAIO_OK) {
        version = c.version;
        case_rec_clear(&c);
    }
    if (api_version_ok(req, body, version)) {
        return true;
    }
    json_t *current = current_case(req, id, &version);
    api_version_matches(req, body, version, current);
    db_end(req->db, TAIO_ECONFLICT);
    return false;
}

/* Finish a change begun with begin_change(): commit and answer with the
 * case, or roll back and answer with the problems. */
static void end_change(struct http_request *req, int64_t id,
                       enum taio_status status, struct problems *p)
{
    status = db_end(req->db, status);
    if (status == TAIO_OK) {
        api_case_reply(req, 200, id);
    } else {
        api_fail(req, status, p);
    }
}

/* A change of a case's own state: run inside its transaction, after the
 * version check. Returns the domain's result; problems say why. */
typedef enum taio_status (*case_change_fn)(struct http_request *req,
                                           int64_t id,
                                           const struct api_body *body,
                                           struct problems *p);

/* Run a versioned change of the case in the path: read the body against
 * fields, check the version, run change, answer with the case. */
static void change_case(struct http_request *req,
                        const struct api_field *fields, case_change_fn change)
{
    int64_t id = 0;
    struct api_body body;
    if (!api_case_of(req, &id) || !api_body_read(req, fields, &body)) {
        return;
    }
    if (begin_change(req, id, &body)) {
        struct problems p = {0};
        enum taio_status status = change(req, id, &body, &p);
        end_change(req, id, status, &p);
        problems_clear(&p);
    }
    api_body_clear(&body);
}

/* Read the list filters from the query string into f; problems for bad
 * values. */
static void read_filter(struct http_request *req, struct case_filter *f,
                        struct problems *p)
{
    const char *status = http_query(req, "status");
    const char *kind = http_query(req, "kind");
    const char *owner = http_query(req, "owner");
    const char *customer = http_query(req, "customer");
    const char *open = http_query(req, "open");
    const char *limit = http_query(req, "limit");
    const char *cursor = http_query(req, "cursor");
    if (status && validate_one_of(p, "status", status, CASE_STATUS_NAMES)) {
        f->status = validate_index(status, CASE_STATUS_NAMES);
    }
    if (kind && validate_one_of(p, "kind", kind, CASE_KIND_NAMES)) {
        f->kind = validate_index(kind, CASE_KIND_NAMES);
    }
    if (owner) {
        input_user(req->db, "owner", owner, &f->owner_id, p);
    }
    if (customer) {
        customer_resolve(req->db, customer, "customer", p, &f->customer_id);
    }
    if (open) {
        static const char *const BOOLS[] = {"true", "false", NULL};
        if (validate_one_of(p, "open", open, BOOLS)) {
            f->open_only = strcmp(open, "true") == 0;
        }
    } else {
        f->open_only = status == NULL;
    }
    api_limit_parse(limit, PAGE_MAX, &f->limit, p);
    if (cursor &&
        !api_cursor_parse(cursor, &f->after_received_at, &f->after_id)) {
        problems_add(p, "cursor", "%s",
                     _("is not a cursor from an earlier page"));
    }
}

/* GET /api/v1/cases */
static void list_cases(struct http_request *req)
{
    static const char *const PARAMS[] = {"status", "kind", "owner",
                                         "customer", "open", "limit",
                                         "cursor", NULL};
    if (!api_query_check(req, PARAMS)) {
        return;
    }
    struct case_filter f = {.status = -1, .kind = -1, .limit = PAGE_DEFAULT};
    struct problems p = {0};
    read_filter(req, &f, &p);
    if (problems_any(&p)) {
        api_fail(req, TAIO_EINVAL, &p);
        problems_clear(&p);
        return;
    }
    size_t page = f.limit;
    f.limit = page + 1; /* one more tells whether another page follows */
    struct case_rec *list = NULL;
    size_t n = 0;
    enum taio_status status = case_list(req->db, &f, &list, &n);
    if (status != TAIO_OK) {
        api_fail(req, status, NULL);
        case_list_free(list, n);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n && i < page; i++) {
        json_array_append_new(items,
                              record_json_case(req->settings.zone, &list[i]));
    }
    json_t *next = json_null();
    if (n > page) {
        char cursor[48];
        snprintf(cursor, sizeof(cursor), "%lld.%lld",
                 (long long)list[page - 1].received_at,
                 (long long)list[page - 1].id);
        next = json_string(cursor);
    }
    case_list_free(list, n);
    api_reply_json(req, 200,
                   json_pack("{s:o, s:o}", "items", items, "next_cursor",
                             next));
}

static const struct api_field INTAKE_FIELDS[] = {
    {"kind", API_STRING, true},
    {"title", API_STRING, true},
    {"customer", API_STRING, true},
    {"contact", API_STRING, false},
    {"channel", API_STRING, false},
    {"reported", API_STRING, true},
    {"impact", API_STRING, false},
    {"affected", API_STRING, false},
    {"workaround", API_STRING, false},
    {"deadline", API_STRING, false},
    {"occurred", API_STRING, false},
    {"received", API_STRING, false},
    {"owner", API_STRING, false},
    {"eta", API_STRING, false},
    {"eta_text", API_STRING, false},
    {"promise_due", API_STRING, false},
    {"promise_text", API_STRING, false},
    {"promise_to", API_STRING, false},
    {NULL, API_STRING, false},
};

/* Read a time field of body, when present and not null. */
static void body_time(struct http_request *req, const struct api_body *body,
                      const char *name, int64_t *out, struct problems *p)
{
    const char *text = api_str(body, name);
    if (text) {
        input_time(&req->settings, req->now, name, text, out, p);
    }
}

/* Fill an intake from body; references resolved, problems for the bad
 * ones. */
static void read_intake(struct http_request *req,
                        const struct api_body *body, struct intake_input *in,
                        struct problems *p)
{
    struct case_open_input *o = &in->open;
    o->kind = api_str(body, "kind");
    o->title = api_str(body, "title");
    o->reported = api_str(body, "reported");
    o->impact = api_str(body, "impact");
    o->channel = api_str(body, "channel");
    o->affected = api_str(body, "affected");
    o->workaround = api_str(body, "workaround");
    const char *customer = api_str(body, "customer");
    if (customer) {
        customer_resolve(req->db, customer, "customer", p, &o->customer_id);
    }
    const char *contact = api_str(body, "contact");
    if (contact && o->customer_id) {
        contact_resolve(req->db, o->customer_id, contact, "contact", p,
                        &o->contact_id);
    }
    const char *owner = api_str(body, "owner");
    if (owner) {
        input_user(req->db, "owner", owner, &o->owner_id, p);
    }
    body_time(req, body, "deadline", &o->deadline_at, p);
    body_time(req, body, "occurred", &o->occurred_at, p);
    body_time(req, body, "received", &o->received_at, p);
    in->give_eta = api_str(body, "eta") || api_str(body, "eta_text");
    body_time(req, body, "eta", &in->eta_at, p);
    in->eta_text = api_str(body, "eta_text");
    in->promise = api_str(body, "promise_due") != NULL;
    body_time(req, body, "promise_due", &in->promise_due_at, p);
    in->promise_text = api_str(body, "promise_text");
    in->promise_to = api_str(body, "promise_to");
}

/* POST /api/v1/cases (through api_idempotent()). */
static void write_intake(struct http_request *req)
{
    struct api_body body;
    if (!api_body_read(req, INTAKE_FIELDS, &body)) {
        return;
    }
    struct intake_input in = {0};
    struct problems p = {0};
    read_intake(req, &body, &in, &p);
    int64_t id = 0;
    enum taio_status status =
        problems_any(&p) ? TAIO_EINVAL
                         : intake_open(req->db, &req->actor, &req->settings,
                                       &in, &p, &id);
    if (status == TAIO_OK) {
        api_case_reply(req, 201, id);
    } else {
        /* The domain names fields as the CLI's options ("promise-to");
         * the API's fields are written with underscores. */
        for (size_t i = 0; i < p.n; i++) {
            for (char *c = p.items[i].field; *c; c++) {
                *c = *c == '-' ? '_' : *c;
            }
        }
        api_fail(req, status, &p);
    }
    problems_clear(&p);
    api_body_clear(&body);
}

static void post_case(struct http_request *req)
{
    api_idempotent(req, write_intake);
}

/* GET /api/v1/cases/{number} */
static void get_case(struct http_request *req)
{
    static const char *const NONE[] = {NULL};
    int64_t id = 0;
    if (api_query_check(req, NONE) && api_case_of(req, &id)) {
        api_case_reply(req, 200, id);
    }
}

static const struct api_field PATCH_FIELDS[] = {
    {"version", API_INT, false},
    {"title", API_STRING, false},
    {"impact", API_STRING, false},
    {"affected", API_STRING, false},
    {"workaround", API_STRING, false},
    {"deadline", API_STRING, false},
    {"owner", API_STRING, false},
    {"contact", API_STRING, false},
    {NULL, API_STRING, false},
};

/* Fill a case update from body: a field that is present changes, null
 * clears deadline, owner and contact. */
static void read_update(struct http_request *req, int64_t id,
                        const struct api_body *body,
                        struct case_update_input *in, struct problems *p)
{
    in->title = api_str(body, "title");
    in->impact = api_str(body, "impact");
    in->affected = api_str(body, "affected");
    in->workaround = api_str(body, "workaround");
    if (api_has(body, "deadline")) {
        in->set_deadline = true;
        body_time(req, body, "deadline", &in->deadline_at, p);
    }
    if (api_has(body, "owner")) {
        in->set_owner = true;
        const char *owner = api_str(body, "owner");
        if (owner) {
            input_user(req->db, "owner", owner, &in->owner_id, p);
        }
    }
    if (api_has(body, "contact")) {
        in->set_contact = true;
        const char *contact = api_str(body, "contact");
        if (contact) {
            input_case_contact(req->db, id, "contact", contact,
                               &in->contact_id, p);
        }
    }
}

/* The change of PATCH /api/v1/cases/{number}. */
static enum taio_status update_case(struct http_request *req, int64_t id,
                                    const struct api_body *body,
                                    struct problems *p)
{
    struct case_update_input in = {0};
    read_update(req, id, body, &in, p);
    return problems_any(p) ? TAIO_EINVAL
                           : case_update(req->db, &req->actor, id, &in, p);
}

/* PATCH /api/v1/cases/{number} */
static void patch_case(struct http_request *req)
{
    change_case(req, PATCH_FIELDS, update_case);
}

static const struct api_field STATUS_FIELDS[] = {
    {"version", API_INT, false},
    {"status", API_STRING, true},
    {"comment", API_STRING, false},
    {NULL, API_STRING, false},
};

/* The change of POST /api/v1/cases/{number}/status. */
static enum taio_status set_status(struct http_request *req, int64_t id,
                                   const struct api_body *body,
                                   struct problems *p)
{
    return case_set_status(req->db, &req->actor, id, api_str(body, "status"),
                           api_str(body, "comment"), p);
}

/* POST /api/v1/cases/{number}/status */
static void post_status(struct http_request *req)
{
    change_case(req, STATUS_FIELDS, set_status);
}

static const struct api_field REOPEN_FIELDS[] = {
    {"version", API_INT, false},
    {"comment", API_STRING, false},
    {NULL, API_STRING, false},
};

/* The change of POST /api/v1/cases/{number}/reopen. */
static enum taio_status reopen(struct http_request *req, int64_t id,
                               const struct api_body *body,
                               struct problems *p)
{
    return case_reopen(req->db, &req->actor, id, api_str(body, "comment"), p);
}

/* POST /api/v1/cases/{number}/reopen */
static void post_reopen(struct http_request *req)
{
    change_case(req, REOPEN_FIELDS, reopen);
}

static const struct api_field ESCALATE_FIELDS[] = {
    {"version", API_INT, false},
    {"reason", API_STRING, true},
    {NULL, API_STRING, false},
};

/* The change of POST /api/v1/cases/{number}/escalate. */
static enum taio_status escalate(struct http_request *req, int64_t id,
                                 const struct api_body *body,
                                 struct problems *p)
{
    return escalation_raise(req->db, &req->actor, id,
                            api_str(body, "reason"), p, NULL);
}

/* POST /api/v1/cases/{number}/escalate */
static void post_escalate(struct http_request *req)
{
    change_case(req, ESCALATE_FIELDS, escalate);
}

static const struct api_field ETA_FIELDS[] = {
    {"version", API_INT, false},
    {"at", API_STRING, false},
    {"text", API_STRING, false},
    {NULL, API_STRING, false},
};

/* The change of POST /api/v1/cases/{number}/eta. */
static enum taio_status set_eta(struct http_request *req, int64_t id,
                                const struct api_body *body,
                                struct problems *p)
{
    int64_t at = 0;
    body_time(req, body, "at", &at, p);
    return problems_any(p) ? TAIO_EINVAL
                           : case_set_eta(req->db, &req->actor, id, at,
                                          api_str(body, "text"), p);
}

/* POST /api/v1/cases/{number}/eta */
static void post_eta(struct http_request *req)
{
    change_case(req, ETA_FIELDS, set_eta);
}

static const struct api_field CONTACT_FIELDS[] = {
    {"direction", API_STRING, true},
    {"channel", API_STRING, true},
    {"with", API_STRING, false},
    {"contact", API_STRING, false},
    {"duration", API_STRING, false},
    {"at", API_STRING, false},
    {"summary", API_STRING, true},
    {NULL, API_STRING, false},
};

/* POST /api/v1/cases/{number}/contacts (through api_idempotent()). */
static void write_contact(struct http_request *req)
{
    int64_t id = 0;
    struct api_body body;
    if (!api_case_of(req, &id) ||
        !api_body_read(req, CONTACT_FIELDS, &body)) {
        return;
    }
    struct case_contact_input in = {
        .direction = api_str(&body, "direction"),
        .channel = api_str(&body, "channel"),
        .with_whom = api_str(&body, "with"),
        .summary = api_str(&body, "summary"),
        .duration_min = -1,
    };
    struct problems p = {0};
    int64_t entry_id = 0;
    const char *contact = api_str(&body, "contact");
    if (contact) {
        input_case_contact(req->db, id, "contact", contact, &in.contact_id,
                           &p);
    }
    const char *duration = api_str(&body, "duration");
    if (duration) {
        input_duration(&req->settings, "duration", duration,
                       &in.duration_min, &p);
    }
    body_time(req, &body, "at", &in.occurred_at, &p);
    enum taio_status status =
        problems_any(&p) ? TAIO_EINVAL
                         : case_log_contact(req->db, &req->actor, id, &in,
                                            &p, &entry_id);
    if (status == TAIO_OK) {
        api_entry_reply(req, id, entry_id);
    } else {
        api_fail(req, status, &p);
    }
    problems_clear(&p);
    api_body_clear(&body);
}

static void post_contact(struct http_request *req)
{
    api_idempotent(req, write_contact);
}

static const struct api_field NOTE_FIELDS[] = {
    {"text", API_STRING, true},
    {NULL, API_STRING, false},
};

/* POST /api/v1/cases/{number}/notes (through api_idempotent()). */
static void write_note(struct http_request *req)
{
    int64_t id = 0;
    struct api_body body;
    if (!api_case_of(req, &id) || !api_body_read(req, NOTE_FIELDS, &body)) {
        return;
    }
    struct problems p = {0};
    int64_t entry_id = 0;
    enum taio_status status = case_add_note(req->db, &req->actor, id,
                                            api_str(&body, "text"), &p,
                                            &entry_id);
    if (status == TAIO_OK) {
        api_entry_reply(req, id, entry_id);
    } else {
        api_fail(req, status, &p);
    }
    problems_clear(&p);
    api_body_clear(&body);
}

static void post_note(struct http_request *req)
{
    api_idempotent(req, write_note);
}

static const struct api_field UPDATE_FIELDS[] = {
    {"text", API_STRING, true},
    {"anytime", API_BOOL, false},
    {NULL, API_STRING, false},
};

/* POST /api/v1/cases/{number}/updates (through api_idempotent()). */
static void write_update(struct http_request *req)
{
    int64_t id = 0;
    struct api_body body;
    if (!api_case_of(req, &id) || !api_body_read(req, UPDATE_FIELDS, &body)) {
        return;
    }
    struct problems p = {0};
    struct outreach_result r;
    enum taio_status status = outreach_update(
        req->db, &req->actor, &req->settings, id, api_str(&body, "text"),
        api_bool(&body, "anytime", false), &p, &r);
    if (status == TAIO_OK) {
        api_reply_json(
            req, 201,
            json_pack("{s:s, s:s, s:o, s:o}", "by",
                      r.by_mail ? "email" : "task", "channel", r.channel,
                      "send_at", record_json_time(req->settings.zone,
                                                  r.send_at),
                      "promise_id",
                      r.promise_id ? json_integer(r.promise_id)
                                   : json_null()));
    } else {
        api_fail(req, status, &p);
    }
    problems_clear(&p);
    api_body_clear(&body);
}

static void post_update(struct http_request *req)
{
    api_idempotent(req, write_update);
}

/* GET /api/v1/cases/{number}/timeline */
static void get_timeline(struct http_request *req)
{
    static const char *const NONE[] = {NULL};
    int64_t id = 0;
    if (!api_query_check(req, NONE) || !api_case_of(req, &id)) {
        return;
    }
    struct timeline_event *events = NULL;
    size_t n = 0;
    enum taio_status status = timeline_list(req->db, id, &events, &n);
    if (status != TAIO_OK) {
        api_fail(req, status, NULL);
    } else {
        json_t *items = json_array();
        for (size_t i = 0; i < n; i++) {
            json_array_append_new(
                items, record_json_event(req->settings.zone, &events[i]));
        }
        api_reply_json(req, 200, json_pack("{s:o}", "items", items));
    }
    timeline_list_free(events, n);
}

const struct http_route api_case_routes[] = {
    {"GET", "/api/v1/cases", list_cases, HTTP_CACHED},
    {"POST", "/api/v1/cases", post_case, 0},
    {"GET", "/api/v1/cases/{number}", get_case, HTTP_CACHED},
    {"PATCH", "/api/v1/cases/{number}", patch_case, 0},
    {"POST", "/api/v1/cases/{number}/status", post_status, 0},
    {"POST", "/api/v1/cases/{number}/reopen", post_reopen, 0},
    {"POST", "/api/v1/cases/{number}/escalate", post_escalate, 0},
    {"POST", "/api/v1/cases/{number}/updates", post_update, 0},
    {"POST", "/api/v1/cases/{number}/eta", post_eta, 0},
    {"POST", "/api/v1/cases/{number}/contacts", post_contact, 0},
    {"POST", "/api/v1/cases/{number}/notes", post_note, 0},
    {"GET", "/api/v1/cases/{number}/timeline", get_timeline, HTTP_CACHED},
    {NULL, NULL, NULL, 0},
};
