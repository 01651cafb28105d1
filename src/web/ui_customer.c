/* SPDX-License-Identifier: MIT */
/*
 * ui_customer.c - customers in the web UI: the card every page shows
 * (flags first, then how and when to reach them), the search with its
 * type-ahead list, and the customer's page with its contact people,
 * recent cases and reachable hours, edited as a weekly grid.
 *
 *   GET  /customers                 search by name, kana or phone (?q=)
 *   GET  /customers/matches         the type-ahead list alone (?q=, and
 *                                   ?pick=intake|memo: where a choice
 *                                   leads)
 *   POST /customers                 a new customer (?pick: on to intake or
 *                                   the memo with them)
 *   GET  /customers/{id}            the customer's page
 *   POST /customers/{id}/reach      channels, weekly hours, closed days,
 *                                   handling notes
 *   POST /customers/{id}/flag       set a flag (unpaid, abusive, caution)
 *   POST /customers/{id}/contacts   a new contact person
 *   POST /customers/{id}/busy       a period not to contact them
 *
 * The rules and the text forms of hours are customer.c's and
 * calendar.c's; this file turns a grid of seven days into that text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "channel.h"
#include "contact.h"
#include "core/i18n.h"
#include "core/xalloc.h"
#include "input.h"
#include "customer_view.h"
#include "windows.h"
#include "web/problem.h"
#include "web/ui.h"

/* Most matches the search lists. */
#define MATCH_MAX 20

/* Weekday names in the hours text, Monday first as people read a week;
 * the index into struct calendar_week for each. */
static const char *const DAY_NAMES[] = {"mon", "tue", "wed", "thu",
                                        "fri", "sat", "sun"};
static const int DAY_INDEX[] = {1, 2, 3, 4, 5, 6, 0};

static const struct ui_label LABELS[] = {
    {"channels", N_("Preferred channels")},
    {"hours", N_("Reachable hours")},
    {"closed_days", N_("Closed days")},
    {"notes", N_("Handling notes")},
    {"kind", N_("Flag")},
    {"reason", N_("Reason")},
    {"version", N_("Version")},
    {"name", N_("Name")},
    {"reading", N_("Reading (kana)")},
    {"phones", N_("Phone")},
    {"phone", N_("Phone")},
    {"title", N_("Role or department")},
    {"email", N_("E-mail")},
    {"lang", N_("Language of mail to them")},
    {"from", N_("From")},
    {"to", N_("Until")},
    {"repeat", N_("Repeats")},
    {"note", N_("Note")},
    {NULL, NULL},
};

/* A weekday's name for people, Monday first. */
static const char *day_label(int i)
{
    static const char *const LABELS_DAY[] = {
        N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"),
        N_("Fri"), N_("Sat"), N_("Sun"),
    };
    return _(LABELS_DAY[i]);
}

/* Whether the customer can be reached now, by their windows inside our
 * business hours. */
static bool reachable_now(const struct http_request *req,
                          const struct customer *c, bool *known)
{
    struct windows w;
    *known = windows_load_customer(req->db, req->settings.zone, req->now,
                                   c->id, &w) == TAIO_OK;
    bool open = false;
    if (*known) {
        struct calendar cal;
        settings_calendar(&req->settings, &cal);
        open = calendar_is_business_time(&cal, &w.win, req->now);
    }
    windows_clear(&w);
    return open;
}

/* The customer's flags, in an alert box, before anything else. */
static void flags(struct html *h, const struct customer *c)
{
    if (c->n_flags == 0) {
        return;
    }
    html_lit(h, "<ul class=\"flags\" role=\"alert\">");
    for (size_t i = 0; i < c->n_flags; i++) {
        html_printf(h, "<li class=\"flag-%s\"><b>%s</b> %s</li>",
                    CUSTOMER_FLAG_NAMES[c->flags[i].kind],
                    customer_flag_label(c->flags[i].kind),
                    c->flags[i].reason);
    }
    html_lit(h, "</ul>");
}

/* The card of customer c as every page shows it: name and reading, flags
 * (unpaid balance, past abuse) first, then preferred channels in order,
 * reachable hours with whether now is inside them, closed days, phones
 * and the handling notes. */
