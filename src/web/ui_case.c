/* SPDX-License-Identifier: MIT */
/*
 * ui_case.c - the case page: what a person on the phone must see first
 * (status, owner, deadline, ETA, the customer's flags and how to reach
 * them), the promises with their countdowns, one form per action, and the
 * timeline, newest first.
 *
 *   GET  /cases/{number}           the page
 *   POST /cases/{number}/{action}  contact, eta, promise, keep,
 *                                  renegotiate, cancel, status, note,
 *                                  update (the customer), assign,
 *                                  escalate
 *
 * A successful action sends the browser back to the page (303), so a
 * reload never posts twice. A refused one shows the page again with the
 * problems above the form that failed, the typed values kept, and nothing
 * written. Changes to the case's own state (status, ETA, owner) carry the
 * version the page showed: when someone else changed the case meanwhile,
 * the page comes back with the case as it is now instead of overwriting.
 * The rules are the domain's (case.c, promise.c, escalation.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_view.h"
#include "channel.h"
#include "contact.h"
#include "core/i18n.h"
#include "core/timeutil.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "escalation.h"
#include "input.h"
#include "outreach.h"
#include "report.h"
#include "settings.h"
#include "web/problem.h"
#include "web/ui.h"

/* What a refused action shows again on the page. */
struct case_refusal {
    const char *action;              /* the form that failed */
    const struct problems *problems; /* may be NULL */
    const char *message;             /* a sentence above them; may be NULL */
};

/* The fields of every form on the page, for naming problems. */
static const struct ui_label LABELS[] = {
    {"direction", N_("Direction")},
    {"channel", N_("Channel")},
    {"with", N_("With whom")},
    {"duration", N_("Minutes")},
    {"summary", N_("What was said")},
    {"at", N_("When")},
    {"eta", N_("ETA (time)")},
    {"text", N_("ETA in words")},
    {"due", N_("Due")},
    {"to", N_("To whom")},
    {"promise", N_("Promise")},
    {"consented_by", N_("Agreed by")},
    {"reason", N_("Reason")},
    {"status", N_("Status")},
    {"comment", N_("Comment")},
    {"note", N_("Note")},
    {"owner", N_("Owner")},
    {"manager", N_("Manager")},
    {"version", N_("Version")},
    {"case", N_("Case")},
    {NULL, NULL},
};

/* The label of a changed case field in the timeline. */
static const char *field_label(const char *field)
{
    static const struct ui_label FIELDS[] = {
        {"title", N_("Title")},         {"impact", N_("Impact")},
        {"affected", N_("Affected")},   {"workaround", N_("Workaround")},
        {"deadline", N_("Deadline")},   {"owner", N_("Owner")},
        {"contact", N_("Contact person")}, {NULL, NULL},
    };
    for (const struct ui_label *l = FIELDS; field && l->field; l++) {
        if (strcmp(l->field, field) == 0) {
            return _(l->text);
        }
    }
    return field ? field : "";
}

/* A channel's label for its stored name. */
static const char *channel_text(const char *name)
{
    enum channel c;
    return name && channel_parse(name, &c) ? channel_label(c)
                                           : (name ? name : "");
}

/* A status's label for its stored name. */
static const char *status_text(const char *name)
{
    int i = name ? validate_index(name, CASE_STATUS_NAMES) : -1;
    return i >= 0 ? case_status_label((enum case_status)i)
                  : (name ? name : "");
}

/* The case's address followed by suffix ("", "/report", "#timeline"),
 * into out. */
void ui_case_path(struct buf *out, const char *number, const char *suffix)
{
    buf_puts(out, "/cases/");
    html_url_part(out, number);
    buf_puts(out, suffix);
}

/* <form> posting to the case's action, with the CSRF token (and the
 * version when versioned). */
static void form_begin(struct html *h, const struct http_request *req,
                       const struct case_rec *c, const char *action,
                       bool versioned)
{
    html_lit(h, "<form method=\"post\" class=\"stack\"");
    html_url_attr(h, "action", "/cases/%s/%s", c->number, action);
    html_lit(h, ">");
    ui_csrf_field(h, req);
    if (versioned) {
        html_printf(h, "<input type=\"hidden\" name=\"version\" "
                       "value=\"%lld\">",
                    (long long)c->version);
    }
}

/* The submit button and the end of a form. */
static void form_end(struct html *h, const char *button)
{
    html_printf(h, "<div><button class=\"primary\" type=\"submit\">%s"
                   "</button></div></form>",
                button);
}

/* One row of the header's list: a term and, from the caller, its value. */
static void term(struct html *h, const char *name)
{
    html_printf(h, "<dt>%s</dt><dd>", name);
}

/* The ETA row: what the customer was told, or a warning that they were
 * told nothing yet (lesson: a rough time at once calms them). */
