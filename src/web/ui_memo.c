/* SPDX-License-Identifier: MIT */
/*
 * ui_memo.c - the phone memo (伝言メモ): a caller asks for someone who is
 * not there.
 *
 *   GET  /memo                   who they asked for (with where each
 *                                colleague is, why, and when back) and who
 *                                is calling (type-ahead)
 *   GET  /memo?for=LOGIN&customer=ID
 *                                the memo: the reason to tell the caller
 *                                and the return time filled in from the
 *                                presence board
 *   POST /memo                   leave it; ?left=NUMBER confirms
 *
 * A memo is a case of kind inquiry owned by the person asked for: the
 * caller's question in their words, a note of what the caller was told,
 * and the callback promised, so it lands on that person's agenda with a
 * countdown and cannot be lost like a sticky note.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contact.h"
#include "core/i18n.h"
#include "core/timeutil.h"
#include "core/validate.h"
#include "input.h"
#include "intake.h"
#include "web/problem.h"
#include "web/ui.h"

static const struct ui_label LABELS[] = {
    {"for", N_("Asked for")},
    {"customer", N_("Customer")},
    {"caller", N_("Caller")},
    {"promise-to", N_("Caller")},
    {"to", N_("Caller")},
    {"reported", N_("Question")},
    {"question", N_("Question")},
    {"told", N_("What the caller was told")},
    {"note", N_("What the caller was told")},
    {"callback", N_("Call back by")},
    {"due", N_("Call back by")},
    {"title", N_("Title")},
    {"owner", N_("Asked for")},
    {NULL, NULL},
};

/* The colleagues as links that choose one, each with where they are;
 * chosen (may be NULL) is marked. */
static void colleagues(struct html *h, struct http_request *req,
                       const struct user *users, size_t n,
                       const char *chosen, int64_t customer_id)
{
    html_printf(h, "<section class=\"card\"><h2>%s</h2><ul class=\"plain "
                   "people\">",
                _("1. Who did they ask for?"));
    for (size_t i = 0; i < n; i++) {
        const struct user *u = &users[i];
        if (!u->active || u->role == USER_VIEWER) {
            continue;
        }
        bool is_chosen = chosen && strcmp(chosen, u->login) == 0;
        html_printf(h, "<li%s><a", is_chosen ? " class=\"chosen\"" : "");
        if (customer_id) {
            html_href(h, "/memo?for=%s&customer=%lld", u->login,
                      (long long)customer_id);
        } else {
            html_href(h, "/memo?for=%s", u->login);
        }
        if (is_chosen) {
            html_lit(h, " aria-current=\"true\"");
        }
        html_printf(h, "><b>%s</b></a> ", u->display_name);
        ui_presence_text(h, req, u);
        html_lit(h, "</li>");
    }
    html_lit(h, "</ul></section>");
}

/* What the clerk can tell the caller about u, in words: filled into the
 * memo, and editable. */
static void told_text(const struct http_request *req, const struct user *u,
                      char *out, size_t size)
{
    char back[TIMEUTIL_ISO_MAX] = "";
    if (u->presence_until) {
        timeutil_format_local(req->settings.zone, u->presence_until, back);
    }
    snprintf(out, size, "%s%s%s%s%s", user_presence_label(u->presence),
             u->presence_reason && u->presence_reason[0] ? ": " : "",
             u->presence_reason ? u->presence_reason : "",
             back[0] ? " / " : "", back);
    if (back[0]) {
        size_t used = strlen(out);
        snprintf(out + used, size - used, " %s", _("back"));
    }
}

