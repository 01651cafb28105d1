/* SPDX-License-Identifier: MIT */
/*
 * cli_customer.c - "taio customer ...": customers, their flags, busy
 * periods and history, and finding them by name, kana or phone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "channel.h"
#include "cli/cli.h"
#include "cli/cli_out.h"
#include "contact.h"
#include "core/i18n.h"
#include "customer.h"
#include "customer_view.h"
#include "history.h"
#include "record_json.h"
#include "windows.h"

/* Options of "customer add/edit"; every --phone is appended to phones
 * (cleared by the caller). Returns 0 or the usage exit code. */
static int parse_customer_options(struct app *app, int *argc, char **argv,
                                  int max_args, struct customer_input *in,
                                  struct cli_list *phones)
{
    const struct cli_opt opts[] = {
        {"kind", &in->kind, NULL, NULL},
        {"name", &in->name, NULL, NULL},
        {"reading", &in->reading, NULL, NULL},
        {"parent", &in->parent, NULL, NULL},
        {"email", &in->email, NULL, NULL},
        {"address", &in->address, NULL, NULL},
        {"phone", NULL, NULL, phones},
        {"channels", &in->channels, NULL, NULL},
        {"hours", &in->hours, NULL, NULL},
        {"closed", &in->closed_days, NULL, NULL},
        {"notes", &in->notes, NULL, NULL},
        {"mail-lang", &in->lang, NULL, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, argc, argv, opts, max_args);
    if (rc == 0 && phones->n) {
        in->phones = phones->items;
        in->n_phones = phones->n;
    }
    return rc;
}

/* Print the full customer card: flags first, because staff must see them
 * before anything else. */
static void print_customer(struct app *app, const struct customer *c)
{
    for (size_t i = 0; i < c->n_flags; i++) {
        char when[TIMEUTIL_ISO_MAX];
        cli_fmt_time(app, c->flags[i].set_at, when);
        printf("!! %s: %s (%s)\n", customer_flag_label(c->flags[i].kind),
               c->flags[i].reason, when);
    }
    printf("#%lld %s", (long long)c->id, c->name);
    if (*c->reading) {
        printf("（%s）", c->reading);
    }
    printf("\n");
    if (c->parent_name) {
        printf("  %s: %s (#%lld)\n", _("part of"), c->parent_name,
               (long long)c->parent_id);
    }
    for (size_t i = 0; i < c->n_phones; i++) {
        printf("  %s: %s\n", c->phones[i].label, c->phones[i].number);
    }
    if (c->email) {
        printf("  %s: %s\n", _("e-mail"), c->email);
    }
    if (c->address) {
        printf("  %s: %s\n", _("address"), c->address);
    }
    if (*c->channels) {
        char *labels = channel_list_labels(c->channels);
        printf("  %s: %s\n", _("contact by"), labels);
        free(labels);
    }
    printf("  %s: %s\n", _("reachable"),
           c->hours ? c->hours : _("during our business hours"));
    if (c->closed_days) {
        printf("  %s: %s\n", _("closed days"), c->closed_days);
    }
    if (*c->notes) {
        printf("  %s: %s\n", _("notes"), c->notes);
    }
    if (c->lang) {
        printf("  %s: %s\n", _("mail language"), c->lang);
    }
}

/* Print (or emit as JSON) customer id with contact people and open
 * cases. */
static int show_customer(struct app *app, int64_t id)
{
    struct customer_view v;
    enum taio_status status = customer_view_load(app->db, id, &v);
    if (status == TAIO_OK && app->json) {
        json_t *o = customer_view_json(&v, app->settings.zone);
        cli_print_json(o);
        json_decref(o);
    } else if (status == TAIO_OK) {
        print_customer(app, &v.customer);
        for (size_t i = 0; i < v.n_children; i++) {
            printf("  > #%lld %s\n", (long long)v.children[i].id,
                   v.children[i].name);
        }
        for (size_t i = 0; i < v.n_busy; i++) {
            const struct windows_busy *b = &v.busy[i];
            char from[TIMEUTIL_ISO_MAX];
            char to[TIMEUTIL_ISO_MAX];
            cli_fmt_time(app, b->from_at, from);
            cli_fmt_time(app, b->to_at, to);
            printf("  %s: %s - %s%s%s%s %s\n", _("busy"), from, to,
                   b->rrule ? " (" : "", b->rrule ? b->rrule : "",
                   b->rrule ? ")" : "", b->note ? b->note : "");
        }
        for (size_t i = 0; i < v.n_contacts; i++) {
            const struct contact *k = &v.contacts[i];
            printf("  - #%lld %s%s%s", (long long)k->id, k->name,
                   *k->title ? " / " : "", k->title);
            if (*k->channels) {
                char *labels = channel_list_labels(k->channels);
                printf(" [%s]", labels);
                free(labels);
            }
            printf("\n");
        }
        for (size_t i = 0; i < v.n_cases; i++) {
            printf("  %s ", v.cases[i].number);
            cli_pad(case_status_label(v.cases[i].status), 12);
            printf("%s\n", v.cases[i].title);
        }
    }
    customer_view_clear(&v);
    return status ? cli_fail(app, status, NULL) : 0;
}

static int run_add(struct app *app, int argc, char **argv)
{
    struct customer_input in = {.kind = "organization"};
    struct cli_list phones = {0};
    int rc = parse_customer_options(app, &argc, argv, 0, &in, &phones);
    struct problems p = {0};
    if (rc == 0) {
        rc = cli_open_acting(app, &p);
    }
    if (rc == 0) {
        int64_t id = 0;
        enum taio_status status = customer_add(app->db, &app->actor, &in, &p,
                                               &id);
        rc = status ? cli_fail(app, status, &p) : show_customer(app, id);
    }
    cli_list_clear(&phones);
    problems_clear(&p);
    return rc;
}

/* Resolve the customer reference argv[index]. */
static int resolve_arg(struct app *app, int argc, char **argv, int index,
                       int64_t *id, struct problems *p)
{
    if (index >= argc) {
        return cli_usage(app, "%s",
                         _("which customer? Give #id, a name, a reading or "
                           "a phone number"));
    }
    enum taio_status status =
        customer_resolve(app->db, argv[index], "customer", p, id);
    return status ? cli_fail(app, status, p) : 0;
}

static int run_edit(struct app *app, int argc, char **argv)
{
    struct customer_input in = {0};
    struct cli_list phones = {0};
    int rc = parse_customer_options(app, &argc, argv, 1, &in, &phones);
    struct problems p = {0};
    int64_t id = 0;
    if (rc == 0) {
        rc = cli_open_acting(app, &p);
    }
    if (rc == 0) {
        rc = resolve_arg(app, argc, argv, 1, &id, &p);
    }
    if (rc == 0) {
        enum taio_status status = customer_update(app->db, &app->actor, id,
                                                  &in, &p);
        rc = status ? cli_fail(app, status, &p) : show_customer(app, id);
    }
    cli_list_clear(&phones);
    problems_clear(&p);
    return rc;
}

static int run_show(struct app *app, int argc, char **argv)
{
    struct problems p = {0};
    int64_t id = 0;
    int rc = cli_options(app, &argc, argv, cli_no_opts, 1);
    if (rc == 0) {
        rc = cli_open(app);
    }
    if (rc == 0) {
        rc = resolve_arg(app, argc, argv, 1, &id, &p);
    }
    if (rc == 0) {
        rc = show_customer(app, id);
    }
    problems_clear(&p);
    return rc;
}

static int run_find(struct app *app, int argc, char **argv)
{
    int rc = cli_options(app, &argc, argv, cli_no_opts, 1);
    if (rc == 0) {
        rc = cli_open(app);
    }
    if (rc) {
        return rc;
    }
    const char *query = argc > 1 ? argv[1] : "";
    struct customer_match *list = NULL;
    size_t n = 0;
    enum taio_status status = customer_search(app->db, query, 50, &list, &n);
    if (status != TAIO_OK) {
        struct problems p = {0};
        problems_add(&p, "query", "%s", _("is not valid UTF-8 text"));
        rc = cli_fail(app, status, &p);
        problems_clear(&p);
        return rc;
    }
    if (app->json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            json_array_append_new(arr, record_json_customer_match(&list[i]));
        }
        cli_print_json(arr);
        json_decref(arr);
    } else {
        for (size_t i = 0; i < n; i++) {
            printf("#%-5lld %s%s", (long long)list[i].id,
                   list[i].n_flags ? "!! " : "", list[i].name);
            if (*list[i].reading) {
                printf("（%s）", list[i].reading);
            }
            if (list[i].parent_name) {
                printf(" < %s", list[i].parent_name);
            }
            printf("  %s\n", list[i].phone ? list[i].phone : "");
        }
        if (n == 0) {
            printf("%s\n", _("no customer matches"));
        }
    }
    customer_match_free(list, n);
    return 0;
}

