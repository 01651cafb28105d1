/* SPDX-License-Identifier: MIT */
/*
 * tick.c - the scheduler's cost on the benchmark database (issue 5): one
 * first pass (it sweeps every open case and looks a day back for
 * promises), then n passes at the same second (nothing can be new: the
 * target is under 10 ms) and n passes 30 s apart (what taio serve does),
 * taking turns; beside them, a few agenda_collect calls for the whole team,
 * which is what every pass read before the scheduler remembered its last
 * pass. Everything the passes write (notifications, mail in the outbox,
 * the scheduler's memory) is removed afterwards, so the database stays as
 * generated.
 */
#include "tick.h"

#include "agenda.h"
#include "schedule.h"

/* Calls of agenda_collect for the whole team (each takes long). */
#define TEAM_CALLS 5

static const char *const CLEANUP[] = {
    "DELETE FROM outbox",         "DELETE FROM notifications",
    "DELETE FROM schedule_state", "DELETE FROM case_watch",
};

/* Remove what the passes wrote. */
static enum taio_status cleanup(struct db *db)
{
    enum taio_status status = TAIO_OK;
    for (size_t i = 0; status == TAIO_OK && i < 4; i++) {
        status = db_exec(db, CLEANUP[i]);
    }
    return status;
}

/* One timed pass at at into sample (NULL: into *ns). */
static enum taio_status timed_pass(struct db *db, const struct settings *s,
                                   int64_t at, struct sample *sample,
                                   int64_t *ns, size_t *notified)
{
    struct schedule_counts c = {0};
    int64_t start = sample_clock_ns();
    enum taio_status status = schedule_tick(db, s, I18N_EN, at, &c);
    int64_t took = sample_clock_ns() - start;
    if (sample) {
        sample_add(sample, took);
    } else {
        *ns = took;
    }
    *notified += c.notified;
    return status;
}

/* Measure the scheduler on db at now (see the file comment). */
enum taio_status tick_measure(struct db *db, const struct settings *s,
                              int64_t now, int64_t n,
                              struct tick_results *out)
{
    enum taio_status status = cleanup(db);
    if (status == TAIO_OK) {
        status = timed_pass(db, s, now, NULL, &out->first_ns,
                            &out->first_notified);
    }
    int64_t at = now;
    size_t none = 0;
    for (int64_t i = 0; status == TAIO_OK && i < n; i++) {
        status = timed_pass(db, s, at, &out->idle, NULL, &none);
        at += 30;
        if (status == TAIO_OK) {
            status = timed_pass(db, s, at, &out->every_30s, NULL,
                                &out->notified_30s);
        }
    }
    for (int i = 0; status == TAIO_OK && i < TEAM_CALLS; i++) {
        struct agenda_item *items = NULL;
        size_t count = 0;
        int64_t start = sample_clock_ns();
        status = agenda_collect(db, s, 0, now, &items, &count);
        sample_add(&out->team, sample_clock_ns() - start);
        agenda_free(items, count);
    }
    enum taio_status cleaned = cleanup(db);
    return status == TAIO_OK ? cleaned : status;
}

void tick_results_clear(struct tick_results *r)
{
    sample_clear(&r->idle);
    sample_clear(&r->every_30s);
    sample_clear(&r->team);
}