void ui_customer_card(struct html *h, const struct http_request *req,
                      const struct customer *c)
{
    html_lit(h, "<section class=\"card customer\">");
    html_lit(h, "<h2><a");
    html_href(h, "/customers/%lld", (long long)c->id);
    html_printf(h, ">%s</a>", c->name);
    if (c->reading && c->reading[0]) {
        html_printf(h, " <small>%s</small>", c->reading);
    }
    html_lit(h, "</h2>");
    flags(h, c);
    html_lit(h, "<dl class=\"facts\">");
    char *channels = channel_list_labels(c->channels ? c->channels : "");
    html_printf(h, "<dt>%s</dt><dd><b>%s</b></dd>", _("Contact by"),
                channels && channels[0] ? channels : _("not asked yet"));
    free(channels);
    bool known = false;
    bool open = reachable_now(req, c, &known);
    html_printf(h, "<dt>%s</dt><dd>%s ", _("Reachable"),
                c->hours ? c->hours : _("our business hours"));
    if (known) {
        html_printf(h, "<span class=\"%s\">%s</span>",
                    open ? "ok" : "warn",
                    open ? _("reachable now") : _("not reachable now"));
    }
    html_lit(h, "</dd>");
    if (c->closed_days) {
        html_printf(h, "<dt>%s</dt><dd>%s</dd>", _("Closed days"),
                    c->closed_days);
    }
    if (c->n_phones > 0) {
        html_printf(h, "<dt>%s</dt><dd>", _("Phone"));
        for (size_t i = 0; i < c->n_phones; i++) {
            html_printf(h, "%s<a href=\"tel:%s\">%s</a> <small>%s</small>",
                        i ? ", " : "", c->phones[i].number,
                        c->phones[i].number, c->phones[i].label);
        }
        html_lit(h, "</dd>");
    }
    html_lit(h, "</dl>");
    if (c->notes && c->notes[0]) {
        html_printf(h, "<p class=\"notes\"><b>%s</b> %s</p>",
                    _("Handling notes:"), c->notes);
    }
    html_lit(h, "</section>");
}

/* The matches of q as a list of links; pick says where a choice leads
 * ("intake", "memo" or NULL for the customer's page). */
static void match_list(struct html *h, struct http_request *req,
                       const char *q, const char *pick)
{
    struct customer_match *list = NULL;
    size_t n = 0;
    if (customer_search(req->db, q ? q : "", MATCH_MAX, &list, &n) !=
        TAIO_OK) {
        html_printf(h, "<p class=\"error\">%s</p>",
                    _("The search could not be run."));
        return;
    }
    if (n == 0) {
        html_printf(h, "<p class=\"muted\">%s</p>", _("No customer found."));
    }
    html_lit(h, "<ul class=\"matches\">");
    for (size_t i = 0; i < n; i++) {
        const struct customer_match *m = &list[i];
        html_lit(h, "<li><a");
        if (pick && strcmp(pick, "intake") == 0) {
            html_href(h, "/intake?customer=%lld", (long long)m->id);
        } else if (pick && strcmp(pick, "memo") == 0) {
            const char *asked = http_query(req, "for");
            html_href(h, "/memo?customer=%lld&for=%s", (long long)m->id,
                      asked ? asked : "");
        } else {
            html_href(h, "/customers/%lld", (long long)m->id);
        }
        html_printf(h, "><b>%s</b> <small>%s</small>", m->name,
                    m->reading ? m->reading : "");
        if (m->parent_name) {
            html_printf(h, " <small>(%s)</small>", m->parent_name);
        }
        if (m->phone) {
            html_printf(h, " <span class=\"muted\">%s</span>", m->phone);
        }
        if (m->n_flags > 0) {
            html_printf(h, " <span class=\"badge warn\">%s</span>",
                        _("flagged"));
        }
        html_lit(h, "</a></li>");
    }
    html_lit(h, "</ul>");
    customer_match_free(list, n);
}

/* GET /customers/matches: the type-ahead's list alone. */
static void get_matches(struct http_request *req)
{
    struct html h;
    buf_reset(&req->out);
    html_init(&h, &req->out);
    match_list(&h, req, http_query(req, "q"), http_query(req, "pick"));
    req->status = 200;
    req->content_type = "text/html; charset=utf-8";
}

