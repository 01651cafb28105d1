/* SPDX-License-Identifier: MIT */
#ifndef TAIO_BENCH_PEOPLE_H
#define TAIO_BENCH_PEOPLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/progress.h"
#include "core/status.h"
#include "db/db.h"
#include "rng.h"

/* Login of the agent who opens the cases of the intake measurement; kept
 * out of the agenda rotation so rows left by earlier runs do not change
 * what the agenda measurement reads. */
#define PEOPLE_INTAKE_LOGIN "bench.intake"

/* How many people to generate. */
struct people_counts {
    int64_t users;     /* staff, besides the intake agent */
    int64_t customers; /* organisations (some with a parent) and persons */
};

/* One customer as the case generator and the intake need it. */
struct people_customer {
    int64_t id;
    int64_t contact_id;  /* its first contact person; 0: none */
    char *contact_name;  /* owned; NULL when there is no contact person */
    char *name;          /* owned; the customer's own name */
};

/* The staff and customers of a generated database, by id. */
struct people {
    int64_t *agents;     /* owned; active agents (case owners) */
    size_t n_agents;
    int64_t *managers;   /* owned */
    size_t n_managers;
    int64_t *clerks;     /* owned */
    size_t n_clerks;
    struct people_customer *customers; /* owned */
    size_t n_customers;
    int64_t intake_user; /* the PEOPLE_INTAKE_LOGIN agent */
};

enum taio_status people_generate(struct db *db,
                                 const struct people_counts *counts,
                                 int64_t created_at, struct rng *rng);
enum taio_status people_load(struct db *db, struct people *out);
void people_clear(struct people *p);

#endif
