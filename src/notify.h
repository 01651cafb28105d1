/* SPDX-License-Identifier: MIT */
#ifndef TAIO_NOTIFY_H
#define TAIO_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/i18n.h"
#include "core/status.h"
#include "core/tz.h"
#include "db/db.h"
#include "core/problems.h"
#include "user.h"

/* What a notification is about (the agenda's kinds, as events). */
enum notify_kind {
    NOTIFY_PROMISE_DUE,
    NOTIFY_PROMISE_BROKEN,
    NOTIFY_SILENT,
    NOTIFY_NO_ETA,
    NOTIFY_DEADLINE_RISK,
    NOTIFY_UNACKNOWLEDGED, /* an escalation rule: still new after its time */
    NOTIFY_REPORT_DUE,     /* resolved, and its report not submitted by
                              the end of that business day */
    NOTIFY_KIND_COUNT,
};

extern const char *const NOTIFY_KIND_NAMES[];

/* One event for one person. Strings borrowed. */
struct notify_event {
    enum notify_kind kind;
    const char *key;          /* names the event; once per person */
    int64_t user_id;          /* who is told */
    int64_t stand_in_for;     /* 0, or whom it was for (away) */
    int64_t case_id;
    const char *case_number;
    const char *case_title;
    const char *customer_name;
    int64_t promise_id;       /* 0: none */
    const char *promise_body; /* may be NULL */
    const char *to_whom;      /* may be NULL */
    int64_t at;               /* the moment it is about: due time,
                                 deadline, last contact (0: none) */
};

/* Where mail goes; url NULL: nowhere yet (messages wait). */
struct notify_mail {
    const char *url;  /* e.g. smtp://127.0.0.1:25 */
    const char *from; /* the sender's address */
    const char *ca;   /* a PEM file of certificates to trust for TLS
                         instead of the system's; NULL: the system's */
};

/* What one delivery run did. */
struct notify_delivery {
    size_t sent;
    size_t failed;  /* to be tried again later */
    size_t dead;    /* given up */
    size_t waiting; /* still pending afterwards */
};

/* A notification as listed. */
struct notification {
    int64_t id;
    enum notify_kind kind;
    char *case_number;     /* owned; NULL when not about a case */
    char *case_title;      /* owned */
    char *customer_name;   /* owned */
    char *stand_in_name;   /* owned; NULL unless standing in */
    int64_t due_at;        /* the moment it is about; 0: none */
    int64_t created_at;
    int64_t read_at;       /* 0: unread */
};

const char *notify_kind_label(enum notify_kind kind);
enum taio_status notify_list(struct db *db, int64_t user_id, size_t limit,
                             struct notification **out, size_t *n_out);
void notify_list_free(struct notification *list, size_t n);
enum taio_status notify_unread(struct db *db, int64_t user_id,
                               int64_t *count);
enum taio_status notify_mark_read(struct db *db, int64_t user_id,
                                  int64_t id, int64_t now);

/* A mail to put in the outbox. Strings borrowed. */
struct notify_mail_out {
    const char *to;
    const char *subject;
    const char *body;
    const char *message_id;  /* unique, "<...@...>" */
    int64_t notification_id; /* 0: not a notification's */
    int64_t send_at;         /* not before this moment */
};

enum taio_status notify_enqueue_mail(struct db *db,
                                     const struct notify_mail_out *m,
                                     int64_t now);

/* A message of the outbox, as listed (not its body). */
struct outbox_entry {
    int64_t id;
    char *channel;      /* owned; "email" or "webhook" */
    char *recipient;    /* owned */
    char *subject;      /* owned */
    char *message_id;   /* owned */
    char *state;        /* owned; "pending", "sent" or "dead" */
    int64_t attempts;
    int64_t next_try_at;
    char *last_error;   /* owned; may be NULL */
    int64_t created_at;
    int64_t sent_at;    /* 0: not sent */
};

enum taio_status notify_outbox_list(struct db *db, const char *state,
                                    size_t limit, struct outbox_entry **out,
                                    size_t *n_out);
void notify_outbox_free(struct outbox_entry *list, size_t n);
enum taio_status notify_retry(struct db *db, const struct actor *actor,
                              int64_t id, struct problems *p);

enum taio_status notify_raise(struct db *db, const struct tz *zone,
                              enum i18n_lang fallback,
                              const struct notify_event *ev, int64_t now,
                              bool *created);
enum taio_status notify_deliver(struct db *db, const struct notify_mail *mail,
                                int64_t now, size_t max,
                                struct notify_delivery *out);

#endif
