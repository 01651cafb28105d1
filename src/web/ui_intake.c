/* SPDX-License-Identifier: MIT */
/*
 * ui_intake.c - taking a new case while the customer is on the phone.
 *
 *   GET  /intake               find the customer (type-ahead by name, kana
 *                              or phone)
 *   GET  /intake?customer=ID   their flags and how to reach them first,
 *                              then one form: what happened in their
 *                              words, impact, deadline, the ETA told and
 *                              the callback promised
 *   POST /intake               open it all at once (intake.c), then on to
 *                              the case page
 *
 * Everything said on the phone goes into one form and one transaction, so
 * a clerk never has to come back to record the ETA or the promise, and a
 * refused form loses nothing typed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contact.h"
#include "core/i18n.h"
#include "core/xalloc.h"
#include "input.h"
#include "intake.h"
#include "web/problem.h"
#include "web/ui.h"

static const struct ui_label LABELS[] = {
    {"customer", N_("Customer")},
    {"contact", N_("Contact person")},
    {"kind", N_("Kind")},
    {"title", N_("Title")},
    {"reported", N_("What they said")},
    {"impact", N_("Impact")},
    {"deadline", N_("Business deadline")},
    {"eta", N_("ETA (time)")},
    {"text", N_("ETA in words")},
    {"due", N_("Call back by")},
    {"promise_due", N_("Call back by")},
    {"to", N_("Call back to")},
    {"promise-to", N_("Call back to")},
    {"owner", N_("Owner")},
    {NULL, NULL},
};

/* The value to show in name: what was posted, else dflt. */
static const char *shown(const struct http_request *req, const char *name,
                         const char *dflt)
{
    const char *v = form_get(&req->form, name);
    return v ? v : dflt;
}

/* A drop-down of the customer's contact people, when they have any. */
static void contact_choice(struct html *h, struct http_request *req,
                           int64_t customer_id)
{
    struct contact *list = NULL;
    size_t n = 0;
    if (contact_list(req->db, customer_id, &list, &n) != TAIO_OK || n == 0) {
        contact_list_free(list, n);
        return;
    }
    const char **values = xcalloc(n + 1, sizeof(*values));
    const char **labels = xcalloc(n + 1, sizeof(*labels));
    char (*ids)[24] = xcalloc(n, sizeof(*ids));
    for (size_t i = 0; i < n; i++) {
        snprintf(ids[i], sizeof(ids[i]), "%lld", (long long)list[i].id);
        values[i] = ids[i];
        labels[i] = list[i].name;
    }
    values[n] = "";
    labels[n] = _("someone else");
    ui_select(h, "in-contact", "contact", _("Contact person"), n + 1, values,
              labels, shown(req, "contact", NULL));
    free(ids);
    free(values);
    free(labels);
    contact_list_free(list, n);
}

/* The kind as a row of radio buttons: one click, no menu to open. */
static void kind_choice(struct html *h, const struct http_request *req)
{
    const char *labels[CASE_KIND_COUNT];
    for (int k = 0; k < CASE_KIND_COUNT; k++) {
        labels[k] = case_kind_label((enum case_kind)k);
    }
    ui_radios(h, "kind", _("Kind"), CASE_KIND_COUNT, CASE_KIND_NAMES, labels,
              shown(req, "kind", "trouble"));
}

/* The impact, also as radio buttons. */
static void impact_choice(struct html *h, const struct http_request *req)
{
    const char *labels[CASE_IMPACT_COUNT];
    for (int k = 0; k < CASE_IMPACT_COUNT; k++) {
        labels[k] = case_impact_label((enum case_impact)k);
    }
    ui_radios(h, "impact", _("Impact"), CASE_IMPACT_COUNT, CASE_IMPACT_NAMES,
              labels, shown(req, "impact", "minor"));
}

/* The intake form for customer c, with the problems of a refused post. */
static void intake_form(struct html *h, struct http_request *req,
                        const struct customer *c, const struct problems *p)
{
    ui_problems_for(h, p, LABELS);
    html_lit(h, "<form method=\"post\" action=\"/intake\" "
                "class=\"stack wide\" id=\"intake\">");
    ui_csrf_field(h, req);
    html_printf(h, "<input type=\"hidden\" name=\"customer\" value=\"%lld\">",
                (long long)c->id);
    html_printf(h, "<fieldset><legend>%s</legend>", _("What happened"));
    contact_choice(h, req, c->id);
    kind_choice(h, req);
    ui_textarea(h, "in-reported", "reported", _("What they said"),
                shown(req, "reported", NULL), 3, UI_REQUIRED | UI_AUTOFOCUS);
    ui_input(h, "in-title", "title", _("Title"), shown(req, "title", NULL),
             _("a few words for lists"), UI_REQUIRED);
    impact_choice(h, req);
    ui_input(h, "in-deadline", "deadline", _("Business deadline"),
             shown(req, "deadline", NULL), _("e.g. Monday 09:00: 2026-11-30 09:00"),
             0);
    html_printf(h, "</fieldset><fieldset><legend>%s</legend>",
                _("Before hanging up"));
    ui_input(h, "in-eta-text", "eta_text", _("ETA in words"),
             shown(req, "eta_text", NULL), _("e.g. today by 17:00, 1-2 days"),
             0);
    ui_input(h, "in-eta", "eta", _("ETA (time)"), shown(req, "eta", NULL),
             _("e.g. 17:00 or +2h"), 0);
    ui_input(h, "in-promise-due", "promise_due", _("Call back by"),
             shown(req, "promise_due", NULL), _("e.g. 15:30 or +1h"), 0);
    ui_input(h, "in-promise-to", "promise_to", _("Call back to"),
             shown(req, "promise_to", NULL),
             _("empty: the contact person"), 0);
    html_printf(h, "</fieldset><div><button class=\"primary\" "
                   "type=\"submit\">%s</button></div></form>",
                _("Open the case"));
}

