/* SPDX-License-Identifier: MIT */
/*
 * cli_agenda.c - "taio agenda": what needs attention now, most urgent
 * first, for one person or the whole team.
 */
#include <stdio.h>
#include <string.h>

#include "agenda.h"
#include "cli/cli.h"
#include "cli/cli_out.h"
#include "core/i18n.h"
#include "record_json.h"

/* One item as a line: what, which case, how urgent. */
static void print_item(struct app *app, const struct agenda_item *it)
{
    char t[TIMEUTIL_ISO_MAX];
    char rel[64];
    cli_pad(agenda_kind_label(it->kind), 18);
    printf("%s %s / %s", it->case_number, it->customer_name, it->case_title);
    printf("  [%s]\n", it->owner_login ? it->owner_login : _("unassigned"));
    switch (it->kind) {
    case AGENDA_PROMISE_BROKEN:
    case AGENDA_PROMISE_DUE:
        cli_fmt_time(app, it->due_at, t);
        timeutil_format_relative(it->due_at, app->now, rel, sizeof(rel));
        printf(_("    #%lld to %s: %s, due %s (%s)\n"),
               (long long)it->promise_id, it->to_whom ? it->to_whom : "",
               it->promise_body ? it->promise_body : "", t, rel);
        break;
    case AGENDA_SILENT:
        cli_fmt_time(app, it->last_outbound_at, t);
        timeutil_format_span(app->now - it->since_at, rel, sizeof(rel));
        printf(_("    last contact by us: %s; overdue for an update by %s "
                 "(update every %lld min)\n"),
               it->last_outbound_at ? t : _("never"), rel,
               (long long)it->cadence_min);
        break;
    case AGENDA_NO_ETA:
        timeutil_format_relative(it->since_at, app->now, rel, sizeof(rel));
        printf("    %s %s\n", _("an ETA was due"), rel);
        break;
    case AGENDA_DEADLINE_RISK:
        cli_fmt_time(app, it->due_at, t);
        timeutil_format_relative(it->due_at, app->now, rel, sizeof(rel));
        printf(it->eta_after_deadline
                   ? _("    deadline %s (%s); the ETA is after it\n")
                   : _("    deadline %s (%s)\n"),
               t, rel);
        break;
    case AGENDA_KIND_COUNT:
        break;
    }
}

static int run_agenda(struct app *app, int argc, char **argv)
{
    const char *user = NULL;
    bool team = false;
    const struct cli_opt opts[] = {
        {"user", &user, NULL, NULL},
        {"team", NULL, &team, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts, 0);
    if (rc) {
        return rc;
    }
    rc = cli_open(app);
    if (rc) {
        return rc;
    }
    struct problems p = {0};
    int64_t user_id = 0;
    if (user && !team && !cli_user(app, "user", user, &user_id, &p)) {
        rc = cli_fail(app, TAIO_EINVAL, &p);
        problems_clear(&p);
        return rc;
    }
    struct agenda_item *items = NULL;
    size_t n = 0;
    enum taio_status status =
        agenda_collect(app->db, &app->settings, user_id, app->now, &items, &n);
    if (status != TAIO_OK) {
        return cli_fail(app, status, NULL);
    }
    if (app->json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            json_array_append_new(arr,
                                  record_json_agenda_item(app->settings.zone,
                                                          &items[i],
                                                          app->now));
        }
        cli_print_json(arr);
        json_decref(arr);
    } else {
        char now[TIMEUTIL_ISO_MAX];
        cli_fmt_time(app, app->now, now);
        printf("%s %s%s%s: %zu\n", _("Agenda at"), now, user ? " / " : "",
               user ? user : "", n);
        for (size_t i = 0; i < n; i++) {
            print_item(app, &items[i]);
        }
        if (n == 0) {
            printf("%s\n", _("Nothing needs attention."));
        }
    }
    agenda_free(items, n);
    return 0;
}

const struct cli_cmd cli_agenda_cmds[] = {
    {"agenda", NULL, run_agenda, N_("what needs attention now, most urgent "
                                    "first"),
     N_("taio agenda [--user LOGIN | --team]\n"
        "Lists, in this order: broken promises and promises inside their\n"
        "reminder lead time; silent cases (no outbound contact for longer "
        "than\n"
        "their cadence, counted in the customer's reachable time); open "
        "cases\n"
        "without an ETA after the grace period; cases whose ETA is after "
        "their\n"
        "deadline or whose deadline is near. Without --user, the whole "
        "team.\n"
        "Set TAIO_NOW to see the agenda at any moment.")},
    {NULL, NULL, NULL, NULL, NULL},
};
