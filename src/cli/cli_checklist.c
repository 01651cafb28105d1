/* SPDX-License-Identifier: MIT */
/*
 * cli_checklist.c - "taio checklist ...": templates (admins), and the
 * checklists on a case: tags that bring them, ticks, and the reason a
 * case resolves with required items open (checklist.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "record_json.h"
#include "cli/cli.h"
#include "cli/cli_out.h"
#include "core/i18n.h"

/* Print (or emit as JSON) the checklist items of case id. */
static int show_items(struct app *app, int64_t id)
{
    struct checklist_item *items = NULL;
    size_t n = 0;
    enum taio_status status = checklist_items(app->db, id, &items, &n);
    if (status != TAIO_OK) {
        return cli_fail(app, status, NULL);
    }
    if (app->json) {
        json_t *arr = record_json_checklist_items(app->settings.zone, items, n);
        cli_print_json(arr);
        json_decref(arr);
    }
    for (size_t i = 0; !app->json && i < n; i++) {
        const struct checklist_item *it = &items[i];
        printf("#%-4lld [%s] %s%s (%s)", (long long)it->id,
               it->done_at ? "x" : " ", it->text, it->required ? " *" : "",
               it->template_name);
        if (it->done_at) {
            char at[TIMEUTIL_ISO_MAX];
            cli_fmt_time(app, it->done_at, at);
            printf("  %s %s", it->done_by ? it->done_by : "", at);
        }
        printf("\n");
    }
    if (!app->json && n == 0) {
        printf("%s\n", _("No checklist on this case."));
    }
    checklist_items_free(items, n);
    return 0;
}

static int run_show(struct app *app, int argc, char **argv)
{
    int rc = cli_options(app, &argc, argv, cli_no_opts, 1);
    struct problems p = {0};
    int64_t id = 0;
    if (rc == 0) {
        rc = cli_case_arg(app, argc, argv, 1, false, &id, &p);
    }
    problems_clear(&p);
    return rc ? rc : show_items(app, id);
}

