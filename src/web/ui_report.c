/* SPDX-License-Identifier: MIT */
/*
 * ui_report.c - a case's incident report in the web UI (report.c): the
 * report as it will be read, the facts filled in by taio, and below it
 * the form of the step that comes next. The page prints on A4 without
 * its controls.
 *
 *   GET  /cases/{number}/report
 *   POST /cases/{number}/report/{step}   save, submit, approve, return,
 *                                        send, waive
 */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/i18n.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "input.h"
#include "report.h"
#include "web/problem.h"
#include "web/ui.h"

static const struct ui_label LABELS[] = {
    {"cause", N_("Cause")},
    {"response", N_("Response to those affected")},
    {"prevention", N_("Prevention")},
    {"went_well", N_("What went well")},
    {"went_badly", N_("What went badly")},
    {"cause_category", N_("Cause category")},
    {"recipients", N_("For")},
    {"comment", N_("What to change")},
    {"channel", N_("Sent by")},
    {"to", N_("To")},
    {"reason", N_("Reason")},
    {"state", N_("State")},
    {"version", N_("Version")},
    {"case", N_("Case")},
    {NULL, NULL},
};

/* Everything the page shows. */
struct page {
    struct case_rec c;
    struct report r;       /* zero when there is none yet */
    bool has_report;
    struct report_facts f;
};

static void page_clear(struct page *pg)
{
    report_facts_clear(&pg->f);
    report_clear(&pg->r);
    case_rec_clear(&pg->c);
}

static enum taio_status page_load(struct http_request *req, int64_t id,
                                  struct page *pg)
{
    memset(pg, 0, sizeof(*pg));
    enum taio_status status = case_get(req->db, id, &pg->c);
    if (status == TAIO_OK) {
        status = report_get(req->db, id, &pg->r);
        pg->has_report = status == TAIO_OK;
        status = status == TAIO_ENOTFOUND ? TAIO_OK : status;
    }
    if (status == TAIO_OK) {
        status = report_facts_get(req->db, &pg->c, req->settings.zone,
                                  &pg->f);
    }
    return status;
}

/* A row of the facts: a term and a moment (nothing when at is 0). */
static void fact_at(struct html *h, const struct http_request *req,
                    const char *term, int64_t at, const char *extra)
{
    if (at == 0) {
        return;
    }
    html_printf(h, "<dt>%s</dt><dd>", term);
    ui_time(h, req, at);
    if (extra) {
        html_printf(h, " %s", extra);
    }
    html_lit(h, "</dd>");
}

/* The facts and the condensed timeline, as taio knows them. */
static void facts(struct html *h, const struct http_request *req,
                  const struct page *pg)
{
    html_printf(h, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd>",
                _("Customer"), pg->c.customer_name);
    if (pg->has_report && pg->r.recipients && *pg->r.recipients) {
        html_printf(h, "<dt>%s</dt><dd>%s</dd>", _("For"), pg->r.recipients);
    }
    html_printf(h, "<dt>%s</dt><dd>%s / %s</dd>", _("Kind and impact"),
                case_kind_label(pg->c.kind),
                case_impact_label(pg->c.impact));
    html_printf(h, "<dt>%s</dt><dd class=\"report-text\">%s</dd>",
                _("What the customer said"), pg->c.reported);
    fact_at(h, req, _("Received"), pg->f.received_at, NULL);
    fact_at(h, req, _("First contact by us"), pg->f.first_contact_at, NULL);
    fact_at(h, req, _("First ETA told"), pg->f.eta_given_at, pg->f.first_eta);
    if (pg->f.n_promises) {
        html_printf(h, "<dt>%s</dt><dd><ul class=\"plain\">", _("Promises"));
        for (size_t i = 0; i < pg->f.n_promises; i++) {
            const struct promise *p = &pg->f.promises[i];
            enum promise_state state = promise_state_at(p, req->now);
            bool late = state == PROMISE_BROKEN ||
                        (state == PROMISE_KEPT && !promise_on_time(p));
            html_lit(h, "<li>");
            ui_time(h, req, p->due_at);
            html_printf(h, " %s: %s — %s%s</li>", p->to_whom, p->body,
                        promise_state_label(state), late ? " ⚠" : "");
        }
        html_lit(h, "</ul></dd>");
    }
    fact_at(h, req, _("Resolved"), pg->f.resolved_at, NULL);
    html_lit(h, "</dl>");
}

