/* SPDX-License-Identifier: MIT */
#ifndef TAIO_WEB_API_H
#define TAIO_WEB_API_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/problems.h"
#include "core/status.h"
#include "web/http.h"

/* The JSON type a body field must have. */
enum api_type {
    API_STRING,  /* a string, or null to clear where the field allows it */
    API_INT,     /* an integer */
    API_BOOL,    /* true or false */
    API_STRINGS, /* an array of strings */
};

/* One field a JSON body may carry. */
struct api_field {
    const char *name;
    enum api_type type;
    bool required;
};

/* A parsed, checked JSON body. */
struct api_body {
    json_t *root; /* owned; an object */
};

/* Every route table of the JSON API, NULL-terminated, for http_start(). */
extern const struct http_route *const api_tables[];

/* Route tables, one per concept (web/api_<concept>.c). */
extern const struct http_route api_meta_routes[];
extern const struct http_route api_session_routes[];
extern const struct http_route api_case_routes[];
extern const struct http_route api_promise_routes[];
extern const struct http_route api_customer_routes[];
extern const struct http_route api_search_routes[];
extern const struct http_route api_report_routes[];
extern const struct http_route api_checklist_routes[];
extern const struct http_route api_metrics_routes[];
extern const struct http_route api_user_routes[];
extern const struct http_route api_agenda_routes[];
extern const struct http_route api_calendar_routes[];
extern const struct http_route api_token_routes[];
extern const struct http_route api_settings_routes[];
extern const struct http_route api_notify_routes[];

/* Shared by the case routes and those below a case (api_case.c) */
bool api_case_of(struct http_request *req, int64_t *id);
void api_case_reply(struct http_request *req, int status, int64_t id);
void api_entry_reply(struct http_request *req, int64_t case_id,
                     int64_t entry_id);

/* Request bodies */
bool api_body_read(struct http_request *req, const struct api_field *fields,
                   struct api_body *body);
void api_body_clear(struct api_body *body);
bool api_has(const struct api_body *body, const char *name);
const char *api_str(const struct api_body *body, const char *name);
int64_t api_int(const struct api_body *body, const char *name,
                int64_t fallback);
bool api_bool(const struct api_body *body, const char *name, bool fallback);
size_t api_strings(const struct api_body *body, const char *name,
                   const char **out, size_t max);

/* Query strings */
bool api_query_check(struct http_request *req, const char *const *allowed);
bool api_cursor_parse(const char *text, int64_t *first, int64_t *second);
void api_limit_parse(const char *text, size_t max, size_t *limit,
                     struct problems *p);

/* The checks of api_body_read(), on a parsed object (for the fuzzer) */
void api_fields_check(json_t *root, const struct api_field *fields,
                      struct problems *problems);

/* Answers */
void api_etag(struct http_request *req, int64_t version);
void api_location(struct http_request *req, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void api_reply_json(struct http_request *req, int status, json_t *value);
void api_fail(struct http_request *req, enum taio_status status,
              const struct problems *problems);
bool api_allowed(struct http_request *req, bool allowed);

/* Lost updates and retries */
bool api_version_ok(struct http_request *req, const struct api_body *body,
                    int64_t current);
bool api_version_matches(struct http_request *req,
                         const struct api_body *body, int64_t current,
                         json_t *current_json);
typedef void (*api_write_fn)(struct http_request *req);
void api_idempotent(struct http_request *req, api_write_fn write);

#endif
