/* SPDX-License-Identifier: MIT */
#ifndef TAIO_WEB_SCHEDULER_H
#define TAIO_WEB_SCHEDULER_H

#include <pthread.h>
#include <stdbool.h>

#include "core/i18n.h"
#include "core/status.h"
#include "db/db.h"
#include "notify.h"

/* The scheduler of taio serve: one thread with its own store connection
 * that runs a pass of schedule.c and delivers the outbox (notify.c) at
 * start and then every interval, until stopped. Owns its lock. */
struct scheduler {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;      /* stop, or a pass is wanted now */
    bool stopping;
    bool started;
    struct db *db;            /* owned; the scheduler's connection */
    struct notify_mail mail;  /* borrowed strings; url NULL: mail waits */
    enum i18n_lang lang;      /* for recipients who chose none */
    unsigned interval_s;      /* seconds between passes */
};

enum taio_status scheduler_start(struct scheduler *s, const char *db_url,
                                 const struct notify_mail *mail,
                                 enum i18n_lang lang, unsigned interval_s);
void scheduler_stop(struct scheduler *s);

#endif
