/* SPDX-License-Identifier: MIT */
#ifndef TAIO_HISTORY_H
#define TAIO_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "db/db.h"

/* One recorded change of a non-case record. */
struct history_entry {
    int64_t id;
    int64_t at;
    int64_t actor_id;  /* 0: the system */
    char *actor_login; /* NULL for the system */
    char *entity;      /* 'user', 'customer', 'contact', 'setting', 'flag' */
    int64_t entity_id;
    char *action;      /* 'create', 'update', 'delete' */
    char *field;       /* NULL for create/delete */
    char *old_value;
    char *new_value;
};

enum taio_status history_record(struct db *db, int64_t at, int64_t actor_id,
                                const char *entity, int64_t entity_id,
                                const char *action, const char *field,
                                const char *old_value, const char *new_value);
enum taio_status history_record_change(struct db *db, int64_t at,
                                       int64_t actor_id, const char *entity,
                                       int64_t entity_id, const char *field,
                                       const char *old_value,
                                       const char *new_value);
enum taio_status history_list(struct db *db, const char *entity,
                              int64_t entity_id, struct history_entry **out,
                              size_t *n_out);
void history_list_free(struct history_entry *list, size_t n);

#endif
