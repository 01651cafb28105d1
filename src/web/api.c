/* SPDX-License-Identifier: MIT */
/*
 * api.c - what every JSON endpoint shares: reading and checking a body
 * against the fields a route accepts, checking query parameters,
 * answering, lost-update protection and idempotent retries.
 *
 * Bodies must be JSON objects (Content-Type application/json). jansson
 * refuses invalid UTF-8 and NUL characters; a field that is not listed,
 * or has the wrong type, is a 422 naming it. Every mutable resource has a
 * version; a write must say which version it changes (If-Match: "N" or a
 * "version" field), else 428, and a stale one gets 409 with the current
 * state. A POST with an Idempotency-Key stores its first answer in the
 * same transaction as the change, so a retry gets that answer back and
 * writes nothing again.
 */
#include "web/api.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/i18n.h"
#include "core/secret.h"
#include "core/text.h"
#include "web/problem.h"

const struct http_route *const api_tables[] = {
    api_meta_routes,     api_session_routes,  api_case_routes,
    api_promise_routes,  api_customer_routes, api_user_routes,
    api_agenda_routes,   api_calendar_routes, api_token_routes,
    api_settings_routes, api_notify_routes,   api_search_routes,
    api_report_routes,   api_checklist_routes, api_metrics_routes, NULL,
};

static const char SQL_IDEMPOTENT_GET[] =
    "SELECT request_hash, status, body FROM idempotency_keys"
    " WHERE user_id = $1 AND key = $2";

static const char SQL_IDEMPOTENT_PUT[] =
    "INSERT INTO idempotency_keys (user_id, key, request_hash, status, body,"
    "                              created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6)";

/* The name of a JSON type for messages. */
static const char *type_name(enum api_type type)
{
    switch (type) {
    case API_STRING:
        return _("a string");
    case API_INT:
        return _("a whole number");
    case API_BOOL:
        return _("true or false");
    case API_STRINGS:
        return _("an array of strings");
    }
    return "?";
}

/* Does value have the type a field wants? A string field also takes null
 * (meaning "clear"). */
static bool type_fits(enum api_type type, const json_t *value)
{
    switch (type) {
    case API_STRING:
        return json_is_string(value) || json_is_null(value);
    case API_INT:
        return json_is_integer(value);
    case API_BOOL:
        return json_is_boolean(value);
    case API_STRINGS:
        if (!json_is_array(value)) {
            return false;
        }
        for (size_t i = 0; i < json_array_size(value); i++) {
            if (!json_is_string(json_array_get(value, i))) {
                return false;
            }
        }
        return true;
    }
    return false;
}

/* Check the parsed object against fields, adding a problem for every
 * unknown field, wrong type and missing required field. */
void api_fields_check(json_t *root, const struct api_field *fields,
                      struct problems *problems)
{
    const char *key;
    json_t *value;
    json_object_foreach(root, key, value) {
        const struct api_field *f = fields;
        while (f->name && strcmp(f->name, key) != 0) {
            f++;
        }
        if (f->name == NULL) {
            problems_add(problems, key, "%s",
                         _("is not a field this request takes"));
        } else if (!type_fits(f->type, value)) {
            problems_add(problems, key, _("must be %s"), type_name(f->type));
        }
    }
    for (const struct api_field *f = fields; f->name; f++) {
        if (f->required && json_object_get(root, f->name) == NULL) {
            problems_add(problems, f->name, "%s", _("is required"));
        }
    }
}

/* Parse the request body as a JSON object with the given fields (an array
 * ending with a NULL name). On success body holds it (clear with
 * api_body_clear()); otherwise the problem is already answered (415, 400
 * or 422) and false is returned. An empty body is an empty object. */