/* The page: the search, or the customer's card and the form. */
static void intake_page(struct http_request *req, int64_t customer_id,
                        const struct problems *p, int status)
{
    struct html h;
    ui_page_begin(req, &h, _("New case"), UI_NAV_INTAKE);
    html_printf(&h, "<h1>%s</h1>", _("New case"));
    struct customer c;
    if (customer_id == 0 || customer_get(req->db, customer_id, &c) !=
                                TAIO_OK) {
        ui_problems_for(&h, p, LABELS);
        ui_customer_search(&h, req, "/intake", "intake");
        ui_page_end(req, &h, status);
        return;
    }
    html_lit(&h, "<div class=\"case-cols\"><div>");
    ui_customer_card(&h, req, &c);
    html_lit(&h, "<p class=\"no-print\"><a href=\"/intake\">");
    html_printf(&h, "%s</a></p>", _("Another customer"));
    /* Filled in by taio.js from what is typed into the form. */
    html_printf(&h, "<section class=\"card no-print\" id=\"intake-lessons\">"
                    "<h2>%s</h2><div id=\"lessons-list\" "
                    "data-lessons=\"/lessons/similar\" "
                    "data-from=\"in-title in-reported\" "
                    "aria-live=\"polite\"></div></section></div><div>",
                _("Lessons of similar past cases"));
    intake_form(&h, req, &c, p);
    html_lit(&h, "</div></div>");
    customer_clear(&c);
    ui_page_end(req, &h, status);
}

/* GET /intake */
static void get_intake(struct http_request *req)
{
    intake_page(req, ui_id(http_query(req, "customer")), NULL, 200);
}

/* The intake from the form; problems for what cannot be read. */
static void read_form(struct http_request *req, struct intake_input *in,
                      struct problems *p)
{
    struct case_open_input *o = &in->open;
    o->kind = ui_field(req, "kind");
    o->title = ui_field(req, "title");
    o->reported = ui_field(req, "reported");
    o->impact = ui_field(req, "impact");
    o->channel = "phone";
    o->customer_id = ui_id(ui_field(req, "customer"));
    if (o->customer_id == 0) {
        problems_add(p, "customer", "%s", _("is required"));
    }
    o->contact_id = ui_id(ui_field(req, "contact"));
    const char *deadline = ui_field(req, "deadline");
    if (deadline) {
        input_time(&req->settings, req->now, "deadline", deadline,
                   &o->deadline_at, p);
    }
    in->eta_text = ui_field(req, "eta_text");
    const char *eta = ui_field(req, "eta");
    in->give_eta = eta || in->eta_text;
    if (eta) {
        input_time(&req->settings, req->now, "eta", eta, &in->eta_at, p);
    }
    const char *due = ui_field(req, "promise_due");
    in->promise = due != NULL;
    if (due) {
        input_time(&req->settings, req->now, "promise_due", due,
                   &in->promise_due_at, p);
    }
    in->promise_to = ui_field(req, "promise_to");
}

/* POST /intake */
static void post_intake(struct http_request *req)
{
    struct intake_input in = {0};
    struct problems p = {0};
    read_form(req, &in, &p);
    int64_t id = 0;
    enum taio_status status =
        problems_any(&p) ? TAIO_EINVAL
                         : intake_open(req->db, &req->actor, &req->settings,
                                       &in, &p, &id);
    struct case_rec c;
    if (status == TAIO_OK) {
        status = case_get(req->db, id, &c);
    }
    if (status == TAIO_OK) {
        struct buf where = {0};
        buf_puts(&where, "/cases/");
        html_url_part(&where, c.number);
        http_redirect(req, buf_str(&where));
        buf_clear(&where);
        case_rec_clear(&c);
    } else if (ui_show_again(req, status, &p)) {
        intake_page(req, in.open.customer_id, &p, status_http(status));
    }
    problems_clear(&p);
}

const struct http_route ui_intake_routes[] = {
    {"GET", "/intake", get_intake, HTTP_PAGE | HTTP_CACHED},
    {"POST", "/intake", post_intake, HTTP_PAGE},
    {NULL, NULL, NULL, 0},
};
