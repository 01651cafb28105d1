/* SPDX-License-Identifier: MIT */
/*
 * cli_case.c - "taio case ...": intake, contacts, ETAs, status, notes,
 * assignment and the whole timeline of a case.
 *
 * "case open" can give the ETA and promise the callback in the same
 * command, and then all of it is one transaction: the clerk on the phone
 * does the whole intake at once, and nothing is half-written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "channel.h"
#include "cli/cli.h"
#include "cli/cli_out.h"
#include "contact.h"
#include "core/i18n.h"
#include "core/validate.h"
#include "case_view.h"
#include "customer.h"
#include "escalation.h"
#include "input.h"
#include "intake.h"
#include "outreach.h"
#include "promise.h"
#include "report.h"
#include "record_json.h"
#include "timeline.h"


/* The options of "case open", gathered before anything is checked. */
struct open_options {
    struct case_open_input in;
    const char *customer;
    const char *contact;
    const char *owner;
    const char *deadline;
    const char *occurred;
    const char *received;
    const char *eta;
    const char *eta_text;
    const char *promise_due;
    const char *promise_text;
    const char *promise_to;
};

/* Options of "case open" into o. Returns 0 or the usage exit code. */
static int parse_open(struct app *app, int *argc, char **argv,
                      struct open_options *o)
{
    const struct cli_opt opts[] = {
        {"kind", &o->in.kind, NULL, NULL},
        {"title", &o->in.title, NULL, NULL},
        {"customer", &o->customer, NULL, NULL},
        {"contact", &o->contact, NULL, NULL},
        {"channel", &o->in.channel, NULL, NULL},
        {"reported", &o->in.reported, NULL, NULL},
        {"impact", &o->in.impact, NULL, NULL},
        {"affected", &o->in.affected, NULL, NULL},
        {"workaround", &o->in.workaround, NULL, NULL},
        {"deadline", &o->deadline, NULL, NULL},
        {"occurred", &o->occurred, NULL, NULL},
        {"received", &o->received, NULL, NULL},
        {"owner", &o->owner, NULL, NULL},
        {"eta", &o->eta, NULL, NULL},
        {"eta-text", &o->eta_text, NULL, NULL},
        {"promise-due", &o->promise_due, NULL, NULL},
        {"promise-text", &o->promise_text, NULL, NULL},
        {"promise-to", &o->promise_to, NULL, NULL},
        {NULL, NULL, NULL, NULL},
    };
    return cli_options(app, argc, argv, opts, 0);
}

/* Turn the reference options of "case open" into ids and times. */
static void resolve_open(struct app *app, struct open_options *o,
                         struct problems *p)
{
    if (o->customer) {
        customer_resolve(app->db, o->customer, "customer", p,
                         &o->in.customer_id);
    }
    if (o->contact && o->in.customer_id) {
        contact_resolve(app->db, o->in.customer_id, o->contact, "contact", p,
                        &o->in.contact_id);
    }
    if (o->owner) {
        cli_user(app, "owner", o->owner, &o->in.owner_id, p);
    }
    if (o->deadline) {
        cli_time(app, "deadline", o->deadline, &o->in.deadline_at, p);
    }
    if (o->occurred) {
        cli_time(app, "occurred", o->occurred, &o->in.occurred_at, p);
    }
    if (o->received) {
        cli_time(app, "received", o->received, &o->in.received_at, p);
    }
}

/* Open the case and, when asked, give the ETA and promise the callback,
 * all in one transaction (intake_open()). */
static enum taio_status open_all(struct app *app, struct open_options *o,
                                 struct problems *p, int64_t *id)
{
    struct intake_input in = {
        .open = o->in,
        .give_eta = o->eta || o->eta_text,
        .eta_text = o->eta_text,
        .promise = o->promise_due != NULL,
        .promise_text = o->promise_text,
        .promise_to = o->promise_to,
    };
    if (o->eta) {
        cli_time(app, "eta", o->eta, &in.eta_at, p);
    }
    if (o->promise_due) {
        cli_time(app, "promise-due", o->promise_due, &in.promise_due_at, p);
    }
    if (problems_any(p)) {
        return TAIO_EINVAL;
    }
    return intake_open(app->db, &app->actor, &app->settings, &in, p, id);
}