/* The form for a customer not found yet: the least a call needs (name,
 * reading, phone, how they want to be contacted); pick says where to go
 * with them; p: a refused attempt's problems (the form is then open). */
static void new_customer_form(struct html *h, struct http_request *req,
                              const char *pick, const struct problems *p)
{
    html_printf(h, "<details class=\"card no-print\" id=\"new-customer\"%s>"
                   "<summary>%s</summary>",
                p ? " open" : "", _("Not found? Add a new customer"));
    ui_problems_for(h, p, LABELS);
    html_lit(h, "<form method=\"post\" action=\"/customers\" "
                "class=\"stack\">");
    ui_csrf_field(h, req);
    const char *asked = http_query(req, "for");
    asked = asked ? asked : ui_posted(req, "for");
    html_printf(h, "<input type=\"hidden\" name=\"pick\" value=\"%s\">"
                   "<input type=\"hidden\" name=\"for\" value=\"%s\">",
                pick ? pick : "", asked ? asked : "");
    const char *const KINDS[] = {"organization", "person"};
    const char *const KIND_LABELS[] = {_("Company or organisation"),
                                       _("Individual")};
    ui_radios(h, "kind", _("Kind"), 2, KINDS, KIND_LABELS,
              p ? ui_posted(req, "kind") : "organization");
    ui_input(h, "new-name", "name", _("Name"),
             p ? ui_posted(req, "name") : NULL, NULL, UI_REQUIRED);
    ui_input(h, "new-reading", "reading", _("Reading (kana)"),
             p ? ui_posted(req, "reading") : NULL, NULL, 0);
    ui_input(h, "new-phone", "phone", _("Phone"),
             p ? ui_posted(req, "phone") : NULL, NULL, 0);
    ui_input(h, "new-channels", "channels", _("Preferred channels"),
             p ? ui_posted(req, "channels") : NULL,
             _("in order, e.g. phone,fax"), 0);
    html_printf(h, "<div><button class=\"primary\" type=\"submit\">%s"
                   "</button></div></form></details>",
                _("Add the customer"));
}

/* The search form with its type-ahead, and the matches of q: shared by
 * the customer search (pick NULL), intake ("intake") and the phone memo
 * ("memo", which keeps the colleague asked for, ?for=). */
void ui_customer_search(struct html *h, struct http_request *req,
                        const char *action, const char *pick)
{
    const char *q = http_query(req, "q");
    const char *asked = http_query(req, "for");
    struct buf source = {0};
    buf_puts(&source, "/customers/matches?pick=");
    html_url_part(&source, pick ? pick : "");
    if (asked) {
        buf_puts(&source, "&for=");
        html_url_part(&source, asked);
    }
    html_printf(h,
                "<form method=\"get\" action=\"%s\" role=\"search\" "
                "class=\"search\"><label for=\"q\">%s</label>",
                action, _("Customer: name, kana or phone"));
    if (asked) {
        html_printf(h, "<input type=\"hidden\" name=\"for\" value=\"%s\">",
                    asked);
    }
    html_printf(h,
                "<input type=\"search\" id=\"q\" name=\"q\" value=\"%s\" "
                "autocomplete=\"off\" autofocus data-typeahead=\"%s\" "
                "data-target=\"matches\" placeholder=\"%s\">"
                "<button type=\"submit\">%s</button></form>",
                q ? q : "", buf_str(&source), _("e.g. やまだ, 山田, 03-1234"),
                _("Search"));
    buf_clear(&source);
    html_lit(h, "<div id=\"matches\" aria-live=\"polite\">");
    if (q) {
        match_list(h, req, q, pick);
    }
    html_lit(h, "</div>");
    if (user_can(&req->actor, USER_ACT_RECORD)) {
        new_customer_form(h, req, pick, NULL);
    }
}

/* GET /customers */
static void get_search(struct http_request *req)
{
    struct html h;
    ui_page_begin(req, &h, _("Customers"), UI_NAV_CUSTOMERS);
    html_printf(&h, "<h1>%s</h1>", _("Customers"));
    ui_customer_search(&h, req, "/customers", NULL);
    ui_page_end(req, &h, 200);
}

