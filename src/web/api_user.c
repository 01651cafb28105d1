/* SPDX-License-Identifier: MIT */
/*
 * api_user.c - staff over HTTP: the list, adding and changing users,
 * their presence (in, out, meeting, off, with a reason and a return time)
 * and their web password.
 *
 *   GET   /api/v1/users
 *   POST  /api/v1/users                     admins
 *   GET   /api/v1/users/{login}
 *   PATCH /api/v1/users/{login}             admins; needs the version
 *   PUT   /api/v1/users/{login}/presence    oneself, or managers
 *   PUT   /api/v1/users/{login}/password    oneself, or admins
 */
#include <string.h>

#include "auth.h"
#include "core/i18n.h"
#include "input.h"
#include "record_json.h"
#include "user.h"
#include "web/api.h"

/* Answer with user login (200 or 201), version as ETag. */
static void reply_user(struct http_request *req, int status,
                       const char *login)
{
    struct user u;
    enum taio_status loaded = user_get_by_login(req->db, login, &u);
    if (loaded != TAIO_OK) {
        struct problems p = {0};
        if (loaded == TAIO_ENOTFOUND) {
            problems_add(&p, "user", _("no user has the login \"%s\""),
                         login);
        }
        api_fail(req, loaded, &p);
        problems_clear(&p);
        return;
    }
    api_etag(req, u.version);
    if (status == 201) {
        api_location(req, "/api/v1/users/%s", u.login);
    }
    json_t *o = record_json_user(req->settings.zone, &u);
    user_clear(&u);
    api_reply_json(req, status, o);
}

/* GET /api/v1/users */
static void list_users(struct http_request *req)
{
    static const char *const NONE[] = {NULL};
    if (!api_query_check(req, NONE)) {
        return;
    }
    struct user *list = NULL;
    size_t n = 0;
    enum taio_status status = user_list(req->db, &list, &n);
    if (status != TAIO_OK) {
        api_fail(req, status, NULL);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(items,
                              record_json_user(req->settings.zone, &list[i]));
    }
    user_list_free(list, n);
    api_reply_json(req, 200, json_pack("{s:o}", "items", items));
}

static const struct api_field USER_FIELDS[] = {
    {"version", API_INT, false},
    {"login", API_STRING, false},
    {"name", API_STRING, false},
    {"reading", API_STRING, false},
    {"role", API_STRING, false},
    {"manager", API_STRING, false},
    {"email", API_STRING, false},
    {"phone", API_STRING, false},
    {"stand_in", API_STRING, false},
    {"quiet_hours", API_STRING, false},
    {NULL, API_STRING, false},
};

/* The text of field in body, where null clears it (""). */
static const char *nullable(const struct api_body *body, const char *field)
{
    return api_has(body, field) && api_str(body, field) == NULL
               ? ""
               : api_str(body, field);
}

/* Fill a user input from body; a null manager, stand-in or quiet hours
 * clears it. */
static void read_user(const struct api_body *body, struct user_input *in)
{
    in->login = api_str(body, "login");
    in->display_name = api_str(body, "name");
    in->reading = api_str(body, "reading");
    in->role = api_str(body, "role");
    in->manager = nullable(body, "manager");
    in->email = api_str(body, "email");
    in->phone = api_str(body, "phone");
    in->stand_in = nullable(body, "stand_in");
    in->quiet_hours = nullable(body, "quiet_hours");
}

/* POST /api/v1/users (through api_idempotent()). */
static void write_user(struct http_request *req)
{
    struct api_body body;
    if (!api_body_read(req, USER_FIELDS, &body)) {
        return;
    }
    struct user_input in = {0};
    read_user(&body, &in);
    struct problems p = {0};
    enum taio_status status =
        user_add(req->db, &req->actor, &in, &p, NULL);
    if (status == TAIO_OK) {
        reply_user(req, 201, in.login);
    } else {
        api_fail(req, status, &p);
    }
    problems_clear(&p);
    api_body_clear(&body);
}

static void post_user(struct http_request *req)
{
    api_idempotent(req, write_user);
}

