/* SPDX-License-Identifier: MIT */
#ifndef TAIO_INTAKE_H
#define TAIO_INTAKE_H

#include <stdbool.h>
#include <stdint.h>

#include "case.h"
#include "core/problems.h"
#include "core/status.h"
#include "db/db.h"
#include "settings.h"
#include "user.h"

/* A new case as taken during the call, with what was told to the
 * customer before hanging up. */
struct intake_input {
    struct case_open_input open;
    bool give_eta;            /* eta_at / eta_text apply */
    int64_t eta_at;           /* 0: only words */
    const char *eta_text;
    bool promise;             /* promise_due_at and the rest apply */
    int64_t promise_due_at;
    const char *promise_text; /* default: a callback */
    const char *promise_to;   /* default: the case's contact person */
};

enum taio_status intake_open(struct db *db, const struct actor *actor,
                             const struct settings *settings,
                             const struct intake_input *in,
                             struct problems *problems, int64_t *id_out);

#endif
