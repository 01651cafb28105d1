/* SPDX-License-Identifier: MIT */
/*
 * ui_settings.c - the settings pages: the organisation's calendar and
 * timing rules, staff and their roles, and API tokens.
 *
 *   GET  /settings                       business hours, company holidays,
 *                                        the national holidays of the year,
 *                                        cadences, grace and lead times
 *   POST /settings                       save the changed values (admins)
 *   GET  /settings/users                 staff, what each role may do
 *   POST /settings/users                 add a member of staff (admins)
 *   POST /settings/users/{login}         change role, manager, name
 *   GET  /settings/tokens                API tokens (one's own; admins all)
 *   POST /settings/tokens                create one: its value is shown
 *                                        once, on the answer, never again
 *   POST /settings/tokens/{id}/revoke
 *   POST /settings/calendar              a new private calendar feed address
 *                                        (shown once on the answer)
 *   POST /settings/calendar/revoke       the address stops working
 *   GET  /settings/outbox                mail and webhook deliveries that
 *                                        wait or were given up (admins)
 *   POST /settings/outbox/{id}/retry     another round for a given-up one
 *
 * The rules (valid values, who may do what) are settings.c's, user.c's
 * and auth.c's. All values of one save are written in one transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "core/i18n.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "feed.h"
#include "holiday.h"
#include "notify.h"
#include "settings.h"
#include "web/problem.h"
#include "web/ui.h"

static const struct ui_label USER_LABELS[] = {
    {"login", N_("Login name")},
    {"display_name", N_("Name")},
    {"name", N_("Name")},
    {"reading", N_("Reading (kana)")},
    {"role", N_("Role")},
    {"manager", N_("Manager")},
    {"stand_in", N_("Stand-in while away (login)")},
    {"quiet_hours", N_("Quiet hours")},
    {"email", N_("E-mail")},
    {"password", N_("First password (at least 12 characters; empty: set "
                    "later)")},
    {"user", N_("User")},
    {NULL, NULL},
};

/* The sub-pages' links, the current one marked; the outbox for admins
 * only. */
void ui_settings_nav(struct html *h, const struct http_request *req,
                     const char *current)
{
    static const char *const PATHS[] = {"/settings", "/settings/users",
                                        "/settings/tokens",
                                        "/settings/checklists",
                                        "/settings/outbox"};
    const char *labels[] = {_("Calendar and timing"), _("Staff and roles"),
                            _("API tokens"), _("Checklists"), _("Outbox")};
    html_printf(h, "<nav class=\"tabs no-print\" aria-label=\"%s\">",
                _("Settings"));
    int n = user_can(&req->actor, USER_ACT_ADMIN) ? 5 : 4;
    for (int i = 0; i < n; i++) {
        html_printf(h, "<a href=\"%s\"%s>%s</a>", PATHS[i],
                    strcmp(PATHS[i], current) == 0
                        ? " aria-current=\"page\""
                        : "",
                    labels[i]);
    }
    html_lit(h, "</nav>");
}

/* The form field's id for settings key ("org.hours" -> "set-org-hours"). */
static void key_id(const char *key, char *out, size_t size)
{
    snprintf(out, size, "set-%s", key);
    for (char *c = out; *c; c++) {
        *c = *c == '.' || *c == '_' ? '-' : *c;
    }
}

/* This year's national holidays, for checking the calendar at a glance. */
static void national_holidays(struct html *h, const struct http_request *req)
{
    char today[TIMEUTIL_ISO_MAX];
    timeutil_format_local(req->settings.zone, req->now, today);
    int year = atoi(today);
    struct holiday list[32];
    size_t n = holiday_list(year, list, 32);
    html_printf(h, "<details class=\"card\"><summary>%s %d</summary>"
                   "<ul class=\"plain columns\">",
                _("National holidays"), year);
    for (size_t i = 0; i < n && i < 32; i++) {
        char date[16];
        snprintf(date, sizeof(date), "%04d-%02d-%02d", list[i].year,
                 list[i].month, list[i].day);
        html_printf(h, "<li>%s %s</li>", date, list[i].name);
    }
    html_lit(h, "</ul></details>");
}

