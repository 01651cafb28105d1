/* SPDX-License-Identifier: MIT */
/*
 * cli_tick.c - "taio tick": one pass of the scheduler, then the delivery
 * of what is due, and exit; for cron or a systemd timer when no "taio
 * serve" runs the scheduler.
 *
 * Mail goes to TAIO_SMTP_URL from TAIO_MAIL_FROM (or --smtp-url,
 * --mail-from, or smtp_url and mail_from in the configuration file of
 * --config / $TAIO_CONFIG). Without them, messages wait in the outbox.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_config.h"
#include "cli/cli_out.h"
#include "core/i18n.h"
#include "notify.h"
#include "schedule.h"

/* Messages sent at most in one tick. */
#define TICK_MAX_MAILS 1000

/* Print what the tick did. */
static void report(struct app *app, const struct schedule_counts *c,
                   const struct notify_delivery *d)
{
    if (app->json) {
        json_t *o = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}", "agenda",
                              (json_int_t)c->items, "notified",
                              (json_int_t)c->notified, "sent",
                              (json_int_t)d->sent, "failed",
                              (json_int_t)d->failed, "dead",
                              (json_int_t)d->dead, "waiting",
                              (json_int_t)d->waiting);
        cli_print_json(o);
        json_decref(o);
        return;
    }
    char now[TIMEUTIL_ISO_MAX];
    cli_fmt_time(app, app->now, now);
    printf(_("Tick at %s: %zu on the agenda, %zu new notifications; mail: "
             "%zu sent, %zu to retry, %zu given up, %zu waiting\n"),
           now, c->items, c->notified, d->sent, d->failed, d->dead,
           d->waiting);
}

static int run_tick(struct app *app, int argc, char **argv)
{
    const char *config_path = NULL;
    const char *smtp_url = NULL;
    const char *mail_from = NULL;
    const struct cli_opt opts[] = {
        {"config", &config_path, NULL, NULL},
        {"smtp-url", &smtp_url, NULL, NULL},
        {"mail-from", &mail_from, NULL, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts, 0);
    if (rc) {
        return rc;
    }
    struct problems p = {0};
    struct cli_config file = {0};
    config_path = cli_setting(config_path, "TAIO_CONFIG", NULL);
    if (config_path && *config_path) {
        cli_config_read(config_path, &file, &p);
    }
    struct notify_mail mail = {
        .url = cli_setting(smtp_url, "TAIO_SMTP_URL", file.smtp_url),
        .from = cli_setting(mail_from, "TAIO_MAIL_FROM", file.mail_from),
        .ca = cli_setting(NULL, "TAIO_SMTP_CA", file.smtp_ca),
    };
    if (mail.url && mail.from == NULL) {
        problems_add(&p, "mail-from", "%s",
                     _("is required to send mail (TAIO_MAIL_FROM)"));
    }
    if (problems_any(&p)) {
        rc = cli_fail(app, TAIO_EINVAL, &p);
    }
    if (rc == 0) {
        rc = cli_open(app);
    }
    if (rc == 0) {
        /* Messages are written in each recipient's language. */
        enum i18n_lang lang = i18n_server_init();
        struct schedule_counts counts = {0};
        struct notify_delivery sent = {0};
        enum taio_status status =
            schedule_tick(app->db, &app->settings, lang, app->now, &counts);
        if (status == TAIO_OK) {
            status = notify_deliver(app->db, &mail, app->now, TICK_MAX_MAILS,
                                    &sent);
        }
        rc = status ? cli_fail(app, status, NULL) : 0;
        if (rc == 0) {
            report(app, &counts, &sent);
        }
    }
    cli_config_clear(&file);
    problems_clear(&p);
    return rc;
}

const struct cli_cmd cli_tick_cmds[] = {
    {"tick", NULL, run_tick,
     N_("one pass of the scheduler: notify what is due, send the mail"),
     N_("taio tick [--config FILE] [--smtp-url URL] [--mail-from ADDRESS]\n"
        "Turns what is on the agenda now into notifications, each event "
        "once\nper person (a promise due or broken, a silent case, no ETA, "
        "a deadline\nat risk), and sends the mail that is due. Mail goes to "
        "TAIO_SMTP_URL\n(e.g. smtp://127.0.0.1:25; smtp://user:password@host:587 "
        "for AUTH;\nSTARTTLS when offered) from TAIO_MAIL_FROM; both can "
        "also be smtp_url\nand mail_from in the configuration file. Without "
        "them, mail waits.\nTAIO_SMTP_CA (smtp_ca) names a PEM file of "
        "certificates to trust for\nthe mail server instead of the "
        "system's.\nRun it from cron or a systemd timer, e.g. every "
        "minute.")},
    {NULL, NULL, NULL, NULL, NULL},
};
