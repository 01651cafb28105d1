/* SPDX-License-Identifier: MIT */
#ifndef TAIO_BENCH_RAW_H
#define TAIO_BENCH_RAW_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "intake.h"

/* A connection through the SQLite C API itself, with the baseline
 * statements prepared once; opaque. */
struct raw;

/* The binds of the agenda's queries, as agenda_collect computes them. */
struct raw_agenda_args {
    int64_t user_id;
    int64_t promises_until; /* now + the longest reminder lead */
    int64_t silent_before;  /* now - the shortest cadence */
    int64_t no_eta_before;  /* now - the ETA grace */
};

enum taio_status raw_open(const char *path, struct raw **out);
void raw_close(struct raw *r);
const char *raw_sqlite_version(void);
enum taio_status raw_exec(struct raw *r, const char *sql);
enum taio_status raw_intake(struct raw *r, const struct intake_spec *in,
                            const struct intake_rows *rows);
enum taio_status raw_agenda(struct raw *r, const struct raw_agenda_args *a,
                            size_t *n_rows);

#endif