/* One written section. */
static void section(struct html *h, const char *title, const char *text,
                    bool required)
{
    if (!required && (text == NULL || *text == '\0')) {
        return;
    }
    html_printf(h, "<h2>%s</h2><p class=\"report-text\">%s</p>", title,
                text && *text ? text : _("(not written yet)"));
}

/* The report as it will be read. */
static void report_body(struct html *h, const struct http_request *req,
                        const struct page *pg)
{
    html_lit(h, "<section class=\"card report\" id=\"report\">");
    html_printf(h, "<p class=\"state %s\">%s: <b>%s</b>",
                pg->has_report ? REPORT_STATE_NAMES[pg->r.state] : "none",
                _("State"),
                pg->has_report ? report_state_label(pg->r.state)
                               : _("not written yet"));
    if (pg->has_report && pg->r.approved_by_name) {
        html_printf(h, " · %s %s", _("Approved by"), pg->r.approved_by_name);
    }
    if (pg->c.report_waived_at) {
        html_printf(h, " · %s: %s", _("waived by a manager"),
                    pg->c.report_waiver ? pg->c.report_waiver : "");
    }
    html_lit(h, "</p>");
    if (pg->has_report && pg->r.review_comment &&
        pg->r.state == REPORT_RETURNED) {
        html_printf(h, "<div class=\"error\" role=\"status\"><p>%s: %s</p>"
                       "</div>",
                    _("Returned with"), pg->r.review_comment);
    }
    facts(h, req, pg);
    section(h, _("Cause"), pg->r.cause, true);
    if (pg->r.cause_category) {
        html_printf(h, "<p class=\"muted\">%s: %s</p>", _("Cause category"),
                    report_cause_label(pg->r.cause_category));
    }
    section(h, _("Response to those affected"), pg->r.response, true);
    section(h, _("Prevention"), pg->r.prevention, true);
    section(h, _("What went well"), pg->r.went_well, false);
    section(h, _("What went badly"), pg->r.went_badly, false);
    html_lit(h, "</section>");
}

/* <form> posting step, with the CSRF token. */
static void step_form(struct html *h, const struct http_request *req,
                      const struct page *pg, const char *step,
                      const char *title)
{
    html_printf(h, "<section class=\"card no-print\"><h2>%s</h2>", title);
    html_lit(h, "<form method=\"post\" class=\"stack wide\"");
    html_url_attr(h, "action", "/cases/%s/report/%s", pg->c.number, step);
    html_lit(h, ">");
    ui_csrf_field(h, req);
}

static void step_end(struct html *h, const char *button)
{
    html_printf(h, "<div><button class=\"primary\" type=\"submit\">%s"
                   "</button></div></form></section>",
                button);
}

/* What was posted when a form comes back refused, else stored. */
static const char *shown(const struct http_request *req, bool refused,
                         const char *name, const char *stored)
{
    return refused ? ui_posted(req, name) : stored;
}

/* A choice of the cause categories of the setting report.causes, with
 * unset_label for none ("" is sent then). */
void ui_cause_select(struct html *h, const struct http_request *req,
                     const char *id, const char *name,
                     const char *unset_label, const char *chosen)
{
    const char *values[17] = {""};
    const char *labels[17] = {unset_label};
    size_t n = 1;
    char *causes = xstrdup(req->settings.report_causes
                               ? req->settings.report_causes
                               : "");
    char *rest = causes;
    for (char *c = strsep(&rest, ","); c && n < 17; c = strsep(&rest, ",")) {
        if (*c) {
            values[n] = c;
            labels[n++] = report_cause_label(c);
        }
    }
    ui_select(h, id, name, _("Cause category"), n, values, labels,
              chosen ? chosen : "");
    free(causes);
}

