/* SPDX-License-Identifier: MIT */
#ifndef TAIO_AUTH_H
#define TAIO_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/problems.h"
#include "core/status.h"
#include "db/db.h"
#include "user.h"

/* Who a request acts as, after its session cookie or API token checked
 * out. */
struct auth_identity {
    int64_t user_id;
    char *login;        /* owned */
    enum user_role role; /* the user's role, lowered to the token's */
    int64_t session_id; /* 0 unless from a browser session */
    char *csrf_token;   /* owned; the session's, NULL for tokens */
    int64_t token_id;   /* 0 unless from an API token */
    char lang[4];       /* the user's page language, "ja" or "en"; "":
                           follow the browser */
    int64_t fresh_until; /* while the data stays as it is, the check holds
                            until this time (then it must write the last
                            use, or the session expires) */
};

/* A freshly created browser session; the cookie value is shown once. */
struct auth_session_new {
    char *cookie;       /* owned; the value for the Set-Cookie header */
    char *csrf_token;   /* owned */
    int64_t expires_at;
};

/* An API token as listed (never its value). */
struct auth_token {
    int64_t id;
    char *prefix;       /* owned; the first characters, to recognise it */
    char *login;        /* owned; whose token it is */
    char *name;         /* owned; what it is for */
    enum user_role role;
    int64_t created_at;
    int64_t last_used_at; /* 0: never */
    int64_t revoked_at;   /* 0: usable */
};

/* Sessions last this long without a request, and at most this long. */
#define AUTH_SESSION_IDLE (8 * INT64_C(3600))
#define AUTH_SESSION_MAX (7 * INT64_C(86400))

/* Passwords */
enum taio_status auth_set_password(struct db *db, const struct actor *actor,
                                   const char *login, const char *password,
                                   struct problems *problems);

/* Sessions */
enum taio_status auth_login(struct db *db, const char *login,
                            const char *password, const char *address,
                            int64_t now, struct problems *problems,
                            struct auth_session_new *out);
enum taio_status auth_session_check(struct db *db, const char *cookie,
                                    int64_t now, struct auth_identity *out);
enum taio_status auth_session_end(struct db *db, int64_t session_id,
                                  int64_t user_id, int64_t now);
void auth_session_new_clear(struct auth_session_new *s);

/* API tokens */
enum taio_status auth_token_create(struct db *db, const struct actor *actor,
                                   const char *login, const char *name,
                                   const char *role, struct problems *problems,
                                   char **token_out, int64_t *id_out);
enum taio_status auth_token_check(struct db *db, const char *token,
                                  int64_t now, struct auth_identity *out);
enum taio_status auth_token_revoke(struct db *db, const struct actor *actor,
                                   int64_t id, struct problems *problems);
enum taio_status auth_token_list(struct db *db, int64_t user_id,
                                 struct auth_token **out, size_t *n_out);
void auth_token_list_free(struct auth_token *list, size_t n);

void auth_identity_clear(struct auth_identity *id);

#endif
