/* SPDX-License-Identifier: MIT */
/*
 * auth.c - who may come in: passwords, browser sessions and API tokens.
 *
 * Owns the sessions, api_tokens and login_failures tables and
 * users.password_hash. Secrets are random, shown once and stored hashed
 * (core/secret.c). A token acts as its user with at most the token's
 * role, so a read-only token of an admin stays read-only. Every login,
 * failed login, password change, token creation and revocation goes to
 * history (entities "login", "password" and "token") as the audit trail.
 * Checking a cookie or a header is here; reading them from a request is
 * the web layer's business.
 */
#include "auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/secret.h"
#include "core/text.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "history.h"

static const char SQL_USER_FOR_LOGIN[] =
    "SELECT id, role, password_hash, active FROM users WHERE login = $1";

static const char SQL_SET_PASSWORD[] =
    "UPDATE users SET password_hash = $2, version = version + 1"
    " WHERE id = $1";

static const char SQL_FAILURES_OF_LOGIN[] =
    "SELECT COUNT(*) FROM login_failures WHERE login = $1 AND at > $2";

static const char SQL_FAILURES_OF_ADDRESS[] =
    "SELECT COUNT(*) FROM login_failures WHERE address = $1 AND at > $2";

static const char SQL_ADD_FAILURE[] =
    "INSERT INTO login_failures (login, address, at) VALUES ($1, $2, $3)";

static const char SQL_PRUNE_FAILURES[] =
    "DELETE FROM login_failures WHERE at <= $1";

static const char SQL_CLEAR_FAILURES[] =
    "DELETE FROM login_failures WHERE login = $1";

static const char SQL_SESSION_INSERT[] =
    "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at,"
    "                      last_seen_at, expires_at)"
    " VALUES ($1, $2, $3, $4, $4, $5)";

static const char SQL_SESSION_BY_HASH[] =
    "SELECT s.id, s.user_id, u.login, u.role, s.csrf_token, s.last_seen_at,"
    "       s.expires_at, s.ended_at, u.active, u.lang"
    "  FROM sessions s JOIN users u ON u.id = s.user_id"
    " WHERE s.id_hash = $1";

static const char SQL_SESSION_SEEN[] =
    "UPDATE sessions SET last_seen_at = $2 WHERE id = $1";

static const char SQL_SESSION_END[] =
    "UPDATE sessions SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL";

static const char SQL_TOKEN_INSERT[] =
    "INSERT INTO api_tokens (token_hash, prefix, user_id, name, role,"
    "                        created_at, created_by)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";

static const char SQL_TOKEN_BY_HASH[] =
    "SELECT t.id, t.user_id, u.login, u.role, t.role, t.last_used_at,"
    "       t.revoked_at, u.active, u.lang"
    "  FROM api_tokens t JOIN users u ON u.id = t.user_id"
    " WHERE t.token_hash = $1";

static const char SQL_TOKEN_USED[] =
    "UPDATE api_tokens SET last_used_at = $2 WHERE id = $1";

static const char SQL_TOKEN_OWNER[] =
    "SELECT user_id, revoked_at FROM api_tokens WHERE id = $1";

static const char SQL_TOKEN_REVOKE[] =
    "UPDATE api_tokens SET revoked_at = $2 WHERE id = $1";

static const char SQL_TOKEN_LIST[] =
    "SELECT t.id, t.prefix, u.login, t.name, t.role, t.created_at,"
    "       t.last_used_at, t.revoked_at"
    "  FROM api_tokens t JOIN users u ON u.id = t.user_id"
    " WHERE $1 = 0 OR t.user_id = $1"
    " ORDER BY t.id";

/* Failed logins counted over this window; more than the limits in it and
 * further attempts are refused until old failures age out. */
#define FAILURE_WINDOW (15 * INT64_C(60))
#define FAILURES_PER_LOGIN 5
#define FAILURES_PER_ADDRESS 20
/* A session's last_seen_at and a token's last_used_at are written at most
 * this often, so reading does not turn every request into a write; each
 * such write is a change of the data, which empties the server's answer
 * cache (web/cache.c), so it stays rare. */
