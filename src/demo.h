/* SPDX-License-Identifier: MIT */
#ifndef TAIO_DEMO_H
#define TAIO_DEMO_H

#include <stdint.h>

#include "core/status.h"
#include "db/db.h"
#include "settings.h"

/* What taio demo created. */
struct demo_summary {
    int64_t users;
    int64_t customers;
    int64_t cases;
    int64_t promises;
    const char *login; /* static; a user worth acting as */
};

enum taio_status demo_fill(struct db *db, const struct settings *s,
                           int64_t now, struct demo_summary *out);

#endif