static void eta_row(struct html *h, const struct http_request *req,
                    const struct case_rec *c)
{
    term(h, _("ETA"));
    if (c->eta_given_at == 0) {
        html_printf(h, "<span class=\"warn\">%s</span>",
                    _("No ETA given yet"));
    } else {
        if (c->eta_text) {
            html_printf(h, "<b>%s</b> ", c->eta_text);
        }
        if (c->eta_at) {
            ui_time(h, req, c->eta_at);
            html_lit(h, " ");
            if (case_status_is_open(c->status)) {
                ui_countdown(h, req, c->eta_at);
            }
        }
        html_printf(h, " <span class=\"muted\">(%s ", _("told"));
        ui_time(h, req, c->eta_given_at);
        html_lit(h, ")</span>");
    }
    html_lit(h, "</dd>");
}

/* The header: status, who, since when, until when, what was reported. */
static void header(struct html *h, const struct http_request *req,
                   const struct case_view *v)
{
    const struct case_rec *c = &v->c;
    html_printf(h, "<h1><span class=\"num\">%s</span> %s</h1>", c->number,
                c->title);
    html_lit(h, "<div class=\"card case-head\"><dl class=\"facts\">");
    term(h, _("Status"));
    html_printf(h, "<span class=\"badge status-%s\">%s</span></dd>",
                CASE_STATUS_NAMES[c->status], case_status_label(c->status));
    term(h, _("Kind / impact"));
    html_printf(h, "%s / <span class=\"impact-%s\">%s</span></dd>",
                case_kind_label(c->kind), CASE_IMPACT_NAMES[c->impact],
                case_impact_label(c->impact));
    term(h, _("Customer"));
    html_lit(h, "<a");
    html_href(h, "/customers/%lld", (long long)c->customer_id);
    html_printf(h, ">%s</a>", c->customer_name);
    if (c->contact_name) {
        html_printf(h, " / %s", c->contact_name);
    }
    html_lit(h, "</dd>");
    term(h, _("Owner"));
    html_printf(h, "%s</dd>", c->owner_name ? c->owner_name : _("unassigned"));
    term(h, _("Received"));
    ui_time(h, req, c->received_at);
    html_printf(h, " (%s)</dd>", channel_text(c->channel));
    term(h, _("Deadline"));
    if (c->deadline_at) {
        ui_time(h, req, c->deadline_at);
        html_lit(h, " ");
        if (case_status_is_open(c->status)) {
            ui_countdown(h, req, c->deadline_at);
        }
    } else {
        html_text(h, _("none"));
    }
    html_lit(h, "</dd>");
    eta_row(h, req, c);
    term(h, _("Last contact by us"));
    if (c->last_outbound_at) {
        ui_time(h, req, c->last_outbound_at);
    } else {
        html_printf(h, "<span class=\"warn\">%s</span>", _("never"));
    }
    html_lit(h, "</dd></dl>");
    html_printf(h, "<h2>%s</h2><blockquote class=\"reported\">%s"
                   "</blockquote>",
                _("Reported (their words)"), c->reported);
    if (c->affected && c->affected[0]) {
        html_printf(h, "<p><b>%s</b> %s</p>", _("Affected:"), c->affected);
    }
    if (c->workaround && c->workaround[0]) {
        html_printf(h, "<p><b>%s</b> %s</p>", _("Workaround:"),
                    c->workaround);
    }
    html_lit(h, "</div>");
}

/* The forms of an open promise: kept (one click), a new time agreed with
 * someone, or cancelled. */
static void promise_forms(struct html *h, const struct http_request *req,
                          const struct case_rec *c, const struct promise *p)
{
    char id[32];
    snprintf(id, sizeof(id), "%lld", (long long)p->id);
    char field_id[64];
    html_lit(h, "<div class=\"row-actions no-print\">");
    form_begin(h, req, c, "keep", false);
    html_printf(h, "<input type=\"hidden\" name=\"promise\" value=\"%s\">"
                   "<button type=\"submit\">%s</button></form>",
                id, _("Kept"));
    html_printf(h, "<details><summary>%s</summary>", _("Renegotiate"));
    form_begin(h, req, c, "renegotiate", false);
    html_printf(h, "<input type=\"hidden\" name=\"promise\" value=\"%s\">",
                id);
    snprintf(field_id, sizeof(field_id), "reneg-due-%s", id);
    ui_input(h, field_id, "due", _("New time"), NULL, _("e.g. 16:30 or +1h"),
             UI_REQUIRED);
    snprintf(field_id, sizeof(field_id), "reneg-who-%s", id);
    ui_input(h, field_id, "consented_by", _("Agreed by"), p->to_whom,
             _("who accepted the new time"), UI_REQUIRED);
    snprintf(field_id, sizeof(field_id), "reneg-note-%s", id);
    ui_input(h, field_id, "note", _("Note"), NULL, NULL, 0);
    form_end(h, _("Move the promise"));
    html_printf(h, "</details><details><summary>%s</summary>", _("Cancel"));
    form_begin(h, req, c, "cancel", false);
    html_printf(h, "<input type=\"hidden\" name=\"promise\" value=\"%s\">",
                id);
    snprintf(field_id, sizeof(field_id), "cancel-reason-%s", id);
    ui_input(h, field_id, "reason", _("Reason"), NULL, NULL, UI_REQUIRED);
    form_end(h, _("Cancel the promise"));
    html_lit(h, "</details></div>");
}

