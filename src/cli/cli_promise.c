/* SPDX-License-Identifier: MIT */
/*
 * cli_promise.c - "taio promise ...": callback promises and their
 * keeping, renegotiation and cancellation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "cli/cli.h"
#include "cli/cli_out.h"
#include "contact.h"
#include "core/i18n.h"
#include "input.h"
#include "promise.h"
#include "record_json.h"


/* Print (or emit as JSON) one promise. */
static int show_promise(struct app *app, int64_t id)
{
    struct promise p;
    enum taio_status status = promise_get(app->db, id, &p);
    if (status != TAIO_OK) {
        struct problems problems = {0};
        if (status == TAIO_ENOTFOUND) {
            problems_add(&problems, "promise",
                         _("no promise has the number #%lld"), (long long)id);
        }
        int rc = cli_fail(app, status, &problems);
        problems_clear(&problems);
        return rc;
    }
    if (app->json) {
        json_t *o = record_json_promise(app->settings.zone, &p, app->now);
        cli_print_json(o);
        json_decref(o);
    } else {
        char due[TIMEUTIL_ISO_MAX];
        char rel[64];
        cli_fmt_time(app, p.due_at, due);
        timeutil_format_relative(p.due_at, app->now, rel, sizeof(rel));
        printf("#%lld %s  %s %s  [%s]\n", (long long)p.id,
               promise_state_label(promise_state_at(&p, app->now)),
               p.case_number, p.case_title, p.owner_login);
        printf("  %s: %s\n", _("promised"), p.body);
        printf("  %s: %s\n", _("promised to"), p.to_whom);
        if (p.state == PROMISE_OPEN) {
            printf("  %s: %s (%s)\n", _("due"), due, rel);
        } else {
            char ended[TIMEUTIL_ISO_MAX];
            cli_fmt_time(app, p.ended_at, ended);
            printf("  %s: %s  %s: %s%s\n", _("due"), due, _("ended"), ended,
                   p.state == PROMISE_CANCELLED || promise_on_time(&p)
                       ? ""
                       : _(" (late)"));
        }
        if (p.consented_by) {
            printf("  %s: %s\n", _("agreed by"), p.consented_by);
        }
        if (p.successor_id) {
            printf("  %s: #%lld\n", _("moved to"), (long long)p.successor_id);
        }
        if (p.end_note) {
            printf("  %s: %s\n", _("note"), p.end_note);
        }
    }
    promise_clear(&p);
    return 0;
}

/* Parse "#12" or "12" as a promise id. */
static bool promise_id_arg(const char *text, int64_t *id)
{
    if (text == NULL) {
        return false;
    }
    if (*text == '#') {
        text++;
    }
    char *end = NULL;
    long long value = strtoll(text, &end, 10);
    if (end == text || *end != '\0' || value <= 0) {
        return false;
    }
    *id = value;
    return true;
}