/* The contact people: name, role, how to reach them. */
static void contacts(struct html *h, const struct customer_view *v)
{
    html_printf(h, "<section class=\"card\"><h2>%s</h2>",
                _("Contact people"));
    if (v->n_contacts == 0) {
        html_printf(h, "<p class=\"muted\">%s</p>", _("None recorded."));
    }
    html_lit(h, "<ul class=\"plain\">");
    for (size_t i = 0; i < v->n_contacts; i++) {
        const struct contact *p = &v->contacts[i];
        html_printf(h, "<li><b>%s</b> <small>%s</small> %s", p->name,
                    p->reading ? p->reading : "", p->title ? p->title : "");
        if (p->channels && p->channels[0]) {
            char *labels = channel_list_labels(p->channels);
            html_printf(h, " — %s: %s", _("Contact by"), labels);
            free(labels);
        }
        if (p->hours) {
            html_printf(h, " — %s", p->hours);
        }
        for (size_t k = 0; k < p->n_phones; k++) {
            html_printf(h, " <a href=\"tel:%s\">%s</a>", p->phones[k].number,
                        p->phones[k].number);
        }
        if (p->notes && p->notes[0]) {
            html_printf(h, "<br><small>%s</small>", p->notes);
        }
        html_lit(h, "</li>");
    }
    html_lit(h, "</ul>");
    html_lit(h, "</section>");
}

/* A choice of the language of mail to them; "" (unset_label) follows
 * whoever decides otherwise. */
static void lang_select(struct html *h, const char *id, const char *chosen,
                        const char *unset_label)
{
    static const char *const values[] = {"", "ja", "en"};
    const char *labels[] = {unset_label, "日本語", "English"};
    ui_select(h, id, "lang", _("Language of mail to them"), 3, values,
              labels, chosen ? chosen : "");
}

/* The form for a new contact person of customer c. */
static void contact_form(struct html *h, const struct http_request *req,
                         const struct customer *c)
{
    html_printf(h, "<details class=\"card no-print\" id=\"new-contact\">"
                   "<summary>%s</summary>",
                _("Add a contact person"));
    html_lit(h, "<form method=\"post\" class=\"stack\"");
    html_url_attr(h, "action", "/customers/%lld/contacts", (long long)c->id);
    html_lit(h, ">");
    ui_csrf_field(h, req);
    ui_input(h, "contact-name", "name", _("Name"), NULL, NULL, UI_REQUIRED);
    ui_input(h, "contact-reading", "reading", _("Reading (kana)"), NULL, NULL,
             0);
    ui_input(h, "contact-title", "title", _("Role or department"), NULL, NULL,
             0);
    ui_input(h, "contact-phone", "phone", _("Phone"), NULL, NULL, 0);
    ui_input(h, "contact-email", "email", _("E-mail"), NULL, NULL, 0);
    ui_input(h, "contact-channels", "channels", _("Preferred channels"), NULL,
             _("empty: as the customer"), 0);
    lang_select(h, "contact-lang", NULL, _("as the customer"));
    html_printf(h, "<div><button type=\"submit\">%s</button></div></form>"
                   "</details>",
                _("Add"));
}

/* The periods not to contact them (stocktaking, closing the books), and a
 * form for another. */
static void busy_periods(struct html *h, const struct http_request *req,
                         const struct customer_view *v)
{
    html_printf(h, "<section class=\"card\" id=\"busy\"><h2>%s</h2>",
                _("Do not contact"));
    if (v->n_busy == 0) {
        html_printf(h, "<p class=\"muted\">%s</p>", _("None recorded."));
    }
    html_lit(h, "<ul class=\"plain\">");
    for (size_t i = 0; i < v->n_busy; i++) {
        const struct windows_busy *b = &v->busy[i];
        html_lit(h, "<li>");
        ui_time(h, req, b->from_at);
        html_lit(h, " – ");
        ui_time(h, req, b->to_at);
        if (b->rrule) {
            html_printf(h, " <small>(%s %s)</small>", _("repeats:"),
                        b->rrule);
        }
        html_printf(h, " %s</li>", b->note ? b->note : "");
    }
    html_lit(h, "</ul>");
    if (user_can(&req->actor, USER_ACT_RECORD)) {
        html_printf(h, "<details class=\"no-print\"><summary>%s</summary>",
                    _("Add a period"));
        html_lit(h, "<form method=\"post\" class=\"stack\"");
        html_url_attr(h, "action", "/customers/%lld/busy",
                      (long long)v->customer.id);
        html_lit(h, ">");
        ui_csrf_field(h, req);
        ui_input(h, "busy-from", "from", _("From"), NULL,
                 _("e.g. 2026-12-25"), UI_REQUIRED);
        ui_input(h, "busy-to", "to", _("Until"), NULL, _("e.g. 2026-12-28"),
                 UI_REQUIRED);
        ui_input(h, "busy-repeat", "repeat", _("Repeats"), NULL,
                 _("empty: once; e.g. FREQ=MONTHLY;BYMONTHDAY=-3"), 0);
        ui_input(h, "busy-note", "note", _("Note"), NULL,
                 _("e.g. stocktaking"), 0);
        html_printf(h, "<div><button type=\"submit\">%s</button></div>"
                       "</form></details>",
                    _("Add"));
    }
    html_lit(h, "</section>");
}