/* The promises: open ones first with countdowns and their actions, then
 * the ended ones. */
static void promises(struct html *h, const struct http_request *req,
                     const struct case_view *v)
{
    html_printf(h, "<section class=\"card\" id=\"promises\"><h2>%s</h2>",
                _("Promises"));
    size_t n_open = 0;
    html_lit(h, "<ul class=\"promises\">");
    for (size_t i = 0; i < v->n_promises; i++) {
        const struct promise *p = &v->promises[i];
        enum promise_state state = promise_state_at(p, req->now);
        if (p->state != PROMISE_OPEN) {
            continue;
        }
        n_open++;
        html_printf(h, "<li class=\"promise %s\"><b>%s</b> %s: %s ",
                    PROMISE_STATE_NAMES[state], promise_state_label(state),
                    p->to_whom, p->body);
        ui_time(h, req, p->due_at);
        html_lit(h, " ");
        ui_countdown(h, req, p->due_at);
        html_printf(h, " <span class=\"muted\">[%s]</span>", p->owner_login);
        promise_forms(h, req, &v->c, p);
        html_lit(h, "</li>");
    }
    html_lit(h, "</ul>");
    if (n_open == 0) {
        html_printf(h, "<p class=\"muted\">%s</p>",
                    _("No open promise."));
    }
    if (n_open < v->n_promises) {
        html_printf(h, "<details><summary>%s</summary><ul class=\"ended\">",
                    _("Ended promises"));
        for (size_t i = 0; i < v->n_promises; i++) {
            const struct promise *p = &v->promises[i];
            if (p->state == PROMISE_OPEN) {
                continue;
            }
            html_printf(h, "<li>%s — %s: %s ",
                        promise_state_label(p->state), p->to_whom, p->body);
            ui_time(h, req, p->due_at);
            html_lit(h, "</li>");
        }
        html_lit(h, "</ul></details>");
    }
    html_lit(h, "</section>");
}

/* The value typed into name before a refused post of action, else dflt. */
static const char *kept(const struct http_request *req,
                        const struct case_refusal *r, const char *action,
                        const char *name, const char *dflt)
{
    if (r && r->action && strcmp(r->action, action) == 0) {
        const char *v = ui_posted(req, name);
        return v ? v : dflt;
    }
    return dflt;
}

/* <details> around one action's form, open when that form was refused
 * (or when open is asked). */
static void action_begin(struct html *h, const struct case_refusal *r,
                         const char *action, const char *title, bool open)
{
    bool failed = r && r->action && strcmp(r->action, action) == 0;
    html_printf(h, "<details class=\"action\" id=\"do-%s\"%s><summary>%s"
                   "</summary>",
                action, failed || open ? " open" : "", title);
    if (failed) {
        ui_problems_for(h, r->problems, LABELS);
    }
}

/* The contact form: most calls are ours to the customer by phone. */
static void contact_form(struct html *h, const struct http_request *req,
                         const struct case_view *v,
                         const struct case_refusal *r)
{
    const struct case_rec *c = &v->c;
    action_begin(h, r, "contact", _("Log a contact"), true);
    form_begin(h, req, c, "contact", false);
    const char *dir = kept(req, r, "contact", "direction", "out");
    const char *const DIRS[] = {"out", "in"};
    const char *const DIR_LABELS[] = {_("We contacted them"),
                                      _("They contacted us")};
    ui_select(h, "contact-direction", "direction", _("Direction"), 2, DIRS,
              DIR_LABELS, dir);
    const char *labels[CHANNEL_COUNT];
    for (int i = 0; i < CHANNEL_COUNT; i++) {
        labels[i] = channel_label((enum channel)i);
    }
    ui_select(h, "contact-channel", "channel", _("Channel"), CHANNEL_COUNT,
              CHANNEL_NAMES, labels,
              kept(req, r, "contact", "channel", "phone"));
    ui_input(h, "contact-with", "with", _("With whom"),
             kept(req, r, "contact", "with", c->contact_name), NULL, 0);
    ui_input(h, "contact-duration", "duration", _("Minutes"),
             kept(req, r, "contact", "duration", NULL), NULL, 0);
    ui_textarea(h, "contact-summary", "summary", _("What was said"),
                kept(req, r, "contact", "summary", NULL), 3, UI_REQUIRED);
    form_end(h, _("Log the contact"));
    html_lit(h, "</details>");
}