/* The memo form for colleague u and customer c. */
static void memo_form(struct html *h, struct http_request *req,
                      const struct user *u, const struct customer *c,
                      const struct problems *p)
{
    html_printf(h, "<section class=\"card\" id=\"memo\"><h2>%s</h2>",
                _("3. The message"));
    html_printf(h, "<p class=\"tell\">%s <b>%s</b>: ",
                _("Tell the caller where"), u->display_name);
    ui_presence_text(h, req, u);
    html_lit(h, "</p>");
    ui_problems_for(h, p, LABELS);
    html_lit(h, "<form method=\"post\" action=\"/memo\" class=\"stack wide\">");
    ui_csrf_field(h, req);
    html_printf(h, "<input type=\"hidden\" name=\"for\" value=\"%s\">"
                   "<input type=\"hidden\" name=\"customer\" value=\"%lld\">",
                u->login, (long long)c->id);
    struct contact *list = NULL;
    size_t n = 0;
    const char *first = NULL;
    if (contact_list(req->db, c->id, &list, &n) == TAIO_OK && n > 0) {
        first = list[0].name;
    }
    const char *caller = form_get(&req->form, "caller");
    ui_input(h, "memo-caller", "caller", _("Caller"),
             caller ? caller : first, _("name of the person calling"),
             UI_REQUIRED);
    contact_list_free(list, n);
    const char *question = form_get(&req->form, "question");
    ui_textarea(h, "memo-question", "question", _("Question"), question, 3,
                UI_REQUIRED | UI_AUTOFOCUS);
    char told[512];
    told_text(req, u, told, sizeof(told));
    const char *told_posted = form_get(&req->form, "told");
    ui_input(h, "memo-told", "told", _("What the caller was told"),
             told_posted ? told_posted : told, NULL, 0);
    char due[TIMEUTIL_ISO_MAX] = "";
    if (u->presence_until > req->now) {
        timeutil_format_local(req->settings.zone, u->presence_until, due);
    }
    const char *due_posted = form_get(&req->form, "callback");
    ui_input(h, "memo-callback", "callback", _("Call back by"),
             due_posted ? due_posted : due, _("e.g. 15:30 or +1h"),
             UI_REQUIRED);
    html_printf(h, "<div><button class=\"primary\" type=\"submit\">%s"
                   "</button></div></form></section>",
                _("Leave the message"));
}

/* The page; for/customer_id choose the colleague and the caller's
 * customer (each may be missing); p: a refused post's problems. */
static void memo_page(struct http_request *req, const char *for_login,
                      int64_t customer_id, const struct problems *p,
                      int status)
{
    struct user *users = NULL;
    size_t n = 0;
    if (!ui_staff(req, &users, &n)) {
        return;
    }
    struct html h;
    ui_page_begin(req, &h, _("Phone memo"), UI_NAV_MEMO);
    html_printf(&h, "<h1>%s</h1>", _("Phone memo"));
    const char *left = http_query(req, "left");
    if (left && p == NULL) {
        html_printf(&h, "<div class=\"ok-box\" role=\"status\"><p>%s <a",
                    _("Message left:"));
        html_href(&h, "/cases/%s", left);
        html_printf(&h, ">%s</a></p></div>", left);
    }
    const struct user *chosen = NULL;
    for (size_t i = 0; for_login && i < n; i++) {
        if (strcmp(users[i].login, for_login) == 0) {
            chosen = &users[i];
        }
    }
    colleagues(&h, req, users, n, chosen ? chosen->login : NULL,
               customer_id);
    struct customer c = {0};
    bool has_customer =
        customer_id && customer_get(req->db, customer_id, &c) == TAIO_OK;
    html_printf(&h, "<section class=\"card\"><h2>%s</h2>",
                _("2. Who is calling?"));
    if (has_customer) {
        ui_customer_card(&h, req, &c);
        html_lit(&h, "<p class=\"no-print\"><a");
        if (chosen) {
            html_href(&h, "/memo?for=%s", chosen->login);
        } else {
            html_lit(&h, " href=\"/memo\"");
        }
        html_printf(&h, ">%s</a></p>", _("Another customer"));
    } else {
        ui_customer_search(&h, req, "/memo", "memo");
    }
    html_lit(&h, "</section>");
    if (chosen && has_customer) {
        memo_form(&h, req, chosen, &c, p);
    } else {
        ui_problems_for(&h, p, LABELS);
    }
    customer_clear(&c);
    user_list_free(users, n);
    ui_page_end(req, &h, status);
}

