/* SPDX-License-Identifier: MIT */
/*
 * api_promise.c - callback promises over HTTP.
 *
 *   GET  /api/v1/promises                      filters, cursor pagination
 *   POST /api/v1/cases/{number}/promises       promise something by a time
 *   GET  /api/v1/promises/{id}
 *   POST /api/v1/promises/{id}/keep            needs the version
 *   POST /api/v1/promises/{id}/cancel          needs the version
 *   POST /api/v1/promises/{id}/renegotiate     needs the version; answers
 *                                              with the new promise
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "input.h"
#include "promise.h"
#include "record_json.h"
#include "web/api.h"

#define PAGE_MAX 500
#define PAGE_DEFAULT 100

/* The promise id in the path's {id} ("12" or "#12"); 0 when malformed. */
static int64_t path_id(const struct http_request *req)
{
    const char *text = req->params[0];
    if (*text == '#') {
        text++;
    }
    char *end = NULL;
    long long v = strtoll(text, &end, 10);
    return end != text && *end == '\0' && v > 0 ? v : 0;
}

static void reply_promise(struct http_request *req, int status, int64_t id);

/* reply_promise() after the commit (an http_request after_commit). */
static void promise_reply_later(struct http_request *req)
{
    req->after_commit = NULL;
    reply_promise(req, req->status, req->after_id);
}

/* Answer with promise id (200 or 201), its version as ETag; in a group
 * commit, after the commit (see api_case_reply()). */
static void reply_promise(struct http_request *req, int status, int64_t id)
{
    if (req->in_batch && status < 300) {
        req->status = status;
        req->after_commit = promise_reply_later;
        req->after_id = id;
        return;
    }
    struct promise p;
    enum taio_status loaded = promise_get(req->db, id, &p);
    if (loaded != TAIO_OK) {
        struct problems problems = {0};
        if (loaded == TAIO_ENOTFOUND) {
            problems_add(&problems, "promise",
                         _("no promise has the number #%lld"), (long long)id);
        }
        api_fail(req, loaded, &problems);
        problems_clear(&problems);
        return;
    }
    api_etag(req, p.version);
    if (status == 201) {
        api_location(req, "/api/v1/promises/%lld", (long long)id);
    }
    json_t *o = record_json_promise(req->settings.zone, &p, req->now);
    promise_clear(&p);
    api_reply_json(req, status, o);
}

/* Read a time query parameter into *out. */
static void query_time(struct http_request *req, const char *name,
                       int64_t *out, struct problems *p)
{
    const char *text = http_query(req, name);
    if (text) {
        input_time(&req->settings, req->now, name, text, out, p);
    }
}

/* GET /api/v1/promises */
static void list_promises(struct http_request *req)
{
    static const char *const PARAMS[] = {"owner", "case", "open",
                                         "due_before", "due_after", "limit",
                                         "cursor", NULL};
    if (!api_query_check(req, PARAMS)) {
        return;
    }
    struct promise_filter f = {.open_only = true, .limit = PAGE_DEFAULT};
    struct problems p = {0};
    const char *owner = http_query(req, "owner");
    const char *case_ref = http_query(req, "case");
    const char *open = http_query(req, "open");
    const char *limit = http_query(req, "limit");
    const char *cursor = http_query(req, "cursor");
    if (owner) {
        input_user(req->db, "owner", owner, &f.owner_id, &p);
    }
    if (case_ref) {
        input_case(req->db, case_ref, &f.case_id, &p);
    }
    if (open) {
        if (strcmp(open, "true") == 0 || strcmp(open, "false") == 0) {
            f.open_only = strcmp(open, "true") == 0;
        } else {
            problems_add(&p, "open", "%s", _("must be true or false"));
        }
    }
    query_time(req, "due_before", &f.due_before, &p);
    query_time(req, "due_after", &f.due_after, &p);
    api_limit_parse(limit, PAGE_MAX, &f.limit, &p);
    if (cursor && !api_cursor_parse(cursor, &f.after_due_at, &f.after_id)) {
        problems_add(&p, "cursor", "%s",
                     _("is not a cursor from an earlier page"));
    }
    if (problems_any(&p)) {
        api_fail(req, TAIO_EINVAL, &p);
        problems_clear(&p);
        return;
    }
    size_t page = f.limit;
    f.limit = page + 1;
    struct promise *list = NULL;
    size_t n = 0;
    enum taio_status status = promise_list(req->db, &f, &list, &n);
    if (status != TAIO_OK) {
        promise_list_free(list, n);
        api_fail(req, status, NULL);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n && i < page; i++) {
        json_array_append_new(
            items, record_json_promise(req->settings.zone, &list[i], req->now));
    }
    json_t *next = json_null();
    if (n > page) {
        char text[48];
        snprintf(text, sizeof(text), "%lld.%lld",
                 (long long)list[page - 1].due_at,
                 (long long)list[page - 1].id);
        next = json_string(text);
    }
    promise_list_free(list, n);
    api_reply_json(req, 200,
                   json_pack("{s:o, s:o}", "items", items, "next_cursor",
                             next));
}

