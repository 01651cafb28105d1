/* SPDX-License-Identifier: MIT */
#ifndef TAIO_AGENDA_H
#define TAIO_AGENDA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar.h"
#include "case.h"
#include "core/status.h"
#include "db/db.h"
#include "settings.h"

/* What needs attention, in the order it is listed. */
enum agenda_kind {
    AGENDA_PROMISE_BROKEN, /* an open promise past its due time */
    AGENDA_PROMISE_DUE,    /* a promise inside its reminder lead time */
    AGENDA_SILENT,         /* no outbound contact for longer than cadence */
    AGENDA_NO_ETA,         /* no ETA given after the grace period */
    AGENDA_DEADLINE_RISK,  /* ETA after the deadline, or time running out */
    AGENDA_KIND_COUNT,
};

/* One thing to act on. */
struct agenda_item {
    enum agenda_kind kind;
    int64_t case_id;
    char *case_number;   /* owned */
    char *case_title;    /* owned */
    char *customer_name; /* owned */
    int64_t owner_id;    /* 0: unassigned */
    char *owner_login;   /* owned; NULL when unassigned */
    enum case_impact impact;
    int64_t due_at;      /* promise due time or deadline; 0: none */
    int64_t since_at;    /* when the condition began; 0: none */
    int64_t promise_id;  /* promise kinds only */
    char *promise_body;  /* owned; promise kinds only */
    char *to_whom;       /* owned; promise kinds only */
    int64_t last_outbound_at; /* silent only; 0: never contacted */
    int64_t cadence_min;      /* silent only */
    bool eta_after_deadline;  /* deadline_risk only */
};

/* The policy the rules apply, taken from the organisation's settings. */
struct agenda_policy {
    int64_t cadence_min[CASE_IMPACT_COUNT];
    int64_t eta_grace_min;
    int64_t risk_percent;
};

/* The facts about one open case that the case rules look at. */
struct agenda_case_facts {
    enum case_status status;
    enum case_impact impact;
    int64_t received_at;
    int64_t last_outbound_at; /* 0: never */
    int64_t eta_at;           /* 0: none (or words only) */
    int64_t eta_given_at;     /* 0: no ETA given */
    int64_t deadline_at;      /* 0: none */
};

extern const char *const AGENDA_KIND_NAMES[];
const char *agenda_kind_label(enum agenda_kind kind);
void agenda_policy_from(const struct settings *s, struct agenda_policy *out);

/* The rules: pure functions of the facts, the calendar and the clock */
bool agenda_promise_rule(int64_t due_at, int64_t remind_min, int64_t now,
                         enum agenda_kind *kind);
bool agenda_silent_rule(const struct calendar *cal,
                        const struct calendar_windows *win,
                        const struct agenda_policy *policy,
                        const struct agenda_case_facts *facts, int64_t now,
                        int64_t *since);
bool agenda_no_eta_rule(const struct calendar *cal,
                        const struct agenda_policy *policy,
                        const struct agenda_case_facts *facts, int64_t now,
                        int64_t *since);
bool agenda_deadline_rule(const struct agenda_policy *policy,
                          const struct agenda_case_facts *facts, int64_t now,
                          int64_t *since, bool *eta_after_deadline);

/* Where an item stands in the agenda's order; pages resume after one. */
struct agenda_key {
    int64_t kind;
    int64_t impact;
    int64_t time;       /* due time or start of the condition */
    int64_t case_id;
    int64_t promise_id; /* 0 for the case kinds */
};

void agenda_key_of(const struct agenda_item *it, struct agenda_key *key);
int agenda_key_compare(const struct agenda_key *a, const struct agenda_key *b);

/* A case the scheduler watches: the next moment one of its rules can
 * start to hold (0: none). */
struct agenda_watch {
    int64_t case_id;
    int64_t next_at;
};

/* Gathering the agenda from the store */
enum taio_status agenda_collect(struct db *db, const struct settings *s,
                                int64_t user_id, int64_t now,
                                struct agenda_item **out, size_t *n_out);
enum taio_status agenda_promises_between(struct db *db, int64_t from,
                                         int64_t to,
                                         struct agenda_item **out,
                                         size_t *n_out);
enum taio_status agenda_cases_check(struct db *db, const struct settings *s,
                                    const int64_t *ids, size_t n_ids,
                                    int64_t now, struct agenda_item **out,
                                    size_t *n_out, struct agenda_watch **watch,
                                    size_t *n_watch);
void agenda_sort(struct agenda_item *items, size_t n);
void agenda_count(const struct agenda_item *items, size_t n,
                  size_t counts[AGENDA_KIND_COUNT]);
void agenda_free(struct agenda_item *items, size_t n);

#endif
