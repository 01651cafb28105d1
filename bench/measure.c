/* SPDX-License-Identifier: MIT */
/*
 * measure.c - runs the timed operations side by side: the three ways of
 * writing an intake, and the agenda with its bare queries.
 *
 * The machine is shared and noisy, so no way is measured in one long
 * stretch: the ways take turns in batches (intake: taio, db.h rows, raw
 * C API; agenda: agenda_collect, raw queries), and the order within a
 * round rotates, so a burst of noise or a WAL checkpoint lands on each
 * of them alike. Every operation is timed on its own with the monotonic
 * clock; making its input is not timed. Each way draws its inputs from
 * its own random stream with the same seed, so all ways write the same
 * sequence of intakes and ask for the same sequence of users.
 */
#include "measure.h"

#include <string.h>

#include "agenda.h"
#include "core/log.h"
#include "core/progress.h"
#include "core/tz.h"
#include "intake.h"

/* agenda.c's AGENDA_MAX_LEAD_MIN: promises this far ahead are read. */
#define AGENDA_LEAD_SECONDS (24 * 60 * 60)

/* Seeds of the operation streams (any constants will do). */
#define SEED_WARMUP 7
#define SEED_MEASURE 11

/* The ways an intake is written, in the order of the report. */
enum way {
    WAY_TAIO,
    WAY_DBH,
    WAY_RAW,
    WAY_COUNT,
};

/* The state of one intake measurement. */
struct intake_run {
    struct rng rng[WAY_COUNT]; /* one input stream per way */
    struct actor actor;        /* the intake agent, at now */
    struct intake_rows rows;   /* numbering and authorship for the ways
                                  that write rows themselves */
};

/* Run n intakes the given way, recording each latency in sample (NULL:
 * a warm-up, not recorded). The ways that number cases themselves
 * continue from the year's highest number, read before the batch
 * starts. */
static enum taio_status intake_batch(const struct measure *m,
                                     struct intake_run *run, enum way way,
                                     struct rng *rng, int64_t n,
                                     struct sample *sample)
{
    struct intake_rows rows = run->rows;
    enum taio_status status = TAIO_OK;
    if (way != WAY_TAIO) {
        status = intake_last_seq(m->db, rows.year, &rows.seq);
    }
    for (int64_t k = 0; k < n && status == TAIO_OK; k++) {
        struct intake_spec spec;
        intake_spec_make(rng, m->people, m->now, &spec);
        rows.seq++;
        int64_t started = sample_clock_ns();
        switch (way) {
        case WAY_TAIO:
            status = intake_taio(m->db, m->s, &run->actor, &spec);
            break;
        case WAY_DBH:
            status = intake_dbh(m->db, &spec, &rows);
            break;
        case WAY_RAW:
            status = raw_intake(m->raw, &spec, &rows);
            break;
        case WAY_COUNT:
            break;
        }
        int64_t took = sample_clock_ns() - started;
        if (sample && status == TAIO_OK) {
            sample_add(sample, took);
        }
    }
    return status;
}

/* Measure n intakes each way, in alternating batches of m->batch, after
 * warmup untimed intakes each way. Every intake commits on its own (WAL,
 * synchronous=FULL); they are owned by the intake agent. */
enum taio_status measure_intake(const struct measure *m, int64_t n,
                                int64_t warmup, struct measure_results *out)
{
    struct tz_tm tm;
    tz_local(m->s->zone, m->now, &tm);
    struct intake_run run = {
        .actor = {.user_id = m->people->intake_user, .role = USER_AGENT,
                  .now = m->now},
        .rows = {.year = tm.year, .actor_id = m->people->intake_user,
                 .now = m->now, .remind_min = m->s->promise_lead_min},
    };
    struct sample *samples[WAY_COUNT] = {&out->intake_taio, &out->intake_dbh,
                                         &out->intake_raw};
    enum taio_status status = TAIO_OK;
    struct rng warm;
    rng_seed(&warm, SEED_WARMUP);
    for (int way = 0; way < WAY_COUNT && status == TAIO_OK; way++) {
        status = intake_batch(m, &run, (enum way)way, &warm, warmup, NULL);
    }
    for (int way = 0; way < WAY_COUNT; way++) {
        rng_seed(&run.rng[way], SEED_MEASURE);
    }
    struct progress bar;
    progress_start(&bar, "intake", n);
    int64_t done = 0;
    for (int64_t round = 0; done < n && status == TAIO_OK; round++) {
        int64_t size = n - done < m->batch ? n - done : m->batch;
        for (int turn = 0; turn < WAY_COUNT && status == TAIO_OK; turn++) {
            enum way way = (enum way)((round + turn) % WAY_COUNT);
            status = intake_batch(m, &run, way, &run.rng[way], size,
                                  samples[way]);
        }
        done += size;
        progress_step(&bar, done);
    }
    progress_finish(&bar);
    return status;
}