static int run_tick(struct app *app, int argc, char **argv)
{
    bool undo = false;
    const struct cli_opt opts[] = {
        {"undo", NULL, &undo, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts, 2);
    struct problems p = {0};
    int64_t id = 0;
    int64_t item = 0;
    if (rc == 0) {
        rc = cli_case_arg(app, argc, argv, 1, true, &id, &p);
    }
    if (rc == 0 && argc < 3) {
        rc = cli_usage(app, "%s", _("which item? Give its #number"));
    }
    if (rc == 0 &&
        !cli_int("item", argv[2][0] == '#' ? argv[2] + 1 : argv[2], 1,
                 INT64_MAX, &item, &p)) {
        rc = cli_fail(app, TAIO_EINVAL, &p);
    }
    if (rc == 0) {
        enum taio_status status =
            checklist_tick(app->db, &app->actor, id, item, !undo, &p);
        rc = status ? cli_fail(app, status, &p) : show_items(app, id);
    }
    problems_clear(&p);
    return rc;
}

static int run_tag(struct app *app, int argc, char **argv)
{
    int rc = cli_options(app, &argc, argv, cli_no_opts, 2);
    struct problems p = {0};
    int64_t id = 0;
    if (rc == 0) {
        rc = cli_case_arg(app, argc, argv, 1, true, &id, &p);
    }
    if (rc == 0) {
        enum taio_status status = checklist_tag(app->db, &app->actor, id,
                                                argc > 2 ? argv[2] : NULL, &p);
        rc = status ? cli_fail(app, status, &p) : show_items(app, id);
    }
    problems_clear(&p);
    return rc;
}

static int run_override(struct app *app, int argc, char **argv)
{
    const char *reason = NULL;
    const struct cli_opt opts[] = {
        {"reason", &reason, NULL, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts, 1);
    struct problems p = {0};
    int64_t id = 0;
    if (rc == 0) {
        rc = cli_case_arg(app, argc, argv, 1, true, &id, &p);
    }
    if (rc == 0) {
        enum taio_status status =
            checklist_override(app->db, &app->actor, id, reason, &p);
        rc = status ? cli_fail(app, status, &p)
                    : cli_ok(app, "%s",
                             _("The case may resolve with open items."));
    }
    problems_clear(&p);
    return rc;
}

static int run_add(struct app *app, int argc, char **argv)
{
    const char *name = NULL;
    const char *kinds = NULL;
    const char *tags = NULL;
    struct cli_list items = {0};
    const struct cli_opt opts[] = {
        {"name", &name, NULL, NULL},
        {"kinds", &kinds, NULL, NULL},
        {"tags", &tags, NULL, NULL},
        {"item", NULL, NULL, &items},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts, 0);
    struct problems p = {0};
    if (rc == 0) {
        rc = cli_open_acting(app, &p);
    }
    if (rc == 0) {
        enum taio_status status = checklist_template_add(
            app->db, &app->actor, name, kinds, tags, items.items, items.n,
            &p, NULL);
        rc = status ? cli_fail(app, status, &p)
                    : cli_ok(app, _("Checklist \"%s\" added."), name);
    }
    cli_list_clear(&items);
    problems_clear(&p);
    return rc;
}

static int run_edit(struct app *app, int argc, char **argv)
{
    struct checklist_change ch = {0};
    struct cli_list items = {0};
    const struct cli_opt opts[] = {
        {"rename", &ch.name, NULL, NULL},
        {"kinds", &ch.kinds, NULL, NULL},
        {"tags", &ch.tags, NULL, NULL},
        {"item", NULL, NULL, &items},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts, 1);
    struct problems p = {0};
    if (rc == 0) {
        rc = cli_open_acting(app, &p);
    }
    if (rc == 0) {
        ch.items = items.n ? items.items : NULL;
        ch.n_items = items.n;
        const char *name = argc > 1 ? argv[1] : NULL;
        enum taio_status status = checklist_template_edit(
            app->db, &app->actor, name, &ch, &p);
        rc = status ? cli_fail(app, status, &p)
                    : cli_ok(app, _("Checklist \"%s\" changed."),
                             ch.name ? ch.name : name);
    }
    cli_list_clear(&items);
    problems_clear(&p);
    return rc;
}

static int run_remove(struct app *app, int argc, char **argv)
{
    int rc = cli_options(app, &argc, argv, cli_no_opts, 1);
    struct problems p = {0};
    if (rc == 0) {
        rc = cli_open_acting(app, &p);
    }
    if (rc == 0) {
        enum taio_status status = checklist_template_remove(
            app->db, &app->actor, argc > 1 ? argv[1] : NULL, &p);
        rc = status ? cli_fail(app, status, &p) : 0;
    }
    problems_clear(&p);
    return rc;
}

static int run_list(struct app *app, int argc, char **argv)
{
    int rc = cli_options(app, &argc, argv, cli_no_opts, 0);
    if (rc == 0) {
        rc = cli_open(app);
    }
    if (rc) {
        return rc;
    }
    struct checklist_template *list = NULL;
    size_t n = 0;
    enum taio_status status = checklist_template_list(app->db, &list, &n);
    if (status != TAIO_OK) {
        checklist_template_list_free(list, n);
        return cli_fail(app, status, NULL);
    }
    if (app->json) {
        json_t *arr = record_json_checklist_templates(list, n);
        cli_print_json(arr);
        json_decref(arr);
    }
    for (size_t i = 0; !app->json && i < n; i++) {
        const struct checklist_template *t = &list[i];
        printf("%s [%s%s%s]%s\n", t->name, t->kinds,
               *t->kinds && *t->tags ? "; " : "", t->tags,
               t->active ? "" : _(" (removed)"));
        for (size_t k = 0; k < t->n_items; k++) {
            printf("  %zu. %s%s\n", k + 1, t->items[k].text,
                   t->items[k].required ? " *" : "");
        }
    }
    checklist_template_list_free(list, n);
    return 0;
}

const struct cli_cmd cli_checklist_cmds[] = {
    {"checklist", "add", run_add, N_("add a checklist template (admins)"),
     N_("taio checklist add --name NAME [--kinds KIND,...] [--tags TAG,...]\n"
        "      --item TEXT [--item TEXT ...]\n"
        "Items in order; \"!\" before an item makes it required. The\n"
        "checklist comes onto a case opened with one of the kinds, or given\n"
        "one of the tags (taio checklist tag). A case resolves only with\n"
        "its required items ticked.")},
    {"checklist", "edit", run_edit, N_("change a checklist template (admins)"),
     N_("taio checklist edit NAME [--rename NEW] [--kinds KIND,...]\n"
        "      [--tags TAG,...] [--item TEXT ...]\n"
        "What is not given stays. Items given replace all of them, in\n"
        "order (\"!\" first: required). Cases that have the checklist keep\n"
        "the items they got; cases it comes onto later get the new ones.")},
    {"checklist", "list", run_list, N_("list the checklist templates"),
     N_("taio checklist list")},
    {"checklist", "remove", run_remove,
     N_("stop a checklist applying to new cases (admins)"),
     N_("taio checklist remove NAME")},
    {"checklist", "show", run_show, N_("show a case's checklist"),
     N_("taio checklist show CASE\nRequired items are marked *.")},
    {"checklist", "tick", run_tick, N_("tick an item of a case's checklist"),
     N_("taio checklist tick CASE #ITEM [--undo]\nRecords who and when.")},
    {"checklist", "tag", run_tag,
     N_("tag a case, bringing the checklists of that tag"),
     N_("taio checklist tag CASE TAG\n"
        "A tag is a-z, 0-9 and -, e.g. network-change.")},
    {"checklist", "override", run_override,
     N_("let a case resolve with required items open, saying why"),
     N_("taio checklist override CASE --reason TEXT\n"
        "The reason goes to the case's timeline.")},
    {NULL, NULL, NULL, NULL, NULL},
};
