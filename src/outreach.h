/* SPDX-License-Identifier: MIT */
#ifndef TAIO_OUTREACH_H
#define TAIO_OUTREACH_H

#include <stdbool.h>
#include <stdint.h>

#include "case.h"
#include "core/problems.h"
#include "core/status.h"
#include "db/db.h"
#include "settings.h"
#include "user.h"

/* How an update to the customer went out (outreach.c). */
struct outreach_result {
    bool by_mail;        /* a mail in the outbox; else a task */
    int64_t send_at;     /* the mail leaves from then; the task's start */
    int64_t promise_id;  /* the task: a promise to contact them; 0: none */
    char channel[16];    /* the channel used or asked of a person */
};

enum taio_status outreach_update(struct db *db, const struct actor *actor,
                                 const struct settings *s, int64_t case_id,
                                 const char *text, bool anytime,
                                 struct problems *p,
                                 struct outreach_result *out);

#endif