/* The form to write the sections (a draft or a returned report). */
static void edit_form(struct html *h, const struct http_request *req,
                      const struct page *pg, bool refused)
{
    step_form(h, req, pg, "save", _("Write the report"));
    html_printf(h, "<input type=\"hidden\" name=\"version\" value=\"%lld\">",
                (long long)pg->r.version);
    const char *const names[] = {"cause", "response", "prevention",
                                 "went_well", "went_badly"};
    const char *const stored[] = {pg->r.cause, pg->r.response,
                                  pg->r.prevention, pg->r.went_well,
                                  pg->r.went_badly};
    for (size_t i = 0; i < 5; i++) {
        char id[32];
        snprintf(id, sizeof(id), "report-%s", names[i]);
        ui_textarea(h, id, names[i], _(LABELS[i].text),
                    shown(req, refused, names[i], stored[i]), i < 3 ? 4 : 2,
                    0);
    }
    ui_cause_select(h, req, "report-cause-category", "cause_category",
                    _("not chosen"),
                    shown(req, refused, "cause_category",
                          pg->r.cause_category ? pg->r.cause_category : ""));
    ui_input(h, "report-recipients", "recipients", _("For"),
             shown(req, refused, "recipients", pg->r.recipients),
             _("e.g. 市教育委員会、第一小学校"), 0);
    step_end(h, _("Save"));
}

/* The forms of the steps that may come next for this person. */
static void step_forms(struct html *h, const struct http_request *req,
                       const struct page *pg, const char *refused_step)
{
    bool handle = user_can(&req->actor, USER_ACT_HANDLE);
    bool manage = user_can(&req->actor, USER_ACT_TEAM);
    enum report_state state = pg->has_report ? pg->r.state : REPORT_DRAFT;
    bool editable = state == REPORT_DRAFT || state == REPORT_RETURNED;
    if (handle && editable) {
        edit_form(h, req, pg,
                  refused_step && strcmp(refused_step, "save") == 0);
        if (pg->has_report) {
            step_form(h, req, pg, "submit", _("Submit for approval"));
            step_end(h, _("Submit"));
        }
    }
    if (manage && state == REPORT_SUBMITTED) {
        step_form(h, req, pg, "approve", _("Approve"));
        step_end(h, _("Approve"));
        step_form(h, req, pg, "return", _("Return with what to change"));
        ui_textarea(h, "report-comment", "comment", _("What to change"),
                    ui_posted(req, "comment"), 3, UI_REQUIRED);
        step_end(h, _("Return"));
    }
    if (handle && state == REPORT_APPROVED) {
        step_form(h, req, pg, "send", _("Send the report"));
        static const char *const channels[] = {"email", "fax", "letter",
                                               "visit", "hand"};
        const char *labels[] = {_("e-mail (through the outbox)"), _("FAX"),
                                _("letter"), _("visit"), _("by hand")};
        ui_select(h, "report-channel", "channel", _("Sent by"), 5, channels,
                  labels, ui_posted(req, "channel"));
        ui_input(h, "report-to", "to", _("To"), ui_posted(req, "to"),
                 _("e-mail: addresses separated by commas"), UI_REQUIRED);
        step_end(h, _("Send"));
    }
    bool approved = state == REPORT_APPROVED || state == REPORT_SENT;
    if (manage && pg->c.report_required && !pg->c.report_waived_at &&
        !approved) {
        step_form(h, req, pg, "waive", _("Close without a report"));
        ui_textarea(h, "report-reason", "reason", _("Reason"),
                    ui_posted(req, "reason"), 2, UI_REQUIRED);
        step_end(h, _("Waive the report"));
    }
}

