/* SPDX-License-Identifier: MIT */
#ifndef TAIO_BENCH_INTAKE_H
#define TAIO_BENCH_INTAKE_H

#include <stdint.h>

#include "core/status.h"
#include "db/db.h"
#include "people.h"
#include "rng.h"
#include "settings.h"
#include "user.h"

/* One case intake as a clerk types it in: the case, its first contact
 * (the call that reported it) and a callback promise. Strings point into
 * static tables, the buffers below or people (borrowed). */
struct intake_spec {
    int64_t customer_id;
    int64_t contact_id;      /* 0: none */
    const char *to_whom;     /* the contact person, else the customer */
    const char *kind;
    const char *impact;
    const char *channel;
    char title[160];
    char reported[512];
    const char *summary;     /* of the first contact */
    const char *promise_body;
    int64_t received_at;
    int64_t occurred_at;     /* 0: not known */
    int64_t duration_min;    /* of the first contact */
    int64_t due_at;          /* of the promise */
};

/* The rows of one intake written without taio's domain code: where the
 * case number comes from, who writes and when. */
struct intake_rows {
    int year;        /* of now, in the organisation's zone */
    int64_t seq;     /* number within the year; the caller keeps it free */
    int64_t actor_id;
    int64_t now;
    int64_t remind_min; /* the organisation's default lead time */
};

void intake_spec_make(struct rng *rng, const struct people *people,
                      int64_t now, struct intake_spec *out);
enum taio_status intake_taio(struct db *db, const struct settings *s,
                             const struct actor *actor,
                             const struct intake_spec *in);
enum taio_status intake_dbh(struct db *db, const struct intake_spec *in,
                            const struct intake_rows *rows);
enum taio_status intake_last_seq(struct db *db, int year, int64_t *seq);
enum taio_status intake_remove(struct db *db, int64_t user_id,
                               int64_t *removed);

#endif
