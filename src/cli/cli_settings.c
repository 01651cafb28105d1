/* SPDX-License-Identifier: MIT */
/*
 * cli_settings.c - "taio config ...": the organisation's settings.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_out.h"
#include "core/i18n.h"
#include "record_json.h"
#include "settings.h"

static int run_list(struct app *app, int argc, char **argv)
{
    int rc = cli_options(app, &argc, argv, cli_no_opts, 0);
    if (rc == 0) {
        rc = cli_open(app);
    }
    if (rc) {
        return rc;
    }
    if (app->json) {
        json_t *obj = record_json_settings(&app->settings);
        cli_print_json(obj);
        json_decref(obj);
        return 0;
    }
    for (size_t i = 0; i < settings_key_count(); i++) {
        const struct settings_key *k = settings_key_at(i);
        printf("%-24s %-24s # %s\n", k->key,
               settings_value(&app->settings, k->key), _(k->description));
    }
    return 0;
}

static int run_get(struct app *app, int argc, char **argv)
{
    int rc = cli_options(app, &argc, argv, cli_no_opts, 1);
    if (rc) {
        return rc;
    }
    if (argc < 2) {
        return cli_usage(app, "%s", _("give a setting's name"));
    }
    rc = cli_open(app);
    if (rc) {
        return rc;
    }
    const char *value = settings_value(&app->settings, argv[1]);
    if (value == NULL) {
        struct problems p = {0};
        problems_add(&p, "key", "%s", _("is not a known setting"));
        rc = cli_fail(app, TAIO_EINVAL, &p);
        problems_clear(&p);
        return rc;
    }
    if (app->json) {
        json_t *o = json_pack("{s:s}", argv[1], value);
        cli_print_json(o);
        json_decref(o);
    } else {
        printf("%s\n", value);
    }
    return 0;
}

static int run_set(struct app *app, int argc, char **argv)
{
    int rc = cli_options(app, &argc, argv, cli_no_opts, 2);
    if (rc) {
        return rc;
    }
    if (argc < 3) {
        return cli_usage(app, "%s", _("give a setting's name and value"));
    }
    const char *key = argv[1];
    const char *value = argv[2];
    struct problems p = {0};
    rc = cli_open_acting(app, &p);
    if (rc == 0) {
        enum taio_status status =
            user_can(&app->actor, USER_ACT_ADMIN)
                ? settings_set(app->db, app->actor.user_id, app->now, key,
                               value, &p)
                : TAIO_EPERM;
        if (status != TAIO_OK) {
            rc = cli_fail(app, status, &p);
        } else {
            settings_clear(&app->settings);
            settings_load(app->db, &app->settings);
            const char *now_value = settings_value(&app->settings, key);
            if (app->json) {
                json_t *o = json_pack("{s:s}", key, now_value);
                cli_print_json(o);
                json_decref(o);
            } else {
                printf("%s = %s\n", key, now_value);
            }
        }
    }
    problems_clear(&p);
    return rc;
}

const struct cli_cmd cli_settings_cmds[] = {
    {"config", "list", run_list, N_("show every organisation setting"),
     N_("Lists each setting with its value and what it means.")},
    {"config", "get", run_get, N_("show one setting"),
     N_("taio config get KEY")},
    {"config", "set", run_set, N_("change a setting (admins)"),
     N_("taio config set KEY VALUE\n"
        "Examples:\n"
        "  taio config set org.hours \"mon-fri 09:00-12:00,13:00-18:00\"\n"
        "  taio config set org.closed \"12-29..01-03; 08-13..08-16\"\n"
        "  taio config set cadence.stopped 30m\n"
        "  taio config set promise.lead 10m\n"
        "The change is kept in the history.")},
    {NULL, NULL, NULL, NULL, NULL},
};
