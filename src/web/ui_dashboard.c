/* SPDX-License-Identifier: MIT */
/*
 * ui_dashboard.c - the first page after logging in: what needs attention
 * now, most urgent first (agenda.c's rules), with live countdowns.
 *
 *   GET /                   the caller's agenda; ?view=team: everyone's
 *                           (managers and admins)
 *   GET /dashboard/agenda   the same list alone, which the page reloads
 *                           every half minute (taio.js), so a promise
 *                           coming due appears without a reload
 *
 * Both are kept by the answer cache until the data or the clock's second
 * changes, so a room full of open dashboards costs one agenda per change.
 */
#include <string.h>

#include "agenda.h"
#include "core/i18n.h"
#include "core/timeutil.h"
#include "web/problem.h"
#include "web/ui.h"

/* Items listed at most; the counts still cover every item. */
#define LIST_MAX 100

/* Which agenda the page shows. */
struct dashboard_view {
    bool team;       /* everyone's, not the caller's */
    int64_t user_id; /* 0 for the team */
};

/* The line under an item: what exactly is due, and how urgent. */
static void item_detail(struct html *h, const struct http_request *req,
                        const struct agenda_item *it)
{
    html_lit(h, "<p class=\"detail\">");
    switch (it->kind) {
    case AGENDA_PROMISE_BROKEN:
    case AGENDA_PROMISE_DUE:
        html_printf(h, "%s %s: %s ", _("Promised to"),
                    it->to_whom ? it->to_whom : "-",
                    it->promise_body ? it->promise_body : "");
        html_printf(h, "(%s ", _("due"));
        ui_time(h, req, it->due_at);
        html_lit(h, ") ");
        ui_countdown(h, req, it->due_at);
        break;
    case AGENDA_SILENT:
        html_printf(h, "%s ", _("Last contact by us:"));
        if (it->last_outbound_at) {
            ui_time(h, req, it->last_outbound_at);
        } else {
            html_text(h, _("never"));
        }
        html_printf(h, "; %s ", _("next update:"));
        ui_countdown(h, req, it->since_at);
        break;
    case AGENDA_NO_ETA:
        html_printf(h, "%s ", _("No ETA given yet:"));
        ui_countdown(h, req, it->since_at);
        break;
    case AGENDA_DEADLINE_RISK:
        html_printf(h, "%s ", _("Deadline"));
        ui_time(h, req, it->due_at);
        html_lit(h, " ");
        ui_countdown(h, req, it->due_at);
        if (it->eta_after_deadline) {
            html_printf(h, " — %s", _("the ETA is after the deadline"));
        }
        break;
    case AGENDA_KIND_COUNT:
        break;
    }
    html_lit(h, "</p>");
}

/* When the list was made, the counts of each kind, then the items (at
 * most LIST_MAX). */
static void agenda_list(struct html *h, const struct http_request *req,
                        const struct agenda_item *items, size_t n)
{
    html_printf(h, "<p class=\"muted\">%s ", _("Shown at"));
    ui_time(h, req, req->now);
    html_lit(h, "</p>");
    size_t counts[AGENDA_KIND_COUNT];
    agenda_count(items, n, counts);
    html_lit(h, "<ul class=\"counts\">");
    for (int k = 0; k < AGENDA_KIND_COUNT; k++) {
        html_printf(h, "<li class=\"%s\"><b>%zu</b>%s</li>",
                    AGENDA_KIND_NAMES[k], counts[k],
                    agenda_kind_label((enum agenda_kind)k));
    }
    html_lit(h, "</ul>");
    if (n == 0) {
        html_printf(h, "<p class=\"empty\">%s</p>",
                    _("Nothing needs attention now."));
        return;
    }
    html_lit(h, "<ul class=\"agenda\">");
    for (size_t i = 0; i < n && i < LIST_MAX; i++) {
        const struct agenda_item *it = &items[i];
        html_printf(h,
                    "<li class=\"%s\"><span class=\"what\">%s</span>"
                    "<a class=\"case\"",
                    AGENDA_KIND_NAMES[it->kind], agenda_kind_label(it->kind));
        html_href(h, "/cases/%s", it->case_number);
        html_printf(h, ">%s %s / %s</a> <span class=\"muted\">[%s]</span>",
                    it->case_number, it->customer_name, it->case_title,
                    it->owner_login ? it->owner_login : _("unassigned"));
        item_detail(h, req, it);
        html_lit(h, "</li>");
    }
    html_lit(h, "</ul>");
    if (n > LIST_MAX) {
        html_printf(h, "<p class=\"muted\">%s %zu</p>",
                    _("Not listed here, less urgent:"), n - LIST_MAX);
    }
}

/* Read ?view (the team's only for those who lead one) into v and collect
 * that agenda; false, with the error answered, on failure. */
static bool load(struct http_request *req, struct dashboard_view *v,
                 struct agenda_item **items, size_t *n)
{
    const char *view = http_query(req, "view");
    v->team = view && strcmp(view, "team") == 0 &&
              user_can(&req->actor, USER_ACT_TEAM);
    v->user_id = v->team ? 0 : req->who.user_id;
    enum taio_status status = agenda_collect(req->db, &req->settings,
                                             v->user_id, req->now, items, n);
    if (status != TAIO_OK) {
        problem_reply_status(req, status, NULL);
        return false;
    }
    return true;
}

/* GET / */
static void get_dashboard(struct http_request *req)
{
    struct dashboard_view v;
    struct agenda_item *items = NULL;
    size_t n = 0;
    if (!load(req, &v, &items, &n)) {
        return;
    }
    struct html h;
    const char *title = v.team ? _("The team's agenda") : _("My agenda");
    ui_page_begin(req, &h, title, UI_NAV_DASHBOARD);
    html_printf(&h, "<h1>%s</h1>", title);
    if (user_can(&req->actor, USER_ACT_TEAM)) {
        html_printf(&h,
                    "<p class=\"no-print\"><a href=\"%s\">%s</a></p>",
                    v.team ? "/" : "/?view=team",
                    v.team ? _("Show my agenda") : _("Show the team's agenda"));
    }
    html_printf(&h, "<section id=\"agenda\" aria-live=\"polite\" "
                    "data-refresh=\"/dashboard/agenda%s\">",
                v.team ? "?view=team" : "");
    agenda_list(&h, req, items, n);
    html_lit(&h, "</section>");
    agenda_free(items, n);
    ui_page_end(req, &h, 200);
}

/* GET /dashboard/agenda: the list alone. */
static void get_agenda_part(struct http_request *req)
{
    struct dashboard_view v;
    struct agenda_item *items = NULL;
    size_t n = 0;
    if (!load(req, &v, &items, &n)) {
        return;
    }
    struct html h;
    buf_reset(&req->out);
    html_init(&h, &req->out);
    /* The server's clock as of this list, for taio.js's countdowns: the
     * page's own data-now is as old as the page. */
    html_printf(&h, "<span hidden data-now=\"%lld\"></span>",
                (long long)req->now);
    agenda_list(&h, req, items, n);
    agenda_free(items, n);
    req->status = 200;
    req->content_type = "text/html; charset=utf-8";
}

const struct http_route ui_dashboard_routes[] = {
    {"GET", "/", get_dashboard, HTTP_PAGE | HTTP_CACHED},
    {"GET", "/dashboard/agenda", get_agenda_part, HTTP_PAGE | HTTP_CACHED},
    {NULL, NULL, NULL, 0},
};
