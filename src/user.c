/* SPDX-License-Identifier: MIT */
/*
 * user.c - staff: logins, roles, the manager chain and presence.
 *
 * Owns the users table and the permission matrix (user_can), which every
 * interface consults before a write. Passwords and sessions belong to the
 * server (auth.c); this module never sees a secret.
 */
#include "user.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "calendar.h"
#include "history.h"

#define USER_COLUMNS                                                        \
    "u.id, u.login, u.display_name, u.reading, u.role, u.manager_id,"       \
    " m.login, u.email, u.phone, u.presence, u.presence_reason,"            \
    " u.presence_until, u.presence_at, u.active, u.version, u.created_at,"  \
    " u.stand_in_id, si.login, u.quiet_hours"

/* The tables USER_COLUMNS reads. */
#define USER_FROM                                                           \
    "  FROM users u LEFT JOIN users m ON m.id = u.manager_id"              \
    "  LEFT JOIN users si ON si.id = u.stand_in_id"

static const char SQL_BY_ID[] =
    "SELECT " USER_COLUMNS USER_FROM
    " WHERE u.id = $1";

static const char SQL_BY_LOGIN[] =
    "SELECT " USER_COLUMNS USER_FROM
    " WHERE u.login = $1";

static const char SQL_LIST[] =
    "SELECT " USER_COLUMNS USER_FROM
    " ORDER BY u.reading_key, u.login";

static const char SQL_COUNT[] = "SELECT COUNT(*) FROM users";

static const char SQL_INSERT[] =
    "INSERT INTO users (login, display_name, reading, reading_key, role,"
    "                   manager_id, email, phone, created_at, stand_in_id,"
    "                   quiet_hours)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id";

static const char SQL_UPDATE[] =
    "UPDATE users SET display_name = $2, reading = $3, reading_key = $4,"
    "       role = $5, manager_id = $6, email = $7, phone = $8,"
    "       stand_in_id = $9, quiet_hours = $10, version = version + 1"
    " WHERE id = $1";

/* A member of staff's page language; not in the history: a display
 * preference, not part of the record, changed by its owner only. */
static const char SQL_SET_LANG[] = "UPDATE users SET lang = $2 WHERE id = $1";

static const char SQL_SET_PRESENCE[] =
    "UPDATE users SET presence = $2, presence_reason = $3,"
    "       presence_until = $4, presence_at = $5, version = version + 1"
    " WHERE id = $1";

static const char SQL_MANAGER_OF[] =
    "SELECT manager_id FROM users WHERE id = $1";

const char *const USER_ROLE_NAMES[] = {"admin", "manager", "agent", "clerk",
                                       "viewer", NULL};
const char *const USER_PRESENCE_NAMES[] = {"in", "out", "meeting", "off",
                                           NULL};

/* Which roles may do what (STYLE: least privilege per role). Rows are
 * enum user_action, columns enum user_role. */
static const bool PERMISSIONS[][5] = {
    /*                  admin  manager agent  clerk  viewer */
    [USER_ACT_READ] = {true, true, true, true, true},
    [USER_ACT_RECORD] = {true, true, true, true, false},
    [USER_ACT_HANDLE] = {true, true, true, false, false},
    [USER_ACT_TEAM] = {true, true, false, false, false},
    [USER_ACT_ADMIN] = {true, false, false, false, false},
};

/* Stable name of a role, e.g. "clerk". */
const char *user_role_name(enum user_role role)
{
    return USER_ROLE_NAMES[role];
}

/* Translated name of a role for people. */
const char *user_role_label(enum user_role role)
{
    static const char *const LABELS[] = {N_("admin"), N_("manager"),
                                         N_("agent"), N_("clerk"),
                                         N_("viewer")};
    return _(LABELS[role]);
}

/* Stable name of a presence state, e.g. "meeting". */
const char *user_presence_name(enum user_presence presence)
{
    return USER_PRESENCE_NAMES[presence];
}

/* Translated presence for people. */
const char *user_presence_label(enum user_presence presence)
{
    static const char *const LABELS[] = {N_("in the office"), N_("out"),
                                         N_("in a meeting"), N_("off")};
    return _(LABELS[presence]);
}

