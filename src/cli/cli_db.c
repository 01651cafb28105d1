/* SPDX-License-Identifier: MIT */
/*
 * cli_db.c - creating and upgrading the store: "taio init", "taio demo",
 * "taio db migrate" and "taio db check".
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cli_out.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "db/migrate.h"
#include "demo.h"
#include "record_json.h"

static int run_init(struct app *app, int argc, char **argv)
{
    int rc = cli_options(app, &argc, argv, cli_no_opts, 0);
    if (rc) {
        return rc;
    }
    struct problems p = {0};
    enum taio_status status = app_open(app, true, &p);
    if (status != TAIO_OK) {
        rc = cli_fail(app, status, &p);
        problems_clear(&p);
        return rc;
    }
    int version = 0;
    migrate_version(app->db, &version);
    if (app->json) {
        json_t *o = json_pack("{s:s, s:i}", "db", app->db_path,
                              "schema_version", version);
        cli_print_json(o);
        json_decref(o);
    } else {
        printf(_("Database %s is ready (schema version %d).\n"),
               app->db_path, version);
        printf("%s\n", _("Next: add the first admin, e.g.\n"
                         "  taio user add --login admin --name \"Admin\" "
                         "--role admin"));
    }
    return 0;
}

/* Remove the database file and its WAL companions. */
static void remove_database(const char *path)
{
    const char *suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < 4; i++) {
        struct buf name = {0};
        buf_printf(&name, "%s%s", path, suffixes[i]);
        unlink(buf_str(&name));
        buf_clear(&name);
    }
}

static int run_demo(struct app *app, int argc, char **argv)
{
    bool force = false;
    const struct cli_opt opts[] = {
        {"force", NULL, &force, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts, 0);
    if (rc) {
        return rc;
    }
    if (access(app->db_path, F_OK) == 0) {
        if (!force) {
            struct problems p = {0};
            problems_add(&p, "db",
                         _("%s exists already; the demo needs a fresh "
                           "database (add --force to replace it)"),
                         app->db_path);
            rc = cli_fail(app, TAIO_ECONFLICT, &p);
            problems_clear(&p);
            return rc;
        }
        remove_database(app->db_path);
    }
    struct problems p = {0};
    enum taio_status status = app_open(app, true, &p);
    struct demo_summary summary = {0};
    if (status == TAIO_OK) {
        status = demo_fill(app->db, &app->settings, app->now, &summary);
    }
    if (status != TAIO_OK) {
        rc = cli_fail(app, status, &p);
        problems_clear(&p);
        return rc;
    }
    if (app->json) {
        json_t *o = json_pack("{s:s, s:I, s:I, s:I, s:I, s:s}", "db",
                              app->db_path, "users",
                              (json_int_t)summary.users, "customers",
                              (json_int_t)summary.customers, "cases",
                              (json_int_t)summary.cases, "promises",
                              (json_int_t)summary.promises, "login",
                              summary.login);
        cli_print_json(o);
        json_decref(o);
    } else {
        printf(_("Demo database %s: %lld users, %lld customers, %lld cases, "
                 "%lld promises.\n"),
               app->db_path, (long long)summary.users,
               (long long)summary.customers, (long long)summary.cases,
               (long long)summary.promises);
        printf(_("Act as a member of staff with --as, e.g.:\n"
                 "  taio --db %s --as %s agenda\n"),
               app->db_path, summary.login);
    }
    return 0;
}

static int run_migrate(struct app *app, int argc, char **argv)
{
    int rc = cli_options(app, &argc, argv, cli_no_opts, 0);
    if (rc == 0) {
        rc = cli_open(app);
    }
    if (rc) {
        return rc;
    }
    int version = 0;
    migrate_version(app->db, &version);
    if (app->json) {
        json_t *o = json_pack("{s:i}", "schema_version", version);
        cli_print_json(o);
        json_decref(o);
    } else {
        printf(_("Schema version %d (the latest this taio knows).\n"),
               version);
    }
    return 0;
}

const struct cli_cmd cli_db_cmds[] = {
    {"init", NULL, run_init, N_("create the database (or upgrade it)"),
     N_("taio init [--db PATH]\n"
        "Creates ./taio.db (or $TAIO_DB, or --db PATH) with the latest "
        "schema.\n"
        "Running it again only applies new migrations.")},
    {"demo", NULL, run_demo,
     N_("create a fresh database full of sample data"),
     N_("taio demo [--db PATH] [--force]\n"
        "Japanese sample customers, staff, open and closed cases, and "
        "promises\n"
        "coming due, all relative to now (TAIO_NOW moves it). Refuses to "
        "touch\n"
        "an existing file unless --force is given.")},
    {"db", "migrate", run_migrate, N_("apply pending schema migrations"),
     N_("taio db migrate [--db PATH]\n"
        "Every command migrates on open; this one does only that.")},
    {NULL, NULL, NULL, NULL, NULL},
};
