/* SPDX-License-Identifier: MIT */
#ifndef TAIO_BENCH_LESSON_BENCH_H
#define TAIO_BENCH_LESSON_BENCH_H

#include <stdint.h>

#include "core/status.h"
#include "db/db.h"
#include "sample.h"

/* What the suggestion measurement found. */
struct lesson_results {
    int64_t lessons;        /* approved reports written for it */
    struct sample similar;  /* lesson_similar for an open case's words */
    int64_t suggested;      /* lessons suggested, summed */
};

enum taio_status lesson_measure(struct db *db, int64_t rounds,
                                struct lesson_results *out);
void lesson_results_clear(struct lesson_results *r);

#endif