/* Parse "in", "out", "meeting" or "off". */
bool user_presence_parse(const char *text, enum user_presence *out)
{
    int i = validate_index(text, USER_PRESENCE_NAMES);
    if (i < 0) {
        return false;
    }
    *out = (enum user_presence)i;
    return true;
}

/* May actor do action? The system actor (user_id 0) may do anything: it
 * only exists before the first user is created and inside taio itself. */
bool user_can(const struct actor *actor, enum user_action action)
{
    if (actor->user_id == 0) {
        return true;
    }
    return PERMISSIONS[action][actor->role];
}

/* Fill a struct user from the current row of a query selecting
 * USER_COLUMNS (a db_read_fn). */
static void read_row(struct db_stmt *st, void *record)
{
    struct user *u = record;
    u->id = db_col_int64(st, 0);
    u->login = db_col_strdup(st, 1);
    u->display_name = db_col_strdup(st, 2);
    u->reading = db_col_strdup(st, 3);
    int role = validate_index(db_col_text(st, 4), USER_ROLE_NAMES);
    u->role = role < 0 ? USER_VIEWER : (enum user_role)role;
    u->manager_id = db_col_int64(st, 5);
    u->manager_login = db_col_strdup(st, 6);
    u->email = db_col_strdup(st, 7);
    u->phone = db_col_strdup(st, 8);
    enum user_presence presence = PRESENCE_IN;
    user_presence_parse(db_col_text(st, 9), &presence);
    u->presence = presence;
    u->presence_reason = db_col_strdup(st, 10);
    u->presence_until = db_col_int64(st, 11);
    u->presence_at = db_col_int64(st, 12);
    u->active = db_col_int64(st, 13) != 0;
    u->version = db_col_int64(st, 14);
    u->created_at = db_col_int64(st, 15);
    u->stand_in_id = db_col_int64(st, 16);
    u->stand_in_login = db_col_strdup(st, 17);
    u->quiet_hours = db_col_strdup(st, 18);
}

/* Run a one-row user query bound to an id or a login. */
static enum taio_status get_one(struct db *db, const char *sql, int64_t id,
                                const char *login, struct user *out)
{
    memset(out, 0, sizeof(*out));
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, sql, &st);
    if (status != TAIO_OK) {
        return status;
    }
    if (login) {
        db_bind_text(st, 1, login);
    } else {
        db_bind_int64(st, 1, id);
    }
    return db_fetch_one(st, read_row, out);
}

/* Number of users, for first-run detection. */
enum taio_status user_count(struct db *db, int64_t *out)
{
    return db_query_int64(db, SQL_COUNT, out);
}

/* Load user id into *out (clear with user_clear()). TAIO_ENOTFOUND when
 * there is none. */
enum taio_status user_get(struct db *db, int64_t id, struct user *out)
{
    return get_one(db, SQL_BY_ID, id, NULL, out);
}

/* Load the user with this login. TAIO_ENOTFOUND when there is none. */
enum taio_status user_get_by_login(struct db *db, const char *login,
                                   struct user *out)
{
    return get_one(db, SQL_BY_LOGIN, 0, login, out);
}

/* Every user, sorted by reading. Free with user_list_free(). */
enum taio_status user_list(struct db *db, struct user **out, size_t *n_out)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_LIST, &st);
    if (status != TAIO_OK) {
        return status;
    }
    void *list = NULL;
    size_t n = 0;
    status = db_fetch_all(st, read_row, sizeof(struct user), &list, &n);
    if (status != TAIO_OK) {
        user_list_free(list, n);
        return status;
    }
    *out = list;
    *n_out = n;
    return TAIO_OK;
}

/* Free what u owns and leave it zeroed. Accepts NULL. */
void user_clear(struct user *u)
{
    if (u == NULL) {
        return;
    }
    free(u->login);
    free(u->display_name);
    free(u->reading);
    free(u->manager_login);
    free(u->stand_in_login);
    free(u->quiet_hours);
    free(u->email);
    free(u->phone);
    free(u->presence_reason);
    memset(u, 0, sizeof(*u));
}

