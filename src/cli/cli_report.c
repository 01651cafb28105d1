/* SPDX-License-Identifier: MIT */
/*
 * cli_report.c - "taio report ...": a case's incident report, from the
 * draft to the approved report that is sent (report.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_out.h"
#include "core/i18n.h"
#include "record_json.h"
#include "report.h"

/* Print (or emit as JSON) the report of case id, as plain text or
 * Markdown. */
static int show_report(struct app *app, int64_t id, bool markdown)
{
    struct case_rec c;
    enum taio_status status = case_get(app->db, id, &c);
    if (status != TAIO_OK) {
        return cli_fail(app, status, NULL);
    }
    struct report r;
    struct problems p = {0};
    status = report_get(app->db, id, &r);
    if (status == TAIO_ENOTFOUND) {
        problems_add(&p, "case", _("case %s has no report yet; write one "
                                   "with \"taio report edit\""),
                     c.number);
    }
    struct report_facts f = {0};
    if (status == TAIO_OK) {
        status = report_facts_get(app->db, &c, app->settings.zone, &f);
    }
    int rc = 0;
    if (status != TAIO_OK) {
        rc = cli_fail(app, status, &p);
    } else if (app->json) {
        json_t *o = record_json_report(app->settings.zone, &r, &f);
        json_object_set_new(o, "case", json_string(c.number));
        cli_print_json(o);
        json_decref(o);
    } else {
        struct buf text = {0};
        report_text(&app->settings, &c, &r, &f, app->now, markdown, &text);
        fputs(buf_str(&text), stdout);
        buf_clear(&text);
    }
    report_facts_clear(&f);
    report_clear(&r);
    problems_clear(&p);
    case_rec_clear(&c);
    return rc;
}

