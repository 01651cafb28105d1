/* SPDX-License-Identifier: MIT */
/*
 * api_agenda.c - GET /api/v1/agenda: what needs attention now, most
 * urgent first, for one user (?user=LOGIN, default the caller) or the
 * whole team (?team=true). The same items as "taio agenda --json".
 */
#include <string.h>

#include "agenda.h"
#include "core/i18n.h"
#include "input.h"
#include "record_json.h"
#include "web/api.h"

/* GET /api/v1/agenda */
static void get_agenda(struct http_request *req)
{
    static const char *const PARAMS[] = {"user", "team", NULL};
    if (!api_query_check(req, PARAMS)) {
        return;
    }
    const char *user = http_query(req, "user");
    const char *team = http_query(req, "team");
    struct problems p = {0};
    int64_t user_id = req->who.user_id;
    if (team && strcmp(team, "true") != 0 && strcmp(team, "false") != 0) {
        problems_add(&p, "team", "%s", _("must be true or false"));
    } else if (team && strcmp(team, "true") == 0) {
        user_id = 0;
    } else if (user) {
        input_user(req->db, "user", user, &user_id, &p);
    }
    if (problems_any(&p)) {
        api_fail(req, TAIO_EINVAL, &p);
        problems_clear(&p);
        return;
    }
    struct agenda_item *items = NULL;
    size_t n = 0;
    enum taio_status status =
        agenda_collect(req->db, &req->settings, user_id, req->now, &items, &n);
    if (status != TAIO_OK) {
        api_fail(req, status, NULL);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(
            arr, record_json_agenda_item(req->settings.zone, &items[i],
                                         req->now));
    }
    agenda_free(items, n);
    api_reply_json(req, 200,
                   json_pack("{s:o, s:o}", "at",
                             record_json_time(req->settings.zone, req->now),
                             "items", arr));
}

const struct http_route api_agenda_routes[] = {
    {"GET", "/api/v1/agenda", get_agenda, HTTP_CACHED},
    {NULL, NULL, NULL, 0},
};
