/* SPDX-License-Identifier: MIT */
/*
 * cli_user.c - "taio user ...": staff, roles, manager chain, presence and
 * web passwords.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth.h"
#include "cli/cli.h"
#include "cli/cli_out.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/validate.h"
#include "record_json.h"
#include "user.h"

/* Options of "user add/edit". Returns 0 or the usage exit code. */
static int parse_user_options(struct app *app, int *argc, char **argv,
                              int max_args, struct user_input *in)
{
    const struct cli_opt opts[] = {
        {"login", &in->login, NULL, NULL},
        {"name", &in->display_name, NULL, NULL},
        {"reading", &in->reading, NULL, NULL},
        {"role", &in->role, NULL, NULL},
        {"manager", &in->manager, NULL, NULL},
        {"email", &in->email, NULL, NULL},
        {"phone", &in->phone, NULL, NULL},
        {"stand-in", &in->stand_in, NULL, NULL},
        {"quiet-hours", &in->quiet_hours, NULL, NULL},
        {NULL, NULL, NULL, NULL},
    };
    return cli_options(app, argc, argv, opts, max_args);
}

/* Print one user as a line of the list. */
static void print_user_line(struct app *app, const struct user *u)
{
    char until[TIMEUTIL_ISO_MAX];
    cli_fmt_time(app, u->presence_until, until);
    cli_pad(u->login, 12);
    cli_pad(u->display_name, 16);
    cli_pad(user_role_label(u->role), 14);
    cli_pad(user_presence_label(u->presence), 12);
    if (u->presence_reason) {
        printf(" %s", u->presence_reason);
    }
    if (u->presence_until) {
        printf(" (%s %s)", _("back"), until);
    }
    if (u->manager_login) {
        printf("  [%s: %s]", _("reports to"), u->manager_login);
    }
    if (!u->active) {
        printf("  %s", _("(inactive)"));
    }
    printf("\n");
}

/* Show one user after a change, in text or JSON. */
static int show_user(struct app *app, const char *login)
{
    struct user u;
    enum taio_status status = user_get_by_login(app->db, login, &u);
    if (status != TAIO_OK) {
        struct problems problems = {0};
        if (status == TAIO_ENOTFOUND) {
            problems_add(&problems, "user", _("no user has the login \"%s\""),
                         login);
        }
        int rc = cli_fail(app, status, &problems);
        problems_clear(&problems);
        return rc;
    }
    if (app->json) {
        json_t *o = record_json_user(app->settings.zone, &u);
        cli_print_json(o);
        json_decref(o);
    } else {
        print_user_line(app, &u);
        if (u.stand_in_login) {
            printf("  %s: %s\n", _("stand-in while away"), u.stand_in_login);
        }
        if (u.quiet_hours) {
            printf("  %s: %s\n", _("quiet hours"), u.quiet_hours);
        }
    }
    user_clear(&u);
    return 0;
}

static int run_add(struct app *app, int argc, char **argv)
{
    struct user_input in = {0};
    int rc = parse_user_options(app, &argc, argv, 0, &in);
    if (rc) {
        return rc;
    }
    struct problems p = {0};
    rc = cli_open_acting(app, &p);
    if (rc == 0) {
        enum taio_status status = user_add(app->db, &app->actor, &in, &p,
                                           NULL);
        rc = status ? cli_fail(app, status, &p) : show_user(app, in.login);
    }
    problems_clear(&p);
    return rc;
}

static int run_edit(struct app *app, int argc, char **argv)
{
    struct user_input in = {0};
    int rc = parse_user_options(app, &argc, argv, 1, &in);
    if (rc) {
        return rc;
    }
    if (argc < 2) {
        return cli_usage(app, "%s", _("which user? Give a login"));
    }
    const char *login = argv[1];
    struct problems p = {0};
    rc = cli_open_acting(app, &p);
    if (rc == 0) {
        enum taio_status status = user_update(app->db, &app->actor, login,
                                              &in, &p);
        rc = status ? cli_fail(app, status, &p) : show_user(app, login);
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
    struct user *list = NULL;
    size_t n = 0;
    enum taio_status status = user_list(app->db, &list, &n);
    if (status != TAIO_OK) {
        return cli_fail(app, status, NULL);
    }
    if (app->json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            json_array_append_new(arr,
                                  record_json_user(app->settings.zone,
                                                   &list[i]));
        }
        cli_print_json(arr);
        json_decref(arr);
    } else {
        for (size_t i = 0; i < n; i++) {
            print_user_line(app, &list[i]);
        }
    }
    user_list_free(list, n);
    return 0;
}

