/* SPDX-License-Identifier: MIT */
/*
 * api_settings.c - the organisation's settings over HTTP: business hours,
 * company holidays, time zone, update cadences, grace and lead times.
 *
 *   GET /api/v1/settings
 *   PUT /api/v1/settings/{key}     admins; {"value": "..."}
 *
 * A setting is one value replaced whole, so a write needs no version;
 * every change is in the history table.
 */
#include "record_json.h"
#include "settings.h"
#include "user.h"
#include "web/api.h"

/* GET /api/v1/settings */
static void get_settings(struct http_request *req)
{
    static const char *const NONE[] = {NULL};
    if (api_query_check(req, NONE)) {
        api_reply_json(req, 200, record_json_settings(&req->settings));
    }
}

static const struct api_field VALUE_FIELDS[] = {
    {"value", API_STRING, true},
    {NULL, API_STRING, false},
};

/* PUT /api/v1/settings/{key} */
static void put_setting(struct http_request *req)
{
    struct api_body body;
    if (!api_body_read(req, VALUE_FIELDS, &body)) {
        return;
    }
    struct problems p = {0};
    enum taio_status status =
        user_can(&req->actor, USER_ACT_ADMIN)
            ? settings_set(req->db, req->actor.user_id, req->now,
                           req->params[0], api_str(&body, "value"), &p)
            : TAIO_EPERM;
    /* The request's own settings are shared with other requests
     * (web/http.c): the answer is read into a struct of its own. */
    struct settings now_set = {0};
    if (status == TAIO_OK) {
        status = settings_load(req->db, &now_set);
    }
    if (status == TAIO_OK) {
        api_reply_json(req, 200, record_json_settings(&now_set));
    } else {
        api_fail(req, status, &p);
    }
    settings_clear(&now_set);
    problems_clear(&p);
    api_body_clear(&body);
}

const struct http_route api_settings_routes[] = {
    {"GET", "/api/v1/settings", get_settings, HTTP_CACHED},
    {"PUT", "/api/v1/settings/{key}", put_setting, 0},
    {NULL, NULL, NULL, 0},
};
