/* SPDX-License-Identifier: MIT */
/*
 * ui_metrics.c - the metrics page (metrics.c): the figures of a period
 * for everyone or one manager's team, a weekly trend and breakdowns drawn
 * by the server as SVG (no script, prints as it shows), and each table as
 * CSV for Excel.
 *
 *   GET /metrics?from=&to=&team=
 */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/i18n.h"
#include "core/timeutil.h"
#include "input.h"
#include "metrics_csv.h"
#include "user.h"
#include "web/problem.h"
#include "web/ui.h"

static const struct ui_label LABELS[] = {
    {"from", N_("From")},
    {"to", N_("Until")},
    {"team", N_("Team")},
    {NULL, NULL},
};

/* Chart geometry, in SVG units. */
#define CHART_W 640
#define LABEL_W 180
#define ROW_H 24
#define WEEK_H 180

/* One figure of the summary. */
static void figure(struct html *h, const char *label, int64_t value,
                   const char *unit)
{
    char text[32] = "—";
    if (value >= 0) {
        snprintf(text, sizeof(text), "%lld%s", (long long)value, unit);
    }
    html_printf(h, "<div class=\"figure\"><span>%s</span><b>%s</b></div>",
                label, text);
}

static void summary(struct html *h, const struct metrics *m)
{
    html_lit(h, "<section class=\"card figures\" id=\"summary\">");
    figure(h, _("Cases received"), m->cases, "");
    figure(h, _("Promises kept on time (%)"),
           metrics_percent(m->promises_on_time, m->promises_due), "%");
    figure(h, _("First contact, median (min)"),
           m->first_contact.n ? m->first_contact.median_min : -1, "");
    figure(h, _("First ETA, median (min)"),
           m->first_eta.n ? m->first_eta.median_min : -1, "");
    figure(h, _("Longest silence, max (min)"),
           m->silence.n ? m->silence.max_min : -1, "");
    figure(h, _("Longest silence, median (min)"),
           m->silence.n ? m->silence.median_min : -1, "");
    figure(h, _("Resolution, median (min)"),
           m->resolution.n ? m->resolution.median_min : -1, "");
    figure(h, _("Reports submitted the same day (%)"),
           metrics_percent(m->reports_same_day, m->reports_due), "%");
    figure(h, _("Recurrences (same customer and cause within 90 days)"),
           m->recurrences, "");
    html_lit(h, "</section>");
}

/* The weekly trend: cases received as bars, promises kept on time (%)
 * as dots joined by a line. */
static void week_chart(struct html *h, const struct http_request *req,
                       const struct metrics *m)
{
    int64_t most = 1;
    for (size_t i = 0; i < m->n_weeks; i++) {
        most = m->weeks[i].cases > most ? m->weeks[i].cases : most;
    }
    int n = (int)m->n_weeks;
    int slot = n ? (CHART_W - 40) / n : CHART_W;
    html_printf(h, "<figure class=\"chart\"><svg viewBox=\"0 0 %d %d\" "
                   "role=\"img\" aria-labelledby=\"weeks-title\">"
                   "<title id=\"weeks-title\">%s</title>",
                CHART_W, WEEK_H + 30,
                _("Cases received and promises kept on time, by week"));
    struct buf line = {0};
    for (int i = 0; i < n; i++) {
        const struct metrics_week *w = &m->weeks[i];
        int height = (int)(w->cases * (WEEK_H - 10) / most);
        int x = 20 + i * slot;
        html_printf(h, "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" "
                       "height=\"%d\"><title>%lld</title></rect>",
                    x, WEEK_H - height, slot > 3 ? slot - 2 : 1, height,
                    (long long)w->cases);
        int64_t pct = metrics_percent(w->promises_on_time, w->promises_due);
        if (pct >= 0) {
            int y = WEEK_H - (int)(pct * (WEEK_H - 10) / 100);
            buf_printf(&line, "%d,%d ", x + slot / 2, y);
            html_printf(h, "<circle class=\"dot\" cx=\"%d\" cy=\"%d\" "
                           "r=\"3\"><title>%lld%%</title></circle>",
                        x + slot / 2, y, (long long)pct);
        }
        if (i % 4 == 0) {
            char day[TIMEUTIL_ISO_MAX];
            timeutil_format_local(req->settings.zone, w->start_at, day);
            day[10] = '\0';
            html_printf(h, "<text x=\"%d\" y=\"%d\" class=\"axis\">%s</text>",
                        x, WEEK_H + 18, day + 5);
        }
    }
    if (line.len) {
        html_printf(h, "<polyline class=\"line\" points=\"%s\"/>",
                    buf_str(&line));
    }
    buf_clear(&line);
    html_printf(h, "</svg><figcaption>%s</figcaption></figure>",
                _("Bars: cases received. Dots: promises kept on time (%)."));
}

/* A breakdown as horizontal bars, the largest ten. */
static void bars(struct html *h, const struct metrics *m, const char *table,
                 const char *title)
{
    const struct metrics_counts *c = metrics_breakdown(m, table);
    size_t n = c->n < 10 ? c->n : 10;
    int64_t most = n ? c->items[0].n : 1;
    html_printf(h, "<figure class=\"chart\"><figcaption>%s</figcaption>",
                title);
    if (n == 0) {
        html_printf(h, "<p class=\"muted\">%s</p></figure>", _("None."));
        return;
    }
    html_printf(h, "<svg viewBox=\"0 0 %d %d\" role=\"img\" "
                   "aria-label=\"%s\">",
                CHART_W, (int)n * ROW_H + 4, title);
    for (size_t i = 0; i < n; i++) {
        int y = (int)i * ROW_H;
        int width = (int)(c->items[i].n * (CHART_W - LABEL_W - 60) / most);
        html_printf(h, "<text x=\"%d\" y=\"%d\" class=\"label\">%s</text>"
                       "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" "
                       "height=\"%d\"/><text x=\"%d\" y=\"%d\" "
                       "class=\"value\">%lld</text>",
                    LABEL_W - 8, y + 16,
                    metrics_label(table, c->items[i].name), LABEL_W, y + 3,
                    width > 1 ? width : 1, ROW_H - 6,
                    LABEL_W + (width > 1 ? width : 1) + 6, y + 16,
                    (long long)c->items[i].n);
    }
    html_lit(h, "</svg></figure>");
}