static int run_show(struct app *app, int argc, char **argv)
{
    bool markdown = false;
    const struct cli_opt opts[] = {
        {"markdown", NULL, &markdown, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts, 1);
    struct problems p = {0};
    int64_t id = 0;
    if (rc == 0) {
        rc = cli_case_arg(app, argc, argv, 1, false, &id, &p);
    }
    problems_clear(&p);
    return rc ? rc : show_report(app, id, markdown);
}

static int run_edit(struct app *app, int argc, char **argv)
{
    struct report_input in = {0};
    const char *version = NULL;
    const struct cli_opt opts[] = {
        {"cause", &in.cause, NULL, NULL},
        {"response", &in.response, NULL, NULL},
        {"prevention", &in.prevention, NULL, NULL},
        {"went-well", &in.went_well, NULL, NULL},
        {"went-badly", &in.went_badly, NULL, NULL},
        {"cause-category", &in.cause_category, NULL, NULL},
        {"for", &in.recipients, NULL, NULL},
        {"version", &version, NULL, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts, 1);
    struct problems p = {0};
    int64_t id = 0;
    if (rc == 0) {
        rc = cli_case_arg(app, argc, argv, 1, true, &id, &p);
    }
    int64_t expected = -1; /* no --version: not checked */
    if (rc == 0 && version &&
        !cli_int("version", version, 1, INT64_MAX, &expected, &p)) {
        rc = cli_fail(app, TAIO_EINVAL, &p);
    }
    if (rc == 0) {
        enum taio_status status = report_save(app->db, &app->actor,
                                              &app->settings, id, &in,
                                              expected, &p);
        rc = status ? cli_fail(app, status, &p) : show_report(app, id, false);
    }
    problems_clear(&p);
    return rc;
}

/* The workflow steps that take the case and at most one text option. */
enum step {
    STEP_SUBMIT,
    STEP_APPROVE,
    STEP_RETURN,
    STEP_WAIVE,
};

static int run_step(struct app *app, int argc, char **argv, enum step step)
{
    const char *text = NULL;
    const struct cli_opt with_comment[] = {
        {"comment", &text, NULL, NULL},
        {NULL, NULL, NULL, NULL},
    };
    const struct cli_opt with_reason[] = {
        {"reason", &text, NULL, NULL},
        {NULL, NULL, NULL, NULL},
    };
    const struct cli_opt *opts = step == STEP_RETURN  ? with_comment
                                 : step == STEP_WAIVE ? with_reason
                                                      : cli_no_opts;
    int rc = cli_options(app, &argc, argv, opts, 1);
    struct problems p = {0};
    int64_t id = 0;
    if (rc == 0) {
        rc = cli_case_arg(app, argc, argv, 1, true, &id, &p);
    }
    enum taio_status status = TAIO_OK;
    if (rc == 0) {
        switch (step) {
        case STEP_SUBMIT:
            status = report_submit(app->db, &app->actor, id, &p);
            break;
        case STEP_APPROVE:
            status = report_approve(app->db, &app->actor, id, &p);
            break;
        case STEP_RETURN:
            status = report_return(app->db, &app->actor, id, text, &p);
            break;
        case STEP_WAIVE:
            status = report_waive(app->db, &app->actor, id, text, &p);
            break;
        }
        rc = status ? cli_fail(app, status, &p)
             : step == STEP_WAIVE
                 ? cli_ok(app, "%s", _("The case may close without a report."))
                 : show_report(app, id, false);
    }
    problems_clear(&p);
    return rc;
}

static int run_submit(struct app *app, int argc, char **argv)
{
    return run_step(app, argc, argv, STEP_SUBMIT);
}

static int run_approve(struct app *app, int argc, char **argv)
{
    return run_step(app, argc, argv, STEP_APPROVE);
}

static int run_return(struct app *app, int argc, char **argv)
{
    return run_step(app, argc, argv, STEP_RETURN);
}

static int run_waive(struct app *app, int argc, char **argv)
{
    return run_step(app, argc, argv, STEP_WAIVE);
}

static int run_send(struct app *app, int argc, char **argv)
{
    struct report_send_input in = {0};
    const struct cli_opt opts[] = {
        {"channel", &in.channel, NULL, NULL},
        {"to", &in.to, NULL, NULL},
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
            report_send(app->db, &app->actor, &app->settings, id, &in, &p);
        rc = status ? cli_fail(app, status, &p) : show_report(app, id, false);
    }
    problems_clear(&p);
    return rc;
}

const struct cli_cmd cli_report_cmds[] = {
    {"report", "show", run_show, N_("show a case's incident report"),
     N_("taio report show CASE [--markdown]\n"
        "The facts and the condensed timeline come from the case (when it\n"
        "came in, the first call, the first ETA, each promise and whether\n"
        "it was kept on time); then the sections people wrote. --markdown\n"
        "for export; --json for scripts.")},
    {"report", "edit", run_edit, N_("write or change a case's report"),
     N_("taio report edit CASE [--cause TEXT] [--response TEXT]\n"
        "      [--prevention TEXT] [--went-well TEXT] [--went-badly TEXT]\n"
        "      [--cause-category NAME] [--for RECIPIENTS] [--version N]\n"
        "Writes a draft, or changes a draft or a returned report. The\n"
        "cause, the response to those affected and the prevention are\n"
        "required before it is submitted. Cause categories: the setting\n"
        "report.causes.")},
    {"report", "submit", run_submit, N_("submit a report for approval"),
     N_("taio report submit CASE")},
    {"report", "approve", run_approve, N_("approve a submitted report"),
     N_("taio report approve CASE\nManagers and admins.")},
    {"report", "return", run_return,
     N_("return a submitted report with what to change"),
     N_("taio report return CASE --comment TEXT\nManagers and admins.")},
    {"report", "send", run_send, N_("send an approved report"),
     N_("taio report send CASE --channel email|fax|letter|visit|hand "
        "--to WHOM\n"
        "By e-mail (--to the addresses, separated by commas) it goes\n"
        "through the outbox; other channels are recorded as done.")},
    {"report", "waive", run_waive,
     N_("let a case close without a report, with the reason"),
     N_("taio report waive CASE --reason TEXT\n"
        "Managers and admins. The reason goes to the case's timeline.")},
    {NULL, NULL, NULL, NULL, NULL},
};
