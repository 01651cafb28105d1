/* SPDX-License-Identifier: MIT */
#ifndef TAIO_CASE_H
#define TAIO_CASE_H

/* "case" is a C keyword, so the case record is struct case_rec. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/problems.h"
#include "core/status.h"
#include "core/tz.h"
#include "db/db.h"
#include "user.h"

enum case_kind {
    CASE_TROUBLE,
    CASE_COMPLAINT,
    CASE_INQUIRY,
    CASE_REQUEST,
    CASE_KIND_COUNT,
};

/* How badly the customer is hit; sets the update cadence. */
enum case_impact {
    CASE_IMPACT_STOPPED,  /* their business has stopped */
    CASE_IMPACT_DEGRADED, /* working, but impaired */
    CASE_IMPACT_MINOR,    /* an inconvenience */
    CASE_IMPACT_COUNT,
};

enum case_status {
    CASE_NEW,
    CASE_ACKNOWLEDGED,
    CASE_IN_PROGRESS,
    CASE_WAITING_CUSTOMER,
    CASE_WAITING_VENDOR,
    CASE_RESOLVED,
    CASE_REPORTED,
    CASE_CLOSED,
    CASE_STATUS_COUNT,
};

/* A case with the names of what it refers to. */
struct case_rec {
    int64_t id;
    char *number;          /* owned; "2026-0042" */
    enum case_kind kind;
    char *title;           /* owned */
    int64_t customer_id;
    char *customer_name;   /* owned */
    int64_t contact_id;    /* 0: none */
    char *contact_name;    /* owned; NULL when no contact */
    char *channel;         /* owned; how it came in */
    int64_t occurred_at;   /* 0: not known */
    int64_t received_at;
    char *reported;        /* owned; the customer's own words */
    enum case_impact impact;
    char *affected;        /* owned; may be "" */
    int64_t deadline_at;   /* 0: none */
    int64_t eta_at;        /* 0: none given (or only in words) */
    char *eta_text;        /* owned; NULL: none given */
    int64_t eta_given_at;  /* 0: no ETA yet */
    char *workaround;      /* owned; may be "" */
    int64_t owner_id;      /* 0: unassigned */
    char *owner_login;     /* owned; NULL when unassigned */
    char *owner_name;      /* owned; NULL when unassigned */
    enum case_status status;
    int64_t last_outbound_at; /* 0: we have not contacted them yet */
    int64_t last_contact_at;  /* 0: no contact logged */
    int64_t resolved_at;
    int64_t closed_at;
    int64_t created_at;
    int64_t updated_at;
    int64_t version;
    bool report_required;     /* closes only with an approved report */
    int64_t report_waived_at; /* 0: not waived */
    char *report_waiver;      /* owned; the manager's reason, or NULL */
    char *tags;               /* owned; comma-separated, may be "" */
    char *checklist_override; /* owned; why it resolves with required
                                 checklist items open, or NULL */
};

/* What a new case needs. Strings borrowed; 0 for times and ids means not
 * given. */
struct case_open_input {
    const char *kind;      /* required */
    const char *title;     /* required */
    const char *reported;  /* required: the customer's words */
    const char *impact;    /* default "minor" */
    const char *channel;   /* default "phone" */
    const char *affected;
    const char *workaround;
    int64_t customer_id;   /* required */
    int64_t contact_id;
    int64_t owner_id;      /* default: the actor, unless a clerk */
    bool report_required;  /* needs an approved report to close (intake.c
                              sets it from the setting report.kinds) */
    int64_t occurred_at;
    int64_t received_at;   /* default: now */
    int64_t deadline_at;
};

/* Changes to a case's own fields; NULL/false leaves a field as it is. */
struct case_update_input {
    const char *title;
    const char *impact;
    const char *affected;
    const char *workaround;
    bool set_deadline;     /* deadline_at applies (0 clears it) */
    int64_t deadline_at;
    bool set_owner;        /* owner_id applies (0 unassigns) */
    int64_t owner_id;
    bool set_contact;      /* contact_id applies (0 clears) */
    int64_t contact_id;
};

/* One contact with the customer, to log. */
struct case_contact_input {
    const char *direction; /* "in" or "out", required */
    const char *channel;   /* required */
    const char *with_whom; /* default: the contact person's name */
    int64_t contact_id;
    int64_t duration_min;  /* -1: not given */
    int64_t occurred_at;   /* default: now */
    const char *summary;   /* required */
};

/* Which cases to list. */
struct case_filter {
    bool open_only;
    int status;            /* -1: any, else enum case_status */
    int64_t owner_id;      /* 0: anyone */
    int64_t customer_id;   /* 0: any */
    int kind;              /* -1: any, else enum case_kind */
    size_t limit;          /* 0: no limit */
    /* A page starts after this case in the list's order (newest received
     * first); 0: from the start. */
    int64_t after_received_at;
    int64_t after_id;
};

extern const char *const CASE_KIND_NAMES[];
extern const char *const CASE_IMPACT_NAMES[];
extern const char *const CASE_STATUS_NAMES[];

/* Names and the state machine */
const char *case_kind_label(enum case_kind kind);
const char *case_impact_label(enum case_impact impact);
const char *case_status_label(enum case_status status);
bool case_status_is_open(enum case_status status);
bool case_status_can_move(enum case_status from, enum case_status to);

/* Reading */
bool case_number_parse(const char *text, int *year, int *seq);
enum taio_status case_find(struct db *db, const char *number, int64_t *id);
enum taio_status case_get(struct db *db, int64_t id, struct case_rec *out);
enum taio_status case_list(struct db *db, const struct case_filter *filter,
                           struct case_rec **out, size_t *n_out);
void case_rec_clear(struct case_rec *c);
void case_list_free(struct case_rec *list, size_t n);

/* Writing */
enum taio_status case_begin_change(struct db *db, int64_t id,
                                   struct case_rec *c);
enum taio_status case_open(struct db *db, const struct actor *actor,
                           const struct tz *zone,
                           const struct case_open_input *in,
                           struct problems *problems, int64_t *id_out);
enum taio_status case_set_status(struct db *db, const struct actor *actor,
                                 int64_t id, const char *status,
                                 const char *comment,
                                 struct problems *problems);
enum taio_status case_reopen(struct db *db, const struct actor *actor,
                             int64_t id, const char *comment,
                             struct problems *problems);
enum taio_status case_set_eta(struct db *db, const struct actor *actor,
                              int64_t id, int64_t eta_at,
                              const char *eta_text,
                              struct problems *problems);
enum taio_status case_log_contact(struct db *db, const struct actor *actor,
                                  int64_t id,
                                  const struct case_contact_input *in,
                                  struct problems *problems,
                                  int64_t *entry_id);
enum taio_status case_add_note(struct db *db, const struct actor *actor,
                               int64_t id, const char *body,
                               struct problems *problems, int64_t *entry_id);
enum taio_status case_update(struct db *db, const struct actor *actor,
                             int64_t id, const struct case_update_input *in,
                             struct problems *problems);

#endif