/* The filter form: period and team (the managers). */
static void filter_form(struct html *h, struct http_request *req)
{
    html_lit(h, "<form method=\"get\" action=\"/metrics\" "
                "class=\"stack wide no-print\">");
    ui_input(h, "metrics-from", "from", _("From"), http_query(req, "from"),
             _("e.g. 2026-04-01 (default: 90 days ago)"), 0);
    ui_input(h, "metrics-to", "to", _("Until"), http_query(req, "to"),
             _("default: now"), 0);
    struct user *users = NULL;
    size_t n = 0;
    const char *values[64] = {""};
    const char *labels[64] = {_("everyone")};
    size_t k = 1;
    if (ui_staff(req, &users, &n)) {
        for (size_t i = 0; i < n && k < 64; i++) {
            if (users[i].role == USER_MANAGER) {
                values[k] = users[i].login;
                labels[k++] = users[i].display_name;
            }
        }
    }
    const char *team = http_query(req, "team");
    ui_select(h, "metrics-team", "team", _("Team"), k, values, labels,
              team ? team : "");
    html_printf(h, "<div><button class=\"primary\" type=\"submit\">%s"
                   "</button></div></form>",
                _("Show"));
    user_list_free(users, n);
}

/* Links to every table as CSV, for the same period and team. */
static void csv_links(struct html *h, struct http_request *req)
{
    struct buf query = {0};
    const char *const keys[] = {"from", "to", "team"};
    for (size_t i = 0; i < 3; i++) {
        const char *v = http_query(req, keys[i]);
        if (v && *v) {
            buf_printf(&query, "&%s=", keys[i]);
            html_url_part(&query, v);
        }
    }
    html_printf(h, "<section class=\"card no-print\" id=\"csv\"><h2>%s</h2>"
                   "<ul class=\"plain\">",
                _("Download for Excel (CSV)"));
    static const char *const TITLES[] = {N_("Summary"),     N_("By week"),
                                         N_("By kind"),     N_("By cause"),
                                         N_("By customer"), N_("By owner")};
    for (size_t i = 0; METRICS_TABLES[i]; i++) {
        html_printf(h, "<li>%s: <a href=\"/api/v1/metrics/%s?encoding=utf-8"
                       "%s\">UTF-8</a> · <a href=\"/api/v1/metrics/%s?"
                       "encoding=cp932%s\">Shift_JIS</a></li>",
                    _(TITLES[i]), METRICS_TABLES[i], buf_str(&query),
                    METRICS_TABLES[i], buf_str(&query));
    }
    html_lit(h, "</ul></section>");
    buf_clear(&query);
}

/* GET /metrics */
static void get_metrics(struct http_request *req)
{
    struct problems p = {0};
    struct metrics_query q;
    struct metrics m = {0};
    enum taio_status status = TAIO_EINVAL;
    if (input_metrics_query(req->db, &req->settings, req->now,
                            http_query(req, "from"), http_query(req, "to"),
                            http_query(req, "team"), &q, &p)) {
        status = metrics_compute(req->db, &req->settings, &q, req->now, &p,
                                 &m);
    }
    if (status != TAIO_OK && status != TAIO_EINVAL) {
        problem_reply_status(req, status, NULL);
        problems_clear(&p);
        return;
    }
    struct html h;
    ui_page_begin(req, &h, _("Metrics"), UI_NAV_METRICS);
    html_printf(&h, "<h1>%s</h1>", _("Metrics"));
    ui_problems_for(&h, status == TAIO_OK ? NULL : &p, LABELS);
    filter_form(&h, req);
    if (status == TAIO_OK) {
        char from[TIMEUTIL_ISO_MAX];
        char to[TIMEUTIL_ISO_MAX];
        timeutil_format_local(req->settings.zone, q.from_at, from);
        timeutil_format_local(req->settings.zone, q.to_at, to);
        html_printf(&h, "<p class=\"muted\">%s %s – %s</p>",
                    _("Cases received"), from, to);
        summary(&h, &m);
        html_printf(&h, "<section class=\"card\"><h2>%s</h2>", _("By week"));
        week_chart(&h, req, &m);
        html_lit(&h, "</section><section class=\"card charts\">");
        bars(&h, &m, "kinds", _("Cases by kind"));
        bars(&h, &m, "causes", _("Cases by cause (reports)"));
        bars(&h, &m, "owners", _("Cases by owner"));
        bars(&h, &m, "customers", _("Cases by customer (top 10)"));
        html_lit(&h, "</section>");
        csv_links(&h, req);
    }
    metrics_clear(&m);
    problems_clear(&p);
    ui_page_end(req, &h, status == TAIO_OK ? 200 : 422);
}

const struct http_route ui_metrics_routes[] = {
    {"GET", "/metrics", get_metrics, HTTP_PAGE | HTTP_CACHED},
    {NULL, NULL, NULL, 0},
};
