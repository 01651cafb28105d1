/* SPDX-License-Identifier: MIT */
#ifndef TAIO_USER_H
#define TAIO_USER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/problems.h"
#include "core/status.h"
#include "db/db.h"

enum user_role {
    USER_ADMIN,
    USER_MANAGER,
    USER_AGENT,
    USER_CLERK,
    USER_VIEWER,
};

enum user_presence {
    PRESENCE_IN,
    PRESENCE_OUT,
    PRESENCE_MEETING,
    PRESENCE_OFF,
};

/* What an action needs permission for; see user_can(). */
enum user_action {
    USER_ACT_READ,    /* look at anything */
    USER_ACT_RECORD,  /* open cases, log contacts, notes, promises,
                         customers and contact people */
    USER_ACT_HANDLE,  /* change status, ETA, owner and case fields */
    USER_ACT_TEAM,    /* set other people's presence */
    USER_ACT_ADMIN,   /* add and change users, settings */
};

/* Who is acting, and when. Every domain write takes one. */
struct actor {
    int64_t user_id;     /* 0: the system (first-run bootstrap) */
    enum user_role role;
    int64_t now;         /* the moment of the action, UTC seconds */
};

/* A member of staff. */
struct user {
    int64_t id;
    char *login;             /* owned */
    char *display_name;      /* owned */
    char *reading;           /* owned; kana, may be "" */
    enum user_role role;
    int64_t manager_id;      /* 0: none */
    char *manager_login;     /* owned; NULL when no manager */
    char *email;             /* owned; may be NULL */
    char *phone;             /* owned; may be NULL */
    enum user_presence presence;
    char *presence_reason;   /* owned; may be NULL */
    int64_t presence_until;  /* expected return; 0: not said */
    int64_t presence_at;     /* 0: never changed */
    bool active;
    int64_t version;
    int64_t created_at;
    int64_t stand_in_id;     /* 0: the manager stands in */
    char *stand_in_login;    /* owned; NULL when none */
    char *quiet_hours;       /* owned; "20:00-08:00"; NULL: none */
};

/* Fields for user_add and user_update; NULL leaves a field unset or
 * unchanged. */
struct user_input {
    const char *login;
    const char *display_name;
    const char *reading;
    const char *role;     /* "admin", "manager", "agent", "clerk", "viewer" */
    const char *manager;  /* manager's login; "" clears */
    const char *email;
    const char *phone;
    const char *stand_in;    /* login of who takes over while away; ""
                                clears */
    const char *quiet_hours; /* "20:00-08:00"; "" clears */
};

/* Names */
const char *user_role_name(enum user_role role);
const char *user_role_label(enum user_role role);
const char *user_presence_name(enum user_presence presence);
const char *user_presence_label(enum user_presence presence);
bool user_presence_parse(const char *text, enum user_presence *out);
extern const char *const USER_ROLE_NAMES[];
extern const char *const USER_PRESENCE_NAMES[];

/* Permissions */
bool user_can(const struct actor *actor, enum user_action action);

/* Reading */
enum taio_status user_count(struct db *db, int64_t *out);
enum taio_status user_get(struct db *db, int64_t id, struct user *out);
enum taio_status user_get_by_login(struct db *db, const char *login,
                                   struct user *out);
enum taio_status user_list(struct db *db, struct user **out, size_t *n_out);
void user_clear(struct user *u);
void user_list_free(struct user *list, size_t n);

/* Writing */
enum taio_status user_add(struct db *db, const struct actor *actor,
                          const struct user_input *in,
                          struct problems *problems, int64_t *id_out);
enum taio_status user_update(struct db *db, const struct actor *actor,
                             const char *login, const struct user_input *in,
                             struct problems *problems);
enum taio_status user_set_lang(struct db *db, int64_t user_id,
                               const char *lang);
enum taio_status user_set_presence(struct db *db, const struct actor *actor,
                                   const char *login,
                                   enum user_presence presence,
                                   const char *reason, int64_t until,
                                   struct problems *problems);

#endif