bool api_body_read(struct http_request *req, const struct api_field *fields,
                   struct api_body *body)
{
    body->root = NULL;
    const char *type = http_header(req, "Content-Type");
    if (req->body.len > 0 &&
        (type == NULL || strncasecmp(type, "application/json", 16) != 0)) {
        problem_reply(req, 415, "unsupported_media_type",
                      _("send the body as application/json"), NULL);
        return false;
    }
    json_error_t error;
    json_t *root = req->body.len == 0
                       ? json_object()
                       : json_loadb(req->body.data, req->body.len,
                                    JSON_REJECT_DUPLICATES, &error);
    if (root == NULL || !json_is_object(root)) {
        struct problems p = {0};
        problems_add(&p, "body", root ? "%s" : _("is not valid JSON: %s"),
                     root ? _("must be a JSON object") : error.text);
        problem_reply(req, 400, "bad_request",
                      _("the request body could not be read"), &p);
        problems_clear(&p);
        json_decref(root);
        return false;
    }
    struct problems p = {0};
    api_fields_check(root, fields, &p);
    if (problems_any(&p)) {
        problem_reply_status(req, TAIO_EINVAL, &p);
        problems_clear(&p);
        json_decref(root);
        return false;
    }
    body->root = root;
    return true;
}

/* Free a body from api_body_read(). */
void api_body_clear(struct api_body *body)
{
    json_decref(body->root);
    body->root = NULL;
}

/* True when the body has the field, null included. */
bool api_has(const struct api_body *body, const char *name)
{
    return json_object_get(body->root, name) != NULL;
}

/* A string field's value; NULL when absent or null. Valid while body
 * lives. */
const char *api_str(const struct api_body *body, const char *name)
{
    return json_string_value(json_object_get(body->root, name));
}

/* An integer field's value, or fallback when absent. */
int64_t api_int(const struct api_body *body, const char *name,
                int64_t fallback)
{
    json_t *v = json_object_get(body->root, name);
    return json_is_integer(v) ? (int64_t)json_integer_value(v) : fallback;
}

/* A boolean field's value, or fallback when absent. */
bool api_bool(const struct api_body *body, const char *name, bool fallback)
{
    json_t *v = json_object_get(body->root, name);
    return json_is_boolean(v) ? json_is_true(v) : fallback;
}

/* Up to max strings of an array field into out; returns how many. */
size_t api_strings(const struct api_body *body, const char *name,
                   const char **out, size_t max)
{
    json_t *v = json_object_get(body->root, name);
    size_t n = 0;
    for (size_t i = 0; i < json_array_size(v) && n < max; i++) {
        out[n++] = json_string_value(json_array_get(v, i));
    }
    return n;
}

/* The state of a query check. */
struct query_check {
    const char *const *allowed;
    struct problems *problems;
};

/* Add a problem for a parameter that is not allowed or not UTF-8. */
static bool check_param(void *ctx, const char *name, const char *value)
{
    struct query_check *c = ctx;
    bool known = false;
    for (size_t i = 0; c->allowed[i]; i++) {
        known = known || strcmp(c->allowed[i], name) == 0;
    }
    if (!text_is_utf8(name)) {
        problems_add(c->problems, "query", "%s",
                     _("has a parameter name that is not valid UTF-8"));
    } else if (!known) {
        problems_add(c->problems, name, "%s",
                     _("is not a parameter this request takes"));
    } else if (!text_is_utf8(value)) {
        problems_add(c->problems, name, "%s", _("is not valid UTF-8 text"));
    }
    return true;
}

/* Check that every query parameter is one of allowed (NULL-terminated)
 * and valid UTF-8; otherwise answer 422 and return false. */
bool api_query_check(struct http_request *req, const char *const *allowed)
{
    struct problems p = {0};
    struct query_check c = {allowed, &p};
    http_each_query(req, check_param, &c);
    bool ok = !problems_any(&p);
    if (!ok) {
        problem_reply_status(req, TAIO_EINVAL, &p);
    }
    problems_clear(&p);
    return ok;
}

/* Read a page cursor "A.B" (two positive numbers naming the last item of
 * the previous page in a list's order). */
bool api_cursor_parse(const char *text, int64_t *first, int64_t *second)
{
    long long a = 0;
    long long b = 0;
    int used = 0;
    if (text == NULL ||
        sscanf(text, "%lld.%lld%n", &a, &b, &used) != 2 ||
        text[used] != '\0' || a <= 0 || b <= 0) {
        return false;
    }
    *first = a;
    *second = b;
    return true;
}

