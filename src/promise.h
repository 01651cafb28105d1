/* SPDX-License-Identifier: MIT */
#ifndef TAIO_PROMISE_H
#define TAIO_PROMISE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/problems.h"
#include "core/status.h"
#include "db/db.h"
#include "user.h"

/* Stored states. "Broken" is not stored: it is an open promise whose due
 * time has passed (promise_state_at). */
enum promise_state {
    PROMISE_OPEN,
    PROMISE_KEPT,
    PROMISE_RENEGOTIATED,
    PROMISE_CANCELLED,
    PROMISE_BROKEN, /* derived only */
};

/* A promise made to a customer. */
struct promise {
    int64_t id;
    int64_t case_id;
    char *case_number;     /* owned */
    char *case_title;      /* owned */
    char *body;            /* owned; what was promised */
    char *to_whom;         /* owned; the person it was made to */
    int64_t contact_id;    /* 0: none */
    char *channel;         /* owned; may be NULL */
    int64_t due_at;
    int64_t remind_min;    /* reminder lead time, minutes */
    int64_t owner_id;
    char *owner_login;     /* owned */
    int64_t taken_by;      /* 0: the system */
    enum promise_state state; /* stored state (never PROMISE_BROKEN) */
    int64_t predecessor_id;   /* 0: none */
    int64_t successor_id;     /* 0: none */
    char *consented_by;    /* owned; who agreed to this time; may be NULL */
    int64_t ended_at;      /* 0 while open */
    char *end_note;        /* owned; may be NULL */
    int64_t created_at;
    int64_t version;
};

/* A new promise. Strings borrowed. */
struct promise_input {
    int64_t case_id;       /* required */
    const char *body;      /* default: a callback */
    const char *to_whom;   /* required unless contact_id is given */
    int64_t contact_id;
    const char *channel;   /* default "phone" */
    int64_t due_at;        /* required; after now */
    int64_t remind_min;    /* -1: the organisation's default lead time */
    int64_t owner_id;      /* 0: the case owner, else the actor */
};

/* Which promises to list. */
struct promise_filter {
    int64_t case_id;   /* 0: any */
    int64_t owner_id;  /* 0: anyone */
    bool open_only;
    int64_t due_before;   /* 0: any; else due strictly before */
    int64_t due_after;    /* 0: any; else due at or after */
    size_t limit;         /* 0: no limit */
    /* A page starts after this promise in the list's order (earliest due
     * first); 0: from the start. */
    int64_t after_due_at;
    int64_t after_id;
};

extern const char *const PROMISE_STATE_NAMES[];

enum promise_state promise_state_at(const struct promise *p, int64_t now);
bool promise_on_time(const struct promise *p);
const char *promise_state_label(enum promise_state state);

enum taio_status promise_add(struct db *db, const struct actor *actor,
                             const struct promise_input *in,
                             int64_t default_lead_min,
                             struct problems *problems, int64_t *id_out);
enum taio_status promise_keep(struct db *db, const struct actor *actor,
                              int64_t id, const char *note,
                              struct problems *problems);
enum taio_status promise_cancel(struct db *db, const struct actor *actor,
                                int64_t id, const char *reason,
                                struct problems *problems);
enum taio_status promise_renegotiate(struct db *db, const struct actor *actor,
                                     int64_t id, int64_t new_due_at,
                                     const char *consented_by,
                                     const char *note,
                                     struct problems *problems,
                                     int64_t *new_id);

enum taio_status promise_get(struct db *db, int64_t id, struct promise *out);
enum taio_status promise_list(struct db *db,
                              const struct promise_filter *filter,
                              struct promise **out, size_t *n_out);
void promise_clear(struct promise *p);
void promise_list_free(struct promise *list, size_t n);

#endif
