/* SPDX-License-Identifier: MIT */
/*
 * cli_search.c - "taio search QUERY": past cases, timeline entries and
 * customers by their words (search.c), best first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cli_out.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "customer.h"
#include "record_json.h"
#include "search.h"

/* The snippet with its marks set off: bold on a terminal, else
 * brackets. */
static void print_snippet(const struct search_hit *hit, bool terminal)
{
    const char *open = terminal ? "\033[1m" : "[";
    const char *close = terminal ? "\033[0m" : "]";
    size_t at = 0;
    for (size_t i = 0; i < hit->n_marks; i++) {
        const struct search_mark *m = &hit->marks[i];
        printf("%.*s%s%.*s%s", (int)(m->from - at), hit->snippet + at, open,
               (int)(m->to - m->from), hit->snippet + m->from, close);
        at = m->to;
    }
    printf("%s\n", hit->snippet + at);
}

/* What kind of hit, for people. */
static const char *type_label(enum search_type type)
{
    static const char *const LABELS[] = {N_("case"), N_("timeline"),
                                         N_("customer"), N_("lesson")};
    return _(LABELS[type]);
}

static void print_hit(struct app *app, const struct search_hit *hit,
                      bool terminal)
{
    char at[TIMEUTIL_ISO_MAX] = "";
    if (hit->at) {
        cli_fmt_time(app, hit->at, at);
    }
    cli_pad(hit->case_number ? hit->case_number : "", 10);
    cli_pad(type_label(hit->type), 10);
    cli_pad(at, 17);
    printf(" %s", hit->customer_name);
    if (hit->type != SEARCH_CUSTOMER) {
        printf(" / %s", hit->title);
    }
    printf("\n  ");
    print_snippet(hit, terminal);
}

/* The filters of the options into q; false after adding problems. */
static bool read_filters(struct app *app, const char *customer,
                         const char *from, const char *to,
                         const char *limit, struct search_query *q,
                         struct problems *p)
{
    if (customer) {
        customer_resolve(app->db, customer, "customer", p, &q->customer_id);
    }
    if (from) {
        cli_time(app, "from", from, &q->from_at, p);
    }
    if (to) {
        cli_time(app, "to", to, &q->to_at, p);
    }
    int64_t n = 0;
    if (limit && cli_int("limit", limit, 1, 200, &n, p)) {
        q->limit = (size_t)n;
    }
    return !problems_any(p);
}

static int run_search(struct app *app, int argc, char **argv)
{
    struct search_query q = {0};
    const char *customer = NULL;
    const char *from = NULL;
    const char *to = NULL;
    const char *limit = NULL;
    const struct cli_opt opts[] = {
        {"kind", &q.kind, NULL, NULL},
        {"cause", &q.cause, NULL, NULL},
        {"customer", &customer, NULL, NULL},
        {"from", &from, NULL, NULL},
        {"to", &to, NULL, NULL},
        {"limit", &limit, NULL, NULL},
        {NULL, NULL, NULL, NULL},
    };
    int rc = cli_options(app, &argc, argv, opts, 16);
    if (rc) {
        return rc;
    }
    if (argc < 2) {
        return cli_usage(app, "%s", _("what to look for? Give some words"));
    }
    rc = cli_open(app);
    if (rc) {
        return rc;
    }
    /* The words may come as one argument or several. */
    struct buf text = {0};
    for (int i = 1; i < argc; i++) {
        buf_printf(&text, "%s%s", i > 1 ? " " : "", argv[i]);
    }
    q.text = buf_str(&text);
    struct problems p = {0};
    struct search_hit *hits = NULL;
    size_t n = 0;
    enum taio_status status = TAIO_EINVAL;
    if (read_filters(app, customer, from, to, limit, &q, &p)) {
        status = search_run(app->db, &q, &p, &hits, &n);
    }
    if (status != TAIO_OK) {
        rc = cli_fail(app, status, &p);
    } else if (app->json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            json_array_append_new(
                arr, record_json_search_hit(app->settings.zone, &hits[i]));
        }
        cli_print_json(arr);
        json_decref(arr);
    } else {
        bool terminal = isatty(STDOUT_FILENO);
        for (size_t i = 0; i < n; i++) {
            print_hit(app, &hits[i], terminal);
        }
        if (n == 0) {
            printf("%s\n", _("Nothing found."));
        }
    }
    search_hits_free(hits, n);
    problems_clear(&p);
    buf_clear(&text);
    return rc;
}

const struct cli_cmd cli_search_cmds[] = {
    {"search", NULL, run_search,
     N_("find past cases, timeline entries and customers by their words"),
     N_("taio search WORDS... [--kind KIND] [--cause CATEGORY]\n"
        "      [--customer CUSTOMER] [--from TIME] [--to TIME] [--limit N]\n"
        "Every word must occur. Japanese words of any length are found,\n"
        "one character too (鍵), in any kana or width. The best of the\n"
        "recent matches come first. Lessons are approved reports.\n"
        "--json prints an array of hits with type (case, event,\n"
        "customer, report), case (its number), snippet and marks\n"
        "([from, to) in characters of the snippet).")},
    {NULL, NULL, NULL, NULL, NULL},
};