/* The customer's recent cases, each a link. */
static void recent_cases(struct html *h, const struct http_request *req,
                         const struct customer_view *v)
{
    html_printf(h, "<section class=\"card\"><h2>%s</h2>", _("Cases"));
    if (v->n_cases == 0) {
        html_printf(h, "<p class=\"muted\">%s</p>", _("No case yet."));
    }
    html_lit(h, "<ul class=\"plain\">");
    for (size_t i = 0; i < v->n_cases; i++) {
        const struct case_rec *c = &v->cases[i];
        html_lit(h, "<li><a");
        html_href(h, "/cases/%s", c->number);
        html_printf(h, ">%s %s</a> <span class=\"badge\">%s</span> ",
                    c->number, c->title, case_status_label(c->status));
        ui_time(h, req, c->received_at);
        html_lit(h, "</li>");
    }
    html_lit(h, "</ul></section>");
}

/* The spans of weekday index day (0: Sunday) as "09:00-12:00,13:00-18:00",
 * into out. */
static void day_spans(const struct calendar_week *week, int day, char *out,
                      size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < week->n_spans[day] && used < size; i++) {
        const struct calendar_span *s = &week->spans[day][i];
        used += (size_t)snprintf(out + used, size - used,
                                 "%s%02d:%02d-%02d:%02d", i ? "," : "",
                                 s->start / 60, s->start % 60, s->end / 60,
                                 s->end % 60);
    }
}

/* The form of how to reach the customer: channels, a grid of seven days
 * (empty: not reachable that day), closed days, handling notes. */
static void reach_form(struct html *h, const struct http_request *req,
                       const struct customer *c, bool refused)
{
    struct calendar_week week = {0};
    bool has_week = c->hours && calendar_week_parse(c->hours, &week, "hours",
                                                    NULL) == TAIO_OK;
    html_printf(h, "<section class=\"card no-print\" id=\"reach\">"
                   "<h2>%s</h2>",
                _("How and when to reach them"));
    html_lit(h, "<form method=\"post\" class=\"stack wide\"");
    html_url_attr(h, "action", "/customers/%lld/reach", (long long)c->id);
    html_lit(h, ">");
    ui_csrf_field(h, req);
    html_printf(h, "<input type=\"hidden\" name=\"version\" value=\"%lld\">",
                (long long)c->version);
    ui_input(h, "reach-channels", "channels", _("Preferred channels"),
             refused ? ui_posted(req, "channels") : c->channels,
             _("in order, e.g. phone,fax"), 0);
    html_printf(h, "<fieldset class=\"week\"><legend>%s</legend>"
                   "<p class=\"muted\">%s</p>",
                _("Reachable hours"),
                _("One line per day, e.g. 09:00-12:00,13:00-17:00. Leave a "
                  "day empty when they cannot be reached; leave every day "
                  "empty for our business hours."));
    for (int i = 0; i < 7; i++) {
        char spans[128];
        day_spans(&week, DAY_INDEX[i], spans, sizeof(spans));
        char id[16];
        snprintf(id, sizeof(id), "day-%s", DAY_NAMES[i]);
        ui_input(h, id, DAY_NAMES[i], day_label(i),
                 refused ? ui_posted(req, DAY_NAMES[i])
                         : (has_week ? spans : ""),
                 NULL, 0);
    }
    html_lit(h, "</fieldset>");
    ui_input(h, "reach-closed", "closed_days", _("Closed days"),
             refused ? ui_posted(req, "closed_days") : c->closed_days,
             _("e.g. 12-29..01-03, 2026-08-13..2026-08-16"), 0);
    ui_textarea(h, "reach-notes", "notes", _("Handling notes"),
                refused ? ui_posted(req, "notes") : c->notes, 3, 0);
    lang_select(h, "reach-lang", refused ? ui_posted(req, "lang") : c->lang,
                _("as the organisation's setting"));
    html_printf(h, "<div><button class=\"primary\" type=\"submit\">%s"
                   "</button></div></form></section>",
                _("Save"));
}

