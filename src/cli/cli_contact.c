/* SPDX-License-Identifier: MIT */
/*
 * cli_contact.c - "taio contact-person ...": people at a customer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel.h"
#include "cli/cli.h"
#include "cli/cli_out.h"
#include "contact.h"
#include "core/i18n.h"
#include "customer.h"
#include "record_json.h"

/* Options of "contact-person add/edit"; every --phone is appended to
 * phones (cleared by the caller). Returns 0 or the usage exit code. */
static int parse_options(struct app *app, int *argc, char **argv,
                         int max_args, struct contact_input *in,
                         const char **customer,
                         struct cli_list *phones)
{
    const struct cli_opt opts[] = {
        {"customer", customer, NULL, NULL},
        {"name", &in->name, NULL, NULL},
        {"reading", &in->reading, NULL, NULL},
        {"title", &in->title, NULL, NULL},
        {"email", &in->email, NULL, NULL},
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

/* A contact person's card. */
static void print_contact(const struct contact *k)
{
    printf("#%lld %s", (long long)k->id, k->name);
    if (*k->reading) {
        printf("（%s）", k->reading);
    }
    printf(" @ %s\n", k->customer_name);
    if (*k->title) {
        printf("  %s: %s\n", _("title"), k->title);
    }
    for (size_t i = 0; i < k->n_phones; i++) {
        printf("  %s: %s\n", k->phones[i].label, k->phones[i].number);
    }
    if (k->email) {
        printf("  %s: %s\n", _("e-mail"), k->email);
    }
    if (*k->channels) {
        char *labels = channel_list_labels(k->channels);
        printf("  %s: %s\n", _("contact by"), labels);
        free(labels);
    }
    if (k->hours) {
        printf("  %s: %s\n", _("reachable"), k->hours);
    }
    if (k->closed_days) {
        printf("  %s: %s\n", _("closed days"), k->closed_days);
    }
    if (*k->notes) {
        printf("  %s: %s\n", _("notes"), k->notes);
    }
    if (k->lang) {
        printf("  %s: %s\n", _("mail language"), k->lang);
    }
}

/* Print (or emit as JSON) contact person id. */
static int show_contact(struct app *app, int64_t id)
{
    struct contact k;
    enum taio_status status = contact_get(app->db, id, &k);
    if (status != TAIO_OK) {
        struct problems problems = {0};
        if (status == TAIO_ENOTFOUND) {
            problems_add(&problems, "contact",
                         _("no contact person has the number #%lld"),
                         (long long)id);
        }
        int rc = cli_fail(app, status, &problems);
        problems_clear(&problems);
        return rc;
    }
    if (app->json) {
        json_t *o = record_json_contact(&k);
        cli_print_json(o);
        json_decref(o);
    } else {
        print_contact(&k);
    }
    contact_clear(&k);
    return 0;
}

static int run_add(struct app *app, int argc, char **argv)
{
    struct contact_input in = {0};
    const char *customer = NULL;
    struct cli_list phones = {0};
    int rc = parse_options(app, &argc, argv, 0, &in, &customer, &phones);
    struct problems p = {0};
    if (rc == 0 && customer == NULL) {
        rc = cli_usage(app, "%s", _("give --customer CUSTOMER"));
    }
    if (rc == 0) {
        rc = cli_open_acting(app, &p);
    }
    int64_t customer_id = 0;
    if (rc == 0) {
        enum taio_status status =
            customer_resolve(app->db, customer, "customer", &p, &customer_id);
        if (status == TAIO_ENOTFOUND) {
            status = TAIO_EINVAL; /* a bad --customer option */
        }
        if (status != TAIO_OK) {
            rc = cli_fail(app, status, &p);
        }
    }
    if (rc == 0) {
        int64_t id = 0;
        enum taio_status status =
            contact_add(app->db, &app->actor, customer_id, &in, &p, &id);
        rc = status ? cli_fail(app, status, &p) : show_contact(app, id);
    }
    cli_list_clear(&phones);
    problems_clear(&p);
    return rc;
}

/* Parse "#12" or "12" as a contact id. */
static bool contact_id_arg(const char *text, int64_t *id)
{
    if (text == NULL) {
        return false;
    }
    if (*text == '#') {
        text++;
    }
    char *end = NULL;
    long long value = strtoll(text, &end, 10);
    if (end == text || *end != '\0' || value <= 0) {
        return false;
    }
    *id = value;
    return true;
}

static int run_edit(struct app *app, int argc, char **argv)
{
    struct contact_input in = {0};
    const char *customer = NULL;
    struct cli_list phones = {0};
    int rc = parse_options(app, &argc, argv, 1, &in, &customer, &phones);
    int64_t id = 0;
    if (rc == 0 && !contact_id_arg(argc > 1 ? argv[1] : NULL, &id)) {
        rc = cli_usage(app, "%s", _("which contact person? Give #id"));
    }
    struct problems p = {0};
    if (rc == 0) {
        rc = cli_open_acting(app, &p);
    }
    if (rc == 0) {
        enum taio_status status =
            contact_update(app->db, &app->actor, id, &in, &p);
        rc = status ? cli_fail(app, status, &p) : show_contact(app, id);
    }
    cli_list_clear(&phones);
    problems_clear(&p);
    return rc;
}

static int run_show(struct app *app, int argc, char **argv)
{
    int rc = cli_options(app, &argc, argv, cli_no_opts, 1);
    if (rc) {
        return rc;
    }
    int64_t id = 0;
    if (!contact_id_arg(argc > 1 ? argv[1] : NULL, &id)) {
        return cli_usage(app, "%s", _("which contact person? Give #id"));
    }
    rc = cli_open(app);
    return rc ? rc : show_contact(app, id);
}

static int run_list(struct app *app, int argc, char **argv)
{
    int rc = cli_options(app, &argc, argv, cli_no_opts, 1);
    if (rc) {
        return rc;
    }
    if (argc < 2) {
        return cli_usage(app, "%s", _("which customer? Give #id, a name, a "
                                      "reading or a phone number"));
    }
    rc = cli_open(app);
    if (rc) {
        return rc;
    }
    struct problems p = {0};
    int64_t customer_id = 0;
    enum taio_status status =
        customer_resolve(app->db, argv[1], "customer", &p, &customer_id);
    struct contact *list = NULL;
    size_t n = 0;
    if (status == TAIO_OK) {
        status = contact_list(app->db, customer_id, &list, &n);
    }
    if (status != TAIO_OK) {
        rc = cli_fail(app, status, &p);
        problems_clear(&p);
        return rc;
    }
    if (app->json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            json_array_append_new(arr, record_json_contact(&list[i]));
        }
        cli_print_json(arr);
        json_decref(arr);
    } else {
        for (size_t i = 0; i < n; i++) {
            print_contact(&list[i]);
        }
    }
    contact_list_free(list, n);
    problems_clear(&p);
    return 0;
}

const struct cli_cmd cli_contact_cmds[] = {
    {"contact-person", "add", run_add,
     N_("add a contact person at a customer"),
     N_("Options:\n"
        "  --customer CUSTOMER  #id, name, reading or phone (required)\n"
        "  --name NAME          (required)\n"
        "  --reading KANA, --title TEXT (role or department)\n"
        "  --phone NUMBER       repeatable\n"
        "  --email ADDRESS\n"
        "  --channels LIST      preferred first, e.g. \"phone,fax\" (this "
        "person\n"
        "                       may never read e-mail)\n"
        "  --hours GRID, --closed DAYS   their own windows; empty: the "
        "customer's\n"
        "  --notes TEXT\n"
        "  --mail-lang ja|en    the language of mail to them; empty: the "
        "customer's")},
    {"contact-person", "edit", run_edit, N_("change a contact person"),
     N_("taio contact-person edit #ID [options of \"contact-person add\"]")},
    {"contact-person", "show", run_show, N_("show a contact person"),
     N_("taio contact-person show #ID")},
    {"contact-person", "list", run_list,
     N_("list the contact people of a customer"),
     N_("taio contact-person list CUSTOMER")},
    {NULL, NULL, NULL, NULL, NULL},
};
