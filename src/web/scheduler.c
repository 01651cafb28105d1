/* SPDX-License-Identifier: MIT */
/*
 * scheduler.c - the scheduler thread of taio serve.
 *
 * It runs what "taio tick" runs (schedule.c's pass, then notify.c's
 * delivery) on a connection of its own: once at start, so what became due
 * while the server was down is told at once, then every interval. Each
 * pass reads the organisation's settings afresh, so a changed lead time
 * or cadence applies from the next pass. Errors are logged and the next
 * pass tries again; the requests never wait for it.
 */
#include "web/scheduler.h"

#include <errno.h>
#include <time.h>

#include "core/log.h"
#include "core/timeutil.h"
#include "schedule.h"
#include "settings.h"

/* Messages sent at most per pass, so a large backlog cannot hold the
 * store for long; the rest go in the next passes. */
#define PASS_MAX_MAILS 200

/* One pass: notify, then deliver. */
static void pass(struct scheduler *s)
{
    int64_t now = 0;
    struct settings settings = {0};
    enum taio_status status = timeutil_now(&now);
    if (status == TAIO_OK) {
        status = settings_load(s->db, &settings);
    }
    struct schedule_counts counts = {0};
    if (status == TAIO_OK) {
        i18n_use(s->lang);
        status = schedule_tick(s->db, &settings, s->lang, now, &counts);
    }
    struct notify_delivery sent = {0};
    if (status == TAIO_OK) {
        status = notify_deliver(s->db, &s->mail, now, PASS_MAX_MAILS, &sent);
    }
    if (status != TAIO_OK) {
        log_warn("scheduler: the pass failed; the next one tries again");
    } else if (counts.notified || sent.sent || sent.failed || sent.dead) {
        log_info("scheduler: %zu new notifications; mail %zu sent, %zu to "
                 "retry, %zu given up, %zu waiting",
                 counts.notified, sent.sent, sent.failed, sent.dead,
                 sent.waiting);
    }
    settings_clear(&settings);
}

static void *scheduler_main(void *arg)
{
    struct scheduler *s = arg;
    pthread_mutex_lock(&s->lock);
    while (!s->stopping) {
        pthread_mutex_unlock(&s->lock);
        pass(s);
        pthread_mutex_lock(&s->lock);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += s->interval_s;
        while (!s->stopping &&
               pthread_cond_timedwait(&s->wake, &s->lock, &until) !=
                   ETIMEDOUT) {
        }
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

/* Open the scheduler's connection to db_url and start its thread: a pass
 * now, then one every interval_s seconds. mail's strings must outlive
 * the scheduler. */
enum taio_status scheduler_start(struct scheduler *s, const char *db_url,
                                 const struct notify_mail *mail,
                                 enum i18n_lang lang, unsigned interval_s)
{
    *s = (struct scheduler){.mail = *mail, .lang = lang,
                            .interval_s = interval_s ? interval_s : 1};
    enum taio_status status = db_open(db_url, &s->db);
    if (status != TAIO_OK) {
        return status;
    }
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->wake, NULL);
    if (pthread_create(&s->thread, NULL, scheduler_main, s) != 0) {
        log_error("scheduler: cannot start its thread");
        pthread_cond_destroy(&s->wake);
        pthread_mutex_destroy(&s->lock);
        db_close(s->db);
        s->db = NULL;
        return TAIO_EIO;
    }
    s->started = true;
    return TAIO_OK;
}

/* Stop the scheduler after the pass it may be in, and free it. */
void scheduler_stop(struct scheduler *s)
{
    if (!s->started) {
        return;
    }
    pthread_mutex_lock(&s->lock);
    s->stopping = true;
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->lock);
    pthread_join(s->thread, NULL);
    pthread_cond_destroy(&s->wake);
    pthread_mutex_destroy(&s->lock);
    db_close(s->db);
    s->db = NULL;
    s->started = false;
}