/* Give or change the ETA: in words ("1-2 days"), as a time, or both. */
static void eta_form(struct html *h, const struct http_request *req,
                     const struct case_view *v, const struct case_refusal *r)
{
    action_begin(h, r, "eta", _("Give / update the ETA"),
                 v->c.eta_given_at == 0);
    form_begin(h, req, &v->c, "eta", true);
    ui_input(h, "eta-text", "text", _("ETA in words"),
             kept(req, r, "eta", "text", NULL), _("e.g. 1-2 days"), 0);
    ui_input(h, "eta-at", "eta", _("ETA (time)"),
             kept(req, r, "eta", "eta", NULL),
             _("e.g. 2026-11-24 17:00, 17:00 or +2h"), 0);
    form_end(h, _("Tell this ETA"));
    html_lit(h, "</details>");
}

/* Promise something (a callback by default) by a time. */
static void promise_form(struct html *h, const struct http_request *req,
                         const struct case_view *v,
                         const struct case_refusal *r)
{
    action_begin(h, r, "promise", _("Promise a callback"), false);
    form_begin(h, req, &v->c, "promise", false);
    ui_input(h, "promise-due", "due", _("Due"),
             kept(req, r, "promise", "due", NULL), _("e.g. 15:30 or +1h"),
             UI_REQUIRED);
    ui_input(h, "promise-to", "to", _("To whom"),
             kept(req, r, "promise", "to", v->c.contact_name), NULL, 0);
    ui_input(h, "promise-text", "text", _("What is promised"),
             kept(req, r, "promise", "text", NULL), _("a callback"), 0);
    form_end(h, _("Promise"));
    html_lit(h, "</details>");
}

/* Move the case in its state machine: only the moves allowed now. */
static void status_form(struct html *h, const struct http_request *req,
                        const struct case_view *v,
                        const struct case_refusal *r)
{
    const char *values[CASE_STATUS_COUNT];
    const char *labels[CASE_STATUS_COUNT];
    size_t n = 0;
    for (int s = 0; s < CASE_STATUS_COUNT; s++) {
        if (case_status_can_move(v->c.status, (enum case_status)s)) {
            values[n] = CASE_STATUS_NAMES[s];
            labels[n] = case_status_label((enum case_status)s);
            n++;
        }
    }
    if (n == 0) {
        return;
    }
    action_begin(h, r, "status", _("Change the status"), false);
    form_begin(h, req, &v->c, "status", true);
    ui_select(h, "status-status", "status", _("New status"), n, values,
              labels, kept(req, r, "status", "status", NULL));
    ui_input(h, "status-comment", "comment", _("Comment"),
             kept(req, r, "status", "comment", NULL), NULL, 0);
    form_end(h, _("Change"));
    html_lit(h, "</details>");
}

/* A note for colleagues: what was found, what was tried. */
static void note_form(struct html *h, const struct http_request *req,
                      const struct case_view *v, const struct case_refusal *r)
{
    action_begin(h, r, "note", _("Add a note"), false);
    form_begin(h, req, &v->c, "note", false);
    ui_textarea(h, "note-note", "note", _("Note"),
                kept(req, r, "note", "note", NULL), 3, UI_REQUIRED);
    form_end(h, _("Add the note"));
    html_lit(h, "</details>");
}

/* Give the case to someone who can own cases. */
static void assign_form(struct html *h, const struct http_request *req,
                        const struct case_view *v,
                        const struct case_refusal *r)
{
    struct user *users = NULL;
    size_t n_users = 0;
    if (user_list(req->db, &users, &n_users) != TAIO_OK) {
        return;
    }
    const char **values = xcalloc(n_users + 1, sizeof(*values));
    const char **labels = xcalloc(n_users + 1, sizeof(*labels));
    size_t n = 0;
    values[n] = "";
    labels[n++] = _("unassigned");
    for (size_t i = 0; i < n_users; i++) {
        if (users[i].active && users[i].role != USER_VIEWER) {
            values[n] = users[i].login;
            labels[n++] = users[i].display_name;
        }
    }
    action_begin(h, r, "assign", _("Assign"), false);
    form_begin(h, req, &v->c, "assign", true);
    ui_select(h, "assign-owner", "owner", _("Owner"), n, values, labels,
              kept(req, r, "assign", "owner",
                   v->c.owner_login ? v->c.owner_login : ""));
    form_end(h, _("Assign"));
    html_lit(h, "</details>");
    free(values);
    free(labels);
    user_list_free(users, n_users);
}

