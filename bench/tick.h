/* SPDX-License-Identifier: MIT */
#ifndef TAIO_BENCH_TICK_H
#define TAIO_BENCH_TICK_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "db/db.h"
#include "sample.h"
#include "settings.h"

/* What the scheduler's measurement found. */
struct tick_results {
    int64_t first_ns;        /* the first pass: a sweep of everything */
    size_t first_notified;   /* notifications it wrote */
    struct sample idle;      /* passes with nothing new: the same second */
    struct sample every_30s; /* passes 30 s apart, as taio serve runs */
    size_t notified_30s;     /* notifications those wrote */
    struct sample team;      /* agenda_collect of the whole team: what a
                                pass read before it kept a memory */
};

enum taio_status tick_measure(struct db *db, const struct settings *s,
                              int64_t now, int64_t n,
                              struct tick_results *out);
void tick_results_clear(struct tick_results *r);

#endif