static const struct api_field ADD_FIELDS[] = {
    {"due", API_STRING, true},
    {"to", API_STRING, false},
    {"contact", API_STRING, false},
    {"text", API_STRING, false},
    {"channel", API_STRING, false},
    {"remind", API_STRING, false},
    {"owner", API_STRING, false},
    {NULL, API_STRING, false},
};

/* POST /api/v1/cases/{number}/promises (through api_idempotent()). */
static void write_promise(struct http_request *req)
{
    struct promise_input in = {.remind_min = -1};
    struct api_body body;
    if (!api_case_of(req, &in.case_id) ||
        !api_body_read(req, ADD_FIELDS, &body)) {
        return;
    }
    struct problems p = {0};
    in.to_whom = api_str(&body, "to");
    in.body = api_str(&body, "text");
    in.channel = api_str(&body, "channel");
    input_time(&req->settings, req->now, "due", api_str(&body, "due"),
               &in.due_at, &p);
    const char *contact = api_str(&body, "contact");
    if (contact) {
        input_case_contact(req->db, in.case_id, "contact", contact,
                           &in.contact_id, &p);
    }
    const char *remind = api_str(&body, "remind");
    if (remind) {
        input_duration(&req->settings, "remind", remind, &in.remind_min, &p);
    }
    const char *owner = api_str(&body, "owner");
    if (owner) {
        input_user(req->db, "owner", owner, &in.owner_id, &p);
    }
    int64_t id = 0;
    enum taio_status status =
        problems_any(&p) ? TAIO_EINVAL
                         : promise_add(req->db, &req->actor, &in,
                                       req->settings.promise_lead_min, &p,
                                       &id);
    if (status == TAIO_OK) {
        reply_promise(req, 201, id);
    } else {
        api_fail(req, status, &p);
    }
    problems_clear(&p);
    api_body_clear(&body);
}

static void post_promise(struct http_request *req)
{
    api_idempotent(req, write_promise);
}

/* GET /api/v1/promises/{id} */
static void get_promise(struct http_request *req)
{
    static const char *const NONE[] = {NULL};
    if (api_query_check(req, NONE)) {
        reply_promise(req, 200, path_id(req));
    }
}

/* Begin ending promise id: a transaction and the version check. On false
 * the answer is made and the transaction ended. */
static bool begin_end(struct http_request *req, int64_t id,
                      const struct api_body *body)
{
    if (db_begin(req->db) != TAIO_OK) {
        api_fail(req, TAIO_EDB, NULL);
        return false;
    }
    struct promise p;
    enum taio_status status = promise_get(req->db, id, &p);
    if (status != TAIO_OK) {
        db_end(req->db, status);
        reply_promise(req, 200, id); /* answers the 404 */
        return false;
    }
    json_t *current = record_json_promise(req->settings.zone, &p, req->now);
    int64_t version = p.version;
    promise_clear(&p);
    if (!api_version_matches(req, body, version, current)) {
        db_end(req->db, TAIO_ECONFLICT);
        return false;
    }
    return true;
}

/* Finish: commit and answer with promise answer_id, or roll back. */
static void finish_end(struct http_request *req, enum taio_status status,
                       struct problems *p, int answer_status,
                       int64_t answer_id)
{
    status = db_end(req->db, status);
    if (status == TAIO_OK) {
        reply_promise(req, answer_status, answer_id);
    } else {
        api_fail(req, status, p);
    }
}

