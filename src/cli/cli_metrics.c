/* SPDX-License-Identifier: MIT */
/*
 * cli_metrics.c - "taio metrics": the figures of a period (metrics.c), as
 * text, JSON, or a table as CSV for Excel.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_out.h"
#include "core/i18n.h"
#include "input.h"
#include "metrics_csv.h"
#include "record_json.h"

/* A figure line: the label padded to a column of the terminal (wide
 * characters count two), then the value ("-" when there is nothing). */
static void line(const char *label, int64_t value, const char *unit)
{
    cli_pad(label, 40);
    if (value < 0) {
        printf(" -\n");
    } else {
        printf(" %lld%s\n", (long long)value, unit);
    }
}

static void print_metrics(const struct metrics *m)
{
    line(_("Cases received"), m->cases, "");
    line(_("Cases resolved"), m->resolved, "");
    line(_("Promises kept on time (%)"),
         metrics_percent(m->promises_on_time, m->promises_due), "%");
    line(_("First contact, median (min)"),
         m->first_contact.n ? m->first_contact.median_min : -1, "");
    line(_("First ETA, median (min)"),
         m->first_eta.n ? m->first_eta.median_min : -1, "");
    line(_("Longest silence, max (min)"),
         m->silence.n ? m->silence.max_min : -1, "");
    line(_("Longest silence, median (min)"),
         m->silence.n ? m->silence.median_min : -1, "");
    line(_("Resolution, median (min)"),
         m->resolution.n ? m->resolution.median_min : -1, "");
    line(_("Reports submitted the same day (%)"),
         metrics_percent(m->reports_same_day, m->reports_due), "%");
    line(_("Recurrences (same customer and cause within 90 days)"),
         m->recurrences, "");
}

static int run_metrics(struct app *app, int argc, char **argv)
{
    const char *from = NULL;
    const char *to = NULL;
    const char *team = NULL;
    const char *table = NULL;
    bool cp932 = false;
    const struct cli_opt opts[] = {
        {"from", &from, NULL, NULL},
        {"to", &to, NULL, NULL},
        {"team", &team, NULL, NULL},
        {"csv", &table, NULL, NULL},
        {"cp932", NULL, &cp932, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts, 0);
    if (rc == 0) {
        rc = cli_open(app);
    }
    if (rc) {
        return rc;
    }
    struct problems p = {0};
    struct metrics_query q;
    struct metrics m = {0};
    enum taio_status status = TAIO_EINVAL;
    if (input_metrics_query(app->db, &app->settings, app->now, from, to,
                            team, &q, &p)) {
        status = metrics_compute(app->db, &app->settings, &q, app->now, &p,
                                 &m);
    }
    struct buf csv = {0};
    if (status == TAIO_OK && table) {
        status = metrics_csv(&m, &app->settings, table, &csv);
        if (status == TAIO_EINVAL) {
            problems_add(&p, "csv", _("must be one of: %s"),
                         "summary, weeks, kinds, causes, customers, owners");
        }
    }
    if (status != TAIO_OK) {
        rc = cli_fail(app, status, &p);
    } else if (table) {
        struct buf sjis = {0};
        if (cp932) {
            metrics_csv_cp932(&csv, &sjis);
        }
        const struct buf *b = cp932 ? &sjis : &csv;
        fwrite(b->data ? b->data : "", 1, b->len, stdout);
        buf_clear(&sjis);
    } else if (app->json) {
        json_t *o = record_json_metrics(app->settings.zone, &m);
        cli_print_json(o);
        json_decref(o);
    } else {
        print_metrics(&m);
    }
    buf_clear(&csv);
    metrics_clear(&m);
    problems_clear(&p);
    return rc;
}

const struct cli_cmd cli_metrics_cmds[] = {
    {"metrics", NULL, run_metrics,
     N_("how the desk kept its word: promises, first call, silences, "
        "reports"),
     N_("taio metrics [--from TIME] [--to TIME] [--team MANAGER]\n"
        "      [--csv summary|weeks|kinds|causes|customers|owners [--cp932]]\n"
        "The cases received in the period (default: the 90 days up to now),\n"
        "of the manager's team when --team is given. --csv writes one table\n"
        "for Excel: UTF-8 with a byte order mark, or Shift_JIS with --cp932.")},
    {NULL, NULL, NULL, NULL, NULL},
};