/* The organisation's settings, each with its description as label; an
 * admin gets a form, others read them. */
static void settings_page(struct http_request *req,
                          const struct problems *p, int status)
{
    struct html h;
    ui_page_begin(req, &h, _("Settings"), UI_NAV_SETTINGS);
    html_printf(&h, "<h1>%s</h1>", _("Settings"));
    ui_settings_nav(&h, req, "/settings");
    bool admin = user_can(&req->actor, USER_ACT_ADMIN);
    struct ui_label labels[32] = {{NULL, NULL}};
    for (size_t i = 0; i < 31 && i < settings_key_count(); i++) {
        labels[i].field = settings_key_at(i)->key;
        labels[i].text = settings_key_at(i)->description;
    }
    ui_problems_for(&h, p, labels);
    html_lit(&h, "<form method=\"post\" action=\"/settings\" "
                 "class=\"stack wide card\">");
    ui_csrf_field(&h, req);
    for (size_t i = 0; i < settings_key_count(); i++) {
        const struct settings_key *k = settings_key_at(i);
        char id[64];
        key_id(k->key, id, sizeof(id));
        const char *posted = p ? ui_posted(req, k->key) : NULL;
        const char *value = posted ? posted : settings_value(&req->settings,
                                                              k->key);
        if (admin) {
            ui_input(&h, id, k->key, _(k->description), value,
                     k->default_value, 0);
        } else {
            html_printf(&h, "<div class=\"field\"><b>%s</b> %s</div>",
                        _(k->description), value ? value : "");
        }
    }
    if (admin) {
        html_printf(&h, "<div><button class=\"primary\" type=\"submit\">%s"
                        "</button></div>",
                    _("Save"));
    }
    html_lit(&h, "</form>");
    national_holidays(&h, req);
    ui_page_end(req, &h, status);
}

/* GET /settings */
static void get_settings(struct http_request *req)
{
    settings_page(req, NULL, 200);
}

/* POST /settings: every value that differs from the stored one, in one
 * transaction. */
static void post_settings(struct http_request *req)
{
    struct problems p = {0};
    enum taio_status status = user_can(&req->actor, USER_ACT_ADMIN)
                                  ? db_begin(req->db)
                                  : TAIO_EPERM;
    for (size_t i = 0; status == TAIO_OK && i < settings_key_count(); i++) {
        const char *key = settings_key_at(i)->key;
        const char *value = form_get(&req->form, key);
        const char *stored = settings_value(&req->settings, key);
        if (value && (!stored || strcmp(value, stored) != 0)) {
            enum taio_status one = settings_set(
                req->db, req->actor.user_id, req->now, key, value, &p);
            if (one == TAIO_EDB) {
                status = one;
            }
        }
    }
    if (status == TAIO_OK && problems_any(&p)) {
        status = TAIO_EINVAL;
    }
    if (status != TAIO_EPERM) {
        status = db_end(req->db, status);
    }
    if (status == TAIO_OK) {
        http_redirect(req, "/settings");
    } else if (status == TAIO_EINVAL) {
        settings_page(req, &p, 422);
    } else {
        problem_reply_status(req, status, &p);
    }
    problems_clear(&p);
}

/* The table of what each role may do. */
static void roles_table(struct html *h)
{
    static const enum user_action ACTIONS[] = {
        USER_ACT_READ, USER_ACT_RECORD, USER_ACT_HANDLE, USER_ACT_TEAM,
        USER_ACT_ADMIN};
    const char *action_labels[] = {
        _("see everything"),
        _("take calls: cases, contacts, notes, promises, customers"),
        _("handle cases: status, ETA, owner"),
        _("lead a team: the team's agenda, others' presence"),
        _("administer: staff, settings"),
    };
    html_printf(h, "<h2>%s</h2><table class=\"board\"><thead><tr>"
                   "<th scope=\"col\">%s</th>",
                _("What each role may do"), _("Role"));
    for (int a = 0; a < 5; a++) {
        html_printf(h, "<th scope=\"col\">%s</th>", action_labels[a]);
    }
    html_lit(h, "</tr></thead><tbody>");
    for (int r = USER_ADMIN; r <= USER_VIEWER; r++) {
        struct actor who = {.user_id = 1, .role = (enum user_role)r};
        html_printf(h, "<tr><th scope=\"row\">%s</th>",
                    user_role_label((enum user_role)r));
        for (int a = 0; a < 5; a++) {
            bool can = user_can(&who, ACTIONS[a]);
            html_printf(h, "<td>%s</td>", can ? "✓" : "—");
        }
        html_lit(h, "</tr>");
    }
    html_lit(h, "</tbody></table>");
}