#define SEEN_EVERY 300
/* Passwords shorter than this are refused. */
#define PASSWORD_MIN_CHARS 10
#define PASSWORD_MAX_BYTES 1024

/* The role a token acts with: its own, or its user's if that is lower
 * now (roles are ordered from admin down to viewer). */
static enum user_role lower_role(enum user_role a, enum user_role b)
{
    return a > b ? a : b;
}

/* Parse a stored role name; unknown names count as viewer. */
static enum user_role role_of(const char *name)
{
    int i = validate_index(name, USER_ROLE_NAMES);
    return i < 0 ? USER_VIEWER : (enum user_role)i;
}

/* Copy a stored page language ("ja", "en" or NULL) into out[4]. */
static void lang_of(const char *stored, char out[4])
{
    snprintf(out, 4, "%s", stored && strlen(stored) == 2 ? stored : "");
}

/* Check a new password's length and encoding for field "password". */
static bool password_ok(const char *password, struct problems *problems)
{
    if (password == NULL || !text_is_utf8(password)) {
        problems_add(problems, "password", "%s",
                     _("is not valid UTF-8 text"));
        return false;
    }
    if (strlen(password) > PASSWORD_MAX_BYTES) {
        problems_add(problems, "password", _("is longer than %d bytes"),
                     PASSWORD_MAX_BYTES);
        return false;
    }
    if (text_chars(password) < PASSWORD_MIN_CHARS) {
        problems_add(problems, "password",
                     _("needs at least %d characters"), PASSWORD_MIN_CHARS);
        return false;
    }
    return true;
}

/* Set the web password of login. Admins may set anyone's; everyone may
 * set their own. The hash (argon2id) replaces the old one; history
 * records that it changed, never the value. */
enum taio_status auth_set_password(struct db *db, const struct actor *actor,
                                   const char *login, const char *password,
                                   struct problems *problems)
{
    if (!password_ok(password, problems)) {
        return TAIO_EINVAL;
    }
    struct user u;
    enum taio_status status = user_get_by_login(db, login, &u);
    if (status == TAIO_ENOTFOUND) {
        problems_add(problems, "user", _("no user has the login \"%s\""),
                     login);
    }
    if (status != TAIO_OK) {
        return status;
    }
    int64_t user_id = u.id;
    user_clear(&u);
    if (user_id != actor->user_id && !user_can(actor, USER_ACT_ADMIN)) {
        return TAIO_EPERM;
    }
    char *hash = NULL;
    status = secret_password_hash(password, &hash);
    if (status != TAIO_OK) {
        return status;
    }
    status = db_begin(db);
    struct db_stmt *st = NULL;
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_SET_PASSWORD, &st);
    }
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, user_id);
        db_bind_text(st, 2, hash);
        status = db_run(st);
    }
    if (status == TAIO_OK) {
        status = history_record(db, actor->now, actor->user_id, "password",
                                user_id, "update", NULL, NULL, NULL);
    }
    free(hash);
    return db_end(db, status);
}

/* Run a one-parameter COUNT query. */
static enum taio_status count_since(struct db *db, const char *sql,
                                    const char *value, int64_t since,
                                    int64_t *out)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, sql, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_text(st, 1, value);
    db_bind_int64(st, 2, since);
    *out = 0;
    if (db_step(st) == DB_ROW) {
        *out = db_col_int64(st, 0);
    } else {
        status = db_last_status(db);
    }
    db_finalize(st);
    return status;
}

/* TAIO_ELIMIT when login or address failed too often lately. */
static enum taio_status check_throttle(struct db *db, const char *login,
                                       const char *address, int64_t now)
{
    int64_t by_login = 0;
    int64_t by_address = 0;
    int64_t since = now - FAILURE_WINDOW;
    enum taio_status status =
        count_since(db, SQL_FAILURES_OF_LOGIN, login, since, &by_login);
    if (status == TAIO_OK) {
        status = count_since(db, SQL_FAILURES_OF_ADDRESS, address, since,
                             &by_address);
    }
    if (status == TAIO_OK && (by_login >= FAILURES_PER_LOGIN ||
                              by_address >= FAILURES_PER_ADDRESS)) {
        status = TAIO_ELIMIT;
    }
    return status;
}

/* Record a failed login (for throttling and the audit trail) in its own
 * transaction: it must stay even though the login itself fails. */