/* The label of a stored status name ("in_progress" -> "in progress"), or
 * the name itself if taio does not know it; "" for NULL. */
static const char *status_label_of(const char *name)
{
    if (name == NULL) {
        return "";
    }
    int i = validate_index(name, CASE_STATUS_NAMES);
    return i >= 0 ? case_status_label((enum case_status)i) : name;
}

/* One timeline entry as a line of text. */
static void print_event(struct app *app, const struct timeline_event *e)
{
    char at[TIMEUTIL_ISO_MAX];
    cli_fmt_time(app, e->at, at);
    printf("  %s %-10s ", at, e->actor_login ? e->actor_login : "-");
    char t1[TIMEUTIL_ISO_MAX];
    char t2[TIMEUTIL_ISO_MAX];
    switch (e->kind) {
    case TIMELINE_OPENED:
        printf("%s %s: %s", _("opened"), e->new_value ? e->new_value : "",
               e->body ? e->body : "");
        break;
    case TIMELINE_CONTACT: {
        enum channel c;
        const char *ch = e->channel && channel_parse(e->channel, &c)
                             ? channel_label(c)
                             : (e->channel ? e->channel : "");
        printf("%s %s", e->direction && strcmp(e->direction, "out") == 0
                            ? _("contact out")
                            : _("contact in"),
               ch);
        if (e->with_whom) {
            printf(" ");
            printf(_("with %s"), e->with_whom);
        }
        if (e->duration_min >= 0) {
            printf(" ");
            printf(_("(%lld min)"), (long long)e->duration_min);
        }
        if (e->occurred_at && e->occurred_at != e->at) {
            cli_fmt_time(app, e->occurred_at, t1);
            printf(" ");
            printf(_("[happened at %s]"), t1);
        }
        printf(": %s", e->body ? e->body : "");
        break;
    }
    case TIMELINE_NOTE:
        printf("%s: %s", _("note"), e->body ? e->body : "");
        break;
    case TIMELINE_STATUS:
        printf(_("status %s -> %s"), status_label_of(e->old_value),
               status_label_of(e->new_value));
        if (e->body) {
            printf(": %s", e->body);
        }
        break;
    case TIMELINE_ETA:
        cli_fmt_time(app, e->new_at, t2);
        printf("%s %s", _("ETA"), e->new_at ? t2 : "");
        if (e->new_value) {
            printf(" \"%s\"", e->new_value);
        }
        if (e->old_at || e->old_value) {
            cli_fmt_time(app, e->old_at, t1);
            printf(" (%s %s%s%s%s)", _("was"), e->old_at ? t1 : "",
                   e->old_value ? " \"" : "",
                   e->old_value ? e->old_value : "",
                   e->old_value ? "\"" : "");
        }
        break;
    case TIMELINE_FIELD:
        if (e->old_at || e->new_at) {
            cli_fmt_time(app, e->old_at, t1);
            cli_fmt_time(app, e->new_at, t2);
            printf("%s: %s -> %s", e->field, t1, t2);
        } else {
            printf("%s: %s -> %s", e->field ? e->field : "",
                   e->old_value ? e->old_value : "-",
                   e->new_value ? e->new_value : "-");
        }
        break;
    case TIMELINE_PROMISE_ADDED:
        cli_fmt_time(app, e->new_at, t2);
        printf(_("promise #%lld: %s, to %s, by %s"), (long long)e->promise_id,
               e->body ? e->body : "", e->with_whom ? e->with_whom : "", t2);
        break;
    case TIMELINE_PROMISE_KEPT:
        printf("%s #%lld %s%s%s", _("promise"), (long long)e->promise_id,
               e->old_value ? _("kept late") : _("kept"),
               e->body ? ": " : "", e->body ? e->body : "");
        break;
    case TIMELINE_PROMISE_RENEGOTIATED:
        cli_fmt_time(app, e->old_at, t1);
        cli_fmt_time(app, e->new_at, t2);
        printf(_("promise #%lld moved from %s to %s (now #%s), agreed by %s"),
               (long long)e->promise_id, t1, t2,
               e->new_value ? e->new_value : "",
               e->with_whom ? e->with_whom : "");
        if (e->body) {
            printf(": %s", e->body);
        }
        break;
    case TIMELINE_PROMISE_CANCELLED:
        printf("%s #%lld %s: %s", _("promise"), (long long)e->promise_id,
               _("cancelled"), e->body ? e->body : "");
        break;
    case TIMELINE_ESCALATED:
        printf(_("escalated from %s to %s: %s"),
               e->old_value ? e->old_value : _("unassigned"),
               e->new_value ? e->new_value : "-", e->body ? e->body : "");
        break;
    case TIMELINE_REPORT:
        printf("%s: %s", _("report"),
               report_step_label(e->new_value ? e->new_value : ""));
        if (e->body) {
            printf(": %s", e->body);
        }
        break;
    case TIMELINE_KIND_COUNT:
        break;
    }
    printf("\n");
}