/* Free a list from user_list(). */
void user_list_free(struct user *list, size_t n)
{
    for (size_t i = 0; list && i < n; i++) {
        user_clear(&list[i]);
    }
    free(list);
}

/* Check the fields shared by add and update. */
static void check_common(const struct user_input *in, bool adding,
                         struct problems *p)
{
    validate_text(p, "name", in->display_name, adding, 100);
    validate_text(p, "reading", in->reading, false, 100);
    if (in->role || adding) {
        validate_one_of(p, "role", in->role, USER_ROLE_NAMES);
    }
    validate_email(p, "email", in->email);
    validate_text(p, "phone", in->phone, false, 40);
    validate_text(p, "manager", in->manager, false, 32);
    validate_text(p, "stand_in", in->stand_in, false, 32);
    struct calendar_daily quiet;
    if (in->quiet_hours && *in->quiet_hours &&
        validate_text(p, "quiet_hours", in->quiet_hours, false, 40)) {
        calendar_daily_parse(in->quiet_hours, &quiet, "quiet_hours", p);
    }
}

/* Resolve the login named in field (a manager, a stand-in) to an id in
 * *id (0 for "" or NULL). Adds a problem when it names nobody. */
static enum taio_status resolve_login(struct db *db, const char *field,
                                      const char *login, int64_t *id,
                                      struct problems *p)
{
    *id = 0;
    if (login == NULL || *login == '\0') {
        return TAIO_OK;
    }
    struct user m;
    enum taio_status status = user_get_by_login(db, login, &m);
    if (status == TAIO_ENOTFOUND) {
        problems_add(p, field, _("no user has the login \"%s\""), login);
        return TAIO_EINVAL;
    }
    *id = m.id;
    user_clear(&m);
    return status;
}

/* Create a user. Only an admin may, except that the system actor creates
 * the first one. Login must be unused. *id_out (may be NULL) gets the new
 * id. Records the creation in history. */
enum taio_status user_add(struct db *db, const struct actor *actor,
                          const struct user_input *in,
                          struct problems *problems, int64_t *id_out)
{
    if (!user_can(actor, USER_ACT_ADMIN)) {
        return TAIO_EPERM;
    }
    validate_login(problems, "login", in->login);
    check_common(in, true, problems);
    if (problems_any(problems)) {
        return TAIO_EINVAL;
    }
    enum taio_status status = db_begin(db);
    if (status != TAIO_OK) {
        return status;
    }
    struct user existing;
    if (user_get_by_login(db, in->login, &existing) == TAIO_OK) {
        user_clear(&existing);
        problems_add(problems, "login", _("\"%s\" is already taken"),
                     in->login);
        db_rollback(db);
        return TAIO_EINVAL;
    }
    int64_t manager_id = 0;
    int64_t stand_in_id = 0;
    status = resolve_login(db, "manager", in->manager, &manager_id, problems);
    if (status == TAIO_OK) {
        status = resolve_login(db, "stand_in", in->stand_in, &stand_in_id,
                               problems);
    }
    struct db_stmt *st = NULL;
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_INSERT, &st);
    }
    int64_t id = 0;
    if (status == TAIO_OK) {
        char *key = text_key_or_empty(in->reading);
        db_bind_text(st, 1, in->login);
        db_bind_text(st, 2, in->display_name);
        db_bind_text(st, 3, in->reading ? in->reading : "");
        db_bind_text(st, 4, key);
        db_bind_text(st, 5, in->role);
        db_bind_opt_int64(st, 6, manager_id != 0, manager_id);
        db_bind_text(st, 7, in->email && *in->email ? in->email : NULL);
        db_bind_text(st, 8, in->phone && *in->phone ? in->phone : NULL);
        db_bind_int64(st, 9, actor->now);
        db_bind_opt_int64(st, 10, stand_in_id != 0, stand_in_id);
        db_bind_text(st, 11, in->quiet_hours && *in->quiet_hours
                                 ? in->quiet_hours
                                 : NULL);
        if (db_step(st) == DB_ROW) {
            id = db_col_int64(st, 0);
        } else {
            status = db_last_status(db);
        }
        db_finalize(st);
        free(key);
    }
    if (status == TAIO_OK) {
        status = history_record(db, actor->now, actor->user_id, "user", id,
                                "create", NULL, NULL, in->login);
    }
    status = db_end(db, status);
    if (status == TAIO_OK && id_out) {
        *id_out = id;
    }
    return status;
}

