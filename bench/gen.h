/* SPDX-License-Identifier: MIT */
#ifndef TAIO_BENCH_GEN_H
#define TAIO_BENCH_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "gen_cases.h"
#include "people.h"

/* Everything that decides the content of a benchmark database. */
struct gen_params {
    struct people_counts people;
    struct gen_cases_params cases;
    uint64_t seed;
};

/* What gen_ensure did. */
struct gen_result {
    bool generated;    /* false: an existing database was reused */
    double seconds;    /* generation time (recorded at generation when
                          reused) */
};

void gen_params_default(struct gen_params *p);
enum taio_status gen_ensure(const char *path, const struct gen_params *p,
                            bool force, struct gen_result *out);

#endif