/* The whole page; r (may be NULL) a refused step's problems. */
static void report_page(struct http_request *req, int64_t id,
                        const char *refused_step, const struct problems *p,
                        int status_code)
{
    struct page pg;
    enum taio_status status = page_load(req, id, &pg);
    if (status != TAIO_OK) {
        page_clear(&pg);
        problem_reply_status(req, status, NULL);
        return;
    }
    struct html h;
    char title[256];
    snprintf(title, sizeof(title), "%s %s", _("Incident report"),
             pg.c.number);
    ui_page_begin(req, &h, title, UI_NAV_NONE);
    html_printf(&h, "<h1>%s: %s %s</h1>", _("Incident report"), pg.c.number,
                pg.c.title);
    html_lit(&h, "<p class=\"no-print\"><a");
    html_href(&h, "/cases/%s", pg.c.number);
    html_printf(&h, ">%s</a> · <a", _("Back to the case"));
    html_href(&h, "/api/v1/cases/%s/report?format=markdown", pg.c.number);
    html_printf(&h, ">%s</a></p>", _("Markdown"));
    ui_problems_for(&h, p, LABELS);
    report_body(&h, req, &pg);
    step_forms(&h, req, &pg, refused_step);
    page_clear(&pg);
    ui_page_end(req, &h, status_code);
}

/* GET /cases/{number}/report */
static void get_report(struct http_request *req)
{
    int64_t id = 0;
    if (ui_case_of(req, &id)) {
        report_page(req, id, NULL, NULL, 200);
    }
}

/* Run step on the report of case id. */
static enum taio_status run_step(struct http_request *req, const char *step,
                                 int64_t id, struct problems *p)
{
    if (strcmp(step, "save") == 0) {
        /* Present but empty clears: form_get keeps "". */
        struct report_input in = {
            .cause = form_get(&req->form, "cause"),
            .response = form_get(&req->form, "response"),
            .prevention = form_get(&req->form, "prevention"),
            .went_well = form_get(&req->form, "went_well"),
            .went_badly = form_get(&req->form, "went_badly"),
            .cause_category = form_get(&req->form, "cause_category"),
            .recipients = form_get(&req->form, "recipients"),
        };
        const char *version = ui_field(req, "version");
        return report_save(req->db, &req->actor, &req->settings, id, &in,
                           version ? ui_id(version) : -1, p);
    }
    if (strcmp(step, "submit") == 0) {
        return report_submit(req->db, &req->actor, id, p);
    }
    if (strcmp(step, "approve") == 0) {
        return report_approve(req->db, &req->actor, id, p);
    }
    if (strcmp(step, "return") == 0) {
        return report_return(req->db, &req->actor, id,
                             ui_field(req, "comment"), p);
    }
    if (strcmp(step, "send") == 0) {
        struct report_send_input in = {
            .channel = ui_field(req, "channel"),
            .to = ui_field(req, "to"),
        };
        return report_send(req->db, &req->actor, &req->settings, id, &in, p);
    }
    if (strcmp(step, "waive") == 0) {
        return report_waive(req->db, &req->actor, id, ui_field(req, "reason"),
                            p);
    }
    return TAIO_ENOTFOUND;
}

/* POST /cases/{number}/report/{step} */
static void post_step(struct http_request *req)
{
    static const char *const STEPS[] = {"save", "submit", "approve",
                                        "return", "send", "waive", NULL};
    int64_t id = 0;
    if (validate_index(req->params[1], STEPS) < 0) {
        ui_error_page(req, 404, _("No such action."), NULL);
        return;
    }
    if (!ui_case_of(req, &id)) {
        return;
    }
    struct problems p = {0};
    enum taio_status status = run_step(req, req->params[1], id, &p);
    struct case_rec c;
    if (status == TAIO_OK && case_get(req->db, id, &c) == TAIO_OK) {
        struct buf where = {0};
        ui_case_path(&where, c.number, "/report");
        http_redirect(req, buf_str(&where));
        buf_clear(&where);
        case_rec_clear(&c);
    } else if (ui_show_again(req, status, &p)) {
        report_page(req, id, req->params[1], &p, status_http(status));
    }
    problems_clear(&p);
}

const struct http_route ui_report_routes[] = {
    {"GET", "/cases/{number}/report", get_report, HTTP_PAGE | HTTP_CACHED},
    {"POST", "/cases/{number}/report/{step}", post_step, HTTP_PAGE},
    {NULL, NULL, NULL, 0},
};
