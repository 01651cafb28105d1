/* SPDX-License-Identifier: MIT */
/*
 * report_text.c - an incident report as text: Markdown for export, or
 * plain text for mail and for people who paste it into their own
 * template. The facts and the condensed timeline come first, as taio
 * knows them; then the sections people wrote. In the current language,
 * times in the organisation's zone.
 */
#include "report.h"

#include "core/i18n.h"
#include "core/timeutil.h"

/* A section heading. */
static void heading(struct buf *out, bool markdown, const char *title)
{
    buf_printf(out, markdown ? "\n## %s\n\n" : "\n■ %s\n", title);
}

/* One "- label: value" line; nothing when value is empty. */
static void fact(struct buf *out, const char *label, const char *value)
{
    if (value && *value) {
        buf_printf(out, "- %s: %s\n", label, value);
    }
}

/* A fact that is a moment (nothing when at is 0). */
static void fact_at(struct buf *out, const struct settings *s,
                    const char *label, int64_t at, const char *extra)
{
    if (at == 0) {
        return;
    }
    char when[TIMEUTIL_ISO_MAX];
    timeutil_format_local(s->zone, at, when);
    buf_printf(out, "- %s: %s%s%s\n", label, when, extra ? " " : "",
               extra ? extra : "");
}

/* A written section, or a line saying it is not written yet. */
static void section(struct buf *out, bool markdown, const char *title,
                    const char *text, bool required)
{
    if (!required && (text == NULL || *text == '\0')) {
        return;
    }
    heading(out, markdown, title);
    buf_printf(out, "%s\n", text && *text ? text : _("(not written yet)"));
}

/* The promises and how each ended. */
static void promises(struct buf *out, const struct settings *s,
                     const struct report_facts *f, int64_t now)
{
    if (f->n_promises == 0) {
        return;
    }
    buf_printf(out, "- %s: ", _("Promises"));
    buf_printf(out, _("%zu made, %zu kept on time"), f->n_promises,
               f->n_kept_on_time);
    buf_puts(out, "\n");
    for (size_t i = 0; i < f->n_promises; i++) {
        const struct promise *p = &f->promises[i];
        char due[TIMEUTIL_ISO_MAX];
        timeutil_format_local(s->zone, p->due_at, due);
        buf_printf(out, "  - %s %s: %s — %s", due, p->to_whom, p->body,
                   promise_state_label(promise_state_at(p, now)));
        if (p->ended_at) {
            char ended[TIMEUTIL_ISO_MAX];
            timeutil_format_local(s->zone, p->ended_at, ended);
            buf_printf(out, " (%s)", ended);
        }
        buf_puts(out, "\n");
    }
}

/* Report r of case c with its facts f, as Markdown or plain text; the
 * promises as they stand at now. */
void report_text(const struct settings *s, const struct case_rec *c,
                 const struct report *r, const struct report_facts *f,
                 int64_t now, bool markdown, struct buf *out)
{
    buf_printf(out, markdown ? "# %s: %s %s\n\n" : "%s: %s %s\n\n",
               _("Incident report"), c->number, c->title);
    struct buf who = {0};
    buf_puts(&who, c->customer_name);
    if (c->contact_name) {
        buf_printf(&who, " / %s", c->contact_name);
    }
    fact(out, _("Customer"), buf_str(&who));
    buf_clear(&who);
    fact(out, _("For"), r->recipients);
    buf_printf(out, "- %s: %s / %s\n", _("Kind and impact"),
               case_kind_label(c->kind), case_impact_label(c->impact));
    fact(out, _("Cause category"),
         r->cause_category ? report_cause_label(r->cause_category) : NULL);
    fact(out, _("State"), report_state_label(r->state));
    fact(out, _("Written by"), r->author_name);
    fact(out, _("Approved by"), r->approved_by_name);
    heading(out, markdown, _("What happened"));
    fact(out, _("What the customer said"), c->reported);
    fact_at(out, s, _("Received"), f->received_at, NULL);
    fact_at(out, s, _("First contact by us"), f->first_contact_at, NULL);
    fact_at(out, s, _("First ETA told"), f->eta_given_at, f->first_eta);
    promises(out, s, f, now);
    fact_at(out, s, _("Resolved"), f->resolved_at, NULL);
    section(out, markdown, _("Cause"), r->cause, true);
    section(out, markdown, _("Response to those affected"), r->response,
            true);
    section(out, markdown, _("Prevention"), r->prevention, true);
    section(out, markdown, _("What went well"), r->went_well, false);
    section(out, markdown, _("What went badly"), r->went_badly, false);
}
