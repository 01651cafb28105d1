/* SPDX-License-Identifier: MIT */
/*
 * ui_presence.c - the staff presence board (在席表): who is in, out, in a
 * meeting or off, why, and when they will be back, so whoever takes a
 * call can tell the caller at once.
 *
 *   GET  /presence    the board, with a form to change one's own presence
 *                     (managers and admins: anyone's)
 *   POST /presence    login (default: oneself), presence, reason, until
 *
 * The rules (who may set whose, return times after now) are user.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/xalloc.h"
#include "input.h"
#include "web/problem.h"
#include "web/ui.h"

static const struct ui_label LABELS[] = {
    {"login", N_("Who")},
    {"presence", N_("Presence")},
    {"reason", N_("Reason given to callers")},
    {"until", N_("Back at")},
    {NULL, NULL},
};

/* The staff into *users (free with user_list_free()); false with the
 * error answered when they cannot be read. */
bool ui_staff(struct http_request *req, struct user **users, size_t *n)
{
    enum taio_status status = user_list(req->db, users, n);
    if (status != TAIO_OK) {
        problem_reply_status(req, status, NULL);
        return false;
    }
    return true;
}

/* Where u is, as one line: the state, the reason and the return time with
 * how long until then. */
void ui_presence_text(struct html *h, const struct http_request *req,
                      const struct user *u)
{
    html_printf(h, "<span class=\"badge presence-%s\">%s</span>",
                user_presence_name(u->presence),
                user_presence_label(u->presence));
    if (u->presence_reason && u->presence_reason[0]) {
        html_printf(h, " %s", u->presence_reason);
    }
    if (u->presence_until) {
        html_printf(h, " — %s ", _("back at"));
        ui_time(h, req, u->presence_until);
        html_lit(h, " ");
        ui_countdown(h, req, u->presence_until);
    }
}

/* The form to change presence; the caller's own unless they lead a team,
 * who choose whose among users. */
static void presence_form(struct html *h, const struct http_request *req,
                          const struct user *users, size_t n_users,
                          const struct problems *p)
{
    html_printf(h, "<section class=\"card no-print\" id=\"set\"><h2>%s</h2>",
                _("Change presence"));
    ui_problems_for(h, p, LABELS);
    html_lit(h, "<form method=\"post\" action=\"/presence\" class=\"stack\">");
    ui_csrf_field(h, req);
    if (user_can(&req->actor, USER_ACT_TEAM)) {
        const char **values = xcalloc(n_users + 1, sizeof(*values));
        const char **labels = xcalloc(n_users + 1, sizeof(*labels));
        size_t n = 0;
        for (size_t i = 0; i < n_users; i++) {
            if (users[i].active) {
                values[n] = users[i].login;
                labels[n++] = users[i].display_name;
            }
        }
        const char *who = ui_posted(req, "login");
        ui_select(h, "presence-login", "login", _("Who"), n, values, labels,
                  who ? who : req->who.login);
        free(values);
        free(labels);
    }
    const char *labels[4];
    for (int i = 0; i < 4; i++) {
        labels[i] = user_presence_label((enum user_presence)i);
    }
    ui_select(h, "presence-presence", "presence", _("Presence"), 4,
              USER_PRESENCE_NAMES, labels, ui_posted(req, "presence"));
    ui_input(h, "presence-reason", "reason", _("Reason given to callers"),
             ui_posted(req, "reason"), _("e.g. visiting a customer"), 0);
    ui_input(h, "presence-until", "until", _("Back at"),
             ui_posted(req, "until"), _("e.g. 15:00 or +2h"), 0);
    html_printf(h, "<div><button class=\"primary\" type=\"submit\">%s"
                   "</button></div></form></section>",
                _("Save"));
}

/* The board, with status and the problems of a refused change. */
static void board(struct http_request *req, const struct problems *p,
                  int status)
{
    struct user *users = NULL;
    size_t n = 0;
    if (!ui_staff(req, &users, &n)) {
        return;
    }
    struct html h;
    ui_page_begin(req, &h, _("Presence"), UI_NAV_PRESENCE);
    html_printf(&h, "<h1>%s</h1><table class=\"board\"><thead><tr>"
                    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                    "<th scope=\"col\">%s</th></tr></thead><tbody>",
                _("Presence"), _("Name"), _("Role"), _("Where"));
    for (size_t i = 0; i < n; i++) {
        if (!users[i].active) {
            continue;
        }
        html_printf(&h, "<tr><th scope=\"row\">%s <small>%s</small></th>"
                        "<td>%s</td><td>",
                    users[i].display_name, users[i].login,
                    user_role_label(users[i].role));
        ui_presence_text(&h, req, &users[i]);
        html_lit(&h, "</td></tr>");
    }
    html_lit(&h, "</tbody></table>");
    presence_form(&h, req, users, n, p);
    user_list_free(users, n);
    ui_page_end(req, &h, status);
}

/* GET /presence */
static void get_board(struct http_request *req)
{
    board(req, NULL, 200);
}

/* POST /presence */
static void post_presence(struct http_request *req)
{
    struct problems p = {0};
    const char *login = form_get(&req->form, "login");
    const char *presence = form_get(&req->form, "presence");
    const char *until = form_get(&req->form, "until");
    enum user_presence state = PRESENCE_IN;
    if (!presence || !user_presence_parse(presence, &state)) {
        problems_add(&p, "presence", "%s",
                     _("must be one of the choices offered"));
    }
    int64_t until_at = 0;
    if (until && until[0]) {
        input_time(&req->settings, req->now, "until", until, &until_at, &p);
    }
    enum taio_status status =
        problems_any(&p)
            ? TAIO_EINVAL
            : user_set_presence(req->db, &req->actor,
                                login && login[0] ? login : req->who.login,
                                state, form_get(&req->form, "reason"),
                                until_at, &p);
    if (status == TAIO_OK) {
        http_redirect(req, "/presence");
    } else if (ui_show_again(req, status, &p)) {
        board(req, &p, status_http(status));
    }
    problems_clear(&p);
}

const struct http_route ui_presence_routes[] = {
    {"GET", "/presence", get_board, HTTP_PAGE | HTTP_CACHED},
    {"POST", "/presence", post_presence, HTTP_PAGE},
    {NULL, NULL, NULL, 0},
};
