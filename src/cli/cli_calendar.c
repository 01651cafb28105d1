/* SPDX-License-Identifier: MIT */
/*
 * cli_calendar.c - "taio calendar ...": national holidays and business
 * time arithmetic with the organisation's calendar (and optionally a
 * customer's reachable windows).
 *
 * These commands work without a database too, with the default calendar
 * (Asia/Tokyo, weekdays 09:00-18:00, closed 12-29..01-03).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "holiday.h"
#include "cli/cli.h"
#include "cli/cli_out.h"
#include "core/i18n.h"
#include "core/timeutil.h"
#include "customer.h"
#include "feed.h"
#include "record_json.h"
#include "windows.h"

/* Open the store if there is one, else use the default settings. Returns
 * 0 or an exit code. */
static int open_calendar(struct app *app)
{
    struct problems p = {0};
    enum taio_status status = app_open(app, false, &p);
    int rc = 0;
    if (status == TAIO_ENOTFOUND) {
        settings_defaults(&app->settings);
    } else if (status != TAIO_OK) {
        rc = cli_fail(app, status, &p);
    }
    problems_clear(&p);
    return rc;
}

/* Parse --customer and at most max_args positional arguments, which start
 * from argv[1] afterwards. */
static int parse_cal(struct app *app, int *argc, char **argv, int max_args,
                     const char **customer)
{
    const struct cli_opt opts[] = {
        {"customer", customer, NULL, NULL},
        {NULL, NULL, NULL, NULL},
    };
    return cli_options(app, argc, argv, opts, max_args);
}

/* Load the windows of the --customer, if given. Returns 0 or an exit
 * code. *has tells whether w was filled. */
static int customer_windows(struct app *app, const char *customer,
                            struct windows *w, bool *has)
{
    *has = false;
    if (customer == NULL) {
        return 0;
    }
    if (app->db == NULL) {
        return cli_usage(app, "%s",
                         _("--customer needs a database (--db or TAIO_DB)"));
    }
    struct problems p = {0};
    int64_t id = 0;
    enum taio_status status =
        customer_resolve(app->db, customer, "customer", &p, &id);
    if (status == TAIO_ENOTFOUND) {
        status = TAIO_EINVAL; /* a bad --customer, not a missing subject */
    }
    if (status == TAIO_OK) {
        status = windows_load_customer(app->db, app->settings.zone, app->now,
                                       id, w);
    }
    int rc = status ? cli_fail(app, status, &p) : 0;
    problems_clear(&p);
    *has = rc == 0;
    return rc;
}

static int run_holidays(struct app *app, int argc, char **argv)
{
    int rc = cli_options(app, &argc, argv, cli_no_opts, 1);
    if (rc) {
        return rc;
    }
    if (argc < 2) {
        return cli_usage(app, "%s", _("give a year, e.g. 2027"));
    }
    struct problems p = {0};
    int64_t year = 0;
    if (!cli_int("year", argv[1], 1948, 9999, &year, &p)) {
        rc = cli_fail(app, TAIO_EINVAL, &p);
        problems_clear(&p);
        return rc;
    }
    if (app->json) {
        json_t *arr = record_json_holidays((int)year);
        cli_print_json(arr);
        json_decref(arr);
        return 0;
    }
    struct holiday list[64];
    size_t n = holiday_list((int)year, list, 64);
    if (n > 64) {
        n = 64;
    }
    {
        for (size_t i = 0; i < n; i++) {
            printf("%04d-%02d-%02d %s\n", list[i].year, list[i].month,
                   list[i].day, list[i].name);
        }
    }
    return 0;
}

static int run_is_business_time(struct app *app, int argc, char **argv)
{
    const char *customer = NULL;
    int rc = parse_cal(app, &argc, argv, 1, &customer);
    if (rc == 0 && argc < 2) {
        rc = cli_usage(app, "%s", _("give a time, e.g. 2026-11-24T15:10"));
    }
    if (rc == 0) {
        rc = open_calendar(app);
    }
    struct windows w = {0};
    bool has_windows = false;
    if (rc == 0) {
        rc = customer_windows(app, customer, &w, &has_windows);
    }
    struct problems p = {0};
    int64_t at = 0;
    if (rc == 0 && !cli_time(app, "time", argv[1], &at, &p)) {
        rc = cli_fail(app, TAIO_EINVAL, &p);
    }
    if (rc == 0) {
        struct calendar cal;
        settings_calendar(&app->settings, &cal);
        bool open = calendar_is_business_time(&cal, has_windows ? &w.win
                                                                : NULL,
                                              at);
        struct tz_tm tm;
        tz_local(app->settings.zone, at, &tm);
        const char *holiday = holiday_name(tm.year, tm.month, tm.day);
        if (app->json) {
            json_t *o = json_pack("{s:o, s:b, s:o}", "time",
                                  record_json_time(app->settings.zone, at),
                                  "business", open, "holiday",
                                  holiday ? json_string(holiday)
                                          : json_null());
            cli_print_json(o);
            json_decref(o);
        } else {
            printf("%s%s%s\n", open ? _("yes") : _("no"),
                   holiday ? ": " : "", holiday ? holiday : "");
        }
    }
    windows_clear(&w);
    problems_clear(&p);
    return rc;
}

