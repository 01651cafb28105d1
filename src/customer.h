/* SPDX-License-Identifier: MIT */
#ifndef TAIO_CUSTOMER_H
#define TAIO_CUSTOMER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/problems.h"
#include "core/status.h"
#include "db/db.h"
#include "phone.h"
#include "user.h"

enum customer_kind {
    CUSTOMER_ORGANIZATION,
    CUSTOMER_PERSON,
};

enum customer_flag_kind {
    FLAG_UNPAID,  /* unpaid balance */
    FLAG_ABUSIVE, /* abused staff before */
    FLAG_CAUTION, /* anything else staff must know at once */
};

/* A standing warning about a customer. */
struct customer_flag {
    int64_t id;
    enum customer_flag_kind kind;
    char *reason;       /* owned */
    int64_t set_at;
    char *set_by_login; /* owned; NULL for the system */
};

/* A customer with its numbers and active flags. */
struct customer {
    int64_t id;
    enum customer_kind kind;
    char *name;          /* owned */
    char *reading;       /* owned; kana, may be "" */
    int64_t parent_id;   /* 0: top level */
    char *parent_name;   /* owned; NULL at top level */
    char *email;         /* owned; may be NULL */
    char *address;       /* owned; may be NULL */
    char *channels;      /* owned; "phone,fax", most preferred first */
    char *hours;         /* owned; reachable hours; NULL: ours */
    char *closed_days;   /* owned; may be NULL */
    char *notes;         /* owned; handling notes */
    char *lang;          /* owned; "ja", "en"; NULL: the organisation's */
    int64_t version;
    int64_t created_at;
    int64_t updated_at;
    struct phone *phones; /* owned */
    size_t n_phones;
    struct customer_flag *flags; /* owned; active flags only */
    size_t n_flags;
};

/* Fields for customer_add and customer_update; NULL leaves a field unset
 * or unchanged, "" clears an optional one. */
struct customer_input {
    const char *kind; /* "organization" or "person" */
    const char *name;
    const char *reading;
    const char *parent; /* reference, see customer_resolve(); "" clears */
    const char *email;
    const char *address;
    const char *channels;
    const char *hours;
    const char *closed_days;
    const char *notes;
    const char *lang; /* "ja" or "en" for their mail; "" clears */
    const char *const *phones; /* replaces all numbers when non-NULL */
    size_t n_phones;
};

/* One search result. */
struct customer_match {
    int64_t id;
    char *name;        /* owned */
    char *reading;     /* owned */
    char *parent_name; /* owned; may be NULL */
    char *phone;       /* owned; first number, may be NULL */
    int64_t n_flags;   /* active flags */
};

extern const char *const CUSTOMER_KIND_NAMES[];
extern const char *const CUSTOMER_FLAG_NAMES[];
const char *customer_flag_label(enum customer_flag_kind kind);

enum taio_status customer_add(struct db *db, const struct actor *actor,
                              const struct customer_input *in,
                              struct problems *problems, int64_t *id_out);
enum taio_status customer_update(struct db *db, const struct actor *actor,
                                 int64_t id, const struct customer_input *in,
                                 struct problems *problems);
enum taio_status customer_get(struct db *db, int64_t id,
                              struct customer *out);
void customer_clear(struct customer *c);

enum taio_status customer_search(struct db *db, const char *query,
                                 size_t limit, struct customer_match **out,
                                 size_t *n_out);
void customer_match_free(struct customer_match *list, size_t n);
enum taio_status customer_children(struct db *db, int64_t id,
                                   struct customer_match **out,
                                   size_t *n_out);
enum taio_status customer_resolve(struct db *db, const char *ref,
                                  const char *field,
                                  struct problems *problems, int64_t *id_out);

enum taio_status customer_flag_set(struct db *db, const struct actor *actor,
                                   int64_t id, const char *kind,
                                   const char *reason,
                                   struct problems *problems);
enum taio_status customer_flag_clear(struct db *db, const struct actor *actor,
                                     int64_t id, const char *kind,
                                     const char *reason,
                                     struct problems *problems);

#endif
