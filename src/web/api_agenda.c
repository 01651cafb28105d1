/* SPDX-License-Identifier: MIT */
/*
 * api_agenda.c - GET /api/v1/agenda: what needs attention now, most
 * urgent first, for one user (?user=LOGIN, default the caller) or the
 * whole team (?team=true). The same items as "taio agenda --json", a page
 * at a time (?limit, ?cursor), optionally of one kind (?kind), with the
 * count of each kind over the whole agenda so that a dashboard can show
 * the size of what it does not list.
 */
#include <stdio.h>
#include <string.h>

#include "agenda.h"
#include "core/i18n.h"
#include "core/validate.h"
#include "input.h"
#include "record_json.h"
#include "web/api.h"

/* Pages hold at most this many items. */
#define PAGE_MAX 1000
#define PAGE_DEFAULT 100

/* What the query asks for. */
struct agenda_query {
    int64_t user_id;        /* 0: the whole team */
    int kind;               /* -1: every kind */
    size_t limit;
    bool after;             /* a cursor was given */
    struct agenda_key last; /* the cursor: the previous page's last item */
};

/* Read a cursor "KIND.IMPACT.TIME.CASE.PROMISE" (agenda_key's fields). */
static bool cursor_parse(const char *text, struct agenda_key *key)
{
    long long v[5] = {0};
    int used = 0;
    if (sscanf(text, "%lld.%lld.%lld.%lld.%lld%n", &v[0], &v[1], &v[2],
               &v[3], &v[4], &used) != 5 ||
        text[used] != '\0' || v[0] < 0 || v[0] >= AGENDA_KIND_COUNT ||
        v[1] < 0 || v[1] >= CASE_IMPACT_COUNT || v[3] <= 0 || v[4] < 0) {
        return false;
    }
    *key = (struct agenda_key){v[0], v[1], v[2], v[3], v[4]};
    return true;
}

/* The cursor that resumes after it. */
static json_t *cursor_of(const struct agenda_item *it)
{
    struct agenda_key k;
    agenda_key_of(it, &k);
    char text[112];
    snprintf(text, sizeof(text), "%lld.%lld.%lld.%lld.%lld",
             (long long)k.kind, (long long)k.impact, (long long)k.time,
             (long long)k.case_id, (long long)k.promise_id);
    return json_string(text);
}

/* Read the query string into q; problems for bad values. */
static void query_read(struct http_request *req, struct agenda_query *q,
                       struct problems *p)
{
    const char *user = http_query(req, "user");
    const char *team = http_query(req, "team");
    const char *kind = http_query(req, "kind");
    const char *cursor = http_query(req, "cursor");
    q->user_id = req->who.user_id;
    if (team && strcmp(team, "true") != 0 && strcmp(team, "false") != 0) {
        problems_add(p, "team", "%s", _("must be true or false"));
    } else if (team && strcmp(team, "true") == 0) {
        q->user_id = 0;
    } else if (user) {
        input_user(req->db, "user", user, &q->user_id, p);
    }
    if (kind && validate_one_of(p, "kind", kind, AGENDA_KIND_NAMES)) {
        q->kind = validate_index(kind, AGENDA_KIND_NAMES);
    }
    api_limit_parse(http_query(req, "limit"), PAGE_MAX, &q->limit, p);
    if (cursor) {
        q->after = cursor_parse(cursor, &q->last);
        if (!q->after) {
            problems_add(p, "cursor", "%s",
                         _("is not a cursor from an earlier page"));
        }
    }
}

/* Whether the page lists it: of the asked kind and after the cursor. */
static bool query_wants(const struct agenda_query *q,
                        const struct agenda_item *it)
{
    if (q->kind >= 0 && (int)it->kind != q->kind) {
        return false;
    }
    if (!q->after) {
        return true;
    }
    struct agenda_key k;
    agenda_key_of(it, &k);
    return agenda_key_compare(&k, &q->last) > 0;
}

/* The answer: the page, its cursor and the counts of the whole agenda. */
static json_t *page_json(struct http_request *req,
                         const struct agenda_query *q,
                         const struct agenda_item *items, size_t n)
{
    json_t *page = json_array();
    json_t *next = json_null();
    size_t last = 0; /* the page's last item */
    for (size_t i = 0; i < n; i++) {
        if (!query_wants(q, &items[i])) {
            continue;
        }
        if (json_array_size(page) == q->limit) {
            if (json_is_null(next)) {
                next = cursor_of(&items[last]);
            }
            continue;
        }
        json_array_append_new(
            page, record_json_agenda_item(req->settings.zone, &items[i],
                                          req->now));
        last = i;
    }
    size_t counts[AGENDA_KIND_COUNT];
    agenda_count(items, n, counts);
    json_t *by_kind = json_object();
    for (int k = 0; k < AGENDA_KIND_COUNT; k++) {
        json_object_set_new(by_kind, AGENDA_KIND_NAMES[k],
                            json_integer((json_int_t)counts[k]));
    }
    return json_pack("{s:o, s:I, s:o, s:o, s:o}", "at",
                     record_json_time(req->settings.zone, req->now), "total",
                     (json_int_t)n, "counts", by_kind, "items", page,
                     "next_cursor", next);
}

/* GET /api/v1/agenda */
static void get_agenda(struct http_request *req)
{
    static const char *const PARAMS[] = {"user",  "team",   "kind",
                                         "limit", "cursor", NULL};
    if (!api_query_check(req, PARAMS)) {
        return;
    }
    struct agenda_query q = {.kind = -1, .limit = PAGE_DEFAULT};
    struct problems p = {0};
    query_read(req, &q, &p);
    if (problems_any(&p)) {
        api_fail(req, TAIO_EINVAL, &p);
        problems_clear(&p);
        return;
    }
    struct agenda_item *items = NULL;
    size_t n = 0;
    enum taio_status status =
        agenda_collect(req->db, &req->settings, q.user_id, req->now, &items,
                       &n);
    if (status != TAIO_OK) {
        api_fail(req, status, NULL);
        return;
    }
    json_t *answer = page_json(req, &q, items, n);
    agenda_free(items, n);
    api_reply_json(req, 200, answer);
}

const struct http_route api_agenda_routes[] = {
    {"GET", "/api/v1/agenda", get_agenda, HTTP_CACHED},
    {NULL, NULL, NULL, 0},
};