/* "add-business-time TIME DURATION" and "business-minutes FROM TO". */
static int run_arith(struct app *app, int argc, char **argv, bool adding)
{
    const char *customer = NULL;
    int rc = parse_cal(app, &argc, argv, 2, &customer);
    if (rc == 0 && argc < 3) {
        rc = cli_usage(app, "%s",
                       adding ? _("give a time and a duration, e.g. "
                                  "2026-11-20T17:30 1h")
                              : _("give two times"));
    }
    if (rc == 0) {
        rc = open_calendar(app);
    }
    struct windows w = {0};
    bool has_windows = false;
    if (rc == 0) {
        rc = customer_windows(app, customer, &w, &has_windows);
    }
    struct problems p = {0};
    int64_t from = 0;
    int64_t second = 0;
    if (rc == 0) {
        cli_time(app, "time", argv[1], &from, &p);
        if (adding) {
            cli_duration(app, "duration", argv[2], &second, &p);
        } else {
            cli_time(app, "to", argv[2], &second, &p);
        }
        if (problems_any(&p)) {
            rc = cli_fail(app, TAIO_EINVAL, &p);
        }
    }
    if (rc == 0) {
        struct calendar cal;
        settings_calendar(&app->settings, &cal);
        const struct calendar_windows *win = has_windows ? &w.win : NULL;
        if (adding) {
            int64_t result = 0;
            if (calendar_add_business(&cal, win, from, second, &result) !=
                TAIO_OK) {
                problems_add(&p, "duration", "%s",
                             _("cannot be reached: there is no business "
                               "time within three years"));
                rc = cli_fail(app, TAIO_EINVAL, &p);
            } else if (app->json) {
                json_t *o = json_pack("{s:o}", "time",
                                      record_json_time(app->settings.zone,
                                                       result));
                cli_print_json(o);
                json_decref(o);
            } else {
                char iso[TIMEUTIL_ISO_MAX];
                timeutil_format_iso(app->settings.zone, result, iso);
                printf("%s\n", iso);
            }
        } else {
            int64_t minutes = calendar_business_minutes(&cal, win, from,
                                                        second);
            if (app->json) {
                json_t *o = json_pack("{s:I}", "minutes",
                                      (json_int_t)minutes);
                cli_print_json(o);
                json_decref(o);
            } else {
                printf("%lld\n", (long long)minutes);
            }
        }
    }
    windows_clear(&w);
    problems_clear(&p);
    return rc;
}

static int run_add_business_time(struct app *app, int argc, char **argv)
{
    return run_arith(app, argc, argv, true);
}

static int run_business_minutes(struct app *app, int argc, char **argv)
{
    return run_arith(app, argc, argv, false);
}

/* "calendar feed": a new private feed address for the acting user, or
 * (--revoke) none. */
static int run_feed(struct app *app, int argc, char **argv)
{
    bool revoke = false;
    const struct cli_opt opts[] = {
        {"revoke", NULL, &revoke, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts, 0);
    struct problems p = {0};
    if (rc == 0) {
        rc = cli_open_acting(app, &p);
    }
    char *token = NULL;
    if (rc == 0) {
        enum taio_status status =
            revoke ? feed_revoke(app->db, &app->actor)
                   : feed_issue(app->db, &app->actor, &token);
        rc = status ? cli_fail(app, status, &p) : 0;
    }
    if (rc == 0 && token && app->json) {
        json_t *o = json_pack("{s:s, s:s+}", "token", token, "path",
                              "/api/v1/calendar/feed/", token);
        cli_print_json(o);
        json_decref(o);
    } else if (rc == 0 && token) {
        printf(_("Subscribe to http(s)://HOST/api/v1/calendar/feed/%s.ics "
                 "(HOST: where taio serve is reached); shown only now.\n"),
               token);
    }
    free(token);
    problems_clear(&p);
    return rc;
}

const struct cli_cmd cli_calendar_cmds[] = {
    {"calendar", "holidays", run_holidays,
     N_("list Japan's national holidays of a year"),
     N_("taio calendar holidays YEAR\n"
        "Computed from the rules of the holiday law, including substitute\n"
        "holidays, citizens' holidays and one-off days.")},
    {"calendar", "is-business-time", run_is_business_time,
     N_("tell whether a moment is inside business hours"),
     N_("taio calendar is-business-time TIME [--customer CUSTOMER]\n"
        "With --customer, also inside that customer's reachable windows.")},
    {"calendar", "add-business-time", run_add_business_time,
     N_("add business time to a moment"),
     N_("taio calendar add-business-time TIME DURATION [--customer "
        "CUSTOMER]\n"
        "DURATION: 45m, 2h, 1h30m, or 1bd (one business day). Evenings,\n"
        "weekends, holidays and company holidays are skipped.")},
    {"calendar", "business-minutes", run_business_minutes,
     N_("count business minutes between two moments"),
     N_("taio calendar business-minutes FROM TO [--customer CUSTOMER]")},
    {"calendar", "feed", run_feed,
     N_("a private calendar feed of your promises and deadlines"),
     N_("taio calendar feed [--revoke]\n"
        "Prints a new address of an iCalendar feed of your open promises\n"
        "and the deadlines of your cases, with alarms; the old address\n"
        "stops working. --revoke stops the feed.")},
    {NULL, NULL, NULL, NULL, NULL},
};
