/* SPDX-License-Identifier: MIT */
/*
 * cli_outbox.c - "taio webhook ..." (where events are also posted) and
 * "taio outbox ..." (what waits to be sent, what was given up, and trying
 * a given-up message again).
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/cli_out.h"
#include "core/i18n.h"
#include "hook.h"
#include "notify.h"
#include "record_json.h"

static int run_webhook_add(struct app *app, int argc, char **argv)
{
    const char *name = NULL;
    const char *url = NULL;
    const char *format = NULL;
    const char *events = NULL;
    const char *lang = NULL;
    const struct cli_opt opts[] = {
        {"name", &name, NULL, NULL},
        {"url", &url, NULL, NULL},
        {"format", &format, NULL, NULL},
        {"events", &events, NULL, NULL},
        {"post-lang", &lang, NULL, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts, 0);
    struct problems p = {0};
    if (rc == 0) {
        rc = cli_open_acting(app, &p);
    }
    char *secret = NULL;
    if (rc == 0) {
        struct hook_input in = {
            .name = name, .url = url, .format = format, .kinds = events,
            .lang = lang,
        };
        enum taio_status status =
            hook_add(app->db, &app->actor, &in, &p, &secret);
        rc = status ? cli_fail(app, status, &p) : 0;
    }
    if (rc == 0 && app->json) {
        json_t *o = json_pack("{s:s, s:s}", "name", name, "secret", secret);
        cli_print_json(o);
        json_decref(o);
    } else if (rc == 0) {
        printf(_("Webhook \"%s\" added. Its signing secret (shown only now):"
                 "\n%s\n"),
               name, secret);
    }
    free(secret);
    problems_clear(&p);
    return rc;
}

static int run_webhook_list(struct app *app, int argc, char **argv)
{
    int rc = cli_options(app, &argc, argv, cli_no_opts, 0);
    if (rc == 0) {
        rc = cli_open(app);
    }
    if (rc) {
        return rc;
    }
    struct hook *list = NULL;
    size_t n = 0;
    enum taio_status status = hook_list(app->db, &list, &n);
    if (status != TAIO_OK) {
        return cli_fail(app, status, NULL);
    }
    json_t *arr = app->json ? json_array() : NULL;
    for (size_t i = 0; i < n; i++) {
        const struct hook *h = &list[i];
        if (arr) {
            json_array_append_new(
                arr, json_pack("{s:s, s:s, s:s, s:s, s:b, s:o}", "name",
                               h->name, "url", h->url, "format", h->format,
                               "events", h->kinds, "active", h->active,
                               "lang", h->lang ? json_string(h->lang)
                                               : json_null()));
        } else {
            printf("%-16s %-6s %s %s%s\n", h->name, h->format, h->url,
                   h->kinds[0] ? h->kinds : _("(all events)"),
                   h->active ? "" : _(" (removed)"));
        }
    }
    if (arr) {
        cli_print_json(arr);
        json_decref(arr);
    }
    hook_list_free(list, n);
    return 0;
}

static int run_webhook_remove(struct app *app, int argc, char **argv)
{
    int rc = cli_options(app, &argc, argv, cli_no_opts, 2);
    if (rc) {
        return rc;
    }
    struct problems p = {0};
    rc = cli_open_acting(app, &p);
    if (rc == 0) {
        enum taio_status status =
            hook_remove(app->db, &app->actor, argv[1], &p);
        rc = status ? cli_fail(app, status, &p) : 0;
    }
    problems_clear(&p);
    return rc;
}

static int run_outbox_list(struct app *app, int argc, char **argv)
{
    const char *state = NULL;
    const struct cli_opt opts[] = {
        {"state", &state, NULL, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts, 0);
    if (rc == 0) {
        rc = cli_open(app);
    }
    if (rc) {
        return rc;
    }
    struct outbox_entry *list = NULL;
    size_t n = 0;
    enum taio_status status =
        notify_outbox_list(app->db, state, 200, &list, &n);
    if (status != TAIO_OK) {
        return cli_fail(app, status, NULL);
    }
    json_t *arr = app->json ? json_array() : NULL;
    for (size_t i = 0; i < n; i++) {
        const struct outbox_entry *e = &list[i];
        if (arr) {
            json_array_append_new(
                arr,
                json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:o, s:s?}", "id",
                          (json_int_t)e->id, "channel", e->channel, "to",
                          e->recipient, "message_id", e->message_id, "state",
                          e->state, "attempts", (json_int_t)e->attempts,
                          "next_try",
                          record_json_time(app->settings.zone,
                                           e->next_try_at),
                          "last_error", e->last_error));
        } else {
            printf("#%-5lld %-7s %-8s %s  %s  [%lld] %s\n", (long long)e->id,
                   e->state, e->channel, e->recipient, e->subject,
                   (long long)e->attempts, e->last_error ? e->last_error : "");
        }
    }
    if (arr) {
        cli_print_json(arr);
        json_decref(arr);
    }
    notify_outbox_free(list, n);
    return 0;
}

static int run_outbox_retry(struct app *app, int argc, char **argv)
{
    int rc = cli_options(app, &argc, argv, cli_no_opts, 2);
    if (rc) {
        return rc;
    }
    struct problems p = {0};
    int64_t id = 0;
    if (!cli_int("id", argv[1], 1, INT64_MAX, &id, &p)) {
        rc = cli_fail(app, TAIO_EINVAL, &p);
    }
    if (rc == 0) {
        rc = cli_open_acting(app, &p);
    }
    if (rc == 0) {
        enum taio_status status = notify_retry(app->db, &app->actor, id, &p);
        rc = status ? cli_fail(app, status, &p) : 0;
    }
    problems_clear(&p);
    return rc;
}

const struct cli_cmd cli_outbox_cmds[] = {
    {"webhook", "add", run_webhook_add,
     N_("post the desk's events to a URL (Slack, Teams, any system)"),
     N_("taio webhook add --name NAME --url URL [--format json|slack|teams]\n"
        "      [--events KIND,...] [--post-lang ja|en]\n"
        "Each event (promise_due, promise_broken, silent, no_eta,\n"
        "deadline_risk; default all) is posted once as JSON, signed with\n"
        "HMAC-SHA256 of \"TIMESTAMP.BODY\" under the secret printed now:\n"
        "headers X-Taio-Delivery, X-Taio-Timestamp, X-Taio-Signature\n"
        "(sha256=HEX). Failed posts are retried with growing delays; see\n"
        "\"taio outbox list\". --post-lang chooses the language of its texts\n"
        "(default: the server's). Admins only.")},
    {"webhook", "list", run_webhook_list, N_("list webhooks"),
     N_("taio webhook list")},
    {"webhook", "remove", run_webhook_remove, N_("stop posting to a webhook"),
     N_("taio webhook remove NAME")},
    {"outbox", "list", run_outbox_list,
     N_("messages waiting, sent or given up"),
     N_("taio outbox list [--state pending|sent|dead]\n"
        "The newest 200 mails and webhook deliveries with their attempts "
        "and\nlast error.")},
    {"outbox", "retry", run_outbox_retry,
     N_("try a given-up message again"),
     N_("taio outbox retry ID\n"
        "A message given up (dead) after its last attempt gets a new round\n"
        "of attempts, starting at the next tick. Admins only.")},
    {NULL, NULL, NULL, NULL, NULL},
};