/* True when making manager_id the manager of user_id would close a loop in
 * the manager chain. */
static enum taio_status would_loop(struct db *db, int64_t user_id,
                                   int64_t manager_id, bool *loops)
{
    *loops = false;
    int64_t cursor = manager_id;
    /* A chain longer than the table has rows cannot be loop-free. */
    for (int steps = 0; cursor != 0 && steps < 10000; steps++) {
        if (cursor == user_id) {
            *loops = true;
            return TAIO_OK;
        }
        struct db_stmt *st = NULL;
        enum taio_status status = db_prepare(db, SQL_MANAGER_OF, &st);
        if (status != TAIO_OK) {
            return status;
        }
        db_bind_int64(st, 1, cursor);
        cursor = db_step(st) == DB_ROW ? db_col_int64(st, 0) : 0;
        db_finalize(st);
    }
    return TAIO_OK;
}

static const char *opt(const char *value, const char *current)
{
    return value ? value : current;
}

/* Change a user's name, reading, role, manager, e-mail, phone, stand-in or
 * quiet hours (fields
 * left NULL in in stay). Admins only. Refuses a manager that would make a
 * loop. Each changed field is recorded in history. */
enum taio_status user_update(struct db *db, const struct actor *actor,
                             const char *login, const struct user_input *in,
                             struct problems *problems)
{
    if (!user_can(actor, USER_ACT_ADMIN)) {
        return TAIO_EPERM;
    }
    check_common(in, false, problems);
    if (problems_any(problems)) {
        return TAIO_EINVAL;
    }
    enum taio_status status = db_begin(db);
    if (status != TAIO_OK) {
        return status;
    }
    struct user u;
    status = user_get_by_login(db, login, &u);
    if (status == TAIO_ENOTFOUND) {
        problems_add(problems, "user", _("no user has the login \"%s\""),
                     login);
    }
    if (status != TAIO_OK) {
        return db_end(db, status);
    }
    int64_t manager_id = u.manager_id;
    int64_t stand_in_id = u.stand_in_id;
    if (in->manager) {
        status = resolve_login(db, "manager", in->manager, &manager_id,
                               problems);
    }
    if (status == TAIO_OK && in->stand_in) {
        status = resolve_login(db, "stand_in", in->stand_in, &stand_in_id,
                               problems);
    }
    if (status == TAIO_OK && stand_in_id == u.id) {
        problems_add(problems, "stand_in", "%s",
                     _("cannot stand in for themself"));
        status = TAIO_EINVAL;
    }
    bool loops = false;
    if (status == TAIO_OK && manager_id != u.manager_id) {
        status = would_loop(db, u.id, manager_id, &loops);
        if (status == TAIO_OK && loops) {
            problems_add(problems, "manager", "%s",
                         _("would make a loop in the manager chain"));
            status = TAIO_EINVAL;
        }
    }
    const char *name = opt(in->display_name, u.display_name);
    const char *reading = opt(in->reading, u.reading);
    const char *role = opt(in->role, user_role_name(u.role));
    const char *email = in->email ? (*in->email ? in->email : NULL)
                                  : u.email;
    const char *phone = in->phone ? (*in->phone ? in->phone : NULL)
                                  : u.phone;
    const char *quiet = in->quiet_hours
                            ? (*in->quiet_hours ? in->quiet_hours : NULL)
                            : u.quiet_hours;
    struct db_stmt *st = NULL;
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_UPDATE, &st);
    }
    if (status == TAIO_OK) {
        char *key = text_key_or_empty(reading);
        db_bind_int64(st, 1, u.id);
        db_bind_text(st, 2, name);
        db_bind_text(st, 3, reading);
        db_bind_text(st, 4, key);
        db_bind_text(st, 5, role);
        db_bind_opt_int64(st, 6, manager_id != 0, manager_id);
        db_bind_text(st, 7, email);
        db_bind_text(st, 8, phone);
        db_bind_opt_int64(st, 9, stand_in_id != 0, stand_in_id);
        db_bind_text(st, 10, quiet);
        status = db_run(st);
        free(key);
    }
    const char *fields[][3] = {
        {"name", u.display_name, name},
        {"reading", u.reading, reading},
        {"role", user_role_name(u.role), role},
        {"manager", u.manager_login, in->manager ? in->manager
                                                 : u.manager_login},
        {"email", u.email, email},
        {"phone", u.phone, phone},
        {"stand_in", u.stand_in_login, in->stand_in ? in->stand_in
                                                    : u.stand_in_login},
        {"quiet_hours", u.quiet_hours, quiet},
    };
    for (size_t i = 0; status == TAIO_OK && i < sizeof(fields) /
                                                sizeof(fields[0]); i++) {
        const char *new_value = fields[i][2];
        if (new_value && *new_value == '\0') {
            new_value = NULL;
        }
        status = history_record_change(db, actor->now, actor->user_id,
                                       "user", u.id, fields[i][0],
                                       fields[i][1], new_value);
    }
    user_clear(&u);
    return db_end(db, status);
}