/* A small form to set a flag. */
static void flag_form(struct html *h, const struct http_request *req,
                      const struct customer *c)
{
    const char *labels[3];
    for (int i = 0; i < 3; i++) {
        labels[i] = customer_flag_label((enum customer_flag_kind)i);
    }
    html_printf(h, "<details class=\"card no-print\"><summary>%s</summary>",
                _("Set a flag"));
    html_lit(h, "<form method=\"post\" class=\"stack\"");
    html_url_attr(h, "action", "/customers/%lld/flag", (long long)c->id);
    html_lit(h, ">");
    ui_csrf_field(h, req);
    ui_select(h, "flag-kind", "kind", _("Flag"), 3, CUSTOMER_FLAG_NAMES,
              labels, NULL);
    ui_input(h, "flag-reason", "reason", _("Reason"), NULL, NULL,
             UI_REQUIRED);
    html_printf(h, "<div><button type=\"submit\">%s</button></div></form>"
                   "</details>",
                _("Set the flag"));
}

/* The customer's page with status; refused (may be NULL) names the form
 * whose post was refused ("reach", "contact", "busy", "flag") and p its
 * problems, shown at the top. */
static void customer_page(struct http_request *req, int64_t id,
                          const char *refused, const struct problems *p,
                          int status)
{
    struct customer_view v;
    enum taio_status loaded = customer_view_load(req->db, id, &v);
    if (loaded == TAIO_ENOTFOUND) {
        ui_error_page(req, 404, _("No such customer."), NULL);
    } else if (loaded != TAIO_OK) {
        problem_reply_status(req, loaded, NULL);
    }
    if (loaded != TAIO_OK) {
        customer_view_clear(&v);
        return;
    }
    struct html h;
    ui_page_begin(req, &h, v.customer.name, UI_NAV_CUSTOMERS);
    html_printf(&h, "<h1>%s</h1>", v.customer.name);
    ui_problems_for(&h, p, LABELS);
    if (v.customer.parent_name) {
        html_lit(&h, "<p class=\"muted\"><a");
        html_href(&h, "/customers/%lld", (long long)v.customer.parent_id);
        html_printf(&h, ">%s</a></p>", v.customer.parent_name);
    }
    html_lit(&h, "<p class=\"no-print\"><a class=\"button\"");
    html_href(&h, "/intake?customer=%lld", (long long)id);
    html_printf(&h, ">%s</a></p>", _("New case for this customer"));
    html_lit(&h, "<div class=\"case-cols\"><div>");
    ui_customer_card(&h, req, &v.customer);
    contacts(&h, &v);
    recent_cases(&h, req, &v);
    html_lit(&h, "</div><div>");
    busy_periods(&h, req, &v);
    if (user_can(&req->actor, USER_ACT_RECORD)) {
        reach_form(&h, req, &v.customer,
                   refused && strcmp(refused, "reach") == 0);
        contact_form(&h, req, &v.customer);
        flag_form(&h, req, &v.customer);
    }
    html_lit(&h, "</div></div>");
    customer_view_clear(&v);
    ui_page_end(req, &h, status);
}

/* The customer of the path's {id}, checked to exist before a change to
 * it; false with the 404 page answered. */
static bool customer_of(struct http_request *req, int64_t *id)
{
    char *end = NULL;
    long long value = strtoll(req->params[0], &end, 10);
    struct customer c;
    if (value <= 0 || *end != '\0' ||
        customer_get(req->db, value, &c) != TAIO_OK) {
        ui_error_page(req, 404, _("No such customer."), NULL);
        return false;
    }
    customer_clear(&c);
    *id = value;
    return true;
}

