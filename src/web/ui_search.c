/* SPDX-License-Identifier: MIT */
/*
 * ui_search.c - the search page: past cases, timeline entries and
 * customers by their words (search.c), with the words marked in each
 * snippet, and filters by kind, customer and period.
 *
 *   GET /search?q=WORDS&kind=&from=&to=&customer=
 */
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "customer.h"
#include "input.h"
#include "search.h"
#include "web/problem.h"
#include "web/ui.h"

static const struct ui_label LABELS[] = {
    {"q", N_("Words")},
    {"kind", N_("Kind")},
    {"cause", N_("Cause category")},
    {"customer", N_("Customer")},
    {"from", N_("From")},
    {"to", N_("Until")},
    {NULL, NULL},
};

/* Text of snippet[from, to) as element content. */
static void snippet_part(struct html *h, const char *snippet, size_t from,
                         size_t to, bool marked)
{
    struct buf part = {0};
    buf_append(&part, snippet + from, to - from);
    html_printf(h, marked ? "<mark>%s</mark>" : "%s", buf_str(&part));
    buf_clear(&part);
}

/* The snippet with its words in <mark>. */
static void snippet(struct html *h, const struct search_hit *hit)
{
    html_lit(h, "<p class=\"snippet\">");
    size_t at = 0;
    for (size_t i = 0; i < hit->n_marks; i++) {
        snippet_part(h, hit->snippet, at, hit->marks[i].from, false);
        snippet_part(h, hit->snippet, hit->marks[i].from, hit->marks[i].to,
                     true);
        at = hit->marks[i].to;
    }
    snippet_part(h, hit->snippet, at, strlen(hit->snippet), false);
    html_lit(h, "</p>");
}

/* What kind of hit, for people. */
static const char *type_label(enum search_type type)
{
    static const char *const LABELS_TYPE[] = {N_("Case"), N_("Timeline"),
                                              N_("Customer"), N_("Lesson")};
    return _(LABELS_TYPE[type]);
}

/* One hit: a link to its case or customer, when, and the snippet. */
static void hit_item(struct html *h, const struct http_request *req,
                     const struct search_hit *hit)
{
    html_printf(h, "<li class=\"hit %s\"><span class=\"what\">%s</span> ",
                SEARCH_TYPE_NAMES[hit->type], type_label(hit->type));
    html_lit(h, "<a");
    if (hit->case_number) {
        html_href(h, "/cases/%s", hit->case_number);
        html_printf(h, ">%s %s / %s</a>", hit->case_number,
                    hit->customer_name, hit->title);
    } else {
        html_href(h, "/customers/%lld", (long long)hit->customer_id);
        html_printf(h, ">%s</a>", hit->title);
    }
    if (hit->at) {
        html_lit(h, " <span class=\"detail\">");
        ui_time(h, req, hit->at);
        html_lit(h, "</span>");
    }
    snippet(h, hit);
    html_lit(h, "</li>");
}

/* The search form, filled in with what was asked. */
static void search_form(struct html *h, const struct http_request *req)
{
    html_lit(h, "<form method=\"get\" action=\"/search\" role=\"search\" "
                "class=\"stack wide\">");
    ui_input(h, "search-q", "q", _("Words"), http_query(req, "q"),
             _("e.g. 障害 複合機, 鍵, ネットワーク"), 0);
    const char *values[CASE_KIND_COUNT + 1] = {""};
    const char *labels[CASE_KIND_COUNT + 1] = {_("every kind")};
    for (int k = 0; k < CASE_KIND_COUNT; k++) {
        values[k + 1] = CASE_KIND_NAMES[k];
        labels[k + 1] = case_kind_label((enum case_kind)k);
    }
    const char *kind = http_query(req, "kind");
    ui_select(h, "search-kind", "kind", _("Kind"), CASE_KIND_COUNT + 1,
              values, labels, kind ? kind : "");
    ui_cause_select(h, req, "search-cause", "cause", _("every cause"),
                    http_query(req, "cause"));
    ui_input(h, "search-customer", "customer", _("Customer"),
             http_query(req, "customer"), _("e.g. やまだ, #12"), 0);
    ui_input(h, "search-from", "from", _("From"), http_query(req, "from"),
             _("e.g. 2026-04-01"), 0);
    ui_input(h, "search-to", "to", _("Until"), http_query(req, "to"),
             _("e.g. 2026-10-01"), 0);
    html_printf(h, "<div><button class=\"primary\" type=\"submit\">%s"
                   "</button></div></form>",
                _("Search"));
}

/* The query of the page's parameters; false after adding problems. */
static bool read_query(struct http_request *req, struct search_query *q,
                       struct problems *p)
{
    q->text = http_query(req, "q");
    const char *kind = http_query(req, "kind");
    q->kind = kind && *kind ? kind : NULL;
    const char *cause = http_query(req, "cause");
    q->cause = cause && *cause ? cause : NULL;
    const char *customer = http_query(req, "customer");
    if (customer && *customer) {
        customer_resolve(req->db, customer, "customer", p, &q->customer_id);
    }
    const char *from = http_query(req, "from");
    if (from && *from) {
        input_time(&req->settings, req->now, "from", from, &q->from_at, p);
    }
    const char *to = http_query(req, "to");
    if (to && *to) {
        input_time(&req->settings, req->now, "to", to, &q->to_at, p);
    }
    q->limit = 50;
    return !problems_any(p);
}

/* GET /search */
static void get_search(struct http_request *req)
{
    const char *text = http_query(req, "q");
    bool asked = text && *text;
    struct search_query q = {0};
    struct problems p = {0};
    struct search_hit *hits = NULL;
    size_t n = 0;
    enum taio_status status = TAIO_OK;
    if (asked) {
        status = read_query(req, &q, &p)
                     ? search_run(req->db, &q, &p, &hits, &n)
                     : TAIO_EINVAL;
    }
    if (status != TAIO_OK && status != TAIO_EINVAL) {
        problem_reply_status(req, status, NULL);
        problems_clear(&p);
        return;
    }
    struct html h;
    ui_page_begin(req, &h, _("Search"), UI_NAV_SEARCH);
    html_printf(&h, "<h1>%s</h1>", _("Search past cases"));
    ui_problems_for(&h, status == TAIO_OK ? NULL : &p, LABELS);
    search_form(&h, req);
    if (asked && status == TAIO_OK) {
        html_printf(&h, "<p class=\"muted\" id=\"hit-count\">%s: %zu</p>",
                    _("Found"), n);
        if (n == 0) {
            html_printf(&h, "<p class=\"empty\">%s</p>",
                        _("Nothing found. Fewer or shorter words find "
                          "more."));
        }
        html_lit(&h, "<ul class=\"agenda hits\">");
        for (size_t i = 0; i < n; i++) {
            hit_item(&h, req, &hits[i]);
        }
        html_lit(&h, "</ul>");
    }
    search_hits_free(hits, n);
    problems_clear(&p);
    ui_page_end(req, &h, status == TAIO_OK ? 200 : 422);
}

const struct http_route ui_search_routes[] = {
    {"GET", "/search", get_search, HTTP_PAGE | HTTP_CACHED},
    {NULL, NULL, NULL, 0},
};