static enum taio_status record_failure(struct db *db, const char *login,
                                       const char *address, int64_t user_id,
                                       int64_t now)
{
    enum taio_status status = db_begin(db);
    struct db_stmt *st = NULL;
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_PRUNE_FAILURES, &st);
    }
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, now - FAILURE_WINDOW);
        status = db_run(st);
    }
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_ADD_FAILURE, &st);
    }
    if (status == TAIO_OK) {
        db_bind_text(st, 1, login);
        db_bind_text(st, 2, address);
        db_bind_int64(st, 3, now);
        status = db_run(st);
    }
    if (status == TAIO_OK) {
        status = history_record(db, now, user_id, "login", user_id,
                                "failed", "address", NULL, address);
    }
    return db_end(db, status);
}

/* Insert a session for user_id and fill out. */
static enum taio_status insert_session(struct db *db, int64_t user_id,
                                       int64_t now,
                                       struct auth_session_new *out)
{
    out->cookie = secret_random("");
    out->csrf_token = secret_random("");
    out->expires_at = now + AUTH_SESSION_MAX;
    char hash[SECRET_HASH_HEX];
    secret_hash(out->cookie, hash);
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_SESSION_INSERT, &st);
    if (status == TAIO_OK) {
        db_bind_text(st, 1, hash);
        db_bind_int64(st, 2, user_id);
        db_bind_text(st, 3, out->csrf_token);
        db_bind_int64(st, 4, now);
        db_bind_int64(st, 5, out->expires_at);
        status = db_run(st);
    }
    return status;
}

/* The stored facts about login needed to check a password. */
struct login_row {
    int64_t id;
    char *hash;
    bool active;
};

/* Read a login_row (a db_read_fn). */
static void read_login_row(struct db_stmt *st, void *record)
{
    struct login_row *r = record;
    r->id = db_col_int64(st, 0);
    r->hash = db_col_strdup(st, 2);
    r->active = db_col_int64(st, 3) != 0;
}

/* Check login and password from address and, when they match an active
 * user with a password, start a session (out; clear with
 * auth_session_new_clear()). A wrong login and a wrong password get the
 * same answer (TAIO_EAUTH with a problem for "password") and take the
 * same time; too many recent failures give TAIO_ELIMIT. */
enum taio_status auth_login(struct db *db, const char *login,
                            const char *password, const char *address,
                            int64_t now, struct problems *problems,
                            struct auth_session_new *out)
{
    memset(out, 0, sizeof(*out));
    if (!validate_text(problems, "login", login, true, 64) ||
        !validate_text(problems, "password", password, true, 1024)) {
        return TAIO_EINVAL;
    }
    enum taio_status status = check_throttle(db, login, address, now);
    if (status == TAIO_ELIMIT) {
        problems_add(problems, "login", "%s",
                     _("too many failed logins; wait 15 minutes"));
    }
    if (status != TAIO_OK) {
        return status;
    }
    struct login_row row = {0};
    struct db_stmt *st = NULL;
    status = db_prepare(db, SQL_USER_FOR_LOGIN, &st);
    if (status == TAIO_OK) {
        db_bind_text(st, 1, login);
        status = db_fetch_one(st, read_login_row, &row);
    }
    if (status != TAIO_OK && status != TAIO_ENOTFOUND) {
        return status;
    }
    bool ok = false;
    if (row.hash && row.active) {
        ok = secret_password_verify(row.hash, password);
    } else {
        /* Spend the time a real check takes, so the answer's delay does
         * not tell which logins exist. */
        char *wasted = NULL;
        if (secret_password_hash(password, &wasted) == TAIO_OK) {
            free(wasted);
        }
    }
    free(row.hash);
    if (!ok) {
        record_failure(db, login, address, row.id, now);
        problems_add(problems, "password", "%s",
                     _("the login or the password is wrong"));
        return TAIO_EAUTH;
    }
    status = db_begin(db);
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_CLEAR_FAILURES, &st);
    }
    if (status == TAIO_OK) {
        db_bind_text(st, 1, login);
        status = db_run(st);
    }
    if (status == TAIO_OK) {
        status = insert_session(db, row.id, now, out);
    }
    if (status == TAIO_OK) {
        status = history_record(db, now, row.id, "login", row.id, "create",
                                "address", NULL, address);
    }
    status = db_end(db, status);
    if (status != TAIO_OK) {
        auth_session_new_clear(out);
    }
    return status;
}

