/* SPDX-License-Identifier: MIT */
/*
 * api_calendar.c - the business calendar over HTTP: Japanese holidays of
 * a year, whether a moment is business time (for the organisation, or
 * inside a customer's reachable windows), adding business time, and the
 * business minutes between two moments.
 *
 *   GET /api/v1/calendar/holidays?year=YYYY
 *   GET /api/v1/calendar/business-time?at=TIME[&customer=C]
 *   GET /api/v1/calendar/add?at=TIME&duration=D[&customer=C]
 *   GET /api/v1/calendar/minutes?from=TIME&to=TIME[&customer=C]
 *   POST   /api/v1/calendar/feed        a new private feed address for the
 *                                       caller (replaces the old one)
 *   DELETE /api/v1/calendar/feed        the address stops working
 *   GET    /api/v1/calendar/feed/{token} the feed (text/calendar); the
 *                                       token is the credential
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "core/i18n.h"
#include "customer.h"
#include "feed.h"
#include "holiday.h"
#include "input.h"
#include "record_json.h"
#include "windows.h"
#include "web/api.h"

/* GET /api/v1/calendar/holidays */
static void get_holidays(struct http_request *req)
{
    static const char *const PARAMS[] = {"year", NULL};
    if (!api_query_check(req, PARAMS)) {
        return;
    }
    const char *text = http_query(req, "year");
    char *end = NULL;
    long year = text ? strtol(text, &end, 10) : 0;
    if (text == NULL || end == text || *end || year < 1948 || year > 9999) {
        struct problems p = {0};
        problems_add(&p, "year", _("must be a whole number from %lld to %lld"),
                     1948LL, 9999LL);
        api_fail(req, TAIO_EINVAL, &p);
        problems_clear(&p);
        return;
    }
    api_reply_json(req, 200, record_json_holidays((int)year));
}

/* The windows of the ?customer= parameter, if given, into w. */
static void customer_windows(struct http_request *req, struct windows *w,
                             bool *has, struct problems *p)
{
    *has = false;
    const char *ref = http_query(req, "customer");
    if (ref == NULL) {
        return;
    }
    int64_t id = 0;
    if (customer_resolve(req->db, ref, "customer", p, &id) == TAIO_OK &&
        windows_load_customer(req->db, req->settings.zone, req->now, id, w) ==
            TAIO_OK) {
        *has = true;
    }
}

/* Read a required time parameter. */
static void query_time(struct http_request *req, const char *name,
                       int64_t *out, struct problems *p)
{
    const char *text = http_query(req, name);
    if (text == NULL) {
        problems_add(p, name, "%s", _("is required"));
        return;
    }
    input_time(&req->settings, req->now, name, text, out, p);
}

/* The common start of the three calculations: parameters checked, times
 * read, windows loaded. Returns false after answering. */
static bool calendar_request(struct http_request *req,
                             const char *const *params, const char *first,
                             int64_t *first_at, struct windows *w,
                             bool *has_windows, struct problems *p)
{
    if (!api_query_check(req, params)) {
        return false;
    }
    query_time(req, first, first_at, p);
    customer_windows(req, w, has_windows, p);
    return true;
}

/* GET /api/v1/calendar/business-time */
static void get_business_time(struct http_request *req)
{
    static const char *const PARAMS[] = {"at", "customer", NULL};
    struct windows w = {0};
    bool has = false;
    int64_t at = 0;
    struct problems p = {0};
    if (calendar_request(req, PARAMS, "at", &at, &w, &has, &p)) {
        if (problems_any(&p)) {
            api_fail(req, TAIO_EINVAL, &p);
        } else {
            struct calendar cal;
            settings_calendar(&req->settings, &cal);
            bool open = calendar_is_business_time(&cal, has ? &w.win : NULL,
                                                  at);
            struct tz_tm tm;
            tz_local(req->settings.zone, at, &tm);
            const char *holiday = holiday_name(tm.year, tm.month, tm.day);
            api_reply_json(
                req, 200,
                json_pack("{s:o, s:b, s:o}", "time",
                          record_json_time(req->settings.zone, at),
                          "business", open, "holiday",
                          holiday ? json_string(holiday) : json_null()));
        }
    }
    windows_clear(&w);
    problems_clear(&p);
}

