/* SPDX-License-Identifier: MIT */
/*
 * ui_lesson.c - the lessons shown beside a case (lesson.c): the approved
 * reports of the five most similar past cases, with their prevention.
 * The case page shows them for its own words; the intake page asks for
 * them again as the words are typed.
 *
 *   GET /lessons/similar?text=WORDS[&case=NUMBER]   the list alone
 */
#include <stdlib.h>

#include "core/i18n.h"
#include "input.h"
#include "lesson.h"
#include "report.h"
#include "web/ui.h"

/* The list of lessons like text (without case exclude; 0: none), or a
 * line saying there are none; nothing at all when text is empty. */
void ui_lessons(struct html *h, struct http_request *req, const char *text,
                int64_t exclude)
{
    if (text == NULL || *text == '\0') {
        return;
    }
    struct lesson *list = NULL;
    size_t n = 0;
    if (lesson_similar(req->db, text, exclude, LESSON_SUGGESTED, &list, &n) !=
        TAIO_OK) {
        return; /* suggestions are a help, never a reason to fail a page */
    }
    if (n == 0) {
        html_printf(h, "<p class=\"muted\">%s</p>",
                    _("No lesson of a similar past case yet."));
    }
    html_lit(h, "<ul class=\"agenda lessons\">");
    for (size_t i = 0; i < n; i++) {
        const struct lesson *l = &list[i];
        html_lit(h, "<li><a");
        html_href(h, "/cases/%s/report", l->case_number);
        html_printf(h, ">%s %s / %s</a>", l->case_number, l->customer_name,
                    l->title);
        if (l->cause_category) {
            html_printf(h, " <span class=\"what\">%s</span>",
                        report_cause_label(l->cause_category));
        }
        html_printf(h, "<p class=\"detail\"><b>%s</b> %s</p>"
                       "<p class=\"detail\"><b>%s</b> %s</p></li>",
                    _("Cause"), l->cause, _("Prevention"), l->prevention);
    }
    html_lit(h, "</ul>");
    lesson_list_free(list, n);
}

/* GET /lessons/similar: the list alone, for the intake page. */
static void get_similar(struct http_request *req)
{
    int64_t exclude = 0;
    const char *number = http_query(req, "case");
    if (number && *number) {
        struct problems p = {0};
        input_case(req->db, number, &exclude, &p);
        problems_clear(&p);
    }
    struct html h;
    buf_reset(&req->out);
    html_init(&h, &req->out);
    ui_lessons(&h, req, http_query(req, "text"), exclude);
    req->status = 200;
    req->content_type = "text/html; charset=utf-8";
}

const struct http_route ui_lesson_routes[] = {
    {"GET", "/lessons/similar", get_similar, HTTP_PAGE | HTTP_CACHED},
    {NULL, NULL, NULL, 0},
};