/* Read a page size ?limit=N (1..max) into *limit, which keeps its default
 * when text is NULL; a problem for anything else. */
void api_limit_parse(const char *text, size_t max, size_t *limit,
                     struct problems *p)
{
    if (text == NULL) {
        return;
    }
    char *end = NULL;
    long long n = strtoll(text, &end, 10);
    if (end == text || *end || n < 1 || (unsigned long long)n > max) {
        problems_add(p, "limit", _("must be a whole number from 1 to %zu"),
                     max);
        return;
    }
    *limit = (size_t)n;
}

/* Send a resource's version as its ETag ("3"), for If-Match. */
void api_etag(struct http_request *req, int64_t version)
{
    char etag[32];
    snprintf(etag, sizeof(etag), "\"%lld\"", (long long)version);
    http_add_header(req, "ETag", etag);
}

/* Send the address of a resource just created. */
void api_location(struct http_request *req, const char *fmt, ...)
{
    struct buf location = {0};
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&location, fmt, ap);
    va_end(ap);
    http_add_header(req, "Location", buf_str(&location));
    buf_clear(&location);
}

/* Answer with value as JSON (stolen). */
void api_reply_json(struct http_request *req, int status, json_t *value)
{
    char *text = json_dumps(value, JSON_COMPACT);
    json_decref(value);
    if (text == NULL) {
        problem_reply(req, 500, "encoding",
                      _("the answer could not be encoded"), NULL);
        return;
    }
    http_reply(req, status, "application/json", text, strlen(text));
    free(text);
}

/* Answer with the problem for a failed domain call. */
void api_fail(struct http_request *req, enum taio_status status,
              const struct problems *problems)
{
    problem_reply_status(req, status, problems);
}

/* When allowed is false, answer 403 and return false: the role check at
 * the top of a handler that reads, where the domain function does not. */
bool api_allowed(struct http_request *req, bool allowed)
{
    if (!allowed) {
        problem_reply_status(req, TAIO_EPERM, NULL);
    }
    return allowed;
}

/* Read the version a write is based on: If-Match ("N", W/"N" or N) or
 * the body's "version". 0 when neither is given or it is malformed. */
static int64_t claimed_version(struct http_request *req,
                               const struct api_body *body)
{
    const char *match = http_header(req, "If-Match");
    if (match) {
        if (strncmp(match, "W/", 2) == 0) {
            match += 2;
        }
        if (*match == '"') {
            match++;
        }
        char *end = NULL;
        long long v = strtoll(match, &end, 10);
        bool closed = end && (*end == '\0' || (*end == '"' && end[1] == '\0'));
        return end != match && closed && v > 0 ? v : 0;
    }
    return body ? api_int(body, "version", 0) : 0;
}

/* True when the write claims the current version (no answer is made):
 * the cheap check before the current state is worth building. */
bool api_version_ok(struct http_request *req, const struct api_body *body,
                    int64_t current)
{
    return claimed_version(req, body) == current;
}

/* Check that the write is based on the current version of the resource.
 * current_json (stolen) is the resource as it is now, sent back with a
 * 409 so the client can show what changed. Returns true when the versions
 * agree; otherwise the answer (428 or 409) is made. */
bool api_version_matches(struct http_request *req,
                         const struct api_body *body, int64_t current,
                         json_t *current_json)
{
    int64_t claimed = claimed_version(req, body);
    if (claimed == current) {
        json_decref(current_json);
        return true;
    }
    struct problems p = {0};
    if (claimed == 0) {
        problems_add(&p, "version", "%s",
                     _("say which version you change: send If-Match: "
                       "\"N\" or a \"version\" field"));
        problem_reply_current(req, 428, "version_required",
                              _("this change needs the version it is based "
                                "on"),
                              &p, current_json);
    } else {
        problems_add(&p, "version",
                     _("is %lld, but the current version is %lld; someone "
                       "changed it in the meantime"),
                     (long long)claimed, (long long)current);
        problem_reply_current(req, 409, "stale_version",
                              _("this was changed by someone else; nothing "
                                "was changed"),
                              &p, current_json);
    }
    problems_clear(&p);
    return false;
}

