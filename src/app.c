/* SPDX-License-Identifier: MIT */
/*
 * app.c - building the run's context: the store (opened and migrated),
 * the organisation's settings, the clock and the acting user.
 *
 * The CLI acts as a named user (--as LOGIN or TAIO_USER) so every record
 * says who did it. Before the first user exists, the system itself acts,
 * which is how the first admin gets created.
 */
#include "app.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/i18n.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "db/migrate.h"

/* Start an empty app; the database path defaults to TAIO_DB or
 * ./taio.db and the acting user to TAIO_USER. */
void app_init(struct app *app)
{
    memset(app, 0, sizeof(*app));
    const char *db = getenv("TAIO_DB");
    app->db_path = xstrdup(db && *db ? db : "taio.db");
    const char *as = getenv("TAIO_USER");
    app->as_login = as && *as ? xstrdup(as) : NULL;
}

/* Release everything app owns. */
void app_clear(struct app *app)
{
    db_close(app->db);
    settings_clear(&app->settings);
    user_clear(&app->user);
    free(app->db_path);
    free(app->as_login);
    memset(app, 0, sizeof(*app));
}

/* Open the store, apply pending migrations and load the settings. Unless
 * create is set, a database file that does not exist is an error
 * (TAIO_ENOTFOUND) rather than silently created empty: a typo in --db
 * must not start a second desk. Problems say what was wrong with TAIO_NOW
 * or --db. */
enum taio_status app_open(struct app *app, bool create,
                          struct problems *problems)
{
    enum taio_status status = timeutil_now(&app->now);
    if (status != TAIO_OK) {
        problems_add(problems, "TAIO_NOW", "%s",
                     _("is not an ISO 8601 time such as "
                       "2026-11-24T15:10:00+09:00"));
        return TAIO_EINVAL;
    }
    struct stat st;
    bool is_file_path = strchr(app->db_path, ':') == NULL;
    if (!create && is_file_path && stat(app->db_path, &st) != 0) {
        problems_add(problems, "db",
                     _("there is no database at %s; create one with "
                       "\"taio init\" or \"taio demo\", or pass --db PATH"),
                     app->db_path);
        return TAIO_ENOTFOUND;
    }
    status = db_open(app->db_path, &app->db);
    if (status == TAIO_EINVAL) {
        problems_add(problems, "db",
                     _("\"%s\" names a store this taio cannot open"),
                     app->db_path);
    }
    if (status == TAIO_OK) {
        status = migrate_apply(app->db, NULL);
        if (status == TAIO_ECONFLICT) {
            problems_add(problems, "db", "%s",
                         _("was written by a newer taio; upgrade taio"));
        }
    }
    if (status == TAIO_OK) {
        status = settings_load(app->db, &app->settings);
    }
    app->actor.now = app->now;
    return status;
}

/* Resolve who is acting. With no users yet, the system acts. Otherwise
 * --as/TAIO_USER must name an active user; problems say what is missing. */
enum taio_status app_act(struct app *app, struct problems *problems)
{
    int64_t n_users = 0;
    enum taio_status status = user_count(app->db, &n_users);
    if (status != TAIO_OK) {
        return status;
    }
    app->actor.now = app->now;
    if (n_users == 0) {
        app->actor.user_id = 0;
        app->actor.role = USER_ADMIN;
        return TAIO_OK;
    }
    if (app->as_login == NULL) {
        problems_add(problems, "as", "%s",
                     _("who is acting? Pass --as LOGIN or set TAIO_USER"));
        return TAIO_EINVAL;
    }
    user_clear(&app->user);
    status = user_get_by_login(app->db, app->as_login, &app->user);
    if (status == TAIO_ENOTFOUND) {
        problems_add(problems, "as", _("no user has the login \"%s\""),
                     app->as_login);
        return TAIO_EINVAL;
    }
    if (status != TAIO_OK) {
        return status;
    }
    if (!app->user.active) {
        problems_add(problems, "as", "%s", _("this user is no longer active"));
        return TAIO_EPERM;
    }
    app->actor.user_id = app->user.id;
    app->actor.role = app->user.role;
    return TAIO_OK;
}