/* GET /customers/{id}: the page loads the customer once (an unknown
 * one is its 404). */
static void get_customer(struct http_request *req)
{
    customer_page(req, ui_id(req->params[0]), NULL, NULL, 200);
}

/* The grid's seven days as hours text ("mon 09:00-18:00; tue ..."), or
 * NULL when every day is empty. Free with free(). */
static char *grid_hours(const struct http_request *req)
{
    struct buf text = {0};
    for (int i = 0; i < 7; i++) {
        const char *spans = form_get(&req->form, DAY_NAMES[i]);
        if (spans && spans[0]) {
            buf_printf(&text, "%s%s %s", text.len ? "; " : "", DAY_NAMES[i],
                       spans);
        }
    }
    char *out = text.len ? xstrdup(buf_str(&text)) : NULL;
    buf_clear(&text);
    return out;
}

/* Redirect to the customer's page (after a change). */
static void back_to_customer(struct http_request *req, int64_t id,
                             const char *anchor)
{
    char where[64];
    snprintf(where, sizeof(where), "/customers/%lld%s", (long long)id,
             anchor);
    http_redirect(req, where);
}

/* Whether the posted version is the customer's current one. */
static bool customer_version_ok(struct http_request *req, int64_t id)
{
    struct customer c;
    if (customer_get(req->db, id, &c) != TAIO_OK) {
        return false;
    }
    const char *text = form_get(&req->form, "version");
    char *end = NULL;
    long long version = text ? strtoll(text, &end, 10) : -1;
    bool ok = text && *end == '\0' && version == c.version;
    customer_clear(&c);
    return ok;
}

/* POST /customers/{id}/reach */
static void post_reach(struct http_request *req)
{
    int64_t id = 0;
    if (!customer_of(req, &id)) {
        return;
    }
    char *hours = grid_hours(req);
    struct customer_input in = {
        .channels = form_get(&req->form, "channels"),
        .hours = hours ? hours : "",
        .closed_days = form_get(&req->form, "closed_days"),
        .notes = form_get(&req->form, "notes"),
        .lang = form_get(&req->form, "lang"),
    };
    struct problems p = {0};
    enum taio_status status = db_begin(req->db);
    if (status == TAIO_OK && !customer_version_ok(req, id)) {
        problems_add(&p, "version", "%s",
                     _("someone changed this customer meanwhile; the page "
                       "now shows their change"));
        status = TAIO_ECONFLICT;
    } else if (status == TAIO_OK) {
        status = customer_update(req->db, &req->actor, id, &in, &p);
    }
    status = db_end(req->db, status);
    free(hours);
    if (status == TAIO_OK) {
        back_to_customer(req, id, "#reach");
    } else if (status == TAIO_EINVAL) {
        customer_page(req, id, "reach", &p, 422);
    } else if (status == TAIO_ECONFLICT) {
        customer_page(req, id, "reach", &p, 409);
    } else {
        problem_reply_status(req, status, &p);
    }
    problems_clear(&p);
}

/* POST /customers/{id}/flag */
static void post_flag(struct http_request *req)
{
    int64_t id = 0;
    if (!customer_of(req, &id)) {
        return;
    }
    struct problems p = {0};
    enum taio_status status = customer_flag_set(
        req->db, &req->actor, id, form_get(&req->form, "kind"),
        form_get(&req->form, "reason"), &p);
    if (status == TAIO_OK) {
        back_to_customer(req, id, "");
    } else if (ui_show_again(req, status, &p)) {
        customer_page(req, id, "flag", &p, status_http(status));
    }
    problems_clear(&p);
}

/* Where a new customer leads: the intake or the memo with them, else
 * their page. */
static void after_new_customer(struct http_request *req, int64_t id)
{
    const char *pick = ui_field(req, "pick");
    const char *asked = ui_field(req, "for");
    struct buf where = {0};
    if (pick && strcmp(pick, "intake") == 0) {
        buf_printf(&where, "/intake?customer=%lld", (long long)id);
    } else if (pick && strcmp(pick, "memo") == 0) {
        buf_printf(&where, "/memo?customer=%lld&for=", (long long)id);
        html_url_part(&where, asked ? asked : "");
    } else {
        buf_printf(&where, "/customers/%lld", (long long)id);
    }
    http_redirect(req, buf_str(&where));
    buf_clear(&where);
}