/* Tell the customer how the case stands, their preferred way. */
static void update_form(struct html *h, const struct http_request *req,
                        const struct case_view *v,
                        const struct case_refusal *r)
{
    action_begin(h, r, "update", _("Update the customer"), false);
    form_begin(h, req, &v->c, "update", false);
    html_printf(h, "<p class=\"muted\">%s</p>",
                _("Sent by e-mail when that is the way they asked to be "
                  "contacted, inside their reachable hours; otherwise it "
                  "becomes a promise to call them."));
    ui_textarea(h, "update-text", "text", _("Message"),
                kept(req, r, "update", "text",
                     _("We are still working on it. We will contact you "
                       "again as soon as we know more.")),
                4, UI_REQUIRED);
    html_printf(h, "<div class=\"field\"><label><input type=\"checkbox\" "
                   "name=\"anytime\" value=\"yes\"> %s</label></div>",
                _("Send now even outside their reachable hours"));
    form_end(h, _("Send the update"));
    html_lit(h, "</details>");
}

/* Hand the case to the owner's manager, saying why. */
static void escalate_form(struct html *h, const struct http_request *req,
                          const struct case_view *v,
                          const struct case_refusal *r)
{
    action_begin(h, r, "escalate", _("Escalate to the manager"), false);
    form_begin(h, req, &v->c, "escalate", false);
    ui_textarea(h, "escalate-reason", "reason",
                _("What the manager must know"),
                kept(req, r, "escalate", "reason", NULL), 2, UI_REQUIRED);
    form_end(h, _("Escalate"));
    html_lit(h, "</details>");
}

/* The actions the caller may take, as forms that work without script. */
static void actions(struct html *h, const struct http_request *req,
                    const struct case_view *v, const struct case_refusal *r)
{
    if (!user_can(&req->actor, USER_ACT_RECORD)) {
        return;
    }
    html_printf(h, "<section class=\"card actions no-print\" id=\"actions\">"
                   "<h2>%s</h2>",
                _("Actions"));
    contact_form(h, req, v, r);
    eta_form(h, req, v, r);
    promise_form(h, req, v, r);
    if (user_can(&req->actor, USER_ACT_HANDLE)) {
        status_form(h, req, v, r);
    }
    update_form(h, req, v, r);
    note_form(h, req, v, r);
    if (user_can(&req->actor, USER_ACT_HANDLE)) {
        assign_form(h, req, v, r);
    }
    escalate_form(h, req, v, r);
    html_lit(h, "</section>");
}

/* What a contact entry says: direction, channel, with whom, how long. */
static void contact_event(struct html *h, const struct http_request *req,
                          const struct timeline_event *e)
{
    bool out = e->direction && strcmp(e->direction, "out") == 0;
    html_printf(h, "<b>%s</b> %s", out ? _("We contacted them") :
                                         _("They contacted us"),
                channel_text(e->channel));
    if (e->with_whom) {
        html_printf(h, " — %s", e->with_whom);
    }
    if (e->duration_min >= 0) {
        html_printf(h, " (%lld %s)", (long long)e->duration_min, _("min"));
    }
    if (e->occurred_at && e->occurred_at != e->at) {
        html_printf(h, " [%s ", _("happened at"));
        ui_time(h, req, e->occurred_at);
        html_lit(h, "]");
    }
}

/* A time, or a dash for none. */
static void time_or_dash(struct html *h, const struct http_request *req,
                         int64_t at)
{
    if (at) {
        ui_time(h, req, at);
    } else {
        html_lit(h, "-");
    }
}

/* The headline of one timeline entry (its text follows in a <p>). */
static void event_head(struct html *h, const struct http_request *req,
                       const struct timeline_event *e)
{
    switch (e->kind) {
    case TIMELINE_OPENED:
        html_printf(h, "<b>%s</b>", _("Case opened"));
        break;
    case TIMELINE_CONTACT:
        contact_event(h, req, e);
        break;
    case TIMELINE_NOTE:
        html_printf(h, "<b>%s</b>", _("Note"));
        break;
    case TIMELINE_STATUS:
        html_printf(h, "<b>%s</b> %s → %s", _("Status"),
                    status_text(e->old_value), status_text(e->new_value));
        break;
    case TIMELINE_ETA:
        html_printf(h, "<b>%s</b> %s ", _("ETA told"),
                    e->new_value ? e->new_value : "");
        time_or_dash(h, req, e->new_at);
        break;
    case TIMELINE_FIELD:
        html_printf(h, "<b>%s</b> ", field_label(e->field));
        if (e->old_at || e->new_at) {
            time_or_dash(h, req, e->old_at);
            html_lit(h, " → ");
            time_or_dash(h, req, e->new_at);
        } else {
            html_printf(h, "%s → %s", e->old_value ? e->old_value : "-",
                        e->new_value ? e->new_value : "-");
        }
        break;
    case TIMELINE_PROMISE_ADDED:
        html_printf(h, "<b>%s</b> %s, ", _("Promised"),
                    e->with_whom ? e->with_whom : "");
        time_or_dash(h, req, e->new_at);
        break;
    case TIMELINE_PROMISE_KEPT:
        html_printf(h, "<b>%s</b>",
                    e->old_value ? _("Promise kept late")
                                 : _("Promise kept"));
        break;
    case TIMELINE_PROMISE_RENEGOTIATED:
        html_printf(h, "<b>%s</b> ", _("Promise moved"));
        time_or_dash(h, req, e->old_at);
        html_lit(h, " → ");
        time_or_dash(h, req, e->new_at);
        html_printf(h, " (%s %s)", _("agreed by"),
                    e->with_whom ? e->with_whom : "-");
        break;
    case TIMELINE_PROMISE_CANCELLED:
        html_printf(h, "<b>%s</b>", _("Promise cancelled"));
        break;
    case TIMELINE_ESCALATED:
        html_printf(h, "<b>%s</b> %s → %s", _("Escalated"),
                    e->old_value ? e->old_value : _("unassigned"),
                    e->new_value ? e->new_value : "-");
        break;
    case TIMELINE_REPORT:
        html_printf(h, "<b>%s</b> %s", _("Report"),
                    report_step_label(e->new_value ? e->new_value : ""));
        break;
    case TIMELINE_KIND_COUNT:
        break;
    }
}