/* The case header: what a person must see first. */
static void print_header(struct app *app, const struct case_rec *c,
                         const struct customer *cu)
{
    char t[TIMEUTIL_ISO_MAX];
    char rel[64];
    printf("%s [%s] %s  (%s)\n", c->number, case_kind_label(c->kind),
           c->title, case_status_label(c->status));
    for (size_t i = 0; i < cu->n_flags; i++) {
        printf("!! %s: %s\n", customer_flag_label(cu->flags[i].kind),
               cu->flags[i].reason);
    }
    printf("%s: %s (#%lld)", _("Customer"), c->customer_name,
           (long long)c->customer_id);
    if (c->contact_name) {
        printf("  %s: %s", _("Contact"), c->contact_name);
    }
    printf("\n");
    if (*cu->channels) {
        char *labels = channel_list_labels(cu->channels);
        printf("%s: %s\n", _("Contact by"), labels);
        free(labels);
    }
    cli_fmt_time(app, c->received_at, t);
    printf("%s: %s  %s: %s\n", _("Impact"), case_impact_label(c->impact),
           _("Received"), t);
    if (c->deadline_at) {
        cli_fmt_time(app, c->deadline_at, t);
        timeutil_format_relative(c->deadline_at, app->now, rel, sizeof(rel));
        printf("%s: %s (%s)\n", _("Deadline"), t, rel);
    }
    if (c->eta_given_at) {
        printf("%s:", _("ETA"));
        if (c->eta_at) {
            cli_fmt_time(app, c->eta_at, t);
            printf(" %s", t);
        }
        if (c->eta_text) {
            printf(" \"%s\"", c->eta_text);
        }
        if (c->deadline_at && c->eta_at > c->deadline_at) {
            printf("  %s", _("!! after the deadline"));
        }
        printf("\n");
    } else {
        printf("%s: %s\n", _("ETA"), _("not given yet"));
    }
    printf("%s: %s\n", _("Owner"),
           c->owner_login ? c->owner_name : _("(unassigned)"));
    printf("%s: %s\n", _("Reported"), c->reported);
    if (*c->affected) {
        printf("%s: %s\n", _("Affected"), c->affected);
    }
    if (*c->workaround) {
        printf("%s: %s\n", _("Workaround"), c->workaround);
    }
}

/* One promise of a case as a line. */
static void print_promise_line(struct app *app, const struct promise *p)
{
    char due[TIMEUTIL_ISO_MAX];
    char rel[64];
    cli_fmt_time(app, p->due_at, due);
    timeutil_format_relative(p->due_at, app->now, rel, sizeof(rel));
    enum promise_state state = promise_state_at(p, app->now);
    printf("  #%-4lld ", (long long)p->id);
    cli_pad(promise_state_label(state), 12);
    printf(_("%s (%s)  to %s: %s  [%s]\n"), due,
           p->state == PROMISE_OPEN ? rel : "-", p->to_whom, p->body,
           p->owner_login);
}

/* Print (or emit as JSON) the whole case: header, promises, timeline. */
static int show_case(struct app *app, int64_t id)
{
    struct case_view v;
    enum taio_status status = case_view_load(app->db, id, &v);
    if (status == TAIO_OK && app->json) {
        json_t *o = case_view_json(&v, app->settings.zone, app->now);
        cli_print_json(o);
        json_decref(o);
    } else if (status == TAIO_OK) {
        print_header(app, &v.c, &v.customer);
        if (v.n_promises) {
            printf("%s:\n", _("Promises"));
            for (size_t i = 0; i < v.n_promises; i++) {
                print_promise_line(app, &v.promises[i]);
            }
        }
        printf("%s:\n", _("Timeline"));
        for (size_t i = 0; i < v.n_events; i++) {
            print_event(app, &v.events[i]);
        }
    }
    case_view_clear(&v);
    return status ? cli_fail(app, status, NULL) : 0;
}