/* The hash identifying a request for idempotency: method, path and
 * body. */
static void request_hash(const struct http_request *req,
                         char out[SECRET_HASH_HEX])
{
    struct buf text = {0};
    buf_printf(&text, "%s %s\n", req->method, req->path);
    buf_append(&text, req->body.data ? req->body.data : "", req->body.len);
    secret_hash(buf_str(&text), out);
    buf_clear(&text);
}

/* Look up an earlier answer to key. *found tells whether there is one;
 * then *same_request tells whether it was for the same request, and the
 * answer is copied into req. */
static enum taio_status replay(struct http_request *req, const char *key,
                               const char *hash, bool *found,
                               bool *same_request)
{
    *found = false;
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(req->db, SQL_IDEMPOTENT_GET, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, req->who.user_id);
    db_bind_text(st, 2, key);
    enum db_step r = db_step(st);
    if (r == DB_ROW) {
        *found = true;
        *same_request = strcmp(db_col_text(st, 0), hash) == 0;
        if (*same_request) {
            const char *stored = db_col_text(st, 2);
            http_reply(req, (int)db_col_int64(st, 1), "application/json",
                       stored, strlen(stored));
            http_add_header(req, "Idempotent-Replayed", "true");
        }
    } else if (r == DB_ERROR) {
        status = db_last_status(req->db);
    }
    db_finalize(st);
    return status;
}

/* Remember the answer now in req for key, in the open transaction. */
static enum taio_status remember(struct http_request *req, const char *key,
                                 const char *hash)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(req->db, SQL_IDEMPOTENT_PUT, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, req->who.user_id);
    db_bind_text(st, 2, key);
    db_bind_text(st, 3, hash);
    db_bind_int64(st, 4, req->status);
    db_bind_text(st, 5, buf_str(&req->out));
    db_bind_int64(st, 6, req->now);
    return db_run(st);
}

/* Run write, a POST handler, honouring an Idempotency-Key header: a key
 * seen before with the same request replays the first answer; with a
 * different request it is refused (422). The lookup, the write and the
 * stored answer are one transaction. Without the header, write runs
 * as is. Only successful answers are stored: a refused request wrote
 * nothing, so running it again is harmless. */
void api_idempotent(struct http_request *req, api_write_fn write)
{
    const char *key = http_header(req, "Idempotency-Key");
    if (key == NULL) {
        write(req);
        return;
    }
    if (*key == '\0' || strlen(key) > 200 || !text_is_utf8(key)) {
        struct problems p = {0};
        problems_add(&p, "Idempotency-Key", "%s",
                     _("must be 1 to 200 characters of UTF-8 text"));
        problem_reply_status(req, TAIO_EINVAL, &p);
        problems_clear(&p);
        return;
    }
    char hash[SECRET_HASH_HEX];
    request_hash(req, hash);
    /* The answer is stored with the change, so it is built now rather
     * than after the commit. */
    req->in_batch = false;
    enum taio_status status = db_begin(req->db);
    bool found = false;
    bool same_request = false;
    if (status == TAIO_OK) {
        status = replay(req, key, hash, &found, &same_request);
    }
    if (status == TAIO_OK && found) {
        db_end(req->db, TAIO_OK);
        if (!same_request) {
            struct problems p = {0};
            problems_add(&p, "Idempotency-Key", "%s",
                         _("was already used for a different request"));
            problem_reply_status(req, TAIO_EINVAL, &p);
            problems_clear(&p);
        }
        return;
    }
    if (status == TAIO_OK) {
        write(req);
        if (req->status >= 200 && req->status < 300) {
            status = remember(req, key, hash);
        } else {
            status = TAIO_EINVAL; /* roll back whatever was begun */
        }
    }
    bool answered = req->status != 0;
    status = db_end(req->db, status);
    if (!answered || (status != TAIO_OK && req->status >= 200 &&
                      req->status < 300)) {
        problem_reply_status(req, TAIO_EDB, NULL);
    }
}
