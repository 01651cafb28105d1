/* SPDX-License-Identifier: MIT */
/*
 * ui_notify.c - the caller's notifications in the web UI: what the
 * scheduler told them (schedule.c, notify.c), newest first, unread ones
 * marked, each a link to its case; and the count of unread ones in the top
 * bar of every page.
 *
 *   GET  /notifications        the list
 *   POST /notifications/read   id=N marks one read; without id, all
 */
#include <stdlib.h>

#include "core/i18n.h"
#include "notify.h"
#include "web/problem.h"
#include "web/ui.h"

/* Notifications listed at most. */
#define LIST_MAX 100

/* The top bar's link to the notifications, with the unread count. */
void ui_notify_link(struct html *h, const struct http_request *req,
                    bool current)
{
    int64_t unread = 0;
    if (req->db && req->who.user_id) {
        notify_unread(req->db, req->who.user_id, &unread);
    }
    html_printf(h, "<a href=\"/notifications\"%s>%s",
                current ? " aria-current=\"page\"" : "", _("Notifications"));
    if (unread > 0) {
        html_printf(h, " <span class=\"count\" title=\"%s\">%lld</span>",
                    _("unread"), (long long)unread);
    }
    html_lit(h, "</a>");
}

/* One notification as a list item. */
static void item(struct html *h, const struct http_request *req,
                 const struct notification *n)
{
    html_printf(h, "<li class=\"%s %s\"><span class=\"what\">%s</span> ",
                NOTIFY_KIND_NAMES[n->kind], n->read_at ? "read" : "unread",
                notify_kind_label(n->kind));
    if (n->case_number) {
        html_lit(h, "<a");
        html_href(h, "/cases/%s", n->case_number);
        html_printf(h, ">%s %s / %s</a>", n->case_number,
                    n->customer_name ? n->customer_name : "",
                    n->case_title ? n->case_title : "");
    }
    html_lit(h, "<p class=\"detail\">");
    if (n->due_at) {
        ui_time(h, req, n->due_at);
        html_lit(h, " · ");
    }
    html_printf(h, "%s ", _("told"));
    ui_time(h, req, n->created_at);
    if (n->stand_in_name) {
        html_printf(h, " · %s %s", _("in place of"), n->stand_in_name);
    }
    html_lit(h, "</p>");
    if (!n->read_at) {
        html_lit(h, "<form method=\"post\" action=\"/notifications/read\" "
                    "class=\"no-print\">");
        ui_csrf_field(h, req);
        html_printf(h, "<input type=\"hidden\" name=\"id\" value=\"%lld\">"
                       "<button type=\"submit\">%s</button></form>",
                    (long long)n->id, _("Mark read"));
    }
    html_lit(h, "</li>");
}

/* GET /notifications */
static void get_notifications(struct http_request *req)
{
    struct notification *list = NULL;
    size_t n = 0;
    enum taio_status status =
        notify_list(req->db, req->who.user_id, LIST_MAX, &list, &n);
    if (status != TAIO_OK) {
        problem_reply_status(req, status, NULL);
        return;
    }
    struct html h;
    ui_page_begin(req, &h, _("Notifications"), UI_NAV_NOTIFICATIONS);
    html_printf(&h, "<h1>%s</h1>", _("Notifications"));
    html_lit(&h, "<form method=\"post\" action=\"/notifications/read\" "
                 "class=\"no-print\">");
    ui_csrf_field(&h, req);
    html_printf(&h, "<p><button type=\"submit\">%s</button></p></form>",
                _("Mark all read"));
    if (n == 0) {
        html_printf(&h, "<p class=\"empty\">%s</p>",
                    _("No notification yet."));
    }
    html_lit(&h, "<ul class=\"agenda notifications\">");
    for (size_t i = 0; i < n; i++) {
        item(&h, req, &list[i]);
    }
    html_lit(&h, "</ul>");
    notify_list_free(list, n);
    ui_page_end(req, &h, 200);
}

/* POST /notifications/read */
static void post_read(struct http_request *req)
{
    const char *id = ui_field(req, "id");
    enum taio_status status =
        notify_mark_read(req->db, req->who.user_id, id ? ui_id(id) : 0,
                         req->now);
    if (status == TAIO_OK) {
        http_redirect(req, "/notifications");
    } else {
        problem_reply_status(req, status, NULL);
    }
}

const struct http_route ui_notify_routes[] = {
    {"GET", "/notifications", get_notifications, HTTP_PAGE | HTTP_CACHED},
    {"POST", "/notifications/read", post_read, HTTP_PAGE},
    {NULL, NULL, NULL, 0},
};
