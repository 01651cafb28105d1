/* SPDX-License-Identifier: MIT */
#ifndef TAIO_HOOK_H
#define TAIO_HOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/problems.h"
#include "core/status.h"
#include "core/tz.h"
#include "db/db.h"
#include "notify.h"
#include "user.h"

/* A webhook as configured (its secret is never read back). */
struct hook {
    int64_t id;
    char *name;    /* owned */
    char *url;     /* owned */
    char *format;  /* owned; "json", "slack" or "teams" */
    char *kinds;   /* owned; comma-separated event kinds; "": all */
    char *lang;    /* owned; "ja", "en" for its texts; NULL: the server's */
    bool active;   /* false once removed */
    int64_t created_at;
};

extern const char *const HOOK_FORMAT_NAMES[];

/* What a new webhook is; NULL format, kinds, lang take the defaults. */
struct hook_input {
    const char *name;
    const char *url;
    const char *format; /* "json" (default), "slack", "teams" */
    const char *kinds;  /* comma-separated event kinds; NULL or "": all */
    const char *lang;   /* "ja", "en"; NULL or "": the server's */
};

enum taio_status hook_add(struct db *db, const struct actor *actor,
                          const struct hook_input *in, struct problems *p,
                          char **secret_out);
enum taio_status hook_list(struct db *db, struct hook **out, size_t *n_out);
void hook_list_free(struct hook *list, size_t n);
enum taio_status hook_remove(struct db *db, const struct actor *actor,
                             const char *name, struct problems *p);
enum taio_status hook_active(struct db *db, struct hook **out, size_t *n_out);
enum taio_status hook_enqueue(struct db *db, const struct tz *zone,
                              const struct hook *hooks, size_t n,
                              const struct notify_event *ev, int64_t now);

#endif
