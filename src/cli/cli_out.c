/* SPDX-License-Identifier: MIT */
/*
 * cli_out.c - what every command shares: opening the store as the acting
 * user, reading times, durations, case numbers and logins from options,
 * and printing results and errors.
 *
 * Errors go to stderr as "taio: FIELD: MESSAGE", one line per problem, or
 * with --json to stdout as {"error", "message", "fields"} so scripts can
 * read them. Exit codes come from core/status.c.
 */
#include "cli/cli_out.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "input.h"
#include "record_json.h"

const struct cli_opt cli_no_opts[] = {{NULL, NULL, NULL, NULL}};

/* The option of opts called name (len bytes, not terminated), or NULL. */
static const struct cli_opt *find_opt(const struct cli_opt *opts,
                                      const char *name, size_t len)
{
    for (const struct cli_opt *o = opts; o->name; o++) {
        if (strlen(o->name) == len && strncmp(o->name, name, len) == 0) {
            return o;
        }
    }
    return NULL;
}

/* Store value for option o (not a flag). */
static void set_opt(const struct cli_opt *o, const char *value)
{
    if (o->list) {
        struct cli_list *l = o->list;
        l->items = xgrow(l->items, &l->cap, l->n + 1, sizeof(char *));
        l->items[l->n++] = value;
    } else {
        *o->value = value;
    }
}

/*
 * Parse the long options of a command (argv[0] is its verb or noun) as
 * described by opts, an array ending with an entry whose name is NULL, and
 * allow at most max_args positional arguments, so a mistyped option or a
 * stray word is refused instead of silently ignored. On success *argc and
 * argv are left holding the positional arguments only, in order, from
 * argv[1]. Options are "--name value" or "--name=value"; only words that
 * start with "--" are options, so a value like "-5m" or "-3℃" is an
 * argument, and "--" ends the options. getopt is not used because it
 * takes any word starting with "-" for an option. Returns 0, or the usage
 * exit code after saying what was wrong.
 */
int cli_options(struct app *app, int *argc, char **argv,
                const struct cli_opt *opts, int max_args)
{
    int n = 1; /* argv[1..n-1] hold the positional arguments seen so far */
    bool options_ended = false;
    for (int i = 1; i < *argc; i++) {
        char *word = argv[i];
        if (options_ended || strncmp(word, "--", 2) != 0) {
            argv[n++] = word;
            continue;
        }
        if (word[2] == '\0') {
            options_ended = true;
            continue;
        }
        const char *name = word + 2;
        const char *eq = strchr(name, '=');
        int len = (int)(eq ? (size_t)(eq - name) : strlen(name));
        const struct cli_opt *o = find_opt(opts, name, (size_t)len);
        if (o == NULL) {
            return cli_usage(app, _("unknown option --%.*s"), len, name);
        }
        if (o->flag) {
            if (eq) {
                return cli_usage(app, _("option --%s takes no value"),
                                 o->name);
            }
            *o->flag = true;
        } else if (eq) {
            set_opt(o, eq + 1);
        } else if (i + 1 < *argc) {
            set_opt(o, argv[++i]);
        } else {
            return cli_usage(app, _("option --%s needs a value"), o->name);
        }
    }
    *argc = n;
    if (n - 1 > max_args) {
        return cli_usage(app, _("unexpected argument \"%s\""),
                         argv[1 + max_args]);
    }
    return 0;
}

/* Free a repeatable option's list. */
void cli_list_clear(struct cli_list *list)
{
    free(list->items);
    memset(list, 0, sizeof(*list));
}

/* Open the store named by --db/TAIO_DB. Returns 0, or the exit code after
 * printing why it failed (a missing file gets a hint to run taio init). */
int cli_open(struct app *app)
{
    struct problems p = {0};
    enum taio_status status = app_open(app, false, &p);
    int rc = status == TAIO_OK ? 0 : cli_fail(app, status, &p);
    problems_clear(&p);
    return rc;
}

/* Open the store and resolve the acting user (--as/TAIO_USER). Returns 0,
 * or the exit code after printing the problem. */
int cli_open_acting(struct app *app, struct problems *problems)
{
    int rc = cli_open(app);
    if (rc != 0) {
        return rc;
    }
    enum taio_status status = app_act(app, problems);
    if (status != TAIO_OK) {
        return cli_fail(app, status, problems);
    }
    return 0;
}

/* A sentence for a failure that came without problems. */
static const char *generic_message(struct app *app, enum taio_status status)
{
    if (status == TAIO_EPERM && app->actor.user_id) {
        return _("your role may not do this; nothing was changed");
    }
    return status_message(status);
}

/* Report a failure: every problem, or a generic sentence for status when
 * there are none. Returns the exit code for status (never 0). */