/* Free what a new session holds. */
void auth_session_new_clear(struct auth_session_new *s)
{
    if (s == NULL) {
        return;
    }
    free(s->cookie);
    free(s->csrf_token);
    memset(s, 0, sizeof(*s));
}

/* Free what an identity holds. */
void auth_identity_clear(struct auth_identity *id)
{
    if (id == NULL) {
        return;
    }
    free(id->login);
    free(id->csrf_token);
    memset(id, 0, sizeof(*id));
}

/* Write now into a last-seen column when the stored value is old enough;
 * *fresh_until gets the time until which it need not be written again. */
static enum taio_status touch(struct db *db, const char *sql, int64_t id,
                              int64_t seen_at, int64_t now,
                              int64_t *fresh_until)
{
    if (now - seen_at < SEEN_EVERY) {
        *fresh_until = seen_at + SEEN_EVERY;
        return TAIO_OK;
    }
    *fresh_until = now + SEEN_EVERY;
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, sql, &st);
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, id);
        db_bind_int64(st, 2, now);
        status = db_run(st);
    }
    return status;
}

/* Run sql, a query for the row whose hash column matches the hash of
 * secret, and read it with read into row. TAIO_ENOTFOUND when none. */
static enum taio_status fetch_by_secret(struct db *db, const char *sql,
                                        const char *secret, db_read_fn read,
                                        void *row)
{
    char hash[SECRET_HASH_HEX];
    secret_hash(secret, hash);
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, sql, &st);
    if (status == TAIO_OK) {
        db_bind_text(st, 1, hash);
        status = db_fetch_one(st, read, row);
    }
    return status;
}

/* The columns of SQL_SESSION_BY_HASH, read. */
struct session_row {
    struct auth_identity id;
    int64_t last_seen_at;
    int64_t expires_at;
    int64_t ended_at;
    bool active;
};

static void read_session_row(struct db_stmt *st, void *record)
{
    struct session_row *r = record;
    r->id.session_id = db_col_int64(st, 0);
    r->id.user_id = db_col_int64(st, 1);
    r->id.login = db_col_strdup(st, 2);
    r->id.role = role_of(db_col_text(st, 3));
    r->id.csrf_token = db_col_strdup(st, 4);
    r->last_seen_at = db_col_int64(st, 5);
    r->expires_at = db_col_int64(st, 6);
    r->ended_at = db_col_int64(st, 7);
    r->active = db_col_int64(st, 8) != 0;
    lang_of(db_col_text(st, 9), r->id.lang);
}

/* Find the live session whose cookie value is cookie and fill out (clear
 * with auth_identity_clear()). TAIO_EAUTH when there is none, it ended,
 * it expired (idle or absolute) or its user was deactivated. */
enum taio_status auth_session_check(struct db *db, const char *cookie,
                                    int64_t now, struct auth_identity *out)
{
    memset(out, 0, sizeof(*out));
    struct session_row row = {0};
    enum taio_status status = fetch_by_secret(db, SQL_SESSION_BY_HASH, cookie,
                                              read_session_row, &row);
    if (status == TAIO_OK &&
        (row.ended_at != 0 || !row.active || now >= row.expires_at ||
         now - row.last_seen_at >= AUTH_SESSION_IDLE)) {
        status = TAIO_EAUTH;
    }
    if (status == TAIO_OK) {
        status = touch(db, SQL_SESSION_SEEN, row.id.session_id,
                       row.last_seen_at, now, &row.id.fresh_until);
        if (row.id.fresh_until > row.expires_at) {
            row.id.fresh_until = row.expires_at;
        }
    }
    if (status == TAIO_ENOTFOUND) {
        status = TAIO_EAUTH;
    }
    if (status != TAIO_OK) {
        auth_identity_clear(&row.id);
        return status;
    }
    *out = row.id;
    return TAIO_OK;
}

/* End a session (logout); recorded in history. Ending one that already
 * ended changes nothing. */
