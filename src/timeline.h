/* SPDX-License-Identifier: MIT */
#ifndef TAIO_TIMELINE_H
#define TAIO_TIMELINE_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "db/db.h"

enum timeline_kind {
    TIMELINE_OPENED,
    TIMELINE_CONTACT,
    TIMELINE_NOTE,
    TIMELINE_STATUS,
    TIMELINE_ETA,
    TIMELINE_FIELD,
    TIMELINE_PROMISE_ADDED,
    TIMELINE_PROMISE_KEPT,
    TIMELINE_PROMISE_RENEGOTIATED,
    TIMELINE_PROMISE_CANCELLED,
    TIMELINE_ESCALATED,
    TIMELINE_REPORT,
    TIMELINE_KIND_COUNT,
};

/*
 * One entry to append. Which members matter depends on kind:
 *   opened      body (the reported words)
 *   contact     direction, channel, with_whom, contact_id, duration_min,
 *               occurred_at, body (summary)
 *   note        body
 *   status      old_value, new_value (status names), body (comment)
 *   eta         old_at, new_at (0: none), old_value, new_value (wording)
 *   field       field, old_value, new_value, or old_at/new_at for times
 *   promise_*   promise_id, new_at (due), body, new_value (successor id
 *               for renegotiated), with_whom (who consented)
 *   escalated   old_value, new_value (owner logins before and after; old
 *               NULL when unassigned), body (the reason)
 *   report      new_value (the report's new state: draft, submitted,
 *               returned, approved, sent, or waived), body (the comment,
 *               the waiver's reason, or how it was sent)
 * Strings are borrowed; NULL and 0 mean "not applicable".
 */
struct timeline_new {
    int64_t case_id;
    int64_t at;
    int64_t actor_id;
    enum timeline_kind kind;
    const char *direction;
    const char *channel;
    const char *with_whom;
    int64_t contact_id;
    int64_t duration_min; /* -1: not given */
    int64_t occurred_at;
    const char *body;
    const char *field;
    const char *old_value;
    const char *new_value;
    int64_t old_at;
    int64_t new_at;
    int64_t promise_id;
};

/* One entry as stored; strings owned, NULL when not applicable. */
struct timeline_event {
    int64_t id;
    int64_t case_id;
    int64_t at;
    int64_t actor_id;
    char *actor_login;
    char *actor_name;
    enum timeline_kind kind;
    char *direction;
    char *channel;
    char *with_whom;
    int64_t contact_id;
    int64_t duration_min; /* -1: not given */
    int64_t occurred_at;
    char *body;
    char *field;
    char *old_value;
    char *new_value;
    int64_t old_at;
    int64_t new_at;
    int64_t promise_id;
};

const char *timeline_kind_name(enum timeline_kind kind);
void timeline_new_init(struct timeline_new *ev, int64_t case_id, int64_t at,
                       int64_t actor_id, enum timeline_kind kind);
enum taio_status timeline_append(struct db *db, const struct timeline_new *ev,
                                 int64_t *id);
enum taio_status timeline_get(struct db *db, int64_t id,
                              struct timeline_event *out);
void timeline_event_clear(struct timeline_event *e);
enum taio_status timeline_list(struct db *db, int64_t case_id,
                               struct timeline_event **out, size_t *n_out);
void timeline_list_free(struct timeline_event *list, size_t n);

#endif