/* A drop-down of the roles, selected chosen. */
static void role_select(struct html *h, const char *id, const char *chosen)
{
    const char *labels[5];
    for (int r = 0; r < 5; r++) {
        labels[r] = user_role_label((enum user_role)r);
    }
    ui_select(h, id, "role", _("Role"), 5, USER_ROLE_NAMES, labels, chosen);
}

/* The form to add a member of staff, with what a refused one typed. */
static void add_user_form(struct html *h, const struct http_request *req,
                          bool refused)
{
    html_printf(h, "<details class=\"card\"%s><summary>%s</summary>",
                refused ? " open" : "", _("Add a member of staff"));
    html_lit(h, "<form method=\"post\" action=\"/settings/users\" "
                "class=\"stack\">");
    ui_csrf_field(h, req);
    const char *none = NULL;
    ui_input(h, "user-login", "login", _("Login name"),
             refused ? ui_posted(req, "login") : none, NULL, UI_REQUIRED);
    ui_input(h, "user-name", "display_name", _("Name"),
             refused ? ui_posted(req, "display_name") : none, NULL,
             UI_REQUIRED);
    ui_input(h, "user-reading", "reading", _("Reading (kana)"),
             refused ? ui_posted(req, "reading") : none, NULL, 0);
    role_select(h, "user-role", refused ? ui_posted(req, "role") : "agent");
    ui_input(h, "user-manager", "manager", _("Manager (login)"),
             refused ? ui_posted(req, "manager") : none, NULL, 0);
    ui_input(h, "user-email", "email", _("E-mail"),
             refused ? ui_posted(req, "email") : none, NULL, 0);
    html_printf(h, "<div class=\"field\"><label for=\"user-password\">%s"
                   "</label><input type=\"password\" id=\"user-password\" "
                   "name=\"password\" autocomplete=\"new-password\" "
                   "minlength=\"12\"></div>",
                _("First password (at least 12 characters; empty: set "
                  "later)"));
    html_printf(h, "<div><button class=\"primary\" type=\"submit\">%s"
                   "</button></div></form></details>",
                _("Add"));
}

/* Who stands in for u while away, and their quiet hours, in a cell. */
static void away_cell(struct html *h, const struct user *u)
{
    html_printf(h, "<td>%s: %s", _("Stand-in"),
                u->stand_in_login   ? u->stand_in_login
                : u->manager_login ? u->manager_login
                                   : "—");
    if (u->quiet_hours) {
        html_printf(h, "<br>%s: %s", _("Quiet hours"), u->quiet_hours);
    }
    html_lit(h, "</td>");
}

/* One user's row, with a small form to change role, manager, stand-in
 * and quiet hours. */