/* "customer flag" and "customer unflag". */
static int run_flag_change(struct app *app, int argc, char **argv,
                           bool setting)
{
    const char *kind = NULL;
    const char *reason = NULL;
    const struct cli_opt opts[] = {
        {"kind", &kind, NULL, NULL},
        {"reason", &reason, NULL, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts, 1);
    if (rc) {
        return rc;
    }
    struct problems p = {0};
    int64_t id = 0;
    rc = cli_open_acting(app, &p);
    if (rc == 0) {
        rc = resolve_arg(app, argc, argv, 1, &id, &p);
    }
    if (rc == 0) {
        enum taio_status status =
            setting ? customer_flag_set(app->db, &app->actor, id,
                                        kind ? kind : "", reason, &p)
                    : customer_flag_clear(app->db, &app->actor, id,
                                          kind ? kind : "", reason, &p);
        rc = status ? cli_fail(app, status, &p) : show_customer(app, id);
    }
    problems_clear(&p);
    return rc;
}

static int run_flag(struct app *app, int argc, char **argv)
{
    return run_flag_change(app, argc, argv, true);
}

static int run_unflag(struct app *app, int argc, char **argv)
{
    return run_flag_change(app, argc, argv, false);
}

static int run_busy(struct app *app, int argc, char **argv)
{
    const char *from_text = NULL;
    const char *to_text = NULL;
    const char *note = NULL;
    const char *repeat = NULL;
    const struct cli_opt opts[] = {
        {"from", &from_text, NULL, NULL},
        {"to", &to_text, NULL, NULL},
        {"repeat", &repeat, NULL, NULL},
        {"note", &note, NULL, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts, 1);
    if (rc) {
        return rc;
    }
    if (from_text == NULL || to_text == NULL) {
        return cli_usage(app, "%s", _("give --from TIME and --to TIME"));
    }
    struct problems p = {0};
    int64_t id = 0;
    rc = cli_open_acting(app, &p);
    if (rc == 0) {
        rc = resolve_arg(app, argc, argv, 1, &id, &p);
    }
    if (rc == 0) {
        int64_t from_at = 0;
        int64_t to_at = 0;
        cli_time(app, "from", from_text, &from_at, &p);
        cli_time(app, "to", to_text, &to_at, &p);
        enum taio_status status = TAIO_EINVAL;
        if (!problems_any(&p)) {
            status = user_can(&app->actor, USER_ACT_RECORD)
                         ? windows_add_busy(app->db, app->actor.user_id,
                                            app->now, false, id, from_at,
                                            to_at, repeat, note, &p)
                         : TAIO_EPERM;
        }
        rc = status ? cli_fail(app, status, &p) : show_customer(app, id);
    }
    problems_clear(&p);
    return rc;
}

static int run_history(struct app *app, int argc, char **argv)
{
    struct problems p = {0};
    int64_t id = 0;
    int rc = cli_options(app, &argc, argv, cli_no_opts, 1);
    if (rc == 0) {
        rc = cli_open(app);
    }
    if (rc == 0) {
        rc = resolve_arg(app, argc, argv, 1, &id, &p);
    }
    problems_clear(&p);
    if (rc) {
        return rc;
    }
    struct history_entry *list = NULL;
    size_t n = 0;
    enum taio_status status = history_list(app->db, "customer", id, &list,
                                           &n);
    if (status != TAIO_OK) {
        return cli_fail(app, status, NULL);
    }
    if (app->json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            json_array_append_new(
                arr, record_json_history(app->settings.zone, &list[i]));
        }
        cli_print_json(arr);
        json_decref(arr);
    } else {
        for (size_t i = 0; i < n; i++) {
            char when[TIMEUTIL_ISO_MAX];
            cli_fmt_time(app, list[i].at, when);
            printf("%s %-10s %s %s: %s -> %s\n", when,
                   list[i].actor_login ? list[i].actor_login : "-",
                   list[i].action, list[i].field ? list[i].field : "",
                   list[i].old_value ? list[i].old_value : "-",
                   list[i].new_value ? list[i].new_value : "-");
        }
    }
    history_list_free(list, n);
    return 0;
}

const struct cli_cmd cli_customer_cmds[] = {
    {"customer", "add", run_add, N_("add a customer (organisation or person)"),
     N_("Options:\n"
        "  --name NAME          (required)\n"
        "  --reading KANA       kana reading; sorting and search use it\n"
        "  --kind KIND          organization (default) or person\n"
        "  --parent CUSTOMER    the organisation above, e.g. a board of "
        "education\n"
        "  --phone NUMBER       repeatable; \"fax:03-1234-5679\" labels a "
        "number\n"
        "  --email ADDRESS, --address TEXT\n"
        "  --channels LIST      preferred first: phone,email,fax,visit,chat,"
        "letter,web\n"
        "  --hours GRID         reachable hours, e.g. \"mon-fri "
        "09:00-17:00; sat 09:00-12:00\"\n"
        "  --closed DAYS        closed dates, e.g. \"12-29..01-03; "
        "2026-08-13..2026-08-16\"\n"
        "                       (weekly days off: leave them out of "
        "--hours)\n"
        "  --notes TEXT         handling notes staff see at every call\n"
        "  --mail-lang ja|en    the language of mail to them (default: "
        "org.customer_lang)")},
    {"customer", "edit", run_edit, N_("change a customer"),
     N_("taio customer edit CUSTOMER [options of \"customer add\"]\n"
        "--phone replaces all numbers; an empty value clears an optional "
        "field.\n"
        "CUSTOMER is #id, a name, a kana reading or a phone number.")},
    {"customer", "show", run_show,
     N_("show a customer with flags, contact people and cases"),
     N_("taio customer show CUSTOMER\n"
        "CUSTOMER is #id, a name, a kana reading (hiragana, katakana or\n"
        "half-width) or a phone number (with or without hyphens).")},
    {"customer", "find", run_find,
     N_("find customers by name, kana reading or phone"),
     N_("taio customer find QUERY\n"
        "Matches names and readings of customers and their contact people,"
        "\n"
        "and phone numbers; without QUERY lists every customer.")},
    {"customer", "flag", run_flag,
     N_("warn staff about a customer (unpaid, abusive, caution)"),
     N_("taio customer flag CUSTOMER --kind unpaid|abusive|caution --reason "
        "TEXT\n"
        "Flags are shown first whenever the customer is looked up.")},
    {"customer", "unflag", run_unflag, N_("clear a customer's flag"),
     N_("taio customer unflag CUSTOMER --kind KIND [--reason TEXT]\n"
        "Needs a handling role (not a clerk).")},
    {"customer", "busy", run_busy,
     N_("record a period when the customer must not be contacted"),
     N_("taio customer busy CUSTOMER --from TIME --to TIME [--repeat RULE]\n"
        "                  [--note TEXT]\n"
        "e.g. a stocktaking week. --repeat repeats the period by an RFC 5545\n"
        "rule: the last three days of every month, first from Nov 28:\n"
        "  --from 2026-11-28 --to 2026-12-01 --repeat "
        "\"FREQ=MONTHLY;BYMONTHDAY=-3\"\n"
        "Silence is not counted in busy periods.")},
    {"customer", "history", run_history, N_("show who changed a customer"),
     N_("taio customer history CUSTOMER")},
    {NULL, NULL, NULL, NULL, NULL},
};