enum taio_status auth_session_end(struct db *db, int64_t session_id,
                                  int64_t user_id, int64_t now)
{
    enum taio_status status = db_begin(db);
    struct db_stmt *st = NULL;
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_SESSION_END, &st);
    }
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, session_id);
        db_bind_int64(st, 2, now);
        status = db_run(st);
    }
    if (status == TAIO_OK) {
        status = history_record(db, now, user_id, "login", user_id, "delete",
                                NULL, NULL, NULL);
    }
    return db_end(db, status);
}

/* Create an API token for login, named name, acting with role (a role
 * name; at most the user's own). Admins create tokens for anyone, others
 * only for themselves. *token_out (free with free()) is the only copy of
 * the token's value: only its hash is stored. */
enum taio_status auth_token_create(struct db *db, const struct actor *actor,
                                   const char *login, const char *name,
                                   const char *role, struct problems *problems,
                                   char **token_out, int64_t *id_out)
{
    *token_out = NULL;
    validate_text(problems, "name", name, true, 100);
    validate_one_of(problems, "role", role, USER_ROLE_NAMES);
    if (problems_any(problems)) {
        return TAIO_EINVAL;
    }
    struct user u;
    enum taio_status status = user_get_by_login(db, login, &u);
    if (status == TAIO_ENOTFOUND) {
        problems_add(problems, "user", _("no user has the login \"%s\""),
                     login);
        return TAIO_EINVAL;
    }
    if (status != TAIO_OK) {
        return status;
    }
    int64_t user_id = u.id;
    enum taio_status check = TAIO_OK;
    if (user_id != actor->user_id && !user_can(actor, USER_ACT_ADMIN)) {
        check = TAIO_EPERM;
    } else if (role_of(role) < u.role) {
        problems_add(problems, "role",
                     _("may not exceed the user's own role (%s)"),
                     user_role_label(u.role));
        check = TAIO_EINVAL;
    } else if (!u.active) {
        problems_add(problems, "user", "%s", _("is deactivated"));
        check = TAIO_EINVAL;
    }
    user_clear(&u);
    if (check != TAIO_OK) {
        return check;
    }
    char *token = secret_random("taio_");
    char hash[SECRET_HASH_HEX];
    secret_hash(token, hash);
    char prefix[13];
    snprintf(prefix, sizeof(prefix), "%s", token);
    int64_t id = 0;
    struct db_stmt *st = NULL;
    status = db_begin(db);
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_TOKEN_INSERT, &st);
    }
    if (status == TAIO_OK) {
        db_bind_text(st, 1, hash);
        db_bind_text(st, 2, prefix);
        db_bind_int64(st, 3, user_id);
        db_bind_text(st, 4, name);
        db_bind_text(st, 5, role);
        db_bind_int64(st, 6, actor->now);
        db_bind_opt_int64(st, 7, actor->user_id != 0, actor->user_id);
        if (db_step(st) == DB_ROW) {
            id = db_col_int64(st, 0);
        } else {
            status = db_last_status(db);
        }
        db_finalize(st);
    }
    if (status == TAIO_OK) {
        status = history_record(db, actor->now, actor->user_id, "token", id,
                                "create", "role", NULL, role);
    }
    status = db_end(db, status);
    if (status != TAIO_OK) {
        free(token);
        return status;
    }
    *token_out = token;
    if (id_out) {
        *id_out = id;
    }
    return TAIO_OK;
}

/* The columns of SQL_TOKEN_BY_HASH, read. */
struct token_row {
    struct auth_identity id;
    int64_t last_used_at;
    int64_t revoked_at;
    bool active;
};

static void read_token_row(struct db_stmt *st, void *record)
{
    struct token_row *r = record;
    r->id.token_id = db_col_int64(st, 0);
    r->id.user_id = db_col_int64(st, 1);
    r->id.login = db_col_strdup(st, 2);
    r->id.role = lower_role(role_of(db_col_text(st, 3)),
                            role_of(db_col_text(st, 4)));
    r->last_used_at = db_col_int64(st, 5);
    r->revoked_at = db_col_int64(st, 6);
    r->active = db_col_int64(st, 7) != 0;
    lang_of(db_col_text(st, 8), r->id.lang);
}