/* The timeline, newest first. */
static void timeline(struct html *h, const struct http_request *req,
                     const struct case_view *v)
{
    html_printf(h, "<section class=\"card\" id=\"timeline\"><h2>%s</h2>"
                   "<ol class=\"timeline\" reversed>",
                _("Timeline (newest first)"));
    for (size_t i = v->n_events; i-- > 0;) {
        const struct timeline_event *e = &v->events[i];
        html_printf(h, "<li class=\"ev-%s\"><div class=\"when\">",
                    timeline_kind_name(e->kind));
        ui_time(h, req, e->at);
        html_printf(h, " <span class=\"muted\">%s</span></div><div>",
                    e->actor_name ? e->actor_name : _("system"));
        event_head(h, req, e);
        if (e->body && e->body[0]) {
            html_printf(h, "<p class=\"body\">%s</p>", e->body);
        }
        html_lit(h, "</div></li>");
    }
    html_lit(h, "</ol></section>");
}

/* Write the page of case id with status; r (may be NULL) is what a
 * refused action shows again. */
/* Where the case's report stands, and the way to it. */
static void report_card(struct html *h, struct http_request *req,
                        const struct case_rec *c)
{
    struct report rep;
    enum taio_status found = report_get(req->db, c->id, &rep);
    if (found != TAIO_OK && !c->report_required) {
        return; /* nothing written, nothing needed */
    }
    html_printf(h, "<section class=\"card\" id=\"report-card\"><h2>%s</h2>"
                   "<p>",
                _("Incident report"));
    if (found == TAIO_OK) {
        html_printf(h, "%s: <b>%s</b>", _("State"),
                    report_state_label(rep.state));
    } else if (c->report_waived_at) {
        html_printf(h, "%s", _("waived by a manager"));
    } else {
        html_printf(h, "%s", _("Needed before the case closes; not written "
                               "yet."));
    }
    html_lit(h, " <a");
    html_href(h, "/cases/%s/report", c->number);
    html_printf(h, ">%s</a></p></section>",
                found == TAIO_OK ? _("Open the report") : _("Write it"));
    report_clear(&rep);
}

/* The lessons of the past cases most like this one. */
static void lessons_card(struct html *h, struct http_request *req,
                         const struct case_rec *c)
{
    struct buf text = {0};
    buf_printf(&text, "%s %s", c->title, c->reported);
    html_printf(h, "<section class=\"card\" id=\"lessons\"><h2>%s</h2>",
                _("Lessons of similar past cases"));
    ui_lessons(h, req, buf_str(&text), c->id);
    html_lit(h, "</section>");
    buf_clear(&text);
}

static void case_page(struct http_request *req, int64_t id,
                      const struct case_refusal *r, int status)
{
    struct case_view v;
    enum taio_status loaded = case_view_load(req->db, id, &v);
    if (loaded != TAIO_OK) {
        case_view_clear(&v);
        problem_reply_status(req, loaded, NULL);
        return;
    }
    struct html h;
    char title[256];
    snprintf(title, sizeof(title), "%s %s", v.c.number, v.c.title);
    ui_page_begin(req, &h, title, UI_NAV_NONE);
    if (r && r->message) {
        html_printf(&h, "<div class=\"error\" role=\"alert\"><p>%s</p></div>",
                    r->message);
    }
    header(&h, req, &v);
    html_lit(&h, "<div class=\"case-cols\"><div>");
    ui_customer_card(&h, req, &v.customer);
    promises(&h, req, &v);
    report_card(&h, req, &v.c);
    ui_checklist_card(&h, req, &v.c);
    lessons_card(&h, req, &v.c);
    actions(&h, req, &v, r);
    html_lit(&h, "</div><div>");
    timeline(&h, req, &v);
    html_lit(&h, "</div></div>");
    case_view_clear(&v);
    ui_page_end(req, &h, status);
}