/* Set where login is: in, out, meeting or off, with the reason given to
 * callers and the expected return time (0: not said; else after now).
 * Anyone may set their own; a manager or admin anyone's. */
enum taio_status user_set_presence(struct db *db, const struct actor *actor,
                                   const char *login,
                                   enum user_presence presence,
                                   const char *reason, int64_t until,
                                   struct problems *problems)
{
    validate_text(problems, "reason", reason, false, 200);
    if (until != 0 && until <= actor->now) {
        problems_add(problems, "until", "%s",
                     _("must be in the future"));
    }
    if (problems_any(problems)) {
        return TAIO_EINVAL;
    }
    enum taio_status status = db_begin(db);
    if (status != TAIO_OK) {
        return status;
    }
    struct user u;
    status = user_get_by_login(db, login, &u);
    if (status == TAIO_ENOTFOUND) {
        problems_add(problems, "user", _("no user has the login \"%s\""),
                     login);
    }
    if (status != TAIO_OK) {
        return db_end(db, status);
    }
    if (u.id != actor->user_id && !user_can(actor, USER_ACT_TEAM)) {
        user_clear(&u);
        db_rollback(db);
        return TAIO_EPERM;
    }
    struct db_stmt *st = NULL;
    status = db_prepare(db, SQL_SET_PRESENCE, &st);
    if (status == TAIO_OK) {
        bool in_office = presence == PRESENCE_IN;
        db_bind_int64(st, 1, u.id);
        db_bind_text(st, 2, user_presence_name(presence));
        db_bind_text(st, 3, in_office || reason == NULL || !*reason ? NULL
                                                                   : reason);
        db_bind_opt_int64(st, 4, !in_office && until != 0, until);
        db_bind_int64(st, 5, actor->now);
        status = db_run(st);
    }
    if (status == TAIO_OK) {
        char value[300];
        snprintf(value, sizeof(value), "%s%s%s", user_presence_name(presence),
                 reason && *reason ? ": " : "", reason ? reason : "");
        char old[300];
        snprintf(old, sizeof(old), "%s%s%s", user_presence_name(u.presence),
                 u.presence_reason ? ": " : "",
                 u.presence_reason ? u.presence_reason : "");
        status = history_record(db, actor->now, actor->user_id, "user", u.id,
                                "update", "presence", old, value);
    }
    user_clear(&u);
    return db_end(db, status);
}

/* Set the page language of the user user_id to lang ("ja" or "en"; NULL:
 * follow the browser). Only the user themself changes it. */
enum taio_status user_set_lang(struct db *db, int64_t user_id,
                               const char *lang)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_SET_LANG, &st);
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, user_id);
        if (lang) {
            db_bind_text(st, 2, lang);
        } else {
            db_bind_null(st, 2);
        }
        status = db_run(st);
    }
    return status;
}
