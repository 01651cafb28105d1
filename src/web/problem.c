/* SPDX-License-Identifier: MIT */
/*
 * problem.c - every error answer of the server, as an RFC 9457 problem
 * details object:
 *
 *   {"type": "/api/v1/problems/invalid", "title": "Unprocessable Content",
 *    "status": 422, "code": "invalid", "detail": "the input was rejected",
 *    "fields": [{"field": "due", "message": "must be in the future"}]}
 *
 * "code" is the stable id a program tests (the same ids as the CLI's
 * --json errors); "detail" and each field's "message" are for people, in
 * the server's language. This is the only place that writes one.
 */
#include "web/problem.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "record_json.h"

/* The standard reason phrase of the statuses taio answers with. */
static const char *reason(int http_status)
{
    switch (http_status) {
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 412:
        return "Precondition Failed";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Content";
    case 428:
        return "Precondition Required";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Error";
    }
}

/* Answer with a problem: http_status, the stable id (e.g. "not_found"),
 * a sentence for people, the invalid fields (may be NULL) and, for a
 * stale write, the current state of the resource (stolen; may be NULL). */
void problem_reply_current(struct http_request *req, int http_status,
                           const char *id, const char *detail,
                           const struct problems *problems, json_t *current)
{
    if (req->html_errors && req->opts->error_page) {
        json_decref(current);
        req->opts->error_page(req, http_status, detail, problems);
        return;
    }
    json_t *o = record_json_problems(id, detail, problems);
    /* record_json_problems() gives the CLI's shape: error, message,
     * fields; the API's names follow RFC 9457. */
    json_object_set(o, "code", json_object_get(o, "error"));
    json_object_set(o, "detail", json_object_get(o, "message"));
    json_object_del(o, "error");
    json_object_del(o, "message");
    struct buf type = {0};
    buf_printf(&type, "/api/v1/problems/%s", id);
    json_object_set_new(o, "type", json_string(buf_str(&type)));
    buf_clear(&type);
    json_object_set_new(o, "title", json_string(reason(http_status)));
    json_object_set_new(o, "status", json_integer(http_status));
    if (current) {
        json_object_set_new(o, "current", current);
    }
    char *text = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    http_reply(req, http_status, "application/problem+json", text,
               strlen(text));
    free(text);
}

/* Answer with a problem (see problem_reply_current()). */
void problem_reply(struct http_request *req, int http_status,
                   const char *id, const char *detail,
                   const struct problems *problems)
{
    problem_reply_current(req, http_status, id, detail, problems, NULL);
}

/* Answer with the problem for a domain result that is not TAIO_OK. */
void problem_reply_status(struct http_request *req, enum taio_status status,
                          const struct problems *problems)
{
    if (status == TAIO_OK) {
        status = TAIO_EINVAL;
    }
    if (status == TAIO_EAUTH) {
        http_add_header(req, "WWW-Authenticate", "Bearer realm=\"taio\"");
    }
    problem_reply(req, status_http(status), status_id(status),
                  status_message(status), problems);
}