/* GET /memo */
static void get_memo(struct http_request *req)
{
    memo_page(req, http_query(req, "for"),
              ui_id(http_query(req, "customer")), NULL, 200);
}

/* Leave the memo: the case with its promise (intake.c) and the note of
 * what the caller was told, in one transaction. */
static enum taio_status leave(struct http_request *req, int64_t owner_id,
                              int64_t customer_id, struct problems *p,
                              int64_t *case_id)
{
    const char *caller = ui_field(req, "caller");
    struct user asked;
    if (user_get(req->db, owner_id, &asked) != TAIO_OK) {
        return TAIO_EDB;
    }
    /* The title names both; the caller's name is kept short enough for
     * it (a cut one would end inside a character). */
    validate_text(p, "caller", caller, true, 60);
    struct buf title = {0};
    buf_printf(&title, _("Message from %s for %s"), caller ? caller : "?",
               asked.display_name);
    user_clear(&asked);
    struct intake_input in = {
        .open = {.kind = "inquiry", .title = buf_str(&title),
                 .reported = ui_field(req, "question"), .channel = "phone",
                 .customer_id = customer_id, .owner_id = owner_id},
        .promise = true,
        .promise_to = caller,
    };
    const char *callback = ui_field(req, "callback");
    if (!callback) {
        problems_add(p, "callback", "%s", _("is required"));
    } else {
        input_time(&req->settings, req->now, "callback", callback,
                   &in.promise_due_at, p);
    }
    if (problems_any(p)) {
        buf_clear(&title);
        return TAIO_EINVAL;
    }
    enum taio_status status = db_begin(req->db);
    if (status == TAIO_OK) {
        status = intake_open(req->db, &req->actor, &req->settings, &in, p,
                             case_id);
    }
    const char *told = ui_field(req, "told");
    if (status == TAIO_OK && told) {
        struct buf note = {0};
        buf_printf(&note, "%s %s", _("Told the caller:"), told);
        status = case_add_note(req->db, &req->actor, *case_id,
                               buf_str(&note), p, NULL);
        buf_clear(&note);
    }
    buf_clear(&title);
    return db_end(req->db, status);
}

/* POST /memo */
static void post_memo(struct http_request *req)
{
    struct problems p = {0};
    const char *for_login = ui_field(req, "for");
    int64_t customer_id = ui_id(ui_field(req, "customer"));
    int64_t owner_id = 0;
    if (!for_login) {
        problems_add(&p, "for", "%s", _("is required"));
    } else {
        input_user(req->db, "for", for_login, &owner_id, &p);
    }
    if (customer_id == 0) {
        problems_add(&p, "customer", "%s", _("is required"));
    }
    int64_t case_id = 0;
    enum taio_status status =
        problems_any(&p) ? TAIO_EINVAL
                         : leave(req, owner_id, customer_id, &p, &case_id);
    struct case_rec c;
    if (status == TAIO_OK) {
        status = case_get(req->db, case_id, &c);
    }
    if (status == TAIO_OK) {
        struct buf where = {0};
        buf_puts(&where, "/memo?left=");
        html_url_part(&where, c.number);
        http_redirect(req, buf_str(&where));
        buf_clear(&where);
        case_rec_clear(&c);
    } else if (ui_show_again(req, status, &p)) {
        memo_page(req, for_login, customer_id, &p, status_http(status));
    }
    problems_clear(&p);
}

const struct http_route ui_memo_routes[] = {
    {"GET", "/memo", get_memo, HTTP_PAGE | HTTP_CACHED},
    {"POST", "/memo", post_memo, HTTP_PAGE},
    {NULL, NULL, NULL, 0},
};
