/* SPDX-License-Identifier: MIT */
#ifndef TAIO_BENCH_GEN_CASES_H
#define TAIO_BENCH_GEN_CASES_H

#include <stdint.h>

#include "core/status.h"
#include "db/db.h"
#include "people.h"
#include "rng.h"
#include "settings.h"

/* The shape of the case history to generate. */
struct gen_cases_params {
    int64_t cases;         /* rows in cases */
    int64_t events;        /* rows in case_events, exactly */
    int64_t promises;      /* open promises, exactly */
    int open_permille;     /* cases not yet closed (open, resolved,
                              reported), about */
    int overdue_permille;  /* open promises already past due, about */
    int years;             /* how far back cases were received */
    int64_t now;           /* the benchmark's clock; nothing is later */
};

enum taio_status gen_cases(struct db *db, const struct settings *s,
                           const struct people *people,
                           const struct gen_cases_params *params,
                           struct rng *rng);

#endif