/* GET /api/v1/calendar/add */
static void get_add(struct http_request *req)
{
    static const char *const PARAMS[] = {"at", "duration", "customer", NULL};
    struct windows w = {0};
    bool has = false;
    int64_t at = 0;
    struct problems p = {0};
    if (calendar_request(req, PARAMS, "at", &at, &w, &has, &p)) {
        const char *duration = http_query(req, "duration");
        int64_t minutes = 0;
        if (duration == NULL) {
            problems_add(&p, "duration", "%s", _("is required"));
        } else {
            input_duration(&req->settings, "duration", duration, &minutes,
                           &p);
        }
        struct calendar cal;
        settings_calendar(&req->settings, &cal);
        int64_t result = 0;
        if (!problems_any(&p) &&
            calendar_add_business(&cal, has ? &w.win : NULL, at, minutes,
                                  &result) != TAIO_OK) {
            problems_add(&p, "duration", "%s",
                         _("cannot be reached: there is no business time "
                           "within three years"));
        }
        if (problems_any(&p)) {
            api_fail(req, TAIO_EINVAL, &p);
        } else {
            api_reply_json(req, 200,
                           json_pack("{s:o}", "time",
                                     record_json_time(req->settings.zone,
                                                      result)));
        }
    }
    windows_clear(&w);
    problems_clear(&p);
}

/* GET /api/v1/calendar/minutes */
static void get_minutes(struct http_request *req)
{
    static const char *const PARAMS[] = {"from", "to", "customer", NULL};
    struct windows w = {0};
    bool has = false;
    int64_t from = 0;
    struct problems p = {0};
    if (calendar_request(req, PARAMS, "from", &from, &w, &has, &p)) {
        int64_t to = 0;
        query_time(req, "to", &to, &p);
        if (problems_any(&p)) {
            api_fail(req, TAIO_EINVAL, &p);
        } else {
            struct calendar cal;
            settings_calendar(&req->settings, &cal);
            int64_t minutes = calendar_business_minutes(
                &cal, has ? &w.win : NULL, from, to);
            api_reply_json(req, 200,
                           json_pack("{s:I}", "minutes", (json_int_t)minutes));
        }
    }
    windows_clear(&w);
    problems_clear(&p);
}

/* POST /api/v1/calendar/feed: {"token", "path"}, shown once. */
static void post_feed(struct http_request *req)
{
    char *token = NULL;
    enum taio_status status = feed_issue(req->db, &req->actor, &token);
    if (status != TAIO_OK) {
        api_fail(req, status, NULL);
        return;
    }
    char path[160];
    snprintf(path, sizeof(path), "/api/v1/calendar/feed/%s.ics", token);
    api_reply_json(req, 201, json_pack("{s:s, s:s}", "token", token, "path",
                                       path));
    free(token);
}

/* DELETE /api/v1/calendar/feed */
static void delete_feed(struct http_request *req)
{
    enum taio_status status = feed_revoke(req->db, &req->actor);
    if (status != TAIO_OK) {
        api_fail(req, status, NULL);
        return;
    }
    http_reply(req, 204, "text/plain", "", 0);
}

/* GET /api/v1/calendar/feed/{token}: the token (".ics" may follow) is
 * the only credential, as calendar apps send no other. */
static void get_feed(struct http_request *req)
{
    char token[128];
    snprintf(token, sizeof(token), "%s", req->params[0]);
    size_t len = strlen(token);
    if (len > 4 && strcmp(token + len - 4, ".ics") == 0) {
        token[len - 4] = '\0';
    }
    int64_t user_id = 0;
    enum i18n_lang lang = req->lang;
    enum taio_status status = feed_owner(req->db, token, &user_id, &lang);
    struct buf text = {0};
    if (status == TAIO_OK) {
        i18n_use(lang); /* calendar apps send no language: the owner's */
        status = feed_render(req->db, req->settings.zone, user_id, req->now,
                             &text);
    }
    struct problems p = {0};
    if (status == TAIO_ENOTFOUND) {
        problems_add(&p, "token", "%s",
                     _("is not a feed address, or it was replaced or "
                       "revoked"));
    }
    if (status == TAIO_OK) {
        http_reply(req, 200, "text/calendar; charset=utf-8", text.data,
                   text.len);
    } else {
        api_fail(req, status, &p);
    }
    problems_clear(&p);
    buf_clear(&text);
}

const struct http_route api_calendar_routes[] = {
    {"POST", "/api/v1/calendar/feed", post_feed, 0},
    {"DELETE", "/api/v1/calendar/feed", delete_feed, 0},
    {"GET", "/api/v1/calendar/feed/{token}", get_feed, HTTP_PUBLIC},
    {"GET", "/api/v1/calendar/holidays", get_holidays, HTTP_CACHED},
    {"GET", "/api/v1/calendar/business-time", get_business_time, HTTP_CACHED},
    {"GET", "/api/v1/calendar/add", get_add, HTTP_CACHED},
    {"GET", "/api/v1/calendar/minutes", get_minutes, HTTP_CACHED},
    {NULL, NULL, NULL, 0},
};
