/* SPDX-License-Identifier: MIT */
#ifndef TAIO_CASE_VIEW_H
#define TAIO_CASE_VIEW_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "case.h"
#include "core/status.h"
#include "core/tz.h"
#include "customer.h"
#include "db/db.h"
#include "promise.h"
#include "timeline.h"

/* Everything shown about one case: the case, its customer (for the flags
 * staff must see first), its promises and its timeline. */
struct case_view {
    struct case_rec c;
    struct customer customer;
    struct promise *promises; /* owned array of n_promises */
    size_t n_promises;
    struct timeline_event *events; /* owned array of n_events, oldest first */
    size_t n_events;
};

enum taio_status case_view_load(struct db *db, int64_t id,
                                struct case_view *out);
void case_view_clear(struct case_view *v);
json_t *case_view_json(const struct case_view *v, const struct tz *zone,
                       int64_t now);

#endif
