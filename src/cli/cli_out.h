/* SPDX-License-Identifier: MIT */
#ifndef TAIO_CLI_CLI_OUT_H
#define TAIO_CLI_CLI_OUT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app.h"
#include "core/problems.h"
#include "core/status.h"
#include "core/timeutil.h"

/* Shared plumbing of the commands: opening the store, reading options,
 * and printing results and errors in text or JSON. */

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
bool cli_user(struct app *app, const char *field, const char *login,
              int64_t *id, struct problems *problems);
bool cli_int(const char *field, const char *text, int64_t min, int64_t max,
             int64_t *out, struct problems *problems);

/* Printing */
void cli_print_json(json_t *value);
void cli_pad(const char *text, size_t columns);
void cli_fmt_time(struct app *app, int64_t at, char out[TIMEUTIL_ISO_MAX]);
void cli_fmt_relative(int64_t at, int64_t now, char *out, size_t size);
int cli_ok(struct app *app, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