/* GET /api/v1/users/{login} */
static void get_user(struct http_request *req)
{
    static const char *const NONE[] = {NULL};
    if (api_query_check(req, NONE)) {
        reply_user(req, 200, req->params[0]);
    }
}

/* PATCH /api/v1/users/{login} */
static void patch_user(struct http_request *req)
{
    const char *login = req->params[0];
    struct api_body body;
    if (!api_body_read(req, USER_FIELDS, &body)) {
        return;
    }
    if (db_begin(req->db) != TAIO_OK) {
        api_fail(req, TAIO_EDB, NULL);
        api_body_clear(&body);
        return;
    }
    struct user u;
    enum taio_status status = user_get_by_login(req->db, login, &u);
    if (status != TAIO_OK) {
        db_end(req->db, status);
        reply_user(req, 200, login); /* answers the 404 */
        api_body_clear(&body);
        return;
    }
    int64_t version = u.version;
    json_t *current = record_json_user(req->settings.zone, &u);
    user_clear(&u);
    if (!api_version_matches(req, &body, version, current)) {
        db_end(req->db, TAIO_ECONFLICT);
        api_body_clear(&body);
        return;
    }
    struct user_input in = {0};
    read_user(&body, &in);
    struct problems p = {0};
    status = user_update(req->db, &req->actor, login, &in, &p);
    status = db_end(req->db, status);
    if (status == TAIO_OK) {
        reply_user(req, 200, in.login ? in.login : login);
    } else {
        api_fail(req, status, &p);
    }
    problems_clear(&p);
    api_body_clear(&body);
}

static const struct api_field PRESENCE_FIELDS[] = {
    {"presence", API_STRING, true},
    {"reason", API_STRING, false},
    {"until", API_STRING, false},
    {NULL, API_STRING, false},
};

/* PUT /api/v1/users/{login}/presence */
static void put_presence(struct http_request *req)
{
    struct api_body body;
    if (!api_body_read(req, PRESENCE_FIELDS, &body)) {
        return;
    }
    struct problems p = {0};
    enum user_presence presence = PRESENCE_IN;
    if (!user_presence_parse(api_str(&body, "presence"), &presence)) {
        problems_add(&p, "presence", "%s",
                     _("must be one of: in, out, meeting, off"));
    }
    int64_t until = 0;
    const char *until_text = api_str(&body, "until");
    if (until_text) {
        input_time(&req->settings, req->now, "until", until_text, &until,
                   &p);
    }
    enum taio_status status =
        problems_any(&p)
            ? TAIO_EINVAL
            : user_set_presence(req->db, &req->actor, req->params[0],
                                presence, api_str(&body, "reason"), until,
                                &p);
    if (status == TAIO_OK) {
        reply_user(req, 200, req->params[0]);
    } else {
        api_fail(req, status, &p);
    }
    problems_clear(&p);
    api_body_clear(&body);
}

static const struct api_field PASSWORD_FIELDS[] = {
    {"password", API_STRING, true},
    {NULL, API_STRING, false},
};

/* PUT /api/v1/users/{login}/password */
static void put_password(struct http_request *req)
{
    struct api_body body;
    if (!api_body_read(req, PASSWORD_FIELDS, &body)) {
        return;
    }
    struct problems p = {0};
    enum taio_status status =
        auth_set_password(req->db, &req->actor, req->params[0],
                          api_str(&body, "password"), &p);
    if (status == TAIO_OK) {
        http_reply(req, 204, "application/json", "", 0);
    } else {
        api_fail(req, status, &p);
    }
    problems_clear(&p);
    api_body_clear(&body);
}

const struct http_route api_user_routes[] = {
    {"GET", "/api/v1/users", list_users, HTTP_CACHED},
    {"POST", "/api/v1/users", post_user, 0},
    {"GET", "/api/v1/users/{login}", get_user, HTTP_CACHED},
    {"PATCH", "/api/v1/users/{login}", patch_user, 0},
    {"PUT", "/api/v1/users/{login}/presence", put_presence, 0},
    {"PUT", "/api/v1/users/{login}/password", put_password, 0},
    {NULL, NULL, NULL, 0},
};