static void user_row(struct html *h, const struct http_request *req,
                     const struct user *u, bool admin)
{
    html_printf(h, "<tr><th scope=\"row\">%s <small>%s</small></th>"
                   "<td>%s</td><td>%s</td>",
                u->display_name, u->login, user_role_label(u->role),
                u->manager_login ? u->manager_login : "—");
    away_cell(h, u);
    html_printf(h, "<td>%s</td><td>",
                u->active ? _("active") : _("deactivated"));
    if (admin) {
        char id[96];
        html_lit(h, "<details><summary>");
        html_printf(h, "%s</summary><form method=\"post\" class=\"stack\"",
                    _("Change"));
        html_url_attr(h, "action", "/settings/users/%s", u->login);
        html_lit(h, ">");
        ui_csrf_field(h, req);
        snprintf(id, sizeof(id), "edit-role-%s", u->login);
        role_select(h, id, USER_ROLE_NAMES[u->role]);
        snprintf(id, sizeof(id), "edit-manager-%s", u->login);
        ui_input(h, id, "manager", _("Manager (login)"),
                 u->manager_login ? u->manager_login : "", NULL, 0);
        snprintf(id, sizeof(id), "edit-stand-in-%s", u->login);
        ui_input(h, id, "stand_in", _("Stand-in while away (login)"),
                 u->stand_in_login ? u->stand_in_login : "",
                 _("empty: the manager"), 0);
        snprintf(id, sizeof(id), "edit-quiet-%s", u->login);
        ui_input(h, id, "quiet_hours", _("Quiet hours"),
                 u->quiet_hours ? u->quiet_hours : "", _("e.g. 20:00-08:00"),
                 0);
        html_printf(h, "<div><button type=\"submit\">%s</button></div>"
                       "</form></details>",
                    _("Save"));
    }
    html_lit(h, "</td></tr>");
}

/* The staff page with status and a refused form's problems. */
static void users_page(struct http_request *req, const struct problems *p,
                       int status)
{
    struct user *users = NULL;
    size_t n = 0;
    if (!ui_staff(req, &users, &n)) {
        return;
    }
    bool admin = user_can(&req->actor, USER_ACT_ADMIN);
    struct html h;
    ui_page_begin(req, &h, _("Staff and roles"), UI_NAV_SETTINGS);
    html_printf(&h, "<h1>%s</h1>", _("Settings"));
    ui_settings_nav(&h, req, "/settings/users");
    ui_problems_for(&h, p, USER_LABELS);
    html_printf(&h, "<table class=\"board\"><thead><tr>"
                    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                    "<th scope=\"col\">%s</th>"
                    "<th scope=\"col\"></th></tr></thead><tbody>",
                _("Name"), _("Role"), _("Manager"), _("While away"),
                _("State"));
    for (size_t i = 0; i < n; i++) {
        user_row(&h, req, &users[i], admin);
    }
    html_lit(&h, "</tbody></table>");
    if (admin) {
        add_user_form(&h, req, p != NULL);
    }
    roles_table(&h);
    user_list_free(users, n);
    ui_page_end(req, &h, status);
}

/* GET /settings/users */
static void get_users(struct http_request *req)
{
    users_page(req, NULL, 200);
}

/* Answer a staff change: back to the list, or the list with problems. */
static void users_answer(struct http_request *req, enum taio_status status,
                         struct problems *p)
{
    if (status == TAIO_OK) {
        http_redirect(req, "/settings/users");
    } else if (ui_show_again(req, status, p)) {
        users_page(req, p, status_http(status));
    }
}

/* POST /settings/users */
static void post_user(struct http_request *req)
{
    struct user_input in = {
        .login = ui_field(req, "login"),
        .display_name = ui_field(req, "display_name"),
        .reading = ui_field(req, "reading"),
        .role = ui_field(req, "role"),
        .manager = ui_field(req, "manager"),
        .email = ui_field(req, "email"),
    };
    struct problems p = {0};
    const char *password = ui_field(req, "password");
    enum taio_status status = db_begin(req->db);
    if (status == TAIO_OK) {
        status = user_add(req->db, &req->actor, &in, &p, NULL);
    }
    if (status == TAIO_OK && password) {
        status = auth_set_password(req->db, &req->actor, in.login, password,
                                   &p);
    }
    status = db_end(req->db, status);
    users_answer(req, status, &p);
    problems_clear(&p);
}

/* POST /settings/users/{login} */
static void post_user_change(struct http_request *req)
{
    /* Present but empty clears: form_get keeps "", ui_field would not. */
    struct user_input in = {
        .role = ui_field(req, "role"),
        .manager = form_get(&req->form, "manager"),
        .stand_in = form_get(&req->form, "stand_in"),
        .quiet_hours = form_get(&req->form, "quiet_hours"),
    };
    struct problems p = {0};
    enum taio_status status =
        user_update(req->db, &req->actor, req->params[0], &in, &p);
    users_answer(req, status, &p);
    problems_clear(&p);
}

