/* SPDX-License-Identifier: MIT */
#ifndef TAIO_BENCH_MEASURE_H
#define TAIO_BENCH_MEASURE_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "db/db.h"
#include "people.h"
#include "raw.h"
#include "sample.h"
#include "settings.h"

/* What the measurements run against; all borrowed. */
struct measure {
    struct db *db;                 /* taio's connection (db.h) */
    struct raw *raw;               /* the C API connection, same file */
    const struct settings *s;
    const struct people *people;
    int64_t now;                   /* the benchmark's clock */
    int64_t batch;                 /* operations per batch */
};

/* The latencies of every measured operation. */
struct measure_results {
    struct sample intake_taio;  /* case_open + log_contact + promise_add */
    struct sample intake_dbh;   /* the same rows through db.h, no checks */
    struct sample intake_raw;   /* the same rows through the C API */
    struct sample agenda_taio;  /* agenda_collect for one user */
    struct sample agenda_raw;   /* its two queries through the C API */
    size_t agenda_items;        /* items returned, over all calls */
    size_t agenda_raw_rows;     /* rows read, over all raw calls */
};

enum taio_status measure_intake(const struct measure *m, int64_t n,
                                int64_t warmup, struct measure_results *out);
enum taio_status measure_agenda(const struct measure *m, int64_t n,
                                int64_t warmup, struct measure_results *out);
void measure_results_clear(struct measure_results *r);

#endif