static int run_show(struct app *app, int argc, char **argv)
{
    int rc = cli_options(app, &argc, argv, cli_no_opts, 1);
    if (rc) {
        return rc;
    }
    if (argc < 2) {
        return cli_usage(app, "%s", _("which user? Give a login"));
    }
    rc = cli_open(app);
    if (rc) {
        return rc;
    }
    return show_user(app, argv[1]);
}

static int run_presence(struct app *app, int argc, char **argv)
{
    const char *reason = NULL;
    const char *until_text = NULL;
    const struct cli_opt opts[] = {
        {"reason", &reason, NULL, NULL},
        {"until", &until_text, NULL, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts, 2);
    if (rc) {
        return rc;
    }
    if (argc < 3) {
        return cli_usage(app, "%s",
                         _("give a login and a state: in, out, meeting or "
                           "off"));
    }
    const char *login = argv[1];
    const char *state = argv[2];
    struct problems p = {0};
    rc = cli_open_acting(app, &p);
    if (rc) {
        problems_clear(&p);
        return rc;
    }
    enum user_presence presence;
    if (!user_presence_parse(state, &presence)) {
        validate_one_of(&p, "state", state, USER_PRESENCE_NAMES);
    }
    int64_t until = 0;
    if (until_text) {
        cli_time(app, "until", until_text, &until, &p);
    }
    enum taio_status status = TAIO_EINVAL;
    if (!problems_any(&p)) {
        status = user_set_presence(app->db, &app->actor, login, presence,
                                   reason, until, &p);
    }
    rc = status ? cli_fail(app, status, &p) : show_user(app, login);
    problems_clear(&p);
    return rc;
}

static int run_password(struct app *app, int argc, char **argv)
{
    int rc = cli_options(app, &argc, argv, cli_no_opts, 1);
    if (rc) {
        return rc;
    }
    if (argc < 2) {
        return cli_usage(app, "%s", _("which user? Give a login"));
    }
    char line[1100];
    if (isatty(STDIN_FILENO)) {
        fprintf(stderr, "%s", _("New password (then Enter): "));
    }
    if (fgets(line, sizeof(line), stdin) == NULL) {
        return cli_usage(app, "%s",
                         _("give the new password on standard input"));
    }
    line[strcspn(line, "\r\n")] = '\0';
    struct problems p = {0};
    rc = cli_open_acting(app, &p);
    if (rc == 0) {
        enum taio_status status =
            auth_set_password(app->db, &app->actor, argv[1], line, &p);
        rc = status ? cli_fail(app, status, &p)
                    : cli_ok(app, _("Password of %s set."), argv[1]);
    }
    memset(line, 0, sizeof(line));
    problems_clear(&p);
    return rc;
}

const struct cli_cmd cli_user_cmds[] = {
    {"user", "add", run_add, N_("add a member of staff"),
     N_("Options:\n"
        "  --login LOGIN     sign-in name: a-z, 0-9, '.', '_', '-' "
        "(required)\n"
        "  --name NAME       display name (required)\n"
        "  --reading KANA    reading of the name, for sorting\n"
        "  --role ROLE       admin, manager, agent, clerk or viewer "
        "(required)\n"
        "  --manager LOGIN   next person up the manager chain\n"
        "  --email ADDRESS, --phone NUMBER\n"
        "  --stand-in LOGIN  who gets their reminders while they are out or "
        "off\n"
        "                    (default: the manager)\n"
        "  --quiet-hours SPAN  e.g. 20:00-08:00: their notification mails "
        "wait\n"
        "                    until it ends (the app still shows them)\n"
        "Only an admin may add users; the very first user needs no --as.")},
    {"user", "edit", run_edit, N_("change a member of staff"),
     N_("taio user edit LOGIN [--name NAME] [--reading KANA] [--role ROLE]\n"
        "                     [--manager LOGIN|\"\"] [--email ADDRESS] "
        "[--phone NUMBER]\n"
        "                     [--stand-in LOGIN|\"\"] "
        "[--quiet-hours SPAN|\"\"]\n"
        "Admins only. Every change is kept in the history.")},
    {"user", "list", run_list, N_("list staff with their presence"),
     N_("Lists every user: login, name, role, presence and manager.")},
    {"user", "show", run_show, N_("show one member of staff"),
     N_("taio user show LOGIN")},
    {"user", "presence", run_presence,
     N_("say where someone is: in, out, meeting or off"),
     N_("taio user presence LOGIN in|out|meeting|off [--reason TEXT] "
        "[--until TIME]\n"
        "The reason is what callers are told (\"visiting a customer\"); "
        "--until is\n"
        "the expected return. Anyone may set their own presence; managers "
        "and\n"
        "admins anyone's.")},
    {"user", "password", run_password,
     N_("set a user's web password, read from standard input"),
     N_("taio user password LOGIN < file\n"
        "At least 10 characters; stored as an argon2id hash.")},
    {NULL, NULL, NULL, NULL, NULL},
};
