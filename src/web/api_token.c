/* SPDX-License-Identifier: MIT */
/*
 * api_token.c - API tokens over HTTP: list (one's own; admins see all),
 * create (the value is in this one answer only) and revoke.
 *
 *   GET    /api/v1/tokens
 *   POST   /api/v1/tokens        {"name", "role", "user"}
 *   DELETE /api/v1/tokens/{id}
 */
#include <stdlib.h>

#include "auth.h"
#include "record_json.h"
#include "web/api.h"

/* A listed token as JSON (never its value). */
static json_t *token_json(const struct tz *zone, const struct auth_token *t)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "id",
                     (json_int_t)t->id, "prefix", t->prefix, "user", t->login,
                     "name", t->name, "role", user_role_name(t->role),
                     "created", record_json_time(zone, t->created_at),
                     "last_used", record_json_time(zone, t->last_used_at),
                     "revoked", record_json_time(zone, t->revoked_at));
}

/* GET /api/v1/tokens */
static void list_tokens(struct http_request *req)
{
    static const char *const NONE[] = {NULL};
    if (!api_query_check(req, NONE)) {
        return;
    }
    int64_t only = user_can(&req->actor, USER_ACT_ADMIN) ? 0
                                                         : req->who.user_id;
    struct auth_token *list = NULL;
    size_t n = 0;
    enum taio_status status = auth_token_list(req->db, only, &list, &n);
    if (status != TAIO_OK) {
        api_fail(req, status, NULL);
    } else {
        json_t *items = json_array();
        for (size_t i = 0; i < n; i++) {
            json_array_append_new(items,
                                  token_json(req->settings.zone, &list[i]));
        }
        api_reply_json(req, 200, json_pack("{s:o}", "items", items));
    }
    auth_token_list_free(list, n);
}

static const struct api_field TOKEN_FIELDS[] = {
    {"name", API_STRING, true},
    {"role", API_STRING, false},
    {"user", API_STRING, false},
    {NULL, API_STRING, false},
};

/* POST /api/v1/tokens: for the caller unless "user" names someone (for
 * admins); the role defaults to the user's own. */
static void post_token(struct http_request *req)
{
    struct api_body body;
    if (!api_body_read(req, TOKEN_FIELDS, &body)) {
        return;
    }
    const char *login = api_str(&body, "user");
    if (login == NULL) {
        login = req->who.login;
    }
    const char *role = api_str(&body, "role");
    struct user u;
    if (role == NULL && user_get_by_login(req->db, login, &u) == TAIO_OK) {
        role = user_role_name(u.role);
        user_clear(&u);
    }
    struct problems p = {0};
    char *token = NULL;
    int64_t id = 0;
    enum taio_status status =
        auth_token_create(req->db, &req->actor, login,
                          api_str(&body, "name"), role ? role : "viewer", &p,
                          &token, &id);
    if (status == TAIO_OK) {
        api_reply_json(req, 201,
                       json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)id,
                                 "token", token, "user", login, "role",
                                 role ? role : "viewer"));
        free(token);
    } else {
        api_fail(req, status, &p);
    }
    problems_clear(&p);
    api_body_clear(&body);
}

/* DELETE /api/v1/tokens/{id} */
static void delete_token(struct http_request *req)
{
    char *end = NULL;
    long long id = strtoll(req->params[0], &end, 10);
    if (end == req->params[0] || *end || id <= 0) {
        id = 0;
    }
    struct problems p = {0};
    enum taio_status status = auth_token_revoke(req->db, &req->actor, id, &p);
    if (status == TAIO_OK) {
        http_reply(req, 204, "application/json", "", 0);
    } else {
        api_fail(req, status, &p);
    }
    problems_clear(&p);
}

const struct http_route api_token_routes[] = {
    {"GET", "/api/v1/tokens", list_tokens, 0},
    {"POST", "/api/v1/tokens", post_token, 0},
    {"DELETE", "/api/v1/tokens/{id}", delete_token, 0},
    {NULL, NULL, NULL, 0},
};