static int run_add(struct app *app, int argc, char **argv)
{
    struct promise_input in = {.remind_min = -1};
    const char *due = NULL;
    const char *contact = NULL;
    const char *remind = NULL;
    const char *owner = NULL;
    const struct cli_opt opts[] = {
        {"due", &due, NULL, NULL},
        {"to", &in.to_whom, NULL, NULL},
        {"contact", &contact, NULL, NULL},
        {"text", &in.body, NULL, NULL},
        {"channel", &in.channel, NULL, NULL},
        {"remind", &remind, NULL, NULL},
        {"owner", &owner, NULL, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts, 1);
    if (rc) {
        return rc;
    }
    if (argc < 2) {
        return cli_usage(app, "%s",
                         _("which case? Give its number, e.g. 2026-0042"));
    }
    struct problems p = {0};
    rc = cli_open_acting(app, &p);
    if (rc) {
        problems_clear(&p);
        return rc;
    }
    enum taio_status status = cli_case(app, argv[1], &in.case_id, &p);
    if (status != TAIO_OK) {
        rc = cli_fail(app, status, &p);
        problems_clear(&p);
        return rc;
    }
    if (due == NULL) {
        problems_add(&p, "due", "%s", _("is required"));
    } else {
        cli_time(app, "due", due, &in.due_at, &p);
    }
    if (contact) {
        input_case_contact(app->db, in.case_id, "contact", contact,
                           &in.contact_id, &p);
    }
    if (remind) {
        cli_duration(app, "remind", remind, &in.remind_min, &p);
    }
    if (owner) {
        cli_user(app, "owner", owner, &in.owner_id, &p);
    }
    int64_t id = 0;
    status = problems_any(&p)
                 ? TAIO_EINVAL
                 : promise_add(app->db, &app->actor, &in,
                               app->settings.promise_lead_min, &p, &id);
    rc = status ? cli_fail(app, status, &p) : show_promise(app, id);
    problems_clear(&p);
    return rc;
}

/* The options of keep, cancel and renegotiate. */
struct end_options {
    const char *note;
    const char *reason;
    const char *due;
    const char *consented_by;
    int64_t id;
};

/* Options of keep, cancel and renegotiate, and the promise id. */
static int parse_end(struct app *app, int *argc, char **argv,
                     struct end_options *o)
{
    const struct cli_opt opts[] = {
        {"note", &o->note, NULL, NULL},
        {"reason", &o->reason, NULL, NULL},
        {"due", &o->due, NULL, NULL},
        {"consented-by", &o->consented_by, NULL, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, argc, argv, opts, 1);
    if (rc) {
        return rc;
    }
    if (!promise_id_arg(*argc > 1 ? argv[1] : NULL, &o->id)) {
        return cli_usage(app, "%s", _("which promise? Give its #id"));
    }
    return 0;
}

static int run_keep(struct app *app, int argc, char **argv)
{
    struct end_options o = {0};
    int rc = parse_end(app, &argc, argv, &o);
    struct problems p = {0};
    if (rc == 0) {
        rc = cli_open_acting(app, &p);
    }
    if (rc == 0) {
        enum taio_status status =
            promise_keep(app->db, &app->actor, o.id, o.note, &p);
        rc = status ? cli_fail(app, status, &p) : show_promise(app, o.id);
    }
    problems_clear(&p);
    return rc;
}

static int run_cancel(struct app *app, int argc, char **argv)
{
    struct end_options o = {0};
    int rc = parse_end(app, &argc, argv, &o);
    struct problems p = {0};
    if (rc == 0) {
        rc = cli_open_acting(app, &p);
    }
    if (rc == 0) {
        enum taio_status status = promise_cancel(
            app->db, &app->actor, o.id, o.reason ? o.reason : o.note, &p);
        rc = status ? cli_fail(app, status, &p) : show_promise(app, o.id);
    }
    problems_clear(&p);
    return rc;
}

static int run_renegotiate(struct app *app, int argc, char **argv)
{
    struct end_options o = {0};
    int rc = parse_end(app, &argc, argv, &o);
    struct problems p = {0};
    if (rc == 0) {
        rc = cli_open_acting(app, &p);
    }
    if (rc == 0) {
        int64_t due = 0;
        if (o.due == NULL) {
            problems_add(&p, "due", "%s", _("is required"));
        } else {
            cli_time(app, "due", o.due, &due, &p);
        }
        int64_t new_id = 0;
        enum taio_status status =
            problems_any(&p)
                ? TAIO_EINVAL
                : promise_renegotiate(app->db, &app->actor, o.id, due,
                                      o.consented_by, o.note, &p, &new_id);
        rc = status ? cli_fail(app, status, &p) : show_promise(app, new_id);
    }
    problems_clear(&p);
    return rc;
}

static int run_list(struct app *app, int argc, char **argv)
{
    struct promise_filter filter = {.open_only = true};
    const char *user = NULL;
    const char *case_ref = NULL;
    bool all = false;
    const struct cli_opt opts[] = {
        {"user", &user, NULL, NULL},
        {"case", &case_ref, NULL, NULL},
        {"all", NULL, &all, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts, 0);
    if (rc) {
        return rc;
    }
    filter.open_only = !all;
    rc = cli_open(app);
    if (rc) {
        return rc;
    }
    struct problems p = {0};
    enum taio_status status = TAIO_OK;
    if (user) {
        cli_user(app, "user", user, &filter.owner_id, &p);
    }
    if (case_ref) {
        status = cli_case(app, case_ref, &filter.case_id, &p);
    }
    struct promise *list = NULL;
    size_t n = 0;
    if (status == TAIO_OK && problems_any(&p)) {
        status = TAIO_EINVAL;
    }
    if (status == TAIO_OK) {
        status = promise_list(app->db, &filter, &list, &n);
    }
    if (status != TAIO_OK) {
        rc = cli_fail(app, status, &p);
        problems_clear(&p);
        return rc;
    }
    if (app->json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            json_array_append_new(arr, record_json_promise(app->settings.zone,
                                                           &list[i],
                                                           app->now));
        }
        cli_print_json(arr);
        json_decref(arr);
    } else {
        for (size_t i = 0; i < n; i++) {
            char due[TIMEUTIL_ISO_MAX];
            char rel[64];
            cli_fmt_time(app, list[i].due_at, due);
            timeutil_format_relative(list[i].due_at, app->now, rel, sizeof(rel));
            printf("#%-5lld ", (long long)list[i].id);
            cli_pad(promise_state_label(promise_state_at(&list[i], app->now)),
                    12);
            printf(_("%s (%s) %s  to %s: %s [%s]\n"), due, rel,
                   list[i].case_number, list[i].to_whom, list[i].body,
                   list[i].owner_login);
        }
    }
    promise_list_free(list, n);
    problems_clear(&p);
    return 0;
}

static int run_show(struct app *app, int argc, char **argv)
{
    int rc = cli_options(app, &argc, argv, cli_no_opts, 1);
    if (rc) {
        return rc;
    }
    int64_t id = 0;
    if (!promise_id_arg(argc > 1 ? argv[1] : NULL, &id)) {
        return cli_usage(app, "%s", _("which promise? Give its #id"));
    }
    rc = cli_open(app);
    return rc ? rc : show_promise(app, id);
}

const struct cli_cmd cli_promise_cmds[] = {
    {"promise", "add", run_add, N_("promise the customer something by a time"),
     N_("taio promise add CASE --due TIME [--to NAME | --contact PERSON]\n"
        "      [--text \"call back with the cause\"] [--channel phone]\n"
        "      [--remind 15m] [--owner LOGIN]\n"
        "The default text is a callback, the default recipient the case's\n"
        "contact person, the default owner the case owner. The due time "
        "must\n"
        "be in the future.")},
    {"promise", "keep", run_keep, N_("mark a promise kept"),
     N_("taio promise keep #ID [--note TEXT]\n"
        "Keeping it after its due time is recorded as late.")},
    {"promise", "renegotiate", run_renegotiate,
     N_("move a promise to a new time the customer agreed to"),
     N_("taio promise renegotiate #ID --due TIME --consented-by NAME "
        "[--note TEXT]\n"
        "Call before the promise is due and get consent for the new time; "
        "the\n"
        "old promise ends as renegotiated and a new one replaces it.")},
    {"promise", "cancel", run_cancel, N_("cancel a promise, saying why"),
     N_("taio promise cancel #ID --reason TEXT")},
    {"promise", "list", run_list, N_("list open promises, soonest first"),
     N_("taio promise list [--user LOGIN] [--case CASE] [--all]")},
    {"promise", "show", run_show, N_("show one promise"),
     N_("taio promise show #ID")},
    {NULL, NULL, NULL, NULL, NULL},
};