/* The calendar feed section: a new address (feed_url, shown this once)
 * or the buttons to issue one and to stop the current one. */
static void feed_section(struct html *h, const struct http_request *req,
                         const char *feed_url)
{
    html_printf(h, "<section class=\"card\" id=\"calendar\"><h2>%s</h2>"
                   "<p>%s</p>",
                _("Calendar feed"),
                _("Your open promises and the deadlines of your cases, with "
                  "alarms, in any calendar app that subscribes to an "
                  "address."));
    if (feed_url) {
        html_printf(h, "<div class=\"ok-box\" role=\"status\"><p>%s</p>"
                       "<p><code class=\"token\">%s</code></p></div>",
                    _("Subscribe to this address. It is shown only now; "
                      "anyone who has it can read your feed."),
                    feed_url);
    }
    html_lit(h, "<div class=\"row-actions\"><form method=\"post\" "
                "action=\"/settings/calendar\">");
    ui_csrf_field(h, req);
    html_printf(h, "<button type=\"submit\">%s</button></form>",
                _("New feed address (the old one stops)"));
    html_lit(h, "<form method=\"post\" action=\"/settings/calendar/revoke\">");
    ui_csrf_field(h, req);
    html_printf(h, "<button type=\"submit\">%s</button></form></div>"
                   "</section>",
                _("Stop the feed"));
}

/* The tokens page; created (may be NULL) is a new token's value, shown
 * this once, feed_url a new calendar feed address. */
static void tokens_page(struct http_request *req, const char *created,
                        const char *feed_url, const struct problems *p,
                        int status)
{
    bool admin = user_can(&req->actor, USER_ACT_ADMIN);
    struct auth_token *list = NULL;
    size_t n = 0;
    enum taio_status loaded =
        auth_token_list(req->db, admin ? 0 : req->who.user_id, &list, &n);
    if (loaded != TAIO_OK) {
        problem_reply_status(req, loaded, NULL);
        return;
    }
    struct html h;
    ui_page_begin(req, &h, _("API tokens"), UI_NAV_SETTINGS);
    html_printf(&h, "<h1>%s</h1>", _("Settings"));
    ui_settings_nav(&h, req, "/settings/tokens");
    if (created) {
        html_printf(&h, "<div class=\"ok-box\" role=\"status\"><p>%s</p>"
                        "<p><code class=\"token\">%s</code></p></div>",
                    _("The new token. Copy it now: it is not shown again "
                      "and only its hash is kept."),
                    created);
    }
    ui_problems_for(&h, p, USER_LABELS);
    html_printf(&h, "<table class=\"board\"><thead><tr>"
                    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                    "<th scope=\"col\"></th></tr></thead><tbody>",
                _("Name"), _("User"), _("Role"), _("Last used"));
    for (size_t i = 0; i < n; i++) {
        const struct auth_token *t = &list[i];
        html_printf(&h, "<tr><th scope=\"row\">%s <small><code>%s…</code>"
                        "</small></th><td>%s</td><td>%s</td><td>",
                    t->name, t->prefix, t->login, user_role_label(t->role));
        if (t->last_used_at) {
            ui_time(&h, req, t->last_used_at);
        } else {
            html_text(&h, _("never"));
        }
        html_lit(&h, "</td><td>");
        if (t->revoked_at) {
            html_printf(&h, "%s", _("revoked"));
        } else {
            html_lit(&h, "<form method=\"post\"");
            html_url_attr(&h, "action", "/settings/tokens/%lld/revoke",
                          (long long)t->id);
            html_lit(&h, ">");
            ui_csrf_field(&h, req);
            html_printf(&h, "<button type=\"submit\">%s</button></form>",
                        _("Revoke"));
        }
        html_lit(&h, "</td></tr>");
    }
    html_lit(&h, "</tbody></table>");
    auth_token_list_free(list, n);
    html_printf(&h, "<form method=\"post\" action=\"/settings/tokens\" "
                    "class=\"stack card\"><h2>%s</h2>",
                _("New token"));
    ui_csrf_field(&h, req);
    ui_input(&h, "token-name", "name", _("What it is for"),
             p ? ui_posted(req, "name") : NULL, _("e.g. monitoring script"),
             UI_REQUIRED);
    if (admin) {
        ui_input(&h, "token-user", "user", _("User"),
                 p ? ui_posted(req, "user") : req->who.login, NULL,
                 UI_REQUIRED);
    }
    role_select(&h, "token-role", p ? ui_posted(req, "role")
                                    : USER_ROLE_NAMES[req->actor.role]);
    html_printf(&h, "<div><button class=\"primary\" type=\"submit\">%s"
                    "</button></div></form>",
                _("Create the token"));
    feed_section(&h, req, feed_url);
    ui_page_end(req, &h, status);
}