/* Find the usable token whose value is token and fill out (clear with
 * auth_identity_clear()). TAIO_EAUTH when it is unknown, revoked, or its
 * user was deactivated. */
enum taio_status auth_token_check(struct db *db, const char *token,
                                  int64_t now, struct auth_identity *out)
{
    memset(out, 0, sizeof(*out));
    struct token_row row = {0};
    enum taio_status status = fetch_by_secret(db, SQL_TOKEN_BY_HASH, token,
                                              read_token_row, &row);
    if (status == TAIO_OK && (row.revoked_at != 0 || !row.active)) {
        status = TAIO_EAUTH;
    }
    if (status == TAIO_OK) {
        status = touch(db, SQL_TOKEN_USED, row.id.token_id, row.last_used_at,
                       now, &row.id.fresh_until);
    }
    if (status == TAIO_ENOTFOUND) {
        status = TAIO_EAUTH;
    }
    if (status != TAIO_OK) {
        auth_identity_clear(&row.id);
        return status;
    }
    *out = row.id;
    return TAIO_OK;
}

/* Revoke token id: its owner or an admin may. Revoking twice is a
 * conflict with a problem for "token". */
enum taio_status auth_token_revoke(struct db *db, const struct actor *actor,
                                   int64_t id, struct problems *problems)
{
    enum taio_status status = db_begin(db);
    struct db_stmt *st = NULL;
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_TOKEN_OWNER, &st);
    }
    int64_t owner = 0;
    int64_t revoked_at = 0;
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, id);
        enum db_step r = db_step(st);
        if (r == DB_ROW) {
            owner = db_col_int64(st, 0);
            revoked_at = db_col_int64(st, 1);
        } else {
            status = r == DB_DONE ? TAIO_ENOTFOUND : db_last_status(db);
        }
        db_finalize(st);
    }
    if (status == TAIO_ENOTFOUND) {
        problems_add(problems, "token", _("no token has the number #%lld"),
                     (long long)id);
    }
    if (status == TAIO_OK && owner != actor->user_id &&
        !user_can(actor, USER_ACT_ADMIN)) {
        status = TAIO_EPERM;
    }
    if (status == TAIO_OK && revoked_at != 0) {
        problems_add(problems, "token", "%s", _("is already revoked"));
        status = TAIO_ECONFLICT;
    }
    if (status == TAIO_OK) {
        status = db_prepare(db, SQL_TOKEN_REVOKE, &st);
    }
    if (status == TAIO_OK) {
        db_bind_int64(st, 1, id);
        db_bind_int64(st, 2, actor->now);
        status = db_run(st);
    }
    if (status == TAIO_OK) {
        status = history_record(db, actor->now, actor->user_id, "token", id,
                                "delete", NULL, NULL, NULL);
    }
    return db_end(db, status);
}

/* Read one listed token (a db_read_fn). */
static void read_token_listed(struct db_stmt *st, void *record)
{
    struct auth_token *t = record;
    t->id = db_col_int64(st, 0);
    t->prefix = db_col_strdup(st, 1);
    t->login = db_col_strdup(st, 2);
    t->name = db_col_strdup(st, 3);
    t->role = role_of(db_col_text(st, 4));
    t->created_at = db_col_int64(st, 5);
    t->last_used_at = db_col_int64(st, 6);
    t->revoked_at = db_col_int64(st, 7);
}

/* The tokens of user_id (0: everyone's), oldest first, without their
 * values. Free with auth_token_list_free(). */
enum taio_status auth_token_list(struct db *db, int64_t user_id,
                                 struct auth_token **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, SQL_TOKEN_LIST, &st);
    if (status != TAIO_OK) {
        return status;
    }
    db_bind_int64(st, 1, user_id);
    void *list = NULL;
    status = db_fetch_all(st, read_token_listed, sizeof(struct auth_token),
                          &list, n_out);
    *out = list;
    return status;
}

/* Free a list from auth_token_list(). */
void auth_token_list_free(struct auth_token *list, size_t n)
{
    for (size_t i = 0; list && i < n; i++) {
        free(list[i].prefix);
        free(list[i].login);
        free(list[i].name);
    }
    free(list);
}
