/* SPDX-License-Identifier: MIT */
#ifndef TAIO_APP_H
#define TAIO_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "core/problems.h"
#include "core/status.h"
#include "db/db.h"
#include "settings.h"
#include "user.h"

/*
 * Everything one run of taio works with, built once in main() and passed
 * down: where the store is, who is acting, when, and how to answer.
 */
struct app {
    char *db_path;          /* owned; --db, TAIO_DB or ./taio.db */
    char *as_login;         /* owned; --as or TAIO_USER; may be NULL */
    bool json;              /* --json: machine-readable output */
    struct db *db;          /* owned; NULL until app_open() */
    struct settings settings; /* valid after app_open() */
    struct user user;       /* the acting user; id 0 when none */
    struct actor actor;     /* who and when, for domain writes */
    int64_t now;            /* the clock as read at start (TAIO_NOW) */
};

void app_init(struct app *app);
void app_clear(struct app *app);
enum taio_status app_open(struct app *app, bool create,
                          struct problems *problems);
enum taio_status app_act(struct app *app, struct problems *problems);

#endif