/* GET /settings/tokens */
static void get_tokens(struct http_request *req)
{
    tokens_page(req, NULL, NULL, NULL, 200);
}

/* POST /settings/tokens */
static void post_token(struct http_request *req)
{
    const char *login = ui_field(req, "user");
    struct problems p = {0};
    char *token = NULL;
    enum taio_status status = auth_token_create(
        req->db, &req->actor, login ? login : req->who.login,
        ui_field(req, "name"), ui_field(req, "role"), &p, &token, NULL);
    if (status == TAIO_OK) {
        tokens_page(req, token, NULL, NULL, 201);
    } else if (ui_show_again(req, status, &p)) {
        tokens_page(req, NULL, NULL, &p, status_http(status));
    }
    free(token);
    problems_clear(&p);
}

/* POST /settings/tokens/{id}/revoke */
static void post_revoke(struct http_request *req)
{
    char *end = NULL;
    long long id = strtoll(req->params[0], &end, 10);
    struct problems p = {0};
    enum taio_status status =
        id > 0 && *end == '\0'
            ? auth_token_revoke(req->db, &req->actor, id, &p)
            : TAIO_ENOTFOUND;
    if (status == TAIO_OK) {
        http_redirect(req, "/settings/tokens");
    } else if (ui_show_again(req, status, &p)) {
        tokens_page(req, NULL, NULL, &p, status_http(status));
    }
    problems_clear(&p);
}

/* POST /settings/calendar: the new address, absolute, for calendar apps
 * (built from the Host the browser used). */
static void post_calendar(struct http_request *req)
{
    char *token = NULL;
    enum taio_status status = feed_issue(req->db, &req->actor, &token);
    if (status != TAIO_OK) {
        problem_reply_status(req, status, NULL);
        return;
    }
    const char *host = http_header(req, "Host");
    struct buf url = {0};
    buf_printf(&url, "%s://%s/api/v1/calendar/feed/%s.ics",
               req->opts->tls_cert || req->opts->secure_cookies ? "https"
                                                                 : "http",
               host ? host : "localhost", token);
    tokens_page(req, NULL, buf_str(&url), NULL, 201);
    buf_clear(&url);
    free(token);
}

/* POST /settings/calendar/revoke */
static void post_calendar_revoke(struct http_request *req)
{
    enum taio_status status = feed_revoke(req->db, &req->actor);
    if (status == TAIO_OK) {
        http_redirect(req, "/settings/tokens#calendar");
    } else {
        problem_reply_status(req, status, NULL);
    }
}

/* One outbox message as a table row, with a retry button when it was
 * given up. */
