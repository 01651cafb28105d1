/* SPDX-License-Identifier: MIT */
#ifndef TAIO_INPUT_H
#define TAIO_INPUT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/problems.h"
#include "core/status.h"
#include "core/tz.h"
#include "db/db.h"
#include "metrics.h"
#include "settings.h"

/* Reading what a person typed into a field, for the CLI and the API
 * alike; each records a problem for field when the text is unusable. */
bool input_time(const struct settings *settings, int64_t now,
                const char *field, const char *text, int64_t *out,
                struct problems *problems);
bool input_duration(const struct settings *settings, const char *field,
                    const char *text, int64_t *minutes,
                    struct problems *problems);
enum taio_status input_case(struct db *db, const char *ref, int64_t *id,
                            struct problems *problems);
bool input_user(struct db *db, const char *field, const char *login,
                int64_t *id, struct problems *problems);
bool input_case_contact(struct db *db, int64_t case_id, const char *field,
                        const char *ref, int64_t *contact_id,
                        struct problems *problems);

bool input_metrics_query(struct db *db, const struct settings *settings,
                         int64_t now, const char *from, const char *to,
                         const char *team, struct metrics_query *q,
                         struct problems *problems);

#endif
