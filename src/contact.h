/* SPDX-License-Identifier: MIT */
#ifndef TAIO_CONTACT_H
#define TAIO_CONTACT_H

#include <stddef.h>
#include <stdint.h>

#include "core/problems.h"
#include "core/status.h"
#include "db/db.h"
#include "phone.h"
#include "user.h"

/* A person at a customer, with their own channels and windows. */
struct contact {
    int64_t id;
    int64_t customer_id;
    char *customer_name; /* owned */
    char *name;          /* owned */
    char *reading;       /* owned; may be "" */
    char *title;         /* owned; role or department, may be "" */
    char *email;         /* owned; may be NULL */
    char *channels;      /* owned; most preferred first; "" inherits */
    char *hours;         /* owned; NULL inherits the customer's */
    char *closed_days;   /* owned; NULL inherits */
    char *notes;         /* owned */
    char *lang;          /* owned; "ja", "en"; NULL: the customer's */
    int64_t version;
    struct phone *phones; /* owned */
    size_t n_phones;
};

/* Fields for contact_add and contact_update; NULL leaves a field unset or
 * unchanged, "" clears an optional one. */
struct contact_input {
    const char *name;
    const char *reading;
    const char *title;
    const char *email;
    const char *channels;
    const char *hours;
    const char *closed_days;
    const char *notes;
    const char *lang;    /* "ja" or "en" for their mail; "" clears */
    const char *const *phones; /* replaces all numbers when non-NULL */
    size_t n_phones;
};

enum taio_status contact_add(struct db *db, const struct actor *actor,
                             int64_t customer_id,
                             const struct contact_input *in,
                             struct problems *problems, int64_t *id_out);
enum taio_status contact_update(struct db *db, const struct actor *actor,
                                int64_t id, const struct contact_input *in,
                                struct problems *problems);
enum taio_status contact_get(struct db *db, int64_t id, struct contact *out);
enum taio_status contact_list(struct db *db, int64_t customer_id,
                              struct contact **out, size_t *n_out);
void contact_clear(struct contact *c);
void contact_list_free(struct contact *list, size_t n);
enum taio_status contact_resolve(struct db *db, int64_t customer_id,
                                 const char *ref, const char *field,
                                 struct problems *problems, int64_t *id_out);

#endif
