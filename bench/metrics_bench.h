/* SPDX-License-Identifier: MIT */
#ifndef TAIO_BENCH_METRICS_BENCH_H
#define TAIO_BENCH_METRICS_BENCH_H

#include <stdint.h>

#include "core/status.h"
#include "db/db.h"
#include "sample.h"
#include "settings.h"

/* What the metrics measurement found. */
struct metrics_results {
    struct sample quarter; /* the page's default: 90 days up to the clock */
    struct sample year;    /* the 365 days up to the clock */
    struct sample all;     /* every case */
    int64_t quarter_cases;
    int64_t year_cases;
    int64_t all_cases;
};

enum taio_status metrics_measure(struct db *db, const struct settings *s,
                                 int64_t now, int64_t rounds,
                                 struct metrics_results *out);
void metrics_results_clear(struct metrics_results *r);

#endif
