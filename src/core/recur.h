/* SPDX-License-Identifier: MIT */
#ifndef TAIO_CORE_RECUR_H
#define TAIO_CORE_RECUR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "core/tz.h"

/* One occurrence of a repeating period, UTC seconds: [from_at, to_at). */
struct recur_interval {
    int64_t from_at;
    int64_t to_at;
};

bool recur_rule_valid(const char *rule);
enum taio_status recur_expand(const struct tz *zone, const char *rule,
                              int64_t first_from, int64_t duration,
                              int64_t horizon_from, int64_t horizon_to,
                              size_t max, struct recur_interval **out,
                              size_t *n_out);

#endif