static int run_open(struct app *app, int argc, char **argv)
{
    struct open_options o = {0};
    int rc = parse_open(app, &argc, argv, &o);
    if (rc) {
        return rc;
    }
    struct problems p = {0};
    rc = cli_open_acting(app, &p);
    if (rc == 0) {
        resolve_open(app, &o, &p);
        int64_t id = 0;
        enum taio_status status = problems_any(&p)
                                      ? TAIO_EINVAL
                                      : open_all(app, &o, &p, &id);
        rc = status ? cli_fail(app, status, &p) : show_case(app, id);
    }
    problems_clear(&p);
    return rc;
}


static int run_show(struct app *app, int argc, char **argv)
{
    int rc = cli_options(app, &argc, argv, cli_no_opts, 1);
    if (rc) {
        return rc;
    }
    struct problems p = {0};
    int64_t id = 0;
    rc = cli_case_arg(app, argc, argv, 1, false, &id, &p);
    problems_clear(&p);
    return rc ? rc : show_case(app, id);
}

static int run_list(struct app *app, int argc, char **argv)
{
    struct case_filter filter = {.open_only = true, .status = -1,
                                 .kind = -1, .limit = 100};
    const char *status_name = NULL;
    const char *owner = NULL;
    const char *customer = NULL;
    const char *kind = NULL;
    const char *limit = NULL;
    bool all = false;
    bool open_only = false;
    const struct cli_opt opts[] = {
        {"open", NULL, &open_only, NULL},
        {"all", NULL, &all, NULL},
        {"status", &status_name, NULL, NULL},
        {"owner", &owner, NULL, NULL},
        {"customer", &customer, NULL, NULL},
        {"kind", &kind, NULL, NULL},
        {"limit", &limit, NULL, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts, 0);
    if (rc) {
        return rc;
    }
    filter.open_only = !(all || status_name) || open_only;
    rc = cli_open(app);
    if (rc) {
        return rc;
    }
    struct problems p = {0};
    if (status_name && validate_one_of(&p, "status", status_name,
                                       CASE_STATUS_NAMES)) {
        filter.status = validate_index(status_name, CASE_STATUS_NAMES);
    }
    if (kind && validate_one_of(&p, "kind", kind, CASE_KIND_NAMES)) {
        filter.kind = validate_index(kind, CASE_KIND_NAMES);
    }
    if (owner) {
        cli_user(app, "owner", owner, &filter.owner_id, &p);
    }
    if (customer) {
        customer_resolve(app->db, customer, "customer", &p,
                         &filter.customer_id);
    }
    int64_t n_limit = 100;
    if (limit && cli_int("limit", limit, 1, 100000, &n_limit, &p)) {
        filter.limit = (size_t)n_limit;
    }
    struct case_rec *list = NULL;
    size_t n = 0;
    enum taio_status status = problems_any(&p)
                                  ? TAIO_EINVAL
                                  : case_list(app->db, &filter, &list, &n);
    if (status != TAIO_OK) {
        rc = cli_fail(app, status, &p);
        problems_clear(&p);
        return rc;
    }
    if (app->json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            json_array_append_new(
                arr, record_json_case(app->settings.zone, &list[i]));
        }
        cli_print_json(arr);
        json_decref(arr);
    } else {
        for (size_t i = 0; i < n; i++) {
            char received[TIMEUTIL_ISO_MAX];
            cli_fmt_time(app, list[i].received_at, received);
            printf("%s  %s  ", list[i].number, received);
            cli_pad(case_kind_label(list[i].kind), 10);
            cli_pad(case_impact_label(list[i].impact), 16);
            cli_pad(case_status_label(list[i].status), 20);
            printf("%s / %s\n", list[i].customer_name, list[i].title);
        }
    }
    case_list_free(list, n);
    problems_clear(&p);
    return 0;
}

