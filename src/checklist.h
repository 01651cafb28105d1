/* SPDX-License-Identifier: MIT */
#ifndef TAIO_CHECKLIST_H
#define TAIO_CHECKLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/problems.h"
#include "core/status.h"
#include "db/db.h"
#include "user.h"

/* One item of a template. */
struct checklist_template_item {
    char *text;    /* owned */
    bool required;
};

/* A checklist template and the cases it applies to. */
struct checklist_template {
    int64_t id;
    char *name;    /* owned */
    char *kinds;   /* owned; case kinds, comma-separated; "" any */
    char *tags;    /* owned; tags, comma-separated; "" any */
    bool active;
    struct checklist_template_item *items; /* owned */
    size_t n_items;
};

/* An item on a case. */
struct checklist_item {
    int64_t id;
    char *template_name;  /* owned */
    char *text;           /* owned */
    bool required;
    int64_t done_at;      /* 0: open */
    char *done_by;        /* owned; login, NULL while open */
};

enum taio_status checklist_template_add(struct db *db,
                                        const struct actor *actor,
                                        const char *name, const char *kinds,
                                        const char *tags,
                                        const char *const *items,
                                        size_t n_items,
                                        struct problems *problems,
                                        int64_t *id_out);
/* A change to a template; NULL members keep what is there. */
struct checklist_change {
    const char *name;           /* a new name */
    const char *kinds;
    const char *tags;
    const char *const *items;   /* replaces every item ("!": required) */
    size_t n_items;
};

enum taio_status checklist_template_edit(struct db *db,
                                         const struct actor *actor,
                                         const char *name,
                                         const struct checklist_change *ch,
                                         struct problems *problems);
enum taio_status checklist_template_remove(struct db *db,
                                           const struct actor *actor,
                                           const char *name,
                                           struct problems *problems);
enum taio_status checklist_template_list(struct db *db,
                                         struct checklist_template **out,
                                         size_t *n_out);
void checklist_template_list_free(struct checklist_template *list, size_t n);

enum taio_status checklist_apply(struct db *db, int64_t case_id);
enum taio_status checklist_tag(struct db *db, const struct actor *actor,
                               int64_t case_id, const char *tag,
                               struct problems *problems);
enum taio_status checklist_items(struct db *db, int64_t case_id,
                                 struct checklist_item **out, size_t *n_out);
void checklist_items_free(struct checklist_item *list, size_t n);
enum taio_status checklist_tick(struct db *db, const struct actor *actor,
                                int64_t case_id, int64_t item_id, bool done,
                                struct problems *problems);
enum taio_status checklist_override(struct db *db, const struct actor *actor,
                                    int64_t case_id, const char *reason,
                                    struct problems *problems);

#endif
