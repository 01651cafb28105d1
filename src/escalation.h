/* SPDX-License-Identifier: MIT */
#ifndef TAIO_ESCALATION_H
#define TAIO_ESCALATION_H

#include <stdint.h>

#include "core/problems.h"
#include "core/status.h"
#include "db/db.h"
#include "user.h"

/* Hand a case up the manager chain (escalation.c). */
enum taio_status escalation_raise(struct db *db, const struct actor *actor,
                                  int64_t case_id, const char *reason,
                                  struct problems *problems,
                                  int64_t *manager_id);

#endif
