/* SPDX-License-Identifier: MIT */
#ifndef TAIO_CLI_CLI_OUT_H
#define TAIO_CLI_CLI_OUT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "core/problems.h"
#include "core/status.h"
#include "core/timeutil.h"

/* Shared plumbing of the commands: opening the store, reading options,
 * and printing results and errors in text or JSON. */

/* A growing list of the values of a repeatable option (e.g. --phone). */
struct cli_list {
    const char **items; /* owned array of borrowed argv strings */
    size_t n;
    size_t cap;
};

/* One long option of a command. Exactly one of value, flag and list is
 * set: where the argument goes, or what a flag sets, or the list a
 * repeatable option appends to. */
struct cli_opt {
    const char *name;
    const char **value;
    bool *flag;
    struct cli_list *list;
};

/* Options */
int cli_options(struct app *app, int *argc, char **argv,
                const struct cli_opt *opts, int max_args);
/* The option list of a command that takes none. */
extern const struct cli_opt cli_no_opts[];
void cli_list_clear(struct cli_list *list);

/* Opening */
int cli_open(struct app *app);
int cli_open_acting(struct app *app, struct problems *problems);

/* Errors; each returns the exit code to return from the command */
int cli_fail(struct app *app, enum taio_status status,
             const struct problems *problems);
int cli_usage(struct app *app, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Option values */
bool cli_time(struct app *app, const char *field, const char *text,
              int64_t *out, struct problems *problems);
bool cli_duration(struct app *app, const char *field, const char *text,
                  int64_t *minutes, struct problems *problems);
enum taio_status cli_case(struct app *app, const char *ref, int64_t *id,
                          struct problems *problems);
int cli_case_arg(struct app *app, int argc, char **argv, int index,
                 bool acting, int64_t *id, struct problems *p);
bool cli_user(struct app *app, const char *field, const char *login,
              int64_t *id, struct problems *problems);
bool cli_int(const char *field, const char *text, int64_t min, int64_t max,
             int64_t *out, struct problems *problems);

/* Printing */
void cli_print_json(json_t *value);
void cli_pad(const char *text, size_t columns);
void cli_fmt_time(struct app *app, int64_t at, char out[TIMEUTIL_ISO_MAX]);
int cli_ok(struct app *app, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