int cli_fail(struct app *app, enum taio_status status,
             const struct problems *problems)
{
    if (status == TAIO_OK) {
        status = TAIO_EINVAL;
    }
    const char *message = generic_message(app, status);
    if (app->json) {
        json_t *err = record_json_problems(status_id(status), message,
                                           problems);
        cli_print_json(err);
        json_decref(err);
    } else if (problems_any(problems)) {
        for (size_t i = 0; i < problems->n; i++) {
            fprintf(stderr, "taio: %s: %s\n", problems->items[i].field,
                    problems->items[i].message);
        }
    } else {
        if (status == TAIO_EPERM && app->actor.user_id) {
            fprintf(stderr, "taio: %s (%s: %s)\n", message,
                    _("role"), user_role_label(app->actor.role));
        } else {
            fprintf(stderr, "taio: %s\n", message);
        }
    }
    return status_exit_code(status);
}

/* Report a usage error (unknown option, missing argument) and return 2. */
int cli_usage(struct app *app, const char *fmt, ...)
{
    struct buf msg = {0};
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    if (app->json) {
        json_t *err = record_json_problems("usage", buf_str(&msg), NULL);
        cli_print_json(err);
        json_decref(err);
    } else {
        fprintf(stderr, "taio: %s\n", buf_str(&msg));
    }
    buf_clear(&msg);
    return 2;
}

/* Read a moment for field (see input_time()). */
bool cli_time(struct app *app, const char *field, const char *text,
              int64_t *out, struct problems *problems)
{
    return input_time(&app->settings, app->now, field, text, out, problems);
}

/* Read a duration in minutes for field (see input_duration()). */
bool cli_duration(struct app *app, const char *field, const char *text,
                  int64_t *minutes, struct problems *problems)
{
    return input_duration(&app->settings, field, text, minutes, problems);
}

/* Find a case by number for a command argument (see input_case()). */
enum taio_status cli_case(struct app *app, const char *ref, int64_t *id,
                          struct problems *problems)
{
    return input_case(app->db, ref, id, problems);
}

/* Find a user by login for field. */
bool cli_user(struct app *app, const char *field, const char *login,
              int64_t *id, struct problems *problems)
{
    return input_user(app->db, field, login, id, problems);
}

/* Read an integer in [min, max] for field. */
bool cli_int(const char *field, const char *text, int64_t min, int64_t max,
             int64_t *out, struct problems *problems)
{
    char *end = NULL;
    long long value = strtoll(text, &end, 10);
    if (end == text || *end != '\0' || value < min || value > max) {
        problems_add(problems, field,
                     _("must be a whole number from %lld to %lld"),
                     (long long)min, (long long)max);
        return false;
    }
    *out = value;
    return true;
}

/* Print value as indented JSON on stdout, ending with a newline. */
void cli_print_json(json_t *value)
{
    json_dumpf(value, stdout, JSON_INDENT(2));
    fputc('\n', stdout);
}

/* Print text followed by spaces up to columns terminal columns, counting
 * wide (Japanese) characters as two, so tables line up. Text longer than
 * columns is printed whole followed by one space. */
void cli_pad(const char *text, size_t columns)
{
    size_t width = text_width(text);
    fputs(text, stdout);
    for (size_t i = width; i < columns; i++) {
        putchar(' ');
    }
    if (width >= columns) {
        putchar(' ');
    }
}

/* Write at as "2026-11-24 15:10" in the organisation's zone ("-" for 0). */
void cli_fmt_time(struct app *app, int64_t at, char out[TIMEUTIL_ISO_MAX])
{
    if (at == 0) {
        snprintf(out, TIMEUTIL_ISO_MAX, "-");
        return;
    }
    timeutil_format_local(app->settings.zone, at, out);
}

/* Print a confirmation line in text mode (nothing with --json, where the
 * command prints the record). Returns 0 for "return cli_ok(...)". */
int cli_ok(struct app *app, const char *fmt, ...)
{
    if (app->json) {
        return 0;
    }
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    fputc('\n', stdout);
    return 0;
}

/* Open the store as the acting user and find the case named by
 * argv[index]. Returns 0 or the exit code. */
int cli_case_arg(struct app *app, int argc, char **argv, int index,
                 bool acting, int64_t *id, struct problems *p)
{
    if (index >= argc) {
        return cli_usage(app, "%s",
                         _("which case? Give its number, e.g. 2026-0042"));
    }
    int rc = acting ? cli_open_acting(app, p) : cli_open(app);
    if (rc) {
        return rc;
    }
    enum taio_status status = cli_case(app, argv[index], id, p);
    return status ? cli_fail(app, status, p) : 0;
}