/* The end of a promise: run inside its transaction after the version
 * check; may set *answer_id to the promise to show (the successor of a
 * renegotiated one). */
typedef enum taio_status (*promise_end_fn)(struct http_request *req,
                                           int64_t id,
                                           const struct api_body *body,
                                           struct problems *p,
                                           int64_t *answer_id);

/* Run a versioned end of the promise in the path: read the body against
 * fields, check the version, run end, answer with answer_status and the
 * promise it names. */
static void end_with(struct http_request *req, const struct api_field *fields,
                     promise_end_fn end, int answer_status)
{
    int64_t id = path_id(req);
    struct api_body body;
    if (!api_body_read(req, fields, &body)) {
        return;
    }
    if (begin_end(req, id, &body)) {
        struct problems p = {0};
        int64_t answer_id = id;
        enum taio_status status = end(req, id, &body, &p, &answer_id);
        finish_end(req, status, &p, answer_status, answer_id);
        problems_clear(&p);
    }
    api_body_clear(&body);
}

static const struct api_field KEEP_FIELDS[] = {
    {"version", API_INT, false},
    {"note", API_STRING, false},
    {NULL, API_STRING, false},
};

/* The end of POST /api/v1/promises/{id}/keep. */
static enum taio_status keep(struct http_request *req, int64_t id,
                             const struct api_body *body,
                             struct problems *p, int64_t *answer_id)
{
    (void)answer_id;
    return promise_keep(req->db, &req->actor, id, api_str(body, "note"), p);
}

/* POST /api/v1/promises/{id}/keep */
static void post_keep(struct http_request *req)
{
    end_with(req, KEEP_FIELDS, keep, 200);
}

static const struct api_field CANCEL_FIELDS[] = {
    {"version", API_INT, false},
    {"reason", API_STRING, true},
    {NULL, API_STRING, false},
};

/* The end of POST /api/v1/promises/{id}/cancel. */
static enum taio_status cancel(struct http_request *req, int64_t id,
                               const struct api_body *body,
                               struct problems *p, int64_t *answer_id)
{
    (void)answer_id;
    return promise_cancel(req->db, &req->actor, id, api_str(body, "reason"),
                          p);
}

/* POST /api/v1/promises/{id}/cancel */
static void post_cancel(struct http_request *req)
{
    end_with(req, CANCEL_FIELDS, cancel, 200);
}

static const struct api_field RENEGOTIATE_FIELDS[] = {
    {"version", API_INT, false},
    {"due", API_STRING, true},
    {"consented_by", API_STRING, true},
    {"note", API_STRING, false},
    {NULL, API_STRING, false},
};

/* The end of POST /api/v1/promises/{id}/renegotiate: the answer is the
 * successor promise. */
static enum taio_status renegotiate(struct http_request *req, int64_t id,
                                    const struct api_body *body,
                                    struct problems *p, int64_t *answer_id)
{
    int64_t due = 0;
    input_time(&req->settings, req->now, "due", api_str(body, "due"), &due,
               p);
    return problems_any(p)
               ? TAIO_EINVAL
               : promise_renegotiate(req->db, &req->actor, id, due,
                                     api_str(body, "consented_by"),
                                     api_str(body, "note"), p, answer_id);
}

/* POST /api/v1/promises/{id}/renegotiate: answers 201 with the successor
 * promise. */
static void post_renegotiate(struct http_request *req)
{
    end_with(req, RENEGOTIATE_FIELDS, renegotiate, 201);
}

const struct http_route api_promise_routes[] = {
    {"GET", "/api/v1/promises", list_promises, HTTP_CACHED},
    {"POST", "/api/v1/cases/{number}/promises", post_promise, 0},
    {"GET", "/api/v1/promises/{id}", get_promise, HTTP_CACHED},
    {"POST", "/api/v1/promises/{id}/keep", post_keep, 0},
    {"POST", "/api/v1/promises/{id}/cancel", post_cancel, 0},
    {"POST", "/api/v1/promises/{id}/renegotiate", post_renegotiate, 0},
    {NULL, NULL, NULL, 0},
};