/* The case of the path's {number}; false with the 404 page answered. */
bool ui_case_of(struct http_request *req, int64_t *id)
{
    struct problems p = {0};
    enum taio_status status = input_case(req->db, req->params[0], id, &p);
    if (status != TAIO_OK) {
        ui_error_page(req, status_http(status), _("No such case."), &p);
    }
    problems_clear(&p);
    return status == TAIO_OK;
}

/* GET /cases/{number} */
static void get_case(struct http_request *req)
{
    int64_t id = 0;
    if (ui_case_of(req, &id)) {
        case_page(req, id, NULL, 200);
    }
}

/* A time field, when filled in. */
static void time_field(const struct http_request *req, const char *name,
                       int64_t *out, struct problems *p)
{
    const char *text = ui_field(req, name);
    if (text) {
        input_time(&req->settings, req->now, name, text, out, p);
    }
}

/* The promise named by the form's "promise", checked to be c's. */
static bool promise_field(const struct http_request *req,
                          const struct case_rec *c, int64_t *id,
                          struct problems *p)
{
    const char *text = ui_field(req, "promise");
    char *end = NULL;
    long long value = text ? strtoll(text, &end, 10) : 0;
    struct promise pr;
    if (value <= 0 || *end != '\0' ||
        promise_get(req->db, value, &pr) != TAIO_OK) {
        problems_add(p, "promise", "%s", _("is not a promise of this case"));
        return false;
    }
    bool ours = pr.case_id == c->id;
    promise_clear(&pr);
    if (!ours) {
        problems_add(p, "promise", "%s", _("is not a promise of this case"));
        return false;
    }
    *id = value;
    return true;
}

/* The form's values as a problem-free status: TAIO_EINVAL when any. */
static enum taio_status checked(const struct problems *p)
{
    return problems_any(p) ? TAIO_EINVAL : TAIO_OK;
}

static enum taio_status do_contact(struct http_request *req,
                                   const struct case_rec *c,
                                   struct problems *p)
{
    struct case_contact_input in = {
        .direction = ui_field(req, "direction"),
        .channel = ui_field(req, "channel"),
        .with_whom = ui_field(req, "with"),
        .summary = ui_field(req, "summary"),
        .duration_min = -1,
    };
    const char *duration = ui_field(req, "duration");
    if (duration) {
        input_duration(&req->settings, "duration", duration,
                       &in.duration_min, p);
    }
    time_field(req, "at", &in.occurred_at, p);
    if (checked(p) != TAIO_OK) {
        return TAIO_EINVAL;
    }
    return case_log_contact(req->db, &req->actor, c->id, &in, p, NULL);
}

static enum taio_status do_eta(struct http_request *req,
                               const struct case_rec *c, struct problems *p)
{
    int64_t eta_at = 0;
    time_field(req, "eta", &eta_at, p);
    if (checked(p) != TAIO_OK) {
        return TAIO_EINVAL;
    }
    return case_set_eta(req->db, &req->actor, c->id, eta_at,
                        ui_field(req, "text"), p);
}

static enum taio_status do_promise(struct http_request *req,
                                   const struct case_rec *c,
                                   struct problems *p)
{
    struct promise_input in = {
        .case_id = c->id,
        .body = ui_field(req, "text"),
        .to_whom = ui_field(req, "to"),
        .contact_id = c->contact_id,
        .remind_min = -1,
    };
    if (!ui_field(req, "due")) {
        problems_add(p, "due", "%s", _("is required"));
    }
    time_field(req, "due", &in.due_at, p);
    if (checked(p) != TAIO_OK) {
        return TAIO_EINVAL;
    }
    return promise_add(req->db, &req->actor, &in,
                       req->settings.promise_lead_min, p, NULL);
}

static enum taio_status do_keep(struct http_request *req,
                                const struct case_rec *c, struct problems *p)
{
    int64_t id = 0;
    if (!promise_field(req, c, &id, p)) {
        return TAIO_EINVAL;
    }
    return promise_keep(req->db, &req->actor, id, ui_field(req, "note"), p);
}

static enum taio_status do_renegotiate(struct http_request *req,
                                       const struct case_rec *c,
                                       struct problems *p)
{
    int64_t id = 0;
    int64_t due = 0;
    promise_field(req, c, &id, p);
    if (!ui_field(req, "due")) {
        problems_add(p, "due", "%s", _("is required"));
    }
    time_field(req, "due", &due, p);
    if (checked(p) != TAIO_OK) {
        return TAIO_EINVAL;
    }
    return promise_renegotiate(req->db, &req->actor, id, due,
                               ui_field(req, "consented_by"), ui_field(req, "note"),
                               p, NULL);
}

static enum taio_status do_cancel(struct http_request *req,
                                  const struct case_rec *c,
                                  struct problems *p)
{
    int64_t id = 0;
    if (!promise_field(req, c, &id, p)) {
        return TAIO_EINVAL;
    }
    return promise_cancel(req->db, &req->actor, id, ui_field(req, "reason"), p);
}

