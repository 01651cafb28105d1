/* SPDX-License-Identifier: MIT */
/*
 * ui_page.c - what every page of the web UI shares: the head with its
 * security headers, the top bar (navigation, language switch, logout),
 * error pages, times in the organisation's zone with live countdowns, and
 * the embedded style sheet and script.
 *
 * Pages are complete without JavaScript. taio.js only counts down times
 * and reloads parts marked data-refresh; it gets the server's clock and
 * the translated words through data-* attributes of <body>, never through
 * inline script, so the Content-Security-Policy forbids inline script and
 * every other origin.
 */
#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/timeutil.h"
#include "web/ui.h"

/* The embedded files (generated from web/static/ by tools/embed_file.py) */
extern const char ui_css[];
extern const size_t ui_css_len;
extern const char ui_css_etag[];
extern const char ui_js[];
extern const size_t ui_js_len;
extern const char ui_js_etag[];

/* Seconds between reloads of the parts marked data-refresh. */
#define UI_REFRESH_SECONDS 30

static const char CSP[] =
    "default-src 'none'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'";

/* Headers every page carries besides http.c's (nosniff, no-store: pages
 * hold personal data, and Referrer-Policy). */
static void page_headers(struct http_request *req)
{
    http_add_header(req, "Content-Security-Policy", CSP);
}

/* One navigation link, marked when it is the current page. */
static void nav_link(struct html *h, const char *path, const char *label,
                     bool current)
{
    html_printf(h, "<a href=\"%s\"", path);
    if (current) {
        html_lit(h, " aria-current=\"page\"");
    }
    html_printf(h, ">%s</a>", label);
}

/* The language switch: one small form per language, so it works without
 * JavaScript; the current language is pressed. */
static void language_switch(struct html *h, const struct http_request *req)
{
    static const char *const LABELS[] = {"日本語", "English"};
    struct buf here = {0};
    http_target(req, &here);
    html_lit(h, "<div class=\"langs\">");
    for (int l = 0; l < I18N_LANG_COUNT; l++) {
        html_printf(h,
                    "<form method=\"post\" action=\"/lang\">"
                    "<input type=\"hidden\" name=\"lang\" value=\"%s\">"
                    "<input type=\"hidden\" name=\"next\" value=\"%s\">",
                    I18N_LANG_NAMES[l], buf_str(&here));
        ui_csrf_field(h, req);
        html_printf(h,
                    "<button type=\"submit\" lang=\"%s\" "
                    "aria-pressed=\"%s\">%s</button></form>",
                    I18N_LANG_NAMES[l],
                    (int)req->lang == l ? "true" : "false", LABELS[l]);
    }
    html_lit(h, "</div>");
    buf_clear(&here);
}

/* The bar at the top: the name, the navigation, who is logged in. */
static void top_bar(struct html *h, const struct http_request *req,
                    enum ui_nav current)
{
    html_printf(h, "<a class=\"skip\" href=\"#main\">%s</a>",
                _("Skip to the content"));
    html_lit(h, "<header class=\"top\"><a class=\"brand\" href=\"/\">taio</a>");
    if (req->who.user_id) {
        html_printf(h, "<nav aria-label=\"%s\">", _("Main"));
        nav_link(h, "/", _("Dashboard"), current == UI_NAV_DASHBOARD);
        nav_link(h, "/intake", _("New case"), current == UI_NAV_INTAKE);
        nav_link(h, "/memo", _("Phone memo"), current == UI_NAV_MEMO);
        nav_link(h, "/customers", _("Customers"),
                 current == UI_NAV_CUSTOMERS);
        nav_link(h, "/presence", _("Presence"), current == UI_NAV_PRESENCE);
        nav_link(h, "/search", _("Search"), current == UI_NAV_SEARCH);
        nav_link(h, "/metrics", _("Metrics"), current == UI_NAV_METRICS);
        nav_link(h, "/settings", _("Settings"), current == UI_NAV_SETTINGS);
        ui_notify_link(h, req, current == UI_NAV_NOTIFICATIONS);
        html_lit(h, "</nav>");
    }
    html_lit(h, "<div class=\"who\">");
    language_switch(h, req);
    if (req->who.user_id) {
        html_printf(h, "<span>%s</span>", req->who.login);
        html_lit(h, "<form method=\"post\" action=\"/logout\">");
        ui_csrf_field(h, req);
        html_printf(h, "<button type=\"submit\">%s</button></form>",
                    _("Log out"));
    }
    html_lit(h, "</div></header>");
}

/* Begin a page: the head, <body> with what taio.js needs, the top bar and
 * <main>. The page then writes its content through h and ends with
 * ui_page_end(). */
