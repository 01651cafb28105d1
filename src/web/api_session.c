/* SPDX-License-Identifier: MIT */
/*
 * api_session.c - logging in and out with a password: POST, GET and
 * DELETE /api/v1/session.
 *
 * A login sets the session cookie (HttpOnly, SameSite=Lax, Secure when
 * the server runs with TLS or says it is behind one) and answers with the
 * CSRF token that every later change made with the cookie must send in an
 * X-CSRF-Token header. Scripts use API tokens instead (api_token.c).
 */
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "core/timeutil.h"
#include "record_json.h"
#include "user.h"
#include "web/api.h"

static const struct api_field LOGIN_FIELDS[] = {
    {"login", API_STRING, true},
    {"password", API_STRING, true},
    {NULL, API_STRING, false},
};

/* The session as JSON: the user and, for a browser session, its CSRF
 * token. */
static json_t *session_json(struct http_request *req, int64_t user_id,
                            const char *csrf_token, int64_t expires_at)
{
    struct user u;
    json_t *user = NULL;
    if (user_get(req->db, user_id, &u) == TAIO_OK) {
        user = record_json_user(req->settings.zone, &u);
        user_clear(&u);
    }
    json_t *o = json_object();
    json_object_set_new(o, "user", user ? user : json_null());
    json_object_set_new(o, "csrf_token",
                        csrf_token ? json_string(csrf_token) : json_null());
    json_object_set_new(o, "expires",
                        record_json_time(req->settings.zone, expires_at));
    return o;
}

/* POST /api/v1/session: log in. */
static void post_session(struct http_request *req)
{
    struct api_body body;
    if (!api_body_read(req, LOGIN_FIELDS, &body)) {
        return;
    }
    char address[64];
    http_client_address(req, address, sizeof(address));
    struct problems p = {0};
    struct auth_session_new s;
    enum taio_status status =
        auth_login(req->db, api_str(&body, "login"),
                   api_str(&body, "password"), address, req->now, &p, &s);
    if (status == TAIO_OK) {
        struct user u;
        int64_t user_id = 0;
        if (user_get_by_login(req->db, api_str(&body, "login"), &u) ==
            TAIO_OK) {
            user_id = u.id;
            user_clear(&u);
        }
        http_set_cookie(req, HTTP_SESSION_COOKIE, s.cookie, AUTH_SESSION_MAX,
                        true);
        api_reply_json(req, 201,
                       session_json(req, user_id, s.csrf_token,
                                    s.expires_at));
        auth_session_new_clear(&s);
    } else {
        if (status == TAIO_ELIMIT) {
            http_add_header(req, "Retry-After", "900");
        }
        api_fail(req, status, &p);
    }
    problems_clear(&p);
    api_body_clear(&body);
}

/* GET /api/v1/session: who is calling. */
static void get_session(struct http_request *req)
{
    json_t *o = session_json(req, req->who.user_id, req->who.csrf_token, 0);
    json_object_set_new(o, "via",
                        json_string(req->who.token_id ? "token" : "session"));
    if (req->who.token_id) {
        json_object_set_new(o, "token_id", json_integer(req->who.token_id));
    }
    json_object_set_new(o, "role",
                        json_string(user_role_name(req->who.role)));
    api_reply_json(req, 200, o);
}

/* DELETE /api/v1/session: log out (a browser session; an API token is
 * revoked through /api/v1/tokens instead). */
static void delete_session(struct http_request *req)
{
    if (req->who.session_id == 0) {
        struct problems p = {0};
        problems_add(&p, "session", "%s",
                     _("an API token has no session; revoke the token "
                       "instead"));
        api_fail(req, TAIO_ECONFLICT, &p);
        problems_clear(&p);
        return;
    }
    enum taio_status status = auth_session_end(req->db, req->who.session_id,
                                               req->who.user_id, req->now);
    if (status != TAIO_OK) {
        api_fail(req, status, NULL);
        return;
    }
    http_set_cookie(req, HTTP_SESSION_COOKIE, NULL, 0, true);
    http_reply(req, 204, "application/json", "", 0);
}

const struct http_route api_session_routes[] = {
    {"POST", "/api/v1/session", post_session, HTTP_PUBLIC | HTTP_DIRECT},
    {"GET", "/api/v1/session", get_session, 0},
    {"DELETE", "/api/v1/session", delete_session, 0},
    {NULL, NULL, NULL, 0},
};