static enum taio_status do_status(struct http_request *req,
                                  const struct case_rec *c,
                                  struct problems *p)
{
    return case_set_status(req->db, &req->actor, c->id, ui_field(req, "status"),
                           ui_field(req, "comment"), p);
}

static enum taio_status do_note(struct http_request *req,
                                const struct case_rec *c, struct problems *p)
{
    return case_add_note(req->db, &req->actor, c->id, ui_field(req, "note"), p,
                         NULL);
}

static enum taio_status do_assign(struct http_request *req,
                                  const struct case_rec *c,
                                  struct problems *p)
{
    struct case_update_input in = {.set_owner = true};
    const char *owner = ui_field(req, "owner");
    if (owner && !input_user(req->db, "owner", owner, &in.owner_id, p)) {
        return TAIO_EINVAL;
    }
    return case_update(req->db, &req->actor, c->id, &in, p);
}

static enum taio_status do_update(struct http_request *req,
                                 const struct case_rec *c, struct problems *p)
{
    struct outreach_result r;
    return outreach_update(req->db, &req->actor, &req->settings, c->id,
                           ui_field(req, "text"),
                           ui_field(req, "anytime") != NULL, p, &r);
}

static enum taio_status do_escalate(struct http_request *req,
                                    const struct case_rec *c,
                                    struct problems *p)
{
    return escalation_raise(req->db, &req->actor, c->id, ui_field(req, "reason"),
                            p, NULL);
}

/* One action of the case page: its name in the path, whether it changes
 * the case's own state (and so must be based on the version shown), and
 * what it does inside the action's transaction. */
struct case_action {
    const char *name;
    bool versioned;
    enum taio_status (*run)(struct http_request *req,
                            const struct case_rec *c, struct problems *p);
};

static const struct case_action ACTIONS[] = {
    {"contact", false, do_contact},
    {"eta", true, do_eta},
    {"promise", false, do_promise},
    {"keep", false, do_keep},
    {"renegotiate", false, do_renegotiate},
    {"cancel", false, do_cancel},
    {"status", true, do_status},
    {"note", false, do_note},
    {"update", false, do_update},
    {"assign", true, do_assign},
    {"escalate", false, do_escalate},
    {NULL, false, NULL},
};

/* Whether the form's version is c's. */
static bool version_matches(const struct http_request *req,
                            const struct case_rec *c)
{
    const char *text = ui_field(req, "version");
    char *end = NULL;
    long long version = text ? strtoll(text, &end, 10) : -1;
    return text && *end == '\0' && version == c->version;
}

/* Run action a on case id in one transaction. Returns its status; on
 * TAIO_ECONFLICT from a stale version, *stale is set. */
static enum taio_status run_action(struct http_request *req,
                                   const struct case_action *a, int64_t id,
                                   struct problems *p, bool *stale)
{
    enum taio_status status = db_begin(req->db);
    if (status != TAIO_OK) {
        return status;
    }
    struct case_rec c;
    status = case_get(req->db, id, &c);
    if (status == TAIO_OK && a->versioned && !version_matches(req, &c)) {
        *stale = true;
        status = TAIO_ECONFLICT;
    } else if (status == TAIO_OK) {
        status = a->run(req, &c, p);
    }
    if (status == TAIO_OK) {
        struct buf where = {0};
        ui_case_path(&where, c.number, "#timeline");
        http_redirect(req, buf_str(&where));
        buf_clear(&where);
    }
    case_rec_clear(&c);
    return db_end(req->db, status);
}

/* POST /cases/{number}/{action} */
static void post_action(struct http_request *req)
{
    const struct case_action *a = ACTIONS;
    while (a->name && strcmp(a->name, req->params[1]) != 0) {
        a++;
    }
    int64_t id = 0;
    if (a->name == NULL) {
        ui_error_page(req, 404, _("No such action."), NULL);
        return;
    }
    if (!ui_case_of(req, &id)) {
        return;
    }
    struct problems p = {0};
    bool stale = false;
    enum taio_status status = run_action(req, a, id, &p, &stale);
    if (status != TAIO_OK) {
        http_clear_headers(req);
    }
    struct case_refusal r = {.action = a->name, .problems = &p};
    if (stale) {
        r.message = _("Someone changed this case while you were looking "
                      "at it. Here it is as it is now: check it and try "
                      "again.");
        case_page(req, id, &r, 409);
    } else if (status != TAIO_OK && ui_show_again(req, status, &p)) {
        case_page(req, id, &r, status_http(status));
    }
    problems_clear(&p);
}

const struct http_route ui_case_routes[] = {
    {"GET", "/cases/{number}", get_case, HTTP_PAGE | HTTP_CACHED},
    {"POST", "/cases/{number}/{action}", post_action, HTTP_PAGE},
    {NULL, NULL, NULL, 0},
};
