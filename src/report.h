/* SPDX-License-Identifier: MIT */
#ifndef TAIO_REPORT_H
#define TAIO_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "case.h"
#include "core/buf.h"
#include "core/problems.h"
#include "core/status.h"
#include "db/db.h"
#include "promise.h"
#include "settings.h"
#include "user.h"

enum report_state {
    REPORT_DRAFT,
    REPORT_SUBMITTED,
    REPORT_RETURNED,
    REPORT_APPROVED,
    REPORT_SENT,
    REPORT_STATE_COUNT,
};

extern const char *const REPORT_STATE_NAMES[];

/* An incident report (報告書) of one case. */
struct report {
    int64_t id;
    int64_t case_id;
    enum report_state state;
    char *cause;            /* owned; 原因 */
    char *response;         /* owned; 影響を受けた方への対応 */
    char *prevention;       /* owned; 再発防止策 */
    char *went_well;        /* owned */
    char *went_badly;       /* owned */
    char *cause_category;   /* owned; NULL: not chosen */
    char *recipients;       /* owned; who it is for, e.g. 市教育委員会 */
    char *review_comment;   /* owned; why it was returned, or NULL */
    char *author_name;      /* owned */
    char *submitted_by_name; /* owned; NULL until submitted */
    char *approved_by_name; /* owned; NULL until approved */
    char *sent_by_name;     /* owned; NULL until sent */
    char *sent_channel;     /* owned */
    char *sent_to;          /* owned */
    int64_t created_at;
    int64_t updated_at;
    int64_t submitted_at;
    int64_t approved_at;
    int64_t sent_at;
    int64_t version;
};

/* What people write; NULL leaves a field as it is. */
struct report_input {
    const char *cause;
    const char *response;
    const char *prevention;
    const char *went_well;
    const char *went_badly;
    const char *cause_category; /* one of report.causes; "" clears */
    const char *recipients;
};

/* How an approved report went out. */
struct report_send_input {
    const char *channel; /* email, fax, letter, visit, hand */
    const char *to;      /* whom; for email the addresses, comma-separated */
};

/* What taio fills in from the case: the condensed timeline. */
struct report_facts {
    int64_t received_at;
    int64_t first_contact_at; /* first contact we made; 0: none */
    int64_t eta_given_at;     /* first ETA told; 0: none */
    char *first_eta;          /* owned; its wording or time; NULL */
    int64_t resolved_at;      /* 0: not yet */
    int64_t closed_at;
    struct promise *promises; /* owned; every promise, oldest first */
    size_t n_promises;
    size_t n_kept_on_time;
};

extern const char *const REPORT_CHANNEL_NAMES[];

const char *report_state_label(enum report_state state);
const char *report_cause_label(const char *cause);
const char *report_step_label(const char *step);

enum taio_status report_get(struct db *db, int64_t case_id,
                            struct report *out);
void report_clear(struct report *r);
enum taio_status report_facts_get(struct db *db, const struct case_rec *c,
                                  const struct tz *zone,
                                  struct report_facts *out);
void report_facts_clear(struct report_facts *f);

enum taio_status report_save(struct db *db, const struct actor *actor,
                             const struct settings *s, int64_t case_id,
                             const struct report_input *in, int64_t version,
                             struct problems *problems);
enum taio_status report_submit(struct db *db, const struct actor *actor,
                               int64_t case_id, struct problems *problems);
enum taio_status report_approve(struct db *db, const struct actor *actor,
                                int64_t case_id, struct problems *problems);
enum taio_status report_return(struct db *db, const struct actor *actor,
                               int64_t case_id, const char *comment,
                               struct problems *problems);
enum taio_status report_send(struct db *db, const struct actor *actor,
                             const struct settings *s, int64_t case_id,
                             const struct report_send_input *in,
                             struct problems *problems);
enum taio_status report_waive(struct db *db, const struct actor *actor,
                              int64_t case_id, const char *reason,
                              struct problems *problems);

void report_text(const struct settings *s, const struct case_rec *c,
                 const struct report *r, const struct report_facts *f,
                 int64_t now, bool markdown, struct buf *out);

#endif
