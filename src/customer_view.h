/* SPDX-License-Identifier: MIT */
#ifndef TAIO_CUSTOMER_VIEW_H
#define TAIO_CUSTOMER_VIEW_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "case.h"
#include "contact.h"
#include "core/status.h"
#include "core/tz.h"
#include "customer.h"
#include "db/db.h"
#include "windows.h"

/* Everything shown about one customer: the card (flags first), the
 * organisations under it, busy periods, contact people and recent cases. */
struct customer_view {
    struct customer customer;
    struct customer_match *children; /* owned array of n_children */
    size_t n_children;
    struct windows_busy *busy;       /* owned array of n_busy */
    size_t n_busy;
    struct contact *contacts;        /* owned array of n_contacts */
    size_t n_contacts;
    struct case_rec *cases;          /* owned; the 20 most recent */
    size_t n_cases;
};

enum taio_status customer_view_load(struct db *db, int64_t id,
                                    struct customer_view *out);
void customer_view_clear(struct customer_view *v);
json_t *customer_view_json(const struct customer_view *v,
                           const struct tz *zone);

#endif