static void outbox_row(struct html *h, const struct http_request *req,
                       const struct outbox_entry *e)
{
    html_printf(h, "<tr><td>#%lld</td><td><span class=\"badge\">%s</span>"
                   "</td><td>%s</td><td>%s<br><small>%s</small></td>"
                   "<td>%lld</td><td>",
                (long long)e->id, e->state, e->channel, e->recipient,
                e->subject, (long long)e->attempts);
    if (e->sent_at) {
        ui_time(h, req, e->sent_at);
    } else if (strcmp(e->state, "pending") == 0) {
        html_printf(h, "%s ", _("next try"));
        ui_time(h, req, e->next_try_at);
    }
    if (e->last_error) {
        html_printf(h, "<br><small class=\"warn\">%s</small>",
                    e->last_error);
    }
    html_lit(h, "</td><td>");
    if (strcmp(e->state, "dead") == 0) {
        html_lit(h, "<form method=\"post\"");
        html_url_attr(h, "action", "/settings/outbox/%lld/retry",
                      (long long)e->id);
        html_lit(h, ">");
        ui_csrf_field(h, req);
        html_printf(h, "<button type=\"submit\">%s</button></form>",
                    _("Retry"));
    }
    html_lit(h, "</td></tr>");
}

/* The outbox page (admins), with a refused retry's problems. */
static void outbox_page(struct http_request *req, const struct problems *p,
                        int status)
{
    if (!user_can(&req->actor, USER_ACT_ADMIN)) {
        problem_reply_status(req, TAIO_EPERM, NULL);
        return;
    }
    struct outbox_entry *list = NULL;
    size_t n = 0;
    enum taio_status loaded = notify_outbox_list(req->db, NULL, 200, &list,
                                                 &n);
    if (loaded != TAIO_OK) {
        problem_reply_status(req, loaded, NULL);
        return;
    }
    struct html h;
    ui_page_begin(req, &h, _("Outbox"), UI_NAV_SETTINGS);
    html_printf(&h, "<h1>%s</h1>", _("Settings"));
    ui_settings_nav(&h, req, "/settings/outbox");
    ui_problems(&h, p);
    html_printf(&h, "<div class=\"board-wrap\"><table class=\"board\">"
                    "<thead><tr><th scope=\"col\">#</th>"
                    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                    "<th scope=\"col\">%s</th><th scope=\"col\"></th>"
                    "</tr></thead><tbody>",
                _("State"), _("Channel"), _("To"), _("Attempts"),
                _("When"));
    for (size_t i = 0; i < n; i++) {
        outbox_row(&h, req, &list[i]);
    }
    html_lit(&h, "</tbody></table></div>");
    if (n == 0) {
        html_printf(&h, "<p class=\"empty\">%s</p>",
                    _("Nothing was sent yet."));
    }
    notify_outbox_free(list, n);
    ui_page_end(req, &h, status);
}

/* GET /settings/outbox */
static void get_outbox(struct http_request *req)
{
    outbox_page(req, NULL, 200);
}

/* POST /settings/outbox/{id}/retry */
static void post_retry(struct http_request *req)
{
    struct problems p = {0};
    enum taio_status status =
        notify_retry(req->db, &req->actor, ui_id(req->params[0]), &p);
    if (status == TAIO_OK) {
        http_redirect(req, "/settings/outbox");
    } else if (ui_show_again(req, status, &p)) {
        outbox_page(req, &p, status_http(status));
    }
    problems_clear(&p);
}

const struct http_route ui_settings_routes[] = {
    {"GET", "/settings", get_settings, HTTP_PAGE | HTTP_CACHED},
    {"POST", "/settings", post_settings, HTTP_PAGE},
    {"GET", "/settings/users", get_users, HTTP_PAGE | HTTP_CACHED},
    {"POST", "/settings/users", post_user, HTTP_PAGE},
    {"POST", "/settings/users/{login}", post_user_change, HTTP_PAGE},
    {"GET", "/settings/tokens", get_tokens, HTTP_PAGE},
    {"POST", "/settings/tokens", post_token, HTTP_PAGE},
    {"POST", "/settings/tokens/{id}/revoke", post_revoke, HTTP_PAGE},
    {"POST", "/settings/calendar", post_calendar, HTTP_PAGE},
    {"POST", "/settings/calendar/revoke", post_calendar_revoke, HTTP_PAGE},
    {"GET", "/settings/outbox", get_outbox, HTTP_PAGE | HTTP_CACHED},
    {"POST", "/settings/outbox/{id}/retry", post_retry, HTTP_PAGE},
    {NULL, NULL, NULL, 0},
};