/* One agenda computation for user_id, timed into sample (NULL: not
 * recorded); the items are counted into *n_items and freed untimed. */
static enum taio_status agenda_once(const struct measure *m, int64_t user_id,
                                    struct sample *sample, size_t *n_items)
{
    struct agenda_item *items = NULL;
    size_t n = 0;
    int64_t started = sample_clock_ns();
    enum taio_status status =
        agenda_collect(m->db, m->s, user_id, m->now, &items, &n);
    int64_t took = sample_clock_ns() - started;
    if (status == TAIO_OK && sample) {
        sample_add(sample, took);
        *n_items += n;
    }
    agenda_free(items, n);
    return status;
}

/* The agenda queries for user_id through the C API, timed into sample
 * (NULL: not recorded); rows read are counted into *n_rows. */
static enum taio_status agenda_raw_once(const struct measure *m,
                                        int64_t user_id,
                                        struct sample *sample,
                                        size_t *n_rows)
{
    int64_t min_cadence = m->s->cadence_min[0];
    for (int i = 1; i < CASE_IMPACT_COUNT; i++) {
        if (m->s->cadence_min[i] < min_cadence) {
            min_cadence = m->s->cadence_min[i];
        }
    }
    struct raw_agenda_args args = {
        .user_id = user_id,
        .promises_until = m->now + AGENDA_LEAD_SECONDS,
        .silent_before = m->now - min_cadence * 60,
        .no_eta_before = m->now - m->s->eta_grace_min * 60,
    };
    size_t n = 0;
    int64_t started = sample_clock_ns();
    enum taio_status status = raw_agenda(m->raw, &args, &n);
    int64_t took = sample_clock_ns() - started;
    if (status == TAIO_OK && sample) {
        sample_add(sample, took);
        *n_rows += n;
    }
    return status;
}

/* Measure n agenda computations, and n runs of its raw queries, for the
 * agents in turn, in alternating batches of m->batch, after warmup
 * untimed calls each way (at least one per agent unless warmup is 0). */
enum taio_status measure_agenda(const struct measure *m, int64_t n,
                                int64_t warmup, struct measure_results *out)
{
    const struct people *pe = m->people;
    enum taio_status status = TAIO_OK;
    size_t ignored = 0;
    if (warmup > 0 && warmup < (int64_t)pe->n_agents) {
        warmup = (int64_t)pe->n_agents; /* every agent once */
    }
    for (int64_t k = 0; k < warmup && status == TAIO_OK; k++) {
        int64_t user = pe->agents[(size_t)k % pe->n_agents];
        status = agenda_once(m, user, NULL, &ignored);
        if (status == TAIO_OK) {
            status = agenda_raw_once(m, user, NULL, &ignored);
        }
    }
    struct progress bar;
    progress_start(&bar, "agenda", n);
    int64_t done = 0;
    for (int64_t round = 0; done < n && status == TAIO_OK; round++) {
        int64_t size = n - done < m->batch ? n - done : m->batch;
        for (int turn = 0; turn < 2 && status == TAIO_OK; turn++) {
            bool is_taio = (round + turn) % 2 == 0;
            for (int64_t k = done; k < done + size && status == TAIO_OK;
                 k++) {
                int64_t user = pe->agents[(size_t)k % pe->n_agents];
                status = is_taio ? agenda_once(m, user, &out->agenda_taio,
                                               &out->agenda_items)
                                 : agenda_raw_once(m, user, &out->agenda_raw,
                                                   &out->agenda_raw_rows);
            }
        }
        done += size;
        progress_step(&bar, done);
    }
    progress_finish(&bar);
    return status;
}

/* Free every sample of r and zero it. Accepts NULL. */
void measure_results_clear(struct measure_results *r)
{
    if (r == NULL) {
        return;
    }
    sample_clear(&r->intake_taio);
    sample_clear(&r->intake_dbh);
    sample_clear(&r->intake_raw);
    sample_clear(&r->agenda_taio);
    sample_clear(&r->agenda_raw);
    memset(r, 0, sizeof(*r));
}