void ui_page_begin(struct http_request *req, struct html *h,
                   const char *title, enum ui_nav current)
{
    buf_reset(&req->out);
    html_init(h, &req->out);
    html_printf(h,
                "<!DOCTYPE html>\n<html lang=\"%s\"><head>"
                "<meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, "
                "initial-scale=1\">"
                "<title>%s - taio</title>"
                /* No icon: without this line browsers ask for
                 * /favicon.ico and log its 404. */
                "<link rel=\"icon\" href=\"data:,\">"
                "<link rel=\"stylesheet\" href=\"/static/taio.css\">"
                "<script src=\"/static/taio.js\" defer></script>"
                "</head>",
                I18N_LANG_NAMES[req->lang], title);
    html_printf(h,
                "<body data-now=\"%lld\" data-refresh-seconds=\"%d\" "
                "data-t-left=\"%s\" data-t-overdue=\"%s\" data-t-min=\"%s\" "
                "data-t-hmin=\"%s\" data-t-day=\"%s\" data-t-days=\"%s\">",
                (long long)req->now, UI_REFRESH_SECONDS, _("%s left"),
                _("%s overdue"), _("%lld min"), _("%lld h %lld min"),
                ngettext("%lld day", "%lld days", 1),
                ngettext("%lld day", "%lld days", 2));
    top_bar(h, req, current);
    html_lit(h, "<main id=\"main\">");
}

/* End the page begun by ui_page_begin() and answer it with status. */
void ui_page_end(struct http_request *req, struct html *h, int status)
{
    html_printf(h, "</main><footer>taio %s</footer></body></html>\n",
                _("trouble and complaint desk"));
    page_headers(req);
    req->status = status;
    req->content_type = "text/html; charset=utf-8";
}

/* The invalid fields, each with what is wrong, in an alert box, named as
 * the domain names them (see ui_problems_for() for labels). */
void ui_problems(struct html *h, const struct problems *problems)
{
    ui_problems_for(h, problems, NULL);
}

/* An error as a page (http_options.error_page). */
void ui_error_page(struct http_request *req, int status, const char *message,
                   const struct problems *problems)
{
    struct html h;
    char title[64];
    snprintf(title, sizeof(title), "%d", status);
    ui_page_begin(req, &h, title, UI_NAV_NONE);
    html_printf(&h, "<h1>%s</h1><div class=\"card\"><p>%s</p>", title,
                message ? message : "");
    ui_problems(&h, problems);
    html_printf(&h, "<p><a href=\"/\">%s</a></p></div>",
                _("Back to the dashboard"));
    ui_page_end(req, &h, status);
}

/* The hidden field that proves a form was made by this server for this
 * session (checked by http.c before any handler runs). */
void ui_csrf_field(struct html *h, const struct http_request *req)
{
    if (req->who.csrf_token) {
        html_printf(h, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
                    req->who.csrf_token);
    }
}

/* A moment in the organisation's zone, machine-readable too. */
void ui_time(struct html *h, const struct http_request *req, int64_t at)
{
    char iso[TIMEUTIL_ISO_MAX];
    char local[TIMEUTIL_ISO_MAX];
    timeutil_format_iso(req->settings.zone, at, iso);
    timeutil_format_local(req->settings.zone, at, local);
    html_printf(h, "<time datetime=\"%s\">%s</time>", iso, local);
}

/* How long until at ("12 min left") or since ("3 min overdue"), kept
 * current by taio.js. */
void ui_countdown(struct html *h, const struct http_request *req,
                  int64_t at)
{
    int64_t diff = at - req->now;
    char span[64];
    timeutil_format_span(diff < 0 ? -diff : diff, span, sizeof(span));
    char text[96];
    snprintf(text, sizeof(text), diff < 0 ? _("%s overdue") : _("%s left"),
             span);
    html_printf(h, "<span class=\"countdown%s\" data-at=\"%lld\">%s</span>",
                diff < 0 ? " overdue" : "", (long long)at, text);
}

/* next when it is a path on this server ("/x", not "//host" or
 * "http:..."), else "/": where a form may send the browser afterwards. */
const char *ui_local_path(const char *next)
{
    if (next && next[0] == '/' && next[1] != '/' && next[1] != '\\' &&
        strpbrk(next, "\r\n") == NULL) {
        return next;
    }
    return "/";
}

/* Answer an embedded file, or 304 when the browser has this version. */
static void send_static(struct http_request *req, const char *type,
                        const char *data, size_t len, const char *etag)
{
    http_add_header(req, "ETag", etag);
    http_add_header(req, "Cache-Control", "no-cache");
    const char *seen = http_header(req, "If-None-Match");
    if (seen && strcmp(seen, etag) == 0) {
        http_reply(req, 304, type, "", 0);
        return;
    }
    http_reply(req, 200, type, data, len);
}

/* GET /static/taio.css */
static void get_css(struct http_request *req)
{
    send_static(req, "text/css; charset=utf-8", ui_css, ui_css_len,
                ui_css_etag);
}

/* GET /static/taio.js */
static void get_js(struct http_request *req)
{
    send_static(req, "text/javascript; charset=utf-8", ui_js, ui_js_len,
                ui_js_etag);
}

const struct http_route ui_page_routes[] = {
    {"GET", "/static/taio.css", get_css, HTTP_PUBLIC | HTTP_NO_STORE},
    {"GET", "/static/taio.js", get_js, HTTP_PUBLIC | HTTP_NO_STORE},
    {NULL, NULL, NULL, 0},
};

const struct http_route *const ui_tables[] = {
    ui_page_routes,
    ui_session_routes,
    ui_dashboard_routes,
    ui_case_routes,
    ui_intake_routes,
    ui_customer_routes,
    ui_memo_routes,
    ui_presence_routes,
    ui_settings_routes,
    ui_notify_routes,
    ui_search_routes,
    ui_report_routes,
    ui_lesson_routes,
    ui_checklist_routes,
    ui_metrics_routes,
    NULL,
};
