/* SPDX-License-Identifier: MIT */
/*
 * api_notify.c - the caller's notifications over HTTP.
 *
 *   GET  /api/v1/notifications        {"unread": N, "items": [...]},
 *                                     newest first (?limit, at most 200)
 *   POST /api/v1/notifications/read   {"id": N} marks one read; {} all
 *
 * Everyone sees and marks only their own.
 */
#include "notify.h"
#include "record_json.h"
#include "web/api.h"

#define LIST_MAX 200
#define LIST_DEFAULT 50

/* One notification as JSON; times in zone. */
static json_t *notification_json(const struct tz *zone,
                                 const struct notification *n)
{
    return json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:o}", "id",
                     (json_int_t)n->id, "kind", NOTIFY_KIND_NAMES[n->kind],
                     "case",
                     n->case_number ? json_string(n->case_number)
                                    : json_null(),
                     "at", record_json_time(zone, n->due_at), "created",
                     record_json_time(zone, n->created_at), "read",
                     record_json_time(zone, n->read_at), "in_place_of",
                     n->stand_in_name ? json_string(n->stand_in_name)
                                      : json_null());
}

/* The unread count and the newest notifications of the caller. */
static void reply_list(struct http_request *req, size_t limit)
{
    struct notification *list = NULL;
    size_t n = 0;
    int64_t unread = 0;
    enum taio_status status =
        notify_list(req->db, req->who.user_id, limit, &list, &n);
    if (status == TAIO_OK) {
        status = notify_unread(req->db, req->who.user_id, &unread);
    }
    if (status != TAIO_OK) {
        notify_list_free(list, n);
        api_fail(req, status, NULL);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(items,
                              notification_json(req->settings.zone, &list[i]));
    }
    notify_list_free(list, n);
    api_reply_json(req, 200, json_pack("{s:I, s:o}", "unread",
                                       (json_int_t)unread, "items", items));
}

/* GET /api/v1/notifications */
static void get_notifications(struct http_request *req)
{
    static const char *const PARAMS[] = {"limit", NULL};
    if (!api_query_check(req, PARAMS)) {
        return;
    }
    size_t limit = LIST_DEFAULT;
    struct problems p = {0};
    api_limit_parse(http_query(req, "limit"), LIST_MAX, &limit, &p);
    if (problems_any(&p)) {
        api_fail(req, TAIO_EINVAL, &p);
    } else {
        reply_list(req, limit);
    }
    problems_clear(&p);
}

static const struct api_field READ_FIELDS[] = {
    {"id", API_INT, false},
    {NULL, API_STRING, false},
};

/* POST /api/v1/notifications/read: answers with the list afterwards. */
static void post_read(struct http_request *req)
{
    struct api_body body;
    if (!api_body_read(req, READ_FIELDS, &body)) {
        return;
    }
    enum taio_status status = notify_mark_read(
        req->db, req->who.user_id, api_int(&body, "id", 0), req->now);
    api_body_clear(&body);
    if (status != TAIO_OK) {
        api_fail(req, status, NULL);
        return;
    }
    reply_list(req, LIST_DEFAULT);
}

const struct http_route api_notify_routes[] = {
    {"GET", "/api/v1/notifications", get_notifications, HTTP_CACHED},
    {"POST", "/api/v1/notifications/read", post_read, 0},
    {NULL, NULL, NULL, 0},
};
