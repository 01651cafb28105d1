/* SPDX-License-Identifier: MIT */
/*
 * ui_session.c - the login page, logging out, and the language switch.
 *
 *   GET  /login    the form (?next=PATH: where to go afterwards)
 *   POST /login    log in: sets the session cookie, goes to next
 *   POST /logout   ends the session, back to the login page
 *   POST /lang     lang=ja|en: the language of the pages, kept in a cookie
 *                  and, for a logged-in user, with the user
 *
 * A login form is posted before there is a session, so its CSRF token is
 * a random value in a short-lived cookie that the form repeats (a forged
 * form from another site cannot read it). The sessions themselves are
 * auth.c's, the same as the API's (api_session.c).
 */
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "core/i18n.h"
#include "core/secret.h"
#include "core/validate.h"
#include "user.h"
#include "web/problem.h"
#include "web/ui.h"

/* The cookie holding the login form's CSRF token. */
#define LOGIN_COOKIE "taio_login"
/* How long a login form stays usable, seconds. */
#define LOGIN_FORM_AGE 3600

/* Write the login page, with the problems of a failed attempt. */
static void login_page(struct http_request *req, const char *login,
                       const char *next, const struct problems *problems,
                       int status)
{
    char *token = secret_random("");
    http_set_cookie(req, LOGIN_COOKIE, token, LOGIN_FORM_AGE, true);
    struct html h;
    ui_page_begin(req, &h, _("Log in"), UI_NAV_NONE);
    html_printf(&h, "<div class=\"card login\"><h1>%s</h1>", _("Log in"));
    ui_problems(&h, problems);
    html_printf(&h,
                "<form class=\"stack\" method=\"post\" action=\"/login\">"
                "<input type=\"hidden\" name=\"login_csrf\" value=\"%s\">"
                "<input type=\"hidden\" name=\"next\" value=\"%s\">"
                "<div><label for=\"login\">%s</label>"
                "<input type=\"text\" id=\"login\" name=\"login\" "
                "value=\"%s\" autocomplete=\"username\" required "
                "autofocus></div>"
                "<div><label for=\"password\">%s</label>"
                "<input type=\"password\" id=\"password\" name=\"password\" "
                "autocomplete=\"current-password\" required></div>"
                "<div><button class=\"primary\" type=\"submit\">%s</button>"
                "</div></form></div>",
                token, ui_local_path(next), _("Login name"),
                login ? login : "", _("Password"), _("Log in"));
    free(token);
    ui_page_end(req, &h, status);
}

/* GET /login */
static void get_login(struct http_request *req)
{
    if (req->who.user_id) {
        http_redirect(req, ui_local_path(http_query(req, "next")));
        return;
    }
    login_page(req, NULL, http_query(req, "next"), NULL, 200);
}

/* POST /login */
static void post_login(struct http_request *req)
{
    const char *login = form_get(&req->form, "login");
    const char *password = form_get(&req->form, "password");
    const char *next = form_get(&req->form, "next");
    const char *sent = form_get(&req->form, "login_csrf");
    const char *kept = http_cookie(req, LOGIN_COOKIE);
    struct problems p = {0};
    if (sent == NULL || kept == NULL || !secret_equal(sent, kept)) {
        problems_add(&p, "form", "%s",
                     _("this form is too old; please log in again"));
        login_page(req, login, next, &p, 403);
        problems_clear(&p);
        return;
    }
    char address[64];
    http_client_address(req, address, sizeof(address));
    struct auth_session_new s;
    enum taio_status status = auth_login(req->db, login ? login : "",
                                         password ? password : "", address,
                                         req->now, &p, &s);
    if (status == TAIO_OK) {
        http_set_cookie(req, LOGIN_COOKIE, NULL, 0, true);
        http_set_cookie(req, HTTP_SESSION_COOKIE, s.cookie, AUTH_SESSION_MAX,
                        true);
        auth_session_new_clear(&s);
        http_redirect(req, ui_local_path(next));
    } else {
        if (!problems_any(&p)) {
            problems_add(&p, "login", "%s", status_message(status));
        }
        login_page(req, login, next, &p,
                   status == TAIO_ELIMIT ? 429 : 401);
    }
    problems_clear(&p);
}

/* POST /logout */
static void post_logout(struct http_request *req)
{
    if (req->who.session_id) {
        auth_session_end(req->db, req->who.session_id, req->who.user_id,
                         req->now);
    }
    http_set_cookie(req, HTTP_SESSION_COOKIE, NULL, 0, true);
    http_redirect(req, "/login");
}

/* POST /lang: on every page, also before logging in. A logged-in user's
 * choice is kept with the user, so it follows them to another browser
 * (their form's CSRF token is checked by http.c: HTTP_WHO_IF_ANY). */
static void post_lang(struct http_request *req)
{
    const char *lang = form_get(&req->form, "lang");
    if (lang == NULL || validate_index(lang, I18N_LANG_NAMES) < 0) {
        struct problems p = {0};
        problems_add(&p, "lang", "%s", _("must be ja or en"));
        problem_reply_status(req, TAIO_EINVAL, &p);
        problems_clear(&p);
        return;
    }
    if (req->who.user_id) {
        enum taio_status status =
            user_set_lang(req->db, req->who.user_id, lang);
        if (status != TAIO_OK) {
            problem_reply_status(req, status, NULL);
            return;
        }
    }
    http_set_cookie(req, HTTP_LANG_COOKIE, lang, 365 * 86400, false);
    http_redirect(req, ui_local_path(form_get(&req->form, "next")));
}

const struct http_route ui_session_routes[] = {
    {"GET", "/login", get_login, HTTP_PUBLIC | HTTP_WHO_IF_ANY | HTTP_PAGE},
    {"POST", "/login", post_login, HTTP_PUBLIC | HTTP_DIRECT | HTTP_PAGE},
    {"POST", "/logout", post_logout, HTTP_PAGE},
    {"POST", "/lang", post_lang,
     HTTP_PUBLIC | HTTP_WHO_IF_ANY | HTTP_DIRECT | HTTP_PAGE},
    {NULL, NULL, NULL, 0},
};
