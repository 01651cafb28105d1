/* SPDX-License-Identifier: MIT */
#ifndef TAIO_SCHEDULE_H
#define TAIO_SCHEDULE_H

#include <stddef.h>
#include <stdint.h>

#include "core/i18n.h"
#include "core/status.h"
#include "db/db.h"
#include "settings.h"

/* What one pass of the scheduler found and wrote. */
struct schedule_counts {
    size_t items;    /* on the agenda at that moment */
    size_t notified; /* notifications written (new events only) */
};

enum taio_status schedule_tick(struct db *db, const struct settings *s,
                               enum i18n_lang lang, int64_t now,
                               struct schedule_counts *counts);

#endif