static int run_log_contact(struct app *app, int argc, char **argv)
{
    struct case_contact_input in = {.duration_min = -1};
    const char *contact = NULL;
    const char *duration = NULL;
    const char *at = NULL;
    const struct cli_opt opts[] = {
        {"direction", &in.direction, NULL, NULL},
        {"channel", &in.channel, NULL, NULL},
        {"with", &in.with_whom, NULL, NULL},
        {"contact", &contact, NULL, NULL},
        {"duration", &duration, NULL, NULL},
        {"at", &at, NULL, NULL},
        {"summary", &in.summary, NULL, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts, 1);
    if (rc) {
        return rc;
    }
    struct problems p = {0};
    int64_t id = 0;
    rc = cli_case_arg(app, argc, argv, 1, true, &id, &p);
    if (rc == 0) {
        if (contact) {
            input_case_contact(app->db, id, "contact", contact,
                               &in.contact_id, &p);
        }
        if (duration) {
            cli_duration(app, "duration", duration, &in.duration_min, &p);
        }
        if (at) {
            cli_time(app, "at", at, &in.occurred_at, &p);
        }
        enum taio_status status =
            problems_any(&p)
                ? TAIO_EINVAL
                : case_log_contact(app->db, &app->actor, id, &in, &p, NULL);
        rc = status ? cli_fail(app, status, &p) : show_case(app, id);
    }
    problems_clear(&p);
    return rc;
}

static int run_eta(struct app *app, int argc, char **argv)
{
    const char *at = NULL;
    const char *text = NULL;
    const struct cli_opt opts[] = {
        {"at", &at, NULL, NULL},
        {"text", &text, NULL, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts, 1);
    if (rc) {
        return rc;
    }
    struct problems p = {0};
    int64_t id = 0;
    rc = cli_case_arg(app, argc, argv, 1, true, &id, &p);
    if (rc == 0) {
        int64_t eta_at = 0;
        if (at) {
            cli_time(app, "at", at, &eta_at, &p);
        }
        enum taio_status status =
            problems_any(&p)
                ? TAIO_EINVAL
                : case_set_eta(app->db, &app->actor, id, eta_at, text, &p);
        rc = status ? cli_fail(app, status, &p) : show_case(app, id);
    }
    problems_clear(&p);
    return rc;
}

/* "case status CASE STATUS" and "case reopen CASE" (reopen set). */
static int change_status(struct app *app, int argc, char **argv, bool reopen)
{
    const char *to_status = NULL;
    const char *comment = NULL;
    const struct cli_opt opts[] = {
        {"comment", &comment, NULL, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts, reopen ? 1 : 2);
    if (rc) {
        return rc;
    }
    if (!reopen) {
        if (argc < 3) {
            return cli_usage(app, "%s",
                             _("give the case number and the new status"));
        }
        to_status = argv[2];
    }
    struct problems p = {0};
    int64_t id = 0;
    rc = cli_case_arg(app, argc, argv, 1, true, &id, &p);
    if (rc == 0) {
        enum taio_status status =
            to_status ? case_set_status(app->db, &app->actor, id, to_status,
                                        comment, &p)
                      : case_reopen(app->db, &app->actor, id, comment, &p);
        rc = status ? cli_fail(app, status, &p) : show_case(app, id);
    }
    problems_clear(&p);
    return rc;
}

static int run_status(struct app *app, int argc, char **argv)
{
    return change_status(app, argc, argv, false);
}

static int run_reopen(struct app *app, int argc, char **argv)
{
    return change_status(app, argc, argv, true);
}

static int run_note(struct app *app, int argc, char **argv)
{
    int rc = cli_options(app, &argc, argv, cli_no_opts, 2);
    if (rc) {
        return rc;
    }
    if (argc < 3) {
        return cli_usage(app, "%s", _("give the case number and the note"));
    }
    struct problems p = {0};
    int64_t id = 0;
    rc = cli_case_arg(app, argc, argv, 1, true, &id, &p);
    if (rc == 0) {
        enum taio_status status =
            case_add_note(app->db, &app->actor, id, argv[2], &p, NULL);
        rc = status ? cli_fail(app, status, &p) : show_case(app, id);
    }
    problems_clear(&p);
    return rc;
}

static int run_update_customer(struct app *app, int argc, char **argv)
{
    bool anytime = false;
    const struct cli_opt opts[] = {
        {"anytime", NULL, &anytime, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts, 2);
    if (rc) {
        return rc;
    }
    if (argc < 3) {
        return cli_usage(app, "%s",
                         _("give the case number and the message"));
    }
    struct problems p = {0};
    int64_t id = 0;
    rc = cli_case_arg(app, argc, argv, 1, true, &id, &p);
    struct outreach_result r;
    if (rc == 0) {
        enum taio_status status = outreach_update(
            app->db, &app->actor, &app->settings, id, argv[2], anytime, &p,
            &r);
        rc = status ? cli_fail(app, status, &p) : 0;
    }
    if (rc == 0 && app->json) {
        json_t *o = json_pack(
            "{s:s, s:s, s:o, s:o}", "by", r.by_mail ? "email" : "task",
            "channel", r.channel, "send_at",
            record_json_time(app->settings.zone, r.send_at), "promise_id",
            r.promise_id ? json_integer(r.promise_id) : json_null());
        cli_print_json(o);
        json_decref(o);
    } else if (rc == 0) {
        char at[TIMEUTIL_ISO_MAX];
        cli_fmt_time(app, r.send_at, at);
        if (r.by_mail) {
            printf(_("The update goes by e-mail at %s.\n"), at);
        } else {
            printf(_("They prefer %s: promise #%lld asks the owner to give "
                     "them the update from %s.\n"),
                   r.channel, (long long)r.promise_id, at);
        }
    }
    problems_clear(&p);
    return rc;
}

static int run_escalate(struct app *app, int argc, char **argv)
{
    int rc = cli_options(app, &argc, argv, cli_no_opts, 2);
    if (rc) {
        return rc;
    }
    if (argc < 3) {
        return cli_usage(app, "%s",
                         _("give the case number and what the manager must "
                           "know"));
    }
    struct problems p = {0};
    int64_t id = 0;
    rc = cli_case_arg(app, argc, argv, 1, true, &id, &p);
    if (rc == 0) {
        enum taio_status status =
            escalation_raise(app->db, &app->actor, id, argv[2], &p, NULL);
        rc = status ? cli_fail(app, status, &p) : show_case(app, id);
    }
    problems_clear(&p);
    return rc;
}

static int run_assign(struct app *app, int argc, char **argv)
{
    int rc = cli_options(app, &argc, argv, cli_no_opts, 2);
    if (rc) {
        return rc;
    }
    if (argc < 3) {
        return cli_usage(app, "%s",
                         _("give the case number and the new owner's login "
                           "(\"\" to unassign)"));
    }
    struct problems p = {0};
    int64_t id = 0;
    rc = cli_case_arg(app, argc, argv, 1, true, &id, &p);
    const char *owner = argv[2];
    if (rc == 0) {
        struct case_update_input in = {.set_owner = true};
        if (*owner) {
            cli_user(app, "owner", owner, &in.owner_id, &p);
        }
        enum taio_status status =
            problems_any(&p) ? TAIO_EINVAL
                             : case_update(app->db, &app->actor, id, &in, &p);
        rc = status ? cli_fail(app, status, &p) : show_case(app, id);
    }
    problems_clear(&p);
    return rc;
}

static int run_edit(struct app *app, int argc, char **argv)
{
    struct case_update_input in = {0};
    const char *deadline = NULL;
    const char *contact = NULL;
    const struct cli_opt opts[] = {
        {"title", &in.title, NULL, NULL},
        {"impact", &in.impact, NULL, NULL},
        {"affected", &in.affected, NULL, NULL},
        {"workaround", &in.workaround, NULL, NULL},
        {"deadline", &deadline, NULL, NULL},
        {"contact", &contact, NULL, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts, 1);
    if (rc) {
        return rc;
    }
    struct problems p = {0};
    int64_t id = 0;
    rc = cli_case_arg(app, argc, argv, 1, true, &id, &p);
    if (rc == 0) {
        if (deadline) {
            in.set_deadline = true;
            if (*deadline) {
                cli_time(app, "deadline", deadline, &in.deadline_at, &p);
            }
        }
        if (contact) {
            in.set_contact = true;
            if (*contact) {
                input_case_contact(app->db, id, "contact", contact,
                                   &in.contact_id, &p);
            }
        }
        enum taio_status status =
            problems_any(&p) ? TAIO_EINVAL
                             : case_update(app->db, &app->actor, id, &in, &p);
        rc = status ? cli_fail(app, status, &p) : show_case(app, id);
    }
    problems_clear(&p);
    return rc;
}

const struct cli_cmd cli_case_cmds[] = {
    {"case", "open", run_open,
     N_("open a case; optionally give the ETA and promise a callback too"),
     N_("Options:\n"
        "  --kind KIND          trouble, complaint, inquiry or request "
        "(required)\n"
        "  --title TEXT         (required)\n"
        "  --customer CUSTOMER  #id, name, kana reading or phone "
        "(required)\n"
        "  --contact PERSON     contact person: #id, name or reading\n"
        "  --reported TEXT      what the customer said, in their words "
        "(required)\n"
        "  --impact LEVEL       stopped, degraded or minor (default)\n"
        "  --channel CHANNEL    how it came in (default phone)\n"
        "  --affected TEXT, --workaround TEXT\n"
        "  --deadline TIME      the customer's hard business deadline\n"
        "  --occurred TIME, --received TIME (default now)\n"
        "  --owner LOGIN        default: you, unless you are a clerk\n"
        "  --eta TIME, --eta-text TEXT   the rough ETA told to the "
        "customer\n"
        "  --promise-due TIME   promise a callback by this time\n"
        "  --promise-text TEXT, --promise-to NAME (default: the contact)\n"
        "TIME is \"2026-11-24 15:30\", \"15:30\" (today), \"+2h\" or ISO "
        "8601.\n"
        "Everything given is recorded in one transaction.")},
    {"case", "show", run_show, N_("show a case with its promises and timeline"),
     N_("taio case show CASE      (CASE is the number, e.g. 2026-0042)")},
    {"case", "list", run_list, N_("list cases (open ones by default)"),
     N_("taio case list [--all] [--status STATUS] [--owner LOGIN]\n"
        "               [--customer CUSTOMER] [--kind KIND] [--limit N]")},
    {"case", "log-contact", run_log_contact,
     N_("record a call, mail or visit with the customer"),
     N_("taio case log-contact CASE --direction in|out --channel CHANNEL\n"
        "      --summary TEXT [--with NAME] [--contact PERSON] "
        "[--duration 5m]\n"
        "      [--at TIME]\n"
        "An outbound contact restarts the case's silence clock.")},
    {"case", "eta", run_eta, N_("record the ETA told to the customer"),
     N_("taio case eta CASE [--at TIME] [--text \"1-2 days\"]\n"
        "Give a time, a wording, or both; the previous ETA stays in the\n"
        "timeline.")},
    {"case", "status", run_status, N_("move a case to another status"),
     N_("taio case status CASE STATUS [--comment TEXT]\n"
        "STATUS: acknowledged, in_progress, waiting_customer, "
        "waiting_vendor,\n"
        "resolved, reported, closed. A case closes only after it is "
        "resolved\n"
        "and when none of its promises is open.")},
    {"case", "reopen", run_reopen, N_("reopen a resolved or closed case"),
     N_("taio case reopen CASE [--comment TEXT]")},
    {"case", "update-customer", run_update_customer,
     N_("tell the customer how the case stands, the way they asked"),
     N_("taio case update-customer CASE MESSAGE [--anytime]\n"
        "By e-mail when that is their first preferred channel and an "
        "address is\nknown, inside their reachable hours (--anytime: now "
        "anyway); otherwise a\npromise to call (or FAX) them is made for "
        "the case's owner.")},
    {"case", "escalate", run_escalate,
     N_("hand a case to its owner's manager, saying why"),
     N_("taio case escalate CASE REASON\n\nThe owner's manager (yours, when "
        "the case has no owner) becomes the owner; the timeline records "
        "from whom, to whom and the reason.")},
    {"case", "note", run_note, N_("add a note to a case's timeline"),
     N_("taio case note CASE TEXT")},
    {"case", "assign", run_assign, N_("give a case to someone"),
     N_("taio case assign CASE LOGIN    (\"\" leaves it unassigned)")},
    {"case", "edit", run_edit,
     N_("change title, impact, deadline, contact and more"),
     N_("taio case edit CASE [--title TEXT] [--impact LEVEL] [--deadline "
        "TIME|\"\"]\n"
        "      [--affected TEXT] [--workaround TEXT] [--contact "
        "PERSON|\"\"]\n"
        "Each change goes to the timeline with its old value.")},
    {NULL, NULL, NULL, NULL, NULL},
};
