/* SPDX-License-Identifier: MIT */
#ifndef TAIO_METRICS_H
#define TAIO_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "core/problems.h"
#include "core/status.h"
#include "db/db.h"
#include "settings.h"

/* Which cases count: received in [from_at, to_at), of the team of
 * manager_id (the manager and whoever reports to them; 0: everyone). */
struct metrics_query {
    int64_t from_at;
    int64_t to_at;
    int64_t manager_id;
};

/* A duration over the cases that have it, in minutes. */
struct metrics_stat {
    int64_t n;
    int64_t median_min;
    int64_t mean_min;
    int64_t max_min;
};

/* One row of a breakdown. */
struct metrics_count {
    char *name;   /* owned: a kind, cause, customer or owner */
    int64_t n;
};

/* A list of counts, largest first. */
struct metrics_counts {
    struct metrics_count *items; /* owned */
    size_t n;
};

/* One week (from Monday 00:00 local). */
struct metrics_week {
    int64_t start_at;
    int64_t cases;
    int64_t promises_due;
    int64_t promises_on_time;
};

/* What the desk did in a period. */
struct metrics {
    int64_t cases;               /* received */
    int64_t resolved;            /* of those, resolved by now */
    int64_t promises_due;        /* due in the period, not cancelled */
    int64_t promises_on_time;    /* kept (or moved with consent) in time */
    struct metrics_stat first_contact; /* received -> our first call */
    struct metrics_stat first_eta;     /* received -> first ETA told */
    struct metrics_stat resolution;    /* received -> resolved */
    struct metrics_stat silence;       /* each case's longest gap
                                          without news from us */
    int64_t reports_due;         /* resolved cases needing a report */
    int64_t reports_same_day;    /* submitted by that business day's end */
    int64_t recurrences;         /* cases whose customer had a case of
                                    the same cause in the 90 days before */
    struct metrics_counts by_kind;
    struct metrics_counts by_cause;
    struct metrics_counts by_customer;
    struct metrics_counts by_owner;
    struct metrics_week *weeks;  /* owned; oldest first */
    size_t n_weeks;
};

enum taio_status metrics_compute(struct db *db, const struct settings *s,
                                 const struct metrics_query *q, int64_t now,
                                 struct problems *p, struct metrics *out);
void metrics_clear(struct metrics *m);
int64_t metrics_percent(int64_t part, int64_t whole);

#endif