/* POST /customers */
static void post_customer(struct http_request *req)
{
    const char *phone = ui_field(req, "phone");
    struct customer_input in = {
        .kind = ui_field(req, "kind") ? ui_field(req, "kind")
                                      : "organization",
        .name = ui_field(req, "name"),
        .reading = ui_field(req, "reading"),
        .channels = ui_field(req, "channels"),
        .phones = phone ? &phone : NULL,
        .n_phones = phone ? 1 : 0,
    };
    struct problems p = {0};
    int64_t id = 0;
    enum taio_status status = customer_add(req->db, &req->actor, &in, &p,
                                           &id);
    if (status == TAIO_OK) {
        after_new_customer(req, id);
    } else if (ui_show_again(req, status, &p)) {
        struct html h;
        ui_page_begin(req, &h, _("Customers"), UI_NAV_CUSTOMERS);
        html_printf(&h, "<h1>%s</h1>", _("Customers"));
        new_customer_form(&h, req, ui_field(req, "pick"), &p);
        ui_page_end(req, &h, status_http(status));
    }
    problems_clear(&p);
}

/* POST /customers/{id}/contacts */
static void post_contact(struct http_request *req)
{
    int64_t id = 0;
    if (!customer_of(req, &id)) {
        return;
    }
    const char *phone = ui_field(req, "phone");
    struct contact_input in = {
        .name = ui_field(req, "name"),
        .reading = ui_field(req, "reading"),
        .title = ui_field(req, "title"),
        .channels = ui_field(req, "channels"),
        .email = ui_field(req, "email"),
        .lang = ui_field(req, "lang"),
        .phones = phone ? &phone : NULL,
        .n_phones = phone ? 1 : 0,
    };
    struct problems p = {0};
    enum taio_status status =
        contact_add(req->db, &req->actor, id, &in, &p, NULL);
    if (status == TAIO_OK) {
        back_to_customer(req, id, "");
    } else if (ui_show_again(req, status, &p)) {
        customer_page(req, id, "contact", &p, status_http(status));
    }
    problems_clear(&p);
}

/* POST /customers/{id}/busy */
static void post_busy(struct http_request *req)
{
    int64_t id = 0;
    if (!customer_of(req, &id)) {
        return;
    }
    struct problems p = {0};
    int64_t from = 0;
    int64_t to = 0;
    const char *from_text = ui_field(req, "from");
    const char *to_text = ui_field(req, "to");
    if (!from_text || !to_text) {
        problems_add(&p, from_text ? "to" : "from", "%s", _("is required"));
    } else {
        input_time(&req->settings, req->now, "from", from_text, &from, &p);
        input_time(&req->settings, req->now, "to", to_text, &to, &p);
    }
    enum taio_status status =
        problems_any(&p) || !user_can(&req->actor, USER_ACT_RECORD)
            ? (problems_any(&p) ? TAIO_EINVAL : TAIO_EPERM)
            : windows_add_busy(req->db, req->actor.user_id, req->now, false,
                               id, from, to, ui_field(req, "repeat"),
                               ui_field(req, "note"), &p);
    if (status == TAIO_OK) {
        back_to_customer(req, id, "#busy");
    } else if (ui_show_again(req, status, &p)) {
        customer_page(req, id, "busy", &p, status_http(status));
    }
    problems_clear(&p);
}

const struct http_route ui_customer_routes[] = {
    {"GET", "/customers", get_search, HTTP_PAGE | HTTP_CACHED},
    {"GET", "/customers/matches", get_matches, HTTP_PAGE | HTTP_CACHED},
    {"POST", "/customers", post_customer, HTTP_PAGE},
    {"GET", "/customers/{id}", get_customer, HTTP_PAGE | HTTP_CACHED},
    {"POST", "/customers/{id}/contacts", post_contact, HTTP_PAGE},
    {"POST", "/customers/{id}/busy", post_busy, HTTP_PAGE},
    {"POST", "/customers/{id}/reach", post_reach, HTTP_PAGE},
    {"POST", "/customers/{id}/flag", post_flag, HTTP_PAGE},
    {NULL, NULL, NULL, 0},
};
