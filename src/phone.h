/* SPDX-License-Identifier: MIT */
#ifndef TAIO_PHONE_H
#define TAIO_PHONE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/problems.h"
#include "core/status.h"
#include "db/db.h"

/* One phone or FAX number of a customer or contact person. */
struct phone {
    char *label;  /* owned; "tel", "mobile", "fax" or free text */
    char *number; /* owned; as the user wrote it */
};

bool phone_check(struct problems *p, const char *field,
                 const char *const *numbers, size_t n);
enum taio_status phone_replace(struct db *db, bool of_contact,
                               int64_t owner_id, const char *const *numbers,
                               size_t n);
enum taio_status phone_change(struct db *db, bool of_contact,
                              int64_t owner_id, const char *const *numbers,
                              size_t n, int64_t now, int64_t user_id);
enum taio_status phone_list(struct db *db, bool of_contact, int64_t owner_id,
                            struct phone **out, size_t *n_out);
void phone_list_free(struct phone *list, size_t n);
char *phone_join(const struct phone *list, size_t n);

#endif
